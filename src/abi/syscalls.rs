//! Syscall names and numbers: the x86_64 table every filter is compiled for, and the i386
//! and x32 tables used only to name foreign-ABI calls in traces and reports.
//!
//! The tables come from the `syscalls` crate (generated from the kernel's syscall tables,
//! up to `file_setattr`, Linux 6.17). Numbers above [`MAX_NR`] are unknown to us and every
//! filter answers them with `ENOSYS`. This module does no I/O.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use syscalls::x86_64::Sysno;

/// The highest x86_64 syscall number in our table.
pub const MAX_NR: u32 = Sysno::last().id() as u32;

/// A syscall name the table does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown syscall `{name}`")]
pub struct UnknownSyscall {
    /// The name as written.
    pub name: String,
    /// The closest known name, if any is close.
    pub suggestion: Option<&'static str>,
}

/// Looks a syscall up by its x86_64 name (`openat`, `newfstatat`, …).
///
/// # Errors
/// [`UnknownSyscall`] with a "did you mean" suggestion when the name is not in the table.
pub fn by_name(name: &str) -> Result<Sysno, UnknownSyscall> {
    Sysno::from_str(name).map_err(|()| UnknownSyscall {
        name: name.to_string(),
        suggestion: crate::suggest::closest(name, names()),
    })
}

/// The x86_64 syscall with this number, if there is one.
pub fn by_number(nr: u32) -> Option<Sysno> {
    usize::try_from(nr).ok().and_then(Sysno::new)
}

/// The x86_64 name of a syscall number, if it has one.
pub fn name(nr: u32) -> Option<&'static str> {
    by_number(nr).map(|s| s.name())
}

/// The first other Linux architecture (of the `syscalls` crate's tables) with a syscall of
/// this name, for profiles written for several (`_llseek`, `chown32`, `socketcall`, `recv`).
pub fn other_arch(name: &str) -> Option<&'static str> {
    use std::str::FromStr;
    let known: [(&'static str, bool); 12] = [
        ("i386", syscalls::x86::Sysno::from_str(name).is_ok()),
        ("arm", syscalls::arm::Sysno::from_str(name).is_ok()),
        ("aarch64", syscalls::aarch64::Sysno::from_str(name).is_ok()),
        ("mips", syscalls::mips::Sysno::from_str(name).is_ok()),
        ("mips64", syscalls::mips64::Sysno::from_str(name).is_ok()),
        ("powerpc", syscalls::powerpc::Sysno::from_str(name).is_ok()),
        (
            "powerpc64",
            syscalls::powerpc64::Sysno::from_str(name).is_ok(),
        ),
        ("riscv64", syscalls::riscv64::Sysno::from_str(name).is_ok()),
        ("s390x", syscalls::s390x::Sysno::from_str(name).is_ok()),
        ("sparc", syscalls::sparc::Sysno::from_str(name).is_ok()),
        ("sparc64", syscalls::sparc64::Sysno::from_str(name).is_ok()),
        (
            "loongarch64",
            syscalls::loongarch64::Sysno::from_str(name).is_ok(),
        ),
    ];
    known.into_iter().find(|(_, k)| *k).map(|(a, _)| a)
}

/// The i386 name of a syscall number (what `int 0x80` with `eax = nr` calls).
pub fn i386_name(nr: u32) -> Option<&'static str> {
    usize::try_from(nr)
        .ok()
        .and_then(syscalls::x86::Sysno::new)
        .map(|s| s.name())
}

/// The name of an x32 syscall, by its number without the x32 bit (`__X32_SYSCALL_BIT`):
/// the x86_64 table below 512, then the x32-only compat entries (used only to name calls in
/// traces and reports; every filter refuses x32 calls).
pub fn x32_name(nr: u32) -> Option<&'static str> {
    const COMPAT: [&str; 36] = [
        "rt_sigaction",
        "rt_sigreturn",
        "ioctl",
        "readv",
        "writev",
        "recvfrom",
        "sendmsg",
        "recvmsg",
        "execve",
        "ptrace",
        "rt_sigpending",
        "rt_sigtimedwait",
        "rt_sigqueueinfo",
        "sigaltstack",
        "timer_create",
        "mq_notify",
        "kexec_load",
        "waitid",
        "set_robust_list",
        "get_robust_list",
        "vmsplice",
        "move_pages",
        "preadv",
        "pwritev",
        "rt_tgsigqueueinfo",
        "recvmmsg",
        "sendmmsg",
        "process_vm_readv",
        "process_vm_writev",
        "setsockopt",
        "getsockopt",
        "io_setup",
        "io_submit",
        "execveat",
        "preadv2",
        "pwritev2",
    ];
    if nr < 512 {
        name(nr)
    } else {
        COMPAT.get((nr - 512) as usize).copied()
    }
}

/// Every syscall of the x86_64 table, in number order.
///
/// By number rather than `Sysno::iter()`, which (in syscalls 0.8) stops before the table's
/// last entry.
pub fn all() -> impl Iterator<Item = Sysno> {
    (0..=MAX_NR).filter_map(by_number)
}

/// All syscall names of the x86_64 table, in number order.
pub fn names() -> impl Iterator<Item = &'static str> {
    all().map(|s| s.name())
}

/// A syscall as stored in policies: serialised as its name.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Syscall(pub Sysno);

impl Syscall {
    /// The x86_64 syscall number.
    pub fn nr(self) -> u32 {
        // Sysno ids are small non-negative numbers.
        self.0.id() as u32
    }

    /// The syscall's name.
    pub fn name(self) -> &'static str {
        self.0.name()
    }
}

impl fmt::Display for Syscall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name())
    }
}

impl fmt::Debug for Syscall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name())
    }
}

impl FromStr for Syscall {
    type Err = UnknownSyscall;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        by_name(s).map(Syscall)
    }
}

impl From<Sysno> for Syscall {
    fn from(s: Sysno) -> Self {
        Syscall(s)
    }
}

impl Serialize for Syscall {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.name())
    }
}

impl<'de> Deserialize<'de> for Syscall {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        by_name(&name).map(Syscall).map_err(|e| {
            let hint = e
                .suggestion
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            serde::de::Error::custom(format!("{e}{hint}"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers_agree_with_libc() {
        assert_eq!(by_name("openat").unwrap().id() as i64, libc::SYS_openat);
        assert_eq!(
            by_name("newfstatat").unwrap().id() as i64,
            libc::SYS_newfstatat
        );
        assert_eq!(by_name("clone3").unwrap().id() as i64, libc::SYS_clone3);
        assert_eq!(
            by_name("io_uring_setup").unwrap().id() as i64,
            libc::SYS_io_uring_setup
        );
        assert_eq!(name(libc::SYS_getppid as u32), Some("getppid"));
        assert_eq!(i386_name(20), Some("getpid"));
        assert_eq!(i386_name(102), Some("socketcall"));
        assert_eq!(x32_name(39), Some("getpid"));
        assert_eq!(x32_name(512), Some("rt_sigaction"));
        assert_eq!(x32_name(547), Some("pwritev2"));
        assert_eq!(x32_name(548), None);
        const { assert!(MAX_NR >= 462, "table should reach at least mseal (462)") };
    }

    #[test]
    fn unknown_names_suggest() {
        let e = by_name("opneat").unwrap_err();
        assert_eq!(e.suggestion, Some("openat"));
        let last = name(MAX_NR).unwrap();
        assert_eq!(names().last(), Some(last), "the last entry is listed");
        let e = by_name(&last[..last.len() - 1]).unwrap_err();
        assert_eq!(e.suggestion, Some(last));
        assert!(by_name("").is_err());
        assert!(
            by_number(400).is_none(),
            "x86_64 has a hole between 334 and 424"
        );
    }

    #[test]
    fn serde_uses_names() {
        let s: Syscall = serde_json::from_str("\"read\"").unwrap();
        assert_eq!(s.nr(), 0);
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"read\"");
        let e = serde_json::from_str::<Syscall>("\"raed\"").unwrap_err();
        assert!(e.to_string().contains("did you mean `read`"), "{e}");
    }
}
