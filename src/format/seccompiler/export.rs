//! Export: a policy as a set of seccompiler filters to install together (see the parent
//! module's docs for the scheme), rules cut disjoint with `policy::conditions`.

use super::*;
use crate::policy::conditions::{
    MAX_TERMS, SubtractError, disjoint, is_subset, same_set, subtract,
};

#[derive(Serialize)]
struct OutCondition {
    index: u8,
    #[serde(rename = "type")]
    width: Width,
    op: Op,
    val: u64,
    comment: String,
}

#[derive(Serialize)]
struct OutRule {
    syscall: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    args: Option<Vec<OutCondition>>,
}

#[derive(Serialize)]
struct OutFilter {
    mismatch_action: Action,
    match_action: Action,
    filter: Vec<OutRule>,
}

/// Filters in a fixed order (serde_json's own map would sort the names).
struct OutFile<'a>(Vec<(&'a str, &'a OutFilter)>);

impl Serialize for OutFile<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (name, f) in &self.0 {
            m.serialize_entry(name, f)?;
        }
        m.end()
    }
}

/// What one filter says about one syscall.
enum Entry {
    /// A bare rule: any arguments.
    Unconditional(Option<String>),
    /// One rule per condition set.
    Conditional(Vec<(Vec<Condition>, Option<String>)>),
}

/// A filter being built: its actions and, per syscall number, its rules.
struct Building {
    match_action: Action,
    mismatch_action: Action,
    rules: BTreeMap<u32, Entry>,
}

impl Building {
    fn new(match_action: Action, mismatch_action: Action) -> Self {
        Building {
            match_action,
            mismatch_action,
            rules: BTreeMap::new(),
        }
    }

    fn add(&mut self, nr: u32, mut conditions: Vec<Condition>, why: Option<String>) {
        let mut seen = Vec::with_capacity(conditions.len());
        conditions.retain(|c| {
            let first = !seen.contains(c);
            seen.push(*c);
            first
        });
        if conditions.is_empty() {
            self.rules.insert(nr, Entry::Unconditional(why));
            return;
        }
        match self
            .rules
            .entry(nr)
            .or_insert_with(|| Entry::Conditional(Vec::new()))
        {
            Entry::Unconditional(_) => {}
            Entry::Conditional(terms) => {
                if !terms.iter().any(|(t, _)| same_set(t, &conditions)) {
                    terms.push((conditions, why));
                }
            }
        }
    }

    fn is_unconditional(&self, nr: u32) -> bool {
        matches!(self.rules.get(&nr), Some(Entry::Unconditional(_)))
    }

    fn finish(self) -> OutFilter {
        let mut filter = Vec::new();
        for (nr, entry) in self.rules {
            let syscall = syscalls::name(nr).unwrap_or("?");
            match entry {
                Entry::Unconditional(comment) => filter.push(OutRule {
                    syscall,
                    comment,
                    args: None,
                }),
                Entry::Conditional(terms) => {
                    // A condition set implied by another one (a superset of it) adds nothing.
                    let kept: Vec<&(Vec<Condition>, Option<String>)> = terms
                        .iter()
                        .enumerate()
                        .filter(|(i, (t, _))| {
                            !terms.iter().enumerate().any(|(j, (u, _))| {
                                j != *i && is_subset(u, t) && (!is_subset(t, u) || j < *i)
                            })
                        })
                        .map(|(_, term)| term)
                        .collect();
                    for (conditions, comment) in kept {
                        filter.push(OutRule {
                            syscall,
                            comment: comment.clone(),
                            args: Some(conditions.iter().map(out_condition).collect()),
                        });
                    }
                }
            }
        }
        OutFilter {
            mismatch_action: self.mismatch_action,
            match_action: self.match_action,
            filter,
        }
    }
}

fn out_condition(c: &Condition) -> OutCondition {
    OutCondition {
        index: c.index,
        width: c.width,
        op: c.op,
        val: c.value,
        comment: c.to_string(),
    }
}

/// The filter name for an action.
fn filter_name(a: Action) -> String {
    match a {
        Action::Allow => "allow".into(),
        Action::Errno(ENOSYS) => "enosys".into(),
        Action::Errno(e) => format!("deny-errno-{e}"),
        Action::KillThread => "kill_thread".into(),
        Action::KillProcess => "kill_process".into(),
        Action::Log => "log".into(),
        Action::Trace(d) => format!("trace-{d}"),
        Action::Trap => "trap".into(),
    }
}

/// The action a seccomp return value stands for, if it has a seccompiler form.
fn action_of(ret: u32) -> Option<Action> {
    let data = (ret & bpf::SECCOMP_RET_DATA) as u16;
    match ret & bpf::SECCOMP_RET_ACTION_FULL {
        bpf::SECCOMP_RET_ALLOW if data == 0 => Some(Action::Allow),
        bpf::SECCOMP_RET_ERRNO => Some(Action::Errno(data)),
        bpf::SECCOMP_RET_KILL_THREAD if data == 0 => Some(Action::KillThread),
        bpf::SECCOMP_RET_KILL_PROCESS if data == 0 => Some(Action::KillProcess),
        bpf::SECCOMP_RET_TRAP if data == 0 => Some(Action::Trap),
        bpf::SECCOMP_RET_LOG if data == 0 => Some(Action::Log),
        bpf::SECCOMP_RET_TRACE => Some(Action::Trace(data)),
        _ => None,
    }
}

/// Whether `penalty`, returned by the allow filter, would win over or tie with `a` (another
/// filter's answer) although the plan answers `a`.
fn spoils(penalty: Action, a: Action) -> bool {
    a != penalty && penalty.severity() >= a.severity()
}

/// One check of a syscall as the exporter sees it.
pub(super) struct Item {
    conditions: Vec<Condition>,
    action: Action,
    why: Option<String>,
}

/// Whether the later check `later` must be cut by the earlier `earlier`: stacking would let
/// `later` win (or tie with another answer) where the plan answers `earlier`.
fn must_cut(earlier: &Item, later: &Item) -> bool {
    earlier.action != later.action
        && earlier.action.severity() <= later.action.severity()
        && !disjoint(&earlier.conditions, &later.conditions)
}

fn describe(origin: &Origin, policy: &Policy) -> String {
    let rule = |i: usize| {
        policy.rules.get(i).map_or_else(
            || format!("rule {i}"),
            |r| match &r.comment {
                Some(c) => c.clone(),
                None => format!("rule `{r}`"),
            },
        )
    };
    match origin {
        Origin::Guard(name) => format!("seccomp-pledge guard: {name} is refused in every filter"),
        Origin::Rule(i) => rule(*i),
        Origin::Promise(p, tag) => format!("promise {}: {tag}", p.name()),
        Origin::Combined(i) => format!("{} (on calls a promise allows)", rule(*i)),
    }
}

/// Why a syscall's default action is what it is (for comments).
fn default_why(nr: u32, name: &str, action: Action, policy: &Policy) -> Option<String> {
    if let Some(r) = policy
        .rules
        .iter()
        .find(|r| r.syscall.nr() == nr && r.conditions.is_empty() && r.action == action)
    {
        return Some(match &r.comment {
            Some(c) => c.clone(),
            None => format!("rule `{r}`"),
        });
    }
    match action {
        Action::Allow => {
            if promise::ALWAYS_ALLOWED.iter().any(|s| s.id() as u32 == nr) {
                return Some("allowed whatever the promises".into());
            }
            let by: Vec<&str> = policy
                .promises
                .iter()
                .filter(|p| p.info().syscalls.iter().any(|s| s.id() as u32 == nr))
                .map(|p| p.name())
                .collect();
            (!by.is_empty()).then(|| format!("promise {}", by.join(", ")))
        }
        Action::Errno(ENOSYS) => Some(match ALWAYS_ENOSYS.iter().find(|(n, _)| *n == name) {
            Some((_, reason)) => format!("seccomp-pledge answers `{name}` with ENOSYS: {reason}"),
            None => {
                format!("`{name}` is not allowed: it fails with ENOSYS so that programs fall back")
            }
        }),
        _ => None,
    }
}

/// The names seccompiler 0.5's x86_64 table knows, found by asking seccompiler itself.
pub(super) fn seccompiler_knows(name: &str) -> bool {
    static KNOWN: OnceLock<HashSet<&'static str>> = OnceLock::new();
    KNOWN
        .get_or_init(|| {
            // Not `syscalls::names()`: the syscalls crate's iterator stops before the last entry.
            (0..=MAX_NR)
                .filter_map(syscalls::name)
                .filter(|n| {
                    let probe = format!(
                        r#"{{"p":{{"mismatch_action":"allow","match_action":"trap","filter":[{{"syscall":"{n}"}}]}}}}"#
                    );
                    seccompiler::compile_from_json(
                        probe.as_bytes(),
                        seccompiler::TargetArch::x86_64,
                    )
                    .is_ok()
                })
                .collect()
        })
        .contains(name)
}

const SELF_NOTE: &str = "a promise allows this call on the sandbox's own pid, which is known only at launch: seccompiler cannot express it, so such calls get the mismatch action (this rule never matches)";

/// Exports a policy as seccompiler JSON: a map of filter name → {mismatch_action,
/// match_action, filter: `[RULES]`}, accepted by `seccompiler::compile_from_json(reader,
/// TargetArch::x86_64)`. All filters must be installed together, the `allow` filter last (it
/// refuses seccomp(2) itself; see the module docs).
/// Pretty-printed, with a trailing newline.
///
/// # Errors
/// An invalid policy, a syscall seccompiler does not name, checks with no exact stacked form,
/// or seccompiler refusing a filter (too large).
pub fn export(policy: &Policy) -> Result<String, ExportError> {
    policy.validate()?;
    if let Some(e) = policy.exec_promises {
        return Err(ExportError::ExecPromises(e));
    }
    let penalty = policy.penalty.action();
    let plan = seccomp::plan(&FilterSpec::new(policy.promises, &policy.rules, penalty))?;
    let mut allow = Building::new(Action::Allow, penalty);
    let mut others: BTreeMap<(std::cmp::Reverse<u8>, u32), Building> = BTreeMap::new();
    for nr in 0..=MAX_NR {
        let Some(sysno) = syscalls::by_number(nr) else {
            // A hole: ENOSYS in our filter, the penalty in seccompiler's (no name for it).
            continue;
        };
        let sp = &plan.syscalls[nr as usize];
        if sp.checks.is_empty() && sp.default == penalty.ret() {
            continue;
        }
        let name = sysno.name();
        if !seccompiler_knows(name) {
            return Err(ExportError::UnknownToSeccompiler { syscall: name });
        }
        export_syscall(nr, name, sp, policy, penalty, &mut allow, &mut others)?;
    }

    let mut built = vec![("allow".to_string(), allow.finish())];
    for b in others.into_values() {
        built.push((filter_name(b.match_action), b.finish()));
    }
    for (name, f) in &built {
        let one = serde_json::to_string(&OutFile(vec![(name, f)]))?;
        seccompiler::compile_from_json(one.as_bytes(), seccompiler::TargetArch::x86_64).map_err(
            |e| ExportError::Rejected {
                filter: name.clone(),
                reason: e.to_string(),
            },
        )?;
    }
    let file = OutFile(built.iter().map(|(n, f)| (n.as_str(), f)).collect());
    let mut text = serde_json::to_string_pretty(&file)?;
    text.push('\n');
    Ok(text)
}

fn export_syscall(
    nr: u32,
    name: &'static str,
    sp: &SyscallPlan,
    policy: &Policy,
    penalty: Action,
    allow: &mut Building,
    others: &mut BTreeMap<(std::cmp::Reverse<u8>, u32), Building>,
) -> Result<(), ExportError> {
    let unrepresentable = |ret: u32| ExportError::NotExpressible {
        syscall: name,
        reason: format!("seccompiler has no action for {}", bpf::action_name(ret)),
    };
    let mut items = Vec::with_capacity(sp.checks.len() + 1);
    let mut self_dropped = false;
    for c in &sp.checks {
        if c.conditions.iter().any(|k| k.value == PID_PLACEHOLDER) {
            self_dropped = true;
            continue;
        }
        items.push(Item {
            conditions: c.conditions.clone(),
            action: action_of(c.action).ok_or_else(|| unrepresentable(c.action))?,
            why: Some(describe(&c.origin, policy)),
        });
    }
    let default = action_of(sp.default).ok_or_else(|| unrepresentable(sp.default))?;
    if default != penalty {
        // The default as a last, unconditional check; the penalty is the allow filter's own
        // mismatch action.
        items.push(Item {
            conditions: Vec::new(),
            action: default,
            why: default_why(nr, name, default, policy),
        });
    }
    for (j, item) in items.iter().enumerate() {
        if item.action == Action::Allow {
            continue;
        }
        let mut terms = vec![item.conditions.clone()];
        for earlier in &items[..j] {
            if must_cut(earlier, item) {
                terms = subtract(terms, &earlier.conditions).map_err(|e| {
                    ExportError::NotExpressible {
                        syscall: name,
                        reason: cut_reason(e),
                    }
                })?;
            }
        }
        let key = (std::cmp::Reverse(item.action.severity()), item.action.ret());
        let b = others
            .entry(key)
            .or_insert_with(|| Building::new(item.action, Action::Allow));
        for t in terms {
            b.add(nr, t, item.why.clone());
        }
    }
    // Allowing checks first, so that a condition set both allowed and passed on keeps the
    // comment saying who allows it.
    for item in items.iter().filter(|i| i.action == Action::Allow) {
        allow.add(nr, item.conditions.clone(), item.why.clone());
    }
    for item in &items {
        // An allowing check is in the allow filter already, with its own comment.
        if item.action != Action::Allow && spoils(penalty, item.action) {
            let why = match &item.why {
                Some(w) => format!("lets the `{}` filter decide: {w}", filter_name(item.action)),
                None => format!("lets the `{}` filter decide", filter_name(item.action)),
            };
            allow.add(nr, item.conditions.clone(), Some(why));
        }
    }
    if self_dropped && !allow.is_unconditional(nr) {
        allow.add(
            nr,
            vec![Condition::new(0, Width::Dword, Op::Lt, 0)],
            Some(SELF_NOTE.into()),
        );
    }
    Ok(())
}

/// Why a check cannot be cut disjoint from an earlier one, in seccompiler's terms.
fn cut_reason(e: SubtractError) -> String {
    match e {
        SubtractError::CannotNegate(c) => format!(
            "a later check must exclude `{c}`, and seccompiler cannot negate a masked comparison on several bits"
        ),
        SubtractError::TooMany => {
            format!("excluding the earlier checks needs more than {MAX_TERMS} rules")
        }
    }
}
