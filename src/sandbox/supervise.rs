//! The supervisor: the parent stays behind the sandbox, receives a seccomp user notification
//! for every denied call, reports it and answers it, forwards terminal signals, reaps every
//! process of the sandbox, and returns the program's exit status.
//!
//! It answers `CONTINUE` only where the decision depends on registers alone, never on the
//! program's memory: the child's own first `execveat` (before any code of the program has
//! run, when the `exec` promise was not given), and, for a dynamic program, the calls its
//! loader needs beyond the program's promises (`rpath prot_exec`): only while the loader is
//! at work, only from the program's first thread, only when the call's instruction pointer
//! (kernel-reported) lies in the system loader's own code, and no library mapped executable
//! before seccomp-pledge's marker (see `preload.c`) that ends the loader's phase. A program
//! whose own code uses those promises before that point is killed and the run fails (exit
//! 125); libraries whose code would run while they are relocated (IFUNC) are refused before
//! they are relocated. Under exec promises (`-e`) it also continues the calls of the
//! program's own promises made from the program's own image, and the `execve` calls the exec
//! promises allow to executed images (see [`ExecPromises`]); executed dynamic programs are
//! held at their exec stop (ptrace, let go at once) and, when their memory shows the
//! marker's terms met, their loader is narrowed as the program's is (see [`ExecLoader`]).
//! Everything else it receives is denied: with the penalty errno, or by killing the whole
//! sandbox (`-k`, foreign-architecture calls). It is a child subreaper, so
//! processes that leave the program's process group are still its descendants, are reaped,
//! and can be killed.

use std::collections::HashMap;
use std::io::Write;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;

use super::cgroup::{self, Cgroup, descendants};
use super::elf;
use super::report::{self, Denial, Tally};
use super::status::{EXIT_TOOL, Exit};
use crate::abi::signature::escape_bare;
use crate::abi::syscalls;
use crate::compile::bpf;
use crate::compile::seccomp::{Plan, REPORT_NR};
use crate::policy::promise::PromiseSet;

/// Report codes of the loader markers (keep in sync with `preload.c`).
pub(crate) const REPORT_DONE: u64 = 1;
/// An object the loader mapped (glibc): `l_addr`, `l_ld`, `l_name`.
pub(crate) const REPORT_OBJECT: u64 = 5;

/// What the supervisor needs to let a dynamic program's loader make the calls it needs
/// beyond the program's promises, and nothing else.
#[derive(Clone, Debug)]
pub(crate) struct LoaderWatch {
    /// Decisions with the loader's promises added: a call this allows (and the program's
    /// filter did not) is a loader call. Computed by [`LoaderWatch::plan`], which the
    /// launcher calls while the child is setting itself up.
    pub wide: Option<Plan>,
    /// The filter spec of those decisions (the program's promises and rules plus `extra`).
    pub spec: (PromiseSet, Vec<crate::policy::rule::Rule>, bool),
    /// The loader's promises the program does not hold.
    pub extra: PromiseSet,
    /// (device, inode) of the system loader: only its code gets the loader's promises.
    pub loader: (u64, u64),
    /// (device, inode) of the marker's memfd.
    pub marker: (u64, u64),
    /// `--allow-loader-promises`: code of the program that runs before the loader is done
    /// is not killed (its calls are denied like any other).
    pub accept: bool,
}

impl LoaderWatch {
    /// Computes the decisions with the loader's promises added (once).
    ///
    /// # Errors
    /// As [`crate::compile::seccomp::plan`] (the same rules compiled once already).
    pub(crate) fn plan(&mut self) -> Result<(), crate::compile::seccomp::CompileError> {
        if self.wide.is_none() {
            let (promises, rules, scoped_attrs) = &self.spec;
            self.wide = Some(crate::compile::seccomp::plan(
                &crate::compile::seccomp::FilterSpec::supervised(
                    *promises,
                    rules,
                    true,
                    *scoped_attrs,
                ),
            )?);
        }
        Ok(())
    }
}

/// Exec promises (`-e`): the program's own image keeps its promises, every image it executes
/// gets the exec promises. The filter allows only the exec promises and sends every execve
/// here, so the supervisor sees each call the two differ on, and which image made it.
///
/// An image is told by the kernel's copy of its auxiliary vector (`/proc/PID/auxv`: the
/// addresses of its stack, vDSO, entry point and program headers), which a fork copies,
/// every execve replaces, and the program cannot write. The program's own image is the
/// first vector seen that is not the supervisor's (the child's before its execve): each
/// later image is made by an execve that reaches the supervisor first, from a process that
/// still shows the first image.
pub(crate) struct ExecPromises {
    /// Decisions for the program's own image (its promises and rules).
    pub own: Plan,
    /// Decisions for executed images (the exec promises and the rules).
    pub exec: Plan,
    /// The exec promises (to name the missing ones).
    pub promises: PromiseSet,
    /// The supervisor's auxiliary vector, which the child shows until its execve.
    pub launcher_auxv: Vec<u8>,
    /// Narrowing of executed dynamic programs after their loader, as the program itself is
    /// narrowed, when the exec promises lack the loader's promises.
    pub loader: Option<ExecLoader>,
    /// Not given (no `-e`): the exec promises are the program's own, set only so that
    /// executed dynamic programs are narrowed after their loader; reports name promises.
    pub implied: bool,
}

/// How executed dynamic programs are narrowed after their loader. The program's marker is
/// kept in its environment and descriptor table, so what it executes loads it too; at each
/// execve the supervisor holds the new image before its first instruction (a ptrace exec
/// stop) and reads, from memory no code of the image has touched yet, whether its loader is
/// the system's, whether its environment names the marker first, and whether the program
/// runs code while it is loaded. Only then does its loader get the loader's promises, on
/// the same terms as the program's own loader: from the system loader's code, in the
/// image's first thread, until the marker says the loader is done.
pub(crate) struct ExecLoader {
    /// Decisions for an executed image with the loader's promises added.
    pub wide: Plan,
    /// The loader's promises the exec promises lack.
    pub extra: PromiseSet,
    /// (device, inode) of the marker's memfd.
    pub marker: (u64, u64),
    /// The C library whose loader the marker is for.
    pub libc: super::loader::Libc,
    /// `--allow-loader-promises` (as [`LoaderWatch::accept`]).
    pub accept: bool,
}

/// An executed image whose loader is at work (keyed by its process id, which is its first
/// thread's).
pub(crate) struct ExecImage {
    /// Its auxiliary vector, which tells it from whatever the process executes next.
    auxv: Vec<u8>,
    /// The executable ranges of the system loader in it.
    loader_text: Vec<(u64, u64)>,
    phase: Phase,
}

/// How far a narrowed loader got: whether the marker is mapped, where its code is, done.
#[derive(Default)]
struct Phase {
    done: bool,
    marker_mapped: bool,
    marker_text: Vec<(u64, u64)>,
}

/// How long the end of a run waits for the last of Landlock's audit records.
const AUDIT_FLUSH: std::time::Duration = std::time::Duration::from_secs(3);

/// Where a narrowed program's loader is.
struct LoaderState {
    watch: LoaderWatch,
    phase: Phase,
    loader_text: Option<Vec<(u64, u64)>>,
    pidfd: Option<OwnedFd>,
}

/// How the supervisor behaves.
pub(crate) struct Options {
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
    /// `--audit`: report what the policy would deny and let it through (never kill).
    pub audit_only: bool,
    /// The errno denied calls fail with.
    pub errno: i32,
    /// Keep up to this many denial reports in [`Outcome::denied`].
    pub keep_denials: usize,
    /// A dynamic program whose loader gets the loader's promises until it is done.
    pub loader: Option<LoaderWatch>,
    /// The sandbox's control group, when one was made (killing, process limit).
    pub cgroup: Option<Cgroup>,
    /// The CPUs the program may use, when the supervisor and the program's loader were
    /// pinned to one CPU until the loader is done.
    pub affinity: Option<libc::cpu_set_t>,
    /// The reader of Landlock's audit records, when they explain its refusals.
    pub audit: Option<super::audit::Reader>,
    /// Why Landlock's refusals cannot be explained in this run (said after a failed run).
    pub unexplained: Option<String>,
    /// `--landlock-reports check`: the observed file calls are checked against the unveiled
    /// paths, reported when Landlock will refuse them, and continue.
    pub check: Option<super::unveil_check::Checker>,
    /// `-e`: executed programs get the exec promises only.
    pub exec_promises: Option<ExecPromises>,
}

/// What the supervisor saw.
pub(crate) struct Outcome {
    /// How the program ended (`Signal(SIGSYS)` when the supervisor killed the sandbox).
    pub exit: Exit,
    /// Denials counted.
    pub denials: u64,
    /// The loader of a narrowed program finished (its marker said so).
    pub loader_done: bool,
    /// Why the supervisor killed the sandbox because exact promises could not be
    /// guaranteed (the exit is then 125).
    pub refused: Option<String>,
    /// The first denials, in order (at most `Options::keep_denials`).
    pub denied: Vec<Denial>,
    /// What the user should know about how the run ended (e.g. a `-M` too small for the
    /// program to start), for the front end to show.
    pub notes: Vec<String>,
}

struct State {
    opts: Options,
    child: libc::pid_t,
    listener: OwnedFd,
    tally: Tally,
    /// `--audit`: what the denials would need.
    would_need: report::WouldNeed,
    /// `--audit`: the denial being reported is let through (marked so in its report).
    passing: bool,
    killed: bool,
    loader: Option<LoaderState>,
    refused: Option<String>,
    listener_open: bool,
    denied: Vec<Denial>,
    /// Under exec promises, the auxiliary vector of the program's own image.
    first_image: Option<Vec<u8>>,
    /// An executed program was denied a call of the loader's promises.
    exec_loader_denied: bool,
    /// Executed images whose loader is at work, narrowed (under `ExecPromises::loader`).
    images: HashMap<i32, ExecImage>,
    /// Why an executed image was not narrowed after its loader (the first reason seen).
    exec_unnarrowed: Option<String>,
    /// The processes whose executed image was not narrowed after its loader.
    unnarrowed_pids: std::collections::HashSet<i32>,
    /// Objects loaders mapped, by path: whether each is a system file (trusted code).
    trusted: HashMap<PathBuf, bool>,
}

/// Supervises the sandbox until the program and every process it left behind have ended.
///
/// `signals` is the set of signals blocked in this thread before the child was created
/// (terminal signals, SIGCHLD); they are read from a signalfd.
pub(crate) fn run(
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
        would_need: report::WouldNeed::default(),
        passing: false,
        killed: false,
        loader: None,
        refused: None,
        denied: Vec::new(),
        listener_open: true,
        first_image: None,
        exec_loader_denied: false,
        images: HashMap::new(),
        exec_unnarrowed: None,
        unnarrowed_pids: std::collections::HashSet::new(),
        trusted: HashMap::new(),
    };
    st.loader = st.opts.loader.take().map(|watch| LoaderState {
        watch,
        phase: Phase::default(),
        loader_text: None,
        pidfd: None,
    });
    let mut main_status: Option<i32> = None;
    loop {
        // Reap whatever has ended (we are a subreaper: orphans of the sandbox come to us).
        loop {
            let mut status = 0;
            // SAFETY: non-blocking wait for any child of ours.
            let r = unsafe { libc::waitpid(-1, &mut status, libc::WNOHANG | libc::__WALL) };
            if r > 0 {
                if libc::WIFSTOPPED(status) {
                    // Only tracees report stops here: tasks held at an execve.
                    st.traced_stop(r, status);
                    continue;
                }
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
        let mut fds = Vec::with_capacity(3);
        if let Some(a) = &st.opts.audit {
            fds.push(libc::pollfd {
                fd: a.fd(),
                events: libc::POLLIN,
                revents: 0,
            });
        }
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
        // Once the sandbox was killed, keep killing whatever of it is still found until we
        // have no child left (ECHILD above): every descendant has one of our children as
        // an ancestor, since we are the subreaper, so no child means no process left.
        if st.killed {
            cgroup::kill_round();
        }
        // With no signalfd, fall back to polling the children every 50 ms.
        let timeout = if st.killed {
            1
        } else if sfd.is_some() {
            -1
        } else {
            50
        };
        // SAFETY: polling fds we own.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout) };
        if n < 0 {
            continue; // EINTR
        }
        for p in &fds {
            if p.revents == 0 {
                continue;
            }
            if st.opts.audit.as_ref().is_some_and(|a| a.fd() == p.fd) {
                st.read_landlock();
            } else if st.listener_open && p.fd == st.listener.as_raw_fd() {
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
    /// Reports the refusals Landlock's audit records tell of.
    fn read_landlock(&mut self) {
        let Some(a) = &mut self.opts.audit else {
            return;
        };
        for r in a.read_available() {
            self.emit(&report::landlock(&r));
        }
    }

    fn finish(mut self, status: i32) -> Outcome {
        let mut notes = Vec::new();
        if self.exec_loader_denied {
            let (held, among) = if self.opts.exec_promises.as_ref().is_some_and(|x| x.implied) {
                ("the program's promises", "the promises (-p)")
            } else {
                ("the exec promises", "the exec promises (-e)")
            };
            notes.push(match &self.exec_unnarrowed {
                Some(why) => format!("an executed program was denied calls that need `rpath prot_exec`, as its loader's do: its loader could not be narrowed as the program's own is, so it had only {held}: {why}; with `rpath prot_exec` among {among} it runs with them"),
                None => format!("an executed program was denied calls that need `rpath prot_exec`, as its loader's do: no loader marker could be set up for this run (the program's loader is not the system's, or the system has no glibc loader), so executed dynamic programs have only {held}; with `rpath prot_exec` among {among} they run with them"),
            });
        }
        if let Some(mut a) = self.opts.audit.take() {
            // Records of the last refusals may still be on their way through the kernel.
            // That takes a millisecond or two, but the kernel's audit thread also prints
            // records to the console when no audit daemon takes them, and a slow (serial)
            // console holds everything behind it for a while.
            let (last, complete) = a.flush(AUDIT_FLUSH);
            for r in last {
                self.emit(&report::landlock(&r));
            }
            if !complete {
                notes.push(format!("Landlock's last audit records did not arrive within {} s: refusals at the end of the run may be missing from the reports", AUDIT_FLUSH.as_secs()));
            }
            if a.lost {
                notes.push("some of Landlock's audit records were lost (too many at once): not every refusal was reported".to_string());
            }
        }
        let failed = status != 0 && !self.killed;
        if let (Some(why), true, false) = (&self.opts.unexplained, failed, self.opts.quiet) {
            notes.push(format!(
                "if unveil refused the program a file, it was not reported: {why}; `--landlock-reports check` reports such refusals without privileges"
            ));
        }
        if !self.opts.quiet {
            for line in self.tally.summary() {
                eprintln!("{line}");
            }
        }
        if self.opts.audit_only {
            notes.push(self.would_need.summary(self.opts.granted));
        }
        if let Some(f) = &mut self.opts.report_file {
            let _ = f.flush();
        }
        let exit = if self.refused.is_some() {
            Exit::Code(EXIT_TOOL)
        } else if self.killed {
            Exit::Signal(libc::SIGSYS)
        } else {
            Exit::from_wait_status(status)
        };
        Outcome {
            exit,
            denials: self.tally.total(),
            loader_done: self.loader.as_ref().is_some_and(|l| l.phase.done),
            refused: self.refused.take(),
            denied: std::mem::take(&mut self.denied),
            notes,
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

    /// Kills every process of the sandbox: with `cgroup.kill` where there is a group, and
    /// stop-then-kill rounds until none is left (see [`cgroup::kill_all`]).
    fn kill_sandbox(&mut self) {
        self.killed = true;
        if !cgroup::kill_all(
            self.opts.cgroup.as_ref(),
            std::time::Duration::from_secs(10),
        ) {
            eprintln!(
                "seccomp-pledge: error: processes of the sandbox were still alive 10 s after it was killed"
            );
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
        if self.opts.gate_first_exec && pid == self.child && syscalls::name(nr) == Some("execveat")
        {
            // The child's own execveat of the inspected file, before any code of the
            // program has run.
            self.opts.gate_first_exec = false;
            self.respond(req.id, 0, libc::SECCOMP_USER_NOTIF_FLAG_CONTINUE as u32);
            return;
        }
        if self
            .opts
            .check
            .as_ref()
            .is_some_and(|c| c.observed(nr, &args))
        {
            // A file call the filter allows, sent here only to be checked (its decision
            // is the filter's: continue).
            let read = |addr: u64| self.read_string(req.id, pid, addr);
            let refusals = self
                .opts
                .check
                .as_ref()
                .map(|c| c.check(pid, nr, &args, &read))
                .unwrap_or_default();
            // Auditing, Landlock is not applied: what it would refuse runs.
            self.passing = self.opts.audit_only;
            for r in refusals {
                self.emit(&report::landlock(&r));
            }
            self.passing = false;
            self.respond(req.id, 0, libc::SECCOMP_USER_NOTIF_FLAG_CONTINUE as u32);
            return;
        }
        // After the check: a file call the filter allows is checked and continued there.
        if self.exec_promises_call(&req) {
            return;
        }
        if self.loader_call(&req) {
            return;
        }
        let x32 = nr & crate::abi::uapi::X32_SYSCALL_BIT != 0;
        // Audit mode lets through what the promises deny, never a guard: x32 calls and the
        // calls no promise ever allows (TIOCSTI, seccomp notifications …).
        let pass = self.opts.audit_only
            && !x32
            && !matches!(
                report::fix_for(nr, &args, self.opts.granted, self.child as u32),
                report::Fix::Never(_)
            );
        self.passing = pass;
        if x32 {
            let d = report::foreign(pid, data.arch, nr, args, action);
            self.emit(&d);
        } else {
            self.emit_native(req.id, pid, nr, args);
        }
        self.passing = false;
        if pass {
            // The call runs as if allowed: not enforcing it is the user's decision.
            self.respond(req.id, 0, libc::SECCOMP_USER_NOTIF_FLAG_CONTINUE as u32);
        } else if self.opts.kill {
            self.kill_sandbox();
        } else {
            self.respond(req.id, -self.opts.errno, 0);
        }
    }

    fn handle_report(&mut self, req: &libc::seccomp_notif) {
        let pid = req.pid as i32;
        let a = req.data.args;
        let executed = self.current_exec_image(req.id, pid);
        let main = pid == self.child && !executed;
        // An executed image's phase is its own; the program's is its loader's (when the
        // program is narrowed at all).
        let phase = match (self.images.get_mut(&pid), self.loader.as_mut()) {
            (Some(img), _) if executed => &mut img.phase,
            (_, Some(l)) => &mut l.phase,
            _ => {
                self.respond(req.id, 0, 0);
                return;
            }
        };
        if phase.done || !(main || executed) {
            // Later reports (objects a running program opens with dlopen, a copy of the
            // marker in a child): the loader's phase is over and nothing is granted.
            self.respond(req.id, 0, 0);
            return;
        }
        // Only the marker's own code reports (a report from anywhere else is the program's
        // code at work before the loader is done).
        let ip = req.data.instruction_pointer;
        if !phase.marker_text.iter().any(|&(s, e)| ip >= s && ip < e) {
            self.refuse(
                pid,
                format!(
                    "{} sent a loader report from outside seccomp-pledge's marker (at {ip:#x}): code of the program ran before its loader was done",
                    who(pid)
                ),
            );
            return;
        }
        if a[0] == REPORT_DONE {
            phase.done = true;
        }
        match a[0] {
            REPORT_DONE if executed => {
                self.images.remove(&pid);
            }
            REPORT_DONE => {
                if let Some(mask) = self.opts.affinity.take() {
                    super::os::set_affinity(pid, &mask);
                    super::os::set_affinity(0, &mask);
                }
            }
            REPORT_OBJECT => {
                if let Some((name, why)) = self.check_object(req) {
                    let accept = self.accept_loader_code();
                    if accept {
                        eprintln!(
                            "seccomp-pledge: warning: `{name}` (loaded by {}): {why}; that code runs before the loader is done (--allow-loader-promises); its own calls get no promise beyond yours",
                            who(pid)
                        );
                    } else {
                        self.refuse(
                            pid,
                            format!(
                                "cannot guarantee exactly the requested promises for `{name}` (loaded by {}): {why}; to run it anyway, add --allow-loader-promises",
                                who(pid)
                            ),
                        );
                        return;
                    }
                }
            }
            _ => {}
        }
        self.respond(req.id, 0, 0);
    }

    /// Checks an object the glibc loader has just mapped, before anything is relocated (no
    /// code of the program has run yet, so its memory holds only what the loader wrote).
    /// Returns its name (escaped) and why it must be refused.
    fn check_object(&mut self, req: &libc::seccomp_notif) -> Option<(String, String)> {
        let pid = req.pid as i32;
        let [_, l_addr, l_ld, name_ptr, ..] = req.data.args;
        let name = read_remote(pid, name_ptr, 4096).map(|b| {
            let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
            b[..end].to_vec()
        });
        if !self.notification_valid(req.id) {
            return None;
        }
        let name = name?;
        let path =
            PathBuf::from(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(&name));
        if !name.contains(&b'/') {
            // The vDSO: the kernel's own object.
            return None;
        }
        let trusted = *self
            .trusted
            .entry(path.clone())
            .or_insert_with(|| elf::system_file(&path, super::loader::system_roots()).is_ok());
        if trusted {
            return None;
        }
        let image = MemImage { pid, base: l_addr };
        let entries = read_remote(pid, l_ld, 16 * 512)
            .map(|b| elf::parse_dynamic(&b))
            .unwrap_or_default();
        let why = match elf::features(&entries, &image) {
            Ok(f) => f.blocking(false)?,
            Err(why) => format!("its dynamic section cannot be checked: {why}"),
        };
        Some((escape_bare(&name), why))
    }

    /// Under exec promises: a call the program's own promises allow runs when the caller
    /// shows the program's own image, and one the exec promises allow (an execve) when it
    /// shows an executed one. The decision rests on the call's registers and the kernel's
    /// copy of the caller's auxiliary vector, never on its memory. Returns true when the call
    /// was answered here; the others are denied as usual.
    fn exec_promises_call(&mut self, req: &libc::seccomp_notif) -> bool {
        let pid = req.pid as i32;
        let nr = req.data.nr as u32;
        let Some(x) = &self.opts.exec_promises else {
            return false;
        };
        let args = crate::policy::promise::with_placeholder(nr, &req.data.args, self.child as u32);
        let own = x.own.decide(nr, &args) == bpf::SECCOMP_RET_ALLOW;
        let exec = x.exec.decide(nr, &args) == bpf::SECCOMP_RET_ALLOW;
        if !own && !exec {
            return self.exec_loader_call(req);
        }
        let first = self.first_image(req.id, pid);
        if (first && own) || (!first && exec) {
            // Check mode: a file call continued here is checked like one the filter allows
            // (execve reaches the supervisor under exec promises whatever it is).
            if let Some(c) = self.opts.check.as_ref() {
                let read = |addr: u64| self.read_string(req.id, pid, addr);
                for r in c.check(pid, nr, &req.data.args, &read) {
                    self.emit(&report::landlock(&r));
                }
            }
            if matches!(syscalls::name(nr), Some("execve" | "execveat")) {
                self.continue_exec(req);
            } else {
                self.respond(req.id, 0, libc::SECCOMP_USER_NOTIF_FLAG_CONTINUE as u32);
            }
            return true;
        }
        !first && self.exec_loader_call(req)
    }

    /// Whether `pid` (blocked in notification `id`) is an executed image whose loader is
    /// narrowed and still at work: the image's first thread, still showing its auxiliary
    /// vector.
    fn current_exec_image(&mut self, id: u64, pid: i32) -> bool {
        let Some(img) = self.images.get(&pid) else {
            return false;
        };
        let auxv = std::fs::read(format!("/proc/{pid}/auxv"));
        if !self.notification_valid(id) {
            return false;
        }
        if auxv.is_ok_and(|a| a == img.auxv) {
            return true;
        }
        // The process executed something else since (or the pid is another's).
        self.images.remove(&pid);
        false
    }

    /// Under exec promises, with executed programs narrowed after their loader: a call only
    /// the loader's promises allow, made by an executed image whose loader is at work. As
    /// for the program's own loader, it runs only from the system loader's code, no code is
    /// mapped before the marker, and a call from anywhere else is the image's own code
    /// running too early, which ends the run. Returns true when the call was answered here.
    fn exec_loader_call(&mut self, req: &libc::seccomp_notif) -> bool {
        let pid = req.pid as i32;
        let nr = req.data.nr as u32;
        let Some(xl) = self
            .opts
            .exec_promises
            .as_ref()
            .and_then(|x| x.loader.as_ref())
        else {
            return false;
        };
        let args = crate::policy::promise::with_placeholder(nr, &req.data.args, self.child as u32);
        if xl.wide.decide(nr, &args) != bpf::SECCOMP_RET_ALLOW || !self.images.contains_key(&pid) {
            return false;
        }
        let (marker, extra) = (xl.marker, xl.extra);
        if !self.current_exec_image(req.id, pid) {
            return false;
        }
        let accept = self.accept_loader_code();
        let ip = req.data.instruction_pointer;
        let Some(img) = self.images.get_mut(&pid) else {
            return false;
        };
        if img.loader_text.iter().any(|&(s, e)| ip >= s && ip < e) {
            let identify = |fd| proc_fd_identity(pid, fd);
            match exec_mapping_allowed(req, &mut img.phase, marker, identify) {
                // The descriptor was identified while the call still waited.
                Ok(()) if self.notification_valid(req.id) => {
                    self.respond(req.id, 0, libc::SECCOMP_USER_NOTIF_FLAG_CONTINUE as u32);
                }
                Ok(()) => {}
                Err(why) => self.refuse(pid, why),
            }
            return true;
        }
        if accept {
            return false; // denied and reported like any other call
        }
        let name = syscalls::name(nr).unwrap_or("?");
        self.refuse(
            pid,
            format!(
                "{} (executed) called {name} from its own code (at {ip:#x}) before its loader was done: that needs the loader's promises `{extra}`, which only the system loader gets; exact exec promises cannot be guaranteed for it; to run it anyway, add --allow-loader-promises",
                who(pid)
            ),
        );
        true
    }

    /// Lets an execve the caller's promises allow run. When executed programs are narrowed
    /// after their loader, the task is first seized (ptrace, which does not stop it) and
    /// interrupted, so that it stops at the exec, before the new image's first instruction,
    /// or on its way back when the execve fails; the main loop's wait sees either stop and
    /// hands it to [`State::traced_stop`]. A task that cannot be seized runs its new image
    /// with exactly the exec promises: its loader gets nothing more.
    fn continue_exec(&mut self, req: &libc::seccomp_notif) {
        let pid = req.pid as i32;
        let narrowed = self
            .opts
            .exec_promises
            .as_ref()
            .is_some_and(|x| x.loader.is_some());
        if narrowed {
            let options = libc::PTRACE_O_TRACEEXEC | libc::PTRACE_O_EXITKILL;
            // SAFETY: PTRACE_SEIZE takes no memory of ours; the task is a descendant that
            // waits in this notification.
            let seized = unsafe {
                libc::ptrace(
                    libc::PTRACE_SEIZE,
                    pid,
                    std::ptr::null_mut::<libc::c_void>(),
                    options as usize as *mut libc::c_void,
                )
            } == 0;
            if !seized {
                let err = std::io::Error::last_os_error();
                self.unnarrowed_pids.insert(pid);
                self.unnarrowed(format!(
                    "the supervisor could not hold it before its first instruction (ptrace: {err})"
                ));
            }
            // Seized before the answer: an execve that succeeds stops at PTRACE_EVENT_EXEC,
            // before the new image's first instruction. The interrupt (a stop on the way out
            // of an execve that fails) comes only after the answer: sent while the task
            // still waits in the notification, it would wake that wait, the kernel would
            // withdraw the notification (the answer fails with ENOENT) and restart the
            // execve, which notifies again: the same call seen up to thousands of times.
            self.respond(req.id, 0, libc::SECCOMP_USER_NOTIF_FLAG_CONTINUE as u32);
            if seized {
                // SAFETY: as above; the stop comes when the task leaves the execve.
                unsafe {
                    libc::ptrace(
                        libc::PTRACE_INTERRUPT,
                        pid,
                        std::ptr::null_mut::<libc::c_void>(),
                        std::ptr::null_mut::<libc::c_void>(),
                    )
                };
            }
            return;
        }
        self.respond(req.id, 0, libc::SECCOMP_USER_NOTIF_FLAG_CONTINUE as u32);
    }

    /// A task seized by [`State::continue_exec`] stopped: at its exec (its new image is
    /// inspected), or on its way out of a failed execve, or for a signal (passed on). The
    /// task is let go in every case.
    fn traced_stop(&mut self, pid: i32, status: i32) {
        let event = (status >> 16) & 0xff;
        let mut pass = 0;
        if event == libc::PTRACE_EVENT_EXEC {
            let inspected = match self
                .opts
                .exec_promises
                .as_ref()
                .and_then(|x| x.loader.as_ref())
            {
                Some(xl) => inspect_exec(pid, xl.marker, xl.libc),
                None => Ok(None),
            };
            match inspected {
                Ok(Some(img)) => {
                    self.unnarrowed_pids.remove(&pid);
                    self.images.insert(pid, img);
                }
                Ok(None) => {
                    self.unnarrowed_pids.remove(&pid);
                    self.images.remove(&pid);
                }
                Err(why) => {
                    self.images.remove(&pid);
                    self.unnarrowed_pids.insert(pid);
                    self.unnarrowed(why);
                }
            }
        } else if event == 0 {
            pass = libc::WSTOPSIG(status);
        }
        // SAFETY: detaching a tracee of ours that is in a ptrace stop; `pass` is the signal
        // it stopped for (0 for an event), delivered as it would have been.
        unsafe {
            libc::ptrace(
                libc::PTRACE_DETACH,
                pid,
                std::ptr::null_mut::<libc::c_void>(),
                pass as usize as *mut libc::c_void,
            )
        };
    }

    /// `--allow-loader-promises`: code that runs before a loader is done is denied its
    /// calls like any other, not refused.
    fn accept_loader_code(&self) -> bool {
        self.loader.as_ref().is_some_and(|l| l.watch.accept)
            || self
                .opts
                .exec_promises
                .as_ref()
                .and_then(|x| x.loader.as_ref())
                .is_some_and(|xl| xl.accept)
    }

    fn unnarrowed(&mut self, why: String) {
        if self.exec_unnarrowed.is_none() {
            self.exec_unnarrowed = Some(why);
        }
    }

    /// Whether the task `pid` (blocked in notification `id`) runs the program's own image.
    /// Anything that cannot be read counts as an executed image (the narrower promises).
    fn first_image(&mut self, id: u64, pid: i32) -> bool {
        let Some(x) = &self.opts.exec_promises else {
            return true;
        };
        let auxv = std::fs::read(format!("/proc/{pid}/auxv"));
        // ADDR_NO_RANDOMIZE (set by the program with personality(2)) makes two execs of one
        // file alike: such a task gets the exec promises, whatever it runs.
        let randomised = std::fs::read_to_string(format!("/proc/{pid}/personality"))
            .ok()
            .and_then(|s| u32::from_str_radix(s.trim(), 16).ok())
            .is_some_and(|p| p & libc::ADDR_NO_RANDOMIZE as u32 == 0);
        // The task still waits in this notification, so the pid was still its own.
        if !self.notification_valid(id) || !randomised {
            return false;
        }
        let Ok(auxv) = auxv else {
            return false;
        };
        match &self.first_image {
            Some(f) => *f == auxv,
            None if auxv == x.launcher_auxv => false,
            None => {
                self.first_image = Some(auxv);
                true
            }
        }
    }

    /// Decides a call only the loader's promises allow while a narrowed program's loader is
    /// at work. Returns true when the call was answered here.
    fn loader_call(&mut self, req: &libc::seccomp_notif) -> bool {
        let pid = req.pid as i32;
        let nr = req.data.nr as u32;
        let args = req.data.args;
        let ip = req.data.instruction_pointer;
        let child = self.child;
        let Some(l) = self.loader.as_mut() else {
            return false;
        };
        let loader_call = l
            .watch
            .wide
            .as_ref()
            .is_some_and(|w| w.decide(nr, &args) == bpf::SECCOMP_RET_ALLOW);
        if l.phase.done || !loader_call {
            return false;
        }
        let name = syscalls::name(nr).unwrap_or("?");
        if pid == child {
            let text = l
                .loader_text
                .get_or_insert_with(|| exec_ranges(child, l.watch.loader));
            if text.iter().any(|&(s, e)| ip >= s && ip < e) {
                if l.pidfd.is_none() {
                    // SAFETY: pidfd_open on our own child.
                    let p = unsafe { libc::syscall(libc::SYS_pidfd_open, child, 0) };
                    if p >= 0 {
                        // SAFETY: a fresh fd we own.
                        l.pidfd = Some(unsafe { OwnedFd::from_raw_fd(p as i32) });
                    }
                }
                let pidfd = l.pidfd.as_ref();
                // pidfd_getfd where the container allows it (Docker's default profile does
                // only with CAP_SYS_PTRACE), the kernel's descriptor table otherwise.
                let identify = |fd| {
                    pidfd
                        .and_then(|p| fd_identity(p, fd))
                        .or_else(|| proc_fd_identity(child, fd))
                };
                match exec_mapping_allowed(req, &mut l.phase, l.watch.marker, identify) {
                    Ok(()) => {
                        self.respond(req.id, 0, libc::SECCOMP_USER_NOTIF_FLAG_CONTINUE as u32);
                    }
                    Err(why) => self.refuse(pid, why),
                }
                return true;
            }
        }
        let accept = l.watch.accept;
        let extra = l.watch.extra;
        if accept || self.opts.audit_only {
            return false; // denied (or, auditing, let through) and reported like any other call
        }
        self.refuse(
            pid,
            format!(
                "{} called {name} from its own code (at {ip:#x}) before its loader was done: that needs the loader's promises `{extra}`, which only the system loader gets; the program runs code while it is loaded (an IFUNC resolver, an audit module or a tampered loader), so exact promises cannot be guaranteed for it; to run it anyway, add --allow-loader-promises",
                who(pid)
            ),
        );
        true
    }

    /// Kills the sandbox because exact promises cannot be guaranteed; the run ends with 125.
    fn refuse(&mut self, _pid: i32, why: String) {
        eprintln!("seccomp-pledge: error: {why}");
        self.kill_sandbox();
        if self.refused.is_none() {
            self.refused = Some(why);
        }
    }

    fn notification_valid(&self, id: u64) -> bool {
        let mut idv = id;
        // SAFETY: ID_VALID reads the id.
        unsafe {
            libc::ioctl(
                self.listener.as_raw_fd(),
                libc::SECCOMP_IOCTL_NOTIF_ID_VALID,
                &mut idv,
            ) == 0
        }
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
        // Under exec promises an executed program holds those, and its fix names them.
        let implied = self.opts.exec_promises.as_ref().is_some_and(|x| x.implied);
        let executed = match self.opts.exec_promises.as_ref().map(|x| x.promises) {
            Some(e) if !self.first_image(id, pid) => Some(e),
            _ => None,
        };
        let granted = executed.unwrap_or(self.opts.granted);
        let mut fix = report::fix_for(nr, &args, granted, self.child as u32);
        if executed.is_some() {
            // Its loader was denied the loader's promises only when it was not narrowed
            // (a narrowed loader gets them until it is done: later calls are the program's).
            let unnarrowed = self
                .opts
                .exec_promises
                .as_ref()
                .is_some_and(|x| x.loader.is_none())
                || self.unnarrowed_pids.contains(&pid);
            if let (report::Fix::Promises(ps), true) = (&fix, unnarrowed) {
                let loader = super::loader::loader_promises();
                self.exec_loader_denied |= ps.iter().any(|p| loader.contains(*p));
            }
            if !implied {
                fix = report::Fix::Exec(Box::new(fix));
            }
        }
        if self.passing {
            self.would_need.note_fix(&fix);
        }
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
        let marked;
        let d = if self.passing {
            let mut m = d.clone();
            m.action = report::AUDIT_ACTION.into();
            if m.by == "landlock" {
                self.would_need.note_unveil(&m);
            }
            marked = m;
            &marked
        } else {
            d
        };
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

    /// Reads a NUL-terminated string (at most PATH_MAX bytes) of the blocked task, for a
    /// report.
    fn read_string(&self, id: u64, pid: i32, addr: u64) -> Option<Vec<u8>> {
        // Page by page: a read that crosses into an unmapped page fails as a whole (a path
        // among the arguments at the top of the stack).
        const PAGE: u64 = 4096;
        let mut out = Vec::new();
        let mut at = addr;
        while out.len() < libc::PATH_MAX as usize {
            let chunk = (PAGE - at % PAGE) as usize;
            let got = self.read_memory(id, pid, at, chunk)?;
            if let Some(end) = got.iter().position(|&b| b == 0) {
                out.extend_from_slice(&got[..end]);
                return Some(out);
            }
            out.extend_from_slice(&got);
            at += chunk as u64;
        }
        None
    }

    /// Reads the blocked task's memory for a report; valid only while its notification is.
    fn read_memory(&self, id: u64, pid: i32, addr: u64, len: usize) -> Option<Vec<u8>> {
        if addr == 0 || len == 0 {
            return None;
        }
        let buf = super::os::read_memory(pid, addr, len.min(4096))?;
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
        Some(buf)
    }
}

/// An executable mapping by a narrowed loader is allowed only once the marker is in place:
/// the marker itself is the first object mapped executable. `identify` tells the
/// (device, inode) of one of the caller's descriptors.
fn exec_mapping_allowed(
    req: &libc::seccomp_notif,
    phase: &mut Phase,
    marker: (u64, u64),
    identify: impl FnOnce(i32) -> Option<(u64, u64)>,
) -> Result<(), String> {
    let pid = req.pid as i32;
    let a = req.data.args;
    let name = syscalls::name(req.data.nr as u32).unwrap_or("");
    let prot = match name {
        "mmap" | "mprotect" | "pkey_mprotect" => a[2],
        _ => return Ok(()),
    };
    if prot & libc::PROT_EXEC as u64 == 0 || phase.marker_mapped {
        return Ok(());
    }
    let file_backed = name == "mmap" && a[3] & libc::MAP_ANONYMOUS as u64 == 0;
    if file_backed && identify(a[4] as i32) == Some(marker) {
        phase.marker_mapped = true;
        // glibc maps the module's code at a fixed address: remember where, so that its
        // reports can be told from anybody else's.
        if a[3] & libc::MAP_FIXED as u64 != 0 {
            phase.marker_text.push((a[0], a[0].saturating_add(a[1])));
        }
        return Ok(());
    }
    Err(format!(
        "the loader of {} mapped code before seccomp-pledge's marker was loaded (the marker could not start), so the end of the loader's work could not be known",
        who(pid)
    ))
}

/// "comm[pid]" for messages (escaped: the program chooses its name).
fn who(pid: i32) -> String {
    format!("`{}`[{pid}]", report::comm(pid))
}

/// Reads another process's memory (no size cap beyond `len`).
fn read_remote(pid: i32, addr: u64, len: usize) -> Option<Vec<u8>> {
    super::os::read_memory(pid, addr, len)
}

/// An object as the loader mapped it in a stopped process, at load bias `base`.
struct MemImage {
    pid: i32,
    base: u64,
}

impl elf::Image for MemImage {
    fn read(&self, vaddr: u64, len: usize) -> Option<Vec<u8>> {
        let b = read_remote(self.pid, self.base.wrapping_add(vaddr), len)?;
        (b.len() == len).then_some(b)
    }

    /// glibc adds the load bias to the address entries of the dynamic section in place.
    fn unrelocate(&self, addr: u64) -> u64 {
        if self.base != 0 && addr >= self.base {
            addr - self.base
        } else {
            addr
        }
    }
}

/// Reads a new image held at its exec stop, before its first instruction: no code of it
/// has run, so its memory (environment, program headers, dynamic section) is as the
/// kernel and the files made it. Returns the image to narrow after its loader, None for
/// a program without a loader, or why its loader gets nothing beyond the exec promises.
///
/// `marker` and `libc` are the marker's memfd and its C library. `seccomp-pledge trace`
/// asks the same question, to count an executed image's loader calls as `run` will.
pub(crate) fn inspect_exec(
    pid: i32,
    marker: (u64, u64),
    libc: super::loader::Libc,
) -> Result<Option<ExecImage>, String> {
    let exe = std::fs::read_link(format!("/proc/{pid}/exe"))
        .map(|p| super::shown(&p))
        .unwrap_or_else(|_| "?".into());
    let fail = |why: &str| Err(format!("`{exe}`[{pid}]: {why}"));
    let Ok(auxv) = std::fs::read(format!("/proc/{pid}/auxv")) else {
        return fail("its auxiliary vector cannot be read");
    };
    let at = |key: u64| {
        auxv.chunks_exact(16)
            .map(|e| {
                (
                    u64::from_ne_bytes(e[..8].try_into().expect("8 bytes")),
                    u64::from_ne_bytes(e[8..].try_into().expect("8 bytes")),
                )
            })
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v)
    };
    let base = at(libc::AT_BASE).unwrap_or(0);
    if base == 0 {
        return Ok(None); // static: its own code runs first, under the exec promises
    }
    // The loader: the file the kernel mapped at AT_BASE.
    let Some((path, id)) = mapping_at(pid, base) else {
        return fail("its loader's mapping cannot be found");
    };
    let loader =
        super::loader::system_loader(&path).map_err(|why| format!("`{exe}`[{pid}]: {why}"))?;
    if loader.id != id {
        return fail("its loader is not the system's file");
    }
    if loader.libc != libc {
        return fail(
            "its loader is another C library's than the program's, whose marker it cannot load",
        );
    }
    // The environment must name the marker, first, by the descriptor that holds it.
    let var: &[u8] = match libc {
        super::loader::Libc::Glibc => b"LD_AUDIT=",
        super::loader::Libc::Musl => b"LD_PRELOAD=",
    };
    let Ok(env) = std::fs::read(format!("/proc/{pid}/environ")) else {
        return fail("its environment cannot be read");
    };
    let mut values = env.split(|&b| b == 0).filter_map(|e| e.strip_prefix(var));
    let named = values.next().and_then(marker_fd);
    let Some((fd, alone)) = named else {
        return fail(
            "its environment does not name seccomp-pledge's marker first (the program that executed it changed LD_AUDIT or LD_PRELOAD, or dropped its environment)",
        );
    };
    // glibc runs every audit module it is given before anything else.
    if libc == super::loader::Libc::Glibc && (!alone || values.next().is_some()) {
        return fail(
            "LD_AUDIT names audit modules besides seccomp-pledge's marker, which glibc runs before anything else",
        );
    }
    if proc_fd_identity(pid, fd) != Some(marker) {
        return fail(
            "the descriptor its environment names is not seccomp-pledge's marker (it was closed or replaced)",
        );
    }
    // The program: code of it that runs while it is loaded (IFUNC resolvers, audit
    // modules) would run with the loader's promises.
    let phdr = at(libc::AT_PHDR).unwrap_or(0);
    let phnum = at(libc::AT_PHNUM).unwrap_or(0) as usize;
    let Some(headers) = read_remote(pid, phdr, phnum.min(256) * 56) else {
        return fail("its program headers cannot be read");
    };
    let ph = |h: &[u8], at: usize| u64::from_ne_bytes(h[at..at + 8].try_into().expect("8 bytes"));
    let headers: Vec<(u32, u64, u64)> = headers
        .chunks_exact(56)
        .map(|h| {
            (
                u32::from_ne_bytes(h[..4].try_into().expect("4 bytes")),
                ph(h, 16),
                ph(h, 40),
            )
        })
        .collect();
    let bias = headers
        .iter()
        .find(|h| h.0 == libc::PT_PHDR)
        .map_or(0, |h| phdr.wrapping_sub(h.1));
    let entries = headers
        .iter()
        .find(|h| h.0 == libc::PT_DYNAMIC)
        .and_then(|h| read_remote(pid, bias.wrapping_add(h.1), (h.2 as usize).min(16 * 512)))
        .map(|b| elf::parse_dynamic(&b))
        .unwrap_or_default();
    let system = std::fs::read_link(format!("/proc/{pid}/exe"))
        .ok()
        .and_then(|p| elf::system_file(&p, super::loader::system_roots()).ok())
        .zip(std::fs::metadata(format!("/proc/{pid}/exe")).ok())
        .is_some_and(|((_, id), m)| id == (m.dev(), m.ino()));
    let image = MemImage { pid, base: bias };
    if let Some(why) = elf::main_program_blocking(&entries, &image, system) {
        return fail(&why);
    }
    Ok(Some(ExecImage {
        auxv,
        loader_text: exec_ranges(pid, id),
        phase: Phase::default(),
    }))
}

/// The executable mappings of the file `id` (device, inode) in `pid`, from the kernel's
/// `/proc/PID/maps`.
fn exec_ranges(pid: i32, id: (u64, u64)) -> Vec<(u64, u64)> {
    let Ok(maps) = super::os::read_proc(&format!("/proc/{pid}/maps")) else {
        return Vec::new();
    };
    let (major, minor) = (libc::major(id.0), libc::minor(id.0));
    maps.lines()
        .filter_map(|line| {
            let mut f = line.split_ascii_whitespace();
            let range = f.next()?;
            let perms = f.next()?;
            let _offset = f.next()?;
            let dev = f.next()?;
            let inode: u64 = f.next()?.parse().ok()?;
            let (ma, mi) = dev.split_once(':')?;
            let same = inode == id.1
                && u32::from_str_radix(ma, 16).ok()? == major
                && u32::from_str_radix(mi, 16).ok()? == minor;
            if !same || !perms.contains('x') {
                return None;
            }
            let (s, e) = range.split_once('-')?;
            Some((
                u64::from_str_radix(s, 16).ok()?,
                u64::from_str_radix(e, 16).ok()?,
            ))
        })
        .collect()
}

/// The descriptor number of the marker at the start of an environment value
/// (`/proc/self/fd/N`, then the end or `:`), and whether nothing follows it.
fn marker_fd(value: &[u8]) -> Option<(i32, bool)> {
    let rest = value.strip_prefix(b"/proc/self/fd/")?;
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits > 1 && rest[0] == b'0' {
        return None; // /proc has no such name
    }
    let fd = std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()?;
    match rest.get(digits) {
        None => Some((fd, true)),
        Some(b':') => Some((fd, false)),
        Some(_) => None,
    }
}

/// The file mapped at `addr` in `pid` (its path and (device, inode)), from `/proc/PID/maps`.
fn mapping_at(pid: i32, addr: u64) -> Option<(PathBuf, (u64, u64))> {
    let maps = super::os::read_proc(&format!("/proc/{pid}/maps")).ok()?;
    maps.lines().find_map(|line| {
        let mut f = line.splitn(6, ' ');
        let (s, e) = f.next()?.split_once('-')?;
        let (s, e) = (
            u64::from_str_radix(s, 16).ok()?,
            u64::from_str_radix(e, 16).ok()?,
        );
        if addr < s || addr >= e {
            return None;
        }
        let (_perms, _offset, dev, inode) = (f.next()?, f.next()?, f.next()?, f.next()?);
        let (ma, mi) = dev.split_once(':')?;
        let dev = libc::makedev(
            u32::from_str_radix(ma, 16).ok()?,
            u32::from_str_radix(mi, 16).ok()?,
        );
        let inode: u64 = inode.parse().ok()?;
        let path = f.next()?.trim_start();
        path.starts_with('/')
            .then(|| (PathBuf::from(path), (dev, inode)))
    })
}

/// (device, inode) of descriptor `fd` of `pid`, through `/proc/PID/fd` (the kernel's
/// descriptor table; no ptrace access needed).
fn proc_fd_identity(pid: i32, fd: i32) -> Option<(u64, u64)> {
    let m = std::fs::metadata(format!("/proc/{pid}/fd/{fd}")).ok()?;
    Some((m.dev(), m.ino()))
}

/// (device, inode) of descriptor `fd` of the process behind `pidfd`.
fn fd_identity(pidfd: &OwnedFd, fd: i32) -> Option<(u64, u64)> {
    // SAFETY: duplicating the stopped child's descriptor into our table.
    let dup = unsafe { libc::syscall(libc::SYS_pidfd_getfd, pidfd.as_raw_fd(), fd, 0) };
    if dup < 0 {
        return None;
    }
    // SAFETY: a fresh fd we own.
    let file = std::fs::File::from(unsafe { OwnedFd::from_raw_fd(dup as i32) });
    let meta = file.metadata().ok()?;
    Some((meta.dev(), meta.ino()))
}

#[cfg(test)]
mod tests {
    use super::marker_fd;

    #[test]
    fn the_marker_is_named_by_its_descriptor_alone_or_first() {
        assert_eq!(marker_fd(b"/proc/self/fd/7"), Some((7, true)));
        assert_eq!(marker_fd(b"/proc/self/fd/12:/lib/x.so"), Some((12, false)));
        for bad in [
            &b"/proc/self/fd/"[..],
            b"/proc/self/fd/07",
            b"/proc/self/fd/7 /x.so",
            b"/proc/self/fd/7x",
            b"/proc/1/fd/7",
            b"",
            b"/proc/self/fd/99999999999999999999",
        ] {
            assert_eq!(marker_fd(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }
}
