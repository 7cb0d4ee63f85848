//! The launcher: penalties, exit codes, argv verbatim, descriptor normalisation, session,
//! capabilities, resource limits, niceness, signal forwarding.

use std::os::unix::ffi::OsStrExt;
use std::process::Command;

use std::path::Path;

use crate::text_cmp::assert_text;
use crate::util::*;

#[test]
fn eperm_penalty_lets_the_program_go_on_and_kill_ends_it() {
    if !require_kernel() {
        return;
    }
    let r = probe_run(
        &["-p", "stdio"],
        "socket AF_INET SOCK_STREAM :: getpid :: exit 7",
    );
    assert_eq!(r.code, 7, "{r}");
    r.expect("socket", "EPERM").expect("getpid", "ok");
    let r = probe_run(
        &["-k", "-p", "stdio"],
        "getpid :: socket AF_INET SOCK_STREAM :: getpid",
    );
    assert_eq!(r.code, 128 + libc::SIGSYS, "{r}");
    assert_eq!(
        r.results("getpid").count(),
        1,
        "nothing runs after the denied call\n{r}"
    );
    let report = r
        .stderr
        .find("denied socket(AF_INET, SOCK_STREAM, IPPROTO_IP)")
        .expect("reported");
    let killed = r
        .stderr
        .find("the sandbox was killed after the denial reported above")
        .expect("said");
    assert!(report < killed, "report first, then kill\n{r}");
}

#[test]
fn exit_codes() {
    if !require_kernel() {
        return;
    }
    assert_eq!(probe_run(&["-p", "stdio"], "exit 42").code, 42);
    assert_eq!(probe_run(&["-p", "stdio"], "exit 0").code, 0);
    // killed by a signal: 128 + signal
    let r = probe_run(&["-p", "stdio"], "kill self SIGTERM");
    assert_eq!(r.code, 128 + libc::SIGTERM, "{r}");
    // not found: 127, with a message naming it
    let r = sp(&["-p", "stdio", "--", "no-such-program-xyz"]);
    assert_eq!(r.code, 127, "{r}");
    assert_text(
        &r.stderr,
        "seccomp-pledge: error: `no-such-program-xyz`: command not found\n",
        Path::new(""),
    );
    let r = sp(&["-p", "stdio", "--", "/no/such/path"]);
    assert_eq!(r.code, 127, "{r}");
    // not executable: 126
    let d = tempdir();
    let f = d.path().join("plain");
    std::fs::write(&f, "not a program").unwrap();
    let r = sp(&["-p", "stdio", "--", &s(&f)]);
    assert_eq!(r.code, 126, "{r}");
    assert_text(
        &r.stderr,
        "\
seccomp-pledge: error: `$DIR/plain` cannot be executed: Permission denied (os error 13)
",
        d.path(),
    );
    let r = sp(&["-p", "stdio", "--", &s(d.path())]);
    assert_eq!(r.code, 126, "{r}");
    assert_text(
        &r.stderr,
        "seccomp-pledge: error: `$DIR` cannot be executed: it is a directory\n",
        d.path(),
    );
}

#[test]
fn argv_reaches_execve_verbatim() {
    if !require_kernel() {
        return;
    }
    let weird: Vec<&[u8]> = vec![
        b"with space",
        b"'single' \"double\"",
        b"semi;colon",
        b"$(id)",
        b"`id`",
        b"",
        b"\xff\xfe not utf-8",
        b"--",
        b"-p",
        b"*",
        b"a\nb",
    ];
    let out = Command::new(bin())
        .args(["-p", "stdio", "--"])
        .arg(probe_static())
        .arg("argv")
        .args(weird.iter().map(|w| std::ffi::OsStr::from_bytes(w)))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], format!("argv ok {}", weird.len()), "{text}");
    for (i, w) in weird.iter().enumerate() {
        let hex: String = w.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            lines[i + 1],
            format!("argv[{i}]={hex}"),
            "argument {i}\n{text}"
        );
    }
}

#[test]
fn program_is_found_in_path() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    std::fs::copy(probe_static(), d.path().join("my-probe")).unwrap();
    let r = sp_cmd(&["-p", "stdio", "--", "my-probe", "echo", "found"], |c| {
        c.env("PATH", format!("/nonexistent:{}", s(d.path())));
    });
    assert_eq!(r.code, 0, "{r}");
    assert_eq!(r.value("echo"), "found");
}

#[test]
fn descriptors_are_normalised_unless_n() {
    if !require_kernel() {
        return;
    }
    let sh = |flags: &str| {
        let cmd = format!(
            "exec 5</etc/hostname 0<&- ; exec {} -p stdio {flags} -- {} fds",
            s(bin()),
            s(probe_static())
        );
        let out = Command::new("/bin/sh").arg("-c").arg(cmd).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let normal = sh("");
    assert!(
        normal.contains("fds ok 0,1,2"),
        "fd 5 closed, fd 0 reopened on /dev/null: {normal}"
    );
    let kept = sh("-N");
    assert!(kept.contains(",5"), "-N keeps fd 5: {kept}");
}

#[test]
fn new_session_no_new_privs_and_no_capabilities() {
    if !require_kernel() {
        return;
    }
    let r = probe_run(&["-p", "stdio rpath"], "sid :: status");
    let sid = r.value("sid");
    let pid = sid.split(',').next().unwrap().trim_start_matches("pid=");
    assert!(
        sid.ends_with(&format!("sid={pid}")),
        "the program leads its own session: {sid}"
    );
    let status = r.value("status");
    assert!(status.contains("NoNewPrivs=1"), "{status}");
    assert!(status.contains("CapBnd=0000000000000000"), "{status}");
    assert!(
        status.contains("CapEff=0000000000000000"),
        "root loses its capabilities at exec: {status}"
    );
    let r = probe_run(&["-D", "-p", "stdio rpath"], "status");
    assert!(
        !r.value("status").contains("CapBnd=0000000000000000"),
        "-D keeps the bounding set\n{r}"
    );
}

#[test]
fn resource_limits_have_pledge_com_defaults_and_flags() {
    if !require_kernel() {
        return;
    }
    let r = probe_run(&["-p", "stdio"], "getrlimit nofile :: getrlimit fsize");
    let vals: Vec<&str> = r
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("getrlimit ok "))
        .collect();
    assert_eq!(vals, ["64,64", "256000000,384000000"], "{r}");
    let r = probe_run(
        &[
            "-p", "stdio", "-O", "100", "-M", "1g", "-C", "30", "-F", "10m", "-P", "5000",
        ],
        "getrlimit nofile :: getrlimit as :: getrlimit cpu :: getrlimit fsize :: getrlimit nproc",
    );
    let vals: Vec<&str> = r
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("getrlimit ok "))
        .collect();
    assert_eq!(
        vals,
        [
            "100,100",
            "1073741824,1073741824",
            "30,30",
            "10485760,15728640",
            "5000,5000"
        ],
        "{r}"
    );
    let r = probe_run(&["-p", "stdio", "-M", "unlimited"], "getrlimit as");
    assert_eq!(r.value("getrlimit"), "inf,inf");
    // a file bigger than -F is cut short by SIGXFSZ
    let d = tempdir();
    let f = s(&d.path().join("big"));
    std::fs::write(&f, "").unwrap();
    let r = probe_run(
        &[
            "-p",
            "stdio wpath",
            "-v",
            &format!("rw:{}", s(d.path())),
            "-F",
            "4",
        ],
        &format!("write {f} 0123456789 :: append {f} more"),
    );
    assert_eq!(r.code, 128 + libc::SIGXFSZ, "{r}");
}

#[test]
fn nice_lowers_priorities() {
    if !require_kernel() {
        return;
    }
    let r = probe_run(&["-n", "-p", "stdio proc"], "sched :: ioprio");
    assert_eq!(r.value("sched"), "IDLE", "{r}");
    assert_eq!(
        r.value("ioprio"),
        format!("{}", 3 << 13),
        "idle I/O class\n{r}"
    );
}

#[test]
fn terminal_signals_are_forwarded_to_the_sandbox() {
    if !require_kernel() {
        return;
    }
    let mut child = Command::new(bin())
        .args(["-p", "stdio", "--"])
        .arg(probe_static())
        .arg("pause")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    // SAFETY: signalling our own child process.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let status = child.wait().unwrap();
    assert_eq!(
        status.code(),
        Some(128 + libc::SIGTERM),
        "the program died of SIGTERM, the supervisor reports it"
    );
}

#[test]
fn the_sandbox_dies_with_its_supervisor() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let pidfile = d.path().join("pid");
    // the probe prints its pid, then pauses; SIGKILL the supervisor, the probe must go too
    let mut child = Command::new(bin())
        .args(["-p", "stdio", "--"])
        .arg(probe_static())
        .args(["getpid", "::", "pause"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut buf = [0u8; 64];
    let n = std::io::Read::read(&mut out, &mut buf).unwrap();
    let line = String::from_utf8_lossy(&buf[..n]).to_string();
    let pid: i32 = line.trim().rsplit(' ').next().unwrap().parse().unwrap();
    std::fs::write(&pidfile, pid.to_string()).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    let mut gone = false;
    for _ in 0..50 {
        // dead: gone, or a zombie waiting for init to reap it
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        if state.is_empty()
            || state
                .rsplit(") ")
                .next()
                .is_some_and(|r| r.starts_with('Z'))
        {
            gone = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(gone, "probe {pid} outlived its supervisor");
}
