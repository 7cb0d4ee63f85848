//! Explicit rules for the call shapes no promise covers, and the plain allow-list of a trace
//! ([`allow_list`], `allow traced`): the conditions that describe a shape
//! ([`shape_conditions`]), rules built from them with equal sets merged and wider ones dropped
//! ([`build_rules`]), and what neither can express, as notes: calls on the program's own pid,
//! ioctls every filter refuses ([`guarded_ioctl`]), calls every filter answers with ENOSYS,
//! unknown numbers and other ABIs ([`Skipped`], [`skipped_notes`], [`foreign_notes`]).

use std::collections::{BTreeMap, BTreeSet};

use super::effective_shapes;
use crate::abi::signature::{self, Arg};
use crate::abi::sysargs;
use crate::abi::syscalls::{self, Syscall, Sysno};
use crate::policy::promise::{self, ALWAYS_ALLOWED, PID_PLACEHOLDER, PromiseSet};
use crate::policy::rule::{ALWAYS_ENOSYS, Action, Condition, Op, Rule, Width};
use crate::trace::profile::{self, Abi, Profile, Shape, ShapeStats};

/// The promises that allow a call on the program's own pid, as text: `` `stdio` or `proc` ``.
pub(super) fn own_pid_promises(shape: &Shape) -> String {
    let ps = promise::promises_allowing(shape.nr, &shape.args, PromiseSet::EMPTY);
    let names: Vec<String> = ps.iter().map(|p| format!("`{p}`")).collect();
    names.join(" or ")
}

/// Whether argument `index` of syscall `nr` holds the caller's pid in promise rules.
fn self_pid_arg(nr: u32, index: usize) -> bool {
    promise::self_pid_args(nr)[index]
}

/// Whether argument `index` of syscall `nr` is a pointer (by the signature table), whose
/// value means nothing to a rule beyond being NULL or not.
fn pointer_arg(nr: u32, index: usize) -> bool {
    signature::signature(nr)
        .and_then(|s| s.kind(index))
        .is_some_and(|a| {
            matches!(
                a,
                Arg::Ptr | Arg::Path | Arg::Str | Arg::Buf(_) | Arg::SockAddr(_) | Arg::StrArray
            )
        })
}

/// The conditions that describe a shape: one per argument the profile keeps, compared on the
/// width the kernel reads it with: values with `==` (masked when the profile keeps only some
/// bits); pointers compared with 0 only when they were NULL, never on their value. `None`
/// when the shape names the caller's own pid, which a rule cannot express.
pub(super) fn shape_conditions(shape: &Shape) -> Option<Vec<Condition>> {
    let masks = profile::kept_masks(shape.nr);
    let sysno = syscalls::by_number(shape.nr)?;
    let mut out = Vec::new();
    for (i, (&mask, &value)) in masks.iter().zip(shape.args.iter()).enumerate() {
        if mask == 0 {
            continue;
        }
        let index = i as u8;
        let width = sysargs::width(sysno, index).unwrap_or(Width::Qword);
        if pointer_arg(shape.nr, i) {
            if value == 0 {
                out.push(Condition::new(index, width, Op::Eq, 0));
            }
            continue;
        }
        if value == PID_PLACEHOLDER && self_pid_arg(shape.nr, i) {
            return None;
        }
        let full = match width {
            Width::Dword => 0xffff_ffff,
            Width::Qword => u64::MAX,
        };
        let value = value & mask;
        if mask == full {
            out.push(Condition::new(index, width, Op::Eq, value));
        } else {
            out.push(Condition::new(index, width, Op::MaskedEq(mask), value));
        }
    }
    Some(out)
}

/// A sort key for conditions (they are not `Ord`).
fn cond_key(c: &Condition) -> (u8, u8, u8, u64, u64) {
    let width = match c.width {
        Width::Dword => 0,
        Width::Qword => 1,
    };
    let (op, mask) = match c.op {
        Op::Eq => (0, 0),
        Op::Ne => (1, 0),
        Op::Lt => (2, 0),
        Op::Le => (3, 0),
        Op::Gt => (4, 0),
        Op::Ge => (5, 0),
        Op::MaskedEq(m) => (6, m),
    };
    (c.index, width, op, mask, c.value)
}

type CondKey = Vec<(u8, u8, u8, u64, u64)>;
/// A syscall's distinct condition sets, with the comment of the first rule of each.
type ConditionSets = BTreeMap<CondKey, (Vec<Condition>, String)>;

/// Allow rules from (syscall, conditions, comment) triples: equal condition sets merged,
/// sets that contain another set of the same syscall dropped (the smaller set allows them
/// already), sorted by syscall name then conditions.
pub(super) fn build_rules(items: Vec<(Sysno, Vec<Condition>, String)>) -> Vec<Rule> {
    let mut by_sys: BTreeMap<&'static str, (Sysno, ConditionSets)> = BTreeMap::new();
    for (sysno, mut conds, comment) in items {
        conds.sort_by_key(cond_key);
        conds.dedup();
        let key: CondKey = conds.iter().map(cond_key).collect();
        let entry = by_sys
            .entry(sysno.name())
            .or_insert_with(|| (sysno, BTreeMap::new()));
        match entry.1.get_mut(&key) {
            // Shapes that differ only in a pointer: keep what both comments say.
            Some((_, have)) if *have != comment => {
                let theirs: Vec<&str> = comment.split("; ").collect();
                let common: Vec<&str> = have.split("; ").filter(|p| theirs.contains(p)).collect();
                *have = common.join("; ");
            }
            Some(_) => {}
            None => {
                entry.1.insert(key, (conds, comment));
            }
        }
    }
    let mut rules = Vec::new();
    for (_, (sysno, sets)) in by_sys {
        let keys: Vec<&CondKey> = sets.keys().collect();
        for (key, (conds, comment)) in &sets {
            let subsumed = keys
                .iter()
                .any(|k| *k != key && k.len() < key.len() && k.iter().all(|c| key.contains(c)));
            if subsumed {
                continue;
            }
            rules.push(Rule {
                syscall: Syscall(sysno),
                conditions: conds.clone(),
                action: Action::Allow,
                comment: Some(comment.clone()),
            });
        }
    }
    rules
}

/// Traced calls that become neither a need of the promises nor a rule.
#[derive(Default)]
pub(super) struct Skipped {
    /// openat2/clone3 and how often.
    pub(super) enosys: BTreeMap<&'static str, u64>,
    /// Numbers outside the table.
    pub(super) unknown: BTreeMap<u32, u64>,
    /// Calls on the program's own pid that a rule cannot express, with the promises that
    /// allow them (`` `stdio` or `proc` ``).
    pub(super) own_pid: BTreeMap<&'static str, String>,
    /// ioctl requests every filter refuses.
    pub(super) guarded: BTreeSet<String>,
    /// Attribute changes through a path (chmod, chown, utimensat …), refused while unveil is
    /// on whatever the promises, with how often and the promises that allow them without it.
    pub(super) path_attrs: BTreeMap<&'static str, (u64, String)>,
}

impl Skipped {
    /// The syscall of a traced shape that a policy has to decide, or `None` for one every
    /// filter decides by itself: allowed whatever the policy, `ENOSYS` (counted here), or a
    /// number outside the table (counted here). Both the suggestion and the allow-list walk
    /// shapes through this.
    pub(super) fn needs_deciding(&mut self, shape: &Shape, st: &ShapeStats) -> Option<Sysno> {
        let calls = st.program.saturating_add(st.loader);
        let Some(sysno) = syscalls::by_number(shape.nr) else {
            *self.unknown.entry(shape.nr).or_default() += calls;
            return None;
        };
        if ALWAYS_ALLOWED.contains(&sysno) {
            return None;
        }
        if let Some((name, _)) = ALWAYS_ENOSYS.iter().find(|(n, _)| *n == sysno.name()) {
            *self.enosys.entry(name).or_default() += calls;
            return None;
        }
        Some(sysno)
    }
}

pub(super) fn guarded_ioctl(shape: &Shape) -> Option<&'static str> {
    if syscalls::by_number(shape.nr) != Some(Sysno::ioctl) {
        return None;
    }
    match shape.args[1] & 0xffff_ffff {
        0x5412 => Some("TIOCSTI"),
        0x541c => Some("TIOCLINUX"),
        _ => None,
    }
}

pub(super) fn foreign_notes(profile: &Profile) -> Vec<String> {
    let mut by_abi: BTreeMap<Abi, (u64, Vec<String>)> = BTreeMap::new();
    for ((abi, nr), count) in &profile.foreign {
        let e = by_abi.entry(*abi).or_default();
        e.0 = e.0.saturating_add(*count);
        let name = match abi {
            Abi::I386 => syscalls::i386_name(*nr).map(str::to_string),
            Abi::X32 => {
                syscalls::name(*nr & !crate::abi::uapi::X32_SYSCALL_BIT).map(str::to_string)
            }
            Abi::X86_64 => syscalls::name(*nr).map(str::to_string),
        }
        .unwrap_or_else(|| format!("#{nr}"));
        if e.1.len() < 5 {
            e.1.push(name);
        }
    }
    by_abi
        .into_iter()
        .map(|(abi, (count, names))| {
            let what = match abi {
                Abi::I386 => "every seccomp-pledge filter kills the program at the first such call under run (only x86_64 calls can be confined); no rule can allow them",
                Abi::X32 | Abi::X86_64 => "every seccomp-pledge filter denies them under run; no rule can allow them",
            };
            format!(
                "{} through the {} ABI were traced (e.g. {}): {what}",
                counted(count, "call"),
                abi.name(),
                names.join(", ")
            )
        })
        .collect()
}

pub(super) fn skipped_notes(s: &Skipped) -> Vec<String> {
    let mut notes = Vec::new();
    for (name, count) in &s.enosys {
        let fallback = if *name == "clone3" { "clone" } else { "openat" };
        notes.push(format!(
            "{name} ({}): under run it always fails with ENOSYS (its arguments are out of BPF's reach) and libc falls back to {fallback}, which the suggestion covers if traced; no rule is suggested",
            counted(*count, "call")
        ));
    }
    for (nr, count) in &s.unknown {
        notes.push(format!(
            "syscall number {nr} ({}) is not in seccomp-pledge's table: every filter answers it with ENOSYS",
            counted(*count, "call")
        ));
    }
    for (name, promises) in &s.own_pid {
        notes.push(format!(
            "{name} aimed at the program itself cannot be written as a rule (its pid is known only at run time): add the promise {promises}"
        ));
    }
    for (name, (count, promises)) in &s.path_attrs {
        let without = if promises.is_empty() {
            String::new()
        } else {
            format!(" (with -V it needs promise {promises})")
        };
        notes.push(format!(
            "{name} on a path ({}): {}{without}; under run the program gets the penalty for it, and it is reported",
            counted(*count, "call"),
            crate::policy::unveil::UNSCOPED_ATTRS_WHY
        ));
    }
    for what in &s.guarded {
        notes.push(format!(
            "{what} was traced: every filter refuses it whatever the policy (it injects input into, or reconfigures, the terminal)"
        ));
    }
    notes
}

/// `1 call`, `3 calls`.
fn counted(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `allow traced`: one allow rule per distinct (syscall, condition set). The conditions
/// compare every argument the profile keeps (those promise rules compare plus profile.rs's
/// key arguments: socket family, type and protocol, open flags, ioctl requests, fcntl
/// commands, clone flags, PROT bits …), 32-bit values with `==` (masked when only some bits
/// are kept; 0 is a value like any other, so a read-only `openat` gets
/// `arg2 == O_RDONLY`), and a pointer only as `== 0` when it was NULL, never on its value. A syscall of which the profile keeps no argument
/// gets an unconditional `allow NAME`. Calls every filter allows anyway (`exit`,
/// `exit_group`, `arch_prctl`), calls every filter answers with ENOSYS (`openat2`,
/// `clone3`), the launcher's own first `execve` and calls only the dynamic loader made that
/// `run` grants the loader anyway (`rpath prot_exec`) are left out, as is `kill`/`tgkill`
/// of the program itself (see [`allow_list_explained`]).
pub(crate) fn allow_list(profile: &Profile) -> Vec<Rule> {
    allow_list_explained(profile).0
}

/// [`allow_list`] with notes on the traced calls it leaves out.
pub(crate) fn allow_list_explained(profile: &Profile) -> (Vec<Rule>, Vec<String>) {
    let loader = crate::sandbox::loader::loader_promises();
    let mut skipped = Skipped::default();
    let mut items = Vec::new();
    for (shape, st) in effective_shapes(profile) {
        let Some(sysno) = skipped.needs_deciding(&shape, &st) else {
            continue;
        };
        if st.program == 0 && promise::allows(loader, shape.nr, &shape.args) {
            continue;
        }
        if let Some(req) = guarded_ioctl(&shape) {
            skipped.guarded.insert(format!("ioctl {req}"));
            continue;
        }
        let Some(conds) = shape_conditions(&shape) else {
            skipped
                .own_pid
                .insert(sysno.name(), own_pid_promises(&shape));
            continue;
        };
        items.push((sysno, conds, "traced".to_string()));
    }
    let mut notes = foreign_notes(profile);
    notes.extend(skipped_notes(&skipped));
    (build_rules(items), notes)
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::super::*;
    use super::*;
    use crate::compile::bpf;
    use crate::compile::seccomp;
    use crate::policy::render;

    #[test]
    fn calls_no_promise_allows_become_rules() {
        let mut p = cat_like();
        call(&mut p, "ptrace", [16, 99, 0, 0, 0, 0]);
        call(&mut p, "mount", [0x1000, 0x2000, 0x3000, 0, 0, 0]);
        call(&mut p, "memfd_create", [0x1000, 1, 0, 0, 0, 0]);
        call(&mut p, "ioctl", [3, 0x8927, 0x1000, 0, 0, 0]); // SIOCGIFHWADDR
        call(&mut p, "socket", [17, 3, 0x0300, 0, 0, 0]); // AF_PACKET, SOCK_RAW, ETH_P_ALL
        call(&mut p, "openat2", [AT_FDCWD, 0x1000, 0x2000, 24, 0, 0]);
        call(&mut p, "ioctl", [0, 0x5412, 0x1000, 0, 0, 0]); // TIOCSTI
        let s = suggest(&p);
        assert_eq!(s.promises.to_string(), "stdio rpath");
        let shown: Vec<String> = s.rules.iter().map(render::rule).collect();
        assert!(shown.contains(&"allow ptrace".to_string()), "{shown:?}");
        assert!(shown.contains(&"allow mount".to_string()), "{shown:?}");
        // The profile keeps no argument of memfd_create.
        assert!(
            shown.contains(&"allow memfd_create".to_string()),
            "{shown:?}"
        );
        assert!(
            shown
                .iter()
                .any(|r| r.starts_with("allow ioctl if arg1 == SIOCGIFHWADDR")),
            "{shown:?}"
        );
        assert!(
            shown
                .iter()
                .any(|r| r.starts_with("allow socket if arg0 == AF_PACKET")),
            "{shown:?}"
        );
        assert!(
            shown
                .iter()
                .all(|r| !r.contains("openat2") && !r.contains("TIOCSTI"))
        );
        assert!(s.rules.iter().all(|r| {
            r.comment
                .as_deref()
                .unwrap()
                .starts_with("traced: no promise allows it")
        }));
        assert!(s.notes.iter().any(|n| n.starts_with("openat2 (1 call): ")));
        assert!(s.notes.iter().any(|n| n.contains("ioctl TIOCSTI")));
        assert_suggestion_allows_trace(&p, &s);
        let text = s.describe();
        assert!(
            text.contains("  allow ptrace  # traced: no promise allows it"),
            "{text}"
        );
    }

    #[test]
    fn allow_list_has_key_argument_conditions() {
        let p = tcp_client();
        let rules = allow_list(&p);
        for r in &rules {
            r.validate().unwrap();
            assert_eq!(r.action, Action::Allow);
        }
        let shown: Vec<String> = rules.iter().map(render::rule).collect();
        assert!(
            shown.iter().any(|r| r.starts_with(
                "allow socket if arg0 == AF_INET and arg1 == SOCK_STREAM|SOCK_CLOEXEC and arg2 == "
            )),
            "{shown:?}"
        );
        assert!(shown.contains(&"allow read".to_string()), "{shown:?}");
        assert!(shown.contains(&"allow connect".to_string()), "{shown:?}");
        assert!(
            shown.contains(&"allow sendto if arg4 == 0".to_string()),
            "{shown:?}"
        );
        assert!(
            shown
                .iter()
                .any(|r| r.starts_with("allow mmap if arg2 == PROT_READ and ")),
            "{shown:?}"
        );
        assert!(shown.iter().all(|r| !r.contains("exit_group")));
        // openat with and without O_CLOEXEC: two rules, each on the flags.
        let opens: Vec<&String> = shown
            .iter()
            .filter(|r| r.starts_with("allow openat "))
            .collect();
        assert_eq!(opens.len(), 2, "{shown:?}");
        // Sorted, deterministic, and allowing every traced call.
        assert_eq!(rules, allow_list(&p));
        let names: Vec<&str> = rules.iter().map(|r| r.syscall.name()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
        let plan = seccomp::plan(&seccomp::FilterSpec::new(
            PromiseSet::EMPTY,
            &rules,
            Action::Errno(1),
        ))
        .unwrap();
        for shape in p.shapes.keys() {
            assert_eq!(
                plan.decide(shape.nr, &shape.args),
                bpf::SECCOMP_RET_ALLOW,
                "{}",
                shape_text(shape)
            );
        }
    }

    #[test]
    fn allow_list_groups_shapes_and_drops_pointers() {
        let mut p = Profile::default();
        // sendto to two different addresses, and one without: the address is a pointer.
        call(&mut p, "sendto", [3, 0x1000, 5, 0, 0x7fff_0000_1000, 16]);
        call(&mut p, "sendto", [3, 0x1000, 5, 0, 0x7fff_0000_2000, 16]);
        call(&mut p, "sendto", [3, 0x1000, 5, 0, 0, 0]);
        let rules = allow_list(&p);
        let shown: Vec<String> = rules.iter().map(render::rule).collect();
        assert_eq!(shown, vec!["allow sendto".to_string()]);
    }
}
