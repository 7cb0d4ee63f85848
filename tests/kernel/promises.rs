//! Every promise on its allowed and its denied side, including the argument rules.
//! The static probe is used so that no loader promise (rpath, prot_exec) blurs a denial.

use crate::util::*;

fn file_in(dir: &tempfile::TempDir, name: &str, content: &str) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, content).unwrap();
    s(&p)
}

#[test]
fn stdio_basics_and_its_limits() {
    if !require_kernel() {
        return;
    }
    probe_run(
        &["-p", "stdio"],
        "getpid :: getppid :: sid :: socketpair :: echo hi :: sleep 1",
    )
    .expect("getpid", "ok")
    .expect("getppid", "ok")
    .expect("socketpair", "ok")
    .expect("sleep", "ok");
    // denied side: files, sockets, fork, other processes
    probe_run(&["-p", "stdio"], "open /etc/hostname O_RDONLY :: socket AF_INET SOCK_STREAM :: fork :: kill parent 0 :: getdents /")
        .expect("open", "EPERM")
        .expect("socket", "EPERM")
        .expect("fork", "EPERM")
        .expect("kill", "EPERM")
        .expect("getdents", "EPERM");
}

#[test]
fn stdio_glibc_fstat_works_but_path_stat_needs_rpath() {
    if !require_kernel() {
        return;
    }
    probe_run(
        &["-p", "stdio"],
        "fstat 1 :: fstatat-empty 1 :: statx-empty 1 :: fstat-raw 1 :: stat /etc",
    )
    .expect("fstat", "ok")
    .expect("fstatat-empty", "ok")
    .expect("statx-empty", "ok")
    .expect("fstat-raw", "ok")
    .expect("stat", "EPERM");
    probe_run(&["-p", "stdio rpath"], "stat /etc").expect("stat", "ok");
}

#[test]
fn stdio_memory_rules() {
    if !require_kernel() {
        return;
    }
    probe_run(
        &["-p", "stdio"],
        "mmap PROT_READ|PROT_WRITE MAP_PRIVATE :: mprotect PROT_READ :: mmap PROT_NONE MAP_PRIVATE|MAP_POPULATE",
    )
    .expect("mmap", "ok")
    .expect("mprotect", "ok");
    let r = probe_run(
        &["-p", "stdio"],
        "mmap PROT_READ|PROT_EXEC MAP_PRIVATE :: mprotect PROT_READ|PROT_EXEC :: pkey_mprotect PROT_READ",
    );
    r.expect("mmap", "EPERM")
        .expect("mprotect", "EPERM")
        .expect("pkey_mprotect", "EPERM");
    let r = probe_run(&["-p", "stdio"], "mmap PROT_READ MAP_PRIVATE|MAP_LOCKED");
    r.expect("mmap", "EPERM");
    // prot_exec unlocks executable memory
    probe_run(
        &["-p", "stdio prot_exec"],
        "mmap PROT_READ|PROT_EXEC MAP_PRIVATE :: mprotect PROT_READ|PROT_EXEC",
    )
    .expect("mmap", "ok")
    .expect("mprotect", "ok");
}

#[test]
fn stdio_fcntl_ioctl_prctl_prlimit_rules() {
    if !require_kernel() {
        return;
    }
    probe_run(
        &["-p", "stdio"],
        "fcntl 1 F_GETFL :: fcntl 1 F_GETFD :: fcntl 2 F_DUPFD_CLOEXEC 3 :: ioctl 1 FIOCLEX :: ioctl 0 FIONBIO",
    )
    .expect("fcntl", "ok")
    .expect("ioctl", "ok");
    let r = probe_run(&["-p", "stdio"], "fcntl 1 F_SETOWN 0 :: fcntl 1 777");
    assert_eq!(
        r.results("fcntl").collect::<Vec<_>>(),
        ["EPERM", "EPERM"],
        "{r}"
    );
    // isatty needs tty
    probe_run(&["-p", "stdio"], "ioctl 0 TCGETS").expect("ioctl", "EPERM");
    probe_run(
        &["-p", "stdio"],
        "prctl PR_SET_NAME 0 :: prctl PR_GET_SECCOMP",
    )
    .expect("prctl", "ok");
    probe_run(&["-p", "stdio"], "prctl PR_SET_DUMPABLE 0").expect("prctl", "EPERM");
    probe_run(&["-p", "stdio"], "prctl PR_SET_PDEATHSIG 9").expect("prctl", "EPERM");
    probe_run(&["-p", "stdio"], "prlimit-get :: setrlimit-nofile 32")
        .expect("prlimit-get", "ok")
        .expect("setrlimit-nofile", "EPERM");
    probe_run(&["-p", "stdio proc"], "setrlimit-nofile 32").expect("setrlimit-nofile", "ok");
    probe_run(&["-p", "stdio id"], "setrlimit-nofile 32").expect("setrlimit-nofile", "ok");
}

#[test]
fn stdio_sendto_needs_a_null_address_checked_on_64_bits() {
    if !require_kernel() {
        return;
    }
    probe_run(
        &["-p", "stdio"],
        "sendto-null :: sendto-addr :: sendto-highnull",
    )
    .expect("sendto-null", "ok")
    .expect("sendto-addr", "EPERM")
    .expect("sendto-highnull", "EPERM");
}

#[test]
fn stdio_threads_yes_fork_no_namespaces_never() {
    if !require_kernel() {
        return;
    }
    probe_run(
        &["-p", "stdio"],
        "thread :: threads 3 getpid :: fork :: vfork",
    )
    .expect("thread", "ok")
    .expect("threads", "ok")
    .expect("fork", "EPERM")
    .expect("vfork", "EPERM");
    probe_run(&["-p", "stdio proc"], "fork :: clone 0")
        .expect("fork", "ok")
        .expect("clone", "ok");
    for flag in [
        "CLONE_NEWUSER",
        "CLONE_NEWNS",
        "CLONE_NEWPID",
        "CLONE_NEWNET",
        "CLONE_NEWUTS",
        "CLONE_NEWIPC",
        "CLONE_NEWCGROUP",
        "CLONE_PTRACE",
    ] {
        probe_run(&["-p", "stdio proc"], &format!("clone {flag}")).expect("clone", "EPERM");
    }
    probe_run(&["-p", "stdio proc"], "unshare CLONE_NEWUSER").expect("unshare", "EPERM");
}

#[test]
fn stdio_signals_only_itself() {
    if !require_kernel() {
        return;
    }
    probe_run(
        &["-p", "stdio"],
        "kill self 0 :: tgkill-self SIGUSR1 :: kill 1 0",
    )
    .expect("tgkill-self", "ok");
    let r = probe_run(&["-p", "stdio"], "kill self 0 :: kill 1 0");
    assert_eq!(
        r.results("kill").collect::<Vec<_>>(),
        ["ok", "EPERM"],
        "{r}"
    );
    // with proc, seccomp allows any pid; Landlock scoping still keeps signals inside
    let r = probe_run(&["-p", "stdio proc"], "kill 1 0 :: kill parent 0");
    assert_eq!(
        r.results("kill").collect::<Vec<_>>(),
        ["EPERM", "EPERM"],
        "{r}"
    );
    probe_run(&["-p", "stdio proc"], "forked kill parent 0").expect("kill", "ok");
}

#[test]
fn rpath_reads_only() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let f = file_in(&d, "f", "data");
    let v = format!("r:{}", s(d.path()));
    probe_run(
        &["-p", "stdio rpath", "-v", &v],
        &format!("open {f} O_RDONLY :: read {f} :: getdents {}", s(d.path())),
    )
    .expect("open", "ok")
    .expect("read", "ok")
    .expect("getdents", "ok");
    for flags in [
        "O_RDWR",
        "O_WRONLY",
        "O_RDONLY|O_TRUNC",
        "O_RDONLY|O_CREAT",
        "O_RDWR|O_TMPFILE",
    ] {
        probe_run(
            &["-p", "stdio rpath", "-v", &v],
            &format!("open {f} {flags}"),
        )
        .expect("open", "EPERM");
    }
    probe_run(
        &["-p", "stdio rpath", "-v", &v],
        &format!("open-legacy {f} O_RDONLY"),
    )
    .expect("open-legacy", "ok");
    probe_run(
        &["-p", "stdio rpath", "-v", &v],
        &format!("open-legacy {f} O_RDWR"),
    )
    .expect("open-legacy", "EPERM");
}

#[test]
fn wpath_writes_existing_files_only() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let f = file_in(&d, "f", "data");
    let v = format!("rw:{}", s(d.path()));
    probe_run(
        &["-p", "stdio wpath", "-v", &v],
        &format!("open {f} O_WRONLY|O_TRUNC :: open {f} O_RDWR"),
    )
    .expect("open", "ok");
    // wpath does not imply rpath, nor create
    probe_run(
        &["-p", "stdio wpath", "-v", &v],
        &format!("open {f} O_RDONLY"),
    )
    .expect("open", "EPERM");
    let new = format!("{}/new", s(d.path()));
    probe_run(
        &["-p", "stdio wpath", "-v", &v],
        &format!("open {new} O_WRONLY|O_CREAT 0644"),
    )
    .expect("open", "EPERM");
    probe_run(
        &["-p", "stdio wpath", "-v", &v],
        &format!("open {} O_RDWR|O_TMPFILE 0600", s(d.path())),
    )
    .expect("open", "EPERM");
}

#[test]
fn cpath_alone_creates_but_never_opens_existing_files() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let f = file_in(&d, "f", "data");
    let dir = s(d.path());
    let v = format!("rwc:{dir}");
    // the reference lets cpath open any existing file read-write: we do not
    probe_run(
        &["-p", "stdio cpath", "-v", &v],
        &format!("open {f} O_RDWR"),
    )
    .expect("open", "EPERM");
    probe_run(
        &["-p", "stdio cpath", "-v", &v],
        &format!("open {f} O_WRONLY|O_CREAT|O_TRUNC 0644"),
    )
    .expect("open", "EPERM");
    probe_run(&["-p", "stdio cpath", "-v", &v], &format!("open {dir}/n1 O_WRONLY|O_CREAT|O_EXCL 0644 :: mkdir {dir}/sub :: rmdir {dir}/sub :: unlink {dir}/n1"))
        .expect("open", "ok")
        .expect("mkdir", "ok")
        .expect("rmdir", "ok")
        .expect("unlink", "ok");
    probe_run(
        &["-p", "stdio cpath", "-v", &v],
        &format!("open {dir}/n2 O_WRONLY|O_CREAT|O_EXCL 04644"),
    )
    .expect("open", "EPERM");
    // wpath + cpath: create-or-truncate, creat()
    probe_run(
        &["-p", "stdio wpath cpath", "-v", &v],
        &format!("open {f} O_WRONLY|O_CREAT|O_TRUNC 0644 :: creat {dir}/n3 0644"),
    )
    .expect("open", "ok")
    .expect("creat", "ok");
    probe_run(
        &["-p", "stdio cpath", "-v", &v],
        &format!("creat {dir}/n4 0644"),
    )
    .expect("creat", "EPERM");
    // without cpath nothing is created
    probe_run(
        &["-p", "stdio rpath wpath", "-v", &v],
        &format!("mkdir {dir}/x :: unlink {f}"),
    )
    .expect("mkdir", "EPERM")
    .expect("unlink", "EPERM");
}

#[test]
fn chmod_never_sets_setid_bits() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let f = file_in(&d, "f", "data");
    let v = format!("rw:{}", s(d.path()));
    // (by path only without unveil: see unveil.rs for why)
    for promises in ["stdio wpath", "stdio fattr"] {
        probe_run(
            &["-V", "-p", promises],
            &format!("chmod {f} 0700 :: fchmodat {f} 0640"),
        )
        .expect("chmod", "ok")
        .expect("fchmodat", "ok");
        for mode in ["04700", "02700", "01700", "07700"] {
            probe_run(&["-V", "-p", promises], &format!("chmod {f} {mode}"))
                .expect("chmod", "EPERM");
        }
    }
    probe_run(
        &["-p", "stdio rpath fattr", "-v", &v],
        &format!("fchmod {f} 0600 :: fchmod {f} 04600"),
    )
    .expect("fchmod", "ok");
    probe_run(&["-p", "stdio rpath", "-v", &v], &format!("chmod {f} 0600"))
        .expect("chmod", "EPERM");
}

#[test]
fn dpath_flock_fattr_chown() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let dir = s(d.path());
    let f = file_in(&d, "f", "data");
    let v = format!("rwc:{dir}");
    probe_run(
        &["-p", "stdio dpath", "-v", &v],
        &format!("mkfifo {dir}/fifo"),
    )
    .expect("mkfifo", "ok");
    probe_run(
        &["-p", "stdio cpath", "-v", &v],
        &format!("mkfifo {dir}/fifo2"),
    )
    .expect("mkfifo", "EPERM");
    probe_run(
        &["-p", "stdio rpath flock", "-v", &v],
        &format!("flock {f}"),
    )
    .expect("flock", "ok");
    probe_run(&["-p", "stdio rpath", "-v", &v], &format!("flock {f}")).expect("flock", "EPERM");
    probe_run(
        &["-p", "stdio rpath wpath flock", "-v", &v],
        &format!("fcntl-lock {f}"),
    )
    .expect("fcntl-lock", "ok");
    probe_run(
        &["-p", "stdio rpath wpath", "-v", &v],
        &format!("fcntl-lock {f}"),
    )
    .expect("fcntl-lock", "EPERM");
    probe_run(&["-V", "-p", "stdio fattr"], &format!("utimensat {f}")).expect("utimensat", "ok");
    probe_run(&["-V", "-p", "stdio"], &format!("utimensat {f}")).expect("utimensat", "EPERM");
    // chown to the owner it already has (root may do so without capabilities)
    probe_run(&["-V", "-p", "stdio chown"], &format!("chown {f} 0 0")).expect("chown", "ok");
    probe_run(&["-V", "-p", "stdio"], &format!("chown {f} 0 0")).expect("chown", "EPERM");
    // on a descriptor they stay allowed with unveil on
    probe_run(&["-p", "stdio chown", "-v", &v], "fchown 1 0 0").expect("fchown", "ok");
}

#[test]
fn inet_sockets_families_and_types() {
    if !require_kernel() {
        return;
    }
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let r = probe_run(
        &["-p", "stdio inet"],
        &format!(
            "socket AF_INET SOCK_STREAM :: socket AF_INET6 SOCK_DGRAM IPPROTO_UDP :: socket AF_INET SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK :: tcp-connect 127.0.0.1 {port} :: udp-send 127.0.0.1 9 :: ioctl 0 SIOCATMARK"
        ),
    );
    assert!(r.results("socket").all(|x| x == "ok"), "{r}");
    r.expect("tcp-connect", "ok").expect("udp-send", "ok");
    assert_ne!(
        r.result("ioctl"),
        "EPERM",
        "SIOCATMARK is allowed by inet\n{r}"
    );
    for args in [
        "AF_UNIX SOCK_STREAM",
        "AF_INET SOCK_RAW IPPROTO_RAW",
        "AF_PACKET SOCK_RAW",
        "AF_BLUETOOTH SOCK_STREAM",
        "AF_INET SOCK_STREAM 99",
    ] {
        probe_run(&["-p", "stdio inet"], &format!("socket {args}")).expect("socket", "EPERM");
    }
    probe_run(&["-p", "stdio"], &format!("tcp-connect 127.0.0.1 {port}"))
        .expect("tcp-connect", "EPERM");
    // socket options: intended pairs only
    probe_run(
        &["-p", "stdio inet"],
        "setsockopt SOL_SOCKET SO_REUSEADDR :: getsockopt SOL_SOCKET SO_ERROR",
    )
    .expect("setsockopt", "ok")
    .expect("getsockopt", "ok");
    for opt in ["SOL_SOCKET SO_RCVBUF", "SOL_SOCKET SO_ATTACH_FILTER"] {
        probe_run(&["-p", "stdio inet"], &format!("setsockopt {opt}"))
            .expect("setsockopt", "EPERM");
    }
    drop(listener);
}

#[test]
fn anet_serves_but_never_connects() {
    if !require_kernel() {
        return;
    }
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    probe_run(
        &["-p", "stdio anet"],
        "socket AF_INET SOCK_STREAM :: tcp-listen 0",
    )
    .expect("socket", "ok")
    .expect("tcp-listen", "ok");
    probe_run(&["-p", "stdio anet"], "socket AF_INET SOCK_DGRAM").expect("socket", "EPERM");
    probe_run(
        &["-p", "stdio anet"],
        &format!("tcp-connect 127.0.0.1 {port}"),
    )
    .expect("tcp-connect", "EPERM");
}

#[test]
fn unix_sockets_only_stream_and_dgram() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let sock = format!("{}/s", s(d.path()));
    let v = format!("rwc:{}", s(d.path()));
    probe_run(&["-p", "stdio unix", "-v", &v], &format!("socket AF_UNIX SOCK_STREAM :: socket AF_UNIX SOCK_DGRAM|SOCK_CLOEXEC :: unix-listen {sock}"))
        .expect("socket", "ok")
        .expect("unix-listen", "ok");
    probe_run(&["-p", "stdio unix"], "socket AF_UNIX SOCK_SEQPACKET").expect("socket", "EPERM");
    probe_run(&["-p", "stdio unix"], "socket AF_INET SOCK_STREAM").expect("socket", "EPERM");
}

#[test]
fn dns_resolver_files_and_udp() {
    if !require_kernel() {
        return;
    }
    probe_run(
        &["-p", "stdio dns"],
        "socket AF_INET SOCK_DGRAM :: read /etc/hosts :: read /etc/resolv.conf",
    )
    .expect("socket", "ok")
    .expect("read", "ok");
    probe_run(&["-p", "stdio"], "read /etc/hosts").expect("read", "EPERM");
}

#[test]
fn tty_allows_terminal_ioctls() {
    if !require_kernel() {
        return;
    }
    // stdin is /dev/null: the ioctl reaches the kernel (ENOTTY) only when the filter allows it
    probe_run(&["-p", "stdio tty"], "ioctl 0 TIOCGWINSZ").expect("ioctl", "ENOTTY");
    probe_run(&["-p", "stdio"], "ioctl 0 TIOCGWINSZ").expect("ioctl", "EPERM");
}

#[test]
fn recvfd_sendfd() {
    if !require_kernel() {
        return;
    }
    // recvmsg(-1, NULL, 0) and sendmsg(-1, NULL, 0): EBADF when allowed
    probe_run(&["-p", "stdio recvfd"], "raw 47 -1 0 0").expect("raw", "EBADF");
    probe_run(&["-p", "stdio sendfd"], "raw 46 -1 0 0").expect("raw", "EBADF");
    probe_run(&["-p", "stdio"], "raw 47 -1 0 0 :: raw 46 -1 0 0").expect("raw", "EPERM");
}

#[test]
fn id_settime_unveil_netlink() {
    if !require_kernel() {
        return;
    }
    probe_run(&["-p", "stdio id"], "setuid 0").expect("setuid", "ok");
    probe_run(&["-p", "stdio"], "setuid 0").expect("setuid", "EPERM");
    // without CAP_SYS_TIME the kernel refuses with EPERM: the filter's verdict shows under -k
    let r = probe_run(&["-k", "-p", "stdio settime"], "settimeofday");
    assert_eq!(
        r.code, 1,
        "allowed by the filter, refused by the kernel\n{r}"
    );
    let r = probe_run(&["-k", "-p", "stdio"], "settimeofday");
    assert_eq!(r.code, 128 + libc::SIGSYS, "{r}");
    probe_run(&["-p", "stdio unveil"], "landlock-abi").expect("landlock-abi", "ok");
    probe_run(&["-p", "stdio"], "landlock-abi").expect("landlock-abi", "EPERM");
    probe_run(&["-p", "stdio netlink"], "netlink-route").expect("netlink-route", "ok");
    probe_run(&["-p", "stdio inet"], "netlink-route").expect("netlink-route", "EPERM");
}

#[test]
fn vminfo_and_tmppath_unveil_their_files() {
    if !require_kernel() {
        return;
    }
    probe_run(
        &["-p", "stdio rpath vminfo"],
        "read /proc/meminfo :: read /proc/cpuinfo",
    )
    .expect("read", "ok");
    probe_run(&["-p", "stdio rpath"], "read /proc/meminfo").expect("read", "EACCES");
    let f = tempfile::NamedTempFile::new_in("/tmp").unwrap();
    let p = s(f.path());
    probe_run(&["-p", "stdio tmppath"], &format!("unlink {p}")).expect("unlink", "ok");
    std::fs::write(&p, "x").unwrap();
    probe_run(&["-p", "stdio tmppath"], &format!("open {p} O_RDONLY")).expect("open", "EPERM");
    let _ = std::fs::remove_file(&p);
}

#[test]
fn exec_promise_runs_programs() {
    if !require_kernel() {
        return;
    }
    let r = probe_run(
        &["-p", "stdio exec", "-v", "rx:/usr/bin"],
        &format!("exec {} exit 42", s(probe_static())),
    );
    assert_eq!(r.code, 42, "{r}");
}

#[test]
fn empty_promises_allow_only_exit() {
    if !require_kernel() {
        return;
    }
    // A glibc program cannot even allocate its TLS under "" (brk and mmap are denied); it
    // gives up through exit_group, which stays allowed, instead of crashing in _exit.
    let r = probe_run(&["-p", ""], "echo hi");
    assert_eq!((r.code, r.stdout.as_str()), (127, ""), "{r}");
    // Said before the run, so the failure that follows is explained.
    assert!(
        r.stderr.starts_with(
            "seccomp-pledge: warning: no promises (-p ''): the program may only exit, as under OpenBSD's pledge(\"\")"
        ),
        "{r}"
    );
}
