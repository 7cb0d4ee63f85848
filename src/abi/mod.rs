//! Kernel facts, below every other layer: x86_64 syscall names and numbers ([`syscalls`], from
//! the `syscalls` crate), the one per-syscall table ([`table`]: each argument's declaration,
//! display kind and role; strace's classes), how wide the kernel reads each argument
//! ([`sysargs`], from the table), named constants and their rendering ([`consts`], taken from
//! `libc`; the few it lacks in [`uapi`] with their headers) and strace-style rendering of
//! calls ([`signature`]).
//!
//! It knows nothing of policies, promises or processes: it imports nothing else from the
//! crate except the suggestion helper, and does no I/O (memory of a traced process is read
//! through the caller's callback).

pub(crate) mod consts;
pub(crate) mod signature;
pub(crate) mod sysargs;
pub mod syscalls;
pub mod table;
pub(crate) mod uapi;

use serde::{Deserialize, Serialize};

/// How many bits of an argument a condition compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Width {
    /// The low 32 bits (what the kernel reads for `int`/`unsigned int` parameters).
    Dword,
    /// All 64 bits (pointers, sizes, `long` parameters).
    Qword,
}
