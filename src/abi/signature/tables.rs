//! The decoders' local tables: flag words and values of the calls strace decodes whose names
//! [`crate::abi::consts`] does not have (`(name, value)` pairs, multi-bit names first), and the
//! lists of names the decoders look up in `consts` (tests check that each one is there).

/// A local table of names absent from `consts`.
pub(super) type Table = &'static [(&'static str, u64)];

// ---------------------------------------------------------------------------------------------
// Local tables: constants `consts` does not have.

pub(super) static MOUNT_FLAGS: Table = &[
    ("MS_RDONLY", 0x1),
    ("MS_NOSUID", 0x2),
    ("MS_NODEV", 0x4),
    ("MS_NOEXEC", 0x8),
    ("MS_SYNCHRONOUS", 0x10),
    ("MS_REMOUNT", 0x20),
    ("MS_MANDLOCK", 0x40),
    ("MS_DIRSYNC", 0x80),
    ("MS_NOSYMFOLLOW", 0x100),
    ("MS_NOATIME", 0x400),
    ("MS_NODIRATIME", 0x800),
    ("MS_BIND", 0x1000),
    ("MS_MOVE", 0x2000),
    ("MS_REC", 0x4000),
    ("MS_SILENT", 0x8000),
    ("MS_POSIXACL", 0x10000),
    ("MS_UNBINDABLE", 0x20000),
    ("MS_PRIVATE", 0x40000),
    ("MS_SLAVE", 0x80000),
    ("MS_SHARED", 0x100000),
    ("MS_RELATIME", 0x200000),
    ("MS_KERNMOUNT", 0x400000),
    ("MS_I_VERSION", 0x800000),
    ("MS_STRICTATIME", 0x1000000),
    ("MS_LAZYTIME", 0x2000000),
];
pub(super) static UMOUNT_FLAGS: Table = &[
    ("MNT_FORCE", 1),
    ("MNT_DETACH", 2),
    ("MNT_EXPIRE", 4),
    ("UMOUNT_NOFOLLOW", 8),
];
pub(super) static MREMAP_FLAGS: Table = &[
    ("MREMAP_MAYMOVE", 1),
    ("MREMAP_FIXED", 2),
    ("MREMAP_DONTUNMAP", 4),
];
pub(super) static MSYNC_FLAGS: Table = &[("MS_ASYNC", 1), ("MS_INVALIDATE", 2), ("MS_SYNC", 4)];
pub(super) static MLOCK2_FLAGS: Table = &[("MLOCK_ONFAULT", 1)];
pub(super) static MLOCKALL_FLAGS: Table =
    &[("MCL_CURRENT", 1), ("MCL_FUTURE", 2), ("MCL_ONFAULT", 4)];
pub(super) static SPLICE_FLAGS: Table = &[
    ("SPLICE_F_MOVE", 1),
    ("SPLICE_F_NONBLOCK", 2),
    ("SPLICE_F_MORE", 4),
    ("SPLICE_F_GIFT", 8),
];
pub(super) static FALLOC_FLAGS: Table = &[
    ("FALLOC_FL_KEEP_SIZE", 0x1),
    ("FALLOC_FL_PUNCH_HOLE", 0x2),
    ("FALLOC_FL_NO_HIDE_STALE", 0x4),
    ("FALLOC_FL_COLLAPSE_RANGE", 0x8),
    ("FALLOC_FL_ZERO_RANGE", 0x10),
    ("FALLOC_FL_INSERT_RANGE", 0x20),
    ("FALLOC_FL_UNSHARE_RANGE", 0x40),
    ("FALLOC_FL_WRITE_ZEROES", 0x80),
];
pub(super) static RENAME_FLAGS: Table = &[
    ("RENAME_NOREPLACE", 1),
    ("RENAME_EXCHANGE", 2),
    ("RENAME_WHITEOUT", 4),
];
pub(super) static CLOSE_RANGE_FLAGS: Table =
    &[("CLOSE_RANGE_UNSHARE", 2), ("CLOSE_RANGE_CLOEXEC", 4)];
pub(super) static EPOLL_CTL_OPS: Table = &[
    ("EPOLL_CTL_ADD", 1),
    ("EPOLL_CTL_DEL", 2),
    ("EPOLL_CTL_MOD", 3),
];
pub(super) static POLL_EVENTS: Table = &[
    ("POLLIN", 0x1),
    ("POLLPRI", 0x2),
    ("POLLOUT", 0x4),
    ("POLLERR", 0x8),
    ("POLLHUP", 0x10),
    ("POLLNVAL", 0x20),
    ("POLLRDNORM", 0x40),
    ("POLLRDBAND", 0x80),
    ("POLLWRNORM", 0x100),
    ("POLLWRBAND", 0x200),
    ("POLLMSG", 0x400),
    ("POLLRDHUP", 0x2000),
];
pub(super) static SCHED_POLICIES: Table = &[
    ("SCHED_OTHER", 0),
    ("SCHED_FIFO", 1),
    ("SCHED_RR", 2),
    ("SCHED_BATCH", 3),
    ("SCHED_IDLE", 5),
    ("SCHED_DEADLINE", 6),
    ("SCHED_EXT", 7),
];
/// `SCHED_RESET_ON_FORK`, or-ed into a policy.
pub(super) const SCHED_RESET_ON_FORK: u64 = 0x4000_0000;
pub(super) static PRIO_WHICH: Table = &[("PRIO_PROCESS", 0), ("PRIO_PGRP", 1), ("PRIO_USER", 2)];
pub(super) static TIMER_FLAGS: Table = &[("TIMER_ABSTIME", 1)];
pub(super) static STATX_MASK: Table = &[
    ("STATX_BASIC_STATS", 0x7ff),
    ("STATX_TYPE", 0x1),
    ("STATX_MODE", 0x2),
    ("STATX_NLINK", 0x4),
    ("STATX_UID", 0x8),
    ("STATX_GID", 0x10),
    ("STATX_ATIME", 0x20),
    ("STATX_MTIME", 0x40),
    ("STATX_CTIME", 0x80),
    ("STATX_INO", 0x100),
    ("STATX_SIZE", 0x200),
    ("STATX_BLOCKS", 0x400),
    ("STATX_BTIME", 0x800),
    ("STATX_MNT_ID", 0x1000),
    ("STATX_DIOALIGN", 0x2000),
    ("STATX_MNT_ID_UNIQUE", 0x4000),
    ("STATX_SUBVOL", 0x8000),
    ("STATX_WRITE_ATOMIC", 0x10000),
    ("STATX_DIO_READ_ALIGN", 0x20000),
];
pub(super) static INOTIFY_MASK: Table = &[
    ("IN_ACCESS", 0x1),
    ("IN_MODIFY", 0x2),
    ("IN_ATTRIB", 0x4),
    ("IN_CLOSE_WRITE", 0x8),
    ("IN_CLOSE_NOWRITE", 0x10),
    ("IN_OPEN", 0x20),
    ("IN_MOVED_FROM", 0x40),
    ("IN_MOVED_TO", 0x80),
    ("IN_CREATE", 0x100),
    ("IN_DELETE", 0x200),
    ("IN_DELETE_SELF", 0x400),
    ("IN_MOVE_SELF", 0x800),
    ("IN_UNMOUNT", 0x2000),
    ("IN_Q_OVERFLOW", 0x4000),
    ("IN_IGNORED", 0x8000),
    ("IN_ONLYDIR", 0x100_0000),
    ("IN_DONT_FOLLOW", 0x200_0000),
    ("IN_EXCL_UNLINK", 0x400_0000),
    ("IN_MASK_CREATE", 0x1000_0000),
    ("IN_MASK_ADD", 0x2000_0000),
    ("IN_ISDIR", 0x4000_0000),
    ("IN_ONESHOT", 0x8000_0000),
];
pub(super) static LANDLOCK_ACCESS_FS: Table = &[
    ("LANDLOCK_ACCESS_FS_EXECUTE", 0x1),
    ("LANDLOCK_ACCESS_FS_WRITE_FILE", 0x2),
    ("LANDLOCK_ACCESS_FS_READ_FILE", 0x4),
    ("LANDLOCK_ACCESS_FS_READ_DIR", 0x8),
    ("LANDLOCK_ACCESS_FS_REMOVE_DIR", 0x10),
    ("LANDLOCK_ACCESS_FS_REMOVE_FILE", 0x20),
    ("LANDLOCK_ACCESS_FS_MAKE_CHAR", 0x40),
    ("LANDLOCK_ACCESS_FS_MAKE_DIR", 0x80),
    ("LANDLOCK_ACCESS_FS_MAKE_REG", 0x100),
    ("LANDLOCK_ACCESS_FS_MAKE_SOCK", 0x200),
    ("LANDLOCK_ACCESS_FS_MAKE_FIFO", 0x400),
    ("LANDLOCK_ACCESS_FS_MAKE_BLOCK", 0x800),
    ("LANDLOCK_ACCESS_FS_MAKE_SYM", 0x1000),
    ("LANDLOCK_ACCESS_FS_REFER", 0x2000),
    ("LANDLOCK_ACCESS_FS_TRUNCATE", 0x4000),
    ("LANDLOCK_ACCESS_FS_IOCTL_DEV", 0x8000),
];
pub(super) static LANDLOCK_ACCESS_NET: Table = &[
    ("LANDLOCK_ACCESS_NET_BIND_TCP", 1),
    ("LANDLOCK_ACCESS_NET_CONNECT_TCP", 2),
];
pub(super) static LANDLOCK_SCOPES: Table = &[
    ("LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET", 1),
    ("LANDLOCK_SCOPE_SIGNAL", 2),
];
pub(super) static LANDLOCK_CREATE_FLAGS: Table = &[
    ("LANDLOCK_CREATE_RULESET_VERSION", 1),
    ("LANDLOCK_CREATE_RULESET_ERRATA", 2),
];
pub(super) static LANDLOCK_RULE_TYPES: Table = &[
    ("LANDLOCK_RULE_PATH_BENEATH", 1),
    ("LANDLOCK_RULE_NET_PORT", 2),
];
pub(super) static LANDLOCK_RESTRICT_FLAGS: Table = &[
    ("LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF", 1),
    ("LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON", 2),
    ("LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF", 4),
];
/// bpf(2) commands, indexed by number.
pub(super) static BPF_CMDS: &[&str] = &[
    "BPF_MAP_CREATE",
    "BPF_MAP_LOOKUP_ELEM",
    "BPF_MAP_UPDATE_ELEM",
    "BPF_MAP_DELETE_ELEM",
    "BPF_MAP_GET_NEXT_KEY",
    "BPF_PROG_LOAD",
    "BPF_OBJ_PIN",
    "BPF_OBJ_GET",
    "BPF_PROG_ATTACH",
    "BPF_PROG_DETACH",
    "BPF_PROG_TEST_RUN",
    "BPF_PROG_GET_NEXT_ID",
    "BPF_MAP_GET_NEXT_ID",
    "BPF_PROG_GET_FD_BY_ID",
    "BPF_MAP_GET_FD_BY_ID",
    "BPF_OBJ_GET_INFO_BY_FD",
    "BPF_PROG_QUERY",
    "BPF_RAW_TRACEPOINT_OPEN",
    "BPF_BTF_LOAD",
    "BPF_BTF_GET_FD_BY_ID",
    "BPF_TASK_FD_QUERY",
    "BPF_MAP_LOOKUP_AND_DELETE_ELEM",
    "BPF_MAP_FREEZE",
    "BPF_BTF_GET_NEXT_ID",
    "BPF_MAP_LOOKUP_BATCH",
    "BPF_MAP_LOOKUP_AND_DELETE_BATCH",
    "BPF_MAP_UPDATE_BATCH",
    "BPF_MAP_DELETE_BATCH",
    "BPF_LINK_CREATE",
    "BPF_LINK_UPDATE",
    "BPF_LINK_GET_FD_BY_ID",
    "BPF_LINK_GET_NEXT_ID",
    "BPF_ENABLE_STATS",
    "BPF_ITER_CREATE",
    "BPF_LINK_DETACH",
    "BPF_PROG_BIND_MAP",
    "BPF_TOKEN_CREATE",
];
pub(super) static PERF_FLAGS: Table = &[
    ("PERF_FLAG_FD_NO_GROUP", 1),
    ("PERF_FLAG_FD_OUTPUT", 2),
    ("PERF_FLAG_PID_CGROUP", 4),
    ("PERF_FLAG_FD_CLOEXEC", 8),
];
pub(super) static RESOLVE_FLAGS: Table = &[
    ("RESOLVE_NO_XDEV", 0x1),
    ("RESOLVE_NO_MAGICLINKS", 0x2),
    ("RESOLVE_NO_SYMLINKS", 0x4),
    ("RESOLVE_BENEATH", 0x8),
    ("RESOLVE_IN_ROOT", 0x10),
    ("RESOLVE_CACHED", 0x20),
];
pub(super) static SA_FLAGS: Table = &[
    ("SA_NOCLDSTOP", 0x1),
    ("SA_NOCLDWAIT", 0x2),
    ("SA_SIGINFO", 0x4),
    ("SA_UNSUPPORTED", 0x400),
    ("SA_EXPOSE_TAGBITS", 0x800),
    ("SA_RESTORER", 0x400_0000),
    ("SA_ONSTACK", 0x800_0000),
    ("SA_RESTART", 0x1000_0000),
    ("SA_NODEFER", 0x4000_0000),
    ("SA_RESETHAND", 0x8000_0000),
];
pub(super) static IPC_GET_FLAGS: Table = &[
    ("IPC_CREAT", 0o1000),
    ("IPC_EXCL", 0o2000),
    ("IPC_NOWAIT", 0o4000),
];
pub(super) static SHMGET_FLAGS: Table = &[
    ("IPC_CREAT", 0o1000),
    ("IPC_EXCL", 0o2000),
    ("SHM_HUGETLB", 0o4000),
    ("SHM_NORESERVE", 0o10000),
];
pub(super) static SHMAT_FLAGS: Table = &[
    ("SHM_RDONLY", 0o10000),
    ("SHM_RND", 0o20000),
    ("SHM_REMAP", 0o40000),
    ("SHM_EXEC", 0o100000),
];
pub(super) static IPC_NOWAIT: Table = &[("IPC_NOWAIT", 0o4000), ("MSG_NOERROR", 0o10000)];
pub(super) static SHMCTL_CMDS: Table = &[
    ("IPC_RMID", 0),
    ("IPC_SET", 1),
    ("IPC_STAT", 2),
    ("IPC_INFO", 3),
    ("SHM_LOCK", 11),
    ("SHM_UNLOCK", 12),
    ("SHM_STAT", 13),
    ("SHM_INFO", 14),
    ("SHM_STAT_ANY", 15),
];
pub(super) static SEMCTL_CMDS: Table = &[
    ("IPC_RMID", 0),
    ("IPC_SET", 1),
    ("IPC_STAT", 2),
    ("IPC_INFO", 3),
    ("GETPID", 11),
    ("GETVAL", 12),
    ("GETALL", 13),
    ("GETNCNT", 14),
    ("GETZCNT", 15),
    ("SETVAL", 16),
    ("SETALL", 17),
    ("SEM_STAT", 18),
    ("SEM_INFO", 19),
    ("SEM_STAT_ANY", 20),
];
pub(super) static MSGCTL_CMDS: Table = &[
    ("IPC_RMID", 0),
    ("IPC_SET", 1),
    ("IPC_STAT", 2),
    ("IPC_INFO", 3),
    ("MSG_STAT", 11),
    ("MSG_INFO", 12),
    ("MSG_STAT_ANY", 13),
];
/// `IPC_CREAT` and friends live above the 9 permission bits.
pub(super) const IPC_PERM_MASK: u64 = 0o777;
pub(super) static ITIMERS: Table = &[
    ("ITIMER_REAL", 0),
    ("ITIMER_VIRTUAL", 1),
    ("ITIMER_PROF", 2),
];
pub(super) static RUSAGE_WHO: Table = &[
    ("RUSAGE_SELF", 0),
    ("RUSAGE_CHILDREN", 0xffff_ffff),
    ("RUSAGE_THREAD", 1),
];
pub(super) static FADVISE: Table = &[
    ("POSIX_FADV_NORMAL", 0),
    ("POSIX_FADV_RANDOM", 1),
    ("POSIX_FADV_SEQUENTIAL", 2),
    ("POSIX_FADV_WILLNEED", 3),
    ("POSIX_FADV_DONTNEED", 4),
    ("POSIX_FADV_NOREUSE", 5),
];
pub(super) static UFFD_FLAGS: Table = &[("UFFD_USER_MODE_ONLY", 1)];
pub(super) static XATTR_FLAGS: Table = &[("XATTR_CREATE", 1), ("XATTR_REPLACE", 2)];
pub(super) static DN_FLAGS: Table = &[
    ("DN_ACCESS", 0x1),
    ("DN_MODIFY", 0x2),
    ("DN_CREATE", 0x4),
    ("DN_DELETE", 0x8),
    ("DN_RENAME", 0x10),
    ("DN_ATTRIB", 0x20),
    ("DN_MULTISHOT", 0x8000_0000),
];
pub(super) static ETH_PROTOCOLS: Table = &[
    ("ETH_P_ALL", 0x3),
    ("ETH_P_IP", 0x800),
    ("ETH_P_ARP", 0x806),
    ("ETH_P_IPV6", 0x86dd),
];
pub(super) static RWF_FLAGS: Table = &[
    ("RWF_HIPRI", 0x1),
    ("RWF_DSYNC", 0x2),
    ("RWF_SYNC", 0x4),
    ("RWF_NOWAIT", 0x8),
    ("RWF_APPEND", 0x10),
    ("RWF_NOAPPEND", 0x20),
    ("RWF_ATOMIC", 0x40),
    ("RWF_DONTCACHE", 0x80),
];
pub(super) static TFD_SETTIME_FLAGS: Table = &[("TFD_TIMER_CANCEL_ON_SET", 2)];

// Names resolved through `consts` (tests check that each one exists there).

pub(super) static WAIT4_OPTIONS: &[&str] = &[
    "WNOHANG",
    "WUNTRACED",
    "WCONTINUED",
    "WNOWAIT",
    "__WNOTHREAD",
    "__WALL",
    "__WCLONE",
];
pub(super) static WAITID_OPTIONS: &[&str] = &[
    "WNOHANG",
    "WSTOPPED",
    "WEXITED",
    "WCONTINUED",
    "WNOWAIT",
    "__WNOTHREAD",
    "__WALL",
    "__WCLONE",
];
pub(super) static IDTYPES: &[&str] = &["P_ALL", "P_PID", "P_PGID", "P_PIDFD"];
pub(super) static SIGPROCMASK_HOW: &[&str] = &["SIG_BLOCK", "SIG_UNBLOCK", "SIG_SETMASK"];
pub(super) static FUTEX_CMDS: &[&str] = &[
    "FUTEX_WAIT",
    "FUTEX_WAKE",
    "FUTEX_FD",
    "FUTEX_REQUEUE",
    "FUTEX_CMP_REQUEUE",
    "FUTEX_WAKE_OP",
    "FUTEX_LOCK_PI",
    "FUTEX_UNLOCK_PI",
    "FUTEX_TRYLOCK_PI",
    "FUTEX_WAIT_BITSET",
    "FUTEX_WAKE_BITSET",
    "FUTEX_WAIT_REQUEUE_PI",
    "FUTEX_CMP_REQUEUE_PI",
    "FUTEX_LOCK_PI2",
];
pub(super) static PTRACE_REQUESTS: &[&str] = &[
    "PTRACE_TRACEME",
    "PTRACE_PEEKTEXT",
    "PTRACE_PEEKDATA",
    "PTRACE_PEEKUSER",
    "PTRACE_POKETEXT",
    "PTRACE_POKEDATA",
    "PTRACE_POKEUSER",
    "PTRACE_CONT",
    "PTRACE_KILL",
    "PTRACE_SINGLESTEP",
    "PTRACE_GETREGS",
    "PTRACE_SETREGS",
    "PTRACE_GETFPREGS",
    "PTRACE_SETFPREGS",
    "PTRACE_ATTACH",
    "PTRACE_DETACH",
    "PTRACE_SYSCALL",
    "PTRACE_SYSEMU",
    "PTRACE_SYSEMU_SINGLESTEP",
    "PTRACE_SETOPTIONS",
    "PTRACE_GETEVENTMSG",
    "PTRACE_GETSIGINFO",
    "PTRACE_SETSIGINFO",
    "PTRACE_GETREGSET",
    "PTRACE_SETREGSET",
    "PTRACE_SEIZE",
    "PTRACE_INTERRUPT",
    "PTRACE_LISTEN",
    "PTRACE_PEEKSIGINFO",
    "PTRACE_GETSIGMASK",
    "PTRACE_SETSIGMASK",
    "PTRACE_SECCOMP_GET_FILTER",
    "PTRACE_SECCOMP_GET_METADATA",
    "PTRACE_GET_SYSCALL_INFO",
];
pub(super) static ARCH_PRCTL_CODES: &[&str] = &[
    "ARCH_SET_GS",
    "ARCH_SET_FS",
    "ARCH_GET_FS",
    "ARCH_GET_GS",
    "ARCH_GET_CPUID",
    "ARCH_SET_CPUID",
];
pub(super) static SECCOMP_FILTER_FLAGS: &[&str] = &[
    "SECCOMP_FILTER_FLAG_TSYNC",
    "SECCOMP_FILTER_FLAG_LOG",
    "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
    "SECCOMP_FILTER_FLAG_NEW_LISTENER",
    "SECCOMP_FILTER_FLAG_TSYNC_ESRCH",
    "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV",
];
pub(super) static SECCOMP_MODES: &[&str] = &[
    "SECCOMP_MODE_DISABLED",
    "SECCOMP_MODE_STRICT",
    "SECCOMP_MODE_FILTER",
];
pub(super) static MFD_FLAGS: &[&str] = &[
    "MFD_CLOEXEC",
    "MFD_ALLOW_SEALING",
    "MFD_HUGETLB",
    "MFD_NOEXEC_SEAL",
    "MFD_EXEC",
];
pub(super) static GRND_FLAGS: &[&str] = &["GRND_NONBLOCK", "GRND_RANDOM", "GRND_INSECURE"];
pub(super) static EFD_FLAGS: &[&str] = &["EFD_SEMAPHORE", "EFD_NONBLOCK", "EFD_CLOEXEC"];
pub(super) static TFD_FLAGS: &[&str] = &["TFD_NONBLOCK", "TFD_CLOEXEC"];
pub(super) static TFD_SETTIME: &[&str] = &["TFD_TIMER_ABSTIME"];
pub(super) static SFD_FLAGS: &[&str] = &["SFD_NONBLOCK", "SFD_CLOEXEC"];
pub(super) static IN_INIT_FLAGS: &[&str] = &["IN_NONBLOCK", "IN_CLOEXEC"];
pub(super) static EPOLL_FLAGS: &[&str] = &["EPOLL_CLOEXEC"];
pub(super) static PIDFD_FLAGS: &[&str] = &["PIDFD_NONBLOCK"];
pub(super) static CLOEXEC_ONLY: &[&str] = &["O_CLOEXEC"];
pub(super) static PIPE2_FLAGS: &[&str] = &["O_NONBLOCK", "O_DIRECT", "O_CLOEXEC"];
pub(super) static NONBLOCK_CLOEXEC: &[&str] = &["O_NONBLOCK", "O_CLOEXEC"];
pub(super) static FACCESSAT2_FLAGS: &[&str] =
    &["AT_EACCESS", "AT_SYMLINK_NOFOLLOW", "AT_EMPTY_PATH"];
pub(super) static LOCK_TYPES: &[&str] = &["F_RDLCK", "F_WRLCK", "F_UNLCK"];
pub(super) static SEALS: &[&str] = &[
    "F_SEAL_SEAL",
    "F_SEAL_SHRINK",
    "F_SEAL_GROW",
    "F_SEAL_WRITE",
    "F_SEAL_FUTURE_WRITE",
    "F_SEAL_EXEC",
];
pub(super) static IOPRIO_WHO: &[&str] =
    &["IOPRIO_WHO_PROCESS", "IOPRIO_WHO_PGRP", "IOPRIO_WHO_USER"];
pub(super) static IOPRIO_CLASSES: &[&str] = &[
    "IOPRIO_CLASS_NONE",
    "IOPRIO_CLASS_RT",
    "IOPRIO_CLASS_BE",
    "IOPRIO_CLASS_IDLE",
];
pub(super) static CAP_AMBIENT_OPS: &[&str] = &[
    "PR_CAP_AMBIENT_IS_SET",
    "PR_CAP_AMBIENT_RAISE",
    "PR_CAP_AMBIENT_LOWER",
    "PR_CAP_AMBIENT_CLEAR_ALL",
];
pub(super) static PR_SET_VMA_OPS: &[&str] = &["PR_SET_VMA_ANON_NAME"];
pub(super) static PERSONALITY_FLAGS: &[&str] = &["ADDR_NO_RANDOMIZE"];
pub(super) static CLONE_NEWTIME: &[&str] = &["CLONE_NEWTIME"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::consts;

    #[test]
    fn consts_names_exist() {
        let lists: &[&[&str]] = &[
            WAIT4_OPTIONS,
            WAITID_OPTIONS,
            IDTYPES,
            SIGPROCMASK_HOW,
            FUTEX_CMDS,
            PTRACE_REQUESTS,
            ARCH_PRCTL_CODES,
            SECCOMP_FILTER_FLAGS,
            SECCOMP_MODES,
            MFD_FLAGS,
            GRND_FLAGS,
            EFD_FLAGS,
            TFD_FLAGS,
            TFD_SETTIME,
            SFD_FLAGS,
            IN_INIT_FLAGS,
            EPOLL_FLAGS,
            PIDFD_FLAGS,
            CLOEXEC_ONLY,
            PIPE2_FLAGS,
            NONBLOCK_CLOEXEC,
            FACCESSAT2_FLAGS,
            LOCK_TYPES,
            SEALS,
            IOPRIO_WHO,
            IOPRIO_CLASSES,
            CAP_AMBIENT_OPS,
            PR_SET_VMA_OPS,
            PERSONALITY_FLAGS,
            CLONE_NEWTIME,
        ];
        for list in lists {
            for name in *list {
                assert!(consts::lookup(name).is_some(), "{name} missing from consts");
            }
        }
        for name in [
            "O_CREAT",
            "__O_TMPFILE",
            "RLIM_INFINITY",
            "SECCOMP_SET_MODE_FILTER",
            "PR_CAP_AMBIENT_CLEAR_ALL",
            "PR_SET_PTRACER_ANY",
            "S_IFCHR",
            "S_IFBLK",
            "PER_QUERY",
            "FUTEX_PRIVATE_FLAG",
            "FUTEX_CLOCK_REALTIME",
        ] {
            assert!(consts::lookup(name).is_some(), "{name} missing from consts");
        }
        // Local tables must not shadow consts: a name here should be absent there.
        let locals: &[Table] = &[
            MOUNT_FLAGS,
            UMOUNT_FLAGS,
            MREMAP_FLAGS,
            STATX_MASK,
            POLL_EVENTS,
        ];
        for table in locals {
            for (name, _) in *table {
                assert!(consts::lookup(name).is_none(), "{name} is in consts");
            }
        }
    }
}
