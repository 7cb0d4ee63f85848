//! Syscall signatures and strace-style rendering of calls, arguments and return values.
//!
//! Owns the table of x86_64 syscall signatures ([`signature`]), the argument decoders that turn
//! six raw registers into text such as `openat(AT_FDCWD, "/etc/hosts", O_RDONLY|O_CLOEXEC)`
//! ([`format_call`], [`format_args()`]), return values ([`format_return`]), string escaping
//! ([`escape`]) and strace's syscall classes ([`classes`]). Symbolic names come from
//! [`crate::abi::consts`]; the few constants it lacks live in small local tables.
//!
//! This file holds the entry points ([`signature`], [`format_call`], [`format_call_i386`],
//! [`format_args()`], [`format_return`], [`classes`]) and the rendering options. The rest is
//! one file each:
//! - `decode.rs`: the argument decoders, by kind and by call (structures read through
//!   [`ReadMem`], flag words, special cases), and the small rendering helpers they share;
//! - `tables.rs`: the local flag and value tables of the decoders (names `consts` lacks) and
//!   the lists of `consts` names they decode with;
//! - `escape.rs`: escaping bytes and text ([`escape`], [`escape_bare`], [`escape_text`],
//!   [`escape_word`], [`is_unsafe_char`]), re-exported here.
//!
//! It must not do I/O: memory of the traced or sandboxed process is read only through the
//! caller's [`ReadMem`] callback, whose bytes are untrusted and may be missing, short or
//! hostile. Every decoder checks bounds, caps what it reads and falls back to showing the
//! pointer in hex, so no input (syscall number, registers or memory) can make it panic.
//!
//! Conventions, chosen to look like strace:
//! - `Hex` and hex fallbacks print 0 as `0` (C's `%#x`); pointers print 0 as `NULL`.
//! - Protocol 0 of an `AF_INET`/`AF_INET6` socket is shown as `IPPROTO_IP`, of an `AF_NETLINK`
//!   socket as `NETLINK_ROUTE`, of any other family as `0`.
//! - `clone` is shown positionally: `clone(CLONE_VM|CLONE_VFORK|SIGCHLD, 0x7ffd…, NULL, NULL, 0)`.
//! - File names are not cut at [`Style::max_string`] (like strace) but at `PATH_MAX`; other
//!   strings and buffers are cut at `max_string` with `...` after the closing quote.
//! - Some arguments are omitted like strace does: `open`/`openat`/`mq_open` mode without
//!   `O_CREAT`/`O_TMPFILE`, the third `fcntl` argument for `F_GET*` commands, and the unused
//!   trailing `futex` arguments of `FUTEX_WAIT`/`FUTEX_WAKE`. [`Arg::Ignore`] slots are never
//!   shown.

mod decode;
mod escape;
#[cfg(test)]
mod fixtures;
mod tables;

use std::sync::OnceLock;

use crate::abi::syscalls as sysnames;

pub(crate) use super::table::Arg;
use super::table::{self, Entry};
use decode::{Cx, Shown, errno_text, hex};
pub(crate) use escape::{escape, escape_bare, escape_text};
pub use escape::{escape_word, is_unsafe_char};

/// Reads process memory for decoding: (address, max length) -> the bytes actually readable
/// (maybe fewer), `None` if nothing is readable there.
pub(crate) type ReadMem<'a> = &'a dyn Fn(u64, usize) -> Option<Vec<u8>>;

/// Options for rendering.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Style {
    /// Longest string or buffer prefix shown (strace `-s`, default 32). File names are cut at
    /// `PATH_MAX` instead. Values above 1 MiB are treated as 1 MiB.
    pub max_string: usize,
    /// Whether to call the read callback at all; when false, pointers are shown as `0x…` only.
    pub read_memory: bool,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            max_string: 32,
            read_memory: true,
        }
    }
}

/// The row of an x86_64 syscall that has a decoder (`None` for a `raw` row or an unknown
/// number).
pub(crate) fn signature(nr: u32) -> Option<&'static Entry> {
    table::entry(nr).filter(|e| e.shown)
}

/// Renders a call: `openat(AT_FDCWD, "/etc/hosts", O_RDONLY|O_CLOEXEC)`.
///
/// A syscall without a signature is shown with its six arguments in hex (`name(0x1, 0, …)`),
/// an unknown number as `syscall_0x1c2(…)`.
pub(crate) fn format_call(nr: u32, args: &[u64; 6], read: ReadMem<'_>, style: Style) -> String {
    let name = match sysnames::name(nr) {
        Some(name) => name.to_string(),
        None => format!("syscall_{nr:#x}"),
    };
    format!("{name}({})", format_args(nr, args, read, style).join(", "))
}

/// Renders an i386 (`int 0x80`) call: its i386 name and six arguments (low 32 bits) in hex.
pub(crate) fn format_call_i386(nr: u32, args: &[u64; 6]) -> String {
    let name = match sysnames::i386_name(nr) {
        Some(name) => name.to_string(),
        None => format!("syscall_{nr:#x}"),
    };
    let args: Vec<String> = args.iter().map(|&a| hex(a & 0xffff_ffff)).collect();
    format!("{name}({})", args.join(", "))
}

/// The shown arguments as strings (for JSON output): one per argument of the signature, less
/// [`Arg::Ignore`] slots and the arguments strace omits (see the module docs); six hex strings
/// when the syscall has no signature.
pub(crate) fn format_args(
    nr: u32,
    args: &[u64; 6],
    read: ReadMem<'_>,
    style: Style,
) -> Vec<String> {
    let Some(sig) = signature(nr) else {
        return args.iter().map(|&a| hex(a)).collect();
    };
    let cx = Cx {
        args: *args,
        read,
        style,
    };
    let mut out = Vec::with_capacity(sig.params.len());
    for (i, kind) in sig.kinds().enumerate() {
        if kind == Arg::Ignore {
            continue;
        }
        match cx.special(sig.name(), i) {
            Some(Shown::Omit) => {}
            Some(Shown::Text(text)) => out.push(text),
            None => out.push(cx.render(kind, i)),
        }
    }
    out
}

/// Renders a return value: `3`, `0x7f…` for calls returning an address (`mmap`, `mremap`,
/// `brk`, `shmat`), `-1 ENOENT (No such file or directory)` for -4095..=-1, and
/// `? ERESTARTSYS (To be restarted if SA_RESTART is set)` for the kernel's restart codes.
pub(crate) fn format_return(nr: u32, ret: i64) -> String {
    if (-4095..=-1).contains(&ret) {
        return errno_text((-ret) as i32);
    }
    if matches!(
        sysnames::name(nr),
        Some("mmap" | "mremap" | "brk" | "shmat")
    ) {
        return hex(ret as u64);
    }
    ret.to_string()
}

/// The strace classes a syscall belongs to, in [`class_names`] order (empty for none).
///
/// The sets are strace's x86_64 ones, with two additions so that `%desc` means "takes or
/// returns a file descriptor" throughout: every `%network` call is also `%desc`, and so is
/// `close_range`. `%stat` is strace's stat-like set (`stat`, `lstat`, `fstat`, `newfstatat`,
/// `statx`); `%clock` does not include `clock_nanosleep` (as in strace).
pub(crate) fn classes(nr: u32) -> &'static [&'static str] {
    static BY_NR: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
    let by_nr = BY_NR.get_or_init(|| {
        let mut by_nr = vec![Vec::new(); sysnames::MAX_NR as usize + 1];
        for e in table::TABLE {
            let mut mask = e.classes;
            if mask & table::class::NETWORK != 0 {
                mask |= table::class::DESC;
            }
            if let Some(slot) = usize::try_from(e.sysno.id())
                .ok()
                .and_then(|id| by_nr.get_mut(id))
            {
                *slot = CLASS_NAMES
                    .iter()
                    .enumerate()
                    .filter(|&(bit, _)| mask & (1 << bit) != 0)
                    .map(|(_, &class)| class)
                    .collect();
            }
        }
        by_nr
    });
    by_nr.get(nr as usize).map_or(&[], Vec::as_slice)
}

/// All class names, in a fixed order.
pub(crate) fn class_names() -> &'static [&'static str] {
    &CLASS_NAMES
}

/// Class names; bit `i` of [`Entry::classes`] stands for `CLASS_NAMES[i]`.
static CLASS_NAMES: [&str; 10] = [
    "%file", "%network", "%process", "%memory", "%signal", "%ipc", "%desc", "%creds", "%clock",
    "%stat",
];

#[cfg(test)]
mod tests {
    use super::fixtures::{AT_FDCWD, Memory};
    use super::*;
    use crate::test_util::nr;

    #[test]
    fn unknown_and_unsigned_calls() {
        let m = Memory::new();
        let read = |a: u64, n: usize| m.read(a, n);
        let args = [1, 2, 0, 0, 0, 0xffff];
        assert_eq!(
            format_call(0x190, &args, &read, Style::default()),
            "syscall_0x190(0x1, 0x2, 0, 0, 0, 0xffff)"
        );
        // _sysctl (156) is in the syscall table but has no signature.
        assert!(signature(156).is_none());
        assert_eq!(
            format_call(156, &args, &read, Style::default()),
            "_sysctl(0x1, 0x2, 0, 0, 0, 0xffff)"
        );
        assert_eq!(
            format_args(0x190, &args, &read, Style::default()),
            ["0x1", "0x2", "0", "0", "0", "0xffff"]
        );
        assert_eq!(
            format_call_i386(5, &[0x1_0804_8000, 0, 0, 0, 0, 0]),
            "open(0x8048000, 0, 0, 0, 0, 0)"
        );
        assert_eq!(
            format_call_i386(9999, &[0; 6]),
            "syscall_0x270f(0, 0, 0, 0, 0, 0)"
        );
    }

    #[test]
    fn args_for_json() {
        let mut m = Memory::new();
        let x = m.put(0x1000, b"x\0");
        let read = |a: u64, n: usize| m.read(a, n);
        assert_eq!(
            format_args(
                nr("openat"),
                &[AT_FDCWD, x, 0, 0, 0, 0],
                &read,
                Style::default()
            ),
            ["AT_FDCWD", "\"x\"", "O_RDONLY"]
        );
        assert_eq!(
            format_args(nr("getpid"), &[1, 2, 3, 4, 5, 6], &read, Style::default()),
            Vec::<String>::new()
        );
        // The Ignore slot of preadv is not shown.
        assert_eq!(
            format_args(nr("preadv"), &[3, 0, 1, 0, 7, 0], &read, Style::default()).len(),
            4
        );
    }

    #[test]
    fn return_values() {
        let mmap = nr("mmap");
        assert_eq!(format_return(mmap, 0x7f12_3456_7000), "0x7f1234567000");
        assert_eq!(
            format_return(mmap, -12),
            "-1 ENOMEM (Cannot allocate memory)"
        );
        assert_eq!(format_return(nr("openat"), 3), "3");
        assert_eq!(
            format_return(nr("openat"), -2),
            "-1 ENOENT (No such file or directory)"
        );
        assert_eq!(
            format_return(nr("socket"), -1),
            "-1 EPERM (Operation not permitted)"
        );
        assert_eq!(
            format_return(nr("read"), -512),
            "? ERESTARTSYS (To be restarted if SA_RESTART is set)"
        );
        assert_eq!(format_return(nr("read"), -4096), "-4096");
        assert!(format_return(nr("read"), -4000).starts_with("-1 errno 4000 ("));
        assert_eq!(format_return(nr("brk"), 0x5555_0000), "0x55550000");
        assert_eq!(format_return(9999, i64::MIN), i64::MIN.to_string());
    }

    #[test]
    fn strace_classes() {
        let c = |name: &str| classes(nr(name));
        assert_eq!(c("openat"), ["%file", "%desc"]);
        assert_eq!(c("socket"), ["%network", "%desc"]);
        assert_eq!(c("mmap"), ["%memory", "%desc"]);
        assert_eq!(c("munmap"), ["%memory"]);
        assert_eq!(c("kill"), ["%process", "%signal"]);
        assert_eq!(c("execve"), ["%file", "%process"]);
        assert_eq!(c("shmat"), ["%memory", "%ipc"]);
        assert_eq!(c("setresuid"), ["%creds"]);
        assert_eq!(c("clock_gettime"), ["%clock"]);
        assert_eq!(c("newfstatat"), ["%file", "%desc", "%stat"]);
        assert_eq!(c("close_range"), ["%desc"]);
        assert!(c("getpid").is_empty());
        assert!(classes(9999).is_empty());
        assert_eq!(
            class_names(),
            [
                "%file", "%network", "%process", "%memory", "%signal", "%ipc", "%desc", "%creds",
                "%clock", "%stat"
            ]
        );
        // Every class has members.
        for class in class_names() {
            let n = (0..=sysnames::MAX_NR)
                .filter(|&nr| classes(nr).contains(class))
                .count();
            assert!(n > 0, "{class}");
        }
    }

    #[test]
    fn table_is_consistent() {
        // Once each, in number order, with indices in range: the table's own tests.
        let required = "read write readv writev pread64 pwrite64 open openat creat close \
            close_range stat lstat fstat newfstatat statx access faccessat faccessat2 readlink \
            readlinkat getdents64 chdir fchdir getcwd mkdir mkdirat rmdir unlink unlinkat rename \
            renameat renameat2 link linkat symlink symlinkat chmod fchmod fchmodat chown fchown \
            lchown fchownat truncate ftruncate utimensat mknod mknodat lseek dup dup2 dup3 pipe \
            pipe2 fcntl ioctl flock fsync fdatasync mmap munmap mprotect pkey_mprotect mremap \
            madvise brk msync mlock munlock socket socketpair connect bind listen accept accept4 \
            sendto recvfrom sendmsg recvmsg sendmmsg recvmmsg shutdown setsockopt getsockopt \
            getsockname getpeername clone clone3 fork vfork execve execveat exit exit_group \
            wait4 waitid kill tkill tgkill rt_sigaction rt_sigprocmask rt_sigreturn sigaltstack \
            prctl arch_prctl prlimit64 getrlimit setrlimit setsid setpgid getpid getppid gettid \
            getuid geteuid getgid getegid setuid setgid setresuid setresgid setgroups capget \
            capset futex nanosleep clock_nanosleep clock_gettime gettimeofday settimeofday poll \
            ppoll select pselect6 epoll_create1 epoll_ctl epoll_wait epoll_pwait eventfd2 \
            signalfd4 timerfd_create uname sysinfo getrandom memfd_create seccomp \
            landlock_create_ruleset landlock_add_rule landlock_restrict_self ptrace personality \
            unshare setns mount umount2 chroot pivot_root io_uring_setup bpf perf_event_open \
            process_vm_readv process_vm_writev pidfd_open pidfd_send_signal openat2 \
            sched_setaffinity sched_getaffinity sched_setscheduler setpriority getpriority \
            ioprio_set ioprio_get set_tid_address set_robust_list rseq statfs fstatfs sync \
            syncfs fallocate copy_file_range sendfile splice tee inotify_init1 \
            inotify_add_watch userfaultfd";
        for name in required.split_whitespace() {
            assert!(signature(nr(name)).is_some(), "no signature for {name}");
        }
        let shown = table::TABLE.iter().filter(|e| e.shown).count();
        assert!(shown >= 280, "{shown}");
    }

    /// Deterministic xorshift64.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            self.0 = x;
            x
        }
    }

    /// Random bytes derived from (addr, len, seed), so the callback needs no state.
    fn noise(addr: u64, len: usize, seed: u64) -> Option<Vec<u8>> {
        let mut rng = Rng(addr ^ seed.rotate_left(17) ^ (len as u64) ^ 0x9e37_79b9_7f4a_7c15);
        rng.next();
        match rng.next() % 8 {
            0 => None,
            1 => Some(Vec::new()),
            2 => {
                // More than asked: decoders must cope.
                Some((0..len.min(4096) + 13).map(|_| rng.next() as u8).collect())
            }
            3 => {
                let n = (rng.next() as usize) % (len.min(4096) + 1);
                Some((0..n).map(|_| rng.next() as u8).collect())
            }
            4 => {
                // Pointer-like words, often NULL, some pointing back into "memory".
                let n = len.min(4096);
                let mut v = Vec::with_capacity(n);
                while v.len() < n {
                    let word = match rng.next() % 4 {
                        0 => 0,
                        1 => 0x1000 + rng.next() % 0x1000,
                        _ => rng.next(),
                    };
                    v.extend_from_slice(&word.to_le_bytes());
                }
                v.truncate(n);
                Some(v)
            }
            _ => {
                let n = len.min(4096);
                Some(
                    (0..n)
                        .map(|_| match rng.next() % 10 {
                            0 => 0,
                            1..=6 => b'a' + (rng.next() % 26) as u8,
                            _ => rng.next() as u8,
                        })
                        .collect(),
                )
            }
        }
    }

    #[test]
    fn fuzz_never_panics() {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let specials = [
            0,
            1,
            2,
            3,
            4,
            8,
            16,
            17,
            24,
            64,
            88,
            128,
            0xffff_ffff,
            0xffff_ff9c,
            u64::MAX,
            u64::MAX - 99,
            1 << 63,
            0x1000,
        ];
        for case in 0..20_000u64 {
            let nr = (rng.next() % 600) as u32;
            let mut args = [0u64; 6];
            for a in &mut args {
                *a = match rng.next() % 4 {
                    0 => specials[(rng.next() % specials.len() as u64) as usize],
                    1 => rng.next() % 64,
                    2 => 0x1000 + rng.next() % 0x1000,
                    _ => rng.next(),
                };
            }
            let seed = rng.next();
            let read = move |addr: u64, len: usize| noise(addr, len, seed);
            let style = Style {
                max_string: [0, 1, 5, 32, 1000, usize::MAX][(case % 6) as usize],
                read_memory: case % 7 != 0,
            };
            let call = format_call(nr, &args, &read, style);
            assert!(!call.is_empty());
            let shown = format_args(nr, &args, &read, style);
            assert!(shown.len() <= 6);
            let _ = format_call_i386(nr, &args);
            let _ = format_return(nr, rng.next() as i64);
            let _ = format_return(nr, -((rng.next() % 5000) as i64));
            let _ = classes(nr);
            let _ = signature(nr);
        }
    }
}
