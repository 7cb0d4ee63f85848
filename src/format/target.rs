//! What every export to a native target (a container runtime, bubblewrap, a raw BPF file)
//! has in common: the options (`--runtime`, `--lossy`), the runtime-tax table
//! ([`RUNTIMES`]), the policy adapted to a filter installed *before* the program starts
//! ([`adapt`]), and the list of [`Difference`]s from `seccomp-pledge run` that every export
//! prints and refuses on unless `--lossy` accepts it.
//!
//! A target installs one filter before it executes the program and never narrows it after:
//! it cannot allow `execve` only once, nor drop the loader's promises after the loader. Those
//! widenings are inherent and always listed; losses that depend on the policy (unveils,
//! limits, the checks on the sandbox's own pid) make the export refuse without `--lossy`.

use std::fmt;

use crate::abi::syscalls;
use crate::policy::promise::{PID_PLACEHOLDER, Promise};
use crate::policy::{Action, Policy, Rule};

/// A runtime whose own calls, made after it installs the filter and before the program
/// starts, the filter must allow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Runtime {
    /// No runtime's calls added (the profile as the policy says, plus `execve`).
    #[default]
    None,
    /// runc (Docker, containerd, Podman with runc).
    Runc,
    /// crun (Podman's default).
    Crun,
    /// bubblewrap (`bwrap --seccomp FD`).
    Bwrap,
}

/// One row of [`RUNTIMES`].
#[derive(Debug)]
pub struct RuntimeSpec {
    /// The runtime.
    pub runtime: Runtime,
    /// Its name after `--runtime`.
    pub name: &'static str,
    /// The calls it makes between installing the filter and executing the program.
    pub calls: &'static [&'static str],
}

/// Every runtime, in the order help lists them. The calls were measured with the runtimes'
/// Debian builds (runc 1.1.5, crun 1.8.1, bubblewrap 0.8): each started a container whose
/// profile allowed only `execve`, `exit_group` and these, and failed with any one removed.
pub(crate) static RUNTIMES: &[RuntimeSpec] = &[
    RuntimeSpec {
        runtime: Runtime::None,
        name: "none",
        calls: &[],
    },
    RuntimeSpec {
        runtime: Runtime::Runc,
        name: "runc",
        calls: &[
            "write",
            "close",
            "getpid",
            "fstatfs",
            "epoll_ctl",
            "openat",
            "getdents64",
            "rt_sigreturn",
            "futex",
        ],
    },
    RuntimeSpec {
        runtime: Runtime::Crun,
        name: "crun",
        calls: &["close"],
    },
    RuntimeSpec {
        runtime: Runtime::Bwrap,
        name: "bwrap",
        calls: &[],
    },
];

impl Runtime {
    /// The runtime's row.
    pub fn spec(self) -> &'static RuntimeSpec {
        RUNTIMES
            .iter()
            .find(|r| r.runtime == self)
            .expect("every runtime has a row")
    }

    /// The runtime a name stands for.
    pub fn by_name(name: &str) -> Option<Runtime> {
        RUNTIMES.iter().find(|r| r.name == name).map(|r| r.runtime)
    }
}

/// The runtimes' names, in table order (for completion and hints).
pub(crate) fn runtime_names() -> impl Iterator<Item = &'static str> {
    RUNTIMES.iter().map(|r| r.name)
}

/// How an export is made.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Whose calls to add.
    pub runtime: Runtime,
    /// Accept the listed losses instead of refusing.
    pub lossy: bool,
}

/// Which way an export differs from `seccomp-pledge run` (in the order they are listed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// The target allows more, as every such target does.
    Widens,
    /// The target refuses more (or answers otherwise), as every such target does.
    Narrows,
    /// The target drops part of this policy: exported only with `--lossy`.
    Lossy,
}

/// How an exported policy behaves differently from `seccomp-pledge run`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// Which way.
    pub kind: Kind,
    /// What the target does differently, in one sentence.
    pub text: String,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = match self.kind {
            Kind::Widens => "widens",
            Kind::Narrows => "narrows",
            Kind::Lossy => "lossy",
        };
        write!(f, "{word}: {}", self.text)
    }
}

/// An export: the file's bytes and how it differs from `run`.
#[derive(Clone, Debug)]
pub struct Exported {
    /// What the file holds.
    pub bytes: Vec<u8>,
    /// Every difference, inherent ones first.
    pub differences: Vec<Difference>,
}

impl Exported {
    /// A JSON file (pretty, with a trailing newline).
    ///
    /// # Errors
    /// serde_json's, should the value not serialize.
    pub(crate) fn json(
        value: &impl serde::Serialize,
        differences: Vec<Difference>,
    ) -> Result<Exported, ExportError> {
        let mut text =
            serde_json::to_string_pretty(value).map_err(|e| ExportError::Policy(e.to_string()))?;
        text.push('\n');
        Ok(Exported {
            bytes: text.into_bytes(),
            differences,
        })
    }
}

/// Why a policy is not exported.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The policy itself is invalid or cannot be compiled.
    #[error("{0}")]
    Policy(String),
    /// Exec promises: a target's one filter applies alike to the program and what it runs.
    #[error(
        "the {format} export cannot express exec promises (`{promises}`): the target's one filter applies alike to the program and everything it executes; `unpromise --exec` to export the program's own promises"
    )]
    ExecPromises {
        /// The format.
        format: &'static str,
        /// The exec promises.
        promises: String,
    },
    /// Losses `--lossy` was not given for.
    #[error("{format} cannot express this policy exactly:\n  {}", list(.losses))]
    Lossy {
        /// The format.
        format: &'static str,
        /// What it would lose.
        losses: Vec<String>,
    },
    /// A check with no exact form in the target.
    #[error("{format} cannot express the rules for `{syscall}` exactly: {reason}")]
    NotExpressible {
        /// The format.
        format: &'static str,
        /// The syscall.
        syscall: &'static str,
        /// Why.
        reason: String,
    },
    /// A value the target cannot hold.
    #[error("{format} cannot hold {what} of `{syscall}`: {reason}")]
    OutOfRange {
        /// The format.
        format: &'static str,
        /// The syscall.
        syscall: &'static str,
        /// The value.
        what: String,
        /// Why.
        reason: &'static str,
    },
    /// `--runtime` given for a format that is not installed by a runtime.
    #[error("--runtime is for formats a runtime installs (oci, k8s, bpf), not for {format}")]
    RuntimeNotApplicable {
        /// The format.
        format: &'static str,
    },
}

fn list(items: &[String]) -> String {
    items.join("\n  ")
}

impl ExportError {
    /// How to fix it, if there is a known way.
    pub fn hint(&self) -> Option<String> {
        match self {
            ExportError::Lossy { .. } => Some(
                "`--lossy` exports it anyway, with these losses listed; or change the policy"
                    .into(),
            ),
            ExportError::RuntimeNotApplicable { .. } => {
                Some("drop --runtime, or export with --format oci, k8s or bpf".into())
            }
            _ => None,
        }
    }
}

/// A policy adapted to a native target: the rules the target's filter holds, and how it
/// differs from `run`.
#[derive(Debug)]
pub(crate) struct Adapted {
    /// The policy's rules, then `execve` and the runtime's calls as allow rules.
    pub rules: Vec<Rule>,
    /// Every difference (inherent ones first).
    pub differences: Vec<Difference>,
}

/// Adapts a policy for a filter that a target installs before the program starts.
///
/// # Errors
/// Exec promises; a lossy policy without `opts.lossy`.
pub(crate) fn adapt(
    policy: &Policy,
    opts: &ExportOptions,
    format: &'static str,
    holds_unveils: bool,
) -> Result<Adapted, ExportError> {
    policy
        .validate()
        .map_err(|e| ExportError::Policy(e.to_string()))?;
    if let Some(e) = policy.exec_promises {
        return Err(ExportError::ExecPromises {
            format,
            promises: e.to_string(),
        });
    }
    let mut rules = policy.rules.clone();
    let mut differences = Vec::new();
    let allowed = |name: &str| -> bool {
        let Ok(sysno) = syscalls::by_name(name) else {
            return false;
        };
        policy
            .promises
            .iter()
            .any(|p| p.info().syscalls.contains(&sysno))
            || crate::policy::promise::ALWAYS_ALLOWED.contains(&sysno)
            || policy.rules.iter().any(|r| {
                r.syscall.0 == sysno && r.conditions.is_empty() && r.action == Action::Allow
            })
    };
    let mut add_allow = |name: &'static str, why: String| {
        if let Ok(sysno) = syscalls::by_name(name) {
            rules.push(Rule {
                syscall: syscalls::Syscall::from(sysno),
                conditions: Vec::new(),
                action: Action::Allow,
                comment: Some(why),
            });
        }
    };
    if !allowed("execve") {
        add_allow(
            "execve",
            "the target executes the program after installing the filter".into(),
        );
        differences.push(Difference {
            kind: Kind::Widens,
            text: "execve is allowed for the whole run (`run` allows only its own execution of the program)".into(),
        });
    }
    let rt = opts.runtime.spec();
    let extra: Vec<&str> = rt.calls.iter().copied().filter(|c| !allowed(c)).collect();
    for c in &extra {
        add_allow(
            c,
            format!("{}'s own calls after it installs the filter", rt.name),
        );
    }
    if !extra.is_empty() {
        differences.push(Difference {
            kind: Kind::Widens,
            text: format!(
                "{}'s own calls after it installs the filter are allowed for the whole run: {}",
                rt.name,
                extra.join(" ")
            ),
        });
    }
    if !policy.promises.contains(Promise::Rpath) || !policy.promises.contains(Promise::ProtExec) {
        differences.push(Difference {
            kind: Kind::Widens,
            text: "the promises apply from the program's first instruction, not after its dynamic loader: a dynamically linked program also needs `rpath prot_exec` (`run` grants them to the loader only)".into(),
        });
    }
    let mut losses = Vec::new();
    if !holds_unveils && !policy.unveils.is_empty() {
        let paths: Vec<String> = policy.unveils.iter().map(|u| u.to_string()).collect();
        losses.push(format!(
            "the unveils are dropped (a seccomp profile has no paths; use the target's read-only and masked mounts): {}",
            paths.join(" ")
        ));
    }
    if !policy.ports.is_empty() {
        let list: Vec<String> = policy.ports.iter().map(ToString::to_string).collect();
        losses.push(format!(
            "the network unveils are dropped (a seccomp profile cannot see ports; use the target's network policy): {}",
            list.join(" ")
        ));
    }
    let user_set = {
        let l = &policy.limits;
        [
            l.cpu,
            l.address_space,
            l.open_files,
            l.processes,
            l.file_size,
        ]
        .iter()
        .any(Option::is_some)
    };
    let limits: Vec<String> = policy
        .limits
        .resolve()
        .iter()
        .map(|r| match r.soft {
            u64::MAX => format!("{} unlimited", r.flag),
            n => format!("{} {n}", r.flag),
        })
        .collect();
    if !limits.is_empty() {
        let text = format!(
            "the resource limits `run` sets are not in the file (set them in the target: OCI `process.rlimits`, systemd `Limit*=`): {}",
            limits.join(" ")
        );
        if user_set {
            losses.push(text);
        } else {
            differences.push(Difference {
                kind: Kind::Widens,
                text,
            });
        }
    }
    let self_checks = policy_self_checks(policy);
    if !self_checks.is_empty() {
        differences.push(Difference {
            kind: Kind::Narrows,
            text: format!(
                "calls a promise allows on the sandbox's own pid (known only at launch) get the penalty, such as raise(3)'s tgkill: {}",
                self_checks.join(" ")
            ),
        });
    }
    if !losses.is_empty() && !opts.lossy {
        return Err(ExportError::Lossy { format, losses });
    }
    differences.extend(losses.into_iter().map(|text| Difference {
        kind: Kind::Lossy,
        text,
    }));
    Ok(Adapted { rules, differences })
}

/// Removes the checks that compare a pid with the sandbox's own (known only at launch): such
/// calls fall to what follows, as [`adapt`]'s difference says.
pub(crate) fn drop_self_checks(plan: &mut crate::compile::seccomp::Plan) {
    for sp in &mut plan.syscalls {
        sp.checks
            .retain(|c| !c.conditions.iter().any(|k| k.value == PID_PLACEHOLDER));
    }
}

/// The syscalls whose promise rules compare a pid with the sandbox's own.
fn policy_self_checks(policy: &Policy) -> Vec<&'static str> {
    let Ok(plan) = crate::compile::seccomp::plan(&crate::compile::seccomp::FilterSpec::new(
        policy.promises,
        &policy.rules,
        policy.penalty.action(),
    )) else {
        return Vec::new();
    };
    plan.syscalls
        .iter()
        .enumerate()
        .filter(|(_, sp)| {
            sp.checks
                .iter()
                .any(|c| c.conditions.iter().any(|k| k.value == PID_PLACEHOLDER))
        })
        .filter_map(|(nr, _)| syscalls::name(nr as u32))
        .collect()
}
