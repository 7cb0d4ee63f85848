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
//! This module does no I/O: the tracer resolves paths and hands them in.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::policy::promise::{self, PID_PLACEHOLDER};
use crate::policy::rule::{Op, Width};
use crate::policy::sysargs;
use crate::policy::syscalls::{self, Sysno};
use crate::policy::unveil::Perms;

/// Most distinct call shapes kept.
pub const MAX_SHAPES: usize = 16_384;
/// Most distinct paths kept.
pub const MAX_PATHS: usize = 16_384;
/// Most distinct executed programs kept.
pub const MAX_EXECS: usize = 1_024;

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

/// Arguments worth keeping for explicit rules even where no promise rule compares them
/// (`allow traced` writes conditions on these): (syscall, argument index). All the bits the
/// kernel reads are kept (its width from `policy::sysargs`).
const KEY_ARGS: &[(&str, u8)] = &[
    ("socket", 0),
    ("socket", 1),
    ("socket", 2),
    ("socketpair", 0),
    ("ioctl", 1),
    ("fcntl", 1),
    ("prctl", 0),
    ("clone", 0),
    ("mmap", 2),
    ("mprotect", 2),
    ("pkey_mprotect", 2),
    ("open", 1),
    ("openat", 2),
    ("setsockopt", 1),
    ("setsockopt", 2),
    ("getsockopt", 1),
    ("getsockopt", 2),
    ("madvise", 2),
    ("futex", 1),
    ("arch_prctl", 0),
];

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
        for (name, index) in KEY_ARGS {
            if let Ok(s) = syscalls::by_name(name) {
                t[s.id() as usize][usize::from(*index)] |= full_mask(s, *index);
            }
        }
        t
    });
    table.get(nr as usize).copied().unwrap_or([0; 6])
}

/// For syscall `nr`, the mask a [`Shape`] keeps of each argument (0: the argument is
/// dropped). Bits above the kernel's width of the argument are never kept.
pub fn kept_masks(nr: u32) -> [u64; 6] {
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

/// Everything a trace leaves behind.
#[derive(Clone, Debug, Default)]
pub struct Profile {
    /// The program first executed (the traced command, resolved).
    pub program: Option<PathBuf>,
    /// Distinct native call shapes.
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
}

/// Normalises an absolute path lexically: removes `.` and empty components and applies
/// `..` (never above `/`). Symbolic links are not resolved.
pub fn normalise(path: &Path) -> PathBuf {
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

    fn nr(name: &str) -> u32 {
        syscalls::by_name(name).unwrap().id() as u32
    }

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
