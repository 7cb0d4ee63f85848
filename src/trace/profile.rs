//! What a trace leaves behind for policy suggestions and summaries, in bounded memory: the
//! distinct call *shapes* (a syscall with only the arguments a policy can look at), the
//! file-system uses that Landlock governs, the programs executed, the foreign-ABI calls, and
//! the per-syscall counts of `-c`.
//!
//! Events stream to the output; only this profile stays, so a trace of a billion calls uses
//! the same memory as one of a thousand distinct calls. Each collection is capped
//! ([`MAX_SHAPES`], [`MAX_PATHS`], [`MAX_EXECS`]); what is dropped is counted, and a
//! suggestion made from a capped profile says so.
//!
//! Profiles of several runs merge ([`Profile::merge`]: `trace --add`, `load --trace`) and
//! save as versioned JSON ([`Profile::to_json`], [`Profile::from_json`]).
//!
//! This module does no I/O: the tracer resolves paths and hands them in.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::sandbox::status::Exit;

use crate::abi::sysargs;
use crate::abi::syscalls::{self, Sysno};
use crate::abi::table;
use crate::format::{FileError, fs};
use crate::policy::promise::{self, PID_PLACEHOLDER};
use crate::policy::rule::{Op, Width};
use crate::policy::unveil::Perms;

/// Most distinct call shapes kept.
pub(crate) const MAX_SHAPES: usize = 16_384;
/// Most distinct paths kept.
pub(crate) const MAX_PATHS: usize = 16_384;
/// Most distinct executed programs kept.
pub(crate) const MAX_EXECS: usize = 1_024;
/// Most runs a merged profile names (their calls are all kept, whatever the number).
pub(crate) const MAX_RUNS: usize = 1_024;

/// The ABI a call was made with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Abi {
    /// Native x86_64 (`syscall`).
    X86_64,
    /// 32-bit x86 (`int 0x80`).
    I386,
    /// x32 (`syscall` with bit 30 set in the number).
    X32,
}

impl Abi {
    /// The name strace uses in its "syscall of another ABI" notes.
    pub fn name(self) -> &'static str {
        match self {
            Abi::X86_64 => "x86_64",
            Abi::I386 => "i386",
            Abi::X32 => "x32",
        }
    }
}

/// A native call reduced to what a policy can look at: the syscall number and, for each
/// argument some promise rule or the explicit-rule key table compares, its value under the
/// union of the masks compared; every other argument is 0. An argument the promise table
/// compares with the caller's own pid holds [`PID_PLACEHOLDER`] when it is that pid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Shape {
    /// The x86_64 syscall number.
    pub nr: u32,
    /// The masked arguments.
    pub args: [u64; 6],
}

/// All the bits of argument `index` of `s` the kernel reads.
fn full_mask(s: Sysno, index: u8) -> u64 {
    match sysargs::width(s, index) {
        Some(Width::Dword) => 0xffff_ffff,
        _ => u64::MAX,
    }
}

/// For each syscall number, the mask kept for each argument (0: dropped).
fn masks(nr: u32) -> [u64; 6] {
    use std::sync::OnceLock;
    static TABLE: OnceLock<Vec<[u64; 6]>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = vec![[0u64; 6]; syscalls::MAX_NR as usize + 1];
        for info in &promise::TABLE {
            for r in info.rules {
                let m = &mut t[r.syscall.id() as usize];
                for group in r.all_of {
                    for c in *group {
                        let width = full_mask(r.syscall, c.index);
                        let mask = match c.op {
                            Op::MaskedEq(mask) => mask & width,
                            _ => width,
                        };
                        m[usize::from(c.index)] |= mask;
                    }
                }
            }
        }
        // Arguments worth keeping for explicit rules even where no promise rule compares
        // them (`allow traced` writes conditions on these): the table's `keep` ones.
        for e in table::TABLE {
            for (index, p) in e.params.iter().enumerate() {
                if p.keep {
                    t[e.sysno.id() as usize][index] |= full_mask(e.sysno, index as u8);
                }
            }
        }
        t
    });
    table.get(nr as usize).copied().unwrap_or([0; 6])
}

/// For syscall `nr`, the mask a [`Shape`] keeps of each argument (0: the argument is
/// dropped). Bits above the kernel's width of the argument are never kept.
pub(crate) fn kept_masks(nr: u32) -> [u64; 6] {
    masks(nr)
}

impl Shape {
    /// The shape of native call `nr(args)` made by a thread of process `tgid`.
    pub fn of(nr: u32, args: &[u64; 6], tgid: i32) -> Shape {
        let m = masks(nr);
        let mut a = [0u64; 6];
        for i in 0..6 {
            a[i] = args[i] & m[i];
        }
        let own = promise::with_placeholder(nr, args, tgid as u32);
        for (a, own) in a.iter_mut().zip(own) {
            if own == PID_PLACEHOLDER {
                *a = PID_PLACEHOLDER;
            }
        }
        Shape { nr, args: a }
    }

    /// The syscall's name.
    pub fn name(&self) -> &'static str {
        syscalls::name(self.nr).unwrap_or("?")
    }
}

/// When a call was made, relative to the dynamic loader's work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Before the program's own code ran: the dynamic loader mapping libraries (known only
    /// when the tracer saw the end-of-loader mark).
    Loader,
    /// The program itself (or any call when the phase is unknown).
    Program,
}

/// Counts for one shape.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ShapeStats {
    /// Calls made by the program itself (or in an unknown phase).
    pub program: u64,
    /// Calls made while the dynamic loader was working.
    pub loader: u64,
    /// Calls of either phase that failed.
    pub errors: u64,
}

/// What a traced program did with one path (absolute, normalised lexically).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PathUse {
    /// Landlock rights it used successfully, as unveil letters: `r` read (open for
    /// reading, list), `w` write (open for writing, truncate), `x` execute, `c` create or
    /// remove entries (recorded on the parent directory).
    pub used: Perms,
    /// Letters it tried but failed for another reason than the file being absent.
    pub failed: Perms,
    /// It was looked for and did not exist (ENOENT/ENOTDIR): an optional file.
    pub missing: bool,
    /// It was opened as, or known to be, a directory.
    pub dir: bool,
    /// Whether any use happened in the program phase (else only the loader used it).
    pub program: bool,
    /// The program created it (a file opened with `O_CREAT` that was not there, a directory
    /// made, a link, node or socket made, a rename's new name that was not there): it did
    /// not exist when the program started, unless the program removed it first.
    pub created: bool,
}

/// Per-syscall counts and time, for `-c`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SyscallTotals {
    /// Calls.
    pub calls: u64,
    /// Calls that returned an error.
    pub errors: u64,
    /// Time between entry and exit, summed.
    pub time: Duration,
}

/// One traced run of a profile: the command and how it ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// The command traced, as given.
    pub argv: Vec<OsString>,
    /// How it ended.
    pub exit: Exit,
    /// Whether Ctrl-C cut it short.
    pub interrupted: bool,
}

/// Everything a trace leaves behind; several traces merged ([`Profile::merge`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Profile {
    /// The runs traced, in order (at most [`MAX_RUNS`]; the tracer leaves this empty and the
    /// session adds the run).
    pub runs: Vec<Run>,
    /// Runs merged in but not named because [`MAX_RUNS`] was reached.
    pub runs_dropped: u64,
    /// The program first executed (the traced command, resolved).
    pub program: Option<PathBuf>,
    /// Distinct native call shapes (without each run's first `execve`, which `run`
    /// performs itself: the tracer leaves it out).
    pub shapes: BTreeMap<Shape, ShapeStats>,
    /// Calls whose shape was not kept because [`MAX_SHAPES`] was reached.
    pub shapes_dropped: u64,
    /// Paths used.
    pub paths: BTreeMap<PathBuf, PathUse>,
    /// Path uses not kept because [`MAX_PATHS`] was reached.
    pub paths_dropped: u64,
    /// Programs executed successfully, in order, without repeats.
    pub execs: Vec<PathBuf>,
    /// Calls made with a foreign ABI: (ABI, number in that ABI's table) → count.
    pub foreign: BTreeMap<(Abi, u32), u64>,
    /// Per-syscall totals, keyed by name (`i386:open` for foreign ones).
    pub totals: BTreeMap<String, SyscallTotals>,
    /// Every call seen (entry stops).
    pub events: u64,
    /// The trace stopped only at some calls (`-e trace=`): the profile misses the others.
    pub filtered: bool,
    /// The end of the dynamic loader's work was seen, so [`Phase::Loader`] counts are real.
    pub loader_marked: bool,
    /// Tasks (threads and processes) seen.
    pub tasks: u64,
}

impl Profile {
    /// Records a native call's shape.
    pub fn record_call(&mut self, shape: Shape, phase: Phase, failed: bool) {
        let full = self.shapes.len() >= MAX_SHAPES;
        let entry = match self.shapes.get_mut(&shape) {
            Some(e) => e,
            None if full => {
                self.shapes_dropped += 1;
                return;
            }
            None => self.shapes.entry(shape).or_default(),
        };
        match phase {
            Phase::Loader => entry.loader += 1,
            Phase::Program => entry.program += 1,
        }
        if failed {
            entry.errors += 1;
        }
    }

    /// Records a foreign-ABI call.
    pub fn record_foreign(&mut self, abi: Abi, nr: u32) {
        *self.foreign.entry((abi, nr)).or_default() += 1;
    }

    /// Adds one call to the `-c` totals.
    pub fn record_total(&mut self, name: &str, failed: bool, time: Duration) {
        let t = match self.totals.get_mut(name) {
            Some(t) => t,
            None => self.totals.entry(name.to_string()).or_default(),
        };
        t.calls += 1;
        if failed {
            t.errors += 1;
        }
        t.time += time;
    }

    /// Records a use of `path` (absolute): `letters` succeeded (`ok`) or failed with
    /// `errno`.
    pub fn record_path(
        &mut self,
        path: &Path,
        letters: Perms,
        dir: bool,
        phase: Phase,
        result: Result<(), i32>,
    ) {
        let full = self.paths.len() >= MAX_PATHS;
        let u = match self.paths.get_mut(path) {
            Some(u) => u,
            None if full => {
                self.paths_dropped += 1;
                return;
            }
            None => self.paths.entry(path.to_path_buf()).or_default(),
        };
        match result {
            Ok(()) => u.used = u.used.union(letters),
            Err(e) if e == libc::ENOENT || e == libc::ENOTDIR => u.missing = true,
            Err(_) => u.failed = u.failed.union(letters),
        }
        u.dir |= dir;
        u.program |= phase == Phase::Program;
    }

    /// Records that a call created `path` (absolute): see [`PathUse::created`].
    pub fn record_created(&mut self, path: &Path, phase: Phase) {
        let full = self.paths.len() >= MAX_PATHS;
        let u = match self.paths.get_mut(path) {
            Some(u) => u,
            None if full => {
                self.paths_dropped += 1;
                return;
            }
            None => self.paths.entry(path.to_path_buf()).or_default(),
        };
        u.created = true;
        u.program |= phase == Phase::Program;
    }

    /// Counts every loader-phase use as the program's own: what a trace must do when the
    /// end of the loader's work was never seen.
    pub fn fold_loader(&mut self) {
        for s in self.shapes.values_mut() {
            s.program += s.loader;
            s.loader = 0;
        }
        for u in self.paths.values_mut() {
            u.program = true;
        }
    }

    /// Records a successful exec.
    pub fn record_exec(&mut self, path: &Path) {
        if self.program.is_none() {
            self.program = Some(path.to_path_buf());
        }
        if self.execs.len() < MAX_EXECS && !self.execs.iter().any(|p| p == path) {
            self.execs.push(path.to_path_buf());
        }
    }

    /// Adds `other`'s runs to this profile, as if they had been traced into it: counts add,
    /// shapes, paths (their letters, `missing`, `dir`, program use), executed programs,
    /// foreign calls and totals unite, caps apply as while tracing (what does not fit is
    /// counted as dropped). `other`'s program is not counted as one this profile's program
    /// executed: `run` launches each command itself (the tracer leaves each run's first
    /// `execve` out of the shapes for the same reason).
    pub fn merge(&mut self, other: &Profile) {
        for r in &other.runs {
            if self.runs.len() < MAX_RUNS {
                self.runs.push(r.clone());
            } else {
                self.runs_dropped = self.runs_dropped.saturating_add(1);
            }
        }
        self.runs_dropped = self.runs_dropped.saturating_add(other.runs_dropped);
        for (shape, st) in &other.shapes {
            let full = self.shapes.len() >= MAX_SHAPES;
            let e = match self.shapes.get_mut(shape) {
                Some(e) => e,
                None if full => {
                    self.shapes_dropped = self
                        .shapes_dropped
                        .saturating_add(st.program.saturating_add(st.loader));
                    continue;
                }
                None => self.shapes.entry(*shape).or_default(),
            };
            e.program = e.program.saturating_add(st.program);
            e.loader = e.loader.saturating_add(st.loader);
            e.errors = e.errors.saturating_add(st.errors);
        }
        self.shapes_dropped = self.shapes_dropped.saturating_add(other.shapes_dropped);
        for (path, u) in &other.paths {
            let full = self.paths.len() >= MAX_PATHS;
            let e = match self.paths.get_mut(path) {
                Some(e) => e,
                None if full => {
                    self.paths_dropped = self.paths_dropped.saturating_add(1);
                    continue;
                }
                None => self.paths.entry(path.clone()).or_default(),
            };
            e.used = e.used.union(u.used);
            e.failed = e.failed.union(u.failed);
            e.missing |= u.missing;
            e.dir |= u.dir;
            e.program |= u.program;
            // Created in any run: it may be missing when a run starts.
            e.created |= u.created;
        }
        self.paths_dropped = self.paths_dropped.saturating_add(other.paths_dropped);
        // `other`'s own program is one `run` launches, not one this profile's program
        // executed (as for the first run's, which is `execs[0]`).
        let launched = self.program.is_some() && other.program.is_some();
        let skip = usize::from(launched && other.execs.first() == other.program.as_ref());
        for path in other.execs.iter().skip(skip) {
            if self.execs.len() < MAX_EXECS && !self.execs.contains(path) {
                self.execs.push(path.clone());
            }
        }
        if self.program.is_none() {
            self.program.clone_from(&other.program);
        }
        for (k, n) in &other.foreign {
            let e = self.foreign.entry(*k).or_default();
            *e = e.saturating_add(*n);
        }
        for (name, t) in &other.totals {
            let e = match self.totals.get_mut(name) {
                Some(e) => e,
                None => self.totals.entry(name.clone()).or_default(),
            };
            e.calls = e.calls.saturating_add(t.calls);
            e.errors = e.errors.saturating_add(t.errors);
            e.time = e.time.saturating_add(t.time);
        }
        self.events = self.events.saturating_add(other.events);
        self.tasks = self.tasks.saturating_add(other.tasks);
        self.filtered |= other.filtered;
        self.loader_marked |= other.loader_marked;
    }

    /// The profile as a trace file: pretty JSON (see [`ProfileFile`]), ending in a newline.
    pub fn to_json(&self) -> String {
        let file = ProfileFile::of(self);
        let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Reads a trace file written by [`Profile::to_json`] (on any machine of this
    /// architecture).
    ///
    /// # Errors
    /// What is wrong, in one line: not JSON (with line and column), another kind of file (a
    /// policy, seccompiler filters: [`LoadError::Kind`]), a newer or unknown format version,
    /// another architecture, an unknown or missing field, or values a profile cannot hold.
    pub fn from_json(text: &str) -> Result<Profile, LoadError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| LoadError::Bad(e.to_string()))?;
        let Some(obj) = value.as_object() else {
            return Err(LoadError::Bad(
                "not a trace profile: the file holds no JSON object".into(),
            ));
        };
        match obj.get("format") {
            Some(serde_json::Value::String(f)) if f == FORMAT => {}
            Some(other) => {
                return Err(LoadError::Bad(format!(
                    "not a trace profile: `format` is {other}, not \"{FORMAT}\""
                )));
            }
            None if crate::format::seccompiler::looks_like_seccompiler(&value) => {
                return Err(LoadError::Kind(FileKind::Seccompiler));
            }
            None if ["promises", "rules", "unveil", "penalty"]
                .iter()
                .any(|k| obj.contains_key(*k)) =>
            {
                return Err(LoadError::Kind(FileKind::Policy));
            }
            None => {
                return Err(LoadError::Bad(format!(
                    "not a trace profile: no `\"format\": \"{FORMAT}\"`"
                )));
            }
        }
        match obj.get("version").map(serde_json::Value::as_u64) {
            Some(Some(VERSION)) => {}
            Some(Some(v)) if v > VERSION => {
                return Err(LoadError::Bad(format!(
                    "trace format version {v} is newer than this seccomp-pledge reads (version {VERSION}): update seccomp-pledge"
                )));
            }
            Some(_) => {
                return Err(LoadError::Bad(format!(
                    "unknown trace format version {} (this seccomp-pledge reads version {VERSION})",
                    obj["version"]
                )));
            }
            None => return Err(LoadError::Bad("missing field `version`".into())),
        }
        match obj.get("arch") {
            Some(serde_json::Value::String(a)) if a == ARCH => {}
            Some(serde_json::Value::String(a)) => {
                return Err(LoadError::Bad(format!(
                    "recorded on {}, not {ARCH}: its system call numbers are another architecture's",
                    crate::abi::signature::escape_word(a)
                )));
            }
            Some(other) => {
                return Err(LoadError::Bad(format!(
                    "`arch` is {other}, not an architecture's name"
                )));
            }
            None => return Err(LoadError::Bad("missing field `arch`".into())),
        }
        let file: ProfileFile =
            serde_json::from_str(text).map_err(|e| LoadError::Bad(e.to_string()))?;
        file.into_profile().map_err(LoadError::Bad)
    }
}

/// The `format` of a trace file.
pub(crate) const FORMAT: &str = crate::format::TRACE_FORMAT;
/// The version of the trace file format this build writes and reads.
pub(crate) const VERSION: u64 = 1;
/// The architecture whose system call numbers a profile holds.
pub(crate) const ARCH: &str = "x86_64";

pub(crate) use crate::format::FileKind;

/// The largest trace profile file read or written, in bytes (a profile at its caps with
/// typical paths is a few MiB).
pub(crate) const MAX_TRACE: u64 = 64 << 20;

/// Reads a trace profile file ([`Profile::from_json`]), bounded by
/// [`MAX_TRACE`].
///
/// # Errors
/// One line naming the file and what is wrong; another kind of file gets a hint naming the
/// command that reads it.
pub(crate) fn load_file(path: &Path) -> Result<Profile, FileError> {
    let fail = |message: String, hint: Option<String>| FileError::LoadTrace {
        path: path.to_path_buf(),
        message,
        hint,
    };
    let text = fs::read_limited(path, MAX_TRACE, "a trace profile").map_err(|m| fail(m, None))?;
    Profile::from_json(&text).map_err(|e| match e {
        LoadError::Kind(kind) => fail(
            format!("this is a {kind} file, not a trace profile"),
            Some("`load FILE` (without --trace) loads it as the policy".into()),
        ),
        LoadError::Bad(m) => fail(m, None),
    })
}

/// Writes a trace profile's JSON text atomically (see [`fs::write_atomic`]), refusing text
/// larger than [`MAX_TRACE`] (it could not be loaded again).
///
/// # Errors
/// The size, or the I/O failure, naming the file; the destination is left untouched then.
pub(crate) fn save_file(path: &Path, text: &str) -> Result<(), FileError> {
    let fail = |message: String| FileError::SaveTrace {
        path: path.to_path_buf(),
        message,
    };
    if text.len() as u64 > MAX_TRACE {
        return Err(fail(format!(
            "it is {} MiB as JSON, more than the {} MiB a trace file may hold",
            text.len() >> 20,
            MAX_TRACE >> 20
        )));
    }
    fs::write_atomic(path, text.as_bytes()).map_err(|e| fail(e.to_string()))
}

/// Why a trace file cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// It is another kind of file (the caller knows which command reads it).
    Kind(FileKind),
    /// What is wrong with it.
    Bad(String),
}

/// Text that is UTF-8 in the file when it can be, else its bytes (`{"bytes": [...]}`), so
/// every path and argument comes back exactly.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum Text {
    Utf8(String),
    Bytes(Bytes),
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Bytes {
    bytes: Vec<u8>,
}

impl Text {
    fn of(s: &std::ffi::OsStr) -> Text {
        match s.to_str() {
            Some(t) => Text::Utf8(t.to_string()),
            None => Text::Bytes(Bytes {
                bytes: s.as_bytes().to_vec(),
            }),
        }
    }

    fn into_os(self) -> OsString {
        match self {
            Text::Utf8(s) => OsString::from(s),
            Text::Bytes(b) => OsString::from_vec(b.bytes),
        }
    }
}

/// The trace file: the profile's fields, each list in a fixed order, so that the same
/// profile always gives the same bytes.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    format: String,
    version: u64,
    arch: String,
    runs: Vec<RunFile>,
    runs_dropped: u64,
    program: Option<Text>,
    executed: Vec<Text>,
    calls: u64,
    tasks: u64,
    filtered: bool,
    loader_marked: bool,
    shapes: Vec<ShapeFile>,
    shapes_dropped: u64,
    paths: Vec<PathFile>,
    paths_dropped: u64,
    foreign: Vec<ForeignFile>,
    totals: Vec<TotalFile>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RunFile {
    command: Vec<Text>,
    exit: ExitFile,
    interrupted: bool,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
enum ExitFile {
    Code(i32),
    Signal(i32),
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShapeFile {
    syscall: Option<String>,
    nr: u32,
    args: [u64; 6],
    program: u64,
    loader: u64,
    errors: u64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PathFile {
    path: Text,
    used: String,
    failed: String,
    missing: bool,
    dir: bool,
    program: bool,
    created: bool,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ForeignFile {
    abi: String,
    nr: u32,
    calls: u64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TotalFile {
    syscall: String,
    calls: u64,
    errors: u64,
    nanoseconds: u64,
}

fn perms_of(text: &str, what: &str) -> Result<Perms, String> {
    if text.is_empty() {
        return Ok(Perms::default());
    }
    Perms::parse(text).map_err(|e| format!("{what}: {e}"))
}

impl ProfileFile {
    fn of(p: &Profile) -> ProfileFile {
        ProfileFile {
            format: FORMAT.to_string(),
            version: VERSION,
            arch: ARCH.to_string(),
            runs: p
                .runs
                .iter()
                .map(|r| RunFile {
                    command: r.argv.iter().map(|a| Text::of(a)).collect(),
                    exit: match r.exit {
                        Exit::Code(c) => ExitFile::Code(c),
                        Exit::Signal(s) => ExitFile::Signal(s),
                    },
                    interrupted: r.interrupted,
                })
                .collect(),
            runs_dropped: p.runs_dropped,
            program: p.program.as_ref().map(|p| Text::of(p.as_os_str())),
            executed: p.execs.iter().map(|e| Text::of(e.as_os_str())).collect(),
            calls: p.events,
            tasks: p.tasks,
            filtered: p.filtered,
            loader_marked: p.loader_marked,
            shapes: p
                .shapes
                .iter()
                .map(|(s, st)| ShapeFile {
                    syscall: syscalls::name(s.nr).map(str::to_string),
                    nr: s.nr,
                    args: s.args,
                    program: st.program,
                    loader: st.loader,
                    errors: st.errors,
                })
                .collect(),
            shapes_dropped: p.shapes_dropped,
            paths: p
                .paths
                .iter()
                .map(|(path, u)| PathFile {
                    path: Text::of(path.as_os_str()),
                    used: u.used.to_string(),
                    failed: u.failed.to_string(),
                    missing: u.missing,
                    dir: u.dir,
                    program: u.program,
                    created: u.created,
                })
                .collect(),
            paths_dropped: p.paths_dropped,
            foreign: p
                .foreign
                .iter()
                .map(|((abi, nr), n)| ForeignFile {
                    abi: abi.name().to_string(),
                    nr: *nr,
                    calls: *n,
                })
                .collect(),
            totals: p
                .totals
                .iter()
                .map(|(name, t)| TotalFile {
                    syscall: name.clone(),
                    calls: t.calls,
                    errors: t.errors,
                    nanoseconds: u64::try_from(t.time.as_nanos()).unwrap_or(u64::MAX),
                })
                .collect(),
        }
    }

    /// The profile, checked: what a trace could not have recorded is refused.
    fn into_profile(self) -> Result<Profile, String> {
        let too_many = |what: &str, n: usize, max: usize| {
            format!("{n} {what}: more than a profile keeps ({max})")
        };
        if self.runs.len() > MAX_RUNS {
            return Err(too_many("runs", self.runs.len(), MAX_RUNS));
        }
        if self.shapes.len() > MAX_SHAPES {
            return Err(too_many("shapes", self.shapes.len(), MAX_SHAPES));
        }
        if self.paths.len() > MAX_PATHS {
            return Err(too_many("paths", self.paths.len(), MAX_PATHS));
        }
        if self.executed.len() > MAX_EXECS {
            return Err(too_many(
                "executed programs",
                self.executed.len(),
                MAX_EXECS,
            ));
        }
        let mut p = Profile {
            runs_dropped: self.runs_dropped,
            program: self.program.map(|t| PathBuf::from(t.into_os())),
            events: self.calls,
            tasks: self.tasks,
            filtered: self.filtered,
            loader_marked: self.loader_marked,
            shapes_dropped: self.shapes_dropped,
            paths_dropped: self.paths_dropped,
            ..Profile::default()
        };
        for r in self.runs {
            p.runs.push(Run {
                argv: r.command.into_iter().map(Text::into_os).collect(),
                exit: match r.exit {
                    ExitFile::Code(c) => Exit::Code(c),
                    ExitFile::Signal(s) => Exit::Signal(s),
                },
                interrupted: r.interrupted,
            });
        }
        for e in self.executed {
            let e = PathBuf::from(e.into_os());
            if p.execs.contains(&e) {
                return Err(format!("`{}` is executed twice", e.display()));
            }
            p.execs.push(e);
        }
        for (i, s) in self.shapes.into_iter().enumerate() {
            let at = format!("shape {} ({})", i + 1, s.syscall.as_deref().unwrap_or("?"));
            let name = syscalls::name(s.nr);
            if s.syscall.as_deref() != name {
                return Err(format!(
                    "{at}: system call {} is {} here",
                    s.nr,
                    name.map_or("not in the table".to_string(), |n| format!("`{n}`"))
                ));
            }
            let masks = kept_masks(s.nr);
            for (j, (a, m)) in s.args.iter().zip(masks).enumerate() {
                if a & !m != 0 && *a != PID_PLACEHOLDER {
                    return Err(format!(
                        "{at}: arg{j} {a:#x} holds bits a profile does not keep (mask {m:#x})"
                    ));
                }
            }
            if s.program.saturating_add(s.loader) == 0 {
                return Err(format!("{at}: no calls"));
            }
            if s.errors > s.program.saturating_add(s.loader) {
                return Err(format!("{at}: more errors than calls"));
            }
            let shape = Shape {
                nr: s.nr,
                args: s.args,
            };
            let stats = ShapeStats {
                program: s.program,
                loader: s.loader,
                errors: s.errors,
            };
            if p.shapes.insert(shape, stats).is_some() {
                return Err(format!("{at}: listed twice"));
            }
        }
        for u in self.paths {
            let path = PathBuf::from(u.path.into_os());
            let at = format!("path `{}`", path.display());
            let use_ = PathUse {
                used: perms_of(&u.used, &at)?,
                failed: perms_of(&u.failed, &at)?,
                missing: u.missing,
                dir: u.dir,
                program: u.program,
                created: u.created,
            };
            if p.paths.insert(path, use_).is_some() {
                return Err(format!("{at}: listed twice"));
            }
        }
        for f in self.foreign {
            let abi = match f.abi.as_str() {
                "i386" => Abi::I386,
                "x32" => Abi::X32,
                "x86_64" => Abi::X86_64,
                other => {
                    return Err(format!(
                        "foreign calls: unknown ABI `{}` (i386 or x32)",
                        crate::abi::signature::escape_word(other)
                    ));
                }
            };
            if p.foreign.insert((abi, f.nr), f.calls).is_some() {
                return Err(format!("foreign calls: {} #{} listed twice", f.abi, f.nr));
            }
        }
        for t in self.totals {
            if t.errors > t.calls {
                return Err(format!("totals of `{}`: more errors than calls", t.syscall));
            }
            let tot = SyscallTotals {
                calls: t.calls,
                errors: t.errors,
                time: Duration::from_nanos(t.nanoseconds),
            };
            if p.totals.insert(t.syscall.clone(), tot).is_some() {
                return Err(format!("totals of `{}`: listed twice", t.syscall));
            }
        }
        Ok(p)
    }
}

/// Normalises an absolute path lexically: removes `.` and empty components and applies
/// `..` (never above `/`). Symbolic links are not resolved.
pub(crate) fn normalise(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::from("/");
    for c in path.components() {
        match c {
            Component::Normal(n) => out.push(n),
            Component::ParentDir => {
                out.pop();
            }
            Component::RootDir | Component::CurDir | Component::Prefix(_) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_util::nr;

    #[test]
    fn shapes_keep_what_policies_compare_and_drop_pointers() {
        // openat(AT_FDCWD, ptr, O_RDONLY|O_CLOEXEC, 0): the path pointer goes, flags stay.
        let s = Shape::of(
            nr("openat"),
            &[(-100i64) as u64, 0x7ffd_1234, 0o2000000, 0, 0, 0],
            1,
        );
        assert_eq!(s.args[1], 0, "pointer dropped");
        assert_eq!(s.args[2], 0o2000000, "flags kept");
        let t = Shape::of(
            nr("openat"),
            &[(-100i64) as u64, 0x5555_0000, 0o2000000, 0, 0, 0],
            1,
        );
        assert_eq!(s, t, "two opens with the same flags have one shape");
        // read(fd, buf, n): nothing a policy compares.
        assert_eq!(
            Shape::of(nr("read"), &[3, 0x1000, 4096, 0, 0, 0], 1).args,
            [0; 6]
        );
        // socket family and type kept.
        let s = Shape::of(nr("socket"), &[2, 1, 0, 0, 0, 0], 1);
        assert_eq!(&s.args[..2], &[2, 1]);
        // kill(self) becomes the placeholder; kill(other) keeps its pid.
        assert_eq!(
            Shape::of(nr("kill"), &[42, 15, 0, 0, 0, 0], 42).args[0],
            PID_PLACEHOLDER
        );
        assert_eq!(Shape::of(nr("kill"), &[43, 15, 0, 0, 0, 0], 42).args[0], 43);
    }

    #[test]
    fn kept_masks_stay_within_the_kernels_width() {
        for s in syscalls::all() {
            for (i, &m) in masks(s.id() as u32).iter().enumerate() {
                if m == 0 {
                    continue;
                }
                let index = i as u8;
                assert!(
                    sysargs::width(s, index).is_some(),
                    "{} arg{i}: not an argument",
                    s.name()
                );
                assert_eq!(m & !full_mask(s, index), 0, "{} arg{i}", s.name());
            }
        }
        assert_eq!(masks(nr("mmap"))[2], u64::MAX, "prot is an unsigned long");
        assert_eq!(masks(nr("socket"))[0], 0xffff_ffff);
    }

    #[test]
    fn the_profile_is_bounded() {
        let mut p = Profile::default();
        for i in 0..(MAX_SHAPES as u64 + 10) {
            p.record_call(
                Shape {
                    nr: 16,
                    args: [0, i, 0, 0, 0, 0],
                },
                Phase::Program,
                false,
            );
        }
        assert_eq!(p.shapes.len(), MAX_SHAPES);
        assert_eq!(p.shapes_dropped, 10);
        p.record_call(
            Shape {
                nr: 16,
                args: [0, 0, 0, 0, 0, 0],
            },
            Phase::Loader,
            true,
        );
        let s = p.shapes[&Shape {
            nr: 16,
            args: [0; 6],
        }];
        assert_eq!(
            (s.program, s.loader, s.errors),
            (1, 1, 1),
            "a kept shape still counts"
        );
    }

    #[test]
    fn paths() {
        assert_eq!(
            normalise(Path::new("/usr/./lib/../bin//ls")),
            Path::new("/usr/bin/ls")
        );
        assert_eq!(normalise(Path::new("/../..")), Path::new("/"));
        let mut p = Profile::default();
        p.record_path(
            Path::new("/etc/hosts"),
            Perms::READ,
            false,
            Phase::Program,
            Ok(()),
        );
        p.record_path(
            Path::new("/etc/nope"),
            Perms::READ,
            false,
            Phase::Loader,
            Err(libc::ENOENT),
        );
        p.record_path(
            Path::new("/etc/shadow"),
            Perms::READ,
            false,
            Phase::Program,
            Err(libc::EACCES),
        );
        assert_eq!(p.paths[Path::new("/etc/hosts")].used, Perms::READ);
        assert!(
            p.paths[Path::new("/etc/nope")].missing && !p.paths[Path::new("/etc/nope")].program
        );
        assert_eq!(p.paths[Path::new("/etc/shadow")].failed, Perms::READ);
    }
}

#[cfg(test)]
mod file_tests {
    use super::*;

    use crate::test_util::nr;

    /// A run of `prog` as the tracer records it (its first execve is `run`'s, not a shape):
    /// a read-only open by the loader, reads, one execve of `/bin/true`, one path.
    fn run_of(prog: &str, path: &str, reads: u64) -> Profile {
        let mut p = Profile::default();
        p.record_exec(Path::new(prog));
        p.record_call(Shape::of(nr("execve"), &[0; 6], 1), Phase::Program, false);
        p.record_exec(Path::new("/bin/true"));
        p.record_call(
            Shape::of(nr("openat"), &[0, 0, 0o2000000, 0, 0, 0], 1),
            Phase::Loader,
            false,
        );
        for _ in 0..reads {
            p.record_call(Shape::of(nr("read"), &[0; 6], 1), Phase::Program, false);
        }
        p.record_path(Path::new(path), Perms::READ, false, Phase::Program, Ok(()));
        p.record_total("read", false, Duration::from_nanos(7));
        p.events = reads + 2;
        p.tasks = 1;
        p.loader_marked = true;
        p.runs.push(Run {
            argv: vec![prog.into()],
            exit: Exit::Code(0),
            interrupted: false,
        });
        p
    }

    #[test]
    fn merging_adds_counts_and_unites_what_was_used() {
        let mut a = run_of("/usr/bin/ls", "/usr", 3);
        let mut b = run_of("/usr/bin/cat", "/etc/hostname", 2);
        b.record_path(Path::new("/usr"), Perms::EXEC, true, Phase::Loader, Ok(()));
        b.record_foreign(Abi::I386, 20);
        b.filtered = true;
        a.merge(&b);
        let read = Shape::of(nr("read"), &[0; 6], 1);
        assert_eq!(a.shapes[&read].program, 5, "counts add");
        let open = Shape::of(nr("openat"), &[0, 0, 0o2000000, 0, 0, 0], 1);
        assert_eq!((a.shapes[&open].loader, a.shapes[&open].program), (2, 0));
        let execve = Shape::of(nr("execve"), &[0; 6], 1);
        assert_eq!(a.shapes[&execve].program, 2, "the programs' own execs add");
        let usr = a.paths[Path::new("/usr")];
        assert_eq!(usr.used, Perms::READ.union(Perms::EXEC));
        assert!(usr.dir && usr.program);
        assert!(a.paths.contains_key(Path::new("/etc/hostname")));
        assert_eq!(
            a.execs,
            [PathBuf::from("/usr/bin/ls"), PathBuf::from("/bin/true")],
            "cat was launched by run, not executed by ls; /bin/true once"
        );
        assert_eq!(a.program.as_deref(), Some(Path::new("/usr/bin/ls")));
        assert_eq!(a.totals["read"].calls, 2);
        assert_eq!(a.totals["read"].time, Duration::from_nanos(14));
        assert_eq!((a.events, a.tasks, a.filtered), (9, 2, true));
        assert_eq!(a.foreign[&(Abi::I386, 20)], 1);
        assert_eq!(a.runs.len(), 2);
        // Merging into an empty profile is the profile itself.
        let mut e = Profile::default();
        e.merge(&b);
        assert_eq!(e, b);
    }

    #[test]
    fn a_merged_profile_stays_within_the_caps() {
        let mut a = Profile::default();
        let mut b = Profile::default();
        for i in 0..MAX_SHAPES as u64 {
            a.record_call(
                Shape {
                    nr: 0,
                    args: [i, 0, 0, 0, 0, 0],
                },
                Phase::Program,
                false,
            );
        }
        for i in 0..3u64 {
            b.record_call(
                Shape {
                    nr: 0,
                    args: [0, i + 1, 0, 0, 0, 0],
                },
                Phase::Program,
                false,
            );
        }
        a.merge(&b);
        assert_eq!((a.shapes.len(), a.shapes_dropped), (MAX_SHAPES, 3));
    }

    #[test]
    fn files_round_trip_to_the_same_bytes() {
        let mut p = run_of("/usr/bin/ls", "/usr", 3);
        p.merge(&run_of("/usr/bin/cat", "/etc/hostname", 1));
        let odd = PathBuf::from(OsString::from_vec(b"/tmp/\xff\x1b".to_vec()));
        p.record_path(&odd, Perms::CREATE, true, Phase::Program, Err(libc::EACCES));
        p.record_foreign(Abi::X32, 0x4000_0027);
        // A path one run created: the mark travels and survives a merge.
        let made = PathBuf::from("/tmp/made");
        p.paths.entry(made.clone()).or_default().created = true;
        let mut q = run_of("/usr/bin/ls", "/usr", 1);
        q.merge(&p);
        assert!(q.paths[&made].created, "a merge keeps `created`");
        p.runs.push(Run {
            argv: vec![OsString::from_vec(b"\xfe".to_vec())],
            exit: Exit::Signal(9),
            interrupted: true,
        });
        let text = p.to_json();
        let back = Profile::from_json(&text).unwrap();
        assert_eq!(back, p);
        assert_eq!(back.to_json(), text);
        assert!(
            text.contains("\"format\": \"seccomp-pledge trace\""),
            "{text}"
        );
        assert!(text.contains("\"version\": 1"), "{text}");
    }

    fn refused(text: &str) -> String {
        match Profile::from_json(text) {
            Err(LoadError::Bad(m)) => m,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn bad_files_are_refused_with_what_is_wrong() {
        let good = run_of("/usr/bin/ls", "/usr", 1).to_json();
        assert_eq!(
            refused(&good.replace("\"version\": 1", "\"version\": 2")),
            "trace format version 2 is newer than this seccomp-pledge reads (version 1): update seccomp-pledge"
        );
        assert_eq!(
            refused(&good.replace("\"version\": 1", "\"version\": \"1\"")),
            "unknown trace format version \"1\" (this seccomp-pledge reads version 1)"
        );
        assert_eq!(
            refused(&good.replace("\"x86_64\"", "\"aarch64\"")),
            "recorded on aarch64, not x86_64: its system call numbers are another architecture's"
        );
        let extra = good.replacen("\"runs\"", "\"colour\": 1,\n  \"runs\"", 1);
        let m = refused(&extra);
        assert!(m.starts_with("unknown field `colour`"), "{m}");
        assert!(m.ends_with("at line 5 column 10"), "{m}");
        assert_eq!(
            refused(&good.replace("\"syscall\": \"read\"", "\"syscall\": \"write\"")),
            "shape 1 (write): system call 0 is `read` here"
        );
        assert_eq!(
            refused(&good.replace("\"used\": \"r\"", "\"used\": \"rq\"")),
            "path `/usr`: bad permission letter `q` in `rq`: use letters from `rwxc`"
        );
        assert_eq!(
            refused("{\"version\": 1}"),
            "not a trace profile: no `\"format\": \"seccomp-pledge trace\"`"
        );
        assert_eq!(
            refused("[1]"),
            "not a trace profile: the file holds no JSON object"
        );
        let m = refused(&good[..good.len() / 2]);
        assert!(m.starts_with("EOF while parsing"), "{m}");
        assert_eq!(
            Profile::from_json("{\"version\": 1, \"promises\": [\"stdio\"]}"),
            Err(LoadError::Kind(FileKind::Policy))
        );
        assert_eq!(
            Profile::from_json(
                "{\"main\": {\"mismatch_action\": \"trap\", \"match_action\": \"allow\", \"filter\": []}}"
            ),
            Err(LoadError::Kind(FileKind::Seccompiler))
        );
    }
}
