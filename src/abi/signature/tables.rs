//! The decoders' local tables: flag words and values of the calls strace decodes whose names
//! [`crate::abi::consts`] does not have (`(name, value)` pairs, multi-bit names first), and the
//! lists of names the decoders look up in `consts` (tests check that each one is there).
//!
//! Each value is `libc`'s for x86_64 Linux, else [`crate::abi::uapi`]'s, which names its
//! header. `libc`'s are cast to `u64` unless it types them so already; a `c_int` with bit 31
//! set, or -1, goes through [`bits32`] (its 32 bits, as the kernel reads them).

use crate::abi::consts::bits32;
use crate::abi::uapi;

/// A local table of names absent from `consts`.
pub(super) type Table = &'static [(&'static str, u64)];

// ---------------------------------------------------------------------------------------------
// Local tables: constants `consts` does not have.

pub(super) static MOUNT_FLAGS: Table = &[
    ("MS_RDONLY", libc::MS_RDONLY),
    ("MS_NOSUID", libc::MS_NOSUID),
    ("MS_NODEV", libc::MS_NODEV),
    ("MS_NOEXEC", libc::MS_NOEXEC),
    ("MS_SYNCHRONOUS", libc::MS_SYNCHRONOUS),
    ("MS_REMOUNT", libc::MS_REMOUNT),
    ("MS_MANDLOCK", libc::MS_MANDLOCK),
    ("MS_DIRSYNC", libc::MS_DIRSYNC),
    ("MS_NOSYMFOLLOW", libc::MS_NOSYMFOLLOW),
    ("MS_NOATIME", libc::MS_NOATIME),
    ("MS_NODIRATIME", libc::MS_NODIRATIME),
    ("MS_BIND", libc::MS_BIND),
    ("MS_MOVE", libc::MS_MOVE),
    ("MS_REC", libc::MS_REC),
    ("MS_SILENT", libc::MS_SILENT),
    ("MS_POSIXACL", libc::MS_POSIXACL),
    ("MS_UNBINDABLE", libc::MS_UNBINDABLE),
    ("MS_PRIVATE", libc::MS_PRIVATE),
    ("MS_SLAVE", libc::MS_SLAVE),
    ("MS_SHARED", libc::MS_SHARED),
    ("MS_RELATIME", libc::MS_RELATIME),
    ("MS_KERNMOUNT", libc::MS_KERNMOUNT),
    ("MS_I_VERSION", libc::MS_I_VERSION),
    ("MS_STRICTATIME", libc::MS_STRICTATIME),
    ("MS_LAZYTIME", libc::MS_LAZYTIME),
];
pub(super) static UMOUNT_FLAGS: Table = &[
    ("MNT_FORCE", libc::MNT_FORCE as u64),
    ("MNT_DETACH", libc::MNT_DETACH as u64),
    ("MNT_EXPIRE", libc::MNT_EXPIRE as u64),
    ("UMOUNT_NOFOLLOW", libc::UMOUNT_NOFOLLOW as u64),
];
pub(super) static MREMAP_FLAGS: Table = &[
    ("MREMAP_MAYMOVE", libc::MREMAP_MAYMOVE as u64),
    ("MREMAP_FIXED", libc::MREMAP_FIXED as u64),
    ("MREMAP_DONTUNMAP", libc::MREMAP_DONTUNMAP as u64),
];
pub(super) static MSYNC_FLAGS: Table = &[
    ("MS_ASYNC", libc::MS_ASYNC as u64),
    ("MS_INVALIDATE", libc::MS_INVALIDATE as u64),
    ("MS_SYNC", libc::MS_SYNC as u64),
];
pub(super) static MLOCK2_FLAGS: Table = &[("MLOCK_ONFAULT", libc::MLOCK_ONFAULT as u64)];
pub(super) static MLOCKALL_FLAGS: Table = &[
    ("MCL_CURRENT", libc::MCL_CURRENT as u64),
    ("MCL_FUTURE", libc::MCL_FUTURE as u64),
    ("MCL_ONFAULT", libc::MCL_ONFAULT as u64),
];
pub(super) static SPLICE_FLAGS: Table = &[
    ("SPLICE_F_MOVE", libc::SPLICE_F_MOVE as u64),
    ("SPLICE_F_NONBLOCK", libc::SPLICE_F_NONBLOCK as u64),
    ("SPLICE_F_MORE", libc::SPLICE_F_MORE as u64),
    ("SPLICE_F_GIFT", libc::SPLICE_F_GIFT as u64),
];
pub(super) static FALLOC_FLAGS: Table = &[
    ("FALLOC_FL_KEEP_SIZE", libc::FALLOC_FL_KEEP_SIZE as u64),
    ("FALLOC_FL_PUNCH_HOLE", libc::FALLOC_FL_PUNCH_HOLE as u64),
    ("FALLOC_FL_NO_HIDE_STALE", uapi::FALLOC_FL_NO_HIDE_STALE),
    (
        "FALLOC_FL_COLLAPSE_RANGE",
        libc::FALLOC_FL_COLLAPSE_RANGE as u64,
    ),
    ("FALLOC_FL_ZERO_RANGE", libc::FALLOC_FL_ZERO_RANGE as u64),
    (
        "FALLOC_FL_INSERT_RANGE",
        libc::FALLOC_FL_INSERT_RANGE as u64,
    ),
    (
        "FALLOC_FL_UNSHARE_RANGE",
        libc::FALLOC_FL_UNSHARE_RANGE as u64,
    ),
    ("FALLOC_FL_WRITE_ZEROES", uapi::FALLOC_FL_WRITE_ZEROES),
];
pub(super) static RENAME_FLAGS: Table = &[
    ("RENAME_NOREPLACE", libc::RENAME_NOREPLACE as u64),
    ("RENAME_EXCHANGE", libc::RENAME_EXCHANGE as u64),
    ("RENAME_WHITEOUT", libc::RENAME_WHITEOUT as u64),
];
pub(super) static CLOSE_RANGE_FLAGS: Table = &[
    ("CLOSE_RANGE_UNSHARE", libc::CLOSE_RANGE_UNSHARE as u64),
    ("CLOSE_RANGE_CLOEXEC", libc::CLOSE_RANGE_CLOEXEC as u64),
];
pub(super) static EPOLL_CTL_OPS: Table = &[
    ("EPOLL_CTL_ADD", libc::EPOLL_CTL_ADD as u64),
    ("EPOLL_CTL_DEL", libc::EPOLL_CTL_DEL as u64),
    ("EPOLL_CTL_MOD", libc::EPOLL_CTL_MOD as u64),
];
pub(super) static POLL_EVENTS: Table = &[
    ("POLLIN", libc::POLLIN as u64),
    ("POLLPRI", libc::POLLPRI as u64),
    ("POLLOUT", libc::POLLOUT as u64),
    ("POLLERR", libc::POLLERR as u64),
    ("POLLHUP", libc::POLLHUP as u64),
    ("POLLNVAL", libc::POLLNVAL as u64),
    ("POLLRDNORM", libc::POLLRDNORM as u64),
    ("POLLRDBAND", libc::POLLRDBAND as u64),
    ("POLLWRNORM", libc::POLLWRNORM as u64),
    ("POLLWRBAND", libc::POLLWRBAND as u64),
    ("POLLMSG", uapi::POLLMSG),
    ("POLLRDHUP", libc::POLLRDHUP as u64),
];
pub(super) static SCHED_POLICIES: Table = &[
    ("SCHED_OTHER", libc::SCHED_OTHER as u64),
    ("SCHED_FIFO", libc::SCHED_FIFO as u64),
    ("SCHED_RR", libc::SCHED_RR as u64),
    ("SCHED_BATCH", libc::SCHED_BATCH as u64),
    ("SCHED_IDLE", libc::SCHED_IDLE as u64),
    ("SCHED_DEADLINE", libc::SCHED_DEADLINE as u64),
    ("SCHED_EXT", uapi::SCHED_EXT),
];
/// `SCHED_RESET_ON_FORK`, or-ed into a policy.
pub(super) const SCHED_RESET_ON_FORK: u64 = libc::SCHED_RESET_ON_FORK as u64;
pub(super) static PRIO_WHICH: Table = &[
    ("PRIO_PROCESS", libc::PRIO_PROCESS as u64),
    ("PRIO_PGRP", libc::PRIO_PGRP as u64),
    ("PRIO_USER", libc::PRIO_USER as u64),
];
pub(super) static TIMER_FLAGS: Table = &[("TIMER_ABSTIME", libc::TIMER_ABSTIME as u64)];
pub(super) static STATX_MASK: Table = &[
    ("STATX_BASIC_STATS", libc::STATX_BASIC_STATS as u64),
    ("STATX_TYPE", libc::STATX_TYPE as u64),
    ("STATX_MODE", libc::STATX_MODE as u64),
    ("STATX_NLINK", libc::STATX_NLINK as u64),
    ("STATX_UID", libc::STATX_UID as u64),
    ("STATX_GID", libc::STATX_GID as u64),
    ("STATX_ATIME", libc::STATX_ATIME as u64),
    ("STATX_MTIME", libc::STATX_MTIME as u64),
    ("STATX_CTIME", libc::STATX_CTIME as u64),
    ("STATX_INO", libc::STATX_INO as u64),
    ("STATX_SIZE", libc::STATX_SIZE as u64),
    ("STATX_BLOCKS", libc::STATX_BLOCKS as u64),
    ("STATX_BTIME", libc::STATX_BTIME as u64),
    ("STATX_MNT_ID", libc::STATX_MNT_ID as u64),
    ("STATX_DIOALIGN", libc::STATX_DIOALIGN as u64),
    ("STATX_MNT_ID_UNIQUE", libc::STATX_MNT_ID_UNIQUE as u64),
    ("STATX_SUBVOL", libc::STATX_SUBVOL as u64),
    ("STATX_WRITE_ATOMIC", libc::STATX_WRITE_ATOMIC as u64),
    ("STATX_DIO_READ_ALIGN", libc::STATX_DIO_READ_ALIGN as u64),
];
pub(super) static INOTIFY_MASK: Table = &[
    ("IN_ACCESS", libc::IN_ACCESS as u64),
    ("IN_MODIFY", libc::IN_MODIFY as u64),
    ("IN_ATTRIB", libc::IN_ATTRIB as u64),
    ("IN_CLOSE_WRITE", libc::IN_CLOSE_WRITE as u64),
    ("IN_CLOSE_NOWRITE", libc::IN_CLOSE_NOWRITE as u64),
    ("IN_OPEN", libc::IN_OPEN as u64),
    ("IN_MOVED_FROM", libc::IN_MOVED_FROM as u64),
    ("IN_MOVED_TO", libc::IN_MOVED_TO as u64),
    ("IN_CREATE", libc::IN_CREATE as u64),
    ("IN_DELETE", libc::IN_DELETE as u64),
    ("IN_DELETE_SELF", libc::IN_DELETE_SELF as u64),
    ("IN_MOVE_SELF", libc::IN_MOVE_SELF as u64),
    ("IN_UNMOUNT", libc::IN_UNMOUNT as u64),
    ("IN_Q_OVERFLOW", libc::IN_Q_OVERFLOW as u64),
    ("IN_IGNORED", libc::IN_IGNORED as u64),
    ("IN_ONLYDIR", libc::IN_ONLYDIR as u64),
    ("IN_DONT_FOLLOW", libc::IN_DONT_FOLLOW as u64),
    ("IN_EXCL_UNLINK", libc::IN_EXCL_UNLINK as u64),
    ("IN_MASK_CREATE", libc::IN_MASK_CREATE as u64),
    ("IN_MASK_ADD", libc::IN_MASK_ADD as u64),
    ("IN_ISDIR", libc::IN_ISDIR as u64),
    ("IN_ONESHOT", libc::IN_ONESHOT as u64),
];
pub(super) static LANDLOCK_ACCESS_FS: Table = &[
    (
        "LANDLOCK_ACCESS_FS_EXECUTE",
        uapi::LANDLOCK_ACCESS_FS_EXECUTE,
    ),
    (
        "LANDLOCK_ACCESS_FS_WRITE_FILE",
        uapi::LANDLOCK_ACCESS_FS_WRITE_FILE,
    ),
    (
        "LANDLOCK_ACCESS_FS_READ_FILE",
        uapi::LANDLOCK_ACCESS_FS_READ_FILE,
    ),
    (
        "LANDLOCK_ACCESS_FS_READ_DIR",
        uapi::LANDLOCK_ACCESS_FS_READ_DIR,
    ),
    (
        "LANDLOCK_ACCESS_FS_REMOVE_DIR",
        uapi::LANDLOCK_ACCESS_FS_REMOVE_DIR,
    ),
    (
        "LANDLOCK_ACCESS_FS_REMOVE_FILE",
        uapi::LANDLOCK_ACCESS_FS_REMOVE_FILE,
    ),
    (
        "LANDLOCK_ACCESS_FS_MAKE_CHAR",
        uapi::LANDLOCK_ACCESS_FS_MAKE_CHAR,
    ),
    (
        "LANDLOCK_ACCESS_FS_MAKE_DIR",
        uapi::LANDLOCK_ACCESS_FS_MAKE_DIR,
    ),
    (
        "LANDLOCK_ACCESS_FS_MAKE_REG",
        uapi::LANDLOCK_ACCESS_FS_MAKE_REG,
    ),
    (
        "LANDLOCK_ACCESS_FS_MAKE_SOCK",
        uapi::LANDLOCK_ACCESS_FS_MAKE_SOCK,
    ),
    (
        "LANDLOCK_ACCESS_FS_MAKE_FIFO",
        uapi::LANDLOCK_ACCESS_FS_MAKE_FIFO,
    ),
    (
        "LANDLOCK_ACCESS_FS_MAKE_BLOCK",
        uapi::LANDLOCK_ACCESS_FS_MAKE_BLOCK,
    ),
    (
        "LANDLOCK_ACCESS_FS_MAKE_SYM",
        uapi::LANDLOCK_ACCESS_FS_MAKE_SYM,
    ),
    ("LANDLOCK_ACCESS_FS_REFER", uapi::LANDLOCK_ACCESS_FS_REFER),
    (
        "LANDLOCK_ACCESS_FS_TRUNCATE",
        uapi::LANDLOCK_ACCESS_FS_TRUNCATE,
    ),
    (
        "LANDLOCK_ACCESS_FS_IOCTL_DEV",
        uapi::LANDLOCK_ACCESS_FS_IOCTL_DEV,
    ),
];
pub(super) static LANDLOCK_ACCESS_NET: Table = &[
    (
        "LANDLOCK_ACCESS_NET_BIND_TCP",
        uapi::LANDLOCK_ACCESS_NET_BIND_TCP,
    ),
    (
        "LANDLOCK_ACCESS_NET_CONNECT_TCP",
        uapi::LANDLOCK_ACCESS_NET_CONNECT_TCP,
    ),
];
pub(super) static LANDLOCK_SCOPES: Table = &[
    (
        "LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET",
        uapi::LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET,
    ),
    ("LANDLOCK_SCOPE_SIGNAL", uapi::LANDLOCK_SCOPE_SIGNAL),
];
pub(super) static LANDLOCK_CREATE_FLAGS: Table = &[
    (
        "LANDLOCK_CREATE_RULESET_VERSION",
        uapi::LANDLOCK_CREATE_RULESET_VERSION,
    ),
    (
        "LANDLOCK_CREATE_RULESET_ERRATA",
        uapi::LANDLOCK_CREATE_RULESET_ERRATA,
    ),
];
pub(super) static LANDLOCK_RULE_TYPES: Table = &[
    (
        "LANDLOCK_RULE_PATH_BENEATH",
        uapi::LANDLOCK_RULE_PATH_BENEATH,
    ),
    ("LANDLOCK_RULE_NET_PORT", uapi::LANDLOCK_RULE_NET_PORT),
];
pub(super) static LANDLOCK_RESTRICT_FLAGS: Table = &[
    (
        "LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF",
        uapi::LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF,
    ),
    (
        "LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON",
        uapi::LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON,
    ),
    (
        "LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF",
        uapi::LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF,
    ),
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
    ("PERF_FLAG_FD_NO_GROUP", uapi::PERF_FLAG_FD_NO_GROUP),
    ("PERF_FLAG_FD_OUTPUT", uapi::PERF_FLAG_FD_OUTPUT),
    ("PERF_FLAG_PID_CGROUP", uapi::PERF_FLAG_PID_CGROUP),
    ("PERF_FLAG_FD_CLOEXEC", uapi::PERF_FLAG_FD_CLOEXEC),
];
pub(super) static RESOLVE_FLAGS: Table = &[
    ("RESOLVE_NO_XDEV", libc::RESOLVE_NO_XDEV),
    ("RESOLVE_NO_MAGICLINKS", libc::RESOLVE_NO_MAGICLINKS),
    ("RESOLVE_NO_SYMLINKS", libc::RESOLVE_NO_SYMLINKS),
    ("RESOLVE_BENEATH", libc::RESOLVE_BENEATH),
    ("RESOLVE_IN_ROOT", libc::RESOLVE_IN_ROOT),
    ("RESOLVE_CACHED", libc::RESOLVE_CACHED),
];
pub(super) static SA_FLAGS: Table = &[
    ("SA_NOCLDSTOP", libc::SA_NOCLDSTOP as u64),
    ("SA_NOCLDWAIT", libc::SA_NOCLDWAIT as u64),
    ("SA_SIGINFO", libc::SA_SIGINFO as u64),
    ("SA_UNSUPPORTED", uapi::SA_UNSUPPORTED),
    ("SA_EXPOSE_TAGBITS", uapi::SA_EXPOSE_TAGBITS),
    ("SA_RESTORER", uapi::SA_RESTORER),
    ("SA_ONSTACK", libc::SA_ONSTACK as u64),
    ("SA_RESTART", libc::SA_RESTART as u64),
    ("SA_NODEFER", libc::SA_NODEFER as u64),
    ("SA_RESETHAND", bits32(libc::SA_RESETHAND)),
];
pub(super) static IPC_GET_FLAGS: Table = &[
    ("IPC_CREAT", libc::IPC_CREAT as u64),
    ("IPC_EXCL", libc::IPC_EXCL as u64),
    ("IPC_NOWAIT", libc::IPC_NOWAIT as u64),
];
pub(super) static SHMGET_FLAGS: Table = &[
    ("IPC_CREAT", libc::IPC_CREAT as u64),
    ("IPC_EXCL", libc::IPC_EXCL as u64),
    ("SHM_HUGETLB", libc::SHM_HUGETLB as u64),
    ("SHM_NORESERVE", libc::SHM_NORESERVE as u64),
];
pub(super) static SHMAT_FLAGS: Table = &[
    ("SHM_RDONLY", libc::SHM_RDONLY as u64),
    ("SHM_RND", libc::SHM_RND as u64),
    ("SHM_REMAP", libc::SHM_REMAP as u64),
    ("SHM_EXEC", libc::SHM_EXEC as u64),
];
pub(super) static IPC_NOWAIT: Table = &[
    ("IPC_NOWAIT", libc::IPC_NOWAIT as u64),
    ("MSG_NOERROR", libc::MSG_NOERROR as u64),
];
pub(super) static SHMCTL_CMDS: Table = &[
    ("IPC_RMID", libc::IPC_RMID as u64),
    ("IPC_SET", libc::IPC_SET as u64),
    ("IPC_STAT", libc::IPC_STAT as u64),
    ("IPC_INFO", libc::IPC_INFO as u64),
    ("SHM_LOCK", libc::SHM_LOCK as u64),
    ("SHM_UNLOCK", libc::SHM_UNLOCK as u64),
    ("SHM_STAT", uapi::SHM_STAT),
    ("SHM_INFO", uapi::SHM_INFO),
    ("SHM_STAT_ANY", uapi::SHM_STAT_ANY),
];
pub(super) static SEMCTL_CMDS: Table = &[
    ("IPC_RMID", libc::IPC_RMID as u64),
    ("IPC_SET", libc::IPC_SET as u64),
    ("IPC_STAT", libc::IPC_STAT as u64),
    ("IPC_INFO", libc::IPC_INFO as u64),
    ("GETPID", libc::GETPID as u64),
    ("GETVAL", libc::GETVAL as u64),
    ("GETALL", libc::GETALL as u64),
    ("GETNCNT", libc::GETNCNT as u64),
    ("GETZCNT", libc::GETZCNT as u64),
    ("SETVAL", libc::SETVAL as u64),
    ("SETALL", libc::SETALL as u64),
    ("SEM_STAT", libc::SEM_STAT as u64),
    ("SEM_INFO", libc::SEM_INFO as u64),
    ("SEM_STAT_ANY", libc::SEM_STAT_ANY as u64),
];
pub(super) static MSGCTL_CMDS: Table = &[
    ("IPC_RMID", libc::IPC_RMID as u64),
    ("IPC_SET", libc::IPC_SET as u64),
    ("IPC_STAT", libc::IPC_STAT as u64),
    ("IPC_INFO", libc::IPC_INFO as u64),
    ("MSG_STAT", libc::MSG_STAT as u64),
    ("MSG_INFO", libc::MSG_INFO as u64),
    ("MSG_STAT_ANY", uapi::MSG_STAT_ANY),
];
/// `IPC_CREAT` and friends live above the 9 permission bits.
pub(super) const IPC_PERM_MASK: u64 = 0o777;
pub(super) static ITIMERS: Table = &[
    ("ITIMER_REAL", libc::ITIMER_REAL as u64),
    ("ITIMER_VIRTUAL", libc::ITIMER_VIRTUAL as u64),
    ("ITIMER_PROF", libc::ITIMER_PROF as u64),
];
pub(super) static RUSAGE_WHO: Table = &[
    ("RUSAGE_SELF", libc::RUSAGE_SELF as u64),
    ("RUSAGE_CHILDREN", bits32(libc::RUSAGE_CHILDREN)),
    ("RUSAGE_THREAD", libc::RUSAGE_THREAD as u64),
];
pub(super) static FADVISE: Table = &[
    ("POSIX_FADV_NORMAL", libc::POSIX_FADV_NORMAL as u64),
    ("POSIX_FADV_RANDOM", libc::POSIX_FADV_RANDOM as u64),
    ("POSIX_FADV_SEQUENTIAL", libc::POSIX_FADV_SEQUENTIAL as u64),
    ("POSIX_FADV_WILLNEED", libc::POSIX_FADV_WILLNEED as u64),
    ("POSIX_FADV_DONTNEED", libc::POSIX_FADV_DONTNEED as u64),
    ("POSIX_FADV_NOREUSE", libc::POSIX_FADV_NOREUSE as u64),
];
pub(super) static UFFD_FLAGS: Table = &[("UFFD_USER_MODE_ONLY", uapi::UFFD_USER_MODE_ONLY)];
pub(super) static XATTR_FLAGS: Table = &[
    ("XATTR_CREATE", libc::XATTR_CREATE as u64),
    ("XATTR_REPLACE", libc::XATTR_REPLACE as u64),
];
pub(super) static DN_FLAGS: Table = &[
    ("DN_ACCESS", uapi::DN_ACCESS),
    ("DN_MODIFY", uapi::DN_MODIFY),
    ("DN_CREATE", uapi::DN_CREATE),
    ("DN_DELETE", uapi::DN_DELETE),
    ("DN_RENAME", uapi::DN_RENAME),
    ("DN_ATTRIB", uapi::DN_ATTRIB),
    ("DN_MULTISHOT", uapi::DN_MULTISHOT),
];
pub(super) static ETH_PROTOCOLS: Table = &[
    ("ETH_P_ALL", libc::ETH_P_ALL as u64),
    ("ETH_P_IP", libc::ETH_P_IP as u64),
    ("ETH_P_ARP", libc::ETH_P_ARP as u64),
    ("ETH_P_IPV6", libc::ETH_P_IPV6 as u64),
];
pub(super) static RWF_FLAGS: Table = &[
    ("RWF_HIPRI", libc::RWF_HIPRI as u64),
    ("RWF_DSYNC", libc::RWF_DSYNC as u64),
    ("RWF_SYNC", libc::RWF_SYNC as u64),
    ("RWF_NOWAIT", libc::RWF_NOWAIT as u64),
    ("RWF_APPEND", libc::RWF_APPEND as u64),
    ("RWF_NOAPPEND", libc::RWF_NOAPPEND as u64),
    ("RWF_ATOMIC", libc::RWF_ATOMIC as u64),
    ("RWF_DONTCACHE", libc::RWF_DONTCACHE as u64),
];
pub(super) static TFD_SETTIME_FLAGS: Table = &[(
    "TFD_TIMER_CANCEL_ON_SET",
    libc::TFD_TIMER_CANCEL_ON_SET as u64,
)];

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
