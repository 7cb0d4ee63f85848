//! The algebra of argument conditions, for formats that have no "most restrictive wins" and
//! need rules that never overlap (seccompiler's JSON today, OCI profiles next): whether
//! conditions can hold together ([`excludes`], [`disjoint`], [`never`]), exact negation
//! ([`negate`]), and subtracting one condition set from a disjunction of them
//! ([`subtract`]). Exact on the kernel's semantics: 32-bit conditions compare the low 32 bits
//! (as [`Condition::matches`] does). Pure.

use super::rule::{Condition, Op, Width};

/// At most this many condition sets come out of [`subtract`] (a guard against blow-up).
pub(crate) const MAX_TERMS: usize = 64;

/// Why [`subtract`] has no exact answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SubtractError {
    /// The condition must be negated, and it is a masked comparison on several bits, whose
    /// negation is no single condition.
    CannotNegate(Condition),
    /// The answer needs more than [`MAX_TERMS`] condition sets.
    TooMany,
}

pub(crate) fn same_set(a: &[Condition], b: &[Condition]) -> bool {
    is_subset(a, b) && is_subset(b, a)
}

pub(crate) fn is_subset(a: &[Condition], b: &[Condition]) -> bool {
    a.iter().all(|c| b.contains(c))
}

/// Low 32 bits for dword conditions.
pub(crate) fn effective(c: &Condition) -> (u64, u64) {
    let mask = match c.op {
        Op::MaskedEq(m) => m,
        _ => u64::MAX,
    };
    match c.width {
        Width::Dword => (c.value & 0xffff_ffff, mask & 0xffff_ffff),
        Width::Qword => (c.value, mask),
    }
}

/// Whether two conditions can never hold together (a sufficient test).
pub(crate) fn excludes(a: &Condition, b: &Condition) -> bool {
    if a.index != b.index {
        return false;
    }
    let (va, _) = effective(a);
    let (vb, _) = effective(b);
    match (a.op, b.op) {
        (Op::Eq, Op::Eq) => {
            if a.width == Width::Qword && b.width == Width::Qword {
                va != vb
            } else {
                va & 0xffff_ffff != vb & 0xffff_ffff
            }
        }
        _ => a.width == b.width && negate(a) == Ok(Some(*b)),
    }
}

pub(crate) fn disjoint(a: &[Condition], b: &[Condition]) -> bool {
    a.iter().any(|x| b.iter().any(|y| excludes(x, y)))
}

/// Whether a condition can never hold.
pub(crate) fn never(c: &Condition) -> bool {
    let top = match c.width {
        Width::Dword => 0xffff_ffff,
        Width::Qword => u64::MAX,
    };
    let (v, _) = effective(c);
    matches!((c.op, v), (Op::Lt, 0)) || (c.op == Op::Gt && v == top)
}

/// The exact negation of a condition: `Ok(None)` when the condition always holds (its
/// negation never does), `Err(())` when seccompiler has no form for it.
pub(crate) fn negate(c: &Condition) -> Result<Option<Condition>, ()> {
    let op = match c.op {
        Op::Eq => Op::Ne,
        Op::Ne => Op::Eq,
        Op::Lt => Op::Ge,
        Op::Ge => Op::Lt,
        Op::Le => Op::Gt,
        Op::Gt => Op::Le,
        Op::MaskedEq(_) => {
            let (v, m) = effective(c);
            if m == 0 {
                return Ok(None);
            }
            if m.count_ones() != 1 {
                return Err(());
            }
            return Ok(Some(Condition::new(
                c.index,
                c.width,
                Op::MaskedEq(m),
                (v & m) ^ m,
            )));
        }
    };
    Ok(Some(Condition::new(c.index, c.width, op, c.value)))
}

/// `terms` (a disjunction of condition sets) AND NOT `cut` (a condition set).
pub(crate) fn subtract(
    terms: Vec<Vec<Condition>>,
    cut: &[Condition],
) -> Result<Vec<Vec<Condition>>, SubtractError> {
    if cut.is_empty() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for t in terms {
        if disjoint(&t, cut) {
            out.push(t);
            continue;
        }
        if is_subset(cut, &t) {
            continue;
        }
        for c in cut {
            if t.contains(c) {
                continue;
            }
            let n = match negate(c) {
                Ok(Some(n)) => n,
                Ok(None) => continue,
                Err(()) => return Err(SubtractError::CannotNegate(*c)),
            };
            if t.iter().any(|x| excludes(x, &n)) {
                continue;
            }
            let mut next = t.clone();
            if !next.contains(&n) {
                next.push(n);
            }
            out.push(next);
        }
        if out.len() > MAX_TERMS {
            return Err(SubtractError::TooMany);
        }
    }
    Ok(out)
}
