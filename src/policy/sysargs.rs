//! Which syscall arguments the x86_64 kernel reads as 32-bit values.
//!
//! A condition on an `int` argument must compare only the low 32 bits (the kernel ignores the
//! rest, so a 64-bit compare in a deny rule is bypassed by setting upper bits), and a
//! condition on a pointer or `long` must compare all 64 (a 32-bit compare in an allow rule is
//! bypassed by a value whose low half matches). This table gives the right default width for
//! rules written without one; for syscalls it does not list, [`default_width`] picks the width
//! that fails closed.

use super::rule::Width;
use super::syscalls::Sysno;

use Sysno as S;

/// (syscall, indices of arguments the kernel reads as 32 bits).
static INT_ARGS: &[(Sysno, &[u8])] = &[
    (S::read, &[0]),
    (S::write, &[0]),
    (S::readv, &[0]),
    (S::writev, &[0]),
    (S::pread64, &[0]),
    (S::pwrite64, &[0]),
    (S::open, &[1, 2]),
    (S::openat, &[0, 2, 3]),
    (S::creat, &[1]),
    (S::close, &[0]),
    (S::close_range, &[0, 1, 2]),
    (S::ioctl, &[0, 1]),
    (S::fcntl, &[0, 1]),
    (S::flock, &[0, 1]),
    (S::socket, &[0, 1, 2]),
    (S::socketpair, &[0, 1, 2]),
    (S::setsockopt, &[0, 1, 2, 4]),
    (S::getsockopt, &[0, 1, 2]),
    (S::connect, &[0, 2]),
    (S::bind, &[0, 2]),
    (S::listen, &[0, 1]),
    (S::accept, &[0]),
    (S::accept4, &[0, 3]),
    (S::shutdown, &[0, 1]),
    (S::sendto, &[0, 3, 5]),
    (S::recvfrom, &[0, 3]),
    (S::sendmsg, &[0, 2]),
    (S::recvmsg, &[0, 2]),
    (S::sendmmsg, &[0, 2, 3]),
    (S::recvmmsg, &[0, 2, 3]),
    (S::getpeername, &[0]),
    (S::getsockname, &[0]),
    (S::clone, &[0]),
    (S::kill, &[0, 1]),
    (S::tkill, &[0, 1]),
    (S::tgkill, &[0, 1, 2]),
    (S::prctl, &[0]),
    (S::prlimit64, &[0, 1]),
    (S::getrlimit, &[0]),
    (S::setrlimit, &[0]),
    (S::chmod, &[1]),
    (S::fchmod, &[0, 1]),
    (S::fchmodat, &[0, 2]),
    (S::chown, &[1, 2]),
    (S::fchown, &[0, 1, 2]),
    (S::lchown, &[1, 2]),
    (S::fchownat, &[0, 2, 3, 4]),
    (S::mkdir, &[1]),
    (S::mkdirat, &[0, 2]),
    (S::mknod, &[1, 2]),
    (S::mknodat, &[0, 2, 3]),
    (S::unlinkat, &[0, 2]),
    (S::renameat, &[0, 2]),
    (S::renameat2, &[0, 2, 4]),
    (S::linkat, &[0, 2, 4]),
    (S::symlinkat, &[1]),
    (S::readlinkat, &[0, 3]),
    (S::newfstatat, &[0, 3]),
    (S::statx, &[0, 2, 3]),
    (S::fstat, &[0]),
    (S::faccessat, &[0, 2]),
    (S::faccessat2, &[0, 2, 3]),
    (S::access, &[1]),
    (S::dup, &[0]),
    (S::dup2, &[0, 1]),
    (S::dup3, &[0, 1, 2]),
    (S::lseek, &[0, 2]),
    (S::fsync, &[0]),
    (S::fdatasync, &[0]),
    (S::fchdir, &[0]),
    (S::getdents64, &[0, 2]),
    (S::execveat, &[0, 4]),
    (S::madvise, &[2]),
    (S::personality, &[0]),
    (S::setuid, &[0]),
    (S::setgid, &[0]),
    (S::setreuid, &[0, 1]),
    (S::setregid, &[0, 1]),
    (S::setresuid, &[0, 1, 2]),
    (S::setresgid, &[0, 1, 2]),
    (S::setfsuid, &[0]),
    (S::setfsgid, &[0]),
    (S::setgroups, &[0]),
    (S::seccomp, &[0, 1]),
    (S::memfd_create, &[1]),
    (S::futex, &[1, 2]),
    (S::getrandom, &[2]),
    (S::pipe2, &[1]),
    (S::eventfd2, &[0, 1]),
    (S::epoll_create1, &[0]),
    (S::epoll_ctl, &[0, 1, 2]),
    (S::epoll_wait, &[0, 2, 3]),
    (S::wait4, &[0, 2]),
    (S::setpgid, &[0, 1]),
    (S::getpgid, &[0]),
    (S::getsid, &[0]),
    (S::ioprio_set, &[0, 1, 2]),
    (S::ioprio_get, &[0, 1]),
    (S::setpriority, &[0, 1, 2]),
    (S::getpriority, &[0, 1]),
    (S::sched_setscheduler, &[0, 1]),
    (S::sched_getscheduler, &[0]),
    (S::umask, &[0]),
    (S::userfaultfd, &[0]),
    (S::inotify_init1, &[0]),
    (S::timerfd_create, &[0, 1]),
    (S::signalfd4, &[0, 3]),
    (S::landlock_create_ruleset, &[2]),
    (S::landlock_add_rule, &[0, 3]),
    (S::landlock_restrict_self, &[0, 1]),
    (S::ptrace, &[]),
    (S::pidfd_open, &[0, 1]),
    (S::pidfd_send_signal, &[0, 1, 3]),
    (S::utimensat, &[0, 3]),
    (S::truncate, &[]),
    (S::ftruncate, &[0]),
    (S::fallocate, &[0, 1]),
];

/// Whether the kernel reads this argument as 32 bits; `None` when the table does not say.
pub fn is_32bit(syscall: Sysno, index: u8) -> Option<bool> {
    INT_ARGS
        .iter()
        .find(|(s, _)| *s == syscall)
        .map(|(_, ints)| ints.contains(&index))
}

/// The width a condition gets when the rule does not say: from the table when it knows the
/// argument; otherwise the width that fails closed: 32 bits for rules that deny (so upper
/// bits cannot dodge them) and 64 bits for rules that allow (so a value with a matching low
/// half cannot sneak through). A value that needs more than 32 bits gets 64, except a
/// negative `int` constant such as `AT_FDCWD` on an argument known to be 32-bit.
pub fn default_width(syscall: Sysno, index: u8, value: u64, allows: bool) -> Width {
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

    #[test]
    fn widths() {
        assert_eq!(default_width(S::ioctl, 1, 0x5413, true), Width::Dword);
        assert_eq!(default_width(S::ioctl, 2, 0, true), Width::Qword);
        assert_eq!(default_width(S::sendto, 4, 0, true), Width::Qword);
        assert_eq!(default_width(S::mincore, 0, 1, true), Width::Qword);
        assert_eq!(default_width(S::mincore, 0, 1, false), Width::Dword);
        assert_eq!(default_width(S::ioctl, 1, 1 << 40, false), Width::Qword);
        assert_eq!(
            default_width(S::openat, 0, (-100i64) as u64, true),
            Width::Dword
        );
        assert_eq!(
            default_width(S::mincore, 0, (-100i64) as u64, false),
            Width::Qword
        );
    }

    #[test]
    fn no_duplicates() {
        let mut seen = std::collections::HashSet::new();
        for (s, _) in INT_ARGS {
            assert!(seen.insert(*s), "{} listed twice", s.name());
        }
    }
}
