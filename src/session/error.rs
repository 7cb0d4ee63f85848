//! Why a command cannot be carried out in the session ([`SessionError`]): each case keeps its
//! data (the rule number, the path, the promises) and words its message and hint from it; the
//! front ends render it with every other error (`crate::error`).

use std::path::PathBuf;

use crate::policy::Perms;
use crate::policy::promise::PromiseSet;

/// A command the session refuses, with the state it was refused in.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// `unveil` of a path that cannot be looked at.
    #[error("cannot unveil `{}`: {source}", path.display())]
    CannotUnveil {
        /// The path.
        path: PathBuf,
        /// The permissions asked for.
        perms: Perms,
        /// Why it cannot be looked at.
        source: std::io::Error,
    },
    /// `remove rule N` with no rule N.
    #[error("there is no rule {n}")]
    NoRule {
        /// The number given.
        n: usize,
        /// How many rules the policy has.
        rules: usize,
    },
    /// `remove unveil PATH` of a path not unveiled.
    #[error("`{}` is not unveiled", .0.display())]
    NotUnveiled(PathBuf),
    /// A command that only a front end carries out (`format`, `source`), reaching the
    /// session.
    #[error("`{command}` {what}, not here")]
    FrontEndOnly {
        /// The command.
        command: &'static str,
        /// What it applies to.
        what: &'static str,
        /// Where to use it instead.
        instead: Option<&'static str>,
    },
    /// `verify-export` failed or found differences.
    #[error(transparent)]
    Verify(#[from] crate::verify::VerifyError),
    /// `undo` with nothing to undo.
    #[error("nothing to undo")]
    NothingToUndo,
    /// A rule that exactly contradicts an existing one (same syscall and conditions).
    #[error("`{new}` contradicts rule {index}: `{old}`; the deny would always win")]
    Contradicts {
        /// The new rule, as text.
        new: String,
        /// The existing rule's number.
        index: usize,
        /// The existing rule, as text.
        old: String,
        /// The one of the two that would win, as text.
        winner: String,
        /// The one that would lose, as text.
        loser: String,
    },
    /// A limit the kernel or the launcher cannot work with.
    #[error(transparent)]
    Limit(#[from] crate::policy::limits::TooSmall),
    /// A whole policy (a script's `policy_from`) that is not valid.
    #[error(transparent)]
    Policy(#[from] crate::policy::PolicyError),
    /// The policy cannot be shown as JSON.
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    /// A command that works from the last run, before any run.
    #[error("no run yet: {0}")]
    NoRun(&'static str),
    /// A command that works from the session's trace, before any trace.
    #[error("there is no trace yet")]
    NoTrace,
    /// `save --trace` before any trace.
    #[error("there is no trace to save yet")]
    NoTraceToSave,
    /// `unpromise` of promises not made.
    #[error("`{missing}` is not promised")]
    NotPromised {
        /// The promises not made.
        missing: PromiseSet,
        /// The promises now, as text.
        now: String,
    },
    /// `promise --exec` beyond the promises.
    #[error("`{beyond}` is not promised: exec promises are a subset of the promises")]
    ExecBeyond {
        /// The exec promises that are not promises.
        beyond: PromiseSet,
        /// The promises now, as text.
        now: String,
    },
    /// The shell's `run` with a policy that allows nothing.
    #[error("the policy allows nothing yet: the program could not even start")]
    EmptyPolicy,
    /// `save` over a file the session did not load or save.
    #[error("`{}` exists and was not loaded or saved in this session", .0.display())]
    Foreign(PathBuf),
    /// `-u`/`-g` where seccomp-pledge is not root.
    #[error("{flag} drops privileges, which needs root: seccomp-pledge runs as uid {euid}")]
    NotRoot {
        /// `-u` or `-g`.
        flag: &'static str,
        /// Our effective uid.
        euid: u32,
    },
    /// `suggest --from-profile` given a file that is not a names-only OCI profile.
    #[error("{0}")]
    NotNamesOnly(String),
    /// `-c DIR` naming no directory.
    #[error("invalid -c `{value}`: {why} (give the directory to run the program chrooted in)")]
    BadRoot {
        /// The argument.
        value: String,
        /// What is wrong.
        why: String,
    },
    /// `-u`/`-g` naming no user or group.
    #[error(
        "invalid {flag} `{value}`: no such {what} in /etc/{file} (give a number, or a name listed there)"
    )]
    NoSuchId {
        /// `-u` or `-g`.
        flag: &'static str,
        /// The value as given.
        value: String,
        /// `user` or `group`.
        what: &'static str,
        /// `passwd` or `group`: names are looked up there only (see main.rs).
        file: &'static str,
    },
    /// `-u UID` alone, for a uid the user database lacks: its group is unknown.
    #[error("-u {0}: /etc/passwd has no uid {0}, so its group is unknown")]
    NoGroupFor(u32),
    /// `trace -o FILE` that cannot be created.
    #[error("cannot create `{}`: {source}", path.display())]
    TraceOutput {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

impl From<SessionError> for crate::error::Error {
    fn from(e: SessionError) -> Self {
        crate::error::Error::Command(Box::new(e))
    }
}

impl crate::error::Hinted for SessionError {
    fn hint(&self) -> Option<String> {
        Some(match self {
            SessionError::CannotUnveil {
                path,
                perms,
                source,
            } => crate::error::missing_unveil_hint(path, *perms, source),
            SessionError::NoRule { rules, .. } => {
                format!("the policy has {rules} rules; `show` numbers them")
            }
            SessionError::FrontEndOnly { instead, .. } => return instead.map(str::to_string),
            SessionError::Verify(e) => return e.hint(),
            SessionError::Contradicts {
                index,
                winner,
                loser,
                ..
            } => format!(
                "keep one of them: `{winner}` wins over `{loser}`; `remove rule {index}` first if you mean it"
            ),
            SessionError::NoRun(_) => "`run -- PROGRAM` first".into(),
            SessionError::NoTrace => {
                "trace the program first, e.g. `trace -- ls /usr`, or `load --trace FILE`".into()
            }
            SessionError::NoTraceToSave => {
                "trace the program first, e.g. `trace -- ls /usr`".into()
            }
            SessionError::NotPromised { now, .. } => format!("promises now: {now}"),
            SessionError::ExecBeyond { beyond, now } => {
                format!("`promise {beyond}` first (promises now: {now})")
            }
            SessionError::EmptyPolicy => "grant promises first, e.g. `promise stdio rpath`".into(),
            SessionError::Foreign(_) => "add --force to overwrite it".into(),
            SessionError::NotRoot { flag, .. } => format!("run it as root, or drop {flag}"),
            SessionError::NoGroupFor(_) => "give the group too: -g GID".into(),
            SessionError::NotUnveiled(_)
            | SessionError::NothingToUndo
            | SessionError::Limit(_)
            | SessionError::Policy(_)
            | SessionError::Json(_)
            | SessionError::TraceOutput { .. }
            | SessionError::NoSuchId { .. }
            | SessionError::BadRoot { .. } => return None,
            SessionError::NotNamesOnly(_) => {
                "give a recorded profile whose entries allow names without `args`; `load FILE` takes any profile as explicit rules".into()
            }
        })
    }
}
