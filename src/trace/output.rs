//! How a trace looks: each completed call as a text line (`openat(…) = 3`, like strace's) or a
//! JSON line (lurk's fields), and as an [`Event`] for scripts; a task's end and a delivered
//! signal as lines of their own; call and signal names; the `-c` summary table
//! ([`summary_table`]). The engine decides what is shown and writes the lines; this module
//! only renders values, without I/O.

use std::time::Duration;

use super::profile::{Abi, Profile, SyscallTotals};
use crate::abi::consts;
use crate::abi::signature;
use crate::abi::syscalls;
use crate::sandbox::status::Exit;

/// One completed call, as scripts see it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub(crate) struct Event {
    /// The thread that made it.
    pub pid: i32,
    /// Its name (`openat`, `i386:getpid` …).
    pub syscall: String,
    /// The arguments as shown (`AT_FDCWD`, `"/etc/hosts"`, `O_RDONLY` …).
    pub args: Vec<String>,
    /// The return value (None when the call did not return: exit, or killed).
    pub result: Option<i64>,
    /// The errno name when it failed (`ENOENT`).
    pub error: Option<String>,
    /// Seconds between entry and exit.
    pub duration: f64,
}

/// A completed call, as [`call_event`], [`call_json`] and [`call_text`] render it.
pub(super) struct Done<'a> {
    /// The thread that made it.
    pub(super) pid: i32,
    /// The ABI it was made through.
    pub(super) abi: Abi,
    /// Its number (an x32 call's without the x32 bit).
    pub(super) nr: u32,
    /// Its name ([`call_name`]).
    pub(super) name: &'a str,
    /// The raw arguments.
    pub(super) args: &'a [u64; 6],
    /// The arguments as decoded, when they were (x86_64 calls shown or kept); else the raw
    /// ones are shown in hex.
    pub(super) decoded: Option<&'a [String]>,
    /// The return value (None when the call did not return: exit, or killed).
    pub(super) ret: Option<i64>,
    /// The errno when it failed.
    pub(super) errno: Option<i32>,
    /// Time between entry and exit.
    pub(super) elapsed: Duration,
}

/// The call as scripts see it.
pub(super) fn call_event(c: &Done<'_>) -> Event {
    let args = match c.decoded {
        Some(a) => a.to_vec(),
        None => c.args.iter().map(|a| format!("{a:#x}")).collect(),
    };
    Event {
        pid: c.pid,
        syscall: c.name.to_string(),
        args,
        result: c.ret,
        error: c
            .errno
            .map(|e| consts::errno_name(e).map_or_else(|| e.to_string(), str::to_string)),
        duration: c.elapsed.as_secs_f64(),
    }
}

/// The call as a JSON line (`-j`): `type`, `pid`, `num`, `syscall`, `abi` (other than
/// x86_64), `args` (numbers as numbers), then `error` (the negative return), `result` (an
/// address in hex, or `?` when it did not return) or `success`, and `duration`.
pub(super) fn call_json(c: &Done<'_>) -> String {
    let mut obj = serde_json::Map::new();
    obj.insert("type".into(), "SYSCALL".into());
    obj.insert("pid".into(), c.pid.into());
    obj.insert("num".into(), c.nr.into());
    obj.insert("syscall".into(), c.name.into());
    if c.abi != Abi::X86_64 {
        obj.insert("abi".into(), c.abi.name().into());
    }
    let args: Vec<serde_json::Value> = match c.decoded {
        Some(a) => a.iter().map(|s| json_arg(s)).collect(),
        None => c.args.iter().map(|a| format!("{a:#x}").into()).collect(),
    };
    obj.insert("args".into(), args.into());
    match c.ret {
        Some(r) if c.errno.is_some() => {
            obj.insert("error".into(), r.into());
        }
        Some(r)
            if r.unsigned_abs() > 0x8000
                && matches!(c.name, "mmap" | "mremap" | "brk" | "shmat") =>
        {
            obj.insert("result".into(), format!("{r:#x}").into());
        }
        Some(r) => {
            obj.insert("success".into(), r.into());
        }
        None => {
            obj.insert("result".into(), "?".into());
        }
    }
    obj.insert("duration".into(), c.elapsed.as_secs_f64().into());
    serde_json::Value::Object(obj).to_string()
}

/// The call as a text line without the pid prefix: `call` (as shown at its entry), ` = `, the
/// return value as strace shows it (`?` when it did not return), and ` <seconds>` with
/// `timing` (`-T`).
pub(super) fn call_text(c: &Done<'_>, call: &str, timing: bool) -> String {
    let result = match c.ret {
        None => "?".to_string(),
        Some(r) if c.abi == Abi::X86_64 => signature::format_return(c.nr, r),
        Some(r) if c.errno.is_some() => signature::format_return(u32::MAX, r),
        Some(r) => r.to_string(),
    };
    let timing = if timing {
        format!(" <{:.6}>", c.elapsed.as_secs_f64())
    } else {
        String::new()
    };
    format!("{call} = {result}{timing}")
}

/// How a task ended, as a JSON line's value and as text (`+++ exited with 0 +++`).
pub(super) fn exit_event(pid: i32, exit: Exit) -> (serde_json::Value, String) {
    match exit {
        Exit::Code(c) => (
            serde_json::json!({"type": "EXIT", "pid": pid, "code": c}),
            format!("+++ exited with {c} +++"),
        ),
        Exit::Signal(s) => (
            serde_json::json!({"type": "EXIT", "pid": pid, "signal": signal_text(s)}),
            format!("+++ killed by {} +++", signal_text(s)),
        ),
    }
}

/// A signal delivered to a task, as a JSON line's value and as text (`--- SIGCHLD ---`).
pub(super) fn signal_event(pid: i32, sig: i32) -> (serde_json::Value, String) {
    let name = signal_text(sig);
    (
        serde_json::json!({"type": "SIGNAL", "pid": pid, "signal": name}),
        format!("--- {name} ---"),
    )
}

/// The name of a call, for output and totals.
pub(super) fn call_name(abi: Abi, nr: u32) -> String {
    match abi {
        Abi::X86_64 => syscalls::name(nr).map_or_else(|| format!("syscall_{nr}"), str::to_string),
        Abi::I386 => format!(
            "i386:{}",
            syscalls::i386_name(nr).map_or_else(|| format!("syscall_{nr}"), str::to_string)
        ),
        Abi::X32 => format!(
            "x32:{}",
            syscalls::x32_name(nr).map_or_else(|| format!("syscall_{nr}"), str::to_string)
        ),
    }
}

/// A signal's name (`SIGTERM`), else `signal N`.
fn signal_text(sig: i32) -> String {
    consts::signal_name(sig).map_or_else(|| format!("signal {sig}"), str::to_string)
}

/// Returns a JSON value for a shown argument: numbers stay numbers.
fn json_arg(text: &str) -> serde_json::Value {
    match text.parse::<i64>() {
        Ok(n) => serde_json::Value::from(n),
        Err(_) => serde_json::Value::from(text),
    }
}

/// The `-c` table, like strace's: time share, seconds, µs per call, calls, errors, name;
/// sorted by time, then calls.
pub(crate) fn summary_table(profile: &Profile) -> String {
    let total: Duration = profile.totals.values().map(|t| t.time).sum();
    let mut rows: Vec<(&String, &SyscallTotals)> = profile.totals.iter().collect();
    rows.sort_by(|a, b| {
        b.1.time
            .cmp(&a.1.time)
            .then(b.1.calls.cmp(&a.1.calls))
            .then(a.0.cmp(b.0))
    });
    let mut s = String::new();
    s.push_str("% time     seconds  usecs/call     calls    errors syscall\n");
    s.push_str("------ ----------- ----------- --------- --------- ----------------\n");
    let share = |t: Duration| {
        if total.is_zero() {
            0.0
        } else {
            100.0 * t.as_secs_f64() / total.as_secs_f64()
        }
    };
    let (mut calls, mut errors) = (0u64, 0u64);
    for (name, t) in rows {
        calls += t.calls;
        errors += t.errors;
        let per = t.time.as_micros() as u64 / t.calls.max(1);
        let errs = if t.errors > 0 {
            t.errors.to_string()
        } else {
            String::new()
        };
        s.push_str(&format!(
            "{:6.2} {:11.6} {:11} {:9} {:>9} {}\n",
            share(t.time),
            t.time.as_secs_f64(),
            per,
            t.calls,
            errs,
            name
        ));
    }
    s.push_str("------ ----------- ----------- --------- --------- ----------------\n");
    let errs = if errors > 0 {
        errors.to_string()
    } else {
        String::new()
    };
    s.push_str(&format!(
        "{:6.2} {:11.6} {:11} {:9} {:>9} total",
        100.0,
        total.as_secs_f64(),
        (total.as_micros() as u64).checked_div(calls).unwrap_or(0),
        calls,
        errs
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_util::nr;

    #[test]
    fn calls_are_named_by_their_abi() {
        assert_eq!(call_name(Abi::X86_64, nr("openat")), "openat");
        assert_eq!(call_name(Abi::X86_64, 100_000), "syscall_100000");
        // i386's 20 is getpid, x32's numbers are x86_64's without the x32 bit.
        assert_eq!(call_name(Abi::I386, 20), "i386:getpid");
        assert_eq!(call_name(Abi::X32, 39), "x32:getpid");
        assert_eq!(signal_text(libc::SIGTERM), "SIGTERM");
        assert_eq!(signal_text(77), "signal 77");
    }

    #[test]
    fn shown_arguments_keep_numbers_as_numbers() {
        assert_eq!(json_arg("42"), serde_json::json!(42));
        assert_eq!(json_arg("-1"), serde_json::json!(-1));
        assert_eq!(json_arg("O_RDONLY"), serde_json::json!("O_RDONLY"));
        assert_eq!(json_arg("0x10"), serde_json::json!("0x10"));
    }

    #[test]
    fn the_summary_table_is_stracelike() {
        let mut p = Profile::default();
        let mut put = |name: &str, calls, errors, micros| {
            p.totals.insert(
                name.to_string(),
                SyscallTotals {
                    calls,
                    errors,
                    time: Duration::from_micros(micros),
                },
            );
        };
        put("read", 10, 0, 300);
        put("openat", 4, 1, 100);
        put("close", 4, 0, 100);
        // By time, then calls, then name; errors only where there are some.
        assert_eq!(
            summary_table(&p),
            "\
% time     seconds  usecs/call     calls    errors syscall
------ ----------- ----------- --------- --------- ----------------
 60.00    0.000300          30        10           read
 20.00    0.000100          25         4           close
 20.00    0.000100          25         4         1 openat
------ ----------- ----------- --------- --------- ----------------
100.00    0.000500          27        18         1 total"
        );
    }

    /// A completed x86_64 `openat` of `/etc/hosts` that took 1.5 ms and returned `ret`.
    fn openat(ret: i64, errno: Option<i32>, decoded: &[String]) -> Done<'_> {
        Done {
            pid: 42,
            abi: Abi::X86_64,
            nr: nr("openat"),
            name: "openat",
            args: &[0xffff_ff9c, 0x1000, 0, 0, 0, 0],
            decoded: Some(decoded),
            ret: Some(ret),
            errno,
            elapsed: Duration::from_micros(1500),
        }
    }

    fn json(line: &str) -> serde_json::Value {
        serde_json::from_str(line).unwrap()
    }

    #[test]
    fn calls_render_as_text_and_json_lines() {
        let shown = [
            "AT_FDCWD".to_string(),
            "\"/etc/hosts\"".into(),
            "O_RDONLY".into(),
        ];
        let ok = openat(3, None, &shown);
        let call = "openat(AT_FDCWD, \"/etc/hosts\", O_RDONLY)";
        assert_eq!(
            call_text(&ok, call, false),
            "openat(AT_FDCWD, \"/etc/hosts\", O_RDONLY) = 3"
        );
        assert_eq!(
            call_text(&ok, call, true),
            "openat(AT_FDCWD, \"/etc/hosts\", O_RDONLY) = 3 <0.001500>"
        );
        assert_eq!(
            json(&call_json(&ok)),
            serde_json::json!({"type": "SYSCALL", "pid": 42, "num": 257, "syscall": "openat",
                "args": ["AT_FDCWD", "\"/etc/hosts\"", "O_RDONLY"], "success": 3,
                "duration": 0.0015})
        );
        // A failure: strace's errno text, the negative return as `error`.
        let failed = openat(-2, Some(2), &shown);
        assert_eq!(
            call_text(&failed, call, false),
            "openat(AT_FDCWD, \"/etc/hosts\", O_RDONLY) = -1 ENOENT (No such file or directory)"
        );
        let line = json(&call_json(&failed));
        assert_eq!(line["error"], -2);
        assert!(line.get("success").is_none() && line.get("result").is_none());
        // Numbers among the shown arguments stay numbers.
        let numbers = ["3".to_string(), "-1".into(), "0x10".into()];
        assert_eq!(
            json(&call_json(&openat(0, None, &numbers)))["args"],
            serde_json::json!([3, -1, "0x10"])
        );
    }

    #[test]
    fn addresses_unreturned_and_foreign_calls() {
        let args = [0, 4096, 3, 0x22, u64::MAX, 0];
        let mut mmap = Done {
            pid: 7,
            abi: Abi::X86_64,
            nr: nr("mmap"),
            name: "mmap",
            args: &args,
            decoded: None,
            ret: Some(0x7f00_0000_1000),
            errno: None,
            elapsed: Duration::ZERO,
        };
        assert_eq!(
            call_text(&mmap, "mmap(…)", false),
            "mmap(…) = 0x7f0000001000"
        );
        let line = json(&call_json(&mmap));
        assert_eq!(line["result"], "0x7f0000001000");
        // Not decoded: the raw arguments in hex.
        assert_eq!(
            line["args"],
            serde_json::json!(["0x0", "0x1000", "0x3", "0x22", "0xffffffffffffffff", "0x0"])
        );
        // A small mmap return is a plain number.
        mmap.ret = Some(0x1000);
        assert_eq!(json(&call_json(&mmap))["success"], 0x1000);
        // exit_group does not return.
        let exit = Done {
            name: "exit_group",
            nr: nr("exit_group"),
            ret: None,
            ..mmap
        };
        assert_eq!(
            call_text(&exit, "exit_group(0)", false),
            "exit_group(0) = ?"
        );
        assert_eq!(json(&call_json(&exit))["result"], "?");
        // An i386 call: its ABI named, returns shown as numbers unless they failed.
        let i386 = Done {
            abi: Abi::I386,
            nr: 20,
            name: "i386:getpid",
            ret: Some(100),
            ..mmap
        };
        assert_eq!(
            call_text(&i386, "i386:getpid()", false),
            "i386:getpid() = 100"
        );
        let line = json(&call_json(&i386));
        assert_eq!(line["abi"], "i386");
        assert_eq!(line["num"], 20);
        let failed = Done {
            ret: Some(-1),
            errno: Some(1),
            ..i386
        };
        assert_eq!(
            call_text(&failed, "i386:getpid()", false),
            "i386:getpid() = -1 EPERM (Operation not permitted)"
        );
    }

    #[test]
    fn calls_become_events_for_scripts() {
        let shown = ["AT_FDCWD".to_string(), "\"x\"".into(), "O_RDONLY".into()];
        let e = call_event(&openat(-2, Some(2), &shown));
        assert_eq!(
            e,
            Event {
                pid: 42,
                syscall: "openat".into(),
                args: shown.to_vec(),
                result: Some(-2),
                error: Some("ENOENT".into()),
                duration: 0.0015,
            }
        );
        // Without decoded arguments, the raw ones in hex; an errno without a name, its number.
        let raw = Done {
            decoded: None,
            errno: Some(4000),
            ..openat(-4000, None, &shown)
        };
        let e = call_event(&raw);
        assert_eq!(e.args, ["0xffffff9c", "0x1000", "0x0", "0x0", "0x0", "0x0"]);
        assert_eq!(e.error.as_deref(), Some("4000"));
    }

    #[test]
    fn exits_and_signals_are_lines_of_their_own() {
        let (j, t) = exit_event(7, Exit::Code(0));
        assert_eq!(j, serde_json::json!({"type": "EXIT", "pid": 7, "code": 0}));
        assert_eq!(t, "+++ exited with 0 +++");
        let (j, t) = exit_event(7, Exit::Signal(libc::SIGKILL));
        assert_eq!(
            j,
            serde_json::json!({"type": "EXIT", "pid": 7, "signal": "SIGKILL"})
        );
        assert_eq!(t, "+++ killed by SIGKILL +++");
        let (j, t) = signal_event(8, libc::SIGCHLD);
        assert_eq!(
            j,
            serde_json::json!({"type": "SIGNAL", "pid": 8, "signal": "SIGCHLD"})
        );
        assert_eq!(t, "--- SIGCHLD ---");
        assert_eq!(signal_event(8, 77).1, "--- signal 77 ---");
    }
}
