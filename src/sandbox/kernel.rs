//! What the running kernel supports: seccomp actions, user notification, filter flags,
//! Landlock ABI, BPF JIT, x32 and i386 system calls, ptrace restrictions.
//!
//! Every answer comes from asking the kernel (a system call that changes nothing, or a
//! forked child for the i386 probe), not from version numbers.

use serde::Serialize;

use crate::compile::landlock as ll;

const SECCOMP_GET_ACTION_AVAIL: u32 = 2;
const SECCOMP_GET_NOTIF_SIZES: u32 = 3;

/// The feature report behind `seccomp-pledge check`.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Features {
    /// `uname -r`.
    pub kernel: String,
    /// seccomp filter mode works (`PR_GET_SECCOMP` answers).
    pub seccomp: bool,
    /// Return actions the kernel accepts, by name.
    pub actions: Vec<&'static str>,
    /// `SECCOMP_RET_USER_NOTIF` with a listener fd.
    pub user_notification: bool,
    /// Filter flags the kernel knows.
    pub filter_flags: Vec<&'static str>,
    /// Landlock ABI (0 = unavailable).
    pub landlock_abi: i32,
    /// What that ABI covers.
    pub landlock_covers: Vec<&'static str>,
    /// `net.core.bpf_jit_enable`: "enabled", "disabled", "always" (compiled in), or "unknown".
    pub bpf_jit: String,
    /// x32 system calls reach the kernel.
    pub x32_syscalls: bool,
    /// `int 0x80` i386 system calls reach the kernel.
    pub i386_syscalls: bool,
    /// Yama `ptrace_scope` (None when Yama is absent).
    pub yama_ptrace_scope: Option<u32>,
}

fn seccomp_call(op: u32, flags: u32, arg: *mut libc::c_void) -> (i64, i32) {
    // SAFETY: the operations used here either read `arg` (an action value or a sizes
    // struct we own) or fail on a NULL program without installing anything.
    let r = unsafe { libc::syscall(libc::SYS_seccomp, op, flags, arg) };
    let e = if r < 0 {
        std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
    } else {
        0
    };
    (r, e)
}

/// Whether seccomp filters can be installed at all.
pub(crate) fn seccomp_available() -> bool {
    // SAFETY: PR_GET_SECCOMP only reads our own mode.
    let mode = unsafe { libc::prctl(libc::PR_GET_SECCOMP, 0, 0, 0, 0) };
    if mode < 0 {
        return false;
    }
    let mut action: u32 = libc::SECCOMP_RET_ERRNO;
    seccomp_call(SECCOMP_GET_ACTION_AVAIL, 0, (&raw mut action).cast()).0 == 0
}

/// Probes everything.
pub(crate) fn probe() -> Features {
    let seccomp = seccomp_available();
    let mut actions = Vec::new();
    for (name, value) in [
        ("kill_process", libc::SECCOMP_RET_KILL_PROCESS),
        ("kill_thread", libc::SECCOMP_RET_KILL_THREAD),
        ("trap", libc::SECCOMP_RET_TRAP),
        ("errno", libc::SECCOMP_RET_ERRNO),
        ("user_notif", libc::SECCOMP_RET_USER_NOTIF),
        ("trace", libc::SECCOMP_RET_TRACE),
        ("log", libc::SECCOMP_RET_LOG),
        ("allow", libc::SECCOMP_RET_ALLOW),
    ] {
        let mut v: u32 = value;
        if seccomp_call(SECCOMP_GET_ACTION_AVAIL, 0, (&raw mut v).cast()).0 == 0 {
            actions.push(name);
        }
    }
    let mut sizes = [0u16; 3];
    let user_notification = seccomp_call(SECCOMP_GET_NOTIF_SIZES, 0, sizes.as_mut_ptr().cast()).0
        == 0
        && actions.contains(&"user_notif");
    let mut filter_flags = Vec::new();
    for (name, flag) in [
        ("TSYNC", 1u32),
        ("LOG", 2),
        ("SPEC_ALLOW", 4),
        ("NEW_LISTENER", 8),
        ("TSYNC_ESRCH", 16),
        ("WAIT_KILLABLE_RECV", 32),
    ] {
        // With a NULL program, a known flag fails with EFAULT (copying the program) and an
        // unknown one with EINVAL; nothing is installed either way.
        let flags = if name == "TSYNC_ESRCH" {
            flag | 1
        } else if name == "WAIT_KILLABLE_RECV" {
            flag | 8
        } else {
            flag
        };
        let (_, e) = seccomp_call(libc::SECCOMP_SET_MODE_FILTER, flags, std::ptr::null_mut());
        if e == libc::EFAULT {
            filter_flags.push(name);
        }
    }
    let abi = ll::kernel_abi();
    let mut covers = Vec::new();
    if abi >= 1 {
        covers.push("file system (read, write, execute, create, remove)");
    }
    if abi >= 2 {
        covers.push("cross-directory rename and link (REFER)");
    }
    if abi >= 3 {
        covers.push("truncate");
    }
    if abi >= 4 {
        covers.push("TCP bind and connect");
    }
    if abi >= 5 {
        covers.push("device ioctl");
    }
    if abi >= 6 {
        covers.push("signal and abstract-socket scoping");
    }
    if abi >= 7 {
        covers.push("audit logging flags");
    }
    if abi >= 8 {
        covers.push("all-threads enforcement");
    }
    if abi >= 9 {
        covers.push("pathname Unix socket connect");
    }
    let bpf_jit = match std::fs::read_to_string("/proc/sys/net/core/bpf_jit_enable") {
        Ok(s) => match s.trim() {
            "0" => "disabled".to_string(),
            "1" | "2" => "enabled".to_string(),
            other => format!("value {other}"),
        },
        Err(_) => "unknown".to_string(),
    };
    let x32 = {
        // SAFETY: x32 getpid has no side effects; the kernel answers ENOSYS when x32 is off.
        let r = unsafe {
            libc::syscall(libc::c_long::from(crate::abi::uapi::X32_SYSCALL_BIT) | libc::SYS_getpid)
        };
        r > 0
    };
    let yama = std::fs::read_to_string("/proc/sys/kernel/yama/ptrace_scope")
        .ok()
        .and_then(|s| s.trim().parse().ok());
    Features {
        kernel: uname_release(),
        seccomp,
        actions,
        user_notification,
        filter_flags,
        landlock_abi: abi,
        landlock_covers: covers,
        bpf_jit,
        x32_syscalls: x32,
        i386_syscalls: i386_works(),
        yama_ptrace_scope: yama,
    }
}

fn uname_release() -> String {
    // SAFETY: uname fills the zeroed struct.
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    if unsafe { libc::uname(&mut u) } != 0 {
        return "unknown".into();
    }
    let field = |f: &[libc::c_char]| -> String {
        let bytes: Vec<u8> = f
            .iter()
            .take_while(|&&c| c != 0)
            .map(|&c| c as u8)
            .collect();
        String::from_utf8_lossy(&bytes).into_owned()
    };
    format!(
        "{} {} {}",
        field(&u.sysname),
        field(&u.release),
        field(&u.machine)
    )
}

/// Runs `int 0x80` (i386 getpid) in a forked child: it exits 0 when the kernel serves i386
/// calls, and dies of SIGSEGV when IA32 emulation is off.
fn i386_works() -> bool {
    // SAFETY: the child runs one instruction and _exit; no allocation after fork.
    unsafe {
        let pid = libc::fork();
        if pid == 0 {
            let mut eax: u32 = 20; // i386 getpid
            std::arch::asm!("int 0x80", inout("eax") eax, options(nostack));
            libc::_exit(if eax as i32 > 0 { 0 } else { 1 });
        }
        if pid < 0 {
            return false;
        }
        let mut status = 0;
        while libc::waitpid(pid, &mut status, 0) < 0 {
            if std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
                return false;
            }
        }
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0
    }
}

impl Features {
    /// The report as aligned text.
    pub(crate) fn render(&self) -> String {
        let yes = |b: bool| if b { "yes" } else { "no" };
        let mut s = String::new();
        let mut line = |k: &str, v: String| {
            s.push_str(&format!("{k:<20} {v}\n"));
        };
        line("kernel", self.kernel.clone());
        line("seccomp filters", yes(self.seccomp).into());
        line("  actions", self.actions.join(" "));
        line("  user notification", yes(self.user_notification).into());
        line("  filter flags", self.filter_flags.join(" "));
        line(
            "landlock",
            if self.landlock_abi > 0 {
                format!("ABI {}", self.landlock_abi)
            } else {
                "not available".into()
            },
        );
        for c in &self.landlock_covers {
            line("  covers", (*c).to_string());
        }
        line("bpf jit", self.bpf_jit.clone());
        line(
            "x32 syscalls",
            if self.x32_syscalls {
                "enabled (filters deny them)".into()
            } else {
                "disabled".into()
            },
        );
        line(
            "i386 syscalls",
            if self.i386_syscalls {
                "enabled (filters kill them)".into()
            } else {
                "disabled".into()
            },
        );
        line(
            "ptrace",
            match self.yama_ptrace_scope {
                None => "no Yama restriction".into(),
                Some(n) => format!("Yama ptrace_scope {n}"),
            },
        );
        s
    }
}
