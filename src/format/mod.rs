//! File formats: what a policy is read from and written to. One file per format (ours in
//! [`policy`], seccompiler's in [`seccompiler`]), the table of formats ([`FORMATS`]) that the
//! command parser, the shell's completer, `save`/`load` and help read, and the file I/O they
//! share ([`fs`]: bounded reads, atomic writes).
//!
//! Above `policy/` (it reads and writes policies) and below `trace/`, `session` and the front
//! ends. It prints nothing; its errors are [`FileError`], rendered at the edge.

pub(crate) mod fs;
pub mod policy;
pub mod seccompiler;

use std::path::PathBuf;

use crate::policy::Policy;

/// A file format `save` writes (and, for ours and seccompiler's, `load` reads back).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Our versioned policy JSON.
    Ours,
    /// seccompiler's filters JSON.
    Seccompiler,
}

/// One row of [`FORMATS`].
#[derive(Debug)]
pub struct FormatSpec {
    /// The format.
    pub format: Format,
    /// Its name after `save --format`.
    pub name: &'static str,
    /// Other names accepted for it.
    pub aliases: &'static [&'static str],
    /// The file `save` writes when none is named.
    pub default_file: &'static str,
    /// Whether the file holds the whole policy, so that saving it leaves nothing unsaved.
    pub whole_policy: bool,
    /// The text written for a policy.
    pub export: fn(&Policy) -> Result<String, String>,
    /// What `save` says after writing it (what the format leaves out, how to use it).
    pub notes: &'static [&'static str],
}

/// Every format, in the order help lists them.
pub(crate) static FORMATS: &[FormatSpec] = &[
    FormatSpec {
        format: Format::Ours,
        name: "seccomp-pledge",
        aliases: &["ours", "policy"],
        default_file: "policy.json",
        whole_policy: true,
        export: |p| policy::to_text(p).map_err(|e| e.to_string()),
        notes: &[],
    },
    FormatSpec {
        format: Format::Seccompiler,
        name: "seccompiler",
        aliases: &["filters"],
        default_file: "filters.json",
        whole_policy: false,
        export: |p| seccompiler::export(p).map_err(|e| e.to_string()),
        notes: &[
            "seccompiler's format holds the seccomp rules only: unveils, limits and options are not in it",
            "install every filter of the file, the `allow` filter last (it refuses seccomp(2) itself)",
        ],
    },
];

impl Format {
    /// The format's row.
    pub fn spec(self) -> &'static FormatSpec {
        FORMATS
            .iter()
            .find(|f| f.format == self)
            .expect("every format has a row")
    }

    /// The format a name or alias stands for.
    pub fn by_name(name: &str) -> Option<Format> {
        FORMATS
            .iter()
            .find(|f| f.name == name || f.aliases.contains(&name))
            .map(|f| f.format)
    }
}

/// The formats' names, in table order (for completion and hints).
pub(crate) fn names() -> impl Iterator<Item = &'static str> {
    FORMATS.iter().map(|f| f.name)
}

/// The `format` field that marks a trace profile (`save --trace`), which `load` refuses as a
/// policy and `load --trace` reads.
pub(crate) const TRACE_FORMAT: &str = "seccomp-pledge trace";

/// What a policy file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// Our versioned policy JSON.
    Policy,
    /// seccompiler's `filters.json` (imported as rules).
    Seccompiler,
}

impl std::fmt::Display for FileKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            FileKind::Policy => "policy",
            FileKind::Seccompiler => "seccompiler filters",
        })
    }
}

/// A file that cannot be read, parsed or written.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// A policy file that cannot be read or parsed.
    #[error("cannot load policy `{path}`: {message}")]
    Load {
        /// The file.
        path: PathBuf,
        /// What is wrong (with line and column for JSON errors).
        message: String,
    },
    /// A trace profile given where a policy is expected.
    #[error("cannot load policy `{path}`: {}", policy::TRACE_NOT_POLICY)]
    TraceNotPolicy {
        /// The file.
        path: PathBuf,
    },
    /// A trace profile that cannot be read or parsed.
    #[error("cannot load trace `{path}`: {message}")]
    LoadTrace {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
        /// How to fix it.
        hint: Option<String>,
    },
    /// A trace profile that cannot be written.
    #[error("cannot save the trace to `{path}`: {message}")]
    SaveTrace {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A file that cannot be written.
    #[error("cannot save `{path}`: {message}")]
    Save {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

impl FileError {
    /// How to fix it, if there is a known way.
    pub fn hint(&self) -> Option<String> {
        match self {
            FileError::TraceNotPolicy { .. } => Some(
                "`load --trace FILE` merges it into the session's trace, and `suggest` makes a policy of it".into(),
            ),
            FileError::LoadTrace { hint, .. } => hint.clone(),
            FileError::Load { .. } | FileError::Save { .. } | FileError::SaveTrace { .. } => None,
        }
    }
}
