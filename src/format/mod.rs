//! File formats: what a policy is read from and written to. One module per format (ours in
//! [`policy`], seccompiler's in [`seccompiler`], OCI profiles in [`oci`] (export and import),
//! the Kubernetes resource in [`k8s`], systemd drop-ins in [`systemd`], raw BPF in [`bpf`]),
//! what the exports to native targets share ([`target`]: options, the runtime-tax table, the
//! listed differences), the table of formats ([`FORMATS`]) that the command parser, the
//! shell's completer, `save`/`load` and help read, and the file I/O they share ([`fs`]:
//! bounded reads, atomic writes).
//!
//! Above `policy/` (it reads and writes policies) and below `trace/`, `session` and the front
//! ends. It prints nothing; its errors are [`FileError`], rendered at the edge.

pub(crate) mod bpf;
pub(crate) mod fs;
pub(crate) mod k8s;
pub(crate) mod oci;
pub mod policy;
pub mod seccompiler;
pub(crate) mod systemd;
pub(crate) mod target;

use std::path::PathBuf;

use crate::policy::Policy;
pub(crate) use target::{ExportError, ExportOptions, Exported, Runtime};

/// A file format `save` writes (and, for ours and seccompiler's, `load` reads back).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Our versioned policy JSON.
    Ours,
    /// seccompiler's filters JSON.
    Seccompiler,
    /// An OCI runtime-spec seccomp profile.
    Oci,
    /// The Security Profiles Operator's `SeccompProfile` resource.
    K8s,
    /// A systemd `[Service]` drop-in.
    Systemd,
    /// Our compiled filter as raw BPF.
    Bpf,
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
    /// The file written for a policy, and how it differs from `run`.
    pub export: fn(&Policy, &ExportOptions) -> Result<Exported, ExportError>,
    /// Whether a runtime installs it, so that `--runtime` applies.
    pub installed_by_runtime: bool,
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
        export: |p, o| {
            not_for_runtime("seccomp-pledge", o)?;
            plain(policy::to_text(p).map_err(|e| e.to_string()))
        },
        installed_by_runtime: false,
        notes: &[],
    },
    FormatSpec {
        format: Format::Seccompiler,
        name: "seccompiler",
        aliases: &["filters"],
        default_file: "filters.json",
        whole_policy: false,
        export: |p, o| {
            not_for_runtime("seccompiler", o)?;
            plain(seccompiler::export(p).map_err(|e| e.to_string()))
        },
        installed_by_runtime: false,
        notes: &[
            "seccompiler's format holds the seccomp rules only: unveils, limits and options are not in it",
            "install every filter of the file, the `allow` filter last (it refuses seccomp(2) itself)",
        ],
    },
    FormatSpec {
        format: Format::Oci,
        name: "oci",
        aliases: &["docker", "podman", "runc", "crun"],
        default_file: "seccomp.json",
        whole_policy: false,
        export: oci::export,
        installed_by_runtime: true,
        notes: &[
            "an OCI seccomp profile: `linux.seccomp` of a bundle's config.json, or `docker run --security-opt seccomp=FILE`",
        ],
    },
    FormatSpec {
        format: Format::K8s,
        name: "k8s",
        aliases: &["kubernetes", "seccompprofile"],
        default_file: "seccompprofile.json",
        whole_policy: false,
        export: k8s::export,
        installed_by_runtime: true,
        notes: &[
            "a Security Profiles Operator SeccompProfile: `kubectl apply -f FILE`, then the pod's `securityContext.seccompProfile` (type Localhost) names it",
        ],
    },
    FormatSpec {
        format: Format::Systemd,
        name: "systemd",
        aliases: &["unit", "drop-in"],
        default_file: "seccomp-pledge.conf",
        whole_policy: false,
        export: systemd::export,
        installed_by_runtime: false,
        notes: &[
            "a systemd [Service] drop-in: /etc/systemd/system/UNIT.service.d/seccomp-pledge.conf, then `systemctl daemon-reload`",
        ],
    },
    FormatSpec {
        format: Format::Bpf,
        name: "bpf",
        aliases: &["raw"],
        default_file: "seccomp.bpf",
        whole_policy: false,
        export: bpf::export,
        installed_by_runtime: true,
        notes: &[
            "raw sock_filter bytes: `bwrap --seccomp 3 3<FILE`, or crun's `run.oci.seccomp_bpf_data` annotation (base64); runc ignores that annotation",
        ],
    },
];

/// The text of a format that is not installed by a runtime, with no differences listed.
fn plain(text: Result<String, String>) -> Result<Exported, ExportError> {
    Ok(Exported {
        bytes: text.map_err(ExportError::Policy)?.into_bytes(),
        differences: Vec::new(),
    })
}

fn not_for_runtime(format: &'static str, o: &ExportOptions) -> Result<(), ExportError> {
    if o.runtime == Runtime::None {
        Ok(())
    } else {
        Err(ExportError::RuntimeNotApplicable { format })
    }
}

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
    /// An OCI seccomp profile or a `SeccompProfile` resource (imported as rules).
    Oci {
        /// Entries left out for this machine (`includes`/`excludes`).
        left_out: usize,
        /// Other architectures' names, skipped.
        foreign: usize,
    },
}

impl std::fmt::Display for FileKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            FileKind::Policy => "policy",
            FileKind::Seccompiler => "seccompiler filters",
            FileKind::Oci { .. } => "an OCI seccomp profile",
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
    /// A policy the format cannot hold (as it is, or at all).
    #[error("cannot save `{path}`: {source}")]
    Export {
        /// The file.
        path: PathBuf,
        /// Why.
        source: ExportError,
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
            FileError::Export { source, .. } => source.hint(),
            FileError::Load { .. } | FileError::Save { .. } | FileError::SaveTrace { .. } => None,
        }
    }
}
