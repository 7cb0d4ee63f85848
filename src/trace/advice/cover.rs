//! The promises of a suggestion: which traced call shapes must be allowed ([`Need`]), how much
//! each promise widens the sandbox ([`cost`]), the weighted greedy set cover of the needs with
//! pruning ([`cover`]), `connect` needs paired with the sockets they may be on
//! ([`pair_connects`]), and one example call per chosen promise ([`examples`]).

use crate::abi::syscalls::Sysno;
use crate::policy::promise::{self, ALL, Promise, PromiseSet};
use crate::trace::profile::{Profile, Shape};

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
pub(crate) fn cost(p: Promise) -> u32 {
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
pub(super) struct Need {
    pub(super) shape: Shape,
    /// Only the dynamic loader made it: `run` grants the loader `rpath prot_exec` besides.
    pub(super) loader_only: bool,
    /// How many times it was made.
    pub(super) calls: u64,
    /// Every one of those calls failed.
    pub(super) always_failed: bool,
    /// A `connect` (whose arguments a filter cannot see) made on a socket of this shape:
    /// covered only by a promise that allows both, so that `unix` (for a local socket) does
    /// not stand in for `inet` on a TCP client's connect.
    pub(super) on: Option<Shape>,
}

pub(super) fn covered(set: PromiseSet, need: &Need) -> bool {
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

pub(super) fn all_covered(set: PromiseSet, needs: &[Need]) -> bool {
    needs.iter().all(|n| covered(set, n))
}

fn set_cost(set: PromiseSet) -> u32 {
    set.iter().map(cost).sum()
}

/// Promises of `set`, most expensive first (ties: later in the table first).
pub(super) fn by_cost_desc(set: PromiseSet) -> Vec<Promise> {
    let mut v: Vec<Promise> = set.iter().collect();
    v.sort_by_key(|p| std::cmp::Reverse((cost(*p), *p as u8)));
    v
}

/// The weighted greedy cover, then pruning. Every need must be coverable by all promises.
pub(super) fn cover(needs: &[Need]) -> PromiseSet {
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

/// `connect` needs, one per socket shape the program created successfully that a promise
/// allowing `connect` allows too (the connect may have been on any of them): a TCP client's
/// connect then needs `inet`, not `unix` (which allows `connect` for local sockets) next to
/// `anet` (which allows TCP sockets but no `connect`). Without such a socket (a connect on an
/// inherited descriptor), the plain `connect` need stays.
pub(super) fn pair_connects(profile: &Profile, needs: Vec<Need>) -> Vec<Need> {
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
pub(super) fn examples(set: PromiseSet, needs: &[Need]) -> Vec<(Promise, Shape, u64)> {
    examples_among(set, set, needs)
}

/// [`examples`] for the promises `of` within `set`.
pub(super) fn examples_among(
    set: PromiseSet,
    of: PromiseSet,
    needs: &[Need],
) -> Vec<(Promise, Shape, u64)> {
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

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::super::rules::allow_list_explained;
    use super::super::*;
    use crate::policy::render;
    use std::path::Path;

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

    #[test]
    fn failures_a_real_program_tolerates_make_promises_optional() {
        alone(
            module_path!(),
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
}
