//! Explicit seccomp rules in seccompiler's vocabulary: a syscall, up to six argument
//! conditions (index, dword/qword width, eq ne lt le gt ge masked_eq, value) and an action.
//!
//! Owns the typed rule model, its JSON shape and its exact semantics ([`Condition::matches`],
//! which the BPF compiler must agree with). It parses no text (the command grammar does) and
//! compiles nothing (see `compile::seccomp`).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::abi::syscalls::Syscall;

/// The largest errno a seccomp filter can return (`SECCOMP_RET_DATA` is 16 bits, the kernel
/// caps errno at 4095).
pub(crate) const MAX_ERRNO: u16 = 4095;

pub(crate) use crate::abi::sysargs::Width;

/// A comparison, as in seccompiler's JSON (`"eq"` … or `{"masked_eq": MASK}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// `arg == value`
    Eq,
    /// `arg != value`
    Ne,
    /// `arg < value` (unsigned)
    Lt,
    /// `arg <= value` (unsigned)
    Le,
    /// `arg > value` (unsigned)
    Gt,
    /// `arg >= value` (unsigned)
    Ge,
    /// `arg & mask == value & mask`
    MaskedEq(u64),
}

impl Op {
    /// The comparison's symbol (`==`, `<=` …); `==` for a masked comparison, whose mask is
    /// written separately (`argN & MASK == VALUE`).
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Eq | Op::MaskedEq(_) => "==",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        }
    }
}

/// One argument condition. Conditions of a rule are AND-ed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// Argument position, 0 to 5.
    pub index: u8,
    /// Compared width.
    #[serde(rename = "type")]
    pub width: Width,
    /// Comparison.
    pub op: Op,
    /// Operand.
    #[serde(rename = "val")]
    pub value: u64,
}

impl Condition {
    /// A condition; `index` must be at most 5 (checked by [`Rule::validate`]).
    pub const fn new(index: u8, width: Width, op: Op, value: u64) -> Self {
        Condition {
            index,
            width,
            op,
            value,
        }
    }

    /// Whether the condition holds for these syscall arguments. This is the reference
    /// semantics the compiled BPF must reproduce.
    pub fn matches(&self, args: &[u64; 6]) -> bool {
        let Some(&raw) = args.get(usize::from(self.index)) else {
            return false;
        };
        let (arg, value, mask) = match self.width {
            Width::Dword => (
                raw & 0xffff_ffff,
                self.value & 0xffff_ffff,
                match self.op {
                    Op::MaskedEq(m) => m & 0xffff_ffff,
                    _ => 0,
                },
            ),
            Width::Qword => (
                raw,
                self.value,
                match self.op {
                    Op::MaskedEq(m) => m,
                    _ => 0,
                },
            ),
        };
        match self.op {
            Op::Eq => arg == value,
            Op::Ne => arg != value,
            Op::Lt => arg < value,
            Op::Le => arg <= value,
            Op::Gt => arg > value,
            Op::Ge => arg >= value,
            Op::MaskedEq(_) => arg & mask == value & mask,
        }
    }

    /// The same condition as a seccompiler condition.
    ///
    /// # Errors
    /// Only when the index is above 5.
    pub fn to_seccompiler(
        self,
    ) -> Result<seccompiler::SeccompCondition, seccompiler::BackendError> {
        use seccompiler::{SeccompCmpArgLen as Len, SeccompCmpOp as SOp};
        let len = match self.width {
            Width::Dword => Len::Dword,
            Width::Qword => Len::Qword,
        };
        let op = match self.op {
            Op::Eq => SOp::Eq,
            Op::Ne => SOp::Ne,
            Op::Lt => SOp::Lt,
            Op::Le => SOp::Le,
            Op::Gt => SOp::Gt,
            Op::Ge => SOp::Ge,
            Op::MaskedEq(m) => SOp::MaskedEq(m),
        };
        seccompiler::SeccompCondition::new(self.index, len, op, self.value)
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let w = match self.width {
            Width::Dword => "",
            Width::Qword => ":64",
        };
        match self.op {
            Op::MaskedEq(m) => write!(f, "arg{}{w} & {:#x} == {:#x}", self.index, m, self.value),
            op => {
                let sym = op.symbol();
                if self.value > 0xffff {
                    write!(f, "arg{}{w} {sym} {:#x}", self.index, self.value)
                } else {
                    write!(f, "arg{}{w} {sym} {}", self.index, self.value)
                }
            }
        }
    }
}

/// What the kernel does when a rule matches, as in seccompiler's JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Run the syscall.
    Allow,
    /// Fail the syscall with this errno (0 means "pretend success without running it").
    Errno(u16),
    /// Kill the calling thread with SIGSYS.
    KillThread,
    /// Kill the whole process with SIGSYS.
    KillProcess,
    /// Run the syscall and log it to the audit log.
    Log,
    /// Ask the tracer; fails with ENOSYS when no tracer is attached.
    Trace(u16),
    /// Send SIGSYS to the calling thread (the program may handle it).
    Trap,
}

impl Action {
    /// The kernel's precedence for stacked filters: higher wins.
    pub fn severity(self) -> u8 {
        match self {
            Action::KillProcess => 7,
            Action::KillThread => 6,
            Action::Trap => 5,
            Action::Errno(_) => 4,
            Action::Trace(_) => 2,
            Action::Log => 1,
            Action::Allow => 0,
        }
    }

    /// Whether the action stops the syscall from running (as opposed to allow, log, trace).
    pub fn denies(self) -> bool {
        matches!(
            self,
            Action::KillProcess | Action::KillThread | Action::Trap | Action::Errno(_)
        )
    }

    /// The seccomp return value.
    pub fn ret(self) -> u32 {
        use libc as b;
        match self {
            Action::Allow => b::SECCOMP_RET_ALLOW,
            Action::Errno(e) => b::SECCOMP_RET_ERRNO | u32::from(e),
            Action::KillThread => b::SECCOMP_RET_KILL_THREAD,
            Action::KillProcess => b::SECCOMP_RET_KILL_PROCESS,
            Action::Log => b::SECCOMP_RET_LOG,
            Action::Trace(d) => b::SECCOMP_RET_TRACE | u32::from(d),
            Action::Trap => b::SECCOMP_RET_TRAP,
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Allow => f.write_str("allow"),
            Action::Errno(e) => match crate::abi::consts::errno_name(i32::from(*e)) {
                Some(name) => write!(f, "errno {name}"),
                None => write!(f, "errno {e}"),
            },
            Action::KillThread => f.write_str("kill_thread"),
            Action::KillProcess => f.write_str("kill_process"),
            Action::Log => f.write_str("log"),
            Action::Trace(d) => write!(f, "trace {d}"),
            Action::Trap => f.write_str("trap"),
        }
    }
}

/// An explicit rule: these syscalls, when all conditions hold, get this action.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The syscall the rule is about.
    pub syscall: Syscall,
    /// Argument conditions, AND-ed; empty = any arguments.
    #[serde(default, rename = "args", skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    /// What happens when it matches.
    pub action: Action,
    /// Free text kept with the rule (where it came from, why).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// Why a rule cannot be part of a policy.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    /// Argument index above 5.
    #[error(
        "argument index {index} is out of range in a rule for `{syscall}`: syscalls have arguments 0 to 5"
    )]
    BadIndex {
        /// The syscall of the rule.
        syscall: Syscall,
        /// The index given.
        index: u8,
    },
    /// More than six conditions.
    #[error("a rule for `{syscall}` has {count} conditions; at most 6 are allowed")]
    TooManyConditions {
        /// The syscall of the rule.
        syscall: Syscall,
        /// How many were given.
        count: usize,
    },
    /// A dword comparison with a value that needs more than 32 bits.
    #[error(
        "value {value:#x} in `{condition}` does not fit in 32 bits; compare all 64 bits instead"
    )]
    ValueTooWide {
        /// The condition as written.
        condition: String,
        /// The value.
        value: u64,
    },
    /// errno outside 1..=4095.
    #[error("errno {errno} is out of range: use 1 to {MAX_ERRNO}")]
    BadErrno {
        /// The value given.
        errno: u32,
    },
    /// A syscall that is answered with ENOSYS in every filter.
    #[error("`{syscall}` cannot be allowed: {reason}")]
    Unfilterable {
        /// The syscall of the rule.
        syscall: Syscall,
        /// Why.
        reason: &'static str,
    },
}

/// Syscalls every filter answers with `ENOSYS` so that libc falls back to a variant whose
/// arguments BPF can inspect. Rules may deny them harder but never allow them.
pub(crate) const ALWAYS_ENOSYS: &[(&str, &str)] = &[
    (
        "openat2",
        "its flags live in a struct BPF cannot read, so it always fails with ENOSYS and libc falls back to openat",
    ),
    (
        "clone3",
        "its flags live in a struct BPF cannot read, so it always fails with ENOSYS and libc falls back to clone",
    ),
];

impl Rule {
    /// Checks the limits seccompiler and the kernel impose.
    ///
    /// # Errors
    /// The first problem found.
    pub fn validate(&self) -> Result<(), RuleError> {
        if self.conditions.len() > 6 {
            return Err(RuleError::TooManyConditions {
                syscall: self.syscall,
                count: self.conditions.len(),
            });
        }
        for c in &self.conditions {
            if c.index > 5 {
                return Err(RuleError::BadIndex {
                    syscall: self.syscall,
                    index: c.index,
                });
            }
            let mask = match c.op {
                Op::MaskedEq(m) => m,
                _ => 0,
            };
            if c.width == Width::Dword
                && (c.value > u64::from(u32::MAX) || mask > u64::from(u32::MAX))
            {
                return Err(RuleError::ValueTooWide {
                    condition: c.to_string(),
                    value: c.value.max(mask),
                });
            }
        }
        if let Action::Errno(e) = self.action {
            if e == 0 || e > MAX_ERRNO {
                return Err(RuleError::BadErrno {
                    errno: u32::from(e),
                });
            }
        }
        if !self.action.denies() {
            if let Some((_, reason)) = ALWAYS_ENOSYS
                .iter()
                .find(|(name, _)| *name == self.syscall.name())
            {
                return Err(RuleError::Unfilterable {
                    syscall: self.syscall,
                    reason,
                });
            }
        }
        Ok(())
    }

    /// Whether the rule applies to these arguments.
    pub fn matches(&self, args: &[u64; 6]) -> bool {
        self.conditions.iter().all(|c| c.matches(args))
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = if self.action == Action::Allow {
            "allow"
        } else {
            "deny"
        };
        write!(f, "{verb} {}", self.syscall)?;
        for (i, c) in self.conditions.iter().enumerate() {
            write!(f, " {} {c}", if i == 0 { "if" } else { "and" })?;
        }
        if self.action != Action::Allow {
            write!(f, " {}", self.action)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: u64) -> [u64; 6] {
        [a, 0, 0, 0, 0, 0]
    }

    #[test]
    fn dword_ignores_upper_bits() {
        let c = Condition::new(0, Width::Dword, Op::Eq, 0x5412);
        assert!(c.matches(&args(0x5412)));
        assert!(c.matches(&args(0x1_0000_5412)));
        let q = Condition::new(0, Width::Qword, Op::Eq, 0x5412);
        assert!(!q.matches(&args(0x1_0000_5412)));
    }

    #[test]
    fn masked_eq() {
        let c = Condition::new(0, Width::Dword, Op::MaskedEq(0b11), 0);
        assert!(c.matches(&args(0b100)));
        assert!(!c.matches(&args(0b101)));
    }

    #[test]
    fn validation() {
        let sys = Syscall(crate::abi::syscalls::by_name("ioctl").unwrap());
        let mut r = Rule {
            syscall: sys,
            conditions: vec![Condition::new(6, Width::Dword, Op::Eq, 1)],
            action: Action::Allow,
            comment: None,
        };
        assert!(matches!(
            r.validate(),
            Err(RuleError::BadIndex { index: 6, .. })
        ));
        r.conditions = vec![Condition::new(1, Width::Dword, Op::Eq, 1 << 33)];
        assert!(matches!(r.validate(), Err(RuleError::ValueTooWide { .. })));
        r.conditions.clear();
        r.action = Action::Errno(0);
        assert!(matches!(
            r.validate(),
            Err(RuleError::BadErrno { errno: 0 })
        ));
        r.action = Action::Errno(4096);
        assert!(r.validate().is_err());
        r.action = Action::Errno(13);
        assert!(r.validate().is_ok());
        let clone3 = Syscall(crate::abi::syscalls::by_name("clone3").unwrap());
        let r = Rule {
            syscall: clone3,
            conditions: vec![],
            action: Action::Allow,
            comment: None,
        };
        assert!(matches!(r.validate(), Err(RuleError::Unfilterable { .. })));
    }

    #[test]
    fn json_shape_is_seccompilers() {
        let r: Rule = serde_json::from_str(
            r#"{"syscall":"socket","args":[{"index":0,"type":"dword","op":"eq","val":2}],"action":{"errno":13}}"#,
        )
        .unwrap();
        assert_eq!(r.action, Action::Errno(13));
        assert_eq!(r.conditions[0].width, Width::Dword);
        let m: Condition =
            serde_json::from_str(r#"{"index":2,"type":"qword","op":{"masked_eq":4},"val":0}"#)
                .unwrap();
        assert_eq!(m.op, Op::MaskedEq(4));
        assert!(
            serde_json::from_str::<Rule>(r#"{"syscall":"read","action":"allow","bogus":1}"#)
                .is_err()
        );
    }
}
