//! How wide each argument of each x86_64 syscall is, as the kernel reads it.
//!
//! A condition on an `int` argument must compare only the low 32 bits (the kernel ignores the
//! rest, so a 64-bit compare in a deny rule is bypassed by setting upper bits), and a
//! condition on a pointer or `long` must compare all 64 (a 32-bit compare in an allow rule is
//! bypassed by a value whose low half matches). This is the one table of those facts: the
//! default width of rules written without one ([`default_width`]), the widths of the promise
//! table's conditions, the argument kinds of the signature table and the argument masks of
//! trace profiles are all tested against it.
//!
//! [`ARGS`] holds the kernel's own declarations: the C type of each parameter of each
//! syscall, as the running kernel lists them in its tracefs syscall events
//! (`/sys/kernel/tracing/events/syscalls/sys_enter_*/format`), classified as 32-bit (`int`,
//! `unsigned int`, `pid_t`, `uid_t`, `umode_t`, an enum, `u32` …) or 64-bit (`long`,
//! `size_t`, `loff_t`, pointers …). It was generated once from Linux 6.18 and is checked
//! against the running kernel, in both directions, by the kernel test `sysargs` in
//! `tests/kernel/sysargs.rs`; syscalls without a tracefs event there (not built into that
//! kernel, or never implemented on x86_64) come from the kernel source and are listed in that
//! test. [`NARROWED`] adds the few arguments declared `unsigned long` that the kernel cuts to
//! 32 bits before any use. The module does no I/O.

use serde::{Deserialize, Serialize};

use super::syscalls::Sysno;

use Sysno as S;

/// How many bits of an argument a condition compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Width {
    /// The low 32 bits (what the kernel reads for `int`/`unsigned int` parameters).
    Dword,
    /// All 64 bits (pointers, sizes, `long` parameters).
    Qword,
}

/// Every syscall of our x86_64 table in number order: (syscall, number of arguments, indices
/// of the arguments whose declared C type is 32 bits wide). Unimplemented numbers
/// (`afs_syscall`, `tuxcall` …) take no arguments.
pub static ARGS: &[(Sysno, u8, &[u8])] = &[
    (S::read, 3, &[0]),
    (S::write, 3, &[0]),
    (S::open, 3, &[1, 2]),
    (S::close, 1, &[0]),
    (S::stat, 2, &[]),
    (S::fstat, 2, &[0]),
    (S::lstat, 2, &[]),
    (S::poll, 3, &[1, 2]),
    (S::lseek, 3, &[0, 2]),
    (S::mmap, 6, &[]),
    (S::mprotect, 3, &[]),
    (S::munmap, 2, &[]),
    (S::brk, 1, &[]),
    (S::rt_sigaction, 4, &[0]),
    (S::rt_sigprocmask, 4, &[0]),
    (S::rt_sigreturn, 0, &[]),
    (S::ioctl, 3, &[0, 1]),
    (S::pread64, 4, &[0]),
    (S::pwrite64, 4, &[0]),
    (S::readv, 3, &[]),
    (S::writev, 3, &[]),
    (S::access, 2, &[1]),
    (S::pipe, 1, &[]),
    (S::select, 5, &[0]),
    (S::sched_yield, 0, &[]),
    (S::mremap, 5, &[]),
    (S::msync, 3, &[2]),
    (S::mincore, 3, &[]),
    (S::madvise, 3, &[2]),
    (S::shmget, 3, &[0, 2]),
    (S::shmat, 3, &[0, 2]),
    (S::shmctl, 3, &[0, 1]),
    (S::dup, 1, &[0]),
    (S::dup2, 2, &[0, 1]),
    (S::pause, 0, &[]),
    (S::nanosleep, 2, &[]),
    (S::getitimer, 2, &[0]),
    (S::alarm, 1, &[0]),
    (S::setitimer, 3, &[0]),
    (S::getpid, 0, &[]),
    (S::sendfile, 4, &[0, 1]),
    (S::socket, 3, &[0, 1, 2]),
    (S::connect, 3, &[0, 2]),
    (S::accept, 3, &[0]),
    (S::sendto, 6, &[0, 3, 5]),
    (S::recvfrom, 6, &[0, 3]),
    (S::sendmsg, 3, &[0, 2]),
    (S::recvmsg, 3, &[0, 2]),
    (S::shutdown, 2, &[0, 1]),
    (S::bind, 3, &[0, 2]),
    (S::listen, 2, &[0, 1]),
    (S::getsockname, 3, &[0]),
    (S::getpeername, 3, &[0]),
    (S::socketpair, 4, &[0, 1, 2]),
    (S::setsockopt, 5, &[0, 1, 2, 4]),
    (S::getsockopt, 5, &[0, 1, 2]),
    (S::clone, 5, &[]),
    (S::fork, 0, &[]),
    (S::vfork, 0, &[]),
    (S::execve, 3, &[]),
    (S::exit, 1, &[0]),
    (S::wait4, 4, &[0, 2]),
    (S::kill, 2, &[0, 1]),
    (S::uname, 1, &[]),
    (S::semget, 3, &[0, 1, 2]),
    (S::semop, 3, &[0, 2]),
    (S::semctl, 4, &[0, 1, 2]),
    (S::shmdt, 1, &[]),
    (S::msgget, 2, &[0, 1]),
    (S::msgsnd, 4, &[0, 3]),
    (S::msgrcv, 5, &[0, 4]),
    (S::msgctl, 3, &[0, 1]),
    (S::fcntl, 3, &[0, 1]),
    (S::flock, 2, &[0, 1]),
    (S::fsync, 1, &[0]),
    (S::fdatasync, 1, &[0]),
    (S::truncate, 2, &[]),
    (S::ftruncate, 2, &[0]),
    (S::getdents, 3, &[0, 2]),
    (S::getcwd, 2, &[]),
    (S::chdir, 1, &[]),
    (S::fchdir, 1, &[0]),
    (S::rename, 2, &[]),
    (S::mkdir, 2, &[1]),
    (S::rmdir, 1, &[]),
    (S::creat, 2, &[1]),
    (S::link, 2, &[]),
    (S::unlink, 1, &[]),
    (S::symlink, 2, &[]),
    (S::readlink, 3, &[2]),
    (S::chmod, 2, &[1]),
    (S::fchmod, 2, &[0, 1]),
    (S::chown, 3, &[1, 2]),
    (S::fchown, 3, &[0, 1, 2]),
    (S::lchown, 3, &[1, 2]),
    (S::umask, 1, &[0]),
    (S::gettimeofday, 2, &[]),
    (S::getrlimit, 2, &[0]),
    (S::getrusage, 2, &[0]),
    (S::sysinfo, 1, &[]),
    (S::times, 1, &[]),
    (S::ptrace, 4, &[]),
    (S::getuid, 0, &[]),
    (S::syslog, 3, &[0, 2]),
    (S::getgid, 0, &[]),
    (S::setuid, 1, &[0]),
    (S::setgid, 1, &[0]),
    (S::geteuid, 0, &[]),
    (S::getegid, 0, &[]),
    (S::setpgid, 2, &[0, 1]),
    (S::getppid, 0, &[]),
    (S::getpgrp, 0, &[]),
    (S::setsid, 0, &[]),
    (S::setreuid, 2, &[0, 1]),
    (S::setregid, 2, &[0, 1]),
    (S::getgroups, 2, &[0]),
    (S::setgroups, 2, &[0]),
    (S::setresuid, 3, &[0, 1, 2]),
    (S::getresuid, 3, &[]),
    (S::setresgid, 3, &[0, 1, 2]),
    (S::getresgid, 3, &[]),
    (S::getpgid, 1, &[0]),
    (S::setfsuid, 1, &[0]),
    (S::setfsgid, 1, &[0]),
    (S::getsid, 1, &[0]),
    (S::capget, 2, &[]),
    (S::capset, 2, &[]),
    (S::rt_sigpending, 2, &[]),
    (S::rt_sigtimedwait, 4, &[]),
    (S::rt_sigqueueinfo, 3, &[0, 1]),
    (S::rt_sigsuspend, 2, &[]),
    (S::sigaltstack, 2, &[]),
    (S::utime, 2, &[]),
    (S::mknod, 3, &[1, 2]),
    (S::uselib, 1, &[]),
    (S::personality, 1, &[0]),
    (S::ustat, 2, &[0]),
    (S::statfs, 2, &[]),
    (S::fstatfs, 2, &[0]),
    (S::sysfs, 3, &[0]),
    (S::getpriority, 2, &[0, 1]),
    (S::setpriority, 3, &[0, 1, 2]),
    (S::sched_setparam, 2, &[0]),
    (S::sched_getparam, 2, &[0]),
    (S::sched_setscheduler, 3, &[0, 1]),
    (S::sched_getscheduler, 1, &[0]),
    (S::sched_get_priority_max, 1, &[0]),
    (S::sched_get_priority_min, 1, &[0]),
    (S::sched_rr_get_interval, 2, &[0]),
    (S::mlock, 2, &[]),
    (S::munlock, 2, &[]),
    (S::mlockall, 1, &[0]),
    (S::munlockall, 0, &[]),
    (S::vhangup, 0, &[]),
    (S::modify_ldt, 3, &[0]),
    (S::pivot_root, 2, &[]),
    (S::_sysctl, 0, &[]),
    (S::prctl, 5, &[0]),
    (S::arch_prctl, 2, &[0]),
    (S::adjtimex, 1, &[]),
    (S::setrlimit, 2, &[0]),
    (S::chroot, 1, &[]),
    (S::sync, 0, &[]),
    (S::acct, 1, &[]),
    (S::settimeofday, 2, &[]),
    (S::mount, 5, &[]),
    (S::umount2, 2, &[1]),
    (S::swapon, 2, &[1]),
    (S::swapoff, 1, &[]),
    (S::reboot, 4, &[0, 1, 2]),
    (S::sethostname, 2, &[1]),
    (S::setdomainname, 2, &[1]),
    (S::iopl, 1, &[0]),
    (S::ioperm, 3, &[2]),
    (S::create_module, 0, &[]),
    (S::init_module, 3, &[]),
    (S::delete_module, 2, &[1]),
    (S::get_kernel_syms, 0, &[]),
    (S::query_module, 0, &[]),
    (S::quotactl, 4, &[0, 2]),
    (S::nfsservctl, 0, &[]),
    (S::getpmsg, 0, &[]),
    (S::putpmsg, 0, &[]),
    (S::afs_syscall, 0, &[]),
    (S::tuxcall, 0, &[]),
    (S::security, 0, &[]),
    (S::gettid, 0, &[]),
    (S::readahead, 3, &[0]),
    (S::setxattr, 5, &[4]),
    (S::lsetxattr, 5, &[4]),
    (S::fsetxattr, 5, &[0, 4]),
    (S::getxattr, 4, &[]),
    (S::lgetxattr, 4, &[]),
    (S::fgetxattr, 4, &[0]),
    (S::listxattr, 3, &[]),
    (S::llistxattr, 3, &[]),
    (S::flistxattr, 3, &[0]),
    (S::removexattr, 2, &[]),
    (S::lremovexattr, 2, &[]),
    (S::fremovexattr, 2, &[0]),
    (S::tkill, 2, &[0, 1]),
    (S::time, 1, &[]),
    (S::futex, 6, &[1, 2, 5]),
    (S::sched_setaffinity, 3, &[0, 1]),
    (S::sched_getaffinity, 3, &[0, 1]),
    (S::set_thread_area, 0, &[]),
    (S::io_setup, 2, &[0]),
    (S::io_destroy, 1, &[]),
    (S::io_getevents, 5, &[]),
    (S::io_submit, 3, &[]),
    (S::io_cancel, 3, &[]),
    (S::get_thread_area, 0, &[]),
    (S::lookup_dcookie, 0, &[]),
    (S::epoll_create, 1, &[0]),
    (S::epoll_ctl_old, 0, &[]),
    (S::epoll_wait_old, 0, &[]),
    (S::remap_file_pages, 5, &[]),
    (S::getdents64, 3, &[0, 2]),
    (S::set_tid_address, 1, &[]),
    (S::restart_syscall, 0, &[]),
    (S::semtimedop, 4, &[0, 2]),
    (S::fadvise64, 4, &[0, 3]),
    (S::timer_create, 3, &[0]),
    (S::timer_settime, 4, &[0, 1]),
    (S::timer_gettime, 2, &[0]),
    (S::timer_getoverrun, 1, &[0]),
    (S::timer_delete, 1, &[0]),
    (S::clock_settime, 2, &[0]),
    (S::clock_gettime, 2, &[0]),
    (S::clock_getres, 2, &[0]),
    (S::clock_nanosleep, 4, &[0, 1]),
    (S::exit_group, 1, &[0]),
    (S::epoll_wait, 4, &[0, 2, 3]),
    (S::epoll_ctl, 4, &[0, 1, 2]),
    (S::tgkill, 3, &[0, 1, 2]),
    (S::utimes, 2, &[]),
    (S::vserver, 0, &[]),
    (S::mbind, 6, &[5]),
    (S::set_mempolicy, 3, &[0]),
    (S::get_mempolicy, 5, &[]),
    (S::mq_open, 4, &[1, 2]),
    (S::mq_unlink, 1, &[]),
    (S::mq_timedsend, 5, &[0, 3]),
    (S::mq_timedreceive, 5, &[0]),
    (S::mq_notify, 2, &[0]),
    (S::mq_getsetattr, 3, &[0]),
    (S::kexec_load, 4, &[]),
    (S::waitid, 5, &[0, 1, 3]),
    (S::add_key, 5, &[4]),
    (S::request_key, 4, &[3]),
    (S::keyctl, 5, &[0]),
    (S::ioprio_set, 3, &[0, 1, 2]),
    (S::ioprio_get, 2, &[0, 1]),
    (S::inotify_init, 0, &[]),
    (S::inotify_add_watch, 3, &[0, 2]),
    (S::inotify_rm_watch, 2, &[0, 1]),
    (S::migrate_pages, 4, &[0]),
    (S::openat, 4, &[0, 2, 3]),
    (S::mkdirat, 3, &[0, 2]),
    (S::mknodat, 4, &[0, 2, 3]),
    (S::fchownat, 5, &[0, 2, 3, 4]),
    (S::futimesat, 3, &[0]),
    (S::newfstatat, 4, &[0, 3]),
    (S::unlinkat, 3, &[0, 2]),
    (S::renameat, 4, &[0, 2]),
    (S::linkat, 5, &[0, 2, 4]),
    (S::symlinkat, 3, &[1]),
    (S::readlinkat, 4, &[0, 3]),
    (S::fchmodat, 3, &[0, 2]),
    (S::faccessat, 3, &[0, 2]),
    (S::pselect6, 6, &[0]),
    (S::ppoll, 5, &[1]),
    (S::unshare, 1, &[]),
    (S::set_robust_list, 2, &[]),
    (S::get_robust_list, 3, &[0]),
    (S::splice, 6, &[0, 2, 5]),
    (S::tee, 4, &[0, 1, 3]),
    (S::sync_file_range, 4, &[0, 3]),
    (S::vmsplice, 4, &[0, 3]),
    (S::move_pages, 6, &[0, 5]),
    (S::utimensat, 4, &[0, 3]),
    (S::epoll_pwait, 6, &[0, 2, 3]),
    (S::signalfd, 3, &[0]),
    (S::timerfd_create, 2, &[0, 1]),
    (S::eventfd, 1, &[0]),
    (S::fallocate, 4, &[0, 1]),
    (S::timerfd_settime, 4, &[0, 1]),
    (S::timerfd_gettime, 2, &[0]),
    (S::accept4, 4, &[0, 3]),
    (S::signalfd4, 4, &[0, 3]),
    (S::eventfd2, 2, &[0, 1]),
    (S::epoll_create1, 1, &[0]),
    (S::dup3, 3, &[0, 1, 2]),
    (S::pipe2, 2, &[1]),
    (S::inotify_init1, 1, &[0]),
    (S::preadv, 5, &[]),
    (S::pwritev, 5, &[]),
    (S::rt_tgsigqueueinfo, 4, &[0, 1, 2]),
    (S::perf_event_open, 5, &[1, 2, 3]),
    (S::recvmmsg, 5, &[0, 2, 3]),
    (S::fanotify_init, 2, &[0, 1]),
    (S::fanotify_mark, 5, &[0, 1, 3]),
    (S::prlimit64, 4, &[0, 1]),
    (S::name_to_handle_at, 5, &[0, 4]),
    (S::open_by_handle_at, 3, &[0, 2]),
    (S::clock_adjtime, 2, &[0]),
    (S::syncfs, 1, &[0]),
    (S::sendmmsg, 4, &[0, 2, 3]),
    (S::setns, 2, &[0, 1]),
    (S::getcpu, 3, &[]),
    (S::process_vm_readv, 6, &[0]),
    (S::process_vm_writev, 6, &[0]),
    (S::kcmp, 5, &[0, 1, 2]),
    (S::finit_module, 3, &[0, 2]),
    (S::sched_setattr, 3, &[0, 2]),
    (S::sched_getattr, 4, &[0, 2, 3]),
    (S::renameat2, 5, &[0, 2, 4]),
    (S::seccomp, 3, &[0, 1]),
    (S::getrandom, 3, &[2]),
    (S::memfd_create, 2, &[1]),
    (S::kexec_file_load, 5, &[0, 1]),
    (S::bpf, 3, &[0, 2]),
    (S::execveat, 5, &[0, 4]),
    (S::userfaultfd, 1, &[0]),
    (S::membarrier, 3, &[0, 1, 2]),
    (S::mlock2, 3, &[2]),
    (S::copy_file_range, 6, &[0, 2, 5]),
    (S::preadv2, 6, &[5]),
    (S::pwritev2, 6, &[5]),
    (S::pkey_mprotect, 4, &[3]),
    (S::pkey_alloc, 2, &[]),
    (S::pkey_free, 1, &[0]),
    (S::statx, 5, &[0, 2, 3]),
    (S::io_pgetevents, 6, &[]),
    (S::rseq, 4, &[1, 2, 3]),
    (S::uretprobe, 0, &[]),
    (S::uprobe, 0, &[]),
    (S::pidfd_send_signal, 4, &[0, 1, 3]),
    (S::io_uring_setup, 2, &[0]),
    (S::io_uring_enter, 6, &[0, 1, 2, 3]),
    (S::io_uring_register, 4, &[0, 1, 3]),
    (S::open_tree, 3, &[0, 2]),
    (S::move_mount, 5, &[0, 2, 4]),
    (S::fsopen, 2, &[1]),
    (S::fsconfig, 5, &[0, 1, 4]),
    (S::fsmount, 3, &[0, 1, 2]),
    (S::fspick, 3, &[0, 2]),
    (S::pidfd_open, 2, &[0, 1]),
    (S::clone3, 2, &[]),
    (S::close_range, 3, &[0, 1, 2]),
    (S::openat2, 4, &[0]),
    (S::pidfd_getfd, 3, &[0, 1, 2]),
    (S::faccessat2, 4, &[0, 2, 3]),
    (S::process_madvise, 5, &[0, 3, 4]),
    (S::epoll_pwait2, 6, &[0, 2]),
    (S::mount_setattr, 5, &[0, 2]),
    (S::quotactl_fd, 4, &[0, 1, 2]),
    (S::landlock_create_ruleset, 3, &[2]),
    (S::landlock_add_rule, 4, &[0, 1, 3]),
    (S::landlock_restrict_self, 2, &[0, 1]),
    (S::memfd_secret, 1, &[0]),
    (S::process_mrelease, 2, &[0, 1]),
    (S::futex_waitv, 5, &[1, 2, 4]),
    (S::set_mempolicy_home_node, 4, &[]),
    (S::cachestat, 4, &[0, 3]),
    (S::fchmodat2, 4, &[0, 2, 3]),
    (S::map_shadow_stack, 3, &[2]),
    (S::futex_wake, 4, &[2, 3]),
    (S::futex_wait, 6, &[3, 5]),
    (S::futex_requeue, 4, &[1, 2, 3]),
    (S::statmount, 4, &[3]),
    (S::listmount, 4, &[3]),
    (S::lsm_get_self_attr, 4, &[0, 3]),
    (S::lsm_set_self_attr, 4, &[0, 2, 3]),
    (S::lsm_list_modules, 3, &[2]),
    (S::mseal, 3, &[]),
    (S::setxattrat, 6, &[0, 2]),
    (S::getxattrat, 6, &[0, 2]),
    (S::listxattrat, 5, &[0, 2]),
    (S::removexattrat, 4, &[0, 2]),
    (S::open_tree_attr, 5, &[0, 2]),
    (S::file_getattr, 5, &[0, 4]),
    (S::file_setattr, 5, &[0, 4]),
];

/// Arguments declared 64-bit (`unsigned long`, `long`) that the kernel narrows to 32 bits
/// before any use, so a 32-bit compare is exact and a 64-bit deny would be dodged by upper
/// bits: (syscall, argument index, where the kernel narrows it).
pub static NARROWED: &[(Sysno, u8, &str)] = &[
    (S::readv, 0, "fd: do_readv passes it to fdget_pos (an int)"),
    (
        S::writev,
        0,
        "fd: do_writev passes it to fdget_pos (an int)",
    ),
    (S::preadv, 0, "fd: do_preadv passes it to fdget (an int)"),
    (S::pwritev, 0, "fd: do_pwritev passes it to fdget (an int)"),
    (S::preadv2, 0, "fd: do_preadv passes it to fdget (an int)"),
    (S::pwritev2, 0, "fd: do_pwritev passes it to fdget (an int)"),
    (
        S::mmap,
        4,
        "fd: ksys_mmap_pgoff passes it to fget (an unsigned int)",
    ),
    (
        S::clone,
        0,
        "flags: kernel_clone_args takes lower_32_bits(clone_flags)",
    ),
    (
        S::ptrace,
        1,
        "pid: find_get_task_by_vpid and ptrace_traceme take a pid_t",
    ),
];

fn entry(syscall: Sysno) -> Option<&'static (Sysno, u8, &'static [u8])> {
    ARGS.binary_search_by_key(&syscall.id(), |e| e.0.id())
        .ok()
        .map(|i| &ARGS[i])
}

/// How many arguments the syscall takes (`None` for a syscall the table lacks, which the
/// table's tests rule out for every syscall up to [`super::syscalls::MAX_NR`]).
pub fn arg_count(syscall: Sysno) -> Option<u8> {
    entry(syscall).map(|e| e.1)
}

/// Whether the argument's declared C type is 32 bits wide; `None` for an argument the
/// syscall does not take.
pub fn declared_32bit(syscall: Sysno, index: u8) -> Option<bool> {
    entry(syscall)
        .filter(|e| index < e.1)
        .map(|e| e.2.contains(&index))
}

/// Whether the kernel reads this argument as 32 bits (declared so, or [`NARROWED`]); `None`
/// for an argument the syscall does not take.
pub fn is_32bit(syscall: Sysno, index: u8) -> Option<bool> {
    declared_32bit(syscall, index).map(|declared| {
        declared
            || NARROWED
                .iter()
                .any(|(s, i, _)| *s == syscall && *i == index)
    })
}

/// The width the kernel reads the argument with; `None` for an argument the syscall does not
/// take.
pub fn width(syscall: Sysno, index: u8) -> Option<Width> {
    is_32bit(syscall, index).map(|b| if b { Width::Dword } else { Width::Qword })
}

/// The width a condition gets when the rule does not say: the kernel's width from the table;
/// for an argument the syscall does not take (which the kernel never reads), the width that
/// fails closed: 32 bits for rules that deny (so upper bits cannot dodge them) and 64 bits
/// for rules that allow (so a value with a matching low half cannot sneak through). A value
/// that needs more than 32 bits gets 64, except a negative `int` constant such as `AT_FDCWD`
/// on a 32-bit argument.
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
    use crate::abi::syscalls;

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

    #[test]
    fn the_table_covers_every_syscall_once_in_number_order() {
        let listed: Vec<Sysno> = ARGS.iter().map(|e| e.0).collect();
        let all: Vec<Sysno> = syscalls::all().collect();
        assert_eq!(
            listed, all,
            "ARGS must list every syscall of the table, in order"
        );
        for (s, n, ints) in ARGS {
            assert!(*n <= 6, "{} takes at most 6 arguments", s.name());
            assert!(
                ints.windows(2).all(|w| w[0] < w[1]),
                "{}: indices in order",
                s.name()
            );
            assert!(
                ints.iter().all(|i| i < n),
                "{}: index past its arguments",
                s.name()
            );
            assert_eq!(arg_count(*s), Some(*n));
        }
    }

    #[test]
    fn narrowed_arguments_are_declared_64bit() {
        let mut seen = std::collections::HashSet::new();
        for (s, i, why) in NARROWED {
            assert!(seen.insert((*s, *i)), "{} arg{i} listed twice", s.name());
            assert_eq!(
                declared_32bit(*s, *i),
                Some(false),
                "{} arg{i} ({why}) is declared 32-bit already or not taken",
                s.name()
            );
            assert_eq!(is_32bit(*s, *i), Some(true));
        }
    }
}
