//! Resource limits of a sandbox (pledge.com's `-C -M -O -P -F`): the model, parsing of
//! sizes like `4g`, and the defaults pledge.com applies when a limit is not given.
//!
//! Reading the machine's RAM and process count for the defaults is the only I/O here
//! (`sysinfo(2)`), done when a launch resolves its limits.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One limit's setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitValue {
    /// Keep whatever the sandbox's parent has.
    Inherit,
    /// No limit (`RLIM_INFINITY`).
    Unlimited,
    /// This many seconds, bytes, files or processes.
    Value(u64),
}

/// A limit that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LimitError {
    /// Not a number of the expected form.
    #[error("`{text}` is not a {what}: {expected}")]
    Invalid {
        /// The text given (escaped).
        text: String,
        /// What kind of value was expected.
        what: &'static str,
        /// What is accepted.
        expected: &'static str,
    },
    /// A number beyond what a limit can hold.
    #[error("`{text}` is too large: a {what} is at most {max} (or use `unlimited`)")]
    TooLarge {
        /// The text given (escaped).
        text: String,
        /// What kind of value was expected.
        what: &'static str,
        /// The largest value, as written.
        max: &'static str,
    },
}

impl LimitError {
    fn invalid(text: &str, what: &'static str, expected: &'static str) -> Self {
        LimitError::Invalid {
            text: crate::abi::signature::escape_word(text),
            what,
            expected,
        }
    }

    fn too_large(text: &str, what: &'static str, max: &'static str) -> Self {
        LimitError::TooLarge {
            text: crate::abi::signature::escape_word(text),
            what,
            max,
        }
    }
}

/// Whether `t` is all ASCII digits (a number too large to parse, rather than a bad one).
fn all_digits(t: &str) -> bool {
    !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())
}

impl LimitValue {
    /// Parses a count (`64`, `unlimited`, `inherit`).
    ///
    /// # Errors
    /// Anything else.
    pub fn parse_count(text: &str) -> Result<LimitValue, LimitError> {
        Self::parse_counted(text, "count")
    }

    fn parse_counted(text: &str, what: &'static str) -> Result<LimitValue, LimitError> {
        if let Some(v) = Self::parse_special(text) {
            return Ok(v);
        }
        let t = text.trim();
        t.parse::<u64>().map(LimitValue::Value).map_err(|_| {
            if all_digits(t) {
                LimitError::too_large(text, what, "18446744073709551615")
            } else {
                LimitError::invalid(text, what, "a whole number, `unlimited` or `inherit`")
            }
        })
    }

    /// Parses a size: a number with an optional binary suffix `k m g t p e` (×1024 each,
    /// case-insensitive, optionally followed by `b` or `ib`), `unlimited` or `inherit`.
    /// `4g`, `512M`, `1GiB` and `100000` are sizes.
    ///
    /// # Errors
    /// Anything else, or a size beyond 2^64-1 bytes.
    pub fn parse_size(text: &str) -> Result<LimitValue, LimitError> {
        if let Some(v) = Self::parse_special(text) {
            return Ok(v);
        }
        let err = || {
            LimitError::invalid(
                text,
                "size",
                "a number with an optional suffix k, m, g, t, p or e (powers of 1024), e.g. `4g`, or `unlimited` or `inherit`",
            )
        };
        let too_large = || LimitError::too_large(text, "size", "16e (2^64-1 bytes)");
        let t = text.trim().to_ascii_lowercase();
        let t = t
            .strip_suffix("ib")
            .or_else(|| t.strip_suffix('b'))
            .unwrap_or(&t);
        let digits_end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let (num, suffix) = t.split_at(digits_end);
        let n: u64 = num
            .parse()
            .map_err(|_| if all_digits(num) { too_large() } else { err() })?;
        let shift = match suffix {
            "" => 0,
            "k" => 10,
            "m" => 20,
            "g" => 30,
            "t" => 40,
            "p" => 50,
            "e" => 60,
            _ => return Err(err()),
        };
        n.checked_mul(1u64 << shift)
            .map(LimitValue::Value)
            .ok_or_else(too_large)
    }

    /// Parses seconds (`30`, `unlimited`, `inherit`).
    ///
    /// # Errors
    /// Anything else.
    pub fn parse_seconds(text: &str) -> Result<LimitValue, LimitError> {
        Self::parse_counted(text, "number of seconds")
    }

    fn parse_special(text: &str) -> Option<LimitValue> {
        match text.trim().to_ascii_lowercase().as_str() {
            "unlimited" | "infinity" | "inf" => Some(LimitValue::Unlimited),
            "inherit" => Some(LimitValue::Inherit),
            _ => None,
        }
    }
}

impl fmt::Display for LimitValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LimitValue::Inherit => f.write_str("inherit"),
            LimitValue::Unlimited => f.write_str("unlimited"),
            LimitValue::Value(v) => write!(f, "{v}"),
        }
    }
}

impl Serialize for LimitValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            LimitValue::Value(v) => s.serialize_u64(*v),
            other => s.collect_str(other),
        }
    }
}

impl<'de> Deserialize<'de> for LimitValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            N(u64),
            S(String),
        }
        match Raw::deserialize(d)? {
            Raw::N(n) => Ok(LimitValue::Value(n)),
            Raw::S(s) => LimitValue::parse_size(&s).map_err(serde::de::Error::custom),
        }
    }
}

impl FromStr for LimitValue {
    type Err = LimitError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LimitValue::parse_size(s)
    }
}

/// The resource limits of a sandbox; `None` means pledge.com's default (see [`Limits::resolve`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// `-C`: CPU seconds (RLIMIT_CPU). Default: inherit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu: Option<LimitValue>,
    /// `-M`: address space in bytes (RLIMIT_AS). Default: the machine's total RAM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_space: Option<LimitValue>,
    /// `-O`: open files (RLIMIT_NOFILE). Default: 64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_files: Option<LimitValue>,
    /// `-P`: processes of the user (RLIMIT_NPROC). Default: CPUs + processes running now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processes: Option<LimitValue>,
    /// `-F`: file size in bytes (RLIMIT_FSIZE; the hard limit is 1.5× the soft one).
    /// Default: 256000000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_size: Option<LimitValue>,
}

/// A limit ready to apply: resource, soft, hard (`u64::MAX` = infinity).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rlimit {
    /// `RLIMIT_*` resource number.
    pub resource: u32,
    /// Soft limit.
    pub soft: u64,
    /// Hard limit.
    pub hard: u64,
    /// The flag that sets it, for messages.
    pub flag: &'static str,
}

/// The smallest `-O`: stdin, stdout and stderr, the sandbox's own descriptor that is open
/// while the filter is installed, and the seccomp listener, which must be numbered below the
/// limit.
pub(crate) const MIN_OPEN_FILES: u64 = 5;
/// The smallest `-M`: below 1 MiB the kernel cannot even map a program's stack and image.
pub(crate) const MIN_ADDRESS_SPACE: u64 = 1 << 20;

/// A limit below what any program needs to start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{flag} {value} is too small: {why}; the smallest {flag} is {min}")]
pub struct TooSmall {
    /// The flag.
    pub flag: &'static str,
    /// The value given.
    pub value: u64,
    /// Why nothing can start below the minimum.
    pub why: &'static str,
    /// The minimum, as written.
    pub min: &'static str,
}

/// pledge.com's default file size limit.
pub(crate) const DEFAULT_FILE_SIZE: u64 = 256_000_000;
/// pledge.com's default open file limit.
pub(crate) const DEFAULT_OPEN_FILES: u64 = 64;

impl Limits {
    /// Refuses limits under which no program can start (`-O 3`, `-M 0`).
    ///
    /// # Errors
    /// [`TooSmall`] naming the flag and its minimum.
    pub fn validate(&self) -> Result<(), TooSmall> {
        if let Some(LimitValue::Value(n)) = self.open_files {
            if n < MIN_OPEN_FILES {
                return Err(TooSmall {
                    flag: "-O",
                    value: n,
                    why: "the sandbox needs descriptors 0-4 while it starts the program (stdin, stdout, stderr, its own, and the seccomp listener, which must be numbered below the limit)",
                    min: "5",
                });
            }
        }
        if let Some(LimitValue::Value(n)) = self.address_space {
            if n < MIN_ADDRESS_SPACE {
                return Err(TooSmall {
                    flag: "-M",
                    value: n,
                    why: "the kernel cannot map a program's stack and image in less than 1 MiB of address space",
                    min: "1m",
                });
            }
        }
        Ok(())
    }

    /// The limits to apply, with pledge.com's defaults filled in from this machine.
    /// `RLIMIT_NOFILE` comes last: it is applied after the sandbox has opened its own files.
    pub fn resolve(&self) -> Vec<Rlimit> {
        let info = sysinfo();
        let inf = u64::MAX;
        let mut out = Vec::new();
        let mut push = |resource: u32, flag: &'static str, v: LimitValue, hard_factor: bool| {
            let (soft, hard) = match v {
                LimitValue::Inherit => return,
                LimitValue::Unlimited => (inf, inf),
                LimitValue::Value(n) => {
                    let hard = if hard_factor {
                        n.saturating_add(n / 2)
                    } else {
                        n
                    };
                    (n, hard)
                }
            };
            out.push(Rlimit {
                resource,
                soft,
                hard,
                flag,
            });
        };
        push(
            libc::RLIMIT_CPU,
            "-C",
            self.cpu.unwrap_or(LimitValue::Inherit),
            false,
        );
        push(
            libc::RLIMIT_AS,
            "-M",
            self.address_space.unwrap_or(
                info.total_ram
                    .map_or(LimitValue::Inherit, LimitValue::Value),
            ),
            false,
        );
        push(
            libc::RLIMIT_NPROC,
            "-P",
            self.processes.unwrap_or(
                info.procs
                    .map_or(LimitValue::Inherit, |p| LimitValue::Value(p + cpu_count())),
            ),
            false,
        );
        push(
            libc::RLIMIT_FSIZE,
            "-F",
            self.file_size
                .unwrap_or(LimitValue::Value(DEFAULT_FILE_SIZE)),
            true,
        );
        push(
            libc::RLIMIT_NOFILE,
            "-O",
            self.open_files
                .unwrap_or(LimitValue::Value(DEFAULT_OPEN_FILES)),
            false,
        );
        out
    }
}

struct SysInfo {
    total_ram: Option<u64>,
    procs: Option<u64>,
}

fn sysinfo() -> SysInfo {
    // SAFETY: sysinfo only writes into the zeroed struct we pass.
    let mut si: libc::sysinfo = unsafe { std::mem::zeroed() };
    // SAFETY: `si` is a valid, writable sysinfo struct.
    if unsafe { libc::sysinfo(&mut si) } != 0 {
        return SysInfo {
            total_ram: None,
            procs: None,
        };
    }
    SysInfo {
        total_ram: Some(si.totalram.saturating_mul(u64::from(si.mem_unit))),
        procs: Some(u64::from(si.procs)),
    }
}

/// CPUs this process may run on (one `sched_getaffinity`, unlike std's cgroup-aware
/// `available_parallelism`, which reads several files).
fn cpu_count() -> u64 {
    // SAFETY: sched_getaffinity fills the zeroed set we own.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        if libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set) == 0 {
            (libc::CPU_COUNT(&set) as u64).max(1)
        } else {
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(LimitValue::parse_size("4g"), Ok(LimitValue::Value(4 << 30)));
        assert_eq!(
            LimitValue::parse_size("512M"),
            Ok(LimitValue::Value(512 << 20))
        );
        assert_eq!(
            LimitValue::parse_size("1GiB"),
            Ok(LimitValue::Value(1 << 30))
        );
        assert_eq!(LimitValue::parse_size("2kb"), Ok(LimitValue::Value(2048)));
        assert_eq!(LimitValue::parse_size("100"), Ok(LimitValue::Value(100)));
        assert_eq!(
            LimitValue::parse_size("unlimited"),
            Ok(LimitValue::Unlimited)
        );
        assert_eq!(LimitValue::parse_size("inherit"), Ok(LimitValue::Inherit));
        for bad in ["", "4x", "g", "-1", "1.5g", "99999999999e"] {
            assert!(LimitValue::parse_size(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn counts() {
        assert_eq!(LimitValue::parse_count("64"), Ok(LimitValue::Value(64)));
        assert!(LimitValue::parse_count("4k").is_err());
        let e = LimitValue::parse_seconds("soon").unwrap_err();
        assert!(matches!(
            e,
            LimitError::Invalid {
                what: "number of seconds",
                ..
            }
        ));
    }

    #[test]
    fn overflow_is_not_a_bad_number() {
        for (text, max) in [
            ("99999999999999999999", "18446744073709551615"),
            ("18446744073709551616", "18446744073709551615"),
        ] {
            let e = LimitValue::parse_count(text).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!("`{text}` is too large: a count is at most {max} (or use `unlimited`)")
            );
        }
        for text in ["99999999999999999999g", "17e", "16385p"] {
            let e = LimitValue::parse_size(text).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!(
                    "`{text}` is too large: a size is at most 16e (2^64-1 bytes) (or use `unlimited`)"
                )
            );
        }
        let e = LimitValue::parse_size("4\x1bg").unwrap_err();
        assert!(e.to_string().starts_with("`4\\x1bg` is not a size"), "{e}");
    }

    #[test]
    fn limits_too_small_to_start_are_refused() {
        let l = |o: u64, m: u64| Limits {
            open_files: Some(LimitValue::Value(o)),
            address_space: Some(LimitValue::Value(m)),
            ..Limits::default()
        };
        assert!(l(MIN_OPEN_FILES, MIN_ADDRESS_SPACE).validate().is_ok());
        let e = l(4, MIN_ADDRESS_SPACE).validate().unwrap_err();
        assert!(e.to_string().starts_with("-O 4 is too small: "), "{e}");
        assert!(e.to_string().ends_with("the smallest -O is 5"), "{e}");
        let e = l(64, 0).validate().unwrap_err();
        assert!(e.to_string().ends_with("the smallest -M is 1m"), "{e}");
    }

    #[test]
    fn defaults_are_pledge_coms() {
        let r = Limits::default().resolve();
        let get = |res| r.iter().find(|l| l.resource == res).copied();
        assert_eq!(get(libc::RLIMIT_NOFILE).unwrap().soft, 64);
        let f = get(libc::RLIMIT_FSIZE).unwrap();
        assert_eq!((f.soft, f.hard), (256_000_000, 384_000_000));
        assert!(
            get(libc::RLIMIT_CPU).is_none(),
            "CPU is inherited by default"
        );
        assert!(get(libc::RLIMIT_AS).unwrap().soft > 1 << 20);
        assert_eq!(r.last().unwrap().resource, libc::RLIMIT_NOFILE);
    }
}
