//! Landlock's refusals reported like seccomp's, with the unveil that fixes them: a read, a
//! write, a create, a remove and an execute, each refused by the real Landlock and reported
//! from the kernel's audit records (`--landlock-reports audit`) and by the unprivileged check
//! (`--landlock-reports check`); what a user without CAP_AUDIT_READ sees; no report for what
//! was allowed; the `--report` JSON.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::path::Path;
use std::sync::OnceLock;

use crate::text_cmp::{assert_text, mask_pids, mask_run};
use crate::util::*;

const FS: &str = "stdio rpath wpath cpath exec";

/// The kernel's audit switch (AUDIT_GET / AUDIT_SET over netlink).
fn audit_status(set: Option<u32>) -> Option<u32> {
    // SAFETY: socket(2) with constant arguments; the fd is owned below.
    let fd = unsafe { libc::socket(libc::AF_NETLINK, libc::SOCK_RAW | libc::SOCK_CLOEXEC, 9) };
    if fd < 0 {
        return None;
    }
    // SAFETY: a fresh fd.
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    let mut msg = vec![0u8; 16];
    let (kind, body): (u16, Vec<u8>) = match set {
        // struct audit_status: mask = AUDIT_STATUS_ENABLED, enabled = v.
        Some(v) => (
            1001,
            [1u32, v, 0, 0, 0, 0, 0, 0]
                .iter()
                .flat_map(|x| x.to_ne_bytes())
                .collect(),
        ),
        None => (1000, Vec::new()),
    };
    msg.extend_from_slice(&body);
    let len = msg.len() as u32;
    msg[0..4].copy_from_slice(&len.to_ne_bytes());
    msg[4..6].copy_from_slice(&kind.to_ne_bytes());
    msg[6..8].copy_from_slice(&1u16.to_ne_bytes()); // NLM_F_REQUEST
    msg[8..12].copy_from_slice(&7u32.to_ne_bytes());
    // SAFETY: sending our buffer.
    if unsafe { libc::send(fd.as_raw_fd(), msg.as_ptr().cast(), msg.len(), 0) } < 0 {
        return None;
    }
    if set.is_some() {
        return Some(0);
    }
    let mut buf = vec![0u8; 8192];
    for _ in 0..4 {
        // SAFETY: receiving into our buffer.
        let n = unsafe { libc::recv(fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len(), 0) };
        if n < 24 {
            return None;
        }
        let kind = u16::from_ne_bytes([buf[4], buf[5]]);
        if kind == 1000 {
            return Some(u32::from_ne_bytes([buf[20], buf[21], buf[22], buf[23]]));
        }
        if kind == 2 && i32::from_ne_bytes([buf[16], buf[17], buf[18], buf[19]]) != 0 {
            return None;
        }
    }
    None
}

extern "C" fn audit_off_again() {
    audit_status(Some(0));
}

/// Kernel audit must be on for the exact mode. When it is off and we are root, it is turned
/// on for these tests and off again when the test process exits (never left on).
fn require_audit() -> bool {
    static OK: OnceLock<Result<(), String>> = OnceLock::new();
    let r = OK.get_or_init(|| match audit_status(None) {
        Some(0) => {
            audit_status(Some(1));
            if audit_status(None) != Some(1) {
                return Err("kernel audit is off and could not be turned on".into());
            }
            eprintln!(
                "kernel audit was off: turned on for the Landlock report tests, off again at exit"
            );
            // SAFETY: registering a plain function to run at exit.
            unsafe { libc::atexit(audit_off_again) };
            Ok(())
        }
        Some(_) => Ok(()),
        None => Err("the kernel's audit status cannot be read (root is needed)".into()),
    });
    match r {
        Ok(()) => require_kernel(),
        Err(why) => missing(why),
    }
}

struct Tree {
    dir: tempfile::TempDir,
}

impl Tree {
    /// `in/f`, `out/f`, `out/t` (an executable copy of the static probe).
    fn new() -> Tree {
        let dir = tempdir();
        for d in ["in", "out"] {
            std::fs::create_dir_all(dir.path().join(d)).unwrap();
        }
        std::fs::write(dir.path().join("in/f"), "inside").unwrap();
        std::fs::write(dir.path().join("out/f"), "outside").unwrap();
        std::fs::copy(probe_static(), dir.path().join("out/t")).unwrap();
        Tree { dir }
    }
    fn p(&self, rel: &str) -> String {
        s(&std::fs::canonicalize(self.dir.path()).unwrap().join(rel))
    }
}

/// Each refused access: the probe's steps, what the report line must hold, the fix, and the
/// whole report under `mode` (the probe's pid masked).
fn cases(t: &Tree, mode: &str) -> Vec<(String, String, String, String)> {
    // The kernel's audit record names the write refused; the check also names the truncate
    // that O_TRUNC asks for.
    let write = if mode == "audit" {
        "write"
    } else {
        "write, truncate"
    };
    vec![
        (
            format!("read {}", t.p("out/f")),
            format!("denied open \"{}\" (read) in probe-static[", t.p("out/f")),
            format!("needs unveil r:{}", t.p("out/f")),
            format!(
                "seccomp-pledge: denied open \"{}\" (read) in probe-static[PID]: needs unveil r:{}\n",
                t.p("out/f"),
                t.p("out/f")
            ),
        ),
        (
            format!("write {} x", t.p("out/f")),
            format!("denied open \"{}\" (write", t.p("out/f")),
            format!("needs unveil w:{}", t.p("out/f")),
            format!(
                "seccomp-pledge: denied open \"{}\" ({write}) in probe-static[PID]: needs unveil w:{}\n",
                t.p("out/f"),
                t.p("out/f")
            ),
        ),
        (
            format!("creat {} 420", t.p("out/new")),
            format!(
                "denied creat in \"{}\" (create) in probe-static[",
                t.p("out")
            ),
            format!("needs unveil wc:{}", t.p("out")),
            format!(
                "seccomp-pledge: denied creat in \"{}\" (create) in probe-static[PID]: needs unveil wc:{}\n",
                t.p("out"),
                t.p("out")
            ),
        ),
        (
            format!("unlink {}", t.p("out/f")),
            format!(
                "denied unlink in \"{}\" (remove) in probe-static[",
                t.p("out")
            ),
            format!("needs unveil c:{}", t.p("out")),
            format!(
                "seccomp-pledge: denied unlink in \"{}\" (remove) in probe-static[PID]: needs unveil c:{}\n",
                t.p("out"),
                t.p("out")
            ),
        ),
        (
            format!("exec {} exit 0", t.p("out/t")),
            format!("denied execve \"{}\" (execute", t.p("out/t")),
            format!("x:{}", t.p("out/t")),
            format!(
                "seccomp-pledge: denied execve \"{}\" (execute, read) in probe-static[PID]: needs unveil rx:{}\n",
                t.p("out/t"),
                t.p("out/t")
            ),
        ),
    ]
}

fn check_mode(mode: &str) {
    for i in 0..cases(&Tree::new(), mode).len() {
        // Each access works without the sandbox, so the refusal below is Landlock's.
        let alone_tree = Tree::new();
        let (steps, _, _, _) = &cases(&alone_tree, mode)[i];
        let op = steps.split_whitespace().next().unwrap();
        let alone = probe_unconfined(steps);
        assert!(
            (op == "exec" && alone.code == 0) || alone.result(op) == "ok",
            "unconfined {steps}: {alone:?}"
        );
        let t = Tree::new();
        let (steps, line, fix, whole) = &cases(&t, mode)[i];
        let v = format!("r:{}", t.p("in"));
        let r = probe_run(&["--landlock-reports", mode, "-p", FS, "-v", &v], steps);
        if op != "exec" {
            r.expect(op, "EACCES");
        }
        assert!(
            whole.contains(line.as_str()) && whole.contains(fix.as_str()),
            "{whole}"
        );
        // The refused execve is reported once, as it was made once (the supervisor once saw
        // it up to thousands of times: its ptrace interrupt withdrew the notification).
        let shown = mask_pids(&r.stderr);
        assert_text(&shown, whole, Path::new(""));
    }
    // Allowed accesses are not reported.
    let t = Tree::new();
    let v = format!("r:{}", t.p("in"));
    let r = probe_run(
        &["--landlock-reports", mode, "-p", FS, "-v", &v],
        &format!("read {} :: getdents {}", t.p("in/f"), t.p("in")),
    );
    r.expect("read", "ok").expect("getdents", "ok");
    assert_text(&r.stderr, "", Path::new(""));
}

#[test]
fn audit_mode_reports_each_refusal_with_its_unveil() {
    if !require_audit() {
        return;
    }
    check_mode("audit");
}

#[test]
fn check_mode_reports_each_refusal_with_its_unveil() {
    if !require_kernel() {
        return;
    }
    check_mode("check");
}

#[test]
fn the_fix_is_pasteable_and_makes_the_access_work() {
    if !require_audit() {
        return;
    }
    let t = Tree::new();
    let steps = format!("read {}", t.p("out/f"));
    let r = probe_run(&["-p", FS], &steps);
    r.expect("read", "EACCES");
    let line = r
        .stderr
        .lines()
        .find(|l| l.contains("needs unveil"))
        .unwrap_or_else(|| panic!("auto mode as root with audit on reports: {r:?}"));
    assert_text(
        &mask_pids(&r.stderr),
        "\
seccomp-pledge: denied open \"$DIR/out/f\" (read) in probe-static[PID]: needs unveil r:$DIR/out/f
",
        t.dir.path(),
    );
    let fix = line.rsplit("needs unveil ").next().unwrap();
    probe_run(&["-p", FS, "-v", fix], &steps).expect("read", "ok");
}

#[test]
fn report_json_and_quiet() {
    if !require_audit() {
        return;
    }
    let t = Tree::new();
    let report = t.dir.path().join("report.json");
    let steps = format!("read {}", t.p("out/f"));
    let r = probe_run(&["-q", "--report", &s(&report), "-p", FS], &steps);
    r.expect("read", "EACCES");
    // -q prints no report.
    assert_text(&r.stderr, "", t.dir.path());
    let text = std::fs::read_to_string(&report).unwrap();
    let d: serde_json::Value = text
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["by"] == "landlock" && v["path"] == t.p("out/f").as_str())
        .unwrap_or_else(|| panic!("no landlock object in {text}"));
    assert_eq!(d["unveil"], format!("r:{}", t.p("out/f")));
    assert_eq!(d["access"][0], "fs.read_file");
    assert_eq!(d["action"], "eacces");
    assert_eq!(d["syscall"], "openat");
}

#[test]
fn without_cap_audit_read_a_failed_run_says_how_to_get_reports() {
    if !require_audit() {
        return;
    }
    let t = Tree::new();
    let steps = format!("read {}", t.p("out/f"));
    // The capability gone from the bounding set: root's next execve does not get it.
    let mut args = vec!["--bounding-set=-audit_read".to_string(), s(bin())];
    args.extend(["-p", FS, "--", &s(probe_static())].map(String::from));
    args.extend(steps.split_whitespace().map(String::from));
    let out = std::process::Command::new("setpriv")
        .args(&args)
        .output()
        .expect("setpriv (util-linux) runs");
    let err = without_root_warning(&String::from_utf8_lossy(&out.stderr));
    assert_text(&err, "\
seccomp-pledge: note: if unveil refused the program a file, it was not reported: reading the kernel's audit records needs CAP_AUDIT_READ (run as root, or grant the capability); `--landlock-reports check` reports such refusals without privileges
", t.dir.path());
    // Asked for, audit mode refuses to run instead.
    let mut args2 = args.clone();
    args2.insert(2, "--landlock-reports=audit".into());
    let out = std::process::Command::new("setpriv")
        .args(&args2)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(125));
    let err = without_root_warning(&String::from_utf8_lossy(&out.stderr));
    assert_text(&err, "\
seccomp-pledge: error: --landlock-reports audit: reading the kernel's audit records needs CAP_AUDIT_READ (run as root, or grant the capability); `--landlock-reports check` explains refusals without privileges
", t.dir.path());
    // The unprivileged mode explains it.
    let mut args3 = args.clone();
    args3.insert(2, "--landlock-reports=check".into());
    let out = std::process::Command::new("setpriv")
        .args(&args3)
        .output()
        .unwrap();
    let err = without_root_warning(&String::from_utf8_lossy(&out.stderr));
    assert_text(
        &mask_pids(&err),
        "\
seccomp-pledge: denied open \"$DIR/out/f\" (read) in probe-static[PID]: needs unveil r:$DIR/out/f
",
        t.dir.path(),
    );
}

#[test]
fn the_shell_keeps_the_denials_and_suggests_their_fixes() {
    if !require_kernel() {
        return;
    }
    let t = Tree::new();
    let probe = s(probe_static());
    let steps = format!("read {} :: socket AF_INET SOCK_STREAM", t.p("out/f"));
    let file = t.dir.path().join("commands");
    std::fs::write(
        &file,
        format!(
            "promise stdio rpath\nunveil {} r\nrun --landlock-reports check -- {probe} {steps}\ndenials\nsuggest --from-denials apply\nshow\nrun -- {probe} {steps}\n",
            t.p("in")
        ),
    )
    .unwrap();
    let r = sp_cmd(&[std::ffi::OsStr::new("shell"), file.as_os_str()], |c| {
        c.current_dir(t.dir.path())
            .env("XDG_STATE_HOME", t.dir.path().join(".state"));
    });
    assert_eq!(r.code, 0, "{r}");
    // `denials` repeats both kinds on stdout.
    // The suggestion adds the promise and the unveil, and the second run gets both.
    assert_text(&mask_run(&r.stdout), "\
promises: stdio rpath
unveiled r $DIR/in
read EACCES
socket EPERM
seccomp-pledge: denied open \"$DIR/out/f\" (read) in probe-static[PID]: needs unveil r:$DIR/out/f
seccomp-pledge: denied socket(AF_INET, SOCK_STREAM, IPPROTO_IP) in probe-static[PID]: needs promise inet, anet or dns

promise inet
unveil r:$DIR/out/f

promises  stdio rpath inet
penalty   eperm
unveil    r    $DIR/in
          r    $DIR/out/f
rules     (none)
limits    cpu default, memory default, open-files default, processes default, file-size default
options   unveil on, strict off, nice off, keep-fds off, keep-caps off, allow-loader-promises off
(unsaved changes)
read ok 7
socket ok 3
", t.dir.path());
    assert_text(&mask_probes(&mask_run(&r.stderr)), "\
seccomp-pledge: denied open \"$DIR/out/f\" (read) in probe-static[PID]: needs unveil r:$DIR/out/f
seccomp-pledge: denied socket(AF_INET, SOCK_STREAM, IPPROTO_IP) in probe-static[PID]: needs promise inet, anet or dns
note: `$PROBES/probe-static` exited with status 1; 2 denied calls
note: added to the session's policy (`undo` takes them back)
note: `$PROBES/probe-static` exited with status 0
", t.dir.path());
    assert_eq!(
        r.results("read").collect::<Vec<_>>(),
        ["EACCES", "ok"],
        "{r}"
    );
    assert_eq!(
        r.results("socket").collect::<Vec<_>>().last(),
        Some(&"ok"),
        "{r}"
    );
}

#[test]
fn scripts_get_the_denials_as_data() {
    if !require_kernel() {
        return;
    }
    let t = Tree::new();
    let probe = s(probe_static());
    let f = t.p("out/f");
    std::fs::write(
        t.dir.path().join("learn.rhai"),
        format!(
            r#"
quiet(true);
promise("stdio rpath");
run(["{probe}", "read", "{f}"], "--landlock-reports check");
let d = denials().denials.filter(|x| x.by == "landlock");
if d.len() != 1 || d[0].unveil != "r:{f}" {{ throw `denials ${{d}}`; }}
suggest("--from-denials", "apply");
let r = run(["{probe}", "read", "{f}"]);
if r.status != 0 {{ throw `status ${{r.status}}`; }}
print("fixed");
"#
        ),
    )
    .unwrap();
    let r = sp_cmd(
        &[
            std::ffi::OsStr::new("script"),
            t.dir.path().join("learn.rhai").as_os_str(),
        ],
        |c| {
            c.current_dir(t.dir.path())
                .env("XDG_STATE_HOME", t.dir.path());
        },
    );
    assert_eq!(r.code, 0, "{r}");
    assert_text(
        &r.stdout,
        "\
read EACCES
read ok 7
fixed
",
        t.dir.path(),
    );
    assert_text(
        &mask_pids(&r.stderr),
        "\
seccomp-pledge: denied open \"$DIR/out/f\" (read) in probe-static[PID]: needs unveil r:$DIR/out/f
",
        t.dir.path(),
    );
}

#[test]
fn the_programs_own_landlock_domain_is_not_reported_as_the_sandboxs() {
    if !require_audit() {
        return;
    }
    let t = Tree::new();
    // Unconfined, the program's own domain refuses what lies outside its PATH.
    let steps = format!(
        "landlock-nest {} :: read {} :: read {}",
        t.p("in"),
        t.p("in/f"),
        t.p("out/f")
    );
    let alone = probe_unconfined(&steps);
    assert_eq!(
        alone.results("read").collect::<Vec<_>>(),
        ["ok", "EACCES"],
        "{alone:?}"
    );
    // Confined with out/ unveiled: that refusal is the program's doing, not the sandbox's,
    // and no unveil would fix it.
    let v = format!("r:{}", t.dir.path().display());
    let r = probe_run(
        &[
            "--landlock-reports",
            "audit",
            "-p",
            "stdio rpath unveil",
            "-v",
            &v,
        ],
        &steps,
    );
    r.expect("landlock-nest", "ok");
    assert_eq!(
        r.results("read").collect::<Vec<_>>(),
        ["ok", "EACCES"],
        "{r:?}"
    );
    assert_text(&mask_pids(&r.stderr), "", t.dir.path());
}

#[test]
fn checking_file_calls_lets_through_nothing_the_filter_denies() {
    if !require_kernel() {
        return;
    }
    let t = Tree::new();
    let steps = format!(
        "open {} 1 :: mkdir {} :: unlink {} :: read {}",
        t.p("in/f"),
        t.p("in/d"),
        t.p("in/f"),
        t.p("in/f")
    );
    // Unconfined, all of them work (on a tree of their own).
    let alone_tree = Tree::new();
    let alone = probe_unconfined(&steps.replace(&t.p(""), &alone_tree.p("")));
    for op in ["open", "mkdir", "unlink"] {
        alone.expect(op, "ok");
    }
    // Under `stdio rpath` with the directory fully unveiled, the calls the filter sends to the
    // supervisor only to be checked are still refused where the promises do not allow them.
    let v = format!("rwc:{}", t.p("in"));
    let r = probe_run(
        &["--landlock-reports", "check", "-p", "stdio rpath", "-v", &v],
        &steps,
    );
    for op in ["open", "mkdir", "unlink"] {
        r.expect(op, "EPERM");
    }
    r.expect("read", "ok");
    assert_text(&mask_pids(&r.stderr), "\
seccomp-pledge: denied openat(AT_FDCWD, \"$DIR/in/f\", O_WRONLY) in probe-static[PID]: needs promise wpath
seccomp-pledge: denied mkdirat(AT_FDCWD, \"$DIR/in/d\", 0755) in probe-static[PID]: needs promise cpath
seccomp-pledge: denied unlinkat(AT_FDCWD, \"$DIR/in/f\", 0) in probe-static[PID]: needs promise cpath or tmppath
", t.dir.path());
    assert_eq!(std::fs::read_to_string(t.p("in/f")).unwrap(), "inside");
}

#[test]
fn checking_file_calls_keeps_the_narrowing_and_the_single_execve() {
    if !require_kernel() {
        return;
    }
    // Unconfined, the dynamic probe opens, maps executable memory and executes.
    let steps =
        "open /etc/hostname O_RDONLY :: mmap PROT_READ|PROT_EXEC MAP_PRIVATE :: exec /bin/true";
    let alone = probe_unconfined(&steps.replace("exec /bin/true", "getpid"));
    alone.expect("open", "ok").expect("mmap", "ok");
    // Under `stdio` in check mode: the loader got what it needed, the program gets none of it,
    // and its own execve (observed, since the filter sends execve to the supervisor) is refused.
    let r = probe_run_dyn(&["--landlock-reports", "check", "-p", "stdio"], steps);
    r.expect("open", "EPERM")
        .expect("mmap", "EPERM")
        .expect("exec", "EPERM");
    // With `exec` promised, the first execve is the child's own, observed and let through;
    // a static program's second one is still refused without `exec`.
    let r = probe_run(
        &["--landlock-reports", "check", "-p", "stdio"],
        &format!("exec {} echo again", s(probe_static())),
    );
    r.expect("exec", "EPERM");
    assert_text(&mask_probes(&mask_run(&r.stderr)), "\
seccomp-pledge: denied execve(\"$PROBES/probe-static\", [\"$PROBES/probe-static\", \"echo\", \"again\"], 0xADDR /* N vars */) in probe-static[PID]: needs promise exec
", Path::new(""));
    let r = probe_run(
        &["--landlock-reports", "check", "-p", "stdio exec"],
        &format!("exec {} exit 42", s(probe_static())),
    );
    assert_eq!(r.code, 42, "{r}");
}

/// A free TCP port on the loopback interface (bound, then released).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn network_unveils_allow_exactly_their_ports_and_refusals_name_the_fix() {
    if !require_audit() {
        return;
    }
    let a = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let b = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let (pa, pb) = (
        a.local_addr().unwrap().port(),
        b.local_addr().unwrap().port(),
    );
    let (pc, pd) = (free_port(), free_port());
    let steps = format!(
        "tcp-connect 127.0.0.1 {pa} :: tcp-connect 127.0.0.1 {pb} :: bind-inet {pc} :: bind-inet {pd}"
    );
    // Unconfined, every call works.
    let open = probe_unconfined(&steps);
    assert_eq!(
        open.stdout, "tcp-connect ok 3\ntcp-connect ok 4\nbind-inet ok 5\nbind-inet ok 6\n",
        "{open}"
    );
    // connect:A: only that port may be connected to; binding is not restricted.
    let (va, vd) = (format!("connect:{pa}"), format!("bind:{pd}"));
    let r = probe_run(&["-p", "stdio inet", "-P", "unlimited", "-v", &va], &steps);
    assert_eq!(
        r.stdout, "tcp-connect ok 3\ntcp-connect EACCES\nbind-inet ok 4\nbind-inet ok 5\n",
        "{r}"
    );
    assert_text(
        &mask_pids(&r.stderr),
        &format!(
            "seccomp-pledge: denied connect to 127.0.0.1 port {pb} (TCP connect) in probe-static[PID]: needs unveil connect:{pb}\n"
        ),
        Path::new("/"),
    );
    // Both kinds: binding is refused but on port D.
    let r = probe_run(
        &["-p", "stdio inet", "-P", "unlimited", "-v", &va, "-v", &vd],
        &steps,
    );
    assert_eq!(
        r.stdout, "tcp-connect ok 3\ntcp-connect EACCES\nbind-inet EACCES\nbind-inet ok 4\n",
        "{r}"
    );
    assert!(
        r.stderr
            .contains(&format!(" port {pc} (TCP bind) in probe-static["))
            && r.stderr.contains(&format!(": needs unveil bind:{pc}\n")),
        "{r}"
    );
    // Bad values are refused before anything runs.
    let bad = sp(&["-p", "stdio inet", "-v", "connect:http", "--", "/bin/true"]);
    assert_eq!(bad.code, 125, "{bad}");
    assert!(
        bad.stderr.contains("bad network unveil `connect:http`: expected connect:PORT or bind:PORT with a TCP port 0 to 65535"),
        "{bad}"
    );
    // In the shell: unveil, show, remove; a policy file keeps them.
    let d = tempdir();
    let commands = d.path().join("commands");
    std::fs::write(
        &commands,
        format!("promise stdio inet\nunveil {va}\nunveil {vd}\nshow\nsave --force p.json\nremove unveil {va}\nshow\n"),
    )
    .unwrap();
    let r = sp_cmd(
        &[std::ffi::OsStr::new("shell"), commands.as_os_str()],
        |c| {
            c.current_dir(d.path())
                .env("XDG_STATE_HOME", d.path().join(".state"));
        },
    );
    assert_eq!(r.code, 0, "{r}");
    let nets: Vec<&str> = r.stdout.lines().filter(|l| l.starts_with("net ")).collect();
    assert_eq!(
        nets,
        [
            format!("net       {va} {vd} (TCP; other ports of these kinds refused)"),
            format!("net       {vd} (TCP; other ports of these kinds refused)"),
        ],
        "{r}"
    );
    let saved = std::fs::read_to_string(d.path().join("p.json")).unwrap();
    assert!(
        saved.contains(&format!("\"net\": [\n    \"{va}\",\n    \"{vd}\"\n  ]")),
        "{saved}"
    );
    drop((a, b));
}

#[test]
fn network_unveils_hold_against_ipv6_and_fast_open_and_say_what_they_leave_open() {
    if !require_kernel() {
        return;
    }
    let prog = compile_with("gcc", "netdodge.c", "netdodge", &["-static"]);
    let six = std::net::TcpListener::bind("[::1]:0").unwrap();
    let four = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let (p6, p4) = (
        six.local_addr().unwrap().port().to_string(),
        four.local_addr().unwrap().port().to_string(),
    );
    // Unconfined, every way works (Fast Open falls back to a plain connect).
    let open = run_command(std::process::Command::new(&prog).args([&p6, &p4]));
    assert_eq!(
        open.stdout, "connect6 ok\nfastopen ok\nlisten ok\n",
        "{open}"
    );
    // connect:1 and bind:2: IPv6 and Fast Open are refused like connect(2); listen(2)
    // autobinds an ephemeral port, which Landlock does not see, and the run says so.
    let r = sp(&[
        "-P",
        "unlimited",
        "-p",
        "stdio inet",
        "--landlock-reports",
        "off",
        "-v",
        "connect:1",
        "-v",
        "bind:2",
        "--",
        &s(&prog),
        &p6,
        &p4,
    ]);
    assert_eq!(
        r.stdout, "connect6 EACCES\nfastopen EACCES\nlisten ok\n",
        "{r}"
    );
    assert_eq!(
        r.stderr,
        "seccomp-pledge: warning: bind: Landlock restricts bind(2) only: listen(2) on an unbound TCP socket still listens on an ephemeral port; UDP is not restricted\n",
        "{r}"
    );
    drop((six, four));
}
