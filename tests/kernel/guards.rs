//! Guards present in every filter: wrong architecture, x32 numbers, io_uring, openat2,
//! clone3, memfd_create, TIOCSTI/TIOCLINUX whatever the upper bits, seccomp listeners.

use std::path::Path;

use crate::text_cmp::assert_text;
use crate::util::*;

const SIGSYS: i32 = 128 + libc::SIGSYS;

#[test]
fn x32_numbers_are_denied_by_the_filter_not_the_kernel() {
    if !require_kernel() {
        return;
    }
    // Without a filter this kernel answers ENOSYS (no x32); the filter answers first.
    probe_run(&["-p", "stdio"], "x32-getpid").expect("x32-getpid", "EPERM");
    let r = probe_run(&["-k", "-p", "stdio"], "getpid :: x32-getpid");
    assert_eq!(r.code, SIGSYS, "{r}");
    r.expect("getpid", "ok");
}

#[test]
fn i386_int80_kills() {
    if !require_kernel() {
        return;
    }
    let r = probe_run(&["-p", "stdio"], "getpid :: int80-getpid");
    assert_eq!(r.code, SIGSYS, "wrong arch kills even in EPERM mode\n{r}");
    // The 32-bit registers hold what the program left there (parts of addresses, which
    // differ per run): the arguments are not compared.
    let shown = auto_stderr(&r.stderr);
    let shown = match (shown.find("getpid("), shown.find(") via int 0x80")) {
        (Some(a), Some(b)) if a < b => format!("{}getpid(…{}", &shown[..a], &shown[b..]),
        _ => shown,
    };
    assert_text(&shown, "\
seccomp-pledge: denied getpid(…) via int 0x80 in probe-static[PID]: never allowed: 32-bit system calls bypass the 64-bit filter; the sandbox was killed
seccomp-pledge: `$PROBES/probe-static` was killed by SIGSYS: a `kill` rule matched, or a system call the filter refuses to report
", Path::new(""));
}

#[test]
fn io_uring_is_denied_unless_allowed() {
    if !require_kernel() {
        return;
    }
    probe_run(&["-p", "stdio"], "io_uring_setup").expect("io_uring_setup", "EPERM");
    let all = "stdio rpath wpath cpath dpath flock fattr inet anet unix dns tty recvfd sendfd proc id chown settime prot_exec exec unveil vminfo tmppath netlink";
    probe_run(&["-p", all], "io_uring_setup").expect("io_uring_setup", "EPERM");
    let r = probe_run(
        &["-p", "stdio", "--allow", "io_uring_setup"],
        "io_uring_setup",
    );
    assert_ne!(
        r.result("io_uring_setup"),
        "EPERM",
        "an explicit allow reaches the kernel\n{r}"
    );
}

#[test]
fn openat2_clone3_memfd_answer_enosys_so_libc_falls_back() {
    if !require_kernel() {
        return;
    }
    let r = probe_run(
        &["-p", "stdio rpath proc"],
        "openat2 /etc/hostname O_RDONLY :: clone3 :: memfd_create :: thread :: fork",
    );
    r.expect("openat2", "ENOSYS")
        .expect("clone3", "ENOSYS")
        .expect("memfd_create", "ENOSYS")
        .expect("thread", "ok")
        .expect("fork", "ok");
    // clone3 cannot be allowed, even explicitly
    let r = sp(&["-p", "stdio", "--allow", "clone3", "--", "/bin/true"]);
    assert_eq!(r.code, 125, "{r}");
    assert_text(&r.stderr, "\
seccomp-pledge: error: invalid --allow `clone3`: `clone3` cannot be allowed: its flags live in a struct BPF cannot read, so it always fails with ENOSYS and libc falls back to clone
", Path::new(""));
    // memfd_create can
    probe_run(&["-p", "stdio", "--allow", "memfd_create"], "memfd_create")
        .expect("memfd_create", "ok");
}

#[test]
fn tiocsti_and_tioclinux_are_never_allowed_whatever_the_upper_bits() {
    if !require_kernel() {
        return;
    }
    // -k makes the filter's verdict visible (the kernel itself would answer EPERM or ENOTTY).
    for req in [
        "TIOCSTI",
        "0x100005412",
        "0xffffffff00005412",
        "TIOCLINUX",
        "0x10000541c",
    ] {
        let r = probe_run(
            &["-k", "-p", "stdio tty", "--allow", "ioctl"],
            &format!("ioctl 0 TIOCGWINSZ :: ioctl 0 {req}"),
        );
        assert_eq!(r.code, SIGSYS, "{req}\n{r}");
        r.expect("ioctl", "ENOTTY");
    }
}

#[test]
fn no_filter_with_a_listener_can_be_installed() {
    if !require_kernel() {
        return;
    }
    probe_run(
        &["-p", "stdio", "--allow", "seccomp"],
        "seccomp-filter :: seccomp-listener",
    )
    .expect("seccomp-filter", "ok")
    .expect("seccomp-listener", "EPERM");
    probe_run(&["-p", "stdio"], "seccomp-filter").expect("seccomp-filter", "EPERM");
}

#[test]
fn dangerous_calls_are_denied_under_every_promise() {
    if !require_kernel() {
        return;
    }
    let all = "stdio rpath wpath cpath dpath flock fattr inet anet unix dns tty recvfd sendfd proc id chown settime prot_exec exec unveil vminfo tmppath netlink";
    let r = probe_run(
        &["-p", all],
        "ptrace-attach parent :: bpf :: userfaultfd :: perf_event_open :: personality 0x0400000 :: unshare CLONE_NEWUSER :: process_vm_readv parent",
    );
    for op in [
        "ptrace-attach",
        "bpf",
        "userfaultfd",
        "perf_event_open",
        "personality",
        "unshare",
        "process_vm_readv",
    ] {
        r.expect(op, "EPERM");
    }
}

#[test]
fn the_filter_and_nnp_are_inherited_and_installed_once() {
    if !require_kernel() {
        return;
    }
    let r = probe_run(&["-p", "stdio rpath proc"], "status :: forked status");
    for line in r.stdout.lines().filter(|l| l.starts_with("status ok")) {
        assert!(line.contains("NoNewPrivs=1"), "{line}");
        assert!(line.contains("Seccomp=2"), "{line}");
        assert!(
            line.contains("Seccomp_filters=2"),
            "the launch filter and the one shutting its hand-off doors, not a stack: {line}"
        );
    }
}
