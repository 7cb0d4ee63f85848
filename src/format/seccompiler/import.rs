//! Import: seccompiler's filters JSON read back as a policy with explicit rules (see the
//! parent module's docs for what is accepted and refused).

use super::*;
use crate::policy::conditions::{excludes, never};

/// seccompiler's action, as its JSON writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum InAction {
    Allow,
    Errno(u32),
    KillThread,
    KillProcess,
    Log,
    Trace(u32),
    Trap,
}

impl fmt::Display for InAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InAction::Allow => f.write_str("\"allow\""),
            InAction::Errno(e) => write!(f, "{{\"errno\": {e}}}"),
            InAction::KillThread => f.write_str("\"kill_thread\""),
            InAction::KillProcess => f.write_str("\"kill_process\""),
            InAction::Log => f.write_str("\"log\""),
            InAction::Trace(d) => write!(f, "{{\"trace\": {d}}}"),
            InAction::Trap => f.write_str("\"trap\""),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InCondition {
    index: u8,
    #[serde(rename = "type")]
    width: Width,
    op: Op,
    val: u64,
    #[serde(default, rename = "comment")]
    _comment: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InRule {
    syscall: Syscall,
    #[serde(default, rename = "args", deserialize_with = "non_empty_args")]
    conditions: Option<Vec<InCondition>>,
    #[serde(default)]
    comment: Option<String>,
}

fn non_empty_args<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<InCondition>>, D::Error> {
    let args = Option::<Vec<InCondition>>::deserialize(d)?;
    if args.as_ref().is_some_and(Vec::is_empty) {
        return Err(de::Error::custom(
            "empty `args` array: omit `args` to match any arguments",
        ));
    }
    Ok(args)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct InFilter {
    #[serde(alias = "default_action")]
    mismatch_action: InAction,
    #[serde(alias = "filter_action")]
    match_action: InAction,
    #[serde(rename = "filter")]
    rules: Vec<InRule>,
}

/// The top-level map, in file order, refusing duplicate names.
pub(super) struct InFile(pub(super) Vec<(String, InFilter)>);

impl<'de> Deserialize<'de> for InFile {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = InFile;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of filter names to filters")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut m: M) -> Result<InFile, M::Error> {
                let mut out: Vec<(String, InFilter)> = Vec::new();
                let mut seen = std::collections::HashSet::new();
                while let Some(name) = m.next_key::<String>()? {
                    if !seen.insert(name.clone()) {
                        return Err(de::Error::custom(format!("duplicate filter name `{name}`")));
                    }
                    let filter = m.next_value()?;
                    out.push((name, filter));
                }
                Ok(InFile(out))
            }
        }
        d.deserialize_map(V)
    }
}

fn is_allow_list(f: &InFilter) -> bool {
    f.mismatch_action != InAction::Allow
}

fn to_action(filter: &str, a: InAction) -> Result<Action, ImportError> {
    Ok(match a {
        InAction::Allow => Action::Allow,
        InAction::Errno(e) => match u16::try_from(e) {
            Ok(e) if (1..=MAX_ERRNO).contains(&e) => Action::Errno(e),
            _ => {
                return Err(ImportError::Rule {
                    filter: filter.into(),
                    source: RuleError::BadErrno { errno: e },
                });
            }
        },
        InAction::KillThread => Action::KillThread,
        InAction::KillProcess => Action::KillProcess,
        InAction::Log => Action::Log,
        InAction::Trace(d) => match u16::try_from(d) {
            Ok(d) => Action::Trace(d),
            Err(_) => {
                return Err(ImportError::Action {
                    filter: filter.into(),
                    action: a.to_string(),
                    reason: "trace data is 16 bits (0 to 65535)",
                });
            }
        },
        InAction::Trap => Action::Trap,
    })
}

fn to_penalty(filter: &str, a: InAction) -> Result<Penalty, ImportError> {
    match a {
        InAction::Errno(1) => Ok(Penalty::Eperm),
        InAction::KillProcess => Ok(Penalty::Kill),
        InAction::Errno(e) if (2..=u32::from(MAX_ERRNO)).contains(&e) => {
            Ok(Penalty::Errno(e as u16))
        }
        _ => Err(ImportError::Penalty {
            filter: filter.into(),
            action: a.to_string(),
        }),
    }
}

/// A seccompiler condition as ours: dword operands cut to the 32 bits seccompiler compares.
fn to_condition(c: &InCondition) -> Condition {
    let (value, op) = match (c.width, c.op) {
        (Width::Dword, Op::MaskedEq(m)) => (c.val & 0xffff_ffff, Op::MaskedEq(m & 0xffff_ffff)),
        (Width::Dword, op) => (c.val & 0xffff_ffff, op),
        (Width::Qword, op) => (c.val, op),
    };
    Condition::new(c.index, c.width, op, value)
}

/// Imports seccompiler JSON as a policy with explicit rules (no promises). `filter` picks one
/// filter of the file; without it every filter is taken, which needs at most one allow-list.
/// See the module docs for the mapping.
///
/// # Errors
/// JSON that seccompiler would refuse (with serde_json's line and column), several
/// allow-lists without a choice, an unknown `filter`, a mismatch action that cannot be a
/// penalty, or rules outside seccomp-pledge's limits.
pub fn import(text: &str, filter: Option<&str>) -> Result<Policy, ImportError> {
    let file: InFile = serde_json::from_str(text)?;
    let file = file.0;
    for (name, f) in &file {
        if f.match_action == f.mismatch_action {
            return Err(ImportError::IdenticalActions {
                filter: name.clone(),
                action: f.match_action.to_string(),
            });
        }
    }
    let names = || file.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    let chosen: Vec<&(String, InFilter)> = match filter {
        Some(want) => match file.iter().find(|(n, _)| n == want) {
            Some(f) => vec![f],
            None => {
                return Err(ImportError::UnknownFilter {
                    name: want.into(),
                    names: names(),
                    suggestion: crate::suggest::closest(want, file.iter().map(|(n, _)| n.as_str()))
                        .map(str::to_string),
                });
            }
        },
        None => {
            let lists: Vec<String> = file
                .iter()
                .filter(|(_, f)| is_allow_list(f))
                .map(|(n, _)| n.clone())
                .collect();
            if lists.len() > 1 {
                return Err(ImportError::SeveralAllowLists { names: lists });
            }
            file.iter().collect()
        }
    };

    let mut policy = Policy::default();
    let mut rules: Vec<(usize, Rule)> = Vec::new();
    let mut has_allow_list = false;
    for (k, (name, f)) in chosen.iter().enumerate() {
        let action = to_action(name, f.match_action)?;
        let allow_list = is_allow_list(f);
        if allow_list {
            policy.penalty = to_penalty(name, f.mismatch_action)?;
            has_allow_list = true;
        }
        for r in &f.rules {
            let conditions: Vec<Condition> =
                r.conditions.iter().flatten().map(to_condition).collect();
            let impossible = conditions.iter().any(never)
                || conditions
                    .iter()
                    .enumerate()
                    .any(|(i, a)| conditions[i + 1..].iter().any(|b| excludes(a, b)));
            if impossible {
                continue;
            }
            let comment = Some(
                r.comment
                    .clone()
                    .unwrap_or_else(|| format!("seccompiler filter `{name}`")),
            );
            let enosys_always = ALWAYS_ENOSYS.iter().any(|(n, _)| *n == r.syscall.name());
            let mut actions = Vec::with_capacity(2);
            if allow_list && !action.denies() {
                actions.push(Action::Allow);
            }
            if action != Action::Allow {
                actions.push(action);
            }
            for a in actions {
                if enosys_always && !a.denies() {
                    continue;
                }
                rules.push((
                    k,
                    Rule {
                        syscall: r.syscall,
                        conditions: conditions.clone(),
                        action: a,
                        comment: comment.clone(),
                    },
                ));
            }
        }
    }
    for (k, r) in &rules {
        r.validate().map_err(|source| ImportError::Rule {
            filter: chosen[*k].0.clone(),
            source,
        })?;
    }
    let mut rules: Vec<Rule> = rules.into_iter().map(|(_, r)| r).collect();
    // The allow filter of an export repeats, for seccompiler's sake, the conditions another
    // filter denies ("lets the `…` filter decide"). Here the denial wins anyway (the most
    // restrictive rule wins), so an allow with exactly a denial's conditions is dead: drop it.
    let denials: Vec<(u32, Vec<Condition>)> = rules
        .iter()
        .filter(|r| r.action.denies())
        .map(|r| (r.syscall.nr(), r.conditions.clone()))
        .collect();
    rules.retain(|r| {
        r.action != Action::Allow
            || !denials
                .iter()
                .any(|(nr, c)| *nr == r.syscall.nr() && *c == r.conditions)
    });
    if !has_allow_list {
        // Deny-lists only: everything they do not deny is allowed.
        let denied: HashSet<u32> = rules
            .iter()
            .filter(|r| r.action.denies() && r.conditions.is_empty())
            .map(|r| r.syscall.nr())
            .collect();
        // Numbers, not `Sysno::iter()`, which misses the table's last entry.
        for s in (0..=MAX_NR).filter_map(syscalls::by_number) {
            let always_enosys = ALWAYS_ENOSYS.iter().any(|(n, _)| *n == s.name());
            if !always_enosys && !denied.contains(&(s.id() as u32)) {
                rules.push(Rule {
                    syscall: Syscall(s),
                    conditions: Vec::new(),
                    action: Action::Allow,
                    comment: None,
                });
            }
        }
    }
    policy.rules = rules;
    policy.validate()?;
    Ok(policy)
}
