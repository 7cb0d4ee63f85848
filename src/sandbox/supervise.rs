//! The supervisor: the parent stays behind the sandbox, receives a seccomp user notification
//! for every denied call, reports it and answers it, forwards terminal signals, reaps every
//! process of the sandbox, and returns the program's exit status.
//!
//! It never answers `CONTINUE` except once: the child's own first `execve`, before any code
//! of the program has run (when the `exec` promise was not given). Everything else it
//! receives is denied: with the penalty errno, or by killing the whole sandbox (`-k`,
//! foreign-architecture calls). It is a child subreaper, so processes that leave the
//! program's process group are still its descendants, are reaped, and can be killed.

use std::collections::HashSet;
use std::io::Write;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

use super::report::{self, Denial, Tally};
use super::status::Exit;
use crate::compile::bpf;
use crate::compile::seccomp::REPORT_NR;
use crate::policy::promise::PromiseSet;
use crate::policy::syscalls;

/// Report codes of the narrowing library (keep in sync with `preload.c`).
const REPORT_NARROWED: u64 = 1;
const REPORT_DENIED: u64 = 2;
const REPORT_FAILED: u64 = 3;

/// How the supervisor behaves.
pub struct Options {
    /// The promises the program holds (to name the missing ones).
    pub granted: PromiseSet,
    /// `-k`: kill the sandbox on the first denial.
    pub kill: bool,
    /// `-q`: no report lines, no summary.
    pub quiet: bool,
    /// `--report FILE`: one JSON object per denial.
    pub report_file: Option<std::io::BufWriter<std::fs::File>>,
    /// Let the child's first `execve` through (the `exec` promise was not given).
    pub gate_first_exec: bool,
    /// The errno denied calls fail with.
    pub errno: i32,
    /// Keep up to this many denial reports in [`Outcome::denied`].
    pub keep_denials: usize,
}

/// What the supervisor saw.
pub struct Outcome {
    /// How the program ended (`Signal(SIGSYS)` when the supervisor killed the sandbox).
    pub exit: Exit,
    /// Denials counted.
    pub denials: u64,
    /// Processes that reported having installed the narrowing filter.
    pub narrowed: usize,
    /// A process could not narrow its promises (it exited with 125).
    pub narrowing_failed: bool,
    /// The first denials, in order (at most `Options::keep_denials`).
    pub denied: Vec<Denial>,
}

struct State {
    opts: Options,
    child: libc::pid_t,
    listener: OwnedFd,
    tally: Tally,
    killed: bool,
    narrowed: HashSet<i32>,
    narrowing_failed: bool,
    listener_open: bool,
    denied: Vec<Denial>,
}

/// Supervises the sandbox until the program and every process it left behind have ended.
///
/// `signals` is the set of signals blocked in this thread before the child was created
/// (terminal signals, SIGCHLD); they are read from a signalfd.
pub fn run(
    child: libc::pid_t,
    listener: OwnedFd,
    signals: &libc::sigset_t,
    opts: Options,
) -> Outcome {
    // SAFETY: signalfd on signals blocked in this thread.
    let sfd = unsafe { libc::signalfd(-1, signals, libc::SFD_CLOEXEC | libc::SFD_NONBLOCK) };
    // SAFETY: a fresh fd we own (or -1, which we check before use).
    let sfd = (sfd >= 0).then(|| unsafe { OwnedFd::from_raw_fd(sfd) });
    let mut st = State {
        opts,
        child,
        listener,
        tally: Tally::default(),
        killed: false,
        narrowed: HashSet::new(),
        narrowing_failed: false,
        denied: Vec::new(),
        listener_open: true,
    };
    let mut main_status: Option<i32> = None;
    loop {
        // Reap whatever has ended (we are a subreaper: orphans of the sandbox come to us).
        loop {
            let mut status = 0;
            // SAFETY: non-blocking wait for any child of ours.
            let r = unsafe { libc::waitpid(-1, &mut status, libc::WNOHANG | libc::__WALL) };
            if r > 0 {
                if r == child {
                    main_status = Some(status);
                }
                continue;
            }
            if r < 0 && main_status.is_some() {
                // ECHILD: the program and everything it started are gone.
                return st.finish(main_status.unwrap_or(0));
            }
            break;
        }
        let mut fds = Vec::with_capacity(2);
        if st.listener_open {
            fds.push(libc::pollfd {
                fd: st.listener.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            });
        }
        if let Some(s) = &sfd {
            fds.push(libc::pollfd {
                fd: s.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            });
        }
        // With no signalfd, fall back to polling the children every 50 ms.
        let timeout = if sfd.is_some() { -1 } else { 50 };
        // SAFETY: polling fds we own.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout) };
        if n < 0 {
            continue; // EINTR
        }
        for p in &fds {
            if p.revents == 0 {
                continue;
            }
            if st.listener_open && p.fd == st.listener.as_raw_fd() {
                if p.revents & libc::POLLIN != 0 {
                    st.handle_notification();
                } else if p.revents & (libc::POLLHUP | libc::POLLERR) != 0 {
                    // No task uses the filter any more.
                    st.listener_open = false;
                }
            } else if let Some(s) = &sfd {
                if p.fd == s.as_raw_fd() {
                    st.handle_signals(s);
                }
            }
        }
    }
}

impl State {
    fn finish(mut self, status: i32) -> Outcome {
        if !self.opts.quiet {
            for line in self.tally.summary() {
                eprintln!("{line}");
            }
        }
        if let Some(f) = &mut self.opts.report_file {
            let _ = f.flush();
        }
        let exit = if self.killed {
            Exit::Signal(libc::SIGSYS)
        } else {
            Exit::from_wait_status(status)
        };
        Outcome {
            exit,
            denials: self.tally.total(),
            narrowed: self.narrowed.len(),
            narrowing_failed: self.narrowing_failed,
            denied: std::mem::take(&mut self.denied),
        }
    }

    fn handle_signals(&mut self, sfd: &OwnedFd) {
        loop {
            // SAFETY: reading one siginfo record into a zeroed buffer of its size.
            let mut info: libc::signalfd_siginfo = unsafe { std::mem::zeroed() };
            // SAFETY: as above.
            let n = unsafe {
                libc::read(
                    sfd.as_raw_fd(),
                    (&raw mut info).cast(),
                    std::mem::size_of::<libc::signalfd_siginfo>(),
                )
            };
            if n <= 0 {
                return;
            }
            let sig = info.ssi_signo as libc::c_int;
            match sig {
                libc::SIGCHLD => {}
                libc::SIGTSTP => {
                    self.signal_sandbox(libc::SIGSTOP);
                    // SAFETY: stopping ourselves, as the terminal asked.
                    unsafe { libc::raise(libc::SIGSTOP) };
                }
                other => self.signal_sandbox(other),
            }
        }
    }

    /// Sends a signal to the program's process group and to every other descendant.
    fn signal_sandbox(&self, sig: libc::c_int) {
        // SAFETY: signalling the sandbox's processes, which are our descendants.
        unsafe {
            libc::kill(-self.child, sig);
            libc::kill(self.child, sig);
        }
        for pid in descendants() {
            // SAFETY: as above.
            unsafe { libc::kill(pid, sig) };
        }
    }

    /// Kills every process of the sandbox.
    fn kill_sandbox(&mut self) {
        self.killed = true;
        for _ in 0..16 {
            self.signal_sandbox(libc::SIGKILL);
            if descendants().iter().all(|&p| is_zombie(p)) {
                break;
            }
        }
    }

    fn handle_notification(&mut self) {
        // SAFETY: the kernel requires a zeroed struct for SECCOMP_IOCTL_NOTIF_RECV.
        let mut req: libc::seccomp_notif = unsafe { std::mem::zeroed() };
        // SAFETY: RECV fills `req`.
        let r = unsafe {
            libc::ioctl(
                self.listener.as_raw_fd(),
                libc::SECCOMP_IOCTL_NOTIF_RECV,
                &mut req,
            )
        };
        if r < 0 {
            return; // ENOENT: the task died before we read it; EINTR
        }
        let pid = req.pid as i32;
        let data = req.data;
        let nr = data.nr as u32;
        let args = data.args;
        let action = if self.opts.kill { "kill" } else { "eperm" };

        if data.arch != bpf::AUDIT_ARCH_X86_64 {
            let d = report::foreign(pid, data.arch, nr, args, "kill");
            self.emit(&d);
            self.kill_sandbox();
            return;
        }
        if nr == REPORT_NR {
            self.handle_report(&req);
            return;
        }
        if self.opts.gate_first_exec && pid == self.child && syscalls::name(nr) == Some("execve") {
            // The child's own execve, before any code of the program has run.
            self.opts.gate_first_exec = false;
            self.respond(req.id, 0, libc::SECCOMP_USER_NOTIF_FLAG_CONTINUE as u32);
            return;
        }
        if nr & 0x4000_0000 != 0 {
            let d = report::foreign(pid, data.arch, nr, args, action);
            self.emit(&d);
        } else {
            self.emit_native(req.id, pid, nr, args);
        }
        if self.opts.kill {
            self.kill_sandbox();
        } else {
            self.respond(req.id, -self.opts.errno, 0);
        }
    }

    fn handle_report(&mut self, req: &libc::seccomp_notif) {
        let pid = req.pid as i32;
        let a = req.data.args;
        match a[0] & 0xff {
            REPORT_NARROWED => {
                self.narrowed.insert(pid);
            }
            REPORT_DENIED => {
                let nr = (a[0] >> 8) as u32;
                let args = [a[1], a[2], a[3], a[4], a[5], 0];
                self.emit_native(req.id, pid, nr, args);
                if self.opts.kill {
                    self.kill_sandbox();
                    return;
                }
            }
            REPORT_FAILED => {
                self.narrowing_failed = true;
                eprintln!(
                    "seccomp-pledge: error: {}[{pid}] could not drop the loader's promises (step {}: {}); it was stopped",
                    report::comm(pid),
                    a[1],
                    std::io::Error::from_raw_os_error(a[2] as i32)
                );
            }
            _ => {
                self.respond(req.id, -libc::ENOSYS, 0);
                return;
            }
        }
        self.respond(req.id, 0, 0);
    }

    fn respond(&self, id: u64, error: i32, flags: u32) {
        let mut resp = libc::seccomp_notif_resp {
            id,
            val: 0,
            error,
            flags,
        };
        // SAFETY: SEND reads `resp`; ENOENT (the task died meanwhile) is fine.
        unsafe {
            libc::ioctl(
                self.listener.as_raw_fd(),
                libc::SECCOMP_IOCTL_NOTIF_SEND,
                &mut resp,
            )
        };
    }

    /// Counts, prints and records a report that is already built.
    fn emit(&mut self, d: &Denial) {
        let print = self.tally.count(&d.syscall, &d.fix) && !self.opts.quiet;
        self.output(d, print);
    }

    /// Counts a native denial and builds its full report (command name, decoded arguments
    /// read from memory) only when it is printed or written to the report file.
    fn emit_native(&mut self, id: u64, pid: i32, nr: u32, args: [u64; 6]) {
        let fix = report::fix_for(nr, &args, self.opts.granted, self.child as u32);
        let print = self
            .tally
            .count(&report::syscall_name(nr), &fix.to_string())
            && !self.opts.quiet;
        let keep = self.denied.len() < self.opts.keep_denials;
        if !print && self.opts.report_file.is_none() && !keep {
            return;
        }
        let action = if self.opts.kill { "kill" } else { "eperm" };
        let read = |addr: u64, len: usize| self.read_memory(id, pid, addr, len);
        let d = report::denial(pid, nr, args, &fix, &read, action);
        self.output(&d, print);
    }

    fn output(&mut self, d: &Denial, print: bool) {
        if self.denied.len() < self.opts.keep_denials {
            self.denied.push(d.clone());
        }
        if print {
            eprintln!("{}", d.line());
        }
        if let Some(f) = &mut self.opts.report_file {
            if let Ok(line) = serde_json::to_string(d) {
                let _ = writeln!(f, "{line}");
            }
        }
    }

    /// Reads the blocked task's memory for a report; valid only while its notification is.
    fn read_memory(&self, id: u64, pid: i32, addr: u64, len: usize) -> Option<Vec<u8>> {
        if addr == 0 || len == 0 {
            return None;
        }
        let len = len.min(4096);
        let mut buf = vec![0u8; len];
        let local = libc::iovec {
            iov_base: buf.as_mut_ptr().cast(),
            iov_len: len,
        };
        let remote = libc::iovec {
            iov_base: addr as *mut libc::c_void,
            iov_len: len,
        };
        // SAFETY: reads into our buffer; the remote side is validated by the kernel.
        let n = unsafe { libc::process_vm_readv(pid, &local, 1, &remote, 1, 0) };
        if n <= 0 {
            return None;
        }
        let mut idv = id;
        // SAFETY: ID_VALID reads the id; it tells whether `pid` is still the notifying task.
        let valid = unsafe {
            libc::ioctl(
                self.listener.as_raw_fd(),
                libc::SECCOMP_IOCTL_NOTIF_ID_VALID,
                &mut idv,
            )
        } == 0;
        if !valid {
            return None;
        }
        buf.truncate(n as usize);
        Some(buf)
    }
}

/// Every process whose ancestry leads to us (the sandbox, since we are its subreaper).
fn descendants() -> Vec<i32> {
    // SAFETY: getpid has no preconditions.
    let me = unsafe { libc::getpid() };
    let mut parent_of = Vec::new();
    if let Ok(dir) = std::fs::read_dir("/proc") {
        for e in dir.flatten() {
            let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
                continue;
            };
            if let Some(ppid) = ppid_of(pid) {
                parent_of.push((pid, ppid));
            }
        }
    }
    let mut out = Vec::new();
    let mut frontier = vec![me];
    while let Some(p) = frontier.pop() {
        for &(c, pp) in &parent_of {
            if pp == p && !out.contains(&c) {
                out.push(c);
                frontier.push(c);
            }
        }
    }
    out
}

fn ppid_of(pid: i32) -> Option<i32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = stat.rsplit_once(") ")?.1;
    rest.split_whitespace().nth(1)?.parse().ok()
}

fn is_zombie(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|s| s.rsplit_once(") ").is_none_or(|(_, r)| r.starts_with('Z')))
        .unwrap_or(true)
}
