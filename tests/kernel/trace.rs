//! The tracer on the real kernel: forks, threads and execs attributed to the right task,
//! JSON lines, text, the summary, foreign ABIs, signals and job control, Ctrl-C, a killed
//! tracer, and the errors (not found, ptrace refused).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use std::path::Path;

use crate::text_cmp::{assert_text, mask_digits_after};
use crate::util::*;

fn json_lines(path: &std::path::Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect()
}

fn calls<'a>(events: &'a [serde_json::Value], name: &str) -> Vec<&'a serde_json::Value> {
    events
        .iter()
        .filter(|e| e["type"] == "SYSCALL" && e["syscall"] == name)
        .collect()
}

#[test]
fn forks_threads_and_execs_are_traced_and_attributed() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let out = d.path().join("trace.jsonl");
    let probe = s(probe());
    let r = sp(&[
        "trace",
        "-f",
        "-j",
        "-o",
        &s(&out),
        "--",
        &probe,
        "forked",
        "getppid",
        "::",
        "thread",
        "::",
        "vfork",
        "::",
        "exec",
        "/bin/true",
    ]);
    assert_eq!(r.code, 0, "{r}");
    let events = json_lines(&out);
    let execs = calls(&events, "execve");
    assert!(execs.len() >= 2, "the probe and /bin/true: {execs:?}");
    let root = execs[0]["pid"].as_i64().unwrap();
    assert_eq!(execs[0]["success"], 0);
    assert_eq!(execs[0]["args"][0], format!("\"{probe}\""), "decoded path");
    // The forked child asks for its parent: the root.
    let ppid = calls(&events, "getppid");
    assert_eq!(ppid.len(), 1, "{ppid:?}");
    assert_ne!(ppid[0]["pid"].as_i64(), Some(root), "made by the child");
    assert_eq!(
        ppid[0]["success"].as_i64(),
        Some(root),
        "whose parent is the root"
    );
    // The thread's getpid: another task id, the root's process id.
    let thread_getpid: Vec<_> = calls(&events, "getpid")
        .into_iter()
        .filter(|e| e["pid"].as_i64() != Some(root) && e["success"].as_i64() == Some(root))
        .collect();
    assert_eq!(thread_getpid.len(), 1, "the thread's getpid: {events:?}");
    assert!(!calls(&events, "vfork").is_empty());
    // The final exec replaced the root: /bin/true's calls are the root's.
    let last_exec = execs.last().unwrap();
    assert_eq!(last_exec["pid"].as_i64(), Some(root));
    assert_eq!(last_exec["args"][0], "\"/bin/true\"");
    // Every line has lurk's fields; exactly one of success/error/result.
    for e in events.iter().filter(|e| e["type"] == "SYSCALL") {
        for k in ["pid", "num", "syscall", "args", "duration"] {
            assert!(!e[k].is_null(), "{k} missing in {e}");
        }
        let n = ["success", "error", "result"]
            .iter()
            .filter(|k| !e[**k].is_null())
            .count();
        assert_eq!(n, 1, "{e}");
    }
    let exits: Vec<_> = events.iter().filter(|e| e["type"] == "EXIT").collect();
    assert!(
        exits.len() >= 3,
        "root, forked child, vfork child: {exits:?}"
    );
}

#[test]
fn text_output_decodes_like_strace_and_without_f_shows_only_the_command() {
    if !require_kernel() {
        return;
    }
    let probe = s(probe_static());
    let r = sp(&[
        "trace",
        "--",
        &probe,
        "open",
        "/etc/hostname",
        "O_RDONLY",
        "::",
        "open",
        "/nonexistent",
        "O_RDONLY",
        "::",
        "forked",
        "getppid",
    ]);
    assert_eq!(
        r.code, 1,
        "the probe's status (a step failed), passed on\n{r}"
    );
    assert!(
        r.stderr
            .contains("openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY) = 3"),
        "{r}"
    );
    assert!(
        r.stderr.contains(
            "openat(AT_FDCWD, \"/nonexistent\", O_RDONLY) = -1 ENOENT (No such file or directory)"
        ),
        "{r}"
    );
    assert!(r.stderr.contains("+++ exited with 1 +++"), "{r}");
    assert!(
        !r.stderr.contains("getppid("),
        "the child's calls are not shown without -f\n{r}"
    );
    assert!(!r.stderr.contains("[pid"), "{r}");
    assert!(
        !r.stderr.contains("SIGCONT"),
        "the start-up signal is not shown\n{r}"
    );
}

#[test]
fn summary_filter_and_foreign_abis() {
    if !require_kernel() {
        return;
    }
    let probe = s(probe_static());
    let r = sp(&[
        "trace",
        "-c",
        "--",
        &probe,
        "getppid",
        "::",
        "getppid",
        "::",
        "getppid",
        "::",
        "open",
        "/nonexistent",
        "O_RDONLY",
    ]);
    assert_eq!(r.code, 1, "{r}");
    let row = |name: &str| {
        r.stderr
            .lines()
            .find(|l| l.split_whitespace().last() == Some(name))
            .unwrap_or_else(|| panic!("no {name} row\n{r}"))
            .to_string()
    };
    let getppid: Vec<String> = row("getppid")
        .split_whitespace()
        .map(str::to_string)
        .collect();
    assert_eq!(getppid[3], "3", "calls column: {getppid:?}");
    let openat: Vec<String> = row("openat")
        .split_whitespace()
        .map(str::to_string)
        .collect();
    assert_eq!(&openat[3..5], ["1", "1"], "one call, one error: {openat:?}");
    assert!(r.stderr.contains("total"), "{r}");
    assert!(!r.stderr.contains("getppid()"), "-c prints no calls\n{r}");

    // -e stops only at the chosen calls.
    let r = sp(&[
        "trace",
        "-e",
        "trace=getppid",
        "--",
        &probe,
        "getpid",
        "::",
        "getppid",
    ]);
    assert!(r.stderr.contains("getppid() = "), "{r}");
    assert!(!r.stderr.contains("getpid() = "), "{r}");
    let r = sp(&["trace", "-e", "trace=getpidd", "--", "/bin/true"]);
    assert_eq!(r.code, 125, "{r}");
    assert_text(
        &r.stderr,
        "\
seccomp-pledge: error: unknown syscall or class `getpidd` in -e trace=
  hint: did you mean `getpid`?
",
        Path::new(""),
    );

    // int 0x80 is named from the i386 table (20 = getpid there, not x86_64's sendfile).
    let r = sp(&["trace", "--", &probe, "int80-getpid"]);
    assert!(r.stderr.contains("i386:getpid("), "{r}");
    let r = sp(&["trace", "--", &probe, "x32-getpid"]);
    assert!(r.stderr.contains("x32:getpid("), "{r}");
}

#[test]
fn signals_pass_through_and_job_control_works() {
    if !require_kernel() {
        return;
    }
    let probe = s(probe_static());
    // A signal the program dies of: shown, passed on, and the status is passed on.
    let r = sp(&["trace", "--", &probe, "kill", "self", "SIGUSR1"]);
    assert_eq!(r.code, 128 + libc::SIGUSR1, "{r}");
    assert!(r.stderr.contains("--- SIGUSR1 ---"), "{r}");
    assert!(r.stderr.contains("+++ killed by SIGUSR1 +++"), "{r}");

    // A program that stops itself stays stopped until SIGCONT, then finishes.
    let mut child = Command::new(bin())
        .args([
            "trace",
            "--",
            "/bin/sh",
            "-c",
            "kill -STOP $$; echo resumed",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let tracer = child.id();
    let deadline = Instant::now() + Duration::from_secs(10);
    let shell = loop {
        assert!(Instant::now() < deadline, "the shell never stopped");
        let kids = std::fs::read_to_string(format!("/proc/{tracer}/task/{tracer}/children"))
            .unwrap_or_default();
        let stopped = kids.split_whitespace().find(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .ok()
                .and_then(|st| {
                    st.rsplit(')')
                        .next()
                        .map(|r| r.trim_start().starts_with(['t', 'T']))
                })
                .unwrap_or(false)
        });
        if let Some(pid) = stopped {
            break pid.parse::<i32>().unwrap();
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    std::thread::sleep(Duration::from_millis(200));
    assert!(child.try_wait().unwrap().is_none(), "still stopped");
    // SAFETY: sending SIGCONT to the stopped test child.
    unsafe { libc::kill(shell, libc::SIGCONT) };
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "resumed\n");
}

/// The pid of the first child of `parent`, waiting for it.
fn first_child(parent: u32) -> i32 {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        assert!(Instant::now() < deadline, "no child appeared");
        let kids = std::fs::read_to_string(format!("/proc/{parent}/task/{parent}/children"))
            .unwrap_or_default();
        if let Some(pid) = kids.split_whitespace().next() {
            // Wait until it runs the program (not the tracer's fork any more).
            let exe = std::fs::read_link(format!("/proc/{pid}/exe")).unwrap_or_default();
            if exe.ends_with("sleep") {
                return pid.parse().unwrap();
            }
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn ctrl_c_or_a_killed_tracer_kills_the_program() {
    if !require_kernel() {
        return;
    }
    // SIGINT (Ctrl-C): the program is killed, the trace ends cleanly.
    let child = Command::new(bin())
        .args(["trace", "-o", "/dev/null", "--", "/bin/sleep", "30"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let sleeper = first_child(child.id());
    // SAFETY: signalling our own test child.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let out = child.wait_with_output().unwrap();
    assert!(process_gone(sleeper), "the traced program is gone");
    assert_eq!(out.status.code(), Some(128 + libc::SIGKILL));
    assert_text(
        &String::from_utf8_lossy(&out.stderr),
        "seccomp-pledge: trace interrupted; the program was killed\n",
        Path::new(""),
    );

    // SIGKILL of the tracer: PTRACE_O_EXITKILL takes the program with it.
    let mut child = Command::new(bin())
        .args(["trace", "-o", "/dev/null", "--", "/bin/sleep", "30"])
        .spawn()
        .unwrap();
    let sleeper = first_child(child.id());
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        process_gone(sleeper),
        "the traced program died with the tracer"
    );
}

#[test]
fn errors_not_found_and_ptrace_refused() {
    if !require_kernel() {
        return;
    }
    let r = sp(&["trace", "--", "/nonexistent/prog"]);
    assert_eq!(r.code, 127, "{r}");
    let r = sp(&["trace", "--", "no-such-program-anywhere"]);
    assert_eq!(r.code, 127, "{r}");
    assert_text(
        &r.stderr,
        "seccomp-pledge: error: `no-such-program-anywhere`: command not found\n",
        Path::new(""),
    );
    // Already traced: strace -f follows our fork, so our PTRACE_SEIZE is refused.
    let out = Command::new("strace")
        .args(["-f", "-o", "/dev/null"])
        .arg(bin())
        .args(["trace", "--", "/bin/true"])
        .output()
        .expect("strace is installed (.ci/run installs it)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(125), "{stderr}");
    // strace's pid differs per run.
    assert_text(&mask_digits_after(&stderr, "by pid "), "\
seccomp-pledge: error: cannot trace: ptrace is not permitted here (the program is already traced by pid N (strace))
  hint: check `seccomp-pledge check` (ptrace line); in a container allow ptrace (CAP_SYS_PTRACE)
", Path::new(""));
}

/// Traces `cmd` in a shell session, adopts the suggestion, runs `cmd` under it; returns the
/// session's output and the saved policy.
fn trace_suggest_run(cmd: &str) -> (Run, serde_json::Value) {
    let d = tempdir();
    let script = format!("trace -o /dev/null -- {cmd}\nsuggest apply\nsave\nrun -- {cmd}\n");
    let file = d.path().join("commands");
    std::fs::write(&file, &script).unwrap();
    let r = sp_cmd(&[std::ffi::OsStr::new("shell"), file.as_os_str()], |c| {
        c.current_dir(d.path()).env("XDG_STATE_HOME", d.path());
    });
    let policy = std::fs::read_to_string(d.path().join("policy.json"))
        .map(|t| serde_json::from_str(&t).unwrap())
        .unwrap_or(serde_json::Value::Null);
    (r, policy)
}

/// The suggested policy lets the command succeed with nothing denied, and it is smaller
/// than the usual broad set.
fn check_suggestion(cmd: &str, expect_stdout: Option<&str>) -> Vec<String> {
    let (r, policy) = trace_suggest_run(cmd);
    assert_eq!(r.code, 0, "{cmd}\n{r}");
    let program = cmd.split_whitespace().next().unwrap();
    assert!(
        r.stderr
            .contains(&format!("`{program}` exited with status 0")),
        "{cmd}: the program succeeds under the suggestion\n{r}"
    );
    // Nothing denied but the calls of optional promises (which failed when traced too).
    let optional: Vec<&str> = r
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("optional: "))
        .map(|l| l.split(" (").next().unwrap().split_whitespace().collect())
        .unwrap_or_default();
    for l in r.stderr.lines().filter(|l| l.contains(": denied ")) {
        assert!(
            needs_one_of(l)
                .iter()
                .any(|p| optional.iter().any(|o| o == p)),
            "{cmd}: denied, and not for an optional promise: {l}\n{r}"
        );
    }
    if let Some(want) = expect_stdout {
        assert!(r.stdout.contains(want), "{cmd}: its own output\n{r}");
    }
    let promises: Vec<String> = policy["promises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect();
    let broad = ["stdio", "rpath", "wpath", "cpath", "inet", "proc", "exec"];
    assert!(
        promises.len() < broad.len() && !broad.iter().all(|b| promises.iter().any(|p| p == b)),
        "{cmd}: {promises:?} is not smaller than {broad:?}"
    );
    promises
}

#[test]
fn suggestions_from_traces_let_programs_run() {
    if !require_kernel() {
        return;
    }
    let unconfined = |args: &[&str]| {
        String::from_utf8(
            Command::new(args[0])
                .args(&args[1..])
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap()
    };
    let ls = unconfined(&["ls", "-l", "/usr"]);
    let p = check_suggestion("ls -l /usr", Some(ls.lines().nth(1).unwrap()));
    assert!(p.contains(&"rpath".to_string()), "{p:?}");
    let hostname = unconfined(&["cat", "/etc/hostname"]);
    let p = check_suggestion("cat /etc/hostname", Some(hostname.trim()));
    assert_eq!(p, ["stdio", "rpath"], "cat needs exactly stdio rpath");
    assert!(
        !p.contains(&"prot_exec".to_string()),
        "the loader's needs are the launcher's"
    );
    check_suggestion(
        "/usr/bin/python3 -c 'import os; print(len(os.listdir(\"/usr\")))'",
        Some(
            unconfined(&[
                "/usr/bin/python3",
                "-c",
                "import os; print(len(os.listdir(\"/usr\")))",
            ])
            .trim(),
        ),
    );
}

#[test]
fn a_program_that_executes_dynamic_programs_needs_no_prot_exec_for_their_loaders() {
    if !require_kernel() {
        return;
    }
    // `sh` executes `cat` (forked) and `echo` (exec): their loaders map libraries, which
    // `run` grants only to the loaders, so the suggestion holds no `prot_exec`.
    let cmd = "/bin/sh -c '/bin/cat /etc/hostname; exec /bin/echo done'";
    let hostname = std::fs::read_to_string("/etc/hostname").unwrap();
    let (r, policy) = trace_suggest_run(cmd);
    assert_eq!(r.code, 0, "{r}");
    assert!(
        r.stdout.contains(hostname.trim()) && r.stdout.contains("done"),
        "{r}"
    );
    assert!(!r.stderr.contains(": denied "), "{r}");
    let promises: Vec<&str> = policy["promises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(promises, ["stdio", "rpath", "proc", "exec"], "{r}");
}

#[test]
fn a_suggestion_for_a_tcp_client_needs_inet_and_works() {
    if !require_kernel() {
        return;
    }
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        // One connection for the trace, one for the run.
        for _ in 0..2 {
            let (mut c, _) = listener.accept().unwrap();
            use std::io::Write;
            let _ = c.write_all(b"hello\n");
        }
    });
    let probe = s(probe());
    let p = check_suggestion(
        &format!("{probe} tcp-connect 127.0.0.1 {port}"),
        Some("tcp-connect ok"),
    );
    assert!(
        p.iter().any(|x| x == "inet" || x == "anet"),
        "a TCP client needs inet (or anet): {p:?}"
    );
    assert!(
        !p.contains(&"dns".to_string()) && !p.contains(&"unix".to_string()),
        "{p:?}"
    );
    server.join().unwrap();
}

/// `commands` as a batch in `dir`.
/// `text` with the counts of a traced run's calls shown as `N`: they depend on the machine's
/// programs and C library, and a shell's vary from run to run.
fn mask_counts(text: &str) -> String {
    let text = mask_digits_after(text, "`: ");
    mask_digits_after(&text, " runs, ")
}

fn batch(dir: &std::path::Path, name: &str, commands: &str) -> Run {
    let file = dir.join(name);
    std::fs::write(&file, commands).unwrap();
    sp_cmd(&[std::ffi::OsStr::new("shell"), file.as_os_str()], |c| {
        c.current_dir(dir).env("XDG_STATE_HOME", dir);
    })
}

/// The suggestion's text: what a batch printed from the line `promises: …` on.
fn suggestion_text(stdout: &str) -> &str {
    let at = stdout
        .find("promises: ")
        .unwrap_or_else(|| panic!("no suggestion in\n{stdout}"));
    &stdout[at..]
}

#[test]
fn traces_of_several_runs_merge_into_one_policy_and_travel_as_files() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let unconfined = |args: &[&str]| {
        let out = Command::new(args[0]).args(&args[1..]).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let ls = unconfined(&["ls", "/usr"]);
    let hostname = unconfined(&["cat", "/etc/hostname"]);
    // --all: ls's TCGETS on a pipe fails unconfined too (an optional `tty`), and this
    // test wants no denial at all.
    let run_both = "suggest apply --all\nrun -- ls /usr\nrun -- cat /etc/hostname\n";

    // One run is not enough for the other: the policy from `cat` alone does not let `ls`
    // list /usr (so the check below can fail).
    let r = batch(
        d.path(),
        "one",
        &format!(
            "trace -o /dev/null -- ls /usr\ntrace -o /dev/null -- cat /etc/hostname\n{run_both}"
        ),
    );
    // Without --add the last trace replaces the first. (The rest of the output is ls's: its
    // own message, and the calls it makes, which differ per machine.)
    assert!(r.stderr.contains("`ls` exited with status 2"), "{r}");

    // With --add, the suggestion covers both runs, each behaving as unconfined.
    let r = batch(
        d.path(),
        "add",
        "trace --add -o /dev/null -- ls /usr\ntrace --add -o /dev/null -- cat /etc/hostname\nshow trace\nsave --trace learned.json\nsuggest\n",
    );
    assert_eq!(r.code, 0, "{r}");
    assert!(r.stdout.contains("runs      2 runs merged"), "{r}");
    assert_text(
        &mask_counts(&auto_stderr(&r.stderr)),
        "\
note: traced `ls`: N calls in 1 task, exit status 0; `suggest` proposes a policy from it
note: traced `cat`: N calls in 1 task, exit status 0; `suggest` proposes a policy from it
note: added to the session's trace: 2 runs, N distinct calls
note: `suggest apply` adopts it; `run` tries it
",
        d.path(),
    );
    let merged = suggestion_text(&r.stdout).to_string();
    let promises = merged.lines().next().unwrap();
    assert!(
        promises.starts_with("promises: stdio rpath") && !promises.contains("exec"),
        "ls and cat need no exec: each run's first execve is the launcher's\n{merged}"
    );
    assert!(
        merged.contains("/usr") && merged.contains("/etc/hostname"),
        "{merged}"
    );
    let saved = std::fs::read(d.path().join("learned.json")).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&saved).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["runs"].as_array().unwrap().len(), 2);
    assert!(
        !json["shapes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["syscall"] == "execve"),
        "each run's first execve is run's, not a call of the program\n{json}"
    );
    assert_eq!(
        json["executed"],
        serde_json::json!([json["program"].clone()]),
        "cat is launched by run, not executed by ls"
    );

    // A fresh session loads it: the same suggestion, the same bytes saved again, and
    // both programs run under it as unconfined.
    let r = batch(
        d.path(),
        "load",
        &format!("load --trace learned.json\nsave --trace again.json\nsuggest\n{run_both}"),
    );
    assert_eq!(r.code, 0, "{r}");
    let loaded = suggestion_text(&r.stdout);
    assert!(loaded.starts_with(&merged), "{merged}\n---\n{loaded}");
    assert_eq!(std::fs::read(d.path().join("again.json")).unwrap(), saved);
    assert!(r.stdout.contains(&ls), "ls lists /usr as unconfined\n{r}");
    assert!(r.stdout.contains(hostname.trim()), "{r}");
    assert_text(
        &mask_counts(&auto_stderr(&r.stderr)),
        "\
note: `suggest` proposes a policy from it
note: `suggest apply` adopts it; `run` tries it
note: adopted, with the optional promises: the promises, unveils and rules above replace the session's (`undo` brings them back)
note: `ls` exited with status 0
note: `cat` exited with status 0
",
        d.path(),
    );

    // Loading into a session that has a trace merges: loading the file twice doubles every
    // count (and is still one policy).
    let r = batch(
        d.path(),
        "twice",
        "load --trace learned.json\nload --trace learned.json\nsave --trace twice.json\n",
    );
    assert_eq!(r.code, 0, "{r}");
    let twice: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.path().join("twice.json")).unwrap()).unwrap();
    assert_eq!(twice["runs"].as_array().unwrap().len(), 4);
    assert_eq!(twice["calls"], json["calls"].as_u64().unwrap() * 2);

    // A script does the same.
    let script = d.path().join("learn.rhai");
    std::fs::write(
        &script,
        "load(\"learned.json\", \"--trace\");\nlet s = suggest();\nif !s.promises.contains(\"rpath\") { throw \"no rpath\"; }\nsave(\"script.json\", \"--trace\");\n",
    )
    .unwrap();
    let r = sp_cmd(&[std::ffi::OsStr::new("script"), script.as_os_str()], |c| {
        c.current_dir(d.path());
    });
    assert_eq!(r.code, 0, "{r}");
    assert!(
        r.stdout.contains(merged.trim_end()),
        "{merged}\n---\n{}",
        r.stdout
    );
    assert_eq!(std::fs::read(d.path().join("script.json")).unwrap(), saved);
    let r = sp_cmd(&[std::ffi::OsStr::new("script"), script.as_os_str()], |c| {
        c.current_dir(d.path());
    });
    assert_ne!(
        r.code, 0,
        "script.json exists and was not saved in that session\n{r}"
    );

    // Scripts trace with --add too.
    std::fs::write(
        &script,
        "trace([\"ls\", \"/usr\"]);\ntrace([\"cat\", \"/etc/hostname\"], \"--add\");\nsuggest(\"apply --all\");\nlet r = run([\"ls\", \"/usr\"]);\nif r.status != 0 || !r.denials.is_empty() { throw `ls: ${r}`; }\n",
    )
    .unwrap();
    let r = sp_cmd(&[std::ffi::OsStr::new("script"), script.as_os_str()], |c| {
        c.current_dir(d.path());
    });
    assert_eq!(r.code, 0, "{r}");
}

/// The promises a denial line names: `… needs promise inet, anet or unix`.
fn needs_one_of(line: &str) -> Vec<String> {
    line.split_once("needs promise ")
        .map(|(_, r)| {
            r.split([',', ' '])
                .filter(|w| !w.is_empty() && *w != "or")
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Every file and directory under `dir`, relative, with what it holds: a directory's name, a
/// file's bytes (decompressed for `.gz`; for `.tgz` only the member names, as a tar
/// records the mtimes of its inputs).
fn tree(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(dir).unwrap().display().to_string();
            if p.is_dir() {
                stack.push(p.clone());
                out.push((format!("{rel}/"), Vec::new()));
                continue;
            }
            let name = p.to_string_lossy().to_string();
            let bytes = if name.ends_with(".tgz") {
                Command::new("tar")
                    .arg("tzf")
                    .arg(&p)
                    .output()
                    .unwrap()
                    .stdout
            } else if name.ends_with(".gz") {
                Command::new("gzip")
                    .arg("-dc")
                    .arg(&p)
                    .output()
                    .unwrap()
                    .stdout
            } else {
                std::fs::read(&p).unwrap()
            };
            out.push((rel, bytes));
        }
    }
    out.sort();
    out
}

/// The program's own stderr in a run of seccomp-pledge: without seccomp-pledge's lines.
fn program_stderr(stderr: &str) -> String {
    stderr
        .lines()
        .filter(|l| !l.starts_with("seccomp-pledge: ") && !l.starts_with("note: "))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// The learn loop on a real program: in a fresh directory prepared by `setup`, trace `cmd`
/// (shell words) in the policy shell, `suggest apply`, save the policy; then make the
/// directory fresh again (what the trace created is gone) and run `argv` (the same command)
/// under the saved policy. Exit status, stdout, the program's stderr and the files it leaves
/// must be those of an unconfined run in another fresh directory; a denial may only be of a
/// promise the suggestion listed as optional. Returns the session's output.
fn learn_and_compare(cmd: &str, argv: &[&str], setup: &dyn Fn(&std::path::Path)) -> Run {
    let base = tempdir();
    let learn = base.path().join("learn");
    let free = base.path().join("free");
    let fresh = |d: &std::path::Path| {
        let _ = std::fs::remove_dir_all(d);
        std::fs::create_dir(d).unwrap();
        setup(d);
    };
    fresh(&learn);
    fresh(&free);
    let policy = base.path().join("policy.json");
    let cmds = base.path().join("commands");
    std::fs::write(
        &cmds,
        format!(
            "trace -o /dev/null -- {cmd}\nsuggest apply\nsave {}\n",
            policy.display()
        ),
    )
    .unwrap();
    let session = sp_cmd(&[std::ffi::OsStr::new("shell"), cmds.as_os_str()], |c| {
        c.current_dir(&learn).env("XDG_STATE_HOME", base.path());
    });
    assert_eq!(session.code, 0, "{cmd}\n{session}");
    let optional: Vec<String> = session
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("optional: "))
        .map(|l| {
            l.split(" (")
                .next()
                .unwrap()
                .split_whitespace()
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    fresh(&learn);
    let mut args = vec!["--policy", policy.to_str().unwrap(), "--"];
    args.extend_from_slice(argv);
    let confined = sp_cmd(&args, |c| {
        c.current_dir(&learn);
    });
    let out = Command::new(argv[0])
        .args(&argv[1..])
        .current_dir(&free)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let what = format!("{cmd}\n--- session\n{session}\n--- confined\n{confined}");
    assert_eq!(
        Some(confined.code),
        out.status.code(),
        "exit status: {what}"
    );
    assert_eq!(
        confined.stdout,
        String::from_utf8_lossy(&out.stdout),
        "stdout: {what}"
    );
    assert_eq!(
        program_stderr(&confined.stderr),
        String::from_utf8_lossy(&out.stderr),
        "stderr: {what}"
    );
    for l in confined.stderr.lines().filter(|l| l.contains(": denied ")) {
        // An attribute change through a path is refused while unveil is on, whatever the
        // promises; the suggestion must have said so for that call.
        let path_attr = l.contains("refused on a path while unveil is on")
            && l.split_once("denied ")
                .and_then(|(_, c)| c.split_once('('))
                .is_some_and(|(name, _)| {
                    session.stdout.contains(&format!("  - {name} on a path ("))
                });
        assert!(
            path_attr
                || needs_one_of(l)
                    .iter()
                    .any(|p| optional.iter().any(|o| o == p)),
            "denied, and not for an optional promise ({optional:?}): {l}\n{what}"
        );
    }
    assert_eq!(tree(&learn), tree(&free), "files left: {what}");
    assert!(
        !tree(&free).is_empty() || argv[0].ends_with("bash"),
        "{what}"
    );
    session
}

#[test]
fn learned_policies_reproduce_unconfined_runs_of_programs_that_create_files() {
    if !require_kernel() {
        return;
    }
    let nothing = |_: &std::path::Path| {};
    let s = learn_and_compare(
        "cp -r /usr/share/doc/bash d",
        &["cp", "-r", "/usr/share/doc/bash", "d"],
        &nothing,
    );
    // Nothing beneath the created directory is unveiled: it is not there at the start.
    assert!(!s.stdout.contains("/learn/d "), "{s}");
    assert!(s.stdout.contains("c:"), "{s}");
    learn_and_compare("mkdir -p a/b/c", &["mkdir", "-p", "a/b/c"], &nothing);
    let input = |d: &std::path::Path| {
        std::fs::create_dir(d.join("in")).unwrap();
        for (n, text) in [("one", "1\n"), ("two", "22\n"), ("three", "333\n")] {
            std::fs::write(d.join("in").join(n), text).unwrap();
        }
        std::fs::write(d.join("in.txt"), "some text\n".repeat(100)).unwrap();
    };
    // tar runs gzip: a child exec.
    let s = learn_and_compare(
        "tar czf out.tgz in",
        &["tar", "czf", "out.tgz", "in"],
        &input,
    );
    assert!(s.stdout.contains(" exec"), "{s}");
    learn_and_compare("gzip -k in.txt", &["gzip", "-k", "in.txt"], &input);
    let py = "import json; json.dump({'a': [1, 2]}, open('out.json', 'w')); print('written')";
    learn_and_compare(
        &format!("/usr/bin/python3 -c \"{py}\""),
        &["/usr/bin/python3", "-c", py],
        &nothing,
    );
}

/// More ordinary Debian programs through the same loop (CI installs them): build tools,
/// archivers, editors in place, a database, coreutils that create, link and move.
#[test]
fn the_learn_loop_works_on_everyday_programs() {
    if !require_kernel() {
        return;
    }
    let files = |d: &std::path::Path| {
        std::fs::create_dir(d.join("src")).unwrap();
        std::fs::write(d.join("src/a.txt"), "hello\n").unwrap();
        std::fs::write(d.join("src/b.txt"), "world\n").unwrap();
        std::fs::write(d.join("Makefile"), "all:\n\techo hi > made.txt\n").unwrap();
        std::fs::write(d.join("h.c"), "int main(void) { return 0; }\n").unwrap();
        std::fs::write(d.join("in.json"), "{\"a\": [1, 2]}\n").unwrap();
    };
    let cases: &[&[&str]] = &[
        // make runs its recipe through /bin/sh (posix_spawn: clone3, then clone).
        &["make", "-s"],
        // gcc runs cc1, as and collect2/ld.
        &["gcc", "-o", "hello", "h.c"],
        &["sed", "-i", "s/hello/bye/", "src/a.txt"],
        &["sort", "-o", "sorted.txt", "src/a.txt", "src/b.txt"],
        &["xz", "-k", "src/a.txt"],
        &[
            "sqlite3",
            "db.sqlite",
            "create table t(x); insert into t values(1); select * from t;",
        ],
        &["openssl", "dgst", "-sha256", "src/a.txt"],
        &["diff", "src/a.txt", "src/b.txt"],
        &["jq", ".a", "in.json"],
        &["perl", "-pi", "-e", "s/world/earth/", "src/b.txt"],
        &["ln", "-s", "src/a.txt", "link"],
        &["mv", "src/a.txt", "src/c.txt"],
        &["touch", "new.txt"],
    ];
    for argv in cases {
        let words: Vec<String> = argv
            .iter()
            .map(|w| shell_words::quote(w).into_owned())
            .collect();
        learn_and_compare(&words.join(" "), argv, &files);
    }
}

#[test]
fn a_child_exec_is_learned_and_tolerated_failures_are_optional() {
    if !require_kernel() {
        return;
    }
    let nothing = |_: &std::path::Path| {};
    // bash runs one child: exec is kept (it used to be discounted twice, and the child got
    // EPERM: status 126).
    let s = learn_and_compare(
        "bash -c '/usr/bin/true; echo $?'",
        &["bash", "-c", "/usr/bin/true; echo $?"],
        &nothing,
    );
    assert!(s.stdout.contains("  exec "), "{s}");
    // bash without a terminal: getpeername on /dev/null, TCGETS and opening /dev/tty fail
    // anyway; their promises are optional, not adopted.
    let optional = s
        .stdout
        .lines()
        .find(|l| l.starts_with("optional: "))
        .unwrap_or_else(|| panic!("no optional promises\n{s}"));
    assert!(optional.contains("tty"), "{s}");
    let promises = s
        .stdout
        .lines()
        .find(|l| l.starts_with("promises: "))
        .unwrap();
    for p in ["tty", "anet", "inet", "wpath"] {
        assert!(!promises.split_whitespace().any(|w| w == p), "{p}: {s}");
    }
    assert_text(
        &mask_counts(&auto_stderr(&s.stderr)),
        "\
note: traced `bash`: N calls in 2 tasks, exit status 0; `suggest` proposes a policy from it
note: adopted, without the optional promises (`suggest apply --all` adds them): the promises, unveils and rules above replace the session's (`undo` brings them back)
",
        Path::new(""),
    );

    // `suggest apply --all` adopts them too; `allow traced` keeps execve.
    let d = tempdir();
    let cmds = d.path().join("commands");
    std::fs::write(
        &cmds,
        "trace -o /dev/null -- bash -c '/usr/bin/true; :'\nsuggest apply --all\nshow\nallow traced\n",
    )
    .unwrap();
    let r = sp_cmd(&[std::ffi::OsStr::new("shell"), cmds.as_os_str()], |c| {
        c.current_dir(d.path()).env("XDG_STATE_HOME", d.path());
    });
    assert_eq!(r.code, 0, "{r}");
    assert_text(
        &mask_counts(&auto_stderr(&r.stderr)),
        "\
note: traced `bash`: N calls in 2 tasks, exit status 0; `suggest` proposes a policy from it
note: adopted, with the optional promises: the promises, unveils and rules above replace the session's (`undo` brings them back)
",
        d.path(),
    );
    let shown = r
        .stdout
        .lines()
        .find(|l| l.starts_with("promises  "))
        .unwrap();
    assert!(shown.contains("tty") && shown.contains("exec"), "{r}");
    assert!(r.stdout.contains("allow execve"), "{r}");
}

#[test]
fn a_missing_unveil_hints_at_the_directory_it_is_created_in() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let missing = d.path().join("out").join("deeper");
    let r = sp(&[
        "-p",
        "stdio",
        "-v",
        &format!("rw:{}", missing.display()),
        "--",
        "/bin/true",
    ]);
    assert_eq!(r.code, 125, "{r}");
    assert_text(&r.stderr, "\
seccomp-pledge: error: cannot unveil `$DIR/out/deeper`: No such file or directory (os error 2)
  hint: `$DIR/out/deeper` does not exist; Landlock grants only paths that exist. For what the program creates there, unveil the directory it is created in: `rwc:$DIR`
", d.path());
}

/// A recorded, names-only OCI profile (the names a container made, as a recording hook
/// writes them) feeds `suggest --from-profile`: runc's own calls left out, the promises for
/// the rest, the names only some arguments of which a promise allows said so, and `apply`
/// adds promises and rules. A profile with conditions is refused, naming the entry.
#[test]
fn a_names_only_profile_feeds_suggest_without_the_runtime_s_calls() {
    let d = tempdir();
    let profile = serde_json::json!({
        "defaultAction": "SCMP_ACT_ERRNO",
        "architectures": ["SCMP_ARCH_X86_64"],
        "syscalls": [{
            "names": ["read", "write", "close", "futex", "getpid", "ioctl", "socket", "mount",
                      "exit_group", "fstatfs", "epoll_ctl", "getdents64", "rt_sigreturn",
                      "mmap", "openat"],
            "action": "SCMP_ACT_ALLOW"
        }]
    });
    std::fs::write(d.path().join("rec.json"), profile.to_string()).unwrap();
    let r = batch(
        d.path(),
        "names.sp",
        "suggest --from-profile rec.json --runtime runc apply\nshow\n",
    );
    assert_eq!(r.code, 0, "{r}");
    assert_text(
        &r.stdout,
        "\
promises: stdio
rules: allow mount
promises  stdio
penalty   eperm
unveil    (nothing beyond what the program and its promises need)
rules      1. allow mount   (from $DIR/rec.json)
limits    cpu default, memory default, open-files default, processes default, file-size default
options   unveil on, strict off, nice off, keep-fds off, keep-caps off, allow-loader-promises off
(unsaved changes)
",
        d.path(),
    );
    assert_text(&r.stderr, "\
note: from $DIR/rec.json: 15 names, 9 of them left out as runc's own calls (write, close, futex, getpid, fstatfs, epoll_ctl, getdents64, rt_sigreturn, openat)
note: allowed only for some arguments: mmap (by stdio), ioctl (by stdio); a trace (`trace -- PROGRAM`, then `suggest`) shows whether the program's calls fit
note: left out, as every promise allows them only for some arguments, which a names-only profile does not record: socket (inet or anet or unix or dns or netlink); a trace shows which the program needs
note: applied: the promises and rules above are in the policy (`show`)
", d.path());
    let with_args = serde_json::json!({
        "defaultAction": "SCMP_ACT_ERRNO",
        "syscalls": [{"names": ["socket"], "action": "SCMP_ACT_ALLOW",
                      "args": [{"index": 0, "value": 2, "op": "SCMP_CMP_EQ"}]}]
    });
    std::fs::write(d.path().join("args.json"), with_args.to_string()).unwrap();
    let r = batch(d.path(), "args.sp", "suggest --from-profile args.json\n");
    assert_eq!(r.code, 1, "{r}");
    assert_text(&r.stderr, "\
seccomp-pledge: error: $DIR/args.sp:1: `$DIR/args.json` is not a names-only profile: it has `allow socket if arg0:64 == 2` (a recorded profile allows names, with no conditions)
  hint: give a recorded profile whose entries allow names without `args`; `load FILE` takes any profile as explicit rules
seccomp-pledge: stopped at $DIR/args.sp:1; the lines after it were not run
", d.path());
}
