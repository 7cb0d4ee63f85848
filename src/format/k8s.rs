//! The Security Profiles Operator's `SeccompProfile` resource
//! (`security-profiles-operator.x-k8s.io/v1beta1`), for Kubernetes: the OCI profile of
//! [`super::oci`] in the resource's spec, with the export's differences as an annotation.
//!
//! The resource's schema differs from OCI's in three ways that matter here: it has no
//! `defaultErrnoRet` (a default `SCMP_ACT_ERRNO` answers EPERM, so another errno penalty is
//! refused), `errnoRet` is a string, and argument values are validated as non-negative
//! int64 (a value above `i64::MAX` is refused, naming its syscall).

use super::oci;
use super::target::{self, ExportError, ExportOptions, Exported, Kind};
use crate::policy::Policy;

/// The format's name in messages.
const FORMAT: &str = "k8s";

/// The annotation that lists how the profile differs from `run`.
const ANNOTATION: &str = "seccomp-pledge/differences";

/// Exports a policy as a `SeccompProfile` resource (JSON, which `kubectl apply -f` reads as
/// YAML).
///
/// # Errors
/// As [`oci::profile`]; an errno penalty other than EPERM without `--lossy`; a value
/// above `i64::MAX`.
pub(crate) fn export(policy: &Policy, opts: &ExportOptions) -> Result<Exported, ExportError> {
    let (profile, mut differences) = oci::profile(policy, opts)?;
    let mut spec =
        serde_json::to_value(&profile).map_err(|e| ExportError::Policy(e.to_string()))?;
    let obj = spec.as_object_mut().expect("a profile is an object");
    if let Some(e) = obj.remove("defaultErrnoRet") {
        if e != libc::EPERM {
            let text = format!(
                "the penalty errno {e} becomes EPERM (a SeccompProfile has no defaultErrnoRet)"
            );
            if !opts.lossy {
                return Err(ExportError::Lossy {
                    format: FORMAT,
                    losses: vec![text],
                });
            }
            differences.push(target::Difference {
                kind: Kind::Lossy,
                text,
            });
        }
    }
    for entry in obj
        .get_mut("syscalls")
        .and_then(|s| s.as_array_mut())
        .into_iter()
        .flatten()
    {
        let name = entry["names"][0].as_str().unwrap_or("?").to_string();
        if let Some(e) = entry.get("errnoRet").cloned() {
            entry["errnoRet"] = e.to_string().into();
        }
        for arg in entry
            .get("args")
            .and_then(|a| a.as_array())
            .into_iter()
            .flatten()
        {
            for field in ["value", "valueTwo"] {
                if let Some(v) = arg.get(field).and_then(serde_json::Value::as_u64) {
                    if i64::try_from(v).is_err() {
                        return Err(ExportError::OutOfRange {
                            format: FORMAT,
                            syscall: crate::abi::syscalls::by_name(&name).map_or("?", |s| s.name()),
                            what: format!("the value {v:#x} of argument {}", arg["index"]),
                            reason: "the resource stores values as int64 of at least 0",
                        });
                    }
                }
            }
        }
    }
    let lines: Vec<String> = differences.iter().map(ToString::to_string).collect();
    let resource = serde_json::json!({
        "apiVersion": "security-profiles-operator.x-k8s.io/v1beta1",
        "kind": "SeccompProfile",
        "metadata": {
            "name": "seccomp-pledge",
            "annotations": { ANNOTATION: lines.join("\n") },
        },
        "spec": spec,
    });
    Exported::json(&resource, differences)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Penalty;
    use crate::test_util::policy;

    #[test]
    fn the_resource_holds_the_oci_profile_in_the_operators_schema() {
        let opts = ExportOptions::default();
        let out = export(&policy("stdio inet"), &opts).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.bytes).unwrap();
        assert_eq!(v["kind"], "SeccompProfile");
        assert_eq!(v["spec"]["defaultAction"], "SCMP_ACT_ERRNO");
        assert!(v["spec"].get("defaultErrnoRet").is_none());
        let (oci, _) = oci::profile(&policy("stdio inet"), &opts).unwrap();
        let oci = serde_json::to_value(oci).unwrap();
        let entries = v["spec"]["syscalls"].as_array().unwrap();
        assert_eq!(entries.len(), oci["syscalls"].as_array().unwrap().len());
        // errnoRet is a string; the ENOSYS entry keeps 38.
        assert!(entries.iter().any(|e| e["errnoRet"] == "38"));
        let note = v["metadata"]["annotations"][ANNOTATION].as_str().unwrap();
        assert!(note.starts_with("widens: execve is allowed"), "{note}");
    }

    #[test]
    fn what_the_resource_cannot_hold_is_refused() {
        let mut p = policy("stdio");
        p.penalty = Penalty::Errno(13);
        let e = export(&p, &ExportOptions::default()).unwrap_err();
        assert!(
            e.to_string().contains("the penalty errno 13 becomes EPERM"),
            "{e}"
        );
        let lossy = ExportOptions {
            lossy: true,
            ..ExportOptions::default()
        };
        assert!(export(&p, &lossy).is_ok());
        // A 64-bit comparison with a value above i64::MAX (AT_FDCWD sign-extended).
        let mut p = policy("stdio");
        p.rules.push(crate::policy::Rule {
            syscall: "fallocate".parse().unwrap(),
            conditions: vec![crate::policy::rule::Condition::new(
                2,
                crate::policy::rule::Width::Qword,
                crate::policy::rule::Op::Eq,
                (-100i64) as u64,
            )],
            action: crate::policy::Action::Allow,
            comment: None,
        });
        let e = export(&p, &ExportOptions::default()).unwrap_err();
        assert!(
            e.to_string().starts_with("k8s cannot hold the value"),
            "{e}"
        );
        assert!(e.to_string().contains("of `fallocate`"), "{e}");
    }
}
