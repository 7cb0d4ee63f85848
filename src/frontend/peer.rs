//! Who is on the other end of an API connection, and whether it may use the API.
//!
//! Owns identifying a peer process without races and the admission rule; it knows nothing
//! of the protocol (the server writes the refusal and closes the connection).
//!
//! # Identifying a peer
//!
//! `SO_PEERPIDFD` (Linux 6.5) gives a pidfd for the process that called `connect`. Its pid
//! comes from the pidfd itself (`PIDFD_GET_INFO`, Linux 6.13, else the pidfd's
//! `/proc/self/fdinfo` entry); then `/proc/PID/status` and `/proc/PID/comm` are read, and
//! only afterwards is the pidfd confirmed to still name a live process
//! (`pidfd_send_signal(pidfd, 0)`). A process cannot come back, so if it is alive after the
//! reads, its pid was never free in between, and what was read is that process's: a pid
//! reused between `connect` and the check cannot stand in for the peer. A peer that has
//! exited (or is a zombie) by then is refused.
//!
//! The ancestry walk (is the peer a descendant of the server?) is checked the same way one
//! level at a time: the parent named by a child's `PPid` is opened as a pidfd, read, and
//! the child is read again; if its `PPid` still names that parent, the pidfd is the parent
//! (a parent that exits first has its children reparented, which changes `PPid`). An
//! ancestry that keeps changing while it is walked is refused.
//!
//! Without `SO_PEERPIDFD` (kernels before 6.5) the pid comes from `SO_PEERCRED` and is
//! opened with `pidfd_open`: from then on it is pinned, but a pid that was reused between
//! `connect` and that moment would be taken for the peer. That window needs the peer to
//! exit and its pid to be recycled while the connection is still queued; Linux 6.5 closes it.
//!
//! # The admission rule
//!
//! A peer is refused when
//! - its uid (`SO_PEERCRED`, captured at `connect`) is not the server's;
//! - it descends from the server (programs the server sandboxed, orphans included);
//! - it is **more confined than the server**: it is in seccomp strict mode; or it is in
//!   seccomp filter mode with more filters (`Seccomp_filters`) than the server has; or it
//!   has `no_new_privs` while the server does not. Every seccomp-pledge sandbox sets
//!   `no_new_privs` and adds at least one filter to whatever it inherited, so a sandbox is
//!   always more confined than a server started beside it, wherever it was started from;
//!   ordinary clients in the same container or service as the server share the server's own
//!   filters and are accepted.
//!
//! Confinement only grows (filters and `no_new_privs` are never dropped, and they are
//! inherited across `fork` and `execve`), so reading it after `connect` never makes a peer
//! look less confined than it was when it connected. Every thread of a sandbox is confined,
//! so the thread-group leader's `/proc/PID/status` speaks for the process.
//!
//! The rule compares counts, not the filters themselves (the kernel does not show them to
//! unprivileged processes). A server that is itself confined (say with `no_new_privs` and
//! one filter, as under a systemd `SystemCallFilter=`) therefore accepts a process confined
//! to the same degree by something else, including a seccomp-pledge sandbox started outside
//! the server's confinement with no more filters than the server has. The server says so
//! when it starts confined. Run the server unconfined to refuse every sandbox.
//!
//! `serve --allow-confined-clients` drops the confinement part of the rule (uid and
//! ancestry still hold): it is for trusted clients that live inside other confinement, and
//! it lets sandboxes of the server's uid (started by other seccomp-pledge runs, or any
//! seccomp sandbox) connect and run commands with the server's privileges.

use std::fmt::Write as _;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::abi::signature::escape;

/// `SO_PEERPIDFD` (asm-generic value, used on x86_64).
const SO_PEERPIDFD: libc::c_int = 77;

/// `struct pidfd_info` as of Linux 6.13 (`PIDFD_INFO_SIZE_VER0`); later kernels accept
/// this size (the ioctl is extensible).
#[repr(C)]
#[derive(Default)]
struct PidfdInfo {
    mask: u64,
    cgroupid: u64,
    pid: u32,
    tgid: u32,
    ppid: u32,
    ruid: u32,
    rgid: u32,
    euid: u32,
    egid: u32,
    suid: u32,
    sgid: u32,
    fsuid: u32,
    fsgid: u32,
    exit_code: i32,
}

/// `PIDFD_GET_INFO`: `_IOWR(0xFF, 11, struct pidfd_info)` with the 64-byte struct.
const PIDFD_GET_INFO: u32 =
    (3 << 30) | ((std::mem::size_of::<PidfdInfo>() as u32) << 16) | (0xFF << 8) | 11;

/// How a process is confined, from its `/proc/PID/status`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Confinement {
    /// `NoNewPrivs: 1`.
    pub no_new_privs: bool,
    /// `Seccomp:` 0 (off), 1 (strict) or 2 (filter).
    pub seccomp: u8,
    /// `Seccomp_filters:` (Linux 5.9); `None` when the kernel does not show it.
    pub filters: Option<u32>,
}

impl Confinement {
    /// The calling thread's confinement.
    ///
    /// # Errors
    /// `/proc/thread-self/status` cannot be read or lacks the fields.
    pub(crate) fn of_self() -> io::Result<Confinement> {
        let text = std::fs::read_to_string("/proc/thread-self/status")?;
        Status::parse(&text)
            .map(|s| s.confinement)
            .map_err(|e| io::Error::other(format!("/proc/thread-self/status: {e}")))
    }

    /// Whether this is any confinement at all.
    pub(crate) fn is_confined(&self) -> bool {
        self.no_new_privs || self.seccomp != 0
    }

    /// In what ways a peer with this confinement is more confined than `server` (empty:
    /// it is not).
    pub(crate) fn beyond(&self, server: &Confinement) -> Vec<String> {
        let mut why = Vec::new();
        match self.seccomp {
            0 => {}
            1 => why.push("it is in seccomp strict mode".to_string()),
            _ => match (self.filters, server.filters) {
                (Some(n), Some(m)) if n > m => why.push(format!(
                    "it has {n} seccomp filter{}, the server {m}",
                    if n == 1 { "" } else { "s" }
                )),
                (Some(_), Some(_)) => {}
                (Some(n), None) if server.seccomp == 0 => why.push(format!(
                    "it has {n} seccomp filter{}, the server none",
                    if n == 1 { "" } else { "s" }
                )),
                (Some(_), None) => {}
                (None, _) => why.push(
                    "it is under seccomp filters this kernel does not count (no Seccomp_filters)"
                        .to_string(),
                ),
            },
        }
        if self.no_new_privs && !server.no_new_privs {
            why.push("it has no_new_privs, the server has not".to_string());
        }
        why
    }
}

impl std::fmt::Display for Confinement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        if self.no_new_privs {
            parts.push("no_new_privs".to_string());
        }
        match (self.seccomp, self.filters) {
            (0, _) => {}
            (1, _) => parts.push("seccomp strict mode".to_string()),
            (_, Some(n)) => parts.push(format!(
                "{n} seccomp filter{}",
                if n == 1 { "" } else { "s" }
            )),
            (_, None) => parts.push("seccomp filters".to_string()),
        }
        if parts.is_empty() {
            f.write_str("not confined")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}

/// The fields of `/proc/PID/status` the checks use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Status {
    /// `State:` letter (`R`, `S`, `Z` …).
    state: char,
    /// `PPid:` (0 when the parent is outside our pid namespace).
    ppid: i32,
    confinement: Confinement,
}

impl Status {
    fn parse(text: &str) -> Result<Status, String> {
        let field = |name: &str| {
            text.lines().find_map(|l| {
                l.strip_prefix(name)
                    .and_then(|r| r.strip_prefix(':'))
                    .map(str::trim)
            })
        };
        let need = |name: &str| field(name).ok_or_else(|| format!("no `{name}` field"));
        let number = |name: &str| -> Result<i64, String> {
            need(name)?
                .parse()
                .map_err(|_| format!("bad `{name}` field"))
        };
        let state = need("State")?
            .chars()
            .next()
            .ok_or_else(|| "empty `State` field".to_string())?;
        let seccomp = number("Seccomp")?;
        let filters = match field("Seccomp_filters") {
            Some(v) => Some(
                v.parse()
                    .map_err(|_| "bad `Seccomp_filters` field".to_string())?,
            ),
            None => None,
        };
        Ok(Status {
            state,
            ppid: i32::try_from(number("PPid")?).map_err(|_| "bad `PPid` field".to_string())?,
            confinement: Confinement {
                no_new_privs: number("NoNewPrivs")? != 0,
                seccomp: u8::try_from(seccomp).map_err(|_| "bad `Seccomp` field".to_string())?,
                // Mode 0 has no filters, whatever an old kernel shows.
                filters: if seccomp == 0 { Some(0) } else { filters },
            },
        })
    }
}

/// Why a process could not be read.
#[derive(Debug)]
enum Gone {
    /// It exited (or became a zombie) before the check was done.
    Exited,
    /// Something else: the message.
    Other(String),
}

/// A process pinned by a pidfd, with what was read about it while the pidfd was known to
/// name it.
struct Process {
    pidfd: OwnedFd,
    pid: i32,
    status: Status,
    /// The command name (`/proc/PID/comm`, raw bytes).
    comm: Vec<u8>,
}

/// Whether the pidfd's process still exists (`EPERM` proves it does: only permission to
/// signal it is missing).
fn alive(pidfd: &OwnedFd) -> bool {
    // SAFETY: signal 0 checks existence only; a null siginfo is allowed.
    let r = unsafe {
        libc::syscall(
            libc::SYS_pidfd_send_signal,
            pidfd.as_raw_fd(),
            0,
            std::ptr::null::<libc::siginfo_t>(),
            0,
        )
    };
    r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// The pid (in our namespace) a pidfd names: `PIDFD_GET_INFO`, else fdinfo.
fn pid_of(pidfd: &OwnedFd) -> Result<i32, Gone> {
    let mut info = PidfdInfo::default();
    // SAFETY: the ioctl writes at most size_of::<PidfdInfo>() bytes (encoded in the request)
    // into `info`.
    let r = unsafe {
        libc::ioctl(
            pidfd.as_raw_fd(),
            PIDFD_GET_INFO as libc::Ioctl,
            &raw mut info,
        )
    };
    if r == 0 {
        return match i32::try_from(info.tgid) {
            Ok(0) => Err(Gone::Other(
                "it is in another pid namespace (its pid is not visible here)".into(),
            )),
            Ok(pid) => Ok(pid),
            Err(_) => Err(Gone::Other(format!(
                "bad pid {} from the kernel",
                info.tgid
            ))),
        };
    }
    match io::Error::last_os_error().raw_os_error() {
        Some(libc::ESRCH) => return Err(Gone::Exited),
        Some(libc::ENOTTY | libc::EINVAL | libc::EOPNOTSUPP) => {}
        _ => {
            return Err(Gone::Other(format!(
                "PIDFD_GET_INFO: {}",
                io::Error::last_os_error()
            )));
        }
    }
    let path = format!("/proc/self/fdinfo/{}", pidfd.as_raw_fd());
    let text = std::fs::read_to_string(&path).map_err(|e| Gone::Other(format!("{path}: {e}")))?;
    match fdinfo_pid(&text) {
        Some(-1) => Err(Gone::Exited),
        Some(0) => Err(Gone::Other(
            "it is in another pid namespace (its pid is not visible here)".into(),
        )),
        Some(pid) => Ok(pid),
        None => Err(Gone::Other(format!("{path} names no pid"))),
    }
}

/// The `Pid:` of a pidfd's fdinfo (-1 once the process has exited).
fn fdinfo_pid(text: &str) -> Option<i32> {
    text.lines()
        .find_map(|l| l.strip_prefix("Pid:"))
        .and_then(|v| v.trim().parse().ok())
}

impl Process {
    /// Reads the process a pidfd names; fails if it is gone by the end of the reads.
    fn from_pidfd(pidfd: OwnedFd, pid: Option<i32>) -> Result<Process, Gone> {
        let pid = match pid {
            Some(p) => p,
            None => pid_of(&pidfd)?,
        };
        let status = std::fs::read_to_string(format!("/proc/{pid}/status"));
        let comm = std::fs::read(format!("/proc/{pid}/comm"));
        // Only now: the reads above were of this process if it is still there.
        if !alive(&pidfd) {
            return Err(Gone::Exited);
        }
        let status = status.map_err(|e| Gone::Other(format!("/proc/{pid}/status: {e}")))?;
        let status =
            Status::parse(&status).map_err(|e| Gone::Other(format!("/proc/{pid}/status: {e}")))?;
        if matches!(status.state, 'Z' | 'X') {
            return Err(Gone::Exited);
        }
        let mut comm = comm.unwrap_or_default();
        if comm.last() == Some(&b'\n') {
            comm.pop();
        }
        Ok(Process {
            pidfd,
            pid,
            status,
            comm,
        })
    }

    /// Pins `pid` with `pidfd_open` and reads it.
    fn open(pid: i32) -> Result<Process, Gone> {
        // SAFETY: pidfd_open returns a new fd or -1.
        let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
        if fd < 0 {
            return Err(match io::Error::last_os_error().raw_os_error() {
                Some(libc::ESRCH) => Gone::Exited,
                _ => Gone::Other(format!("pidfd_open: {}", io::Error::last_os_error())),
            });
        }
        // SAFETY: a fresh fd that we alone own.
        let fd = unsafe { OwnedFd::from_raw_fd(fd as i32) };
        Process::from_pidfd(fd, Some(pid))
    }

    /// Reads the process again (its pidfd pins it).
    fn refresh(&self) -> Result<Status, Gone> {
        let text = std::fs::read_to_string(format!("/proc/{}/status", self.pid));
        if !alive(&self.pidfd) {
            return Err(Gone::Exited);
        }
        let text = text.map_err(|e| Gone::Other(format!("/proc/{}/status: {e}", self.pid)))?;
        Status::parse(&text).map_err(|e| Gone::Other(format!("/proc/{}/status: {e}", self.pid)))
    }
}

/// Whether a pinned process descends from `ancestor` (a live process: the server), walking
/// up with a pidfd per level. `Err` when the ancestry changed during the walk.
fn descends_from(peer: &Process, ancestor: i32) -> Result<bool, ()> {
    let mut owned: Option<Process> = None;
    for _ in 0..4096 {
        let child = owned.as_ref().unwrap_or(peer);
        let p = child.status.ppid;
        if p == ancestor {
            return Ok(true);
        }
        if p <= 1 {
            // init, or a parent outside our pid namespace.
            return Ok(false);
        }
        let parent = match Process::open(p) {
            Ok(parent) => parent,
            Err(Gone::Exited) => return Err(()),
            // Unreadable (hidden by hidepid, say): not one of ours, which all share our uid.
            Err(Gone::Other(_)) => return Ok(false),
        };
        match child.refresh() {
            Ok(again) if again.ppid == p => {}
            _ => return Err(()),
        }
        owned = Some(parent);
    }
    Ok(false)
}

/// What the server compares peers with.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rules {
    /// The server's uid.
    pub uid: u32,
    /// The server's pid.
    pub server_pid: i32,
    /// The server's own confinement.
    pub server: Confinement,
    /// `--allow-confined-clients`: skip the confinement rule.
    pub allow_confined: bool,
}

/// A peer that may use the API.
#[derive(Debug)]
pub(crate) struct Admitted {
    /// Who it is, for logs: `pid 123 "name" (uid 1000)`.
    pub who: String,
    /// Its confinement, when it is more confined than the server and was let in by
    /// `--allow-confined-clients` (the server logs that).
    pub confined: Option<String>,
}

/// A peer that may not.
#[derive(Debug)]
pub(crate) struct Refusal {
    /// Who it is, for logs.
    pub who: String,
    /// Why, for the log and the client's `error:` line.
    pub why: String,
    /// A hint for the client, if any.
    pub hint: Option<String>,
}

/// The peer's uid and pid as of `connect` (`SO_PEERCRED`).
fn peer_cred(stream: &UnixStream) -> io::Result<(u32, i32)> {
    let mut cred = libc::ucred {
        pid: 0,
        uid: 0,
        gid: 0,
    };
    let mut len = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
    // SAFETY: getsockopt writes at most `len` bytes into `cred`.
    let r = unsafe {
        libc::getsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_PEERCRED,
            (&raw mut cred).cast(),
            &mut len,
        )
    };
    if r != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok((cred.uid, cred.pid))
}

/// The peer's pidfd (`SO_PEERPIDFD`); `Ok(None)` when the kernel lacks the option.
fn peer_pidfd(stream: &UnixStream) -> io::Result<Option<OwnedFd>> {
    let mut fd: libc::c_int = -1;
    let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: getsockopt writes at most `len` bytes into `fd`.
    let r = unsafe {
        libc::getsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            SO_PEERPIDFD,
            (&raw mut fd).cast(),
            &mut len,
        )
    };
    if r != 0 {
        let e = io::Error::last_os_error();
        return if e.raw_os_error() == Some(libc::ENOPROTOOPT) {
            Ok(None)
        } else {
            Err(e)
        };
    }
    // SAFETY: the kernel installed a new fd for us (close-on-exec).
    Ok(Some(unsafe { OwnedFd::from_raw_fd(fd) }))
}

/// How the peer was pinned: `SO_PEERPIDFD`, or `SO_PEERCRED` + `pidfd_open` (older kernels).
fn pin_peer(stream: &UnixStream, pid: i32) -> Result<Process, Gone> {
    static NOTED: AtomicBool = AtomicBool::new(false);
    match peer_pidfd(stream) {
        Ok(Some(fd)) => Process::from_pidfd(fd, None),
        Ok(None) => {
            if !NOTED.swap(true, Ordering::Relaxed) {
                eprintln!(
                    "seccomp-pledge: note: this kernel has no SO_PEERPIDFD (Linux 6.5): API clients \
                     are identified by the pid SO_PEERCRED gives, which a pid reused between connect \
                     and the check could fool"
                );
            }
            if pid == 0 {
                return Err(Gone::Other(
                    "it is in another pid namespace (its pid is not visible here)".into(),
                ));
            }
            Process::open(pid)
        }
        Err(e) if e.raw_os_error() == Some(libc::ESRCH) => Err(Gone::Exited),
        Err(e) => Err(Gone::Other(format!("SO_PEERPIDFD: {e}"))),
    }
}

fn describe(pid: i32, comm: &[u8], uid: u32) -> String {
    let mut s = format!("pid {pid}");
    if !comm.is_empty() {
        let _ = write!(s, " {}", escape(comm, 64));
    }
    let _ = write!(s, " (uid {uid})");
    s
}

/// Decides whether the peer on `stream` may use the API (see the module docs).
///
/// # Errors
/// The refusal: who, why, and a hint for the client.
pub(crate) fn admit(stream: &UnixStream, rules: &Rules) -> Result<Admitted, Refusal> {
    let (uid, pid) = peer_cred(stream).map_err(|e| Refusal {
        who: "an unknown peer".into(),
        why: format!("cannot identify the client: {e}"),
        hint: None,
    })?;
    let refuse = |who: String, why: String| Refusal {
        who,
        why,
        hint: None,
    };
    if uid != rules.uid {
        return Err(refuse(
            format!("pid {pid} (uid {uid})"),
            format!(
                "permission denied: uid {uid} is not the server's (uid {})",
                rules.uid
            ),
        ));
    }
    let peer = match pin_peer(stream, pid) {
        Ok(p) => p,
        Err(Gone::Exited) => {
            return Err(refuse(
                format!("pid {pid} (uid {uid})"),
                "refused: the client exited before it could be checked".into(),
            ));
        }
        Err(Gone::Other(e)) => {
            return Err(refuse(
                format!("pid {pid} (uid {uid})"),
                format!("refused: cannot identify the client: {e}"),
            ));
        }
    };
    let who = describe(peer.pid, &peer.comm, uid);
    let mut tries = 0;
    loop {
        match descends_from(&peer, rules.server_pid) {
            Ok(true) => {
                return Err(refuse(
                    who,
                    "refused: programs started by this server (sandboxed ones included) cannot use \
                     its API"
                        .into(),
                ));
            }
            Ok(false) => break,
            Err(()) if tries < 3 => tries += 1,
            Err(()) => {
                return Err(refuse(
                    who,
                    "refused: the client's ancestry kept changing while it was checked".into(),
                ));
            }
        }
    }
    let beyond = peer.status.confinement.beyond(&rules.server);
    if beyond.is_empty() {
        return Ok(Admitted {
            who,
            confined: None,
        });
    }
    if rules.allow_confined {
        return Ok(Admitted {
            who,
            confined: Some(beyond.join("; ")),
        });
    }
    Err(Refusal {
        who,
        why: format!(
            "refused: the client is more confined than the server ({}): sandboxed programs \
             cannot use this API",
            beyond.join("; ")
        ),
        hint: Some(
            "a trusted client inside other confinement can be let in by starting the server \
             with `serve --allow-confined-clients`"
                .into(),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(no_new_privs: bool, seccomp: u8, filters: Option<u32>) -> Confinement {
        Confinement {
            no_new_privs,
            seccomp,
            filters,
        }
    }

    #[test]
    fn status_fields_are_parsed() {
        let text = "Name:\tprobe\nState:\tS (sleeping)\nPPid:\t42\nNoNewPrivs:\t1\n\
                    Seccomp:\t2\nSeccomp_filters:\t3\n";
        let s = Status::parse(text).unwrap();
        assert_eq!(s.state, 'S');
        assert_eq!(s.ppid, 42);
        assert_eq!(s.confinement, c(true, 2, Some(3)));
        let old = "State:\tR (running)\nPPid:\t1\nNoNewPrivs:\t0\nSeccomp:\t2\n";
        assert_eq!(
            Status::parse(old).unwrap().confinement.filters,
            None,
            "before Linux 5.9"
        );
        let off = "State:\tR\nPPid:\t1\nNoNewPrivs:\t0\nSeccomp:\t0\n";
        assert_eq!(Status::parse(off).unwrap().confinement.filters, Some(0));
        assert!(
            Status::parse("State:\tR\nPPid:\t1\nSeccomp:\t0\n")
                .unwrap_err()
                .contains("NoNewPrivs")
        );
    }

    #[test]
    fn more_confined_than_the_server() {
        let plain = c(false, 0, Some(0));
        let sandbox = c(true, 2, Some(1));
        // A plain server: every sandbox is beyond it, plain clients are not.
        assert!(plain.beyond(&plain).is_empty());
        assert_eq!(
            sandbox.beyond(&plain),
            [
                "it has 1 seccomp filter, the server 0",
                "it has no_new_privs, the server has not"
            ]
        );
        assert_eq!(c(true, 0, Some(0)).beyond(&plain).len(), 1, "NNP alone");
        assert_eq!(
            c(false, 2, Some(2)).beyond(&plain).len(),
            1,
            "filters alone"
        );
        // A server in a container (1 filter, NNP): its neighbours are equal; a sandbox started
        // among them has more filters.
        let container = c(true, 2, Some(1));
        assert!(container.beyond(&container).is_empty());
        assert!(plain.beyond(&container).is_empty(), "less confined is fine");
        assert_eq!(
            c(true, 2, Some(3)).beyond(&container),
            ["it has 3 seccomp filters, the server 1"]
        );
        // Fail closed on what cannot be compared.
        assert!(!c(false, 2, None).beyond(&container).is_empty());
        assert!(!c(false, 1, Some(0)).beyond(&container).is_empty());
        assert_eq!(container.to_string(), "no_new_privs, 1 seccomp filter");
        assert_eq!(plain.to_string(), "not confined");
    }

    #[test]
    fn a_socketpair_peer_is_ourselves() {
        let (a, _b) = UnixStream::pair().unwrap();
        // SAFETY: getpid cannot fail.
        let me = unsafe { libc::getpid() };
        let peer = pin_peer(&a, me).map_err(|e| format!("{e:?}")).unwrap();
        assert_eq!(peer.pid, me);
        assert_eq!(peer.status.confinement, Confinement::of_self().unwrap());
        assert!(!peer.comm.is_empty());
        // The fallback path (older kernels) finds the same process.
        let opened = Process::open(me).map_err(|e| format!("{e:?}")).unwrap();
        assert_eq!(opened.status, peer.status);
        // Both ways of reading a pidfd's pid agree.
        let text = std::fs::read_to_string(format!("/proc/self/fdinfo/{}", peer.pidfd.as_raw_fd()))
            .unwrap();
        assert_eq!(fdinfo_pid(&text), Some(me));
        assert_eq!(pid_of(&peer.pidfd).map_err(|e| format!("{e:?}")), Ok(me));
        // SAFETY: getppid cannot fail.
        let parent = unsafe { libc::getppid() };
        assert_eq!(descends_from(&peer, parent), Ok(true));
        assert_eq!(descends_from(&peer, me), Ok(false));
    }

    #[test]
    fn an_exited_process_is_not_alive() {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id() as i32;
        let p = Process::open(pid);
        child.wait().unwrap();
        if let Ok(p) = p {
            assert!(!alive(&p.pidfd), "reaped");
            assert!(matches!(p.refresh(), Err(Gone::Exited)));
        }
        assert!(matches!(Process::open(pid), Err(Gone::Exited)));
    }
}
