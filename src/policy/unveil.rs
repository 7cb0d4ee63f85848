//! Unveil rules: a path and the permission letters `r w x c` granted beneath it.
//!
//! Owns the model and the parsing of pledge.com's `-v [PERM:]PATH` syntax. What the letters
//! mean in Landlock rights is decided in `compile::landlock`; this module touches no file.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Calls that change a file's attributes by path, which Landlock does not restrict: while
/// unveil is on, no promise allows them on a path (they would reach files outside every
/// unveiled path); the descriptor forms stay (`fchmod`, `fchown`, and these calls with the
/// path argument given here NULL, as glibc's `futimens` does). Explicit `allow` rules are
/// kept, with a warning.
pub(crate) const UNSCOPED_ATTRS: &[(&str, Option<usize>)] = &[
    ("chmod", None),
    ("fchmodat", None),
    ("chown", None),
    ("lchown", None),
    ("fchownat", None),
    ("utime", None),
    ("utimes", None),
    ("futimesat", Some(1)),
    ("utimensat", Some(1)),
];

/// Why such a call was refused, for reports.
pub(crate) const UNSCOPED_ATTRS_WHY: &str = "refused on a path while unveil is on (Landlock cannot restrict attribute changes): use the descriptor form (fchmod, fchown, futimens), or -V";

/// Whether `name` with `args` changes attributes through a path (see [`UNSCOPED_ATTRS`]).
pub(crate) fn unscoped_attr(name: &str, args: &[u64; 6]) -> bool {
    UNSCOPED_ATTRS
        .iter()
        .any(|(n, null)| *n == name && null.is_none_or(|i| args[i] != 0))
}

/// Permission letters of an unveil rule.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Perms(u8);

impl Perms {
    /// `r`: read files, list directories.
    pub const READ: Perms = Perms(1);
    /// `w`: write and truncate files, ioctl on devices.
    pub const WRITE: Perms = Perms(2);
    /// `x`: execute files.
    pub const EXEC: Perms = Perms(4);
    /// `c`: create, remove, rename and link entries (directories only).
    pub const CREATE: Perms = Perms(8);

    /// Whether all letters of `other` are present.
    pub fn contains(self, other: Perms) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether no letter is present.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Both sets of letters.
    #[must_use]
    pub fn union(self, other: Perms) -> Perms {
        Perms(self.0 | other.0)
    }

    /// Parses letters from `rwxc` in any order.
    ///
    /// # Errors
    /// A letter outside `rwxc`, or no letter at all.
    pub fn parse(text: &str) -> Result<Perms, UnveilError> {
        if text.is_empty() {
            return Err(UnveilError::EmptyPerms);
        }
        let mut p = Perms::default();
        for c in text.chars() {
            p = p.union(match c {
                'r' => Perms::READ,
                'w' => Perms::WRITE,
                'x' => Perms::EXEC,
                'c' => Perms::CREATE,
                other => {
                    return Err(UnveilError::BadLetter {
                        letter: other,
                        perms: text.to_string(),
                    });
                }
            });
        }
        Ok(p)
    }
}

impl fmt::Display for Perms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (bit, c) in [
            (Perms::READ, 'r'),
            (Perms::WRITE, 'w'),
            (Perms::EXEC, 'x'),
            (Perms::CREATE, 'c'),
        ] {
            if self.contains(bit) {
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Perms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Perms({self})")
    }
}

impl Serialize for Perms {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Perms {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Perms::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Why an unveil rule is malformed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnveilError {
    /// A letter other than r, w, x, c.
    #[error("bad permission letter `{letter}` in `{perms}`: use letters from `rwxc`")]
    BadLetter {
        /// The letter.
        letter: char,
        /// The whole permission text.
        perms: String,
    },
    /// `:PATH` with nothing before the colon.
    #[error("empty permission set: give letters from `rwxc` (e.g. `r:/usr`), or no colon for `r`")]
    EmptyPerms,
    /// No path.
    #[error("missing path to unveil")]
    EmptyPath,
    /// `connect:`/`bind:` without a port number.
    #[error(
        "bad network unveil `{text}`: expected connect:PORT or bind:PORT with a TCP port 0 to 65535"
    )]
    BadPort {
        /// The whole text.
        text: String,
    },
}

/// A path and what may be done beneath it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unveil {
    /// The path (absolute or relative to the working directory when the rule is applied).
    pub path: PathBuf,
    /// The permission letters.
    pub perms: Perms,
}

impl Unveil {
    /// Parses pledge.com's `[PERM:]PATH`: when the text before the first `:` is made of
    /// letters only, it is the permission set; otherwise the whole argument is the path and
    /// the permission is `r`.
    ///
    /// # Errors
    /// Bad letters, an empty permission set or an empty path.
    pub fn parse_flag(arg: &str) -> Result<Unveil, UnveilError> {
        let (perms, path) = match arg.split_once(':') {
            Some((letters, path)) if letters.chars().all(|c| c.is_ascii_alphabetic()) => {
                (Perms::parse(letters)?, path)
            }
            _ => (Perms::READ, arg),
        };
        if path.is_empty() {
            return Err(UnveilError::EmptyPath);
        }
        Ok(Unveil {
            path: PathBuf::from(path),
            perms,
        })
    }
}

impl fmt::Display for Unveil {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.perms, self.path.display())
    }
}

/// What a network unveil allows on a TCP port (Landlock ABI 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PortAccess {
    /// `bind:PORT`: bind a TCP socket to the port.
    Bind,
    /// `connect:PORT`: connect a TCP socket to the port (on any address).
    Connect,
}

impl PortAccess {
    /// Its word in `-v WORD:PORT`.
    pub fn word(self) -> &'static str {
        match self {
            PortAccess::Bind => "bind",
            PortAccess::Connect => "connect",
        }
    }
}

/// A network unveil: TCP `bind` or `connect` on one port. Once one of a kind is given, that
/// kind is refused on every other port (the other kind stays as the promises say).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Port {
    /// Bind or connect.
    pub access: PortAccess,
    /// The TCP port.
    pub port: u16,
}

impl Port {
    /// `connect:PORT` or `bind:PORT`: `Ok(None)` when the text is no network unveil (a path
    /// unveil, then).
    ///
    /// # Errors
    /// `connect:` or `bind:` followed by anything but a port number 0 to 65535.
    pub fn parse_flag(arg: &str) -> Result<Option<Port>, UnveilError> {
        let Some((word, port)) = arg.split_once(':') else {
            return Ok(None);
        };
        let access = match word {
            "connect" => PortAccess::Connect,
            "bind" => PortAccess::Bind,
            _ => return Ok(None),
        };
        let port = port.parse::<u16>().map_err(|_| UnveilError::BadPort {
            text: arg.to_string(),
        })?;
        Ok(Some(Port { access, port }))
    }
}

impl fmt::Display for Port {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.access.word(), self.port)
    }
}

impl Serialize for Port {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Port {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        match Port::parse_flag(&text) {
            Ok(Some(p)) => Ok(p),
            Ok(None) => Err(serde::de::Error::custom(format!(
                "`{text}` is no network unveil: expected connect:PORT or bind:PORT"
            ))),
            Err(e) => Err(serde::de::Error::custom(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_unveils_parse_and_print() {
        assert_eq!(
            Port::parse_flag("connect:443"),
            Ok(Some(Port {
                access: PortAccess::Connect,
                port: 443
            }))
        );
        assert_eq!(
            Port::parse_flag("bind:8080").unwrap().unwrap().to_string(),
            "bind:8080"
        );
        assert_eq!(Port::parse_flag("/usr"), Ok(None));
        assert_eq!(Port::parse_flag("rw:/tmp"), Ok(None));
        for bad in ["connect:", "connect:65536", "bind:http", "connect:-1"] {
            assert!(
                matches!(Port::parse_flag(bad), Err(UnveilError::BadPort { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn parses_pledge_com_syntax() {
        let u = Unveil::parse_flag("rwc:/srv/data").unwrap();
        assert_eq!(u.path, PathBuf::from("/srv/data"));
        assert_eq!(u.perms.to_string(), "rwc");
        let u = Unveil::parse_flag("/usr").unwrap();
        assert_eq!(u.perms, Perms::READ);
        let u = Unveil::parse_flag("/odd:name").unwrap();
        assert_eq!(u.path, PathBuf::from("/odd:name"));
        assert_eq!(u.perms, Perms::READ);
        assert!(matches!(
            Unveil::parse_flag("rwz:/tmp"),
            Err(UnveilError::BadLetter { letter: 'z', .. })
        ));
        assert_eq!(Unveil::parse_flag(":/tmp"), Err(UnveilError::EmptyPerms));
        assert_eq!(Unveil::parse_flag("r:"), Err(UnveilError::EmptyPath));
        assert_eq!(Unveil::parse_flag(""), Err(UnveilError::EmptyPath));
    }

    #[test]
    fn perms_display_in_canonical_order() {
        assert_eq!(Perms::parse("cxwr").unwrap().to_string(), "rwxc");
    }
}
