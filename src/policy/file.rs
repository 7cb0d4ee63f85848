//! Policy files: reading our versioned JSON (unknown fields refused, errors with line and
//! column) and writing it atomically (temporary file in the same directory, fsync, rename).
//!
//! The only I/O the policy layer does.

use std::io::Write;
use std::path::Path;

use super::Policy;
use crate::error::Error;

/// Reads and validates a policy file.
///
/// # Errors
/// [`Error::PolicyFile`] naming the file, with line and column for JSON errors.
pub fn load(path: &Path) -> Result<Policy, Error> {
    let err = |message: String| Error::PolicyFile {
        path: path.to_path_buf(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
    let policy: Policy = serde_json::from_str(&text).map_err(|e| {
        let msg = e.to_string();
        // serde_json ends messages with " at line L column C"; keep its wording.
        err(msg)
    })?;
    policy.validate().map_err(|e| err(e.to_string()))?;
    Ok(policy)
}

/// Writes a policy as pretty JSON, atomically.
///
/// # Errors
/// Any I/O failure; the destination is left untouched then.
pub fn save(path: &Path, policy: &Policy) -> Result<(), Error> {
    let mut text = serde_json::to_string_pretty(policy).map_err(|e| Error::PolicyFile {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    text.push('\n');
    write_atomic(path, text.as_bytes()).map_err(|e| Error::PolicyFile {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
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
        assert_eq!(load(&p).unwrap(), policy);
        std::fs::write(
            &p,
            "{\n  \"version\": 1,\n  \"promises\": [\"stdio\"],\n  \"bogus\": 1\n}",
        )
        .unwrap();
        let e = load(&p).unwrap_err().to_string();
        assert!(
            e.contains("unknown field `bogus`") && e.contains("line 4"),
            "{e}"
        );
        std::fs::write(&p, "{\"version\": 1, \"promises\": [\"std").unwrap();
        assert!(load(&p).unwrap_err().to_string().contains("EOF"));
        assert!(
            dir.path().read_dir().unwrap().count() == 1,
            "no temporary file left behind"
        );
    }
}
