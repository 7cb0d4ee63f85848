//! Running a confined program: resolving and inspecting it (`elf`), the async-signal-safe
//! child (`child`), the launcher and supervisor (`launch`), exit statuses (`status`), and
//! what the kernel supports (`kernel`), Landlock's audit records (`audit`). Parses no text.

pub mod audit;
pub mod cgroup;
pub mod child;
pub mod elf;
pub mod kernel;
pub mod launch;
pub mod loader;
pub mod os;
pub mod preload;
pub mod report;
pub mod status;
pub mod supervise;
pub mod unveil_check;

/// A path for a message: escaped, never a control character raw (file contents such as a
/// `#!` line or `PT_INTERP` name some of them).
pub fn shown(p: &std::path::Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    crate::abi::signature::escape_bare(p.as_os_str().as_bytes())
}
