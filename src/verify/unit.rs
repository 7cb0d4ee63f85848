//! `verify-export systemd`: the drop-in checked by systemd itself, offline. It is added to a
//! unit that runs `/bin/true`, `systemd-analyze verify` must say nothing about it (its exit
//! status stays 0 for unknown keys and unparsable syscall names, so its output is read), and
//! `systemd-analyze security --offline=yes` must rate the settings the drop-in sets as in
//! force. A unit cannot be started here (no systemd as PID 1): the filter itself is not run.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use super::TargetError;

/// What systemd said of a drop-in.
#[derive(Debug)]
pub(crate) struct UnitVerified {
    /// The drop-in's size.
    pub size: usize,
    /// `security`'s overall exposure line (`5.3 MEDIUM`).
    pub exposure: String,
    /// The settings the drop-in sets that `security` rates, and whether it rates them safe.
    pub settings: Vec<(String, bool)>,
}

/// The settings a drop-in sets (the keys `security` names them by).
const SET: &[&str] = &[
    "NoNewPrivileges=",
    "LockPersonality=",
    "RestrictNamespaces=",
    "SystemCallArchitectures=",
    "SystemCallFilter=",
    "RestrictAddressFamilies=",
    "ProtectSystem=",
];

/// The settings that must be rated safe whatever the policy.
const MUST: &[&str] = &[
    "NoNewPrivileges=",
    "LockPersonality=",
    "SystemCallArchitectures=",
];

fn analyze(args: &[&str], unit: &std::path::Path) -> Result<(String, String), TargetError> {
    let out = Command::new("systemd-analyze")
        .args(args)
        .arg(unit)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => TargetError::NotInstalled {
                program: "systemd-analyze",
            },
            _ => TargetError::Failed {
                target: "systemd",
                reason: e.to_string(),
            },
        })?;
    Ok((
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}

/// Checks a drop-in with `systemd-analyze`.
///
/// # Errors
/// systemd-analyze missing, or saying something about the drop-in.
pub(crate) fn check(dropin: &[u8]) -> Result<UnitVerified, TargetError> {
    let template = std::env::temp_dir().join("seccomp-pledge-verify-XXXXXX");
    let dir = nix::unistd::mkdtemp(&template).map_err(|e| TargetError::Prepare {
        path: template.clone(),
        reason: e.to_string(),
    })?;
    struct Gone(PathBuf);
    impl Drop for Gone {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
    let _gone = Gone(dir.clone());
    let unit = dir.join("seccomp-pledge-verify.service");
    let mut text =
        b"[Unit]\nDescription=seccomp-pledge verify-export\n\n[Service]\nExecStart=/bin/true\n\n"
            .to_vec();
    text.extend_from_slice(dropin);
    std::fs::write(&unit, &text).map_err(|e| TargetError::Prepare {
        path: unit.clone(),
        reason: e.to_string(),
    })?;
    let (out, err) = analyze(&["verify"], &unit)?;
    let name = unit.to_string_lossy().into_owned();
    let said: Vec<String> = out
        .lines()
        .chain(err.lines())
        .filter(|l| l.contains(&name) || l.contains("seccomp-pledge-verify.service"))
        .map(|l| crate::escape_word(&l.replace(&name, "DROP-IN")))
        .collect();
    if !said.is_empty() {
        return Err(TargetError::Failed {
            target: "systemd",
            reason: format!("systemd-analyze verify: {}", said.join("; ")),
        });
    }
    // Only the settings the drop-in sets count (ProtectSystem= only with unveils).
    let text = String::from_utf8_lossy(dropin);
    let present: Vec<&str> = SET
        .iter()
        .copied()
        .filter(|k| text.lines().any(|l| l.starts_with(k)))
        .collect();
    let (out, _) = analyze(&["security", "--offline=yes"], &unit)?;
    let mut settings = Vec::new();
    let mut exposure = String::new();
    for line in out.lines() {
        let l = line.trim_start();
        if let Some(rest) = l.split_once("Overall exposure level for ") {
            // `5.3 MEDIUM 😐`: the number and the word.
            let level = rest.1.split_once(": ").map_or(rest.1, |(_, e)| e);
            exposure = level
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ");
            continue;
        }
        let (safe, rest) = match l.strip_prefix("✓ ") {
            Some(r) => (true, r),
            None => match l.strip_prefix("✗ ") {
                Some(r) => (false, r),
                None => continue,
            },
        };
        let setting = rest.split_whitespace().next().unwrap_or("");
        if present.iter().any(|k| setting.starts_with(k)) {
            settings.push((setting.to_string(), safe));
        }
    }
    let unsafe_must: Vec<&str> = settings
        .iter()
        .filter(|(s, ok)| !ok && MUST.iter().any(|m| s.starts_with(m)))
        .map(|(s, _)| s.as_str())
        .collect();
    if !unsafe_must.is_empty() || exposure.is_empty() {
        return Err(TargetError::Failed {
            target: "systemd",
            reason: format!(
                "systemd-analyze security does not see the drop-in's settings in force: {}",
                if unsafe_must.is_empty() {
                    "no exposure level".to_string()
                } else {
                    unsafe_must.join(" ")
                }
            ),
        });
    }
    Ok(UnitVerified {
        size: dropin.len(),
        exposure,
        settings,
    })
}
