//! Command-line behaviour: bad input gets one clear line and exit 125 with nothing run;
//! `check`, `-T`, seed compatibility flags, explicit rules, policy files, foreign ELF.

use std::path::Path;
use std::process::Command;

use crate::text_cmp::assert_text;
use crate::util::*;

/// Runs a bad command line that would create `marker` if anything ran, and checks the
/// one-line error: `want` is the whole of stderr (`$DIR` the directory of the marker), which
/// holds `needle`.
#[track_caller]
fn refused(args: &[&str], needle: &str, want: &str) -> Run {
    let d = tempdir();
    let marker = d.path().join("ran");
    let mut a: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    a.extend(["--".into(), "/usr/bin/touch".into(), s(&marker)]);
    let r = sp(&a);
    assert_eq!(r.code, 125, "{r}");
    assert!(!marker.exists(), "nothing may run on bad input\n{r}");
    let first = r.stderr.lines().next().unwrap_or_default();
    assert!(first.starts_with("seccomp-pledge: error: "), "{r}");
    assert!(want.contains(needle), "expected `{needle}` in the message");
    assert!(
        r.stderr.lines().count() <= 2,
        "one error line and at most a hint\n{r}"
    );
    assert_text(&r.stderr, want, d.path());
    r
}

#[test]
fn bad_input_is_one_clear_line_and_exit_125() {
    refused(
        &["-p", "stdio inte"],
        "unknown promise `inte`",
        "\
seccomp-pledge: error: invalid -p `stdio inte`: unknown promise `inte`
  hint: did you mean `inet`?
",
    );
    refused(&["-v", "rwz:/tmp"], "bad permission letter `z`", "\
seccomp-pledge: error: invalid -v `rwz:/tmp`: bad permission letter `z` in `rwz`: use letters from `rwxc`
");
    refused(&["-v", ":/tmp"], "empty permission set", "\
seccomp-pledge: error: invalid -v `:/tmp`: empty permission set: give letters from `rwxc` (e.g. `r:/usr`), or no colon for `r`
");
    refused(
        &["-M", "4x"],
        "invalid value for -M: `4x` is not a size",
        "\
seccomp-pledge: error: invalid value for -M: `4x` is not a size: a number with an optional suffix k, m, g, t, p or e (powers of 1024), e.g. `4g`, or `unlimited` or `inherit`
",
    );
    refused(&["-O", "lots"], "invalid value for -O", "\
seccomp-pledge: error: invalid value for -O: `lots` is not a count: a whole number, `unlimited` or `inherit`
");
    refused(&["-C", "1.5"], "invalid value for -C", "\
seccomp-pledge: error: invalid value for -C: `1.5` is not a number of seconds: a whole number, `unlimited` or `inherit`
");
    refused(
        &["--frobnicate"],
        "unexpected argument '--frobnicate'",
        "\
seccomp-pledge: error: unexpected argument '--frobnicate' found
  hint: to pass '--frobnicate' as a value, use '-- --frobnicate'
",
    );
    refused(
        &["-Z"],
        "unexpected argument '-Z'",
        "\
seccomp-pledge: error: unexpected argument '-Z' found
  hint: to pass '-Z' as a value, use '-- -Z'
",
    );
    refused(
        &["--allow", "opneat"],
        "unknown syscall `opneat`",
        "\
seccomp-pledge: error: invalid --allow `opneat`: unknown syscall `opneat`
  hint: did you mean `openat`?
",
    );
    refused(
        &["--allow", "ioctl if arg1 == TIOCGWINZS"],
        "unknown constant `TIOCGWINZS`",
        "\
seccomp-pledge: error: invalid --allow `ioctl if arg1 == TIOCGWINZS`: unknown constant `TIOCGWINZS`
  hint: did you mean `TIOCGWINSZ`?
",
    );
    refused(
        &["--deny", "socket errno 0"],
        "errno 0 is out of range",
        "\
seccomp-pledge: error: invalid --deny `socket errno 0`: errno 0 is out of range
  hint: use 1 to 4095, or a name such as EPERM
",
    );
    refused(
        &["--allow", "ioctl if arg7 == 1"],
        "argument index 7 is out of range",
        "\
seccomp-pledge: error: invalid --allow `ioctl if arg7 == 1`: argument index 7 is out of range in `arg7`
  hint: syscalls have arguments arg0 to arg5
",
    );
    refused(&["--remote"], "--remote is not supported", "\
seccomp-pledge: error: --remote is not supported: seccomp-pledge never downloads an engine; promises and unveil are enforced by the built-in engine
  hint: drop --remote (or use --local, which is the default)
");
    // Errors name the real cause (a limit's minimum, an overflow, an empty promise list).
    refused(&["-O", "4"], "-O 4 is too small: ", "\
seccomp-pledge: error: -O 4 is too small: the sandbox needs descriptors 0-4 while it starts the program (stdin, stdout, stderr, its own, and the seccomp listener, which must be numbered below the limit); the smallest -O is 5
");
    refused(&["-O", "1"], "the smallest -O is 5", "\
seccomp-pledge: error: -O 1 is too small: the sandbox needs descriptors 0-4 while it starts the program (stdin, stdout, stderr, its own, and the seccomp listener, which must be numbered below the limit); the smallest -O is 5
");
    refused(&["-M", "0"], "-M 0 is too small: ", "\
seccomp-pledge: error: -M 0 is too small: the kernel cannot map a program's stack and image in less than 1 MiB of address space; the smallest -M is 1m
");
    refused(
        &["-M", "99999999999999999999g"],
        "`99999999999999999999g` is too large: a size is at most 16e",
        "\
seccomp-pledge: error: invalid value for -M: `99999999999999999999g` is too large: a size is at most 16e (2^64-1 bytes) (or use `unlimited`)
",
    );
    refused(
        &["-O", "99999999999999999999"],
        "`99999999999999999999` is too large: a count is at most",
        "\
seccomp-pledge: error: invalid value for -O: `99999999999999999999` is too large: a count is at most 18446744073709551615 (or use `unlimited`)
",
    );
    refused(
        &["--deny", "write errno 99999999999999999999"],
        "errno 99999999999999999999 is out of range",
        "\
seccomp-pledge: error: invalid --deny `write errno 99999999999999999999`: errno 99999999999999999999 is out of range
  hint: use 1 to 4095, or a name such as EPERM
",
    );
    // Modes that run nothing refuse a program and run flags instead of ignoring them.
    refused(
        &["--check"],
        "--check runs no program: the program `/usr/bin/touch`",
        "\
seccomp-pledge: error: --check runs no program: the program `/usr/bin/touch` cannot be used with it
  hint: give --check alone, or drop it to run the program
",
    );
    refused(
        &["-T", "pledge", "-p", "stdio"],
        "-T runs no program: -p, the program",
        "\
seccomp-pledge: error: -T runs no program: -p, the program `/usr/bin/touch` cannot be used with it
  hint: give -T alone, or drop it to run the program
",
    );
    refused(
        &["--api", "-k"],
        "--api runs no program: -k, the program",
        "\
seccomp-pledge: error: --api runs no program: -k, the program `/usr/bin/touch` cannot be used with it
  hint: give --api alone, or drop it to run the program
",
    );
    refused(
        &["-p", "stdio", "-v", "r:/definitely/missing"],
        "cannot unveil `/definitely/missing`",
        "\
seccomp-pledge: error: cannot unveil `/definitely/missing`: No such file or directory (os error 2)
  hint: `/definitely/missing` does not exist; Landlock grants only paths that exist. For what the program creates there, unveil the directory it is created in: `rc:/`
",
    );
    // an empty command
    let r = sp(&["-p", "stdio"]);
    assert_eq!(r.code, 125, "{r}");
    assert_text(
        &r.stderr,
        "\
seccomp-pledge: error: no command to run
  hint: give a program and its arguments, e.g. `seccomp-pledge -p 'stdio rpath' -- ls`
",
        Path::new(""),
    );
}

#[test]
fn a_program_that_cannot_start_under_dash_m_is_explained() {
    let r = sp(&["-P", "unlimited", "-M", "2m", "--", "/bin/true"]);
    assert_eq!(r.code, 127, "{r}");
    // The loader's own error comes before the tool's lines.
    assert_text(
        &without_audit_lines(&tool_lines(&r.stderr)),
        "seccomp-pledge: note: the program ended before it could start: -M 2m is probably too little address space for it and its libraries (try a larger -M, e.g. -M 256m)\n",
        Path::new(""),
    );
    // Enough address space: no note.
    let r = sp(&["-P", "unlimited", "-M", "256m", "--", "/bin/true"]);
    assert_eq!(r.code, 0, "{r}");
    assert_text(&r.stderr, "", Path::new(""));
}

#[test]
fn dash_t_and_check() {
    assert_eq!(sp(&["-T", "pledge"]).code, 0);
    assert_eq!(sp(&["-T", "unveil"]).code, 0);
    let r = sp(&["-T", "frobs"]);
    assert_eq!(r.code, 125, "{r}");
    let r = sp(&["check"]);
    assert_eq!(r.code, 0, "{r}");
    // What the kernel offers differs per machine: the lines are named, not compared whole.
    for word in [
        "seccomp filters",
        "user notification",
        "landlock",
        "bpf jit",
        "x32 syscalls",
        "i386 syscalls",
    ] {
        assert!(r.stdout.contains(word), "{word}\n{r}");
    }
    let r = sp(&["--check", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["seccomp"], true);
    assert!(
        v["actions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "user_notif")
    );
    assert!(
        v["filter_flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "NEW_LISTENER")
    );
    assert!(v["landlock_abi"].as_i64().unwrap() >= 1);
}

#[test]
fn seed_compatibility_flags() {
    if !require_kernel() {
        return;
    }
    let r = sp(&[
        "--no-check",
        "--local",
        "--no-api",
        "-p",
        "stdio",
        "--",
        &s(probe_static()),
        "echo",
        "x",
    ]);
    assert_eq!(r.code, 0, "{r}");
    // `--api` serves the command API: tested in api.rs.
}

#[test]
fn explicit_rules_combine_with_promises() {
    if !require_kernel() {
        return;
    }
    let r = probe_run(
        &[
            "-p",
            "stdio inet",
            "--deny",
            "socket if arg0 == AF_INET errno EACCES",
        ],
        "socket AF_INET SOCK_STREAM :: socket AF_INET6 SOCK_STREAM",
    );
    assert_eq!(
        r.results("socket").collect::<Vec<_>>(),
        ["EACCES", "ok"],
        "{r}"
    );
    // an allow rule adds what no promise has; argument conditions apply
    probe_run(
        &["-p", "stdio", "--allow", "ioctl if arg1 == TIOCGWINSZ"],
        "ioctl 0 TIOCGWINSZ :: ioctl 0 TCGETS",
    )
    .expect("ioctl", "ENOTTY");
    let r = probe_run(
        &["-p", "stdio", "--allow", "ioctl if arg1 == TIOCGWINSZ"],
        "ioctl 0 TCGETS",
    );
    r.expect("ioctl", "EPERM");
    // a deny rule's errno replaces the penalty for a call nothing allows
    probe_run(
        &["-p", "stdio", "--deny", "socket errno EAFNOSUPPORT"],
        "socket AF_INET SOCK_STREAM",
    )
    .expect("socket", "EAFNOSUPPORT");
    // deny without an action uses the penalty (-k: kill)
    let r = probe_run(
        &["-k", "-p", "stdio", "--deny", "getppid"],
        "getpid :: getppid",
    );
    assert_eq!(r.code, 128 + libc::SIGSYS, "{r}");
}

#[test]
fn policy_files_are_read_and_flags_add_to_them() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let f = d.path().join("p.json");
    std::fs::write(
        &f,
        r#"{"version":1,"promises":["stdio"],"rules":[{"syscall":"socket","args":[{"index":0,"type":"dword","op":"eq","val":2}],"action":{"errno":13}}]}"#,
    )
    .unwrap();
    let r = probe_run(
        &["--policy", &s(&f), "-p", "inet"],
        "socket AF_INET SOCK_STREAM :: socket AF_INET6 SOCK_STREAM",
    );
    assert_eq!(
        r.results("socket").collect::<Vec<_>>(),
        ["EACCES", "ok"],
        "{r}"
    );
    std::fs::write(&f, r#"{"version":1,"promises":["stdio"],"bogus":true}"#).unwrap();
    let r = sp(&["--policy", &s(&f), "--", "/bin/true"]);
    assert_eq!(r.code, 125, "{r}");
    assert_text(&r.stderr, "\
seccomp-pledge: error: cannot load policy `$DIR/p.json`: unknown field `bogus`, expected one of `version`, `promises`, `exec_promises`, `unveil`, `net`, `rules`, `penalty`, `limits`, `options` at line 1 column 41
", d.path());
}

#[test]
fn foreign_elf_is_refused_before_it_runs() {
    let d = tempdir();
    let p = d.path().join("elf32");
    write_elf32(&p);
    let r = sp(&["-p", "stdio", "--", &s(&p)]);
    assert_eq!(r.code, 125, "{r}");
    assert_text(&r.stderr, "\
seccomp-pledge: error: cannot confine `$DIR/elf32`: it is a 32-bit ELF for x86 (i386); its system calls use another ABI, which every seccomp-pledge filter kills (only x86_64 programs can run)
  hint: run a 64-bit x86_64 build of the program
", d.path());
}

/// Runs `seccomp-pledge ARGS…` with stdout and stderr on one pipe (as on a terminal) and
/// `input` on stdin: what appears, in order.
fn merged(args: &[&str], input: &str) -> String {
    use std::io::Write;
    // The shell only joins stderr to stdout and execs the binary.
    let mut child = Command::new("/bin/sh")
        .arg("-c")
        .arg("exec \"$0\" \"$@\" 2>&1")
        .arg(bin())
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{text}");
    text
}

#[test]
fn a_launch_warning_comes_before_the_program_output_one_shot_and_in_the_shell() {
    if !require_kernel() {
        return;
    }
    // SAFETY: getuid has no preconditions.
    let uid = unsafe { libc::getuid() };
    assert_eq!(uid, 0, "this test needs root (its warning)");
    let warning = format!(
        "seccomp-pledge: warning: {}\n",
        seccomp_pledge::ROOT_NPROC_WARNING
    );
    let none = std::path::Path::new("");
    let text = merged(&["-p", "stdio rpath", "--", "/bin/echo", "hello"], "");
    crate::text_cmp::assert_text(&text, &format!("{warning}hello\n"), none);
    let text = merged(&[], "promise stdio rpath\nrun /bin/echo hello\n");
    crate::text_cmp::assert_text(
        &text,
        &format!("promises: stdio rpath\n{warning}hello\nnote: `/bin/echo` exited with status 0\n"),
        none,
    );
}

#[test]
fn dash_u_and_dash_g_drop_privileges_for_good() {
    if !require_kernel() {
        return;
    }
    // SAFETY: getuid has no preconditions.
    let uid = unsafe { libc::getuid() };
    assert_eq!(uid, 0, "this test needs root");
    let none = std::path::Path::new("");
    // The attack first: a program run as root can make itself root again (and stays in
    // root's groups).
    probe_run(&["-p", "stdio id"], "setuid 0").expect("setuid", "ok");
    // Under -u/-g it cannot: the ids are the ones asked for, all three of each.
    probe_run(
        &["-p", "stdio id", "-u", "65534", "-g", "65534"],
        "setuid 0",
    )
    .expect("setuid", "EPERM");
    // seccomp-pledge itself runs with a supplementary group (4243), which the program
    // keeps unless -u/-g clear it.
    for (flags, want) in [
        (&[][..], "0 0 0 4243"),
        (&["-u", "65534", "-g", "65534"][..], "65534 65534 65534"),
        // -u alone: the user's own group, not root's; the supplementary groups cleared.
        (&["-u", "nobody"][..], "65534 65534 65534"),
        (&["-g", "4242"][..], "0 4242 4242"),
    ] {
        let mut args = vec![
            "-p",
            "stdio rpath proc exec",
            "-v",
            "rx:/usr",
            "-P",
            "unlimited",
        ];
        args.extend_from_slice(flags);
        args.extend_from_slice(&[
            "--",
            "/bin/sh",
            "-c",
            "echo $(/usr/bin/id -u) $(/usr/bin/id -g) $(/usr/bin/id -G)",
        ]);
        let r = sp_cmd(&args, |c| {
            let mut wrapped = Command::new("setpriv");
            wrapped
                .args(["--groups", "4243"])
                .arg(c.get_program())
                .args(c.get_args())
                .stdin(std::process::Stdio::null());
            *c = wrapped;
        });
        assert_eq!(r.code, 0, "{flags:?}\n{r}");
        crate::text_cmp::assert_text(&r.stdout, &format!("{want}\n"), none);
    }
    // As the program is not root, the default process limit applies: no -P warning.
    let r = sp(&["-p", "stdio", "-u", "65534", "--", "/bin/true"]);
    crate::text_cmp::assert_text(&r.stderr, "", none);
    // Bad input: one clear line, nothing run.
    refused(
        &["-u", "no-such-user"],
        "no such user",
        "seccomp-pledge: error: invalid -u `no-such-user`: no such user in /etc/passwd (give a number, or a name listed there)\n",
    );
    refused(
        &["-u", "4242"],
        "its group is unknown",
        "seccomp-pledge: error: -u 4242: /etc/passwd has no uid 4242, so its group is unknown\n  hint: give the group too: -g GID\n",
    );
    // Not root: refused before anything runs.
    let d = tempdir();
    let marker = d.path().join("ran");
    let out = std::process::Command::new("setpriv")
        .args(["--reuid", "65534", "--regid", "65534", "--clear-groups"])
        .arg(bin())
        .args(["-u", "0", "--", "/usr/bin/touch"])
        .arg(&marker)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(125));
    assert!(!marker.exists());
    crate::text_cmp::assert_text(
        &String::from_utf8_lossy(&out.stderr),
        "seccomp-pledge: error: -u drops privileges, which needs root: seccomp-pledge runs as uid 65534\n  hint: run it as root, or drop -u\n",
        none,
    );
}

/// A directory to chroot into: the static probe as /bin/probe, the dynamic one as
/// /bin/probe-dyn with the libraries `ldd` names at their paths (and the loader in
/// /lib/x86_64-linux-gnu too, where glibc looks for the marker's dependency), and /etc/msg.
fn jail() -> tempfile::TempDir {
    let d = tempdir();
    let put = |from: &Path, to: &str| {
        let dst = d.path().join(to.trim_start_matches('/'));
        std::fs::create_dir_all(dst.parent().unwrap()).unwrap();
        std::fs::copy(from, &dst).unwrap();
    };
    put(probe_static(), "/bin/probe");
    put(probe(), "/bin/probe-dyn");
    let ldd = std::process::Command::new("ldd")
        .arg(probe())
        .output()
        .unwrap();
    for lib in String::from_utf8_lossy(&ldd.stdout)
        .split_whitespace()
        .filter(|w| w.starts_with('/'))
    {
        put(Path::new(lib), lib);
        if lib.contains("/ld-linux") {
            put(Path::new(lib), "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
        }
    }
    std::fs::create_dir_all(d.path().join("etc")).unwrap();
    std::fs::write(d.path().join("etc/msg"), "inside\n").unwrap();
    d
}

/// `-c DIR` (pledge.com's chroot): the program, its libraries and the unveils are found
/// inside DIR, and the program cannot get out: the classic escape (chroot into a
/// subdirectory, climb, chroot again), shown to work under chroot(8) first, fails whether
/// or not seccomp allows chroot(2) and capabilities are kept (-D).
#[test]
fn dash_c_runs_the_program_chrooted_and_it_stays_there() {
    if !require_kernel() {
        return;
    }
    let j = jail();
    let dir = s(j.path());
    // seccomp-pledge -P unlimited -c DIR ARGS…
    let in_jail = |args: &[&str]| {
        let mut all = vec!["-P", "unlimited", "-c", &dir];
        all.extend_from_slice(args);
        sp(&all)
    };
    let host = tempdir();
    let secret = host.path().join("secret");
    std::fs::write(&secret, "HOST-SECRET").unwrap();
    let secret = s(&secret);
    // Unconfined, under chroot(8): out and reading the host's file.
    let free =
        run_command(Command::new("chroot").args([&dir, "/bin/probe", "chroot-escape", &secret]));
    assert_eq!(free.result("chroot-escape"), "ok", "{free}");
    assert!(free.stdout.contains("HOST-SECRET"), "{free}");
    // Inside: its own /etc, none of the host's paths, / as working directory.
    let r = in_jail(&[
        "-p",
        "stdio rpath",
        "-v",
        "r:/etc/msg",
        "--",
        "/bin/probe",
        "cat",
        "/etc/msg",
        "::",
        "stat",
        &secret,
        "::",
        "getcwd",
    ]);
    assert_eq!(r.code, 1, "{r}");
    r.expect("cat", "ok")
        .expect("stat", "ENOENT")
        .expect("getcwd", "ok");
    assert!(
        r.stdout.contains("inside") && r.stdout.contains("getcwd ok /\n"),
        "{r}"
    );
    for extra in [&[][..], &["-D"][..]] {
        let mut args = vec![
            "-p",
            "stdio rpath cpath",
            "-v",
            "rwc:/",
            "--allow",
            "chroot",
        ];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--", "/bin/probe", "chroot-escape", &secret]);
        let r = in_jail(&args);
        assert_ne!(r.result("chroot-escape"), "ok", "{extra:?}: {r}");
        assert!(!r.stdout.contains("HOST-SECRET"), "{extra:?}: {r}");
    }
    // A dynamic program narrowed after its loader needs /proc inside: refused without it,
    // before anything runs; with /proc mounted there it runs with exactly its promises.
    let refused = in_jail(&["-p", "stdio rpath", "--", "/bin/probe-dyn", "getpid"]);
    assert_eq!(refused.code, 125, "{refused}");
    assert_text(
        &refused.stderr,
        &format!(
            "seccomp-pledge: error: -c {dir}: `/bin/probe-dyn`'s dynamic loader would load seccomp-pledge's marker through /proc/self/fd, and there is no /proc in the directory: mount one there (`mount -t proc proc {dir}/proc`), or promise prot_exec\n"
        ),
        j.path(),
    );
    let proc_dir = j.path().join("proc");
    std::fs::create_dir_all(&proc_dir).unwrap();
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let mounted = Command::new("mount")
        .args(["-t", "proc", "proc"])
        .arg(&proc_dir)
        .status()
        .unwrap();
    assert!(mounted.success());
    let _unmount = Unmount(proc_dir);
    let r = in_jail(&[
        "-p",
        "stdio rpath",
        "-v",
        "r:/etc/msg",
        "--",
        "/bin/probe-dyn",
        "cat",
        "/etc/msg",
        "::",
        "mmap",
        "PROT_READ|PROT_EXEC",
        "MAP_PRIVATE",
    ]);
    r.expect("cat", "ok").expect("mmap", "EPERM");
    assert!(!r.stderr.contains("ld.so"), "the marker loaded: {r}");
    // Bad input.
    let r = sp(&[
        "-c",
        "/nonexistent-dir",
        "-p",
        "stdio",
        "--",
        "/bin/probe",
        "getpid",
    ]);
    assert_eq!(r.code, 125, "{r}");
    assert_text(
        &r.stderr,
        "seccomp-pledge: error: invalid -c `/nonexistent-dir`: No such file or directory (os error 2) (give the directory to run the program chrooted in)\n",
        j.path(),
    );
    let file = format!("{dir}/etc/msg");
    let r = sp(&["-c", &file, "-p", "stdio", "--", "/bin/probe", "getpid"]);
    assert_eq!(r.code, 125, "{r}");
    assert_text(
        &r.stderr,
        &format!(
            "seccomp-pledge: error: invalid -c `{file}`: not a directory (give the directory to run the program chrooted in)\n"
        ),
        j.path(),
    );
    let r = in_jail(&["--audit", "-p", "stdio", "--", "/bin/probe", "getpid"]);
    assert_eq!(r.code, 125, "{r}");
    assert!(r.stderr.ends_with(&format!("seccomp-pledge: error: -c {dir}: --audit checks the program's file calls from the supervisor's root, outside the directory: the two cannot be combined yet\n")), "{r}");
}
