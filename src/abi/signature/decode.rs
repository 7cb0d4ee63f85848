//! The argument decoders: each argument rendered by its kind ([`Cx::render`]) or, where
//! strace shows more than the kind says, by the call ([`Cx::special`]): structures read
//! through the caller's [`ReadMem`] (sockaddr, iovec, msghdr, sigaction, open_how, Landlock
//! attributes …), flag words and enumerations from [`crate::abi::consts`] and the local
//! [`super::tables`], and the arguments strace omits. Also the small rendering helpers they
//! share (`hex`, `ptr`, `flags_of` …) and the text of an error return.
//!
//! Every decoder checks bounds and caps what it reads: memory is untrusted (see the parent
//! module).

use std::net::{Ipv4Addr, Ipv6Addr};

use super::tables::*;
use super::{Arg, ReadMem, Style, escape};
use crate::abi::consts::{self, Family};

/// Longest file name shown (Linux `PATH_MAX`).
const PATH_MAX: usize = 4096;
/// Upper bound of any single read through the callback.
const MAX_READ: usize = 1 << 20;
/// Most entries of a `char *[]` shown.
const MAX_ARRAY: usize = 32;
/// Most entries of an array of structures (iovec, pollfd, gid) shown.
const MAX_STRUCTS: usize = 16;
/// Most environment pointers counted for the `/* N vars */` comment.
const MAX_ENV_COUNT: usize = 4096;

// ---------------------------------------------------------------------------------------------
// Small helpers.

/// Hex like C's `%#x`: `0` for zero, else `0x…`.
pub(super) fn hex(v: u64) -> String {
    if v == 0 {
        "0".to_string()
    } else {
        format!("{v:#x}")
    }
}

/// A pointer: `NULL` or `0x…`.
fn ptr(v: u64) -> String {
    if v == 0 {
        "NULL".to_string()
    } else {
        format!("{v:#x}")
    }
}

/// The low 32 bits as a C `int`.
fn int(v: u64) -> String {
    (v as u32 as i32).to_string()
}

/// A directory fd: `AT_FDCWD` for -100.
fn dirfd(v: u64) -> String {
    if v as u32 as i32 == -100 {
        "AT_FDCWD".to_string()
    } else {
        int(v)
    }
}

/// A file mode in octal; 0 as `000` like strace.
fn mode(v: u64) -> String {
    let m = v & 0xffff_ffff;
    if m == 0 {
        "000".to_string()
    } else {
        consts::format_flags(Family::Mode, m)
    }
}

/// A signal's name without the `SIG` prefix (`RTMIN`, `RT_3` for real-time signals), if any.
fn short_signal(sig: i32) -> Option<String> {
    match sig {
        32 => Some("RTMIN".to_string()),
        33..=64 => Some(format!("RT_{}", sig - 32)),
        _ => consts::signal_name(sig).map(|n| n.trim_start_matches("SIG").to_string()),
    }
}

/// A signal number: `SIGTERM`, `SIGRTMIN`, `SIGRT_3`, or decimal.
fn signal(v: u64) -> String {
    let sig = v as u32 as i32;
    match sig {
        0 => "0".to_string(),
        _ => short_signal(sig).map_or_else(|| sig.to_string(), |s| format!("SIG{s}")),
    }
}

/// A 64-bit signal set: `[HUP INT]`, or `~[KILL]` when more than half the bits are set.
fn sigset(mask: u64) -> String {
    let (inverted, bits) = if mask.count_ones() > 32 {
        (true, !mask)
    } else {
        (false, mask)
    };
    let names: Vec<String> = (0..64)
        .filter(|bit| bits & (1u64 << bit) != 0)
        .map(|bit| {
            let sig = bit + 1;
            short_signal(sig).unwrap_or_else(|| sig.to_string())
        })
        .collect();
    format!("{}[{}]", if inverted { "~" } else { "" }, names.join(" "))
}

/// The value of a constant in `consts`, 0 if it is missing (tests check that it is not).
fn cv(name: &str) -> u64 {
    consts::lookup(name).map_or(0, |c| c.value)
}

/// `(name, value)` pairs of constants named in `consts`.
fn named(names: &'static [&'static str]) -> impl Iterator<Item = (&'static str, u64)> {
    names
        .iter()
        .filter_map(|&n| consts::lookup(n).map(|c| (n, c.value)))
}

/// `(name, value)` pairs of a local table.
fn local(table: Table) -> impl Iterator<Item = (&'static str, u64)> {
    table.iter().copied()
}

/// Renders a flag word from `(name, bits)` entries, taken greedily in order (so multi-bit
/// names must come first); leftover bits in hex; `zero` if nothing is set.
fn flags_of(entries: impl IntoIterator<Item = (&'static str, u64)>, v: u64, zero: &str) -> String {
    let mut rest = v;
    let mut parts: Vec<String> = Vec::new();
    for (name, bits) in entries {
        if bits != 0 && rest & bits == bits {
            parts.push(name.to_string());
            rest &= !bits;
        }
    }
    if rest != 0 {
        parts.push(hex(rest));
    }
    if parts.is_empty() {
        zero.to_string()
    } else {
        parts.join("|")
    }
}

/// The name of `v` among `(name, value)` entries.
fn value_of(
    entries: impl IntoIterator<Item = (&'static str, u64)>,
    v: u64,
) -> Option<&'static str> {
    entries.into_iter().find(|&(_, x)| x == v).map(|(n, _)| n)
}

/// The name of `v` among entries, else decimal of the low 32 bits.
fn enum_int(entries: impl IntoIterator<Item = (&'static str, u64)>, v: u64) -> String {
    value_of(entries, v & 0xffff_ffff).map_or_else(|| int(v), str::to_string)
}

/// The name of `v` among entries, else hex.
fn enum_hex(entries: impl IntoIterator<Item = (&'static str, u64)>, v: u64) -> String {
    value_of(entries, v).map_or_else(|| hex(v), str::to_string)
}

fn le_u16(b: &[u8], off: usize) -> Option<u16> {
    b.get(off..off.checked_add(2)?)?
        .try_into()
        .ok()
        .map(u16::from_le_bytes)
}

fn be_u16(b: &[u8], off: usize) -> Option<u16> {
    b.get(off..off.checked_add(2)?)?
        .try_into()
        .ok()
        .map(u16::from_be_bytes)
}

fn le_u32(b: &[u8], off: usize) -> Option<u32> {
    b.get(off..off.checked_add(4)?)?
        .try_into()
        .ok()
        .map(u32::from_le_bytes)
}

fn be_u32(b: &[u8], off: usize) -> Option<u32> {
    b.get(off..off.checked_add(4)?)?
        .try_into()
        .ok()
        .map(u32::from_be_bytes)
}

fn le_u64(b: &[u8], off: usize) -> Option<u64> {
    b.get(off..off.checked_add(8)?)?
        .try_into()
        .ok()
        .map(u64::from_le_bytes)
}

/// The text of an error return (errno 1..=4095).
pub(super) fn errno_text(errno: i32) -> String {
    let restart = match errno {
        512 => Some(("ERESTARTSYS", "To be restarted if SA_RESTART is set")),
        513 => Some(("ERESTARTNOINTR", "To be restarted")),
        514 => Some(("ERESTARTNOHAND", "To be restarted if no handler")),
        516 => Some(("ERESTART_RESTARTBLOCK", "Interrupted by signal")),
        _ => None,
    };
    if let Some((name, text)) = restart {
        return format!("? {name} ({text})");
    }
    if errno == 515 {
        return "-1 ENOIOCTLCMD (No ioctl command)".to_string();
    }
    let text = std::io::Error::from_raw_os_error(errno).to_string();
    let suffix = format!(" (os error {errno})");
    let text = text.strip_suffix(&suffix).unwrap_or(&text);
    match consts::errno_name(errno) {
        Some(name) => format!("-1 {name} ({text})"),
        None => format!("-1 errno {errno} ({text})"),
    }
}

// ---------------------------------------------------------------------------------------------
// Decoding context.

/// What a special-case decoder decided for one argument.
pub(super) enum Shown {
    /// Show this text.
    Text(String),
    /// Do not show the argument (strace omits it too).
    Omit,
}

/// Shorthand for a decoded argument.
fn text(s: String) -> Option<Shown> {
    Some(Shown::Text(s))
}

/// One call being decoded.
pub(super) struct Cx<'a> {
    pub(super) args: [u64; 6],
    pub(super) read: ReadMem<'a>,
    pub(super) style: Style,
}

impl Cx<'_> {
    /// Argument `i`, 0 past the sixth.
    fn arg(&self, i: usize) -> u64 {
        self.args.get(i).copied().unwrap_or(0)
    }

    /// The string limit in force.
    fn max(&self) -> usize {
        self.style.max_string.min(MAX_READ)
    }

    /// Up to `len` bytes at `addr`, or `None` when reading is off, `addr` is NULL, or the
    /// callback finds nothing.
    fn mem(&self, addr: u64, len: usize) -> Option<Vec<u8>> {
        if !self.style.read_memory || addr == 0 || len == 0 {
            return None;
        }
        let mut bytes = (self.read)(addr, len.min(MAX_READ))?;
        bytes.truncate(len);
        Some(bytes)
    }

    /// Exactly `len` bytes at `addr`, or `None`.
    fn exact(&self, addr: u64, len: usize) -> Option<Vec<u8>> {
        self.mem(addr, len).filter(|b| b.len() == len)
    }

    /// Renders argument `i` by its kind alone.
    pub(super) fn render(&self, kind: Arg, i: usize) -> String {
        let v = self.arg(i);
        match kind {
            Arg::Int | Arg::Fd | Arg::Pid => int(v),
            Arg::Long => (v as i64).to_string(),
            Arg::Uint | Arg::Size => v.to_string(),
            Arg::Hex => hex(v),
            Arg::Ptr => ptr(v),
            Arg::DirFd => dirfd(v),
            Arg::Path => self.string(v, PATH_MAX),
            Arg::Str => self.string(v, self.max()),
            Arg::Buf(n) => self.buf(v, self.arg(usize::from(n))),
            Arg::Mode => mode(v),
            Arg::Flags(family) => consts::format_flags(family, v),
            Arg::Value(family) => consts::format_value(family, v),
            Arg::Signal => signal(v),
            Arg::Ioctl => consts::format_value(Family::Ioctl, v & 0xffff_ffff),
            Arg::SockAddr(n) => self.sockaddr(v, self.arg(usize::from(n))),
            Arg::StrArray => self.str_array(v),
            Arg::Ignore => String::new(),
        }
    }

    /// A NUL-terminated string of at most `limit` bytes.
    fn string(&self, addr: u64, limit: usize) -> String {
        if addr == 0 {
            return "NULL".to_string();
        }
        let limit = limit.min(MAX_READ);
        let Some(bytes) = self.mem(addr, limit + 1).filter(|b| !b.is_empty()) else {
            return ptr(addr);
        };
        match bytes.iter().position(|&b| b == 0) {
            Some(end) => escape(&bytes[..end], usize::MAX),
            // Too long, or the readable part ends before the NUL: either way it is cut.
            None => format!(
                "{}...",
                escape(&bytes[..bytes.len().min(limit)], usize::MAX)
            ),
        }
    }

    /// A buffer of `len` bytes: its first `max_string` bytes, escaped.
    fn buf(&self, addr: u64, len: u64) -> String {
        if addr == 0 {
            return "NULL".to_string();
        }
        if !self.style.read_memory {
            return ptr(addr);
        }
        if len == 0 {
            return "\"\"".to_string();
        }
        let want = usize::try_from(len).unwrap_or(usize::MAX).min(self.max());
        if want == 0 {
            return "\"\"...".to_string();
        }
        let Some(bytes) = self.mem(addr, want).filter(|b| !b.is_empty()) else {
            return ptr(addr);
        };
        let mut out = escape(&bytes, usize::MAX);
        if (bytes.len() as u64) < len {
            out.push_str("...");
        }
        out
    }

    /// A NULL-terminated `char *[]`.
    fn str_array(&self, addr: u64) -> String {
        if addr == 0 {
            return "NULL".to_string();
        }
        let Some(bytes) = self.mem(addr, 8 * (MAX_ARRAY + 1)).filter(|b| b.len() >= 8) else {
            return ptr(addr);
        };
        let mut items = Vec::new();
        let mut complete = false;
        for chunk in bytes.chunks_exact(8) {
            let p = le_u64(chunk, 0).unwrap_or(0);
            if p == 0 {
                complete = true;
                break;
            }
            if items.len() == MAX_ARRAY {
                break;
            }
            items.push(self.string(p, self.max()));
        }
        if !complete {
            items.push("...".to_string());
        }
        format!("[{}]", items.join(", "))
    }

    /// An environment pointer with strace's `/* N vars */` count when it can be counted.
    fn envp(&self, addr: u64) -> String {
        if addr == 0 {
            return "NULL".to_string();
        }
        let count = self
            .mem(addr, 8 * MAX_ENV_COUNT)
            .and_then(|bytes| bytes.chunks_exact(8).position(|c| le_u64(c, 0) == Some(0)));
        match count {
            Some(n) => format!("{addr:#x} /* {n} vars */"),
            None => ptr(addr),
        }
    }

    /// A `struct sockaddr` of `len` bytes.
    fn sockaddr(&self, addr: u64, len: u64) -> String {
        if addr == 0 {
            return "NULL".to_string();
        }
        let len = usize::try_from(len & 0xffff_ffff).unwrap_or(0).min(128);
        let Some(b) = self.mem(addr, len).filter(|b| b.len() >= 2) else {
            return ptr(addr);
        };
        format!("{{{}}}", self.sockaddr_body(&b))
    }

    /// The inside of a decoded sockaddr: `sa_family=AF_INET, sin_port=…`.
    fn sockaddr_body(&self, b: &[u8]) -> String {
        let family = le_u16(b, 0).unwrap_or(0);
        let head = format!(
            "sa_family={}",
            consts::format_value(Family::Address, u64::from(family))
        );
        let rest = b.get(2..).unwrap_or(&[]);
        let body = match family {
            1 => {
                if rest.is_empty() {
                    None
                } else if rest[0] == 0 {
                    Some(format!("sun_path=@{}", escape(&rest[1..], PATH_MAX)))
                } else {
                    let end = rest.iter().position(|&c| c == 0).unwrap_or(rest.len());
                    Some(format!("sun_path={}", escape(&rest[..end], PATH_MAX)))
                }
            }
            2 if b.len() >= 8 => {
                let port = be_u16(b, 2).unwrap_or(0);
                let ip = Ipv4Addr::from(be_u32(b, 4).unwrap_or(0));
                Some(format!(
                    "sin_port=htons({port}), sin_addr=inet_addr(\"{ip}\")"
                ))
            }
            10 if b.len() >= 24 => {
                let port = be_u16(b, 2).unwrap_or(0);
                let flow = be_u32(b, 4).unwrap_or(0);
                let ip: [u8; 16] = b
                    .get(8..24)
                    .and_then(|s| s.try_into().ok())
                    .unwrap_or([0; 16]);
                let ip = Ipv6Addr::from(ip);
                let mut s = format!(
                    "sin6_port=htons({port}), sin6_flowinfo=htonl({flow}), \
                     inet_pton(AF_INET6, \"{ip}\", &sin6_addr)"
                );
                if let Some(scope) = le_u32(b, 24) {
                    s.push_str(&format!(", sin6_scope_id={scope}"));
                }
                Some(s)
            }
            16 if b.len() >= 12 => {
                let pid = le_u32(b, 4).unwrap_or(0);
                let groups = le_u32(b, 8).unwrap_or(0);
                Some(format!("nl_pid={pid}, nl_groups={groups:08x}"))
            }
            _ => Some(format!("sa_data={}", escape(rest, self.max()))),
        };
        match body {
            Some(body) => format!("{head}, {body}"),
            None => head,
        }
    }

    /// An iovec array of `count` entries; their data is shown only when `data` is set.
    fn iovec(&self, addr: u64, count: u64, data: bool) -> String {
        if addr == 0 {
            return "NULL".to_string();
        }
        let count = u64::try_from(count as u32 as i32).unwrap_or(0);
        let n = usize::try_from(count).unwrap_or(0).min(MAX_STRUCTS);
        if n == 0 {
            return if count == 0 {
                "[]".to_string()
            } else {
                ptr(addr)
            };
        }
        let Some(bytes) = self.exact(addr, n * 16) else {
            return ptr(addr);
        };
        let mut items: Vec<String> = bytes
            .chunks_exact(16)
            .map(|c| {
                let base = le_u64(c, 0).unwrap_or(0);
                let len = le_u64(c, 8).unwrap_or(0);
                let shown = if data { self.buf(base, len) } else { ptr(base) };
                format!("{{iov_base={shown}, iov_len={len}}}")
            })
            .collect();
        if count > n as u64 {
            items.push("...".to_string());
        }
        format!("[{}]", items.join(", "))
    }

    /// A `struct msghdr` of sendmsg.
    fn msghdr(&self, addr: u64) -> String {
        let Some(b) = self.exact(addr, 56) else {
            return ptr(addr);
        };
        let name = le_u64(&b, 0).unwrap_or(0);
        let namelen = le_u32(&b, 8).unwrap_or(0);
        let iov = le_u64(&b, 16).unwrap_or(0);
        let iovlen = le_u64(&b, 24).unwrap_or(0);
        let controllen = le_u64(&b, 40).unwrap_or(0);
        let flags = le_u32(&b, 48).unwrap_or(0);
        format!(
            "{{msg_name={}, msg_namelen={namelen}, msg_iov={}, msg_iovlen={iovlen}, \
             msg_controllen={controllen}, msg_flags={}}}",
            self.sockaddr(name, u64::from(namelen)),
            self.iovec(iov, iovlen.min(u64::from(u32::MAX >> 1)), true),
            consts::format_flags(Family::MsgFlag, u64::from(flags)),
        )
    }

    /// A `struct pollfd` array.
    fn pollfds(&self, addr: u64, count: u64) -> String {
        if addr == 0 {
            return "NULL".to_string();
        }
        let count = count & 0xffff_ffff;
        let n = usize::try_from(count).unwrap_or(0).min(MAX_STRUCTS);
        if n == 0 {
            return if count == 0 {
                "[]".to_string()
            } else {
                ptr(addr)
            };
        }
        let Some(bytes) = self.exact(addr, n * 8) else {
            return ptr(addr);
        };
        let mut items: Vec<String> = bytes
            .chunks_exact(8)
            .map(|c| {
                let fd = le_u32(c, 0).unwrap_or(0) as i32;
                let events = le_u16(c, 4).unwrap_or(0);
                format!(
                    "{{fd={fd}, events={}}}",
                    flags_of(local(POLL_EVENTS), u64::from(events), "0")
                )
            })
            .collect();
        if count > n as u64 {
            items.push("...".to_string());
        }
        format!("[{}]", items.join(", "))
    }

    /// A `gid_t` array of `count` entries.
    fn gids(&self, addr: u64, count: u64) -> String {
        if addr == 0 {
            return "NULL".to_string();
        }
        let count = u64::try_from(count as u32 as i32).unwrap_or(0);
        let n = usize::try_from(count).unwrap_or(0).min(MAX_ARRAY);
        if n == 0 {
            return if count == 0 {
                "[]".to_string()
            } else {
                ptr(addr)
            };
        }
        let Some(bytes) = self.exact(addr, n * 4) else {
            return ptr(addr);
        };
        let mut items: Vec<String> = bytes
            .chunks_exact(4)
            .map(|c| le_u32(c, 0).unwrap_or(0).to_string())
            .collect();
        if count > n as u64 {
            items.push("...".to_string());
        }
        format!("[{}]", items.join(", "))
    }

    /// A 64-bit `sigset_t` when the size argument says 8 bytes.
    fn sigset_at(&self, addr: u64, size: u64) -> String {
        if addr == 0 {
            return "NULL".to_string();
        }
        if size != 8 {
            return ptr(addr);
        }
        match self.exact(addr, 8).and_then(|b| le_u64(&b, 0)) {
            Some(mask) => sigset(mask),
            None => ptr(addr),
        }
    }

    /// A `struct timespec`.
    fn timespec(&self, addr: u64) -> String {
        if addr == 0 {
            return "NULL".to_string();
        }
        match self.exact(addr, 16) {
            Some(b) => format!(
                "{{tv_sec={}, tv_nsec={}}}",
                le_u64(&b, 0).unwrap_or(0) as i64,
                le_u64(&b, 8).unwrap_or(0) as i64
            ),
            None => ptr(addr),
        }
    }

    /// A `struct rlimit`.
    fn rlimit(&self, addr: u64) -> String {
        if addr == 0 {
            return "NULL".to_string();
        }
        let lim = |v: u64| {
            if v == cv("RLIM_INFINITY") {
                "RLIM_INFINITY".to_string()
            } else {
                v.to_string()
            }
        };
        match self.exact(addr, 16) {
            Some(b) => format!(
                "{{rlim_cur={}, rlim_max={}}}",
                lim(le_u64(&b, 0).unwrap_or(0)),
                lim(le_u64(&b, 8).unwrap_or(0))
            ),
            None => ptr(addr),
        }
    }

    /// The kernel's `struct sigaction` (handler, flags, restorer, mask).
    fn sigaction(&self, addr: u64, size: u64) -> String {
        if addr == 0 {
            return "NULL".to_string();
        }
        let Some(b) = self.exact(addr, 32) else {
            return ptr(addr);
        };
        let handler = match le_u64(&b, 0).unwrap_or(0) {
            0 => "SIG_DFL".to_string(),
            1 => "SIG_IGN".to_string(),
            h => format!("{h:#x}"),
        };
        let flags = le_u64(&b, 8).unwrap_or(0);
        let restorer = le_u64(&b, 16).unwrap_or(0);
        let mask = if size == 8 {
            sigset(le_u64(&b, 24).unwrap_or(0))
        } else {
            "...".to_string()
        };
        let mut s = format!(
            "{{sa_handler={handler}, sa_mask={mask}, sa_flags={}",
            flags_of(local(SA_FLAGS), flags, "0")
        );
        if flags & 0x400_0000 != 0 {
            s.push_str(&format!(", sa_restorer={}", ptr(restorer)));
        }
        s.push('}');
        s
    }

    /// The `struct flock` of fcntl's lock commands.
    fn flock(&self, addr: u64) -> String {
        if addr == 0 {
            return "NULL".to_string();
        }
        let Some(b) = self.exact(addr, 32) else {
            return ptr(addr);
        };
        let kind = u64::from(le_u16(&b, 0).unwrap_or(0));
        let whence = u64::from(le_u16(&b, 2).unwrap_or(0));
        format!(
            "{{l_type={}, l_whence={}, l_start={}, l_len={}}}",
            enum_int(named(LOCK_TYPES), kind),
            consts::format_value(Family::Seek, whence),
            le_u64(&b, 8).unwrap_or(0) as i64,
            le_u64(&b, 16).unwrap_or(0) as i64
        )
    }

    /// clone3's `struct clone_args` (the version-0 part: 64 bytes).
    fn clone_args(&self, addr: u64, size: u64) -> String {
        if addr == 0 {
            return "NULL".to_string();
        }
        if size < 64 {
            return ptr(addr);
        }
        let Some(b) = self.exact(addr, 64) else {
            return ptr(addr);
        };
        let flags = le_u64(&b, 0).unwrap_or(0);
        let exit_signal = le_u64(&b, 32).unwrap_or(0);
        let stack = le_u64(&b, 40).unwrap_or(0);
        let stack_size = le_u64(&b, 48).unwrap_or(0);
        format!(
            "{{flags={}, exit_signal={}, stack={}, stack_size={}}}",
            ns_flags(flags),
            signal(exit_signal),
            ptr(stack),
            hex(stack_size)
        )
    }

    /// openat2's `struct open_how`.
    fn open_how(&self, addr: u64, size: u64) -> String {
        if addr == 0 {
            return "NULL".to_string();
        }
        if size < 24 {
            return ptr(addr);
        }
        let Some(b) = self.exact(addr, 24) else {
            return ptr(addr);
        };
        let flags = le_u64(&b, 0).unwrap_or(0);
        let mode_bits = le_u64(&b, 8).unwrap_or(0);
        let resolve = le_u64(&b, 16).unwrap_or(0);
        let mut s = format!("{{flags={}", consts::format_flags(Family::OpenFlag, flags));
        if mode_bits != 0 || will_create(flags) {
            s.push_str(&format!(", mode={}", mode(mode_bits)));
        }
        s.push_str(&format!(
            ", resolve={}}}",
            flags_of(local(RESOLVE_FLAGS), resolve, "0")
        ));
        s
    }

    /// `struct landlock_ruleset_attr`, as far as `size` covers it.
    fn ruleset_attr(&self, addr: u64, size: u64) -> String {
        if addr == 0 {
            return "NULL".to_string();
        }
        let n = usize::try_from(size.min(24)).unwrap_or(0);
        let Some(b) = self.exact(addr, n).filter(|b| b.len() >= 8) else {
            return ptr(addr);
        };
        let mut fields = vec![format!(
            "handled_access_fs={}",
            flags_of(local(LANDLOCK_ACCESS_FS), le_u64(&b, 0).unwrap_or(0), "0")
        )];
        if let Some(net) = le_u64(&b, 8) {
            fields.push(format!(
                "handled_access_net={}",
                flags_of(local(LANDLOCK_ACCESS_NET), net, "0")
            ));
        }
        if let Some(scoped) = le_u64(&b, 16) {
            fields.push(format!(
                "scoped={}",
                flags_of(local(LANDLOCK_SCOPES), scoped, "0")
            ));
        }
        format!("{{{}}}", fields.join(", "))
    }

    /// The rule attribute of landlock_add_rule, by rule type.
    fn landlock_rule(&self, addr: u64, rule_type: u64) -> String {
        if addr == 0 {
            return "NULL".to_string();
        }
        match rule_type & 0xffff_ffff {
            1 => match self.exact(addr, 12) {
                Some(b) => format!(
                    "{{allowed_access={}, parent_fd={}}}",
                    flags_of(local(LANDLOCK_ACCESS_FS), le_u64(&b, 0).unwrap_or(0), "0"),
                    le_u32(&b, 8).unwrap_or(0) as i32
                ),
                None => ptr(addr),
            },
            2 => match self.exact(addr, 16) {
                Some(b) => format!(
                    "{{allowed_access={}, port={}}}",
                    flags_of(local(LANDLOCK_ACCESS_NET), le_u64(&b, 0).unwrap_or(0), "0"),
                    le_u64(&b, 8).unwrap_or(0)
                ),
                None => ptr(addr),
            },
            _ => ptr(addr),
        }
    }

    /// seccomp's `struct sock_fprog`.
    fn sock_fprog(&self, addr: u64) -> String {
        if addr == 0 {
            return "NULL".to_string();
        }
        match self.exact(addr, 16) {
            Some(b) => format!(
                "{{len={}, filter={}}}",
                le_u16(&b, 0).unwrap_or(0),
                ptr(le_u64(&b, 8).unwrap_or(0))
            ),
            None => ptr(addr),
        }
    }

    /// An `int` option value of setsockopt: `[1]` when it is 4 bytes long.
    fn sockopt_value(&self, addr: u64, len: u64) -> String {
        if addr == 0 {
            return "NULL".to_string();
        }
        if len & 0xffff_ffff != 4 {
            return ptr(addr);
        }
        match self.exact(addr, 4).and_then(|b| le_u32(&b, 0)) {
            Some(v) => format!("[{}]", v as i32),
            None => ptr(addr),
        }
    }

    /// Arguments decoded from other arguments or from memory, beyond what [`Arg`] can say.
    pub(super) fn special(&self, name: &str, i: usize) -> Option<Shown> {
        let a = |k: usize| self.arg(k);
        let v = a(i);
        match (name, i) {
            // Files.
            ("open" | "mq_open", 2) | ("openat", 3) | ("mq_open", 3) => {
                let flags = if name == "openat" { a(2) } else { a(1) };
                if will_create(flags) {
                    None
                } else {
                    Some(Shown::Omit)
                }
            }
            ("openat2", 2) => text(self.open_how(v, a(3))),
            ("faccessat2", 3) => text(flags_of(named(FACCESSAT2_FLAGS), v, "0")),
            ("renameat2", 4) => text(flags_of(local(RENAME_FLAGS), v, "0")),
            ("mknod", 2) | ("mknodat", 3) => text(makedev(a(i - 1), v)),
            ("statx", 3) => text(flags_of(local(STATX_MASK), v & 0xffff_ffff, "0")),
            ("inotify_add_watch", 2) => text(flags_of(local(INOTIFY_MASK), v & 0xffff_ffff, "0")),
            ("inotify_init1", 0) => text(flags_of(named(IN_INIT_FLAGS), v, "0")),
            ("setxattr" | "lsetxattr" | "fsetxattr", 4) => {
                text(flags_of(local(XATTR_FLAGS), v, "0"))
            }
            ("fadvise64", 3) => text(enum_int(local(FADVISE), v)),
            ("fallocate", 1) => text(flags_of(local(FALLOC_FLAGS), v & 0xffff_ffff, "0")),
            ("splice", 5) | ("tee" | "vmsplice", 3) => text(flags_of(local(SPLICE_FLAGS), v, "0")),
            ("preadv2" | "pwritev2", 5) => text(flags_of(local(RWF_FLAGS), v, "0")),
            ("writev", 1) => text(self.iovec(v, a(2), true)),
            ("pwritev" | "pwritev2", 1) => text(self.iovec(v, a(2), true)),
            ("mount", 3) => text(mount_flags(v)),
            ("umount2", 1) => text(flags_of(local(UMOUNT_FLAGS), v, "0")),
            ("close_range", 0) => text((v & 0xffff_ffff).to_string()),
            ("close_range", 1) => text(if v & 0xffff_ffff == 0xffff_ffff {
                "~0U".to_string()
            } else {
                (v & 0xffff_ffff).to_string()
            }),
            ("close_range", 2) => text(flags_of(local(CLOSE_RANGE_FLAGS), v, "0")),
            ("dup3", 2) => text(flags_of(named(CLOEXEC_ONLY), v, "0")),
            ("pipe2", 1) => text(flags_of(named(PIPE2_FLAGS), v, "0")),
            ("fcntl", 2) => self.fcntl_arg(a(1), v),
            // Memory.
            ("mremap", 3) => text(flags_of(local(MREMAP_FLAGS), v, "0")),
            ("msync", 2) => text(flags_of(local(MSYNC_FLAGS), v, "0")),
            ("mlock2", 2) => text(flags_of(local(MLOCK2_FLAGS), v, "0")),
            ("mlockall", 0) => text(flags_of(local(MLOCKALL_FLAGS), v, "0")),
            ("memfd_create", 1) => text(flags_of(named(MFD_FLAGS), v, "0")),
            ("memfd_secret", 0) => text(flags_of(named(CLOEXEC_ONLY), v, "0")),
            // Network.
            ("socket" | "socketpair", 2) => text(protocol(a(0), v)),
            ("setsockopt" | "getsockopt", 2) => text(
                consts::sockopt_name(a(1) & 0xffff_ffff, v & 0xffff_ffff)
                    .map_or_else(|| int(v), str::to_string),
            ),
            ("setsockopt", 3) => text(self.sockopt_value(v, a(4))),
            ("sendmsg", 1) => text(self.msghdr(v)),
            // Processes.
            ("clone3", 0) => text(self.clone_args(v, a(1))),
            ("execve", 2) | ("execveat", 3) => text(self.envp(v)),
            ("wait4", 2) => text(flags_of(named(WAIT4_OPTIONS), v, "0")),
            ("waitid", 0) => text(enum_int(named(IDTYPES), v)),
            ("waitid", 3) => text(flags_of(named(WAITID_OPTIONS), v, "0")),
            ("unshare", 0) | ("setns", 1) => text(ns_flags(v)),
            ("pidfd_open", 1) => text(flags_of(named(PIDFD_FLAGS), v, "0")),
            ("prctl", _) if i > 0 => text(self.prctl_arg(a(0), i, v)),
            ("arch_prctl", 0) => text(enum_hex(named(ARCH_PRCTL_CODES), v)),
            // `long request`: all 64 bits count.
            ("ptrace", 0) => text(
                value_of(named(PTRACE_REQUESTS), v)
                    .map_or_else(|| (v as i64).to_string(), str::to_string),
            ),
            ("personality", 0) => text(personality(v)),
            ("seccomp", 1) => text(if a(0) & 0xffff_ffff == cv("SECCOMP_SET_MODE_FILTER") {
                flags_of(named(SECCOMP_FILTER_FLAGS), v, "0")
            } else {
                hex(v)
            }),
            ("seccomp", 2) if a(0) & 0xffff_ffff == cv("SECCOMP_SET_MODE_FILTER") => {
                text(self.sock_fprog(v))
            }
            ("prlimit64", 2) | ("setrlimit", 1) => text(self.rlimit(v)),
            ("setgroups", 1) => text(self.gids(v, a(0))),
            ("getpriority" | "setpriority", 0) => text(enum_int(local(PRIO_WHICH), v)),
            ("ioprio_set" | "ioprio_get", 0) => text(enum_int(named(IOPRIO_WHO), v)),
            ("ioprio_set", 2) => text(ioprio(v)),
            ("sched_setscheduler", 1)
            | ("sched_get_priority_max" | "sched_get_priority_min", 0) => text(sched_policy(v)),
            ("getrusage", 0) => text(enum_int(local(RUSAGE_WHO), v)),
            ("landlock_create_ruleset", 0) => text(self.ruleset_attr(v, a(1))),
            ("landlock_create_ruleset", 2) => text(flags_of(local(LANDLOCK_CREATE_FLAGS), v, "0")),
            ("landlock_add_rule", 1) => text(enum_int(local(LANDLOCK_RULE_TYPES), v)),
            ("landlock_add_rule", 2) => text(self.landlock_rule(v, a(1))),
            ("landlock_restrict_self", 1) => text(flags_of(local(LANDLOCK_RESTRICT_FLAGS), v, "0")),
            ("bpf", 0) => text(
                BPF_CMDS
                    .get(usize::try_from(v & 0xffff_ffff).unwrap_or(usize::MAX))
                    .map_or_else(|| int(v), |s| (*s).to_string()),
            ),
            ("perf_event_open", 4) => text(flags_of(local(PERF_FLAGS), v, "0")),
            ("userfaultfd", 0) => text(flags_of(
                named(NONBLOCK_CLOEXEC).chain(local(UFFD_FLAGS)),
                v,
                "0",
            )),
            // Signals.
            ("rt_sigprocmask", 0) => text(enum_int(named(SIGPROCMASK_HOW), v)),
            ("rt_sigprocmask", 1) => text(self.sigset_at(v, a(3))),
            ("rt_sigaction", 1) => text(self.sigaction(v, a(3))),
            ("rt_sigsuspend", 0) => text(self.sigset_at(v, a(1))),
            ("rt_sigtimedwait", 0) => text(self.sigset_at(v, a(3))),
            ("signalfd" | "signalfd4", 1) => text(self.sigset_at(v, a(2))),
            ("signalfd4", 3) => text(flags_of(named(SFD_FLAGS), v, "0")),
            ("ppoll", 3) => text(self.sigset_at(v, a(4))),
            ("epoll_pwait" | "epoll_pwait2", 4) => text(self.sigset_at(v, a(5))),
            // Descriptors and waiting.
            ("poll" | "ppoll", 0) => text(self.pollfds(v, a(1))),
            ("ppoll", 2) => text(self.timespec(v)),
            ("epoll_create1", 0) => text(flags_of(named(EPOLL_FLAGS), v, "0")),
            ("epoll_ctl", 1) => text(enum_int(local(EPOLL_CTL_OPS), v)),
            ("eventfd2", 1) => text(flags_of(named(EFD_FLAGS), v, "0")),
            ("timerfd_create", 1) => text(flags_of(named(TFD_FLAGS), v, "0")),
            ("timerfd_settime", 1) => text(flags_of(
                named(TFD_SETTIME).chain(local(TFD_SETTIME_FLAGS)),
                v,
                "0",
            )),
            ("getrandom", 2) => text(flags_of(named(GRND_FLAGS), v, "0")),
            // Time.
            ("nanosleep", 0) | ("clock_nanosleep", 2) => text(self.timespec(v)),
            ("clock_nanosleep", 1) | ("timer_settime", 1) => {
                text(flags_of(local(TIMER_FLAGS), v, "0"))
            }
            ("getitimer" | "setitimer", 0) => text(enum_int(local(ITIMERS), v)),
            ("futex", _) => self.futex_arg(i, v),
            // SysV IPC.
            ("shmget" | "semget", 0) | ("msgget", 0) => text(ipc_key(v)),
            ("shmget", 2) => text(ipc_flags(SHMGET_FLAGS, v)),
            ("semget", 2) | ("msgget", 1) => text(ipc_flags(IPC_GET_FLAGS, v)),
            ("shmat", 2) => text(flags_of(local(SHMAT_FLAGS), v, "0")),
            ("msgsnd", 3) | ("msgrcv", 4) => text(flags_of(local(IPC_NOWAIT), v, "0")),
            ("shmctl", 1) => text(enum_int(local(SHMCTL_CMDS), v)),
            ("semctl", 2) => text(enum_int(local(SEMCTL_CMDS), v)),
            ("msgctl", 1) => text(enum_int(local(MSGCTL_CMDS), v)),
            _ => None,
        }
    }

    /// The third argument of fcntl, by command.
    fn fcntl_arg(&self, cmd: u64, v: u64) -> Option<Shown> {
        let Some(cmd) = consts::name_of(Family::Fcntl, cmd & 0xffff_ffff) else {
            return text(hex(v));
        };
        let shown = match cmd {
            "F_GETFD" | "F_GETFL" | "F_GETOWN" | "F_GETSIG" | "F_GETLEASE" | "F_GETPIPE_SZ"
            | "F_GET_SEALS" => return Some(Shown::Omit),
            "F_DUPFD" | "F_DUPFD_CLOEXEC" | "F_DUPFD_QUERY" | "F_SETPIPE_SZ" | "F_SETOWN" => int(v),
            "F_SETFD" => consts::format_flags(Family::FdFlag, v),
            "F_SETFL" => consts::format_flags(Family::OpenFlag, v),
            "F_GETLK" | "F_SETLK" | "F_SETLKW" | "F_OFD_GETLK" | "F_OFD_SETLK" | "F_OFD_SETLKW" => {
                self.flock(v)
            }
            "F_SETSIG" => signal(v),
            "F_SETLEASE" => enum_int(named(LOCK_TYPES), v),
            "F_NOTIFY" => flags_of(local(DN_FLAGS), v & 0xffff_ffff, "0"),
            "F_ADD_SEALS" => flags_of(named(SEALS), v & 0xffff_ffff, "0"),
            _ => hex(v),
        };
        text(shown)
    }

    /// Arguments 1..=4 of prctl, by option. Values below 64 KiB (Linux's default
    /// `mmap_min_addr`, so never a user pointer) are shown in decimal, others in hex.
    fn prctl_arg(&self, option: u64, i: usize, v: u64) -> String {
        let option = consts::name_of(Family::Prctl, option & 0xffff_ffff).unwrap_or("");
        match (option, i) {
            ("PR_SET_NAME", 1) => self.string(v, self.max()),
            ("PR_SET_PDEATHSIG", 1) => signal(v),
            ("PR_CAPBSET_READ" | "PR_CAPBSET_DROP", 1) => {
                consts::format_value(Family::Capability, v)
            }
            ("PR_CAP_AMBIENT", 1) => enum_int(named(CAP_AMBIENT_OPS), v),
            ("PR_CAP_AMBIENT", 2) if self.arg(1) != cv("PR_CAP_AMBIENT_CLEAR_ALL") => {
                consts::format_value(Family::Capability, v)
            }
            ("PR_SET_SECCOMP", 1) => enum_int(named(SECCOMP_MODES), v),
            ("PR_SET_SECCOMP", 2) => self.sock_fprog(v),
            ("PR_SET_PTRACER", 1) if v == cv("PR_SET_PTRACER_ANY") => {
                "PR_SET_PTRACER_ANY".to_string()
            }
            ("PR_SET_VMA", 1) => enum_int(named(PR_SET_VMA_OPS), v),
            ("PR_SET_VMA", 4) => self.string(v, self.max()),
            _ if v < 0x1_0000 => v.to_string(),
            _ => hex(v),
        }
    }

    /// futex arguments: the operation, and the timeout or `val2` by operation; unused
    /// trailing arguments of `FUTEX_WAIT` and `FUTEX_WAKE` are omitted like strace does.
    fn futex_arg(&self, i: usize, v: u64) -> Option<Shown> {
        let op = self.arg(1) & 0xffff_ffff;
        let cmd = value_of(named(FUTEX_CMDS), op & 127).unwrap_or("");
        match (i, cmd) {
            (1, _) => text(futex_op(op)),
            (3.., "FUTEX_WAKE") | (4.., "FUTEX_WAIT") => Some(Shown::Omit),
            (
                3,
                "FUTEX_WAIT"
                | "FUTEX_WAIT_BITSET"
                | "FUTEX_LOCK_PI"
                | "FUTEX_LOCK_PI2"
                | "FUTEX_WAIT_REQUEUE_PI",
            ) => text(self.timespec(v)),
            (
                3,
                "FUTEX_REQUEUE" | "FUTEX_CMP_REQUEUE" | "FUTEX_WAKE_OP" | "FUTEX_CMP_REQUEUE_PI",
            ) => text((v & 0xffff_ffff).to_string()),
            _ => None,
        }
    }
}

/// Whether open flags create a file (`O_CREAT` or `O_TMPFILE`), so that the mode matters.
fn will_create(flags: u64) -> bool {
    flags & (cv("O_CREAT") | cv("__O_TMPFILE")) != 0
}

/// The protocol argument of socket(2), named by the domain.
fn protocol(domain: u64, v: u64) -> String {
    match domain & 0xffff_ffff {
        2 | 10 => consts::format_value(Family::Protocol, v & 0xffff_ffff),
        16 => consts::format_value(Family::NetlinkProtocol, v & 0xffff_ffff),
        17 => {
            let proto = u64::from((v as u16).swap_bytes());
            format!("htons({})", enum_hex(local(ETH_PROTOCOLS), proto))
        }
        _ => int(v),
    }
}

/// Namespace and clone3 flags: `CLONE_*` without an exit signal in the low byte.
fn ns_flags(v: u64) -> String {
    let mut parts = Vec::new();
    let low = v & 0xff;
    let newtime = value_of(named(CLONE_NEWTIME), 0x80).unwrap_or("0x80");
    if low & 0x80 != 0 {
        parts.push(newtime.to_string());
    }
    let high = v & !0xff;
    if high != 0 {
        parts.push(consts::format_flags(Family::CloneFlag, high));
    }
    if low & 0x7f != 0 {
        parts.push(hex(low & 0x7f));
    }
    if parts.is_empty() {
        "0".to_string()
    } else {
        parts.join("|")
    }
}

/// mount(2) flags, with the historic `MS_MGC_VAL` magic in the top 16 bits.
fn mount_flags(v: u64) -> String {
    let mut v = v & 0xffff_ffff;
    let mut prefix = "";
    if v & 0xffff_0000 == 0xc0ed_0000 {
        prefix = "MS_MGC_VAL|";
        v &= 0xffff;
    }
    format!("{prefix}{}", flags_of(local(MOUNT_FLAGS), v, "0"))
}

/// A device number for character and block nodes: `makedev(0x1, 0x3)`.
fn makedev(mode_bits: u64, dev: u64) -> String {
    let kind = mode_bits & 0o170000;
    if kind != cv("S_IFCHR") && kind != cv("S_IFBLK") {
        return hex(dev);
    }
    let dev = dev & 0xffff_ffff;
    let major = (dev & 0xfff00) >> 8;
    let minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);
    format!("makedev({major:#x}, {minor:#x})")
}

/// personality(2)'s argument.
fn personality(v: u64) -> String {
    let v = v & 0xffff_ffff;
    if v == cv("PER_QUERY") {
        return "PER_QUERY".to_string();
    }
    let base = if v & 0xff == 0 {
        "PER_LINUX".to_string()
    } else {
        hex(v & 0xff)
    };
    let flags = v & !0xff;
    if flags == 0 {
        base
    } else {
        format!("{base}|{}", flags_of(named(PERSONALITY_FLAGS), flags, "0"))
    }
}

/// A scheduling policy, with `SCHED_RESET_ON_FORK`.
fn sched_policy(v: u64) -> String {
    let v = v & 0xffff_ffff;
    let base = enum_int(local(SCHED_POLICIES), v & !SCHED_RESET_ON_FORK);
    if v & SCHED_RESET_ON_FORK != 0 {
        format!("{base}|SCHED_RESET_ON_FORK")
    } else {
        base
    }
}

/// An I/O priority: `IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)`.
fn ioprio(v: u64) -> String {
    let v = v & 0xffff;
    let class = v >> 13;
    format!(
        "IOPRIO_PRIO_VALUE({}, {})",
        value_of(named(IOPRIO_CLASSES), class).map_or_else(|| class.to_string(), str::to_string),
        v & 0x1fff
    )
}

/// A futex operation: `FUTEX_WAIT_PRIVATE`, `FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME`.
fn futex_op(op: u64) -> String {
    let private = cv("FUTEX_PRIVATE_FLAG");
    let realtime = cv("FUTEX_CLOCK_REALTIME");
    let cmd = op & 127;
    let mut out = match value_of(named(FUTEX_CMDS), cmd) {
        Some(name) if op & private != 0 => format!("{name}_PRIVATE"),
        Some(name) => name.to_string(),
        None if op & private != 0 => format!("{cmd}|FUTEX_PRIVATE_FLAG"),
        None => cmd.to_string(),
    };
    if op & realtime != 0 {
        out.push_str("|FUTEX_CLOCK_REALTIME");
    }
    let rest = op & !(127 | private | realtime);
    if rest != 0 {
        out.push_str(&format!("|{rest:#x}"));
    }
    out
}

/// A SysV IPC key: `IPC_PRIVATE` or hex.
fn ipc_key(v: u64) -> String {
    if v & 0xffff_ffff == 0 {
        "IPC_PRIVATE".to_string()
    } else {
        hex(v & 0xffff_ffff)
    }
}

/// SysV IPC get flags plus permission bits: `IPC_CREAT|IPC_EXCL|0600`.
fn ipc_flags(table: Table, v: u64) -> String {
    let v = v & 0xffff_ffff;
    let perms = v & IPC_PERM_MASK;
    let flags = v & !IPC_PERM_MASK;
    let mut parts = Vec::new();
    if flags != 0 {
        parts.push(flags_of(local(table), flags, "0"));
    }
    if perms != 0 || parts.is_empty() {
        parts.push(format!("{perms:#05o}").replacen("0o", "0", 1));
    }
    parts.join("|")
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{AT_FDCWD, Memory, call, call_with, ptrs};
    use super::*;

    #[test]
    fn files() {
        let mut m = Memory::new();
        let hosts = m.put(0x1000, b"/etc/hosts\0");
        let x = m.put(0x2000, b"x\0");
        assert_eq!(
            call(&m, "openat", &[AT_FDCWD, hosts, 0o2000000, 0o777]),
            "openat(AT_FDCWD, \"/etc/hosts\", O_RDONLY|O_CLOEXEC)"
        );
        assert_eq!(
            call(&m, "openat", &[3, x, 0o1101, 0o644]),
            "openat(3, \"x\", O_WRONLY|O_CREAT|O_TRUNC, 0644)"
        );
        assert_eq!(
            call(&m, "openat", &[3, x, 0o20200002, 0o600]),
            "openat(3, \"x\", O_RDWR|O_TMPFILE, 0600)"
        );
        assert_eq!(
            call(&m, "open", &[hosts, 0o100, 0]),
            "open(\"/etc/hosts\", O_RDONLY|O_CREAT, 000)"
        );
        assert_eq!(call(&m, "close", &[3]), "close(3)");
        assert_eq!(
            call(&m, "mq_open", &[x, 2, 0o600, 0x7000]),
            "mq_open(\"x\", O_RDWR)"
        );
        assert_eq!(
            call(&m, "mq_open", &[x, 0o102, 0o600, 0]),
            "mq_open(\"x\", O_RDWR|O_CREAT, 0600, NULL)"
        );
        assert_eq!(
            call(&m, "newfstatat", &[AT_FDCWD, x, 0x7ffd_0000, 0x100]),
            "newfstatat(AT_FDCWD, \"x\", 0x7ffd0000, AT_SYMLINK_NOFOLLOW)"
        );
        assert_eq!(
            call(&m, "unlinkat", &[5, x, 0x200]),
            "unlinkat(5, \"x\", AT_REMOVEDIR)"
        );
        assert_eq!(
            call(&m, "faccessat2", &[AT_FDCWD, x, 4, 0x200]),
            "faccessat2(AT_FDCWD, \"x\", R_OK, AT_EACCESS)"
        );
        assert_eq!(
            call(&m, "renameat2", &[AT_FDCWD, x, AT_FDCWD, hosts, 1]),
            "renameat2(AT_FDCWD, \"x\", AT_FDCWD, \"/etc/hosts\", RENAME_NOREPLACE)"
        );
        assert_eq!(
            call(&m, "mknod", &[x, 0o20666, 0x103]),
            "mknod(\"x\", S_IFCHR|0666, makedev(0x1, 0x3))"
        );
        assert_eq!(call(&m, "access", &[x, 0]), "access(\"x\", F_OK)");
        assert_eq!(call(&m, "umask", &[0o22]), "umask(022)");
        assert_eq!(call(&m, "lseek", &[3, 0, 2]), "lseek(3, 0, SEEK_END)");
        assert_eq!(
            call(&m, "statx", &[AT_FDCWD, x, 0x1000, 0xfff, 0x7000]),
            "statx(AT_FDCWD, \"x\", AT_EMPTY_PATH, STATX_BASIC_STATS|STATX_BTIME, 0x7000)"
        );
        assert_eq!(
            call(&m, "close_range", &[3, 0xffff_ffff, 4]),
            "close_range(3, ~0U, CLOSE_RANGE_CLOEXEC)"
        );
        assert_eq!(
            call(&m, "dup3", &[3, 4, 0o2000000]),
            "dup3(3, 4, O_CLOEXEC)"
        );
        assert_eq!(call(&m, "pipe2", &[0x5000, 0]), "pipe2(0x5000, 0)");
        assert_eq!(call(&m, "flock", &[3, 6]), "flock(3, LOCK_EX|LOCK_NB)");
    }

    #[test]
    fn fcntl_by_command() {
        let mut m = Memory::new();
        let mut lock = vec![1, 0, 0, 0, 0, 0, 0, 0];
        lock.extend_from_slice(&[0; 24]);
        let lock = m.put(0x3000, &lock);
        assert_eq!(call(&m, "fcntl", &[3, 1, 0x99]), "fcntl(3, F_GETFD)");
        assert_eq!(
            call(&m, "fcntl", &[3, 2, 1]),
            "fcntl(3, F_SETFD, FD_CLOEXEC)"
        );
        assert_eq!(
            call(&m, "fcntl", &[3, 4, 0o4002]),
            "fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK)"
        );
        assert_eq!(
            call(&m, "fcntl", &[3, 1030, 10]),
            "fcntl(3, F_DUPFD_CLOEXEC, 10)"
        );
        assert_eq!(
            call(&m, "fcntl", &[3, 7, lock]),
            "fcntl(3, F_SETLKW, {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=0})"
        );
        assert_eq!(
            call(&m, "fcntl", &[3, 6, 0x9000]),
            "fcntl(3, F_SETLK, 0x9000)"
        );
        assert_eq!(call(&m, "fcntl", &[3, 999, 5]), "fcntl(3, 999, 0x5)");
    }

    #[test]
    fn memory() {
        let m = Memory::new();
        assert_eq!(
            call(&m, "mmap", &[0, 4096, 3, 0x22, u64::MAX, 0]),
            "mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)"
        );
        assert_eq!(
            call(&m, "mmap", &[0, 4096, 3, 0x22, 0xffff_ffff, 0]),
            "mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)"
        );
        assert_eq!(
            call(&m, "mmap", &[0x7f00_0000_0000, 8192, 5, 0x812, 3, 0x28000]),
            "mmap(0x7f0000000000, 8192, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE, 3, 0x28000)"
        );
        assert_eq!(
            call(&m, "mprotect", &[0x1000, 4096, 0]),
            "mprotect(0x1000, 4096, PROT_NONE)"
        );
        assert_eq!(
            call(&m, "madvise", &[0x1000, 4096, 4]),
            "madvise(0x1000, 4096, MADV_DONTNEED)"
        );
        assert_eq!(call(&m, "brk", &[0]), "brk(NULL)");
        assert_eq!(
            call(&m, "mremap", &[0x1000, 4096, 8192, 1, 0]),
            "mremap(0x1000, 4096, 8192, MREMAP_MAYMOVE, NULL)"
        );
        assert_eq!(
            call(&m, "memfd_create", &[0, 3]),
            "memfd_create(NULL, MFD_CLOEXEC|MFD_ALLOW_SEALING)"
        );
    }

    #[test]
    fn network() {
        let mut m = Memory::new();
        let mut sin = vec![2, 0, 0, 80, 127, 0, 0, 1];
        sin.extend_from_slice(&[0; 8]);
        let sin = m.put(0x1000, &sin);
        let mut sin6 = vec![10, 0, 0x01, 0xbb, 0, 0, 0, 0];
        sin6.extend_from_slice(&Ipv6Addr::LOCALHOST.octets());
        sin6.extend_from_slice(&[0; 4]);
        let sin6 = m.put(0x2000, &sin6);
        let mut sun = vec![1, 0];
        sun.extend_from_slice(b"/run/x.sock\0");
        let sun = m.put(0x3000, &sun);
        let abs = m.put(0x4000, b"\x01\x00\x00name");
        let mut snl = vec![16, 0, 0, 0];
        snl.extend_from_slice(&[0; 8]);
        let snl = m.put(0x5000, &snl);
        let pkt = m.put(0x6000, &[17, 0, 0, 3, 1, 2]);
        let one = m.put(0x7000, &1i32.to_le_bytes());
        let payload = m.put(0x8000, b"ping");
        assert_eq!(
            call(&m, "socket", &[2, 0o2000001, 0]),
            "socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP)"
        );
        assert_eq!(
            call(&m, "socket", &[10, 2, 17]),
            "socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP)"
        );
        assert_eq!(
            call(&m, "socket", &[1, 0o2000001, 0]),
            "socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0)"
        );
        assert_eq!(
            call(&m, "socket", &[16, 3, 0]),
            "socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)"
        );
        assert_eq!(
            call(&m, "socket", &[16, 3, 9]),
            "socket(AF_NETLINK, SOCK_RAW, NETLINK_AUDIT)"
        );
        assert_eq!(
            call(&m, "socket", &[17, 3, 0x300]),
            "socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL))"
        );
        assert_eq!(
            call(&m, "connect", &[3, sin, 16]),
            "connect(3, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"127.0.0.1\")}, 16)"
        );
        assert_eq!(
            call(&m, "bind", &[3, sin6, 28]),
            "bind(3, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), \
             inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}, 28)"
        );
        assert_eq!(
            call(&m, "connect", &[3, sun, 14]),
            "connect(3, {sa_family=AF_UNIX, sun_path=\"/run/x.sock\"}, 14)"
        );
        assert_eq!(
            call(&m, "connect", &[3, abs, 7]),
            "connect(3, {sa_family=AF_UNIX, sun_path=@\"name\"}, 7)"
        );
        assert_eq!(
            call(&m, "bind", &[3, snl, 12]),
            "bind(3, {sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, 12)"
        );
        assert_eq!(
            call(&m, "bind", &[3, pkt, 6]),
            "bind(3, {sa_family=AF_PACKET, sa_data=\"\\0\\x03\\x01\\x02\"}, 6)"
        );
        assert_eq!(
            call(&m, "connect", &[3, 0xdead_0000, 16]),
            "connect(3, 0xdead0000, 16)"
        );
        assert_eq!(call(&m, "connect", &[3, 0, 0]), "connect(3, NULL, 0)");
        assert_eq!(
            call(&m, "setsockopt", &[3, 1, 2, one, 4]),
            "setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4)"
        );
        assert_eq!(
            call(&m, "setsockopt", &[3, 6, 1, one, 4]),
            "setsockopt(3, SOL_TCP, TCP_NODELAY, [1], 4)"
        );
        assert_eq!(
            call(&m, "getsockopt", &[3, 41, 26, 0x9000, 0x9100]),
            "getsockopt(3, SOL_IPV6, IPV6_V6ONLY, 0x9000, 0x9100)"
        );
        assert_eq!(
            call(&m, "sendto", &[3, payload, 4, 0x4000, sin, 16]),
            "sendto(3, \"ping\", 4, MSG_NOSIGNAL, {sa_family=AF_INET, sin_port=htons(80), \
             sin_addr=inet_addr(\"127.0.0.1\")}, 16)"
        );
        assert_eq!(
            call(&m, "accept4", &[3, 0, 0, 0o4000]),
            "accept4(3, NULL, NULL, SOCK_NONBLOCK)"
        );
        assert_eq!(call(&m, "shutdown", &[3, 2]), "shutdown(3, SHUT_RDWR)");
    }

    #[test]
    fn sendmsg_and_writev() {
        let mut m = Memory::new();
        let data = m.put(0x1000, b"hello");
        let iov = m.put(0x2000, &ptrs(&[data, 5]));
        let mut sin = vec![2, 0, 0, 53, 10, 0, 0, 1];
        sin.extend_from_slice(&[0; 8]);
        let sin = m.put(0x3000, &sin);
        let mut hdr = ptrs(&[sin, 16, iov, 1, 0, 0]);
        hdr.extend_from_slice(&[0; 8]);
        let hdr = m.put(0x4000, &hdr);
        assert_eq!(
            call(&m, "writev", &[1, iov, 1]),
            "writev(1, [{iov_base=\"hello\", iov_len=5}], 1)"
        );
        assert_eq!(
            call(&m, "sendmsg", &[3, hdr, 0]),
            "sendmsg(3, {msg_name={sa_family=AF_INET, sin_port=htons(53), \
             sin_addr=inet_addr(\"10.0.0.1\")}, msg_namelen=16, \
             msg_iov=[{iov_base=\"hello\", iov_len=5}], msg_iovlen=1, msg_controllen=0, \
             msg_flags=0}, 0)"
        );
    }

    #[test]
    fn ioctl_and_write() {
        let mut m = Memory::new();
        let hello = m.put(0x1000, b"hello\n");
        assert_eq!(
            call(&m, "ioctl", &[1, 0x5401, 0x7ffd_1234]),
            "ioctl(1, TCGETS, 0x7ffd1234)"
        );
        assert_eq!(
            call(&m, "ioctl", &[1, 0xffff_ffff_0000_5413, 0x7ffd_1234]),
            "ioctl(1, TIOCGWINSZ, 0x7ffd1234)"
        );
        assert_eq!(call(&m, "ioctl", &[1, 0xdead, 0]), "ioctl(1, 0xdead, 0)");
        assert_eq!(
            call(&m, "write", &[1, hello, 6]),
            "write(1, \"hello\\n\", 6)"
        );
        assert_eq!(call(&m, "write", &[1, hello, 0]), "write(1, \"\", 0)");
        assert_eq!(call(&m, "read", &[0, hello, 6]), "read(0, 0x1000, 6)");
        // Only 6 bytes readable of 100 asked: shown, then marked as cut.
        assert_eq!(
            call(&m, "write", &[1, hello, 100]),
            "write(1, \"hello\\n\"..., 100)"
        );
        assert_eq!(call(&m, "write", &[1, 0x9999, 6]), "write(1, 0x9999, 6)");
        let no_read = Style {
            read_memory: false,
            ..Style::default()
        };
        assert_eq!(
            call_with(&m, "write", &[1, hello, 6], no_read),
            "write(1, 0x1000, 6)"
        );
    }

    #[test]
    fn truncation_at_max_string() {
        let mut m = Memory::new();
        let long = m.put(0x1000, b"abcdefghijklmnopqrstuvwxyz0123456789ABCDEF\0");
        let style = Style {
            max_string: 8,
            read_memory: true,
        };
        assert_eq!(
            call_with(&m, "write", &[1, long, 42], style),
            "write(1, \"abcdefgh\"..., 42)"
        );
        assert_eq!(
            call_with(&m, "memfd_create", &[long, 0], style),
            "memfd_create(\"abcdefgh\"..., 0)"
        );
        // Exactly max_string bytes is not cut.
        let eight = m.put(0x2000, b"12345678\0");
        assert_eq!(
            call_with(&m, "memfd_create", &[eight, 0], style),
            "memfd_create(\"12345678\", 0)"
        );
        // File names are not cut at max_string.
        assert_eq!(
            call_with(&m, "chdir", &[long], style),
            "chdir(\"abcdefghijklmnopqrstuvwxyz0123456789ABCDEF\")"
        );
        // The default limit is 32.
        assert_eq!(
            call(&m, "write", &[1, long, 42]),
            "write(1, \"abcdefghijklmnopqrstuvwxyz012345\"..., 42)"
        );
        // A string whose readable part ends before its NUL is marked as cut.
        let unterminated = m.put(0x3000, b"abc");
        assert_eq!(
            call(&m, "memfd_create", &[unterminated, 0]),
            "memfd_create(\"abc\"..., 0)"
        );
    }

    #[test]
    fn processes() {
        let mut m = Memory::new();
        let path = m.put(0x1000, b"/bin/ls\0");
        let ls = m.put(0x1100, b"ls\0");
        let dash_l = m.put(0x1200, b"-l\0");
        let argv = m.put(0x2000, &ptrs(&[ls, dash_l, 0]));
        let envp = m.put(0x3000, &ptrs(&[ls, ls, ls, 0]));
        assert_eq!(
            call(&m, "execve", &[path, argv, envp]),
            "execve(\"/bin/ls\", [\"ls\", \"-l\"], 0x3000 /* 3 vars */)"
        );
        assert_eq!(
            call(&m, "execve", &[path, argv, 0x7ffd_0000]),
            "execve(\"/bin/ls\", [\"ls\", \"-l\"], 0x7ffd0000)"
        );
        let many: Vec<u64> = std::iter::repeat_n(ls, 40).chain([0]).collect();
        let many = m.put(0x4000, &ptrs(&many));
        let shown = call(&m, "execve", &[path, many, 0]);
        assert_eq!(shown.matches("\"ls\"").count(), 32, "{shown}");
        assert!(shown.ends_with("\"ls\", ...], NULL)"), "{shown}");
        assert_eq!(call(&m, "kill", &[1234, 15]), "kill(1234, SIGTERM)");
        assert_eq!(call(&m, "kill", &[u64::MAX, 0]), "kill(-1, 0)");
        assert_eq!(call(&m, "tgkill", &[10, 11, 9]), "tgkill(10, 11, SIGKILL)");
        assert_eq!(call(&m, "kill", &[1, 34]), "kill(1, SIGRT_2)");
        assert_eq!(
            call(&m, "clone", &[0x1200011, 0, 0, 0x7f00, 0]),
            "clone(CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, NULL, NULL, 0x7f00, 0)"
        );
        assert_eq!(
            call(&m, "clone", &[0x4111, 0x7ffd_0000, 0, 0, 0]),
            "clone(CLONE_VM|CLONE_VFORK|SIGCHLD, 0x7ffd0000, NULL, NULL, 0)"
        );
        let mut cargs = ptrs(&[0x1000_0000, 0, 0, 0, 17, 0, 0, 0]);
        cargs.truncate(64);
        let cargs = m.put(0x5000, &cargs);
        assert_eq!(
            call(&m, "clone3", &[cargs, 88]),
            "clone3({flags=CLONE_NEWUSER, exit_signal=SIGCHLD, stack=NULL, stack_size=0}, 88)"
        );
        assert_eq!(
            call(&m, "wait4", &[u64::MAX, 0x7000, 1 | 0x4000_0000, 0]),
            "wait4(-1, 0x7000, WNOHANG|__WALL, NULL)"
        );
        assert_eq!(
            call(&m, "waitid", &[1, 42, 0x7000, 4, 0]),
            "waitid(P_PID, 42, 0x7000, WEXITED, NULL)"
        );
        assert_eq!(call(&m, "exit_group", &[0]), "exit_group(0)");
        assert_eq!(call(&m, "getpid", &[]), "getpid()");
        assert_eq!(
            call(&m, "unshare", &[0x1000_0000 | 0x2_0000 | 0x80]),
            "unshare(CLONE_NEWTIME|CLONE_NEWNS|CLONE_NEWUSER)"
        );
        assert_eq!(
            call(&m, "setns", &[3, 0x4000_0000]),
            "setns(3, CLONE_NEWNET)"
        );
        assert_eq!(
            call(&m, "setresuid", &[u64::MAX, 1000, 0xffff_ffff]),
            "setresuid(-1, 1000, -1)"
        );
        let groups = m.put(0x6000, &[0xe8, 3, 0, 0, 27, 0, 0, 0]);
        assert_eq!(
            call(&m, "setgroups", &[2, groups]),
            "setgroups(2, [1000, 27])"
        );
        assert_eq!(
            call(&m, "ptrace", &[0x4206, 99, 0, 0x80]),
            "ptrace(PTRACE_SEIZE, 99, NULL, 0x80)"
        );
        // The request is a long: upper bits make it another request, not PTRACE_SEIZE.
        assert_eq!(
            call(&m, "ptrace", &[0x1_0000_4206, 99, 0, 0x80]),
            "ptrace(4294984198, 99, NULL, 0x80)"
        );
        assert_eq!(
            call(&m, "arch_prctl", &[0x1002, 0x7f00]),
            "arch_prctl(ARCH_SET_FS, 0x7f00)"
        );
        assert_eq!(
            call(&m, "personality", &[0xffff_ffff]),
            "personality(PER_QUERY)"
        );
        assert_eq!(
            call(&m, "personality", &[0x4_0000]),
            "personality(PER_LINUX|ADDR_NO_RANDOMIZE)"
        );
    }

    #[test]
    fn prctl_seccomp_landlock() {
        let mut m = Memory::new();
        let name = m.put(0x1000, b"worker\0");
        let prog = m.put(0x2000, &ptrs(&[12, 0x9000]));
        let attr = m.put(0x3000, &ptrs(&[0x7, 0x3, 0]));
        let mut beneath = 0x4u64.to_le_bytes().to_vec();
        beneath.extend_from_slice(&5i32.to_le_bytes());
        let beneath = m.put(0x4000, &beneath);
        let port = m.put(0x5000, &ptrs(&[1, 8080]));
        assert_eq!(
            call(&m, "prctl", &[38, 1, 0, 0, 0]),
            "prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)"
        );
        assert_eq!(
            call(&m, "prctl", &[15, name, 0, 0, 0]),
            "prctl(PR_SET_NAME, \"worker\", 0, 0, 0)"
        );
        assert_eq!(
            call(&m, "prctl", &[1, 9, 0, 0, 0]),
            "prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0)"
        );
        assert_eq!(
            call(&m, "prctl", &[24, 21, 0, 0, 0]),
            "prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN, 0, 0, 0)"
        );
        assert_eq!(
            call(&m, "prctl", &[16, 0x7ffd_0000, 0, 0, 0]),
            "prctl(PR_GET_NAME, 0x7ffd0000, 0, 0, 0)"
        );
        assert_eq!(
            call(&m, "seccomp", &[1, 8, prog]),
            "seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, \
             {len=12, filter=0x9000})"
        );
        assert_eq!(
            call(&m, "seccomp", &[2, 0, 0x7000]),
            "seccomp(SECCOMP_GET_ACTION_AVAIL, 0, 0x7000)"
        );
        assert_eq!(
            call(&m, "landlock_create_ruleset", &[attr, 24, 0]),
            "landlock_create_ruleset({handled_access_fs=LANDLOCK_ACCESS_FS_EXECUTE|\
             LANDLOCK_ACCESS_FS_WRITE_FILE|LANDLOCK_ACCESS_FS_READ_FILE, \
             handled_access_net=LANDLOCK_ACCESS_NET_BIND_TCP|LANDLOCK_ACCESS_NET_CONNECT_TCP, \
             scoped=0}, 24, 0)"
        );
        assert_eq!(
            call(&m, "landlock_create_ruleset", &[0, 0, 1]),
            "landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION)"
        );
        assert_eq!(
            call(&m, "landlock_add_rule", &[3, 1, beneath, 0]),
            "landlock_add_rule(3, LANDLOCK_RULE_PATH_BENEATH, \
             {allowed_access=LANDLOCK_ACCESS_FS_READ_FILE, parent_fd=5}, 0)"
        );
        assert_eq!(
            call(&m, "landlock_add_rule", &[3, 2, port, 0]),
            "landlock_add_rule(3, LANDLOCK_RULE_NET_PORT, \
             {allowed_access=LANDLOCK_ACCESS_NET_BIND_TCP, port=8080}, 0)"
        );
        assert_eq!(
            call(&m, "landlock_restrict_self", &[3, 0]),
            "landlock_restrict_self(3, 0)"
        );
    }

    #[test]
    fn signals_time_and_futex() {
        let mut m = Memory::new();
        let set = m.put(
            0x1000,
            &((1u64 << 16) | (1 << 31) | (1 << 32)).to_le_bytes(),
        );
        let all = m.put(0x1100, &(!(1u64 << 8)).to_le_bytes());
        let ts = m.put(0x2000, &ptrs(&[1, 500_000_000]));
        let mut act = ptrs(&[1, 0x1400_0000, 0x7f00, 1 << 16]);
        act.truncate(32);
        let act = m.put(0x3000, &act);
        let rlim = m.put(0x4000, &ptrs(&[1024, u64::MAX]));
        let fds = m.put(0x5000, &[3, 0, 0, 0, 1, 0, 0, 0, 4, 0, 0, 0, 4, 0, 0, 0]);
        assert_eq!(
            call(&m, "rt_sigprocmask", &[0, set, 0, 8]),
            "rt_sigprocmask(SIG_BLOCK, [CHLD RTMIN RT_1], NULL, 8)"
        );
        assert_eq!(
            call(&m, "rt_sigprocmask", &[2, all, 0x9000, 8]),
            "rt_sigprocmask(SIG_SETMASK, ~[KILL], 0x9000, 8)"
        );
        assert_eq!(
            call(&m, "rt_sigaction", &[2, act, 0, 8]),
            "rt_sigaction(SIGINT, {sa_handler=SIG_IGN, sa_mask=[CHLD], \
             sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=0x7f00}, NULL, 8)"
        );
        assert_eq!(
            call(&m, "nanosleep", &[ts, 0]),
            "nanosleep({tv_sec=1, tv_nsec=500000000}, NULL)"
        );
        assert_eq!(
            call(&m, "clock_nanosleep", &[1, 1, ts, 0]),
            "clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, {tv_sec=1, tv_nsec=500000000}, NULL)"
        );
        assert_eq!(
            call(&m, "clock_gettime", &[0, 0x7000]),
            "clock_gettime(CLOCK_REALTIME, 0x7000)"
        );
        assert_eq!(
            call(&m, "futex", &[0x7000, 128, 2, 0, 0, 0]),
            "futex(0x7000, FUTEX_WAIT_PRIVATE, 2, NULL)"
        );
        assert_eq!(
            call(&m, "futex", &[0x7000, 129, 1, 0x55, 0x66, 0x77]),
            "futex(0x7000, FUTEX_WAKE_PRIVATE, 1)"
        );
        assert_eq!(
            call(&m, "futex", &[0x7000, 9 | 256, 0, ts, 0, 0xffff_ffff]),
            "futex(0x7000, FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME, 0, \
             {tv_sec=1, tv_nsec=500000000}, NULL, 0xffffffff)"
        );
        assert_eq!(
            call(&m, "prlimit64", &[0, 7, rlim, 0]),
            "prlimit64(0, RLIMIT_NOFILE, {rlim_cur=1024, rlim_max=RLIM_INFINITY}, NULL)"
        );
        assert_eq!(
            call(&m, "poll", &[fds, 2, u64::MAX]),
            "poll([{fd=3, events=POLLIN}, {fd=4, events=POLLOUT}], 2, -1)"
        );
        assert_eq!(
            call(&m, "epoll_create1", &[0o2000000]),
            "epoll_create1(EPOLL_CLOEXEC)"
        );
        assert_eq!(
            call(&m, "epoll_ctl", &[5, 1, 3, 0x7000]),
            "epoll_ctl(5, EPOLL_CTL_ADD, 3, 0x7000)"
        );
        assert_eq!(
            call(&m, "eventfd2", &[0, 0o2004000]),
            "eventfd2(0, EFD_NONBLOCK|EFD_CLOEXEC)"
        );
        assert_eq!(
            call(&m, "getrandom", &[0x7000, 16, 1]),
            "getrandom(0x7000, 16, GRND_NONBLOCK)"
        );
        assert_eq!(
            call(&m, "pidfd_send_signal", &[3, 15, 0, 0]),
            "pidfd_send_signal(3, SIGTERM, NULL, 0)"
        );
    }

    #[test]
    fn mounts_and_misc() {
        let mut m = Memory::new();
        let proc_ = m.put(0x1000, b"proc\0");
        let target = m.put(0x2000, b"/proc\0");
        assert_eq!(
            call(&m, "mount", &[proc_, target, proc_, 0xe, 0]),
            "mount(\"proc\", \"/proc\", \"proc\", MS_NOSUID|MS_NODEV|MS_NOEXEC, NULL)"
        );
        assert_eq!(
            call(&m, "mount", &[0, target, 0, 0xc0ed_0000 | 0x5000, 0]),
            "mount(NULL, \"/proc\", NULL, MS_MGC_VAL|MS_BIND|MS_REC, NULL)"
        );
        assert_eq!(
            call(&m, "umount2", &[target, 2]),
            "umount2(\"/proc\", MNT_DETACH)"
        );
        assert_eq!(
            call(&m, "bpf", &[5, 0x7000, 72]),
            "bpf(BPF_PROG_LOAD, 0x7000, 72)"
        );
        assert_eq!(
            call(&m, "ioprio_set", &[1, 0, (3 << 13) | 7]),
            "ioprio_set(IOPRIO_WHO_PROCESS, 0, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_IDLE, 7))"
        );
        assert_eq!(
            call(&m, "sched_setscheduler", &[0, 3 | 0x4000_0000, 0x7000]),
            "sched_setscheduler(0, SCHED_BATCH|SCHED_RESET_ON_FORK, 0x7000)"
        );
        assert_eq!(
            call(&m, "setpriority", &[0, 0, 19]),
            "setpriority(PRIO_PROCESS, 0, 19)"
        );
        assert_eq!(
            call(&m, "shmget", &[0, 4096, 0o1600]),
            "shmget(IPC_PRIVATE, 4096, IPC_CREAT|0600)"
        );
        assert_eq!(
            call(&m, "preadv2", &[3, 0x7000, 1, 0, 0xdead, 8]),
            "preadv2(3, 0x7000, 1, 0, RWF_NOWAIT)"
        );
        assert_eq!(call(&m, "uname", &[0x7000]), "uname(0x7000)");
    }

    #[test]
    fn unreadable_memory_shows_pointers() {
        let m = Memory::new();
        assert_eq!(
            call(&m, "openat", &[AT_FDCWD, 0x1234, 0, 0]),
            "openat(AT_FDCWD, 0x1234, O_RDONLY)"
        );
        assert_eq!(
            call(&m, "openat", &[AT_FDCWD, 0, 0, 0]),
            "openat(AT_FDCWD, NULL, O_RDONLY)"
        );
        assert_eq!(
            call(&m, "execve", &[0x10, 0x20, 0x30]),
            "execve(0x10, 0x20, 0x30)"
        );
        let mut m = Memory::new();
        let argv = m.put(0x2000, &ptrs(&[0x9999, 0]));
        assert_eq!(
            call(&m, "execve", &[0x10, argv, 0]),
            "execve(0x10, [0x9999], NULL)"
        );
        // An argv whose readable part ends before its NULL entry.
        let cut = m.put(0x3000, &ptrs(&[0x9999]));
        assert_eq!(
            call(&m, "execve", &[0x10, cut, 0]),
            "execve(0x10, [0x9999, ...], NULL)"
        );
    }
}
