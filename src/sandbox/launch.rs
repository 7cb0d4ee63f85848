//! Launching a confined program: everything is resolved and compiled in the parent
//! ([`prepare`]), then [`Launch::run`] forks, the child applies the prepared state and
//! executes the program (see `child`), and the parent stays as supervisor (see `supervise`).
//!
//! The loader problem: a filter installed before `execve` must let the program start. The
//! first `execve` goes through the supervisor (user notification, answered once), so the
//! program never needs `exec` unless asked. A dynamic program's loader also needs `rpath
//! prot_exec`; they are granted by the first ("wide") filter only, and the narrowing library
//! (`preload.c`), loaded first into the program, installs a second filter that takes them
//! away once the libraries are mapped. Where that cannot be guaranteed (unknown loader, an
//! executable the kernel runs through binfmt_misc), the run is refused unless
//! `--allow-loader-promises` accepts the wider set.

use std::ffi::{CString, OsStr, OsString};
use std::io::Write;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};

use super::child::{self, ChildPlan, Shared, Stage};
use super::elf::{self, Kind};
use super::loader::{
    LIB_DIRS, LOADER_FILES, Libc, SystemLoader, loader_promises, static_marker_loader,
    system_loader, system_roots,
};
use super::os::{BlockedSignals, set_affinity};
use super::shown;
use super::status::{EXIT_NOT_EXECUTABLE, EXIT_NOT_FOUND, EXIT_TOOL};
use super::supervise::{self, Outcome};
use crate::compile::bpf;
use crate::compile::landlock::{self as ll, Source, UnveilSpec};
use crate::compile::seccomp::{self, CompileError, Filter, FilterSpec};
use crate::policy::promise::{Promise, PromiseSet};
use crate::policy::{Perms, Policy, PolicyError};

/// Said when a run has no promises at all (`-p ''`, OpenBSD's `pledge("")`).
pub(crate) const NO_PROMISES_WARNING: &str = "no promises (-p ''): the program may only exit, as under OpenBSD's pledge(\"\"); it cannot even load its libraries or write a message (give at least -p stdio)";
/// Said on every run as root without `-P`: the default limit is an `RLIMIT_NPROC`, which the
/// kernel does not apply to uid 0.
pub const ROOT_NPROC_WARNING: &str = "-P: the default process limit does not apply as root (the kernel ignores RLIMIT_NPROC for uid 0); -P N caps the sandbox's processes with a pids cgroup, -P unlimited silences this";

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
    #[error("`{}` cannot be executed: {reason}", shown(path))]
    NotExecutable {
        /// The path.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// `-c DIR` cannot be done as asked.
    #[error("-c {}: {why}", shown(path))]
    Chroot {
        /// The directory.
        path: PathBuf,
        /// What is wrong.
        why: String,
    },
    /// A 32-bit or foreign-architecture program.
    #[error(
        "cannot confine `{}`: it is a {description}; its system calls use another ABI, which every seccomp-pledge filter kills (only x86_64 programs can run)",
        shown(path)
    )]
    Foreign {
        /// The program (or its interpreter).
        path: PathBuf,
        /// What it is.
        description: String,
    },
    /// Exact promises after the loader cannot be guaranteed for this program.
    #[error(
        "cannot guarantee exactly the requested promises for `{}`: {why}; to run it anyway, accepting that risk, add --allow-loader-promises",
        shown(path)
    )]
    CannotNarrow {
        /// The program.
        path: PathBuf,
        /// Why.
        why: String,
    },
    /// The `--report` file cannot be written.
    #[error("cannot write the report file `{}`: {source}", shown(path))]
    ReportFile {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
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
    /// `--landlock-reports audit` and the kernel's Landlock records cannot be read.
    #[error(
        "--landlock-reports audit: {0}; `--landlock-reports check` explains refusals without privileges"
    )]
    LandlockReports(super::audit::Unavailable),
    /// Exec promises cannot be enforced exactly here.
    #[error("cannot enforce the exec promises (-e): {0}")]
    ExecPromises(String),
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
pub(crate) struct Launch {
    /// The program's resolved path.
    pub program: PathBuf,
    /// The promises asked for.
    pub requested: PromiseSet,
    /// `-e`: what the supervisor needs to give executed programs only the exec promises.
    pub exec_promises: Option<supervise::ExecPromises>,
    /// The filter installed before `execve`.
    pub filter: Filter,
    /// What the supervisor needs to grant the loader's promises (narrowed programs only).
    pub loader_watch: Option<supervise::LoaderWatch>,
    /// The sandbox's control group (`-k`, and `-P` when running as root).
    pub cgroup: Option<super::cgroup::Cgroup>,
    /// A control group is needed, with this pids limit ([`Launch::set_cgroup`] makes it).
    cgroup_wanted: Option<Option<u64>>,
    /// `-c DIR`, and the directory open: the child chroots into it.
    root: Option<(PathBuf, OwnedFd)>,
    /// What Landlock will enforce.
    pub landlock: ll::Report,
    /// Things the user must hear before the program runs.
    pub warnings: Vec<String>,
    /// The penalty kills the sandbox (`-k`).
    pub kill: bool,
    /// The errno denied calls fail with.
    pub errno: i32,
    /// The address-space limit asked for with `-M` (not the default), for explaining a
    /// program that could not start under it.
    address_space: Option<u64>,
    child: ChildPlan,
    /// The filter reports the child's own `execveat` (no `exec` promise): the supervisor
    /// lets that first one through.
    gate_first_exec: bool,
    ruleset: Option<OwnedFd>,
    passed: Vec<OwnedFd>,
}

/// Whether `filter` reports the child's own `execveat` to the supervisor.
fn reports_exec(filter: &Filter, child: &ChildPlan) -> bool {
    filter
        .plan
        .decide(libc::SYS_execveat as u32, &child.exec_args())
        == bpf::SECCOMP_RET_USER_NOTIF
}

/// Finds a program the way a shell does: a name with a `/` is a path, anything else is
/// searched in `$PATH` (default `/usr/local/bin:/usr/bin:/bin`).
///
/// # Errors
/// [`LaunchError::NotFound`] or [`LaunchError::NotExecutable`].
pub(crate) fn find_program(name: &OsStr) -> Result<PathBuf, LaunchError> {
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

/// How the program gets started with exactly its promises.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum LoaderMode {
    /// Nothing beyond the first `execve` is needed (static programs, or the loader's promises
    /// are already requested).
    Exact,
    /// The supervisor grants `extra` to the system loader's own calls until the loader is
    /// done (see `supervise`).
    Narrowed {
        /// Promises only the loader gets.
        extra: PromiseSet,
        /// The loader.
        loader: SystemLoader,
    },
    /// `--allow-loader-promises`: `extra` stays for the whole run.
    Wide {
        /// Promises that stay.
        extra: PromiseSet,
        /// Why exact narrowing is not possible.
        why: String,
    },
}

/// Decides how `kind` is started under `requested`.
///
/// # Errors
/// [`LaunchError::CannotNarrow`] when exactness cannot be guaranteed and the wider set was
/// not accepted.
pub(crate) fn loader_mode(
    program: &Path,
    kind: &Kind,
    requested: PromiseSet,
    accept_wide: bool,
) -> Result<LoaderMode, LaunchError> {
    let extra = loader_promises().difference(requested);
    let why = match kind.innermost() {
        Kind::Static | Kind::StaticPie => return Ok(LoaderMode::Exact),
        Kind::Dynamic { .. } if extra.is_empty() => return Ok(LoaderMode::Exact),
        Kind::Dynamic { interpreter } => match system_loader(interpreter) {
            Ok(loader) => return Ok(LoaderMode::Narrowed { extra, loader }),
            Err(why) => why,
        },
        Kind::Unknown => "it is neither an ELF executable nor a script, so the kernel may start it through an interpreter seccomp-pledge cannot inspect".to_string(),
        Kind::Foreign { description } => {
            return Err(LaunchError::Foreign {
                path: program.to_path_buf(),
                description: description.clone(),
            });
        }
        Kind::Script { .. } => unreachable!("innermost() is never a script"),
    };
    if accept_wide {
        let extra = if extra.is_empty() {
            loader_promises()
        } else {
            extra
        };
        Ok(LoaderMode::Wide { extra, why })
    } else {
        Err(LaunchError::CannotNarrow {
            path: program.to_path_buf(),
            why,
        })
    }
}

/// What `execveat` gets: the inspected ELF file itself and the argument vector the kernel
/// would have built (scripts are resolved here, as `fs/binfmt_script.c` does, so that the
/// file that runs is the file that was inspected).
pub(crate) struct Exec {
    /// The ELF to execute (the innermost interpreter for scripts).
    pub file: std::fs::File,
    /// Its path (for messages and unveils).
    pub elf: PathBuf,
    /// argv as the program receives it.
    pub argv: Vec<OsString>,
    /// What the program is.
    pub kind: Kind,
    /// Every file of the chain (the program, its interpreters) is a system file nobody but
    /// root can change: it may run by path, as a shell would (the kernel then names the
    /// process after the path, e.g. `python3` rather than `python3.11`).
    pub system: bool,
    /// The ELF that runs (the program, or the innermost interpreter) is a system file.
    pub elf_system: bool,
}

/// Opens the program once, inspects that descriptor, and follows `#!` interpreters the way
/// the kernel does (at most 4 deep).
///
/// # Errors
/// The program or an interpreter cannot be opened or is not executable.
pub(crate) fn resolve_exec(program: &Path, argv: &[OsString]) -> Result<Exec, LaunchError> {
    let not_exec = |path: &Path, reason: String| LaunchError::NotExecutable {
        path: path.to_path_buf(),
        reason,
    };
    let open = |path: &Path| {
        std::fs::File::open(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => LaunchError::NotFound(path.display().to_string()),
            _ => not_exec(path, e.to_string()),
        })
    };
    let mut path = program.to_path_buf();
    let mut file = open(&path)?;
    let mut argv = argv.to_vec();
    let mut chain: Vec<(PathBuf, Option<OsString>)> = Vec::new();
    let is_system = |p: &Path| elf::system_file(p, system_roots()).is_ok();
    let mut system = is_system(program);
    let mut elf_system = system;
    loop {
        match elf::head(&file).map_err(|e| not_exec(&path, e.to_string()))? {
            elf::Head::Script(interpreter, arg) => {
                if chain.len() >= 4 {
                    return Err(not_exec(
                        program,
                        "too many levels of #! interpreters (the kernel allows 4)".into(),
                    ));
                }
                // The kernel's argv: interpreter, its argument, the script's path, then the
                // original arguments after argv[0].
                let mut next = vec![interpreter.clone().into_os_string()];
                next.extend(arg.clone());
                next.push(path.clone().into_os_string());
                next.extend(argv.iter().skip(1).cloned());
                argv = next;
                let f = open(&interpreter).map_err(|e| match e {
                    LaunchError::NotFound(_) => not_exec(
                        &path,
                        format!("its interpreter `{}` was not found", shown(&interpreter)),
                    ),
                    e => e,
                })?;
                check_executable(&interpreter)
                    .map_err(|e| not_exec(&interpreter, e.unwrap_or_else(|| "not found".into())))?;
                elf_system = is_system(&interpreter);
                system &= elf_system;
                chain.push((interpreter.clone(), arg));
                path = interpreter;
                file = f;
            }
            elf::Head::BadScript => {
                return Err(not_exec(
                    &path,
                    "its #! line names no interpreter, or a name longer than the kernel reads"
                        .into(),
                ));
            }
            elf::Head::Other => break,
        }
    }
    let mut kind = elf::inspect_file(&file).map_err(|e| not_exec(&path, e.to_string()))?;
    for (interpreter, arg) in chain.into_iter().rev() {
        kind = Kind::Script {
            interpreter,
            arg,
            inner: Box::new(kind),
        };
    }
    Ok(Exec {
        file,
        elf: path,
        argv,
        kind,
        system,
        elf_system,
    })
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
pub(crate) fn unveil_specs(policy: &Policy, program: &Path, kind: &Kind) -> Vec<UnveilSpec> {
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
        // Read is enough to map a library executable: Landlock's execute right governs
        // execve (the loader itself), not mmap.
        for d in LIB_DIRS {
            specs.push(implicit(*d, "r", "the dynamic loader"));
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

/// Resolves the program, inspects it, compiles the filter and prepares Landlock, for a
/// program run as `ids` (`-u`/`-g`; the default: as we run).
///
/// # Errors
/// Anything that keeps the run from being enforced as asked; nothing has run yet.
pub(crate) fn prepare(policy: &Policy, argv: &[OsString], ids: Ids) -> Result<Launch, LaunchError> {
    let Some(root) = ids.root.clone() else {
        let mut launch = prepare_in(policy, argv, ids, None)?;
        launch.set_cgroup();
        return Ok(launch);
    };
    // Everything the launch looks up is looked up as the program will see it: this thread
    // alone (its own root after unshare(CLONE_FS)) is chrooted into DIR while preparing,
    // then goes back. The child chroots itself into the same directory, by descriptor.
    let dir = open_dir(&root).map_err(|e| chroot_err(&root, format!("cannot open it: {e}")))?;
    let mut launch = in_root(&root, &dir, || prepare_in(policy, argv, ids, Some(&root)))?;
    launch.set_cgroup();
    launch.child.root_fd = dir.as_raw_fd();
    launch.root = Some((root, dir));
    Ok(launch)
}

fn chroot_err(path: &Path, why: String) -> LaunchError {
    LaunchError::Chroot {
        path: path.to_path_buf(),
        why,
    }
}

/// Opens a directory as `O_PATH`, close-on-exec.
fn open_dir(path: &Path) -> std::io::Result<OwnedFd> {
    let c = CString::new(path.as_os_str().as_bytes())
        .map_err(|_| std::io::Error::from_raw_os_error(libc::EINVAL))?;
    // SAFETY: `c` is NUL-terminated; O_PATH needs no mode.
    let fd = unsafe {
        libc::open(
            c.as_ptr(),
            libc::O_PATH | libc::O_DIRECTORY | libc::O_CLOEXEC,
        )
    };
    if fd < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: a fresh fd we own.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// Runs `f` with this thread's root and working directory at `dir`, then puts both back.
fn in_root<T>(
    path: &Path,
    dir: &OwnedFd,
    f: impl FnOnce() -> Result<T, LaunchError>,
) -> Result<T, LaunchError> {
    let here = |what: &str, e: std::io::Error| chroot_err(path, format!("{what}: {e}"));
    let old_root = open_dir(Path::new("/")).map_err(|e| here("opening /", e))?;
    let old_cwd = open_dir(Path::new(".")).map_err(|e| here("opening the working directory", e))?;
    // SAFETY: unshare(CLONE_FS) gives this thread its own root and working directory, which
    // the calls below change; the descriptors are ours.
    unsafe {
        if libc::unshare(libc::CLONE_FS) < 0 {
            return Err(here("unshare(CLONE_FS)", std::io::Error::last_os_error()));
        }
        if libc::fchdir(dir.as_raw_fd()) < 0 || libc::chroot(c".".as_ptr()) < 0 {
            let e = std::io::Error::last_os_error();
            libc::fchdir(old_cwd.as_raw_fd());
            return Err(here("chroot", e));
        }
    }
    let result = f();
    // SAFETY: back to the root and directory held open above (a chroot does not confine a
    // process that still holds a descriptor outside it).
    unsafe {
        if libc::fchdir(old_root.as_raw_fd()) < 0
            || libc::chroot(c".".as_ptr()) < 0
            || libc::fchdir(old_cwd.as_raw_fd()) < 0
        {
            // This thread would go on inside DIR: nothing it did after could be trusted.
            eprintln!(
                "seccomp-pledge: error: cannot leave the -c directory again ({}); stopping",
                std::io::Error::last_os_error()
            );
            std::process::exit(125);
        }
    }
    result
}

fn prepare_in(
    policy: &Policy,
    argv: &[OsString],
    ids: Ids,
    chroot_dir: Option<&Path>,
) -> Result<Launch, LaunchError> {
    policy.validate()?;
    // Under -c, /proc is whatever the directory has.
    let no_proc = chroot_dir.is_some() && !Path::new("/proc/self/fd").is_dir();
    let Some(name) = argv.first() else {
        return Err(LaunchError::NoCommand);
    };
    let program = find_program(name)?;
    let exec = resolve_exec(&program, argv)?;
    let kind = exec.kind.clone();
    if let Kind::Foreign { description } = kind.innermost() {
        return Err(LaunchError::Foreign {
            path: exec.elf.clone(),
            description: description.clone(),
        });
    }

    let requested = policy.promises;
    let accept = policy.options.allow_loader_promises;
    let mode = loader_mode(&exec.elf, &kind, requested, accept)?;
    let mut warnings = Vec::new();
    if requested.is_empty() && policy.rules.is_empty() {
        warnings.push(NO_PROMISES_WARNING.into());
    }
    let extra = match &mode {
        LoaderMode::Exact => PromiseSet::EMPTY,
        LoaderMode::Narrowed { extra, .. } => *extra,
        LoaderMode::Wide { extra, why } => {
            warnings.push(format!(
                "`{}` keeps the loader's promises `{extra}` for the whole run (--allow-loader-promises): {why}",
                exec.elf.display()
            ));
            *extra
        }
    };
    let loader = match &mode {
        LoaderMode::Narrowed { loader, .. } => Some(*loader),
        _ => None,
    };
    let mut env: Vec<(OsString, OsString)> = std::env::vars_os().collect();
    if let Some(loader) = loader {
        // Code of the program that would run before the loader is done.
        let image = elf::FileImage::new(&exec.file)
            .map_err(|e| LaunchError::NotExecutable {
                path: exec.elf.clone(),
                reason: e.to_string(),
            })?
            .ok_or_else(|| LaunchError::NotExecutable {
                path: exec.elf.clone(),
                reason: "it is not an x86_64 ELF file".into(),
            })?;
        let system = exec.elf_system;
        let entries = image.dynamic();
        let blocking = elf::main_program_blocking(&entries, &image, system);
        let audit_env = loader.libc == Libc::Glibc
            && env
                .iter()
                .any(|(k, v)| k.as_bytes() == b"LD_AUDIT" && !v.is_empty());
        let blocking = blocking.or_else(|| {
            audit_env.then(|| {
                "LD_AUDIT is set: glibc runs those audit modules before anything else".to_string()
            })
        });
        if let Some(why) = blocking {
            if !accept {
                return Err(LaunchError::CannotNarrow {
                    path: exec.elf.clone(),
                    why,
                });
            }
            warnings.push(format!(
                "`{}`: {why}; that code runs before the loader is done (--allow-loader-promises), though it gets no promise beyond yours",
                exec.elf.display()
            ));
        }
    }

    let narrowed = loader.is_some();
    let kept = if narrowed { PromiseSet::EMPTY } else { extra };
    let own = requested.union(kept);
    let mut exec_promises = match policy.exec_promises {
        Some(e) => Some(exec_promises(policy, own, e.union(kept))?),
        // Without -e the programs this one executes hold its promises; when those lack the
        // loader's, executed dynamic programs are narrowed after their loader the same way,
        // as if the exec promises were the program's own. Where that cannot be set up
        // (randomisation off, an explicit allow of execve) they hold the promises without
        // it, as before: their loader is denied, and says so.
        None if own.contains(Promise::Exec) && !loader_promises().difference(own).is_empty() => {
            exec_promises(policy, own, own)
                .ok()
                .map(|x| supervise::ExecPromises { implied: true, ..x })
        }
        None => None,
    };
    // Under exec promises that lack the loader's, the programs this one executes are
    // narrowed after their loader by the marker even when this one needs no narrowing (a
    // static program, or one whose promises hold the loader's): the marker is then for
    // this program's C library, or for a static one the system's glibc.
    // The loader's promises executed programs lack (their loaders are narrowed).
    let exec_extra = exec_promises
        .as_ref()
        .map(|x| loader_promises().difference(x.promises))
        .filter(|e| !e.is_empty());
    let exec_marker = exec_extra.and_then(|_| match kind.innermost() {
        Kind::Dynamic { interpreter } => system_loader(interpreter).ok(),
        Kind::Static | Kind::StaticPie => static_marker_loader(),
        _ => None,
    });
    if exec_marker.is_none()
        && loader.is_none()
        && exec_promises.as_ref().is_some_and(|x| x.implied)
    {
        exec_promises = None; // nothing to narrow executed programs with
    }
    let mut filter = seccomp::compile_launch(seccomp::plan(&FilterSpec {
        // Under exec promises the filter allows only what every image may do, never
        // execve: the rest of the program's promises, and each execve, reach the
        // supervisor, which knows which image made the call.
        promises: match &exec_promises {
            Some(x) => x.promises.difference(PromiseSet::of(&[Promise::Exec])),
            None => requested.union(kept),
        },
        rules: &policy.rules,
        penalty: bpf::SECCOMP_RET_USER_NOTIF,
        foreign_arch: bpf::SECCOMP_RET_USER_NOTIF,
        report_syscall: narrowed || exec_marker.is_some(),
        scoped_attrs: policy.options.unveil,
    })?)?;
    Filter::patch_ips(&mut filter.program, &filter.ip_slots, super::handoff::door);

    let mut specs = unveil_specs(policy, &program, &kind);
    let by_path = exec.system;
    if !by_path && !no_proc {
        // The file that runs is the descriptor that was inspected: unveil that one (the path
        // may lead elsewhere by now; without /proc, under -c, the path is unveiled, and a
        // file put in its place since cannot be executed).
        specs.retain(|s| !(matches!(s.source, Source::Implicit(_)) && s.path == exec.elf));
        specs.push(implicit(
            format!("/proc/self/fd/{}", exec.file.as_raw_fd()),
            "rx",
            "the program",
        ));
    }
    let prepared = ll::prepare(
        &specs,
        &policy.ports,
        policy.options.unveil,
        policy.options.strict,
    )?;
    for d in &prepared.report.dropped {
        warnings.push(format!("landlock: {d}"));
    }
    warnings.extend(prepared.report.notes.iter().map(|n| format!("unveil: {n}")));

    if policy.options.unveil {
        for r in &policy.rules {
            let name = r.syscall.name();
            if !r.action.denies()
                && crate::policy::unveil::UNSCOPED_ATTRS
                    .iter()
                    .any(|(n, _)| *n == name)
            {
                warnings.push(format!(
                    "`allow {name}` reaches files outside the unveiled paths: Landlock does not restrict attribute changes by path"
                ));
            }
        }
    }
    if requested.contains(Promise::Unix) {
        warnings.push(
            "unix: unveil does not restrict connecting to pathname Unix sockets, so the program can reach every socket file the user can (e.g. /run/docker.sock, the D-Bus bus)".into(),
        );
    }
    if policy
        .ports
        .iter()
        .any(|p| p.access == crate::policy::unveil::PortAccess::Bind)
    {
        // Measured: with bind:2 only, listen(2) on an unbound TCP socket still listens on an
        // ephemeral port (autobind takes no bind hook).
        warnings.push(
            "bind: Landlock restricts bind(2) only: listen(2) on an unbound TCP socket still listens on an ephemeral port; UDP is not restricted".into(),
        );
    }
    // As root the kernel ignores RLIMIT_NPROC: an explicit -P becomes a pids cgroup limit
    // on the sandbox; the default one does not apply, and every run says so.
    let kill = policy.penalty == crate::policy::Penalty::Kill;
    // The program runs as root unless -u says otherwise.
    // SAFETY: getuid has no preconditions.
    let root = ids.uid.map_or(unsafe { libc::getuid() } == 0, |u| u == 0);
    let pids_max = match policy.limits.processes {
        Some(crate::policy::limits::LimitValue::Value(n)) if root => Some(n),
        None if root => {
            warnings.push(ROOT_NPROC_WARNING.into());
            None
        }
        _ => None,
    };
    // Made by `set_cgroup`, outside any -c directory.
    let cgroup_wanted = (kill || pids_max.is_some()).then_some(pids_max);
    let mut rlimits = policy.limits.resolve();
    let nofile = rlimits
        .iter()
        .position(|l| l.resource == libc::RLIMIT_NOFILE)
        .map(|i| rlimits.remove(i));

    let to_c = |s: &OsStr| CString::new(s.as_bytes());
    // A system program runs by path with its own argv (nothing can be swapped in); any
    // other runs from the inspected descriptor with the argv the kernel would build.
    let argv_storage = if by_path { argv } else { &exec.argv[..] }
        .iter()
        .map(|a| to_c(a))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| LaunchError::NotExecutable {
            path: program.clone(),
            reason: "an argument contains a NUL byte".into(),
        })?;
    let mut passed = Vec::new();
    let mut loader_watch = None;
    if let (Some(dir), Some(_), true) = (chroot_dir, loader.or(exec_marker), no_proc) {
        return Err(chroot_err(
            dir,
            format!(
                "`{}`'s dynamic loader would load seccomp-pledge's marker through /proc/self/fd, and there is no /proc in the directory: mount one there (`mount -t proc proc {}/proc`), or promise prot_exec",
                exec.elf.display(),
                dir.display()
            ),
        ));
    }
    if let Some(marker_loader) = loader.or(exec_marker) {
        let (bytes, var) = match marker_loader.libc {
            Libc::Glibc => (super::preload::AUDIT, "LD_AUDIT"),
            Libc::Musl => (super::preload::PRELOAD, "LD_PRELOAD"),
        };
        // Under exec promises that lack the loader's the marker stays in the environment and
        // the descriptor table, so that the programs this one executes load it too.
        let kept_bytes;
        let bytes = if exec_extra.is_some() {
            kept_bytes = keep_marker(bytes);
            &kept_bytes[..]
        } else {
            bytes
        };
        let marker = sealed_memfd("seccomp-pledge-marker", bytes)?;
        let mut value = OsString::from(format!("/proc/self/fd/{}", marker.as_raw_fd()));
        if let Some(i) = env.iter().position(|(k, _)| k.as_bytes() == var.as_bytes()) {
            let (_, v) = env.remove(i);
            // The user's own preloads follow ours (musl); glibc's LD_AUDIT was refused or
            // accepted above, and comes after ours too.
            if !v.is_empty() {
                value.push(":");
                value.push(&v);
            }
        }
        env.push((var.into(), value));
        let marker_id = memfd_identity(&marker)?;
        if let (Some(x), Some(extra)) = (exec_promises.as_mut(), exec_extra) {
            x.loader = Some(supervise::ExecLoader {
                wide: seccomp::plan(&FilterSpec::supervised(
                    x.promises.union(extra),
                    &policy.rules,
                    true,
                    policy.options.unveil,
                ))?,
                extra,
                marker: marker_id,
                libc: marker_loader.libc,
                accept,
            });
        }
        if let Some(loader) = loader {
            loader_watch = Some(supervise::LoaderWatch {
                // computed while the kernel executes the program
                wide: None,
                spec: (
                    requested.union(extra),
                    policy.rules.clone(),
                    policy.options.unveil,
                ),
                extra,
                loader: loader.id,
                marker: marker_id,
                accept,
            });
        }
        passed.push(marker);
    }
    let envp_storage: Vec<CString> = env
        .into_iter()
        .filter_map(|(k, v)| {
            let mut kv = k.into_vec();
            kv.push(b'=');
            kv.extend_from_slice(v.as_bytes());
            CString::new(kv).ok()
        })
        .collect();
    let ruleset_fd = prepared.ruleset.as_ref().map_or(-1, |f| f.as_raw_fd());
    let exec_fd = OwnedFd::from(exec.file);
    let mut child = ChildPlan {
        exec_fd: exec_fd.as_raw_fd(),
        exec_path: if by_path {
            Some(
                to_c(program.as_os_str())
                    .map_err(|_| LaunchError::NotFound(program.display().to_string()))?,
            )
        } else {
            None
        },
        empty: CString::new("").expect("no NUL"),
        argv_storage,
        envp_storage,
        argv: Vec::new(),
        envp: Vec::new(),
        filter: filter.program.clone(),
        pid_slots: filter.pid_slots.clone(),
        filter_flags: libc::SECCOMP_FILTER_FLAG_NEW_LISTENER as u32,
        rlimits,
        nofile,
        ruleset_fd,
        restrict_flags: 0,
        child_rules: prepared.child_rules,
        nice: policy.options.nice,
        keep_fds: policy.options.keep_fds,
        null_stdin: false,
        keep_caps: policy.options.keep_caps,
        uid: ids.uid,
        gid: ids.gid,
        shared: std::ptr::null(),
        handoff_sock: -1,
        message: super::handoff::Message::new(),
        closing: super::handoff::closing_filter(),
        go_fd: -1,
        root_fd: -1,
        pass_fds: passed.iter().map(AsRawFd::as_raw_fd).collect(),
        // SAFETY: getpid has no preconditions.
        parent_pid: unsafe { libc::getpid() },
        dev_null: CString::new("/dev/null").expect("no NUL"),
    };
    child.finish_pointers();
    // When the filter reports the child's own execveat, the supervisor lets that first one
    // through.
    let gate_first_exec = reports_exec(&filter, &child);
    passed.push(exec_fd);
    Ok(Launch {
        program,
        requested,
        exec_promises,
        filter,
        loader_watch,
        landlock: prepared.report,
        warnings,
        kill,
        errno: policy.penalty.errno(),
        address_space: match policy.limits.address_space {
            Some(crate::policy::LimitValue::Value(n)) => Some(n),
            _ => None,
        },
        cgroup: None,
        cgroup_wanted,
        root: None,
        child,
        gate_first_exec,
        ruleset: prepared.ruleset,
        passed,
    })
}

/// What the supervisor needs to enforce exec promises `exec` (with the loader's promises a
/// wide program keeps) after the program's own `own`: both decisions, and the identity of
/// the image the child runs before its execve (the supervisor's own, which it inherited).
///
/// # Errors
/// An explicit rule lets execve through the filter (each must reach the supervisor), or the
/// address space is not randomised (images could not be told apart).
fn exec_promises(
    policy: &Policy,
    own: PromiseSet,
    exec: PromiseSet,
) -> Result<supervise::ExecPromises, LaunchError> {
    if let Some(r) = policy
        .rules
        .iter()
        .find(|r| !r.action.denies() && matches!(r.syscall.name(), "execve" | "execveat"))
    {
        return Err(LaunchError::ExecPromises(format!(
            "the rule `allow {}` lets execve through the filter, but under -e every execve must reach the supervisor; drop the rule (the promise exec allows execve)",
            r.syscall.name()
        )));
    }
    // The supervisor tells images apart by the kernel's copy of their auxiliary vector
    // (stack, vDSO, entry and program-header addresses), which differs between two execs
    // only while the address space is randomised.
    let randomised = std::fs::read_to_string("/proc/sys/kernel/randomize_va_space")
        .ok()
        .and_then(|s| s.trim().parse::<u32>().ok())
        .is_some_and(|v| v >= 1);
    // SAFETY: personality(0xffffffff) only reads the persona.
    let persona = unsafe { libc::personality(0xffff_ffff) };
    if !randomised || persona < 0 || persona & libc::ADDR_NO_RANDOMIZE != 0 {
        return Err(LaunchError::ExecPromises(
            "the address space is not randomised (kernel.randomize_va_space is 0, or this process runs with ADDR_NO_RANDOMIZE, e.g. under `setarch -R`), so the program's own image cannot be told from the programs it executes; turn randomisation back on".into(),
        ));
    }
    let launcher_auxv = std::fs::read("/proc/self/auxv").map_err(|source| LaunchError::System {
        what: "reading /proc/self/auxv",
        source,
    })?;
    let plan = |promises| {
        seccomp::plan(&FilterSpec::supervised(
            promises,
            &policy.rules,
            false,
            policy.options.unveil,
        ))
    };
    Ok(supervise::ExecPromises {
        own: plan(own)?,
        exec: plan(exec)?,
        promises: exec,
        launcher_auxv,
        loader: None,
        implied: false,
    })
}

/// The byte of the marker that says it is kept across execve (see `keep_env` in
/// `preload.c`).
const KEEP_FLAG: &[u8] = b"seccomp-pledge-keep-env:";

/// (device, inode) of a memfd made by [`sealed_memfd`] (how the supervisor knows it again).
pub(crate) fn memfd_identity(fd: &OwnedFd) -> Result<(u64, u64), LaunchError> {
    use std::os::unix::fs::MetadataExt;
    let file = std::fs::File::from(fd.try_clone().map_err(|source| LaunchError::System {
        what: "duplicating a memfd",
        source,
    })?);
    let meta = file.metadata().map_err(|source| LaunchError::System {
        what: "inspecting a memfd",
        source,
    })?;
    Ok((meta.dev(), meta.ino()))
}

/// A copy of the marker `bytes` that stays in the environment and the descriptor table.
pub(crate) fn keep_marker(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let at = out
        .windows(KEEP_FLAG.len())
        .position(|w| w == KEEP_FLAG)
        .expect("the marker holds its keep flag (preload.c)")
        + KEEP_FLAG.len();
    out[at] = b'1';
    out
}

/// Explains a program that ended the way programs end when `-M` leaves them too little
/// address space to start: killed by SIGSEGV or SIGKILL as the kernel maps it, or the
/// loader's exit 127 when a library cannot be mapped; for a dynamic program only while its
/// loader was still working.
fn start_failure(outcome: &Outcome, limit: u64, narrowed: bool) -> Option<String> {
    use super::status::Exit;
    let early = match outcome.exit {
        Exit::Signal(s) => s == libc::SIGSEGV || s == libc::SIGKILL,
        Exit::Code(c) => c == 127,
    };
    if !early || (narrowed && outcome.loader_done) || outcome.refused.is_some() {
        return None;
    }
    let shown = if limit % (1 << 20) == 0 {
        format!("{}m", limit >> 20)
    } else if limit % 1024 == 0 {
        format!("{}k", limit >> 10)
    } else {
        limit.to_string()
    };
    Some(format!(
        "the program ended before it could start: -M {shown} is probably too little address space for it and its libraries (try a larger -M, e.g. -M 256m)"
    ))
}

/// A sealed (read-only, fixed size) memfd holding `data`, close-on-exec in this process.
pub(crate) fn sealed_memfd(name: &str, data: &[u8]) -> Result<OwnedFd, LaunchError> {
    let cname = CString::new(name).expect("no NUL");
    // SAFETY: memfd_create with a valid name; the fd is owned below.
    let fd =
        unsafe { libc::memfd_create(cname.as_ptr(), libc::MFD_CLOEXEC | libc::MFD_ALLOW_SEALING) };
    if fd < 0 {
        return Err(sys_err("memfd_create"));
    }
    // SAFETY: a fresh fd we own.
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    let mut file = std::fs::File::from(fd);
    file.write_all(data).map_err(|source| LaunchError::System {
        what: "writing a memfd",
        source,
    })?;
    let fd = OwnedFd::from(file);
    let seals = libc::F_SEAL_SEAL | libc::F_SEAL_SHRINK | libc::F_SEAL_GROW | libc::F_SEAL_WRITE;
    // SAFETY: sealing our own memfd.
    if unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_ADD_SEALS, seals) } < 0 {
        return Err(sys_err("sealing a memfd"));
    }
    Ok(fd)
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

/// How a run reports what it denies.
#[derive(Default)]
pub(crate) struct RunOptions {
    /// `-q`: no report lines.
    pub quiet: bool,
    /// `--report FILE`: one JSON object per denial (opened before anything runs).
    pub report_file: Option<std::io::BufWriter<std::fs::File>>,
    /// Keep up to this many denial reports in the outcome (for scripts and JSON clients).
    pub keep_denials: usize,
    /// Give the program /dev/null as stdin (a batch's commands are on ours).
    pub null_stdin: bool,
    /// How refusals by Landlock (unveil) are explained.
    pub landlock_reports: LandlockReports,
    /// `--audit`: nothing is enforced but deny rules and the guards; every call the policy
    /// would deny is reported and let through, Landlock is not applied and its refusals are
    /// found as `check` finds them.
    pub audit_only: bool,
}

/// `-u UID` / `-g GID` / `-c DIR` (pledge.com's): whom the program runs as, and where.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Ids {
    /// The user (`setresuid`).
    pub uid: Option<u32>,
    /// The group (`setresgid`).
    pub gid: Option<u32>,
    /// `-c DIR`: the directory the program runs chrooted in (absolute, resolved). The
    /// program, its loader and libraries and the unveiled paths are looked up inside it.
    pub root: Option<PathBuf>,
}

/// How refusals by Landlock (unveil) are found and explained (`--landlock-reports`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LandlockReports {
    /// `audit` where the kernel's records can be read (CAP_AUDIT_READ, audit enabled), and
    /// otherwise none, with a note after a failed run saying how to get them.
    #[default]
    Auto,
    /// Exact: from the kernel's Landlock audit records; the run fails if they cannot be read.
    Audit,
    /// Unprivileged: the supervisor checks the paths of file calls against the unveiled ones
    /// and reports what Landlock will refuse (report-only: Landlock still decides).
    Check,
    /// No explanations.
    Off,
}

impl LandlockReports {
    /// Every mode, with its name (for the CLI, the shell and help).
    pub const ALL: &[(&'static str, LandlockReports)] = &[
        ("auto", LandlockReports::Auto),
        ("audit", LandlockReports::Audit),
        ("check", LandlockReports::Check),
        ("off", LandlockReports::Off),
    ];

    /// The mode named `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
    }
}

impl RunOptions {
    /// Opens the `--report` file before anything runs, so that a bad path fails first. A new
    /// file is created (mode 0600); an existing regular file is appended to, never truncated
    /// (it may not be ours); a symbolic link, a FIFO, a device or a directory is refused.
    ///
    /// # Errors
    /// [`LaunchError::ReportFile`].
    pub(crate) fn open_report(
        path: &Path,
    ) -> Result<std::io::BufWriter<std::fs::File>, LaunchError> {
        use std::os::unix::fs::OpenOptionsExt;
        let err = |source: std::io::Error| LaunchError::ReportFile {
            path: path.to_path_buf(),
            source,
        };
        let flags = libc::O_NOFOLLOW | libc::O_CLOEXEC | libc::O_NONBLOCK;
        let file = match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(flags)
            .open(path)
        {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                // Look before opening (opening a FIFO or a device has effects of its own);
                // the descriptor is checked again below.
                let meta = std::fs::symlink_metadata(path).map_err(err)?;
                if meta.file_type().is_symlink() {
                    return Err(err(std::io::Error::other(
                        "it is a symbolic link, which a report file is never written through",
                    )));
                }
                if !meta.is_file() {
                    return Err(err(std::io::Error::other(
                        "it is not a regular file (a FIFO, device or directory); give a file path",
                    )));
                }
                std::fs::OpenOptions::new()
                .append(true)
                .custom_flags(flags)
                .open(path)
                .map_err(|e| {
                    if e.raw_os_error() == Some(libc::ELOOP) {
                        std::io::Error::other(
                            "it is a symbolic link, which a report file is never written through",
                        )
                    } else {
                        e
                    }
                })
                .map_err(err)?
            }
            Err(e) => return Err(err(e)),
        };
        let meta = file.metadata().map_err(err)?;
        if !meta.is_file() {
            return Err(err(std::io::Error::other(
                "it is not a regular file (a FIFO, device or directory); give a file path",
            )));
        }
        // Writes block again (O_NONBLOCK only kept the open from hanging on a FIFO).
        // SAFETY: F_SETFL on our own descriptor.
        unsafe {
            libc::fcntl(
                std::os::fd::AsRawFd::as_raw_fd(&file),
                libc::F_SETFL,
                libc::O_APPEND,
            )
        };
        Ok(std::io::BufWriter::new(file))
    }
}

impl Launch {
    /// Makes the control group the launch needs (outside any -c directory), or says why
    /// its limit does not apply.
    fn set_cgroup(&mut self) {
        let Some(pids_max) = self.cgroup_wanted.take() else {
            return;
        };
        self.cgroup = super::cgroup::Cgroup::create(pids_max);
        if let Some(n) = pids_max {
            if !self.cgroup.as_ref().is_some_and(|c| c.limits_pids) {
                self.warnings.push(format!(
                    "-P {n} does not apply: the kernel ignores RLIMIT_NPROC for root, and no pids cgroup could be made"
                ));
            }
        }
    }

    /// Forks, confines and executes the program, supervises it and everything it starts
    /// until they have all ended, and returns how it ended.
    ///
    /// # Errors
    /// The child could not be set up or could not execute the program; nothing of the
    /// program ran in that case.
    pub(crate) fn run(mut self, opts: RunOptions) -> Result<Outcome, LaunchError> {
        let set = sigset(&SUPERVISED);
        let blocked = BlockedSignals::block(&set);
        let mut was_subreaper: libc::c_int = 0;
        // SAFETY: PR_GET_CHILD_SUBREAPER writes an int through the pointer; then makes
        // orphans of the sandbox our children, so they are supervised and reaped.
        unsafe {
            libc::prctl(
                libc::PR_GET_CHILD_SUBREAPER,
                &mut was_subreaper as *mut libc::c_int,
                0,
                0,
                0,
            );
            libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
        }
        // A dynamic program's loader waits on the supervisor for each call it is granted:
        // both share one CPU until the loader is done (a wakeup on the same CPU is several
        // times cheaper), then the program gets the CPUs it had back.
        let mut affinity = None;
        let mut result = self.spawn_and_supervise(&set, opts, &mut affinity);
        if let (Ok(outcome), Some(limit)) = (&mut result, self.address_space) {
            let narrowed = self.loader_watch.is_some();
            if let Some(note) = start_failure(outcome, limit, narrowed) {
                outcome.notes.push(note);
            }
        }
        if let Some(mask) = affinity {
            set_affinity(0, &mask);
        }
        // SAFETY: undoing the subreaper change above (a process that was a subreaper, such as
        // a socket-API connection, stays one).
        unsafe {
            if was_subreaper == 0 {
                libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0);
            }
        }
        drop(blocked);
        result
    }

    fn spawn_and_supervise(
        &mut self,
        set: &libc::sigset_t,
        opts: RunOptions,
        affinity: &mut Option<libc::cpu_set_t>,
    ) -> Result<Outcome, LaunchError> {
        let page = SharedPage::new()?;
        self.child.shared = page.get();
        self.child.null_stdin = opts.null_stdin;
        // Landlock's refusals: the audit group is joined before the domain exists, so no
        // record of it can be missed.
        let landlocked =
            self.ruleset.is_some() && self.landlock.enforcement != ll::Enforcement::NotRequested;
        let mut audit = None;
        let mut unexplained = None;
        let mut check = false;
        let reports = if opts.audit_only {
            // Landlock is not applied: what it would refuse is found by checking.
            self.child.ruleset_fd = -1;
            LandlockReports::Check
        } else {
            opts.landlock_reports
        };
        if let (LandlockReports::Check, Some((dir, _))) = (reports, &self.root) {
            // The checker resolves the program's paths from the supervisor's root.
            return Err(LaunchError::Chroot {
                path: dir.clone(),
                why: if opts.audit_only {
                    "--audit checks the program's file calls from the supervisor's root, outside the directory: the two cannot be combined yet".into()
                } else {
                    "--landlock-reports check follows the program's paths from the supervisor's root, outside the directory: use --landlock-reports audit or off".into()
                },
            });
        }
        if landlocked {
            match reports {
                LandlockReports::Auto | LandlockReports::Audit => {
                    // Asked for, audit must be there before anything runs; otherwise
                    // whether audit is on is settled while the child sets itself up.
                    let asked = opts.landlock_reports == LandlockReports::Audit;
                    let opened = super::audit::open(self.landlock.abi).and_then(|mut r| {
                        if asked {
                            r.settle()?;
                        }
                        Ok(r)
                    });
                    match opened {
                        Ok(r) => audit = Some(r),
                        Err(e) if asked => return Err(LaunchError::LandlockReports(e)),
                        Err(e) => unexplained = Some(e.to_string()),
                    }
                }
                LandlockReports::Check => {
                    // The file calls Landlock governs go to the supervisor, which lets them
                    // continue: the filter with them observed replaces the plain one.
                    let mut seen =
                        seccomp::compile_launch(super::unveil_check::observe(&self.filter.plan))?;
                    Filter::patch_ips(&mut seen.program, &seen.ip_slots, super::handoff::door);
                    self.gate_first_exec = reports_exec(&seen, &self.child);
                    self.child.filter = seen.program;
                    self.child.pid_slots = seen.pid_slots;
                    check = true;
                }
                LandlockReports::Off => {}
            }
        }
        self.child.restrict_flags = if audit.is_some() {
            // Log denials after the next `execve` too (ABI ≥ 7); the flags are an `int`.
            crate::abi::uapi::LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON as i32
        } else {
            0
        };
        let (handoff, child_end) =
            super::handoff::socket_pair().map_err(|source| LaunchError::System {
                what: "socketpair",
                source,
            })?;
        self.child.handoff_sock = child_end.as_raw_fd();
        // With a control group, the child waits (blocked in `read`, before its filter) until
        // it is in the group: nothing of the program may run outside it.
        let go = if self.cgroup.is_some() {
            let mut p = [0; 2];
            // SAFETY: pipe2 fills two fds, owned below.
            if unsafe { libc::pipe2(p.as_mut_ptr(), libc::O_CLOEXEC) } < 0 {
                return Err(sys_err("pipe2"));
            }
            // SAFETY: both fds were just created.
            let (rd, wr) = unsafe { (OwnedFd::from_raw_fd(p[0]), OwnedFd::from_raw_fd(p[1])) };
            self.child.go_fd = rd.as_raw_fd();
            Some((rd, wr))
        } else {
            None
        };
        // SAFETY: fork; the child only runs async-signal-safe code (child::run) on memory
        // prepared before the fork, and never returns.
        let pid = unsafe { libc::fork() };
        if pid < 0 {
            return Err(sys_err("fork"));
        }
        if pid == 0 {
            // SAFETY: we are the freshly forked child and `self.child` was prepared for it.
            unsafe { child::run(&mut self.child) }
        }
        // The child has its own copies now: with ours closed, its end of the socket closes
        // when it dies, which ends the wait below.
        drop(child_end);
        drop(self.ruleset.take());
        self.passed.clear();
        let go = go.map(|(rd, wr)| {
            drop(rd);
            wr
        });
        if let Some(a) = &mut audit {
            a.set_child(pid);
            if opts.landlock_reports == LandlockReports::Auto {
                // Audit off: the domain logs nothing (its logging flag has no effect).
                if let Err(e) = a.settle() {
                    unexplained = Some(e.to_string());
                    audit = None;
                }
            }
        }
        if let (Some(cg), Some(go)) = (&self.cgroup, go) {
            if let Err(e) = cg.add(pid) {
                // SAFETY: the child is ours; it has not executed the program.
                unsafe { libc::kill(pid, libc::SIGKILL) };
                let _ = wait_for(pid);
                return Err(LaunchError::System {
                    what: "moving the sandbox into its control group",
                    source: e,
                });
            }
            // SAFETY: one byte from our buffer to our pipe.
            unsafe { libc::write(go.as_raw_fd(), [1u8].as_ptr().cast(), 1) };
        }
        let shared = page.shared();
        let listener = match receive_listener(&handoff) {
            Ok(l) => l,
            Err(e) => {
                // SAFETY: the child is ours; make sure it is gone before reporting.
                unsafe { libc::kill(pid, libc::SIGKILL) };
                let _ = wait_for(pid);
                return Err(shared.error().map_or(e, |c| LaunchError::Child {
                    stage: c.stage,
                    errno: c.errno,
                    program: self.program.clone(),
                }));
            }
        };
        drop(handoff);
        // What the supervisor needs for the loader, computed while the kernel executes the
        // program (its loader's first call comes later); then, the child no longer waiting
        // for us, both are pinned to this CPU while the loader works (see `run`).
        if let Some(w) = &mut self.loader_watch {
            if let Err(e) = w.plan() {
                // SAFETY: the child is ours; the program has not got past its loader.
                unsafe { libc::kill(pid, libc::SIGKILL) };
                let _ = wait_for(pid);
                return Err(e.into());
            }
        }
        if self.loader_watch.is_some() {
            *affinity = pin_to_current_cpu();
            if let Some(cpu) = current_cpu_set() {
                set_affinity(pid, &cpu);
            }
        }
        let outcome = supervise::run(
            pid,
            listener,
            set,
            supervise::Options {
                granted: self.requested,
                kill: self.kill,
                quiet: opts.quiet,
                report_file: opts.report_file,
                gate_first_exec: self.gate_first_exec,
                audit_only: opts.audit_only,
                exec_promises: self.exec_promises.take(),
                loader: self.loader_watch.take(),
                cgroup: self.cgroup.take(),
                affinity: *affinity,
                errno: self.errno,
                keep_denials: opts.keep_denials,
                audit,
                unexplained,
                check: check.then(|| {
                    super::unveil_check::Checker::new(
                        &self.landlock.rules,
                        self.filter.plan.clone(),
                        pid,
                    )
                }),
            },
        );
        if let Some(c) = shared.error() {
            // execve itself failed (after the supervisor let it through).
            return Err(LaunchError::Child {
                stage: c.stage,
                errno: c.errno,
                program: self.program.clone(),
            });
        }
        Ok(outcome)
    }
}

/// The page shared with the child (see [`Shared`]).
struct SharedPage(*mut Shared);

impl SharedPage {
    fn new() -> Result<SharedPage, LaunchError> {
        // SAFETY: a fresh anonymous shared mapping of one page, zero-filled.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                4096,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_SHARED | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return Err(sys_err("mmap"));
        }
        let page = SharedPage(p.cast());
        Ok(page)
    }

    fn get(&self) -> *const Shared {
        self.0
    }

    fn shared(&self) -> &Shared {
        // SAFETY: the mapping lives as long as `self` and holds only atomics.
        unsafe { &*self.0 }
    }
}

impl Drop for SharedPage {
    fn drop(&mut self) {
        // SAFETY: unmapping the page mapped in `new`.
        unsafe { libc::munmap(self.0.cast(), 4096) };
    }
}

/// Pins the calling thread to the CPU it runs on; returns the mask it had.
fn pin_to_current_cpu() -> Option<libc::cpu_set_t> {
    // SAFETY: sched_getaffinity/sched_getcpu/sched_setaffinity on our own thread, with a
    // zeroed set of the right size.
    unsafe {
        let mut old: libc::cpu_set_t = std::mem::zeroed();
        if libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut old) != 0 {
            return None;
        }
        let cpu = libc::sched_getcpu();
        if cpu < 0 || libc::CPU_COUNT(&old) <= 1 {
            return None;
        }
        let mut one: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(cpu as usize, &mut one);
        (libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &one) == 0)
            .then_some(old)
    }
}

/// The calling thread's affinity mask (after [`pin_to_current_cpu`]: its one CPU).
fn current_cpu_set() -> Option<libc::cpu_set_t> {
    // SAFETY: sched_getaffinity fills the zeroed set we own.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        (libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set) == 0)
            .then_some(set)
    }
}

/// `SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP` (uapi `linux/seccomp.h`).
const SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP: u64 = 1;

/// Waits (asleep) for the listener the child sends once its filter is installed, and makes
/// sure it is one. The child sends it before its `execveat`, and the program never holds it
/// (close-on-exec), so whatever else arrives is refused, never supervised.
fn receive_listener(sock: &OwnedFd) -> Result<OwnedFd, LaunchError> {
    use super::handoff::Received;
    let failed = |why: &str| LaunchError::System {
        what: "setting up the sandbox",
        source: std::io::Error::other(why.to_string()),
    };
    let listener = match super::handoff::receive(sock, 30_000) {
        Ok(l) => l,
        Err(Received::Closed) => {
            return Err(failed(
                "the child ended before handing over its filter's listener",
            ));
        }
        Err(Received::Malformed) => {
            return Err(failed("the child's message held no single descriptor"));
        }
        Err(Received::TimedOut) => {
            return Err(LaunchError::System {
                what: "setting up the sandbox",
                source: std::io::Error::from_raw_os_error(libc::ETIMEDOUT),
            });
        }
        Err(Received::Failed(source)) => {
            return Err(LaunchError::System {
                what: "receiving the filter's listener",
                source,
            });
        }
    };
    if !is_seccomp_listener(&listener) {
        return Err(failed(
            "the child's descriptor was not its seccomp listener",
        ));
    }
    // The sandbox waits for every answer: have the kernel wake the supervisor on the
    // waiting task's CPU (Linux 6.6; older kernels refuse the flag, which only costs
    // speed). The flags are the ioctl's argument itself, not a pointer to them (a pointer
    // is refused with EINVAL).
    // SAFETY: SET_FLAGS takes the flags by value and touches no memory of ours.
    unsafe {
        libc::ioctl(
            listener.as_raw_fd(),
            libc::SECCOMP_IOCTL_NOTIF_SET_FLAGS,
            SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP,
        )
    };
    Ok(listener)
}

/// Whether `fd` is a seccomp user-notification listener (`anon_inode:seccomp notify`).
fn is_seccomp_listener(fd: &OwnedFd) -> bool {
    std::fs::read_link(format!("/proc/self/fd/{}", fd.as_raw_fd()))
        .is_ok_and(|p| p.as_os_str() == "anon_inode:seccomp notify")
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

#[cfg(test)]
mod tests {

    #[test]
    fn both_markers_hold_their_keep_flag_once_and_keep_marks_it() {
        for bytes in [
            crate::sandbox::preload::AUDIT,
            crate::sandbox::preload::PRELOAD,
        ] {
            let count = |b: &[u8], pat: &[u8]| b.windows(pat.len()).filter(|w| *w == pat).count();
            assert_eq!(count(bytes, b"seccomp-pledge-keep-env:0"), 1);
            let kept = super::keep_marker(bytes);
            assert_eq!(kept.len(), bytes.len());
            assert_eq!(count(&kept, b"seccomp-pledge-keep-env:1"), 1);
            assert_eq!(count(&kept, b"seccomp-pledge-keep-env:0"), 0);
        }
    }

    use super::*;
    use crate::sandbox::status::Exit;

    /// The supervisor lets the child's own execveat through exactly when the filter reports
    /// that call: without `exec`, and not when an explicit rule allows it.
    #[test]
    fn the_first_exec_is_gated_only_when_the_filter_reports_it() {
        let launch = |promises: &str, allowed: Option<crate::abi::syscalls::Sysno>| {
            let mut policy = Policy {
                promises: PromiseSet::parse(promises).unwrap(),
                ..Policy::default()
            };
            if let Some(sysno) = allowed {
                policy.rules.push(crate::policy::Rule {
                    syscall: crate::abi::syscalls::Syscall(sysno),
                    conditions: Vec::new(),
                    action: crate::policy::rule::Action::Allow,
                    comment: None,
                });
            }
            prepare(&policy, &["/bin/true".into()], Ids::default()).unwrap()
        };
        assert!(launch("stdio rpath", None).gate_first_exec);
        assert!(launch("stdio", None).gate_first_exec);
        assert!(!launch("stdio rpath prot_exec proc exec", None).gate_first_exec);
        // A program with `exec` but not the loader's promises: every execve reaches the
        // supervisor (executed programs are narrowed after their loader).
        assert!(launch("stdio rpath proc exec", None).gate_first_exec);
        assert!(
            !launch("stdio rpath", Some(crate::abi::syscalls::Sysno::execveat)).gate_first_exec
        );
    }

    /// What the supervisor takes from the child must be a listener: any other file is
    /// refused (every kernel test's launch shows a real listener accepted).
    #[test]
    fn only_a_seccomp_listener_passes_for_one() {
        let (r, _w) = std::io::pipe().unwrap();
        assert!(!is_seccomp_listener(&OwnedFd::from(r)));
        let f = std::fs::File::open("/dev/null").unwrap();
        assert!(!is_seccomp_listener(&OwnedFd::from(f)));
    }

    #[test]
    fn exit_codes_tell_a_missing_program_from_an_unrunnable_one() {
        let child = |stage, errno| LaunchError::Child {
            stage,
            errno,
            program: PathBuf::from("/bin/x"),
        };
        assert_eq!(LaunchError::NotFound("x".into()).exit_code(), 127);
        let not_exec = LaunchError::NotExecutable {
            path: PathBuf::from("/etc"),
            reason: "it is a directory".into(),
        };
        assert_eq!(not_exec.exit_code(), 126);
        // The child's execve: ENOENT is "not found", anything else "cannot execute".
        assert_eq!(child(Stage::Exec, libc::ENOENT).exit_code(), 127);
        assert_eq!(child(Stage::Exec, libc::EACCES).exit_code(), 126);
        // Any other step is seccomp-pledge's own failure, whatever its errno.
        assert_eq!(child(Stage::Seccomp, libc::ENOENT).exit_code(), 125);
        assert_eq!(LaunchError::NoCommand.exit_code(), 125);
    }

    #[test]
    fn the_loader_mode_follows_the_innermost_executable() {
        let program = Path::new("/opt/prog");
        let stdio = PromiseSet::of(&[Promise::Stdio]);
        let mode = |kind: &Kind, requested, wide| loader_mode(program, kind, requested, wide);
        assert_eq!(
            mode(&Kind::Static, stdio, false).unwrap(),
            LoaderMode::Exact
        );
        assert_eq!(
            mode(&Kind::StaticPie, stdio, false).unwrap(),
            LoaderMode::Exact
        );
        // A dynamic program that asks for the loader's promises anyway needs nothing more.
        let dynamic = Kind::Dynamic {
            interpreter: PathBuf::from("/lib64/ld-linux-x86-64.so.2"),
        };
        let with_loaders = stdio.union(loader_promises());
        assert_eq!(
            mode(&dynamic, with_loaders, false).unwrap(),
            LoaderMode::Exact
        );
        // A script is started as its interpreter is.
        let script = Kind::Script {
            interpreter: PathBuf::from("/opt/static-sh"),
            arg: None,
            inner: Box::new(Kind::Static),
        };
        assert_eq!(mode(&script, stdio, false).unwrap(), LoaderMode::Exact);
        // Nothing to inspect: refused, or the loader's promises for the whole run.
        let err = mode(&Kind::Unknown, stdio, false).unwrap_err();
        assert!(
            matches!(&err, LaunchError::CannotNarrow { path, why }
                if path == program && why.starts_with("it is neither an ELF executable nor a script")),
            "{err}"
        );
        match mode(&Kind::Unknown, stdio, true).unwrap() {
            LoaderMode::Wide { extra, why } => {
                assert_eq!(extra, loader_promises());
                assert!(why.contains("cannot inspect"), "{why}");
            }
            other => panic!("{other:?}"),
        }
        // Already asked for: the wide set is still named (they stay on purpose).
        match mode(&Kind::Unknown, with_loaders, true).unwrap() {
            LoaderMode::Wide { extra, .. } => assert_eq!(extra, loader_promises()),
            other => panic!("{other:?}"),
        }
        let foreign = Kind::Foreign {
            description: "32-bit ELF for x86 (i386)".into(),
        };
        assert!(matches!(
            mode(&foreign, stdio, true),
            Err(LaunchError::Foreign { path, description })
                if path == program && description == "32-bit ELF for x86 (i386)"
        ));
    }

    #[test]
    fn unveil_specs_put_the_programs_and_the_promises_before_the_users() {
        let at = |path: &str, perms: &str, why: &str| UnveilSpec {
            path: PathBuf::from(path),
            perms: Perms::parse(perms).unwrap(),
            source: Source::Implicit(why.to_string()),
        };
        let user = UnveilSpec {
            path: PathBuf::from("/data"),
            perms: Perms::parse("rw").unwrap(),
            source: Source::User,
        };
        let mut policy = Policy::default();
        policy.unveils.push(crate::policy::unveil::Unveil {
            path: PathBuf::from("/data"),
            perms: Perms::parse("rw").unwrap(),
        });
        // A static program without promises: itself, then the user's rules.
        assert_eq!(
            unveil_specs(&policy, Path::new("/opt/prog"), &Kind::Static),
            [at("/opt/prog", "rx", "the program"), user.clone()]
        );
        // A script run by a dynamic interpreter, with `rpath`.
        policy.promises = PromiseSet::of(&[Promise::Rpath]);
        let loader = "/lib64/ld-linux-x86-64.so.2";
        let script = Kind::Script {
            interpreter: PathBuf::from("/usr/bin/python3"),
            arg: None,
            inner: Box::new(Kind::Dynamic {
                interpreter: PathBuf::from(loader),
            }),
        };
        let mut want = vec![
            at("/opt/tool.py", "rx", "the program"),
            at("/usr/bin/python3", "rx", "the script's interpreter"),
            at(loader, "rx", "the dynamic loader"),
        ];
        want.extend(LIB_DIRS.iter().map(|d| at(d, "r", "the dynamic loader")));
        want.extend(
            LOADER_FILES
                .iter()
                .map(|f| at(f, "r", "the dynamic loader")),
        );
        want.push(at("/proc/filesystems", "r", "promise rpath"));
        want.push(user);
        assert_eq!(
            unveil_specs(&policy, Path::new("/opt/tool.py"), &script),
            want
        );
    }

    #[test]
    fn an_early_end_under_a_small_address_space_is_explained() {
        let outcome = |exit, loader_done| Outcome {
            exit,
            denials: 0,
            loader_done,
            refused: None,
            denied: Vec::new(),
            notes: Vec::new(),
        };
        let segv = outcome(Exit::Signal(libc::SIGSEGV), false);
        let note = start_failure(&segv, 64 << 20, true).unwrap();
        assert!(
            note.starts_with("the program ended before it could start: -M 64m is probably"),
            "{note}"
        );
        // The limit as it was most likely written.
        assert!(
            start_failure(&segv, 1536 << 10, true)
                .unwrap()
                .contains("-M 1536k ")
        );
        assert!(
            start_failure(&segv, 1000, true)
                .unwrap()
                .contains("-M 1000 ")
        );
        // The loader's 127 and SIGKILL too; a static program at any time.
        assert!(start_failure(&outcome(Exit::Code(127), false), 1 << 20, true).is_some());
        assert!(
            start_failure(&outcome(Exit::Signal(libc::SIGKILL), true), 1 << 20, false).is_some()
        );
        // Not after a narrowed program's loader finished, not for other ends, not when the
        // supervisor refused the run itself.
        assert!(
            start_failure(&outcome(Exit::Signal(libc::SIGSEGV), true), 1 << 20, true).is_none()
        );
        assert!(start_failure(&outcome(Exit::Code(1), false), 1 << 20, true).is_none());
        assert!(
            start_failure(&outcome(Exit::Signal(libc::SIGTERM), false), 1 << 20, true).is_none()
        );
        let refused = Outcome {
            refused: Some("why".into()),
            ..outcome(Exit::Signal(libc::SIGKILL), false)
        };
        assert!(start_failure(&refused, 1 << 20, true).is_none());
    }

    #[test]
    fn landlock_report_modes_are_found_by_name() {
        for (name, mode) in LandlockReports::ALL {
            assert_eq!(LandlockReports::from_name(name), Some(*mode));
        }
        assert_eq!(
            LandlockReports::from_name("check"),
            Some(LandlockReports::Check)
        );
        assert_eq!(LandlockReports::default(), LandlockReports::Auto);
        assert_eq!(LandlockReports::from_name("Audit"), None);
        assert_eq!(LandlockReports::from_name(""), None);
    }
}
