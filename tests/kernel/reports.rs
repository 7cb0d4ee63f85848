//! Violation reports: one line per denial naming the fix, JSON with `--report`, `-q`,
//! counting and summaries under floods, threads and children, and a supervisor the sandbox
//! cannot reach.

use std::path::Path;

use crate::text_cmp::{assert_text, mask_run};
use crate::util::*;

/// (probe step, expected fix) — each a distinct denial under `-p stdio`.
const DENIALS: &[(&str, &str)] = &[
    (
        "socket AF_INET SOCK_STREAM",
        "needs promise inet, anet or dns",
    ),
    ("socket AF_INET6 SOCK_DGRAM", "needs promise inet or dns"),
    ("socket AF_UNIX SOCK_STREAM", "needs promise unix"),
    ("netlink-route", "needs promise netlink"),
    ("open /etc/hostname O_RDONLY", "needs promise rpath or dns"),
    ("open /etc/hostname O_WRONLY", "needs promise wpath"),
    (
        "open /tmp/sp-never-created O_WRONLY|O_CREAT|O_EXCL 0600",
        "needs promise cpath",
    ),
    ("mkdir /tmp/sp-never-created", "needs promise cpath"),
    ("mkfifo /tmp/sp-never-created", "needs promise dpath"),
    ("flock /etc/hostname", "needs promise rpath or dns"),
    ("fcntl 0 F_SETLK 0", "needs promise flock"),
    ("utimensat /etc/hostname", "needs promise fattr"),
    ("chown /etc/hostname 0 0", "needs promise chown"),
    ("setuid 0", "needs promise id"),
    ("settimeofday", "needs promise settime"),
    ("fork", "needs promise proc"),
    ("setrlimit-nofile 10", "needs promise proc or id"),
    ("landlock-abi", "needs promise unveil"),
    (
        "mmap PROT_READ|PROT_EXEC MAP_PRIVATE",
        "needs promise prot_exec",
    ),
    ("ioctl 0 TIOCGWINSZ", "needs promise tty"),
    ("raw 47 -1 0 0", "needs promise dns, recvfd or netlink"),
    ("raw 46 -1 0 0", "needs promise dns or sendfd"),
    ("stat /etc", "needs promise rpath, wpath or dns"),
    (
        "tiocsti 0",
        "never allowed: it injects input into a terminal",
    ),
    (
        "ptrace-attach parent",
        "no promise allows this (explicit rule: allow ptrace)",
    ),
    (
        "clone CLONE_NEWUSER",
        "no promise allows this (explicit rule: allow clone if arg0 == CLONE_NEWUSER",
    ),
    (
        "x32-getpid",
        "never allowed: x32 system calls bypass the 64-bit filter",
    ),
    // last: exec takes the rest of the command line
    ("exec /bin/true", "needs promise exec"),
];

/// What `every_denial_names_the_promise_that_would_allow_it` reports, exactly.
const DENIAL_REPORT: &str = "\
seccomp-pledge: denied socket(AF_INET, SOCK_STREAM, IPPROTO_IP) in probe-static[PID]: needs promise inet, anet or dns\n\
seccomp-pledge: denied socket(AF_INET6, SOCK_DGRAM, IPPROTO_IP) in probe-static[PID]: needs promise inet or dns\n\
seccomp-pledge: denied socket(AF_UNIX, SOCK_STREAM, 0) in probe-static[PID]: needs promise unix\n\
seccomp-pledge: denied socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE) in probe-static[PID]: needs promise netlink\n\
seccomp-pledge: denied openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY) in probe-static[PID]: needs promise rpath or dns\n\
seccomp-pledge: denied openat(AT_FDCWD, \"/etc/hostname\", O_WRONLY) in probe-static[PID]: needs promise wpath\n\
seccomp-pledge: denied openat(AT_FDCWD, \"/tmp/sp-never-created\", O_WRONLY|O_CREAT|O_EXCL, 0600) in probe-static[PID]: needs promise cpath\n\
seccomp-pledge: denied mkdirat(AT_FDCWD, \"/tmp/sp-never-created\", 0755) in probe-static[PID]: needs promise cpath\n\
seccomp-pledge: denied mknodat(AT_FDCWD, \"/tmp/sp-never-created\", S_IFIFO|0644, 0) in probe-static[PID]: needs promise dpath\n\
seccomp-pledge: denied openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY) in probe-static[PID]: needs promise rpath or dns\n\
seccomp-pledge: denied fcntl(0, F_SETLK, {l_type=F_RDLCK, l_whence=SEEK_SET, l_start=0, l_len=0}) in probe-static[PID]: needs promise flock\n\
seccomp-pledge: denied utimensat(AT_FDCWD, \"/etc/hostname\", NULL, 0) in probe-static[PID]: needs promise fattr\n\
seccomp-pledge: denied chown(\"/etc/hostname\", 0, 0) in probe-static[PID]: needs promise chown\n\
seccomp-pledge: denied setuid(0) in probe-static[PID]: needs promise id\n\
seccomp-pledge: denied settimeofday(0xADDR, NULL) in probe-static[PID]: needs promise settime\n\
seccomp-pledge: denied fork() in probe-static[PID]: needs promise proc\n\
seccomp-pledge: denied prlimit64(0, RLIMIT_NOFILE, {rlim_cur=10, rlim_max=10}, NULL) in probe-static[PID]: needs promise proc or id\n\
seccomp-pledge: denied landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION) in probe-static[PID]: needs promise unveil\n\
seccomp-pledge: denied mmap(NULL, 4096, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) in probe-static[PID]: needs promise prot_exec\n\
seccomp-pledge: denied ioctl(0, TIOCGWINSZ, 0xADDR) in probe-static[PID]: needs promise tty\n\
seccomp-pledge: denied recvmsg(-1, NULL, 0) in probe-static[PID]: needs promise dns, recvfd or netlink\n\
seccomp-pledge: denied sendmsg(-1, NULL, 0) in probe-static[PID]: needs promise dns or sendfd\n\
seccomp-pledge: denied newfstatat(AT_FDCWD, \"/etc\", 0xADDR, 0) in probe-static[PID]: needs promise rpath, wpath or dns\n\
seccomp-pledge: denied ioctl(0, TIOCSTI, 0xADDR) in probe-static[PID]: never allowed: it injects input into a terminal\n\
seccomp-pledge: denied ptrace(PTRACE_ATTACH, PID, NULL, 0) in probe-static[PID]: no promise allows this (explicit rule: allow ptrace)\n\
seccomp-pledge: denied clone(CLONE_NEWUSER|SIGCHLD, NULL, NULL, NULL, 0) in probe-static[PID]: no promise allows this (explicit rule: allow clone if arg0 == CLONE_NEWUSER|SIGCHLD)\n\
seccomp-pledge: denied x32 syscall getpid(0xADDR, 0xADDR, 0x0) in probe-static[PID]: never allowed: x32 system calls bypass the 64-bit filter\n\
seccomp-pledge: denied execve(\"/bin/true\", [\"/bin/true\"], 0xADDR /* N vars */) in probe-static[PID]: needs promise exec\n";

#[test]
fn every_denial_names_the_promise_that_would_allow_it() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let json = d.path().join("report.jsonl");
    let steps: Vec<&str> = DENIALS.iter().map(|(step, _)| *step).collect();
    let r = probe_run(&["-p", "stdio", "--report", &s(&json)], &steps.join(" :: "));
    let lines: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("seccomp-pledge: denied "))
        .collect();
    assert_eq!(lines.len(), DENIALS.len(), "one line per denial\n{r}");
    for ((step, fix), line) in DENIALS.iter().zip(&lines) {
        assert!(line.contains(fix), "`{step}`: {line}");
        assert!(line.contains("in probe-static["), "`{step}`: {line}");
    }
    // The whole report, line for line (pids masked), with the decoded calls.
    let shown: String = lines
        .iter()
        .map(|l| {
            let l = mask_run(l);
            // ptrace's target is the sandbox's parent: its pid differs per run.
            match l.split_once("PTRACE_ATTACH, ") {
                Some((head, tail)) => {
                    let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
                    format!("{head}PTRACE_ATTACH, PID{}\n", &tail[digits..])
                }
                None => l + "\n",
            }
        })
        .collect();
    assert_text(&shown, DENIAL_REPORT, Path::new(""));
    // JSON: one object per denial
    let objs = report_objects(&json);
    assert_eq!(objs.len(), DENIALS.len());
    assert_eq!(objs[0]["syscall"], "socket");
    assert_eq!(
        objs[0]["promises"],
        serde_json::json!(["inet", "anet", "dns"])
    );
    assert_eq!(objs[0]["action"], "eperm");
    assert_eq!(objs[0]["args"][0], 2);
}

#[test]
fn quiet_silences_lines_and_summary_but_not_the_report_file() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let json = d.path().join("r.jsonl");
    let r = probe_run(
        &["-q", "-p", "stdio", "--report", &s(&json)],
        "flood 10 socket AF_INET SOCK_STREAM",
    );
    assert_eq!(r.stderr, "", "{r}");
    assert_eq!(std::fs::read_to_string(&json).unwrap().lines().count(), 10);
}

#[test]
fn a_flood_of_denials_finishes_with_a_count() {
    if !require_kernel() {
        return;
    }
    let started = std::time::Instant::now();
    let r = probe_run(
        &["-p", "stdio"],
        "flood 100000 socket AF_INET SOCK_STREAM :: echo done",
    );
    assert_eq!(r.code, 0, "{r}");
    assert_eq!(r.value("flood"), "EPERM=100000", "{r}");
    r.expect("echo", "ok");
    let lines = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("seccomp-pledge: denied "))
        .count();
    assert_eq!(lines, 3, "printing is limited\n{r}");
    assert_text(&mask_run(&r.stderr), "\
seccomp-pledge: denied socket(AF_INET, SOCK_STREAM, IPPROTO_IP) in probe-static[PID]: needs promise inet, anet or dns
seccomp-pledge: denied socket(AF_INET, SOCK_STREAM, IPPROTO_IP) in probe-static[PID]: needs promise inet, anet or dns
seccomp-pledge: denied socket(AF_INET, SOCK_STREAM, IPPROTO_IP) in probe-static[PID]: needs promise inet, anet or dns
seccomp-pledge: 100000 denials of socket (3 shown): needs promise inet, anet or dns
", Path::new(""));
    eprintln!("100000 reported denials took {:?}", started.elapsed());
}

#[test]
fn threads_and_children_are_supervised() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let json = d.path().join("t.jsonl");
    let r = probe_run(
        &["-p", "stdio", "--report", &s(&json)],
        "threads 4 socket AF_INET SOCK_STREAM",
    );
    r.expect("threads", "ok");
    let tids: std::collections::BTreeSet<i64> = report_objects(&json)
        .iter()
        .map(|o| o["pid"].as_i64().unwrap())
        .collect();
    assert_eq!(
        tids.len(),
        4,
        "one report per thread, each with its own tid: {tids:?}"
    );
    let json = d.path().join("t2.jsonl");
    let r = probe_run(
        &["-p", "stdio proc", "--report", &s(&json)],
        "getpid :: forked socket AF_UNIX SOCK_STREAM :: forked forked flock /etc/hostname",
    );
    let parent: i64 = r.value("getpid").parse().unwrap();
    let pids: Vec<i64> = report_objects(&json)
        .iter()
        .map(|o| o["pid"].as_i64().unwrap())
        .collect();
    assert_eq!(pids.len(), 2, "{pids:?}\n{r}");
    assert!(
        pids.iter().all(|&p| p != parent),
        "reported from the children: {pids:?} (parent {parent})"
    );
    assert_text(&mask_run(&r.stderr), "\
seccomp-pledge: denied socket(AF_UNIX, SOCK_STREAM, 0) in probe-static[PID]: needs promise unix
seccomp-pledge: denied openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY) in probe-static[PID]: needs promise rpath or dns
", d.path());
}

#[test]
fn the_sandbox_cannot_reach_its_supervisor() {
    if !require_kernel() {
        return;
    }
    // signal, trace, or read the supervisor's memory: all refused, even with proc
    for promises in ["stdio", "stdio proc"] {
        let r = probe_run(
            &["-p", promises],
            "kill parent SIGKILL :: kill parent SIGSTOP :: ptrace-attach parent :: process_vm_readv parent :: pidfd-open parent :: getppid",
        );
        for op in ["kill", "ptrace-attach", "process_vm_readv"] {
            assert_ne!(r.result(op), "ok", "{promises}: {op}\n{r}");
        }
        r.expect("getppid", "ok");
        assert_eq!(
            r.code, 1,
            "the supervisor is alive and reports the exit code\n{r}"
        );
    }
}

#[test]
fn a_task_dying_mid_notification_never_hangs_the_supervisor() {
    if !require_kernel() {
        return;
    }
    use std::process::{Command, Stdio};
    let mut child = Command::new(bin())
        .args(["-q", "-p", "stdio", "--"])
        .arg(probe_static())
        .args([
            "threads",
            "4",
            "flood",
            "10000000",
            "socket",
            "AF_INET",
            "SOCK_STREAM",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    // kill the probe (the supervisor's child) while its threads wait on notifications
    let kids =
        std::fs::read_to_string(format!("/proc/{}/task/{}/children", child.id(), child.id()))
            .unwrap();
    let probe: i32 = kids.split_whitespace().next().unwrap().parse().unwrap();
    // SAFETY: killing the probe we started (through the supervisor).
    unsafe { libc::kill(probe, libc::SIGKILL) };
    let started = std::time::Instant::now();
    let status = child.wait().unwrap();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "the supervisor returned promptly"
    );
    assert_eq!(status.code(), Some(128 + libc::SIGKILL));
}

#[test]
fn kill_reports_first_then_ends_the_whole_sandbox() {
    if !require_kernel() {
        return;
    }
    // a child keeps running in the background; -k must end it too
    // the denial comes from a child: the parent, waiting for it, is killed too
    let r = probe_run(
        &["-k", "-p", "stdio proc"],
        "forked socket AF_INET SOCK_STREAM :: echo never",
    );
    assert_eq!(r.code, 128 + libc::SIGSYS, "{r}");
    assert!(!r.stdout.contains("never"), "{r}");
    assert_text(&mask_run(&r.stderr), "\
seccomp-pledge: denied socket(AF_INET, SOCK_STREAM, IPPROTO_IP) in probe-static[PID]: needs promise inet, anet or dns
seccomp-pledge: the sandbox was killed after the denial reported above (-k)
", Path::new(""));
}

#[test]
fn report_file_errors_come_before_anything_runs() {
    let d = tempdir();
    let marker = d.path().join("ran");
    let dir = s(d.path());
    // (the file, why it cannot be written)
    for (path, what) in [
        (
            "/no/such/dir/r.jsonl",
            "No such file or directory (os error 2)",
        ),
        (
            dir.as_str(),
            "it is not a regular file (a FIFO, device or directory); give a file path",
        ),
    ] {
        let r = sp(&[
            "--report",
            path,
            "-p",
            "stdio rpath wpath cpath",
            "-v",
            &format!("rwc:{}", s(d.path())),
            "--",
            "/usr/bin/touch",
            &s(&marker),
        ]);
        assert_eq!(r.code, 125, "{r}");
        let want =
            format!("seccomp-pledge: error: cannot write the report file `{path}`: {what}\n");
        assert_text(&r.stderr, &want, d.path());
        assert!(!marker.exists(), "nothing ran");
    }
}

#[test]
fn report_files_are_never_followed_truncated_or_blocked_on() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let victim = d.path().join("victim");
    std::fs::write(&victim, "keep me\n").unwrap();
    // A symbolic link planted where the report goes: refused, the target untouched.
    let link = d.path().join("link.jsonl");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let r = probe_run(
        &["-p", "stdio", "--report", &s(&link)],
        "socket AF_INET SOCK_STREAM",
    );
    assert_eq!(r.code, 125, "{r}");
    assert_text(&r.stderr, "\
seccomp-pledge: error: cannot write the report file `$DIR/link.jsonl`: it is a symbolic link, which a report file is never written through
", d.path());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me\n");
    // A FIFO: refused at once (opening it does not wait for a reader).
    let fifo = d.path().join("fifo");
    let c = std::ffi::CString::new(s(&fifo)).unwrap();
    // SAFETY: mkfifo with a valid path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let start = std::time::Instant::now();
    let r = probe_run(&["-p", "stdio", "--report", &s(&fifo)], "getpid");
    assert_eq!(r.code, 125, "{r}");
    assert_text(&r.stderr, "\
seccomp-pledge: error: cannot write the report file `$DIR/fifo`: it is not a regular file (a FIFO, device or directory); give a file path
", d.path());
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
    // An existing file is appended to, never truncated.
    let r = probe_run(
        &["-p", "stdio", "--report", &s(&victim)],
        "socket AF_INET SOCK_STREAM",
    );
    r.expect("socket", "EPERM");
    let text = std::fs::read_to_string(&victim).unwrap();
    assert!(
        text.starts_with("keep me\n") && text.contains("\"syscall\":\"socket\""),
        "{text}"
    );
}

#[test]
fn program_controlled_names_are_escaped_in_reports() {
    if !require_kernel() {
        return;
    }
    let evil = "\u{1b}]0;owned\u{7}\u{1b}[2J";
    let r = sp(&[
        "-p",
        "stdio",
        "--",
        &s(probe_static()),
        "prctl",
        "PR_SET_NAME",
        evil,
        "::",
        "socket",
        "AF_INET",
        "SOCK_STREAM",
        "::",
        "open",
        &format!("/tmp/{evil}"),
        "O_RDONLY",
    ]);
    // No control character reaches the terminal: the name is shown escaped.
    assert_text(&mask_run(&r.stderr), "\
seccomp-pledge: denied socket(AF_INET, SOCK_STREAM, IPPROTO_IP) in \\x1b]0;owned\\x07\\x1b[2J[PID]: needs promise inet, anet or dns
seccomp-pledge: denied openat(AT_FDCWD, \"/tmp/\\x1b]0;owned\\x07\\x1b[2J\", O_RDONLY) in \\x1b]0;owned\\x07\\x1b[2J[PID]: needs promise rpath or dns
", Path::new(""));
}
