//! The kernel constants the `libc` crate does not give us for x86_64-unknown-linux-gnu,
//! written as the x86_64 kernel sees them in a 64-bit syscall argument register.
//!
//! Everything else [`super::consts`], the promise table and the decoders' local tables of
//! [`super::signature`] name comes from `libc` itself. This module owns only what `libc` does
//! not give us: names newer than its bindings, names it never binds (`CAP_*`, `ARCH_*`,
//! `IOPRIO_*`, `LANDLOCK_*`, `DN_*`, `PERF_FLAG_*`), glibc-only aliases, and the few whose `libc` value is
//! not the kernel's: `O_LARGEFILE` (glibc's 0 on 64-bit, the kernel's `0o100000`) and
//! `CLONE_CLEAR_SIGHAND`/`CLONE_INTO_CGROUP` (a `c_int` in `libc`, where the bit overflows to 0).
//! Each constant names the header that defines it; the groups follow the headers. Where the
//! header defines a name as another name, so does this module. The ioctl numbers `libc` lacks
//! that are built with `_IO*` (`BLK*`, `FI*`, `FS_IOC_*`) are encoded in [`super::consts`].

// ---- <asm/unistd.h> (x86_64) ----

/// `<asm/unistd.h>` `__X32_SYSCALL_BIT`: x32 syscalls arrive with `AUDIT_ARCH_X86_64` and this
/// bit in the syscall number (`libc` has it only when built for x32).
pub(crate) const X32_SYSCALL_BIT: u32 = 0x4000_0000;

// ---- the kernel's include/linux/socket.h (internal; glibc copies it into <bits/socket.h>) ----

/// `include/linux/socket.h`
pub(crate) const AF_KCM: u64 = 41;
/// `include/linux/socket.h`
pub(crate) const AF_QIPCRTR: u64 = 42;
/// `include/linux/socket.h`
pub(crate) const AF_SMC: u64 = 43;
/// `include/linux/socket.h`
pub(crate) const AF_MCTP: u64 = 45;
/// `include/linux/socket.h`
pub(crate) const PF_QIPCRTR: u64 = AF_QIPCRTR;
/// `include/linux/socket.h`
pub(crate) const PF_SMC: u64 = AF_SMC;
/// `include/linux/socket.h`
pub(crate) const PF_MCTP: u64 = AF_MCTP;
/// `include/linux/socket.h`
pub(crate) const SOL_SCTP: u64 = 132;
/// `include/linux/socket.h`
pub(crate) const SOL_UDPLITE: u64 = 136;
/// `include/linux/socket.h`
pub(crate) const SOL_IPX: u64 = 256;
/// `include/linux/socket.h`
pub(crate) const SOL_AX25: u64 = 257;
/// `include/linux/socket.h`
pub(crate) const SOL_ATALK: u64 = 258;
/// `include/linux/socket.h`
pub(crate) const SOL_NETROM: u64 = 259;
/// `include/linux/socket.h`
pub(crate) const SOL_ROSE: u64 = 260;
/// `include/linux/socket.h`
pub(crate) const SOL_KCM: u64 = 281;
/// `include/linux/socket.h`
pub(crate) const SOL_MPTCP: u64 = 284;
/// `include/linux/socket.h`
pub(crate) const SOL_MCTP: u64 = 285;
/// `include/linux/socket.h`
pub(crate) const SOL_SMC: u64 = 286;
/// `include/linux/socket.h`
pub(crate) const MSG_PROXY: u64 = 0x10;
/// `include/linux/socket.h`
pub(crate) const MSG_BATCH: u64 = 0x40000;

// ---- glibc <bits/socket.h> ----

/// `<bits/socket.h>` (glibc only; the kernel has no such name): `PF_FILE`, that is `PF_LOCAL`.
pub(crate) const AF_FILE: u64 = libc::AF_LOCAL as u64;

// ---- <linux/vm_sockets.h> ----

/// `<linux/vm_sockets.h>`
pub(crate) const SOL_VSOCK: u64 = 287;

// ---- <linux/tcp.h> ----

/// `<linux/tcp.h>`
pub(crate) const TCP_TX_DELAY: u64 = 37;

// ---- <linux/in.h> ----

/// `<linux/in.h>`
pub(crate) const IP_RECVERR_RFC4884: u64 = 26;
/// `<linux/in.h>`
pub(crate) const IPPROTO_L2TP: u64 = 115;
/// `<linux/in.h>`
pub(crate) const IPPROTO_SMC: u64 = 256;

// ---- <linux/in6.h> ----

/// `<linux/in6.h>`
pub(crate) const IPV6_RECVERR_RFC4884: u64 = 31;

// ---- glibc <bits/in.h> ----

/// `<bits/in.h>` (glibc): its name for the kernel's `IPV6_ADD_MEMBERSHIP`.
pub(crate) const IPV6_JOIN_GROUP: u64 = libc::IPV6_ADD_MEMBERSHIP as u64;
/// `<bits/in.h>` (glibc): its name for the kernel's `IPV6_DROP_MEMBERSHIP`.
pub(crate) const IPV6_LEAVE_GROUP: u64 = libc::IPV6_DROP_MEMBERSHIP as u64;

// ---- <linux/netlink.h> ----

/// `<linux/netlink.h>`
pub(crate) const NETLINK_SMC: u64 = 22;

// ---- <asm-generic/fcntl.h> ----

/// `<asm-generic/fcntl.h>`: the kernel's bit, which x86_64 syscalls carry (glibc's
/// `O_LARGEFILE`, and so `libc`'s, is 0 on 64-bit targets).
pub(crate) const O_LARGEFILE: u64 = 0o100000;
/// `<asm-generic/fcntl.h>`
pub(crate) const __O_SYNC: u64 = 0o4000000;
/// `<asm-generic/fcntl.h>`: the kernel's bit alone (glibc's `__O_TMPFILE` adds `O_DIRECTORY`).
pub(crate) const __O_TMPFILE: u64 = 0o20000000;
/// `<asm-generic/fcntl.h>`
pub(crate) const FASYNC: u64 = 0o20000;
/// `<asm-generic/fcntl.h>`
pub(crate) const F_SETSIG: u64 = 10;
/// `<asm-generic/fcntl.h>`
pub(crate) const F_GETSIG: u64 = 11;
/// `<asm-generic/fcntl.h>`
pub(crate) const F_SETOWN_EX: u64 = 15;
/// `<asm-generic/fcntl.h>`
pub(crate) const F_GETOWN_EX: u64 = 16;
/// `<asm-generic/fcntl.h>`: the first Linux-specific fcntl command (`F_SETLEASE`); the
/// `F_*` commands of `<linux/fcntl.h>` count from it.
pub(crate) const F_LINUX_SPECIFIC_BASE: u64 = 1024;
/// `<asm-generic/fcntl.h>`
pub(crate) const F_OWNER_TID: u64 = 0;
/// `<asm-generic/fcntl.h>`
pub(crate) const F_OWNER_PID: u64 = 1;
/// `<asm-generic/fcntl.h>`
pub(crate) const F_OWNER_PGRP: u64 = 2;

// ---- glibc <bits/fcntl.h> (x86_64) ----

/// `<bits/fcntl.h>` (glibc, x86_64): the same command as `F_GETLK` on a 64-bit target.
pub(crate) const F_GETLK64: u64 = libc::F_GETLK as u64;
/// `<bits/fcntl.h>` (glibc, x86_64): the same command as `F_SETLK` on a 64-bit target.
pub(crate) const F_SETLK64: u64 = libc::F_SETLK as u64;
/// `<bits/fcntl.h>` (glibc, x86_64): the same command as `F_SETLKW` on a 64-bit target.
pub(crate) const F_SETLKW64: u64 = libc::F_SETLKW as u64;

// ---- <linux/fcntl.h> ----

/// `<linux/fcntl.h>`
pub(crate) const F_DUPFD_QUERY: u64 = F_LINUX_SPECIFIC_BASE + 3;
/// `<linux/fcntl.h>`
pub(crate) const F_CREATED_QUERY: u64 = F_LINUX_SPECIFIC_BASE + 4;
/// `<linux/fcntl.h>`
pub(crate) const F_GET_RW_HINT: u64 = F_LINUX_SPECIFIC_BASE + 11;
/// `<linux/fcntl.h>`
pub(crate) const F_SET_RW_HINT: u64 = F_LINUX_SPECIFIC_BASE + 12;
/// `<linux/fcntl.h>`
pub(crate) const F_GET_FILE_RW_HINT: u64 = F_LINUX_SPECIFIC_BASE + 13;
/// `<linux/fcntl.h>`
pub(crate) const F_SET_FILE_RW_HINT: u64 = F_LINUX_SPECIFIC_BASE + 14;
/// `<linux/fcntl.h>`
pub(crate) const DN_ACCESS: u64 = 0x1;
/// `<linux/fcntl.h>`
pub(crate) const DN_MODIFY: u64 = 0x2;
/// `<linux/fcntl.h>`
pub(crate) const DN_CREATE: u64 = 0x4;
/// `<linux/fcntl.h>`
pub(crate) const DN_DELETE: u64 = 0x8;
/// `<linux/fcntl.h>`
pub(crate) const DN_RENAME: u64 = 0x10;
/// `<linux/fcntl.h>`
pub(crate) const DN_ATTRIB: u64 = 0x20;
/// `<linux/fcntl.h>`
pub(crate) const DN_MULTISHOT: u64 = 0x8000_0000;

// ---- <asm-generic/mman-common.h> ----

/// `<asm-generic/mman-common.h>`
pub(crate) const PROT_SEM: u64 = 0x8;
/// `<asm-generic/mman-common.h>`
pub(crate) const MAP_UNINITIALIZED: u64 = 0x4000000;
/// `<asm-generic/mman-common.h>`
pub(crate) const MADV_GUARD_INSTALL: u64 = 102;
/// `<asm-generic/mman-common.h>`
pub(crate) const MADV_GUARD_REMOVE: u64 = 103;

// ---- <asm-generic/sockios.h> ----

/// `<asm-generic/sockios.h>`
pub(crate) const FIOSETOWN: u64 = 0x8901;
/// `<asm-generic/sockios.h>`
pub(crate) const SIOCSPGRP: u64 = 0x8902;
/// `<asm-generic/sockios.h>`
pub(crate) const FIOGETOWN: u64 = 0x8903;
/// `<asm-generic/sockios.h>`
pub(crate) const SIOCGPGRP: u64 = 0x8904;
/// `<asm-generic/sockios.h>`
pub(crate) const SIOCATMARK: u64 = 0x8905;
/// `<asm-generic/sockios.h>` as `SIOCGSTAMP_OLD`, which `<linux/sockios.h>` names `SIOCGSTAMP`
/// on 64-bit targets.
pub(crate) const SIOCGSTAMP: u64 = 0x8906;
/// `<asm-generic/sockios.h>` as `SIOCGSTAMPNS_OLD`, which `<linux/sockios.h>` names
/// `SIOCGSTAMPNS` on 64-bit targets.
pub(crate) const SIOCGSTAMPNS: u64 = 0x8907;

// ---- <linux/sockios.h> ----

/// `<linux/sockios.h>`
pub(crate) const SIOCINQ: u64 = libc::FIONREAD;
/// `<linux/sockios.h>`
pub(crate) const SIOCOUTQ: u64 = libc::TIOCOUTQ;
/// `<linux/sockios.h>`
pub(crate) const SIOCRTMSG: u64 = 0x890D;
/// `<linux/sockios.h>`
pub(crate) const SIOCADDDLCI: u64 = 0x8980;
/// `<linux/sockios.h>`
pub(crate) const SIOCDELDLCI: u64 = 0x8981;
/// `<linux/sockios.h>`
pub(crate) const SIOCBRADDBR: u64 = 0x89A0;
/// `<linux/sockios.h>`
pub(crate) const SIOCBRDELBR: u64 = 0x89A1;
/// `<linux/sockios.h>`
pub(crate) const SIOCBRADDIF: u64 = 0x89A2;
/// `<linux/sockios.h>`
pub(crate) const SIOCBRDELIF: u64 = 0x89A3;

// ---- <linux/sched.h> ----

/// `<linux/sched.h>`: clone3(2) only, above the 32 bits `libc`'s `c_int` holds.
pub(crate) const CLONE_CLEAR_SIGHAND: u64 = 0x1_0000_0000;
/// `<linux/sched.h>`: clone3(2) only, above the 32 bits `libc`'s `c_int` holds.
pub(crate) const CLONE_INTO_CGROUP: u64 = 0x2_0000_0000;
/// `<linux/sched.h>`
pub(crate) const SCHED_EXT: u64 = 7;

// ---- <linux/prctl.h> ----

/// `<linux/prctl.h>`
pub(crate) const PR_SVE_SET_VL: u64 = 50;
/// `<linux/prctl.h>`
pub(crate) const PR_SVE_GET_VL: u64 = 51;
/// `<linux/prctl.h>`
pub(crate) const PR_PAC_RESET_KEYS: u64 = 54;
/// `<linux/prctl.h>`
pub(crate) const PR_SET_TAGGED_ADDR_CTRL: u64 = 55;
/// `<linux/prctl.h>`
pub(crate) const PR_GET_TAGGED_ADDR_CTRL: u64 = 56;
/// `<linux/prctl.h>`
pub(crate) const PR_SET_IO_FLUSHER: u64 = 57;
/// `<linux/prctl.h>`
pub(crate) const PR_GET_IO_FLUSHER: u64 = 58;
/// `<linux/prctl.h>`
pub(crate) const PR_SET_SYSCALL_USER_DISPATCH: u64 = 59;
/// `<linux/prctl.h>`
pub(crate) const PR_PAC_SET_ENABLED_KEYS: u64 = 60;
/// `<linux/prctl.h>`
pub(crate) const PR_PAC_GET_ENABLED_KEYS: u64 = 61;
/// `<linux/prctl.h>`
pub(crate) const PR_SME_SET_VL: u64 = 63;
/// `<linux/prctl.h>`
pub(crate) const PR_SME_GET_VL: u64 = 64;
/// `<linux/prctl.h>`
pub(crate) const PR_RISCV_V_SET_CONTROL: u64 = 69;
/// `<linux/prctl.h>`
pub(crate) const PR_RISCV_V_GET_CONTROL: u64 = 70;
/// `<linux/prctl.h>`
pub(crate) const PR_RISCV_SET_ICACHE_FLUSH_CTX: u64 = 71;
/// `<linux/prctl.h>`
pub(crate) const PR_PPC_GET_DEXCR: u64 = 72;
/// `<linux/prctl.h>`
pub(crate) const PR_PPC_SET_DEXCR: u64 = 73;
/// `<linux/prctl.h>`
pub(crate) const PR_GET_SHADOW_STACK_STATUS: u64 = 74;
/// `<linux/prctl.h>`
pub(crate) const PR_SET_SHADOW_STACK_STATUS: u64 = 75;
/// `<linux/prctl.h>`
pub(crate) const PR_LOCK_SHADOW_STACK_STATUS: u64 = 76;
/// `<linux/prctl.h>`
pub(crate) const PR_TIMER_CREATE_RESTORE_IDS: u64 = 77;
/// `<linux/prctl.h>`
pub(crate) const PR_FUTEX_HASH: u64 = 78;
/// `<linux/prctl.h>`: `"AUXV"` in ASCII.
pub(crate) const PR_GET_AUXV: u64 = 0x41555856;

// ---- signals: <asm/signal.h> (x86) and glibc <bits/signum-arch.h> ----

/// `<asm/signal.h>` (x86)
pub(crate) const SIGUNUSED: u64 = 31;
/// `<bits/signum-arch.h>` (glibc; the old System V name of `SIGCHLD`).
pub(crate) const SIGCLD: u64 = libc::SIGCHLD as u64;
/// `<asm/signal.h>` (x86)
pub(crate) const SA_RESTORER: u64 = 0x400_0000;

// ---- <linux/capability.h> ----

/// `<linux/capability.h>`
pub(crate) const CAP_CHOWN: u64 = 0;
/// `<linux/capability.h>`
pub(crate) const CAP_DAC_OVERRIDE: u64 = 1;
/// `<linux/capability.h>`
pub(crate) const CAP_DAC_READ_SEARCH: u64 = 2;
/// `<linux/capability.h>`
pub(crate) const CAP_FOWNER: u64 = 3;
/// `<linux/capability.h>`
pub(crate) const CAP_FSETID: u64 = 4;
/// `<linux/capability.h>`
pub(crate) const CAP_KILL: u64 = 5;
/// `<linux/capability.h>`
pub(crate) const CAP_SETGID: u64 = 6;
/// `<linux/capability.h>`
pub(crate) const CAP_SETUID: u64 = 7;
/// `<linux/capability.h>`
pub(crate) const CAP_SETPCAP: u64 = 8;
/// `<linux/capability.h>`
pub(crate) const CAP_LINUX_IMMUTABLE: u64 = 9;
/// `<linux/capability.h>`
pub(crate) const CAP_NET_BIND_SERVICE: u64 = 10;
/// `<linux/capability.h>`
pub(crate) const CAP_NET_BROADCAST: u64 = 11;
/// `<linux/capability.h>`
pub(crate) const CAP_NET_ADMIN: u64 = 12;
/// `<linux/capability.h>`
pub(crate) const CAP_NET_RAW: u64 = 13;
/// `<linux/capability.h>`
pub(crate) const CAP_IPC_LOCK: u64 = 14;
/// `<linux/capability.h>`
pub(crate) const CAP_IPC_OWNER: u64 = 15;
/// `<linux/capability.h>`
pub(crate) const CAP_SYS_MODULE: u64 = 16;
/// `<linux/capability.h>`
pub(crate) const CAP_SYS_RAWIO: u64 = 17;
/// `<linux/capability.h>`
pub(crate) const CAP_SYS_CHROOT: u64 = 18;
/// `<linux/capability.h>`
pub(crate) const CAP_SYS_PTRACE: u64 = 19;
/// `<linux/capability.h>`
pub(crate) const CAP_SYS_PACCT: u64 = 20;
/// `<linux/capability.h>`
pub(crate) const CAP_SYS_ADMIN: u64 = 21;
/// `<linux/capability.h>`
pub(crate) const CAP_SYS_BOOT: u64 = 22;
/// `<linux/capability.h>`
pub(crate) const CAP_SYS_NICE: u64 = 23;
/// `<linux/capability.h>`
pub(crate) const CAP_SYS_RESOURCE: u64 = 24;
/// `<linux/capability.h>`
pub(crate) const CAP_SYS_TIME: u64 = 25;
/// `<linux/capability.h>`
pub(crate) const CAP_SYS_TTY_CONFIG: u64 = 26;
/// `<linux/capability.h>`
pub(crate) const CAP_MKNOD: u64 = 27;
/// `<linux/capability.h>`
pub(crate) const CAP_LEASE: u64 = 28;
/// `<linux/capability.h>`
pub(crate) const CAP_AUDIT_WRITE: u64 = 29;
/// `<linux/capability.h>`
pub(crate) const CAP_AUDIT_CONTROL: u64 = 30;
/// `<linux/capability.h>`
pub(crate) const CAP_SETFCAP: u64 = 31;
/// `<linux/capability.h>`
pub(crate) const CAP_MAC_OVERRIDE: u64 = 32;
/// `<linux/capability.h>`
pub(crate) const CAP_MAC_ADMIN: u64 = 33;
/// `<linux/capability.h>`
pub(crate) const CAP_SYSLOG: u64 = 34;
/// `<linux/capability.h>`
pub(crate) const CAP_WAKE_ALARM: u64 = 35;
/// `<linux/capability.h>`
pub(crate) const CAP_BLOCK_SUSPEND: u64 = 36;
/// `<linux/capability.h>`
pub(crate) const CAP_AUDIT_READ: u64 = 37;
/// `<linux/capability.h>`
pub(crate) const CAP_PERFMON: u64 = 38;
/// `<linux/capability.h>`
pub(crate) const CAP_BPF: u64 = 39;
/// `<linux/capability.h>`
pub(crate) const CAP_CHECKPOINT_RESTORE: u64 = 40;

// ---- <linux/ioprio.h> ----

/// `<linux/ioprio.h>`
pub(crate) const IOPRIO_WHO_PROCESS: u64 = 1;
/// `<linux/ioprio.h>`
pub(crate) const IOPRIO_WHO_PGRP: u64 = 2;
/// `<linux/ioprio.h>`
pub(crate) const IOPRIO_WHO_USER: u64 = 3;
/// `<linux/ioprio.h>`
pub(crate) const IOPRIO_CLASS_NONE: u64 = 0;
/// `<linux/ioprio.h>`
pub(crate) const IOPRIO_CLASS_RT: u64 = 1;
/// `<linux/ioprio.h>`
pub(crate) const IOPRIO_CLASS_BE: u64 = 2;
/// `<linux/ioprio.h>`
pub(crate) const IOPRIO_CLASS_IDLE: u64 = 3;

// ---- <linux/ptrace.h> ----

/// `<linux/ptrace.h>`
pub(crate) const PTRACE_SECCOMP_GET_FILTER: u64 = 0x420c;
/// `<linux/ptrace.h>`
pub(crate) const PTRACE_SECCOMP_GET_METADATA: u64 = 0x420d;

// ---- <asm/prctl.h> (x86) ----

/// `<asm/prctl.h>` (x86)
pub(crate) const ARCH_SET_GS: u64 = 0x1001;
/// `<asm/prctl.h>` (x86)
pub(crate) const ARCH_SET_FS: u64 = 0x1002;
/// `<asm/prctl.h>` (x86)
pub(crate) const ARCH_GET_FS: u64 = 0x1003;
/// `<asm/prctl.h>` (x86)
pub(crate) const ARCH_GET_GS: u64 = 0x1004;
/// `<asm/prctl.h>` (x86)
pub(crate) const ARCH_GET_CPUID: u64 = 0x1011;
/// `<asm/prctl.h>` (x86)
pub(crate) const ARCH_SET_CPUID: u64 = 0x1012;

// ---- <linux/personality.h> ----

/// `<linux/personality.h>`
pub(crate) const PER_LINUX: u64 = 0;
/// No header names it: personality(2) only queries the persona when given `0xffffffff`.
pub(crate) const PER_QUERY: u64 = 0xffff_ffff;

// ---- <asm-generic/signal-defs.h> ----

/// `<asm-generic/signal-defs.h>`
pub(crate) const SA_UNSUPPORTED: u64 = 0x400;
/// `<asm-generic/signal-defs.h>`
pub(crate) const SA_EXPOSE_TAGBITS: u64 = 0x800;

// ---- <asm-generic/poll.h> ----

/// `<asm-generic/poll.h>`
pub(crate) const POLLMSG: u64 = 0x400;

// ---- <linux/falloc.h> ----

/// `<linux/falloc.h>`
pub(crate) const FALLOC_FL_NO_HIDE_STALE: u64 = 0x4;
/// `<linux/falloc.h>`
pub(crate) const FALLOC_FL_WRITE_ZEROES: u64 = 0x80;

// ---- <linux/shm.h> ----

/// `<linux/shm.h>`
pub(crate) const SHM_STAT: u64 = 13;
/// `<linux/shm.h>`
pub(crate) const SHM_INFO: u64 = 14;
/// `<linux/shm.h>`
pub(crate) const SHM_STAT_ANY: u64 = 15;

// ---- <linux/msg.h> ----

/// `<linux/msg.h>`
pub(crate) const MSG_STAT_ANY: u64 = 13;

// ---- <linux/userfaultfd.h> ----

/// `<linux/userfaultfd.h>`
pub(crate) const UFFD_USER_MODE_ONLY: u64 = 1;

// ---- <linux/perf_event.h> ----

/// `<linux/perf_event.h>`
pub(crate) const PERF_FLAG_FD_NO_GROUP: u64 = 1;
/// `<linux/perf_event.h>`
pub(crate) const PERF_FLAG_FD_OUTPUT: u64 = 2;
/// `<linux/perf_event.h>`
pub(crate) const PERF_FLAG_PID_CGROUP: u64 = 4;
/// `<linux/perf_event.h>`
pub(crate) const PERF_FLAG_FD_CLOEXEC: u64 = 8;

// ---- <linux/landlock.h> ----

/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_CREATE_RULESET_VERSION: u64 = 1;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_CREATE_RULESET_ERRATA: u64 = 2;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF: u64 = 1;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON: u64 = 2;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF: u64 = 4;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_RULE_PATH_BENEATH: u64 = 1;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_RULE_NET_PORT: u64 = 2;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_ACCESS_FS_EXECUTE: u64 = 0x1;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_ACCESS_FS_WRITE_FILE: u64 = 0x2;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_ACCESS_FS_READ_FILE: u64 = 0x4;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_ACCESS_FS_READ_DIR: u64 = 0x8;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_ACCESS_FS_REMOVE_DIR: u64 = 0x10;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_ACCESS_FS_REMOVE_FILE: u64 = 0x20;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_ACCESS_FS_MAKE_CHAR: u64 = 0x40;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_ACCESS_FS_MAKE_DIR: u64 = 0x80;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_ACCESS_FS_MAKE_REG: u64 = 0x100;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_ACCESS_FS_MAKE_SOCK: u64 = 0x200;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_ACCESS_FS_MAKE_FIFO: u64 = 0x400;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_ACCESS_FS_MAKE_BLOCK: u64 = 0x800;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_ACCESS_FS_MAKE_SYM: u64 = 0x1000;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_ACCESS_FS_REFER: u64 = 0x2000;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_ACCESS_FS_TRUNCATE: u64 = 0x4000;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_ACCESS_FS_IOCTL_DEV: u64 = 0x8000;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_ACCESS_NET_BIND_TCP: u64 = 1;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_ACCESS_NET_CONNECT_TCP: u64 = 2;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET: u64 = 1;
/// `<linux/landlock.h>`
pub(crate) const LANDLOCK_SCOPE_SIGNAL: u64 = 2;
