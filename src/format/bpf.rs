//! Raw BPF: our own compiled filter as the `struct sock_filter` array the kernel takes (8
//! bytes per instruction, little-endian), for `bwrap --seccomp FD`, crun's
//! `run.oci.seccomp_bpf_data` annotation and minijail's `-S`. The filter is exactly the one
//! `run` installs, with the supervisor's user-notification answers replaced by the penalty
//! and the checks on the sandbox's own pid made never to match (the pid is known only at
//! launch).

use super::target::{self, ExportError, ExportOptions, Exported};
use crate::compile::bpf::sock_filter;
use crate::compile::seccomp::{self, FilterSpec};
use crate::policy::Policy;

/// What the checks on the sandbox's own pid compare with: above any pid the kernel hands
/// out (`PID_MAX_LIMIT` is 2^22) and positive, so that `kill(pid, …)` with it never means
/// a process group or every process.
pub(crate) const NO_PID: u32 = i32::MAX as u32;

/// The program as the bytes of a `sock_filter` array.
pub(crate) fn to_bytes(program: &[sock_filter]) -> Vec<u8> {
    let mut out = Vec::with_capacity(program.len() * 8);
    for i in program {
        out.extend_from_slice(&i.code.to_le_bytes());
        out.push(i.jt);
        out.push(i.jf);
        out.extend_from_slice(&i.k.to_le_bytes());
    }
    out
}

/// A `sock_filter` array read back from its bytes (`None` unless whole instructions).
#[cfg(test)]
fn from_bytes(bytes: &[u8]) -> Option<Vec<sock_filter>> {
    if bytes.is_empty() || bytes.len() % 8 != 0 {
        return None;
    }
    Some(
        bytes
            .chunks_exact(8)
            .map(|c| sock_filter {
                code: u16::from_le_bytes([c[0], c[1]]),
                jt: c[2],
                jf: c[3],
                k: u32::from_le_bytes([c[4], c[5], c[6], c[7]]),
            })
            .collect(),
    )
}

/// The compiled program a target installs for this policy, and how it differs from `run`.
///
/// # Errors
/// As [`target::adapt`], or a filter that does not compile.
pub(crate) fn program(
    policy: &Policy,
    opts: &ExportOptions,
) -> Result<(Vec<sock_filter>, Vec<target::Difference>), ExportError> {
    let adapted = target::adapt(policy, opts, "bpf", false)?;
    let filter = seccomp::compile(&FilterSpec::new(
        policy.promises,
        &adapted.rules,
        policy.penalty.action(),
    ))
    .map_err(|e| ExportError::Policy(e.to_string()))?;
    Ok((filter.program_for_pid(NO_PID), adapted.differences))
}

/// Exports a policy as raw BPF.
///
/// # Errors
/// As [`program`].
pub(crate) fn export(policy: &Policy, opts: &ExportOptions) -> Result<Exported, ExportError> {
    let (program, differences) = program(policy, opts)?;
    Ok(Exported {
        bytes: to_bytes(&program),
        differences,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::bpf::{AUDIT_ARCH_X86_64, SeccompData, run};
    use crate::policy::PromiseSet;

    #[test]
    fn the_bytes_read_back_as_the_program_and_decide_as_the_plan() {
        let policy = Policy {
            promises: PromiseSet::parse("stdio rpath").unwrap(),
            ..Policy::default()
        };
        let opts = ExportOptions {
            lossy: true,
            ..ExportOptions::default()
        };
        let (program, _) = program(&policy, &opts).unwrap();
        let bytes = export(&policy, &opts).unwrap().bytes;
        assert_eq!(bytes.len(), program.len() * 8);
        let back = from_bytes(&bytes).unwrap();
        assert_eq!(back.len(), program.len());
        let data = |nr: i32| SeccompData {
            nr,
            arch: AUDIT_ARCH_X86_64,
            ..SeccompData::default()
        };
        // read is allowed, socket is not, execve is (the target executes the program).
        for (nr, allowed) in [(0, true), (41, false), (59, true)] {
            let ret = run(&back, &data(nr)).unwrap();
            assert_eq!(ret == libc::SECCOMP_RET_ALLOW, allowed, "syscall {nr}");
        }
        assert!(from_bytes(&bytes[..7]).is_none());
    }
}
