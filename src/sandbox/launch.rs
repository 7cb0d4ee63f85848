//! Launching a confined program: everything is resolved and compiled in the parent
//! ([`prepare`]), then [`Launch::run`] forks, the child applies the prepared state and
//! executes the program (see `child`), and the parent stays as supervisor: it forwards
//! terminal signals to the sandbox and returns the program's exit status.

use std::ffi::{CString, OsStr, OsString};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};

use super::child::{self, ChildError, ChildPlan, Stage};
use super::elf::{self, Kind};
use super::status::{EXIT_NOT_EXECUTABLE, EXIT_NOT_FOUND, EXIT_TOOL, Exit};
use crate::compile::landlock::{self as ll, Source, UnveilSpec};
use crate::compile::seccomp::{self, CompileError, Filter, FilterSpec};
use crate::policy::promise::{Promise, PromiseSet};
use crate::policy::{Perms, Policy, PolicyError};

/// Library directories a dynamic program's loader reads (pledge.com's list).
const LIB_DIRS: &[&str] = &[
    "/lib",
    "/lib64",
    "/usr/lib",
    "/usr/lib64",
    "/usr/local/lib",
    "/usr/local/lib64",
];
/// Loader configuration files.
const LOADER_FILES: &[&str] = &[
    "/etc/ld.so.conf",
    "/etc/ld.so.cache",
    "/etc/ld.so.conf.d",
    "/etc/ld.so.preload",
    "/etc/ld-musl-x86_64.path",
];

/// Why a program cannot be launched.
#[derive(Debug, thiserror::Error)]
pub enum LaunchError {
    /// No command given.
    #[error(
        "no command to run: give a program and its arguments, e.g. `seccomp-pledge -p 'stdio rpath' -- ls`"
    )]
    NoCommand,
    /// Not found in PATH or at the given path.
    #[error("`{0}`: command not found")]
    NotFound(String),
    /// Found but cannot be executed.
    #[error("`{path}` cannot be executed: {reason}")]
    NotExecutable {
        /// The path.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A 32-bit or foreign-architecture program.
    #[error(
        "cannot confine `{path}`: it is a {description}; its system calls use another ABI, which every seccomp-pledge filter kills (only x86_64 programs can run)"
    )]
    Foreign {
        /// The program (or its interpreter).
        path: PathBuf,
        /// What it is.
        description: String,
    },
    /// The policy is invalid.
    #[error(transparent)]
    Policy(#[from] PolicyError),
    /// The filter cannot be compiled.
    #[error(transparent)]
    Compile(#[from] CompileError),
    /// The Landlock ruleset cannot be prepared.
    #[error(transparent)]
    Landlock(#[from] ll::LandlockError),
    /// A step in the child failed.
    #[error("{} failed: {}", stage.describe(), std::io::Error::from_raw_os_error(*errno))]
    Child {
        /// The step.
        stage: Stage,
        /// Its errno.
        errno: i32,
        /// The program, for exec failures.
        program: PathBuf,
    },
    /// fork, pipe or wait failed.
    #[error("{what}: {source}")]
    System {
        /// The failing operation.
        what: &'static str,
        /// The error.
        #[source]
        source: std::io::Error,
    },
}

impl LaunchError {
    /// The documented exit code for this failure.
    pub fn exit_code(&self) -> i32 {
        match self {
            LaunchError::NotFound(_) => EXIT_NOT_FOUND,
            LaunchError::NotExecutable { .. } => EXIT_NOT_EXECUTABLE,
            LaunchError::Child {
                stage: Stage::Exec,
                errno,
                ..
            } => {
                if *errno == libc::ENOENT {
                    EXIT_NOT_FOUND
                } else {
                    EXIT_NOT_EXECUTABLE
                }
            }
            _ => EXIT_TOOL,
        }
    }
}

/// A program ready to run: resolved, inspected, compiled.
pub struct Launch {
    /// The program's resolved path.
    pub program: PathBuf,
    /// What kind of executable it is.
    pub kind: Kind,
    /// The promises asked for.
    pub requested: PromiseSet,
    /// Promises added so the program can start (loader, our own execve).
    pub added: PromiseSet,
    /// The compiled filter.
    pub filter: Filter,
    /// What Landlock will enforce.
    pub landlock: ll::Report,
    /// Things the user must hear before the program runs.
    pub warnings: Vec<String>,
    child: ChildPlan,
    ruleset: Option<OwnedFd>,
}

/// Finds a program the way a shell does: a name with a `/` is a path, anything else is
/// searched in `$PATH` (default `/usr/local/bin:/usr/bin:/bin`).
///
/// # Errors
/// [`LaunchError::NotFound`] or [`LaunchError::NotExecutable`].
pub fn find_program(name: &OsStr) -> Result<PathBuf, LaunchError> {
    let display = name.to_string_lossy().into_owned();
    if name.is_empty() {
        return Err(LaunchError::NotFound(display));
    }
    if name.as_bytes().contains(&b'/') {
        let p = PathBuf::from(name);
        return check_executable(&p).map(|()| p).map_err(|e| match e {
            Some(reason) => LaunchError::NotExecutable {
                path: PathBuf::from(name),
                reason,
            },
            None => LaunchError::NotFound(display),
        });
    }
    let path =
        std::env::var_os("PATH").unwrap_or_else(|| OsString::from("/usr/local/bin:/usr/bin:/bin"));
    let mut denied = None;
    for dir in std::env::split_paths(&path) {
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        };
        let candidate = dir.join(name);
        match check_executable(&candidate) {
            Ok(()) => return Ok(candidate),
            Err(Some(reason)) => {
                denied.get_or_insert((candidate, reason));
            }
            Err(None) => {}
        }
    }
    match denied {
        Some((path, reason)) => Err(LaunchError::NotExecutable { path, reason }),
        None => Err(LaunchError::NotFound(display)),
    }
}

/// `Ok` when executable; `Err(None)` when missing; `Err(Some(reason))` otherwise.
fn check_executable(p: &Path) -> Result<(), Option<String>> {
    let meta = std::fs::metadata(p).map_err(|_| None)?;
    if meta.is_dir() {
        return Err(Some("it is a directory".to_string()));
    }
    let c = CString::new(p.as_os_str().as_bytes()).map_err(|_| None)?;
    // SAFETY: `c` is a valid NUL-terminated path.
    if unsafe { libc::access(c.as_ptr(), libc::X_OK) } != 0 {
        return Err(Some(std::io::Error::last_os_error().to_string()));
    }
    Ok(())
}

/// The promises the loader and our own `execve` need for this kind of program.
pub fn loader_promises(kind: &Kind) -> PromiseSet {
    match kind.innermost() {
        Kind::Dynamic { .. } => PromiseSet::of(&[Promise::Exec, Promise::Rpath, Promise::ProtExec]),
        _ => PromiseSet::of(&[Promise::Exec]),
    }
}

fn implicit(path: impl Into<PathBuf>, perms: &str, why: &str) -> UnveilSpec {
    UnveilSpec {
        path: path.into(),
        perms: Perms::parse(perms).expect("static permission letters"),
        source: Source::Implicit(why.to_string()),
    }
}

/// The unveil rules of a run: the program and what its loader reads, what each promise
/// implies (pledge.com's list), then the user's.
pub fn unveil_specs(policy: &Policy, program: &Path, kind: &Kind) -> Vec<UnveilSpec> {
    let mut specs = vec![implicit(program, "rx", "the program")];
    if let Kind::Script { interpreter, .. } = kind {
        specs.push(implicit(
            interpreter.clone(),
            "rx",
            "the script's interpreter",
        ));
    }
    if let Kind::Dynamic { interpreter } = kind.innermost() {
        specs.push(implicit(interpreter.clone(), "rx", "the dynamic loader"));
        for d in LIB_DIRS {
            specs.push(implicit(*d, "rx", "the dynamic loader"));
        }
        for f in LOADER_FILES {
            specs.push(implicit(*f, "r", "the dynamic loader"));
        }
    }
    for p in policy.promises.iter() {
        for u in p.info().unveils {
            let path = match u.path {
                "$TTY" => match tty_name() {
                    Some(t) => t,
                    None => continue,
                },
                "$TMPPATH" => match std::env::var_os("TMPPATH") {
                    Some(t) if !t.is_empty() => PathBuf::from(t),
                    _ => continue,
                },
                other => PathBuf::from(other),
            };
            specs.push(implicit(path, u.perms, &format!("promise {}", p.name())));
        }
    }
    for u in &policy.unveils {
        specs.push(UnveilSpec {
            path: u.path.clone(),
            perms: u.perms,
            source: Source::User,
        });
    }
    specs
}

fn tty_name() -> Option<PathBuf> {
    let mut buf = [0u8; 256];
    // SAFETY: ttyname_r writes at most buf.len() bytes including the NUL.
    let r = unsafe { libc::ttyname_r(0, buf.as_mut_ptr().cast(), buf.len()) };
    if r != 0 {
        return None;
    }
    let end = buf.iter().position(|&b| b == 0)?;
    Some(PathBuf::from(OsStr::from_bytes(&buf[..end])))
}

/// Resolves the program, inspects it, compiles the filter and prepares Landlock.
///
/// # Errors
/// Anything that keeps the run from being enforced as asked; nothing has run yet.
pub fn prepare(policy: &Policy, argv: &[OsString]) -> Result<Launch, LaunchError> {
    policy.validate()?;
    let Some(name) = argv.first() else {
        return Err(LaunchError::NoCommand);
    };
    let program = find_program(name)?;
    let kind = elf::inspect(&program).map_err(|e| LaunchError::NotExecutable {
        path: program.clone(),
        reason: e.to_string(),
    })?;
    if let Kind::Foreign { description } = kind.innermost() {
        let path = match &kind {
            Kind::Script { interpreter, .. } => interpreter.clone(),
            _ => program.clone(),
        };
        return Err(LaunchError::Foreign {
            path,
            description: description.clone(),
        });
    }

    let requested = policy.promises;
    let added = loader_promises(&kind).difference(requested);
    let mut warnings = Vec::new();
    if !added.is_empty() {
        warnings.push(format!(
            "added {} `{added}` so that `{}` ({}) can start; {} in force for the whole run",
            if added.len() == 1 {
                "promise"
            } else {
                "promises"
            },
            program.display(),
            kind.describe(),
            if added.len() == 1 {
                "it stays"
            } else {
                "they stay"
            },
        ));
    }
    let effective = requested.union(added);
    let filter = seccomp::compile(&FilterSpec {
        promises: effective,
        rules: &policy.rules,
        penalty: policy.penalty.action(),
    })?;

    let specs = unveil_specs(policy, &program, &kind);
    let prepared = ll::prepare(&specs, policy.options.unveil, policy.options.strict)?;
    for d in &prepared.report.dropped {
        warnings.push(format!("landlock: {d}"));
    }
    warnings.extend(prepared.report.notes.iter().map(|n| format!("unveil: {n}")));

    let mut rlimits = policy.limits.resolve();
    let nofile = rlimits
        .iter()
        .position(|l| l.resource == libc::RLIMIT_NOFILE)
        .map(|i| rlimits.remove(i));

    let to_c = |s: &OsStr| CString::new(s.as_bytes());
    let argv_storage = argv
        .iter()
        .map(|a| to_c(a))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| LaunchError::NotExecutable {
            path: program.clone(),
            reason: "an argument contains a NUL byte".into(),
        })?;
    let envp_storage: Vec<CString> = std::env::vars_os()
        .filter_map(|(k, v)| {
            let mut kv = k.into_vec();
            kv.push(b'=');
            kv.extend_from_slice(v.as_bytes());
            CString::new(kv).ok()
        })
        .collect();
    let ruleset_fd = prepared.ruleset.as_ref().map_or(-1, |f| f.as_raw_fd());
    let mut child = ChildPlan {
        path: to_c(program.as_os_str())
            .map_err(|_| LaunchError::NotFound(program.display().to_string()))?,
        argv_storage,
        envp_storage,
        argv: Vec::new(),
        envp: Vec::new(),
        filter: filter.program.clone(),
        pid_slots: filter.pid_slots.clone(),
        filter_flags: 0,
        rlimits,
        nofile,
        ruleset_fd,
        child_rules: prepared.child_rules,
        nice: policy.options.nice,
        keep_fds: policy.options.keep_fds,
        keep_caps: policy.options.keep_caps,
        err_fd: -1,
        // SAFETY: getpid has no preconditions.
        parent_pid: unsafe { libc::getpid() },
        dev_null: CString::new("/dev/null").expect("no NUL"),
    };
    child.finish_pointers();
    Ok(Launch {
        program,
        kind,
        requested,
        added,
        filter,
        landlock: prepared.report,
        warnings,
        child,
        ruleset: prepared.ruleset,
    })
}

/// Signals the supervisor handles itself instead of dying from them.
const SUPERVISED: [libc::c_int; 7] = [
    libc::SIGINT,
    libc::SIGTERM,
    libc::SIGHUP,
    libc::SIGQUIT,
    libc::SIGCHLD,
    libc::SIGTSTP,
    libc::SIGCONT,
];

fn sigset(signals: &[libc::c_int]) -> libc::sigset_t {
    // SAFETY: sigemptyset/sigaddset initialise the set we own.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for &s in signals {
            libc::sigaddset(&mut set, s);
        }
        set
    }
}

fn sys_err(what: &'static str) -> LaunchError {
    LaunchError::System {
        what,
        source: std::io::Error::last_os_error(),
    }
}

impl Launch {
    /// Forks, confines and executes the program, supervises it until it ends, and returns
    /// how it ended.
    ///
    /// # Errors
    /// The child could not be set up or could not execute the program; nothing of the
    /// program ran in that case.
    pub fn run(mut self) -> Result<Exit, LaunchError> {
        let set = sigset(&SUPERVISED);
        let mut old: libc::sigset_t = sigset(&[]);
        // SAFETY: blocking signals in this thread; `old` receives the previous mask.
        unsafe { libc::pthread_sigmask(libc::SIG_BLOCK, &set, &mut old) };
        let result = self.spawn_and_wait(&set);
        // SAFETY: restoring the mask saved above.
        unsafe { libc::pthread_sigmask(libc::SIG_SETMASK, &old, std::ptr::null_mut()) };
        result
    }

    fn spawn_and_wait(&mut self, set: &libc::sigset_t) -> Result<Exit, LaunchError> {
        let mut fds = [0; 2];
        // SAFETY: pipe2 fills two fds.
        if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } < 0 {
            return Err(sys_err("creating the error pipe"));
        }
        // SAFETY: both fds were just created and are owned here.
        let (rd, wr) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
        self.child.err_fd = wr.as_raw_fd();
        let pid = spawn(&mut self.child)?;
        drop(wr);
        drop(self.ruleset.take());
        let mut buf = [0u8; ChildError::SIZE];
        let n = read_full(rd.as_raw_fd(), &mut buf);
        drop(rd);
        if n == ChildError::SIZE {
            let status = wait_for(pid)?;
            let _ = status;
            if let Some(e) = ChildError::decode(&buf) {
                return Err(LaunchError::Child {
                    stage: e.stage,
                    errno: e.errno,
                    program: self.program.clone(),
                });
            }
        }
        supervise(pid, set)
    }
}

/// Starts the child with `clone(CLONE_VM | CLONE_VFORK)`: no page tables are copied and this
/// thread sleeps until the child has executed the program (or failed and exited), like
/// `posix_spawn`. The child runs on its own stack and only makes raw system calls on memory
/// prepared for it (see `child`), so sharing the address space while we sleep is safe.
fn spawn(plan: &mut ChildPlan) -> Result<libc::pid_t, LaunchError> {
    extern "C" fn entry(arg: *mut libc::c_void) -> libc::c_int {
        // SAFETY: `arg` is the `ChildPlan` passed to clone below, alive until the child has
        // executed or exited (the parent is suspended by CLONE_VFORK until then).
        unsafe { child::run(&mut *arg.cast::<ChildPlan>()) }
    }
    const STACK: usize = 256 * 1024;
    let mut stack = vec![0u8; STACK];
    // SAFETY: the stack grows down from its (16-byte aligned) end; `plan` outlives the call
    // because the parent does not run again until the child has left this memory.
    let pid = unsafe {
        let top = stack.as_mut_ptr().add(STACK);
        let top = top.sub(top as usize % 16);
        libc::clone(
            entry,
            top.cast(),
            libc::CLONE_VM | libc::CLONE_VFORK | libc::SIGCHLD,
            std::ptr::from_mut(plan).cast(),
        )
    };
    drop(stack);
    if pid < 0 {
        return Err(sys_err("clone"));
    }
    Ok(pid)
}

fn read_full(fd: libc::c_int, buf: &mut [u8]) -> usize {
    let mut n = 0;
    while n < buf.len() {
        // SAFETY: reading into the unfilled part of `buf`.
        let r = unsafe { libc::read(fd, buf[n..].as_mut_ptr().cast(), buf.len() - n) };
        if r < 0 {
            if std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
                continue;
            }
            break;
        }
        if r == 0 {
            break;
        }
        n += r as usize;
    }
    n
}

fn wait_for(pid: libc::pid_t) -> Result<i32, LaunchError> {
    let mut status = 0;
    loop {
        // SAFETY: waiting for our own child.
        let r = unsafe { libc::waitpid(pid, &mut status, 0) };
        if r == pid {
            return Ok(status);
        }
        if std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
            return Err(sys_err("waitpid"));
        }
    }
}

/// Waits for the child, forwarding terminal signals to its process group (it runs in its
/// own session, so the terminal only signals us).
fn supervise(pid: libc::pid_t, set: &libc::sigset_t) -> Result<Exit, LaunchError> {
    // SAFETY: signalfd on a set of signals blocked in this thread.
    let sfd = unsafe { libc::signalfd(-1, set, libc::SFD_CLOEXEC) };
    if sfd < 0 {
        return wait_for(pid).map(Exit::from_wait_status);
    }
    // SAFETY: sfd was just created and is owned here.
    let sfd = unsafe { OwnedFd::from_raw_fd(sfd) };
    loop {
        let mut status = 0;
        // SAFETY: non-blocking wait for our own child.
        let r = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        if r == pid {
            return Ok(Exit::from_wait_status(status));
        }
        if r < 0 && std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
            return Err(sys_err("waitpid"));
        }
        // SAFETY: reading one siginfo record into a zeroed buffer of the right size.
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
            continue;
        }
        let sig = info.ssi_signo as libc::c_int;
        // SAFETY: kill only signals the sandbox's process group (or the child itself).
        unsafe {
            match sig {
                libc::SIGCHLD => {}
                libc::SIGTSTP => {
                    forward(pid, libc::SIGSTOP);
                    libc::raise(libc::SIGSTOP);
                }
                libc::SIGCONT => forward(pid, libc::SIGCONT),
                other => forward(pid, other),
            }
        }
    }
}

unsafe fn forward(pid: libc::pid_t, sig: libc::c_int) {
    // SAFETY: signalling the child's process group, falling back to the child.
    unsafe {
        if libc::kill(-pid, sig) < 0 {
            libc::kill(pid, sig);
        }
    }
}
