//! A systemd `[Service]` drop-in (`/etc/systemd/system/UNIT.service.d/seccomp-pledge.conf`):
//! the policy in systemd's own sandboxing settings, with what they cannot say in comments.
//!
//! systemd's `SystemCallFilter=` names syscalls and has no argument conditions, so a syscall
//! the policy allows for some arguments only is allowed for all, and a conditional denial
//! (TIOCSTI on `ioctl`) is lost: both are listed, and refused without `--lossy`. The socket
//! families the policy lets `socket(2)` create become `RestrictAddressFamilies=`; the limits
//! `run` sets become `Limit*=`; unveils are approximated with `ProtectSystem=strict`,
//! `ReadWritePaths=` and `ReadOnlyPaths=` (everything stays readable, `x` has no equivalent),
//! named as such. `NoNewPrivileges=`, `LockPersonality=`, `RestrictNamespaces=` and
//! `SystemCallArchitectures=native` are set as `run` behaves.

use std::fmt::Write as _;

use super::target::{self, Difference, ExportError, ExportOptions, Exported, Kind};
use crate::abi::syscalls::{self, MAX_NR};
use crate::compile::bpf;
use crate::compile::seccomp::{self, FilterSpec};
use crate::policy::{Penalty, Policy};

/// The format's name in messages.
const FORMAT: &str = "systemd";

/// What the unit sets for each `run` limit flag.
const LIMITS: &[(&str, &str)] = &[
    ("-C", "LimitCPU"),
    ("-M", "LimitAS"),
    ("-P", "LimitNPROC"),
    ("-F", "LimitFSIZE"),
    ("-O", "LimitNOFILE"),
];

/// The socket families `socket(2)` or `socketpair(2)` may create under the plan (any type and
/// protocol the plan allows for the family counts): systemd applies
/// `RestrictAddressFamilies=` to both.
fn families(plan: &seccomp::Plan) -> Vec<&'static str> {
    let nrs: Vec<u32> = ["socket", "socketpair"]
        .iter()
        .filter_map(|n| syscalls::by_name(n).ok())
        .map(|s| s.id() as u32)
        .collect();
    let types = [
        libc::SOCK_STREAM,
        libc::SOCK_DGRAM,
        libc::SOCK_RAW,
        libc::SOCK_SEQPACKET,
    ];
    (0..=45u64)
        .filter(|fam| {
            types.iter().any(|t| {
                [0u64, 6, 17, 1, 58].iter().any(|proto| {
                    let flags = [0u64, libc::SOCK_CLOEXEC as u64, libc::SOCK_NONBLOCK as u64];
                    flags.iter().any(|f| {
                        // socketpair(2) makes AF_UNIX pairs only (the kernel refuses the
                        // others), so only that family counts for it.
                        nrs.iter().enumerate().any(|(i, nr)| {
                            (i == 0 || *fam == libc::AF_UNIX as u64)
                                && plan.decide(*nr, &[*fam, *t as u64 | f, *proto, 0, 0, 0])
                                    == bpf::SECCOMP_RET_ALLOW
                        })
                    })
                })
            })
        })
        .filter_map(|fam| crate::abi::consts::name_of(crate::abi::consts::Family::Address, fam))
        .collect()
}

/// Exports a policy as a systemd drop-in.
///
/// # Errors
/// As [`target::adapt`]; what systemd cannot say (argument conditions) without `--lossy`.
pub(crate) fn export(policy: &Policy, opts: &ExportOptions) -> Result<Exported, ExportError> {
    if opts.runtime != target::Runtime::None {
        return Err(ExportError::RuntimeNotApplicable { format: FORMAT });
    }
    let adapted = target::adapt(
        policy,
        &ExportOptions {
            lossy: true,
            ..*opts
        },
        FORMAT,
        true,
    )?;
    let penalty = policy.penalty.action();
    let mut plan = seccomp::plan(&FilterSpec::new(policy.promises, &adapted.rules, penalty))
        .map_err(|e| ExportError::Policy(e.to_string()))?;
    target::drop_self_checks(&mut plan);
    let mut allowed = Vec::new();
    let mut widened = Vec::new();
    let mut lost = Vec::new();
    for nr in 0..=MAX_NR {
        let Some(name) = syscalls::name(nr) else {
            continue;
        };
        let sp = &plan.syscalls[nr as usize];
        let any_allow = sp.default == bpf::SECCOMP_RET_ALLOW
            || sp.checks.iter().any(|c| c.action == bpf::SECCOMP_RET_ALLOW);
        if !any_allow {
            continue;
        }
        allowed.push(name);
        if sp.default != bpf::SECCOMP_RET_ALLOW {
            widened.push(name);
        } else if sp.checks.iter().any(|c| c.action != bpf::SECCOMP_RET_ALLOW) {
            lost.push(name);
        }
    }
    // The losses a drop-in always has, and those of this policy.
    let mut differences: Vec<Difference> = adapted
        .differences
        .into_iter()
        .filter(|d| !d.text.starts_with("the resource limits `run` sets"))
        .collect();
    let mut losses = Vec::new();
    if !widened.is_empty() {
        losses.push(format!(
            "allowed for all arguments (SystemCallFilter= has no argument conditions; `run` allows them for some): {}",
            widened.join(" ")
        ));
    }
    if !lost.is_empty() {
        losses.push(format!(
            "their argument-dependent denials are lost (TIOCSTI on ioctl, deny rules with conditions): {}",
            lost.join(" ")
        ));
    }
    if !policy.unveils.is_empty() && policy.options.unveil {
        losses.push("unveil is approximated: ProtectSystem=strict makes everything read-only, ReadWritePaths= reopens the w and c paths; nothing is hidden and x has no equivalent".into());
    }
    if let Penalty::Errno(e) = policy.penalty {
        if crate::abi::consts::errno_name(i32::from(e)).is_none() {
            losses.push(format!(
                "the penalty errno {e} has no name systemd knows: EPERM instead"
            ));
        }
    }
    // With the policy's own losses `adapt` found (network unveils, limits it cannot hold).
    differences.extend(losses.into_iter().map(|text| Difference {
        kind: Kind::Lossy,
        text,
    }));
    let losses: Vec<String> = differences
        .iter()
        .filter(|d| d.kind == Kind::Lossy)
        .map(|d| d.text.clone())
        .collect();
    if !opts.lossy && !losses.is_empty() {
        return Err(ExportError::Lossy {
            format: FORMAT,
            losses,
        });
    }
    differences.sort_by_key(|d| d.kind);

    let mut out = String::new();
    let _ = writeln!(
        out,
        "# seccomp-pledge: a [Service] drop-in for promises `{}`",
        policy.promises
    );
    out.push_str("# Install as /etc/systemd/system/UNIT.service.d/seccomp-pledge.conf, then `systemctl daemon-reload`.\n");
    out.push_str("# How it differs from `seccomp-pledge run`:\n");
    for d in &differences {
        let _ = writeln!(out, "#   {d}");
    }
    out.push_str("[Service]\nNoNewPrivileges=yes\nLockPersonality=yes\nRestrictNamespaces=yes\nSystemCallArchitectures=native\n");
    // Names wrapped onto several lines (systemd joins repeated settings).
    for chunk in allowed.chunks(12) {
        let _ = writeln!(out, "SystemCallFilter={}", chunk.join(" "));
    }
    match policy.penalty {
        Penalty::Kill => out.push_str("# the penalty is kill: systemd kills with SIGSYS when no SystemCallErrorNumber= is set\n"),
        p => {
            let name = crate::abi::consts::errno_name(p.errno()).unwrap_or("EPERM");
            let _ = writeln!(out, "SystemCallErrorNumber={name}");
        }
    }
    let fams = families(&plan);
    if fams.is_empty() {
        out.push_str("RestrictAddressFamilies=none\n");
    } else {
        let _ = writeln!(out, "RestrictAddressFamilies={}", fams.join(" "));
    }
    for r in policy.limits.resolve() {
        if let Some((_, key)) = LIMITS.iter().find(|(f, _)| *f == r.flag) {
            let v = |n: u64| {
                if n == u64::MAX {
                    "infinity".to_string()
                } else {
                    n.to_string()
                }
            };
            let value = if r.soft == r.hard {
                v(r.soft)
            } else {
                format!("{}:{}", v(r.soft), v(r.hard))
            };
            let _ = writeln!(out, "{key}={value}");
        }
    }
    if !policy.unveils.is_empty() && policy.options.unveil {
        out.push_str("# unveil, approximated (see above)\nProtectSystem=strict\n");
        for u in &policy.unveils {
            let key = if u.perms.contains(crate::policy::Perms::WRITE)
                || u.perms.contains(crate::policy::Perms::CREATE)
            {
                "ReadWritePaths"
            } else {
                "ReadOnlyPaths"
            };
            let _ = writeln!(out, "{key}=-{}", u.path.display());
        }
    }
    Ok(Exported {
        bytes: out.into_bytes(),
        differences,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::policy;

    #[test]
    fn the_drop_in_names_what_it_widens_and_refuses_without_lossy() {
        let e = export(&policy("stdio inet"), &ExportOptions::default())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            e.starts_with("systemd cannot express this policy exactly:"),
            "{e}"
        );
        assert!(e.contains("allowed for all arguments"), "{e}");
        let lossy = ExportOptions {
            lossy: true,
            ..ExportOptions::default()
        };
        let text = String::from_utf8(export(&policy("stdio inet"), &lossy).unwrap().bytes).unwrap();
        assert!(
            text.contains("\n[Service]\nNoNewPrivileges=yes\n"),
            "{text}"
        );
        assert!(text.contains("SystemCallArchitectures=native\n"), "{text}");
        assert!(
            text.contains("\nRestrictAddressFamilies=AF_UNIX AF_INET AF_INET6\n"),
            "{text}"
        );
        assert!(text.contains("\nSystemCallErrorNumber=EPERM\n"), "{text}");
        assert!(text.contains("\nLimitNOFILE=64\n"), "{text}");
        assert!(
            text.contains("#   lossy: allowed for all arguments"),
            "{text}"
        );
        let filter: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("SystemCallFilter="))
            .flat_map(str::split_whitespace)
            .collect();
        assert!(
            filter.contains(&"read") && filter.contains(&"execve"),
            "{filter:?}"
        );
        assert!(
            !filter.contains(&"ptrace") && !filter.contains(&"mount"),
            "{filter:?}"
        );
        // Without inet, no internet families.
        let text = String::from_utf8(export(&policy("stdio"), &lossy).unwrap().bytes).unwrap();
        assert!(
            text.contains("\nRestrictAddressFamilies=AF_UNIX\n"),
            "{text}"
        );
    }
}
