//! The system's dynamic loaders and C libraries: which loader files are the system's (glibc's
//! and musl's, by device and inode, reached only through root-owned paths), the directories
//! and files they read, and the promises a loader needs. Read by the launcher, the
//! supervisor and the tracer; below both launcher and supervisor.

use std::path::{Path, PathBuf};

use super::elf;
use super::shown;
use crate::policy::{Promise, PromiseSet};

/// Library directories a dynamic program's loader reads (pledge.com's list).
pub(crate) const LIB_DIRS: &[&str] = &[
    "/lib",
    "/lib64",
    "/usr/lib",
    "/usr/lib64",
    "/usr/local/lib",
    "/usr/local/lib64",
];
/// Loader configuration files.
pub(crate) const LOADER_FILES: &[&str] = &[
    "/etc/ld.so.conf",
    "/etc/ld.so.cache",
    "/etc/ld.so.conf.d",
    "/etc/ld.so.preload",
    "/etc/ld-musl-x86_64.path",
];

/// The promises a dynamic loader needs to map the program's libraries.
pub(crate) fn loader_promises() -> PromiseSet {
    PromiseSet::of(&[Promise::Rpath, Promise::ProtExec])
}

/// The system's dynamic loaders the markers work with: (path, C library).
const SYSTEM_LOADERS: &[(&str, Libc)] = &[
    ("/lib64/ld-linux-x86-64.so.2", Libc::Glibc),
    ("/lib/ld-musl-x86_64.so.1", Libc::Musl),
];

/// The loader whose marker a static program passes on to the dynamic programs it
/// executes: the system's glibc loader, if there is one.
pub(crate) fn static_marker_loader() -> Option<SystemLoader> {
    system_loader(Path::new(SYSTEM_LOADERS[0].0)).ok()
}

/// Which C library's loader runs the program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Libc {
    /// glibc: narrowed by an audit module (`LD_AUDIT`).
    Glibc,
    /// musl: narrowed by a preloaded library (`LD_PRELOAD`).
    Musl,
}

/// A verified system loader: its C library and the identity of its file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SystemLoader {
    /// Whose loader it is.
    pub libc: Libc,
    /// (device, inode) of the loader file.
    pub id: (u64, u64),
}

/// The directories whose root-owned files count as system files (libraries and programs),
/// merged-/usr or not. [`elf::system_file`] compares them with a fully resolved path.
pub(crate) fn system_roots() -> &'static [PathBuf] {
    static ROOTS: std::sync::OnceLock<Vec<PathBuf>> = std::sync::OnceLock::new();
    ROOTS.get_or_init(|| {
        LIB_DIRS
            .iter()
            .chain(
                [
                    "/bin",
                    "/sbin",
                    "/usr/bin",
                    "/usr/sbin",
                    "/usr/libexec",
                    "/usr/local/bin",
                ]
                .iter(),
            )
            .map(PathBuf::from)
            .collect()
    })
}

/// Identifies `interpreter` (a `PT_INTERP` path) as the system's glibc or musl loader: the
/// same file (device and inode) as the system loader, reached only through directories and
/// links nobody but root can change, so the kernel opens that file at `execve` too.
///
/// # Errors
/// Why it is not the system loader.
pub(crate) fn system_loader(interpreter: &Path) -> Result<SystemLoader, String> {
    use std::os::unix::fs::MetadataExt;
    // Which system loader it would be (same device and inode), then whether the path to it
    // is one nobody but root can change.
    let id = |p: &Path| std::fs::metadata(p).ok().map(|m| (m.dev(), m.ino()));
    let found = id(interpreter);
    let known = SYSTEM_LOADERS
        .iter()
        .find(|(path, _)| found.is_some() && id(Path::new(path)) == found);
    let Some((_, libc)) = known else {
        return Err(format!(
            "its dynamic loader `{}` is not the system's glibc or musl loader ({})",
            shown(interpreter),
            SYSTEM_LOADERS
                .iter()
                .map(|(p, _)| *p)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    };
    let (_, id) = elf::system_file(interpreter, system_roots()).map_err(|why| {
        format!(
            "its dynamic loader `{}` is not the system's: {why}",
            shown(interpreter)
        )
    })?;
    Ok(SystemLoader { libc: *libc, id })
}
