//! Our policy file: versioned JSON holding promises, unveils, rules, penalty, limits and
//! options (unknown fields refused, errors with line and column), and reading a policy from a
//! file in any format [`super::FORMATS`] can load, detecting which.

use std::path::Path;

use super::fs::{read_limited, write_atomic};
use super::{FileError, FileKind};
use crate::policy::Policy;

/// The largest policy file read, in bytes (a policy of thousands of rules is a few hundred
/// KiB): a bigger file, or one without end such as `/dev/zero`, is refused after this much.
pub const MAX_POLICY: u64 = 8 << 20;

/// Reads and validates a policy file in either format, detecting which: ours, or
/// seccompiler's JSON (then `filter` may pick one of its filters).
///
/// # Errors
/// [`FileError::Load`] naming the file, with line and column for JSON errors; `filter`
/// given for one of our files.
pub fn load(path: &Path, filter: Option<&str>) -> Result<(Policy, FileKind), FileError> {
    let text = read_limited(path, MAX_POLICY, "a policy").map_err(|message| FileError::Load {
        path: path.to_path_buf(),
        message,
    })?;
    parse(&text, filter).map_err(|message| {
        if message == TRACE_NOT_POLICY {
            return FileError::TraceNotPolicy {
                path: path.to_path_buf(),
            };
        }
        FileError::Load {
            path: path.to_path_buf(),
            message,
        }
    })
}

/// What [`parse`] says of a trace profile.
pub(super) const TRACE_NOT_POLICY: &str = "this is a trace profile, not a policy";

/// [`load`] without the file: reads and validates policy text in either format. The
/// message is what [`load`] reports after the file's name.
///
/// # Errors
/// The message, with line and column for JSON errors.
#[doc(hidden)]
pub fn parse(text: &str, filter: Option<&str>) -> Result<(Policy, FileKind), String> {
    // serde_json ends messages with " at line L column C"; keep its wording.
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if value.get("format").and_then(serde_json::Value::as_str) == Some(super::TRACE_FORMAT) {
        return Err(TRACE_NOT_POLICY.into());
    }
    let oci = value.get("defaultAction").is_some()
        || value.get("kind").and_then(serde_json::Value::as_str) == Some("SeccompProfile");
    let (policy, kind) = if oci {
        if let Some(f) = filter {
            return Err(format!(
                "this is an OCI seccomp profile, not seccompiler filters: there is no filter `{f}` to pick"
            ));
        }
        let got = super::oci::import(&value, &super::oci::Resolution::here())?;
        let kind = FileKind::Oci {
            left_out: got.left_out,
            foreign: got.foreign.len(),
        };
        (got.policy, kind)
    } else if super::seccompiler::looks_like_seccompiler(&value) {
        let p = super::seccompiler::import(text, filter).map_err(|e| e.to_string())?;
        (p, FileKind::Seccompiler)
    } else {
        if let Some(f) = filter {
            return Err(format!(
                "this is a seccomp-pledge policy, not seccompiler filters: there is no filter `{f}` to pick"
            ));
        }
        let p: Policy = serde_json::from_str(text).map_err(|e| e.to_string())?;
        (p, FileKind::Policy)
    };
    policy.validate().map_err(|e| e.to_string())?;
    Ok((policy, kind))
}

/// Writes a policy as pretty JSON, atomically (see [`write_atomic`]).
///
/// # Errors
/// Any I/O failure, naming the file; the destination is left untouched then.
pub fn save(path: &Path, policy: &Policy) -> Result<(), FileError> {
    let fail = |e: &dyn std::fmt::Display| FileError::Save {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let text = to_text(policy).map_err(|e| fail(&e))?;
    write_atomic(path, text.as_bytes()).map_err(|e| fail(&e))
}

/// [`save`] without the file: the text it writes (pretty JSON and a newline).
///
/// # Errors
/// serde_json's, should a policy not serialize.
#[doc(hidden)]
pub fn to_text(policy: &Policy) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(policy)?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_errors() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("policy.json");
        let policy = Policy {
            promises: crate::policy::PromiseSet::parse("stdio rpath").unwrap(),
            ..Policy::default()
        };
        save(&p, &policy).unwrap();
        assert_eq!(load(&p, None).unwrap(), (policy, FileKind::Policy));
        std::fs::write(
            &p,
            "{\n  \"version\": 1,\n  \"promises\": [\"stdio\"],\n  \"bogus\": 1\n}",
        )
        .unwrap();
        let e = load(&p, None).unwrap_err().to_string();
        assert!(
            e.contains("unknown field `bogus`") && e.contains("line 4"),
            "{e}"
        );
        std::fs::write(&p, "{\"version\": 1, \"promises\": [\"std").unwrap();
        assert!(load(&p, None).unwrap_err().to_string().contains("EOF"));
        assert!(
            dir.path().read_dir().unwrap().count() == 1,
            "no temporary file left behind"
        );
    }
}
