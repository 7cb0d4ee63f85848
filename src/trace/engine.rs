//! The ptrace engine: starts the command stopped, seizes it, installs a seccomp filter that
//! stops it only at the traced calls (`SECCOMP_RET_TRACE`), and then, for each call, takes the
//! entry stop (`PTRACE_EVENT_SECCOMP`, arguments from `PTRACE_GET_SYSCALL_INFO`) and the
//! exit stop (`PTRACE_SYSCALL`, the return value). Untraced calls never stop.
//!
//! Follows forks, vforks, threads and execs; `PTRACE_O_EXITKILL` means nothing outlives the
//! tracer. Signals are passed on, group-stops are honoured with `PTRACE_LISTEN` (so job
//! control keeps working). By default the tracer and the program share one CPU: a ptrace
//! stop is a wake-up of the other side, and across CPUs that wake-up dominates its cost.
//!
//! Output streams to the caller's writer as each call completes (each line rendered by
//! `output.rs`, whose [`Event`] and [`summary_table`] are re-exported here); only the bounded
//! [`Profile`] is kept. Memory of the traced program is read with `process_vm_readv` and is
//! only ever shown, never trusted.

use std::collections::HashMap;
use std::ffi::{CString, OsString};
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::sys::ptrace;
use nix::sys::signal::{self, SaFlags, SigAction, SigHandler, SigSet, Signal};
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::Pid;

use super::filter::SyscallSet;
use super::output::{self, Done, call_name};
pub(crate) use super::output::{Event, summary_table};
use super::paths::{PathUseAt, path_uses, read_for_decoder};
use super::profile::{Abi, Phase, Profile, Shape};
use crate::abi::signature::{self, Style};
use crate::abi::syscalls;
use crate::compile::bpf;
use crate::sandbox::launch::{self, LaunchError};
use crate::sandbox::status::Exit;

/// What to trace and how to show it.
#[derive(Clone, Debug)]
pub struct Options {
    /// Show the calls of every process and thread (`-f`); without it only the first
    /// process's own calls are shown (all are still traced and profiled).
    pub follow: bool,
    /// JSON lines (`-j`) instead of text.
    pub json: bool,
    /// Show each call (false with `-c`).
    pub calls: bool,
    /// Print the summary table at the end (`-c`, `-C`).
    pub summary: bool,
    /// The calls to stop at (`-e trace=`).
    pub set: SyscallSet,
    /// Longest string shown (`-s`).
    pub max_string: usize,
    /// Show the time spent in each call (`-T`).
    pub timing: bool,
    /// Keep the tracer and the program on one CPU (faster stops).
    pub pin: bool,
    /// Flush the output after every line (a terminal).
    pub flush_each: bool,
    /// Show a live count of calls on stderr (a terminal, while the output goes elsewhere).
    pub live: bool,
    /// Keep up to this many calls as [`Event`]s in the outcome (for scripts; 0: none).
    pub keep_events: usize,
    /// Give the program /dev/null as stdin (a batch's commands are on ours).
    pub null_stdin: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            follow: false,
            json: false,
            calls: true,
            summary: false,
            set: SyscallSet::all(),
            max_string: 32,
            timing: false,
            pin: true,
            flush_each: false,
            live: false,
            keep_events: 0,
            null_stdin: false,
        }
    }
}

/// How a trace ended.
#[derive(Debug)]
pub(crate) struct Outcome {
    /// How the command ended (the first process).
    pub exit: Exit,
    /// What the trace leaves for suggestions and summaries.
    pub profile: Profile,
    /// Ctrl-C (or SIGTERM/SIGHUP) stopped the trace and killed the program.
    pub interrupted: bool,
    /// The first calls, when [`Options::keep_events`] asked for them.
    pub events: Vec<Event>,
    /// Calls not kept because `keep_events` was reached.
    pub events_dropped: u64,
}

/// Why a trace could not run.
#[derive(Debug, thiserror::Error)]
pub enum TraceError {
    /// The program cannot be found or executed.
    #[error(transparent)]
    Launch(#[from] LaunchError),
    /// ptrace is not permitted here.
    #[error("cannot trace: ptrace is not permitted here ({reason})")]
    NotPermitted {
        /// Why, as far as we can tell.
        reason: String,
    },
    /// A system call of the tracer failed.
    #[error("cannot trace: {what} failed: {errno}")]
    Sys {
        /// What was attempted.
        what: &'static str,
        /// The error.
        errno: Errno,
    },
    /// Writing the trace failed.
    #[error("cannot write the trace: {0}")]
    Output(#[from] std::io::Error),
}

impl TraceError {
    /// The exit code for this error (125 tool failure, 126/127 for the program).
    pub fn exit_code(&self) -> i32 {
        match self {
            TraceError::Launch(e) => e.exit_code(),
            _ => crate::sandbox::status::EXIT_TOOL,
        }
    }
}

/// A call seen at its entry stop, waiting for its exit stop.
struct Pending {
    abi: Abi,
    nr: u32,
    args: [u64; 6],
    start: Instant,
    /// The call as shown (`openat(AT_FDCWD, "/etc/hosts", O_RDONLY)`), when it is shown.
    text: Option<String>,
    /// Arguments for JSON output.
    json_args: Option<Vec<String>>,
    /// Paths it uses (for the profile), recorded with the result at exit.
    paths: Vec<PathUseAt>,
    /// None for calls that need no policy (the first execve, which `run` lets through).
    shape: Option<Shape>,
    /// The task's phase when the call was made (an execve ends in the new image's).
    phase: Phase,
}

#[derive(Default)]
struct Task {
    pending: Option<Pending>,
    /// It has made a traced call (the root's start-up SIGCONT, sent by the tracer, is not
    /// shown).
    started: bool,
    /// Whether the dynamic loader is still at work in it (until the preloaded library's
    /// mark).
    phase: Option<Phase>,
}

/// The code of the report syscall the loader marker makes where the loader is done (where
/// `run` stops granting the loader's promises).
pub(crate) const TRACE_MARK: u64 = crate::sandbox::supervise::REPORT_DONE;

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_interrupt(_: libc::c_int) {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Signal handlers for Ctrl-C and friends while tracing; restored on drop.
struct Interrupts {
    old: Vec<(Signal, SigAction)>,
}

impl Interrupts {
    fn install() -> Interrupts {
        INTERRUPTED.store(false, Ordering::SeqCst);
        // No SA_RESTART: waitpid returns EINTR so the loop sees the flag at once.
        let act = SigAction::new(
            SigHandler::Handler(on_interrupt),
            SaFlags::empty(),
            SigSet::empty(),
        );
        let mut old = Vec::new();
        for s in [
            Signal::SIGINT,
            Signal::SIGTERM,
            Signal::SIGHUP,
            Signal::SIGQUIT,
        ] {
            // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
            if let Ok(prev) = unsafe { signal::sigaction(s, &act) } {
                old.push((s, prev));
            }
        }
        Interrupts { old }
    }
}

impl Drop for Interrupts {
    fn drop(&mut self) {
        for (s, prev) in &self.old {
            // SAFETY: restores the handler that was installed before.
            let _ = unsafe { signal::sigaction(*s, prev) };
        }
    }
}

/// Pins the calling thread to the CPU it runs on; restores the old mask on drop.
struct Pin {
    old: Option<libc::cpu_set_t>,
}

impl Pin {
    fn new(enable: bool) -> Pin {
        if !enable {
            return Pin { old: None };
        }
        // SAFETY: cpu_set_t is plain data; the calls get valid pointers and sizes.
        unsafe {
            let mut old: libc::cpu_set_t = std::mem::zeroed();
            if libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut old) != 0 {
                return Pin { old: None };
            }
            let cpu = libc::sched_getcpu();
            if cpu < 0 {
                return Pin { old: None };
            }
            let mut one: libc::cpu_set_t = std::mem::zeroed();
            libc::CPU_SET(cpu as usize, &mut one);
            if libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &one) != 0 {
                return Pin { old: None };
            }
            Pin { old: Some(old) }
        }
    }
}

impl Drop for Pin {
    fn drop(&mut self) {
        if let Some(old) = &self.old {
            // SAFETY: restores the mask read in `new`.
            unsafe {
                libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), old);
            }
        }
    }
}

/// `PTRACE_GET_SYSCALL_INFO`, decoded.
enum Info {
    Entry { arch: u32, nr: u64, args: [u64; 6] },
    Exit { rval: i64, is_error: bool },
    Other,
}

fn syscall_info(pid: Pid) -> Result<Info, Errno> {
    let mut buf = [0u64; 12];
    // SAFETY: the kernel writes at most `size` bytes into `buf`, which is that large.
    let n = unsafe {
        libc::ptrace(
            libc::PTRACE_GET_SYSCALL_INFO,
            pid.as_raw(),
            std::mem::size_of_val(&buf),
            buf.as_mut_ptr(),
        )
    };
    if n < 0 {
        return Err(Errno::last());
    }
    let op = (buf[0] & 0xff) as u8;
    let arch = (buf[0] >> 32) as u32;
    let args = [buf[4], buf[5], buf[6], buf[7], buf[8], buf[9]];
    Ok(match op {
        // PTRACE_SYSCALL_INFO_ENTRY (1) and _SECCOMP (3) share the nr/args layout.
        1 | 3 => Info::Entry {
            arch,
            nr: buf[3],
            args,
        },
        2 => Info::Exit {
            rval: buf[3] as i64,
            is_error: buf[4] & 0xff != 0,
        },
        _ => Info::Other,
    })
}

/// The thread-group id of a task (for "to itself" shapes).
fn tgid_of(pid: i32) -> i32 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Tgid:"))
                .and_then(|v| v.trim().parse().ok())
        })
        .unwrap_or(pid)
}

/// The tracer's state for one run.
struct Tracer<'w> {
    opts: Options,
    out: &'w mut dyn Write,
    tasks: HashMap<i32, Task>,
    root: i32,
    root_exit: Option<Exit>,
    profile: Profile,
    many: bool,
    last_live: Instant,
    /// The preloaded library will mark the end of the root's loader phase.
    expect_mark: bool,
    /// The root's first execve (started by the tracer) has been seen.
    root_exec_seen: bool,
    /// Execs of the root task so far.
    root_execs: u32,
    /// `/proc/self/fd/N` of the marking library (the loader opens it; not the program's).
    marker_path: Option<PathBuf>,
    /// The marker's memfd and its C library: an executed image whose loader loads it (as
    /// `run` checks) starts with its loader's phase too.
    marker_id: Option<((u64, u64), crate::sandbox::loader::Libc)>,
    events: Vec<Event>,
    events_dropped: u64,
}

impl Tracer<'_> {
    fn shown(&self, pid: i32) -> bool {
        self.opts.calls && (self.opts.follow || pid == self.root)
    }

    fn prefix(&self, pid: i32) -> String {
        if self.opts.follow && self.many {
            format!("[pid {pid:>5}] ")
        } else {
            String::new()
        }
    }

    fn line(&mut self, text: &str) -> std::io::Result<()> {
        self.out.write_all(text.as_bytes())?;
        self.out.write_all(b"\n")?;
        if self.opts.flush_each {
            self.out.flush()?;
        }
        Ok(())
    }

    fn resume(&self, pid: Pid, sig: Option<Signal>) {
        let task = self.tasks.get(&pid.as_raw());
        let r = if task.is_some_and(|t| t.pending.is_some()) {
            ptrace::syscall(pid, sig)
        } else {
            ptrace::cont(pid, sig)
        };
        // ESRCH: the task was killed meanwhile; its exit is reported by waitpid.
        let _ = r;
    }

    fn on_entry(&mut self, pid: i32) -> Result<(), TraceError> {
        self.profile.events += 1;
        let info = match syscall_info(Pid::from_raw(pid)) {
            Ok(i) => i,
            Err(_) => return Ok(()),
        };
        let Info::Entry { arch, nr, args } = info else {
            return Ok(());
        };
        let nr = nr as u32;
        if arch == bpf::AUDIT_ARCH_X86_64 && nr == crate::compile::seccomp::REPORT_NR {
            use crate::sandbox::supervise::REPORT_OBJECT;
            let loader = self
                .tasks
                .get(&pid)
                .is_some_and(|t| t.phase == Some(Phase::Loader));
            if loader && args[0] == REPORT_OBJECT {
                // The marker's own reports during loading: not the program's calls.
                self.profile.events -= 1;
                return Ok(());
            }
            if args[0] == TRACE_MARK {
                if let Some(t) = self.tasks.get_mut(&pid) {
                    if t.phase == Some(Phase::Loader) {
                        t.phase = Some(Phase::Program);
                        self.profile.loader_marked = true;
                        self.profile.events -= 1;
                        return Ok(());
                    }
                }
            }
        }
        let abi = if arch == bpf::AUDIT_ARCH_I386 {
            Abi::I386
        } else if nr & crate::abi::uapi::X32_SYSCALL_BIT != 0 {
            Abi::X32
        } else {
            Abi::X86_64
        };
        let shown = self.shown(pid);
        let read = move |addr: u64, len: usize| read_for_decoder(pid, addr, len);
        let style = Style {
            max_string: self.opts.max_string,
            read_memory: true,
        };
        let keep = self.events.len() < self.opts.keep_events;
        let (text, json_args) = if !shown && !keep {
            (None, None)
        } else {
            match abi {
                Abi::X86_64 => {
                    let a = signature::format_args(nr, &args, &read, style);
                    let text = (shown && !self.opts.json)
                        .then(|| format!("{}({})", call_name(abi, nr), a.join(", ")));
                    (text, Some(a))
                }
                Abi::I386 => {
                    let call = signature::format_call_i386(nr, &args);
                    (Some(format!("i386:{call}")), None)
                }
                Abi::X32 => {
                    let real = nr & !crate::abi::uapi::X32_SYSCALL_BIT;
                    let call = if real < 512 {
                        signature::format_call(real, &args, &read, style)
                    } else {
                        format!("{}(…)", syscalls::x32_name(real).unwrap_or("syscall"))
                    };
                    (Some(format!("x32:{call}")), None)
                }
            }
        };
        let (paths, shape) = match abi {
            Abi::X86_64 => {
                let name = syscalls::name(nr).unwrap_or("");
                let tgid = if matches!(name, "kill" | "tgkill") {
                    tgid_of(pid)
                } else {
                    pid
                };
                let first_exec = pid == self.root && name == "execve" && !self.root_exec_seen;
                if first_exec {
                    self.root_exec_seen = true;
                    // `run` starts the program itself: its own execve needs no promise,
                    // and the program is unveiled implicitly.
                    (Vec::new(), None)
                } else {
                    (path_uses(pid, nr, &args), Some(Shape::of(nr, &args, tgid)))
                }
            }
            _ => (Vec::new(), None),
        };
        let pending = Pending {
            abi,
            nr: if abi == Abi::X32 {
                nr & !crate::abi::uapi::X32_SYSCALL_BIT
            } else {
                nr
            },
            args,
            start: Instant::now(),
            text,
            json_args,
            paths,
            shape,
            phase: self
                .tasks
                .get(&pid)
                .and_then(|t| t.phase)
                .unwrap_or(Phase::Program),
        };
        let name = syscalls::name(pending.nr).unwrap_or("");
        if abi == Abi::X86_64 && matches!(name, "exit" | "exit_group") {
            // No return: show and record now.
            self.finish(pid, pending, None)?;
        } else if let Some(t) = self.tasks.get_mut(&pid) {
            t.pending = Some(pending);
        }
        Ok(())
    }

    fn on_exit_stop(&mut self, pid: i32) -> Result<(), TraceError> {
        let Some(pending) = self.tasks.get_mut(&pid).and_then(|t| t.pending.take()) else {
            return Ok(());
        };
        let ret = match syscall_info(Pid::from_raw(pid)) {
            Ok(Info::Exit { rval, is_error }) => Some((rval, is_error)),
            _ => None,
        };
        self.finish(pid, pending, ret)
    }

    /// Records and shows a call; `ret` is None when it did not return.
    fn finish(&mut self, pid: i32, p: Pending, ret: Option<(i64, bool)>) -> Result<(), TraceError> {
        let elapsed = p.start.elapsed();
        let errno = ret
            .filter(|(_, is_error)| *is_error)
            .map(|(r, _)| (-r) as i32);
        let ret = ret.map(|(r, _)| r);
        let failed = errno.is_some();
        let name = call_name(p.abi, p.nr);
        self.profile.record_total(&name, failed, elapsed);
        let phase = p.phase;
        match p.abi {
            Abi::X86_64 => {
                if let Some(shape) = p.shape {
                    self.profile.record_call(shape, phase, failed);
                }
                let result = errno.map_or(Ok(()), Err);
                for u in &p.paths {
                    if self.marker_path.as_ref() == Some(&u.path) {
                        continue;
                    }
                    if !u.letters.is_empty() || !u.creates {
                        self.profile
                            .record_path(&u.path, u.letters, u.dir, phase, result);
                    }
                    if u.creates && result.is_ok() {
                        self.profile.record_created(&u.path, phase);
                    }
                }
            }
            abi => self.profile.record_foreign(abi, p.nr),
        }
        let done = Done {
            pid,
            abi: p.abi,
            nr: p.nr,
            name: &name,
            args: &p.args,
            decoded: p.json_args.as_deref(),
            ret,
            errno,
            elapsed,
        };
        if self.events.len() < self.opts.keep_events {
            self.events.push(output::call_event(&done));
        } else if self.opts.keep_events > 0 {
            self.events_dropped += 1;
        }
        if !self.shown(pid) {
            return Ok(());
        }
        let prefix = self.prefix(pid);
        if self.opts.json {
            self.line(&output::call_json(&done))?;
        } else {
            let call = p.text.as_deref().unwrap_or_default();
            let text = output::call_text(&done, call, self.opts.timing);
            self.line(&format!("{prefix}{text}"))?;
        }
        Ok(())
    }

    fn event_line(
        &mut self,
        pid: i32,
        json: serde_json::Value,
        text: String,
    ) -> Result<(), TraceError> {
        if !self.opts.calls || !(self.opts.follow || pid == self.root) {
            return Ok(());
        }
        if self.opts.json {
            self.line(&json.to_string())?;
        } else {
            let prefix = self.prefix(pid);
            self.line(&format!("{prefix}{text}"))?;
        }
        Ok(())
    }

    fn task_gone(&mut self, pid: i32, exit: Exit) -> Result<(), TraceError> {
        if let Some(t) = self.tasks.remove(&pid) {
            if let Some(p) = t.pending {
                // Killed or exited inside a call (exit has no exit stop).
                self.finish(pid, p, None)?;
            }
        }
        if pid == self.root {
            self.root_exit = Some(exit);
        }
        let (json, text) = output::exit_event(pid, exit);
        self.event_line(pid, json, text)
    }

    fn live(&mut self) {
        if self.opts.live
            && self.profile.events % 256 == 0
            && self.last_live.elapsed() > Duration::from_millis(200)
        {
            self.last_live = Instant::now();
            eprint!(
                "\r{} calls traced, {} tasks",
                self.profile.events, self.profile.tasks
            );
        }
    }

    fn new_task(&mut self, pid: i32) {
        if let std::collections::hash_map::Entry::Vacant(e) = self.tasks.entry(pid) {
            e.insert(Task::default());
            self.profile.tasks += 1;
            if self.tasks.len() > 1 {
                self.many = true;
            }
        }
    }

    fn kill_all(&self) {
        for pid in self.tasks.keys() {
            let _ = signal::kill(Pid::from_raw(*pid), Signal::SIGKILL);
        }
    }

    fn run(&mut self) -> Result<(), TraceError> {
        let mut killed = false;
        loop {
            if INTERRUPTED.load(Ordering::SeqCst) && !killed {
                killed = true;
                self.kill_all();
            }
            let status = match waitpid(None, Some(WaitPidFlag::__WALL)) {
                Ok(s) => s,
                Err(Errno::EINTR) => continue,
                Err(Errno::ECHILD) => return Ok(()),
                Err(errno) => {
                    return Err(TraceError::Sys {
                        what: "waitpid",
                        errno,
                    });
                }
            };
            self.live();
            match status {
                WaitStatus::Exited(pid, code) => self.task_gone(pid.as_raw(), Exit::Code(code))?,
                WaitStatus::Signaled(pid, sig, _) => {
                    self.task_gone(pid.as_raw(), Exit::Signal(sig as i32))?;
                }
                WaitStatus::PtraceEvent(pid, _, event) => {
                    let raw = pid.as_raw();
                    self.new_task(raw);
                    match event {
                        libc::PTRACE_EVENT_SECCOMP => {
                            if let Some(t) = self.tasks.get_mut(&raw) {
                                t.started = true;
                            }
                            self.on_entry(raw)?;
                        }
                        libc::PTRACE_EVENT_FORK
                        | libc::PTRACE_EVENT_VFORK
                        | libc::PTRACE_EVENT_CLONE => {
                            if let Ok(child) = ptrace::getevent(pid) {
                                self.new_task(child as i32);
                            }
                        }
                        libc::PTRACE_EVENT_EXEC => {
                            // A thread other than the leader exec'd: it now has the
                            // leader's id, and the old id is gone without a report.
                            if let Ok(former) = ptrace::getevent(pid) {
                                let former = former as i32;
                                if former != raw {
                                    if let Some(t) = self.tasks.remove(&former) {
                                        if let Some(task) = self.tasks.get_mut(&raw) {
                                            task.pending = t.pending;
                                        }
                                    }
                                }
                            }
                            if let Ok(exe) = std::fs::read_link(format!("/proc/{raw}/exe")) {
                                self.profile.record_exec(&exe);
                            }
                            // The root's first program starts with the loader's phase when
                            // the marking library was preloaded; a later image when `run`
                            // would narrow it after its loader (its loader loads the marker).
                            if raw == self.root {
                                self.root_execs += 1;
                            }
                            let first =
                                raw == self.root && self.root_execs == 1 && self.expect_mark;
                            let narrowed = !first
                                && self.marker_id.is_some_and(|(id, libc)| {
                                    crate::sandbox::supervise::inspect_exec(raw, id, libc)
                                        .is_ok_and(|i| i.is_some())
                                });
                            if let Some(t) = self.tasks.get_mut(&raw) {
                                t.phase = if (first && !self.profile.loader_marked) || narrowed {
                                    Some(Phase::Loader)
                                } else {
                                    Some(Phase::Program)
                                };
                            }
                        }
                        libc::PTRACE_EVENT_STOP => {
                            let sig = ptrace::getsiginfo(pid).map(|i| i.si_signo).unwrap_or(0);
                            if matches!(
                                sig,
                                libc::SIGSTOP | libc::SIGTSTP | libc::SIGTTIN | libc::SIGTTOU
                            ) {
                                // Group-stop: stay stopped until SIGCONT, without blocking
                                // the tracer (PTRACE_LISTEN).
                                // SAFETY: a plain ptrace request on a stopped tracee.
                                unsafe {
                                    libc::ptrace(libc::PTRACE_LISTEN, raw, 0, 0);
                                }
                                continue;
                            }
                        }
                        _ => {}
                    }
                    self.resume(pid, None);
                }
                WaitStatus::PtraceSyscall(pid) => {
                    self.new_task(pid.as_raw());
                    self.on_exit_stop(pid.as_raw())?;
                    self.resume(pid, None);
                }
                WaitStatus::Stopped(pid, sig) => {
                    // Signal-delivery-stop: show it and pass it on.
                    let raw = pid.as_raw();
                    self.new_task(raw);
                    if raw == self.root && sig == Signal::SIGCONT && !self.tasks[&raw].started {
                        self.resume(pid, Some(sig));
                        continue;
                    }
                    let (json, text) = output::signal_event(raw, sig as i32);
                    self.event_line(raw, json, text)?;
                    self.resume(pid, Some(sig));
                }
                WaitStatus::Continued(_) | WaitStatus::StillAlive => {}
            }
        }
    }
}

/// The reason ptrace was refused, as far as we can tell.
fn not_permitted_reason(child: i32) -> String {
    if let Ok(s) = std::fs::read_to_string(format!("/proc/{child}/status")) {
        if let Some(t) = s.lines().find_map(|l| l.strip_prefix("TracerPid:")) {
            let t = t.trim();
            if t != "0" {
                let comm = std::fs::read_to_string(format!("/proc/{t}/comm")).unwrap_or_default();
                return format!("the program is already traced by pid {t} ({})", comm.trim());
            }
        }
    }
    match std::fs::read_to_string("/proc/sys/kernel/yama/ptrace_scope") {
        Ok(s) if s.trim() == "3" => {
            return "Yama ptrace_scope is 3: ptrace is disabled on this system".into();
        }
        Ok(s) if s.trim() == "2" => {
            return "Yama ptrace_scope is 2: only processes with CAP_SYS_PTRACE may trace".into();
        }
        _ => {}
    }
    "the ptrace system call was refused: a container or a seccomp profile may forbid it (Docker needs --cap-add SYS_PTRACE or a profile allowing ptrace)".into()
}

/// Traces `argv` to `out` until every traced task has ended (or Ctrl-C).
///
/// # Errors
/// [`TraceError`]: program not found or not executable, ptrace not permitted, output failed.
pub(crate) fn trace(
    argv: &[OsString],
    opts: &Options,
    out: &mut dyn Write,
) -> Result<Outcome, TraceError> {
    let Some(first) = argv.first() else {
        return Err(LaunchError::NotFound(String::new()).into());
    };
    let program = launch::find_program(first)?;
    let to_c = |s: &[u8]| CString::new(s).ok();
    let path_c =
        to_c(program.as_os_str().as_bytes()).ok_or_else(|| LaunchError::NotExecutable {
            path: program.clone(),
            reason: "the path contains a NUL byte".into(),
        })?;
    let argv_c: Vec<CString> = argv
        .iter()
        .map(|a| to_c(a.as_bytes()))
        .collect::<Option<_>>()
        .ok_or_else(|| LaunchError::NotExecutable {
            path: program.clone(),
            reason: "an argument contains a NUL byte".into(),
        })?;
    // The program gets the loader marker `run` uses, so the trace knows which calls are the
    // loader's (see preload.c). It stays in the environment and the descriptor table, as
    // under `run` when executed programs are narrowed, so that the dynamic programs this
    // one executes mark their loader's end too. A static program gets none (its descriptors
    // stay as they are): the dynamic programs it executes are traced whole.
    let libc = match crate::sandbox::elf::inspect(&program).map(|k| k.innermost().clone()) {
        Ok(crate::sandbox::elf::Kind::Dynamic { interpreter }) => {
            crate::sandbox::loader::system_loader(&interpreter)
                .ok()
                .map(|l| l.libc)
        }
        _ => None,
    };
    let marker = match libc {
        Some(crate::sandbox::loader::Libc::Glibc) => Some((
            launch::sealed_memfd(
                "seccomp-pledge-marker",
                &launch::keep_marker(crate::sandbox::preload::AUDIT),
            )?,
            "LD_AUDIT",
        )),
        Some(crate::sandbox::loader::Libc::Musl) => Some((
            launch::sealed_memfd(
                "seccomp-pledge-marker",
                &launch::keep_marker(crate::sandbox::preload::PRELOAD),
            )?,
            "LD_PRELOAD",
        )),
        None => None,
    };
    let marker_id = match (&marker, libc) {
        (Some((fd, _)), Some(libc)) => Some((launch::memfd_identity(fd)?, libc)),
        _ => None,
    };
    let mut env: Vec<(OsString, OsString)> = std::env::vars_os().collect();
    if let Some((fd, var)) = &marker {
        use std::os::fd::AsRawFd;
        let mut value = OsString::from(format!("/proc/self/fd/{}", fd.as_raw_fd()));
        if let Some(i) = env.iter().position(|(k, _)| k.as_bytes() == var.as_bytes()) {
            let (_, v) = env.remove(i);
            if !v.is_empty() {
                value.push(":");
                value.push(v);
            }
        }
        env.push((OsString::from(var), value));
    }
    let marker = marker.map(|(fd, _)| fd);
    let marker_fd = marker.as_ref().map_or(-1, |fd| {
        use std::os::fd::AsRawFd;
        fd.as_raw_fd()
    });
    let env_c: Vec<CString> = env
        .into_iter()
        .filter_map(|(k, v)| {
            let mut kv = k.as_bytes().to_vec();
            kv.push(b'=');
            kv.extend_from_slice(v.as_bytes());
            CString::new(kv).ok()
        })
        .collect();
    let mut argv_p: Vec<*const libc::c_char> = argv_c.iter().map(|c| c.as_ptr()).collect();
    argv_p.push(std::ptr::null());
    let mut env_p: Vec<*const libc::c_char> = env_c.iter().map(|c| c.as_ptr()).collect();
    env_p.push(std::ptr::null());
    let filter = opts.set.filter();
    let prog = libc::sock_fprog {
        len: filter.len() as u16,
        filter: filter.as_ptr() as *mut libc::sock_filter,
    };

    // Opened before the fork: the child only dup2s it.
    let null_stdin = if opts.null_stdin {
        Some(
            std::fs::File::open("/dev/null").map_err(|e| TraceError::Sys {
                what: "open /dev/null",
                errno: Errno::from_raw(e.raw_os_error().unwrap_or(libc::EIO)),
            })?,
        )
    } else {
        None
    };
    let null_fd = null_stdin.as_ref().map_or(-1, |f| {
        use std::os::fd::AsRawFd;
        f.as_raw_fd()
    });
    let _pin = Pin::new(opts.pin);
    let _interrupts = Interrupts::install();
    // SAFETY: the child only makes async-signal-safe calls (kill, prctl, syscall, execve,
    // write, _exit) on memory prepared before the fork.
    let child = unsafe { libc::fork() };
    if child < 0 {
        return Err(TraceError::Sys {
            what: "fork",
            errno: Errno::last(),
        });
    }
    if child == 0 {
        // SAFETY: see above; nothing here allocates or takes a lock.
        unsafe {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            libc::signal(libc::SIGTERM, libc::SIG_DFL);
            libc::signal(libc::SIGHUP, libc::SIG_DFL);
            libc::signal(libc::SIGQUIT, libc::SIG_DFL);
            libc::kill(libc::getpid(), libc::SIGSTOP);
            if marker_fd >= 0 {
                libc::fcntl(marker_fd, libc::F_SETFD, 0);
            }
            if null_fd >= 0 {
                libc::dup2(null_fd, 0);
            }
            if libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0
                || libc::syscall(libc::SYS_seccomp, 1, 0, &prog as *const libc::sock_fprog) != 0
            {
                let msg = b"seccomp-pledge: error: cannot install the tracing filter\n";
                libc::write(2, msg.as_ptr().cast(), msg.len());
                libc::_exit(125);
            }
            libc::execve(path_c.as_ptr(), argv_p.as_ptr(), env_p.as_ptr());
            let code = if *libc::__errno_location() == libc::ENOENT {
                127
            } else {
                126
            };
            libc::_exit(code);
        }
    }
    let pid = Pid::from_raw(child);
    let kill_child = || {
        let _ = signal::kill(pid, Signal::SIGKILL);
        let _ = waitpid(pid, None);
    };
    match waitpid(pid, Some(WaitPidFlag::WSTOPPED)) {
        Ok(WaitStatus::Stopped(_, Signal::SIGSTOP)) => {}
        Ok(other) => {
            kill_child();
            return Err(TraceError::NotPermitted {
                reason: format!("the program did not stop as expected ({other:?})"),
            });
        }
        Err(errno) => {
            kill_child();
            return Err(TraceError::Sys {
                what: "waitpid",
                errno,
            });
        }
    }
    let options = ptrace::Options::PTRACE_O_TRACESYSGOOD
        | ptrace::Options::PTRACE_O_TRACESECCOMP
        | ptrace::Options::PTRACE_O_TRACEFORK
        | ptrace::Options::PTRACE_O_TRACEVFORK
        | ptrace::Options::PTRACE_O_TRACECLONE
        | ptrace::Options::PTRACE_O_TRACEEXEC
        | ptrace::Options::PTRACE_O_EXITKILL;
    if let Err(e) = ptrace::seize(pid, options) {
        let reason = if e == Errno::EPERM {
            not_permitted_reason(child)
        } else {
            format!("PTRACE_SEIZE failed: {e}")
        };
        kill_child();
        return Err(TraceError::NotPermitted { reason });
    }
    let _ = signal::kill(pid, Signal::SIGCONT);

    let mut tracer = Tracer {
        opts: opts.clone(),
        out,
        tasks: HashMap::new(),
        root: child,
        root_exit: None,
        profile: Profile::default(),
        many: false,
        last_live: Instant::now(),
        expect_mark: marker.is_some(),
        marker_id,
        root_exec_seen: false,
        root_execs: 0,
        marker_path: (marker_fd >= 0).then(|| PathBuf::from(format!("/proc/self/fd/{marker_fd}"))),
        events: Vec::new(),
        events_dropped: 0,
    };
    tracer.profile.filtered = !opts.set.is_all();
    tracer.new_task(child);
    let result = tracer.run();
    if result.is_err() {
        tracer.kill_all();
        while waitpid(None, Some(WaitPidFlag::__WALL)).is_ok() {}
    }
    if opts.live {
        eprint!("\r\x1b[K");
    }
    tracer.out.flush()?;
    result?;
    if !tracer.profile.loader_marked {
        tracer.profile.fold_loader();
    }
    drop(marker);
    let interrupted = INTERRUPTED.load(Ordering::SeqCst);
    Ok(Outcome {
        exit: tracer.root_exit.unwrap_or(Exit::Signal(libc::SIGKILL)),
        profile: tracer.profile,
        interrupted,
        events: tracer.events,
        events_dropped: tracer.events_dropped,
    })
}
