//! Policy files: reading our versioned JSON or seccompiler's (detected; unknown fields
//! refused, errors with line and column) and writing atomically (temporary file in the same
//! directory, fsync, rename).
//!
//! The only I/O the policy layer does.

use std::io::Write;
use std::path::Path;

use super::Policy;
use crate::error::Error;

/// What a policy file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// Our versioned policy JSON.
    Policy,
    /// seccompiler's `filters.json` (imported as rules).
    Seccompiler,
}

impl std::fmt::Display for FileKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            FileKind::Policy => "policy",
            FileKind::Seccompiler => "seccompiler filters",
        })
    }
}

/// Reads and validates a policy file in either format, detecting which: ours, or
/// seccompiler's JSON (then `filter` may pick one of its filters).
///
/// # Errors
/// [`Error::PolicyFile`] naming the file, with line and column for JSON errors; `filter`
/// given for one of our files.
pub fn load(path: &Path, filter: Option<&str>) -> Result<(Policy, FileKind), Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::PolicyFile {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    parse(&text, filter).map_err(|message| Error::PolicyFile {
        path: path.to_path_buf(),
        message,
    })
}

/// [`load`] without the file: reads and validates policy text in either format. The
/// message is what [`load`] reports after the file's name.
///
/// # Errors
/// The message, with line and column for JSON errors.
#[doc(hidden)]
pub fn parse(text: &str, filter: Option<&str>) -> Result<(Policy, FileKind), String> {
    use crate::compile::seccompiler_json;
    // serde_json ends messages with " at line L column C"; keep its wording.
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if value.get("defaultAction").is_some() {
        return Err(
            "this is an OCI (Docker, podman, runc) seccomp profile (`defaultAction`): seccomp-pledge reads its own policy JSON and seccompiler's filters.json, not OCI profiles".into(),
        );
    }
    let (policy, kind) = if seccompiler_json::looks_like_seccompiler(&value) {
        let p = seccompiler_json::import(text, filter).map_err(|e| e.to_string())?;
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

/// Writes a policy as pretty JSON, atomically.
///
/// # Errors
/// Any I/O failure; the destination is left untouched then.
pub fn save(path: &Path, policy: &Policy) -> Result<(), Error> {
    let text = to_text(policy).map_err(|e| Error::PolicyFile {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    write_atomic(path, text.as_bytes()).map_err(|e| Error::PolicyFile {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
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

/// Writes `data` to `path` through a temporary file in the same directory and a rename, so
/// readers see either the old or the new file, never a partial one.
///
/// # Errors
/// Any I/O failure (the temporary file is removed).
pub fn write_atomic(path: &Path, data: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "policy".into());
    let tmp = dir.join(format!(".{name}.tmp.{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_errors() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("policy.json");
        let policy = Policy {
            promises: super::super::PromiseSet::parse("stdio rpath").unwrap(),
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
