//! `verify-export`: an export checked in its real target. The policy is exported for the
//! target (`oci` for runc and crun, `bpf` for bubblewrap), the target starts a program that
//! makes no system call ([`run`]), and seccomp-pledge reads the filters the kernel holds for
//! it (`PTRACE_SECCOMP_GET_FILTER`). Those filters then answer a probe matrix ([`matrix`]:
//! every syscall number, and the argument values the policy decides, with the upper bits of
//! 32-bit arguments set) as the kernel stacks them, and each answer is compared with what
//! `seccomp-pledge run` decides for the same call ([`compare`]). Nothing is executed in the
//! target, so harmful calls can be probed as safely as harmless ones.
//!
//! Every difference is reported; one that the export listed (execve, the runtime's own calls,
//! the checks on the sandbox's own pid) is marked as such, any other is a failure.
//!
//! Above `format` and `compile` (it exports and evaluates), beside `sandbox`; below `session`.

mod target;
mod unit;

use std::collections::BTreeSet;

pub(crate) use target::{TARGETS, Target, TargetError};
pub(crate) use unit::UnitVerified;

use crate::abi::syscalls::{self, MAX_NR};
use crate::abi::uapi::X32_SYSCALL_BIT;
use crate::compile::bpf::{self, AUDIT_ARCH_I386, AUDIT_ARCH_X86_64, SeccompData, sock_filter};
use crate::compile::seccomp::{FilterSpec, Plan, plan};
use crate::format::target::Runtime;
use crate::format::{ExportError, ExportOptions, Format};
use crate::policy::Policy;
use crate::policy::promise::PID_PLACEHOLDER;
use crate::policy::rule::{Condition, Op, Width};

/// `SECCOMP_RET_ERRNO | ENOSYS`.
const ENOSYS: u32 = bpf::SECCOMP_RET_ERRNO | libc::ENOSYS as u32;

/// One call to ask the filters about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Probe {
    /// `AUDIT_ARCH_*`.
    pub arch: u32,
    /// The syscall number (with the x32 bit for x32 calls).
    pub nr: u32,
    /// The arguments.
    pub args: [u64; 6],
}

/// Values that satisfy a condition, and its edges.
fn edges(c: &Condition) -> Vec<u64> {
    let v = c.value;
    let mut out = vec![v, v.wrapping_add(1), v.wrapping_sub(1), 0, u64::MAX];
    if let Op::MaskedEq(m) = c.op {
        out.push(v & m);
        out.push((v & m) ^ m);
        // Each bit of the mask flipped (at most 8).
        out.extend(
            (0..64)
                .filter(|i| m >> i & 1 == 1)
                .take(8)
                .map(|i| (v & m) ^ (1 << i)),
        );
    }
    if c.width == Width::Dword {
        // The classic dodge: the same low 32 bits with the upper half set.
        out.extend(
            out.clone()
                .iter()
                .map(|x| x & 0xffff_ffff | 0xffff_ffff_0000_0000),
        );
        out.push(v & 0xffff_ffff | 0x1_0000_0000);
    }
    out
}

/// A value satisfying `c`, starting from `cur`.
fn witness(c: &Condition, cur: u64) -> u64 {
    let v = c.value;
    match c.op {
        Op::Eq | Op::Le | Op::Ge => v,
        Op::Lt => v.saturating_sub(1),
        Op::Gt => v.saturating_add(1),
        Op::Ne => v ^ 1,
        Op::MaskedEq(m) => (cur & !m) | (v & m),
    }
}

/// The probe matrix for a plan: every number from 0 to beyond the table with zero arguments;
/// for every check, a call satisfying it and each of its conditions moved to its edges; x32
/// and i386 forms of every syscall the plan does not simply refuse.
pub(crate) fn matrix(plan: &Plan) -> Vec<Probe> {
    let mut out = BTreeSet::new();
    let native = |nr: u32, args: [u64; 6]| Probe {
        arch: AUDIT_ARCH_X86_64,
        nr,
        args,
    };
    for nr in 0..=MAX_NR + 16 {
        out.insert(native(nr, [0; 6]));
    }
    for (nr, sp) in plan.syscalls.iter().enumerate() {
        let nr = nr as u32;
        for check in &sp.checks {
            let mut base = [0u64; 6];
            for c in &check.conditions {
                let i = usize::from(c.index);
                base[i] = witness(c, base[i]);
            }
            out.insert(native(nr, base));
            for c in &check.conditions {
                for e in edges(c) {
                    let mut args = base;
                    args[usize::from(c.index)] = e;
                    out.insert(native(nr, args));
                }
            }
        }
        if !sp.checks.is_empty() || sp.default != plan.penalty {
            out.insert(native(nr | X32_SYSCALL_BIT, [0; 6]));
            out.insert(Probe {
                arch: AUDIT_ARCH_I386,
                nr,
                args: [0; 6],
            });
        }
    }
    out.into_iter().collect()
}

/// What the kernel returns for a call through stacked filters: the most restrictive answer
/// (the lowest action value, KILL_PROCESS first), the first filter's on a tie.
pub(crate) fn stacked(filters: &[Vec<sock_filter>], p: &Probe) -> Result<u32, bpf::BpfError> {
    let data = SeccompData {
        nr: p.nr as i32,
        arch: p.arch,
        instruction_pointer: 0,
        args: p.args,
    };
    let mut best: Option<u32> = None;
    for f in filters {
        let ret = bpf::run(f, &data)?;
        best = Some(match best {
            None => ret,
            Some(b) if precedence(ret) < precedence(b) => ret,
            Some(b) => b,
        });
    }
    Ok(best.unwrap_or(bpf::SECCOMP_RET_ALLOW))
}

/// The kernel's order of actions (lower wins); KILL_PROCESS is 0x80000000 as a signed value.
fn precedence(ret: u32) -> i64 {
    let action = ret & bpf::SECCOMP_RET_ACTION_FULL;
    i64::from(action as i32)
}

/// What `run` decides for a probe.
pub(crate) fn reference(plan: &Plan, p: &Probe) -> u32 {
    if p.arch != AUDIT_ARCH_X86_64 {
        return plan.foreign_arch;
    }
    plan.decide(p.nr, &p.args)
}

/// Why a difference is expected, if the export listed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Listed {
    /// execve, or a runtime's own call, allowed for the whole run.
    Widened,
    /// A check on the sandbox's own pid, left out.
    SelfPid,
    /// An x32 or i386 call, refused with the target's bad-architecture action.
    ForeignArch,
    /// A call `run` refuses, answered ENOSYS because the target's libseccomp does not know it.
    Unknown,
    /// A number no syscall has, refused with another answer than `run`'s ENOSYS.
    NoName,
}

impl Listed {
    /// What the probes of this kind are, for the summary.
    fn what(self) -> &'static str {
        match self {
            Listed::Widened => "allowed for the target (execve, the runtime's calls)",
            Listed::SelfPid => "on the sandbox's own pid",
            Listed::ForeignArch => "x32 or i386 calls",
            Listed::Unknown => "unknown to the target's libseccomp",
            Listed::NoName => "numbers no syscall has",
        }
    }
}

/// How many differing answers of each listed kind, in a fixed order.
pub(crate) fn listed_counts(mismatches: &[Mismatch]) -> Vec<(&'static str, usize)> {
    let kinds = [
        Listed::Widened,
        Listed::SelfPid,
        Listed::ForeignArch,
        Listed::Unknown,
        Listed::NoName,
    ];
    kinds
        .iter()
        .map(|k| {
            (
                k.what(),
                mismatches.iter().filter(|m| m.listed == Some(*k)).count(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// One answer of the target that differs from `run`'s.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Mismatch {
    /// The call.
    pub probe: Probe,
    /// What `run` answers.
    pub ours: u32,
    /// What the target answers.
    pub theirs: u32,
    /// Whether the export listed it.
    pub listed: Option<Listed>,
}

impl Mismatch {
    /// One line: the call, both answers, listed or not.
    pub(crate) fn line(&self, target: &str) -> String {
        let p = &self.probe;
        let name = if p.arch == AUDIT_ARCH_I386 {
            format!("i386 syscall {}", p.nr)
        } else if p.nr & X32_SYSCALL_BIT != 0 {
            format!("x32 syscall {}", p.nr & !X32_SYSCALL_BIT)
        } else {
            syscalls::name(p.nr).map_or_else(|| format!("syscall {}", p.nr), str::to_string)
        };
        let args: Vec<String> = p.args.iter().map(|a| format!("{a:#x}")).collect();
        let why = match self.listed {
            Some(Listed::Widened) => " (listed: widened for the target)",
            Some(Listed::SelfPid) => " (listed: the sandbox's own pid is not known)",
            Some(Listed::ForeignArch) => " (listed: the target's bad-architecture action)",
            Some(Listed::Unknown) => " (listed: unknown to the target's libseccomp)",
            Some(Listed::NoName) => " (listed: a number no syscall has)",
            None => "",
        };
        format!(
            "{name}({}): run {}, {target} {}{why}",
            args.join(", "),
            bpf::action_name(self.ours),
            bpf::action_name(self.theirs)
        )
    }
}

/// Compares the target's answers with `run`'s over the matrix.
///
/// # Errors
/// A dumped filter that the interpreter refuses.
pub(crate) fn compare(
    policy: &Policy,
    widened: &[&str],
    filters: &[Vec<sock_filter>],
) -> Result<(usize, Vec<Mismatch>), String> {
    let ours = plan(&FilterSpec::new(
        policy.promises,
        &policy.rules,
        policy.penalty.action(),
    ))
    .map_err(|e| e.to_string())?;
    let probes = matrix(&ours);
    let mut out = Vec::new();
    for p in &probes {
        let want = reference(&ours, p);
        let got = stacked(filters, p).map_err(|e| e.to_string())?;
        if want == got {
            continue;
        }
        let native = p.arch == AUDIT_ARCH_X86_64 && p.nr & X32_SYSCALL_BIT == 0;
        let name = syscalls::name(p.nr).unwrap_or("");
        let self_pid = native
            && ours.syscalls.get(p.nr as usize).is_some_and(|sp| {
                sp.checks.iter().any(|c| {
                    c.action == bpf::SECCOMP_RET_ALLOW
                        && c.conditions.iter().any(|k| k.value == PID_PLACEHOLDER)
                })
            })
            && got == ours.penalty;
        let denies = |ret: u32| {
            matches!(
                ret & bpf::SECCOMP_RET_ACTION_FULL,
                bpf::SECCOMP_RET_KILL_PROCESS
                    | bpf::SECCOMP_RET_KILL_THREAD
                    | bpf::SECCOMP_RET_TRAP
                    | bpf::SECCOMP_RET_ERRNO
            )
        };
        let listed = if native && got == bpf::SECCOMP_RET_ALLOW && widened.contains(&name) {
            Some(Listed::Widened)
        } else if self_pid {
            Some(Listed::SelfPid)
        } else if !native && denies(want) && denies(got) {
            Some(Listed::ForeignArch)
        } else if native && want == ours.penalty && got == ENOSYS {
            Some(Listed::Unknown)
        } else if native && syscalls::name(p.nr).is_none() && want == ENOSYS && denies(got) {
            Some(Listed::NoName)
        } else {
            None
        };
        out.push(Mismatch {
            probe: *p,
            ours: want,
            theirs: got,
            listed,
        });
    }
    Ok((probes.len(), out))
}

/// The whole verification's outcome.
#[derive(Debug)]
pub(crate) struct Verified {
    /// The export's size in bytes.
    pub size: usize,
    /// How many filters the target installed.
    pub filters: usize,
    /// How many probes were asked.
    pub probes: usize,
    /// Every differing answer.
    pub mismatches: Vec<Mismatch>,
    /// The export's listed differences.
    pub differences: Vec<String>,
}

/// Why a verification could not be made.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// The policy cannot be exported for the target.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// The target did not run.
    #[error(transparent)]
    Target(#[from] TargetError),
    /// Answers that differ from `run`'s and that the export did not list.
    #[error(
        "{} of {probes} probes are answered differently in {target} than by `run`, and the export does not list why:\n  {}",
        lines.len(),
        shown(lines)
    )]
    Differs {
        /// The target.
        target: &'static str,
        /// How many probes were asked.
        probes: usize,
        /// One line per differing answer.
        lines: Vec<String>,
    },
    /// A filter read back that cannot be evaluated.
    #[error("cannot evaluate the filter {target} installed: {reason}")]
    Evaluate {
        /// The target.
        target: &'static str,
        /// Why.
        reason: String,
    },
}

/// At most this many differing answers are shown.
const SHOWN: usize = 20;

fn shown(lines: &[String]) -> String {
    let mut out: Vec<&str> = lines.iter().take(SHOWN).map(String::as_str).collect();
    let more = lines.len().saturating_sub(SHOWN);
    let tail = format!("… and {more} more");
    if more > 0 {
        out.push(&tail);
    }
    out.join("\n  ")
}

impl VerifyError {
    /// How to fix it.
    pub(crate) fn hint(&self) -> Option<String> {
        match self {
            VerifyError::Export(e) => e.hint(),
            VerifyError::Target(e) => e.hint(),
            VerifyError::Differs { .. } => Some(
                "this is a bug of the export or of the target: please report it with `save --format` of the policy".into(),
            ),
            VerifyError::Evaluate { .. } => None,
        }
    }
}

/// Exports the policy for `target`, runs it there and compares.
///
/// # Errors
/// The export, the target or the evaluation failing.
pub(crate) fn verify(policy: &Policy, t: Target, lossy: bool) -> Result<Verified, VerifyError> {
    let opts = ExportOptions {
        runtime: t.runtime(),
        lossy,
    };
    let format = t.format();
    let exported = (format.spec().export)(policy, &opts)?;
    let filters = target::run(t, &exported.bytes)?;
    let mut widened: Vec<&str> = vec!["execve"];
    widened.extend(opts.runtime.spec().calls);
    let (probes, mismatches) =
        compare(policy, &widened, &filters).map_err(|reason| VerifyError::Evaluate {
            target: t.name(),
            reason,
        })?;
    let unlisted: Vec<String> = mismatches
        .iter()
        .filter(|m| m.listed.is_none())
        .map(|m| m.line(t.name()))
        .collect();
    if !unlisted.is_empty() {
        return Err(VerifyError::Differs {
            target: t.name(),
            probes,
            lines: unlisted,
        });
    }
    Ok(Verified {
        size: exported.bytes.len(),
        filters: filters.len(),
        probes,
        mismatches,
        differences: exported
            .differences
            .iter()
            .map(ToString::to_string)
            .collect(),
    })
}

/// Exports the policy as a systemd drop-in and has systemd check it offline.
///
/// # Errors
/// The export failing, systemd-analyze missing or finding fault with the drop-in.
pub(crate) fn verify_unit(
    policy: &Policy,
    lossy: bool,
) -> Result<(UnitVerified, Vec<String>), VerifyError> {
    let opts = ExportOptions {
        runtime: Runtime::None,
        lossy,
    };
    let exported = (Format::Systemd.spec().export)(policy, &opts)?;
    let checked = unit::check(&exported.bytes)?;
    Ok((
        checked,
        exported
            .differences
            .iter()
            .map(ToString::to_string)
            .collect(),
    ))
}

impl Target {
    /// The format it takes.
    pub(crate) fn format(self) -> Format {
        match self {
            Target::Runc | Target::Crun => Format::Oci,
            Target::Bwrap | Target::CrunBpf => Format::Bpf,
            Target::Systemd => Format::Systemd,
        }
    }

    /// The runtime whose calls the export adds.
    pub(crate) fn runtime(self) -> Runtime {
        match self {
            Target::Runc => Runtime::Runc,
            Target::Crun | Target::CrunBpf => Runtime::Crun,
            Target::Bwrap => Runtime::Bwrap,
            Target::Systemd => Runtime::None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{bpf as raw, target::ExportOptions};
    use crate::policy::{Action, Rule};
    use crate::test_util::policy;

    #[test]
    fn our_own_bpf_export_differs_from_run_only_where_listed() {
        for promises in ["stdio", "stdio rpath inet", "stdio proc tty"] {
            let p = policy(promises);
            let opts = ExportOptions {
                runtime: Runtime::Bwrap,
                lossy: true,
            };
            let (program, _) = raw::program(&p, &opts).unwrap();
            let (n, mismatches) = compare(&p, &["execve"], &[program]).unwrap();
            assert!(n > 500, "{promises}: {n} probes");
            let unlisted: Vec<String> = mismatches
                .iter()
                .filter(|m| m.listed.is_none())
                .map(|m| m.line("bpf"))
                .collect();
            assert_eq!(unlisted, Vec::<String>::new(), "{promises}");
            assert!(mismatches.iter().any(|m| m.listed == Some(Listed::Widened)));
        }
    }

    #[test]
    fn a_filter_that_decides_otherwise_is_caught() {
        let mut p = policy("stdio tty");
        p.rules.push(Rule {
            syscall: "ioctl".parse().unwrap(),
            conditions: vec![Condition::new(1, Width::Dword, Op::Eq, 0x5401)],
            action: Action::Errno(13),
            comment: None,
        });
        let opts = ExportOptions {
            runtime: Runtime::None,
            lossy: true,
        };
        let (program, _) = raw::program(&p, &opts).unwrap();
        // Reference against a policy without the deny: every TCGETS probe differs.
        let (_, none) = compare(&p, &["execve"], std::slice::from_ref(&program)).unwrap();
        assert!(none.iter().all(|m| m.listed.is_some()));
        let looser = policy("stdio tty");
        let (looser_prog, _) = raw::program(&looser, &opts).unwrap();
        let (_, found) = compare(&p, &["execve"], &[looser_prog]).unwrap();
        assert!(
            found
                .iter()
                .any(|m| m.listed.is_none() && syscalls::name(m.probe.nr) == Some("ioctl")),
            "the looser filter answers TCGETS differently"
        );
    }
}
