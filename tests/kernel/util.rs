//! Test harness for kernel tests: builds the probe programs once, runs the built
//! `seccomp-pledge` binary on them, and parses the probe's one-line-per-step output.
//!
//! The test runner itself is never sandboxed: every confined program is a child process of
//! the binary under test. Missing kernel features fail the tests (strict by default); set
//! `SECCOMP_PLEDGE_TEST_STRICT=0` to skip loudly instead on machines without them.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// The binary under test.
pub(crate) fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_seccomp-pledge"))
}

fn build_dir() -> PathBuf {
    // Cargo's temporary directory sits under the target triple's directory (the build has a
    // `target` of its own, .cargo/config.toml); the probes go one level up, so that their
    // paths stay short enough to be shown whole in a denial's argv (64 bytes a string).
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let base = match tmp.parent() {
        Some(triple)
            if triple
                .file_name()
                .is_some_and(|n| n == "x86_64-unknown-linux-gnu") =>
        {
            triple
                .parent()
                .map_or_else(|| tmp.to_path_buf(), |t| t.join("tmp"))
        }
        _ => tmp.to_path_buf(),
    };
    base.join("probe")
}

fn compile(out: &str, extra: &[&str]) -> PathBuf {
    let cc = std::env::var("CC").unwrap_or_else(|_| "gcc".into());
    compile_with(&cc, "probe.c", out, extra)
}

/// Compiles `tests/probe/SOURCE` with the C compiler `cc` into the test build directory.
pub(crate) fn compile_with(cc: &str, source: &str, out: &str, extra: &[&str]) -> PathBuf {
    let dir = build_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/probe")
        .join(source);
    let dst = dir.join(out);
    let tmp = dir.join(format!("{out}.tmp.{}", std::process::id()));
    let status = Command::new(cc)
        .args(["-O1", "-Wall", "-Werror"])
        .args(extra)
        .arg("-o")
        .arg(&tmp)
        .arg(&src)
        .arg("-lpthread")
        .status()
        .unwrap_or_else(|e| panic!("cannot run the C compiler `{cc}` to build the probe: {e}"));
    assert!(
        status.success(),
        "building the probe with `{cc} {extra:?}` failed"
    );
    std::fs::rename(&tmp, &dst).unwrap();
    dst
}

/// The dynamic probe.
pub(crate) fn probe() -> &'static Path {
    static P: OnceLock<PathBuf> = OnceLock::new();
    P.get_or_init(|| compile("probe", &[]))
}

/// The static probe.
pub(crate) fn probe_static() -> &'static Path {
    static P: OnceLock<PathBuf> = OnceLock::new();
    P.get_or_init(|| compile("probe-static", &["-static"]))
}

/// Fails (or, with `SECCOMP_PLEDGE_TEST_STRICT=0`, skips loudly) unless the kernel has what
/// the kernel tests need: seccomp filters with user notification and Landlock ABI ≥ 6.
/// Returns false when the test should return early.
pub(crate) fn require_kernel() -> bool {
    static OK: OnceLock<Result<(), String>> = OnceLock::new();
    let r = OK.get_or_init(|| {
        let out = Command::new(bin())
            .args(["check", "--json"])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        if v["seccomp"] != true {
            return Err("seccomp filters are not available".into());
        }
        if v["landlock_abi"].as_i64().unwrap_or(0) < 6 {
            return Err(format!(
                "Landlock ABI 6 or later is needed, kernel has {}",
                v["landlock_abi"]
            ));
        }
        Ok(())
    });
    match r {
        Ok(()) => true,
        Err(why) => missing(why),
    }
}

/// A kernel feature a test needs is missing: fails the test, or with
/// `SECCOMP_PLEDGE_TEST_STRICT=0` says so on stderr and returns false (the test then returns).
pub(crate) fn missing(why: &str) -> bool {
    if std::env::var("SECCOMP_PLEDGE_TEST_STRICT").as_deref() == Ok("0") {
        eprintln!("SKIPPED (SECCOMP_PLEDGE_TEST_STRICT=0): {why}");
        false
    } else {
        panic!("kernel feature missing: {why} (set SECCOMP_PLEDGE_TEST_STRICT=0 to skip)")
    }
}

/// The outcome of one `seccomp-pledge` run.
#[derive(Debug)]
pub(crate) struct Run {
    /// Exit code, or 128 + signal when killed.
    pub(crate) code: i32,
    /// Standard output.
    pub(crate) stdout: String,
    /// Standard error.
    pub(crate) stderr: String,
}

impl Run {
    /// The result word of a probe step: `ok` or the errno name (`EPERM`); panics with the
    /// whole output when the step did not print.
    pub(crate) fn result<'a>(&'a self, op: &'a str) -> &'a str {
        self.results(op)
            .next()
            .unwrap_or_else(|| panic!("no `{op}` line in probe output\n{self}"))
    }

    /// The result words of every line for `op` (several for repeated steps or threads).
    pub(crate) fn results<'a>(&'a self, op: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.stdout.lines().filter_map(move |l| {
            let l = l
                .strip_prefix('[')
                .and_then(|r| r.split_once("] "))
                .map_or(l, |(_, r)| r);
            let mut w = l.split_whitespace();
            (w.next() == Some(op)).then(|| w.next()).flatten()
        })
    }

    /// The value after `ok` for a step.
    pub(crate) fn value<'a>(&'a self, op: &str) -> &'a str {
        self.stdout
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{op} ok ")))
            .unwrap_or_else(|| panic!("no `{op} ok VALUE` line\n{self}"))
    }

    /// Asserts the result of a step.
    #[track_caller]
    pub(crate) fn expect(&self, op: &str, want: &str) -> &Self {
        assert_eq!(self.result(op), want, "step `{op}`\n{self}");
        self
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "--- exit {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// Runs `seccomp-pledge ARGS…` with stdin from /dev/null.
pub(crate) fn sp<S: AsRef<OsStr>>(args: &[S]) -> Run {
    sp_cmd(args, |_| {})
}

/// Runs `seccomp-pledge ARGS…` after letting the caller adjust the command.
pub(crate) fn sp_cmd<S: AsRef<OsStr>>(args: &[S], adjust: impl FnOnce(&mut Command)) -> Run {
    let mut c = Command::new(bin());
    c.args(args).stdin(Stdio::null());
    adjust(&mut c);
    let mut r = run_command(&mut c);
    r.stderr = without_root_warning(&r.stderr);
    r
}

/// Runs any command with stdin from /dev/null, to its end.
pub(crate) fn run_command(c: &mut Command) -> Run {
    finished(c.stdin(Stdio::null()).output().unwrap())
}

/// Starts `c`, writes `input(pid)` to its stdin (then closes it) and waits for it: for input
/// that depends on the running process.
pub(crate) fn run_feeding(c: &mut Command, input: impl FnOnce(u32) -> String) -> Run {
    use std::io::Write;
    let mut child = c
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let text = input(child.id());
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(text.as_bytes()).unwrap();
    drop(stdin);
    finished(child.wait_with_output().unwrap())
}

fn finished(out: std::process::Output) -> Run {
    Run {
        code: out
            .status
            .code()
            .unwrap_or_else(|| 128 + out.status.signal().unwrap_or(0)),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The tests run as root, where every run without `-P` warns that the default process
/// limit does not apply (checked by `limits_as_root`, and for the socket by
/// `json_format_streams_output_and_returns_data`); other tests see output without it: on
/// stderr (`seccomp-pledge: warning: …`) or as a socket reply's note (`note: warning: …`).
pub(crate) fn without_root_warning(output: &str) -> String {
    let warning = seccomp_pledge::ROOT_NPROC_WARNING;
    output
        .replace(&format!("seccomp-pledge: warning: {warning}\n"), "")
        .replace(&format!("note: warning: {warning}\n"), "")
}

/// Runs the static probe with `steps` (separated by `::` as usual) under `flags`. The
/// static probe needs no loader, so only `exec` is added to the promises: what a test
/// denies stays denied.
pub(crate) fn probe_run(flags: &[&str], steps: &str) -> Run {
    run_prog(probe_static(), flags, steps)
}

/// Runs the static probe with `steps` outside any sandbox (what the kernel alone answers).
pub(crate) fn probe_unconfined(steps: &str) -> Run {
    run_command(Command::new(probe_static()).args(steps.split_whitespace()))
}

/// Runs the dynamic probe (the loader needs `rpath prot_exec`, added for now).
pub(crate) fn probe_run_dyn(flags: &[&str], steps: &str) -> Run {
    run_prog(probe(), flags, steps)
}

fn run_prog(prog: &Path, flags: &[&str], steps: &str) -> Run {
    let mut args: Vec<String> = flags.iter().map(|s| s.to_string()).collect();
    args.push("--".into());
    args.push(prog.display().to_string());
    args.extend(steps.split_whitespace().map(str::to_string));
    sp(&args)
}

/// A fresh directory for a test, removed when dropped.
pub(crate) fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("sp-kernel-")
        .tempdir_in("/tmp")
        .unwrap()
}

/// A path as a `String` (test paths are ASCII).
pub(crate) fn s(p: &Path) -> String {
    String::from_utf8(p.as_os_str().as_bytes().to_vec()).unwrap()
}

/// Writes an executable file at `path` with the ELF header of a 32-bit x86 program (enough
/// for seccomp-pledge to recognise and refuse it; it is never run).
pub(crate) fn write_elf32(path: &Path) {
    let mut h = vec![0u8; 128];
    h[..4].copy_from_slice(b"\x7fELF");
    h[4] = 1; // ELFCLASS32
    h[5] = 1; // little endian
    h[16] = 2; // ET_EXEC
    h[18] = 3; // EM_386
    std::fs::write(path, &h).unwrap();
    make_executable(path);
}

/// chmod 0755.
pub(crate) fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// The objects of a `--report` file (one JSON object per line).
pub(crate) fn report_objects(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Waits (up to 10 s) until `pid` has exited (gone, or a zombie); false if it never does.
pub(crate) fn process_gone(pid: i32) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::time::Instant::now() < deadline {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let zombie = stat
            .rsplit(')')
            .next()
            .is_some_and(|r| r.trim_start().starts_with('Z'));
        if stat.is_empty() || zombie {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    false
}

/// The lines `seccomp-pledge` itself wrote to `stderr` (`seccomp-pledge: …` and the hints
/// under them), for runs whose program writes to the same stream.
pub(crate) fn tool_lines(stderr: &str) -> String {
    stderr
        .lines()
        .filter(|l| l.starts_with("seccomp-pledge:") || l.starts_with("  hint: "))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// `stderr` of a run in the default `--landlock-reports` mode without what depends on the
/// kernel's audit switch (which differs per machine, and which `landlock_reports.rs` turns on
/// for a while): with audit on, Landlock's refusals are reported (`… needs unveil …`); with it
/// off, a failed run notes instead that they would not have been (in the shell too).
pub(crate) fn without_audit_lines(stderr: &str) -> String {
    stderr
        .lines()
        .filter(|l| {
            // The shell prints its notes without the program's name.
            let note = l
                .strip_prefix("seccomp-pledge: ")
                .unwrap_or(l)
                .starts_with("note: if unveil refused the program a file, it was not reported: ");
            let landlock =
                l.starts_with("seccomp-pledge: denied ") && l.contains(": needs unveil ");
            !note && !landlock
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

/// `text` with the directory the probes are built in (inside the build's target directory,
/// which differs per checkout) shown as `$PROBES`.
pub(crate) fn mask_probes(text: &str) -> String {
    text.replace(&s(&build_dir()), "$PROBES")
}

/// The stderr of a run in the default `--landlock-reports` mode as tests compare it whole:
/// pids and addresses masked ([`mask_run`](crate::text_cmp::mask_run)), the probes' directory
/// as `$PROBES`, and what the audit switch changes left out ([`without_audit_lines`]).
pub(crate) fn auto_stderr(stderr: &str) -> String {
    without_audit_lines(&mask_probes(&crate::text_cmp::mask_run(stderr)))
}
