//! seccomp-pledge confines a Linux program to what it needs: OpenBSD-style pledge promises
//! compiled to seccomp-bpf, unveil path rules enforced with Landlock, and explicit seccomp
//! rules, all enforced natively (no helper binaries, no downloads, no shell).
//!
//! Layers (dependencies point one way): front ends (`cli`, `frontend`) → `session` →
//! `command` (grammar) → `trace` → `sandbox` (launching, supervising) → `format` (files) →
//! `compile` (policy → BPF, Landlock ruleset) → `policy` (pure data: promises, unveils,
//! rules, limits) → `abi` (kernel facts: the per-syscall table, constants). See
//! `docs/architecture.md`.
//!
//! Threat model in one paragraph: the confined program is untrusted; it may run arbitrary
//! code within its promises. It must not reach system calls outside them (x32 and i386
//! entry points, `openat2`/`clone3`/`io_uring` argument bypasses, `TIOCSTI` included), files
//! outside its unveils, or processes outside the sandbox; nothing it writes to memory is
//! used to make a security decision.

mod abi;
mod clap_text;
mod cli;
mod command;
mod compile;
mod error;
mod format;
mod frontend;
mod policy;
mod sandbox;
mod session;
mod suggest;
#[cfg(test)]
mod test_util;
mod trace;
mod verify;

// The library's surface. Every module is private: the binary needs `run` and the allocator,
// and the integration tests and fuzz targets drive single layers through what follows.
// Anything else marked `pub` is a warning (`unreachable_pub`, denied in CI): inside the
// crate, items are `pub(crate)` or narrower.
pub use abi::signature::{escape_word, is_unsafe_char};
pub use abi::{sysargs::Width, syscalls, table};
pub use cli::{Sub, parse as parse_command_line, usage_error};
pub use command::{Command, parse_line, spec::COMMANDS};
pub use compile::{bpf, seccomp};
pub use error::{At, Error, render as render_error};
pub use format::{FileKind, policy as policy_file, seccompiler};
pub use frontend::{json_response, script};
pub use policy::render::rule as render_rule;
pub use policy::{Action, Policy, Rule, promise};
pub use sandbox::launch::ROOT_NPROC_WARNING;
pub use session::Session;

use std::ffi::OsString;
use std::io::Write;

use cli::{Feature, RunArgs};
use sandbox::kernel;
use sandbox::status::EXIT_TOOL;

/// Runs the command line and returns the process exit code.
pub fn run<I>(args: I) -> i32
where
    I: IntoIterator<Item = OsString>,
{
    let args: Vec<OsString> = args.into_iter().collect();
    if args.len() <= 1 {
        // No arguments: the shell (the terminal's, or commands from a pipe).
        return shell(None);
    }
    if let Some(version) = cli::version_only(&args) {
        let _ = std::io::stdout().write_all(version.as_bytes());
        return 0;
    }
    let cli = match cli::parse(args) {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind;
            return match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    let _ = e.print();
                    0
                }
                _ => report(&cli::usage_error(&e)),
            };
        }
    };
    let result = match cli.command {
        Some(Sub::Shell { file }) => Ok(shell(file.as_deref())),
        Some(Sub::Completions { shell }) => {
            print!("{}", cli::completions(shell));
            Ok(0)
        }
        Some(Sub::Man) => cli::man_page()
            .map(|m| {
                print!("{m}");
                0
            })
            .map_err(Error::from),
        Some(Sub::Check { json }) => check(json),
        Some(Sub::Run(args)) => one_shot(&args),
        Some(Sub::Trace(args)) => trace_command(*args),
        Some(Sub::Script { file, args }) => Ok(script(&file, &args)),
        Some(Sub::Serve {
            socket,
            max_clients,
            idle_timeout,
            write_timeout,
            allow_confined_clients,
        }) => frontend::server::serve(&frontend::server::ServeOptions {
            socket,
            max_clients: max_clients.max(1),
            idle_timeout: std::time::Duration::from_secs(idle_timeout.max(1)),
            write_timeout: std::time::Duration::from_secs(write_timeout.max(1)),
            allow_confined_clients,
            ..frontend::server::ServeOptions::default()
        }),
        None => one_shot(&cli.run),
    };
    match result {
        Ok(code) => code,
        Err(e) => report(&e),
    }
}

/// The shell: interactive on a terminal, else commands read line by line.
fn shell(file: Option<&std::path::Path>) -> i32 {
    use std::io::IsTerminal;
    let mut session = session::Session::default();
    session.show_notices_with(frontend::print_notice);
    match file {
        Some(path) => match std::fs::File::open(path) {
            Ok(f) => frontend::lines::run(
                &mut session,
                std::io::BufReader::new(f),
                &path.display().to_string(),
            ),
            Err(e) => report(&Error::usage(
                format!("cannot read `{}`: {e}", path.display()),
                None,
            )),
        },
        None if std::io::stdin().is_terminal() => frontend::repl::run(&mut session),
        None => {
            // fd 0 itself, not `Stdin`, which reads ahead into a buffer of its own.
            use std::os::fd::FromRawFd;
            // SAFETY: fd 0 stays open for the process's life; ManuallyDrop never closes it.
            let fd0 = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(0) });
            frontend::lines::run(
                &mut session,
                frontend::lines::Unbuffered::new(&*fd0),
                "stdin",
            )
        }
    }
}

/// `seccomp-pledge trace …`: the shell's `trace`, with the trace (and the `-c`/`-C` summary,
/// as strace's) to stderr or `-o FILE`; exits with the program's status.
fn trace_command(args: trace::args::TraceArgs) -> Result<i32, Error> {
    let mut session = one_shot_session();
    let out = session.execute(command::Command::Trace {
        args: Box::new(args),
        add: false,
        summary_with_calls: true,
    })?;
    let Some(ended) = out.ended else {
        return Ok(out.exit.unwrap_or(EXIT_TOOL));
    };
    if ended.interrupted {
        eprintln!("seccomp-pledge: trace interrupted; the program was killed");
    }
    Ok(ended.exit.code())
}

/// The session a one-shot command runs in: relative paths stay as typed, and a launch's
/// warnings are shown before the program starts.
fn one_shot_session() -> session::Session {
    let mut session = session::Session::new(std::path::PathBuf::new());
    session.show_notices_with(frontend::print_notice);
    session
}

/// `seccomp-pledge script FILE.rhai ARGS…`: 0, 1 when the script fails, 125 when it cannot
/// be read.
fn script(file: &std::path::Path, args: &[String]) -> i32 {
    let mut session = session::Session::default();
    session.show_notices_with(frontend::print_notice);
    match frontend::script::run_file(&mut session, file, args) {
        Ok(()) => 0,
        Err(e) => {
            let shown = abi::signature::escape_text(&e.to_string()).into_owned();
            eprintln!("seccomp-pledge: error: {shown}");
            if e.line == 0 { EXIT_TOOL } else { 1 }
        }
    }
}

fn report(e: &Error) -> i32 {
    eprintln!("{}", error::render(e, error::At::CommandLine));
    e.exit_code()
}

fn check(json: bool) -> Result<i32, Error> {
    let f = kernel::probe();
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&f).map_err(std::io::Error::other)?
        )?;
    } else {
        write!(out, "{}", f.render())?;
    }
    Ok(0)
}

fn one_shot(args: &RunArgs) -> Result<i32, Error> {
    if args.remote {
        return Err(Error::usage(
            "--remote is not supported: seccomp-pledge never downloads an engine; promises and unveil are enforced by the built-in engine",
            Some("drop --remote (or use --local, which is the default)".into()),
        ));
    }
    let modes: Vec<&str> = [
        (args.api, "--api"),
        (args.check, "--check"),
        (args.test.is_some(), "-T"),
    ]
    .into_iter()
    .filter_map(|(on, name)| on.then_some(name))
    .collect();
    if let Some(mode) = modes.first() {
        // These run no program: anything meant for a run would be ignored silently.
        let mut ignored: Vec<String> = modes[1..].iter().map(|m| (*m).to_string()).collect();
        ignored.extend(args.run_flags().iter().map(|f| (*f).to_string()));
        if let Some(prog) = args.command.first() {
            ignored.push(format!(
                "the program `{}`",
                crate::abi::signature::escape_word(&prog.to_string_lossy())
            ));
        }
        if !ignored.is_empty() {
            return Err(Error::usage(
                format!(
                    "{mode} runs no program: {} cannot be used with it",
                    ignored.join(", ")
                ),
                Some(format!("give {mode} alone, or drop it to run the program")),
            ));
        }
    }
    if args.api {
        // The seed's flag: serve the command API on the default socket.
        return frontend::server::serve(&frontend::server::ServeOptions::default());
    }
    if args.check {
        return check(args.json);
    }
    if let Some(feature) = args.test {
        let ok = match feature {
            Feature::Pledge => kernel::seccomp_available(),
            Feature::Unveil => compile::landlock::kernel_abi() > 0,
        };
        return Ok(if ok { 0 } else { 1 });
    }
    if let Some(name) = &args.export {
        return export(args, name);
    }
    let (policy, run) = args.lower()?;
    let kill = policy.penalty == policy::Penalty::Kill;
    let mut session = one_shot_session();
    session.policy = policy;
    let out = session.execute(run)?;
    let Some(ended) = out.ended else {
        return Ok(out.exit.unwrap_or(EXIT_TOOL));
    };
    for n in &ended.notes {
        eprintln!("seccomp-pledge: note: {n}");
    }
    if let sandbox::status::Exit::Signal(sig) = ended.exit {
        if sig == libc::SIGSYS && !args.quiet {
            let what = if kill && ended.denials > 0 {
                "the sandbox was killed after the denial reported above (-k)".to_string()
            } else {
                format!(
                    "`{}` was killed by SIGSYS: a `kill` rule matched, or a system call the filter refuses to report",
                    args.command[0].to_string_lossy()
                )
            };
            eprintln!("seccomp-pledge: {what}");
        }
    }
    Ok(ended.exit.code())
}

/// `--export FORMAT`: the policy the flags build, written to stdout in that format.
fn export(args: &RunArgs, name: &str) -> Result<i32, Error> {
    let shown = |w: &str| crate::abi::signature::escape_word(w);
    if let Some(prog) = args.command.first() {
        return Err(Error::usage(
            format!(
                "--export writes the policy and runs no program: the program `{}` cannot be used with it",
                shown(&prog.to_string_lossy())
            ),
            Some("drop the program, or drop --export to run it".into()),
        ));
    }
    let names = || format::names().collect::<Vec<_>>().join(", ");
    let format = format::Format::by_name(name).ok_or_else(|| {
        Error::usage(
            format!("unknown format `{}` after --export", shown(name)),
            Some(format!("formats: {}", names())),
        )
    })?;
    let runtime = match &args.runtime {
        None => format::Runtime::None,
        Some(r) => format::Runtime::by_name(r).ok_or_else(|| {
            Error::usage(
                format!("unknown runtime `{}` after --runtime", shown(r)),
                Some(format!(
                    "runtimes: {}",
                    format::target::runtime_names()
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            )
        })?,
    };
    let policy = args.policy()?;
    let opts = format::ExportOptions {
        runtime,
        lossy: args.lossy,
    };
    let exported = (format.spec().export)(&policy, &opts).map_err(Error::Export)?;
    for d in &exported.differences {
        eprintln!("seccomp-pledge: note: {d}");
    }
    let mut out = std::io::stdout().lock();
    out.write_all(&exported.bytes)?;
    out.flush()?;
    Ok(0)
}

/// The exit code for seccomp-pledge's own failures.
pub const EXIT_USAGE: i32 = EXIT_TOOL;
