//! The syscall tracer: runs a command under ptrace (seccomp-assisted, one stop at entry and
//! one at exit per traced call), prints strace-like text or lurk-compatible JSON lines,
//! summarises (`-c`), and keeps a bounded [`profile::Profile`] from which
//! [`advice`] proposes promises, unveils and rules.

pub(crate) mod advice;
pub(crate) mod args;
pub(crate) mod engine;
pub(crate) mod filter;
mod output;
mod paths;
pub(crate) mod profile;
