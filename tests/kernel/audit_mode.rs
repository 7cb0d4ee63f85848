//! `--audit`: a policy being rolled out reports what it would deny and lets it through, while
//! deny rules and the guards stay enforced; every line and the end of the run say so.

use std::ffi::OsStr;

use crate::text_cmp::{assert_text, mask_pids};
use crate::util::*;

const STEPS: &str = "socket AF_INET SOCK_STREAM :: socket AF_INET6 SOCK_STREAM :: open /etc/hostname O_RDONLY :: x32-getpid :: tiocsti 0";

#[test]
fn audit_mode_lets_through_what_the_policy_would_deny_and_says_so() {
    if !require_kernel() {
        return;
    }
    // What the kernel alone answers: the calls work (TIOCSTI on /dev/null: ENOTTY; no x32
    // on this kernel: ENOSYS).
    let open = probe_unconfined(STEPS);
    assert_eq!(
        open.stdout, "socket ok 3\nsocket ok 4\nopen ok 5\nx32-getpid ENOSYS\ntiocsti ENOTTY\n",
        "{open}"
    );
    let flags = [
        "-p",
        "stdio",
        "-v",
        "r:/usr",
        "--deny",
        "socket if arg0 == AF_INET6 errno EACCES",
        "-P",
        "unlimited",
        "--landlock-reports",
        "check",
    ];
    // Enforced: the promise denies socket(AF_INET) and the open, unveil would too.
    let enforced = probe_run(&flags, STEPS);
    assert_eq!(
        enforced.stdout,
        "socket EPERM\nsocket EACCES\nopen EPERM\nx32-getpid EPERM\ntiocsti EPERM\n",
        "{enforced}"
    );
    // Audit: the promise's and unveil's denials run; the deny rule and the guards hold.
    let mut audit_flags = flags.to_vec();
    audit_flags.push("--audit");
    let d = tempdir();
    let report = d.path().join("r.jsonl");
    let report_s = s(&report);
    audit_flags.extend(["--report", &report_s]);
    let audited = probe_run(&audit_flags, STEPS);
    assert_eq!(
        audited.stdout, "socket ok 3\nsocket EACCES\nopen ok 4\nx32-getpid EPERM\ntiocsti EPERM\n",
        "{audited}"
    );
    // The x32 call's arguments are whatever the registers held.
    let shown: String = mask_pids(&audited.stderr)
        .lines()
        .map(|l| match (l.find("getpid("), l.find(") in ")) {
            (Some(a), Some(b)) if a < b => format!("{}getpid(…{}\n", &l[..a], &l[b..]),
            _ if l.contains("TIOCSTI, 0x") => {
                let a = l.find("TIOCSTI, 0x").unwrap() + "TIOCSTI, ".len();
                let b = a + l[a..].find(')').unwrap();
                format!("{}ADDR{}\n", &l[..a], &l[b..])
            }
            _ => format!("{l}\n"),
        })
        .collect();
    assert_text(
        &shown,
        "seccomp-pledge: warning: audit mode: the policy is not enforced (deny rules and the guards are); what it would deny is reported and let through\n\
seccomp-pledge: audit: would deny socket(AF_INET, SOCK_STREAM, IPPROTO_IP) in probe-static[PID] (let through): needs promise inet, anet or dns\n\
seccomp-pledge: audit: would deny openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY) in probe-static[PID] (let through): needs promise rpath or dns\n\
seccomp-pledge: denied x32 syscall getpid(…) in probe-static[PID]: never allowed: x32 system calls bypass the 64-bit filter\n\
seccomp-pledge: denied ioctl(0, TIOCSTI, ADDR) in probe-static[PID]: never allowed: it injects input into a terminal\n\
seccomp-pledge: note: audit mode: nothing was enforced but deny rules and the guards; 2 calls would have been denied; to allow them: -p 'stdio inet rpath'\n",
        d.path(),
    );
    let actions: Vec<String> = report_objects(&report)
        .iter()
        .map(|o| format!("{} {}", o["syscall"], o["action"]))
        .collect();
    assert_eq!(
        actions,
        [
            "\"socket\" \"audit\"",
            "\"openat\" \"audit\"",
            "\"x32:getpid\" \"eperm\"",
            "\"ioctl\" \"eperm\""
        ],
    );
}

#[test]
fn audit_mode_still_kills_an_i386_call() {
    if !require_kernel() {
        return;
    }
    // Unconfined, int 0x80 runs (the kernel has i386 emulation here).
    probe_unconfined("int80-getpid").expect("int80-getpid", "ok");
    let r = probe_run(
        &["-p", "stdio", "-P", "unlimited", "--audit"],
        "getpid :: int80-getpid",
    );
    assert_eq!(r.code, 128 + libc::SIGSYS, "{r}");
    r.expect("getpid", "ok");
    assert!(r.results("int80-getpid").next().is_none(), "{r}");
}

#[test]
fn audit_mode_reports_what_unveil_would_refuse_in_the_shell_too() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let probe = s(probe_static());
    let commands = d.path().join("commands");
    std::fs::write(
        &commands,
        format!("promise stdio rpath\nunveil r:/usr\nlimit processes unlimited\nrun --audit -- {probe} open /etc/hostname O_RDONLY\nrun -- {probe} open /etc/hostname O_RDONLY\n"),
    )
    .unwrap();
    let r = sp_cmd(&[OsStr::new("shell"), commands.as_os_str()], |c| {
        c.current_dir(d.path())
            .env("XDG_STATE_HOME", d.path().join(".state"));
    });
    assert_eq!(r.code, 0, "{r}");
    // Audited, the open works and is reported as Landlock would refuse it; enforced, it fails.
    assert_eq!(
        r.results("open").collect::<Vec<_>>(),
        ["ok", "EACCES"],
        "{r}"
    );
    assert_text(
        &without_audit_lines(&mask_pids(&r.stderr)),
        &format!(
            "seccomp-pledge: warning: audit mode: the policy is not enforced (deny rules and the guards are); what it would deny is reported and let through\n\
seccomp-pledge: audit: would deny open \"/etc/hostname\" (read) in probe-static[PID] (let through): needs unveil r:/etc/hostname\n\
note: audit mode: nothing was enforced but deny rules and the guards; 1 call would have been denied; to allow them: -v r:/etc/hostname\n\
note: `{probe}` exited with status 0; 1 call reported (audit mode: let through unless a guard or deny rule)\n\
note: `{probe}` exited with status 1\n"
        ),
        d.path(),
    );
}
