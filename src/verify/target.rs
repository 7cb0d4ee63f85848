//! Running an export in its target and reading back the filters the kernel holds: a minimal
//! OCI bundle (a read-only root with one static program that makes no system call) for runc
//! and crun, `bwrap --seccomp FD` for bubblewrap, then `PTRACE_SECCOMP_GET_FILTER` on the
//! program once it runs. Everything it creates (the bundle, the container) is removed again.
//!
//! crun refuses a host whose cgroup layout is hybrid (v1 controllers with a v2 mount beside
//! them); it is then run in a private mount namespace with cgroup2 mounted alone on
//! `/sys/fs/cgroup`, which leaves the host as it is.

use std::ffi::CString;
use std::io::Read;
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use nix::sys::ptrace;
use nix::sys::wait::{WaitPidFlag, waitpid};
use nix::unistd::Pid;
use oci_spec::runtime::{LinuxSeccomp, Spec};

use crate::abi::uapi::PTRACE_SECCOMP_GET_FILTER;
use crate::compile::bpf::sock_filter;
use crate::sandbox::shown;

/// The program the target starts (built from `src/verify/spin.c`).
static SPIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/spin"));

/// How long a target may take to start the program.
const START_TIMEOUT: Duration = Duration::from_secs(20);

/// A target `verify-export` runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// runc with an OCI bundle.
    Runc,
    /// crun with an OCI bundle.
    Crun,
    /// crun with the raw filter in its `run.oci.seccomp_bpf_data` annotation.
    CrunBpf,
    /// bubblewrap with the raw filter.
    Bwrap,
    /// systemd's offline analysis of the drop-in.
    Systemd,
}

/// Every target, in the order help lists them.
pub(crate) const TARGETS: &[Target] = &[
    Target::Runc,
    Target::Crun,
    Target::CrunBpf,
    Target::Bwrap,
    Target::Systemd,
];

/// crun's annotation for a raw BPF filter (base64 `sock_filter` bytes), which replaces
/// `linux.seccomp`.
const CRUN_BPF_ANNOTATION: &str = "run.oci.seccomp_bpf_data";

impl Target {
    /// Its name (and its program's).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Target::Runc => "runc",
            Target::Crun => "crun",
            Target::CrunBpf => "crun-bpf",
            Target::Bwrap => "bwrap",
            Target::Systemd => "systemd",
        }
    }

    /// The target a name stands for.
    pub(crate) fn by_name(name: &str) -> Option<Target> {
        TARGETS.iter().copied().find(|t| t.name() == name)
    }

    /// The program that runs it.
    fn program(self) -> &'static str {
        match self {
            Target::CrunBpf => "crun",
            Target::Systemd => "systemd-analyze",
            other => other.name(),
        }
    }
}

/// Why a target did not give its filters.
#[derive(Debug, thiserror::Error)]
pub enum TargetError {
    /// The program is not on `PATH`.
    #[error("`{program}` is not installed (not found on PATH)")]
    NotInstalled {
        /// The program.
        program: &'static str,
    },
    /// Not root.
    #[error("verify-export runs containers and reads their filters, which needs root")]
    NotRoot,
    /// The bundle could not be made.
    #[error("cannot prepare the target in `{}`: {reason}", shown(.path))]
    Prepare {
        /// Where.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The target failed or exited.
    #[error("{target} did not start the probe: {reason}")]
    Failed {
        /// The target.
        target: &'static str,
        /// What it said (escaped), or why.
        reason: String,
    },
    /// The filters could not be read back.
    #[error("cannot read the filters of the probe {target} started (pid {pid}): {reason}")]
    Dump {
        /// The target.
        target: &'static str,
        /// The probe's pid.
        pid: i32,
        /// Why.
        reason: String,
    },
}

impl TargetError {
    /// How to fix it.
    pub(crate) fn hint(&self) -> Option<String> {
        match self {
            TargetError::NotInstalled { program } => Some(format!(
                "install it (Debian: `apt-get install {}`)",
                match *program {
                    "bwrap" => "bubblewrap",
                    "systemd-analyze" => "systemd",
                    other => other,
                }
            )),
            TargetError::NotRoot => Some("run verify-export as root".into()),
            _ => None,
        }
    }
}

fn find_program(name: &'static str) -> Result<PathBuf, TargetError> {
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|d| d.join(name))
        .find(|p| {
            p.metadata()
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
        .ok_or(TargetError::NotInstalled { program: name })
}

/// What is removed when the verification ends, however it ends.
struct Cleanup {
    dir: PathBuf,
    container: Option<(PathBuf, String, bool)>,
    pids: Vec<i32>,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        for &pid in &self.pids {
            let _ = nix::sys::signal::kill(Pid::from_raw(pid), nix::sys::signal::Signal::SIGKILL);
        }
        if let Some((program, id, private)) = &self.container {
            let mut c = runtime_command(program, *private);
            let _ = c
                .args(["delete", "-f", id])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Whether `/sys/fs/cgroup` is a cgroup2 mount of its own.
fn unified_cgroups() -> bool {
    nix::sys::statfs::statfs("/sys/fs/cgroup")
        .is_ok_and(|s| s.filesystem_type() == nix::sys::statfs::CGROUP2_SUPER_MAGIC)
}

/// A runtime's command, in a private mount namespace with cgroup2 alone on `/sys/fs/cgroup`
/// when `private`.
fn runtime_command(program: &Path, private: bool) -> Command {
    let mut c = Command::new(program);
    c.stdin(Stdio::null());
    if private {
        let root = CString::new("/").expect("no NUL");
        let cgroup = CString::new("/sys/fs/cgroup").expect("no NUL");
        let fstype = CString::new("cgroup2").expect("no NUL");
        let none = CString::new("none").expect("no NUL");
        // SAFETY: the closure runs in the forked child before exec and makes only raw
        // syscalls (unshare, mount, umount2) on strings allocated before the fork.
        unsafe {
            c.pre_exec(move || {
                if libc::unshare(libc::CLONE_NEWNS) != 0
                    || libc::mount(
                        std::ptr::null(),
                        root.as_ptr(),
                        std::ptr::null(),
                        libc::MS_REC | libc::MS_PRIVATE,
                        std::ptr::null(),
                    ) != 0
                    || libc::umount2(cgroup.as_ptr(), libc::MNT_DETACH) != 0
                    || libc::mount(
                        none.as_ptr(),
                        cgroup.as_ptr(),
                        fstype.as_ptr(),
                        0,
                        std::ptr::null(),
                    ) != 0
                {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    c
}

/// Runs `c` to its end (at most [`START_TIMEOUT`]), its stdout returned. Its output goes to
/// files in `dir`, not pipes: `run -d` hands them on to the container, which keeps them open.
fn run_to_end(c: &mut Command, dir: &Path, target: &'static str) -> Result<Vec<u8>, TargetError> {
    let failed = |reason: String| TargetError::Failed { target, reason };
    let (out_path, err_path) = (dir.join("stdout"), dir.join("stderr"));
    let out = std::fs::File::create(&out_path).map_err(|e| failed(e.to_string()))?;
    let err = std::fs::File::create(&err_path).map_err(|e| failed(e.to_string()))?;
    let mut child = c
        .stdout(out)
        .stderr(err)
        .spawn()
        .map_err(|e| failed(e.to_string()))?;
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > START_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(failed(format!(
                    "still running after {} s",
                    START_TIMEOUT.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(2)),
            Err(e) => return Err(failed(e.to_string())),
        }
    };
    if !status.success() {
        let said = std::fs::read(&err_path).unwrap_or_default();
        let said = String::from_utf8_lossy(&said);
        return Err(failed(format!(
            "{status}: {}",
            crate::escape_word(said.trim())
        )));
    }
    std::fs::read(&out_path).map_err(|e| failed(e.to_string()))
}

/// Waits until `pid` runs the probe (its executable is the bundle's `spin`).
fn wait_for_probe(pid: i32, target: &'static str) -> Result<(), TargetError> {
    let start = Instant::now();
    loop {
        let exe = std::fs::read_link(format!("/proc/{pid}/exe"));
        if exe
            .as_ref()
            .is_ok_and(|p| p.file_name() == Some("spin".as_ref()))
        {
            return Ok(());
        }
        if start.elapsed() > START_TIMEOUT {
            return Err(TargetError::Failed {
                target,
                reason: format!(
                    "pid {pid} did not execute the probe within {} s",
                    START_TIMEOUT.as_secs()
                ),
            });
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Reads every seccomp filter of a running process (the most recent first).
fn dump(pid: i32, target: &'static str) -> Result<Vec<Vec<sock_filter>>, TargetError> {
    let fail = |reason: String| TargetError::Dump {
        target,
        pid,
        reason,
    };
    let p = Pid::from_raw(pid);
    ptrace::seize(p, ptrace::Options::empty()).map_err(|e| fail(format!("PTRACE_SEIZE: {e}")))?;
    ptrace::interrupt(p).map_err(|e| fail(format!("PTRACE_INTERRUPT: {e}")))?;
    waitpid(p, Some(WaitPidFlag::__WALL)).map_err(|e| fail(format!("waitpid: {e}")))?;
    let mut filters = Vec::new();
    for index in 0.. {
        // SAFETY: PTRACE_SECCOMP_GET_FILTER with a NULL buffer only returns the length of the
        // tracee's filter number `index`; the tracee is stopped.
        let n = unsafe {
            libc::ptrace(
                PTRACE_SECCOMP_GET_FILTER as libc::c_uint,
                pid,
                index as *mut libc::c_void,
                std::ptr::null_mut::<libc::c_void>(),
            )
        };
        if n < 0 {
            let e = std::io::Error::last_os_error();
            if e.raw_os_error() == Some(libc::ENOENT) {
                break;
            }
            let _ = ptrace::detach(p, None);
            return Err(fail(format!("PTRACE_SECCOMP_GET_FILTER: {e}")));
        }
        let mut buf = vec![
            sock_filter {
                code: 0,
                jt: 0,
                jf: 0,
                k: 0
            };
            n as usize
        ];
        // SAFETY: the buffer holds the `n` instructions the kernel said the filter has, and
        // the kernel writes at most that many.
        let got = unsafe {
            libc::ptrace(
                PTRACE_SECCOMP_GET_FILTER as libc::c_uint,
                pid,
                index as *mut libc::c_void,
                buf.as_mut_ptr().cast::<libc::c_void>(),
            )
        };
        if got != n {
            let _ = ptrace::detach(p, None);
            return Err(fail(format!(
                "filter {index} changed length while read ({n}, then {got})"
            )));
        }
        filters.push(buf);
    }
    let _ = ptrace::detach(p, None);
    Ok(filters)
}

/// A minimal bundle's `config.json`: the runtime's defaults, the probe as the process, a
/// read-only root, no resources (crun's device filter needs locked memory) and the profile
/// (none for crun's raw-BPF annotation).
fn config(seccomp: Option<LinuxSeccomp>) -> Result<Spec, String> {
    let mut spec = Spec::default();
    let mut process = spec.process().clone().unwrap_or_default();
    process.set_args(Some(vec!["/spin".into()]));
    process.set_terminal(Some(false));
    process.set_rlimits(None);
    spec.set_process(Some(process));
    let mut root = spec.root().clone().unwrap_or_default();
    root.set_path(PathBuf::from("rootfs"));
    root.set_readonly(Some(true));
    spec.set_root(Some(root));
    let mut linux = spec
        .linux()
        .clone()
        .ok_or("the default spec has no linux section")?;
    linux.set_resources(None);
    linux.set_seccomp(seccomp);
    spec.set_linux(Some(linux));
    Ok(spec)
}

/// Runs the probe in `t` with the export `bytes` (an OCI profile for runc and crun, raw BPF
/// for bwrap) and returns the filters the kernel holds for it.
///
/// # Errors
/// The target missing or failing, not root, or the filters unreadable.
pub(crate) fn run(t: Target, bytes: &[u8]) -> Result<Vec<Vec<sock_filter>>, TargetError> {
    let program = find_program(t.program())?;
    if !nix::unistd::geteuid().is_root() {
        return Err(TargetError::NotRoot);
    }
    let template = std::env::temp_dir().join("seccomp-pledge-verify-XXXXXX");
    let dir = nix::unistd::mkdtemp(&template).map_err(|e| TargetError::Prepare {
        path: template.clone(),
        reason: e.to_string(),
    })?;
    let mut cleanup = Cleanup {
        dir: dir.clone(),
        container: None,
        pids: Vec::new(),
    };
    let prepare = |reason: String| TargetError::Prepare {
        path: dir.clone(),
        reason,
    };
    let rootfs = dir.join("rootfs");
    std::fs::create_dir(&rootfs).map_err(|e| prepare(e.to_string()))?;
    let spin = rootfs.join("spin");
    std::fs::write(&spin, SPIN).map_err(|e| prepare(e.to_string()))?;
    std::fs::set_permissions(&spin, std::fs::Permissions::from_mode(0o755))
        .map_err(|e| prepare(e.to_string()))?;
    let pid = match t {
        Target::Runc | Target::Crun | Target::CrunBpf => {
            let spec = if t == Target::CrunBpf {
                use base64::Engine as _;
                let mut spec = config(None).map_err(prepare)?;
                let mut notes = spec.annotations().clone().unwrap_or_default();
                notes.insert(
                    CRUN_BPF_ANNOTATION.to_string(),
                    base64::engine::general_purpose::STANDARD.encode(bytes),
                );
                spec.set_annotations(Some(notes));
                spec
            } else {
                let seccomp: LinuxSeccomp =
                    serde_json::from_slice(bytes).map_err(|e| prepare(e.to_string()))?;
                config(Some(seccomp)).map_err(prepare)?
            };
            spec.save(dir.join("config.json"))
                .map_err(|e| prepare(e.to_string()))?;
            let private = t != Target::Runc && !unified_cgroups();
            let id = dir
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("seccomp-pledge-verify")
                .to_string();
            cleanup.container = Some((program.clone(), id.clone(), private));
            run_to_end(
                runtime_command(&program, private)
                    .args(["run", "-d", "--bundle"])
                    .arg(&dir)
                    .arg(&id),
                &dir,
                t.name(),
            )?;
            let state = run_to_end(
                runtime_command(&program, private).args(["state", &id]),
                &dir,
                t.name(),
            )?;
            let state: serde_json::Value =
                serde_json::from_slice(&state).map_err(|e| TargetError::Failed {
                    target: t.name(),
                    reason: format!("`{} state` printed no JSON: {e}", t.name()),
                })?;
            state["pid"]
                .as_i64()
                .and_then(|p| i32::try_from(p).ok())
                .filter(|p| *p > 0)
                .ok_or_else(|| TargetError::Failed {
                    target: t.name(),
                    reason: format!("`{} state` gave no pid", t.name()),
                })?
        }
        Target::Bwrap => bwrap(&program, &dir, &spin, bytes, &mut cleanup)?,
        Target::Systemd => {
            return Err(TargetError::Failed {
                target: "systemd",
                reason: "a drop-in is checked by systemd-analyze, not run".into(),
            });
        }
    };
    cleanup.pids.push(pid);
    wait_for_probe(pid, t.name())?;
    dump(pid, t.name())
}

/// Starts the probe under bubblewrap with the filter on descriptor 3; returns its pid.
fn bwrap(
    program: &Path,
    dir: &Path,
    spin: &Path,
    bytes: &[u8],
    cleanup: &mut Cleanup,
) -> Result<i32, TargetError> {
    let prepare = |reason: String| TargetError::Prepare {
        path: dir.to_path_buf(),
        reason,
    };
    let failed = |reason: String| TargetError::Failed {
        target: "bwrap",
        reason,
    };
    let filter_path = dir.join("seccomp.bpf");
    std::fs::write(&filter_path, bytes).map_err(|e| prepare(e.to_string()))?;
    let filter: OwnedFd = std::fs::File::open(&filter_path)
        .map_err(|e| prepare(e.to_string()))?
        .into();
    let (info_r, info_w) = nix::unistd::pipe().map_err(|e| prepare(e.to_string()))?;
    let (filter_fd, info_fd) = (filter.as_raw_fd(), info_w.as_raw_fd());
    let mut c = Command::new(program);
    c.args(["--die-with-parent", "--ro-bind"])
        .arg(spin)
        .args(["/spin", "--info-fd", "4", "--seccomp", "3", "/spin"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    // SAFETY: runs in the forked child before exec: fcntl and dup2 only, on descriptors open
    // in it. Both are first copied above 9, so that neither 3 nor 4 is overwritten while
    // still needed, and dup2 to another number clears close-on-exec.
    unsafe {
        c.pre_exec(move || {
            let filter = libc::fcntl(filter_fd, libc::F_DUPFD, 10);
            let info = libc::fcntl(info_fd, libc::F_DUPFD, 10);
            if filter < 0 || info < 0 || libc::dup2(filter, 3) < 0 || libc::dup2(info, 4) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = c.spawn().map_err(|e| failed(e.to_string()))?;
    cleanup.pids.push(child.id() as i32);
    drop(info_w);
    drop(filter);
    let mut info = Vec::new();
    let mut f = std::fs::File::from(info_r);
    let mut buf = [0u8; 512];
    while !info.contains(&b'}') {
        match f.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => info.extend_from_slice(&buf[..n]),
        }
    }
    let pid = serde_json::from_slice::<serde_json::Value>(&info)
        .ok()
        .and_then(|v| v["child-pid"].as_i64())
        .and_then(|p| i32::try_from(p).ok());
    match pid {
        Some(p) => Ok(p),
        None => {
            let _ = child.kill();
            let out = child
                .wait_with_output()
                .map_err(|e| failed(e.to_string()))?;
            let said = String::from_utf8_lossy(&out.stderr);
            Err(failed(crate::escape_word(said.trim())))
        }
    }
}
