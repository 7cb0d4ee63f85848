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
//! promises allow to executed images (see [`ExecPromises`]). Everything else it receives is denied: with the penalty errno, or by
//! killing the whole sandbox (`-k`, foreign-architecture calls). It is a child subreaper, so
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
use crate::compile::bpf;
use crate::compile::seccomp::{Plan, REPORT_NR};
use crate::policy::promise::PromiseSet;
use crate::policy::signature::escape_bare;
use crate::policy::syscalls;

/// Report codes of the loader markers (keep in sync with `preload.c`).
pub const REPORT_DONE: u64 = 1;
/// An object the loader mapped (glibc): `l_addr`, `l_ld`, `l_name`.
pub const REPORT_OBJECT: u64 = 5;

/// What the supervisor needs to let a dynamic program's loader make the calls it needs
/// beyond the program's promises, and nothing else.
#[derive(Clone, Debug)]
pub struct LoaderWatch {
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
    /// glibc (audit module, reports OBJECT) rather than musl.
    pub glibc: bool,
    /// `--allow-loader-promises`: code of the program that runs before the loader is done
    /// is not killed (its calls are denied like any other).
    pub accept: bool,
}

impl LoaderWatch {
    /// Computes the decisions with the loader's promises added (once).
    ///
    /// # Errors
    /// As [`crate::compile::seccomp::plan`] (the same rules compiled once already).
    pub fn plan(&mut self) -> Result<(), crate::compile::seccomp::CompileError> {
        if self.wide.is_none() {
            let (promises, rules, scoped_attrs) = &self.spec;
            self.wide = Some(crate::compile::seccomp::plan(
                &crate::compile::seccomp::FilterSpec {
                    promises: *promises,
                    rules,
                    penalty: bpf::SECCOMP_RET_USER_NOTIF,
                    foreign_arch: bpf::SECCOMP_RET_USER_NOTIF,
                    report_syscall: true,
                    scoped_attrs: *scoped_attrs,
                },
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
pub struct ExecPromises {
    /// Decisions for the program's own image (its promises and rules).
    pub own: Plan,
    /// Decisions for executed images (the exec promises and the rules).
    pub exec: Plan,
    /// The exec promises (to name the missing ones).
    pub promises: PromiseSet,
    /// The supervisor's auxiliary vector, which the child shows until its execve.
    pub launcher_auxv: Vec<u8>,
}

/// How long the end of a run waits for the last of Landlock's audit records.
const AUDIT_FLUSH: std::time::Duration = std::time::Duration::from_secs(3);

/// Where a narrowed program's loader is.
struct LoaderState {
    watch: LoaderWatch,
    done: bool,
    marker_mapped: bool,
    marker_text: Vec<(u64, u64)>,
    loader_text: Option<Vec<(u64, u64)>>,
    pidfd: Option<OwnedFd>,
    trusted: HashMap<PathBuf, bool>,
}

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
pub struct Outcome {
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
    killed: bool,
    loader: Option<LoaderState>,
    refused: Option<String>,
    listener_open: bool,
    denied: Vec<Denial>,
    /// Under exec promises, the auxiliary vector of the program's own image.
    first_image: Option<Vec<u8>>,
    /// An executed program was denied a call of the loader's promises.
    exec_loader_denied: bool,
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
        loader: None,
        refused: None,
        denied: Vec::new(),
        listener_open: true,
        first_image: None,
        exec_loader_denied: false,
    };
    st.loader = st.opts.loader.take().map(|watch| LoaderState {
        watch,
        done: false,
        marker_mapped: false,
        marker_text: Vec::new(),
        loader_text: None,
        pidfd: None,
        trusted: HashMap::new(),
    });
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
            notes.push("an executed program was denied calls its loader makes (`rpath`, `prot_exec`): under -e a dynamic program that is executed loads its libraries with the exec promises, so they need `rpath prot_exec` (it is not narrowed after its loader as the program itself is)".to_string());
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
            loader_done: self.loader.as_ref().is_some_and(|l| l.done),
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
            for r in refusals {
                self.emit(&report::landlock(&r));
            }
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
        let main = pid == self.child;
        let Some(l) = self.loader.as_mut() else {
            self.respond(req.id, 0, 0);
            return;
        };
        if l.done || !main {
            // Later reports (objects a running program opens with dlopen, a copy of the
            // marker in a child): the loader's phase is over and nothing is granted.
            self.respond(req.id, 0, 0);
            return;
        }
        // Only the marker's own code reports (a report from anywhere else is the program's
        // code at work before the loader is done).
        let ip = req.data.instruction_pointer;
        if !l.marker_text.iter().any(|&(s, e)| ip >= s && ip < e) {
            self.refuse(
                pid,
                format!(
                    "{} sent a loader report from outside seccomp-pledge's marker (at {ip:#x}): code of the program ran before its loader was done",
                    who(pid)
                ),
            );
            return;
        }
        match a[0] {
            REPORT_DONE => {
                l.done = true;
                if let Some(mask) = self.opts.affinity.take() {
                    super::launch::set_affinity(pid, &mask);
                    super::launch::set_affinity(0, &mask);
                }
            }
            REPORT_OBJECT => {
                if let Some((name, why)) = self.check_object(req) {
                    let accept = self.loader.as_ref().is_some_and(|l| l.watch.accept);
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
        let l = self.loader.as_mut()?;
        let trusted = *l
            .trusted
            .entry(path.clone())
            .or_insert_with(|| elf::system_file(&path, super::launch::system_roots()).is_ok());
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
            return false;
        }
        let first = self.first_image(req.id, pid);
        if (first && own) || (!first && exec) {
            self.respond(req.id, 0, libc::SECCOMP_USER_NOTIF_FLAG_CONTINUE as u32);
            return true;
        }
        false
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
        if l.done || !loader_call {
            return false;
        }
        let name = syscalls::name(nr).unwrap_or("?");
        if pid == child {
            let text = l
                .loader_text
                .get_or_insert_with(|| exec_ranges(child, l.watch.loader));
            if text.iter().any(|&(s, e)| ip >= s && ip < e) {
                match self.exec_mapping_allowed(req) {
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
        if accept {
            return false; // denied and reported like any other call
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

    /// An executable mapping by the loader is allowed only once the marker is in place: the
    /// marker itself is the first object mapped executable.
    fn exec_mapping_allowed(&mut self, req: &libc::seccomp_notif) -> Result<(), String> {
        let pid = req.pid as i32;
        let nr = req.data.nr as u32;
        let a = req.data.args;
        let name = syscalls::name(nr).unwrap_or("");
        let prot = match name {
            "mmap" | "mprotect" => a[2],
            "pkey_mprotect" => a[2],
            _ => return Ok(()),
        };
        if prot & libc::PROT_EXEC as u64 == 0 {
            return Ok(());
        }
        let Some(l) = self.loader.as_mut() else {
            return Ok(());
        };
        if l.marker_mapped {
            return Ok(());
        }
        let file_backed = name == "mmap" && a[3] & libc::MAP_ANONYMOUS as u64 == 0;
        if file_backed && !l.marker_mapped {
            let fd = a[4] as i32;
            if l.pidfd.is_none() {
                // SAFETY: pidfd_open on our own child.
                let p = unsafe { libc::syscall(libc::SYS_pidfd_open, self.child, 0) };
                if p >= 0 {
                    // SAFETY: a fresh fd we own.
                    l.pidfd = Some(unsafe { OwnedFd::from_raw_fd(p as i32) });
                }
            }
            let id = l.pidfd.as_ref().and_then(|p| fd_identity(p, fd));
            if id == Some(l.watch.marker) {
                l.marker_mapped = true;
                // glibc maps the module's code at a fixed address: remember where, so that
                // its reports can be told from anybody else's.
                if a[3] & libc::MAP_FIXED as u64 != 0 {
                    l.marker_text.push((a[0], a[0].saturating_add(a[1])));
                }
                return Ok(());
            }
        }
        Err(format!(
            "the loader of {} mapped code before seccomp-pledge's marker was loaded (the marker could not start), so the end of the loader's work could not be known",
            who(pid)
        ))
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
        let executed = match self.opts.exec_promises.as_ref().map(|x| x.promises) {
            Some(e) if !self.first_image(id, pid) => Some(e),
            _ => None,
        };
        let granted = executed.unwrap_or(self.opts.granted);
        let mut fix = report::fix_for(nr, &args, granted, self.child as u32);
        if executed.is_some() {
            if let report::Fix::Promises(ps) = &fix {
                let loader = super::launch::loader_promises();
                self.exec_loader_denied |= ps.iter().any(|p| loader.contains(*p));
            }
            fix = report::Fix::Exec(Box::new(fix));
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

/// "comm[pid]" for messages (escaped: the program chooses its name).
fn who(pid: i32) -> String {
    format!("`{}`[{pid}]", report::comm(pid))
}

/// Reads another process's memory (no size cap beyond `len`).
fn read_remote(pid: i32, addr: u64, len: usize) -> Option<Vec<u8>> {
    if addr == 0 || len == 0 {
        return None;
    }
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
    buf.truncate(n as usize);
    Some(buf)
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

/// The executable mappings of the file `id` (device, inode) in `pid`, from the kernel's
/// `/proc/PID/maps`.
fn exec_ranges(pid: i32, id: (u64, u64)) -> Vec<(u64, u64)> {
    let Ok(maps) = std::fs::read_to_string(format!("/proc/{pid}/maps")) else {
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
