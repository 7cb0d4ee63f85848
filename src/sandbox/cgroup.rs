//! A control group of the sandbox's own, where one can be made: the way to kill every
//! process of the sandbox at once (cgroup v2 `cgroup.kill`, which also takes processes
//! forked while it runs), and to cap its processes when `RLIMIT_NPROC` does not apply (the
//! kernel ignores it for uid 0) with the pids controller (`pids.max`, cgroup v2 or v1).
//!
//! Without a cgroup, [`kill_all`] falls back to kill rounds over the supervisor's
//! descendants, which the supervisor repeats until it has no child left.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The sandbox's control groups (v2 for killing, and v1 pids when that is where the pids
/// controller lives).
#[derive(Debug)]
pub(crate) struct Cgroup {
    /// The v2 group (`cgroup.kill`, and `pids.max` when the controller is enabled there).
    v2: Option<PathBuf>,
    /// A v1 pids group, when the pids controller is mounted as cgroup v1.
    pids_v1: Option<PathBuf>,
    /// `pids.max` was written in one of them.
    pub limits_pids: bool,
}

/// Mount points and our own paths from /proc/self/mountinfo and /proc/self/cgroup.
fn mounts() -> (Option<PathBuf>, Option<PathBuf>) {
    let info = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
    let mut v2 = None;
    let mut pids = None;
    for line in info.lines() {
        let Some((left, right)) = line.split_once(" - ") else {
            continue;
        };
        let mount = left.split_whitespace().nth(4);
        let mut r = right.split_whitespace();
        let fstype = r.next();
        let _source = r.next();
        let opts = r.next().unwrap_or("");
        match (fstype, mount) {
            (Some("cgroup2"), Some(m)) if v2.is_none() => v2 = Some(PathBuf::from(m)),
            (Some("cgroup"), Some(m)) if opts.split(',').any(|o| o == "pids") => {
                pids = Some(PathBuf::from(m));
            }
            _ => {}
        }
    }
    (v2, pids)
}

/// Our group in a hierarchy: the `0::` line for v2, the line naming `pids` for v1.
fn own_path(v1_controller: Option<&str>) -> Option<String> {
    let text = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    text.lines().find_map(|l| {
        let mut f = l.splitn(3, ':');
        let (_, ctrls, path) = (f.next()?, f.next()?, f.next()?);
        match v1_controller {
            None if ctrls.is_empty() => Some(path.to_string()),
            Some(c) if ctrls.split(',').any(|x| x == c) => Some(path.to_string()),
            _ => None,
        }
    })
}

fn make_group(mount: &Path, own: &str, name: &str) -> Option<PathBuf> {
    let dir = mount.join(own.trim_start_matches('/')).join(name);
    std::fs::create_dir(&dir).ok()?;
    Some(dir)
}

fn write(path: &Path, value: &str) -> std::io::Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)?
        .write_all(value.as_bytes())
}

impl Cgroup {
    /// Makes the groups where we may (nothing happens, and None is returned, when cgroups
    /// are not writable for us: an unprivileged user without a delegated hierarchy).
    /// `pids_max`: the most tasks the sandbox may hold.
    pub(crate) fn create(pids_max: Option<u64>) -> Option<Cgroup> {
        let (v2_mount, pids_mount) = mounts();
        // SAFETY: getpid has no preconditions.
        let name = format!("seccomp-pledge-{}", unsafe { libc::getpid() });
        let v2 = v2_mount.and_then(|m| {
            let own = own_path(None)?;
            let dir = make_group(&m, &own, &name)?;
            if dir.join("cgroup.kill").exists() {
                Some(dir)
            } else {
                let _ = std::fs::remove_dir(&dir);
                None
            }
        });
        let mut cg = Cgroup {
            v2,
            pids_v1: None,
            limits_pids: false,
        };
        if let Some(max) = pids_max {
            let value = max.to_string();
            if let Some(d) = &cg.v2 {
                if write(&d.join("pids.max"), &value).is_ok() {
                    cg.limits_pids = true;
                }
            }
            if !cg.limits_pids {
                cg.pids_v1 = pids_mount.and_then(|m| {
                    let own = own_path(Some("pids"))?;
                    make_group(&m, &own, &name)
                });
                if let Some(d) = &cg.pids_v1 {
                    cg.limits_pids = write(&d.join("pids.max"), &value).is_ok();
                }
            }
        }
        (cg.v2.is_some() || cg.pids_v1.is_some()).then_some(cg)
    }

    /// Moves `pid` (the sandbox's first process, before it executes the program) in.
    ///
    /// # Errors
    /// The kernel refused the move.
    pub(crate) fn add(&self, pid: libc::pid_t) -> std::io::Result<()> {
        for d in self.v2.iter().chain(&self.pids_v1) {
            write(&d.join("cgroup.procs"), &pid.to_string())?;
        }
        Ok(())
    }

    /// Kills every process in the v2 group at once (false when there is none).
    pub(crate) fn kill(&self) -> bool {
        self.v2
            .as_ref()
            .is_some_and(|d| write(&d.join("cgroup.kill"), "1").is_ok())
    }
}

impl Drop for Cgroup {
    fn drop(&mut self) {
        // Every process has been reaped by now; a group still busy is left for the kernel
        // to report, never forced.
        for d in self.v2.iter().chain(&self.pids_v1) {
            let _ = std::fs::remove_dir(d);
        }
    }
}

/// Kills every descendant of this process (the sandbox: the supervisor is its subreaper).
/// With a v2 group, `cgroup.kill`, which the kernel makes race-free; then, and without one,
/// kill rounds until a round finds nothing alive or `deadline` passes. A round can miss a
/// process forked while it reads the tree, so the supervisor goes on with [`kill_round`]
/// until it has no child left: every descendant has one of its children as an ancestor.
/// Returns false when processes were still found alive at `deadline`.
pub(crate) fn kill_all(group: Option<&Cgroup>, deadline: std::time::Duration) -> bool {
    if let Some(g) = group {
        g.kill();
    }
    let start = std::time::Instant::now();
    while kill_round() > 0 {
        if start.elapsed() > deadline {
            return false;
        }
        std::thread::yield_now();
    }
    true
}

/// One round: SIGKILL to every live descendant found; returns how many there were. A
/// process with SIGKILL pending cannot fork any more (the kernel fails the fork), so a round
/// ends the processes it finds; children they forked just before are ours once their parent
/// is gone (orphans come to the subreaper), and a later round finds them.
pub(crate) fn kill_round() -> usize {
    let alive: Vec<i32> = descendants()
        .into_iter()
        .filter(|&p| !is_zombie(p))
        .collect();
    for &p in &alive {
        // SAFETY: signalling our own descendants.
        unsafe { libc::kill(p, libc::SIGKILL) };
    }
    alive.len()
}

/// Every process whose ancestry leads to us (the sandbox, since we are its subreaper), from
/// the kernel's per-thread `children` lists (a walk down the tree, fast enough to keep up
/// with processes that fork and exit at once); from every process's parent in `/proc` where
/// those lists are missing.
pub(crate) fn descendants() -> Vec<i32> {
    // SAFETY: getpid has no preconditions.
    let me = unsafe { libc::getpid() };
    let Some(first) = children_of(me) else {
        return descendants_by_scan(me);
    };
    let mut out = Vec::new();
    let mut frontier = first;
    while let Some(p) = frontier.pop() {
        if out.contains(&p) {
            continue;
        }
        out.push(p);
        frontier.extend(children_of(p).unwrap_or_default());
    }
    out
}

/// The children of every thread of `pid` (None when the kernel has no `children` files).
fn children_of(pid: i32) -> Option<Vec<i32>> {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).ok()?;
    let mut out = Vec::new();
    let mut any = false;
    for t in tasks.flatten() {
        let path = t.path().join("children");
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                any = true;
                out.extend(
                    text.split_ascii_whitespace()
                        .filter_map(|c| c.parse::<i32>().ok()),
                );
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !path.exists() => {}
            Err(_) => any = true, // the thread ended meanwhile
        }
    }
    any.then_some(out)
}

fn descendants_by_scan(me: i32) -> Vec<i32> {
    let mut parent_of = Vec::new();
    if let Ok(dir) = std::fs::read_dir("/proc") {
        for e in dir.flatten() {
            let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
                continue;
            };
            if let Some(ppid) = ppid_of(pid) {
                parent_of.push((pid, ppid));
            }
        }
    }
    let mut out = Vec::new();
    let mut frontier = vec![me];
    while let Some(p) = frontier.pop() {
        for &(c, pp) in &parent_of {
            if pp == p && !out.contains(&c) {
                out.push(c);
                frontier.push(c);
            }
        }
    }
    out
}

fn ppid_of(pid: i32) -> Option<i32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = stat.rsplit_once(") ")?.1;
    rest.split_whitespace().nth(1)?.parse().ok()
}

/// Gone, or a zombie waiting to be reaped.
pub(crate) fn is_zombie(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|s| s.rsplit_once(") ").is_none_or(|(_, r)| r.starts_with('Z')))
        .unwrap_or(true)
}
