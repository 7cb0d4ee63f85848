//! Real programs with sensible promises: dynamic `ls`, `cat`, `python3 -c`, a static
//! program, and a script; the loader promises they need are announced.

use crate::util::*;

#[test]
fn ls_cat_python_and_a_static_program_run_under_stdio_rpath() {
    if !require_kernel() {
        return;
    }
    let r = sp(&["-p", "stdio rpath", "-v", "r:/usr", "--", "ls", "/usr"]);
    assert_eq!(r.code, 0, "{r}");
    assert!(r.stdout.lines().any(|l| l == "bin"), "{r}");
    // ls's own calls (a denied terminal ioctl, with this ls) are reported: only the absence
    // of warnings is checked.
    assert!(
        !r.stderr.contains("warning"),
        "exact promises: no warning
{r}"
    );
    let r = sp(&[
        "-p",
        "stdio rpath",
        "-v",
        "r:/etc/hostname",
        "--",
        "cat",
        "/etc/hostname",
    ]);
    assert_eq!(r.code, 0, "{r}");
    assert_eq!(r.stdout, std::fs::read_to_string("/etc/hostname").unwrap());
    let r = sp(&[
        "-p",
        "stdio rpath",
        "--",
        "/usr/bin/python3",
        "-c",
        "print(6*7)",
    ]);
    assert_eq!((r.code, r.stdout.as_str()), (0, "42\n"), "{r}");
    let r = probe_run(&["-p", "stdio rpath"], "echo static");
    assert_eq!(r.code, 0, "{r}");
    assert_eq!(r.stderr, "", "{r}");
    // the dynamic probe too
    let r = probe_run_dyn(
        &["-p", "stdio"],
        "echo dynamic :: socket AF_INET SOCK_STREAM",
    );
    r.expect("echo", "ok").expect("socket", "EPERM");
}

// The reports below are of real programs (cat, ls, python3): which calls they make, how many
// and in which order depend on the machine's C library, locale and versions, and their own
// messages are theirs. The lines are named, not compared whole.

#[test]
fn denied_calls_show_up_as_errors_in_real_programs() {
    if !require_kernel() {
        return;
    }
    // cat of an unveiled but unreadable-by-promise file: wpath without rpath
    let r = sp(&["-p", "stdio", "--", "cat", "/etc/hostname"]);
    assert_ne!(r.code, 0, "{r}");
    assert!(
        r.stderr.contains("Permission denied") || r.stderr.contains("Operation not permitted"),
        "{r}"
    );
    // python cannot open a socket without inet
    let r = sp(&[
        "-p",
        "stdio rpath",
        "--",
        "/usr/bin/python3",
        "-c",
        "import socket; socket.socket()",
    ]);
    assert_ne!(r.code, 0, "{r}");
    assert!(r.stderr.contains("PermissionError"), "{r}");
}

#[test]
fn scripts_run_with_their_interpreter_unveiled() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let script = d.path().join("hello.sh");
    std::fs::write(&script, "#!/bin/sh\necho \"hello $1\"\n").unwrap();
    make_executable(&script);
    let r = sp(&["-p", "stdio rpath", "--", &s(&script), "world"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, "hello world\n"), "{r}");
}

#[test]
fn under_stdio_alone_real_programs_start_and_their_file_access_is_reported() {
    if !require_kernel() {
        return;
    }
    // the loader maps libc (rpath/prot_exec for the loader only); then opening is denied
    let d = tempdir();
    let json = d.path().join("r.jsonl");
    let r = sp(&[
        "-p",
        "stdio",
        "-v",
        "/etc/hostname",
        "--report",
        &s(&json),
        "--",
        "cat",
        "/etc/hostname",
    ]);
    assert_eq!(r.code, 1, "{r}");
    assert!(
        r.stderr
            .contains("cat: /etc/hostname: Operation not permitted"),
        "cat ran its main\n{r}"
    );
    assert!(
        r.stderr
            .contains("denials of openat (3 shown): needs promise rpath or dns"),
        "{r}"
    );
    let report = std::fs::read_to_string(&json).unwrap();
    assert!(
        report.contains(r#""call":"openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY)""#),
        "{report}"
    );
    let r = sp(&["-p", "stdio", "--", "ls", "/"]);
    assert_ne!(r.code, 0, "{r}");
    assert!(
        r.stderr.contains("in ls[") && r.stderr.contains("needs promise rpath"),
        "{r}"
    );
    let r = sp(&["-p", "stdio", "--", "/usr/bin/python3", "-c", "print(1)"]);
    assert_ne!(r.code, 0, "{r}");
    assert!(
        r.stderr.contains("in python3[") && r.stderr.contains("needs promise rpath"),
        "{r}"
    );
    // with rpath they work, and nothing of the loader's is left: no exec, no PROT_EXEC
    let r = sp(&[
        "-p",
        "stdio rpath",
        "--",
        "/usr/bin/python3",
        "-c",
        "import os; os.execv('/bin/true', ['true'])",
    ]);
    assert!(r.stderr.contains("denied execve(\"/bin/true\""), "{r}");
    let r = sp(&[
        "-p",
        "stdio rpath",
        "--",
        "/usr/bin/python3",
        "-c",
        "import mmap; mmap.mmap(-1, 4096, prot=mmap.PROT_READ|mmap.PROT_EXEC)",
    ]);
    assert!(r.stderr.contains("needs promise prot_exec"), "{r}");
}
