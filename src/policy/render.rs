//! Rules back to text, symbolically: `allow ioctl if arg1 == TIOCGWINSZ`,
//! `deny socket if arg0 == AF_INET errno EACCES`, `allow openat if arg2 & O_ACCMODE == O_RDONLY`.
//!
//! The inverse of `command::rule`: for allow and deny rules the text parses back to the same
//! rule (a test checks it). Constants are chosen from the argument's type in the syscall
//! signature table, so `arg1` of `ioctl` shows as an ioctl request and `arg0` of `socket` as
//! an address family.

use crate::abi::consts::{self, Family};
use crate::abi::signature::{self, Arg};
use crate::abi::sysargs;
use crate::abi::syscalls::Sysno;
use crate::policy::rule::{Action, Condition, Op, Rule, Width};

/// A value of argument `index` of `syscall`, as a constant expression when the argument's
/// type is known, else as a number.
pub(crate) fn value(syscall: Sysno, index: u8, width: Width, v: u64) -> String {
    let kind = signature::signature(syscall.id() as u32).and_then(|s| s.kind(usize::from(index)));
    let v32 = if width == Width::Dword {
        v & 0xffff_ffff
    } else {
        v
    };
    let named = match kind {
        Some(Arg::Flags(f)) => Some(consts::format_flags(f, v32)),
        Some(Arg::Value(f)) => consts::name_of(f, v32).map(str::to_string),
        Some(Arg::Ioctl) => consts::name_of(Family::Ioctl, v32).map(str::to_string),
        Some(Arg::Signal) => consts::signal_name(v32 as i32).map(str::to_string),
        Some(Arg::DirFd) if v32 == 0xffff_ff9c => Some("AT_FDCWD".to_string()),
        Some(Arg::Mode) if v32 == 0 => Some("0".to_string()),
        Some(Arg::Mode) => Some(format!("0{v32:o}")),
        _ => None,
    };
    // Keep a name only if it parses back to the same value.
    match named {
        Some(n) if consts::parse_value(&n).is_ok_and(|p| p & mask(width) == v32) => n,
        _ if v32 > 0xffff => format!("{v32:#x}"),
        _ => v32.to_string(),
    }
}

fn mask(width: Width) -> u64 {
    match width {
        Width::Dword => 0xffff_ffff,
        Width::Qword => u64::MAX,
    }
}

/// One condition, e.g. `arg2 & O_ACCMODE == O_RDONLY`; `:32`/`:64` appears only when the
/// width is not the one the parser would choose.
pub(crate) fn condition(syscall: Sysno, c: &Condition, allows: bool) -> String {
    let probe = match c.op {
        Op::MaskedEq(m) => c.value.max(m),
        _ => c.value,
    };
    let default = sysargs::default_width(syscall, c.index, probe, allows);
    let width = if c.width == default {
        String::new()
    } else if c.width == Width::Dword {
        ":32".to_string()
    } else {
        ":64".to_string()
    };
    let arg = format!("arg{}{width}", c.index);
    let val = |v| value(syscall, c.index, c.width, v);
    match c.op {
        // The value as it is, bits outside the mask included: such a condition never holds,
        // and printing it masked would show one that does.
        Op::MaskedEq(m) => format!("{arg} & {} == {}", val(m), val(c.value)),
        op => {
            let sym = op.symbol();
            format!("{arg} {sym} {}", val(c.value))
        }
    }
}

/// A whole rule as a command.
pub fn rule(r: &Rule) -> String {
    let allows = !r.action.denies();
    let verb = if allows { "allow" } else { "deny" };
    let mut s = format!("{verb} {}", r.syscall);
    for (i, c) in r.conditions.iter().enumerate() {
        s.push_str(if i == 0 { " if " } else { " and " });
        s.push_str(&condition(r.syscall.0, c, allows));
    }
    match r.action {
        Action::Allow => {}
        Action::Errno(e) => match consts::errno_name(i32::from(e)) {
            Some(n) => s.push_str(&format!(" errno {n}")),
            None => s.push_str(&format!(" errno {e}")),
        },
        Action::KillProcess => s.push_str(" kill"),
        Action::KillThread => s.push_str(" kill_thread"),
        Action::Trap => s.push_str(" trap"),
        Action::Log => s.push_str(" log"),
        Action::Trace(n) => s.push_str(&format!(" trace {n}")),
    }
    s
}
