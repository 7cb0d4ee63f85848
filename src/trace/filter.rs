//! Which calls the tracer stops at: the `-e trace=SET` expression (names, strace classes
//! such as `%file`, `all`, `none`, `!` to negate, `?name` to tolerate an unknown name) and the
//! seccomp filter that makes the kernel stop the program only at those calls
//! (`SECCOMP_RET_TRACE`), letting every other call run at full speed (`SECCOMP_RET_ALLOW`).
//!
//! Foreign-ABI calls (`int 0x80`, x32) are always traced: they are rare and always worth
//! seeing.

use crate::abi::signature;
use crate::abi::syscalls::{self, MAX_NR};
use crate::compile::bpf::{self, sock_filter};
use crate::compile::seccomp::{self, Plan, SyscallPlan};

/// `SECCOMP_RET_TRACE` (with data 0).
pub(crate) const RET_TRACE: u32 = bpf::SECCOMP_RET_TRACE;

/// A set of native syscall numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyscallSet {
    bits: Vec<bool>,
}

/// A bad `-e` expression.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    /// Only `trace=` is supported.
    #[error("unsupported -e qualifier `{0}`: only `trace=SET` is supported")]
    Qualifier(String),
    /// A name that is neither a syscall nor a class.
    #[error("unknown syscall or class `{name}` in -e trace=")]
    Unknown {
        /// The name.
        name: String,
        /// The closest syscall or class.
        suggestion: Option<String>,
    },
    /// Nothing would be traced.
    #[error("-e trace= selects no system call")]
    Empty,
}

impl FilterError {
    /// A fix to suggest.
    pub fn hint(&self) -> Option<String> {
        match self {
            FilterError::Unknown {
                suggestion: Some(s),
                ..
            } => Some(format!("did you mean `{s}`?")),
            FilterError::Unknown { .. } => Some(format!(
                "classes: {}; or a syscall name (`?name` tolerates unknown names)",
                signature::class_names().join(" ")
            )),
            FilterError::Qualifier(_) => Some("e.g. -e trace=%file,connect".into()),
            FilterError::Empty => None,
        }
    }
}

impl SyscallSet {
    /// Every syscall.
    pub fn all() -> Self {
        SyscallSet {
            bits: vec![true; MAX_NR as usize + 1],
        }
    }

    fn none() -> Self {
        SyscallSet {
            bits: vec![false; MAX_NR as usize + 1],
        }
    }

    /// Whether `nr` is in the set.
    pub fn contains(&self, nr: u32) -> bool {
        self.bits.get(nr as usize).copied().unwrap_or(false)
    }

    /// Whether every syscall is in the set.
    pub fn is_all(&self) -> bool {
        self.bits.iter().all(|b| *b)
    }

    /// Parses strace's `-e` expression: `trace=SET` or just `SET`, where SET is a comma list
    /// of syscall names, classes (`%file`, `%network`, `%net`, `%process`, `%memory`,
    /// `%signal`, `%ipc`, `%desc`, `%creds`, `%clock`, `%stat`), `all` or `none`, optionally
    /// preceded by `!` to negate it; `?name` ignores `name` if unknown.
    ///
    /// # Errors
    /// [`FilterError`] naming the offending word, with a suggestion.
    pub fn parse(expr: &str) -> Result<Self, FilterError> {
        let set = match expr.split_once('=') {
            Some(("trace" | "t", set)) => set,
            Some((q, _)) => return Err(FilterError::Qualifier(q.to_string())),
            None => expr,
        };
        let (negate, set) = match set.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, set),
        };
        let mut out = SyscallSet::none();
        for word in set.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            let (optional, word) = match word.strip_prefix('?') {
                Some(w) => (true, w),
                None => (false, word),
            };
            match word {
                "all" => out = SyscallSet::all(),
                "none" => {}
                _ if word.starts_with('%') => {
                    let class = if word == "%net" { "%network" } else { word };
                    if !signature::class_names().contains(&class) {
                        if optional {
                            continue;
                        }
                        let names = signature::class_names().iter().copied();
                        return Err(FilterError::Unknown {
                            name: word.to_string(),
                            suggestion: crate::suggest::closest(word, names).map(str::to_string),
                        });
                    }
                    for nr in 0..=MAX_NR {
                        if signature::classes(nr).contains(&class) {
                            out.bits[nr as usize] = true;
                        }
                    }
                }
                _ => match syscalls::by_name(word) {
                    Ok(s) => out.bits[s.id() as usize] = true,
                    Err(_) if optional => {}
                    Err(e) => {
                        return Err(FilterError::Unknown {
                            name: word.to_string(),
                            suggestion: e.suggestion.map(str::to_string),
                        });
                    }
                },
            }
        }
        if negate {
            for b in &mut out.bits {
                *b = !*b;
            }
        }
        if !out.bits.iter().any(|b| *b) {
            return Err(FilterError::Empty);
        }
        Ok(out)
    }

    /// The seccomp filter stopping the program at the calls of this set: `RET_TRACE` for
    /// them, for every foreign-ABI or x32 call and for the report syscall (the loader mark),
    /// `RET_ALLOW` otherwise (numbers above our table get `ENOSYS`, as the kernel would for
    /// numbers it does not know).
    pub fn filter(&self) -> Vec<sock_filter> {
        let plan = Plan {
            syscalls: self
                .bits
                .iter()
                .enumerate()
                // The report syscall (a hole in the table) carries the loader mark.
                .map(|(nr, &traced)| {
                    // As under `run`: these always fail with ENOSYS (their flags are out of
                    // BPF's reach), so the trace records libc's fallback (clone, openat),
                    // which is what the program will call under the suggested policy.
                    let enosys = crate::abi::syscalls::name(nr as u32).is_some_and(|n| {
                        crate::policy::rule::ALWAYS_ENOSYS
                            .iter()
                            .any(|(always, _)| *always == n)
                    });
                    let default = if enosys {
                        bpf::SECCOMP_RET_ERRNO | libc::ENOSYS as u32
                    } else if traced || nr == seccomp::REPORT_NR as usize {
                        RET_TRACE
                    } else {
                        bpf::SECCOMP_RET_ALLOW
                    };
                    SyscallPlan {
                        checks: Vec::new(),
                        default,
                    }
                })
                .collect(),
            penalty: RET_TRACE,
            foreign_arch: RET_TRACE,
        };
        // A plan without checks always compiles (a few instructions per range).
        seccomp::emit(&plan)
            .unwrap_or_else(|_| vec![bpf::stmt(bpf::BPF_RET | bpf::BPF_K, RET_TRACE)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::bpf::{SeccompData, run};

    use crate::test_util::nr;

    #[test]
    fn parse_names_classes_negation() {
        let s = SyscallSet::parse("trace=openat,%network").unwrap();
        assert!(s.contains(nr("openat")) && s.contains(nr("connect")) && s.contains(nr("socket")));
        assert!(!s.contains(nr("read")));
        let s = SyscallSet::parse("!read,write").unwrap();
        assert!(!s.contains(nr("read")) && s.contains(nr("openat")));
        assert!(SyscallSet::parse("%net").unwrap().contains(nr("sendto")));
        assert!(SyscallSet::parse("all").unwrap().is_all());
        assert!(
            SyscallSet::parse("?nosuchcall,read")
                .unwrap()
                .contains(nr("read"))
        );
        let e = SyscallSet::parse("trace=opneat").unwrap_err();
        assert_eq!(e.hint().as_deref(), Some("did you mean `openat`?"));
        let e = SyscallSet::parse("%fiel").unwrap_err();
        assert_eq!(e.hint().as_deref(), Some("did you mean `%file`?"));
        assert_eq!(SyscallSet::parse("none"), Err(FilterError::Empty));
        assert!(matches!(
            SyscallSet::parse("signal=all"),
            Err(FilterError::Qualifier(_))
        ));
    }

    #[test]
    fn the_filter_traces_exactly_the_set() {
        let s = SyscallSet::parse("%file").unwrap();
        let prog = s.filter();
        bpf::validate(&prog).unwrap();
        let at = |arch: u32, n: u32| {
            run(
                &prog,
                &SeccompData {
                    nr: n as i32,
                    arch,
                    instruction_pointer: 0,
                    args: [0; 6],
                },
            )
            .unwrap()
        };
        let enosys = [nr("clone3"), nr("openat2")];
        for n in 0..=MAX_NR {
            let marker = n == seccomp::REPORT_NR;
            let want = if enosys.contains(&n) {
                // As under `run`, so that the trace records libc's fallback.
                bpf::SECCOMP_RET_ERRNO | libc::ENOSYS as u32
            } else if s.contains(n) || marker {
                RET_TRACE
            } else {
                bpf::SECCOMP_RET_ALLOW
            };
            assert_eq!(at(bpf::AUDIT_ARCH_X86_64, n), want, "syscall {n}");
        }
        assert_eq!(
            at(
                bpf::AUDIT_ARCH_X86_64,
                nr("read") | crate::abi::uapi::X32_SYSCALL_BIT
            ),
            RET_TRACE,
            "x32"
        );
        assert_eq!(at(bpf::AUDIT_ARCH_I386, 20), RET_TRACE, "i386");
    }
}
