//! THE promise table: every pledge promise, the syscalls it allows unconditionally, the
//! argument rules it allows conditionally, and the paths it unveils implicitly.
//!
//! This is the only place that maps promises to syscalls. It follows the reference Linux
//! port (Cosmopolitan `pledge-linux.c`, tabulated in `docs/pledge-semantics.md` §1) and
//! differs from it only where the reference is a hole; every difference is listed in
//! [`DIFFERENCES`] and in `docs/promises.md`. The module is pure data plus lookups.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::rule::{Condition, Op, Width};
use crate::abi::syscalls::Sysno;
use crate::abi::uapi;

/// A pledge promise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Promise {
    /// Basic I/O on open descriptors, memory, time, threads, signals to oneself.
    Stdio,
    /// Read-only access to the file system.
    Rpath,
    /// Writing to existing files.
    Wpath,
    /// Creating, renaming and removing files and directories.
    Cpath,
    /// Creating special files (mknod).
    Dpath,
    /// File locks.
    Flock,
    /// Changing file attributes (times, permission bits).
    Fattr,
    /// IPv4/IPv6 sockets.
    Inet,
    /// IPv4/IPv6 TCP servers (no connect, no UDP).
    Anet,
    /// Unix domain sockets.
    Unix,
    /// Name resolution.
    Dns,
    /// Terminal ioctls.
    Tty,
    /// Receiving file descriptors (recvmsg).
    Recvfd,
    /// Sending file descriptors (sendmsg).
    Sendfd,
    /// Creating processes and signalling them.
    Proc,
    /// Changing user and group ids.
    Id,
    /// Changing file ownership.
    Chown,
    /// Setting the clock.
    Settime,
    /// Executable memory.
    ProtExec,
    /// Executing programs.
    Exec,
    /// Landlock (unveil) from inside the program.
    Unveil,
    /// System information files.
    Vminfo,
    /// Temporary files under /tmp.
    Tmppath,
    /// Routing netlink sockets.
    Netlink,
}

/// All promises in table order.
pub const ALL: [Promise; 24] = [
    Promise::Stdio,
    Promise::Rpath,
    Promise::Wpath,
    Promise::Cpath,
    Promise::Dpath,
    Promise::Flock,
    Promise::Fattr,
    Promise::Inet,
    Promise::Anet,
    Promise::Unix,
    Promise::Dns,
    Promise::Tty,
    Promise::Recvfd,
    Promise::Sendfd,
    Promise::Proc,
    Promise::Id,
    Promise::Chown,
    Promise::Settime,
    Promise::ProtExec,
    Promise::Exec,
    Promise::Unveil,
    Promise::Vminfo,
    Promise::Tmppath,
    Promise::Netlink,
];

impl Promise {
    /// The table entry.
    pub fn info(self) -> &'static PromiseInfo {
        &TABLE[self as usize]
    }

    /// The OpenBSD name (`stdio`, `prot_exec`, …).
    pub fn name(self) -> &'static str {
        self.info().name
    }
}

impl fmt::Display for Promise {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A promise name the table does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown promise `{name}`")]
pub struct UnknownPromise {
    /// The name as written.
    pub name: String,
    /// The closest promise name, if any.
    pub suggestion: Option<&'static str>,
}

impl FromStr for Promise {
    type Err = UnknownPromise;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ALL.iter()
            .copied()
            .find(|p| p.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownPromise {
                name: s.to_string(),
                suggestion: crate::suggest::closest(s, ALL.iter().map(|p| p.name())),
            })
    }
}

/// A set of promises.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct PromiseSet(u32);

impl PromiseSet {
    /// No promises: only `exit` is allowed.
    pub const EMPTY: PromiseSet = PromiseSet(0);

    /// A set with the given promises.
    pub fn of(promises: &[Promise]) -> Self {
        let mut s = Self::EMPTY;
        for &p in promises {
            s.insert(p);
        }
        s
    }

    /// Adds a promise; returns whether it was new.
    pub fn insert(&mut self, p: Promise) -> bool {
        let had = self.contains(p);
        self.0 |= 1 << (p as u32);
        !had
    }

    /// Removes a promise; returns whether it was there.
    pub fn remove(&mut self, p: Promise) -> bool {
        let had = self.contains(p);
        self.0 &= !(1 << (p as u32));
        had
    }

    /// Whether the set holds the promise.
    pub fn contains(self, p: Promise) -> bool {
        self.0 & (1 << (p as u32)) != 0
    }

    /// Whether every promise of `other` is in this set.
    pub fn contains_all(self, other: PromiseSet) -> bool {
        self.0 & other.0 == other.0
    }

    /// The union.
    #[must_use]
    pub fn union(self, other: PromiseSet) -> Self {
        PromiseSet(self.0 | other.0)
    }

    /// The promises of `self` that are not in `other`.
    #[must_use]
    pub fn difference(self, other: PromiseSet) -> Self {
        PromiseSet(self.0 & !other.0)
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The number of promises.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The promises in table order.
    pub fn iter(self) -> impl Iterator<Item = Promise> {
        ALL.into_iter().filter(move |p| self.contains(*p))
    }

    /// Parses a pledge string: names separated by spaces, tabs, newlines or commas.
    ///
    /// # Errors
    /// The first unknown name.
    pub fn parse(text: &str) -> Result<Self, UnknownPromise> {
        let mut set = Self::EMPTY;
        for word in text
            .split(|c: char| c.is_ascii_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
        {
            set.insert(word.parse()?);
        }
        Ok(set)
    }
}

impl fmt::Display for PromiseSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.iter().map(Promise::name).collect();
        f.write_str(&names.join(" "))
    }
}

impl fmt::Debug for PromiseSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PromiseSet({self})")
    }
}

impl FromIterator<Promise> for PromiseSet {
    fn from_iter<I: IntoIterator<Item = Promise>>(iter: I) -> Self {
        let mut s = Self::EMPTY;
        for p in iter {
            s.insert(p);
        }
        s
    }
}

impl Serialize for PromiseSet {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(Promise::name))
    }
}

impl<'de> Deserialize<'de> for PromiseSet {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let names = Vec::<String>::deserialize(d)?;
        let mut set = PromiseSet::EMPTY;
        for n in names {
            let p: Promise = n.parse().map_err(|e: UnknownPromise| {
                let hint = e
                    .suggestion
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                serde::de::Error::custom(format!("{e}{hint}"))
            })?;
            set.insert(p);
        }
        Ok(set)
    }
}

/// A conditional allow: `syscall` is allowed when every group holds, a group holding when
/// any of its conditions holds (a conjunction of disjunctions). `also` lists promises that
/// must be present too (for rules that need two promises, e.g. creating a file for writing
/// needs `wpath` and `cpath`).
#[derive(Debug, Clone, Copy)]
pub struct ArgRule {
    /// The syscall.
    pub syscall: Sysno,
    /// A short tag naming the rule in reports and docs (`READONLY`, `NOEXEC` …).
    pub tag: &'static str,
    /// Other promises that must also be granted for this rule to apply.
    pub also: &'static [Promise],
    /// AND over groups, OR within a group.
    pub all_of: &'static [&'static [Condition]],
}

impl ArgRule {
    /// Whether the arguments satisfy the rule.
    pub fn matches(&self, args: &[u64; 6]) -> bool {
        self.all_of
            .iter()
            .all(|group| group.iter().any(|c| c.matches(args)))
    }

    /// The rule as a disjunction of conjunctions (what seccompiler rules express).
    pub fn to_dnf(&self) -> Vec<Vec<Condition>> {
        let mut terms: Vec<Vec<Condition>> = vec![Vec::new()];
        for group in self.all_of {
            let mut next = Vec::with_capacity(terms.len() * group.len());
            for term in &terms {
                for c in *group {
                    let mut t = term.clone();
                    t.push(*c);
                    next.push(t);
                }
            }
            terms = next;
        }
        terms
    }
}

/// A path a promise unveils implicitly (when it exists), with its permissions.
#[derive(Debug, Clone, Copy)]
pub struct ImplicitUnveil {
    /// Absolute path, or `$TTY` (the terminal on fd 0) or `$TMPPATH` (that variable).
    pub path: &'static str,
    /// Permission letters (`r`, `rw`, `rwc` …).
    pub perms: &'static str,
}

/// One promise's entry in the table.
#[derive(Debug)]
pub struct PromiseInfo {
    /// The promise.
    pub promise: Promise,
    /// Its name.
    pub name: &'static str,
    /// One line saying what it grants.
    pub summary: &'static str,
    /// Syscalls allowed whatever their arguments.
    pub syscalls: &'static [Sysno],
    /// Syscalls allowed for some arguments.
    pub rules: &'static [ArgRule],
    /// Paths unveiled when the promise is given (pledge.com's list, plus our additions).
    pub unveils: &'static [ImplicitUnveil],
}

// ---- condition helpers (all const so the table is static data) ----

const fn eq(arg: u8, v: u64) -> Condition {
    Condition::new(arg, Width::Dword, Op::Eq, v)
}
const fn eq64(arg: u8, v: u64) -> Condition {
    Condition::new(arg, Width::Qword, Op::Eq, v)
}
const fn masked(arg: u8, mask: u64, v: u64) -> Condition {
    Condition::new(arg, Width::Dword, Op::MaskedEq(mask), v)
}
const fn masked64(arg: u8, mask: u64, v: u64) -> Condition {
    Condition::new(arg, Width::Qword, Op::MaskedEq(mask), v)
}

const O_ACCMODE: u64 = libc::O_ACCMODE as u64;
const O_WRONLY: u64 = libc::O_WRONLY as u64;
const O_RDWR: u64 = libc::O_RDWR as u64;
const O_CREAT: u64 = libc::O_CREAT as u64;
const O_EXCL: u64 = libc::O_EXCL as u64;
const O_TRUNC: u64 = libc::O_TRUNC as u64;
/// The kernel's `__O_TMPFILE` bit alone (`O_TMPFILE` also sets `O_DIRECTORY`).
const O_TMPFILE_BIT: u64 = uapi::__O_TMPFILE;
const SETID_BITS: u64 = (libc::S_ISUID | libc::S_ISGID | libc::S_ISVTX) as u64;
const AT_EMPTY_PATH: u64 = libc::AT_EMPTY_PATH as u64;
/// The socket type without its flags, on the 32 bits the kernel reads.
const SOCK_FLAGS_MASK: u64 = !((libc::SOCK_CLOEXEC | libc::SOCK_NONBLOCK) as u64) & 0xffff_ffff;
/// Every prot bit but read and write, on all 64 bits (prot is an unsigned long).
const PROT_RW_ONLY: u64 = !((libc::PROT_READ | libc::PROT_WRITE) as u64);
const MAP_LOCKED: u64 = libc::MAP_LOCKED as u64;
const MAP_NONBLOCK: u64 = libc::MAP_NONBLOCK as u64;
const MAP_HUGETLB: u64 = libc::MAP_HUGETLB as u64;
const CLONE_THREAD_SET: u64 = (libc::CLONE_VM
    | libc::CLONE_FS
    | libc::CLONE_FILES
    | libc::CLONE_SIGHAND
    | libc::CLONE_THREAD) as u64;
/// Clone flags no promise allows: every namespace flag (the reference blocks only
/// CLONE_NEWNS), plus CLONE_PTRACE and CLONE_UNTRACED.
pub const CLONE_FORBIDDEN: u64 = (libc::CLONE_NEWNS
    | libc::CLONE_NEWCGROUP
    | libc::CLONE_NEWUTS
    | libc::CLONE_NEWIPC
    | libc::CLONE_NEWUSER
    | libc::CLONE_NEWPID
    | libc::CLONE_NEWNET
    | libc::CLONE_PTRACE
    | libc::CLONE_UNTRACED) as u64;

/// Stands for the sandboxed program's pid in `kill`/`tgkill` rules. The compiler emits it as
/// a constant and the launcher patches in the real pid after `fork`, before installing.
pub const PID_PLACEHOLDER: u64 = 0x7e5e_1f00;

// ---- argument groups ----

const READONLY_FLAGS: u64 = O_ACCMODE | O_CREAT | O_TRUNC | O_TMPFILE_BIT;
const OPEN_READONLY: &[&[Condition]] = &[&[masked(1, READONLY_FLAGS, 0)]];
const OPENAT_READONLY: &[&[Condition]] = &[&[masked(2, READONLY_FLAGS, 0)]];
const WRITE_FLAGS: u64 = O_ACCMODE | O_CREAT | O_TMPFILE_BIT;
const OPEN_WRITEONLY: &[&[Condition]] = &[&[
    masked(1, WRITE_FLAGS, O_WRONLY),
    masked(1, WRITE_FLAGS, O_RDWR),
]];
const OPENAT_WRITEONLY: &[&[Condition]] = &[&[
    masked(2, WRITE_FLAGS, O_WRONLY),
    masked(2, WRITE_FLAGS, O_RDWR),
]];
// cpath alone: only opens that cannot reach an existing file (O_CREAT|O_EXCL, O_TMPFILE).
const OPEN_CREATE_NEW: &[&[Condition]] = &[
    &[
        masked(1, O_CREAT | O_EXCL, O_CREAT | O_EXCL),
        masked(1, O_TMPFILE_BIT, O_TMPFILE_BIT),
    ],
    &[masked(2, SETID_BITS, 0)],
];
const OPENAT_CREATE_NEW: &[&[Condition]] = &[
    &[
        masked(2, O_CREAT | O_EXCL, O_CREAT | O_EXCL),
        masked(2, O_TMPFILE_BIT, O_TMPFILE_BIT),
    ],
    &[masked(3, SETID_BITS, 0)],
];
// wpath + cpath: create-or-open for writing (O_TRUNC allowed, as wpath allows it).
const OPEN_CREATE_WRITE: &[&[Condition]] = &[
    &[
        masked(1, O_ACCMODE | O_CREAT, O_WRONLY | O_CREAT),
        masked(1, O_ACCMODE | O_CREAT, O_RDWR | O_CREAT),
    ],
    &[masked(2, SETID_BITS, 0)],
];
const OPENAT_CREATE_WRITE: &[&[Condition]] = &[
    &[
        masked(2, O_ACCMODE | O_CREAT, O_WRONLY | O_CREAT),
        masked(2, O_ACCMODE | O_CREAT, O_RDWR | O_CREAT),
    ],
    &[masked(3, SETID_BITS, 0)],
];
// rpath + cpath: create-or-open read-only (no truncation).
const OPEN_CREATE_READ: &[&[Condition]] = &[
    &[masked(1, READONLY_FLAGS, O_CREAT)],
    &[masked(2, SETID_BITS, 0)],
];
const OPENAT_CREATE_READ: &[&[Condition]] = &[
    &[masked(2, READONLY_FLAGS, O_CREAT)],
    &[masked(3, SETID_BITS, 0)],
];
const CREAT_NOBITS: &[&[Condition]] = &[&[masked(1, SETID_BITS, 0)]];
const MODE1_NOBITS: &[&[Condition]] = &[&[masked(1, SETID_BITS, 0)]];
const MODE2_NOBITS: &[&[Condition]] = &[&[masked(2, SETID_BITS, 0)]];

// mmap's and mprotect's prot and flags are declared unsigned long: 64-bit compares.
const MMAP_NOEXEC: &[&[Condition]] = &[
    &[masked64(2, PROT_RW_ONLY, 0)],
    &[masked64(3, MAP_LOCKED | MAP_NONBLOCK, 0)],
];
const MMAP_EXEC: &[&[Condition]] = &[&[masked64(3, MAP_LOCKED | MAP_NONBLOCK | MAP_HUGETLB, 0)]];
const MPROTECT_NOEXEC: &[&[Condition]] = &[&[masked64(2, PROT_RW_ONLY, 0)]];

const FCNTL_STDIO: &[&[Condition]] = &[&[
    eq(1, libc::F_DUPFD as u64),
    eq(1, libc::F_GETFD as u64),
    eq(1, libc::F_SETFD as u64),
    eq(1, libc::F_GETFL as u64),
    eq(1, libc::F_SETFL as u64),
    eq(1, libc::F_DUPFD_CLOEXEC as u64),
]];
const FCNTL_LOCK: &[&[Condition]] = &[&[
    eq(1, libc::F_GETLK as u64),
    eq(1, libc::F_SETLK as u64),
    eq(1, libc::F_SETLKW as u64),
    eq(1, libc::F_OFD_GETLK as u64),
    eq(1, libc::F_OFD_SETLK as u64),
    eq(1, libc::F_OFD_SETLKW as u64),
]];
const IOCTL_STDIO: &[&[Condition]] = &[&[
    eq(1, libc::FIONREAD),
    eq(1, libc::FIONBIO),
    eq(1, libc::FIOCLEX),
    eq(1, libc::FIONCLEX),
]];
const IOCTL_TTY: &[&[Condition]] = &[&[
    eq(1, libc::TCGETS),
    eq(1, libc::TCSETS),
    eq(1, libc::TCSETSW),
    eq(1, libc::TCSETSF),
    eq(1, libc::TIOCGWINSZ),
    eq(1, libc::TIOCSWINSZ),
    eq(1, libc::TIOCSPGRP),
    eq(1, libc::TIOCGPGRP),
    eq(1, libc::TCFLSH),
    eq(1, libc::TCXONC),
    eq(1, libc::TCSBRK),
    eq(1, libc::TIOCSBRK),
]];
const IOCTL_INET: &[&[Condition]] = &[&[eq(1, uapi::SIOCATMARK)]];
const SENDTO_ADDRLESS: &[&[Condition]] = &[&[eq64(4, 0)]];
const PRCTL_STDIO: &[&[Condition]] = &[&[
    eq(0, libc::PR_SET_NAME as u64),
    eq(0, libc::PR_GET_NAME as u64),
    eq(0, libc::PR_GET_SECCOMP as u64),
    eq(0, libc::PR_SET_SECCOMP as u64),
    eq(0, libc::PR_CAPBSET_READ as u64),
    eq(0, libc::PR_CAPBSET_DROP as u64),
    eq(0, libc::PR_SET_NO_NEW_PRIVS as u64),
]];
const PRLIMIT_READONLY: &[&[Condition]] = &[&[eq64(2, 0)]];
const CLONE_THREAD: &[&[Condition]] = &[
    &[masked(0, CLONE_THREAD_SET, CLONE_THREAD_SET)],
    &[masked(0, CLONE_FORBIDDEN, 0)],
];
const CLONE_PROC: &[&[Condition]] = &[&[masked(0, CLONE_FORBIDDEN, 0)]];
const KILL_SELF: &[&[Condition]] = &[&[eq(0, PID_PLACEHOLDER)]];
// Calls that change a process given its pid act on the program itself only: pid 0 (the
// caller) or the sandboxed program's pid. Landlock does not scope them.
const PID0_SELF: &[&[Condition]] = &[&[eq(0, 0), eq(0, PID_PLACEHOLDER)]];
const PRIO_PROCESS: u64 = libc::PRIO_PROCESS as u64;
const PRIO_PGRP: u64 = libc::PRIO_PGRP as u64;
const IOPRIO_WHO_PROCESS: u64 = uapi::IOPRIO_WHO_PROCESS;
const IOPRIO_WHO_PGRP: u64 = uapi::IOPRIO_WHO_PGRP;
// setpriority/ioprio_set (which, who, …): the process itself, or its own process group
// (who 0; the sandbox runs in a session of its own); never a user's processes.
const PRIO_SELF: &[&[Condition]] = &[&[eq(0, PRIO_PROCESS)], &[eq(1, 0), eq(1, PID_PLACEHOLDER)]];
const PRIO_OWN_GROUP: &[&[Condition]] = &[&[eq(0, PRIO_PGRP)], &[eq(1, 0)]];
const IOPRIO_SELF: &[&[Condition]] = &[
    &[eq(0, IOPRIO_WHO_PROCESS)],
    &[eq(1, 0), eq(1, PID_PLACEHOLDER)],
];
const IOPRIO_OWN_GROUP: &[&[Condition]] = &[&[eq(0, IOPRIO_WHO_PGRP)], &[eq(1, 0)]];
const NEWFSTATAT_EMPTY_PATH: &[&[Condition]] = &[&[masked(3, AT_EMPTY_PATH, AT_EMPTY_PATH)]];
const STATX_EMPTY_PATH: &[&[Condition]] = &[&[masked(2, AT_EMPTY_PATH, AT_EMPTY_PATH)]];

const INET_DOMAINS: &[Condition] = &[eq(0, libc::AF_INET as u64), eq(0, libc::AF_INET6 as u64)];
const SOCK_STREAM: u64 = libc::SOCK_STREAM as u64;
const SOCK_DGRAM: u64 = libc::SOCK_DGRAM as u64;
const SOCK_RAW: u64 = libc::SOCK_RAW as u64;
// Protocol 0 is the type's default protocol.
const SOCKET_INET: &[&[Condition]] = &[
    INET_DOMAINS,
    &[
        masked(1, SOCK_FLAGS_MASK, SOCK_STREAM),
        masked(1, SOCK_FLAGS_MASK, SOCK_DGRAM),
    ],
    &[
        eq(2, 0),
        eq(2, libc::IPPROTO_ICMP as u64),
        eq(2, libc::IPPROTO_TCP as u64),
        eq(2, libc::IPPROTO_UDP as u64),
    ],
];
const SOCKET_ANET: &[&[Condition]] = &[
    INET_DOMAINS,
    &[masked(1, SOCK_FLAGS_MASK, SOCK_STREAM)],
    &[
        eq(2, 0),
        eq(2, libc::IPPROTO_ICMP as u64),
        eq(2, libc::IPPROTO_TCP as u64),
    ],
];
const SOCKET_UNIX: &[&[Condition]] = &[
    &[eq(0, libc::AF_UNIX as u64)],
    &[
        masked(1, SOCK_FLAGS_MASK, SOCK_STREAM),
        masked(1, SOCK_FLAGS_MASK, SOCK_DGRAM),
    ],
    &[eq(2, 0)],
];
const SOCKET_NETLINK: &[&[Condition]] = &[
    &[eq(0, libc::AF_NETLINK as u64)],
    &[
        masked(1, SOCK_FLAGS_MASK, SOCK_DGRAM),
        masked(1, SOCK_FLAGS_MASK, SOCK_RAW),
    ],
    &[eq(2, libc::NETLINK_ROUTE as u64)],
];
// setsockopt: the pairs the reference means (it checks level and name independently, which
// also admits e.g. SO_ATTACH_FILTER at SOL_SOCKET); see DIFFERENCES.
const SETSOCKOPT_SOCKET: &[&[Condition]] = &[
    &[eq(1, libc::SOL_SOCKET as u64)],
    &[
        eq(2, libc::SO_REUSEADDR as u64),
        eq(2, libc::SO_TYPE as u64),
        eq(2, libc::SO_ERROR as u64),
        eq(2, libc::SO_DONTROUTE as u64),
        eq(2, libc::SO_BROADCAST as u64),
        eq(2, libc::SO_KEEPALIVE as u64),
        eq(2, libc::SO_REUSEPORT as u64),
        eq(2, libc::SO_RCVTIMEO as u64),
        eq(2, libc::SO_SNDTIMEO as u64),
    ],
];
const SETSOCKOPT_TCP: &[&[Condition]] = &[
    &[eq(1, libc::IPPROTO_TCP as u64)],
    &[
        eq(2, libc::TCP_NODELAY as u64),
        eq(2, libc::TCP_CORK as u64),
        eq(2, libc::TCP_KEEPIDLE as u64),
        eq(2, libc::TCP_KEEPINTVL as u64),
        eq(2, libc::TCP_KEEPCNT as u64),
        eq(2, libc::TCP_QUICKACK as u64),
        eq(2, libc::TCP_FASTOPEN as u64),
        eq(2, libc::TCP_FASTOPEN_CONNECT as u64),
    ],
];
const SETSOCKOPT_IP: &[&[Condition]] = &[
    &[eq(1, libc::SOL_IP as u64)],
    &[
        eq(2, libc::IP_RECVERR as u64),
        eq(2, libc::IP_RECVTTL as u64),
    ],
];
const SETSOCKOPT_IPV6: &[&[Condition]] = &[
    &[eq(1, libc::SOL_IPV6 as u64)],
    &[eq(2, libc::IPV6_V6ONLY as u64)],
];
const GETSOCKOPT_RESTRICT: &[&[Condition]] = &[
    &[
        eq(1, libc::SOL_SOCKET as u64),
        eq(1, libc::IPPROTO_TCP as u64),
    ],
    &[
        eq(2, libc::SO_REUSEADDR as u64),
        eq(2, libc::SO_TYPE as u64),
        eq(2, libc::SO_ERROR as u64),
        eq(2, libc::SO_KEEPALIVE as u64),
        eq(2, libc::SO_REUSEPORT as u64),
        eq(2, libc::SO_RCVTIMEO as u64),
        eq(2, libc::SO_SNDTIMEO as u64),
    ],
];

const fn rule(
    syscall: Sysno,
    tag: &'static str,
    all_of: &'static [&'static [Condition]],
) -> ArgRule {
    ArgRule {
        syscall,
        tag,
        also: &[],
        all_of,
    }
}

const fn rule_with(
    syscall: Sysno,
    tag: &'static str,
    also: &'static [Promise],
    all_of: &'static [&'static [Condition]],
) -> ArgRule {
    ArgRule {
        syscall,
        tag,
        also,
        all_of,
    }
}

const fn u(path: &'static str, perms: &'static str) -> ImplicitUnveil {
    ImplicitUnveil { path, perms }
}

use Sysno as S;

const SOCKOPT_RULES: [ArgRule; 5] = [
    rule(S::setsockopt, "RESTRICT", SETSOCKOPT_SOCKET),
    rule(S::setsockopt, "RESTRICT", SETSOCKOPT_TCP),
    rule(S::setsockopt, "RESTRICT", SETSOCKOPT_IP),
    rule(S::setsockopt, "RESTRICT", SETSOCKOPT_IPV6),
    rule(S::getsockopt, "RESTRICT", GETSOCKOPT_RESTRICT),
];

// proc and id: limits (read on any pid, set on the program itself) and priorities.
const PRIORITY_RULES: [ArgRule; 4] = [
    rule(S::prlimit64, "READONLY", PRLIMIT_READONLY),
    rule(S::prlimit64, "SELF", PID0_SELF),
    rule(S::setpriority, "SELF", PRIO_SELF),
    rule(S::setpriority, "OWNGROUP", PRIO_OWN_GROUP),
];

/// The table, indexed by `Promise as usize`.
pub static TABLE: [PromiseInfo; 24] = [
    PromiseInfo {
        promise: Promise::Stdio,
        name: "stdio",
        summary: "I/O on open descriptors, memory, time, threads, pipes, signals to itself",
        syscalls: &[
            S::rt_sigreturn,
            S::restart_syscall,
            S::sched_yield,
            S::sched_getaffinity,
            S::clock_getres,
            S::clock_gettime,
            S::clock_nanosleep,
            S::close_range,
            S::close,
            S::write,
            S::writev,
            S::pwrite64,
            S::pwritev,
            S::pwritev2,
            S::read,
            S::readv,
            S::pread64,
            S::preadv,
            S::preadv2,
            S::dup,
            S::dup2,
            S::dup3,
            S::fchdir,
            S::fstat,
            S::fsync,
            S::fdatasync,
            S::ftruncate,
            S::sysinfo,
            S::getrandom,
            S::getgroups,
            S::getpgid,
            S::getpgrp,
            S::getpid,
            S::gettid,
            S::getuid,
            S::getgid,
            S::getsid,
            S::getppid,
            S::geteuid,
            S::getegid,
            S::getrlimit,
            S::getresgid,
            S::getresuid,
            S::getitimer,
            S::setitimer,
            S::alarm,
            S::pause,
            S::timerfd_create,
            S::timerfd_settime,
            S::timerfd_gettime,
            S::copy_file_range,
            S::gettimeofday,
            S::sendfile,
            S::vmsplice,
            S::splice,
            S::tee,
            S::lseek,
            S::brk,
            S::msync,
            S::mlock,
            S::mlock2,
            S::munlock,
            S::mremap,
            S::munmap,
            S::mincore,
            S::madvise,
            S::fadvise64,
            S::arch_prctl,
            S::sync_file_range,
            S::set_tid_address,
            S::membarrier,
            S::nanosleep,
            S::pipe,
            S::pipe2,
            S::poll,
            S::ppoll,
            S::select,
            S::pselect6,
            S::epoll_create,
            S::epoll_create1,
            S::epoll_ctl,
            S::epoll_wait,
            S::epoll_pwait,
            S::epoll_pwait2,
            S::recvfrom,
            S::shutdown,
            S::eventfd,
            S::eventfd2,
            S::signalfd,
            S::signalfd4,
            S::rt_sigaction,
            S::sigaltstack,
            S::rt_sigprocmask,
            S::rt_sigsuspend,
            S::rt_sigpending,
            S::rt_sigtimedwait,
            S::tkill,
            S::socketpair,
            S::getrusage,
            S::times,
            S::umask,
            S::wait4,
            S::uname,
            S::futex,
            S::set_robust_list,
            S::getcpu,
            S::rseq,
            S::readlink,
        ],
        rules: &[
            rule(S::mmap, "NOEXEC", MMAP_NOEXEC),
            rule(S::mprotect, "NOEXEC", MPROTECT_NOEXEC),
            rule(S::fcntl, "STDIO", FCNTL_STDIO),
            rule(S::ioctl, "STDIO", IOCTL_STDIO),
            rule(S::sendto, "ADDRLESS", SENDTO_ADDRLESS),
            rule(S::prctl, "STDIO", PRCTL_STDIO),
            rule(S::prlimit64, "READONLY", PRLIMIT_READONLY),
            rule(S::clone, "THREAD", CLONE_THREAD),
            rule(S::kill, "SELF", KILL_SELF),
            rule(S::sched_setaffinity, "SELF", PID0_SELF),
            rule(S::migrate_pages, "SELF", PID0_SELF),
            rule(S::get_robust_list, "SELF", PID0_SELF),
            rule(S::tgkill, "SELF", KILL_SELF),
            rule(S::newfstatat, "EMPTYPATH", NEWFSTATAT_EMPTY_PATH),
            rule(S::statx, "EMPTYPATH", STATX_EMPTY_PATH),
        ],
        unveils: &[
            u("/dev/fd", "r"),
            u("/dev/log", "w"),
            u("/dev/zero", "r"),
            u("/dev/null", "rw"),
            u("/dev/full", "rw"),
            u("/dev/stdin", "rw"),
            u("/dev/stdout", "rw"),
            u("/dev/stderr", "rw"),
            u("/dev/urandom", "r"),
            u("/etc/localtime", "r"),
            u("/proc/self/fd", "rw"),
            u("/proc/self/stat", "r"),
            u("/proc/self/status", "r"),
            u("/proc/self/cmdline", "r"),
            u("/usr/share/locale", "r"),
            // glibc reads it at every setlocale(); on Debian it is a link to
            // /etc/locale.alias, outside the directory above (the rule follows the link).
            u("/usr/share/locale/locale.alias", "r"),
            u("/usr/share/zoneinfo", "r"),
            u("/usr/share/common-licenses", "r"),
            u("/proc/sys/kernel/version", "r"),
            u("/proc/sys/kernel/ngroups_max", "r"),
            u("/proc/sys/kernel/cap_last_cap", "r"),
            u("/proc/sys/vm/overcommit_memory", "r"),
        ],
    },
    PromiseInfo {
        promise: Promise::Rpath,
        name: "rpath",
        summary: "read files and directories, stat, chdir",
        syscalls: &[
            S::chdir,
            S::getcwd,
            S::stat,
            S::lstat,
            S::fstat,
            S::newfstatat,
            S::statx,
            S::access,
            S::faccessat,
            S::faccessat2,
            S::readlink,
            S::readlinkat,
            S::statfs,
            S::fstatfs,
            S::getdents64,
            S::getdents,
        ],
        rules: &[
            rule(S::open, "READONLY", OPEN_READONLY),
            rule(S::openat, "READONLY", OPENAT_READONLY),
        ],
        unveils: &[u("/proc/filesystems", "r")],
    },
    PromiseInfo {
        promise: Promise::Wpath,
        name: "wpath",
        summary: "open existing files for writing, truncate, chmod without set-id bits",
        syscalls: &[
            S::getcwd,
            S::stat,
            S::fstat,
            S::lstat,
            S::newfstatat,
            S::statx,
            S::access,
            S::truncate,
            S::faccessat,
            S::faccessat2,
            S::readlinkat,
        ],
        rules: &[
            rule(S::open, "WRITEONLY", OPEN_WRITEONLY),
            rule(S::openat, "WRITEONLY", OPENAT_WRITEONLY),
            rule(S::chmod, "NOBITS", MODE1_NOBITS),
            rule(S::fchmod, "NOBITS", MODE1_NOBITS),
            rule(S::fchmodat, "NOBITS", MODE2_NOBITS),
        ],
        unveils: &[],
    },
    PromiseInfo {
        promise: Promise::Cpath,
        name: "cpath",
        summary: "create, rename, link and remove files and directories",
        syscalls: &[
            S::rename,
            S::renameat,
            S::renameat2,
            S::link,
            S::linkat,
            S::symlink,
            S::symlinkat,
            S::rmdir,
            S::unlink,
            S::unlinkat,
            S::mkdir,
            S::mkdirat,
        ],
        rules: &[
            rule(S::open, "CREATENEW", OPEN_CREATE_NEW),
            rule(S::openat, "CREATENEW", OPENAT_CREATE_NEW),
            rule_with(S::open, "CREATEWRITE", &[Promise::Wpath], OPEN_CREATE_WRITE),
            rule_with(
                S::openat,
                "CREATEWRITE",
                &[Promise::Wpath],
                OPENAT_CREATE_WRITE,
            ),
            rule_with(S::open, "CREATEREAD", &[Promise::Rpath], OPEN_CREATE_READ),
            rule_with(
                S::openat,
                "CREATEREAD",
                &[Promise::Rpath],
                OPENAT_CREATE_READ,
            ),
            rule_with(S::creat, "NOBITS", &[Promise::Wpath], CREAT_NOBITS),
        ],
        unveils: &[],
    },
    PromiseInfo {
        promise: Promise::Dpath,
        name: "dpath",
        summary: "create special files (mknod, mkfifo)",
        syscalls: &[S::mknod, S::mknodat],
        rules: &[],
        unveils: &[],
    },
    PromiseInfo {
        promise: Promise::Flock,
        name: "flock",
        summary: "file locks (flock, fcntl locks)",
        syscalls: &[S::flock],
        rules: &[rule(S::fcntl, "LOCK", FCNTL_LOCK)],
        unveils: &[],
    },
    PromiseInfo {
        promise: Promise::Fattr,
        name: "fattr",
        summary: "change file times and permission bits (no set-id bits)",
        syscalls: &[S::utime, S::utimes, S::futimesat, S::utimensat],
        rules: &[
            rule(S::chmod, "NOBITS", MODE1_NOBITS),
            rule(S::fchmod, "NOBITS", MODE1_NOBITS),
            rule(S::fchmodat, "NOBITS", MODE2_NOBITS),
        ],
        unveils: &[],
    },
    PromiseInfo {
        promise: Promise::Inet,
        name: "inet",
        summary: "IPv4 and IPv6 TCP and UDP sockets: connect, listen, send to any address",
        syscalls: &[
            S::listen,
            S::bind,
            S::sendto,
            S::connect,
            S::accept,
            S::accept4,
            S::getpeername,
            S::getsockname,
        ],
        rules: &[
            rule(S::socket, "INET", SOCKET_INET),
            rule(S::ioctl, "INET", IOCTL_INET),
            SOCKOPT_RULES[0],
            SOCKOPT_RULES[1],
            SOCKOPT_RULES[2],
            SOCKOPT_RULES[3],
            SOCKOPT_RULES[4],
        ],
        unveils: &[u("/etc/ssl/certs/ca-certificates.crt", "r")],
    },
    PromiseInfo {
        promise: Promise::Anet,
        name: "anet",
        summary: "IPv4 and IPv6 TCP servers: listen and accept, no connect, no UDP",
        syscalls: &[
            S::listen,
            S::bind,
            S::sendto,
            S::accept,
            S::accept4,
            S::getpeername,
            S::getsockname,
        ],
        rules: &[
            rule(S::socket, "ANET", SOCKET_ANET),
            rule(S::ioctl, "INET", IOCTL_INET),
            SOCKOPT_RULES[0],
            SOCKOPT_RULES[1],
            SOCKOPT_RULES[2],
            SOCKOPT_RULES[3],
            SOCKOPT_RULES[4],
        ],
        unveils: &[],
    },
    PromiseInfo {
        promise: Promise::Unix,
        name: "unix",
        summary: "Unix domain stream and datagram sockets",
        syscalls: &[
            S::listen,
            S::bind,
            S::connect,
            S::sendto,
            S::accept,
            S::accept4,
            S::getpeername,
            S::getsockname,
        ],
        rules: &[
            rule(S::socket, "UNIX", SOCKET_UNIX),
            SOCKOPT_RULES[0],
            SOCKOPT_RULES[1],
            SOCKOPT_RULES[2],
            SOCKOPT_RULES[3],
            SOCKOPT_RULES[4],
        ],
        unveils: &[],
    },
    PromiseInfo {
        promise: Promise::Dns,
        name: "dns",
        summary: "name resolution: UDP/TCP to name servers and the resolver's files",
        syscalls: &[
            S::bind,
            S::sendto,
            S::connect,
            S::recvfrom,
            S::newfstatat,
            S::read,
            S::close,
            S::recvmsg,
            S::sendmsg,
        ],
        rules: &[
            rule(S::socket, "INET", SOCKET_INET),
            rule(S::openat, "READONLY", OPENAT_READONLY),
            SOCKOPT_RULES[0],
            SOCKOPT_RULES[1],
            SOCKOPT_RULES[2],
            SOCKOPT_RULES[3],
        ],
        unveils: &[
            u("/etc/hosts", "r"),
            u("/etc/hostname", "r"),
            u("/etc/services", "r"),
            u("/etc/protocols", "r"),
            u("/etc/resolv.conf", "r"),
            u("/etc/nsswitch.conf", "r"),
            u("/etc/host.conf", "r"),
            u("/etc/gai.conf", "r"),
        ],
    },
    PromiseInfo {
        promise: Promise::Tty,
        name: "tty",
        summary: "terminal ioctls (attributes, window size, process group); never TIOCSTI",
        syscalls: &[],
        rules: &[rule(S::ioctl, "TTY", IOCTL_TTY)],
        unveils: &[
            u("$TTY", "rw"),
            u("/dev/tty", "rw"),
            u("/dev/console", "rw"),
            u("/etc/terminfo", "r"),
            u("/usr/lib/terminfo", "r"),
            u("/usr/share/terminfo", "r"),
        ],
    },
    PromiseInfo {
        promise: Promise::Recvfd,
        name: "recvfd",
        summary: "receive messages and file descriptors (recvmsg)",
        syscalls: &[S::recvmsg, S::recvmmsg],
        rules: &[],
        unveils: &[],
    },
    PromiseInfo {
        promise: Promise::Sendfd,
        name: "sendfd",
        summary: "send messages and file descriptors (sendmsg)",
        syscalls: &[S::sendmsg, S::sendmmsg],
        rules: &[],
        unveils: &[],
    },
    PromiseInfo {
        promise: Promise::Proc,
        name: "proc",
        summary: "fork, signal other processes, sessions, its own priorities and limits; no namespaces",
        syscalls: &[
            S::fork,
            S::vfork,
            S::kill,
            S::tgkill,
            S::setsid,
            S::setpgid,
            S::setrlimit,
            S::getpriority,
            S::ioprio_get,
            S::sched_getscheduler,
            S::sched_get_priority_min,
            S::sched_get_priority_max,
            S::sched_getparam,
        ],
        rules: &[
            rule(S::clone, "RESTRICT", CLONE_PROC),
            PRIORITY_RULES[0],
            PRIORITY_RULES[1],
            PRIORITY_RULES[2],
            PRIORITY_RULES[3],
            rule(S::ioprio_set, "SELF", IOPRIO_SELF),
            rule(S::ioprio_set, "OWNGROUP", IOPRIO_OWN_GROUP),
            rule(S::sched_setscheduler, "SELF", PID0_SELF),
            rule(S::sched_setparam, "SELF", PID0_SELF),
        ],
        unveils: &[],
    },
    PromiseInfo {
        promise: Promise::Id,
        name: "id",
        summary: "change user and group ids, its own limits and priorities",
        syscalls: &[
            S::setuid,
            S::setreuid,
            S::setresuid,
            S::setgid,
            S::setregid,
            S::setresgid,
            S::setgroups,
            S::setfsuid,
            S::setfsgid,
            S::setrlimit,
            S::getpriority,
        ],
        rules: &[
            PRIORITY_RULES[0],
            PRIORITY_RULES[1],
            PRIORITY_RULES[2],
            PRIORITY_RULES[3],
        ],
        unveils: &[],
    },
    PromiseInfo {
        promise: Promise::Chown,
        name: "chown",
        summary: "change file ownership",
        syscalls: &[S::chown, S::fchown, S::lchown, S::fchownat],
        rules: &[],
        unveils: &[],
    },
    PromiseInfo {
        promise: Promise::Settime,
        name: "settime",
        summary: "set the system clock (settimeofday, clock_adjtime)",
        syscalls: &[S::settimeofday, S::clock_adjtime],
        rules: &[],
        unveils: &[],
    },
    PromiseInfo {
        promise: Promise::ProtExec,
        name: "prot_exec",
        summary: "executable memory (mmap and mprotect with PROT_EXEC)",
        syscalls: &[S::mprotect],
        rules: &[rule(S::mmap, "EXEC", MMAP_EXEC)],
        unveils: &[],
    },
    PromiseInfo {
        promise: Promise::Exec,
        name: "exec",
        summary: "execute programs (execve, execveat)",
        syscalls: &[S::execve, S::execveat],
        rules: &[],
        unveils: &[],
    },
    PromiseInfo {
        promise: Promise::Unveil,
        name: "unveil",
        summary: "use Landlock from inside the program",
        syscalls: &[
            S::landlock_create_ruleset,
            S::landlock_add_rule,
            S::landlock_restrict_self,
        ],
        rules: &[],
        unveils: &[],
    },
    PromiseInfo {
        promise: Promise::Vminfo,
        name: "vminfo",
        summary: "read system information files (/proc/meminfo, /proc/cpuinfo …)",
        syscalls: &[S::sched_yield],
        rules: &[],
        unveils: &[
            u("/proc/stat", "r"),
            u("/proc/meminfo", "r"),
            u("/proc/cpuinfo", "r"),
            u("/proc/diskstats", "r"),
            u("/proc/self/maps", "r"),
            u("/sys/devices/system/cpu", "r"),
        ],
    },
    PromiseInfo {
        promise: Promise::Tmppath,
        name: "tmppath",
        summary: "temporary files: lstat and unlink, /tmp unveiled rwc",
        syscalls: &[S::lstat, S::unlink, S::unlinkat],
        rules: &[],
        unveils: &[u("/tmp", "rwc"), u("$TMPPATH", "rwc")],
    },
    PromiseInfo {
        promise: Promise::Netlink,
        name: "netlink",
        summary: "routing netlink sockets (NETLINK_ROUTE), enough for getifaddrs",
        syscalls: &[S::bind, S::getsockname, S::sendto, S::recvmsg],
        rules: &[rule(S::socket, "NETLINK", SOCKET_NETLINK)],
        unveils: &[],
    },
];

/// Syscalls allowed whatever the promises: `exit` and `exit_group` end the program (OpenBSD
/// always allows `_exit`), `arch_prctl` sets up thread-local storage.
pub const ALWAYS_ALLOWED: &[Sysno] = &[S::exit, S::exit_group, S::arch_prctl];

/// Where we differ from the reference Linux port, and why. Shown by `--help` and in docs.
pub const DIFFERENCES: &[(&str, &str)] = &[
    (
        "cpath",
        "cpath alone opens only new files (O_CREAT|O_EXCL or O_TMPFILE); the reference lets cpath open any existing file with any access mode. Create-or-open for writing needs wpath and cpath, read-only create needs rpath and cpath, as on OpenBSD; creat() needs wpath and cpath.",
    ),
    (
        "proc",
        "clone never accepts a namespace flag (CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWCGROUP, CLONE_NEWNS), nor CLONE_PTRACE or CLONE_UNTRACED; the reference blocks only CLONE_NEWNS. unshare and setns are in no promise.",
    ),
    (
        "stdio",
        "newfstatat and statx are allowed with AT_EMPTY_PATH so glibc's fstat() (newfstatat(fd, \"\", AT_EMPTY_PATH)) and Rust's File::metadata() work; BPF cannot check that the path is empty, so this also allows stat of paths relative to a descriptor (metadata only; Landlock does not restrict stat either).",
    ),
    (
        "stdio",
        "readlink (the legacy call, not readlinkat) is allowed: static glibc programs read /proc/self/exe at start-up and, under -k, would die before main(); it reveals symlink targets (metadata), not file contents.",
    ),
    (
        "(all)",
        "exit_group is allowed whatever the promises, as OpenBSD always allows _exit; the reference denies it without stdio, which makes glibc programs crash at exit (glibc's _exit does not fall back to exit).",
    ),
    (
        "(all)",
        "every condition compares an argument on the width the kernel reads it with, from the kernel's own declared types: mmap's and mprotect's prot and mmap's flags are unsigned long, so they are compared on all 64 bits and a prot with upper bits set is refused; the reference compares the low 32 bits of every argument but sendto's address and prlimit64's new limit.",
    ),
    (
        "tty",
        "TIOCSTI and TIOCLINUX are refused in every filter, before any rule, comparing the low 32 bits the kernel uses, so no explicit rule can allow them and upper bits cannot smuggle them in.",
    ),
    (
        "inet anet unix dns",
        "setsockopt accepts only the (level, option) pairs the reference intends (SOL_SOCKET: SO_REUSEADDR SO_TYPE SO_ERROR SO_DONTROUTE SO_BROADCAST SO_KEEPALIVE SO_REUSEPORT SO_RCVTIMEO SO_SNDTIMEO; IPPROTO_TCP: TCP_NODELAY TCP_CORK TCP_KEEPIDLE TCP_KEEPINTVL TCP_KEEPCNT TCP_QUICKACK TCP_FASTOPEN TCP_FASTOPEN_CONNECT; SOL_IP: IP_RECVERR IP_RECVTTL; SOL_IPV6: IPV6_V6ONLY); the reference checks level and option independently, which also admits e.g. SO_ATTACH_FILTER and SO_PRIORITY.",
    ),
    (
        "anet",
        "SOCK_CLOEXEC and SOCK_NONBLOCK are accepted on the socket type, as for inet.",
    ),
    (
        "netlink",
        "besides socket(AF_NETLINK, SOCK_RAW|SOCK_DGRAM, NETLINK_ROUTE), netlink allows bind, getsockname, sendto and recvmsg so that a routing query (getifaddrs) works with this promise alone.",
    ),
    (
        "dns",
        "also unveils /etc/nsswitch.conf, /etc/host.conf and /etc/gai.conf, which glibc's resolver reads.",
    ),
    (
        "stdio proc id",
        "calls that change another process, which Landlock does not scope, act on the program itself only (pid 0 or its own pid): sched_setaffinity, migrate_pages and get_robust_list (stdio); sched_setscheduler and sched_setparam (proc); prlimit64 with a new limit (proc, id; reading limits stays allowed on any pid); setpriority (proc, id) with PRIO_PROCESS and who 0 or its own pid, or PRIO_PGRP and who 0 (its own group), never PRIO_USER; ioprio_set (proc) likewise with IOPRIO_WHO_PROCESS or IOPRIO_WHO_PGRP, never IOPRIO_WHO_USER. The reference allows them on any process of the same user. Reading (sched_getaffinity, getpriority, ioprio_get, sched_getscheduler, sched_getparam, getpgid, getsid) stays allowed on any pid.",
    ),
    (
        "seccomp",
        "the seccomp syscall with SECCOMP_FILTER_FLAG_NEW_LISTENER is refused in every filter, so a sandboxed program can never answer its own notifications.",
    ),
    (
        "wpath fattr chown",
        "while unveil is on, chmod, fchmodat, chown, lchown, fchownat, utime, utimes, futimesat and utimensat are allowed on a descriptor only (fchmod, fchown, futimesat/utimensat with a NULL path), because Landlock does not restrict attribute changes by path and they would reach files outside every unveiled path; with -V (no file rules) the path forms are allowed as in the reference.",
    ),
    (
        "unix",
        "unveil does not restrict connecting to pathname Unix sockets (Landlock does not on this project's kernels), so every run with unix says that the program can reach every socket file the user can.",
    ),
    (
        "exec rpath prot_exec",
        "the program never needs exec, rpath or prot_exec to start: its own first execve is let through once by the supervisor, and a dynamic program's loader gets the calls it needs one by one, only from the system loader's code and only until the loader is done; the reference keeps exec rpath prot_exec for the whole run. Landlock's execute right governs execve only: with exec and prot_exec a program can run any file it may read through the loader (ld.so FILE).",
    ),
];

/// For syscall `nr`, which arguments some promise rule compares with the sandboxed program's
/// pid ([`PID_PLACEHOLDER`]).
pub fn self_pid_args(nr: u32) -> [bool; 6] {
    use std::sync::OnceLock;
    static INDEX: OnceLock<Vec<(u32, u8)>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut v = Vec::new();
        for info in &TABLE {
            for r in info.rules {
                for c in r.all_of.iter().flat_map(|g| g.iter()) {
                    let key = (r.syscall.id() as u32, c.index);
                    if c.value == PID_PLACEHOLDER && !v.contains(&key) {
                        v.push(key);
                    }
                }
            }
        }
        v
    });
    let mut out = [false; 6];
    for (_, i) in index.iter().filter(|(n, _)| *n == nr) {
        out[usize::from(*i)] = true;
    }
    out
}

/// The call as the promise table sees it: each argument [`self_pid_args`] names that holds
/// `pid` (in its low 32 bits, as the filter compares it) becomes [`PID_PLACEHOLDER`].
pub fn with_placeholder(nr: u32, args: &[u64; 6], pid: u32) -> [u64; 6] {
    let mut out = *args;
    for (a, is_pid) in out.iter_mut().zip(self_pid_args(nr)) {
        if is_pid && *a & 0xffff_ffff == u64::from(pid) {
            *a = PID_PLACEHOLDER;
        }
    }
    out
}

/// Every promise that, on its own (together with the promises already granted), would make
/// this call with these arguments allowed. Used to explain denials.
pub fn promises_allowing(nr: u32, args: &[u64; 6], granted: PromiseSet) -> Vec<Promise> {
    ALL.into_iter()
        .filter(|p| !granted.contains(*p))
        .filter(|p| allows(granted.union(PromiseSet::of(&[*p])), nr, args))
        .collect()
}

/// Whether a promise set allows this call with these arguments (table semantics, without
/// explicit rules or the built-in guards).
pub fn allows(set: PromiseSet, nr: u32, args: &[u64; 6]) -> bool {
    if ALWAYS_ALLOWED.iter().any(|s| s.id() as u32 == nr) {
        return true;
    }
    set.iter().any(|p| {
        let info = p.info();
        info.syscalls.iter().any(|s| s.id() as u32 == nr)
            || info.rules.iter().any(|r| {
                r.syscall.id() as u32 == nr
                    && r.also.iter().all(|a| set.contains(*a))
                    && r.matches(args)
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn table_is_indexed_by_promise() {
        for (i, p) in ALL.iter().enumerate() {
            assert_eq!(*p as usize, i);
            assert_eq!(TABLE[i].promise, *p, "entry {i} is out of order");
            assert_eq!(p.name().parse::<Promise>().unwrap(), *p);
        }
    }

    #[test]
    fn no_promise_lists_a_syscall_twice_or_both_ways() {
        for info in &TABLE {
            let mut seen = HashSet::new();
            for s in info.syscalls {
                assert!(seen.insert(*s), "{} lists {} twice", info.name, s.name());
            }
            for r in info.rules {
                assert!(
                    !info.syscalls.contains(&r.syscall),
                    "{} allows {} both unconditionally and by rule",
                    info.name,
                    r.syscall.name()
                );
                assert!(r.to_dnf().iter().all(|t| t.len() <= 6));
                for also in r.also {
                    assert_ne!(*also, info.promise);
                }
            }
        }
    }

    /// Every condition compares the argument on the width the kernel reads it with (the one
    /// table, `abi::sysargs`), on an argument the syscall takes.
    #[test]
    fn condition_widths_are_the_kernels() {
        for info in &TABLE {
            for r in info.rules {
                for c in r.all_of.iter().flat_map(|g| g.iter()) {
                    let want = crate::abi::sysargs::width(r.syscall, c.index);
                    assert_eq!(
                        Some(c.width),
                        want,
                        "{} {} {}: arg{} is compared on {:?}, the kernel reads {want:?}",
                        info.name,
                        r.syscall.name(),
                        r.tag,
                        c.index,
                        c.width
                    );
                    if c.width == Width::Dword {
                        let bits = match c.op {
                            Op::MaskedEq(m) => m | c.value,
                            _ => c.value,
                        };
                        assert!(bits <= 0xffff_ffff, "{}: 32-bit constant", r.syscall.name());
                    }
                }
            }
        }
    }

    #[test]
    fn dangerous_calls_are_in_no_promise() {
        let never = [
            "ptrace",
            "mount",
            "umount2",
            "chroot",
            "pivot_root",
            "unshare",
            "setns",
            "bpf",
            "perf_event_open",
            "io_uring_setup",
            "io_uring_enter",
            "io_uring_register",
            "userfaultfd",
            "process_vm_writev",
            "process_vm_readv",
            "kexec_load",
            "init_module",
            "finit_module",
            "delete_module",
            "reboot",
            "keyctl",
            "add_key",
            "request_key",
            "open_by_handle_at",
            "name_to_handle_at",
            "fchmodat2",
            "seccomp",
            "openat2",
            "clone3",
            "memfd_create",
            "pkey_mprotect",
            "personality",
            "swapon",
            "acct",
            "syslog",
            "fanotify_init",
            "inotify_init1",
            "pidfd_getfd",
            "kcmp",
            "process_madvise",
            "move_pages",
            "sched_setattr",
            "fallocate",
            "clock_settime",
            "adjtimex",
            "mlockall",
        ];
        let all = PromiseSet::of(&ALL);
        for name in never {
            let nr = crate::abi::syscalls::by_name(name).unwrap().id() as u32;
            assert!(
                !allows(all, nr, &[0; 6]),
                "{name} is allowed by some promise"
            );
        }
    }

    /// What a promise lets the program do to a process outside the sandbox, for every
    /// syscall of the table that takes a pid or a (which, who) pair.
    #[derive(Clone, Copy, Debug, PartialEq)]
    enum OnOthers {
        /// Changes a process: only pid 0 or the program's own pid.
        Never,
        /// prlimit64: reading any pid, setting only itself.
        ReadOnly,
        /// setpriority/ioprio_set: the process itself or its own group, never a user.
        OwnGroup,
        /// Reads scheduling or session facts of any process.
        Reads,
        /// Signals: outside processes are refused by Landlock's signal scope (ABI 6).
        SignalScoped,
        /// The kernel accepts only the caller's children (or itself).
        ChildrenOnly,
    }

    const ON_OTHERS: &[(&str, OnOthers)] = &[
        ("sched_setaffinity", OnOthers::Never),
        ("migrate_pages", OnOthers::Never),
        ("get_robust_list", OnOthers::Never),
        ("sched_setscheduler", OnOthers::Never),
        ("sched_setparam", OnOthers::Never),
        ("prlimit64", OnOthers::ReadOnly),
        ("setpriority", OnOthers::OwnGroup),
        ("ioprio_set", OnOthers::OwnGroup),
        ("sched_getaffinity", OnOthers::Reads),
        ("sched_getscheduler", OnOthers::Reads),
        ("sched_getparam", OnOthers::Reads),
        ("getpriority", OnOthers::Reads),
        ("ioprio_get", OnOthers::Reads),
        ("getpgid", OnOthers::Reads),
        ("getsid", OnOthers::Reads),
        ("kill", OnOthers::SignalScoped),
        ("tgkill", OnOthers::SignalScoped),
        ("tkill", OnOthers::SignalScoped),
        ("wait4", OnOthers::ChildrenOnly),
        ("setpgid", OnOthers::ChildrenOnly),
    ];

    #[test]
    fn calls_on_other_processes_are_allowed_on_itself_only() {
        use crate::abi::signature::{self, Arg};
        let s = |name| crate::abi::syscalls::by_name(name).unwrap().id() as u32;
        // Every promised syscall with a pid argument (or which/who) has a decision.
        let which_who = ["getpriority", "setpriority", "ioprio_get", "ioprio_set"];
        for info in &TABLE {
            let names = info
                .syscalls
                .iter()
                .chain(info.rules.iter().map(|r| &r.syscall));
            for sys in names {
                let takes_pid = signature::signature(sys.id() as u32)
                    .is_some_and(|sig| sig.kinds().any(|k| k == Arg::Pid))
                    || which_who.contains(&sys.name());
                if takes_pid {
                    assert!(
                        ON_OTHERS.iter().any(|(n, _)| *n == sys.name()),
                        "{} ({}) takes a pid: decide what it may do to other processes",
                        sys.name(),
                        info.name
                    );
                }
            }
        }
        let all = PromiseSet::of(&ALL);
        let me = PID_PLACEHOLDER;
        let (other, init) = (4242, 1);
        for (name, decision) in ON_OTHERS {
            let nr = s(name);
            match decision {
                OnOthers::Never => {
                    for pid in [0, me] {
                        assert!(allows(all, nr, &[pid, 8, 0x1000, 0x1000, 0, 0]), "{name}");
                    }
                    for pid in [other, init, (1 << 32) | 4242, u64::MAX] {
                        assert!(
                            !allows(all, nr, &[pid, 8, 0x1000, 0x1000, 0, 0]),
                            "{name}({pid:#x})"
                        );
                    }
                }
                OnOthers::ReadOnly => {
                    for pid in [0, me, other, init] {
                        assert!(allows(all, nr, &[pid, 7, 0, 0x1000, 0, 0]), "read {pid}");
                    }
                    for pid in [0, me] {
                        assert!(allows(all, nr, &[pid, 7, 0x1000, 0, 0, 0]), "set {pid}");
                    }
                    for pid in [other, init] {
                        assert!(!allows(all, nr, &[pid, 7, 0x1000, 0, 0, 0]), "set {pid}");
                    }
                    assert!(
                        !allows(all, nr, &[other, 7, 1 << 32, 0, 0, 0]),
                        "a new limit whose low half is NULL"
                    );
                }
                OnOthers::OwnGroup => {
                    // (which, who): PRIO_PROCESS/IOPRIO_WHO_PROCESS, PGRP, USER.
                    let (process, group, user) = if *name == "setpriority" {
                        (0, 1, 2)
                    } else {
                        (1, 2, 3)
                    };
                    for who in [0, me] {
                        assert!(allows(all, nr, &[process, who, 10, 0, 0, 0]), "{name}");
                    }
                    assert!(allows(all, nr, &[group, 0, 10, 0, 0, 0]), "{name}");
                    for who in [other, init, me] {
                        assert!(!allows(all, nr, &[group, who, 10, 0, 0, 0]), "{name}");
                    }
                    for who in [other, init] {
                        assert!(!allows(all, nr, &[process, who, 10, 0, 0, 0]), "{name}");
                    }
                    for who in [0, me, 1000] {
                        assert!(!allows(all, nr, &[user, who, 10, 0, 0, 0]), "{name}");
                    }
                }
                OnOthers::Reads => {
                    assert!(
                        allows(all, nr, &[other, other, 128, 0x1000, 0, 0]),
                        "{name}"
                    );
                }
                OnOthers::SignalScoped | OnOthers::ChildrenOnly => {
                    assert!(allows(all, nr, &[other, other, 15, 0, 0, 0]), "{name}");
                }
            }
        }
        // stdio alone keeps the self calls glibc makes.
        let stdio = PromiseSet::of(&[Promise::Stdio]);
        assert!(allows(
            stdio,
            s("sched_setaffinity"),
            &[0, 128, 0x1000, 0, 0, 0]
        ));
        assert!(!allows(
            stdio,
            s("sched_setaffinity"),
            &[other, 128, 0x1000, 0, 0, 0]
        ));
        assert!(
            !allows(stdio, s("setpriority"), &[0, 0, 10, 0, 0, 0]),
            "needs proc"
        );
        assert_eq!(
            promises_allowing(s("setpriority"), &[0, 0, 10, 0, 0, 0], stdio),
            vec![Promise::Proc, Promise::Id]
        );
        assert_eq!(
            self_pid_args(s("setpriority")),
            [false, true, false, false, false, false]
        );
        assert!(self_pid_args(s("kill"))[0]);
        assert_eq!(self_pid_args(s("read")), [false; 6]);
        assert_eq!(
            with_placeholder(s("prlimit64"), &[(1 << 32) | 42, 42, 0, 0, 0, 0], 42),
            [PID_PLACEHOLDER, 42, 0, 0, 0, 0]
        );
    }

    #[test]
    fn argument_rules_follow_the_spec() {
        let s = |name| crate::abi::syscalls::by_name(name).unwrap().id() as u32;
        let stdio = PromiseSet::of(&[Promise::Stdio]);
        let rpath = PromiseSet::of(&[Promise::Stdio, Promise::Rpath]);
        let wpath = PromiseSet::of(&[Promise::Stdio, Promise::Wpath]);
        let cpath = PromiseSet::of(&[Promise::Stdio, Promise::Cpath]);
        let wc = PromiseSet::of(&[Promise::Stdio, Promise::Wpath, Promise::Cpath]);
        let openat = |flags: u64, mode: u64| [0xffff_ff9c, 0x1000, flags, mode, 0, 0];
        // rpath: read-only opens only
        assert!(allows(rpath, s("openat"), &openat(0o2000000, 0)));
        assert!(!allows(rpath, s("openat"), &openat(2, 0)));
        assert!(
            !allows(rpath, s("openat"), &openat(0o1000, 0)),
            "O_RDONLY|O_TRUNC"
        );
        assert!(
            !allows(rpath, s("openat"), &openat(0o20200000, 0)),
            "O_TMPFILE"
        );
        // wpath: write to existing files, no create
        assert!(allows(wpath, s("openat"), &openat(1 | 0o1000, 0)));
        assert!(allows(wpath, s("openat"), &openat(2, 0)));
        assert!(!allows(wpath, s("openat"), &openat(0, 0)));
        assert!(!allows(wpath, s("openat"), &openat(1 | 0o100, 0o644)));
        // cpath alone: only brand-new files
        assert!(
            !allows(cpath, s("openat"), &openat(2, 0)),
            "cpath must not open existing files"
        );
        assert!(!allows(
            cpath,
            s("openat"),
            &openat(1 | 0o100 | 0o1000, 0o644)
        ));
        assert!(allows(
            cpath,
            s("openat"),
            &openat(1 | 0o100 | 0o200, 0o644)
        ));
        assert!(!allows(
            cpath,
            s("openat"),
            &openat(1 | 0o100 | 0o200, 0o4644)
        ));
        assert!(allows(cpath, s("openat"), &openat(0o20200000 | 2, 0o600)));
        // wpath + cpath: create or truncate
        assert!(allows(wc, s("openat"), &openat(1 | 0o100 | 0o1000, 0o644)));
        assert!(!allows(
            wc,
            s("openat"),
            &openat(1 | 0o100 | 0o1000, 0o2644)
        ));
        assert!(allows(wc, s("creat"), &[0, 0o644, 0, 0, 0, 0]));
        assert!(!allows(cpath, s("creat"), &[0, 0o644, 0, 0, 0, 0]));
        // stdio: threads yes, fork no, namespaces never
        let all = PromiseSet::of(&ALL);
        assert!(allows(stdio, s("clone"), &[0x3d0f00, 0, 0, 0, 0, 0]));
        assert!(!allows(stdio, s("clone"), &[0x1200011, 0, 0, 0, 0, 0]));
        assert!(allows(all, s("clone"), &[0x1200011, 0, 0, 0, 0, 0]));
        assert!(!allows(all, s("clone"), &[0x1000_0000 | 17, 0, 0, 0, 0, 0]));
        assert!(!allows(
            all,
            s("clone"),
            &[
                u64::from(crate::abi::uapi::X32_SYSCALL_BIT) | 17,
                0,
                0,
                0,
                0,
                0
            ]
        ));
        // ioctl: TIOCSTI in no promise
        assert!(!allows(all, s("ioctl"), &[0, 0x5412, 0, 0, 0, 0]));
        assert!(allows(
            PromiseSet::of(&[Promise::Tty]),
            s("ioctl"),
            &[0, 0x5413, 0, 0, 0, 0]
        ));
        // sendto with an address whose low 32 bits are zero
        assert!(!allows(stdio, s("sendto"), &[3, 0, 1, 0, 0x1_0000_0000, 0]));
        assert!(allows(stdio, s("sendto"), &[3, 0, 1, 0, 0, 0]));
        // mmap
        assert!(allows(stdio, s("mmap"), &[0, 4096, 3, 0x22, u64::MAX, 0]));
        assert!(!allows(stdio, s("mmap"), &[0, 4096, 5, 0x22, u64::MAX, 0]));
        // glibc fstat
        assert!(allows(stdio, s("newfstatat"), &[1, 0, 0, 0x1000, 0, 0]));
        assert!(!allows(
            stdio,
            s("newfstatat"),
            &[0xffff_ff9c, 0, 0, 0, 0, 0]
        ));
        // sockets
        let inet = PromiseSet::of(&[Promise::Inet]);
        assert!(allows(inet, s("socket"), &[2, 1 | 0o2000000, 0, 0, 0, 0]));
        assert!(allows(inet, s("socket"), &[10, 2, 17, 0, 0, 0]));
        assert!(!allows(inet, s("socket"), &[2, 3, 255, 0, 0, 0]), "raw");
        assert!(!allows(inet, s("socket"), &[1, 1, 0, 0, 0, 0]), "unix");
        let anet = PromiseSet::of(&[Promise::Anet]);
        assert!(
            !allows(anet, s("socket"), &[2, 2, 0, 0, 0, 0]),
            "anet has no UDP"
        );
        assert!(!allows(anet, s("connect"), &[3, 0, 16, 0, 0, 0]));
        assert!(
            !allows(inet, s("setsockopt"), &[3, 1, 26, 0, 4, 0]),
            "SO_ATTACH_FILTER"
        );
        assert!(
            allows(inet, s("setsockopt"), &[3, 6, 1, 0, 4, 0]),
            "TCP_NODELAY"
        );
    }

    #[test]
    fn explains_which_promise_is_missing() {
        let s = |name| crate::abi::syscalls::by_name(name).unwrap().id() as u32;
        let stdio = PromiseSet::of(&[Promise::Stdio]);
        assert_eq!(
            promises_allowing(s("socket"), &[2, 1, 0, 0, 0, 0], stdio),
            vec![Promise::Inet, Promise::Anet, Promise::Dns]
        );
        assert_eq!(
            promises_allowing(s("openat"), &[0xffff_ff9c, 0, 0, 0, 0, 0], stdio),
            vec![Promise::Rpath, Promise::Dns]
        );
        assert!(promises_allowing(s("ptrace"), &[0; 6], stdio).is_empty());
    }

    #[test]
    fn parse_promise_strings() {
        let set = PromiseSet::parse("stdio  rpath\tinet,dns").unwrap();
        assert_eq!(set.to_string(), "stdio rpath inet dns");
        let e = PromiseSet::parse("stdio inte").unwrap_err();
        assert_eq!(e.name, "inte");
        assert_eq!(e.suggestion, Some("inet"));
        assert!(PromiseSet::parse("").unwrap().is_empty());
    }
}

/// The promise reference (`docs/promises.md`), rendered from the table so it cannot drift;
/// a test fails when the committed file is stale.
pub fn reference_markdown() -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(s, "# Promise reference\n");
    let _ = writeln!(
        s,
        "<!-- Generated from src/policy/promise.rs by `UPDATE_DOCS=1 cargo test --lib promise_reference`; do not edit. -->\n"
    );
    let _ = writeln!(
        s,
        "Every filter also allows {} whatever the promises; answers `openat2`, `clone3` and (unless an explicit rule allows it) `memfd_create` with ENOSYS so libc falls back to calls whose arguments BPF can inspect; kills calls from another architecture (i386 `int 0x80`); denies x32 numbers; answers numbers above the table with ENOSYS; and refuses `ioctl` TIOCSTI/TIOCLINUX and `seccomp` with SECCOMP_FILTER_FLAG_NEW_LISTENER before any rule.\n",
        ALWAYS_ALLOWED
            .iter()
            .map(|s| format!("`{}`", s.name()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(
        s,
        "Conditions compare the low 32 bits of an argument unless marked `:64`.\n"
    );
    for info in &TABLE {
        let _ = writeln!(s, "## `{}`\n\n{}.\n", info.name, info.summary);
        if !info.syscalls.is_empty() {
            let names: Vec<&str> = info.syscalls.iter().map(|s| s.name()).collect();
            let _ = writeln!(s, "Allowed: {}.\n", names.join(" "));
        }
        for r in info.rules {
            let groups: Vec<String> = r
                .all_of
                .iter()
                .map(|g| {
                    let alts: Vec<String> = g
                        .iter()
                        .map(|c| {
                            let text = c.to_string();
                            let pid = format!("{PID_PLACEHOLDER:#x}");
                            format!("`{}`", text.replace(&pid, "<the sandboxed program's pid>"))
                        })
                        .collect();
                    if alts.len() == 1 {
                        alts[0].clone()
                    } else {
                        format!("({})", alts.join(" or "))
                    }
                })
                .collect();
            let also = if r.also.is_empty() {
                String::new()
            } else {
                format!(
                    " (with {})",
                    r.also
                        .iter()
                        .map(|p| format!("`{p}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            let _ = writeln!(
                s,
                "- `{}` {}{also}: {}",
                r.syscall.name(),
                r.tag,
                groups.join(" and ")
            );
        }
        if !info.rules.is_empty() {
            let _ = writeln!(s);
        }
        if !info.unveils.is_empty() {
            let u: Vec<String> = info
                .unveils
                .iter()
                .map(|u| format!("`{}:{}`", u.perms, u.path))
                .collect();
            let _ = writeln!(s, "Unveils when present: {}.\n", u.join(" "));
        }
    }
    let _ = writeln!(s, "## Differences from the reference Linux port\n");
    for (who, what) in DIFFERENCES {
        let _ = writeln!(s, "- **{who}**: {what}");
    }
    s
}

#[cfg(test)]
mod reference_tests {
    #[test]
    fn promise_reference_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/promises.md");
        let want = super::reference_markdown();
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "docs/promises.md is stale: run `UPDATE_DOCS=1 cargo test --lib promise_reference`"
        );
    }
}
