//! The unveil rules of a suggestion ([`suggest_unveils`]): the letters each path was used with
//! (`x` brings `r`), `/proc/<pid>/…` rewritten as `/proc/self/…` ([`proc_path`]), what the
//! program created given to the directory that existed, directories collapsed per letter where
//! allowed ([`collapse_target`]), less what `run` unveils by itself ([`implicit_unveils`]),
//! with a reason per rule and notes on the paths left out. The rules are listed with
//! [`super::suggest`].

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use super::Suggestion;
use crate::policy::Policy;
use crate::policy::promise::PromiseSet;
use crate::policy::unveil::{Perms, Unveil};
use crate::sandbox::elf::{self, Kind};
use crate::sandbox::launch;
use crate::trace::profile::{self, Profile};

const LETTERS: [Perms; 4] = [Perms::READ, Perms::WRITE, Perms::EXEC, Perms::CREATE];

/// The letters of `a` that are not in `b`.
fn minus(a: Perms, b: Perms) -> Perms {
    LETTERS
        .into_iter()
        .filter(|l| a.contains(*l) && !b.contains(*l))
        .fold(Perms::default(), Perms::union)
}

/// A path being considered for an unveil rule.
#[derive(Clone, Debug)]
struct Entry {
    perms: Perms,
    /// Used in the program phase (else only by the loader).
    program: bool,
    why: String,
}

fn normal_components(path: &Path) -> Vec<&std::ffi::OsStr> {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n),
            _ => None,
        })
        .collect()
}

/// What to do with a `/proc` path.
enum ProcPath {
    /// Not a per-process path: as is.
    Keep,
    /// `/proc/<pid>/…` as `/proc/self/…`.
    Rewritten(PathBuf),
    /// A path naming a thread, which cannot be named ahead of time.
    Skip,
}

fn proc_path(path: &Path) -> ProcPath {
    let comps = normal_components(path);
    if comps.len() < 2 || comps[0] != "proc" {
        return ProcPath::Keep;
    }
    let who = comps[1].to_string_lossy();
    if who == "thread-self" {
        return ProcPath::Skip;
    }
    let numeric = !who.is_empty() && who.bytes().all(|b| b.is_ascii_digit());
    if who != "self" && !numeric {
        return ProcPath::Keep;
    }
    if comps.get(2).is_some_and(|c| *c == "task") {
        return ProcPath::Skip;
    }
    if who == "self" {
        return ProcPath::Keep;
    }
    let mut p = PathBuf::from("/proc/self");
    for c in &comps[2..] {
        p.push(c);
    }
    ProcPath::Rewritten(p)
}

/// Where directory collapsing may put a rule.
fn collapse_target(dir: &Path, used_itself: bool) -> bool {
    let comps = normal_components(dir);
    if comps
        .first()
        .is_some_and(|c| *c == "proc" || *c == "sys" || *c == "dev")
    {
        return false;
    }
    let broad = comps.len() <= 1 || (comps.len() == 2 && comps[0] == "home");
    !broad || used_itself
}

/// An implicit unveil of `run`, with its canonical path for comparisons through symlinks.
struct Implicit {
    path: PathBuf,
    canonical: Option<PathBuf>,
    perms: Perms,
}

/// Canonical form of a path for comparisons, except under `/proc` and `/dev` where links
/// lead to descriptors and other processes.
fn canonical(path: &Path) -> Option<PathBuf> {
    let comps = normal_components(path);
    if comps.first().is_some_and(|c| *c == "proc" || *c == "dev") {
        return None;
    }
    std::fs::canonicalize(path).ok()
}

/// The letters the implicit unveils grant at `path` (the union over rules at or above it).
fn implicit_letters(implicit: &[Implicit], path: &Path) -> Perms {
    let canon = canonical(path);
    implicit
        .iter()
        .filter(|s| match (&canon, &s.canonical) {
            // Landlock grants what lies beneath the rule's object: a symbolic link inside
            // an unveiled directory that leads out of it is not covered.
            (Some(c), Some(sc)) => c.starts_with(sc),
            _ => path.starts_with(&s.path),
        })
        .fold(Perms::default(), |acc, s| acc.union(s.perms))
}

fn implicit_unveils(
    profile: &Profile,
    promises: PromiseSet,
    notes: &mut Vec<String>,
) -> Vec<Implicit> {
    let Some(program) = &profile.program else {
        return Vec::new();
    };
    let kind = match elf::inspect(program) {
        Ok(k) => k,
        Err(e) => {
            notes.push(format!(
                "cannot inspect {}: {e}; the unveils run adds for a dynamic program's loader were not taken into account",
                program.display()
            ));
            Kind::Unknown
        }
    };
    let policy = Policy {
        promises,
        ..Policy::default()
    };
    launch::unveil_specs(&policy, program, &kind)
        .into_iter()
        .map(|s| Implicit {
            canonical: canonical(&s.path),
            path: s.path,
            perms: s.perms,
        })
        .collect()
}

/// The executables a traced `execve` needs besides the program itself, all `rx` (see
/// [`with_read_for_exec`]): each executed path and, for scripts and dynamic programs, the
/// interpreter and loader the kernel opens.
fn exec_needs(profile: &Profile) -> Vec<(PathBuf, Perms, &'static str)> {
    let mut out = Vec::new();
    let rx = Perms::READ.union(Perms::EXEC);
    for path in profile.execs.iter().skip(1) {
        out.push((path.clone(), rx, "executed"));
        let Ok(kind) = elf::inspect(path) else {
            continue;
        };
        if let Kind::Script { interpreter, .. } = &kind {
            out.push((interpreter.clone(), rx, "interpreter of an executed script"));
        }
        if let Kind::Dynamic { interpreter } = kind.innermost() {
            out.push((interpreter.clone(), rx, "loader of an executed program"));
        }
    }
    out
}

/// `x` with `r`: the kernel opens a file it executes for reading, and Landlock checks
/// READ_FILE on that open as well as EXECUTE (verified: `x` alone fails with EACCES).
fn with_read_for_exec(p: Perms) -> Perms {
    if p.contains(Perms::EXEC) {
        p.union(Perms::READ)
    } else {
        p
    }
}

fn letters_text(p: Perms) -> String {
    let names: Vec<&str> = LETTERS
        .into_iter()
        .filter(|l| p.contains(*l))
        .map(|l| match l {
            l if l == Perms::READ => "read",
            l if l == Perms::WRITE => "written",
            l if l == Perms::EXEC => "executed",
            _ => "entries created or removed",
        })
        .collect();
    names.join(", ")
}

fn examples_text(paths: &[PathBuf]) -> String {
    let mut s: Vec<String> = paths
        .iter()
        .take(3)
        .map(|p| p.display().to_string())
        .collect();
    if paths.len() > 3 {
        s.push(format!("and {} more", paths.len() - 3));
    }
    s.join(", ")
}

pub(super) fn suggest_unveils(profile: &Profile, sug: &mut Suggestion) {
    let mut notes = Vec::new();
    let mut entries: BTreeMap<PathBuf, Entry> = BTreeMap::new();
    let mut missing = Vec::new();
    let mut failed = Vec::new();
    let mut rewritten = Vec::new();
    let mut thread_paths = Vec::new();
    let mut relative = Vec::new();
    let created: BTreeSet<PathBuf> = profile
        .paths
        .iter()
        .filter(|(p, u)| u.created && p.is_absolute())
        .map(|(p, _)| profile::normalise(p))
        .collect();
    for (path, u) in &profile.paths {
        if u.used.is_empty() {
            if u.created {
                continue;
            }
            if u.missing {
                missing.push(path.clone());
            } else if !u.failed.is_empty() {
                failed.push(path.clone());
            }
            continue;
        }
        if !path.is_absolute() {
            relative.push(path.clone());
            continue;
        }
        let path = profile::normalise(path);
        let path = match proc_path(&path) {
            ProcPath::Keep => path,
            ProcPath::Rewritten(p) => {
                rewritten.push(path.clone());
                p
            }
            ProcPath::Skip => {
                thread_paths.push(path.clone());
                continue;
            }
        };
        let e = entries.entry(path).or_insert_with(|| Entry {
            perms: Perms::default(),
            program: false,
            why: String::new(),
        });
        e.perms = e.perms.union(with_read_for_exec(u.used));
        e.program |= u.program;
    }
    for (path, perms, why) in exec_needs(profile) {
        let e = entries.entry(path).or_insert_with(|| Entry {
            perms: Perms::default(),
            program: true,
            why: why.to_string(),
        });
        e.perms = e.perms.union(perms);
        e.program = true;
    }
    for e in entries.values_mut() {
        if e.why.is_empty() {
            e.why = if e.program {
                format!("{} by the program", letters_text(e.perms))
            } else {
                format!("{} by the dynamic loader", letters_text(e.perms))
            };
        }
    }

    // What the program created did not exist when it started, and will not when it starts
    // again: Landlock can only grant rights on paths that exist, so the letters used on a
    // created path and beneath it go, with `c`, to the nearest directory that existed at
    // the start (the parent of the outermost created ancestor), whether or not the created
    // paths still exist now.
    let mut made: Vec<(PathBuf, PathBuf)> = Vec::new();
    let paths: BTreeSet<PathBuf> = entries.keys().chain(created.iter()).cloned().collect();
    for path in paths {
        let Some(outer) = path.ancestors().filter(|a| created.contains(*a)).last() else {
            continue;
        };
        let Some(base) = outer.parent().map(Path::to_path_buf) else {
            continue;
        };
        let (perms, program) = match entries.remove(&path) {
            Some(e) => (e.perms, e.program),
            None => (Perms::default(), true),
        };
        let be = entries.entry(base.clone()).or_insert_with(|| Entry {
            perms: Perms::default(),
            program: false,
            why: String::new(),
        });
        be.perms = be.perms.union(perms).union(Perms::CREATE);
        be.program |= program;
        if path == outer {
            made.push((path, base));
        }
    }
    for (path, base) in &made {
        let Some(be) = entries.get_mut(base) else {
            continue;
        };
        let note = "the program created entries here";
        if be.why.is_empty() {
            be.why = format!("{note} (e.g. {}), with what it did beneath", path.display());
        } else if !be.why.contains(note) {
            be.why = format!(
                "{}; {note} (e.g. {}), with what it did beneath",
                be.why,
                path.display()
            );
        }
    }

    // Paths gone since the trace: deepest first, so a removed directory collects its
    // removed files before it is looked at itself.
    let mut order: Vec<PathBuf> = entries.keys().cloned().collect();
    order.sort_by_key(|p| std::cmp::Reverse(p.components().count()));
    let mut gone = Vec::new();
    let mut folded = Vec::new();
    for path in order {
        if path.exists() {
            continue;
        }
        let Some(e) = entries.remove(&path) else {
            continue;
        };
        let parent = path.parent().map(Path::to_path_buf);
        match parent.and_then(|p| entries.get_mut(&p).map(|pe| (p, pe))) {
            Some((p, pe)) if pe.perms.contains(Perms::CREATE) => {
                pe.perms = pe.perms.union(e.perms);
                pe.program |= e.program;
                let note = "entries created here were removed since";
                if !pe.why.contains(note) {
                    pe.why = format!("{}; {note} (e.g. {})", pe.why, path.display());
                }
                folded.push((path, p));
            }
            _ => gone.push(path),
        }
    }

    // What run grants already.
    let implicit = implicit_unveils(profile, sug.promises, &mut notes);
    let mut loader_only = Vec::new();
    entries.retain(|path, e| {
        e.perms = minus(e.perms, implicit_letters(&implicit, path));
        if e.perms.is_empty() {
            return false;
        }
        if !e.program {
            loader_only.push(path.clone());
        }
        true
    });

    // Collapsing, per letter (never `c`, which already reaches the whole subtree).
    let used_itself: BTreeSet<PathBuf> = entries.keys().cloned().collect();
    let mut children: BTreeMap<PathBuf, Vec<(PathBuf, Perms)>> = BTreeMap::new();
    for (path, e) in &entries {
        if let Some(parent) = path.parent() {
            children
                .entry(parent.to_path_buf())
                .or_default()
                .push((path.clone(), e.perms));
        }
    }
    for (dir, kids) in children {
        if !collapse_target(&dir, used_itself.contains(&dir)) || !dir.is_dir() {
            continue;
        }
        let mut grant = Perms::default();
        let mut n = 0;
        for l in [Perms::READ, Perms::WRITE, Perms::EXEC] {
            let count = kids.iter().filter(|(_, p)| p.contains(l)).count();
            if count >= 3 {
                grant = grant.union(l);
                n = n.max(count);
            }
        }
        if grant.is_empty() {
            continue;
        }
        let why = format!("{n} entries beneath were {}", letters_text(grant));
        let e = entries.entry(dir).or_insert_with(|| Entry {
            perms: Perms::default(),
            program: true,
            why: String::new(),
        });
        e.perms = e.perms.union(grant);
        e.why = if e.why.is_empty() {
            why
        } else {
            format!("{}; {why}", e.why)
        };
    }

    // Letters granted above are not repeated beneath; implicit grants once more for the
    // directories collapsing added.
    let granted: Vec<(PathBuf, Perms)> =
        entries.iter().map(|(p, e)| (p.clone(), e.perms)).collect();
    entries.retain(|path, e| {
        let above = granted
            .iter()
            .filter(|(p, _)| p != path && path.starts_with(p))
            .fold(Perms::default(), |acc, (_, perms)| acc.union(*perms));
        e.perms = minus(e.perms, above.union(implicit_letters(&implicit, path)));
        !e.perms.is_empty()
    });
    loader_only.retain(|p| entries.contains_key(p));

    // Notes, in a fixed order. Paths run unveils anyway need no word.
    missing.retain(|p| implicit_letters(&implicit, p).is_empty());
    failed.retain(|p| implicit_letters(&implicit, p).is_empty());
    if !missing.is_empty() {
        notes.push(format!(
            "not unveiled, as optional files that were absent: {}; Landlock does not hide that a path is absent (looking it up still fails with ENOENT), but one that exists when the program runs cannot be opened (EACCES)",
            examples_text(&missing)
        ));
    }
    if !failed.is_empty() {
        notes.push(format!(
            "not unveiled, as every use failed: {}",
            examples_text(&failed)
        ));
    }
    if !gone.is_empty() {
        notes.push(format!(
            "not unveiled, as they no longer exist (Landlock grants only existing paths): {}",
            examples_text(&gone)
        ));
    }
    if !made.is_empty() {
        let dirs: BTreeSet<String> = made.iter().map(|(_, d)| d.display().to_string()).collect();
        let dirs: Vec<String> = dirs.into_iter().collect();
        let paths: Vec<PathBuf> = made.iter().map(|(p, _)| p.clone()).collect();
        notes.push(format!(
            "created by the program, so not there when it starts again: their rights (and `c`) go to the directory they are created in ({}): {}",
            dirs.join(", "),
            examples_text(&paths)
        ));
    }
    if !folded.is_empty() {
        let dirs: BTreeSet<String> = folded
            .iter()
            .map(|(_, d)| d.display().to_string())
            .collect();
        let dirs: Vec<String> = dirs.into_iter().collect();
        let paths: Vec<PathBuf> = folded.iter().map(|(p, _)| p.clone()).collect();
        notes.push(format!(
            "created by the program and removed since, so their rights go to the directory they were created in ({}): {}",
            dirs.join(", "),
            examples_text(&paths)
        ));
    }
    if !rewritten.is_empty() {
        notes.push(format!(
            "suggested as /proc/self/…, assuming the traced program used its own entries (a program reading other processes' entries needs `r:/proc`): {}",
            examples_text(&rewritten)
        ));
    }
    if !thread_paths.is_empty() {
        notes.push(format!(
            "not unveiled, as thread ids are not known before the run: {}",
            examples_text(&thread_paths)
        ));
    }
    if !relative.is_empty() {
        notes.push(format!(
            "ignored, as relative paths: {}",
            examples_text(&relative)
        ));
    }
    if !loader_only.is_empty() {
        notes.push(format!(
            "needed only by the dynamic loader (libraries outside the standard directories): {}",
            examples_text(&loader_only)
        ));
    }
    if entries
        .get(Path::new("/"))
        .is_some_and(|e| e.perms.contains(Perms::READ))
    {
        notes.push(
            "the program listed `/` itself, so `r:/` is suggested: it lets it read every file"
                .to_string(),
        );
    }

    sug.unveils = entries
        .iter()
        .map(|(p, e)| Unveil {
            path: p.clone(),
            perms: e.perms,
        })
        .collect();
    sug.unveil_reasons = entries.into_iter().map(|(p, e)| (p, e.why)).collect();
    sug.notes.extend(notes);
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::super::*;
    use super::*;
    use crate::trace::profile::Phase;

    #[test]
    fn what_a_real_program_created_goes_to_the_directory_that_existed() {
        alone(
            module_path!(),
            "what_a_real_program_created_goes_to_the_directory_that_existed",
            || {
                let t = tempdir();
                let base = t.path().join("work");
                std::fs::create_dir(&base).unwrap();
                let d = base.join("d");
                let deep = base.join("a/b/c");
                let Some(cp) = traced(&["/bin/cp", "-r", "/usr/share/doc/bash", &s(&d)]) else {
                    return;
                };
                let mkdir = traced(&["/bin/mkdir", "-p", &s(&deep)]).unwrap();
                for p in [&cp, &mkdir] {
                    // With what it made still there, and after it is gone.
                    for round in ["there", "gone"] {
                        let sug = suggest(p);
                        let u = unveil_strings(&sug);
                        let mine: Vec<&String> =
                            u.iter().filter(|u| u.contains(&s(&base))).collect();
                        assert_eq!(mine.len(), 1, "{round}: {u:?}");
                        let (letters, path) = mine[0].split_once(':').unwrap();
                        assert_eq!(path, s(&base), "{round}: {u:?}");
                        assert!(letters.contains('c'), "{round}: {u:?}");
                        assert!(
                            sug.notes
                                .iter()
                                .any(|n| n.starts_with("created by the program")),
                            "{round}: {:?}",
                            sug.notes
                        );
                        std::fs::remove_dir_all(&base).unwrap();
                        std::fs::create_dir(&base).unwrap();
                    }
                }
                // cp wrote the files it created: `w` goes up too.
                let u = unveil_strings(&suggest(&cp));
                assert!(u.contains(&format!("wc:{}", s(&base))), "{u:?}");
            },
        );
    }

    #[test]
    fn paths_collapse_into_directories_per_letter() {
        let t = tempdir();
        let d = t.path().join("data");
        std::fs::create_dir(&d).unwrap();
        for f in ["a", "b", "c", "d"] {
            touch(&d.join(f));
        }
        let two = t.path().join("two");
        std::fs::create_dir(&two).unwrap();
        touch(&two.join("x"));
        touch(&two.join("y"));
        let mut p = cat_like();
        for f in ["a", "b", "c"] {
            used(&mut p, &d.join(f), "r", false);
        }
        used(&mut p, &d.join("d"), "w", false);
        used(&mut p, &two.join("x"), "r", false);
        used(&mut p, &two.join("y"), "rw", false);
        let s = suggest(&p);
        let u = unveil_strings(&s);
        assert_eq!(
            u,
            vec![
                format!("r:{}", d.display()),
                format!("w:{}", d.join("d").display()),
                format!("r:{}", two.join("x").display()),
                format!("rw:{}", two.join("y").display()),
            ]
        );
        assert!(s.unveil_reasons[&d].contains("3 entries beneath were read"));
        assert!(s.describe().contains(&format!("r:{}", d.display())));
    }

    #[test]
    fn executing_needs_read_too() {
        let t = tempdir();
        let tool = t.path().join("tool");
        touch(&tool);
        let mut p = cat_like();
        used(&mut p, &tool, "x", false);
        assert_eq!(
            unveil_strings(&suggest(&p)),
            vec![format!("rx:{}", tool.display())]
        );
    }

    #[test]
    fn a_listed_directory_covers_what_was_read_beneath() {
        let t = tempdir();
        let d = t.path().join("listed");
        std::fs::create_dir(&d).unwrap();
        touch(&d.join("one"));
        let mut p = cat_like();
        used(&mut p, &d, "r", true);
        used(&mut p, &d.join("one"), "r", false);
        let s = suggest(&p);
        assert_eq!(unveil_strings(&s), vec![format!("r:{}", d.display())]);
    }

    #[test]
    fn broad_and_pseudo_directories_are_not_collapse_targets() {
        assert!(!collapse_target(Path::new("/"), false));
        assert!(!collapse_target(Path::new("/etc"), false));
        assert!(collapse_target(Path::new("/etc"), true));
        assert!(!collapse_target(Path::new("/home/alice"), false));
        assert!(collapse_target(Path::new("/home/alice/src"), false));
        assert!(collapse_target(Path::new("/usr/share/doc"), false));
        assert!(!collapse_target(Path::new("/dev/snd"), true));
        assert!(!collapse_target(Path::new("/proc/self"), false));
        assert!(!collapse_target(Path::new("/sys/class/net"), false));
        // Real files in /etc stay single (when the machine has three of them).
        let etc: Vec<&str> = [
            "/etc/passwd",
            "/etc/group",
            "/etc/os-release",
            "/etc/shells",
            "/etc/fstab",
        ]
        .into_iter()
        .filter(|f| Path::new(f).exists())
        .take(3)
        .collect();
        if etc.len() == 3 {
            let mut p = Profile::default();
            for f in &etc {
                used(&mut p, Path::new(f), "r", false);
            }
            let s = suggest(&p);
            let want: Vec<String> = {
                let mut v: Vec<String> = etc.iter().map(|f| format!("r:{f}")).collect();
                v.sort();
                v
            };
            assert_eq!(unveil_strings(&s), want);
        }
    }

    #[test]
    fn missing_failed_and_deleted_paths() {
        let t = tempdir();
        let work = t.path().join("work");
        std::fs::create_dir(&work).unwrap();
        let mut p = cat_like();
        // An optional file that was not there.
        p.record_path(
            &t.path().join("nope.conf"),
            Perms::READ,
            false,
            Phase::Program,
            Err(libc::ENOENT),
        );
        // A file it could not read.
        p.record_path(
            &t.path().join("secret"),
            Perms::READ,
            false,
            Phase::Program,
            Err(libc::EACCES),
        );
        // A temporary file created in `work`, written, then removed.
        used(&mut p, &work, "c", true);
        used(&mut p, &work.join("tmp.123"), "rw", false);
        // A file that is gone, in a directory where it created nothing.
        used(&mut p, &t.path().join("gone"), "r", false);
        let s = suggest(&p);
        assert_eq!(unveil_strings(&s), vec![format!("rwc:{}", work.display())]);
        let notes = s.notes.join("\n");
        assert!(
            notes.contains("optional files that were absent: "),
            "{notes}"
        );
        assert!(notes.contains("still fails with ENOENT"), "{notes}");
        assert!(notes.contains("as every use failed: "), "{notes}");
        assert!(notes.contains("as they no longer exist"), "{notes}");
        assert!(notes.contains("removed since"), "{notes}");
    }

    #[test]
    fn proc_paths_of_the_process_become_proc_self() {
        let mut p = cat_like();
        used(&mut p, Path::new("/proc/4242/maps"), "r", false);
        used(&mut p, Path::new("/proc/self/mountinfo"), "r", false);
        used(&mut p, Path::new("/proc/4242/task/4243/comm"), "r", false);
        used(
            &mut p,
            Path::new("/proc/thread-self/attr/current"),
            "r",
            false,
        );
        let s = suggest(&p);
        assert_eq!(
            unveil_strings(&s),
            vec![
                "r:/proc/self/maps".to_string(),
                "r:/proc/self/mountinfo".to_string()
            ]
        );
        let notes = s.notes.join("\n");
        assert!(notes.contains("as /proc/self/"), "{notes}");
        assert!(notes.contains("thread ids are not known before the run: /proc/4242/task/4243/comm, /proc/thread-self/attr/current"), "{notes}");
    }

    #[test]
    fn implicit_unveils_of_a_dynamic_program_are_not_repeated() {
        let ls = Path::new("/bin/ls");
        let Ok(Kind::Dynamic { interpreter }) = elf::inspect(ls) else {
            eprintln!("skipped: /bin/ls is not a dynamic executable here");
            return;
        };
        let mut p = cat_like();
        p.record_exec(ls);
        call(&mut p, "getdents64", [3, 0x1000, 32768, 0, 0, 0]);
        call(&mut p, "ioctl", [1, 0x5413, 0x1000, 0, 0, 0]);
        p.record_path(ls, Perms::EXEC, false, Phase::Program, Ok(()));
        p.record_path(&interpreter, Perms::READ, false, Phase::Loader, Ok(()));
        let libc_dir = [
            "/usr/lib/x86_64-linux-gnu",
            "/lib/x86_64-linux-gnu",
            "/usr/lib64",
            "/lib64",
        ]
        .into_iter()
        .map(Path::new)
        .find(|d| d.join("libc.so.6").exists());
        if let Some(dir) = libc_dir {
            for lib in ["libc.so.6", "libselinux.so.1", "libpcre2-8.so.0"] {
                if dir.join(lib).exists() {
                    p.record_path(&dir.join(lib), Perms::READ, false, Phase::Loader, Ok(()));
                }
            }
        }
        for f in [
            "/etc/ld.so.cache",
            "/usr/share/locale/locale.alias",
            "/etc/localtime",
        ] {
            if Path::new(f).exists() {
                used(&mut p, Path::new(f), "r", false);
            }
        }
        let t = tempdir();
        touch(&t.path().join("file"));
        used(&mut p, t.path(), "r", true);
        let s = suggest(&p);
        assert_eq!(s.promises.to_string(), "stdio rpath tty");
        assert_eq!(
            unveil_strings(&s),
            vec![format!("r:{}", t.path().display())]
        );
        assert_suggestion_allows_trace(&p, &s);
    }
}
