//! The shell's `run`, `run --policy` from the command line, and seccompiler's filters.json
//! enforced two ways (installed by seccompiler itself, and run by us) with the same answers.

use std::ffi::OsStr;
use std::os::unix::process::CommandExt;
use std::process::Command;

use crate::text_cmp::{assert_text, mask_digits_after};
use crate::util::*;

/// `seccomp-pledge shell FILE` in `dir`, FILE holding `input`.
fn shell(dir: &std::path::Path, input: &str) -> Run {
    let file = dir.join("commands");
    std::fs::write(&file, input).unwrap();
    sp_cmd(&[OsStr::new("shell"), file.as_os_str()], |c| {
        c.current_dir(dir).env("XDG_STATE_HOME", dir.join(".state"));
    })
}

const STEPS: &str = "socket AF_INET SOCK_STREAM :: socket AF_UNIX SOCK_STREAM :: getppid";

#[test]
fn run_in_the_shell_reports_denials_inline() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let probe = s(probe_static());
    let r = shell(
        d.path(),
        &format!(
            "promise stdio\ndeny socket if arg0 == AF_INET errno EACCES\nrun -- {probe} {STEPS}\nshow\n"
        ),
    );
    assert_eq!(r.code, 0, "{r}");
    assert_eq!(
        r.results("socket").collect::<Vec<_>>(),
        ["EACCES", "EPERM"],
        "{r}"
    );
    r.expect("getppid", "ok");
    // The denial is explained inline, and the shell carries on after `run`.
    // (the probe's parent, the shell, has another pid each run)
    assert_text(
        &mask_digits_after(&r.stdout, "getppid ok "),
        "\
promises: stdio
rule 1: deny socket if arg0 == AF_INET errno EACCES
socket EACCES
socket EPERM
getppid ok N
promises  stdio
penalty   eperm
unveil    (nothing beyond what the program and its promises need)
rules      1. deny socket if arg0 == AF_INET errno EACCES   (shell)
limits    cpu default, memory default, open-files default, processes default, file-size default
options   unveil on, strict off, nice off, keep-fds off, keep-caps off, allow-loader-promises off
(unsaved changes)
",
        d.path(),
    );
    assert_text(
        &auto_stderr(&r.stderr),
        "\
seccomp-pledge: denied socket(AF_UNIX, SOCK_STREAM, 0) in probe-static[PID]: needs promise unix
note: `$PROBES/probe-static` exited with status 1; 1 denied call
",
        d.path(),
    );

    // A program that fails is not a failed command: its status is a note, the batch goes on.
    let r = shell(d.path(), "promise stdio rpath\nrun -- /bin/false\nshow\n");
    assert_eq!(r.code, 0, "{r}");
    assert_text(
        &r.stdout,
        "\
promises: stdio rpath
promises  stdio rpath
penalty   eperm
unveil    (nothing beyond what the program and its promises need)
rules     (none)
limits    cpu default, memory default, open-files default, processes default, file-size default
options   unveil on, strict off, nice off, keep-fds off, keep-caps off, allow-loader-promises off
(unsaved changes)
",
        d.path(),
    );
    assert_text(
        &auto_stderr(&r.stderr),
        "note: `/bin/false` exited with status 1\n",
        d.path(),
    );
}

#[test]
fn a_saved_policy_runs_from_the_command_line_and_flags_add_to_it() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let r = shell(d.path(), "promise stdio\nsave\n");
    assert_eq!(r.code, 0, "{r}");
    let policy = s(&d.path().join("policy.json"));
    let probe = s(probe_static());
    let steps: Vec<&str> = STEPS.split_whitespace().collect();
    let mut args = vec!["run", "--policy", &policy, "--", &probe];
    args.extend(&steps);
    let r = sp(&args);
    assert_eq!(
        r.results("socket").collect::<Vec<_>>(),
        ["EPERM", "EPERM"],
        "{r}"
    );
    let mut args = vec!["run", "--policy", &policy, "-p", "unix", "--", &probe];
    args.extend(&steps);
    let r = sp(&args);
    assert_eq!(
        r.results("socket").collect::<Vec<_>>(),
        ["EPERM", "ok"],
        "-p unix adds to the file's promises\n{r}"
    );
}

/// The filters we export for seccompiler, installed by seccompiler in a child, answer as
/// the same file run by seccomp-pledge does.
#[test]
fn seccompiler_installs_our_filters_json_with_the_same_answers() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let r = shell(
        d.path(),
        "promise stdio exec\ndeny socket if arg0 == AF_INET errno EACCES\nsave --format seccompiler\n",
    );
    assert_eq!(r.code, 0, "{r}");
    let path = d.path().join("filters.json");
    let filters = seccompiler::compile_from_json(
        std::fs::File::open(&path).unwrap(),
        seccompiler::TargetArch::x86_64,
    )
    .unwrap();
    // The `allow` filter refuses seccomp(2) itself, so it goes last.
    let mut named: Vec<(String, seccompiler::BpfProgram)> = filters.into_iter().collect();
    named.sort_by_key(|(name, _)| name == "allow");
    assert_eq!(named.last().map(|(n, _)| n.as_str()), Some("allow"));
    let programs: Vec<seccompiler::BpfProgram> = named.into_iter().map(|(_, p)| p).collect();

    let steps: Vec<&str> = STEPS.split_whitespace().collect();
    let mut cmd = Command::new(probe_static());
    cmd.args(&steps);
    // SAFETY: the closure runs in the forked child before exec; it only makes the
    // seccomp(2)/prctl(2) calls of `apply_filter` on memory prepared before the fork.
    unsafe {
        cmd.pre_exec(move || {
            for p in &programs {
                seccompiler::apply_filter(p).map_err(std::io::Error::other)?;
            }
            Ok(())
        });
    }
    let out = cmd.output().unwrap();
    let theirs = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert_eq!(
        theirs.results("socket").collect::<Vec<_>>(),
        ["EACCES", "EPERM"],
        "seccompiler's install\n{theirs}"
    );
    theirs.expect("getppid", "ok");

    let file = s(&path);
    let probe = s(probe_static());
    let mut args = vec!["run", "--policy", &file, "--", &probe];
    args.extend(&steps);
    let ours = sp(&args);
    assert_eq!(
        ours.results("socket").collect::<Vec<_>>(),
        ["EACCES", "EPERM"],
        "{ours}"
    );
    ours.expect("getppid", "ok");
}

/// The names in `dir` that look like a save's temporaries (`.NAME.tmp.PID`).
fn temporaries(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp."))
        .collect();
    v.sort();
    v
}

#[test]
fn a_save_killed_midway_loses_nothing_and_its_leftover_is_removed() {
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let policy = d.path().join("p.json");
    std::fs::write(&policy, "precious\n").unwrap();
    std::fs::set_permissions(&policy, PermissionsExt::from_mode(0o600)).unwrap();
    let commands = d.path().join("commands");
    std::fs::write(&commands, "promise stdio\nsave --force p.json\n").unwrap();
    // The shell saves inside a sandbox that kills it at one system call of the save.
    let killed_at = |calls: &[&str]| {
        let mut args: Vec<String> = vec![
            "-p".into(),
            "stdio rpath wpath cpath fattr".into(),
            "-v".into(),
            format!("rwc:{}", s(d.path())),
        ];
        for c in calls {
            args.extend(["--deny".into(), format!("{c} kill")]);
        }
        args.extend([s(bin()), "shell".into(), s(&commands)]);
        let r = sp_cmd(&args, |c| {
            c.current_dir(d.path())
                .env("XDG_STATE_HOME", d.path().join(".state"));
        });
        assert_eq!(r.code, 159, "killed by its kill rule: {r}");
        assert_eq!(std::fs::read_to_string(&policy).unwrap(), "precious\n");
        assert_eq!(std::fs::metadata(&policy).unwrap().mode() & 0o7777, 0o600);
    };
    // Killed while the new content is synced: where the file system has O_TMPFILE, the
    // content is in an unnamed file, and nothing is left.
    killed_at(&["fsync", "fdatasync"]);
    let tmpfile = std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_TMPFILE)
        .open(d.path())
        .is_ok();
    if tmpfile {
        assert_eq!(temporaries(d.path()), Vec::<String>::new());
    }
    // Killed at the rename: the named temporary of a dead process is left...
    killed_at(&["rename", "renameat", "renameat2"]);
    let left = temporaries(d.path());
    assert!(
        !left.is_empty() && left.iter().all(|n| n.starts_with(".p.json.tmp.")),
        "{left:?}"
    );
    // ... and the next save removes it.
    let r = shell(d.path(), "promise stdio rpath\nsave --force p.json\n");
    assert_eq!(r.code, 0, "{r}");
    assert!(
        std::fs::read_to_string(&policy)
            .unwrap()
            .contains("\"rpath\"")
    );
    assert_eq!(std::fs::metadata(&policy).unwrap().mode() & 0o7777, 0o600);
    assert_eq!(temporaries(d.path()), Vec::<String>::new());
}

/// `seccomp-pledge shell` with `input` piped on stdin, in `dir`.
fn shell_piped(dir: &std::path::Path, input: &str) -> Run {
    use std::io::Write;
    let mut child = Command::new(bin())
        .arg("shell")
        .current_dir(dir)
        .env("XDG_STATE_HOME", dir.join(".state"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: without_root_warning(&String::from_utf8_lossy(&out.stderr)),
    }
}

/// A program that reads one line (sh's `read` takes a byte at a time from a pipe).
const READ: &str = "/bin/sh -c 'read x; echo \"got $x\"'";

#[test]
fn programs_run_from_a_batch_do_not_eat_its_commands() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let batch =
        "promise stdio rpath\nrun -- /usr/bin/cat\ntrace -- /usr/bin/cat\npromise tty\nshow\n";
    // Unconfined, `cat` would read the lines after its own; here it gets /dev/null, in a
    // piped batch and in a batch file alike, under `run` and under `trace`.
    for r in [shell_piped(d.path(), batch), shell(d.path(), batch)] {
        assert_eq!(r.code, 0, "{r}");
        // cat did not read the batch.
        assert_text(
            &r.stdout,
            "\
promises: stdio rpath
promises: stdio rpath tty
promises  stdio rpath tty
penalty   eperm
unveil    (nothing beyond what the program and its promises need)
rules     (none)
limits    cpu default, memory default, open-files default, processes default, file-size default
options   unveil on, strict off, nice off, keep-fds off, keep-caps off, allow-loader-promises off
(unsaved changes)
",
            d.path(),
        );
    }
    // `run --stdin` (and `trace --stdin`) hands over exactly the lines after its own: the
    // batch is read a byte at a time, as a shell reads its script.
    let r = shell_piped(
        d.path(),
        &format!(
            "promise stdio rpath\nrun --stdin -- {READ}\nfor sh\ntrace --stdin -- {READ}\nfor traced sh\nshow\n"
        ),
    );
    assert_eq!(r.code, 0, "{r}");
    assert_text(
        &r.stdout,
        "\
promises: stdio rpath
got for sh
got for traced sh
promises  stdio rpath
penalty   eperm
unveil    (nothing beyond what the program and its promises need)
rules     (none)
limits    cpu default, memory default, open-files default, processes default, file-size default
options   unveil on, strict off, nice off, keep-fds off, keep-caps off, allow-loader-promises off
(unsaved changes)
",
        d.path(),
    );
}

#[test]
fn run_quiet_and_report_in_the_shell_as_on_the_command_line() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let probe = s(probe_static());
    let run = format!("run -- {probe} {STEPS}");
    // Without the flags, the denial is reported on stderr and no file is written.
    let r = shell(d.path(), &format!("promise stdio\n{run}\n"));
    assert!(r.stderr.contains("denied socket(AF_INET"), "{r}");
    // --quiet: no report while it runs, yet `denials` has it; --report: a JSON line in a
    // new file relative to the session's directory.
    let quiet = format!("run --quiet --report denials.jsonl -- {probe} {STEPS}");
    let r = shell(d.path(), &format!("promise stdio\n{quiet}\ndenials\n"));
    assert_eq!(r.code, 0, "{r}");
    assert_eq!(
        r.results("socket").collect::<Vec<_>>(),
        ["EPERM", "EPERM"],
        "{r}"
    );
    let reported: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("seccomp-pledge: denied"))
        .collect();
    assert!(reported.is_empty(), "--quiet reports nothing: {r}");
    assert_eq!(
        r.stdout
            .lines()
            .filter(|l| l.contains("denied socket("))
            .count(),
        2,
        "`denials` still lists them: {r}"
    );
    let objects = report_objects(&d.path().join("denials.jsonl"));
    let calls: Vec<&str> = objects
        .iter()
        .map(|o| o["syscall"].as_str().unwrap())
        .collect();
    assert_eq!(calls, ["socket", "socket"], "{objects:?}");
    // As on the command line: an existing file is appended to, a symbolic link refused.
    let r = shell(d.path(), &format!("promise stdio\n{quiet}\n"));
    assert_eq!(r.code, 0, "{r}");
    assert_eq!(report_objects(&d.path().join("denials.jsonl")).len(), 4);
    std::os::unix::fs::symlink("denials.jsonl", d.path().join("link.jsonl")).unwrap();
    let r = shell(
        d.path(),
        &format!("promise stdio\nrun --report link.jsonl -- {probe} {STEPS}\n"),
    );
    assert_eq!(r.code, 1, "{r}");
    assert!(r.stderr.contains("it is a symbolic link"), "{r}");
    assert!(r.results("socket").next().is_none(), "nothing ran: {r}");
}

#[test]
fn run_as_another_user_in_the_shell_as_on_the_command_line() {
    if !require_kernel() {
        return;
    }
    // SAFETY: getuid has no preconditions.
    let uid = unsafe { libc::getuid() };
    assert_eq!(uid, 0, "this test needs root");
    let d = tempdir();
    let ids = "echo $(/usr/bin/id -u) $(/usr/bin/id -g) $(/usr/bin/id -G)";
    let setup = "promise stdio rpath proc exec\nunveil rx:/usr\nlimit processes unlimited\n";
    // Without the flags the program is root; with them, nobody, whose group it takes.
    let r = shell(d.path(), &format!("{setup}run -- /bin/sh -c '{ids}'\n"));
    assert!(r.stdout.contains("\n0 0 0\n"), "{r}");
    let r = shell(
        d.path(),
        &format!("{setup}run -u nobody -- /bin/sh -c '{ids}'\n"),
    );
    assert!(r.stdout.contains("\n65534 65534 65534\n"), "{r}");
    let r = shell(
        d.path(),
        &format!("{setup}run --user 65534 --group 4242 -- /bin/sh -c '{ids}'\n"),
    );
    assert!(r.stdout.contains("\n65534 4242 4242\n"), "{r}");
    // The same refusal as the command line's, and nothing runs.
    let r = shell(
        d.path(),
        &format!("{setup}run -u 4242 -- /usr/bin/touch ran\n"),
    );
    assert_eq!(r.code, 1, "{r}");
    assert!(!d.path().join("ran").exists());
    assert!(
        r.stderr.contains(
            "-u 4242: /etc/passwd has no uid 4242, so its group is unknown\n  hint: give the group too: -g GID"
        ),
        "{r}"
    );
}
