//! Running a confined program: resolving and inspecting it (`elf`), the async-signal-safe
//! child (`child`), the launcher and supervisor (`launch`), exit statuses (`status`), and
//! what the kernel supports (`kernel`), Landlock's audit records (`audit`). Parses no text.

pub(crate) mod audit;
pub(crate) mod cgroup;
pub(crate) mod child;
pub(crate) mod elf;
pub(crate) mod handoff;
pub(crate) mod kernel;
pub(crate) mod launch;
pub(crate) mod loader;
pub(crate) mod os;
pub(crate) mod preload;
pub(crate) mod report;
pub(crate) mod status;
pub(crate) mod supervise;
pub(crate) mod unveil_check;

/// A path for a message: escaped, never a control character raw (file contents such as a
/// `#!` line or `PT_INTERP` name some of them).
pub(crate) fn shown(p: &std::path::Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    crate::abi::signature::escape_bare(p.as_os_str().as_bytes())
}
