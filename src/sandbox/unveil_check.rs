//! `--landlock-reports check`: explaining unveil's refusals without privileges. The filter
//! sends the file calls Landlock governs to the supervisor (only where it would allow them
//! anyway), which resolves their paths, works out the rights they need, compares them with
//! the unveiled paths, reports what Landlock will refuse, and lets the call continue.
//!
//! This is a prediction for the reader, never a decision: Landlock alone decides, in the
//! kernel, on the objects it resolves. The paths come from the program's memory and the
//! supervisor's view of the file system, so a prediction can be wrong (a race, a path that
//! changes between the check and the call, a mount in between); the audit mode is exact.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use landlock::{AccessFs, BitFlags};

use super::audit::Refusal;
use crate::abi::syscalls;
use crate::compile::bpf;
use crate::compile::landlock::{UnveilSpec, access_for, snake};
use crate::compile::seccomp::Plan;

/// How a file call names its objects and what it does to them: one row per syscall
/// Landlock governs. `(dirfd, path)` argument indexes (`None`: the current directory).
struct FileCall {
    name: &'static str,
    /// The object acted on: (dirfd argument, path argument).
    object: (Option<usize>, usize),
    /// A second, new name (rename, link, symlink): (dirfd argument, path argument).
    target: Option<(Option<usize>, usize)>,
    what: What,
}

#[derive(Clone, Copy)]
enum What {
    /// open/openat/creat: the flags' argument (`None`: creat's O_CREAT|O_WRONLY|O_TRUNC).
    Open(Option<usize>),
    Exec,
    MakeDir,
    /// mknod: the mode argument.
    MakeNode(usize),
    /// unlink; unlinkat with AT_REMOVEDIR in this argument removes a directory.
    Remove(Option<usize>),
    RemoveDir,
    Rename,
    Link,
    Symlink,
    Truncate,
}

/// THE table of observed calls.
const CALLS: &[FileCall] = &[
    FileCall {
        name: "open",
        object: (None, 0),
        target: None,
        what: What::Open(Some(1)),
    },
    FileCall {
        name: "openat",
        object: (Some(0), 1),
        target: None,
        what: What::Open(Some(2)),
    },
    FileCall {
        name: "creat",
        object: (None, 0),
        target: None,
        what: What::Open(None),
    },
    FileCall {
        name: "execve",
        object: (None, 0),
        target: None,
        what: What::Exec,
    },
    FileCall {
        name: "execveat",
        object: (Some(0), 1),
        target: None,
        what: What::Exec,
    },
    FileCall {
        name: "mkdir",
        object: (None, 0),
        target: None,
        what: What::MakeDir,
    },
    FileCall {
        name: "mkdirat",
        object: (Some(0), 1),
        target: None,
        what: What::MakeDir,
    },
    FileCall {
        name: "mknod",
        object: (None, 0),
        target: None,
        what: What::MakeNode(1),
    },
    FileCall {
        name: "mknodat",
        object: (Some(0), 1),
        target: None,
        what: What::MakeNode(2),
    },
    FileCall {
        name: "unlink",
        object: (None, 0),
        target: None,
        what: What::Remove(None),
    },
    FileCall {
        name: "unlinkat",
        object: (Some(0), 1),
        target: None,
        what: What::Remove(Some(2)),
    },
    FileCall {
        name: "rmdir",
        object: (None, 0),
        target: None,
        what: What::RemoveDir,
    },
    FileCall {
        name: "rename",
        object: (None, 0),
        target: Some((None, 1)),
        what: What::Rename,
    },
    FileCall {
        name: "renameat",
        object: (Some(0), 1),
        target: Some((Some(2), 3)),
        what: What::Rename,
    },
    FileCall {
        name: "renameat2",
        object: (Some(0), 1),
        target: Some((Some(2), 3)),
        what: What::Rename,
    },
    FileCall {
        name: "link",
        object: (None, 0),
        target: Some((None, 1)),
        what: What::Link,
    },
    FileCall {
        name: "linkat",
        object: (Some(0), 1),
        target: Some((Some(2), 3)),
        what: What::Link,
    },
    FileCall {
        name: "symlink",
        object: (None, 0),
        target: Some((None, 1)),
        what: What::Symlink,
    },
    FileCall {
        name: "symlinkat",
        object: (None, 0),
        target: Some((Some(1), 2)),
        what: What::Symlink,
    },
    FileCall {
        name: "truncate",
        object: (None, 0),
        target: None,
        what: What::Truncate,
    },
];

/// The flags of an `open`, `openat` or `creat` call, read off the table (creat's are
/// implied).
pub(crate) fn open_flags(nr: u32, args: &[u64; 4]) -> Option<u64> {
    match row(nr)?.what {
        What::Open(Some(i)) => Some(args[i]),
        What::Open(None) => Some(CREAT_FLAGS),
        _ => None,
    }
}

/// What `creat` does: `open(path, O_CREAT|O_WRONLY|O_TRUNC)`.
const CREAT_FLAGS: u64 = (libc::O_CREAT | libc::O_WRONLY | libc::O_TRUNC) as u64;

fn row(nr: u32) -> Option<&'static FileCall> {
    let name = syscalls::name(nr)?;
    CALLS.iter().find(|c| c.name == name)
}

/// The plan with every observed call it allows sent to the supervisor instead.
pub(crate) fn observe(plan: &Plan) -> Plan {
    let mut out = plan.clone();
    for c in CALLS {
        let Ok(nr) = syscalls::by_name(c.name).map(|s| s.id() as u32) else {
            continue;
        };
        let Some(p) = out.syscalls.get_mut(nr as usize) else {
            continue;
        };
        for check in &mut p.checks {
            if check.action == bpf::SECCOMP_RET_ALLOW {
                check.action = bpf::SECCOMP_RET_USER_NOTIF;
            }
        }
        if p.default == bpf::SECCOMP_RET_ALLOW {
            p.default = bpf::SECCOMP_RET_USER_NOTIF;
        }
    }
    out
}

/// The unveiled paths, resolved, with the rights each grants.
pub(crate) struct Checker {
    rules: Vec<(PathBuf, BitFlags<AccessFs>)>,
    /// The filter's own decisions, before observation.
    plan: Plan,
}

const AT_FDCWD: u64 = libc::AT_FDCWD as u32 as u64;

impl Checker {
    /// Resolves the rules Landlock was given (`/proc/self` is the sandbox's first process).
    pub(crate) fn new(rules: &[UnveilSpec], plan: Plan, child: i32) -> Self {
        let rules = rules
            .iter()
            .filter_map(|s| {
                let p = match s.path.strip_prefix("/proc/self") {
                    Ok(rest) => Path::new(&format!("/proc/{child}")).join(rest),
                    Err(_) => s.path.clone(),
                };
                let real = std::fs::canonicalize(&p).ok()?;
                let is_dir = real.is_dir();
                Some((real, access_for(s.perms, is_dir)))
            })
            .collect();
        Checker { rules, plan }
    }

    /// Whether this notification is an observed call the filter itself allows.
    pub(crate) fn observed(&self, nr: u32, args: &[u64; 6]) -> bool {
        row(nr).is_some() && self.plan.decide(nr, args) == bpf::SECCOMP_RET_ALLOW
    }

    /// The rights on `path` (resolved) that no rule grants.
    fn missing(&self, path: &Path, need: BitFlags<AccessFs>) -> BitFlags<AccessFs> {
        let mut have = BitFlags::empty();
        for (rule, rights) in &self.rules {
            if path.starts_with(rule) {
                have |= *rights;
            }
        }
        need & !have
    }

    /// What Landlock will refuse of call `nr` by `pid`; `read` reads a NUL-terminated
    /// string of the program's memory (report-only).
    pub(crate) fn check(
        &self,
        pid: i32,
        nr: u32,
        args: &[u64; 6],
        read: &dyn Fn(u64) -> Option<Vec<u8>>,
    ) -> Vec<Refusal> {
        let Some(call) = row(nr) else {
            return Vec::new();
        };
        // A name, and whether all of it but its last component is already resolved (a
        // directory's path from /proc plus one name: the common `openat(dirfd, "name")`),
        // which spares walking the whole path again.
        let resolve = |(dirfd, path): (Option<usize>, usize)| -> Option<(PathBuf, bool)> {
            let raw = read(args[path])?;
            let p = Path::new(OsStr::from_bytes(&raw));
            let base = |fd: u64| -> Option<PathBuf> {
                if fd == AT_FDCWD || (fd as i32) == libc::AT_FDCWD {
                    std::fs::read_link(format!("/proc/{pid}/cwd")).ok()
                } else {
                    std::fs::read_link(format!("/proc/{pid}/fd/{}", fd as i32)).ok()
                }
            };
            if raw.is_empty() {
                return dirfd.and_then(|d| base(args[d])).map(|b| (b, true));
            }
            if p.is_absolute() {
                return Some((p.to_path_buf(), false));
            }
            let dir = match dirfd {
                Some(d) => base(args[d])?,
                None => base(AT_FDCWD)?,
            };
            let one = !raw.contains(&b'/') && raw != b"." && raw != b"..";
            Some((dir.join(p), one))
        };
        let mut out = Vec::new();
        let mut refuse = |path: &Path, need: BitFlags<AccessFs>| {
            let missing = self.missing(path, need);
            if !missing.is_empty() {
                out.push(Refusal {
                    pid,
                    comm: Vec::new(),
                    syscall: Some((nr, [args[0], args[1], args[2], args[3]])),
                    blockers: missing.iter().map(|r| format!("fs.{}", snake(r))).collect(),
                    path: Some(path.as_os_str().as_bytes().to_vec()),
                    detail: Vec::new(),
                });
            }
        };
        // The existing object, resolved like the kernel (symbolic links followed), and
        // whether it is a directory.
        let existing = |(p, parent_real): &(PathBuf, bool)| -> Option<(PathBuf, bool)> {
            if *parent_real {
                let m = std::fs::symlink_metadata(p).ok()?;
                if !m.file_type().is_symlink() {
                    return Some((p.clone(), m.is_dir()));
                }
            }
            let real = std::fs::canonicalize(p).ok()?;
            let is_dir = real.is_dir();
            Some((real, is_dir))
        };
        // A new entry's directory, resolved; None when it does not exist (ENOENT first).
        let parent = |(p, parent_real): &(PathBuf, bool)| -> Option<PathBuf> {
            let dir = p.parent().unwrap_or(Path::new("/"));
            if *parent_real {
                return Some(dir.to_path_buf());
            }
            std::fs::canonicalize(dir).ok()
        };
        let Some(object) = resolve(call.object) else {
            return Vec::new();
        };
        match call.what {
            What::Open(flags) => {
                let flags = flags.map_or(CREAT_FLAGS, |i| args[i]);
                if flags & libc::O_PATH as u64 != 0 {
                    return Vec::new();
                }
                let write = flags & libc::O_ACCMODE as u64 != libc::O_RDONLY as u64;
                let read_ = flags & libc::O_ACCMODE as u64 != libc::O_WRONLY as u64;
                match existing(&object) {
                    Some((real, is_dir)) => {
                        let mut need = BitFlags::empty();
                        if is_dir {
                            if read_ {
                                need |= AccessFs::ReadDir;
                            }
                        } else {
                            if read_ {
                                need |= AccessFs::ReadFile;
                            }
                            if write {
                                need |= AccessFs::WriteFile;
                            }
                            if flags & libc::O_TRUNC as u64 != 0 {
                                need |= AccessFs::Truncate;
                            }
                        }
                        refuse(&real, need);
                    }
                    None if flags & libc::O_CREAT as u64 != 0 => {
                        if let Some(dir) = parent(&object) {
                            refuse(&dir, AccessFs::MakeReg.into());
                        }
                    }
                    None => {}
                }
            }
            What::Exec => {
                if let Some((real, _)) = existing(&object) {
                    refuse(&real, AccessFs::Execute | AccessFs::ReadFile);
                }
            }
            What::MakeDir => {
                if let Some(dir) = parent(&object) {
                    refuse(&dir, AccessFs::MakeDir.into());
                }
            }
            What::MakeNode(mode) => {
                let right = match args[mode] as u32 & libc::S_IFMT {
                    libc::S_IFCHR => AccessFs::MakeChar,
                    libc::S_IFBLK => AccessFs::MakeBlock,
                    libc::S_IFIFO => AccessFs::MakeFifo,
                    libc::S_IFSOCK => AccessFs::MakeSock,
                    _ => AccessFs::MakeReg,
                };
                if let Some(dir) = parent(&object) {
                    refuse(&dir, right.into());
                }
            }
            What::Remove(flag) => {
                let dir_flag = flag.is_some_and(|i| args[i] & libc::AT_REMOVEDIR as u64 != 0);
                if let Some(dir) = parent(&object) {
                    let right = if dir_flag {
                        AccessFs::RemoveDir
                    } else {
                        AccessFs::RemoveFile
                    };
                    refuse(&dir, right.into());
                }
            }
            What::RemoveDir => {
                if let Some(dir) = parent(&object) {
                    refuse(&dir, AccessFs::RemoveDir.into());
                }
            }
            What::Rename | What::Link => {
                let Some(target) = call.target.and_then(&resolve) else {
                    return Vec::new();
                };
                let is_dir = std::fs::symlink_metadata(&object.0).is_ok_and(|m| m.is_dir());
                let (from, to) = (parent(&object), parent(&target));
                // Across directories, both ends also need REFER.
                let refer = if from.is_some() && from != to {
                    BitFlags::from(AccessFs::Refer)
                } else {
                    BitFlags::empty()
                };
                let (make, remove) = if is_dir {
                    (AccessFs::MakeDir, AccessFs::RemoveDir)
                } else {
                    (AccessFs::MakeReg, AccessFs::RemoveFile)
                };
                if let Some(from) = &from {
                    match call.what {
                        What::Rename => refuse(from, refer | remove),
                        _ => refuse(from, refer),
                    }
                }
                if let Some(to) = &to {
                    refuse(to, refer | make);
                }
            }
            What::Symlink => {
                let Some(target) = call.target.and_then(&resolve) else {
                    return Vec::new();
                };
                if let Some(dir) = parent(&target) {
                    refuse(&dir, AccessFs::MakeSym.into());
                }
            }
            What::Truncate => {
                if let Some((real, _)) = existing(&object) {
                    refuse(&real, AccessFs::Truncate.into());
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::landlock::Source;
    use crate::compile::seccomp::{FilterSpec, plan};
    use crate::policy::Perms;
    use crate::policy::promise::PromiseSet;
    use std::os::unix::ffi::OsStringExt;

    fn spec(path: &Path, perms: &str) -> UnveilSpec {
        UnveilSpec {
            path: path.to_path_buf(),
            perms: Perms::parse(perms).expect("letters"),
            source: Source::User,
        }
    }

    #[test]
    fn every_row_names_a_syscall_and_observation_only_replaces_allow() {
        for c in CALLS {
            assert!(syscalls::by_name(c.name).is_ok(), "{}", c.name);
        }
        let promises = PromiseSet::parse("stdio rpath").expect("promises");
        let base = plan(&FilterSpec {
            promises,
            rules: &[],
            penalty: bpf::SECCOMP_RET_USER_NOTIF,
            foreign_arch: bpf::SECCOMP_RET_USER_NOTIF,
            report_syscall: false,
            scoped_attrs: true,
        })
        .expect("plan");
        let seen = observe(&base);
        let nr = |n: &str| syscalls::by_name(n).expect("known").id() as u32;
        let args = [AT_FDCWD, 0, libc::O_RDONLY as u64, 0, 0, 0];
        assert_eq!(base.decide(nr("openat"), &args), bpf::SECCOMP_RET_ALLOW);
        assert_eq!(
            seen.decide(nr("openat"), &args),
            bpf::SECCOMP_RET_USER_NOTIF
        );
        // Calls outside the table, and calls the filter denies, are as they were.
        assert_eq!(
            seen.decide(nr("read"), &args),
            base.decide(nr("read"), &args)
        );
        assert_eq!(
            seen.decide(nr("mkdir"), &args),
            base.decide(nr("mkdir"), &args)
        );
        let checker = Checker::new(&[], base, 1);
        assert!(checker.observed(nr("openat"), &args));
        assert!(!checker.observed(nr("read"), &args));
    }

    #[test]
    fn paths_are_checked_against_the_rules_like_landlock() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = std::fs::canonicalize(dir.path()).expect("real");
        let ro = root.join("ro");
        std::fs::create_dir(&ro).expect("mkdir");
        std::fs::write(ro.join("f"), "x").expect("write");
        let plan = plan(&FilterSpec::new(
            PromiseSet::EMPTY,
            &[],
            crate::policy::rule::Action::Allow,
        ))
        .expect("plan");
        let c = Checker::new(&[spec(&ro, "r")], plan, 1);
        let nr = |n: &str| syscalls::by_name(n).expect("known").id() as u32;
        let strings: std::collections::HashMap<u64, Vec<u8>> = [
            (1u64, ro.join("f").into_os_string().into_vec()),
            (2, root.join("new").into_os_string().into_vec()),
            (3, ro.join("gone").into_os_string().into_vec()),
        ]
        .into_iter()
        .collect();
        let read = |a: u64| strings.get(&a).cloned();
        let open = |path: u64, flags: i32| {
            c.check(
                1,
                nr("openat"),
                &[AT_FDCWD, path, flags as u64, 0, 0, 0],
                &read,
            )
        };
        assert!(open(1, libc::O_RDONLY).is_empty(), "r covers reading");
        let w = open(1, libc::O_WRONLY | libc::O_TRUNC);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].blockers, vec!["fs.write_file", "fs.truncate"]);
        let create = open(2, libc::O_WRONLY | libc::O_CREAT);
        assert_eq!(create[0].blockers, vec!["fs.make_reg"]);
        assert_eq!(create[0].path.as_deref(), Some(root.as_os_str().as_bytes()));
        assert!(
            open(3, libc::O_RDONLY).is_empty(),
            "a missing file fails with ENOENT first"
        );
        let rm = c.check(1, nr("unlink"), &[1, 0, 0, 0, 0, 0], &read);
        assert_eq!(rm[0].blockers, vec!["fs.remove_file"]);
    }
}
