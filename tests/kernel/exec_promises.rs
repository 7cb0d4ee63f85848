//! Exec promises (`-e`, OpenBSD's execpromises): the program keeps its own promises, every
//! program it executes gets the exec promises, exactly, with reports that name them; each
//! case is first shown to work unconfined, and hostile programs try to get the program's
//! promises back in an executed image (re-executing itself, forking, turning address
//! randomisation off).

use std::path::Path;

use crate::text_cmp::{assert_text, mask_pids};
use crate::util::*;

/// `socket(AF_INET)` in the program, then in the program it executes (itself).
fn socket_then_exec(flags: &[&str], before: &str, after: &str) -> Run {
    let p = s(probe_static());
    probe_run(flags, &format!("{before}exec {p} {after}"))
}

const INET: &str = "socket AF_INET SOCK_STREAM";

#[test]
fn executed_programs_get_only_the_exec_promises() {
    if !require_kernel() {
        return;
    }
    let p = s(probe_static());
    let free = probe_unconfined(&format!("{INET} :: exec {p} {INET}"));
    assert_eq!(
        free.results("socket").collect::<Vec<_>>(),
        ["ok", "ok"],
        "{free}"
    );

    let r = socket_then_exec(
        &["-p", "stdio inet exec", "-e", "stdio"],
        &format!("{INET} :: "),
        INET,
    );
    assert_eq!(
        r.results("socket").collect::<Vec<_>>(),
        ["ok", "EPERM"],
        "{r}"
    );
    assert_text(&auto_stderr(&r.stderr), "\
seccomp-pledge: denied socket(AF_INET, SOCK_STREAM, IPPROTO_IP) in probe-static[PID]: needs exec promise inet, anet or dns (-e)
", Path::new(""));
    // Without -e the executed program keeps the program's promises (as before).
    let r = socket_then_exec(&["-p", "stdio inet exec"], "", INET);
    r.expect("socket", "ok");
}

#[test]
fn the_exec_promise_itself_is_an_exec_promise() {
    if !require_kernel() {
        return;
    }
    let p = s(probe_static());
    // `exec` not among the exec promises: the executed program cannot execute again.
    let r = socket_then_exec(
        &["-p", "stdio exec", "-e", "stdio"],
        "",
        &format!("exec {p} echo again"),
    );
    r.expect("exec", "EPERM");
    assert!(!r.stdout.contains("echo"), "{r}");
    assert_text(&auto_stderr(&r.stderr), "\
seccomp-pledge: denied execve(\"$PROBES/probe-static\", [\"$PROBES/probe-static\", \"echo\", \"again\"], 0xADDR /* N vars */) in probe-static[PID]: needs exec promise exec (-e)
", Path::new(""));
    // With it, it can.
    let r = socket_then_exec(
        &["-p", "stdio exec", "-e", "stdio exec"],
        "",
        &format!("exec {p} echo again"),
    );
    assert!(r.stdout.contains("echo ok"), "{r}");
}

#[test]
fn the_programs_forks_keep_its_promises_and_executed_forks_do_not() {
    if !require_kernel() {
        return;
    }
    let p = s(probe_static());
    let free = probe_unconfined(&format!("forked {INET} :: exec {p} forked {INET}"));
    assert_eq!(
        free.results("socket").collect::<Vec<_>>(),
        ["ok", "ok"],
        "{free}"
    );

    let r = socket_then_exec(
        &["-p", "stdio inet proc exec", "-e", "stdio proc"],
        &format!("forked {INET} :: "),
        &format!("forked {INET}"),
    );
    assert_eq!(
        r.results("socket").collect::<Vec<_>>(),
        ["ok", "EPERM"],
        "{r}"
    );
}

#[test]
fn an_executed_program_that_executes_itself_again_stays_under_the_exec_promises() {
    if !require_kernel() {
        return;
    }
    let p = s(probe_static());
    let free = probe_unconfined(&format!("exec {p} exec {p} {INET}"));
    free.expect("socket", "ok");
    // Re-executing the same file (a new image, like the program's own) gains nothing.
    let r = socket_then_exec(
        &["-p", "stdio inet exec", "-e", "stdio exec"],
        "",
        &format!("exec {p} exec {p} {INET}"),
    );
    r.expect("socket", "EPERM");
    // Nor does turning address randomisation off first, so that two execs of one file look
    // alike (personality is allowed here by an explicit rule).
    let free = probe_unconfined(&format!("personality 0x0040000 :: exec {p} {INET}"));
    free.expect("personality", "ok").expect("socket", "ok");
    let r = socket_then_exec(
        &[
            "-p",
            "stdio inet exec",
            "-e",
            "stdio exec",
            "--allow",
            "personality",
        ],
        "personality 0x0040000 :: ",
        &format!("exec {p} {INET}"),
    );
    r.expect("personality", "ok").expect("socket", "EPERM");
}

#[test]
fn a_dynamic_executed_program_runs_under_exactly_the_exec_promises() {
    if !require_kernel() {
        return;
    }
    let dynamic = s(probe());
    let free = probe_unconfined(&format!("exec {dynamic} {INET}"));
    free.expect("socket", "ok");
    // Its loader's promises are among the exec promises: it runs, and gets nothing more.
    let unveil = format!("rx:{dynamic}");
    let r = probe_run(
        &[
            "-p",
            "stdio rpath prot_exec inet exec",
            "-e",
            "stdio rpath prot_exec",
            "-v",
            &unveil,
            "-v",
            "rx:/usr",
        ],
        &format!("exec {dynamic} {INET}"),
    );
    r.expect("socket", "EPERM");
    assert_text(&auto_stderr(&r.stderr), "\
seccomp-pledge: denied socket(AF_INET, SOCK_STREAM, IPPROTO_IP) in probe[PID]: needs exec promise inet, anet or dns (-e)
", Path::new(""));
    // They are not: its loader gets them while it is at work (it is narrowed after its
    // loader, as the program is), and its own code gets exactly the exec promises.
    let r = probe_run(
        &[
            "-p",
            "stdio rpath prot_exec exec",
            "-e",
            "stdio",
            "-v",
            &unveil,
            "-v",
            "rx:/usr",
        ],
        &format!("exec {dynamic} echo hi :: open {dynamic} 0"),
    );
    assert_eq!(r.code, 1, "{r}");
    r.expect("echo", "ok").expect("open", "EPERM");
    assert!(r.stdout.contains("echo ok hi\n"), "{r}");
    // No note about the loader.
    assert_text(&auto_stderr(&r.stderr), "\
seccomp-pledge: denied openat(AT_FDCWD, \"$PROBES/probe\", O_RDONLY) in probe[PID]: needs exec promise rpath or dns (-e)
", Path::new(""));
}

#[test]
fn without_exec_promises_an_executed_dynamic_program_is_narrowed_with_the_programs_promises() {
    if !require_kernel() {
        return;
    }
    let dynamic = s(probe());
    let unveil = format!("rx:{dynamic}");
    // PROT_READ|PROT_EXEC, MAP_PRIVATE: what `prot_exec` allows.
    let steps = format!("exec {dynamic} echo hi :: mmap 5 2");
    let free = probe_unconfined(&steps);
    free.expect("echo", "ok").expect("mmap", "ok");
    // The static program, and the dynamic one (itself narrowed): the executed program's
    // loader gets `prot_exec` while it is at work, its own code does not.
    for program in [probe_static(), probe()] {
        let r = sp(&[
            "-p",
            "stdio rpath exec",
            "-v",
            &unveil,
            "-v",
            "rx:/usr",
            "--",
            &s(program),
            "exec",
            &dynamic,
            "echo",
            "hi",
            "::",
            "mmap",
            "5",
            "2",
        ]);
        r.expect("echo", "ok").expect("mmap", "EPERM");
        // The report names a promise, not an exec promise; no note about the loader.
        let want = "seccomp-pledge: denied mmap(NULL, 4096, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) in probe[PID]: needs promise prot_exec\n";
        assert_text(&auto_stderr(&r.stderr), want, Path::new(""));
    }
    // Executed without its environment (no marker): its loader holds only the program's
    // promises, and the note says why and what to add.
    let steps = format!("exec-env - {dynamic} echo hi");
    probe_unconfined(&steps).expect("echo", "ok");
    let r = probe_run(
        &["-p", "stdio rpath exec", "-v", &unveil, "-v", "rx:/usr"],
        &steps,
    );
    assert_eq!(r.code, 127, "{r}");
    // The loader's own error comes before the tool's lines. The loader's mapping (the size
    // and offset of a segment of the C library) differs per machine: only its start and end
    // are compared.
    let tool = auto_stderr(&tool_lines(&r.stderr));
    let (mapping, rest) = tool.split_once('\n').unwrap();
    assert!(
        mapping.starts_with("seccomp-pledge: denied mmap(0xADDR, ")
            && mapping
                .contains(", PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE, 3, 0x")
            && mapping.ends_with(") in probe[PID]: needs promise prot_exec"),
        "{r}"
    );
    assert_text(
        rest,
        "seccomp-pledge: note: an executed program was denied calls that need `rpath prot_exec`, as its loader's do: its loader could not be narrowed as the program's own is, so it had only the program's promises: `$PROBES/probe`[PID]: its environment does not name seccomp-pledge's marker first (the program that executed it changed LD_AUDIT or LD_PRELOAD, or dropped its environment); with `rpath prot_exec` among the promises (-p) it runs with them\n",
        Path::new(""),
    );
}

#[test]
fn a_failed_or_threaded_execve_under_exec_promises_is_let_go() {
    if !require_kernel() {
        return;
    }
    let dynamic = s(probe());
    let unveil = format!("rx:{dynamic}");
    let flags = [
        "-p",
        "stdio rpath prot_exec proc exec",
        "-e",
        "stdio",
        "-v",
        &unveil,
        "-v",
        "rx:/usr",
    ];
    // An execve that fails returns to the program (held at the supervisor's stop, then let
    // go), which goes on.
    let free = probe_unconfined("forked exec /nonexistent :: echo after");
    free.expect("exec", "ENOENT").expect("echo", "ok");
    let r = probe_run(&flags, "forked exec /nonexistent :: echo after");
    r.expect("exec", "ENOENT").expect("echo", "ok");
    assert!(r.stdout.contains("echo ok after\n"), "{r}");
    // An execve from a second thread: the kernel gives the new image the process's id.
    let steps = format!("threads 1 exec {dynamic} echo from-thread");
    let free = probe_unconfined(&steps);
    assert!(free.stdout.contains("echo ok from-thread\n"), "{free}");
    let r = probe_run(&flags, &steps);
    assert!(r.stdout.contains("echo ok from-thread\n"), "{r}");
    // Narrowed: no note about the loader.
    assert_text(&auto_stderr(&r.stderr), "", Path::new(""));
    assert_eq!(r.code, 0, "{r}");
}

#[test]
fn exec_promises_must_be_a_subset_and_need_exec() {
    if !require_kernel() {
        return;
    }
    let r = probe_run(&["-p", "stdio exec", "-e", "stdio inet"], "echo hi");
    assert_eq!(r.code, 125, "{r}");
    assert_text(&r.stderr, "\
seccomp-pledge: error: exec promises `inet` are not among the program's promises `stdio exec`: executed programs get a subset of them (add them to -p, or drop them from -e)
", Path::new(""));
    let r = probe_run(&["-p", "stdio", "-e", "stdio"], "echo hi");
    assert_text(&r.stderr, "\
seccomp-pledge: error: exec promises `stdio` need the promise `exec`: without it the program executes nothing (add exec to -p)
", Path::new(""));
    assert_ne!(r.code, 0, "{r}");
    let r = probe_run(
        &["-p", "stdio exec", "-e", "stdio", "--allow", "execve"],
        "echo hi",
    );
    assert_text(&r.stderr, "\
seccomp-pledge: error: cannot enforce the exec promises (-e): the rule `allow execve` lets execve through the filter, but under -e every execve must reach the supervisor; drop the rule (the promise exec allows execve)
", Path::new(""));
    let r = probe_run(&["-p", "stdio exec", "-e", "stdoi"], "echo hi");
    assert_text(
        &r.stderr,
        "\
seccomp-pledge: error: invalid -e `stdoi`: unknown promise `stdoi`
  hint: did you mean `stdio`?
",
        Path::new(""),
    );
}

#[test]
fn the_shell_sets_exec_promises() {
    if !require_kernel() {
        return;
    }
    let p = s(probe_static());
    let script = format!(
        "promise stdio inet exec\npromise --exec stdio\nshow policy\nrun {p} exec {p} {INET}\n"
    );
    let dir = tempdir();
    let file = dir.path().join("cmds");
    std::fs::write(&file, script).unwrap();
    let r = sp_cmd(&["shell", &s(&file)], |c| {
        c.current_dir(dir.path())
            .env("XDG_STATE_HOME", dir.path().join(".state"));
    });
    // The shell's replies and the probe's output, in order.
    assert_text(
        &mask_probes(&r.stdout),
        "\
promises: stdio inet exec
exec promises: stdio
promises  stdio inet exec
exec      stdio
penalty   eperm
unveil    (nothing beyond what the program and its promises need)
rules     (none)
limits    cpu default, memory default, open-files default, processes default, file-size default
options   unveil on, strict off, nice off, keep-fds off, keep-caps off, allow-loader-promises off
(unsaved changes)
socket EPERM
",
        dir.path(),
    );
    assert_text(&auto_stderr(&r.stderr), "\
seccomp-pledge: denied socket(AF_INET, SOCK_STREAM, IPPROTO_IP) in probe-static[PID]: needs exec promise inet, anet or dns (-e)
note: `$PROBES/probe-static` exited with status 1; 1 denied call
", dir.path());
}

#[test]
fn check_mode_still_reports_landlocks_refusals_under_exec_promises() {
    if !require_kernel() {
        return;
    }
    let free = probe_unconfined("open /etc/hostname O_RDONLY");
    free.expect("open", "ok");
    let r = probe_run(
        &[
            "--landlock-reports",
            "check",
            "-p",
            "stdio rpath exec",
            "-e",
            "stdio rpath",
        ],
        "open /etc/hostname O_RDONLY",
    );
    r.expect("open", "EACCES");
    assert_text(&mask_pids(&r.stderr), "\
seccomp-pledge: denied open \"/etc/hostname\" (read) in probe-static[PID]: needs unveil r:/etc/hostname
", Path::new(""));
}
