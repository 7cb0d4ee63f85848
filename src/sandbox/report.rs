//! Violation reports: what was denied, to whom, and what would fix it; one line of text per
//! denial, one JSON object per denial for `--report`, and bounded counting with a summary.
//!
//! Decoded pointer arguments (paths, socket addresses) are read from the sandboxed program's
//! memory after the fact: they are a hint for the reader, never an input to a decision.

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

use crate::abi::signature::{self, ReadMem, Style};
use crate::abi::syscalls;
use crate::compile::bpf;
use crate::policy::promise::{self, Promise, PromiseSet};

/// What would have allowed a denied call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Fix {
    /// Any one of these promises.
    Promises(Vec<Promise>),
    /// Both promises of any one of these pairs (no single promise is enough: e.g. creating
    /// a file for writing needs `wpath` and `cpath`).
    Together(Vec<(Promise, Promise)>),
    /// Never allowed, with the reason.
    Never(&'static str),
    /// No promise allows the call (with these arguments); an explicit rule would.
    Rule(String),
    /// Promises allow the call on the program itself (pid 0 or its own pid) but none on
    /// another process; on itself it would need one of these promises (none: it is allowed
    /// there already).
    OtherProcess(Vec<Promise>),
    /// In a program the program executed, under the exec promises (`-e`): the fix names
    /// exec promises.
    Exec(Box<Fix>),
}

impl fmt::Display for Fix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fix::Promises(ps) => {
                let names: Vec<&str> = ps.iter().map(|p| p.name()).collect();
                match names.as_slice() {
                    [one] => write!(f, "needs promise {one}"),
                    [init @ .., last] => write!(f, "needs promise {} or {last}", init.join(", ")),
                    [] => f.write_str("needs a promise"),
                }
            }
            Fix::Together(pairs) => {
                let alts: Vec<String> = pairs
                    .iter()
                    .map(|(a, b)| format!("{} and {}", a.name(), b.name()))
                    .collect();
                write!(f, "needs promises {}", alts.join(", or "))
            }
            Fix::Never(why) => f.write_str(why),
            Fix::Rule(rule) => write!(f, "no promise allows this (explicit rule: {rule})"),
            Fix::Exec(inner) => {
                let text = inner.to_string();
                match text.strip_prefix("needs promise") {
                    Some(rest) => write!(f, "needs exec promise{rest} (-e)"),
                    None => write!(f, "{text} (in an executed program, under -e)"),
                }
            }
            Fix::OtherProcess(ps) => {
                f.write_str("no promise allows it on another process")?;
                if !ps.is_empty() {
                    write!(f, " (on itself it {})", Fix::Promises(ps.clone()))?;
                }
                Ok(())
            }
        }
    }
}

/// One denied call.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Denial {
    /// The thread that made it.
    pub pid: i32,
    /// Its command name (from `/proc`, a hint).
    pub comm: String,
    /// The syscall's name (`socket`, or `i386:getpid`, `x32:…`).
    pub syscall: String,
    /// Its number.
    pub nr: u32,
    /// Raw arguments.
    pub args: [u64; 6],
    /// The call decoded, e.g. `socket(AF_INET, SOCK_STREAM, 0)`.
    pub call: String,
    /// The promises that would allow it: any one of them, or, when no single promise would
    /// (see [`Fix::Together`]), the two needed together. Empty when none would.
    pub promises: Vec<&'static str>,
    /// `promises` are needed together, not any one of them.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub together: bool,
    /// The fix, in words.
    pub fix: String,
    /// Made in a program the program executed, which holds the exec promises (`-e`):
    /// `promises` are missing from those.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub exec: bool,
    /// What the sandbox did: `eperm`, `kill`, or the errno name (`eacces` for Landlock).
    pub action: String,
    /// Who refused it: `seccomp` (the filter) or `landlock` (the unveiled paths).
    pub by: &'static str,
    /// Landlock: the object refused (a path, escaped).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Landlock: the rights refused, as the kernel names them (`fs.read_file` …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub access: Vec<String>,
    /// Landlock: the unveil that would allow it, as `-v` takes it (`r:/etc/hostname`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unveil: Option<String>,
}

impl Denial {
    /// The report line: `seccomp-pledge: denied CALL in COMM[PID]: FIX`, or in audit mode
    /// `seccomp-pledge: audit: would deny CALL in COMM[PID] (let through): FIX`.
    pub(crate) fn line(&self) -> String {
        if self.action == AUDIT_ACTION {
            return format!(
                "seccomp-pledge: audit: would deny {} in {}[{}] (let through): {}",
                self.call, self.comm, self.pid, self.fix
            );
        }
        format!(
            "seccomp-pledge: denied {} in {}[{}]: {}",
            self.call, self.comm, self.pid, self.fix
        )
    }
}

/// The `action` of a denial that audit mode let through.
pub(crate) const AUDIT_ACTION: &str = "audit";

/// What the calls audit mode let through would need: a promise for each (the first that
/// would allow it, or the pair needed together), an unveil for each file Landlock would
/// refuse.
#[derive(Debug, Default)]
pub(crate) struct WouldNeed {
    calls: u64,
    promises: std::collections::BTreeSet<&'static str>,
    /// Promises executed programs would need (their fixes name exec promises).
    exec_promises: std::collections::BTreeSet<&'static str>,
    unveils: std::collections::BTreeSet<String>,
    unfixable: u64,
}

impl WouldNeed {
    /// Counts a call the filter denies that audit mode let through, with its fix.
    pub(crate) fn note_fix(&mut self, fix: &Fix) {
        self.calls += 1;
        match fix {
            Fix::Exec(inner) => self.take(inner, true),
            other => self.take(other, false),
        }
    }

    fn take(&mut self, fix: &Fix, exec: bool) {
        let set = if exec {
            &mut self.exec_promises
        } else {
            &mut self.promises
        };
        match fix {
            Fix::Promises(ps) if !ps.is_empty() => {
                set.insert(ps[0].name());
            }
            Fix::Together(pairs) if !pairs.is_empty() => {
                set.insert(pairs[0].0.name());
                set.insert(pairs[0].1.name());
            }
            _ => self.unfixable += 1,
        }
    }

    /// Counts a file call Landlock would refuse that audit mode let through.
    pub(crate) fn note_unveil(&mut self, d: &Denial) {
        self.calls += 1;
        match &d.unveil {
            Some(u) => {
                self.unveils.insert(u.clone());
            }
            None => self.unfixable += 1,
        }
    }

    /// The line said at exit: nothing was enforced, how many calls would have been denied,
    /// and what the policy lacks for them.
    pub(crate) fn summary(&self, granted: PromiseSet) -> String {
        let mut out = format!(
            "audit mode: nothing was enforced but deny rules and the guards; {} call{} would have been denied",
            self.calls,
            if self.calls == 1 { "" } else { "s" }
        );
        if self.calls == 0 {
            out.push_str(": the policy holds for this run");
            return out;
        }
        let mut fix = Vec::new();
        if !self.promises.is_empty() {
            let mut all: Vec<&str> = granted.iter().map(|p| p.name()).collect();
            all.extend(self.promises.iter().copied());
            fix.push(format!("-p '{}'", all.join(" ")));
        }
        if !self.exec_promises.is_empty() {
            let names: Vec<&str> = self.exec_promises.iter().copied().collect();
            fix.push(format!("-e adding '{}'", names.join(" ")));
        }
        fix.extend(self.unveils.iter().map(|u| format!("-v {u}")));
        if !fix.is_empty() {
            out.push_str(&format!("; to allow them: {}", fix.join(" ")));
        }
        if self.unfixable > 0 {
            out.push_str(&format!(
                " ({} that no promise allows, see the lines above)",
                self.unfixable
            ));
        }
        out
    }
}

const TIOCSTI: u64 = 0x5412;
const TIOCLINUX: u64 = 0x541c;

/// Works out what would allow a call that `granted` denies, made in the sandbox whose
/// program has pid `self_pid` (the pid the filter compares "itself" with).
pub(crate) fn fix_for(nr: u32, args: &[u64; 6], granted: PromiseSet, self_pid: u32) -> Fix {
    let args = &promise::with_placeholder(nr, args, self_pid);
    let name = syscalls::name(nr);
    match name {
        Some("ioctl") if matches!(args[1] & 0xffff_ffff, TIOCSTI | TIOCLINUX) => {
            return Fix::Never("never allowed: it injects input into a terminal");
        }
        Some("seccomp") if args[1] & 8 != 0 => {
            return Fix::Never(
                "never allowed: a sandboxed program may not receive seccomp notifications",
            );
        }
        Some("openat2") | Some("clone3") => {
            return Fix::Never("never allowed (answered with ENOSYS so libc falls back)");
        }
        _ => {}
    }
    if name.is_some_and(|n| crate::policy::unveil::unscoped_attr(n, args))
        && promise::allows(granted, nr, args)
    {
        // Granted, but not on a path while unveil is on.
        return Fix::Never(crate::policy::unveil::UNSCOPED_ATTRS_WHY);
    }
    let ps = promise::promises_allowing(nr, args, granted);
    if !ps.is_empty() {
        return Fix::Promises(ps);
    }
    // Rules with `also` need two promises at once.
    let missing: Vec<Promise> = promise::ALL
        .into_iter()
        .filter(|p| !granted.contains(*p))
        .collect();
    let mut pairs = Vec::new();
    for (i, a) in missing.iter().enumerate() {
        for b in &missing[i + 1..] {
            if promise::allows(granted.union(PromiseSet::of(&[*a, *b])), nr, args) {
                pairs.push((*a, *b));
            }
        }
    }
    if !pairs.is_empty() {
        return Fix::Together(pairs);
    }
    let everything = PromiseSet::of(&promise::ALL);
    if let Some(own) = on_itself(nr, args, everything) {
        return Fix::OtherProcess(if promise::allows(granted, nr, &own) {
            Vec::new()
        } else {
            promise::promises_allowing(nr, &own, granted)
        });
    }
    match name {
        Some(n) => {
            let some_promise_has_it = promise::ALL.iter().any(|p| {
                let info = p.info();
                info.syscalls.iter().any(|s| s.id() as u32 == nr)
                    || info.rules.iter().any(|r| r.syscall.id() as u32 == nr)
            });
            if some_promise_has_it && !promise::allows(everything, nr, args) {
                // Promises allow the call with other arguments: the rule allows exactly
                // these values of the arguments they look at (valid `--allow` text).
                Fix::Rule(exact_rule(nr, args).unwrap_or_else(|| format!("allow {n}")))
            } else {
                Fix::Rule(format!("allow {n}"))
            }
        }
        None => Fix::Never("not a system call of this architecture"),
    }
}

/// `allow NAME if argI == V and …` for the arguments the promise table's rules of `nr`
/// look at, with this call's values: a rule the shell and `--allow` accept as written.
fn exact_rule(nr: u32, args: &[u64; 6]) -> Option<String> {
    use crate::policy::rule::{Action, Condition, Op, Rule};
    let sysno = crate::abi::syscalls::Sysno::new(nr as usize)?;
    let mut indices: Vec<u8> = promise::ALL
        .iter()
        .flat_map(|p| p.info().rules.iter())
        .filter(|r| r.syscall.id() as u32 == nr)
        .flat_map(|r| r.all_of.iter().flat_map(|g| g.iter().map(|c| c.index)))
        .collect();
    indices.sort_unstable();
    indices.dedup();
    if indices.is_empty() {
        return None;
    }
    let conditions = indices
        .into_iter()
        .filter(|&i| args[usize::from(i)] != promise::PID_PLACEHOLDER)
        .map(|i| {
            let v = args[usize::from(i)];
            let width = crate::abi::sysargs::default_width(sysno, i, v, true);
            let v = if width == crate::policy::rule::Width::Dword {
                v & 0xffff_ffff
            } else {
                v
            };
            Condition::new(i, width, Op::Eq, v)
        })
        .collect();
    let rule = Rule {
        syscall: crate::abi::syscalls::Syscall(sysno),
        conditions,
        action: Action::Allow,
        comment: None,
    };
    Some(crate::policy::render::rule(&rule))
}

/// The call aimed at the program itself instead (each pid argument of the promise table
/// made 0 or the program's own pid), when some promise in `set` allows that.
fn on_itself(nr: u32, args: &[u64; 6], set: PromiseSet) -> Option<[u64; 6]> {
    let pid_args = promise::self_pid_args(nr);
    let i = pid_args.iter().position(|&p| p)?;
    [0, promise::PID_PLACEHOLDER].into_iter().find_map(|v| {
        let mut own = *args;
        own[i] = v;
        promise::allows(set, nr, &own).then_some(own)
    })
}

/// The name reports use for a native syscall number.
pub(crate) fn syscall_name(nr: u32) -> String {
    syscalls::name(nr).map_or_else(|| format!("syscall_{nr}"), str::to_string)
}

/// Builds the report for a native call denied by the filter, whose fix is already known.
pub(crate) fn denial(
    pid: i32,
    nr: u32,
    args: [u64; 6],
    fix: &Fix,
    read: ReadMem<'_>,
    action: &str,
) -> Denial {
    let (fix, exec) = match fix {
        Fix::Exec(inner) => (&**inner, true),
        other => (other, false),
    };
    let promises = match &fix {
        Fix::Promises(ps) => ps.iter().map(|p| p.name()).collect(),
        Fix::Together(pairs) => pairs
            .first()
            .map(|(a, b)| vec![a.name(), b.name()])
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let style = Style {
        max_string: 64,
        read_memory: true,
    };
    Denial {
        pid,
        comm: comm(pid),
        together: matches!(fix, Fix::Together(_)),
        syscall: syscall_name(nr),
        nr,
        args,
        call: signature::format_call(nr, &args, read, style),
        promises,
        fix: if exec {
            Fix::Exec(Box::new(fix.clone())).to_string()
        } else {
            fix.to_string()
        },
        exec,
        action: action.to_string(),
        by: "seccomp",
        path: None,
        access: Vec::new(),
        unveil: None,
    }
}

/// Builds the report for a call with the x32 bit or from another architecture.
pub(crate) fn foreign(pid: i32, arch: u32, nr: u32, args: [u64; 6], action: &str) -> Denial {
    let (syscall, call, fix) = if arch == bpf::AUDIT_ARCH_I386 {
        let name = syscalls::i386_name(nr).unwrap_or("unknown");
        (
            format!("i386:{name}"),
            format!("{} via int 0x80", signature::format_call_i386(nr, &args)),
            "never allowed: 32-bit system calls bypass the 64-bit filter; the sandbox was killed",
        )
    } else if arch == bpf::AUDIT_ARCH_X86_64 {
        let low = nr & !crate::abi::uapi::X32_SYSCALL_BIT;
        let name = syscalls::x32_name(low).map_or_else(|| low.to_string(), str::to_string);
        (
            format!("x32:{name}"),
            format!(
                "x32 syscall {name}({:#x}, {:#x}, {:#x})",
                args[0], args[1], args[2]
            ),
            "never allowed: x32 system calls bypass the 64-bit filter",
        )
    } else {
        (
            format!("arch_{arch:#x}:{nr}"),
            format!("syscall {nr} of architecture {arch:#x}"),
            "never allowed: foreign-architecture system call; the sandbox was killed",
        )
    };
    Denial {
        pid,
        comm: comm(pid),
        syscall,
        nr,
        args,
        call,
        promises: Vec::new(),
        together: false,
        fix: fix.to_string(),
        exec: false,
        action: action.to_string(),
        by: "seccomp",
        path: None,
        access: Vec::new(),
        unveil: None,
    }
}

/// What a Landlock right is, in words (`fs.read_file` → `read`).
fn right_word(kernel_name: &str) -> &str {
    match kernel_name.strip_prefix("fs.").unwrap_or(kernel_name) {
        "read_file" => "read",
        "read_dir" => "list",
        "write_file" => "write",
        "truncate" => "truncate",
        "ioctl_dev" => "device ioctl",
        "execute" => "execute",
        "remove_file" | "remove_dir" => "remove",
        "refer" => "move or link across directories",
        n if n.starts_with("make_") => "create",
        "net.connect_tcp" => "TCP connect",
        "net.bind_tcp" => "TCP bind",
        _ => kernel_name,
    }
}

/// Builds the report of a refusal by the sandbox's Landlock domain:
/// `denied open "/etc/hostname" (read) in cat[4242]: needs unveil r:/etc/hostname`.
///
/// The fix grants the letters of the refused rights on the path the kernel logged (for a
/// creation or a removal, the directory), plus `w` when an `open` that creates a file also
/// writes it (the next refusal would be that).
pub(crate) fn landlock(r: &super::audit::Refusal) -> Denial {
    use crate::compile::landlock::letter_for_right;
    use crate::policy::Perms;
    let mut letters = Perms::default();
    for b in &r.blockers {
        if let Some(p) = letter_for_right(b) {
            letters = letters.union(p);
        }
    }
    let name = r.syscall.and_then(|(nr, _)| syscalls::name(nr));
    let flags = r
        .syscall
        .and_then(|(nr, a)| super::unveil_check::open_flags(nr, &a));
    if let Some(flags) = flags {
        let writes = flags & libc::O_ACCMODE as u64 != libc::O_RDONLY as u64;
        if letters.contains(Perms::CREATE) && writes {
            letters = letters.union(Perms::WRITE);
        }
    }
    let path = r.path.as_deref().map(signature::escape_bare);
    let mut words: Vec<&str> = r.blockers.iter().map(|b| right_word(b)).collect();
    words.dedup();
    let verb = match name {
        Some(n) => n
            .strip_suffix("at2")
            .or_else(|| n.strip_suffix("at"))
            .filter(|_| n != "creat")
            .unwrap_or(n),
        None => "access",
    };
    // For a creation, a removal or a move, the kernel logs the directory.
    let in_dir = r
        .blockers
        .iter()
        .all(|b| b.starts_with("fs.make_") || b.starts_with("fs.remove_") || b == "fs.refer");
    // A TCP port refused by a network unveil: the kernel logs the port (`dest` for a
    // connect, `src` for a bind) and the address.
    let field = |key: &str| {
        r.detail
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| signature::escape_bare(v.as_bytes()))
    };
    let net = if r.blockers.iter().any(|b| b == "net.connect_tcp") {
        Some(("connect", field("dest"), field("daddr")))
    } else if r.blockers.iter().any(|b| b == "net.bind_tcp") {
        Some(("bind", field("src"), field("saddr")))
    } else {
        None
    };
    let object = match (&r.path, r.detail.iter().find(|(k, _)| k == "opid")) {
        (Some(p), _) if in_dir => format!("{verb} in {}", signature::escape(p, 256)),
        (Some(p), _) => format!("{verb} {}", signature::escape(p, 256)),
        (None, Some((_, opid))) => format!("{verb} process {opid}"),
        (None, None) => match &net {
            Some((_, Some(port), addr)) => {
                let to = if verb == "bind" { "on" } else { "to" };
                match addr {
                    Some(a) => format!("{verb} {to} {a} port {port}"),
                    None => format!("{verb} {to} port {port}"),
                }
            }
            _ => verb.to_string(),
        },
    };
    let call = format!("{object} ({})", words.join(", "));
    let (fix, unveil) = match (&path, letters.is_empty()) {
        (Some(p), false) => {
            let v = format!("{letters}:{p}");
            (format!("needs unveil {}", shell_words::quote(&v)), Some(v))
        }
        (None, _) if matches!(net, Some((_, Some(_), _))) => {
            let (kind, port, _) = net.clone().expect("matched");
            let v = format!("{kind}:{}", port.expect("matched"));
            (format!("needs unveil {v}"), Some(v))
        }
        _ if r.blockers.iter().any(|b| b.starts_with("scope.")) => (
            "never allowed: Landlock scopes the sandbox (no signals to, and no abstract Unix sockets of, processes outside it)".to_string(),
            None,
        ),
        _ => ("no unveil letter allows it".to_string(), None),
    };
    let (nr, args) = match r.syscall {
        Some((nr, a)) => (nr, [a[0], a[1], a[2], a[3], 0, 0]),
        None => (0, [0; 6]),
    };
    let comm = if r.comm.is_empty() {
        comm(r.pid)
    } else {
        signature::escape_bare(&r.comm[..r.comm.len().min(64)])
    };
    Denial {
        pid: r.pid,
        comm,
        syscall: name.map_or_else(|| "landlock".to_string(), str::to_string),
        nr,
        args,
        call,
        promises: Vec::new(),
        together: false,
        fix,
        exec: false,
        action: "eacces".to_string(),
        by: "landlock",
        path,
        access: r.blockers.clone(),
        unveil,
    }
}

/// The command name of a thread, escaped (a hint: the program chooses it, so it is data,
/// never terminal control).
pub(crate) fn comm(pid: i32) -> String {
    std::fs::read(format!("/proc/{pid}/comm"))
        .map(|s| {
            let s = s.strip_suffix(b"\n").unwrap_or(&s);
            signature::escape_bare(&s[..s.len().min(64)])
        })
        .unwrap_or_else(|_| "?".to_string())
}

/// How many distinct kinds of denial are remembered before the rest are lumped together.
const MAX_KINDS: usize = 1024;
/// Lines printed for one kind of denial before the rest are only counted.
const LINES_PER_KIND: u32 = 3;
/// Lines printed in all before everything is only counted.
const MAX_LINES: u32 = 200;
/// Lines of the exit summary at most (the last one counts the rest).
const MAX_SUMMARY: usize = 50;

/// Counts denials by kind (syscall and fix) with bounded memory, and decides which get a
/// line.
#[derive(Default)]
pub(crate) struct Tally {
    kinds: HashMap<(String, String), (u64, u32)>,
    overflow: u64,
    lines: u32,
    total: u64,
}

impl Tally {
    /// Counts a denial of `syscall` with this fix; returns whether its line should be
    /// printed.
    pub(crate) fn count(&mut self, syscall: &str, fix: &str) -> bool {
        self.total += 1;
        let key = (syscall.to_string(), fix.to_string());
        let full = self.kinds.len() >= MAX_KINDS;
        let entry = match self.kinds.get_mut(&key) {
            Some(e) => e,
            None if full => {
                self.overflow += 1;
                return false;
            }
            None => self.kinds.entry(key).or_insert((0, 0)),
        };
        entry.0 += 1;
        if entry.1 < LINES_PER_KIND && self.lines < MAX_LINES {
            entry.1 += 1;
            self.lines += 1;
            true
        } else {
            false
        }
    }

    /// All denials counted.
    pub(crate) fn total(&self) -> u64 {
        self.total
    }

    /// Summary lines for denials that were not all printed (most frequent first).
    pub(crate) fn summary(&self) -> Vec<String> {
        let mut kinds: Vec<_> = self
            .kinds
            .iter()
            .filter(|(_, (n, shown))| *n > u64::from(*shown))
            .collect();
        kinds.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
        let shown_kinds = if kinds.len() + usize::from(self.overflow > 0) > MAX_SUMMARY {
            MAX_SUMMARY - 1
        } else {
            kinds.len()
        };
        let rest: u64 = kinds[shown_kinds..]
            .iter()
            .map(|(_, (n, _))| *n)
            .sum::<u64>()
            + self.overflow;
        let rest_kinds = kinds.len() - shown_kinds;
        let mut out: Vec<String> = kinds
            .into_iter()
            .take(shown_kinds)
            .map(|((sys, fix), (n, shown))| {
                format!("seccomp-pledge: {n} denials of {sys} ({shown} shown): {fix}")
            })
            .collect();
        if rest > 0 {
            let kinds = if self.overflow > 0 {
                "other kinds".to_string()
            } else {
                format!("{rest_kinds} other kinds")
            };
            out.push(format!(
                "seccomp-pledge: {rest} more denials of {kinds} (not itemised)"
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_util::nr;

    /// The sandboxed program's pid in these tests.
    const SELF: u32 = 4242;

    #[test]
    fn the_exit_summary_is_bounded() {
        let mut t = Tally::default();
        for k in 0..300u32 {
            for _ in 0..5 {
                t.count(&format!("call{k}"), "needs promise x");
            }
        }
        let lines = t.summary();
        assert_eq!(lines.len(), MAX_SUMMARY, "{lines:?}");
        assert!(
            lines[MAX_SUMMARY - 1].contains("more denials of 251 other kinds"),
            "{lines:?}"
        );
        let counted: u64 = lines
            .iter()
            .map(|l| l.split_whitespace().nth(1).unwrap().parse::<u64>().unwrap())
            .sum();
        assert_eq!(counted, 1500, "every denial is in the summary: {lines:?}");
    }

    #[test]
    fn fixes_name_the_missing_promise() {
        let stdio = PromiseSet::of(&[Promise::Stdio]);
        assert_eq!(
            fix_for(nr("socket"), &[2, 1, 0, 0, 0, 0], stdio, SELF).to_string(),
            "needs promise inet, anet or dns"
        );
        assert_eq!(
            fix_for(nr("socket"), &[1, 1, 0, 0, 0, 0], stdio, SELF).to_string(),
            "needs promise unix"
        );
        assert_eq!(
            fix_for(nr("execve"), &[0; 6], stdio, SELF).to_string(),
            "needs promise exec"
        );
        assert_eq!(
            fix_for(nr("fork"), &[0; 6], stdio, SELF).to_string(),
            "needs promise proc"
        );
        assert_eq!(
            fix_for(
                nr("ioctl"),
                &[0, TIOCSTI, 0, 0, 0, 0],
                PromiseSet::of(&[Promise::Tty]),
                SELF
            )
            .to_string(),
            "never allowed: it injects input into a terminal"
        );
        // Creating a file for writing needs two promises together.
        let creat = [(-100i64) as u64, 0, 0o1101, 0o666, 0, 0];
        assert_eq!(
            fix_for(nr("openat"), &creat, stdio, SELF).to_string(),
            "needs promises wpath and cpath"
        );
        assert_eq!(
            fix_for(
                nr("openat"),
                &creat,
                PromiseSet::of(&[Promise::Stdio, Promise::Wpath]),
                SELF
            )
            .to_string(),
            "needs promise cpath"
        );
        assert_eq!(
            fix_for(nr("ptrace"), &[0; 6], stdio, SELF).to_string(),
            "no promise allows this (explicit rule: allow ptrace)"
        );
        assert_eq!(
            fix_for(nr("clone"), &[0x1000_0011, 0, 0, 0, 0, 0], stdio, SELF).to_string(),
            "no promise allows this (explicit rule: allow clone if arg0 == CLONE_NEWUSER|SIGCHLD)"
        );
    }

    #[test]
    fn calls_on_other_processes_say_no_promise_allows_them() {
        let stdio = PromiseSet::of(&[Promise::Stdio]);
        let proc_ = PromiseSet::of(&[Promise::Stdio, Promise::Proc]);
        let other = u64::from(SELF) + 1;
        let fix = |name, args, granted| fix_for(nr(name), &args, granted, SELF).to_string();
        assert_eq!(
            fix("sched_setaffinity", [other, 8, 0x1000, 0, 0, 0], stdio),
            "no promise allows it on another process"
        );
        assert_eq!(
            fix("setpriority", [0, other, 10, 0, 0, 0], stdio),
            "no promise allows it on another process (on itself it needs promise proc or id)"
        );
        assert_eq!(
            fix("prlimit64", [other, 4, 0x1000, 0, 0, 0], proc_),
            "no promise allows it on another process"
        );
        assert_eq!(
            fix("setpriority", [1, other, 10, 0, 0, 0], proc_),
            "no promise allows it on another process",
            "PRIO_PGRP of another group"
        );
        // The program's own pid counts as itself.
        let rpath = PromiseSet::of(&[Promise::Rpath]);
        assert_eq!(
            fix(
                "sched_setaffinity",
                [u64::from(SELF), 8, 0x1000, 0, 0, 0],
                rpath
            ),
            "needs promise stdio"
        );
        assert_eq!(
            fix("kill", [u64::from(SELF), 15, 0, 0, 0, 0], rpath),
            "needs promise stdio or proc"
        );
        // Signals to others: proc.
        assert_eq!(
            fix("kill", [other, 15, 0, 0, 0, 0], stdio),
            "needs promise proc"
        );
        // A user's processes: never by a promise, on any pid.
        assert_eq!(
            fix("setpriority", [2, 0, 10, 0, 0, 0], proc_),
            "no promise allows this (explicit rule: allow setpriority if arg0 == 2 and arg1 == 0)"
        );
        assert!(
            fix("kcmp", [other, other, 0, 0, 0, 0], proc_).contains("explicit rule: allow kcmp")
        );
    }

    #[test]
    fn tally_is_bounded_and_summarises() {
        let mut t = Tally::default();
        let d = |sys: &str| Denial {
            pid: 1,
            comm: "x".into(),
            syscall: sys.into(),
            nr: 0,
            args: [0; 6],
            call: String::new(),
            promises: vec![],
            together: false,
            fix: "needs promise inet".into(),
            exec: false,
            action: "eperm".into(),
            by: "seccomp",
            path: None,
            access: vec![],
            unveil: None,
        };
        let mut printed = 0;
        for _ in 0..100_000 {
            let x = d("socket");
            printed += u32::from(t.count(&x.syscall, &x.fix));
        }
        assert_eq!(printed, LINES_PER_KIND);
        for i in 0..5000 {
            let x = d(&format!("s{i}"));
            t.count(&x.syscall, &x.fix);
        }
        assert!(t.kinds.len() <= MAX_KINDS);
        let s = t.summary();
        assert_eq!(
            s[0],
            "seccomp-pledge: 100000 denials of socket (3 shown): needs promise inet"
        );
        assert!(s.last().unwrap().contains("more denials of other kinds"));
        assert_eq!(t.total(), 105_000);
    }
}
