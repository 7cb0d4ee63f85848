//! Turns a trace [`Profile`] into a suggested policy: the smallest promise set covering every
//! call shape, the unveil rules the program needs beyond those `run` adds by itself, explicit
//! `allow` rules for the shapes no promise covers, and notes about everything that could not
//! be expressed. [`allow_list`] turns the same profile into a plain allow-list (`allow traced`).
//!
//! Owns the minimisation (a weighted greedy set cover, then pruning; see [`cover::cost`]), the path
//! collapsing rules (see [`suggest`]) and the readable rendering of a suggestion. It decides
//! nothing about enforcement and does no I/O beyond looking at the file system: whether a
//! suggested path still exists, whether it is a directory, what kind of executable the traced
//! program is (for the implicit unveils of `run`, which also name the terminal on fd 0), and
//! resolving symbolic links to compare paths with those implicit unveils.
//!
//! This file holds [`Suggestion`], its rendering and [`suggest`], which puts the three
//! algorithms together, one file each:
//! - `cover.rs`: the promises, a weighted greedy set cover of the traced call shapes, then
//!   pruning ([`cover::cost`]), and one example call per promise;
//! - `rules.rs`: explicit rules for the shapes no promise covers, the allow-list
//!   ([`allow_list`], [`rules::allow_list_explained`]), and the notes on calls neither can express;
//! - `unveils.rs`: the unveil rules, from the paths the trace used, collapsed into
//!   directories, less what `run` unveils by itself.

mod cover;
pub(crate) use names::advise as advise_names;
#[cfg(test)]
mod fixtures;
mod names;
mod rules;
mod unveils;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use super::profile::{Profile, Shape, ShapeStats};
use crate::abi::syscalls;
use crate::policy::Policy;
use crate::policy::promise::{ALL, Promise, PromiseSet};
use crate::policy::render;
use crate::policy::rule::{Condition, Op, Rule};
use crate::policy::unveil::Unveil;
use cover::{
    Need, all_covered, by_cost_desc, cover, covered, examples, examples_among, pair_connects,
};
pub(crate) use rules::allow_list;
use rules::{
    Skipped, build_rules, foreign_notes, guarded_ioctl, own_pid_promises, shape_conditions,
    skipped_notes,
};
use unveils::suggest_unveils;

/// A policy proposed from a trace.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Suggestion {
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
    pub(crate) fn to_policy(&self) -> Policy {
        Policy {
            promises: self.promises,
            unveils: self.unveils.clone(),
            rules: self.rules.clone(),
            ..Policy::default()
        }
    }

    /// [`Suggestion::to_policy`] with the optional promises too (`suggest apply --all`).
    pub(crate) fn to_policy_all(&self) -> Policy {
        Policy {
            promises: self.promises.union(self.optional),
            ..self.to_policy()
        }
    }

    /// Readable multi-line text: the promises with one example call each, the unveils with
    /// their reasons, the rules as commands (`allow ioctl if arg1 == TCGETS`), the notes.
    pub(crate) fn describe(&self) -> String {
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
pub(crate) fn suggest(profile: &Profile) -> Suggestion {
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
        let Some(sysno) = skipped.needs_deciding(&shape, &st) else {
            continue;
        };
        let calls = st.program.saturating_add(st.loader);
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

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use super::*;
    use crate::policy::unveil::Perms;
    use crate::trace::profile::{Abi, Phase};
    use std::path::Path;

    #[test]
    fn a_child_exec_needs_exec_and_the_launchers_does_not() {
        alone(
            module_path!(),
            "a_child_exec_needs_exec_and_the_launchers_does_not",
            || {
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
            },
        );
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
        p.record_foreign(Abi::X32, crate::abi::uapi::X32_SYSCALL_BIT);
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
