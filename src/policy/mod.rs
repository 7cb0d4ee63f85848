//! The policy model: promises, unveils, explicit rules, penalty, limits and launch options.
//!
//! Pure data with validation and serde. Depends only on the kernel facts (`abi`) and the
//! suggestion helper; compiling and enforcing live in `compile` and `sandbox`.

pub(crate) mod conditions;
pub(crate) mod limits;
pub mod promise;
pub(crate) mod render;
pub(crate) mod rule;
pub(crate) mod unveil;

use serde::{Deserialize, Serialize};

pub(crate) use limits::{LimitValue, Limits};
pub(crate) use promise::{Promise, PromiseSet};
pub use rule::{Action, Rule};
pub(crate) use unveil::{Perms, Port, Unveil};

/// What happens to a call no promise or rule allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Penalty {
    /// Fail the call with EPERM; the program goes on (pledge.com's default).
    #[default]
    Eperm,
    /// Kill the whole sandbox with SIGSYS (`-k`).
    Kill,
    /// Fail the call with this errno (1 to 4095), written `{"errno": N}` (from imported
    /// seccompiler filters whose mismatch action is another errno than EPERM).
    Errno(u16),
}

impl Penalty {
    /// The seccomp action the penalty stands for.
    pub fn action(self) -> Action {
        match self {
            Penalty::Eperm => Action::Errno(libc::EPERM as u16),
            Penalty::Kill => Action::KillProcess,
            Penalty::Errno(e) => Action::Errno(e),
        }
    }

    /// The errno a denied call fails with (EPERM when the penalty kills).
    pub fn errno(self) -> i32 {
        match self {
            Penalty::Errno(e) => i32::from(e),
            Penalty::Eperm | Penalty::Kill => libc::EPERM,
        }
    }
}

impl std::fmt::Display for Penalty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Penalty::Eperm => f.write_str("eperm"),
            Penalty::Kill => f.write_str("kill"),
            Penalty::Errno(e) => match crate::abi::consts::errno_name(i32::from(*e)) {
                Some(n) => write!(f, "errno {n}"),
                None => write!(f, "errno {e}"),
            },
        }
    }
}

/// How the sandbox is set up around the filters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// Apply unveil rules with Landlock (`-V` turns this off).
    pub unveil: bool,
    /// Fail instead of warning when Landlock enforces less than asked (`--strict`).
    pub strict: bool,
    /// Lowest CPU and I/O priority (`-n`).
    pub nice: bool,
    /// Keep inherited file descriptors above 2 (`-N`).
    pub keep_fds: bool,
    /// Keep the capability bounding set (`-D`).
    pub keep_caps: bool,
    /// Run programs whose loader's promises cannot be dropped exactly, keeping them
    /// (`--allow-loader-promises`).
    pub allow_loader_promises: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            unveil: true,
            strict: false,
            nice: false,
            keep_fds: false,
            keep_caps: false,
            allow_loader_promises: false,
        }
    }
}

/// The format version written into policy files.
pub(crate) const POLICY_VERSION: u32 = 1;

/// A whole policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Format version; files from a newer version are refused.
    #[serde(default = "policy_version")]
    pub version: u32,
    /// Pledge promises.
    #[serde(default)]
    pub promises: PromiseSet,
    /// OpenBSD's execpromises (`-e`): the promises of the programs the program executes, a
    /// subset of `promises`; `None` when executed programs keep the program's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exec_promises: Option<PromiseSet>,
    /// Unveil rules, in the order given.
    #[serde(default, rename = "unveil")]
    pub unveils: Vec<Unveil>,
    /// Network unveils (`connect:443`, `bind:8080`): TCP ports, with Landlock ABI 4.
    #[serde(default, rename = "net", skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<Port>,
    /// Explicit seccomp rules, in the order given.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Penalty for everything not allowed.
    #[serde(default)]
    pub penalty: Penalty,
    /// Resource limits.
    #[serde(default)]
    pub limits: Limits,
    /// Launch options.
    #[serde(default)]
    pub options: Options,
}

fn policy_version() -> u32 {
    POLICY_VERSION
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            version: POLICY_VERSION,
            promises: PromiseSet::EMPTY,
            exec_promises: None,
            unveils: Vec::new(),
            ports: Vec::new(),
            rules: Vec::new(),
            penalty: Penalty::default(),
            limits: Limits::default(),
            options: Options::default(),
        }
    }
}

/// Why a policy is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// A rule breaks seccomp's limits.
    #[error(transparent)]
    Rule(#[from] rule::RuleError),
    /// A file from a newer seccomp-pledge.
    #[error(
        "policy format version {found} is newer than this seccomp-pledge understands ({POLICY_VERSION})"
    )]
    Version {
        /// The version in the file.
        found: u32,
    },
    /// A limit too small for any program to start.
    #[error(transparent)]
    Limit(#[from] limits::TooSmall),
    /// Exec promises beyond the program's own, or without `exec` to use them.
    #[error("{0}")]
    ExecPromises(String),
}

impl Policy {
    /// Checks every rule and the version.
    ///
    /// # Errors
    /// The first problem found.
    pub fn validate(&self) -> Result<(), PolicyError> {
        if self.version > POLICY_VERSION {
            return Err(PolicyError::Version {
                found: self.version,
            });
        }
        if let Penalty::Errno(e) = self.penalty {
            if e == 0 || e > rule::MAX_ERRNO {
                return Err(rule::RuleError::BadErrno {
                    errno: u32::from(e),
                }
                .into());
            }
        }
        for r in &self.rules {
            r.validate()?;
        }
        self.limits.validate()?;
        if let Some(e) = self.exec_promises {
            if !self.promises.contains(Promise::Exec) {
                return Err(PolicyError::ExecPromises(format!(
                    "exec promises `{e}` need the promise `exec`: without it the program executes nothing (add exec to -p)"
                )));
            }
            let beyond = e.difference(self.promises);
            if !beyond.is_empty() {
                return Err(PolicyError::ExecPromises(format!(
                    "exec promises `{beyond}` are not among the program's promises `{}`: executed programs get a subset of them (add them to -p, or drop them from -e)",
                    self.promises
                )));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::rule::{Condition, Op, Width};
    use super::*;

    #[test]
    fn exec_promises_are_a_subset_that_needs_exec_and_round_trip() {
        let mut p = Policy {
            promises: PromiseSet::parse("stdio inet exec").unwrap(),
            exec_promises: Some(PromiseSet::parse("stdio").unwrap()),
            ..Policy::default()
        };
        assert_eq!(p.validate(), Ok(()));
        let text = serde_json::to_string(&p).unwrap();
        assert!(text.contains(r#""exec_promises":["stdio"]"#), "{text}");
        assert_eq!(serde_json::from_str::<Policy>(&text).unwrap(), p);
        // Absent from files that have none (older files load unchanged).
        let plain = Policy::default();
        assert!(
            !serde_json::to_string(&plain)
                .unwrap()
                .contains("exec_promises")
        );
        p.exec_promises = Some(PromiseSet::parse("stdio dns").unwrap());
        assert!(
            p.validate()
                .unwrap_err()
                .to_string()
                .contains("`dns` are not among")
        );
        p.promises = PromiseSet::parse("stdio dns").unwrap();
        assert!(
            p.validate()
                .unwrap_err()
                .to_string()
                .contains("need the promise `exec`")
        );
    }

    #[test]
    fn json_round_trip() {
        let mut p = Policy {
            promises: PromiseSet::parse("stdio rpath inet").unwrap(),
            ..Policy::default()
        };
        p.unveils.push(Unveil::parse_flag("rw:/tmp").unwrap());
        p.rules.push(Rule {
            syscall: "ioctl".parse().unwrap(),
            conditions: vec![Condition::new(1, Width::Dword, Op::Eq, 0x5413)],
            action: Action::Allow,
            comment: None,
        });
        p.limits.address_space = Some(LimitValue::Value(4 << 30));
        p.penalty = Penalty::Kill;
        let text = serde_json::to_string_pretty(&p).unwrap();
        let back: Policy = serde_json::from_str(&text).unwrap();
        assert_eq!(p, back);
        assert!(text.contains("\"promises\": [\n    \"stdio\",\n    \"rpath\",\n    \"inet\""));
    }

    #[test]
    fn penalty_json_stays_compatible() {
        for (text, want) in [
            ("\"eperm\"", Penalty::Eperm),
            ("\"kill\"", Penalty::Kill),
            ("{\"errno\":13}", Penalty::Errno(13)),
        ] {
            let p: Penalty = serde_json::from_str(text).unwrap();
            assert_eq!(p, want);
            assert_eq!(serde_json::to_string(&p).unwrap(), text);
        }
        assert_eq!(Penalty::Errno(13).action(), Action::Errno(13));
        let bad = Policy {
            penalty: Penalty::Errno(0),
            ..Policy::default()
        };
        assert!(bad.validate().is_err());
    }

    #[test]
    fn unknown_fields_are_refused() {
        let e = serde_json::from_str::<Policy>(r#"{"version":1,"promise":["stdio"]}"#).unwrap_err();
        assert!(e.to_string().contains("unknown field `promise`"), "{e}");
        let e = serde_json::from_str::<Policy>(r#"{"promises":["stdoi"]}"#).unwrap_err();
        assert!(e.to_string().contains("did you mean `stdio`"), "{e}");
    }
}
