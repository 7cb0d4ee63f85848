//! seccompiler's JSON filter format (rust-vmm seccompiler 0.5, `compile_from_json`, x86_64):
//! [`export`] writes a policy as a set of filters, [`import`] reads such a file back as a policy
//! with explicit rules, and [`looks_like_seccompiler`] tells that format from ours.
//!
//! Owns the translation in both directions and nothing else: the plan comes from
//! `compile::seccomp`, the rule model from `policy::rule`; no file I/O, no installation.
//!
//! # Export: stacked filters
//!
//! A seccompiler filter has one match action and one mismatch action, so one filter cannot say
//! "allow these, EACCES for those, kill for the rest". The export is therefore a **set of
//! filters meant to be installed together, all of them, in any order** (stacked seccomp
//! filters: the kernel returns the most restrictive answer, KILL_PROCESS > KILL_THREAD > TRAP >
//! ERRNO > USER_NOTIF > TRACE > LOG > ALLOW). Built from [`seccomp::plan`], per syscall:
//!
//! * `"allow"`: match `allow`, mismatch the penalty (`{"errno": 1}`, `"kill_process"` or
//!   `{"errno": N}`). One rule per allowed syscall: a bare rule when the syscall is allowed
//!   unconditionally, otherwise one rule per condition set (never both for one syscall, since
//!   seccompiler would then make it conditional). It also holds the conditions of denying checks
//!   whose action would lose to (or tie with) the penalty, commented "lets the `…` filter
//!   decide", so that the penalty never masks them.
//! * one filter per other action found in the plan (explicit rules, the TIOCSTI/TIOCLINUX and
//!   NEW_LISTENER guards, `log`/`trace` rules), named `deny-errno-13`, `kill_process`,
//!   `kill_thread`, `trap`, `log`, `trace-N`, and `enosys` for `{"errno": 38}` (openat2,
//!   clone3, memfd_create when not allowed): match that action, mismatch `allow`.
//!
//! Our plan is first-match; stacking is most-restrictive-wins. The two agree when every check
//! that could be overtaken by a later, at-least-as-restrictive check with another action is
//! cut out of that later check: the later check is exported as its conditions AND the
//! negation of the earlier one (`eq`↔`ne`, `lt`↔`ge`, `le`↔`gt`, single-bit `masked_eq`), as
//! a disjunction of rules. Two checks that cannot hold together (`arg1 == 1` and `arg1 == 2`)
//! need no cut. For the plans our compiler produces this is rarely needed (denials come most
//! severe first, allows last); the guards before an explicit `kill_process` on `ioctl` are one
//! case. When an earlier check is a multi-bit `masked_eq`, its negation has no seccompiler
//! form and the export fails with [`ExportError::NotExpressible`] rather than change
//! behaviour. Ties are never left to the installation order: wherever two filters could
//! return the same kind of action with different data, one of them is cut.
//!
//! Known differences, all towards "more restrictive", documented rather than refused:
//!
//! * The promise rules that compare a pid with the sandbox's own (`stdio`'s `kill`/`tgkill`
//!   "to itself", `sched_setaffinity`; `proc`'s `setpriority`, `prlimit64` … on the program
//!   itself) know that pid only at launch ([`PID_PLACEHOLDER`]): those checks are left out, so
//!   the calls fall to the penalty (pid 0 still works where the rule accepts it). A
//!   never-matching rule (`arg0 < 0`) carries a comment saying so on the syscall concerned.
//! * Numbers in the x86_64 holes and above our table get ENOSYS from our filter, the penalty
//!   from the exported filters (seccompiler has no name for them).
//! * x32 numbers get the penalty from both (seccompiler's rules never match them).
//! * seccompiler's table stops at Linux 6.12 (`mseal`, 462) and lacks `uprobe`; a policy that
//!   does anything else than the penalty with such a syscall is refused with
//!   [`ExportError::UnknownToSeccompiler`].
//! * seccompiler's own arch check kills foreign-architecture calls, as ours does.
//!
//! Every exported file is compiled with seccompiler before it is returned.
//!
//! # Import
//!
//! The file is parsed exactly as seccompiler's frontend does (unknown fields, duplicate
//! filter names, empty `args`, both a field and its alias are errors; `comment` is accepted),
//! then:
//!
//! * a filter whose mismatch action is `allow` is a deny-list: each rule becomes a [`Rule`]
//!   with the filter's match action;
//! * any other filter is an allow-list: each rule becomes an `allow` rule (plus a `log` or
//!   `trace` rule when that is the match action) and its mismatch action becomes the penalty
//!   (`{"errno": 1}` → eperm, `"kill_process"` → kill, `{"errno": N}` → errno N; `trap`,
//!   `kill_thread`, `log`, `trace` cannot be a penalty and are refused);
//! * without `filter`, every filter is taken, provided there is at most one allow-list; with
//!   `filter`, only that one;
//! * **deny-list only** (Docker-like "allow all but these"): the policy gets an unconditional
//!   `allow` rule for every syscall of our table that no deny-list denies unconditionally, so it
//!   behaves as the file does; the penalty stays eperm (it then applies to x32 calls only);
//! * rules that can never match (such as the `arg0 < 0` notes of our own export) are dropped,
//!   `dword` values are cut to their low 32 bits (what seccompiler compares), and `allow`/`log`/
//!   `trace` rules for `openat2` and `clone3` are dropped: seccomp-pledge answers those two with
//!   ENOSYS in every filter.
//!
//! Imported rules are decided by our own precedence (guards, denials most severe first,
//! allows, penalty). That equals the kernel's stacking of the file's filters except where a
//! deny-list action weaker than the penalty hits a call the allow-list does not allow: there
//! the explicit action wins, as in any seccomp-pledge policy. Our fixed guards (TIOCSTI,
//! NEW_LISTENER, ENOSYS for openat2/clone3 and memfd_create, `exit`/`exit_group`/`arch_prctl`
//! always allowed) apply to imported policies too.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::sync::OnceLock;

use serde::de::{self, Deserializer, MapAccess, Visitor};
mod export;
mod import;

pub use export::export;
pub use import::import;

use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use crate::abi::syscalls::{self, MAX_NR, Syscall};
use crate::compile::bpf;
use crate::compile::seccomp::{self, CompileError, FilterSpec, Origin, SyscallPlan};
use crate::policy::promise::{self, PID_PLACEHOLDER};
use crate::policy::rule::{
    ALWAYS_ENOSYS, Action, Condition, MAX_ERRNO, Op, Rule, RuleError, Width,
};
use crate::policy::{Penalty, Policy, PolicyError};

/// The errno seccomp-pledge answers for calls libc should fall back from.
const ENOSYS: u16 = libc::ENOSYS as u16;

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// Why a policy cannot be exported to seccompiler's format.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The policy itself is invalid.
    #[error(transparent)]
    Policy(#[from] PolicyError),
    /// Planning the filter failed.
    #[error(transparent)]
    Compile(#[from] CompileError),
    /// Exec promises: one seccompiler filter cannot give executed programs other promises.
    #[error(
        "seccompiler JSON cannot express exec promises (`{0}`): its filters apply alike to the program and everything it executes; `unpromise --exec` to export the program's own promises"
    )]
    ExecPromises(crate::policy::PromiseSet),
    /// A syscall the policy treats specially is not in seccompiler's table.
    #[error(
        "`{syscall}` is not in seccompiler 0.5's x86_64 syscall table (it ends at Linux 6.12); remove the rules for `{syscall}` to export"
    )]
    UnknownToSeccompiler {
        /// The syscall.
        syscall: &'static str,
    },
    /// Some checks of a syscall have no exact form as stacked seccompiler filters.
    #[error("cannot export the checks of `{syscall}` to seccompiler: {reason}")]
    NotExpressible {
        /// The syscall.
        syscall: &'static str,
        /// What cannot be expressed.
        reason: String,
    },
    /// seccompiler refused one of the generated filters (too large, or a bug).
    #[error("seccompiler rejects the exported filter `{filter}`: {reason}")]
    Rejected {
        /// The filter's name.
        filter: String,
        /// seccompiler's message.
        reason: String,
    },
    /// Writing the JSON failed.
    #[error("cannot write seccompiler JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// Why a seccompiler file cannot be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Not seccompiler's JSON (syntax, unknown or duplicate fields, duplicate filter names,
    /// empty `args`, unknown syscall names…); serde_json's message keeps its "at line L column
    /// C".
    #[error("invalid seccompiler filter file: {0}")]
    Json(#[from] serde_json::Error),
    /// A filter whose match and mismatch actions are the same (seccompiler refuses it).
    #[error("filter `{filter}` has the same match and mismatch action ({action})")]
    IdenticalActions {
        /// The filter's name.
        filter: String,
        /// The action.
        action: String,
    },
    /// Several allow-lists and no choice among them.
    #[error(
        "the file holds {} allow-list filters ({}): they have different penalties and cannot be merged; pick one with `--filter NAME`",
        names.len(),
        quoted(names)
    )]
    SeveralAllowLists {
        /// Their names, in file order.
        names: Vec<String>,
    },
    /// The chosen filter is not in the file.
    #[error("no filter named `{name}` in the file{}; it holds {}", suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default(), quoted(names))]
    UnknownFilter {
        /// The name asked for.
        name: String,
        /// The names in the file, in file order.
        names: Vec<String>,
        /// The closest name, if any is close.
        suggestion: Option<String>,
    },
    /// An allow-list whose mismatch action cannot be a seccomp-pledge penalty.
    #[error(
        "filter `{filter}` answers unmatched calls with {action}, which cannot be a seccomp-pledge penalty: use {{\"errno\": N}} (N from 1 to {MAX_ERRNO}) or \"kill_process\""
    )]
    Penalty {
        /// The filter's name.
        filter: String,
        /// The mismatch action.
        action: String,
    },
    /// An action out of range.
    #[error("filter `{filter}`: {action} is out of range: {reason}")]
    Action {
        /// The filter's name.
        filter: String,
        /// The action.
        action: String,
        /// The accepted range.
        reason: &'static str,
    },
    /// A rule breaking seccomp-pledge's limits.
    #[error("filter `{filter}`: {source}")]
    Rule {
        /// The filter's name.
        filter: String,
        /// The problem.
        #[source]
        source: RuleError,
    },
    /// The resulting policy is invalid.
    #[error(transparent)]
    Policy(#[from] PolicyError),
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

// ---------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------

/// Whether JSON looks like seccompiler's format rather than ours: a top-level object some of
/// whose values are objects with a `mismatch_action`/`default_action`/`match_action`/
/// `filter_action` key. Our policy files have keys like `version`, `promises`, `rules`,
/// `unveil`, whose values never hold those keys.
pub fn looks_like_seccompiler(value: &serde_json::Value) -> bool {
    const KEYS: [&str; 4] = [
        "mismatch_action",
        "default_action",
        "match_action",
        "filter_action",
    ];
    value.as_object().is_some_and(|top| {
        top.values().any(|v| {
            v.as_object()
                .is_some_and(|f| KEYS.iter().any(|k| f.contains_key(*k)))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::export::seccompiler_knows;
    use super::import::InFile;
    use super::*;
    use crate::compile::bpf::{SeccompData, run, sock_filter};
    use crate::compile::seccomp::{Plan, RET_ENOSYS};
    use crate::policy::PromiseSet;
    use crate::policy::promise::ALL;

    use crate::abi::uapi::X32_SYSCALL_BIT as X32;

    use crate::test_util::{Gen, nr};

    fn data(nr: u32, args: [u64; 6]) -> SeccompData {
        SeccompData {
            nr: nr as i32,
            arch: bpf::AUDIT_ARCH_X86_64,
            instruction_pointer: 0x40_1000,
            args,
        }
    }

    fn rule(syscall: &str, conditions: Vec<Condition>, action: Action) -> Rule {
        Rule {
            syscall: syscall.parse().unwrap(),
            conditions,
            action,
            comment: None,
        }
    }

    fn eq(i: u8, v: u64) -> Condition {
        Condition::new(i, Width::Dword, Op::Eq, v)
    }

    fn masked(i: u8, m: u64, v: u64) -> Condition {
        Condition::new(i, Width::Dword, Op::MaskedEq(m), v)
    }

    fn policy(promises: &str, rules: Vec<Rule>, penalty: Penalty) -> Policy {
        Policy {
            promises: PromiseSet::parse(promises).unwrap(),
            rules,
            penalty,
            ..Policy::default()
        }
    }

    /// seccompiler's programs for a file, in name order.
    fn compiled(text: &str) -> Vec<(String, Vec<sock_filter>)> {
        let map = seccompiler::compile_from_json(text.as_bytes(), seccompiler::TargetArch::x86_64)
            .unwrap_or_else(|e| panic!("seccompiler refuses the export: {e}\n{text}"));
        let mut v: Vec<_> = map.into_iter().collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    }

    /// The kernel's answer for stacked filters: the most restrictive action
    /// (`ACTION_ONLY` compared as a signed number: KILL_PROCESS > KILL_THREAD > TRAP > ERRNO >
    /// USER_NOTIF > TRACE > LOG > ALLOW). For the same action with different data the kernel
    /// keeps the most recently installed filter's; we keep the first in name order, but also
    /// assert that our exports never produce such a tie, so their installation order does not
    /// matter.
    fn stacked(progs: &[(String, Vec<sock_filter>)], d: &SeccompData, strict: bool) -> u32 {
        let prec = |r: u32| (r & bpf::SECCOMP_RET_ACTION_FULL) as i32;
        let mut best: Option<(u32, &str)> = None;
        for (name, p) in progs {
            let r = run(p, d).unwrap();
            match best {
                Some((b, other)) if prec(r) == prec(b) && r != b && strict => {
                    panic!(
                        "filters `{other}` and `{name}` tie with different data: {b:#x} vs {r:#x}"
                    )
                }
                Some((b, _)) if prec(r) >= prec(b) => {}
                _ => best = Some((r, name)),
            }
        }
        best.map_or(bpf::SECCOMP_RET_ALLOW, |(r, _)| r)
    }

    fn plan_of(p: &Policy) -> Plan {
        seccomp::plan(&FilterSpec::new(p.promises, &p.rules, p.penalty.action())).unwrap()
    }

    fn numbers() -> impl Iterator<Item = u32> {
        (0..=470).chain([X32, X32 | 1, X32 | 39, X32 | 59, X32 | 101, X32 | 512])
    }

    fn samples(plan: &Plan, n: u32) -> usize {
        match plan.syscalls.get(n as usize) {
            Some(sp) if !sp.checks.is_empty() => 48,
            _ => 4,
        }
    }

    /// A call our filter decides with the sandbox's pid, which seccompiler cannot know.
    fn is_self(n: u32, args: &[u64; 6]) -> bool {
        self_args(n, args).next().is_some()
    }

    /// The arguments of `args` a promise rule compares with the sandbox's pid, that hold it.
    fn self_args(n: u32, args: &[u64; 6]) -> impl Iterator<Item = usize> {
        let pid = promise::self_pid_args(n);
        let args = *args;
        (0..6).filter(move |&i| pid[i] && args[i] & 0xffff_ffff == PID_PLACEHOLDER)
    }

    /// Stacked seccompiler filters of `text` decide every native call like our plan of `p`.
    fn assert_export_behaves(label: &str, p: &Policy, text: &str, g: &mut Gen) {
        let progs = compiled(text);
        let plan = plan_of(p);
        let penalty = p.penalty.action().ret();
        for n in numbers() {
            for _ in 0..samples(&plan, n) {
                let args = g.args();
                let d = data(n, args);
                let got = stacked(&progs, &d, true);
                let want = plan.decide(n, &args);
                if is_self(n, &args) {
                    // The "to itself" rules are left out of the export (documented): the call
                    // is decided as for any other pid.
                    let mut other = args;
                    for i in self_args(n, &args) {
                        other[i] ^= 1;
                    }
                    assert_eq!(got, plan.decide(n, &other), "{label}: nr {n} {args:x?}");
                    continue;
                }
                if n & X32 == 0 && syscalls::by_number(n).is_none() {
                    // Holes and numbers above the table: ENOSYS for us, the penalty for
                    // seccompiler, which has no name for them (documented).
                    assert_eq!(want, RET_ENOSYS, "{label}: nr {n}");
                    assert_eq!(got, penalty, "{label}: nr {n}");
                    continue;
                }
                assert_eq!(
                    got,
                    want,
                    "{label}: nr {n} ({}) args {args:x?}\n{text}",
                    syscalls::name(n & !X32).unwrap_or("?")
                );
            }
        }
    }

    /// Our plans of `a` and `b` decide every call alike (except the calls on the program
    /// itself by its pid, which an export leaves out).
    fn assert_same_decisions(label: &str, a: &Policy, b: &Policy, g: &mut Gen) {
        let (pa, pb) = (plan_of(a), plan_of(b));
        for n in numbers() {
            for _ in 0..samples(&pa, n).max(samples(&pb, n)) {
                let args = g.args();
                if is_self(n, &args) {
                    continue;
                }
                assert_eq!(
                    pb.decide(n, &args),
                    pa.decide(n, &args),
                    "{label}: nr {n} ({}) args {args:x?}",
                    syscalls::name(n & !X32).unwrap_or("?")
                );
            }
        }
    }

    fn explicit_rules() -> Vec<Rule> {
        vec![
            // deny AF_INET sockets with EACCES although inet allows them
            rule("socket", vec![eq(0, 2)], Action::Errno(13)),
            // log every read; log openat on top of rpath's read-only rule
            rule("read", vec![], Action::Log),
            rule("openat", vec![], Action::Log),
            // an allow no promise has, and a conditional one on a call a promise half-allows
            rule("fallocate", vec![], Action::Allow),
            rule(
                "lseek",
                vec![Condition::new(1, Width::Qword, Op::Lt, 1 << 32)],
                Action::Allow,
            ),
            // kill beats errno on the same call
            rule("getppid", vec![], Action::Errno(5)),
            rule("getppid", vec![], Action::KillProcess),
            // trace write to stdout..stderr, compared on 64 bits
            rule(
                "write",
                vec![Condition::new(0, Width::Qword, Op::Le, 2)],
                Action::Trace(7),
            ),
            // an unconditional kill on ioctl must not overtake the TIOCSTI guard's penalty
            rule("ioctl", vec![], Action::KillProcess),
            // a conditional errno on clone3, whose default is ENOSYS (same kind, other data)
            rule("clone3", vec![eq(0, 0)], Action::Errno(13)),
            // overlapping errnos of the same kind: the first one wins where both hold
            rule("getuid", vec![eq(0, 1)], Action::Errno(5)),
            rule("getuid", vec![], Action::Errno(7)),
            rule("getpgid", vec![masked(0, 4, 4)], Action::Errno(9)),
            rule("getpgid", vec![], Action::Errno(11)),
            rule("getsid", vec![eq(1, 2)], Action::Errno(7)),
            rule("getsid", vec![masked(0, 3, 1)], Action::Errno(5)),
            // memfd_create allowed only without flags
            rule("memfd_create", vec![eq(1, 0)], Action::Allow),
            // other actions
            rule("setsid", vec![], Action::KillThread),
            rule("getpgrp", vec![eq(0, 0)], Action::Trap),
            rule("mknod", vec![masked(1, 0o170000, 0o10000)], Action::Allow),
            rule("fcntl", vec![eq(1, 4)], Action::Log),
            // an errno weaker than a kill penalty on a call nothing allows
            rule("ptrace", vec![], Action::Errno(1)),
            rule("kill", vec![eq(1, 0)], Action::Allow),
        ]
    }

    fn policies() -> Vec<(String, Policy)> {
        let all: Vec<&str> = ALL.iter().map(|p| p.name()).collect();
        let mut v = Vec::new();
        for text in [
            "",
            "stdio",
            "stdio rpath",
            "stdio rpath wpath cpath",
            "stdio inet dns",
            "stdio anet unix",
            "stdio tty proc exec prot_exec",
            &all.join(" "),
        ] {
            v.push((
                format!("promises `{text}`"),
                policy(text, vec![], Penalty::Eperm),
            ));
        }
        v.push((
            "stdio under kill".into(),
            policy("stdio rpath", vec![], Penalty::Kill),
        ));
        for penalty in [Penalty::Eperm, Penalty::Kill, Penalty::Errno(13)] {
            v.push((
                format!("explicit rules, penalty {penalty:?}"),
                policy("stdio rpath inet tty", explicit_rules(), penalty),
            ));
        }
        v.push((
            "explicit rules, no promises".into(),
            policy("", explicit_rules(), Penalty::Eperm),
        ));
        v
    }

    #[test]
    fn exports_compile_and_behave_like_our_filter() {
        let mut g = Gen(0x2545_f491_4f6c_dd1d);
        for (label, p) in policies() {
            let text = export(&p).unwrap_or_else(|e| panic!("{label}: {e}"));
            assert!(text.ends_with("}\n"));
            assert_export_behaves(&label, &p, &text, &mut g);
        }
    }

    #[test]
    fn round_trip_decides_alike_and_exports_again() {
        let mut g = Gen(0x9e37_79b9_7f4a_7c15);
        for (label, p) in policies() {
            let text = export(&p).unwrap();
            let back = import(&text, None).unwrap_or_else(|e| panic!("{label}: {e}\n{text}"));
            assert!(back.promises.is_empty());
            assert_eq!(back.penalty.action(), p.penalty.action(), "{label}");
            assert_same_decisions(&label, &p, &back, &mut g);
            let again = export(&back).unwrap_or_else(|e| panic!("{label}: {e}"));
            compiled(&again);
            assert_export_behaves(&format!("{label} (re-exported)"), &back, &again, &mut g);
        }
    }

    #[test]
    fn export_shape() {
        let text = export(&policy("stdio", vec![], Penalty::Eperm)).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(looks_like_seccompiler(&v));
        let top = v.as_object().unwrap();
        let names: Vec<&str> = top.keys().map(String::as_str).collect();
        assert_eq!(names[0], "allow", "{names:?}");
        assert!(names.contains(&"enosys"), "{names:?}");
        assert!(names.contains(&"deny-errno-1"), "{names:?}");
        let allow = &top["allow"];
        assert_eq!(allow["match_action"], "allow");
        assert_eq!(allow["mismatch_action"], serde_json::json!({"errno": 1}));
        let rules = allow["filter"].as_array().unwrap();
        // never both a bare and a conditional rule for one syscall
        for r in rules {
            let name = r["syscall"].as_str().unwrap();
            let same: Vec<_> = rules.iter().filter(|x| x["syscall"] == name).collect();
            if same.iter().any(|x| x.get("args").is_none()) {
                assert_eq!(same.len(), 1, "{name}");
            }
        }
        // the kill-self note sits on kill and tgkill
        for name in ["kill", "tgkill"] {
            let r = rules.iter().find(|r| r["syscall"] == name).unwrap();
            assert!(r["comment"].as_str().unwrap().contains("own pid"), "{r}");
            assert_eq!(r["args"][0]["op"], "lt");
        }
        // conditions carry a readable comment
        let fcntl = rules.iter().find(|r| r["syscall"] == "fcntl").unwrap();
        assert_eq!(fcntl["args"][0]["comment"], "arg1 == 0");
        assert!(
            fcntl["comment"]
                .as_str()
                .unwrap()
                .starts_with("promise stdio")
        );
        assert_eq!(
            top["enosys"]["match_action"],
            serde_json::json!({"errno": 38})
        );
        assert_eq!(top["enosys"]["mismatch_action"], "allow");
        let kill = export(&policy("stdio", vec![], Penalty::Kill)).unwrap();
        let v: serde_json::Value = serde_json::from_str(&kill).unwrap();
        assert_eq!(v["allow"]["mismatch_action"], "kill_process");
        assert_eq!(v["kill_process"]["match_action"], "kill_process");
    }

    #[test]
    fn seccompilers_table_is_probed() {
        for name in [
            "read",
            "openat2",
            "clone3",
            "memfd_create",
            "uretprobe",
            "mseal",
        ] {
            assert!(seccompiler_knows(name), "{name}");
        }
        for name in ["uprobe", "setxattrat", "file_setattr"] {
            assert!(!seccompiler_knows(name), "{name}");
        }
        for name in ["setxattrat", "uprobe"] {
            let p = policy(
                "stdio",
                vec![rule(name, vec![], Action::Allow)],
                Penalty::Eperm,
            );
            let e = export(&p).unwrap_err();
            assert!(matches!(e, ExportError::UnknownToSeccompiler { .. }));
            assert!(e.to_string().contains(&format!("`{name}`")), "{e}");
        }
    }

    #[test]
    fn checks_without_a_stacked_form_are_refused() {
        // errno 5 on `arg0 & 3 == 1`, then errno 7 on `arg1 == 2`: where both hold the plan
        // says 5; the errno-7 rule would have to exclude a two-bit masked comparison.
        let p = policy(
            "stdio",
            vec![
                rule("getsid", vec![masked(0, 3, 1)], Action::Errno(5)),
                rule("getsid", vec![eq(1, 2)], Action::Errno(7)),
            ],
            Penalty::Eperm,
        );
        let e = export(&p).unwrap_err();
        assert!(
            matches!(
                e,
                ExportError::NotExpressible {
                    syscall: "getsid",
                    ..
                }
            ),
            "{e}"
        );
        assert!(e.to_string().contains("arg0 & 0x3 == 0x1"), "{e}");
        // the reserved pid value is refused as by the compiler
        let p = policy(
            "stdio",
            vec![rule("kill", vec![eq(0, PID_PLACEHOLDER)], Action::Allow)],
            Penalty::Eperm,
        );
        assert!(matches!(export(&p), Err(ExportError::Compile(_))));
    }

    /// Calls our compiler decides the same way whatever the policy, so an imported file
    /// cannot change them: ENOSYS for openat2, clone3, memfd_create (when not allowed) and
    /// numbers outside the table, the penalty for TIOCSTI/TIOCLINUX, seccomp listeners and
    /// x32 calls (a deny-list lets those through), and exit/exit_group/arch_prctl always
    /// allowed.
    fn fixed_by_us(n: u32, args: &[u64; 6]) -> bool {
        let Some(s) = syscalls::by_number(n) else {
            return true;
        };
        let name = s.name();
        [
            "openat2",
            "clone3",
            "memfd_create",
            "exit",
            "exit_group",
            "arch_prctl",
        ]
        .contains(&name)
            || (name == "ioctl" && matches!(args[1] & 0xffff_ffff, 0x5412 | 0x541c))
            || (name == "seccomp" && args[1] & 8 != 0)
    }

    /// The file's filters, stacked by seccompiler's rules, decide like our plan of the
    /// imported policy, except for the calls [`fixed_by_us`].
    fn assert_import_behaves(label: &str, text: &str, chosen: &[&str], p: &Policy) {
        let progs: Vec<_> = compiled(text)
            .into_iter()
            .filter(|(n, _)| chosen.contains(&n.as_str()))
            .collect();
        assert_eq!(progs.len(), chosen.len());
        let plan = plan_of(p);
        let mut g = Gen(0x1234_5678_9abc_def1);
        for n in numbers() {
            for _ in 0..24 {
                let args = g.args();
                if fixed_by_us(n, &args) {
                    continue;
                }
                assert_eq!(
                    plan.decide(n, &args),
                    stacked(&progs, &data(n, args), false),
                    "{label}: nr {n} ({}) args {args:x?}",
                    syscalls::name(n & !X32).unwrap_or("?")
                );
            }
        }
    }

    const ALLOW_LIST: &str = r#"{
  "main": {
    "mismatch_action": {"errno": 1},
    "match_action": "allow",
    "filter": [
      {"syscall": "read"},
      {"syscall": "write", "args": [{"index": 0, "type": "dword", "op": "le", "val": 2}]},
      {"syscall": "socket", "comment": "AF_UNIX only",
       "args": [{"index": 0, "type": "dword", "op": "eq", "val": 1, "comment": "AF_UNIX"}]},
      {"syscall": "mmap",
       "args": [{"index": 2, "type": "dword", "op": {"masked_eq": 4}, "val": 0, "comment": "no PROT_EXEC"}]},
      {"syscall": "lseek", "args": [{"index": 1, "type": "qword", "op": "lt", "val": 4294967296}]},
      {"syscall": "fcntl", "args": [{"index": 1, "type": "dword", "op": "eq", "val": 4294967297}]},
      {"syscall": "futex", "args": [
        {"index": 1, "type": "dword", "op": "ne", "val": 9},
        {"index": 3, "type": "qword", "op": "ge", "val": 16}
      ]}
    ]
  }
}"#;

    #[test]
    fn imports_an_allow_list() {
        let p = import(ALLOW_LIST, None).unwrap();
        assert_eq!(p.penalty, Penalty::Eperm);
        assert!(p.promises.is_empty());
        assert_eq!(p.rules.len(), 7);
        assert!(p.rules.iter().all(|r| r.action == Action::Allow));
        let socket = p
            .rules
            .iter()
            .find(|r| r.syscall.name() == "socket")
            .unwrap();
        assert_eq!(socket.comment.as_deref(), Some("AF_UNIX only"));
        let read = p.rules.iter().find(|r| r.syscall.name() == "read").unwrap();
        assert_eq!(read.comment.as_deref(), Some("seccompiler filter `main`"));
        // dword operands are cut to the 32 bits seccompiler compares
        let fcntl = p
            .rules
            .iter()
            .find(|r| r.syscall.name() == "fcntl")
            .unwrap();
        assert_eq!(fcntl.conditions[0].value, 1);
        assert_import_behaves("allow-list", ALLOW_LIST, &["main"], &p);
        let plan = plan_of(&p);
        let eperm = bpf::SECCOMP_RET_ERRNO | 1;
        assert_eq!(plan.decide(nr("mmap"), &[0, 4096, 7, 0, 0, 0]), eperm);
        assert_eq!(
            plan.decide(nr("mmap"), &[0, 4096, 3, 0, 0, 0]),
            bpf::SECCOMP_RET_ALLOW
        );
        assert_eq!(plan.decide(nr("lseek"), &[0, 1 << 32, 0, 0, 0, 0]), eperm);
        assert_eq!(
            plan.decide(nr("write"), &[1 << 32 | 1, 0, 0, 0, 0, 0]),
            bpf::SECCOMP_RET_ALLOW
        );
        // and it exports again
        compiled(&export(&p).unwrap());
    }

    const FIRECRACKER_LIKE: &str = r#"{
  "vmm": {
    "default_action": "kill_process",
    "filter_action": "allow",
    "filter": [
      {"syscall": "read"}, {"syscall": "write"}, {"syscall": "epoll_pwait"},
      {"syscall": "ioctl", "args": [{"index": 1, "type": "dword", "op": "eq", "val": 44672, "comment": "KVM_RUN"}]}
    ]
  },
  "api": {
    "default_action": {"errno": 13},
    "filter_action": "allow",
    "filter": [{"syscall": "read"}, {"syscall": "accept4"}, {"syscall": "exit"}]
  },
  "vcpu": {
    "default_action": "trap",
    "filter_action": "allow",
    "filter": [{"syscall": "ioctl"}]
  }
}"#;

    #[test]
    fn imports_one_filter_of_a_firecracker_like_file() {
        let e = import(FIRECRACKER_LIKE, None).unwrap_err();
        assert!(matches!(e, ImportError::SeveralAllowLists { .. }));
        let msg = e.to_string();
        assert!(
            msg.contains("`vmm`, `api`, `vcpu`") && msg.contains("pick one"),
            "{msg}"
        );
        let vmm = import(FIRECRACKER_LIKE, Some("vmm")).unwrap();
        assert_eq!(vmm.penalty, Penalty::Kill);
        assert_eq!(vmm.rules.len(), 4);
        assert_import_behaves("vmm", FIRECRACKER_LIKE, &["vmm"], &vmm);
        let api = import(FIRECRACKER_LIKE, Some("api")).unwrap();
        assert_eq!(api.penalty, Penalty::Errno(13));
        assert_import_behaves("api", FIRECRACKER_LIKE, &["api"], &api);
        let e = import(FIRECRACKER_LIKE, Some("vcpu")).unwrap_err();
        assert!(matches!(e, ImportError::Penalty { .. }));
        assert!(e.to_string().contains("\"trap\""), "{e}");
        let e = import(FIRECRACKER_LIKE, Some("vnm")).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("`vnm`") && msg.contains("did you mean `vmm`") && msg.contains("`api`"),
            "{msg}"
        );
    }

    const DENY_LIST: &str = r#"{
  "no-ptrace": {
    "mismatch_action": "allow",
    "match_action": {"errno": 1},
    "filter": [
      {"syscall": "ptrace"},
      {"syscall": "socket", "args": [{"index": 0, "type": "dword", "op": "eq", "val": 16, "comment": "AF_NETLINK"}]}
    ]
  },
  "audit": {
    "mismatch_action": "allow",
    "match_action": "log",
    "filter": [{"syscall": "execve"}]
  },
  "hard": {
    "mismatch_action": "allow",
    "match_action": "kill_process",
    "filter": [{"syscall": "kexec_load"}, {"syscall": "clone3"}]
  }
}"#;

    #[test]
    fn a_deny_list_only_file_allows_everything_else() {
        let p = import(DENY_LIST, None).unwrap();
        assert_eq!(p.penalty, Penalty::Eperm);
        assert!(p.validate().is_ok());
        for name in ["ptrace", "kexec_load"] {
            assert!(
                !p.rules
                    .iter()
                    .any(|r| r.syscall.name() == name && r.action == Action::Allow),
                "{name} is denied unconditionally: no allow rule"
            );
        }
        assert_import_behaves("deny-list", DENY_LIST, &["no-ptrace", "audit", "hard"], &p);
        let plan = plan_of(&p);
        assert_eq!(plan.decide(nr("execve"), &[0; 6]), bpf::SECCOMP_RET_LOG);
        assert_eq!(plan.decide(nr("getpid"), &[0; 6]), bpf::SECCOMP_RET_ALLOW);
        assert_eq!(
            plan.decide(nr("clone3"), &[0; 6]),
            bpf::SECCOMP_RET_KILL_PROCESS
        );
        assert_eq!(
            plan.decide(nr("socket"), &[16, 3, 0, 0, 0, 0]),
            bpf::SECCOMP_RET_ERRNO | 1
        );
        // taking one deny-list alone is the same kind of import
        let one = import(DENY_LIST, Some("audit")).unwrap();
        assert_eq!(
            plan_of(&one).decide(nr("ptrace"), &[0; 6]),
            bpf::SECCOMP_RET_ALLOW
        );
    }

    fn import_err(text: &str) -> String {
        import(text, None).unwrap_err().to_string()
    }

    #[test]
    fn duplicate_names_are_found_without_a_scan_per_name() {
        // 200,000 names: a linear scan per name would compare 2e10 pairs (minutes).
        let n = 200_000;
        let mut text = String::from("{");
        for i in 0..n {
            text.push_str(&format!(
                r#""f{i}": {{"mismatch_action": "allow", "match_action": "trap", "filter": []}},"#
            ));
        }
        text.push_str(
            r#""f7": {"mismatch_action": "allow", "match_action": "trap", "filter": []}}"#,
        );
        let t = std::time::Instant::now();
        let e = serde_json::from_str::<InFile>(&text)
            .err()
            .expect("a duplicate");
        assert!(e.to_string().contains("duplicate filter name `f7`"), "{e}");
        assert!(
            t.elapsed() < std::time::Duration::from_secs(30),
            "{:?}",
            t.elapsed()
        );
        let ok = text.replace(
            r#""f7": {"mismatch_action": "allow", "match_action": "trap", "filter": []}}"#,
            r#""last": {"mismatch_action": "allow", "match_action": "trap", "filter": []}}"#,
        );
        let file = serde_json::from_str::<InFile>(&ok).unwrap();
        assert_eq!(file.0.len(), n + 1);
    }

    #[test]
    fn import_errors_name_the_input() {
        let e = import_err(
            r#"{"main": {"mismatch_action": "allow", "match_action": "trap", "filter": [],
                "bogus": 1}}"#,
        );
        assert!(
            e.contains("unknown field `bogus`") && e.contains("line 2") && e.contains("column"),
            "{e}"
        );
        let e = import_err(
            r#"{"main": {"mismatch_action": "allow", "match_action": "trap", "filter": []},
"main": {"mismatch_action": "allow", "match_action": "log", "filter": []}}"#,
        );
        assert!(
            e.contains("duplicate filter name `main`") && e.contains("line 2"),
            "{e}"
        );
        let e = import_err(
            r#"{"main": {"mismatch_action": "allow", "default_action": "allow", "match_action": "trap", "filter": []}}"#,
        );
        assert!(e.contains("duplicate field `mismatch_action`"), "{e}");
        let e = import_err(
            r#"{"main": {"mismatch_action": "trap", "match_action": "allow",
                "filter": [{"syscall": "read", "args": []}]}}"#,
        );
        assert!(e.contains("empty `args`") && e.contains("line 2"), "{e}");
        let e = import_err(
            r#"{"main": {"mismatch_action": "trap", "match_action": "allow",
                "filter": [{"syscall": "raed"}]}}"#,
        );
        assert!(
            e.contains("unknown syscall `raed`") && e.contains("did you mean `read`"),
            "{e}"
        );
        let e = import_err(
            r#"{"main": {"mismatch_action": "trap", "match_action": "trap", "filter": []}}"#,
        );
        assert!(e.contains("same match and mismatch action"), "{e}");
        let e = import_err(
            r#"{"main": {"mismatch_action": "allow", "match_action": "errno", "filter": []}}"#,
        );
        assert!(e.contains("line 1"), "{e}");
        let e = import_err(
            r#"{"main": {"mismatch_action": "allow", "match_action": {"errno": 0},
                "filter": [{"syscall": "read"}]}}"#,
        );
        assert!(e.contains("filter `main`") && e.contains("errno 0"), "{e}");
        let e = import_err(
            r#"{"main": {"mismatch_action": "kill_process", "match_action": "allow",
                "filter": [{"syscall": "read", "args": [{"index": 6, "type": "dword", "op": "eq", "val": 1}]}]}}"#,
        );
        assert!(e.contains("argument index 6"), "{e}");
        let e = import_err(
            r#"{"main": {"mismatch_action": "kill_process", "match_action": "allow",
                "filter": [{"syscall": "read", "args": [{"index": 0, "type": "dword", "op": "eq", "val": -1}]}]}}"#,
        );
        assert!(e.contains("line 2"), "{e}");
        let e = import_err(
            r#"{"a": {"mismatch_action": "kill_process", "match_action": "allow", "filter": []},
                "b": {"default_action": {"errno": 1}, "filter_action": "allow", "filter": []}}"#,
        );
        assert!(e.contains("`a`, `b`"), "{e}");
        let e = import_err(r#"["not", "a", "map"]"#);
        assert!(e.contains("a map of filter names to filters"), "{e}");
    }

    #[test]
    fn detection() {
        let ours = serde_json::to_value(policy("stdio", vec![], Penalty::Errno(13))).unwrap();
        assert!(!looks_like_seccompiler(&ours));
        for text in [ALLOW_LIST, FIRECRACKER_LIKE, DENY_LIST] {
            assert!(looks_like_seccompiler(&serde_json::from_str(text).unwrap()));
        }
        assert!(!looks_like_seccompiler(&serde_json::json!({})));
        assert!(!looks_like_seccompiler(&serde_json::json!([1])));
        assert!(!looks_like_seccompiler(
            &serde_json::json!({"version": 1, "promises": ["stdio"], "rules": []})
        ));
    }
}
