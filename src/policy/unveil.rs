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

#[cfg(test)]
mod tests {
    use super::*;

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
