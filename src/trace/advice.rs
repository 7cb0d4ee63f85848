//! Turns a trace [`Profile`] into a suggested policy: the smallest promise set covering every
//! call shape, the unveil rules the program needs beyond those `run` adds by itself, explicit
//! `allow` rules for the shapes no promise covers, and notes about everything that could not
//! be expressed. [`allow_list`] turns the same profile into a plain allow-list (`allow traced`).
//!
//! Owns the minimisation (a weighted greedy set cover, then pruning; see [`cost`]), the path
//! collapsing rules (see [`suggest`]) and the readable rendering of a suggestion. It decides
//! nothing about enforcement and does no I/O beyond looking at the file system: whether a
//! suggested path still exists, whether it is a directory, what kind of executable the traced
//! program is (for the implicit unveils of `run`, which also name the terminal on fd 0), and
//! resolving symbolic links to compare paths with those implicit unveils.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use super::profile::{self, Abi, Profile, Shape, ShapeStats};
use crate::abi::signature::{self, Arg};
use crate::abi::sysargs;
use crate::abi::syscalls::{self, Syscall, Sysno};
use crate::policy::Policy;
use crate::policy::promise::{self, ALL, ALWAYS_ALLOWED, PID_PLACEHOLDER, Promise, PromiseSet};
use crate::policy::render;
use crate::policy::rule::{ALWAYS_ENOSYS, Action, Condition, Op, Rule, Width};
use crate::policy::unveil::{Perms, Unveil};
use crate::sandbox::elf::{self, Kind};
use crate::sandbox::launch;

/// A policy proposed from a trace.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Suggestion {
    /// The smallest promise set found that allows every traced call shape a promise can
    /// allow, except those of which every traced call failed anyway (see `optional`).
    pub promises: PromiseSet,
    /// Promises needed only by calls that all failed when traced (`isatty()` on a pipe,
    /// `getpeername` on a file, opening `/dev/tty` without a terminal): left out of
    /// [`Suggestion::to_policy`], in [`Suggestion::to_policy_all`].
    pub optional: PromiseSet,
    /// For each optional promise, one traced call that needs it and how often it was made
    /// (every one of those calls failed).
    pub optional_examples: Vec<(Promise, Shape, u64)>,
    /// Unveil rules beyond those `run` adds implicitly (the program, its loader and library
    /// directories, each promise's own paths), sorted by path.
    pub unveils: Vec<Unveil>,
    /// Explicit allows for the shapes no promise covers; each comment says why.
    pub rules: Vec<Rule>,
    /// What the suggestion could not express or chose to leave out, one sentence each.
    pub notes: Vec<String>,
    /// For each promise, in table order, one traced call that needs it (the most frequent
    /// one no other chosen promise allows) and how often it was made.
    pub examples: Vec<(Promise, Shape, u64)>,
    /// Why each unveil rule is there, by path.
    pub unveil_reasons: BTreeMap<PathBuf, String>,
    /// The traced program, when the trace knows it.
    pub program: Option<PathBuf>,
}

impl Suggestion {
    /// The suggestion as a policy: its promises, unveils and rules, defaults elsewhere.
    pub fn to_policy(&self) -> Policy {
        Policy {
            promises: self.promises,
            unveils: self.unveils.clone(),
            rules: self.rules.clone(),
            ..Policy::default()
        }
    }

    /// [`Suggestion::to_policy`] with the optional promises too (`suggest apply --all`).
    pub fn to_policy_all(&self) -> Policy {
        Policy {
            promises: self.promises.union(self.optional),
            ..self.to_policy()
        }
    }

    /// Readable multi-line text: the promises with one example call each, the unveils with
    /// their reasons, the rules as commands (`allow ioctl if arg1 == TCGETS`), the notes.
    pub fn describe(&self) -> String {
        let mut s = String::new();
        if let Some(p) = &self.program {
            let _ = writeln!(s, "suggested policy for {}", p.display());
        }
        if self.promises.is_empty() {
            let _ = writeln!(s, "promises: (none)");
        } else {
            let _ = writeln!(s, "promises: {}", self.promises);
        }
        let width = self
            .promises
            .iter()
            .map(|p| p.name().len())
            .max()
            .unwrap_or(0);
        for p in self.promises.iter() {
            match self.examples.iter().find(|(q, _, _)| *q == p) {
                Some((_, shape, calls)) => {
                    let times = if *calls == 1 { "call" } else { "calls" };
                    let _ = writeln!(
                        s,
                        "  {:width$}  for {} ({calls} {times})",
                        p.name(),
                        shape_text(shape)
                    );
                }
                None => {
                    let _ = writeln!(s, "  {}", p.name());
                }
            }
        }
        if !self.optional.is_empty() {
            let _ = writeln!(
                s,
                "optional: {} (every traced call that needs it failed anyway; `suggest apply --all` adds it)",
                self.optional
            );
            let width = self
                .optional
                .iter()
                .map(|p| p.name().len())
                .max()
                .unwrap_or(0);
            for p in self.optional.iter() {
                match self.optional_examples.iter().find(|(q, _, _)| *q == p) {
                    Some((_, shape, calls)) => {
                        let all = if *calls == 1 {
                            "1 call, failed"
                        } else {
                            "calls, all failed"
                        };
                        let n = if *calls == 1 {
                            String::new()
                        } else {
                            format!("{calls} ")
                        };
                        let _ = writeln!(
                            s,
                            "  {:width$}  for {} ({n}{all})",
                            p.name(),
                            shape_text(shape)
                        );
                    }
                    None => {
                        let _ = writeln!(s, "  {}", p.name());
                    }
                }
            }
        }
        if self.unveils.is_empty() {
            let _ = writeln!(s, "unveils: none beyond those run adds");
        } else {
            let _ = writeln!(s, "unveils (beyond those run adds):");
            let width = self
                .unveils
                .iter()
                .map(|u| u.to_string().len())
                .max()
                .unwrap_or(0);
            for u in &self.unveils {
                match self.unveil_reasons.get(&u.path) {
                    Some(why) => {
                        let _ = writeln!(s, "  {:width$}  {why}", u.to_string());
                    }
                    None => {
                        let _ = writeln!(s, "  {u}");
                    }
                }
            }
        }
        if !self.rules.is_empty() {
            let _ = writeln!(s, "rules:");
            for r in &self.rules {
                match &r.comment {
                    Some(c) => {
                        let _ = writeln!(s, "  {}  # {c}", render::rule(r));
                    }
                    None => {
                        let _ = writeln!(s, "  {}", render::rule(r));
                    }
                }
            }
        }
        if !self.notes.is_empty() {
            let _ = writeln!(s, "notes:");
            for n in &self.notes {
                let _ = writeln!(s, "  - {n}");
            }
        }
        s
    }
}

/// How much a promise widens the sandbox, for the greedy cover: the search picks the promise
/// with the lowest cost per newly covered shape (ties: the cheaper promise, then table order)
/// and prunes the most expensive first.
///
/// | cost | promises | why |
/// |---|---|---|
/// | 1 | `stdio` | almost every program needs it; nothing outside the process |
/// | 2 | `rpath` `tty` `vminfo` | reading, terminal attributes, system information |
/// | 3 | `flock` `unveil` | locks; the program narrowing itself further |
/// | 4 | `fattr` `recvfd` `sendfd` | attribute changes, descriptor passing |
/// | 5 | `wpath` `netlink` | writing existing files; routing queries |
/// | 6 | `cpath` `dpath` `unix` `anet` | creating and removing; local sockets; servers |
/// | 7 | `inet` `tmppath` | any IP connection; `/tmp` unveiled `rwc` behind the user's back |
/// | 8 | `dns` | wide mix (sockets, read-only opens, sendmsg/recvmsg) |
/// | 9 | `chown` `prot_exec` | ownership; executable memory |
/// | 10 | `proc` | other processes |
/// | 11 | `exec` | running other programs |
/// | 12 | `id` `settime` | changing identity, the clock |
pub fn cost(p: Promise) -> u32 {
    use Promise as P;
    match p {
        P::Stdio => 1,
        P::Rpath | P::Tty | P::Vminfo => 2,
        P::Flock | P::Unveil => 3,
        P::Fattr | P::Recvfd | P::Sendfd => 4,
        P::Wpath | P::Netlink => 5,
        P::Cpath | P::Dpath | P::Unix | P::Anet => 6,
        P::Inet | P::Tmppath => 7,
        P::Dns => 8,
        P::Chown | P::ProtExec => 9,
        P::Proc => 10,
        P::Exec => 11,
        P::Id | P::Settime => 12,
    }
}

/// A call shape the promises must allow.
#[derive(Clone, Copy, Debug)]
struct Need {
    shape: Shape,
    /// Only the dynamic loader made it: `run` grants the loader `rpath prot_exec` besides.
    loader_only: bool,
    /// How many times it was made.
    calls: u64,
    /// Every one of those calls failed.
    always_failed: bool,
    /// A `connect` (whose arguments a filter cannot see) made on a socket of this shape:
    /// covered only by a promise that allows both, so that `unix` (for a local socket) does
    /// not stand in for `inet` on a TCP client's connect.
    on: Option<Shape>,
}

fn covered(set: PromiseSet, need: &Need) -> bool {
    let set = if need.loader_only {
        set.union(crate::sandbox::loader::loader_promises())
    } else {
        set
    };
    match &need.on {
        None => promise::allows(set, need.shape.nr, &need.shape.args),
        Some(socket) => set.iter().any(|p| {
            let one = PromiseSet::of(&[p]);
            promise::allows(one, need.shape.nr, &need.shape.args)
                && promise::allows(one, socket.nr, &socket.args)
        }),
    }
}

fn all_covered(set: PromiseSet, needs: &[Need]) -> bool {
    needs.iter().all(|n| covered(set, n))
}

fn set_cost(set: PromiseSet) -> u32 {
    set.iter().map(cost).sum()
}

/// Promises of `set`, most expensive first (ties: later in the table first).
fn by_cost_desc(set: PromiseSet) -> Vec<Promise> {
    let mut v: Vec<Promise> = set.iter().collect();
    v.sort_by_key(|p| std::cmp::Reverse((cost(*p), *p as u8)));
    v
}

/// The weighted greedy cover, then pruning. Every need must be coverable by all promises.
fn cover(needs: &[Need]) -> PromiseSet {
    let mut set = PromiseSet::EMPTY;
    // Each round adds at least one promise, so there are at most ALL.len() rounds.
    for _ in 0..=ALL.len() {
        let open: Vec<&Need> = needs.iter().filter(|n| !covered(set, n)).collect();
        let Some(first_open) = open.first() else {
            break;
        };
        let candidates: Vec<Promise> = ALL.into_iter().filter(|p| !set.contains(*p)).collect();
        let singles: Vec<PromiseSet> = candidates.iter().map(|p| PromiseSet::of(&[*p])).collect();
        let mut best = best_addition(set, &open, &singles);
        if best.is_none() {
            // Rules with `also` (e.g. create-for-writing needs wpath and cpath) need pairs.
            let mut pairs = Vec::new();
            for (i, p) in candidates.iter().enumerate() {
                for q in &candidates[i + 1..] {
                    pairs.push(PromiseSet::of(&[*p, *q]));
                }
            }
            best = best_addition(set, &open, &pairs);
        }
        let add = match best {
            Some(add) => add,
            None => {
                // Nothing smaller helps: everything left, pruned for the first open shape.
                let mut add = PromiseSet::of(&ALL).difference(set);
                for p in by_cost_desc(add) {
                    let mut t = add;
                    t.remove(p);
                    if covered(set.union(t), first_open) {
                        add = t;
                    }
                }
                add
            }
        };
        set = set.union(add);
    }
    prune(set, needs)
}

/// Of the candidate additions to `set`, the one with the lowest cost per newly covered
/// shape (ties: the cheaper one, then the first); `None` when none covers anything.
fn best_addition(set: PromiseSet, open: &[&Need], candidates: &[PromiseSet]) -> Option<PromiseSet> {
    // (addition, its cost, shapes it newly covers)
    let mut best: Option<(PromiseSet, u32, u64)> = None;
    for add in candidates {
        let with = set.union(*add);
        let gain = open.iter().filter(|n| covered(with, n)).count() as u64;
        if gain == 0 {
            continue;
        }
        let c = set_cost(*add);
        let better = match best {
            None => true,
            Some((_, bc, bg)) => {
                let (lhs, rhs) = (u64::from(c) * bg, u64::from(bc) * gain);
                lhs < rhs || (lhs == rhs && c < bc)
            }
        };
        if better {
            best = Some((*add, c, gain));
        }
    }
    best.map(|(add, _, _)| add)
}

/// Drops every promise the others make unnecessary, most expensive first.
fn prune(mut set: PromiseSet, needs: &[Need]) -> PromiseSet {
    for p in by_cost_desc(set) {
        let mut t = set;
        t.remove(p);
        if all_covered(t, needs) {
            set = t;
        }
    }
    set
}

/// The promises that allow a call on the program's own pid, as text: `` `stdio` or `proc` ``.
fn own_pid_promises(shape: &Shape) -> String {
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
fn shape_conditions(shape: &Shape) -> Option<Vec<Condition>> {
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

/// A shape as text: `openat(arg2 == O_RDONLY|O_CLOEXEC)`, `read`.
fn shape_text(shape: &Shape) -> String {
    let Some(sysno) = syscalls::by_number(shape.nr) else {
        return format!("syscall {}", shape.nr);
    };
    let conds: Vec<String> = match shape_conditions(shape) {
        Some(cs) => {
            // Masked comparisons with 0 (no set-id mode bits, no MAP_LOCKED …) are noise in
            // an example unless they are all there is.
            let informative = |c: &&Condition| !matches!(c.op, Op::MaskedEq(_)) || c.value != 0;
            let shown: Vec<&Condition> = if cs.iter().any(|c| informative(&c)) {
                cs.iter().filter(informative).collect()
            } else {
                cs.iter().collect()
            };
            shown
                .iter()
                .map(|c| render::condition(sysno, c, true))
                .collect()
        }
        None => vec!["arg0 == <its own pid>".to_string()],
    };
    if conds.is_empty() {
        sysno.name().to_string()
    } else {
        format!("{}({})", sysno.name(), conds.join(", "))
    }
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
fn build_rules(items: Vec<(Sysno, Vec<Condition>, String)>) -> Vec<Rule> {
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

/// The profile's shapes that were made at all. The launcher's own first `execve` is not
/// among them: the tracer leaves it out of the profile (the one place it is discounted, as
/// `run` lets the program's first `execve` through once), so every `execve` here is the
/// program's own and needs `exec`.
fn effective_shapes(profile: &Profile) -> Vec<(Shape, ShapeStats)> {
    profile
        .shapes
        .iter()
        .filter(|(_, st)| st.program.saturating_add(st.loader) > 0)
        .map(|(shape, st)| (*shape, *st))
        .collect()
}

/// Traced calls that become neither a need of the promises nor a rule.
#[derive(Default)]
struct Skipped {
    /// openat2/clone3 and how often.
    enosys: BTreeMap<&'static str, u64>,
    /// Numbers outside the table.
    unknown: BTreeMap<u32, u64>,
    /// Calls on the program's own pid that a rule cannot express, with the promises that
    /// allow them (`` `stdio` or `proc` ``).
    own_pid: BTreeMap<&'static str, String>,
    /// ioctl requests every filter refuses.
    guarded: BTreeSet<String>,
    /// Attribute changes through a path (chmod, chown, utimensat …), refused while unveil is
    /// on whatever the promises, with how often and the promises that allow them without it.
    path_attrs: BTreeMap<&'static str, (u64, String)>,
}

fn guarded_ioctl(shape: &Shape) -> Option<&'static str> {
    if syscalls::by_number(shape.nr) != Some(Sysno::ioctl) {
        return None;
    }
    match shape.args[1] & 0xffff_ffff {
        0x5412 => Some("TIOCSTI"),
        0x541c => Some("TIOCLINUX"),
        _ => None,
    }
}

/// Suggests a policy for the traced program (see the module docs).
///
/// Promises: every call shape the program made must be allowed by the set; shapes only the
/// dynamic loader made need only be allowed together with `rpath prot_exec`, which `run`
/// grants the loader alone. Shapes no promise allows become explicit `allow` rules. The
/// launcher's own first `execve` is not counted. `openat2` and `clone3` are left out (every
/// filter answers them with ENOSYS and libc falls back).
///
/// Unveils: only letters that succeeded count (least permission: the union of `r w x c`
/// used; `x` brings `r`, which Landlock checks when the kernel opens a file to execute it).
/// Paths that were absent are optional files and are skipped; paths whose every use
/// failed are skipped; paths the implicit unveils of `run` already grant are dropped.
/// `/proc/<pid>/…` becomes `/proc/self/…` (the launcher opens `/proc/self` rules in the
/// child); `/proc/thread-self` and `…/task/…` paths are skipped. Paths that no longer exist
/// are skipped, except that their letters move to their parent directory when the program
/// created entries there (`c`), as for a deleted temporary file. Then, per letter other than
/// `c`, a directory with three or more entries using that letter gets the letter itself;
/// `/`, top-level directories and home directories (`/home/NAME`, `/root`) only when the
/// trace used that directory itself, and never anything under `/proc`, `/sys` or `/dev`,
/// where each file is its own object. Letters a directory rule already grants are removed
/// from the rules beneath it.
pub fn suggest(profile: &Profile) -> Suggestion {
    let mut notes = Vec::new();
    if profile.shapes_dropped > 0 || profile.paths_dropped > 0 {
        notes.push(format!(
            "the profile was capped ({} calls and {} path uses not kept): the trace held more distinct calls or paths than a profile keeps, so this suggestion may miss some",
            profile.shapes_dropped, profile.paths_dropped
        ));
    }
    notes.extend(foreign_notes(profile));

    // Promises and rules.
    let all = PromiseSet::of(&ALL);
    let mut needs = Vec::new();
    let mut uncoverable = Vec::new();
    let mut skipped = Skipped::default();
    for (shape, st) in effective_shapes(profile) {
        let calls = st.program.saturating_add(st.loader);
        let Some(sysno) = syscalls::by_number(shape.nr) else {
            *skipped.unknown.entry(shape.nr).or_default() += calls;
            continue;
        };
        if ALWAYS_ALLOWED.contains(&sysno) {
            continue;
        }
        if let Some((name, _)) = ALWAYS_ENOSYS.iter().find(|(n, _)| *n == sysno.name()) {
            *skipped.enosys.entry(name).or_default() += calls;
            continue;
        }
        if st.program > 0 && crate::policy::unveil::unscoped_attr(sysno.name(), &shape.args) {
            // No promise makes it work under unveil: it would only add a useless promise.
            let e = skipped.path_attrs.entry(sysno.name()).or_insert_with(|| {
                let ps = crate::policy::promise::promises_allowing(
                    shape.nr,
                    &shape.args,
                    PromiseSet::EMPTY,
                );
                let names: Vec<&str> = ps.iter().map(|p| p.name()).collect();
                (0, names.join(" or "))
            });
            e.0 += st.program;
            continue;
        }
        let need = Need {
            shape,
            loader_only: st.program == 0,
            calls,
            always_failed: st.errors >= calls,
            on: None,
        };
        if covered(all, &need) {
            needs.push(need);
        } else {
            uncoverable.push(need);
        }
    }
    let needs = pair_connects(profile, needs);
    // Calls that all failed anyway (isatty() on a pipe, getpeername on a file) do not make
    // a promise necessary: under run they fail with the penalty instead.
    let firm: Vec<Need> = needs.iter().filter(|n| !n.always_failed).copied().collect();
    let promises = cover(&firm);
    let examples = examples(promises, &firm);
    let rest: Vec<Need> = needs
        .iter()
        .filter(|n| !covered(promises, n))
        .copied()
        .collect();
    let mut optional = cover(&rest).difference(promises);
    for p in by_cost_desc(optional) {
        let mut t = optional;
        t.remove(p);
        if all_covered(promises.union(t), &rest) {
            optional = t;
        }
    }
    let optional_examples = examples_among(promises.union(optional), optional, &rest);
    if !optional.is_empty() {
        notes.push(format!(
            "left out as optional: {optional}: every traced call that needs it failed anyway, so the program tolerates the failure; under run those calls fail with the penalty (EPERM by default) and are reported, and on a terminal or socket where they would succeed they still fail; `suggest apply --all` adds it"
        ));
    }

    let mut items = Vec::new();
    for need in &uncoverable {
        let Some(sysno) = syscalls::by_number(need.shape.nr) else {
            continue;
        };
        if let Some(req) = guarded_ioctl(&need.shape) {
            skipped.guarded.insert(format!("ioctl {req}"));
            continue;
        }
        let Some(conds) = shape_conditions(&need.shape) else {
            skipped
                .own_pid
                .insert(sysno.name(), own_pid_promises(&need.shape));
            continue;
        };
        let mut why = "traced: no promise allows it".to_string();
        if need.always_failed {
            why.push_str("; every traced call failed");
        }
        if need.loader_only {
            why.push_str("; made by the dynamic loader");
        }
        items.push((sysno, conds, why));
    }
    let rules = build_rules(items);
    notes.extend(skipped_notes(&skipped));

    let mut sug = Suggestion {
        promises,
        optional,
        optional_examples,
        unveils: Vec::new(),
        rules,
        notes,
        examples,
        unveil_reasons: BTreeMap::new(),
        program: profile.program.clone(),
    };
    suggest_unveils(profile, &mut sug);
    sug
}

/// `connect` needs, one per socket shape the program created successfully that a promise
/// allowing `connect` allows too (the connect may have been on any of them): a TCP client's
/// connect then needs `inet`, not `unix` (which allows `connect` for local sockets) next to
/// `anet` (which allows TCP sockets but no `connect`). Without such a socket (a connect on an
/// inherited descriptor), the plain `connect` need stays.
fn pair_connects(profile: &Profile, needs: Vec<Need>) -> Vec<Need> {
    let connect = Sysno::connect.id() as u32;
    let socket = Sysno::socket.id() as u32;
    let sockets: Vec<Shape> = profile
        .shapes
        .iter()
        .filter(|(s, st)| s.nr == socket && st.program.saturating_add(st.loader) > st.errors)
        .map(|(s, _)| *s)
        .collect();
    let mut out = Vec::with_capacity(needs.len());
    for n in needs {
        if n.shape.nr != connect {
            out.push(n);
            continue;
        }
        let pairs: Vec<Need> = sockets
            .iter()
            .map(|s| Need { on: Some(*s), ..n })
            .filter(|p| covered(PromiseSet::of(&ALL), p))
            .collect();
        if pairs.is_empty() {
            out.push(n);
        } else {
            out.extend(pairs);
        }
    }
    out
}

/// One witness per promise: the most frequent shape the set allows but not without it.
fn examples(set: PromiseSet, needs: &[Need]) -> Vec<(Promise, Shape, u64)> {
    examples_among(set, set, needs)
}

/// [`examples`] for the promises `of` within `set`.
fn examples_among(set: PromiseSet, of: PromiseSet, needs: &[Need]) -> Vec<(Promise, Shape, u64)> {
    let mut out = Vec::new();
    for p in of.iter() {
        let mut without = set;
        without.remove(p);
        let mut best: Option<&Need> = None;
        for n in needs {
            if covered(set, n) && !covered(without, n) && best.is_none_or(|b| n.calls > b.calls) {
                best = Some(n);
            }
        }
        if let Some(n) = best {
            out.push((p, n.shape, n.calls));
        }
    }
    out
}

fn foreign_notes(profile: &Profile) -> Vec<String> {
    let mut by_abi: BTreeMap<Abi, (u64, Vec<String>)> = BTreeMap::new();
    for ((abi, nr), count) in &profile.foreign {
        let e = by_abi.entry(*abi).or_default();
        e.0 = e.0.saturating_add(*count);
        let name = match abi {
            Abi::I386 => syscalls::i386_name(*nr).map(str::to_string),
            Abi::X32 => syscalls::name(*nr & !0x4000_0000).map(str::to_string),
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

fn skipped_notes(s: &Skipped) -> Vec<String> {
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
pub fn allow_list(profile: &Profile) -> Vec<Rule> {
    allow_list_explained(profile).0
}

/// [`allow_list`] with notes on the traced calls it leaves out.
pub fn allow_list_explained(profile: &Profile) -> (Vec<Rule>, Vec<String>) {
    let loader = crate::sandbox::loader::loader_promises();
    let mut skipped = Skipped::default();
    let mut items = Vec::new();
    for (shape, st) in effective_shapes(profile) {
        let calls = st.program.saturating_add(st.loader);
        let Some(sysno) = syscalls::by_number(shape.nr) else {
            *skipped.unknown.entry(shape.nr).or_default() += calls;
            continue;
        };
        if ALWAYS_ALLOWED.contains(&sysno) {
            continue;
        }
        if let Some((name, _)) = ALWAYS_ENOSYS.iter().find(|(n, _)| *n == sysno.name()) {
            *skipped.enosys.entry(name).or_default() += calls;
            continue;
        }
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

// ---- unveils ----

const LETTERS: [Perms; 4] = [Perms::READ, Perms::WRITE, Perms::EXEC, Perms::CREATE];

/// The letters of `a` that are not in `b`.
fn minus(a: Perms, b: Perms) -> Perms {
    LETTERS
        .into_iter()
        .filter(|l| a.contains(*l) && !b.contains(*l))
        .fold(Perms::default(), Perms::union)
}

/// A path being considered for an unveil rule.
#[derive(Clone, Debug)]
struct Entry {
    perms: Perms,
    /// Used in the program phase (else only by the loader).
    program: bool,
    why: String,
}

fn normal_components(path: &Path) -> Vec<&std::ffi::OsStr> {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n),
            _ => None,
        })
        .collect()
}

/// What to do with a `/proc` path.
enum ProcPath {
    /// Not a per-process path: as is.
    Keep,
    /// `/proc/<pid>/…` as `/proc/self/…`.
    Rewritten(PathBuf),
    /// A path naming a thread, which cannot be named ahead of time.
    Skip,
}

fn proc_path(path: &Path) -> ProcPath {
    let comps = normal_components(path);
    if comps.len() < 2 || comps[0] != "proc" {
        return ProcPath::Keep;
    }
    let who = comps[1].to_string_lossy();
    if who == "thread-self" {
        return ProcPath::Skip;
    }
    let numeric = !who.is_empty() && who.bytes().all(|b| b.is_ascii_digit());
    if who != "self" && !numeric {
        return ProcPath::Keep;
    }
    if comps.get(2).is_some_and(|c| *c == "task") {
        return ProcPath::Skip;
    }
    if who == "self" {
        return ProcPath::Keep;
    }
    let mut p = PathBuf::from("/proc/self");
    for c in &comps[2..] {
        p.push(c);
    }
    ProcPath::Rewritten(p)
}

/// Where directory collapsing may put a rule.
fn collapse_target(dir: &Path, used_itself: bool) -> bool {
    let comps = normal_components(dir);
    if comps
        .first()
        .is_some_and(|c| *c == "proc" || *c == "sys" || *c == "dev")
    {
        return false;
    }
    let broad = comps.len() <= 1 || (comps.len() == 2 && comps[0] == "home");
    !broad || used_itself
}

/// An implicit unveil of `run`, with its canonical path for comparisons through symlinks.
struct Implicit {
    path: PathBuf,
    canonical: Option<PathBuf>,
    perms: Perms,
}

/// Canonical form of a path for comparisons, except under `/proc` and `/dev` where links
/// lead to descriptors and other processes.
fn canonical(path: &Path) -> Option<PathBuf> {
    let comps = normal_components(path);
    if comps.first().is_some_and(|c| *c == "proc" || *c == "dev") {
        return None;
    }
    std::fs::canonicalize(path).ok()
}

/// The letters the implicit unveils grant at `path` (the union over rules at or above it).
fn implicit_letters(implicit: &[Implicit], path: &Path) -> Perms {
    let canon = canonical(path);
    implicit
        .iter()
        .filter(|s| match (&canon, &s.canonical) {
            // Landlock grants what lies beneath the rule's object: a symbolic link inside
            // an unveiled directory that leads out of it is not covered.
            (Some(c), Some(sc)) => c.starts_with(sc),
            _ => path.starts_with(&s.path),
        })
        .fold(Perms::default(), |acc, s| acc.union(s.perms))
}

fn implicit_unveils(
    profile: &Profile,
    promises: PromiseSet,
    notes: &mut Vec<String>,
) -> Vec<Implicit> {
    let Some(program) = &profile.program else {
        return Vec::new();
    };
    let kind = match elf::inspect(program) {
        Ok(k) => k,
        Err(e) => {
            notes.push(format!(
                "cannot inspect {}: {e}; the unveils run adds for a dynamic program's loader were not taken into account",
                program.display()
            ));
            Kind::Unknown
        }
    };
    let policy = Policy {
        promises,
        ..Policy::default()
    };
    launch::unveil_specs(&policy, program, &kind)
        .into_iter()
        .map(|s| Implicit {
            canonical: canonical(&s.path),
            path: s.path,
            perms: s.perms,
        })
        .collect()
}

/// The executables a traced `execve` needs besides the program itself, all `rx` (see
/// [`with_read_for_exec`]): each executed path and, for scripts and dynamic programs, the
/// interpreter and loader the kernel opens.
fn exec_needs(profile: &Profile) -> Vec<(PathBuf, Perms, &'static str)> {
    let mut out = Vec::new();
    let rx = Perms::READ.union(Perms::EXEC);
    for path in profile.execs.iter().skip(1) {
        out.push((path.clone(), rx, "executed"));
        let Ok(kind) = elf::inspect(path) else {
            continue;
        };
        if let Kind::Script { interpreter, .. } = &kind {
            out.push((interpreter.clone(), rx, "interpreter of an executed script"));
        }
        if let Kind::Dynamic { interpreter } = kind.innermost() {
            out.push((interpreter.clone(), rx, "loader of an executed program"));
        }
    }
    out
}

/// `x` with `r`: the kernel opens a file it executes for reading, and Landlock checks
/// READ_FILE on that open as well as EXECUTE (verified: `x` alone fails with EACCES).
fn with_read_for_exec(p: Perms) -> Perms {
    if p.contains(Perms::EXEC) {
        p.union(Perms::READ)
    } else {
        p
    }
}

fn letters_text(p: Perms) -> String {
    let names: Vec<&str> = LETTERS
        .into_iter()
        .filter(|l| p.contains(*l))
        .map(|l| match l {
            l if l == Perms::READ => "read",
            l if l == Perms::WRITE => "written",
            l if l == Perms::EXEC => "executed",
            _ => "entries created or removed",
        })
        .collect();
    names.join(", ")
}

/// `1 call`, `3 calls`.
fn counted(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn examples_text(paths: &[PathBuf]) -> String {
    let mut s: Vec<String> = paths
        .iter()
        .take(3)
        .map(|p| p.display().to_string())
        .collect();
    if paths.len() > 3 {
        s.push(format!("and {} more", paths.len() - 3));
    }
    s.join(", ")
}

fn suggest_unveils(profile: &Profile, sug: &mut Suggestion) {
    let mut notes = Vec::new();
    let mut entries: BTreeMap<PathBuf, Entry> = BTreeMap::new();
    let mut missing = Vec::new();
    let mut failed = Vec::new();
    let mut rewritten = Vec::new();
    let mut thread_paths = Vec::new();
    let mut relative = Vec::new();
    let created: BTreeSet<PathBuf> = profile
        .paths
        .iter()
        .filter(|(p, u)| u.created && p.is_absolute())
        .map(|(p, _)| profile::normalise(p))
        .collect();
    for (path, u) in &profile.paths {
        if u.used.is_empty() {
            if u.created {
                continue;
            }
            if u.missing {
                missing.push(path.clone());
            } else if !u.failed.is_empty() {
                failed.push(path.clone());
            }
            continue;
        }
        if !path.is_absolute() {
            relative.push(path.clone());
            continue;
        }
        let path = profile::normalise(path);
        let path = match proc_path(&path) {
            ProcPath::Keep => path,
            ProcPath::Rewritten(p) => {
                rewritten.push(path.clone());
                p
            }
            ProcPath::Skip => {
                thread_paths.push(path.clone());
                continue;
            }
        };
        let e = entries.entry(path).or_insert_with(|| Entry {
            perms: Perms::default(),
            program: false,
            why: String::new(),
        });
        e.perms = e.perms.union(with_read_for_exec(u.used));
        e.program |= u.program;
    }
    for (path, perms, why) in exec_needs(profile) {
        let e = entries.entry(path).or_insert_with(|| Entry {
            perms: Perms::default(),
            program: true,
            why: why.to_string(),
        });
        e.perms = e.perms.union(perms);
        e.program = true;
    }
    for e in entries.values_mut() {
        if e.why.is_empty() {
            e.why = if e.program {
                format!("{} by the program", letters_text(e.perms))
            } else {
                format!("{} by the dynamic loader", letters_text(e.perms))
            };
        }
    }

    // What the program created did not exist when it started, and will not when it starts
    // again: Landlock can only grant rights on paths that exist, so the letters used on a
    // created path and beneath it go, with `c`, to the nearest directory that existed at
    // the start (the parent of the outermost created ancestor), whether or not the created
    // paths still exist now.
    let mut made: Vec<(PathBuf, PathBuf)> = Vec::new();
    let paths: BTreeSet<PathBuf> = entries.keys().chain(created.iter()).cloned().collect();
    for path in paths {
        let Some(outer) = path.ancestors().filter(|a| created.contains(*a)).last() else {
            continue;
        };
        let Some(base) = outer.parent().map(Path::to_path_buf) else {
            continue;
        };
        let (perms, program) = match entries.remove(&path) {
            Some(e) => (e.perms, e.program),
            None => (Perms::default(), true),
        };
        let be = entries.entry(base.clone()).or_insert_with(|| Entry {
            perms: Perms::default(),
            program: false,
            why: String::new(),
        });
        be.perms = be.perms.union(perms).union(Perms::CREATE);
        be.program |= program;
        if path == outer {
            made.push((path, base));
        }
    }
    for (path, base) in &made {
        let Some(be) = entries.get_mut(base) else {
            continue;
        };
        let note = "the program created entries here";
        if be.why.is_empty() {
            be.why = format!("{note} (e.g. {}), with what it did beneath", path.display());
        } else if !be.why.contains(note) {
            be.why = format!(
                "{}; {note} (e.g. {}), with what it did beneath",
                be.why,
                path.display()
            );
        }
    }

    // Paths gone since the trace: deepest first, so a removed directory collects its
    // removed files before it is looked at itself.
    let mut order: Vec<PathBuf> = entries.keys().cloned().collect();
    order.sort_by_key(|p| std::cmp::Reverse(p.components().count()));
    let mut gone = Vec::new();
    let mut folded = Vec::new();
    for path in order {
        if path.exists() {
            continue;
        }
        let Some(e) = entries.remove(&path) else {
            continue;
        };
        let parent = path.parent().map(Path::to_path_buf);
        match parent.and_then(|p| entries.get_mut(&p).map(|pe| (p, pe))) {
            Some((p, pe)) if pe.perms.contains(Perms::CREATE) => {
                pe.perms = pe.perms.union(e.perms);
                pe.program |= e.program;
                let note = "entries created here were removed since";
                if !pe.why.contains(note) {
                    pe.why = format!("{}; {note} (e.g. {})", pe.why, path.display());
                }
                folded.push((path, p));
            }
            _ => gone.push(path),
        }
    }

    // What run grants already.
    let implicit = implicit_unveils(profile, sug.promises, &mut notes);
    let mut loader_only = Vec::new();
    entries.retain(|path, e| {
        e.perms = minus(e.perms, implicit_letters(&implicit, path));
        if e.perms.is_empty() {
            return false;
        }
        if !e.program {
            loader_only.push(path.clone());
        }
        true
    });

    // Collapsing, per letter (never `c`, which already reaches the whole subtree).
    let used_itself: BTreeSet<PathBuf> = entries.keys().cloned().collect();
    let mut children: BTreeMap<PathBuf, Vec<(PathBuf, Perms)>> = BTreeMap::new();
    for (path, e) in &entries {
        if let Some(parent) = path.parent() {
            children
                .entry(parent.to_path_buf())
                .or_default()
                .push((path.clone(), e.perms));
        }
    }
    for (dir, kids) in children {
        if !collapse_target(&dir, used_itself.contains(&dir)) || !dir.is_dir() {
            continue;
        }
        let mut grant = Perms::default();
        let mut n = 0;
        for l in [Perms::READ, Perms::WRITE, Perms::EXEC] {
            let count = kids.iter().filter(|(_, p)| p.contains(l)).count();
            if count >= 3 {
                grant = grant.union(l);
                n = n.max(count);
            }
        }
        if grant.is_empty() {
            continue;
        }
        let why = format!("{n} entries beneath were {}", letters_text(grant));
        let e = entries.entry(dir).or_insert_with(|| Entry {
            perms: Perms::default(),
            program: true,
            why: String::new(),
        });
        e.perms = e.perms.union(grant);
        e.why = if e.why.is_empty() {
            why
        } else {
            format!("{}; {why}", e.why)
        };
    }

    // Letters granted above are not repeated beneath; implicit grants once more for the
    // directories collapsing added.
    let granted: Vec<(PathBuf, Perms)> =
        entries.iter().map(|(p, e)| (p.clone(), e.perms)).collect();
    entries.retain(|path, e| {
        let above = granted
            .iter()
            .filter(|(p, _)| p != path && path.starts_with(p))
            .fold(Perms::default(), |acc, (_, perms)| acc.union(*perms));
        e.perms = minus(e.perms, above.union(implicit_letters(&implicit, path)));
        !e.perms.is_empty()
    });
    loader_only.retain(|p| entries.contains_key(p));

    // Notes, in a fixed order. Paths run unveils anyway need no word.
    missing.retain(|p| implicit_letters(&implicit, p).is_empty());
    failed.retain(|p| implicit_letters(&implicit, p).is_empty());
    if !missing.is_empty() {
        notes.push(format!(
            "not unveiled, as optional files that were absent: {}; Landlock does not hide that a path is absent (looking it up still fails with ENOENT), but one that exists when the program runs cannot be opened (EACCES)",
            examples_text(&missing)
        ));
    }
    if !failed.is_empty() {
        notes.push(format!(
            "not unveiled, as every use failed: {}",
            examples_text(&failed)
        ));
    }
    if !gone.is_empty() {
        notes.push(format!(
            "not unveiled, as they no longer exist (Landlock grants only existing paths): {}",
            examples_text(&gone)
        ));
    }
    if !made.is_empty() {
        let dirs: BTreeSet<String> = made.iter().map(|(_, d)| d.display().to_string()).collect();
        let dirs: Vec<String> = dirs.into_iter().collect();
        let paths: Vec<PathBuf> = made.iter().map(|(p, _)| p.clone()).collect();
        notes.push(format!(
            "created by the program, so not there when it starts again: their rights (and `c`) go to the directory they are created in ({}): {}",
            dirs.join(", "),
            examples_text(&paths)
        ));
    }
    if !folded.is_empty() {
        let dirs: BTreeSet<String> = folded
            .iter()
            .map(|(_, d)| d.display().to_string())
            .collect();
        let dirs: Vec<String> = dirs.into_iter().collect();
        let paths: Vec<PathBuf> = folded.iter().map(|(p, _)| p.clone()).collect();
        notes.push(format!(
            "created by the program and removed since, so their rights go to the directory they were created in ({}): {}",
            dirs.join(", "),
            examples_text(&paths)
        ));
    }
    if !rewritten.is_empty() {
        notes.push(format!(
            "suggested as /proc/self/…, assuming the traced program used its own entries (a program reading other processes' entries needs `r:/proc`): {}",
            examples_text(&rewritten)
        ));
    }
    if !thread_paths.is_empty() {
        notes.push(format!(
            "not unveiled, as thread ids are not known before the run: {}",
            examples_text(&thread_paths)
        ));
    }
    if !relative.is_empty() {
        notes.push(format!(
            "ignored, as relative paths: {}",
            examples_text(&relative)
        ));
    }
    if !loader_only.is_empty() {
        notes.push(format!(
            "needed only by the dynamic loader (libraries outside the standard directories): {}",
            examples_text(&loader_only)
        ));
    }
    if entries
        .get(Path::new("/"))
        .is_some_and(|e| e.perms.contains(Perms::READ))
    {
        notes.push(
            "the program listed `/` itself, so `r:/` is suggested: it lets it read every file"
                .to_string(),
        );
    }

    sug.unveils = entries
        .iter()
        .map(|(p, e)| Unveil {
            path: p.clone(),
            perms: e.perms,
        })
        .collect();
    sug.unveil_reasons = entries.into_iter().map(|(p, e)| (p, e.why)).collect();
    sug.notes.extend(notes);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::bpf;
    use crate::compile::seccomp;
    use crate::trace::profile::Phase;

    const PID: i32 = 4242;

    use crate::test_util::nr;

    fn call(p: &mut Profile, name: &str, args: [u64; 6]) {
        p.record_call(Shape::of(nr(name), &args, PID), Phase::Program, false);
    }

    fn failed_call(p: &mut Profile, name: &str, args: [u64; 6]) {
        p.record_call(Shape::of(nr(name), &args, PID), Phase::Program, true);
    }

    fn loader_call(p: &mut Profile, name: &str, args: [u64; 6]) {
        p.record_call(Shape::of(nr(name), &args, PID), Phase::Loader, false);
    }

    fn used(p: &mut Profile, path: &Path, letters: &str, dir: bool) {
        p.record_path(
            path,
            Perms::parse(letters).unwrap(),
            dir,
            Phase::Program,
            Ok(()),
        );
    }

    const AT_FDCWD: u64 = 0xffff_ff9c;
    const O_CLOEXEC: u64 = 0o2000000;

    /// read/write/openat O_RDONLY/fstat/mmap PROT_READ/close/exit_group, as `cat` does.
    fn cat_like() -> Profile {
        let mut p = Profile::default();
        call(&mut p, "openat", [AT_FDCWD, 0x1000, O_CLOEXEC, 0, 0, 0]);
        call(&mut p, "openat", [AT_FDCWD, 0x1000, 0, 0, 0, 0]);
        call(&mut p, "fstat", [3, 0x2000, 0, 0, 0, 0]);
        call(&mut p, "newfstatat", [3, 0x2000, 0x3000, 0x1000, 0, 0]);
        call(&mut p, "mmap", [0, 4096, 1, 2, 3, 0]);
        call(&mut p, "read", [3, 0x4000, 4096, 0, 0, 0]);
        call(&mut p, "write", [1, 0x4000, 12, 0, 0, 0]);
        call(&mut p, "fadvise64", [3, 0, 0, 2, 0, 0]);
        call(&mut p, "close", [3, 0, 0, 0, 0, 0]);
        call(&mut p, "exit_group", [0; 6]);
        p
    }

    /// socket(AF_INET, SOCK_STREAM), connect, sendto with a NULL address, recvfrom.
    fn tcp_client() -> Profile {
        let mut p = cat_like();
        call(&mut p, "socket", [2, 1 | O_CLOEXEC, 6, 0, 0, 0]);
        call(&mut p, "connect", [3, 0x5000, 16, 0, 0, 0]);
        call(&mut p, "setsockopt", [3, 6, 1, 0x6000, 4, 0]);
        call(&mut p, "sendto", [3, 0x4000, 5, 0, 0, 0]);
        call(&mut p, "recvfrom", [3, 0x4000, 4096, 0, 0, 0]);
        call(&mut p, "getsockname", [3, 0x5000, 0x5100, 0, 0, 0]);
        p
    }

    /// Every shape is allowed by the suggestion with its optional promises: by its promises
    /// (with the loader's for loader-only shapes) or an explicit rule, and by the compiled
    /// filter's own decisions.
    fn assert_suggestion_allows_trace(p: &Profile, s: &Suggestion) {
        let all = Suggestion {
            promises: s.promises.union(s.optional),
            ..s.clone()
        };
        let s = &all;
        let policy = s.to_policy();
        policy.validate().unwrap();
        for r in &s.rules {
            r.validate().unwrap();
        }
        let narrow = seccomp::plan(&seccomp::FilterSpec::new(
            s.promises,
            &s.rules,
            Action::Errno(1),
        ))
        .unwrap();
        let wide = seccomp::plan(&seccomp::FilterSpec::new(
            s.promises.union(crate::sandbox::loader::loader_promises()),
            &s.rules,
            Action::Errno(1),
        ))
        .unwrap();
        for (shape, st) in effective_shapes(p) {
            let name = shape.name();
            if ALWAYS_ENOSYS.iter().any(|(n, _)| *n == name) || guarded_ioctl(&shape).is_some() {
                continue;
            }
            let loader_only = st.program == 0;
            let set = if loader_only {
                s.promises.union(crate::sandbox::loader::loader_promises())
            } else {
                s.promises
            };
            let by_promise = promise::allows(set, shape.nr, &shape.args);
            let by_rule = s.rules.iter().any(|r| {
                r.syscall.nr() == shape.nr && r.conditions.iter().all(|c| c.matches(&shape.args))
            });
            assert!(
                by_promise || by_rule,
                "{} is not allowed",
                shape_text(&shape)
            );
            let plan = if loader_only { &wide } else { &narrow };
            assert_eq!(
                plan.decide(shape.nr, &shape.args),
                bpf::SECCOMP_RET_ALLOW,
                "the filter denies {}",
                shape_text(&shape)
            );
        }
    }

    #[test]
    fn cat_needs_stdio_rpath() {
        let p = cat_like();
        let s = suggest(&p);
        assert_eq!(s.promises.to_string(), "stdio rpath");
        assert!(s.rules.is_empty());
        assert_suggestion_allows_trace(&p, &s);
        let text = s.describe();
        assert!(text.contains("promises: stdio rpath"), "{text}");
        assert!(text.contains("rpath  for openat("), "{text}");
    }

    #[test]
    fn tcp_client_needs_inet_only() {
        let p = tcp_client();
        let s = suggest(&p);
        assert!(s.promises.contains(Promise::Inet), "{}", s.promises);
        assert!(!s.promises.contains(Promise::Unix));
        assert!(!s.promises.contains(Promise::Dns));
        assert!(!s.promises.contains(Promise::Anet));
        assert_eq!(s.promises.to_string(), "stdio rpath inet");
        assert_suggestion_allows_trace(&p, &s);
    }

    #[test]
    fn a_server_gets_anet() {
        let mut p = Profile::default();
        call(&mut p, "socket", [10, 1, 0, 0, 0, 0]);
        call(&mut p, "bind", [3, 0x1000, 28, 0, 0, 0]);
        call(&mut p, "listen", [3, 128, 0, 0, 0, 0]);
        call(&mut p, "accept4", [3, 0, 0, O_CLOEXEC, 0, 0]);
        call(&mut p, "write", [4, 0x1000, 3, 0, 0, 0]);
        assert_eq!(suggest(&p).promises.to_string(), "stdio anet");
    }

    #[test]
    fn terminal_ioctls_need_tty() {
        let mut p = cat_like();
        call(&mut p, "ioctl", [1, 0x5401, 0x1000, 0, 0, 0]); // TCGETS
        let s = suggest(&p);
        assert_eq!(s.promises.to_string(), "stdio rpath tty");
        assert_suggestion_allows_trace(&p, &s);
        // Calls that all failed (isatty() on a pipe: ENOTTY) make the promise optional.
        let mut p = cat_like();
        failed_call(&mut p, "ioctl", [1, 0x5413, 0x1000, 0, 0, 0]); // TIOCGWINSZ
        let s = suggest(&p);
        assert_eq!(s.promises.to_string(), "stdio rpath");
        assert_eq!(s.optional.to_string(), "tty");
        assert_eq!(s.to_policy_all().promises.to_string(), "stdio rpath tty");
        assert!(s.describe().contains("optional: tty"), "{}", s.describe());
        assert!(
            s.describe()
                .contains("  tty  for ioctl(arg1 == TIOCGWINSZ) (1 call, failed)"),
            "{}",
            s.describe()
        );
        // One success among the failures: needed.
        call(&mut p, "ioctl", [1, 0x5413, 0x1000, 0, 0, 0]);
        let s = suggest(&p);
        assert!(s.promises.contains(Promise::Tty) && s.optional.is_empty());
    }

    /// Runs the test `name` of this module alone in a copy of the test binary, `body` there:
    /// the tracer waits for any child (`waitpid(-1)`), which beside other tests running in
    /// parallel would reap their children.
    fn alone(name: &str, body: impl FnOnce()) {
        const VAR: &str = "SECCOMP_PLEDGE_TEST_ALONE";
        if std::env::var_os(VAR).is_some_and(|v| v == name) {
            body();
            return;
        }
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                &format!("trace::advice::tests::{name}"),
                "--test-threads=1",
                "--nocapture",
            ])
            .env(VAR, name)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "{text}");
        assert!(text.contains("1 passed"), "{text}");
    }

    /// The profile of a real trace of `argv` (None when ptrace is not permitted here).
    fn traced(argv: &[&str]) -> Option<Profile> {
        let argv: Vec<std::ffi::OsString> = argv.iter().map(Into::into).collect();
        let opts = super::super::engine::Options {
            calls: false,
            pin: false,
            ..Default::default()
        };
        match super::super::engine::trace(&argv, &opts, &mut std::io::sink()) {
            Ok(outcome) => {
                assert_eq!(outcome.exit.code(), 0, "{argv:?}");
                Some(outcome.profile)
            }
            Err(super::super::engine::TraceError::NotPermitted { reason }) => {
                eprintln!("skipped: ptrace is not permitted here ({reason})");
                None
            }
            Err(e) => panic!("{argv:?}: {e}"),
        }
    }

    #[test]
    fn a_child_exec_needs_exec_and_the_launchers_does_not() {
        alone("a_child_exec_needs_exec_and_the_launchers_does_not", || {
            // bash runs one child: its one execve is the program's own.
            let Some(p) = traced(&["/bin/bash", "-c", "/bin/true; :"]) else {
                return;
            };
            let s = suggest(&p);
            assert!(s.promises.contains(Promise::Exec), "{}", s.describe());
            assert!(s.promises.contains(Promise::Proc), "{}", s.describe());
            assert!(
                s.describe().contains("  exec   for execve (1 call)"),
                "{}",
                s.describe()
            );
            // true's loader is narrowed under `run` as bash's is: no `prot_exec`.
            assert!(!s.promises.contains(Promise::ProtExec), "{}", s.describe());
            assert!(
                unveil_strings(&s)
                    .iter()
                    .any(|u| u.starts_with("rx:") && u.ends_with("/true")),
                "{:?}",
                s.unveils
            );
            assert!(
                allow_list(&p).iter().any(|r| r.syscall.name() == "execve"),
                "allow traced keeps it"
            );
            assert_suggestion_allows_trace(&p, &s);
            // A program that executes nothing: the launcher's execve needs no promise.
            let Some(p) = traced(&["/bin/cat", "/etc/hostname"]) else {
                return;
            };
            let s = suggest(&p);
            assert!(!s.promises.contains(Promise::Exec), "{}", s.describe());
            assert!(allow_list(&p).iter().all(|r| r.syscall.name() != "execve"));
        });
    }

    #[test]
    fn what_a_real_program_created_goes_to_the_directory_that_existed() {
        alone(
            "what_a_real_program_created_goes_to_the_directory_that_existed",
            || {
                let t = tempdir();
                let base = t.path().join("work");
                std::fs::create_dir(&base).unwrap();
                let d = base.join("d");
                let deep = base.join("a/b/c");
                let Some(cp) = traced(&["/bin/cp", "-r", "/usr/share/doc/bash", &s(&d)]) else {
                    return;
                };
                let mkdir = traced(&["/bin/mkdir", "-p", &s(&deep)]).unwrap();
                for p in [&cp, &mkdir] {
                    // With what it made still there, and after it is gone.
                    for round in ["there", "gone"] {
                        let sug = suggest(p);
                        let u = unveil_strings(&sug);
                        let mine: Vec<&String> =
                            u.iter().filter(|u| u.contains(&s(&base))).collect();
                        assert_eq!(mine.len(), 1, "{round}: {u:?}");
                        let (letters, path) = mine[0].split_once(':').unwrap();
                        assert_eq!(path, s(&base), "{round}: {u:?}");
                        assert!(letters.contains('c'), "{round}: {u:?}");
                        assert!(
                            sug.notes
                                .iter()
                                .any(|n| n.starts_with("created by the program")),
                            "{round}: {:?}",
                            sug.notes
                        );
                        std::fs::remove_dir_all(&base).unwrap();
                        std::fs::create_dir(&base).unwrap();
                    }
                }
                // cp wrote the files it created: `w` goes up too.
                let u = unveil_strings(&suggest(&cp));
                assert!(u.contains(&format!("wc:{}", s(&base))), "{u:?}");
            },
        );
    }

    #[test]
    fn failures_a_real_program_tolerates_make_promises_optional() {
        alone(
            "failures_a_real_program_tolerates_make_promises_optional",
            || {
                // isatty() on a regular file fails with ENOTTY, and Python goes on.
                let py = "import os; print(os.isatty(os.open('/etc/hostname', os.O_RDONLY)))";
                if !Path::new("/usr/bin/python3").exists() {
                    eprintln!("skipped: no /usr/bin/python3");
                    return;
                }
                let Some(p) = traced(&["/usr/bin/python3", "-c", py]) else {
                    return;
                };
                let s = suggest(&p);
                assert!(!s.promises.contains(Promise::Tty), "{}", s.describe());
                assert!(s.optional.contains(Promise::Tty), "{}", s.describe());
                assert!(s.to_policy_all().promises.contains(Promise::Tty));
                assert!(!s.to_policy().promises.contains(Promise::Tty));
            },
        );
    }

    fn s(p: &Path) -> String {
        p.display().to_string()
    }

    #[test]
    fn threads_need_only_stdio_and_signals_to_itself_too() {
        let mut p = Profile::default();
        call(&mut p, "clone", [0x003d_0f00, 0, 0, 0, 0, 0]);
        call(&mut p, "futex", [0x1000, 0x81, 1, 0, 0, 0]);
        call(&mut p, "kill", [PID as u64, 15, 0, 0, 0, 0]);
        call(&mut p, "tgkill", [PID as u64, 4243, 10, 0, 0, 0]);
        let s = suggest(&p);
        assert_eq!(s.promises.to_string(), "stdio");
        assert_suggestion_allows_trace(&p, &s);
        // kill(self) cannot be an explicit rule.
        let (rules, notes) = allow_list_explained(&p);
        assert!(rules.iter().all(|r| r.syscall.name() != "kill"));
        assert!(
            notes
                .iter()
                .any(|n| n.contains("kill aimed at the program itself"))
        );
    }

    #[test]
    fn scheduling_and_priorities_of_itself_need_their_promise() {
        let mut p = Profile::default();
        call(
            &mut p,
            "sched_setaffinity",
            [PID as u64, 128, 0x1000, 0, 0, 0],
        );
        call(&mut p, "sched_setaffinity", [0, 128, 0x1000, 0, 0, 0]);
        call(&mut p, "setpriority", [0, PID as u64, 10, 0, 0, 0]);
        call(&mut p, "prlimit64", [0, 4, 0x1000, 0, 0, 0]);
        let s = suggest(&p);
        assert_eq!(s.promises.to_string(), "stdio proc");
        assert_suggestion_allows_trace(&p, &s);
        let (rules, notes) = allow_list_explained(&p);
        // pid 0 can be a rule; the program's own pid cannot.
        assert!(
            rules
                .iter()
                .any(|r| render::rule(r) == "allow sched_setaffinity if arg0 == 0"),
            "{rules:?}"
        );
        assert!(
            notes.iter().any(|n| n.contains(
                "setpriority aimed at the program itself cannot be written as a rule (its pid is known only at run time): add the promise `proc` or `id`"
            )),
            "{notes:?}"
        );
    }

    #[test]
    fn creating_for_writing_needs_the_wpath_cpath_pair() {
        let mut p = Profile::default();
        call(&mut p, "write", [3, 0x1000, 1, 0, 0, 0]);
        call(
            &mut p,
            "openat",
            [
                AT_FDCWD,
                0x1000,
                1 | 0o100 | 0o1000 | O_CLOEXEC,
                0o666,
                0,
                0,
            ],
        );
        let s = suggest(&p);
        assert_eq!(s.promises.to_string(), "stdio wpath cpath");
        assert_suggestion_allows_trace(&p, &s);
    }

    #[test]
    fn loader_only_needs_get_no_prot_exec() {
        let mut p = cat_like();
        loader_call(&mut p, "mmap", [0, 0x20_0000, 5, 0x802, 3, 0]); // PROT_READ|PROT_EXEC
        loader_call(&mut p, "mprotect", [0x1000, 0x1000, 1, 0, 0, 0]);
        loader_call(&mut p, "openat", [AT_FDCWD, 0x1000, O_CLOEXEC, 0, 0, 0]);
        let s = suggest(&p);
        assert_eq!(s.promises.to_string(), "stdio rpath");
        assert_suggestion_allows_trace(&p, &s);
        // The loader alone also needs nothing of the program.
        let mut only = Profile::default();
        loader_call(&mut only, "mmap", [0, 0x20_0000, 5, 0x802, 3, 0]);
        loader_call(&mut only, "openat", [AT_FDCWD, 0x1000, O_CLOEXEC, 0, 0, 0]);
        assert!(suggest(&only).promises.is_empty());
        assert!(allow_list(&only).is_empty());
        // The same shapes made by the program itself do need prot_exec.
        let mut q = cat_like();
        call(&mut q, "mmap", [0, 0x20_0000, 5, 0x802, 3, 0]);
        assert!(suggest(&q).promises.contains(Promise::ProtExec));
        // A loader shape the loader's promises do not cover is the program's problem.
        let mut r = Profile::default();
        loader_call(&mut r, "read", [3, 0x1000, 832, 0, 0, 0]);
        assert_eq!(suggest(&r).promises.to_string(), "stdio");
    }

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

    fn tempdir() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    fn touch(path: &Path) {
        std::fs::write(path, b"x").unwrap();
    }

    fn unveil_strings(s: &Suggestion) -> Vec<String> {
        s.unveils.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn paths_collapse_into_directories_per_letter() {
        let t = tempdir();
        let d = t.path().join("data");
        std::fs::create_dir(&d).unwrap();
        for f in ["a", "b", "c", "d"] {
            touch(&d.join(f));
        }
        let two = t.path().join("two");
        std::fs::create_dir(&two).unwrap();
        touch(&two.join("x"));
        touch(&two.join("y"));
        let mut p = cat_like();
        for f in ["a", "b", "c"] {
            used(&mut p, &d.join(f), "r", false);
        }
        used(&mut p, &d.join("d"), "w", false);
        used(&mut p, &two.join("x"), "r", false);
        used(&mut p, &two.join("y"), "rw", false);
        let s = suggest(&p);
        let u = unveil_strings(&s);
        assert_eq!(
            u,
            vec![
                format!("r:{}", d.display()),
                format!("w:{}", d.join("d").display()),
                format!("r:{}", two.join("x").display()),
                format!("rw:{}", two.join("y").display()),
            ]
        );
        assert!(s.unveil_reasons[&d].contains("3 entries beneath were read"));
        assert!(s.describe().contains(&format!("r:{}", d.display())));
    }

    #[test]
    fn executing_needs_read_too() {
        let t = tempdir();
        let tool = t.path().join("tool");
        touch(&tool);
        let mut p = cat_like();
        used(&mut p, &tool, "x", false);
        assert_eq!(
            unveil_strings(&suggest(&p)),
            vec![format!("rx:{}", tool.display())]
        );
    }

    #[test]
    fn a_listed_directory_covers_what_was_read_beneath() {
        let t = tempdir();
        let d = t.path().join("listed");
        std::fs::create_dir(&d).unwrap();
        touch(&d.join("one"));
        let mut p = cat_like();
        used(&mut p, &d, "r", true);
        used(&mut p, &d.join("one"), "r", false);
        let s = suggest(&p);
        assert_eq!(unveil_strings(&s), vec![format!("r:{}", d.display())]);
    }

    #[test]
    fn broad_and_pseudo_directories_are_not_collapse_targets() {
        assert!(!collapse_target(Path::new("/"), false));
        assert!(!collapse_target(Path::new("/etc"), false));
        assert!(collapse_target(Path::new("/etc"), true));
        assert!(!collapse_target(Path::new("/home/alice"), false));
        assert!(collapse_target(Path::new("/home/alice/src"), false));
        assert!(collapse_target(Path::new("/usr/share/doc"), false));
        assert!(!collapse_target(Path::new("/dev/snd"), true));
        assert!(!collapse_target(Path::new("/proc/self"), false));
        assert!(!collapse_target(Path::new("/sys/class/net"), false));
        // Real files in /etc stay single (when the machine has three of them).
        let etc: Vec<&str> = [
            "/etc/passwd",
            "/etc/group",
            "/etc/os-release",
            "/etc/shells",
            "/etc/fstab",
        ]
        .into_iter()
        .filter(|f| Path::new(f).exists())
        .take(3)
        .collect();
        if etc.len() == 3 {
            let mut p = Profile::default();
            for f in &etc {
                used(&mut p, Path::new(f), "r", false);
            }
            let s = suggest(&p);
            let want: Vec<String> = {
                let mut v: Vec<String> = etc.iter().map(|f| format!("r:{f}")).collect();
                v.sort();
                v
            };
            assert_eq!(unveil_strings(&s), want);
        }
    }

    #[test]
    fn missing_failed_and_deleted_paths() {
        let t = tempdir();
        let work = t.path().join("work");
        std::fs::create_dir(&work).unwrap();
        let mut p = cat_like();
        // An optional file that was not there.
        p.record_path(
            &t.path().join("nope.conf"),
            Perms::READ,
            false,
            Phase::Program,
            Err(libc::ENOENT),
        );
        // A file it could not read.
        p.record_path(
            &t.path().join("secret"),
            Perms::READ,
            false,
            Phase::Program,
            Err(libc::EACCES),
        );
        // A temporary file created in `work`, written, then removed.
        used(&mut p, &work, "c", true);
        used(&mut p, &work.join("tmp.123"), "rw", false);
        // A file that is gone, in a directory where it created nothing.
        used(&mut p, &t.path().join("gone"), "r", false);
        let s = suggest(&p);
        assert_eq!(unveil_strings(&s), vec![format!("rwc:{}", work.display())]);
        let notes = s.notes.join("\n");
        assert!(
            notes.contains("optional files that were absent: "),
            "{notes}"
        );
        assert!(notes.contains("still fails with ENOENT"), "{notes}");
        assert!(notes.contains("as every use failed: "), "{notes}");
        assert!(notes.contains("as they no longer exist"), "{notes}");
        assert!(notes.contains("removed since"), "{notes}");
    }

    #[test]
    fn proc_paths_of_the_process_become_proc_self() {
        let mut p = cat_like();
        used(&mut p, Path::new("/proc/4242/maps"), "r", false);
        used(&mut p, Path::new("/proc/self/mountinfo"), "r", false);
        used(&mut p, Path::new("/proc/4242/task/4243/comm"), "r", false);
        used(
            &mut p,
            Path::new("/proc/thread-self/attr/current"),
            "r",
            false,
        );
        let s = suggest(&p);
        assert_eq!(
            unveil_strings(&s),
            vec![
                "r:/proc/self/maps".to_string(),
                "r:/proc/self/mountinfo".to_string()
            ]
        );
        let notes = s.notes.join("\n");
        assert!(notes.contains("as /proc/self/"), "{notes}");
        assert!(notes.contains("thread ids are not known before the run: /proc/4242/task/4243/comm, /proc/thread-self/attr/current"), "{notes}");
    }

    #[test]
    fn implicit_unveils_of_a_dynamic_program_are_not_repeated() {
        let ls = Path::new("/bin/ls");
        let Ok(Kind::Dynamic { interpreter }) = elf::inspect(ls) else {
            eprintln!("skipped: /bin/ls is not a dynamic executable here");
            return;
        };
        let mut p = cat_like();
        p.record_exec(ls);
        call(&mut p, "getdents64", [3, 0x1000, 32768, 0, 0, 0]);
        call(&mut p, "ioctl", [1, 0x5413, 0x1000, 0, 0, 0]);
        p.record_path(ls, Perms::EXEC, false, Phase::Program, Ok(()));
        p.record_path(&interpreter, Perms::READ, false, Phase::Loader, Ok(()));
        let libc_dir = [
            "/usr/lib/x86_64-linux-gnu",
            "/lib/x86_64-linux-gnu",
            "/usr/lib64",
            "/lib64",
        ]
        .into_iter()
        .map(Path::new)
        .find(|d| d.join("libc.so.6").exists());
        if let Some(dir) = libc_dir {
            for lib in ["libc.so.6", "libselinux.so.1", "libpcre2-8.so.0"] {
                if dir.join(lib).exists() {
                    p.record_path(&dir.join(lib), Perms::READ, false, Phase::Loader, Ok(()));
                }
            }
        }
        for f in [
            "/etc/ld.so.cache",
            "/usr/share/locale/locale.alias",
            "/etc/localtime",
        ] {
            if Path::new(f).exists() {
                used(&mut p, Path::new(f), "r", false);
            }
        }
        let t = tempdir();
        touch(&t.path().join("file"));
        used(&mut p, t.path(), "r", true);
        let s = suggest(&p);
        assert_eq!(s.promises.to_string(), "stdio rpath tty");
        assert_eq!(
            unveil_strings(&s),
            vec![format!("r:{}", t.path().display())]
        );
        assert_suggestion_allows_trace(&p, &s);
    }

    #[test]
    fn odd_profiles_do_not_panic() {
        let empty = Profile::default();
        let s = suggest(&empty);
        assert!(s.promises.is_empty() && s.unveils.is_empty() && s.rules.is_empty());
        assert!(allow_list(&empty).is_empty());
        assert!(s.describe().contains("promises: (none)"));

        let mut p = Profile::default();
        p.record_call(
            Shape {
                nr: 9999,
                args: [0; 6],
            },
            Phase::Program,
            false,
        );
        p.record_foreign(Abi::I386, 5);
        p.record_foreign(Abi::I386, 5);
        p.record_foreign(Abi::X32, 0x4000_0000);
        p.shapes_dropped = 3;
        p.program = Some(PathBuf::from("/nonexistent/prog"));
        p.record_path(
            Path::new("relative/x"),
            Perms::READ,
            false,
            Phase::Program,
            Ok(()),
        );
        p.record_path(Path::new("/"), Perms::READ, true, Phase::Program, Ok(()));
        let s = suggest(&p);
        let notes = s.notes.join("\n");
        assert!(notes.contains("capped"), "{notes}");
        assert!(
            notes.contains("2 calls through the i386 ABI were traced (e.g. open)"),
            "{notes}"
        );
        assert!(notes.contains("kills"), "{notes}");
        assert!(notes.contains("x32"), "{notes}");
        assert!(notes.contains("syscall number 9999"), "{notes}");
        assert!(notes.contains("relative"), "{notes}");
        assert!(notes.contains("r:/"), "{notes}");
        assert_eq!(unveil_strings(&s), vec!["r:/".to_string()]);
        assert_eq!(s, suggest(&p), "deterministic");
    }

    #[test]
    fn every_traced_shape_is_allowed() {
        let mut p = tcp_client();
        call(&mut p, "ioctl", [1, 0x5401, 0x1000, 0, 0, 0]);
        call(&mut p, "fcntl", [3, 6, 0x1000, 0, 0, 0]); // F_SETLK
        call(&mut p, "prlimit64", [0, 7, 0, 0x1000, 0, 0]);
        call(&mut p, "prlimit64", [0, 7, 0x2000, 0, 0, 0]);
        call(&mut p, "mkdirat", [AT_FDCWD, 0x1000, 0o755, 0, 0, 0]);
        call(&mut p, "unlinkat", [AT_FDCWD, 0x1000, 0, 0, 0, 0]);
        call(&mut p, "openat", [AT_FDCWD, 0x1000, 2, 0, 0, 0]);
        call(&mut p, "socket", [1, 1, 0, 0, 0, 0]);
        call(&mut p, "sendmsg", [3, 0x1000, 0, 0, 0, 0]);
        call(&mut p, "kill", [1, 15, 0, 0, 0, 0]);
        call(&mut p, "clone", [0x1000_0011, 0, 0, 0, 0, 0]); // CLONE_NEWUSER|SIGCHLD
        call(&mut p, "setuid", [1000, 0, 0, 0, 0, 0]);
        call(&mut p, "fallocate", [3, 0, 0, 4096, 0, 0]);
        call(&mut p, "io_uring_setup", [8, 0x1000, 0, 0, 0, 0]);
        loader_call(&mut p, "mmap", [0, 4096, 7, 0x22, u64::MAX, 0]);
        let s = suggest(&p);
        assert_suggestion_allows_trace(&p, &s);
        let promises = s.promises.to_string();
        // connect is in `unix` too, but a TCP client's connect needs a promise that allows
        // both the TCP socket and connect (`inet`, or `dns`, which the cost model may prefer
        // as it also covers the read-only opens): `unix` is there for the AF_UNIX socket,
        // and `anet` (no connect) is not needed.
        assert!(
            s.promises.contains(Promise::Inet) || s.promises.contains(Promise::Dns),
            "{promises}"
        );
        for want in [
            "stdio", "wpath", "cpath", "unix", "flock", "proc", "id", "tty",
        ] {
            assert!(
                s.promises.contains(want.parse().unwrap()),
                "{want} missing from {promises}"
            );
        }
        for unwanted in [Promise::Anet, Promise::ProtExec, Promise::Exec] {
            assert!(!s.promises.contains(unwanted), "{unwanted} in {promises}");
        }
        let rules: Vec<String> = s.rules.iter().map(render::rule).collect();
        assert_eq!(rules.len(), 3, "{rules:?}");
        // Each promise has a witness.
        assert_eq!(s.examples.len(), s.promises.len());
    }
}
