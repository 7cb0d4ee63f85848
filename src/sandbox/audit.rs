//! Landlock's own account of what it refused, read from the kernel's audit records: a
//! reader of the audit netlink multicast group (`AUDIT_NLGRP_READLOG`, which needs
//! CAP_AUDIT_READ and audit enabled), the parser of its records, and the matching of
//! `LANDLOCK_ACCESS` records to the sandbox's Landlock domain.
//!
//! The sandbox's domain is the one whose `LANDLOCK_DOMAIN status=allocated` record names the
//! child as its creator (the child restricts itself, then executes the program with
//! `LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON`, without which nothing after `execve` is logged).
//! Denials by domains the program makes itself are not ours to explain and are skipped.
//!
//! The reader never enables audit: when it is off, [`open`] says so and how to turn it on.
//! Records reach the reader through the kernel's audit queue (`kauditd`), a little after the
//! call was refused; [`Reader::flush`] makes a marker record (a second listener joining the
//! group, which the kernel logs) and reads until it arrives, so every record made before the
//! program ended has been read.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::time::{Duration, Instant};

// Kernel ABI: include/uapi/linux/audit.h and include/uapi/linux/landlock.h.
const AUDIT_GET: u16 = 1000;
const AUDIT_SYSCALL: u16 = 1300;
const AUDIT_EOE: u16 = 1320;
const AUDIT_EVENT_LISTENER: u16 = 1335;
const AUDIT_LANDLOCK_ACCESS: u16 = 1423;
const AUDIT_LANDLOCK_DOMAIN: u16 = 1424;
const AUDIT_NLGRP_READLOG: u32 = 1;
const NLMSG_ERROR: u16 = 2;
const NLMSG_HDRLEN: usize = 16;
/// Events kept open at most while their records arrive.
const MAX_OPEN_EVENTS: usize = 256;

/// Why Landlock's audit records cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Unavailable {
    /// Joining the audit group needs CAP_AUDIT_READ (root, or the capability given).
    #[error(
        "reading the kernel's audit records needs CAP_AUDIT_READ (run as root, or grant the capability)"
    )]
    NotPermitted,
    /// Audit is off in the kernel.
    #[error(
        "kernel audit is disabled, so Landlock logs nothing (as root, `auditctl -e 1` enables it system-wide; seccomp-pledge never does)"
    )]
    Disabled,
    /// The kernel's Landlock cannot log denials after `execve` (ABI < 7).
    #[error("Landlock on this kernel (ABI {0}) cannot log denials after execve (ABI 7 can)")]
    OldAbi(i32),
    /// Another failure of the audit socket.
    #[error("the audit socket failed: {0}")]
    Socket(String),
}

/// One record of the audit stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Record {
    /// The record type (`AUDIT_*`).
    pub kind: u16,
    /// The event's serial number (records of one event share it).
    pub serial: u64,
    /// `key=value` fields, values unquoted and hex-decoded where the kernel hex-encoded them.
    pub fields: Vec<(String, Vec<u8>)>,
}

impl Record {
    /// The first value of `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&[u8]> {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_slice())
    }

    fn text(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(|v| std::str::from_utf8(v).ok())
    }

    fn num(&self, key: &str) -> Option<i64> {
        self.text(key)?.parse().ok()
    }

    fn hex(&self, key: &str) -> Option<u64> {
        u64::from_str_radix(self.text(key)?, 16).ok()
    }
}

/// Parses one record's text: `audit(SECS.MSECS:SERIAL): key=value key="value" …`.
///
/// Values the kernel calls untrusted strings are either quoted, or hex-encoded (no quotes)
/// when they hold a quote, a blank or a control character; `hex_keys` names the fields
/// that are such strings, so that only they are decoded.
pub(crate) fn parse(kind: u16, text: &[u8]) -> Option<Record> {
    let text = text.strip_suffix(b"\0").unwrap_or(text);
    let rest = text.strip_prefix(b"audit(")?;
    let close = rest.iter().position(|&b| b == b')')?;
    let stamp = std::str::from_utf8(&rest[..close]).ok()?;
    let serial = stamp.split_once(':')?.1.parse().ok()?;
    let mut body = rest[close + 1..]
        .strip_prefix(b":")
        .unwrap_or(&rest[close + 1..]);
    let mut fields = Vec::new();
    loop {
        while let [b' ', tail @ ..] = body {
            body = tail;
        }
        if body.is_empty() {
            break;
        }
        let Some(eq) = body.iter().position(|&b| b == b'=' || b == b' ') else {
            break;
        };
        if body[eq] == b' ' {
            body = &body[eq..];
            continue;
        }
        let key = String::from_utf8_lossy(&body[..eq]).into_owned();
        body = &body[eq + 1..];
        let value = if let [b'"', tail @ ..] = body {
            let end = tail.iter().position(|&b| b == b'"').unwrap_or(tail.len());
            let v = tail[..end].to_vec();
            body = tail.get(end + 1..).unwrap_or(&[]);
            v
        } else {
            let end = body.iter().position(|&b| b == b' ').unwrap_or(body.len());
            let raw = &body[..end];
            body = &body[end..];
            if HEX_STRINGS.contains(&key.as_str()) {
                decode_hex(raw).unwrap_or_else(|| raw.to_vec())
            } else {
                raw.to_vec()
            }
        };
        fields.push((key, value));
    }
    Some(Record {
        kind,
        serial,
        fields,
    })
}

/// Fields the kernel writes with `audit_log_untrustedstring` (hex when not quoted).
const HEX_STRINGS: &[&str] = &["path", "comm", "exe", "ocomm", "name", "cwd"];

fn decode_hex(s: &[u8]) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 || s.is_empty() {
        return None;
    }
    s.chunks(2)
        .map(|c| u8::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
        .collect()
}

/// A refusal by the sandbox's Landlock domain, as the kernel logged it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Refusal {
    /// The process that was refused (the domain's creator when the kernel logged no
    /// syscall record for it).
    pub pid: i32,
    /// Its command name, as the kernel logged it (raw bytes).
    pub comm: Vec<u8>,
    /// The syscall refused, when the kernel logged it.
    pub syscall: Option<(u32, [u64; 4])>,
    /// The refused rights, as the kernel names them (`fs.read_file`, `net.connect_tcp`,
    /// `scope.signal` …).
    pub blockers: Vec<String>,
    /// The object's path (file-system rights), raw bytes.
    pub path: Option<Vec<u8>>,
    /// Other fields of the record (a TCP port, a signalled process …), for the report.
    pub detail: Vec<(String, String)>,
}

/// The reader of one run's Landlock records.
pub(crate) struct Reader {
    sock: OwnedFd,
    child: i32,
    domain: Option<u64>,
    /// Events still open (their end-of-event record not yet read), oldest first: the
    /// records of concurrent events interleave.
    events: Vec<(u64, Vec<Record>)>,
    refusals: Vec<Refusal>,
    /// Records were dropped (the socket's buffer overflowed): some refusals are missing.
    pub lost: bool,
    markers_seen: u32,
    /// AUDIT_GET answers (CAP_AUDIT_CONTROL): the end of a run waits on the kernel's queue.
    can_query: bool,
    /// This executable, as the kernel names it (the creator of the sandbox's domain).
    own_exe: Vec<u8>,
    seq: u32,
    /// The receive buffer, allocated once (a record is at most about 9 KiB; a burst's
    /// messages arrive one per `recv`).
    buf: Box<[u8]>,
}

fn socket() -> Result<OwnedFd, Unavailable> {
    // SAFETY: socket(2) with constant arguments.
    let fd = unsafe {
        libc::socket(
            libc::AF_NETLINK,
            libc::SOCK_RAW | libc::SOCK_CLOEXEC | libc::SOCK_NONBLOCK,
            libc::NETLINK_AUDIT,
        )
    };
    if fd < 0 {
        return Err(Unavailable::Socket(
            std::io::Error::last_os_error().to_string(),
        ));
    }
    // SAFETY: a fresh descriptor we own.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

fn join(sock: &OwnedFd) -> Result<(), Unavailable> {
    // SAFETY: a zeroed sockaddr_nl is valid; we set the family and groups.
    let mut addr: libc::sockaddr_nl = unsafe { std::mem::zeroed() };
    addr.nl_family = libc::AF_NETLINK as u16;
    addr.nl_groups = AUDIT_NLGRP_READLOG;
    // SAFETY: bind with a sockaddr_nl of its size.
    let r = unsafe {
        libc::bind(
            sock.as_raw_fd(),
            (&raw const addr).cast(),
            std::mem::size_of::<libc::sockaddr_nl>() as libc::socklen_t,
        )
    };
    if r < 0 {
        let e = std::io::Error::last_os_error();
        return Err(match e.raw_os_error() {
            Some(libc::EPERM) | Some(libc::EACCES) => Unavailable::NotPermitted,
            _ => Unavailable::Socket(e.to_string()),
        });
    }
    Ok(())
}

fn wait_readable(fd: &OwnedFd, timeout: Duration) -> bool {
    let mut p = libc::pollfd {
        fd: fd.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
    // SAFETY: polling one fd we own.
    unsafe { libc::poll(&mut p, 1, ms) > 0 }
}

/// Joins the audit group, before the sandbox is created, for a child that will be `child`
/// (set with [`Reader::set_child`]); [`Reader::settle`] then says whether audit is on.
/// `abi` is the kernel's Landlock ABI.
///
/// # Errors
/// Why the records cannot be read: no CAP_AUDIT_READ, an old Landlock.
pub(crate) fn open(abi: i32) -> Result<Reader, Unavailable> {
    if abi < 7 {
        return Err(Unavailable::OldAbi(abi));
    }
    let sock = socket()?;
    join(&sock)?;
    // A large buffer: records come in bursts (root may force it past rmem_max).
    let size: libc::c_int = 4 << 20;
    // SAFETY: setsockopt with an int of its size; failure leaves the default buffer.
    unsafe {
        for opt in [libc::SO_RCVBUFFORCE, libc::SO_RCVBUF] {
            if libc::setsockopt(
                sock.as_raw_fd(),
                libc::SOL_SOCKET,
                opt,
                (&raw const size).cast(),
                std::mem::size_of::<libc::c_int>() as libc::socklen_t,
            ) == 0
            {
                break;
            }
        }
    }
    let own_exe = std::fs::read_link("/proc/self/exe")
        .map(|p| std::os::unix::ffi::OsStrExt::as_bytes(p.as_os_str()).to_vec())
        .unwrap_or_default();
    let reader = Reader::new(sock, own_exe);
    Ok(reader)
}

impl Reader {
    fn new(sock: OwnedFd, own_exe: Vec<u8>) -> Reader {
        Reader {
            sock,
            child: 0,
            domain: None,
            events: Vec::new(),
            refusals: Vec::new(),
            lost: false,
            markers_seen: 0,
            can_query: false,
            seq: 0,
            own_exe,
            buf: vec![0u8; 64 << 10].into_boxed_slice(),
        }
    }

    /// Finds out whether audit is on (so that records will come). Separate from [`open`]:
    /// AUDIT_GET is a round trip through the kernel (about 56 µs here), which the launcher
    /// makes while the child sets itself up.
    ///
    /// # Errors
    /// [`Unavailable::Disabled`].
    pub(crate) fn settle(&mut self) -> Result<(), Unavailable> {
        match self.status() {
            Some((true, _)) => {
                self.can_query = true;
                Ok(())
            }
            Some((false, _)) => Err(Unavailable::Disabled),
            None => {
                // AUDIT_GET needs CAP_AUDIT_CONTROL: a listener's joining is logged only when
                // audit is on, so a second listener's join record tells instead (this socket
                // may miss its own: the kernel can send it before the membership takes effect).
                let _probe = socket().and_then(|s| join(&s).map(|()| s))?;
                let deadline = Instant::now() + Duration::from_millis(50);
                while self.markers_seen == 0 && Instant::now() < deadline {
                    if wait_readable(&self.sock, deadline - Instant::now()) {
                        self.read_available();
                    }
                }
                if self.markers_seen > 0 {
                    Ok(())
                } else {
                    Err(Unavailable::Disabled)
                }
            }
        }
    }

    /// The sandbox's first process, whose domain's refusals are read.
    pub(crate) fn set_child(&mut self, pid: i32) {
        self.child = pid;
    }

    /// The socket, for the supervisor's poll.
    pub(crate) fn fd(&self) -> i32 {
        self.sock.as_raw_fd()
    }

    /// Asks the kernel for its audit status: (enabled, records queued and not yet sent to
    /// listeners). `None`: not allowed to ask (AUDIT_GET needs CAP_AUDIT_CONTROL).
    fn status(&mut self) -> Option<(bool, u32)> {
        self.seq += 1;
        let seq = self.seq;
        let mut msg = [0u8; NLMSG_HDRLEN];
        msg[0..4].copy_from_slice(&(NLMSG_HDRLEN as u32).to_ne_bytes());
        msg[4..6].copy_from_slice(&AUDIT_GET.to_ne_bytes());
        msg[6..8].copy_from_slice(&(libc::NLM_F_REQUEST as u16).to_ne_bytes());
        msg[8..12].copy_from_slice(&seq.to_ne_bytes());
        // SAFETY: sending our buffer.
        if unsafe { libc::send(self.sock.as_raw_fd(), msg.as_ptr().cast(), msg.len(), 0) } < 0 {
            return None;
        }
        let deadline = Instant::now() + Duration::from_millis(200);
        let word = |p: &[u8], i: usize| {
            p.get(i * 4..i * 4 + 4)
                .map(|b| u32::from_ne_bytes(b.try_into().unwrap_or([0; 4])))
        };
        while Instant::now() < deadline {
            if !wait_readable(&self.sock, deadline - Instant::now()) {
                return None;
            }
            // SAFETY: receiving into our buffer.
            let n = unsafe {
                libc::recv(
                    self.sock.as_raw_fd(),
                    self.buf.as_mut_ptr().cast(),
                    self.buf.len(),
                    0,
                )
            };
            if n < 0 {
                continue;
            }
            // struct audit_status: mask, enabled, failure, pid, rate_limit, backlog_limit,
            // lost, backlog, …
            let mut answer: Option<Option<(bool, u32)>> = None;
            let records = messages(&self.buf[..n as usize], |kind, s, payload| {
                if s == seq && kind == AUDIT_GET {
                    answer = Some(
                        word(payload, 1)
                            .zip(word(payload, 7))
                            .map(|(e, b)| (e != 0, b)),
                    );
                } else if s == seq && kind == NLMSG_ERROR && word(payload, 0) != Some(0) {
                    answer = Some(None);
                }
            });
            for r in records {
                self.record(r);
            }
            if let Some(a) = answer {
                return a;
            }
        }
        None
    }

    /// Reads every record waiting on the socket; returns the refusals completed so far.
    pub(crate) fn read_available(&mut self) -> Vec<Refusal> {
        loop {
            // SAFETY: receiving into our buffer, without blocking.
            let n = unsafe {
                libc::recv(
                    self.sock.as_raw_fd(),
                    self.buf.as_mut_ptr().cast(),
                    self.buf.len(),
                    libc::MSG_DONTWAIT,
                )
            };
            if n < 0 {
                let e = std::io::Error::last_os_error().raw_os_error();
                if e == Some(libc::ENOBUFS) {
                    self.lost = true;
                    continue;
                }
                break;
            }
            if n == 0 {
                break;
            }
            for r in messages(&self.buf[..n as usize], |_, _, _| {}) {
                self.record(r);
            }
        }
        std::mem::take(&mut self.refusals)
    }

    fn record(&mut self, r: Record) {
        if r.kind == AUDIT_EVENT_LISTENER {
            // SAFETY: getpid has no preconditions.
            let me = i64::from(unsafe { libc::getpid() });
            if r.num("pid") == Some(me) && r.text("op") == Some("connect") {
                self.markers_seen += 1;
            }
        }
        let serial = r.serial;
        let eoe = r.kind == AUDIT_EOE;
        if matches!(
            r.kind,
            AUDIT_LANDLOCK_ACCESS | AUDIT_LANDLOCK_DOMAIN | AUDIT_SYSCALL
        ) {
            match self.events.iter_mut().find(|(s, _)| *s == serial) {
                Some((_, e)) => e.push(r),
                None => self.events.push((serial, vec![r])),
            }
        }
        if eoe {
            if let Some(i) = self.events.iter().position(|(s, _)| *s == serial) {
                let (_, e) = self.events.remove(i);
                self.end_event(e);
            }
        }
        // Events without an end record (no syscall context): bounded, oldest first.
        while self.events.len() > MAX_OPEN_EVENTS {
            let (_, e) = self.events.remove(0);
            self.end_event(e);
        }
    }

    /// Ends every open event (at the end of a run).
    fn end_all(&mut self) {
        for (_, e) in std::mem::take(&mut self.events) {
            self.end_event(e);
        }
    }

    fn end_event(&mut self, event: Vec<Record>) {
        for r in event.iter().filter(|r| r.kind == AUDIT_LANDLOCK_DOMAIN) {
            // Ours was made by the child before it executed the program, so it names
            // seccomp-pledge as the executable: a domain the program makes itself (also with
            // the child's pid) names the program.
            if r.text("status") == Some("allocated")
                && self.domain.is_none()
                && self.child != 0
                && r.num("pid") == Some(i64::from(self.child))
                && r.get("exe") == Some(self.own_exe.as_slice())
            {
                self.domain = r.hex("domain");
            }
        }
        let Some(domain) = self.domain else {
            return;
        };
        let syscall = event.iter().find(|r| r.kind == AUDIT_SYSCALL);
        for r in event
            .iter()
            .filter(|r| r.kind == AUDIT_LANDLOCK_ACCESS && r.hex("domain") == Some(domain))
        {
            let (pid, comm) = match syscall.and_then(|s| Some((s.num("pid")?, s))) {
                Some((pid, s)) => (pid as i32, s.get("comm").unwrap_or_default().to_vec()),
                // No syscall record: the domain's creator, the program itself (the comm the
                // domain record names is seccomp-pledge's; the report reads the program's).
                None => (self.child, Vec::new()),
            };
            let call = syscall.and_then(|s| {
                let nr = s.num("syscall")? as u32;
                let mut a = [0u64; 4];
                for (i, k) in ["a0", "a1", "a2", "a3"].iter().enumerate() {
                    a[i] = s.hex(k).unwrap_or(0);
                }
                Some((nr, a))
            });
            let blockers = r
                .text("blockers")
                .unwrap_or("")
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            let detail = r
                .fields
                .iter()
                .filter(|(k, _)| !matches!(k.as_str(), "domain" | "blockers" | "path"))
                .map(|(k, v)| (k.clone(), String::from_utf8_lossy(v).into_owned()))
                .collect();
            self.refusals.push(Refusal {
                pid,
                comm,
                syscall: call,
                blockers,
                path: r.get("path").map(<[u8]>::to_vec),
                detail,
            });
        }
    }

    /// Reads until every record the kernel made before now has arrived, at most `timeout`;
    /// returns the last refusals, and false in `.1` when that could not be made sure of.
    ///
    /// With AUDIT_GET (root), the kernel's queue is watched until it is empty: its thread
    /// hands each record to the listeners as it takes it off the queue. Otherwise a second
    /// listener joins the group: the kernel logs that, after everything before it. (This
    /// reader's own join record is not a marker to wait for: the kernel may send it before
    /// the socket's membership takes effect.)
    pub(crate) fn flush(&mut self, timeout: Duration) -> (Vec<Refusal>, bool) {
        let deadline = Instant::now() + timeout;
        let mut done = false;
        if self.can_query {
            while Instant::now() < deadline {
                match self.status() {
                    Some((_, 0)) => {
                        // The last record taken off the queue is handed over right after.
                        std::thread::sleep(Duration::from_millis(1));
                        done = true;
                        break;
                    }
                    Some(_) => std::thread::sleep(Duration::from_millis(1)),
                    None => break,
                }
            }
        } else {
            let before = self.markers_seen;
            let marker = socket().and_then(|s| join(&s).map(|()| s));
            done = marker.is_err();
            while !done && Instant::now() < deadline {
                if wait_readable(&self.sock, deadline - Instant::now()) {
                    self.read_available_into();
                }
                done = self.markers_seen > before;
            }
        }
        self.read_available_into();
        self.end_all();
        (std::mem::take(&mut self.refusals), done)
    }

    fn read_available_into(&mut self) {
        let got = self.read_available();
        self.refusals.extend(got);
    }
}

/// Splits a netlink datagram into messages; audit records become [`Record`]s, everything
/// else goes to `other(kind, seq, payload)`.
fn messages(mut buf: &[u8], mut other: impl FnMut(u16, u32, &[u8])) -> Vec<Record> {
    let mut out = Vec::new();
    while buf.len() >= NLMSG_HDRLEN {
        let len = u32::from_ne_bytes(buf[0..4].try_into().unwrap_or([0; 4])) as usize;
        let kind = u16::from_ne_bytes(buf[4..6].try_into().unwrap_or([0; 2]));
        let seq = u32::from_ne_bytes(buf[8..12].try_into().unwrap_or([0; 4]));
        // Audit records' lengths do not always include the header (the kernel's own
        // quirk): take what is there.
        let end = if len >= NLMSG_HDRLEN {
            len.min(buf.len())
        } else {
            buf.len()
        };
        let payload = &buf[NLMSG_HDRLEN..end];
        if (1300..2000).contains(&kind) {
            if let Some(r) = parse(kind, payload) {
                out.push(r);
            }
        } else {
            other(kind, seq, payload);
        }
        let step = (end + 3) & !3;
        if step == 0 || step > buf.len() {
            break;
        }
        buf = &buf[step..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(kind: u16, text: &str) -> Record {
        parse(kind, text.as_bytes()).expect("parses")
    }

    #[test]
    fn records_parse_with_quoted_and_hex_strings() {
        let r = rec(
            AUDIT_LANDLOCK_ACCESS,
            r#"audit(1796222557.461:28): domain=1709d7e9f blockers=fs.read_file path="/etc/hostname" dev="vda" ino=611"#,
        );
        assert_eq!(r.serial, 28);
        assert_eq!(r.hex("domain"), Some(0x1709d7e9f));
        assert_eq!(r.get("path"), Some(&b"/etc/hostname"[..]));
        assert_eq!(r.text("ino"), Some("611"));
        // A path with a blank is hex-encoded, without quotes.
        let r = rec(
            AUDIT_LANDLOCK_ACCESS,
            "audit(1.2:3): domain=1 blockers=fs.make_reg path=2F746D702F6120620A dev=\"vda\" ino=1",
        );
        assert_eq!(r.get("path"), Some(&b"/tmp/a b\n"[..]));
        // Numbers that look like hex stay as they are.
        let r = rec(
            AUDIT_SYSCALL,
            "audit(1.2:3): arch=c000003e syscall=257 a0=ffffff9c a1=7ff pid=12 comm=\"cat\"",
        );
        assert_eq!(r.num("syscall"), Some(257));
        assert_eq!(r.hex("a0"), Some(0xffffff9c));
        assert_eq!(rec(AUDIT_EOE, "audit(1.2:3): ").fields, vec![]);
        assert!(parse(1423, b"garbage").is_none());
    }

    fn reader(child: i32) -> Reader {
        let mut r = Reader::new(
            socket().expect("a netlink audit socket can be made (unbound)"),
            b"/sp".to_vec(),
        );
        r.set_child(child);
        r
    }

    #[test]
    fn records_of_concurrent_events_may_interleave() {
        let mut r = reader(7);
        r.record(rec(
            1423,
            "audit(1.0:10): domain=bb blockers=fs.read_file path=\"/a\"",
        ));
        r.record(rec(
            1423,
            "audit(1.0:11): domain=cc blockers=fs.read_file path=\"/b\"",
        ));
        r.record(rec(
            1424,
            "audit(1.0:10): domain=bb status=allocated mode=enforcing pid=7 uid=0 exe=\"/sp\"",
        ));
        r.record(rec(
            1300,
            "audit(1.0:11): arch=c000003e syscall=2 pid=99 comm=\"x\"",
        ));
        r.record(rec(
            1300,
            "audit(1.0:10): arch=c000003e syscall=257 pid=8 comm=\"cat\"",
        ));
        r.record(rec(1320, "audit(1.0:11): "));
        r.record(rec(1320, "audit(1.0:10): "));
        let got = std::mem::take(&mut r.refusals);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!((got[0].pid, got[0].path.as_deref()), (8, Some(&b"/a"[..])));
    }

    #[test]
    fn only_the_sandboxs_domain_is_reported() {
        let mut r = reader(4242);
        // Another sandbox's denial, before ours is known.
        r.record(rec(
            1423,
            "audit(1.0:9): domain=aa blockers=fs.read_file path=\"/x\"",
        ));
        r.record(rec(
            1424,
            "audit(1.0:9): domain=aa status=allocated mode=enforcing pid=99 uid=0 exe=\"/e\" comm=\"other\"",
        ));
        r.record(rec(1320, "audit(1.0:9): "));
        // The program's own domain: made by the same pid, but not by seccomp-pledge.
        r.record(rec(
            1423,
            "audit(1.0:8): domain=ee blockers=fs.read_file path=\"/z\"",
        ));
        r.record(rec(
            1424,
            "audit(1.0:8): domain=ee status=allocated mode=enforcing pid=4242 uid=0 exe=\"/probe\" comm=\"probe\"",
        ));
        r.record(rec(1320, "audit(1.0:8): "));
        // Ours: ACCESS, DOMAIN, SYSCALL, EOE.
        r.record(rec(
            1423,
            "audit(1.0:10): domain=bb blockers=fs.read_file path=\"/etc/hostname\" dev=\"vda\" ino=611",
        ));
        r.record(rec(
            1424,
            "audit(1.0:10): domain=bb status=allocated mode=enforcing pid=4242 uid=0 exe=\"/sp\" comm=\"seccomp-pledge\"",
        ));
        r.record(rec(
            1300,
            "audit(1.0:10): arch=c000003e syscall=257 success=no exit=-13 a0=ffffff9c a1=7f a2=0 a3=0 items=0 ppid=1 pid=4243 comm=\"cat\"",
        ));
        r.record(rec(1320, "audit(1.0:10): "));
        // A later one without a syscall record (no audit context): the creator is named.
        r.record(rec(
            1423,
            "audit(1.0:11): domain=bb blockers=fs.execute path=\"/bin/ls\"",
        ));
        // The other domain again.
        r.record(rec(
            1423,
            "audit(1.0:12): domain=aa blockers=fs.read_file path=\"/y\"",
        ));
        r.end_all();
        let got = std::mem::take(&mut r.refusals);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].pid, 4243);
        assert_eq!(got[0].comm, b"cat");
        assert_eq!(got[0].syscall, Some((257, [0xffffff9c, 0x7f, 0, 0])));
        assert_eq!(got[0].blockers, vec!["fs.read_file"]);
        assert_eq!(got[0].path.as_deref(), Some(&b"/etc/hostname"[..]));
        assert_eq!(got[1].pid, 4242);
        assert_eq!(got[1].comm, b"");
        assert_eq!(got[1].syscall, None);
    }
}
