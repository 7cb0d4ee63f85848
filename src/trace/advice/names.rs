//! Advice from syscall names alone (a recorded, names-only profile such as a container
//! runtime's recording): the cheapest promises that allow the names whatever their
//! arguments, the names a promise allows only for some arguments (which a trace would have
//! to settle), and the names no promise allows (explicit `allow` rules). Pure: the caller
//! reads the profile and removes the runtime's own calls.

use crate::abi::syscalls::Sysno;
use crate::policy::promise::{ALL, ALWAYS_ALLOWED, Promise, PromiseSet};

use super::cover::cost;

/// What a list of names needs.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct NamesAdvice {
    /// The promises.
    pub promises: PromiseSet,
    /// Names the chosen promises allow only for some arguments, with the promise that does.
    pub partly: Vec<(Sysno, Promise)>,
    /// Names no chosen promise allows and other promises allow only for some arguments,
    /// with those promises: left out (a trace tells which arguments the program uses).
    pub undecided: Vec<(Sysno, Vec<Promise>)>,
    /// Names no promise allows: explicit `allow` rules.
    pub unpromised: Vec<Sysno>,
}

fn fully(p: Promise, s: Sysno) -> bool {
    p.info().syscalls.contains(&s)
}

fn partly(p: Promise, s: Sysno) -> bool {
    p.info().rules.iter().any(|r| r.syscall == s)
}

/// The advice for `names` (in any order, repeats ignored).
pub(crate) fn advise(names: &[Sysno]) -> NamesAdvice {
    let mut todo: Vec<Sysno> = names
        .iter()
        .copied()
        .filter(|s| !ALWAYS_ALLOWED.contains(s))
        .collect();
    todo.sort_by_key(|s| s.id());
    todo.dedup();
    let mut set = PromiseSet::EMPTY;
    // Greedy: the promise with the lowest cost per name it newly allows whatever the
    // arguments (ties: table order).
    loop {
        let open: Vec<Sysno> = todo
            .iter()
            .copied()
            .filter(|s| !set.iter().any(|p| fully(p, *s)))
            .collect();
        let best = ALL
            .into_iter()
            .filter(|p| !set.contains(*p))
            .filter_map(|p| {
                let gain = open.iter().filter(|s| fully(p, **s)).count();
                (gain > 0).then_some((p, gain))
            })
            .min_by(|(a, ga), (b, gb)| {
                // cost(a)/ga < cost(b)/gb, without division
                (u64::from(cost(*a)) * *gb as u64).cmp(&(u64::from(cost(*b)) * *ga as u64))
            });
        match best {
            Some((p, _)) => {
                set.insert(p);
            }
            None => break,
        }
    }
    let mut advice = NamesAdvice::default();
    for s in todo {
        if set.iter().any(|p| fully(p, s)) {
            continue;
        }
        // Allowed for some arguments by a chosen promise; otherwise no promise is added on
        // a guess (the names say nothing of the arguments): the candidates are named.
        if let Some(p) = set.iter().find(|p| partly(*p, s)) {
            advice.partly.push((s, p));
            continue;
        }
        let candidates: Vec<Promise> = ALL.into_iter().filter(|p| partly(*p, s)).collect();
        if candidates.is_empty() {
            advice.unpromised.push(s);
        } else {
            advice.undecided.push((s, candidates));
        }
    }
    advice.promises = set;
    advice
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small recording: stdio's calls, a socket (inet allows it only for some families),
    /// a call no promise allows, the always-allowed exit_group.
    #[test]
    fn names_are_covered_by_the_cheapest_promises() {
        use Sysno as S;
        let a = advise(&[
            S::read,
            S::write,
            S::close,
            S::read,
            S::openat,
            S::exit_group,
            S::socket,
            S::mount,
        ]);
        assert_eq!(a.promises, PromiseSet::of(&[Promise::Stdio]), "{a:?}");
        assert_eq!(a.unpromised, [S::mount]);
        // socket and openat are allowed only for some arguments by every promise that
        // allows them: none is added on a guess, the candidates are named.
        let undecided: Vec<Sysno> = a.undecided.iter().map(|(s, _)| *s).collect();
        assert_eq!(undecided, [S::socket, S::openat], "{a:?}");
        for (s, candidates) in &a.undecided {
            assert!(!candidates.is_empty());
            for p in candidates {
                assert!(partly_allows(*p, *s), "{s:?} {p:?}");
            }
        }
        assert!(a.undecided[0].1.contains(&Promise::Inet));
        assert!(a.undecided[1].1.contains(&Promise::Rpath));
        // ioctl: stdio (chosen for read) allows some requests.
        let b = advise(&[S::read, S::ioctl]);
        assert_eq!(b.partly, [(S::ioctl, Promise::Stdio)], "{b:?}");
        // Nothing in: nothing needed.
        assert_eq!(advise(&[S::exit_group]), NamesAdvice::default());
    }

    fn partly_allows(p: Promise, s: Sysno) -> bool {
        partly(p, s)
    }
}
