//! Import: an OCI seccomp profile (Docker's and Podman's `--security-opt seccomp=FILE`, moby's
//! `default.json` with its `includes`/`excludes`, a bundle's `linux.seccomp`) or a Security
//! Profiles Operator `SeccompProfile` resource, as a policy of explicit rules.
//!
//! The profile is resolved as a runtime would resolve it for a container started here
//! ([`Resolution`]): x86_64, the running kernel's version for `minKernel`, and no
//! capabilities (seccomp-pledge drops the bounding set), so entries for `CAP_SYS_ADMIN` and
//! the like are left out. Names that are no x86_64 syscall but another architecture's
//! (`_llseek`, `chown32`, `socketcall`) are skipped and counted; a name no architecture has
//! is refused, naming its entry.
//!
//! Rules keep the profile's decisions exactly: arguments compare all 64 bits (as libseccomp
//! does on x86_64), a mask of the low 32 bits becomes a 32-bit comparison, and an entry that
//! names one argument twice becomes one rule per condition, as runc adds it. Two entries
//! with different actions that can match the same call are refused: libseccomp would let
//! one swallow the other, while seccomp-pledge's most restrictive rule would win. Our fixed
//! guards apply to imported policies too (TIOCSTI, seccomp notifications, ENOSYS for
//! `openat2` and `clone3`, whose allow entries are dropped).

use std::collections::BTreeSet;

use serde::Deserialize;

use super::terms_of;
use crate::abi::syscalls::{self, MAX_NR, Syscall};
use crate::policy::rule::{ALWAYS_ENOSYS, Action, Condition, Op, Width};
use crate::policy::{Penalty, Policy, Rule};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Profile {
    default_action: String,
    #[serde(default)]
    default_errno_ret: Option<u32>,
    /// containers/common's name of `defaultErrnoRet` (`ENOSYS`).
    #[serde(default)]
    default_errno: Option<String>,
    #[serde(default)]
    architectures: Option<Vec<String>>,
    #[serde(default)]
    arch_map: Option<Vec<ArchMap>>,
    #[serde(default)]
    syscalls: Option<Vec<Entry>>,
    #[serde(default)]
    flags: Option<Vec<String>>,
    #[serde(default)]
    listener_path: Option<String>,
    #[serde(default)]
    listener_metadata: Option<String>,
    #[serde(default)]
    base_profile_name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ArchMap {
    architecture: String,
    #[serde(default)]
    #[allow(dead_code)]
    sub_architectures: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Entry {
    #[serde(default)]
    names: Vec<String>,
    /// moby's older single-name form.
    #[serde(default)]
    name: Option<String>,
    action: String,
    #[serde(default)]
    errno_ret: Option<Number>,
    /// containers/common's name of `errnoRet` (`EPERM`).
    #[serde(default)]
    errno: Option<String>,
    #[serde(default)]
    args: Option<Vec<Arg>>,
    #[serde(default)]
    comment: Option<String>,
    #[serde(default)]
    includes: Option<Filter>,
    #[serde(default)]
    excludes: Option<Filter>,
}

/// A number, or (in the Kubernetes resource) a number as a string.
#[derive(Deserialize)]
#[serde(untagged)]
enum Number {
    Num(u64),
    Text(String),
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Filter {
    #[serde(default)]
    caps: Vec<String>,
    #[serde(default)]
    arches: Vec<String>,
    #[serde(default)]
    min_kernel: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Arg {
    index: u64,
    #[serde(default)]
    value: u64,
    #[serde(default)]
    value_two: u64,
    op: String,
}

/// For whom `includes` and `excludes` are resolved.
#[derive(Clone, Debug)]
pub(crate) struct Resolution {
    /// The kernel's version (`minKernel`).
    pub kernel: (u32, u32),
}

impl Resolution {
    /// This machine: x86_64, the running kernel, no capabilities.
    pub(crate) fn here() -> Self {
        let release = nix::sys::utsname::uname()
            .map(|u| u.release().to_string_lossy().into_owned())
            .unwrap_or_default();
        Resolution {
            kernel: version(&release).unwrap_or((0, 0)),
        }
    }
}

/// `MAJOR.MINOR` of a version string (`6.1.0-18-amd64` → (6, 1)).
fn version(text: &str) -> Option<(u32, u32)> {
    let mut parts = text.split(|c: char| !c.is_ascii_digit());
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next().and_then(|m| m.parse().ok()).unwrap_or(0);
    Some((major, minor))
}

/// The architecture names profiles use for x86_64 (Go's and libseccomp's).
const NATIVE_ARCHES: &[&str] = &["amd64", "x86_64", "SCMP_ARCH_X86_64", "SCMP_ARCH_NATIVE"];

/// What an import did besides the rules, for the message after `load`.
#[derive(Debug, Default)]
pub(crate) struct Imported {
    /// The policy.
    pub policy: Policy,
    /// Entries left out for this machine (by `includes`/`excludes`).
    pub left_out: usize,
    /// Names of other architectures' syscalls, skipped.
    pub foreign: BTreeSet<String>,
    /// Allow entries for syscalls seccomp-pledge always answers with ENOSYS, dropped.
    pub enosys: BTreeSet<String>,
}

/// Whether `f` selects this machine (for `includes`: all of it must hold).
fn holds(f: &Filter, r: &Resolution) -> (bool, bool) {
    // (for includes: every condition holds; for excludes: any condition holds)
    let arch = f.arches.iter().any(|a| NATIVE_ARCHES.contains(&a.as_str()));
    let kernel = f
        .min_kernel
        .as_deref()
        .and_then(version)
        .map(|v| r.kernel >= v);
    let includes = (f.arches.is_empty() || arch) && f.caps.is_empty() && kernel.unwrap_or(true);
    let excludes = (!f.arches.is_empty() && arch) || kernel == Some(true);
    (includes, excludes)
}

/// An errno given as a number (`errnoRet`) and/or by name (`errno`), which must agree.
fn errno_of(number: Option<u64>, name: Option<&str>, what: &str) -> Result<Option<u64>, String> {
    let named = match name {
        None => None,
        Some(n) => Some(
            crate::abi::consts::errno_by_name(n)
                .map(|e| e as u64)
                .ok_or_else(|| {
                    format!(
                        "{what}: `{}` is no errno name",
                        crate::abi::signature::escape_word(n)
                    )
                })?,
        ),
    };
    match (number, named) {
        (Some(a), Some(b)) if a != b => Err(format!(
            "{what}: errnoRet {a} and errno `{}` disagree",
            name.unwrap_or_default()
        )),
        (a, b) => Ok(a.or(b)),
    }
}

fn action(entry: &Entry, n: usize) -> Result<Action, String> {
    let number = match &entry.errno_ret {
        None => None,
        Some(Number::Num(e)) => Some(*e),
        Some(Number::Text(t)) => Some(
            t.trim()
                .parse::<u64>()
                .map_err(|_| format!("entry {n}: errnoRet `{t}` is not a number"))?,
        ),
    };
    let errno = errno_of(number, entry.errno.as_deref(), &format!("entry {n}"))?;
    let errno16 = |e: u64| -> Result<u16, String> {
        u16::try_from(e)
            .ok()
            .filter(|e| *e >= 1 && *e <= u64::from(crate::policy::rule::MAX_ERRNO) as u16)
            .ok_or_else(|| format!("entry {n}: errnoRet {e} is out of range (1 to 4095)"))
    };
    Ok(match entry.action.as_str() {
        "SCMP_ACT_ALLOW" => Action::Allow,
        "SCMP_ACT_ERRNO" => Action::Errno(errno16(errno.unwrap_or(libc::EPERM as u64))?),
        "SCMP_ACT_KILL" | "SCMP_ACT_KILL_THREAD" => Action::KillThread,
        "SCMP_ACT_KILL_PROCESS" => Action::KillProcess,
        "SCMP_ACT_TRAP" => Action::Trap,
        "SCMP_ACT_LOG" => Action::Log,
        "SCMP_ACT_TRACE" => Action::Trace(errno.unwrap_or(0).min(u64::from(u16::MAX)) as u16),
        "SCMP_ACT_NOTIFY" => {
            return Err(format!(
                "entry {n}: SCMP_ACT_NOTIFY needs the runtime's seccomp agent, which seccomp-pledge is not; use an action"
            ));
        }
        other => {
            return Err(format!(
                "entry {n}: unknown action `{}` (expected SCMP_ACT_ALLOW, SCMP_ACT_ERRNO, SCMP_ACT_KILL_PROCESS, SCMP_ACT_KILL_THREAD, SCMP_ACT_TRAP, SCMP_ACT_LOG or SCMP_ACT_TRACE)",
                crate::abi::signature::escape_word(other)
            ));
        }
    })
}

/// One OCI argument comparison as our condition, exactly.
fn condition(a: &Arg, n: usize) -> Result<Condition, String> {
    let index = u8::try_from(a.index)
        .ok()
        .filter(|i| *i <= 5)
        .ok_or_else(|| {
            format!(
                "entry {n}: argument index {} is out of range (0 to 5)",
                a.index
            )
        })?;
    let q = |op| Condition::new(index, Width::Qword, op, a.value);
    Ok(match a.op.as_str() {
        "SCMP_CMP_EQ" => q(Op::Eq),
        "SCMP_CMP_NE" => q(Op::Ne),
        "SCMP_CMP_LT" => q(Op::Lt),
        "SCMP_CMP_LE" => q(Op::Le),
        "SCMP_CMP_GT" => q(Op::Gt),
        "SCMP_CMP_GE" => q(Op::Ge),
        "SCMP_CMP_MASKED_EQ" => {
            let (mask, value) = (a.value, a.value_two);
            if mask == 0xffff_ffff && value <= 0xffff_ffff {
                Condition::new(index, Width::Dword, Op::Eq, value)
            } else if mask <= 0xffff_ffff && value & !mask == 0 {
                Condition::new(index, Width::Dword, Op::MaskedEq(mask), value)
            } else {
                Condition::new(index, Width::Qword, Op::MaskedEq(mask), value)
            }
        }
        other => {
            return Err(format!(
                "entry {n}: unknown comparison `{}` (expected SCMP_CMP_EQ, SCMP_CMP_NE, SCMP_CMP_LT, SCMP_CMP_LE, SCMP_CMP_GT, SCMP_CMP_GE or SCMP_CMP_MASKED_EQ)",
                crate::abi::signature::escape_word(other)
            ));
        }
    })
}

/// Whether two condition sets can hold for one call.
fn may_overlap(a: &[Condition], b: &[Condition]) -> bool {
    let (ta, tb) = (terms_of(a), terms_of(b));
    ta.iter().any(|x| {
        tb.iter().any(|y| {
            y.iter()
                .try_fold(x.clone(), |t, atom| super::and_atom(&t, *atom))
                .is_some()
        })
    })
}

/// Reads an OCI profile or a `SeccompProfile` resource as a policy.
///
/// # Errors
/// A message naming the entry: JSON that is not such a profile, another architecture, an
/// unknown action, comparison or name, an argument index out of range, or entries the
/// runtime would merge.
pub(crate) fn import(value: &serde_json::Value, r: &Resolution) -> Result<Imported, String> {
    let spec = if value.get("kind").and_then(serde_json::Value::as_str) == Some("SeccompProfile") {
        value
            .get("spec")
            .ok_or("a SeccompProfile resource without a `spec`")?
            .clone()
    } else {
        value.clone()
    };
    let profile: Profile = serde_json::from_value(spec).map_err(|e| e.to_string())?;
    if let Some(b) = &profile.base_profile_name {
        return Err(format!(
            "the profile builds on the base profile `{}`, which is not in the file: import the base profile's own file",
            crate::abi::signature::escape_word(b)
        ));
    }
    let _ = (
        &profile.flags,
        &profile.listener_path,
        &profile.listener_metadata,
    );
    if let Some(arches) = &profile.architectures {
        let mapped = profile
            .arch_map
            .iter()
            .flatten()
            .any(|m| NATIVE_ARCHES.contains(&m.architecture.as_str()));
        if !arches.is_empty()
            && !mapped
            && !arches.iter().any(|a| NATIVE_ARCHES.contains(&a.as_str()))
        {
            return Err(format!(
                "the profile is for {}, not x86_64",
                arches.join(", ")
            ));
        }
    }
    let mut out = Imported::default();
    let default_errno = errno_of(
        profile.default_errno_ret.map(u64::from),
        profile.default_errno.as_deref(),
        "defaultErrno",
    )?;
    let default = match profile.default_action.as_str() {
        "SCMP_ACT_ERRNO" => match default_errno.unwrap_or(libc::EPERM as u64) {
            1 => Some(Penalty::Eperm),
            e if (1..=u64::from(crate::policy::rule::MAX_ERRNO)).contains(&e) => {
                Some(Penalty::Errno(e as u16))
            }
            e => return Err(format!("defaultErrnoRet {e} is out of range (1 to 4095)")),
        },
        "SCMP_ACT_KILL_PROCESS" => Some(Penalty::Kill),
        "SCMP_ACT_ALLOW" => None,
        other => {
            return Err(format!(
                "defaultAction `{}` cannot be a penalty: seccomp-pledge's is an errno or killing the process (SCMP_ACT_ERRNO, SCMP_ACT_KILL_PROCESS), or SCMP_ACT_ALLOW for a deny-list",
                crate::abi::signature::escape_word(other)
            ));
        }
    };
    // (entry number, rule)
    let mut rules: Vec<(usize, Rule)> = Vec::new();
    for (i, e) in profile.syscalls.iter().flatten().enumerate() {
        let n = i + 1;
        let include = e.includes.as_ref().is_none_or(|f| holds(f, r).0);
        let exclude = e.excludes.as_ref().is_some_and(|f| holds(f, r).1);
        if !include || exclude {
            out.left_out += 1;
            continue;
        }
        let act = action(e, n)?;
        let conditions: Vec<Condition> = e
            .args
            .iter()
            .flatten()
            .map(|a| condition(a, n))
            .collect::<Result<_, _>>()?;
        // runc: when an argument is named twice, every condition is a rule of its own.
        let repeated = conditions
            .iter()
            .enumerate()
            .any(|(j, c)| conditions[j + 1..].iter().any(|d| d.index == c.index));
        let sets: Vec<Vec<Condition>> = if repeated {
            conditions.iter().map(|c| vec![*c]).collect()
        } else {
            vec![conditions]
        };
        let names = e.names.iter().chain(e.name.iter());
        for name in names {
            let Ok(sysno) = syscalls::by_name(name) else {
                if syscalls::other_arch(name).is_some() {
                    out.foreign.insert(name.clone());
                    continue;
                }
                return Err(format!(
                    "entry {n}: `{}` is no system call of any Linux architecture",
                    crate::abi::signature::escape_word(name)
                ));
            };
            if !act.denies() && ALWAYS_ENOSYS.iter().any(|(a, _)| *a == name) {
                out.enosys.insert(name.clone());
                continue;
            }
            for set in &sets {
                let rule = Rule {
                    syscall: Syscall(sysno),
                    conditions: set.clone(),
                    action: act,
                    comment: e.comment.clone(),
                };
                rule.validate().map_err(|err| format!("entry {n}: {err}"))?;
                rules.push((n, rule));
            }
        }
    }
    // Entries with other actions that can match one call: the runtime merges them its own way.
    for (j, (na, a)) in rules.iter().enumerate() {
        for (nb, b) in &rules[j + 1..] {
            if a.syscall == b.syscall
                && a.action != b.action
                && may_overlap(&a.conditions, &b.conditions)
            {
                return Err(format!(
                    "entries {na} and {nb} both match some `{}` calls with different actions (`{}` and `{}`): libseccomp would let one swallow the other, where seccomp-pledge lets the most restrictive win; make their conditions exclude each other",
                    a.syscall.name(),
                    a,
                    b
                ));
            }
        }
    }
    let mut rules: Vec<Rule> = rules.into_iter().map(|(_, r)| r).collect();
    let penalty = match default {
        Some(p) => p,
        None => {
            // A deny-list: everything it does not deny unconditionally is allowed.
            let denied: BTreeSet<u32> = rules
                .iter()
                .filter(|r| r.action.denies() && r.conditions.is_empty())
                .map(|r| r.syscall.nr())
                .collect();
            for s in (0..=MAX_NR).filter_map(syscalls::by_number) {
                let enosys = ALWAYS_ENOSYS.iter().any(|(n, _)| *n == s.name());
                if !enosys && !denied.contains(&(s.id() as u32)) {
                    rules.push(Rule {
                        syscall: Syscall(s),
                        conditions: Vec::new(),
                        action: Action::Allow,
                        comment: None,
                    });
                }
            }
            Penalty::Eperm
        }
    };
    out.policy = Policy {
        rules,
        penalty,
        ..Policy::default()
    };
    out.policy.validate().map_err(|e| e.to_string())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::seccomp::{FilterSpec, plan};
    use crate::format::target::ExportOptions;
    use crate::test_util::{nr, policy};

    fn here() -> Resolution {
        Resolution { kernel: (6, 1) }
    }

    #[test]
    fn an_export_imports_back_with_the_same_decisions() {
        for promises in ["stdio", "stdio rpath inet", "stdio proc tty unix"] {
            let mut p = policy(promises);
            p.rules.push(Rule {
                syscall: "socket".parse().unwrap(),
                conditions: vec![Condition::new(0, Width::Dword, Op::Eq, 10)],
                action: Action::Errno(13),
                comment: None,
            });
            let (profile, _) = super::super::profile(&p, &ExportOptions::default()).unwrap();
            let value = serde_json::to_value(&profile).unwrap();
            let back = import(&value, &here()).unwrap().policy;
            let ours = plan(&FilterSpec::new(p.promises, &p.rules, p.penalty.action())).unwrap();
            let theirs = plan(&FilterSpec::new(
                back.promises,
                &back.rules,
                back.penalty.action(),
            ))
            .unwrap();
            let mut differ = Vec::new();
            for probe in crate::verify::matrix(&ours) {
                if probe.arch != crate::compile::bpf::AUDIT_ARCH_X86_64
                    || probe.nr & crate::abi::uapi::X32_SYSCALL_BIT != 0
                {
                    continue;
                }
                let (a, b) = (
                    ours.decide(probe.nr, &probe.args),
                    theirs.decide(probe.nr, &probe.args),
                );
                let name = syscalls::name(probe.nr).unwrap_or("");
                // What the export lists: execve allowed, the own-pid checks left out.
                let listed = name == "execve"
                    || ours.syscalls.get(probe.nr as usize).is_some_and(|sp| {
                        sp.checks.iter().any(|c| {
                            c.conditions
                                .iter()
                                .any(|k| k.value == crate::policy::promise::PID_PLACEHOLDER)
                        })
                    });
                if a != b && !listed {
                    differ.push(format!("{name}{:x?}: {a:#x} then {b:#x}", probe.args));
                }
            }
            assert_eq!(differ, Vec::<String>::new(), "{promises}");
        }
    }

    const MOBY_LIKE: &str = r#"{
        "defaultAction": "SCMP_ACT_ERRNO",
        "defaultErrnoRet": 1,
        "archMap": [{"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]}],
        "syscalls": [
            {"names": ["read", "write", "_llseek", "chown32", "openat2"], "action": "SCMP_ACT_ALLOW"},
            {"names": ["ptrace"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "4.8"}},
            {"names": ["socket"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 40, "op": "SCMP_CMP_NE"}]},
            {"names": ["arch_prctl"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["amd64", "x32"]}},
            {"names": ["s390_runtime_instr"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["s390x"]}},
            {"names": ["mount"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}},
            {"names": ["clone"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 2114060288, "op": "SCMP_CMP_MASKED_EQ"}], "excludes": {"caps": ["CAP_SYS_ADMIN"], "arches": ["s390", "s390x"]}},
            {"names": ["personality"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 0, "op": "SCMP_CMP_EQ"}, {"index": 0, "value": 8, "op": "SCMP_CMP_EQ"}]}
        ]
    }"#;

    #[test]
    fn moby_style_includes_and_excludes_are_resolved_for_this_machine() {
        let v: serde_json::Value = serde_json::from_str(MOBY_LIKE).unwrap();
        let got = import(&v, &here()).unwrap();
        let rules: Vec<String> = got.policy.rules.iter().map(ToString::to_string).collect();
        assert_eq!(
            rules,
            [
                "allow read",
                "allow write",
                "allow ptrace",
                "allow socket if arg0:64 != 40",
                "allow arch_prctl",
                "allow clone if arg0 & 0x7e020000 == 0x0",
                "allow personality if arg0:64 == 0",
                "allow personality if arg0:64 == 8",
            ]
        );
        assert_eq!(got.left_out, 2, "s390 and CAP_SYS_ADMIN entries");
        assert_eq!(
            got.foreign.iter().map(String::as_str).collect::<Vec<_>>(),
            ["_llseek", "chown32"]
        );
        assert!(got.enosys.contains("openat2"));
        assert_eq!(got.policy.penalty, Penalty::Eperm);
        // An older kernel leaves ptrace out.
        let old = import(&v, &Resolution { kernel: (4, 4) }).unwrap();
        assert_eq!(old.left_out, 3);
    }

    #[test]
    fn what_cannot_be_represented_is_refused_naming_the_entry() {
        let cases = [
            (
                r#"{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["frobnicate"], "action": "SCMP_ACT_ALLOW"}]}"#,
                "entry 1: `frobnicate` is no system call of any Linux architecture",
            ),
            (
                r#"{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["read"], "action": "SCMP_ACT_NOTIFY"}]}"#,
                "entry 1: SCMP_ACT_NOTIFY needs",
            ),
            (
                r#"{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["read"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 6, "value": 1, "op": "SCMP_CMP_EQ"}]}]}"#,
                "entry 1: argument index 6 is out of range (0 to 5)",
            ),
            (
                r#"{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["socket"], "action": "SCMP_ACT_ALLOW"}, {"names": ["socket"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13, "args": [{"index": 0, "value": 10, "op": "SCMP_CMP_EQ"}]}]}"#,
                "entries 1 and 2 both match some `socket` calls with different actions",
            ),
            (
                r#"{"defaultAction": "SCMP_ACT_TRAP"}"#,
                "defaultAction `SCMP_ACT_TRAP` cannot be a penalty",
            ),
            (
                r#"{"defaultAction": "SCMP_ACT_ERRNO", "architectures": ["SCMP_ARCH_AARCH64"]}"#,
                "the profile is for SCMP_ARCH_AARCH64, not x86_64",
            ),
            (
                r#"{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["read"], "action": "SCMP_ACT_ALLOW", "bogus": 1}]}"#,
                "unknown field `bogus`",
            ),
        ];
        for (text, want) in cases {
            let v: serde_json::Value = serde_json::from_str(text).unwrap();
            let e = import(&v, &here()).expect_err("refused");
            assert!(e.contains(want), "{text}: {e}");
        }
        // Disjoint conditions with different actions are fine.
        let ok = r#"{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["socket"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_EQ"}]}, {"names": ["socket"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13, "args": [{"index": 0, "value": 10, "op": "SCMP_CMP_EQ"}]}]}"#;
        let v: serde_json::Value = serde_json::from_str(ok).unwrap();
        assert!(import(&v, &here()).is_ok());
    }

    #[test]
    fn a_resource_and_a_deny_list_import() {
        let res = r#"{"apiVersion": "security-profiles-operator.x-k8s.io/v1beta1", "kind": "SeccompProfile", "metadata": {"name": "x"},
            "spec": {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["ptrace"], "action": "SCMP_ACT_ERRNO", "errnoRet": "13"}]}}"#;
        let v: serde_json::Value = serde_json::from_str(res).unwrap();
        let got = import(&v, &here()).unwrap().policy;
        let p = plan(&FilterSpec::new(
            got.promises,
            &got.rules,
            got.penalty.action(),
        ))
        .unwrap();
        let (ptrace, getpid) = (nr("ptrace"), nr("getpid"));
        assert_eq!(p.decide(ptrace, &[0; 6]), Action::Errno(13).ret());
        assert_eq!(p.decide(getpid, &[0; 6]), Action::Allow.ret());
    }
}
