//! The one per-syscall table: for every x86_64 syscall, in number order, each argument's
//! declaration as the kernel writes it (C type and name), how it is shown ([`Arg`]), what it
//! is to the tracer ([`Role`]), whether trace profiles keep it, and the syscall's strace
//! classes. Every other per-syscall fact of the crate is read from here: argument widths
//! ([`super::sysargs`], derived from the C type with [`ctype_width`]), strace-style rendering
//! ([`super::signature`]), the arguments a trace keeps (`trace::profile`) and the paths a call
//! uses (`trace::engine`).
//!
//! The declarations are the running kernel's own (its tracefs syscall events,
//! `/sys/kernel/tracing/events/syscalls/sys_enter_*/format`), taken from Linux 6.18 and
//! checked against the running kernel, text for text, by the kernel test `sysargs`
//! (`tests/kernel/sysargs.rs`); syscalls without an event there (not built into that kernel,
//! or never implemented on x86_64: these take no arguments) come from the kernel source and
//! are listed in that test. A `raw` row has no decoder: its calls are shown as six hex words.
//!
//! One row reads `name {classes}: [Kind "C declaration" @role +keep() +narrowed("why"), …]`:
//! - `Kind` is an [`Arg`] (how the argument is shown);
//! - `@role` a [`Role`], for the arguments whose meaning the tracer needs;
//! - `+keep()`: trace profiles keep the argument (its kernel width) even where no promise rule
//!   compares it, so `allow traced` can write conditions on it;
//! - `+narrowed("why")`: declared 64-bit but cut to 32 bits by the kernel before any use, so a
//!   32-bit compare is exact and a 64-bit deny would be dodged by upper bits.
//!
//! Pure data, no I/O.

use super::Width;
use super::consts::Family as F;
use super::syscalls::Sysno;

/// How one argument is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arg {
    /// Signed decimal of the low 32 bits (C `int`).
    Int,
    /// Signed decimal of all 64 bits (C `long`, `off_t`).
    Long,
    /// Unsigned decimal of all 64 bits.
    Uint,
    /// Opaque value in hex (`0x1f`; 0 is shown as `0`).
    Hex,
    /// Pointer: `NULL` or `0x…`.
    Ptr,
    /// File descriptor: signed decimal of the low 32 bits.
    Fd,
    /// Directory file descriptor of the `*at` calls: `AT_FDCWD` or the fd.
    DirFd,
    /// NUL-terminated file name read from memory, escaped, cut at `PATH_MAX`.
    Path,
    /// NUL-terminated string that is not a file name, cut at the style's `max_string`.
    Str,
    /// Buffer whose length is argument N (write's data): an escaped string prefix.
    Buf(u8),
    /// `size_t`: unsigned decimal.
    Size,
    /// File mode in octal (`0644`, `S_IFCHR|0666`).
    Mode,
    /// Flag word rendered with [`super::consts::format_flags`].
    Flags(F),
    /// Enumerated value rendered with [`super::consts::format_value`].
    Value(F),
    /// Signal number (`SIGTERM`; 0 is shown as `0`).
    Signal,
    /// Process id: signed decimal of the low 32 bits.
    Pid,
    /// ioctl request: its name if known, else hex.
    Ioctl,
    /// `struct sockaddr *` whose length is argument N.
    SockAddr(u8),
    /// `char *[]` such as argv: `["ls", "-l"]`, at most 32 entries then `...`.
    StrArray,
    /// Not shown (an unused register slot).
    Ignore,
}

/// What an argument is to the tracer, beyond how it is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Nothing the tracer reads.
    None,
    /// A file name the call uses in a Landlock-governed way. Relative to the argument just
    /// before it when that one is a [`Arg::DirFd`], else to the working directory.
    Path(PathUse),
    /// The `O_*` flags of the call's [`PathUse::Open`] path.
    OpenFlags,
    /// A `struct open_how *` holding the flags of the call's [`PathUse::Open`] path.
    OpenHow,
    /// The `struct sockaddr *` of `bind`: a named `AF_UNIX` address creates a file.
    Bind,
}

/// How a call uses a path argument, in Landlock's terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathUse {
    /// Opened with the call's [`Role::OpenFlags`] or [`Role::OpenHow`]: read, write, create.
    Open,
    /// `creat`: opened `O_CREAT|O_TRUNC|O_WRONLY`.
    Creat,
    /// Executed.
    Exec,
    /// Written in place (`truncate`).
    Write,
    /// An entry removed from its directory (also the old name of `rename` and `link`).
    Remove,
    /// A file made in its directory.
    Make,
    /// A directory made in its directory.
    MakeDir,
    /// A file made in its directory that may replace one there (`rename`'s new name).
    Replace,
}

/// One argument: its declaration and what the crate makes of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Param {
    /// How it is shown.
    pub kind: Arg,
    /// The kernel's declaration: C type and name (`const char * filename`).
    pub decl: &'static str,
    /// What it is to the tracer.
    pub role: Role,
    /// Trace profiles keep it (see the module docs).
    pub keep: bool,
    /// Declared 64-bit, cut to 32 bits by the kernel before any use: where (see the module docs).
    pub narrowed: Option<&'static str>,
}

impl Param {
    const fn new(kind: Arg, decl: &'static str, role: Role) -> Param {
        Param {
            kind,
            decl,
            role,
            keep: false,
            narrowed: None,
        }
    }

    const fn keep(self) -> Param {
        Param { keep: true, ..self }
    }

    const fn narrowed(self, why: &'static str) -> Param {
        Param {
            narrowed: Some(why),
            ..self
        }
    }

    /// The declared C type (`const char *`).
    pub fn ctype(&self) -> &'static str {
        self.decl
            .rsplit_once(' ')
            .map_or(self.decl, |(ty, _)| ty.trim_end())
    }

    /// The parameter's name in the kernel (`filename`).
    pub fn name(&self) -> &'static str {
        self.decl.rsplit_once(' ').map_or("", |(_, name)| name)
    }

    /// Whether the declared C type is 32 bits wide (`None`: a type [`ctype_width`] does not
    /// know, which the table's tests rule out).
    pub fn declared_32bit(&self) -> Option<bool> {
        ctype_width(self.ctype()).map(|w| w == Width::Dword)
    }

    /// The width the kernel reads it with: its C type's, or 32 bits when [`Param::narrowed`].
    pub fn width(&self) -> Width {
        if self.narrowed.is_some() || self.declared_32bit() == Some(true) {
            Width::Dword
        } else {
            Width::Qword
        }
    }
}

/// One syscall's row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The syscall.
    pub sysno: Sysno,
    /// Its strace classes, a mask of [`class`] bits.
    pub classes: u16,
    /// Whether it has a decoder; a syscall without one is shown as six hex words.
    pub shown: bool,
    /// Its arguments, as many as it takes.
    pub params: &'static [Param],
}

impl Entry {
    /// The syscall's name.
    pub fn name(&self) -> &'static str {
        self.sysno.name()
    }

    /// How argument `index` is shown (`None` past the syscall's arguments).
    pub fn kind(&self, index: usize) -> Option<Arg> {
        self.params.get(index).map(|p| p.kind)
    }

    /// How each argument is shown, in order.
    pub fn kinds(&self) -> impl Iterator<Item = Arg> + '_ {
        self.params.iter().map(|p| p.kind)
    }
}

/// The row of a syscall number (`None` for a number no syscall has).
pub fn entry(nr: u32) -> Option<&'static Entry> {
    // Indexed by number once: tracers and reports look a row up per call.
    static INDEX: std::sync::OnceLock<Vec<Option<&'static Entry>>> = std::sync::OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut index = vec![None; super::syscalls::MAX_NR as usize + 1];
        for e in TABLE {
            if let Some(slot) = usize::try_from(e.sysno.id())
                .ok()
                .and_then(|i| index.get_mut(i))
            {
                *slot = Some(e);
            }
        }
        index
    });
    index.get(nr as usize).copied().flatten()
}

/// The row of a syscall (every syscall has one: see the table's tests).
pub fn of(sysno: Sysno) -> Option<&'static Entry> {
    u32::try_from(sysno.id()).ok().and_then(entry)
}

/// Scalar C types 32 bits wide on x86_64 (after dropping `const`).
pub const CTYPES_32: &[&str] = &[
    "int",
    "unsigned int",
    "unsigned",
    "pid_t",
    "uid_t",
    "gid_t",
    "umode_t", // unsigned short: 16 bits, compared on 32 (the upper 16 of those are ignored)
    "clockid_t",
    "timer_t",
    "key_serial_t",
    "key_t",
    "mqd_t",
    "qid_t",
    "rwf_t",
    "__s32",
    "__u32",
    "s32",
    "u32",
    "int32_t",
    "uint32_t",
    "enum landlock_rule_type",
];

/// Scalar C types 64 bits wide on x86_64, and typedefs of pointers (after dropping `const`).
/// Every type spelled with a `*` is a pointer, 64 bits.
pub const CTYPES_64: &[&str] = &[
    "long",
    "unsigned long",
    "size_t",
    "off_t",
    "loff_t",
    "u64",
    "__u64",
    "__aligned_u64",
    "aio_context_t",
    "cap_user_header_t",
    "cap_user_data_t",
];

/// How wide a syscall parameter of C type `ty` is on x86_64 (`None`: a type neither list
/// knows; add it to the right one after reading its typedef).
pub fn ctype_width(ty: &str) -> Option<Width> {
    if ty.contains('*') {
        return Some(Width::Qword);
    }
    let base: Vec<&str> = ty.split_whitespace().filter(|w| *w != "const").collect();
    let base = base.join(" ");
    if CTYPES_32.contains(&base.as_str()) {
        Some(Width::Dword)
    } else if CTYPES_64.contains(&base.as_str()) {
        Some(Width::Qword)
    } else {
        None
    }
}

/// strace's class bits of [`Entry::classes`]; bit `i` stands for `signature::class_names()[i]`.
pub mod class {
    /// `%file`
    pub const FILE: u16 = 1 << 0;
    /// `%network`
    pub const NETWORK: u16 = 1 << 1;
    /// `%process`
    pub const PROCESS: u16 = 1 << 2;
    /// `%memory`
    pub const MEMORY: u16 = 1 << 3;
    /// `%signal`
    pub const SIGNAL: u16 = 1 << 4;
    /// `%ipc`
    pub const IPC: u16 = 1 << 5;
    /// `%desc`
    pub const DESC: u16 = 1 << 6;
    /// `%creds`
    pub const CREDS: u16 = 1 << 7;
    /// `%clock`
    pub const CLOCK: u16 = 1 << 8;
    /// `%stat`
    pub const STAT: u16 = 1 << 9;
    pub(super) const D: u16 = DESC;
    pub(super) const DF: u16 = DESC | FILE;
}

/// `true` for a row with a decoder, `false` for a `raw` one.
macro_rules! shown {
    () => {
        true
    };
    (raw) => {
        false
    };
}

/// An argument's [`Role`] from its `@role` (none: [`Role::None`]).
macro_rules! role {
    () => {
        Role::None
    };
    ($role:ident) => {
        Role::$role
    };
    ($role:ident($use:ident)) => {
        Role::$role(PathUse::$use)
    };
}

/// Builds the table from rows (see the module docs).
macro_rules! syscalls {
    ($($name:ident $({$class:expr})? $($raw:ident)? : [$($kind:ident $(($($kp:tt)*))? $decl:literal
        $(@ $role:ident $(($use:ident))?)? $(+ $m:ident($($why:literal)?))*),* $(,)?]),* $(,)?) => {
        &[$(Entry {
            sysno: Sysno::$name,
            classes: 0 $(| $class)?,
            shown: shown!($($raw)?),
            params: &[$(Param::new(Arg::$kind $(($($kp)*))?, $decl, role!($($role $(($use))?)?))
                $(.$m($($why)?))*),*],
        }),*]
    };
}

#[rustfmt::skip]
/// Every x86_64 syscall of the `syscalls` crate, in number order (see the module docs).
pub static TABLE: &[Entry] = {
    use class::*;
    syscalls! {
        read {D}: [Fd "unsigned int fd", Ptr "char * buf", Size "size_t count"],
        write {D}: [Fd "unsigned int fd", Buf(2) "const char * buf", Size "size_t count"],
        open {DF}: [Path "const char * filename" @Path(Open), Flags(F::OpenFlag) "int flags" @OpenFlags +keep(), Mode "umode_t mode"],
        close {D}: [Fd "unsigned int fd"],
        stat {FILE | STAT}: [Path "const char * filename", Ptr "struct stat * statbuf"],
        fstat {D | STAT}: [Fd "unsigned int fd", Ptr "struct stat * statbuf"],
        lstat {FILE | STAT}: [Path "const char * filename", Ptr "struct stat * statbuf"],
        poll {D}: [Ptr "struct pollfd * ufds", Uint "unsigned int nfds", Int "int timeout_msecs"],
        lseek {D}: [Fd "unsigned int fd", Long "off_t offset", Value(F::Seek) "unsigned int whence"],
        mmap {D | MEMORY}: [Ptr "unsigned long addr", Size "unsigned long len", Flags(F::Prot) "unsigned long prot" +keep(), Flags(F::MapFlag) "unsigned long flags", Fd "unsigned long fd" +narrowed("fd: ksys_mmap_pgoff passes it to fget (an unsigned int)"), Hex "unsigned long off"],
        mprotect {MEMORY}: [Ptr "unsigned long start", Size "size_t len", Flags(F::Prot) "unsigned long prot" +keep()],
        munmap {MEMORY}: [Ptr "unsigned long addr", Size "size_t len"],
        brk {MEMORY}: [Ptr "unsigned long brk"],
        rt_sigaction {SIGNAL}: [Signal "int sig", Ptr "const struct sigaction * act", Ptr "struct sigaction * oact", Size "size_t sigsetsize"],
        rt_sigprocmask {SIGNAL}: [Int "int how", Ptr "sigset_t * nset", Ptr "sigset_t * oset", Size "size_t sigsetsize"],
        rt_sigreturn {SIGNAL}: [],
        ioctl {D}: [Fd "unsigned int fd", Ioctl "unsigned int cmd" +keep(), Hex "unsigned long arg"],
        pread64 {D}: [Fd "unsigned int fd", Ptr "char * buf", Size "size_t count", Long "loff_t pos"],
        pwrite64 {D}: [Fd "unsigned int fd", Buf(2) "const char * buf", Size "size_t count", Long "loff_t pos"],
        readv {D}: [Fd "unsigned long fd" +narrowed("fd: do_readv passes it to fdget_pos (an int)"), Ptr "const struct iovec * vec", Uint "unsigned long vlen"],
        writev {D}: [Fd "unsigned long fd" +narrowed("fd: do_writev passes it to fdget_pos (an int)"), Ptr "const struct iovec * vec", Uint "unsigned long vlen"],
        access {FILE}: [Path "const char * filename", Flags(F::Access) "int mode"],
        pipe {D}: [Ptr "int * fildes"],
        select {D}: [Int "int n", Ptr "fd_set * inp", Ptr "fd_set * outp", Ptr "fd_set * exp", Ptr "struct __kernel_old_timeval * tvp"],
        sched_yield: [],
        mremap {MEMORY}: [Ptr "unsigned long addr", Size "unsigned long old_len", Size "unsigned long new_len", Hex "unsigned long flags", Ptr "unsigned long new_addr"],
        msync {MEMORY}: [Ptr "unsigned long start", Size "size_t len", Hex "int flags"],
        mincore {MEMORY}: [Ptr "unsigned long start", Size "size_t len", Ptr "unsigned char * vec"],
        madvise {MEMORY}: [Ptr "unsigned long start", Size "size_t len_in", Value(F::Madvise) "int behavior" +keep()],
        shmget {IPC}: [Hex "key_t key", Size "size_t size", Hex "int shmflg"],
        shmat {IPC | MEMORY}: [Int "int shmid", Ptr "char * shmaddr", Hex "int shmflg"],
        shmctl {IPC}: [Int "int shmid", Int "int cmd", Ptr "struct shmid_ds * buf"],
        dup {D}: [Fd "unsigned int fildes"],
        dup2 {D}: [Fd "unsigned int oldfd", Fd "unsigned int newfd"],
        pause {SIGNAL}: [],
        nanosleep: [Ptr "struct __kernel_timespec * rqtp", Ptr "struct __kernel_timespec * rmtp"],
        getitimer: [Int "int which", Ptr "struct __kernel_old_itimerval * value"],
        alarm: [Uint "unsigned int seconds"],
        setitimer: [Int "int which", Ptr "struct __kernel_old_itimerval * value", Ptr "struct __kernel_old_itimerval * ovalue"],
        getpid: [],
        sendfile {D | NETWORK}: [Fd "int out_fd", Fd "int in_fd", Ptr "loff_t * offset", Size "size_t count"],
        socket {NETWORK}: [Value(F::Address) "int family" +keep(), Flags(F::SocketType) "int type" +keep(), Int "int protocol" +keep()],
        connect {NETWORK}: [Fd "int fd", SockAddr(2) "struct sockaddr * uservaddr", Int "int addrlen"],
        accept {NETWORK}: [Fd "int fd", Ptr "struct sockaddr * upeer_sockaddr", Ptr "int * upeer_addrlen"],
        sendto {NETWORK}: [Fd "int fd", Buf(2) "void * buff", Size "size_t len", Flags(F::MsgFlag) "unsigned int flags", SockAddr(5) "struct sockaddr * addr", Int "int addr_len"],
        recvfrom {NETWORK}: [Fd "int fd", Ptr "void * ubuf", Size "size_t size", Flags(F::MsgFlag) "unsigned int flags", Ptr "struct sockaddr * addr", Ptr "int * addr_len"],
        sendmsg {NETWORK}: [Fd "int fd", Ptr "struct user_msghdr * msg", Flags(F::MsgFlag) "unsigned int flags"],
        recvmsg {NETWORK}: [Fd "int fd", Ptr "struct user_msghdr * msg", Flags(F::MsgFlag) "unsigned int flags"],
        shutdown {NETWORK}: [Fd "int fd", Value(F::Shutdown) "int how"],
        bind {NETWORK}: [Fd "int fd", SockAddr(2) "struct sockaddr * umyaddr" @Bind, Int "int addrlen"],
        listen {NETWORK}: [Fd "int fd", Int "int backlog"],
        getsockname {NETWORK}: [Fd "int fd", Ptr "struct sockaddr * usockaddr", Ptr "int * usockaddr_len"],
        getpeername {NETWORK}: [Fd "int fd", Ptr "struct sockaddr * usockaddr", Ptr "int * usockaddr_len"],
        socketpair {NETWORK}: [Value(F::Address) "int family" +keep(), Flags(F::SocketType) "int type", Int "int protocol", Ptr "int * usockvec"],
        setsockopt {NETWORK}: [Fd "int fd", Value(F::SocketLevel) "int level" +keep(), Int "int optname" +keep(), Ptr "char * optval", Int "int optlen"],
        getsockopt {NETWORK}: [Fd "int fd", Value(F::SocketLevel) "int level" +keep(), Int "int optname" +keep(), Ptr "char * optval", Ptr "int * optlen"],
        clone {PROCESS}: [Flags(F::CloneFlag) "unsigned long clone_flags" +keep() +narrowed("flags: kernel_clone_args takes lower_32_bits(clone_flags)"), Ptr "unsigned long newsp", Ptr "int * parent_tidptr", Ptr "int * child_tidptr", Hex "unsigned long tls"],
        fork {PROCESS}: [],
        vfork {PROCESS}: [],
        execve {FILE | PROCESS}: [Path "const char * filename" @Path(Exec), StrArray "const char *const * argv", Ptr "const char *const * envp"],
        exit {PROCESS}: [Int "int error_code"],
        wait4 {PROCESS}: [Pid "pid_t upid", Ptr "int * stat_addr", Hex "int options", Ptr "struct rusage * ru"],
        kill {SIGNAL | PROCESS}: [Pid "pid_t pid", Signal "int sig"],
        uname: [Ptr "struct new_utsname * name"],
        semget {IPC}: [Hex "key_t key", Int "int nsems", Hex "int semflg"],
        semop {IPC}: [Int "int semid", Ptr "struct sembuf * tsops", Uint "unsigned nsops"],
        semctl {IPC}: [Int "int semid", Int "int semnum", Int "int cmd", Hex "unsigned long arg"],
        shmdt {IPC | MEMORY}: [Ptr "char * shmaddr"],
        msgget {IPC}: [Hex "key_t key", Hex "int msgflg"],
        msgsnd {IPC}: [Int "int msqid", Ptr "struct msgbuf * msgp", Size "size_t msgsz", Hex "int msgflg"],
        msgrcv {IPC}: [Int "int msqid", Ptr "struct msgbuf * msgp", Size "size_t msgsz", Long "long msgtyp", Hex "int msgflg"],
        msgctl {IPC}: [Int "int msqid", Int "int cmd", Ptr "struct msqid_ds * buf"],
        fcntl {D}: [Fd "unsigned int fd", Value(F::Fcntl) "unsigned int cmd" +keep(), Hex "unsigned long arg"],
        flock {D}: [Fd "unsigned int fd", Flags(F::Flock) "unsigned int cmd"],
        fsync {D}: [Fd "unsigned int fd"],
        fdatasync {D}: [Fd "unsigned int fd"],
        truncate {FILE}: [Path "const char * path" @Path(Write), Long "long length"],
        ftruncate {D}: [Fd "unsigned int fd", Long "off_t length"],
        getdents {D}: [Fd "unsigned int fd", Ptr "struct linux_dirent * dirent", Uint "unsigned int count"],
        getcwd {FILE}: [Ptr "char * buf", Size "unsigned long size"],
        chdir {FILE}: [Path "const char * filename"],
        fchdir {D}: [Fd "unsigned int fd"],
        rename {FILE}: [Path "const char * oldname" @Path(Remove), Path "const char * newname" @Path(Replace)],
        mkdir {FILE}: [Path "const char * pathname" @Path(MakeDir), Mode "umode_t mode"],
        rmdir {FILE}: [Path "const char * pathname" @Path(Remove)],
        creat {DF}: [Path "const char * pathname" @Path(Creat), Mode "umode_t mode"],
        link {FILE}: [Path "const char * oldname" @Path(Remove), Path "const char * newname" @Path(Make)],
        unlink {FILE}: [Path "const char * pathname" @Path(Remove)],
        symlink {FILE}: [Path "const char * oldname", Path "const char * newname" @Path(Make)],
        readlink {FILE}: [Path "const char * path", Ptr "char * buf", Size "int bufsiz"],
        chmod {FILE}: [Path "const char * filename", Mode "umode_t mode"],
        fchmod {D}: [Fd "unsigned int fd", Mode "umode_t mode"],
        chown {FILE}: [Path "const char * filename", Int "uid_t user", Int "gid_t group"],
        fchown {D}: [Fd "unsigned int fd", Int "uid_t user", Int "gid_t group"],
        lchown {FILE}: [Path "const char * filename", Int "uid_t user", Int "gid_t group"],
        umask: [Mode "int mask"],
        gettimeofday {CLOCK}: [Ptr "struct __kernel_old_timeval * tv", Ptr "struct timezone * tz"],
        getrlimit: [Value(F::Rlimit) "unsigned int resource", Ptr "struct rlimit * rlim"],
        getrusage: [Int "int who", Ptr "struct rusage * ru"],
        sysinfo: [Ptr "struct sysinfo * info"],
        times: [Ptr "struct tms * tbuf"],
        ptrace: [Long "long request", Pid "long pid" +narrowed("pid: find_get_task_by_vpid and ptrace_traceme take a pid_t"), Ptr "unsigned long addr", Hex "unsigned long data"],
        getuid {CREDS}: [],
        syslog: [Int "int type", Ptr "char * buf", Int "int len"],
        getgid {CREDS}: [],
        setuid {CREDS}: [Int "uid_t uid"],
        setgid {CREDS}: [Int "gid_t gid"],
        geteuid {CREDS}: [],
        getegid {CREDS}: [],
        setpgid: [Pid "pid_t pid", Pid "pid_t pgid"],
        getppid: [],
        getpgrp: [],
        setsid: [],
        setreuid {CREDS}: [Int "uid_t ruid", Int "uid_t euid"],
        setregid {CREDS}: [Int "gid_t rgid", Int "gid_t egid"],
        getgroups {CREDS}: [Int "int gidsetsize", Ptr "gid_t * grouplist"],
        setgroups {CREDS}: [Int "int gidsetsize", Ptr "gid_t * grouplist"],
        setresuid {CREDS}: [Int "uid_t ruid", Int "uid_t euid", Int "uid_t suid"],
        getresuid {CREDS}: [Ptr "uid_t * ruidp", Ptr "uid_t * euidp", Ptr "uid_t * suidp"],
        setresgid {CREDS}: [Int "gid_t rgid", Int "gid_t egid", Int "gid_t sgid"],
        getresgid {CREDS}: [Ptr "gid_t * rgidp", Ptr "gid_t * egidp", Ptr "gid_t * sgidp"],
        getpgid: [Pid "pid_t pid"],
        setfsuid {CREDS}: [Int "uid_t uid"],
        setfsgid {CREDS}: [Int "gid_t gid"],
        getsid: [Pid "pid_t pid"],
        capget {CREDS}: [Ptr "cap_user_header_t header", Ptr "cap_user_data_t dataptr"],
        capset {CREDS}: [Ptr "cap_user_header_t header", Ptr "const cap_user_data_t data"],
        rt_sigpending {SIGNAL}: [Ptr "sigset_t * uset", Size "size_t sigsetsize"],
        rt_sigtimedwait {SIGNAL}: [Ptr "const sigset_t * uthese", Ptr "siginfo_t * uinfo", Ptr "const struct __kernel_timespec * uts", Size "size_t sigsetsize"],
        rt_sigqueueinfo {SIGNAL | PROCESS}: [Pid "pid_t pid", Signal "int sig", Ptr "siginfo_t * uinfo"],
        rt_sigsuspend {SIGNAL}: [Ptr "sigset_t * unewset", Size "size_t sigsetsize"],
        sigaltstack {SIGNAL}: [Ptr "const stack_t * uss", Ptr "stack_t * uoss"],
        utime {FILE}: [Path "char * filename", Ptr "struct utimbuf * times"],
        mknod {FILE}: [Path "const char * filename" @Path(Make), Mode "umode_t mode", Hex "unsigned dev"],
        uselib {FILE} raw: [Hex "const char * library"],
        personality: [Hex "unsigned int personality"],
        ustat raw: [Hex "unsigned dev", Hex "struct ustat * ubuf"],
        statfs {FILE}: [Path "const char * pathname", Ptr "struct statfs * buf"],
        fstatfs {D}: [Fd "unsigned int fd", Ptr "struct statfs * buf"],
        sysfs raw: [Hex "int option", Hex "unsigned long arg1", Hex "unsigned long arg2"],
        getpriority: [Int "int which", Int "int who"],
        setpriority: [Int "int which", Int "int who", Int "int niceval"],
        sched_setparam: [Pid "pid_t pid", Ptr "struct sched_param * param"],
        sched_getparam: [Pid "pid_t pid", Ptr "struct sched_param * param"],
        sched_setscheduler: [Pid "pid_t pid", Int "int policy", Ptr "struct sched_param * param"],
        sched_getscheduler: [Pid "pid_t pid"],
        sched_get_priority_max: [Int "int policy"],
        sched_get_priority_min: [Int "int policy"],
        sched_rr_get_interval: [Pid "pid_t pid", Ptr "struct __kernel_timespec * interval"],
        mlock {MEMORY}: [Ptr "unsigned long start", Size "size_t len"],
        munlock {MEMORY}: [Ptr "unsigned long start", Size "size_t len"],
        mlockall {MEMORY}: [Hex "int flags"],
        munlockall {MEMORY}: [],
        vhangup: [],
        modify_ldt raw: [Hex "int func", Hex "void * ptr", Hex "unsigned long bytecount"],
        pivot_root {FILE}: [Path "const char * new_root", Path "const char * put_old"],
        _sysctl raw: [],
        prctl {CREDS}: [Value(F::Prctl) "int option" +keep(), Hex "unsigned long arg2", Hex "unsigned long arg3", Hex "unsigned long arg4", Hex "unsigned long arg5"],
        arch_prctl: [Hex "int option" +keep(), Ptr "unsigned long arg2"],
        adjtimex {CLOCK}: [Ptr "struct __kernel_timex * txc_p"],
        setrlimit: [Value(F::Rlimit) "unsigned int resource", Ptr "struct rlimit * rlim"],
        chroot {FILE}: [Path "const char * filename"],
        sync: [],
        acct {FILE}: [Path "const char * name"],
        settimeofday {CLOCK}: [Ptr "struct __kernel_old_timeval * tv", Ptr "struct timezone * tz"],
        mount {FILE}: [Path "char * dev_name", Path "char * dir_name", Str "char * type", Hex "unsigned long flags", Str "void * data"],
        umount2 {FILE}: [Path "char * name", Hex "int flags"],
        swapon {FILE}: [Path "const char * specialfile", Hex "int swap_flags"],
        swapoff {FILE}: [Path "const char * specialfile"],
        reboot: [Hex "int magic1", Hex "int magic2", Hex "unsigned int cmd", Ptr "void * arg"],
        sethostname: [Buf(1) "char * name", Size "int len"],
        setdomainname: [Buf(1) "char * name", Size "int len"],
        iopl: [Int "unsigned int level"],
        ioperm: [Hex "unsigned long from", Hex "unsigned long num", Int "int turn_on"],
        create_module raw: [],
        init_module: [Ptr "void * umod", Size "unsigned long len", Str "const char * uargs"],
        delete_module: [Str "const char * name_user", Hex "unsigned int flags"],
        get_kernel_syms raw: [],
        query_module raw: [],
        quotactl {FILE} raw: [Hex "unsigned int cmd", Hex "const char * special", Hex "qid_t id", Hex "void * addr"],
        nfsservctl raw: [],
        getpmsg {NETWORK} raw: [],
        putpmsg {NETWORK} raw: [],
        afs_syscall raw: [],
        tuxcall raw: [],
        security raw: [],
        gettid: [],
        readahead {D}: [Fd "int fd", Long "loff_t offset", Size "size_t count"],
        setxattr {FILE}: [Path "const char * pathname", Str "const char * name", Buf(3) "const void * value", Size "size_t size", Hex "int flags"],
        lsetxattr {FILE}: [Path "const char * pathname", Str "const char * name", Buf(3) "const void * value", Size "size_t size", Hex "int flags"],
        fsetxattr {D}: [Fd "int fd", Str "const char * name", Buf(3) "const void * value", Size "size_t size", Hex "int flags"],
        getxattr {FILE}: [Path "const char * pathname", Str "const char * name", Ptr "void * value", Size "size_t size"],
        lgetxattr {FILE}: [Path "const char * pathname", Str "const char * name", Ptr "void * value", Size "size_t size"],
        fgetxattr {D}: [Fd "int fd", Str "const char * name", Ptr "void * value", Size "size_t size"],
        listxattr {FILE}: [Path "const char * pathname", Ptr "char * list", Size "size_t size"],
        llistxattr {FILE}: [Path "const char * pathname", Ptr "char * list", Size "size_t size"],
        flistxattr {D}: [Fd "int fd", Ptr "char * list", Size "size_t size"],
        removexattr {FILE}: [Path "const char * pathname", Str "const char * name"],
        lremovexattr {FILE}: [Path "const char * pathname", Str "const char * name"],
        fremovexattr {D}: [Fd "int fd", Str "const char * name"],
        tkill {SIGNAL | PROCESS}: [Pid "pid_t pid", Signal "int sig"],
        time {CLOCK}: [Ptr "__kernel_old_time_t * tloc"],
        futex: [Ptr "u32 * uaddr", Hex "int op" +keep(), Int "u32 val", Ptr "const struct __kernel_timespec * utime", Ptr "u32 * uaddr2", Hex "u32 val3"],
        sched_setaffinity: [Pid "pid_t pid", Uint "unsigned int len", Ptr "unsigned long * user_mask_ptr"],
        sched_getaffinity: [Pid "pid_t pid", Uint "unsigned int len", Ptr "unsigned long * user_mask_ptr"],
        set_thread_area raw: [],
        io_setup {MEMORY}: [Uint "unsigned nr_events", Ptr "aio_context_t * ctxp"],
        io_destroy {MEMORY}: [Hex "aio_context_t ctx"],
        io_getevents: [Hex "aio_context_t ctx_id", Long "long min_nr", Long "long nr", Ptr "struct io_event * events", Ptr "struct __kernel_timespec * timeout"],
        io_submit: [Hex "aio_context_t ctx_id", Long "long nr", Ptr "struct iocb * * iocbpp"],
        io_cancel: [Hex "aio_context_t ctx_id", Ptr "struct iocb * iocb", Ptr "struct io_event * result"],
        get_thread_area raw: [],
        lookup_dcookie raw: [],
        epoll_create {D}: [Int "int size"],
        epoll_ctl_old raw: [],
        epoll_wait_old raw: [],
        remap_file_pages {MEMORY} raw: [Hex "unsigned long start", Hex "unsigned long size", Hex "unsigned long prot", Hex "unsigned long pgoff", Hex "unsigned long flags"],
        getdents64 {D}: [Fd "unsigned int fd", Ptr "struct linux_dirent64 * dirent", Uint "unsigned int count"],
        set_tid_address: [Ptr "int * tidptr"],
        restart_syscall: [],
        semtimedop {IPC}: [Int "int semid", Ptr "struct sembuf * tsops", Uint "unsigned int nsops", Ptr "const struct __kernel_timespec * timeout"],
        fadvise64 {D}: [Fd "int fd", Long "loff_t offset", Long "size_t len", Int "int advice"],
        timer_create: [Value(F::ClockId) "const clockid_t which_clock", Ptr "struct sigevent * timer_event_spec", Ptr "timer_t * created_timer_id"],
        timer_settime: [Int "timer_t timer_id", Hex "int flags", Ptr "const struct __kernel_itimerspec * new_setting", Ptr "struct __kernel_itimerspec * old_setting"],
        timer_gettime: [Int "timer_t timer_id", Ptr "struct __kernel_itimerspec * setting"],
        timer_getoverrun: [Int "timer_t timer_id"],
        timer_delete: [Int "timer_t timer_id"],
        clock_settime {CLOCK}: [Value(F::ClockId) "const clockid_t which_clock", Ptr "const struct __kernel_timespec * tp"],
        clock_gettime {CLOCK}: [Value(F::ClockId) "const clockid_t which_clock", Ptr "struct __kernel_timespec * tp"],
        clock_getres {CLOCK}: [Value(F::ClockId) "const clockid_t which_clock", Ptr "struct __kernel_timespec * tp"],
        clock_nanosleep: [Value(F::ClockId) "const clockid_t which_clock", Hex "int flags", Ptr "const struct __kernel_timespec * rqtp", Ptr "struct __kernel_timespec * rmtp"],
        exit_group {PROCESS}: [Int "int error_code"],
        epoll_wait {D}: [Fd "int epfd", Ptr "struct epoll_event * events", Int "int maxevents", Int "int timeout"],
        epoll_ctl {D}: [Fd "int epfd", Int "int op", Fd "int fd", Ptr "struct epoll_event * event"],
        tgkill {SIGNAL | PROCESS}: [Pid "pid_t tgid", Pid "pid_t pid", Signal "int sig"],
        utimes {FILE}: [Path "char * filename", Ptr "struct __kernel_old_timeval * utimes"],
        vserver raw: [],
        mbind {MEMORY} raw: [Hex "unsigned long start", Hex "unsigned long len", Hex "unsigned long mode", Hex "const unsigned long * nmask", Hex "unsigned long maxnode", Hex "unsigned int flags"],
        set_mempolicy {MEMORY} raw: [Hex "int mode", Hex "const unsigned long * nmask", Hex "unsigned long maxnode"],
        get_mempolicy {MEMORY} raw: [Hex "int * policy", Hex "unsigned long * nmask", Hex "unsigned long maxnode", Hex "unsigned long addr", Hex "unsigned long flags"],
        mq_open {D}: [Str "const char * u_name", Flags(F::OpenFlag) "int oflag", Mode "umode_t mode", Ptr "struct mq_attr * u_attr"],
        mq_unlink: [Str "const char * u_name"],
        mq_timedsend {D} raw: [Hex "mqd_t mqdes", Hex "const char * u_msg_ptr", Hex "size_t msg_len", Hex "unsigned int msg_prio", Hex "const struct __kernel_timespec * u_abs_timeout"],
        mq_timedreceive {D} raw: [Hex "mqd_t mqdes", Hex "char * u_msg_ptr", Hex "size_t msg_len", Hex "unsigned int * u_msg_prio", Hex "const struct __kernel_timespec * u_abs_timeout"],
        mq_notify {D} raw: [Hex "mqd_t mqdes", Hex "const struct sigevent * u_notification"],
        mq_getsetattr {D} raw: [Hex "mqd_t mqdes", Hex "const struct mq_attr * u_mqstat", Hex "struct mq_attr * u_omqstat"],
        kexec_load raw: [Hex "unsigned long entry", Hex "unsigned long nr_segments", Hex "struct kexec_segment * segments", Hex "unsigned long flags"],
        waitid {PROCESS}: [Int "int which", Pid "pid_t upid", Ptr "struct siginfo * infop", Hex "int options", Ptr "struct rusage * ru"],
        add_key: [Str "const char * _type", Str "const char * _description", Ptr "const void * _payload", Size "size_t plen", Int "key_serial_t ringid"],
        request_key: [Str "const char * _type", Str "const char * _description", Str "const char * _callout_info", Int "key_serial_t destringid"],
        keyctl: [Int "int option", Hex "unsigned long arg2", Hex "unsigned long arg3", Hex "unsigned long arg4", Hex "unsigned long arg5"],
        ioprio_set: [Int "int which", Int "int who", Hex "int ioprio"],
        ioprio_get: [Int "int which", Int "int who"],
        inotify_init {D}: [],
        inotify_add_watch {DF}: [Fd "int fd", Path "const char * pathname", Hex "u32 mask"],
        inotify_rm_watch {D}: [Fd "int fd", Int "__s32 wd"],
        migrate_pages {MEMORY}: [Pid "pid_t pid", Uint "unsigned long maxnode", Ptr "const unsigned long * old_nodes", Ptr "const unsigned long * new_nodes"],
        openat {DF}: [DirFd "int dfd", Path "const char * filename" @Path(Open), Flags(F::OpenFlag) "int flags" @OpenFlags +keep(), Mode "umode_t mode"],
        mkdirat {DF}: [DirFd "int dfd", Path "const char * pathname" @Path(MakeDir), Mode "umode_t mode"],
        mknodat {DF}: [DirFd "int dfd", Path "const char * filename" @Path(Make), Mode "umode_t mode", Hex "unsigned int dev"],
        fchownat {DF}: [DirFd "int dfd", Path "const char * filename", Int "uid_t user", Int "gid_t group", Flags(F::AtFlag) "int flag"],
        futimesat {DF}: [DirFd "int dfd", Path "const char * filename", Ptr "struct __kernel_old_timeval * utimes"],
        newfstatat {DF | STAT}: [DirFd "int dfd", Path "const char * filename", Ptr "struct stat * statbuf", Flags(F::AtFlag) "int flag"],
        unlinkat {DF}: [DirFd "int dfd", Path "const char * pathname" @Path(Remove), Flags(F::AtFlag) "int flag"],
        renameat {DF}: [DirFd "int olddfd", Path "const char * oldname" @Path(Remove), DirFd "int newdfd", Path "const char * newname" @Path(Replace)],
        linkat {DF}: [DirFd "int olddfd", Path "const char * oldname" @Path(Remove), DirFd "int newdfd", Path "const char * newname" @Path(Make), Flags(F::AtFlag) "int flags"],
        symlinkat {DF}: [Path "const char * oldname", DirFd "int newdfd", Path "const char * newname" @Path(Make)],
        readlinkat {DF}: [DirFd "int dfd", Path "const char * pathname", Ptr "char * buf", Size "int bufsiz"],
        fchmodat {DF}: [DirFd "int dfd", Path "const char * filename", Mode "umode_t mode"],
        faccessat {DF}: [DirFd "int dfd", Path "const char * filename", Flags(F::Access) "int mode"],
        pselect6 {D}: [Int "int n", Ptr "fd_set * inp", Ptr "fd_set * outp", Ptr "fd_set * exp", Ptr "struct __kernel_timespec * tsp", Ptr "void * sig"],
        ppoll {D}: [Ptr "struct pollfd * ufds", Uint "unsigned int nfds", Ptr "struct __kernel_timespec * tsp", Ptr "const sigset_t * sigmask", Size "size_t sigsetsize"],
        unshare: [Hex "unsigned long unshare_flags"],
        set_robust_list: [Ptr "struct robust_list_head * head", Size "size_t len"],
        get_robust_list: [Pid "int pid", Ptr "struct robust_list_head * * head_ptr", Ptr "size_t * len_ptr"],
        splice {D}: [Fd "int fd_in", Ptr "loff_t * off_in", Fd "int fd_out", Ptr "loff_t * off_out", Size "size_t len", Hex "unsigned int flags"],
        tee {D}: [Fd "int fdin", Fd "int fdout", Size "size_t len", Hex "unsigned int flags"],
        sync_file_range {D}: [Fd "int fd", Long "loff_t offset", Long "loff_t nbytes", Hex "unsigned int flags"],
        vmsplice {D}: [Fd "int fd", Ptr "const struct iovec * uiov", Uint "unsigned long nr_segs", Hex "unsigned int flags"],
        move_pages {MEMORY}: [Pid "pid_t pid", Uint "unsigned long nr_pages", Ptr "const void * * pages", Ptr "const int * nodes", Ptr "int * status", Hex "int flags"],
        utimensat {DF}: [DirFd "int dfd", Path "const char * filename", Ptr "struct __kernel_timespec * utimes", Flags(F::AtFlag) "int flags"],
        epoll_pwait {D}: [Fd "int epfd", Ptr "struct epoll_event * events", Int "int maxevents", Int "int timeout", Ptr "const sigset_t * sigmask", Size "size_t sigsetsize"],
        signalfd {D | SIGNAL}: [Fd "int ufd", Ptr "sigset_t * user_mask", Size "size_t sizemask"],
        timerfd_create {D}: [Value(F::ClockId) "int clockid", Hex "int flags"],
        eventfd {D}: [Uint "unsigned int count"],
        fallocate {D}: [Fd "int fd", Hex "int mode", Long "loff_t offset", Long "loff_t len"],
        timerfd_settime {D}: [Fd "int ufd", Hex "int flags", Ptr "const struct __kernel_itimerspec * utmr", Ptr "struct __kernel_itimerspec * otmr"],
        timerfd_gettime {D}: [Fd "int ufd", Ptr "struct __kernel_itimerspec * otmr"],
        accept4 {NETWORK}: [Fd "int fd", Ptr "struct sockaddr * upeer_sockaddr", Ptr "int * upeer_addrlen", Flags(F::SocketType) "int flags"],
        signalfd4 {D | SIGNAL}: [Fd "int ufd", Ptr "sigset_t * user_mask", Size "size_t sizemask", Hex "int flags"],
        eventfd2 {D}: [Uint "unsigned int count", Hex "int flags"],
        epoll_create1 {D}: [Hex "int flags"],
        dup3 {D}: [Fd "unsigned int oldfd", Fd "unsigned int newfd", Hex "int flags"],
        pipe2 {D}: [Ptr "int * fildes", Hex "int flags"],
        inotify_init1 {D}: [Hex "int flags"],
        preadv {D}: [Fd "unsigned long fd" +narrowed("fd: do_preadv passes it to fdget (an int)"), Ptr "const struct iovec * vec", Uint "unsigned long vlen", Long "unsigned long pos_l", Ignore "unsigned long pos_h"],
        pwritev {D}: [Fd "unsigned long fd" +narrowed("fd: do_pwritev passes it to fdget (an int)"), Ptr "const struct iovec * vec", Uint "unsigned long vlen", Long "unsigned long pos_l", Ignore "unsigned long pos_h"],
        rt_tgsigqueueinfo {PROCESS | SIGNAL}: [Pid "pid_t tgid", Pid "pid_t pid", Signal "int sig", Ptr "siginfo_t * uinfo"],
        perf_event_open {D}: [Ptr "struct perf_event_attr * attr_uptr", Pid "pid_t pid", Int "int cpu", Fd "int group_fd", Hex "unsigned long flags"],
        recvmmsg {NETWORK}: [Fd "int fd", Ptr "struct mmsghdr * mmsg", Uint "unsigned int vlen", Flags(F::MsgFlag) "unsigned int flags", Ptr "struct __kernel_timespec * timeout"],
        fanotify_init {D}: [Hex "unsigned int flags", Flags(F::OpenFlag) "unsigned int event_f_flags"],
        fanotify_mark {DF}: [Fd "int fanotify_fd", Hex "unsigned int flags", Hex "__u64 mask", DirFd "int dfd", Path "const char * pathname"],
        prlimit64: [Pid "pid_t pid", Value(F::Rlimit) "unsigned int resource", Ptr "const struct rlimit64 * new_rlim", Ptr "struct rlimit64 * old_rlim"],
        name_to_handle_at {DF}: [DirFd "int dfd", Path "const char * name", Ptr "struct file_handle * handle", Ptr "void * mnt_id", Flags(F::AtFlag) "int flag"],
        open_by_handle_at {D}: [Fd "int mountdirfd", Ptr "struct file_handle * handle", Flags(F::OpenFlag) "int flags"],
        clock_adjtime {CLOCK}: [Value(F::ClockId) "const clockid_t which_clock", Ptr "struct __kernel_timex * utx"],
        syncfs {D}: [Fd "int fd"],
        sendmmsg {NETWORK}: [Fd "int fd", Ptr "struct mmsghdr * mmsg", Uint "unsigned int vlen", Flags(F::MsgFlag) "unsigned int flags"],
        setns {D}: [Fd "int fd", Hex "int flags"],
        getcpu: [Ptr "unsigned * cpup", Ptr "unsigned * nodep", Ptr "struct getcpu_cache * unused"],
        process_vm_readv: [Pid "pid_t pid", Ptr "const struct iovec * lvec", Uint "unsigned long liovcnt", Ptr "const struct iovec * rvec", Uint "unsigned long riovcnt", Uint "unsigned long flags"],
        process_vm_writev: [Pid "pid_t pid", Ptr "const struct iovec * lvec", Uint "unsigned long liovcnt", Ptr "const struct iovec * rvec", Uint "unsigned long riovcnt", Uint "unsigned long flags"],
        kcmp: [Pid "pid_t pid1", Pid "pid_t pid2", Int "int type", Hex "unsigned long idx1", Hex "unsigned long idx2"],
        finit_module {D}: [Fd "int fd", Str "const char * uargs", Hex "int flags"],
        sched_setattr: [Pid "pid_t pid", Ptr "struct sched_attr * uattr", Uint "unsigned int flags"],
        sched_getattr: [Pid "pid_t pid", Ptr "struct sched_attr * uattr", Uint "unsigned int usize", Uint "unsigned int flags"],
        renameat2 {DF}: [DirFd "int olddfd", Path "const char * oldname" @Path(Remove), DirFd "int newdfd", Path "const char * newname" @Path(Replace), Hex "unsigned int flags"],
        seccomp: [Value(F::SeccompOp) "unsigned int op", Hex "unsigned int flags", Ptr "void * uargs"],
        getrandom: [Ptr "char * ubuf", Size "size_t len", Hex "unsigned int flags"],
        memfd_create {D}: [Str "const char * uname", Hex "unsigned int flags"],
        kexec_file_load {D} raw: [Hex "int kernel_fd", Hex "int initrd_fd", Hex "unsigned long cmdline_len", Hex "const char * cmdline_ptr", Hex "unsigned long flags"],
        bpf {D}: [Int "int cmd", Ptr "union bpf_attr * uattr", Uint "unsigned int size"],
        execveat {DF | PROCESS}: [DirFd "int fd", Path "const char * filename" @Path(Exec), StrArray "const char *const * argv", Ptr "const char *const * envp", Flags(F::AtFlag) "int flags"],
        userfaultfd {D}: [Hex "int flags"],
        membarrier: [Int "int cmd", Uint "unsigned int flags", Int "int cpu_id"],
        mlock2 {MEMORY}: [Ptr "unsigned long start", Size "size_t len", Hex "int flags"],
        copy_file_range {D}: [Fd "int fd_in", Ptr "loff_t * off_in", Fd "int fd_out", Ptr "loff_t * off_out", Size "size_t len", Uint "unsigned int flags"],
        preadv2 {D}: [Fd "unsigned long fd" +narrowed("fd: do_preadv passes it to fdget (an int)"), Ptr "const struct iovec * vec", Uint "unsigned long vlen", Long "unsigned long pos_l", Ignore "unsigned long pos_h", Hex "rwf_t flags"],
        pwritev2 {D}: [Fd "unsigned long fd" +narrowed("fd: do_pwritev passes it to fdget (an int)"), Ptr "const struct iovec * vec", Uint "unsigned long vlen", Long "unsigned long pos_l", Ignore "unsigned long pos_h", Hex "rwf_t flags"],
        pkey_mprotect {MEMORY}: [Ptr "unsigned long start", Size "size_t len", Flags(F::Prot) "unsigned long prot" +keep(), Int "int pkey"],
        pkey_alloc: [Uint "unsigned long flags", Hex "unsigned long init_val"],
        pkey_free: [Int "int pkey"],
        statx {DF | STAT}: [DirFd "int dfd", Path "const char * filename", Flags(F::AtFlag) "unsigned flags", Hex "unsigned int mask", Ptr "struct statx * buffer"],
        io_pgetevents raw: [Hex "aio_context_t ctx_id", Hex "long min_nr", Hex "long nr", Hex "struct io_event * events", Hex "struct __kernel_timespec * timeout", Hex "const struct __aio_sigset * usig"],
        rseq: [Ptr "struct rseq * rseq", Hex "u32 rseq_len", Int "int flags", Hex "u32 sig"],
        uretprobe raw: [],
        uprobe raw: [],
        pidfd_send_signal {D | SIGNAL | PROCESS}: [Fd "int pidfd", Signal "int sig", Ptr "siginfo_t * info", Uint "unsigned int flags"],
        io_uring_setup {D}: [Uint "u32 entries", Ptr "struct io_uring_params * params"],
        io_uring_enter {D | SIGNAL}: [Fd "unsigned int fd", Uint "u32 to_submit", Uint "u32 min_complete", Hex "u32 flags", Ptr "const void * argp", Size "size_t argsz"],
        io_uring_register {D | MEMORY}: [Fd "unsigned int fd", Uint "unsigned int opcode", Ptr "void * arg", Uint "unsigned int nr_args"],
        open_tree {DF}: [DirFd "int dfd", Path "const char * filename", Hex "unsigned flags"],
        move_mount {DF}: [DirFd "int from_dfd", Path "const char * from_pathname", DirFd "int to_dfd", Path "const char * to_pathname", Hex "unsigned int flags"],
        fsopen {D}: [Str "const char * _fs_name", Hex "unsigned int flags"],
        fsconfig {DF}: [Fd "int fd", Uint "unsigned int cmd", Str "const char * _key", Ptr "const void * _value", Int "int aux"],
        fsmount {D}: [Fd "int fs_fd", Hex "unsigned int flags", Hex "unsigned int attr_flags"],
        fspick {DF}: [DirFd "int dfd", Path "const char * path", Hex "unsigned int flags"],
        pidfd_open {D}: [Pid "pid_t pid", Hex "unsigned int flags"],
        clone3 {PROCESS}: [Ptr "struct clone_args * uargs", Size "size_t size"],
        close_range {D}: [Uint "unsigned int fd", Uint "unsigned int max_fd", Hex "unsigned int flags"],
        openat2 {DF}: [DirFd "int dfd", Path "const char * filename" @Path(Open), Ptr "struct open_how * how" @OpenHow, Size "size_t usize"],
        pidfd_getfd {D}: [Fd "int pidfd", Fd "int fd", Uint "unsigned int flags"],
        faccessat2 {DF}: [DirFd "int dfd", Path "const char * filename", Flags(F::Access) "int mode", Hex "int flags"],
        process_madvise {D}: [Fd "int pidfd", Ptr "const struct iovec * vec", Size "size_t vlen", Value(F::Madvise) "int behavior", Uint "unsigned int flags"],
        epoll_pwait2 {D}: [Fd "int epfd", Ptr "struct epoll_event * events", Int "int maxevents", Ptr "const struct __kernel_timespec * timeout", Ptr "const sigset_t * sigmask", Size "size_t sigsetsize"],
        mount_setattr {DF}: [DirFd "int dfd", Path "const char * path", Flags(F::AtFlag) "unsigned int flags", Ptr "struct mount_attr * uattr", Size "size_t usize"],
        quotactl_fd {D} raw: [Hex "unsigned int fd", Hex "unsigned int cmd", Hex "qid_t id", Hex "void * addr"],
        landlock_create_ruleset {D}: [Ptr "const struct landlock_ruleset_attr *const attr", Size "const size_t size", Hex "const __u32 flags"],
        landlock_add_rule {D}: [Fd "const int ruleset_fd", Int "const enum landlock_rule_type rule_type", Ptr "const void *const rule_attr", Uint "const __u32 flags"],
        landlock_restrict_self {D}: [Fd "const int ruleset_fd", Hex "const __u32 flags"],
        memfd_secret {D}: [Hex "unsigned int flags"],
        process_mrelease {D}: [Fd "int pidfd", Uint "unsigned int flags"],
        futex_waitv raw: [Hex "struct futex_waitv * waiters", Hex "unsigned int nr_futexes", Hex "unsigned int flags", Hex "struct __kernel_timespec * timeout", Hex "clockid_t clockid"],
        set_mempolicy_home_node {MEMORY} raw: [Hex "unsigned long start", Hex "unsigned long len", Hex "unsigned long home_node", Hex "unsigned long flags"],
        cachestat {D} raw: [Hex "unsigned int fd", Hex "struct cachestat_range * cstat_range", Hex "struct cachestat * cstat", Hex "unsigned int flags"],
        fchmodat2 {DF}: [DirFd "int dfd", Path "const char * filename", Mode "umode_t mode", Flags(F::AtFlag) "unsigned int flags"],
        map_shadow_stack {MEMORY} raw: [Hex "unsigned long addr", Hex "unsigned long size", Hex "unsigned int flags"],
        futex_wake raw: [Hex "void * uaddr", Hex "unsigned long mask", Hex "int nr", Hex "unsigned int flags"],
        futex_wait raw: [Hex "void * uaddr", Hex "unsigned long val", Hex "unsigned long mask", Hex "unsigned int flags", Hex "struct __kernel_timespec * timeout", Hex "clockid_t clockid"],
        futex_requeue raw: [Hex "struct futex_waitv * waiters", Hex "unsigned int flags", Hex "int nr_wake", Hex "int nr_requeue"],
        statmount raw: [Hex "const struct mnt_id_req * req", Hex "struct statmount * buf", Hex "size_t bufsize", Hex "unsigned int flags"],
        listmount raw: [Hex "const struct mnt_id_req * req", Hex "u64 * mnt_ids", Hex "size_t nr_mnt_ids", Hex "unsigned int flags"],
        lsm_get_self_attr raw: [Hex "unsigned int attr", Hex "struct lsm_ctx * ctx", Hex "u32 * size", Hex "u32 flags"],
        lsm_set_self_attr raw: [Hex "unsigned int attr", Hex "struct lsm_ctx * ctx", Hex "u32 size", Hex "u32 flags"],
        lsm_list_modules raw: [Hex "u64 * ids", Hex "u32 * size", Hex "u32 flags"],
        mseal {MEMORY}: [Ptr "unsigned long start", Size "size_t len", Hex "unsigned long flags"],
        setxattrat {DF} raw: [Hex "int dfd", Hex "const char * pathname", Hex "unsigned int at_flags", Hex "const char * name", Hex "const struct xattr_args * uargs", Hex "size_t usize"],
        getxattrat {DF} raw: [Hex "int dfd", Hex "const char * pathname", Hex "unsigned int at_flags", Hex "const char * name", Hex "struct xattr_args * uargs", Hex "size_t usize"],
        listxattrat {DF} raw: [Hex "int dfd", Hex "const char * pathname", Hex "unsigned int at_flags", Hex "char * list", Hex "size_t size"],
        removexattrat {DF} raw: [Hex "int dfd", Hex "const char * pathname", Hex "unsigned int at_flags", Hex "const char * name"],
        open_tree_attr {DF} raw: [Hex "int dfd", Hex "const char * filename", Hex "unsigned flags", Hex "struct mount_attr * uattr", Hex "size_t usize"],
        file_getattr {DF} raw: [Hex "int dfd", Hex "const char * filename", Hex "struct file_attr * ufattr", Hex "size_t usize", Hex "unsigned int at_flags"],
        file_setattr {DF} raw: [Hex "int dfd", Hex "const char * filename", Hex "struct file_attr * ufattr", Hex "size_t usize", Hex "unsigned int at_flags"],
    }
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::syscalls;

    #[test]
    fn the_table_covers_every_syscall_once_in_number_order() {
        let listed: Vec<Sysno> = TABLE.iter().map(|e| e.sysno).collect();
        let all: Vec<Sysno> = syscalls::all().collect();
        assert_eq!(listed, all, "TABLE must list every syscall, in order");
        for e in TABLE {
            assert!(
                e.params.len() <= 6,
                "{} takes at most 6 arguments",
                e.name()
            );
            assert_eq!(entry(e.sysno.id() as u32), Some(e));
            for p in e.params {
                if let Arg::Buf(n) | Arg::SockAddr(n) = p.kind {
                    assert!(usize::from(n) < e.params.len(), "{}", e.name());
                }
            }
        }
    }

    /// Every width comes from a C type the lists know; a narrowed argument is declared 64-bit.
    #[test]
    fn every_width_derives_from_the_c_type() {
        for e in TABLE {
            for (i, p) in e.params.iter().enumerate() {
                let declared = ctype_width(p.ctype()).unwrap_or_else(|| {
                    panic!("{} arg{i}: unknown C type {:?}", e.name(), p.ctype())
                });
                assert!(
                    !p.name().is_empty(),
                    "{} arg{i}: {:?} has no name",
                    e.name(),
                    p.decl
                );
                match p.narrowed {
                    Some(why) => {
                        assert_eq!(declared, Width::Qword, "{} arg{i} ({why})", e.name());
                        assert_eq!(p.width(), Width::Dword);
                    }
                    None => assert_eq!(p.width(), declared, "{} arg{i}", e.name()),
                }
            }
        }
        assert_eq!(ctype_width("int"), Some(Width::Dword));
        assert_eq!(ctype_width("const char *"), Some(Width::Qword));
        assert_eq!(ctype_width("enum landlock_rule_type"), Some(Width::Dword));
        assert_eq!(ctype_width("struct stat"), None);
    }

    /// The kinds that show only the low 32 bits (`Int`, `Fd`, `Pid`, `DirFd`, `Signal`,
    /// `Mode`) are only on arguments the kernel reads as 32 bits, pointer kinds only on 64-bit
    /// arguments.
    #[test]
    fn kinds_agree_with_the_widths() {
        for e in TABLE.iter().filter(|e| e.shown) {
            for (i, p) in e.params.iter().enumerate() {
                match p.kind {
                    Arg::Int | Arg::Fd | Arg::Pid | Arg::DirFd | Arg::Signal | Arg::Mode => {
                        assert_eq!(
                            p.width(),
                            Width::Dword,
                            "{} arg{i} is shown as {:?} (low 32 bits) but the kernel reads 64",
                            e.name(),
                            p.kind
                        );
                    }
                    Arg::Ptr
                    | Arg::Path
                    | Arg::Str
                    | Arg::Buf(_)
                    | Arg::SockAddr(_)
                    | Arg::StrArray => {
                        assert_eq!(p.width(), Width::Qword, "{} arg{i} {:?}", e.name(), p.kind);
                    }
                    _ => {}
                }
            }
        }
    }

    /// Roles sit on arguments of the right kind, and each call's open flags go with an opened
    /// path.
    #[test]
    fn roles_fit_their_arguments() {
        for e in TABLE {
            let opens = e.params.iter().any(|p| p.role == Role::Path(PathUse::Open));
            for (i, p) in e.params.iter().enumerate() {
                match p.role {
                    Role::None => {}
                    Role::Path(_) => assert_eq!(p.kind, Arg::Path, "{} arg{i}", e.name()),
                    Role::OpenFlags => {
                        assert!(opens, "{}", e.name());
                        assert_eq!(p.kind, Arg::Flags(F::OpenFlag), "{} arg{i}", e.name());
                    }
                    Role::OpenHow => assert!(opens && p.kind == Arg::Ptr, "{}", e.name()),
                    Role::Bind => assert!(matches!(p.kind, Arg::SockAddr(_)), "{}", e.name()),
                }
            }
            if opens {
                let flags = e
                    .params
                    .iter()
                    .filter(|p| matches!(p.role, Role::OpenFlags | Role::OpenHow))
                    .count();
                assert_eq!(flags, 1, "{}: one source of open flags", e.name());
            }
        }
    }
}
