//! How wide each argument of each x86_64 syscall is, as the kernel reads it.
//!
//! A condition on an `int` argument must compare only the low 32 bits (the kernel ignores the
//! rest, so a 64-bit compare in a deny rule is bypassed by setting upper bits), and a
//! condition on a pointer or `long` must compare all 64 (a 32-bit compare in an allow rule is
//! bypassed by a value whose low half matches). The widths come from the C types of the one
//! per-syscall table ([`super::table`], checked against the running kernel); this module
//! answers the questions the rest of the crate asks of them: the default width of rules
//! written without one ([`default_width`]), and the width of any argument ([`width`]), which
//! the promise table's conditions and the argument masks of trace profiles are tested
//! against. The module does no I/O.

use super::syscalls::Sysno;
use super::table::{self, Param};

pub use super::Width;

/// Whether the kernel reads this argument as 32 bits (declared so, or narrowed by the
/// kernel: [`Param::narrowed`]); `None` for an argument the syscall does not take.
pub(crate) fn is_32bit(syscall: Sysno, index: u8) -> Option<bool> {
    width(syscall, index).map(|w| w == Width::Dword)
}

/// The width the kernel reads the argument with; `None` for an argument the syscall does not
/// take.
pub(crate) fn width(syscall: Sysno, index: u8) -> Option<Width> {
    param(syscall, index).map(Param::width)
}

fn param(syscall: Sysno, index: u8) -> Option<&'static Param> {
    table::of(syscall).and_then(|e| e.params.get(usize::from(index)))
}

/// The width a condition gets when the rule does not say: the kernel's width from the table;
/// for an argument the syscall does not take (which the kernel never reads), the width that
/// fails closed: 32 bits for rules that deny (so upper bits cannot dodge them) and 64 bits
/// for rules that allow (so a value with a matching low half cannot sneak through). A value
/// that needs more than 32 bits gets 64, except a negative `int` constant such as `AT_FDCWD`
/// on a 32-bit argument.
pub(crate) fn default_width(syscall: Sysno, index: u8, value: u64, allows: bool) -> Width {
    let fits = value <= u64::from(u32::MAX);
    let negative_int = value >> 32 == 0xffff_ffff && value & 0x8000_0000 != 0;
    match is_32bit(syscall, index) {
        Some(true) if fits || negative_int => Width::Dword,
        Some(_) => Width::Qword,
        None if !fits || allows => Width::Qword,
        None => Width::Dword,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use Sysno as S;

    #[test]
    fn widths() {
        assert_eq!(default_width(S::ioctl, 1, 0x5413, true), Width::Dword);
        assert_eq!(default_width(S::ioctl, 2, 0, true), Width::Qword);
        assert_eq!(default_width(S::sendto, 4, 0, true), Width::Qword);
        assert_eq!(default_width(S::mincore, 0, 1, true), Width::Qword);
        assert_eq!(default_width(S::mincore, 0, 1, false), Width::Qword);
        assert_eq!(default_width(S::ioctl, 1, 1 << 40, false), Width::Qword);
        assert_eq!(
            default_width(S::openat, 0, (-100i64) as u64, true),
            Width::Dword
        );
        assert_eq!(
            default_width(S::mincore, 0, (-100i64) as u64, false),
            Width::Qword
        );
        // The bypass: `enum landlock_rule_type` is an int.
        assert_eq!(
            default_width(S::landlock_add_rule, 1, 2, false),
            Width::Dword
        );
        assert_eq!(default_width(S::futex, 5, 1, false), Width::Dword);
        assert_eq!(default_width(S::clone, 0, 0x11, false), Width::Dword);
        assert_eq!(default_width(S::readv, 0, 3, false), Width::Dword);
        assert_eq!(default_width(S::readv, 2, 3, false), Width::Qword);
        assert_eq!(default_width(S::mmap, 2, 4, false), Width::Qword);
    }

    #[test]
    fn arguments_the_syscall_does_not_take_fail_closed() {
        // getpid takes nothing; read takes three.
        assert_eq!(is_32bit(S::getpid, 0), None);
        assert_eq!(is_32bit(S::read, 3), None);
        assert_eq!(default_width(S::getpid, 0, 1, false), Width::Dword);
        assert_eq!(default_width(S::getpid, 0, 1, true), Width::Qword);
        assert_eq!(default_width(S::read, 5, 1, false), Width::Dword);
        assert_eq!(default_width(S::read, 5, 1, true), Width::Qword);
        assert_eq!(default_width(S::read, 5, 1 << 33, false), Width::Qword);
    }
}
