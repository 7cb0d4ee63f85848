//! The code that runs in the forked child between `fork` and `execve`.
//!
//! Everything here is async-signal-safe: raw system calls on memory prepared by the parent,
//! no allocation, no locks, no Rust I/O. The order is fixed (DESIGN.md): signal state, new
//! session, parent-death signal, niceness, resource limits, descriptor normalisation, the
//! root directory (`-c`), capability bounding set, user and group (`-u`/`-g`),
//! no_new_privs, Landlock, `RLIMIT_NOFILE`, seccomp last, `execveat`.
//! A failure is stored in the [`Shared`] page (a plain memory write, so it works even after
//! the filter is in place) and the child exits with `SYS_exit`; the parent reads it and says
//! what went wrong. The filter's user-notification listener is created here too and handed
//! to the supervisor over a socket pair before `execve` (see [`super::handoff`]): the child
//! never waits for the supervisor, except in the kernel, in an `execve` the filter reports.

use std::ffi::CString;
use std::os::raw::{c_char, c_int};
use std::sync::atomic::{AtomicI32, AtomicU32, Ordering};

use crate::compile::bpf::sock_filter;
use crate::compile::landlock::ChildRule;
use crate::policy::limits::Rlimit;

/// Where in the child's set-up something failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum Stage {
    /// `setsid`.
    Setsid = 1,
    /// `setrlimit` (detail: the resource).
    Rlimit = 2,
    /// Reopening 0/1/2 or marking descriptors close-on-exec.
    Fds = 3,
    /// Dropping the capability bounding set.
    Caps = 4,
    /// `PR_SET_NO_NEW_PRIVS`.
    NoNewPrivs = 5,
    /// `landlock_restrict_self`.
    Landlock = 6,
    /// Installing the seccomp filter.
    Seccomp = 7,
    /// `execve`.
    Exec = 8,
    /// The parent died before the child was ready.
    ParentGone = 9,
    /// Dropping privileges: `setgroups`, `setresgid`, `setresuid` (detail: which, 1–3).
    Ids = 10,
    /// Handing the filter's listener to the supervisor (`sendmsg`).
    Handoff = 11,
    /// `-c DIR`: `fchdir` and `chroot`.
    Chroot = 12,
}

impl Stage {
    /// Decodes a stage number from the error pipe.
    pub fn from_u32(v: u32) -> Option<Stage> {
        Some(match v {
            1 => Stage::Setsid,
            2 => Stage::Rlimit,
            3 => Stage::Fds,
            4 => Stage::Caps,
            5 => Stage::NoNewPrivs,
            6 => Stage::Landlock,
            7 => Stage::Seccomp,
            8 => Stage::Exec,
            9 => Stage::ParentGone,
            10 => Stage::Ids,
            11 => Stage::Handoff,
            12 => Stage::Chroot,
            _ => return None,
        })
    }

    /// What the stage does, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Stage::Setsid => "starting a new session",
            Stage::Rlimit => "setting a resource limit",
            Stage::Fds => "normalising file descriptors",
            Stage::Caps => "dropping the capability bounding set",
            Stage::NoNewPrivs => "setting no_new_privs",
            Stage::Landlock => "enforcing the Landlock ruleset",
            Stage::Seccomp => "installing the seccomp filter",
            Stage::Exec => "executing the program",
            Stage::ParentGone => "waiting for the supervisor",
            Stage::Ids => "dropping privileges (-u/-g: setgroups, setgid, setuid)",
            Stage::Handoff => "handing the filter's listener to the supervisor",
            Stage::Chroot => "changing the root directory (-c)",
        }
    }
}

/// A failure of the child's set-up: stage, errno, detail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ChildError {
    /// The failing step.
    pub stage: Stage,
    /// errno of the failing call.
    pub errno: i32,
    /// Extra data (the rlimit resource for [`Stage::Rlimit`]).
    pub detail: u32,
}

/// The page the child and the parent share (`MAP_SHARED` before `fork`). The child writes
/// with plain atomic stores, which need no system call; after `execve` the program no longer
/// has this mapping.
#[repr(C)]
pub(crate) struct Shared {
    /// A [`Stage`] number when the set-up failed, else 0.
    pub stage: AtomicU32,
    /// errno of the failure.
    pub errno: AtomicI32,
    /// Detail of the failure.
    pub detail: AtomicU32,
}

impl Shared {
    /// The failure recorded by the child, if any.
    pub(crate) fn error(&self) -> Option<ChildError> {
        let stage = Stage::from_u32(self.stage.load(Ordering::Acquire))?;
        Some(ChildError {
            stage,
            errno: self.errno.load(Ordering::Relaxed),
            detail: self.detail.load(Ordering::Relaxed),
        })
    }
}

/// Everything the child needs, prepared by the parent before `fork`.
pub(crate) struct ChildPlan {
    /// The inspected program (or the interpreter of a script), opened close-on-exec: it is
    /// executed with `execveat(fd, "", …, AT_EMPTY_PATH)`, so the file that runs is the file
    /// that was inspected.
    pub exec_fd: c_int,
    /// "" for `execveat`.
    pub empty: CString,
    /// Run by this path instead (a system program nobody but root can change).
    pub exec_path: Option<CString>,
    /// argv as given (owned here so the pointers stay valid).
    pub argv_storage: Vec<CString>,
    /// envp storage.
    pub envp_storage: Vec<CString>,
    /// NULL-terminated pointer arrays into the storages.
    pub argv: Vec<*const c_char>,
    /// NULL-terminated pointer arrays into the storages.
    pub envp: Vec<*const c_char>,
    /// The filter (the child patches its pid in).
    pub filter: Vec<sock_filter>,
    /// Where the pid goes.
    pub pid_slots: Vec<usize>,
    /// `seccomp(2)` filter flags.
    pub filter_flags: u32,
    /// Limits to apply before Landlock (everything but NOFILE).
    pub rlimits: Vec<Rlimit>,
    /// `RLIMIT_NOFILE`, applied after Landlock opened its paths.
    pub nofile: Option<Rlimit>,
    /// The Landlock ruleset fd, or -1.
    pub ruleset_fd: c_int,
    /// `landlock_restrict_self` flags (logging after execve, when the supervisor reads the
    /// kernel's audit records).
    pub restrict_flags: c_int,
    /// Landlock rules for `/proc/self/...`.
    pub child_rules: Vec<ChildRule>,
    /// `-n`.
    pub nice: bool,
    /// `-N`.
    pub keep_fds: bool,
    /// Reopen stdin on /dev/null (a batch's program: the commands are on our stdin).
    pub null_stdin: bool,
    /// `-D`.
    pub keep_caps: bool,
    /// `-u UID`: the user the program runs as (set with `setresuid`, after the group).
    pub uid: Option<u32>,
    /// `-g GID`: the group the program runs as (`setresgid`). With `-u` or `-g` the
    /// supplementary groups are cleared.
    pub gid: Option<u32>,
    /// The page shared with the parent.
    pub shared: *const Shared,
    /// The child's end of the hand-off socket pair (close-on-exec).
    pub handoff_sock: c_int,
    /// The hand-off message, built before the fork.
    pub message: Box<super::handoff::Message>,
    /// The filter added after the hand-off ([`super::handoff::closing_filter`]).
    pub closing: Vec<sock_filter>,
    /// `-c DIR`: the directory to chroot into (an `O_PATH` descriptor), or -1.
    pub root_fd: c_int,
    /// Read end of a pipe the child waits on (blocked in `read`) before its filter, or -1:
    /// the supervisor writes once the child is in the sandbox's control group.
    pub go_fd: c_int,
    /// Descriptors that must reach the program across `execve` (the narrowing library and
    /// its filter), whatever `-N` says.
    pub pass_fds: Vec<c_int>,
    /// The supervisor's pid, to detect its death before PDEATHSIG was armed.
    pub parent_pid: libc::pid_t,
    /// "/dev/null".
    pub dev_null: CString,
}

impl ChildPlan {
    /// Builds the pointer arrays once the storages are final.
    pub(crate) fn finish_pointers(&mut self) {
        self.argv = self.argv_storage.iter().map(|s| s.as_ptr()).collect();
        self.argv.push(std::ptr::null());
        self.envp = self.envp_storage.iter().map(|s| s.as_ptr()).collect();
        self.envp.push(std::ptr::null());
    }

    /// The arguments of the child's `execveat` (valid after [`ChildPlan::finish_pointers`];
    /// the pointers stay valid in the forked child): the child makes this very call, and the
    /// launcher asks the filter's plan how it is decided. No allocation (the child calls it).
    pub(crate) fn exec_args(&self) -> [u64; 6] {
        let (fd, path, flags) = match &self.exec_path {
            Some(path) => (libc::AT_FDCWD, path.as_ptr(), 0),
            None => (self.exec_fd, self.empty.as_ptr(), libc::AT_EMPTY_PATH),
        };
        [
            fd as u32 as u64,
            path as u64,
            self.argv.as_ptr() as u64,
            self.envp.as_ptr() as u64,
            flags as u32 as u64,
            0,
        ]
    }
}

fn errno() -> i32 {
    // SAFETY: __errno_location returns a valid thread-local pointer.
    unsafe { *libc::__errno_location() }
}

/// Records a failure in the shared page and exits. Never returns.
fn fail(plan: &ChildPlan, stage: Stage, err: i32, detail: u32, code: i32) -> ! {
    // SAFETY: `shared` points to the MAP_SHARED page the parent mapped before fork; it stays
    // mapped in this process until execve.
    let shared = unsafe { &*plan.shared };
    shared.errno.store(err, Ordering::Relaxed);
    shared.detail.store(detail, Ordering::Relaxed);
    shared.stage.store(stage as u32, Ordering::Release);
    exit_now(code)
}

/// Ends the (single-threaded) child with `SYS_exit`, which every filter allows; `_exit`
/// would call `exit_group`, which a filter without `stdio` denies.
fn exit_now(code: i32) -> ! {
    loop {
        // SAFETY: SYS_exit terminates the calling thread, the only one in the child.
        unsafe {
            libc::syscall(libc::SYS_exit, code);
        }
    }
}

/// Runs the child's set-up and executes the program. Never returns.
///
/// # Safety
/// Must be called only in the child right after `fork`, with `plan` prepared by the parent.
pub(crate) unsafe fn run(plan: &mut ChildPlan) -> ! {
    // SAFETY: only async-signal-safe system calls, on memory owned by `plan` or on the
    // stack, in the single-threaded child.
    unsafe {
        // Signal state: empty mask, default SIGPIPE (Rust ignores it).
        let mut empty: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut empty);
        libc::sigprocmask(libc::SIG_SETMASK, &empty, std::ptr::null_mut());
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);

        if libc::setsid() < 0 {
            fail(plan, Stage::Setsid, errno(), 0, 125);
        }
        libc::prctl(
            libc::PR_SET_PDEATHSIG,
            libc::SIGKILL as libc::c_ulong,
            0,
            0,
            0,
        );
        if libc::getppid() != plan.parent_pid {
            fail(plan, Stage::ParentGone, 0, 0, 125);
        }

        if plan.nice {
            libc::setpriority(libc::PRIO_PROCESS, 0, 19);
            // IOPRIO_WHO_PROCESS = 1, IOPRIO_CLASS_IDLE = 3 << 13
            libc::syscall(libc::SYS_ioprio_set, 1, 0, 3 << 13);
            let param = libc::sched_param { sched_priority: 0 };
            libc::sched_setscheduler(0, libc::SCHED_IDLE, &param);
        }

        for l in &plan.rlimits {
            if !set_rlimit(l) {
                fail(plan, Stage::Rlimit, errno(), l.resource, 125);
            }
        }

        if plan.null_stdin {
            let n = libc::open(plan.dev_null.as_ptr(), libc::O_RDONLY);
            if n < 0 {
                fail(plan, Stage::Fds, errno(), 0, 125);
            }
            if n != 0 {
                libc::dup2(n, 0);
                libc::close(n);
            }
        }
        if !plan.keep_fds {
            for fd in 0..3 {
                if libc::fcntl(fd, libc::F_GETFD) < 0 {
                    let n = libc::open(plan.dev_null.as_ptr(), libc::O_RDWR);
                    if n < 0 {
                        fail(plan, Stage::Fds, errno(), fd as u32, 125);
                    }
                    if n != fd {
                        libc::dup2(n, fd);
                        libc::close(n);
                    }
                }
            }
            // Everything above 2 closes at exec (ours are close-on-exec already).
            if libc::syscall(
                libc::SYS_close_range,
                3u32,
                u32::MAX,
                libc::CLOSE_RANGE_CLOEXEC,
            ) < 0
            {
                let max = libc::sysconf(libc::_SC_OPEN_MAX).clamp(3, 65536) as c_int;
                for fd in 3..max {
                    libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC);
                }
            }
        }
        for &fd in &plan.pass_fds {
            if libc::fcntl(fd, libc::F_SETFD, 0) < 0 {
                fail(plan, Stage::Fds, errno(), fd as u32, 125);
            }
        }

        // -c: before anything drops the privilege it needs (CAP_SYS_CHROOT).
        if plan.root_fd >= 0 && (libc::fchdir(plan.root_fd) < 0 || libc::chroot(c".".as_ptr()) < 0)
        {
            fail(plan, Stage::Chroot, errno(), 0, 125);
        }

        if !plan.keep_caps {
            for cap in 0..64 {
                if libc::prctl(libc::PR_CAPBSET_DROP, cap as libc::c_ulong, 0, 0, 0) < 0 {
                    let e = errno();
                    if e == libc::EINVAL {
                        break; // past the last capability
                    }
                    if e == libc::EPERM {
                        break; // no CAP_SETPCAP: nothing to drop that exec could grant
                    }
                    fail(plan, Stage::Caps, e, cap, 125);
                }
            }
            libc::prctl(
                libc::PR_CAP_AMBIENT,
                libc::PR_CAP_AMBIENT_CLEAR_ALL as libc::c_ulong,
                0,
                0,
                0,
            );
            clear_inheritable_caps();
        }

        // -u/-g: the supplementary groups first (they need CAP_SETGID), then the group, the
        // user last (after it nothing privileged is left to do).
        if plan.uid.is_some() || plan.gid.is_some() {
            if libc::setgroups(0, std::ptr::null()) < 0 {
                fail(plan, Stage::Ids, errno(), 1, 125);
            }
            if let Some(g) = plan.gid {
                if libc::setresgid(g, g, g) < 0 {
                    fail(plan, Stage::Ids, errno(), 2, 125);
                }
            }
            if let Some(u) = plan.uid {
                if libc::setresuid(u, u, u) < 0 {
                    fail(plan, Stage::Ids, errno(), 3, 125);
                }
            }
        }

        if libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 {
            fail(plan, Stage::NoNewPrivs, errno(), 0, 125);
        }

        if plan.ruleset_fd >= 0 {
            for rule in &plan.child_rules {
                let fd = libc::open(rule.path.as_ptr(), libc::O_PATH | libc::O_CLOEXEC);
                if fd < 0 {
                    continue;
                }
                let mut st: libc::stat = std::mem::zeroed();
                let is_dir =
                    libc::fstat(fd, &mut st) == 0 && st.st_mode & libc::S_IFMT == libc::S_IFDIR;
                let access = if is_dir {
                    rule.dir_access
                } else {
                    rule.file_access
                };
                if access != 0 {
                    // An implicit rule that fails is skipped.
                    crate::compile::landlock::add_path_rule(plan.ruleset_fd, fd, access);
                }
                libc::close(fd);
            }
            if libc::syscall(
                libc::SYS_landlock_restrict_self,
                plan.ruleset_fd,
                plan.restrict_flags,
            ) < 0
            {
                fail(plan, Stage::Landlock, errno(), 0, 125);
            }
            libc::close(plan.ruleset_fd);
        }

        if let Some(l) = &plan.nofile {
            if !set_rlimit(l) {
                fail(plan, Stage::Rlimit, errno(), l.resource, 125);
            }
        }

        if plan.go_fd >= 0 {
            // Before the filter: this read is not filtered. EOF (the supervisor gave up) or
            // a byte, the child goes on only with the byte.
            let mut byte = 0u8;
            loop {
                let n = libc::read(plan.go_fd, (&raw mut byte).cast(), 1);
                if n == 1 {
                    break;
                }
                if n == 0 || errno() != libc::EINTR {
                    fail(plan, Stage::ParentGone, errno(), 0, 125);
                }
            }
            libc::close(plan.go_fd);
        }

        let pid = libc::getpid() as u32;
        crate::compile::seccomp::Filter::patch_pid(&mut plan.filter, &plan.pid_slots, pid);
        let prog = libc::sock_fprog {
            len: plan.filter.len() as u16,
            filter: plan.filter.as_ptr().cast_mut().cast(),
        };
        let listener = libc::syscall(
            libc::SYS_seccomp,
            libc::SECCOMP_SET_MODE_FILTER,
            plan.filter_flags,
            &raw const prog,
        );
        if listener < 0 {
            fail(plan, Stage::Seccomp, errno(), 0, 125);
        }
        // From here on every system call goes through the filter, which lets these two
        // through from their own instructions only (super::handoff). The message keeps the
        // listener open past execve, which closes the child's copy.
        let sent = plan.message.send(plan.handoff_sock, listener as c_int);
        if sent < 0 {
            fail(plan, Stage::Handoff, -sent as i32, 0, 125);
        }
        let closing = libc::sock_fprog {
            len: plan.closing.len() as u16,
            filter: plan.closing.as_ptr().cast_mut().cast(),
        };
        let shut =
            super::handoff::handoff_seccomp(libc::SECCOMP_SET_MODE_FILTER, 0, &raw const closing);
        if shut < 0 {
            fail(plan, Stage::Seccomp, -shut as i32, 1, 125);
        }

        let a = plan.exec_args();
        libc::syscall(libc::SYS_execveat, a[0], a[1], a[2], a[3], a[4]);
        let e = errno();
        let code = if e == libc::ENOENT { 127 } else { 126 };
        fail(plan, Stage::Exec, e, 0, code)
    }
}

/// Sets a limit; when the hard limit cannot be raised, clamps both to the current hard
/// limit (pledge.com's behaviour). Returns false on failure (errno set).
unsafe fn set_rlimit(l: &Rlimit) -> bool {
    // SAFETY: plain syscalls on stack structs.
    unsafe {
        let want = libc::rlimit {
            rlim_cur: l.soft,
            rlim_max: l.hard,
        };
        if libc::setrlimit(l.resource, &want) == 0 {
            return true;
        }
        if errno() != libc::EPERM {
            return false;
        }
        let mut cur: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(l.resource, &mut cur) < 0 {
            return false;
        }
        let clamped = libc::rlimit {
            rlim_cur: l.soft.min(cur.rlim_max),
            rlim_max: l.hard.min(cur.rlim_max),
        };
        libc::setrlimit(l.resource, &clamped) == 0
    }
}

/// Clears the inheritable capability set, so that nothing can be re-acquired through
/// inheritable file capabilities (no_new_privs covers the rest).
unsafe fn clear_inheritable_caps() {
    #[repr(C)]
    struct Header {
        version: u32,
        pid: i32,
    }
    #[repr(C)]
    #[derive(Clone, Copy)]
    struct Data {
        effective: u32,
        permitted: u32,
        inheritable: u32,
    }
    let mut hdr = Header {
        version: 0x2008_0522, // _LINUX_CAPABILITY_VERSION_3
        pid: 0,
    };
    let mut data = [Data {
        effective: 0,
        permitted: 0,
        inheritable: 0,
    }; 2];
    // SAFETY: capget/capset with version 3 read/write two Data entries.
    unsafe {
        if libc::syscall(libc::SYS_capget, &raw mut hdr, data.as_mut_ptr()) == 0 {
            data[0].inheritable = 0;
            data[1].inheritable = 0;
            libc::syscall(libc::SYS_capset, &raw mut hdr, data.as_ptr());
        }
    }
}
