//! OCI runtime-spec seccomp profiles (`linux.seccomp` in a bundle's `config.json`, and the
//! file Docker and Podman take with `--security-opt seccomp=FILE`): [`profile`] turns a
//! policy into one, built on the `oci-spec` crate's types, and [`export`] writes it.
//!
//! An OCI profile is one libseccomp filter, and libseccomp has no "first match" and no "most
//! restrictive wins": measured with runc 1.1.5 and crun 1.8.1 (libseccomp 2.5.4), an
//! unconditional rule swallows a conditional one of the same syscall, the same condition with
//! two actions stops the container from starting, and one argument index twice in one entry
//! means OR. It also compares all 64 bits of an argument. So the export is exact only when
//!
//! * every entry of one syscall covers a region of argument values no other entry with another
//!   action touches: each check of our plan is cut by every earlier check with another action
//!   (first match made disjoint), and the plan's default is emitted as what remains;
//! * each entry names an argument at most once: conditions on one argument are merged;
//! * 32-bit comparisons look at the low 32 bits only: `arg == v` on an `int` becomes
//!   `SCMP_CMP_MASKED_EQ` with mask `0xffffffff` (a plain `SCMP_CMP_EQ` deny is dodged by
//!   setting the upper bits), and `!= < <= > >=` on 32 bits, which have no single OCI form,
//!   become disjoint prefix matches (`x < 0b1010` is `x & ~0b111 == 0b0000` or
//!   `x & ~0b1 == 0b1000`), at most 32 entries each.
//!
//! Everything is therefore computed on [`Atom`]s, `arg & mask == value`, which are closed under
//! the operations needed (AND by merging masks, NOT by splitting bits). An atom whose mask
//! is all 64 bits is written as `SCMP_CMP_EQ`. The default action is the penalty; the
//! architecture is native x86_64 only (libseccomp then refuses x32 and i386 calls with the
//! runtime's bad-architecture action).

mod import;

use std::collections::BTreeMap;

pub(crate) use import::{Resolution, import};

use oci_spec::runtime::{
    Arch, LinuxSeccomp, LinuxSeccompAction, LinuxSeccompArg, LinuxSeccompArgBuilder,
    LinuxSeccompBuilder, LinuxSeccompOperator, LinuxSyscall, LinuxSyscallBuilder,
};

use super::target::{self, ExportError, ExportOptions, Exported};
use crate::abi::syscalls::{self, MAX_NR};
use crate::compile::bpf;
use crate::compile::seccomp::{self, FilterSpec};
use crate::policy::Policy;
use crate::policy::rule::{Condition, Op, Width};

/// The format's name in messages.
const FORMAT: &str = "oci";

/// How every OCI profile differs from `run`, measured with runc 1.1.5 and crun 1.8.1.
const INHERENT: &[(target::Kind, &str)] = &[
    (
        target::Kind::Narrows,
        "x32 and i386 calls get the runtime's bad-architecture action (runc: kill the thread), not `run`'s answer (the penalty for x32, killing the process for i386)",
    ),
    (
        target::Kind::Narrows,
        "syscalls newer than the runtime's libseccomp are not allowed even where the policy allows them, and the others answer ENOSYS instead of the penalty (`verify-export` names them)",
    ),
    (
        target::Kind::Narrows,
        "numbers no syscall has (x86_64's gap 335-423) get the penalty instead of ENOSYS: a profile names syscalls, not numbers",
    ),
];

/// At most this many entries for one syscall (a guard against blow-up; libseccomp's filter
/// must also fit the kernel's 4096 instructions).
const MAX_ENTRIES: usize = 256;

/// `arg[index] & mask == value` (with `value & !mask == 0`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Atom {
    /// Argument position.
    pub index: u8,
    /// Bits compared.
    pub mask: u64,
    /// Their values.
    pub value: u64,
}

/// A conjunction of atoms, at most one per argument, sorted by argument.
pub(crate) type Term = Vec<Atom>;

/// The alternatives for `x < v` on the low `bits` bits: disjoint prefix matches.
fn below(bits: u32, v: u64) -> Vec<(u64, u64)> {
    let top = top(bits);
    let v = v & top;
    (0..bits)
        .rev()
        .filter(|i| v >> i & 1 == 1)
        .map(|i| {
            let mask = top & !((1u64 << i) - 1);
            (mask, (v & mask) & !(1u64 << i))
        })
        .collect()
}

/// The alternatives for `x >= v` on the low `bits` bits: disjoint prefix matches.
fn at_least(bits: u32, v: u64) -> Vec<(u64, u64)> {
    let top = top(bits);
    let v = v & top;
    let mut out: Vec<(u64, u64)> = (0..bits)
        .rev()
        .filter(|i| v >> i & 1 == 0)
        .map(|i| {
            let mask = top & !((1u64 << i) - 1);
            (mask, (v & mask) | (1u64 << i))
        })
        .collect();
    out.push((top, v));
    out
}

fn top(bits: u32) -> u64 {
    if bits >= 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    }
}

/// A condition as alternatives of one atom each (`None`: the condition always holds; an
/// empty list: it never does). Exact on the kernel's semantics ([`Condition::matches`]).
pub(crate) fn atoms_of(c: &Condition) -> Option<Vec<Atom>> {
    let bits = match c.width {
        Width::Dword => 32,
        Width::Qword => 64,
    };
    let t = top(bits);
    let v = c.value & t;
    let pairs: Vec<(u64, u64)> = match c.op {
        Op::Eq => vec![(t, v)],
        Op::MaskedEq(m) => {
            let m = m & t;
            if m == 0 {
                return None;
            }
            vec![(m, v & m)]
        }
        Op::Lt => below(bits, v),
        Op::Le if v == t => return None,
        Op::Le => below(bits, v + 1),
        Op::Ge if v == 0 => return None,
        Op::Ge => at_least(bits, v),
        Op::Gt if v == t => Vec::new(),
        Op::Gt => at_least(bits, v + 1),
        Op::Ne => {
            let mut out = below(bits, v);
            if v != t {
                out.extend(at_least(bits, v + 1));
            }
            out
        }
    };
    Some(
        pairs
            .into_iter()
            .map(|(mask, value)| Atom {
                index: c.index,
                mask,
                value,
            })
            .collect(),
    )
}

/// `term AND atom`, or `None` when they cannot hold together.
pub(crate) fn and_atom(term: &Term, a: Atom) -> Option<Term> {
    let mut out = term.clone();
    match out.iter_mut().find(|x| x.index == a.index) {
        Some(x) => {
            let common = x.mask & a.mask;
            if x.value & common != a.value & common {
                return None;
            }
            x.mask |= a.mask;
            x.value |= a.value;
        }
        None => {
            out.push(a);
            out.sort();
        }
    }
    Some(out)
}

/// A condition set (AND) as a disjunction of terms.
pub(crate) fn terms_of(conditions: &[Condition]) -> Vec<Term> {
    let mut terms = vec![Term::new()];
    for c in conditions {
        let Some(alts) = atoms_of(c) else { continue };
        terms = terms
            .iter()
            .flat_map(|t| alts.iter().filter_map(|a| and_atom(t, *a)))
            .collect();
    }
    terms
}

/// `term AND NOT cut`, as disjoint terms.
fn subtract(term: &Term, cut: &Term) -> Vec<Term> {
    // Disjoint already: nothing to take away.
    if cut
        .iter()
        .try_fold(term.clone(), |t, a| and_atom(&t, *a))
        .is_none()
    {
        return vec![term.clone()];
    }
    // NOT (a1 AND a2 …) = NOT a1, or a1 AND NOT a2, … ; NOT (x & m == v) = the first bit of m
    // (from the top) where x differs from v, with the bits above it equal: all disjoint.
    let mut out = Vec::new();
    let mut prefix = term.clone();
    for a in cut {
        let mut higher = 0u64;
        for bit in (0..64).rev().map(|i| 1u64 << i).filter(|b| a.mask & b != 0) {
            let differs = Atom {
                index: a.index,
                mask: higher | bit,
                value: (a.value & higher) | (!a.value & bit),
            };
            if let Some(t) = and_atom(&prefix, differs) {
                out.push(t);
            }
            higher |= bit;
        }
        match and_atom(&prefix, *a) {
            Some(t) => prefix = t,
            None => break,
        }
    }
    out
}

/// `terms AND NOT cut`.
fn subtract_all(terms: Vec<Term>, cut: &Term) -> Vec<Term> {
    terms.iter().flat_map(|t| subtract(t, cut)).collect()
}

/// An action's OCI form.
fn oci_action(ret: u32) -> Option<(LinuxSeccompAction, Option<u32>)> {
    let data = ret & bpf::SECCOMP_RET_DATA;
    Some(match ret & bpf::SECCOMP_RET_ACTION_FULL {
        bpf::SECCOMP_RET_ALLOW => (LinuxSeccompAction::ScmpActAllow, None),
        bpf::SECCOMP_RET_ERRNO => (LinuxSeccompAction::ScmpActErrno, Some(data)),
        bpf::SECCOMP_RET_KILL_THREAD => (LinuxSeccompAction::ScmpActKillThread, None),
        bpf::SECCOMP_RET_KILL_PROCESS => (LinuxSeccompAction::ScmpActKillProcess, None),
        bpf::SECCOMP_RET_TRAP => (LinuxSeccompAction::ScmpActTrap, None),
        bpf::SECCOMP_RET_LOG => (LinuxSeccompAction::ScmpActLog, None),
        bpf::SECCOMP_RET_TRACE => (LinuxSeccompAction::ScmpActTrace, Some(data)),
        _ => return None,
    })
}

/// One syscall's decisions as disjoint (action, term) pairs, the penalty left out.
pub(crate) fn regions(
    sp: &seccomp::SyscallPlan,
    penalty: u32,
) -> Result<Vec<(u32, Vec<Term>)>, String> {
    let mut items: Vec<(u32, Vec<Term>)> = sp
        .checks
        .iter()
        .map(|c| (c.action, terms_of(&c.conditions)))
        .collect();
    items.push((sp.default, vec![Term::new()]));
    let mut out: Vec<(u32, Vec<Term>)> = Vec::new();
    for j in 0..items.len() {
        let (action, mut terms) = items[j].clone();
        if action == penalty {
            // Left to the default action; it still cuts the later checks (below).
            continue;
        }
        for (earlier, cuts) in &items[..j] {
            if *earlier == action {
                continue;
            }
            for cut in cuts {
                terms = subtract_all(terms, cut);
                if terms.len() > MAX_ENTRIES {
                    return Err(format!(
                        "keeping its checks apart needs more than {MAX_ENTRIES} entries"
                    ));
                }
            }
        }
        if !terms.is_empty() {
            out.push((action, terms));
        }
    }
    Ok(out)
}

/// An atom as an OCI argument: `SCMP_CMP_EQ` when all 64 bits are compared, `SCMP_CMP_LT`
/// when only high bits are and they must be zero (`prot & ~3 == 0` is `prot < 4`: readable,
/// and its value fits the int64 of Kubernetes' resource), else `SCMP_CMP_MASKED_EQ`.
fn arg_of(a: &Atom) -> LinuxSeccompArg {
    let b = LinuxSeccompArgBuilder::default().index(usize::from(a.index));
    let low = a.mask.trailing_zeros();
    let high_prefix = a.mask.leading_ones() + low == 64;
    let b = if a.mask == u64::MAX {
        b.op(LinuxSeccompOperator::ScmpCmpEq).value(a.value)
    } else if high_prefix && a.value == 0 && low > 0 {
        b.op(LinuxSeccompOperator::ScmpCmpLt).value(1u64 << low)
    } else {
        b.op(LinuxSeccompOperator::ScmpCmpMaskedEq)
            .value(a.mask)
            .value_two(a.value)
    };
    b.build().expect("every field is set")
}

/// The policy as an OCI seccomp profile, and how it differs from `run`.
///
/// # Errors
/// As [`target::adapt`]; a check that needs too many entries; an action OCI lacks.
pub(crate) fn profile(
    policy: &Policy,
    opts: &ExportOptions,
) -> Result<(LinuxSeccomp, Vec<target::Difference>), ExportError> {
    let mut adapted = target::adapt(policy, opts, FORMAT, false)?;
    adapted
        .differences
        .extend(INHERENT.iter().map(|(kind, text)| target::Difference {
            kind: *kind,
            text: (*text).to_string(),
        }));
    adapted.differences.sort_by_key(|d| d.kind);
    let penalty = policy.penalty.action();
    let mut plan = seccomp::plan(&FilterSpec::new(policy.promises, &adapted.rules, penalty))
        .map_err(|e| ExportError::Policy(e.to_string()))?;
    target::drop_self_checks(&mut plan);
    // Unconditional entries with one action are grouped; conditional ones stand alone.
    let mut bare: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    let mut entries: Vec<LinuxSyscall> = Vec::new();
    for nr in 0..=MAX_NR {
        let Some(name) = syscalls::name(nr) else {
            continue;
        };
        let sp = &plan.syscalls[nr as usize];
        if sp.checks.is_empty() && sp.default == penalty.ret() {
            continue;
        }
        let regions = regions(sp, penalty.ret()).map_err(|reason| ExportError::NotExpressible {
            format: FORMAT,
            syscall: name,
            reason,
        })?;
        for (action, terms) in regions {
            let Some((act, errno)) = oci_action(action) else {
                return Err(ExportError::NotExpressible {
                    format: FORMAT,
                    syscall: name,
                    reason: format!("OCI has no action for {}", bpf::action_name(action)),
                });
            };
            for t in terms {
                if t.is_empty() {
                    bare.entry(action).or_default().push(name.to_string());
                    continue;
                }
                let mut b = LinuxSyscallBuilder::default()
                    .names(vec![name.to_string()])
                    .action(act)
                    .args(t.iter().map(arg_of).collect::<Vec<_>>());
                if let Some(e) = errno {
                    b = b.errno_ret(e);
                }
                entries.push(b.build().expect("every field is set"));
            }
        }
    }
    let mut syscalls_out = Vec::new();
    for (action, names) in bare {
        let (act, errno) = oci_action(action).expect("checked above");
        let mut b = LinuxSyscallBuilder::default().names(names).action(act);
        if let Some(e) = errno {
            b = b.errno_ret(e);
        }
        syscalls_out.push(b.build().expect("every field is set"));
    }
    syscalls_out.extend(entries);
    let (default_action, default_errno) =
        oci_action(penalty.ret()).expect("a penalty is an errno or a kill");
    let mut b = LinuxSeccompBuilder::default()
        .default_action(default_action)
        .architectures(vec![Arch::ScmpArchX86_64])
        .syscalls(syscalls_out);
    if let Some(e) = default_errno {
        b = b.default_errno_ret(e);
    }
    Ok((b.build().expect("every field is set"), adapted.differences))
}

/// Exports a policy as an OCI seccomp profile (pretty JSON with a trailing newline).
///
/// # Errors
/// As [`profile`].
pub(crate) fn export(policy: &Policy, opts: &ExportOptions) -> Result<Exported, ExportError> {
    let (profile, differences) = profile(policy, opts)?;
    Exported::json(&profile, differences)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holds(t: &Term, args: &[u64; 6]) -> bool {
        t.iter()
            .all(|a| args[usize::from(a.index)] & a.mask == a.value)
    }

    /// Values around every interesting edge of 32 and 64 bits.
    fn samples() -> Vec<u64> {
        let mut v = vec![0, 1, 2, 3, 7, 8, 9, 0x54, 0x5412, 0x7fff_ffff, 0x8000_0000];
        v.extend([0xffff_fffe, 0xffff_ffff, 0x1_0000_0000, 0x1_0000_5412]);
        v.extend([0xffff_ffff_ffff_ff9c, u64::MAX - 1, u64::MAX, 1 << 63]);
        v
    }

    #[test]
    fn every_condition_becomes_exact_atoms() {
        let ops = [
            Op::Eq,
            Op::Ne,
            Op::Lt,
            Op::Le,
            Op::Gt,
            Op::Ge,
            Op::MaskedEq(0xff),
            Op::MaskedEq(0x1_0000_0001),
        ];
        for width in [Width::Dword, Width::Qword] {
            for op in ops {
                for value in samples() {
                    let c = Condition::new(1, width, op, value);
                    let terms = terms_of(&[c]);
                    for x in samples() {
                        let args = [0, x, 0, 0, 0, 0];
                        let n = terms.iter().filter(|t| holds(t, &args)).count();
                        assert_eq!(n > 0, c.matches(&args), "{c} on {x:#x}");
                        assert!(n <= 1, "{c} on {x:#x}: overlapping alternatives");
                    }
                }
            }
        }
    }

    #[test]
    fn subtraction_is_exact_and_disjoint() {
        let conds = [
            Condition::new(1, Width::Dword, Op::Eq, 0x5412),
            Condition::new(1, Width::Qword, Op::Lt, 0x1_0000_0000),
            Condition::new(0, Width::Dword, Op::MaskedEq(0x3), 1),
            Condition::new(1, Width::Dword, Op::Ge, 9),
        ];
        for a in &conds {
            for b in &conds {
                let cut = terms_of(&[*b]);
                let mut terms = terms_of(&[*a]);
                for c in &cut {
                    terms = subtract_all(terms, c);
                }
                for x in samples() {
                    for y in [0u64, 1, 2, 3, 5] {
                        let args = [y, x, 0, 0, 0, 0];
                        let n = terms.iter().filter(|t| holds(t, &args)).count();
                        let want = a.matches(&args) && !b.matches(&args);
                        assert_eq!(n > 0, want, "{a} minus {b} on {y} {x:#x}");
                        assert!(n <= 1, "{a} minus {b}: overlap");
                    }
                }
            }
        }
    }
}
