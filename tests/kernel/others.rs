//! Calls that change another process given its pid (scheduling, priorities, limits, memory
//! placement) are allowed by promises on the program itself only: pid 0 or its own pid.
//! Landlock does not scope most of them, so the victim here is a process of the same uid
//! outside the sandbox: a `sleep` the test starts in a process group of its own, with no more
//! capabilities than the sandboxed program. Each attack
//! is first shown to reach the victim (unconfined, or sandboxed under a policy that allows
//! the call explicitly), then refused under the promise with a report saying no promise
//! allows it on another process, the victim unchanged; the same call on the program itself
//! (pid 0 and its own pid, the probe's `self`) still works.

use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};

use std::path::Path;

use crate::text_cmp::assert_text;
use crate::util::*;

/// A process outside the sandbox, killed when dropped.
struct Victim {
    child: Child,
}

impl Victim {
    /// `sleep 60` in a new process group, with no more capabilities than a sandboxed program
    /// (its bounding set emptied before exec: as root, the kernel's capability checks on
    /// nice/scheduling changes would otherwise refuse a capability-less caller by themselves).
    fn spawn() -> Victim {
        let mut c = Command::new("sleep");
        c.arg("60").stdin(Stdio::null()).process_group(0);
        // SAFETY: only prctl between fork and exec; errors (not root) leave it as is.
        unsafe {
            c.pre_exec(|| {
                for cap in 0..64 {
                    libc::prctl(libc::PR_CAPBSET_DROP, cap, 0, 0, 0);
                }
                Ok(())
            });
        }
        Victim {
            child: c.spawn().unwrap(),
        }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn status_field(&self, key: &str) -> String {
        let text = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap();
        text.lines()
            .find_map(|l| l.strip_prefix(key))
            .map(|v| v.trim().to_string())
            .unwrap()
    }

    fn nice(&self) -> i64 {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap();
        let after = stat.rsplit(')').next().unwrap();
        // Field 19 of stat; the fields after the command name start at field 3.
        after.split_whitespace().nth(16).unwrap().parse().unwrap()
    }

    fn core_limit(&self) -> String {
        let text = std::fs::read_to_string(format!("/proc/{}/limits", self.pid())).unwrap();
        let line = text
            .lines()
            .find(|l| l.starts_with("Max core file size"))
            .unwrap();
        line.split_whitespace()
            .skip(4)
            .take(2)
            .collect::<Vec<_>>()
            .join(",")
    }

    fn policy(&self) -> i32 {
        // SAFETY: reads the scheduling policy of a process; no memory is passed.
        unsafe { libc::sched_getscheduler(self.pid() as i32) }
    }

    fn ioprio(&self) -> i64 {
        // SAFETY: ioprio_get(IOPRIO_WHO_PROCESS, pid) passes no memory.
        unsafe { libc::syscall(libc::SYS_ioprio_get, 1, self.pid()) }
    }
}

impl Drop for Victim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const PROC: &[&str] = &["-p", "stdio proc"];
const SCHED_BATCH: i32 = 3;
const IOPRIO_BE_7: i64 = (2 << 13) | 7;
const RLIMIT_CORE: i32 = 4;

/// Runs `attack` (on the victim) then `own` (on the probe itself) under `flags`: the attack
/// is refused by the filter, with a report naming it, and every own step works.
#[track_caller]
fn refused_on_others_only(flags: &[&str], syscall: &str, attack: &str, own: &[String]) -> Run {
    let steps: Vec<&str> = std::iter::once(attack)
        .chain(own.iter().map(String::as_str))
        .collect();
    let r = probe_run(flags, &steps.join(" :: "));
    let got: Vec<&str> = r.results("raw").collect();
    let mut want = vec!["EPERM"];
    want.extend(std::iter::repeat_n("ok", own.len()));
    assert_eq!(got, want, "{attack} then {own:?} under {flags:?}\n{r}");
    // The call's arguments name the other process, whose pid differs per run: the line is
    // named, not compared whole.
    assert!(
        r.stderr
            .lines()
            .any(|l| l.contains(&format!("denied {syscall}("))
                && l.ends_with("no promise allows it on another process")),
        "{syscall}: the report says why\n{r}"
    );
    r
}

fn raw(nr: i64, args: &str) -> String {
    format!("raw {nr} {args}")
}

#[test]
fn scheduling_of_other_processes_is_refused() {
    if !require_kernel() {
        return;
    }
    // sched_setaffinity(victim, 8, {CPU 0}) under stdio.
    let v = Victim::spawn();
    let before = v.status_field("Cpus_allowed_list:");
    let attack = raw(libc::SYS_sched_setaffinity, &format!("{} 8 ptr:1", v.pid()));
    probe_run(&["-p", "stdio", "--allow", "sched_setaffinity"], &attack).expect("raw", "ok");
    assert_eq!(
        v.status_field("Cpus_allowed_list:"),
        "0",
        "the victim was moved"
    );
    let v = Victim::spawn();
    refused_on_others_only(
        &["-p", "stdio"],
        "sched_setaffinity",
        &raw(libc::SYS_sched_setaffinity, &format!("{} 8 ptr:1", v.pid())),
        &[
            raw(libc::SYS_sched_setaffinity, "0 8 ptr:1"),
            raw(libc::SYS_sched_setaffinity, "self 8 ptr:1"),
        ],
    );
    assert_eq!(v.status_field("Cpus_allowed_list:"), before);

    // sched_setscheduler(victim, SCHED_BATCH, {0}) under proc.
    let v = Victim::spawn();
    let attack = raw(
        libc::SYS_sched_setscheduler,
        &format!("{} 3 ptr:0", v.pid()),
    );
    probe_run(
        &["-p", "stdio proc", "--allow", "sched_setscheduler"],
        &attack,
    )
    .expect("raw", "ok");
    assert_eq!(v.policy(), SCHED_BATCH);
    let v = Victim::spawn();
    refused_on_others_only(
        PROC,
        "sched_setscheduler",
        &raw(
            libc::SYS_sched_setscheduler,
            &format!("{} 3 ptr:0", v.pid()),
        ),
        &[
            raw(libc::SYS_sched_setscheduler, "0 3 ptr:0"),
            raw(libc::SYS_sched_setscheduler, "self 0 ptr:0"),
        ],
    );
    assert_eq!(v.policy(), libc::SCHED_OTHER);

    // sched_setparam(victim, {0}) under proc: reaches the kernel when allowed.
    let v = Victim::spawn();
    let attack = raw(libc::SYS_sched_setparam, &format!("{} ptr:0", v.pid()));
    probe_run(&["-p", "stdio proc", "--allow", "sched_setparam"], &attack).expect("raw", "ok");
    refused_on_others_only(
        PROC,
        "sched_setparam",
        &attack,
        &[
            raw(libc::SYS_sched_setparam, "0 ptr:0"),
            raw(libc::SYS_sched_setparam, "self ptr:0"),
        ],
    );
}

#[test]
fn priorities_and_limits_of_other_processes_are_refused() {
    if !require_kernel() {
        return;
    }
    // setpriority(PRIO_PROCESS, victim, 5) and (PRIO_PGRP, victim's group, 6).
    let v = Victim::spawn();
    let attack = raw(libc::SYS_setpriority, &format!("0 {} 5", v.pid()));
    let group = raw(libc::SYS_setpriority, &format!("1 {} 6", v.pid()));
    let allowed = probe_run(
        &["-p", "stdio proc", "--allow", "setpriority"],
        &format!("{attack} :: {group}"),
    );
    assert_eq!(
        allowed.results("raw").collect::<Vec<_>>(),
        ["ok", "ok"],
        "{allowed}"
    );
    assert_eq!(v.nice(), 6);
    let v = Victim::spawn();
    for flags in [PROC, &["-p", "stdio id"]] {
        refused_on_others_only(
            flags,
            "setpriority",
            &raw(libc::SYS_setpriority, &format!("0 {} 5", v.pid())),
            &[
                raw(libc::SYS_setpriority, "0 0 1"),
                raw(libc::SYS_setpriority, "0 self 2"),
                raw(libc::SYS_setpriority, "1 0 3"),
            ],
        );
        refused_on_others_only(
            flags,
            "setpriority",
            &raw(libc::SYS_setpriority, &format!("1 {} 6", v.pid())),
            &[],
        );
    }
    assert_eq!(v.nice(), 0);
    // PRIO_USER: a uid with no processes reaches the kernel (ESRCH), the promise refuses it.
    let user = raw(libc::SYS_setpriority, "2 54321 5");
    probe_unconfined(&user).expect("raw", "ESRCH");
    let r = probe_run(PROC, &user);
    r.expect("raw", "EPERM");
    assert_text(&auto_stderr(&r.stderr), "\
seccomp-pledge: denied setpriority(PRIO_USER, 54321, 5) in probe-static[PID]: no promise allows this (explicit rule: allow setpriority if arg0 == 2 and arg1 == 54321)
", Path::new(""));

    // ioprio_set(IOPRIO_WHO_PROCESS, victim, BE/7) and IOPRIO_WHO_USER.
    let v = Victim::spawn();
    let attack = raw(
        libc::SYS_ioprio_set,
        &format!("1 {} {IOPRIO_BE_7}", v.pid()),
    );
    probe_run(&["-p", "stdio proc", "--allow", "ioprio_set"], &attack).expect("raw", "ok");
    assert_eq!(v.ioprio(), IOPRIO_BE_7);
    let v = Victim::spawn();
    let before = v.ioprio();
    refused_on_others_only(
        PROC,
        "ioprio_set",
        &raw(
            libc::SYS_ioprio_set,
            &format!("1 {} {IOPRIO_BE_7}", v.pid()),
        ),
        &[
            raw(libc::SYS_ioprio_set, &format!("1 0 {IOPRIO_BE_7}")),
            raw(libc::SYS_ioprio_set, &format!("1 self {IOPRIO_BE_7}")),
            raw(libc::SYS_ioprio_set, &format!("2 0 {IOPRIO_BE_7}")),
        ],
    );
    refused_on_others_only(
        PROC,
        "ioprio_set",
        &raw(
            libc::SYS_ioprio_set,
            &format!("2 {} {IOPRIO_BE_7}", v.pid()),
        ),
        &[],
    );
    assert_eq!(v.ioprio(), before);
    let user = raw(libc::SYS_ioprio_set, &format!("3 54321 {IOPRIO_BE_7}"));
    probe_unconfined(&user).expect("raw", "ESRCH");
    probe_run(PROC, &user).expect("raw", "EPERM");

    // prlimit64(victim, RLIMIT_CORE, {0, 0}, NULL): setting refused, reading allowed.
    let v = Victim::spawn();
    let attack = raw(
        libc::SYS_prlimit64,
        &format!("{} {RLIMIT_CORE} buf 0", v.pid()),
    );
    probe_run(&["-p", "stdio proc", "--allow", "prlimit64"], &attack).expect("raw", "ok");
    assert_eq!(v.core_limit(), "0,0");
    let v = Victim::spawn();
    let before = v.core_limit();
    for flags in [PROC, &["-p", "stdio id"]] {
        refused_on_others_only(
            flags,
            "prlimit64",
            &raw(
                libc::SYS_prlimit64,
                &format!("{} {RLIMIT_CORE} buf 0", v.pid()),
            ),
            &[
                raw(
                    libc::SYS_prlimit64,
                    &format!("{} {RLIMIT_CORE} 0 buf", v.pid()),
                ),
                raw(libc::SYS_prlimit64, &format!("0 {RLIMIT_CORE} buf 0")),
                raw(libc::SYS_prlimit64, &format!("self {RLIMIT_CORE} buf 0")),
            ],
        );
    }
    assert_eq!(v.core_limit(), before);
}

#[test]
fn memory_placement_and_robust_lists_of_other_processes_are_refused() {
    if !require_kernel() {
        return;
    }
    // These are also ptrace-access checked, which Landlock scopes: the attacks are shown
    // unconfined, and the refusal comes from the filter (its report).
    let v = Victim::spawn();
    let migrate = raw(
        libc::SYS_migrate_pages,
        &format!("{} 64 ptr:1 ptr:1", v.pid()),
    );
    let robust = raw(libc::SYS_get_robust_list, &format!("{} buf buf", v.pid()));
    let move_ = raw(libc::SYS_move_pages, &format!("{} 0 0 0 buf 0", v.pid()));
    let kcmp = raw(libc::SYS_kcmp, &format!("{0} {0} 0 0 0", v.pid()));
    for step in [&migrate, &robust, &move_, &kcmp] {
        probe_unconfined(step).expect("raw", "ok");
    }
    refused_on_others_only(
        &["-p", "stdio"],
        "migrate_pages",
        &migrate,
        &[
            raw(libc::SYS_migrate_pages, "0 64 ptr:1 ptr:1"),
            raw(libc::SYS_migrate_pages, "self 64 ptr:1 ptr:1"),
        ],
    );
    refused_on_others_only(
        &["-p", "stdio"],
        "get_robust_list",
        &robust,
        &[
            raw(libc::SYS_get_robust_list, "0 buf buf"),
            raw(libc::SYS_get_robust_list, "self buf buf"),
        ],
    );
    // move_pages and kcmp are in no promise, on any pid.
    let all = "stdio rpath wpath cpath dpath flock fattr inet anet unix dns tty recvfd sendfd proc id chown settime prot_exec exec unveil vminfo tmppath netlink";
    let r = probe_run(
        &["-p", all],
        &format!(
            "{move_} :: {} :: {kcmp}",
            raw(libc::SYS_move_pages, "0 0 0 0 buf 0")
        ),
    );
    assert_eq!(
        r.results("raw").collect::<Vec<_>>(),
        ["EPERM", "EPERM", "EPERM"],
        "{r}"
    );
}
