//! Policy → seccomp BPF for x86_64.
//!
//! Two steps, both pure:
//!
//! 1. [`plan`] decides, for every syscall number of the table, an ordered list of
//!    `(conditions → action)` checks and a default action: built-in guards first (TIOCSTI,
//!    TIOCLINUX, seccomp listeners), then explicit denying rules (most severe first), then
//!    everything that allows (promise rules and explicit `allow` rules, with `log`/`trace`
//!    rules layered on top), then the penalty. A call runs only when something allows it and
//!    nothing denies it: the most restrictive wins.
//! 2. [`emit`] lays the plan out as one classic-BPF program: arch check (wrong arch kills),
//!    x32 guard, `ENOSYS` above the table, then a balanced binary search on the syscall number
//!    whose leaves are either a `RET` or the argument checks of one syscall. The argument
//!    checks are compiled by seccompiler (`SeccompRule` → BPF); the dispatch is ours, because
//!    seccompiler's linear layout costs two instructions per syscall before the check and is
//!    slow to attach. Argument-free paths use only `LD nr`, `JEQ/JGE/JGT/JSET K`, `JA` and
//!    `RET`, so the kernel's constant-action cache skips the filter for every syscall that is
//!    allowed unconditionally.
//!
//! Nothing here touches the process; `sandbox` installs the result.

use std::collections::HashMap;

use seccompiler::{BpfProgram, SeccompRule};

use super::bpf::{self, sock_filter};
use crate::abi::syscalls::{self, MAX_NR, Sysno};
use crate::policy::promise::{self, PID_PLACEHOLDER, PromiseSet};
use crate::policy::rule::{Action, Condition, Op, Rule, Width};

/// `ENOSYS` as a seccomp return value.
pub const RET_ENOSYS: u32 = bpf::SECCOMP_RET_ERRNO | libc::ENOSYS as u32;

use crate::abi::uapi::X32_SYSCALL_BIT;
const TIOCSTI: u64 = 0x5412;
const TIOCLINUX: u64 = 0x541c;
const SECCOMP_FILTER_FLAG_NEW_LISTENER: u64 = 8;

/// Why a policy cannot be compiled.
#[derive(Debug, thiserror::Error)]
pub enum CompileError {
    /// seccompiler refused a condition or rule.
    #[error("seccompiler rejected a rule for `{syscall}`: {source}")]
    Seccompiler {
        /// The syscall of the rule.
        syscall: &'static str,
        /// seccompiler's error.
        #[source]
        source: seccompiler::BackendError,
    },
    /// The program exceeds the kernel's 4096 instructions.
    #[error(
        "the compiled filter has {len} instructions; the kernel accepts at most {max}: use fewer argument conditions"
    )]
    TooLarge {
        /// Instructions emitted.
        len: usize,
        /// The kernel's limit.
        max: usize,
    },
    /// A rule whose conditions do not fit the layout (more than ~30 conditions).
    #[error("a rule for `{syscall}` has too many conditions to compile")]
    RuleTooLong {
        /// The syscall.
        syscall: &'static str,
    },
    /// A rule uses the value reserved for the sandbox's own pid.
    #[error("the value {PID_PLACEHOLDER:#x} is reserved; it cannot appear in a rule")]
    ReservedValue,
    /// The emitted program failed validation (a bug).
    #[error("internal error: the compiled filter is invalid ({0}); please report this")]
    Invalid(#[from] bpf::BpfError),
}

/// The syscall number the loader markers use to talk to the supervisor (in the
/// x86_64 hole 335–423, which the kernel never assigns). Filters built with
/// [`FilterSpec::report_syscall`] send it to the supervisor; all others answer ENOSYS.
pub const REPORT_NR: u32 = 400;

/// What the filter is built from.
#[derive(Clone, Copy, Debug)]
pub struct FilterSpec<'a> {
    /// The promises in force (the user's plus any the launcher adds).
    pub promises: PromiseSet,
    /// Explicit rules, in the order given.
    pub rules: &'a [Rule],
    /// The seccomp return value for everything not allowed (an errno, a kill, or
    /// `SECCOMP_RET_USER_NOTIF` when a supervisor reports denials).
    pub penalty: u32,
    /// The return value for a call from another architecture (i386 `int 0x80`).
    pub foreign_arch: u32,
    /// Send [`REPORT_NR`] to the supervisor (`SECCOMP_RET_USER_NOTIF`).
    pub report_syscall: bool,
    /// Unveil is on: promises do not allow attribute changes by path (see
    /// [`crate::policy::unveil::UNSCOPED_ATTRS`]).
    pub scoped_attrs: bool,
}

impl<'a> FilterSpec<'a> {
    /// A filter with this penalty action, killing foreign-architecture calls, without the
    /// report syscall.
    pub fn new(promises: PromiseSet, rules: &'a [Rule], penalty: Action) -> Self {
        FilterSpec {
            promises,
            rules,
            penalty: penalty.ret(),
            foreign_arch: bpf::SECCOMP_RET_KILL_PROCESS,
            report_syscall: false,
            scoped_attrs: false,
        }
    }

    /// A filter whose denials go to a supervisor (`SECCOMP_RET_USER_NOTIF`, foreign
    /// architectures too), as every sandboxed run's filter and the supervisor's own
    /// decision plans are built.
    pub fn supervised(
        promises: PromiseSet,
        rules: &'a [Rule],
        report_syscall: bool,
        scoped_attrs: bool,
    ) -> Self {
        FilterSpec {
            promises,
            rules,
            penalty: bpf::SECCOMP_RET_USER_NOTIF,
            foreign_arch: bpf::SECCOMP_RET_USER_NOTIF,
            report_syscall,
            scoped_attrs,
        }
    }
}

/// Where a check comes from, for `show`, reports and tests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A guard present in every filter.
    Guard(&'static str),
    /// An explicit rule (index into the policy's rules).
    Rule(usize),
    /// A promise's argument rule.
    Promise(promise::Promise, &'static str),
    /// An explicit rule combined with a promise rule (log/trace on a conditional allow).
    Combined(usize),
}

/// One ordered check of a syscall: if all conditions hold, return `action`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    /// AND-ed conditions (never empty in a finished plan).
    pub conditions: Vec<Condition>,
    /// The action returned when they hold.
    pub action: u32,
    /// Where the check comes from.
    pub origin: Origin,
}

/// What the filter does for one syscall number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyscallPlan {
    /// Checks in order; the first that holds decides.
    pub checks: Vec<Check>,
    /// The action when no check holds.
    pub default: u32,
}

impl SyscallPlan {
    fn ret(action: u32) -> Self {
        SyscallPlan {
            checks: Vec::new(),
            default: action,
        }
    }

    /// The action for these arguments, by the plan's own semantics.
    pub fn decide(&self, args: &[u64; 6]) -> u32 {
        self.checks
            .iter()
            .find(|c| c.conditions.iter().all(|k| k.matches(args)))
            .map_or(self.default, |c| c.action)
    }
}

/// The decisions for every syscall number `0..=MAX_NR`, plus the penalty.
#[derive(Clone, Debug)]
pub struct Plan {
    /// Indexed by syscall number.
    pub syscalls: Vec<SyscallPlan>,
    /// The penalty action (also used for x32 numbers).
    pub penalty: u32,
    /// The action for calls from another architecture.
    pub foreign_arch: u32,
}

impl Plan {
    /// The action the filter returns for a native x86_64 call (reference semantics).
    pub fn decide(&self, nr: u32, args: &[u64; 6]) -> u32 {
        if nr & X32_SYSCALL_BIT != 0 {
            return self.penalty;
        }
        match self.syscalls.get(nr as usize) {
            Some(p) => p.decide(args),
            None => RET_ENOSYS,
        }
    }
}

/// Decides what the filter does for every syscall.
///
/// # Errors
/// A rule using the reserved pid value.
pub fn plan(spec: &FilterSpec<'_>) -> Result<Plan, CompileError> {
    let penalty = spec.penalty;
    let n = MAX_NR as usize + 1;
    // One pass over the promise table and the rules, indexed by syscall number.
    let mut unconditional = vec![false; n];
    let mut terms: Vec<Vec<(Vec<Condition>, Origin)>> = (0..n).map(|_| Vec::new()).collect();
    for s in promise::ALWAYS_ALLOWED {
        unconditional[s.id() as usize] = true;
    }
    for p in spec.promises.iter() {
        let info = p.info();
        for s in info.syscalls {
            unconditional[s.id() as usize] = true;
        }
        for r in info.rules {
            if r.also.iter().all(|a| spec.promises.contains(*a)) {
                let slot = &mut terms[r.syscall.id() as usize];
                for term in r.to_dnf() {
                    slot.push((term, Origin::Promise(p, r.tag)));
                }
            }
        }
    }
    let mut user: Vec<Vec<(usize, &Rule)>> = (0..n).map(|_| Vec::new()).collect();
    for (i, r) in spec.rules.iter().enumerate() {
        let reserved = r.conditions.iter().any(|c| {
            c.value == PID_PLACEHOLDER || matches!(c.op, Op::MaskedEq(m) if m == PID_PLACEHOLDER)
        });
        if reserved {
            return Err(CompileError::ReservedValue);
        }
        if let Some(slot) = user.get_mut(r.syscall.nr() as usize) {
            slot.push((i, r));
        }
    }
    if spec.scoped_attrs {
        for (name, null) in crate::policy::unveil::UNSCOPED_ATTRS {
            let Ok(s) = syscalls::by_name(name) else {
                continue;
            };
            let i = s.id() as usize;
            let promised = std::mem::take(&mut unconditional[i]);
            let slot = &mut terms[i];
            let allowed = promised || !slot.is_empty();
            slot.clear();
            if let (Some(arg), true) = (null, allowed) {
                // The descriptor form: the path argument is NULL.
                slot.push((
                    vec![Condition::new(*arg as u8, Width::Qword, Op::Eq, 0)],
                    Origin::Guard("attributes by descriptor only"),
                ));
            }
        }
    }
    let mut plans = Vec::with_capacity(n);
    for (nr, (allow_terms, user)) in terms.into_iter().zip(&user).enumerate() {
        plans.push(if spec.report_syscall && nr == REPORT_NR as usize {
            SyscallPlan::ret(bpf::SECCOMP_RET_USER_NOTIF)
        } else {
            plan_one(nr as u32, unconditional[nr], allow_terms, user, penalty)
        });
    }
    Ok(Plan {
        syscalls: plans,
        penalty,
        foreign_arch: spec.foreign_arch,
    })
}

fn plan_one(
    nr: u32,
    promised: bool,
    mut allow_terms: Vec<(Vec<Condition>, Origin)>,
    user: &[(usize, &Rule)],
    penalty: u32,
) -> SyscallPlan {
    let Some(sysno) = syscalls::by_number(nr) else {
        return SyscallPlan::ret(RET_ENOSYS);
    };
    let guarded = matches!(sysno, Sysno::ioctl | Sysno::seccomp);
    let always_enosys = rule_enosys(sysno);
    let memfd = sysno == Sysno::memfd_create;
    if user.is_empty() && allow_terms.is_empty() && !guarded && !always_enosys && !memfd {
        // The common case: decided by the syscall number alone.
        return SyscallPlan::ret(if promised {
            bpf::SECCOMP_RET_ALLOW
        } else {
            penalty
        });
    }

    // What allows the call: unconditional, or a disjunction of condition sets.
    let mut unconditional = promised;
    for (i, r) in user {
        if r.action == Action::Allow {
            if r.conditions.is_empty() {
                unconditional = true;
            } else {
                allow_terms.push((r.conditions.clone(), Origin::Rule(*i)));
            }
        }
    }

    let mut checks = Vec::new();
    // Guards present in every filter, ahead of anything that could allow.
    if sysno == Sysno::ioctl {
        for (req, name) in [(TIOCSTI, "TIOCSTI"), (TIOCLINUX, "TIOCLINUX")] {
            checks.push(Check {
                conditions: vec![Condition::new(1, Width::Dword, Op::Eq, req)],
                action: penalty,
                origin: Origin::Guard(name),
            });
        }
    }
    if sysno == Sysno::seccomp {
        checks.push(Check {
            conditions: vec![Condition::new(
                1,
                Width::Dword,
                Op::MaskedEq(SECCOMP_FILTER_FLAG_NEW_LISTENER),
                SECCOMP_FILTER_FLAG_NEW_LISTENER,
            )],
            action: penalty,
            origin: Origin::Guard("SECCOMP_FILTER_FLAG_NEW_LISTENER"),
        });
    }
    // Explicit denials, most severe first (stable within a severity).
    let mut denials: Vec<&(usize, &Rule)> =
        user.iter().filter(|(_, r)| r.action.denies()).collect();
    denials.sort_by_key(|(_, r)| std::cmp::Reverse(r.action.severity()));
    for (i, r) in denials {
        checks.push(Check {
            conditions: r.conditions.clone(),
            action: r.action.ret(),
            origin: Origin::Rule(*i),
        });
    }
    if always_enosys {
        // openat2 / clone3: nothing may allow them (validation refuses allow rules).
        return finish(checks, RET_ENOSYS);
    }
    let denied_default = if memfd && !unconditional && allow_terms.is_empty() {
        RET_ENOSYS
    } else {
        penalty
    };

    // log / trace rules only add to what is allowed anyway.
    let mut softer: Vec<&(usize, &Rule)> = user
        .iter()
        .filter(|(_, r)| !r.action.denies() && r.action != Action::Allow)
        .collect();
    softer.sort_by_key(|(_, r)| std::cmp::Reverse(r.action.severity()));
    if unconditional {
        for (i, r) in softer {
            checks.push(Check {
                conditions: r.conditions.clone(),
                action: r.action.ret(),
                origin: Origin::Rule(*i),
            });
        }
        return finish(checks, bpf::SECCOMP_RET_ALLOW);
    }
    for (i, r) in softer {
        for (term, _) in &allow_terms {
            let mut conditions = r.conditions.clone();
            conditions.extend(term.iter().copied());
            checks.push(Check {
                conditions,
                action: r.action.ret(),
                origin: Origin::Combined(*i),
            });
        }
    }
    let mut seen: Vec<Vec<Condition>> = Vec::new();
    for (term, origin) in allow_terms {
        if seen.contains(&term) {
            continue;
        }
        seen.push(term.clone());
        checks.push(Check {
            conditions: term,
            action: bpf::SECCOMP_RET_ALLOW,
            origin,
        });
    }
    finish(checks, denied_default)
}

fn rule_enosys(sysno: Sysno) -> bool {
    crate::policy::rule::ALWAYS_ENOSYS
        .iter()
        .any(|(name, _)| *name == sysno.name())
}

/// Drops checks made unreachable by an unconditional check, and checks that return the
/// default anyway at the end of the list.
fn finish(mut checks: Vec<Check>, mut default: u32) -> SyscallPlan {
    if let Some(pos) = checks.iter().position(|c| c.conditions.is_empty()) {
        default = checks[pos].action;
        checks.truncate(pos);
    }
    while checks.last().is_some_and(|c| c.action == default) {
        checks.pop();
    }
    SyscallPlan { checks, default }
}

/// The two calls the launcher's child makes after its filter is in place: `sendmsg` hands
/// the filter's listener to the supervisor, `seccomp` adds the filter that shuts both doors
/// again before `execve` (`sandbox::handoff`). A filter emitted by [`compile_launch`] allows
/// each of them when made from one instruction address, patched in before the fork.
pub const HANDOFF_NRS: [u32; 2] = [libc::SYS_sendmsg as u32, libc::SYS_seccomp as u32];

/// What an unpatched address comparison holds in both halves: `u64::MAX` is never the
/// address of a user-space instruction, so the door stays shut.
pub const IP_UNSET: u32 = u32::MAX;

/// The instructions comparing one hand-off call's instruction address: its low and its high
/// 32 bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IpSlot {
    /// The call (one of [`HANDOFF_NRS`]).
    pub nr: u32,
    /// The `JEQ` on the low half.
    pub lo: usize,
    /// The `JEQ` on the high half.
    pub hi: usize,
}

/// A compiled filter, ready to install once the sandboxed process knows its pid.
#[derive(Clone, Debug)]
pub struct Filter {
    /// The BPF program.
    pub program: Vec<sock_filter>,
    /// Instructions whose constant must become the sandboxed process's pid.
    pub pid_slots: Vec<usize>,
    /// The hand-off calls' address comparisons ([`compile_launch`] only; empty otherwise).
    pub ip_slots: Vec<IpSlot>,
    /// The plan it was emitted from.
    pub plan: Plan,
}

impl Filter {
    /// Writes the sandboxed process's pid into the `kill`/`tgkill` self checks. Allocation-
    /// free, so it can run in a freshly forked child.
    pub fn patch_pid(program: &mut [sock_filter], slots: &[usize], pid: u32) {
        for &i in slots {
            if let Some(insn) = program.get_mut(i) {
                insn.k = pid;
            }
        }
    }

    /// Writes each hand-off call's instruction address (`ip(nr)`) into its comparisons.
    pub fn patch_ips(program: &mut [sock_filter], slots: &[IpSlot], ip: impl Fn(u32) -> u64) {
        for s in slots {
            let at = ip(s.nr);
            if let Some(insn) = program.get_mut(s.lo) {
                insn.k = at as u32;
            }
            if let Some(insn) = program.get_mut(s.hi) {
                insn.k = (at >> 32) as u32;
            }
        }
    }

    /// A copy of the program with `pid` patched in (for tests and `show bpf`).
    pub fn program_for_pid(&self, pid: u32) -> Vec<sock_filter> {
        let mut p = self.program.clone();
        Self::patch_pid(&mut p, &self.pid_slots, pid);
        p
    }
}

/// Compiles a filter spec into a BPF program.
///
/// # Errors
/// A rule seccompiler refuses, or a program over the kernel's size limit.
pub fn compile(spec: &FilterSpec<'_>) -> Result<Filter, CompileError> {
    compile_plan(plan(spec)?)
}

/// Emits a plan as a BPF program.
///
/// # Errors
/// As [`emit`].
pub fn compile_plan(plan: Plan) -> Result<Filter, CompileError> {
    emit_filter(plan, false)
}

/// Emits a plan as the filter `run` installs: as [`compile_plan`], with the hand-off calls
/// ([`HANDOFF_NRS`]) also allowed from one instruction address each, to be patched in with
/// [`Filter::patch_ips`] (unpatched, nothing matches). For every other call the program
/// decides exactly as [`compile_plan`]'s, and stays as cacheable.
///
/// # Errors
/// As [`emit`].
pub fn compile_launch(plan: Plan) -> Result<Filter, CompileError> {
    emit_filter(plan, true)
}

fn emit_filter(plan: Plan, handoff: bool) -> Result<Filter, CompileError> {
    let (program, ip_slots) = emit_with(&plan, handoff)?;
    let pid_slots = program
        .iter()
        .enumerate()
        .filter(|(_, i)| {
            i.code == bpf::BPF_JMP | bpf::BPF_JEQ | bpf::BPF_K && u64::from(i.k) == PID_PLACEHOLDER
        })
        .map(|(n, _)| n)
        .collect();
    Ok(Filter {
        program,
        pid_slots,
        ip_slots,
        plan,
    })
}

/// A position in the program being built back to front: the index counted from the end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Label(usize);

/// Builds a program from its last instruction to its first, so every jump target is known
/// when the jump is written (jumps only go forward in classic BPF).
#[derive(Default)]
struct Backwards {
    rev: Vec<sock_filter>,
    /// The most recent `RET k` emitted for each k, for sharing.
    rets: HashMap<u32, Label>,
    /// The hand-off gates emitted: (syscall, low-half `JEQ`, high-half `JEQ`).
    gates: Vec<(u32, Label, Label)>,
}

impl Backwards {
    /// Offset from the next instruction to be pushed to `target`.
    fn distance(&self, target: Label) -> usize {
        self.rev.len() - target.0 - 1
    }

    fn push(&mut self, insn: sock_filter) -> Label {
        self.rev.push(insn);
        Label(self.rev.len() - 1)
    }

    /// A `RET action`, shared with an earlier identical one when a conditional jump from
    /// here can still reach it.
    fn ret(&mut self, action: u32) -> Label {
        if let Some(&l) = self.rets.get(&action) {
            if self.distance(l) <= 200 {
                return l;
            }
        }
        let l = self.push(bpf::stmt(bpf::BPF_RET | bpf::BPF_K, action));
        self.rets.insert(action, l);
        l
    }

    /// A `LD W ABS` of the `seccomp_data` word at `offset`.
    fn load(&mut self, offset: u32) -> Label {
        self.push(bpf::stmt(bpf::BPF_LD | bpf::BPF_W | bpf::BPF_ABS, offset))
    }

    /// A conditional jump, adding `JA` trampolines for targets out of an 8-bit offset's reach.
    fn cond(&mut self, code: u16, k: u32, t: Label, f: Label) -> Label {
        let mut t = t;
        let mut f = f;
        if self.distance(t) > 255 {
            let off = self.distance(t) as u32;
            t = self.push(bpf::stmt(bpf::BPF_JMP | bpf::BPF_JA, off));
        }
        if self.distance(f) > 255 {
            let off = self.distance(f) as u32;
            f = self.push(bpf::stmt(bpf::BPF_JMP | bpf::BPF_JA, off));
        }
        let jt = u8::try_from(self.distance(t)).expect("trampoline keeps offsets short");
        let jf = u8::try_from(self.distance(f)).expect("trampoline keeps offsets short");
        self.push(bpf::jump(code, k, jt, jf))
    }

    fn finish(self) -> Vec<sock_filter> {
        let mut v = self.rev;
        v.reverse();
        v
    }
}

/// A run of consecutive syscall numbers handled alike.
struct Range<'a> {
    lo: u32,
    plan: &'a SyscallPlan,
    /// A hand-off call: its own range, whose leaf starts with the address gate.
    gated: bool,
}

/// Lays a plan out as a BPF program (see the module docs for the layout).
///
/// # Errors
/// seccompiler refusing a condition, or the program exceeding 4096 instructions.
pub fn emit(plan: &Plan) -> Result<Vec<sock_filter>, CompileError> {
    emit_with(plan, false).map(|(program, _)| program)
}

/// [`emit`], with the hand-off gates when `handoff` (and where their comparisons are).
fn emit_with(plan: &Plan, handoff: bool) -> Result<(Vec<sock_filter>, Vec<IpSlot>), CompileError> {
    let gated = |nr: u32| handoff && HANDOFF_NRS.contains(&nr);
    let mut ranges: Vec<Range<'_>> = Vec::new();
    for (nr, p) in plan.syscalls.iter().enumerate() {
        let nr = nr as u32;
        match ranges.last() {
            Some(last)
                if p.checks.is_empty()
                    && last.plan.checks.is_empty()
                    && last.plan.default == p.default
                    && !gated(nr)
                    && !last.gated => {}
            _ => ranges.push(Range {
                lo: nr,
                plan: p,
                gated: gated(nr),
            }),
        }
    }
    let mut b = Backwards::default();
    let tree = emit_tree(&mut b, &ranges)?;
    // Guards, back to front: JGT MAX → ENOSYS; JSET x32 → penalty; LD nr; arch check; LD arch.
    let enosys = b.ret(RET_ENOSYS);
    let above = b.cond(
        bpf::BPF_JMP | bpf::BPF_JGT | bpf::BPF_K,
        MAX_NR,
        enosys,
        tree,
    );
    let x32 = b.ret(plan.penalty);
    let x32_check = b.cond(
        bpf::BPF_JMP | bpf::BPF_JSET | bpf::BPF_K,
        X32_SYSCALL_BIT,
        x32,
        above,
    );
    let load_nr = b.load(bpf::DATA_NR);
    debug_assert_eq!(x32_check.0 + 1, load_nr.0);
    let kill = b.ret(plan.foreign_arch);
    b.cond(
        bpf::BPF_JMP | bpf::BPF_JEQ | bpf::BPF_K,
        bpf::AUDIT_ARCH_X86_64,
        load_nr,
        kill,
    );
    b.load(bpf::DATA_ARCH);
    let gates = std::mem::take(&mut b.gates);
    let program = b.finish();
    let at = |l: Label| program.len() - 1 - l.0;
    let slots = gates
        .into_iter()
        .map(|(nr, lo, hi)| IpSlot {
            nr,
            lo: at(lo),
            hi: at(hi),
        })
        .collect();
    if program.len() > bpf::BPF_MAXINSNS {
        return Err(CompileError::TooLarge {
            len: program.len(),
            max: bpf::BPF_MAXINSNS,
        });
    }
    bpf::validate(&program)?;
    Ok((program, slots))
}

fn emit_tree(b: &mut Backwards, ranges: &[Range<'_>]) -> Result<Label, CompileError> {
    match ranges {
        [] => Ok(b.ret(RET_ENOSYS)),
        [one] => emit_leaf(b, one),
        _ => {
            let mid = ranges.len() / 2;
            let right = emit_tree(b, &ranges[mid..])?;
            let left = emit_tree(b, &ranges[..mid])?;
            Ok(b.cond(
                bpf::BPF_JMP | bpf::BPF_JGE | bpf::BPF_K,
                ranges[mid].lo,
                right,
                left,
            ))
        }
    }
}

fn emit_leaf(b: &mut Backwards, range: &Range<'_>) -> Result<Label, CompileError> {
    let start = emit_checks(b, range)?;
    if !range.gated {
        return Ok(start);
    }
    // The hand-off gate: the call made from the patched address is allowed; from anywhere
    // else it goes on to the syscall's own checks (which load what they compare).
    let allow = b.ret(bpf::SECCOMP_RET_ALLOW);
    let hi = b.cond(
        bpf::BPF_JMP | bpf::BPF_JEQ | bpf::BPF_K,
        IP_UNSET,
        allow,
        start,
    );
    let load_hi = b.load(bpf::DATA_IP + 4);
    let lo = b.cond(
        bpf::BPF_JMP | bpf::BPF_JEQ | bpf::BPF_K,
        IP_UNSET,
        load_hi,
        start,
    );
    b.gates.push((range.lo, lo, hi));
    Ok(b.load(bpf::DATA_IP))
}

fn emit_checks(b: &mut Backwards, range: &Range<'_>) -> Result<Label, CompileError> {
    let plan = range.plan;
    if plan.checks.is_empty() {
        return Ok(b.ret(plan.default));
    }
    let name = syscalls::name(range.lo).unwrap_or("?");
    // The default must directly follow the last check: a failed check falls through to it.
    let mut start = b.push(bpf::stmt(bpf::BPF_RET | bpf::BPF_K, plan.default));
    for check in plan.checks.iter().rev() {
        let body = condition_code(name, &check.conditions)?;
        b.push(bpf::stmt(bpf::BPF_RET | bpf::BPF_K, check.action));
        for insn in body.into_iter().rev() {
            start = b.push(insn);
        }
    }
    Ok(start)
}

/// The BPF for AND-ed conditions, compiled by seccompiler: falls through to the next
/// instruction when all hold, otherwise jumps to the instruction after the next one.
fn condition_code(
    name: &'static str,
    conditions: &[Condition],
) -> Result<Vec<sock_filter>, CompileError> {
    let conds = conditions
        .iter()
        .map(|c| c.to_seccompiler())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|source| CompileError::Seccompiler {
            syscall: name,
            source,
        })?;
    let rule = SeccompRule::new(conds).map_err(|source| CompileError::Seccompiler {
        syscall: name,
        source,
    })?;
    let program: BpfProgram = rule.into();
    // seccompiler starts a rule with two jumps used by its own linear layout
    // (`JA 1` into the rule, `JA n` to the next rule); the conditions follow.
    if program.len() < 3
        || program[0].code != bpf::BPF_JMP | bpf::BPF_JA
        || program[0].k != 1
        || program[1].code != bpf::BPF_JMP | bpf::BPF_JA
    {
        return Err(CompileError::RuleTooLong { syscall: name });
    }
    let body: Vec<sock_filter> = program[2..].to_vec();
    // Every jump must stay in the body, land on the action after it, or skip that action.
    let end = body.len();
    for (i, insn) in body.iter().enumerate() {
        if insn.code & 0x07 != bpf::BPF_JMP {
            continue;
        }
        let targets: Vec<usize> = if insn.code & 0xf0 == bpf::BPF_JA {
            vec![i + 1 + insn.k as usize]
        } else {
            vec![i + 1 + usize::from(insn.jt), i + 1 + usize::from(insn.jf)]
        };
        if targets.iter().any(|&t| t > end + 1) {
            return Err(CompileError::RuleTooLong { syscall: name });
        }
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::bpf::{SeccompData, const_action, run};
    use crate::policy::promise::ALL;
    use crate::policy::rule::Action;

    fn data(nr: u32, args: [u64; 6]) -> SeccompData {
        SeccompData {
            nr: nr as i32,
            arch: bpf::AUDIT_ARCH_X86_64,
            instruction_pointer: 0x40_1000,
            args,
        }
    }

    use crate::test_util::{Gen, nr};

    const EPERM: u32 = bpf::SECCOMP_RET_ERRNO | 1;
    const ALLOW: u32 = bpf::SECCOMP_RET_ALLOW;

    fn compile_promises(text: &str) -> Filter {
        compile(&FilterSpec::new(
            PromiseSet::parse(text).unwrap(),
            &[],
            Action::Errno(1),
        ))
        .unwrap()
    }

    /// The launch filter decides as the plain one for every call, except the hand-off calls
    /// made from their patched addresses, which it allows; unpatched, only from u64::MAX,
    /// which is no user-space address. Every other call is as cacheable as before.
    #[test]
    fn the_launch_filter_opens_only_the_two_doors() {
        let mut g = Gen(0x9e37_79b9_7f4a_7c15);
        let doors = |nr: u32| 0x5555_0000_1000 + u64::from(nr) * 16;
        for text in ["", "stdio", "stdio rpath inet", "stdio proc exec prot_exec"] {
            let spec = FilterSpec::new(PromiseSet::parse(text).unwrap(), &[], Action::Errno(1));
            let plain = compile(&spec).unwrap();
            let unpatched = compile_launch(plan(&spec).unwrap()).unwrap();
            assert_eq!(unpatched.ip_slots.len(), 2, "{text}");
            let mut patched = unpatched.clone();
            Filter::patch_ips(&mut patched.program, &patched.ip_slots, doors);
            for n in 0..=MAX_NR + 3 {
                let cached = const_action(&plain.program, bpf::AUDIT_ARCH_X86_64, n as i32);
                let gated = HANDOFF_NRS.contains(&n);
                for p in [&unpatched.program, &patched.program] {
                    let c = const_action(p, bpf::AUDIT_ARCH_X86_64, n as i32);
                    assert_eq!(c, if gated { None } else { cached }, "{text}: {n}");
                }
                for _ in 0..8 {
                    let mut args = [0; 6];
                    for a in &mut args {
                        *a = g.arg();
                    }
                    let mut d = data(n, args);
                    let want = run(&plain.program, &d).unwrap();
                    for ip in [0x40_1000, doors(n), doors(n) ^ (1 << 32), doors(n) + 1] {
                        d.instruction_pointer = ip;
                        assert_eq!(run(&unpatched.program, &d).unwrap(), want);
                        let opened = gated && ip == doors(n);
                        let got = run(&patched.program, &d).unwrap();
                        assert_eq!(
                            got,
                            if opened { ALLOW } else { want },
                            "{text}: {n} {ip:#x}"
                        );
                    }
                    // Unpatched, the door is at u64::MAX, which no user-space instruction has.
                    d.instruction_pointer = u64::MAX;
                    let got = run(&unpatched.program, &d).unwrap();
                    assert_eq!(got, if gated { ALLOW } else { want });
                }
            }
        }
    }

    /// The emitted program agrees with the plan on every syscall for many arguments, and the
    /// plan agrees with the promise table for allow/deny.
    #[test]
    fn program_matches_plan_for_every_promise_set() {
        let sets = [
            "",
            "stdio",
            "stdio rpath",
            "stdio rpath wpath cpath",
            "stdio cpath",
            "stdio inet dns",
            "stdio anet unix",
            "stdio tty proc exec prot_exec",
            "stdio rpath wpath cpath dpath flock fattr inet anet unix dns tty recvfd sendfd proc id chown settime prot_exec exec unveil vminfo tmppath netlink",
        ];
        let mut g = Gen(0x2545_f491_4f6c_dd1d);
        for text in sets {
            let f = compile_promises(text);
            let promises = PromiseSet::parse(text).unwrap();
            let pid = 4242;
            let prog = f.program_for_pid(pid);
            for n in 0..=MAX_NR + 3 {
                for _ in 0..40 {
                    let mut args = [0; 6];
                    for a in &mut args {
                        *a = g.arg();
                    }
                    let want = f.plan.decide(n, &args);
                    let got = run(&prog, &data(n, args)).unwrap();
                    // The plan uses the placeholder; the program has the pid patched in.
                    let mut patched = args;
                    let self_pid = promise::self_pid_args(n);
                    let mut is_self = false;
                    for (a, _) in patched.iter_mut().zip(self_pid).filter(|(_, p)| *p) {
                        if *a & 0xffff_ffff == PID_PLACEHOLDER {
                            *a = (*a & !0xffff_ffff) | u64::from(pid);
                            is_self = true;
                        }
                    }
                    if is_self {
                        assert_eq!(
                            run(&prog, &data(n, patched)).unwrap(),
                            want,
                            "{text}: nr {n} args {args:x?}"
                        );
                    } else {
                        assert_eq!(got, want, "{text}: nr {n} args {args:x?}");
                    }
                    if n <= MAX_NR
                        && syscalls::by_number(n).is_some()
                        && !rule_enosys(syscalls::by_number(n).unwrap())
                    {
                        let guard = n == nr("ioctl")
                            && matches!(args[1] & 0xffff_ffff, TIOCSTI | TIOCLINUX);
                        let allowed = promise::allows(promises, n, &args) && !guard;
                        assert_eq!(want == ALLOW, allowed, "{text}: nr {n} args {args:x?}");
                    }
                }
            }
        }
    }

    /// seccompiler's own (linear) layout, built from the same conditions, is the oracle:
    /// wherever the plan is plain allow-or-penalty, both programs must agree on every input.
    #[test]
    fn agrees_with_seccompilers_own_layout() {
        use seccompiler::{BpfProgram, SeccompAction, SeccompFilter, SeccompRule};
        use std::collections::BTreeMap;
        let mut g = Gen(0x9e37_79b9_7f4a_7c15);
        for text in [
            "stdio",
            "stdio rpath wpath cpath",
            "stdio inet anet unix dns tty proc prot_exec flock fattr",
        ] {
            let f = compile_promises(text);
            let prog = f.program_for_pid(PID_PLACEHOLDER as u32);
            let mut rules: BTreeMap<i64, Vec<SeccompRule>> = BTreeMap::new();
            let mut compared = Vec::new();
            for (n, plan) in f.plan.syscalls.iter().enumerate() {
                let plain = plan.checks.iter().all(|c| c.action == ALLOW)
                    && (plan.default == EPERM || (plan.default == ALLOW && plan.checks.is_empty()));
                if !plain {
                    continue;
                }
                compared.push(n as u32);
                if plan.default == ALLOW {
                    rules.insert(n as i64, Vec::new());
                } else if !plan.checks.is_empty() {
                    let chain = plan
                        .checks
                        .iter()
                        .map(|c| {
                            SeccompRule::new(
                                c.conditions
                                    .iter()
                                    .map(|k| k.to_seccompiler().unwrap())
                                    .collect(),
                            )
                            .unwrap()
                        })
                        .collect();
                    rules.insert(n as i64, chain);
                }
            }
            let oracle: BpfProgram = SeccompFilter::new(
                rules,
                SeccompAction::Errno(1),
                SeccompAction::Allow,
                seccompiler::TargetArch::x86_64,
            )
            .unwrap()
            .try_into()
            .unwrap();
            assert!(
                compared.len() > 300,
                "{text}: most syscalls are plain ({})",
                compared.len()
            );
            for &n in &compared {
                for _ in 0..30 {
                    let mut args = [0; 6];
                    for a in &mut args {
                        *a = g.arg();
                    }
                    let d = data(n, args);
                    assert_eq!(
                        run(&prog, &d).unwrap(),
                        run(&oracle, &d).unwrap(),
                        "{text}: nr {n} args {args:x?}"
                    );
                }
            }
        }
    }

    #[test]
    fn guards() {
        let f = compile_promises("stdio tty");
        let p = f.program_for_pid(1);
        // wrong arch: kill
        let mut d = data(nr("getpid"), [0; 6]);
        d.arch = bpf::AUDIT_ARCH_I386;
        assert_eq!(run(&p, &d).unwrap(), bpf::SECCOMP_RET_KILL_PROCESS);
        // x32 numbers: penalty, even for getpid
        assert_eq!(
            run(&p, &data(X32_SYSCALL_BIT | nr("getpid"), [0; 6])).unwrap(),
            EPERM
        );
        // above the table: ENOSYS; the hole 335..424 too
        assert_eq!(run(&p, &data(MAX_NR + 1, [0; 6])).unwrap(), RET_ENOSYS);
        assert_eq!(run(&p, &data(400, [0; 6])).unwrap(), RET_ENOSYS);
        // openat2, clone3, memfd_create: ENOSYS
        for name in ["openat2", "clone3", "memfd_create"] {
            assert_eq!(
                run(&p, &data(nr(name), [0; 6])).unwrap(),
                RET_ENOSYS,
                "{name}"
            );
        }
        // io_uring: penalty
        assert_eq!(run(&p, &data(nr("io_uring_setup"), [0; 6])).unwrap(), EPERM);
        // TIOCSTI with and without upper bits, even though tty allows ioctls
        for req in [
            TIOCSTI,
            TIOCSTI | 1 << 32,
            TIOCSTI | 0xffff_ffff << 32,
            TIOCLINUX,
        ] {
            assert_eq!(
                run(&p, &data(nr("ioctl"), [0, req, 0, 0, 0, 0])).unwrap(),
                EPERM,
                "{req:#x}"
            );
        }
        assert_eq!(
            run(&p, &data(nr("ioctl"), [0, 0x5413, 0, 0, 0, 0])).unwrap(),
            ALLOW
        );
    }

    #[test]
    fn explicit_allow_cannot_open_tiocsti_or_listeners() {
        let rules = vec![
            Rule {
                syscall: "ioctl".parse().unwrap(),
                conditions: vec![],
                action: Action::Allow,
                comment: None,
            },
            Rule {
                syscall: "seccomp".parse().unwrap(),
                conditions: vec![],
                action: Action::Allow,
                comment: None,
            },
        ];
        let f = compile(&FilterSpec::new(
            PromiseSet::parse("stdio").unwrap(),
            &rules,
            Action::KillProcess,
        ))
        .unwrap();
        let p = &f.program;
        assert_eq!(
            run(p, &data(nr("ioctl"), [0, TIOCSTI | 7 << 32, 0, 0, 0, 0])).unwrap(),
            bpf::SECCOMP_RET_KILL_PROCESS
        );
        assert_eq!(
            run(p, &data(nr("ioctl"), [0, 0x1234, 0, 0, 0, 0])).unwrap(),
            ALLOW
        );
        assert_eq!(
            run(p, &data(nr("seccomp"), [1, 8, 0, 0, 0, 0])).unwrap(),
            bpf::SECCOMP_RET_KILL_PROCESS
        );
        assert_eq!(
            run(p, &data(nr("seccomp"), [1, 0, 0, 0, 0, 0])).unwrap(),
            ALLOW
        );
    }

    #[test]
    fn most_restrictive_wins() {
        let cond = |i, v| Condition::new(i, Width::Dword, Op::Eq, v);
        let rules = vec![
            // deny AF_INET sockets with EACCES although inet allows them
            Rule {
                syscall: "socket".parse().unwrap(),
                conditions: vec![cond(0, 2)],
                action: Action::Errno(13),
                comment: None,
            },
            // log every read: still allowed, but logged
            Rule {
                syscall: "read".parse().unwrap(),
                conditions: vec![],
                action: Action::Log,
                comment: None,
            },
            // log on openat cannot widen rpath's read-only rule
            Rule {
                syscall: "openat".parse().unwrap(),
                conditions: vec![],
                action: Action::Log,
                comment: None,
            },
            // an explicit allow adds a syscall no promise has
            Rule {
                syscall: "fallocate".parse().unwrap(),
                conditions: vec![],
                action: Action::Allow,
                comment: None,
            },
            // kill beats errno on the same call
            Rule {
                syscall: "getppid".parse().unwrap(),
                conditions: vec![],
                action: Action::Errno(5),
                comment: None,
            },
            Rule {
                syscall: "getppid".parse().unwrap(),
                conditions: vec![],
                action: Action::KillProcess,
                comment: None,
            },
        ];
        let f = compile(&FilterSpec::new(
            PromiseSet::parse("stdio rpath inet").unwrap(),
            &rules,
            Action::Errno(1),
        ))
        .unwrap();
        let p = &f.program;
        assert_eq!(
            run(p, &data(nr("socket"), [2, 1, 0, 0, 0, 0])).unwrap(),
            bpf::SECCOMP_RET_ERRNO | 13
        );
        assert_eq!(
            run(p, &data(nr("socket"), [10, 1, 0, 0, 0, 0])).unwrap(),
            ALLOW
        );
        assert_eq!(
            run(p, &data(nr("read"), [0; 6])).unwrap(),
            bpf::SECCOMP_RET_LOG
        );
        assert_eq!(
            run(p, &data(nr("openat"), [0, 0, 0, 0, 0, 0])).unwrap(),
            bpf::SECCOMP_RET_LOG
        );
        assert_eq!(
            run(p, &data(nr("openat"), [0, 0, 2, 0, 0, 0])).unwrap(),
            EPERM,
            "log must not allow O_RDWR"
        );
        assert_eq!(run(p, &data(nr("fallocate"), [0; 6])).unwrap(), ALLOW);
        assert_eq!(
            run(p, &data(nr("getppid"), [0; 6])).unwrap(),
            bpf::SECCOMP_RET_KILL_PROCESS
        );
        // an explicit errno on a call nothing allows replaces the penalty
        let rules = vec![Rule {
            syscall: "socket".parse().unwrap(),
            conditions: vec![],
            action: Action::Errno(97),
            comment: None,
        }];
        let f = compile(&FilterSpec::new(
            PromiseSet::parse("stdio").unwrap(),
            &rules,
            Action::KillProcess,
        ))
        .unwrap();
        assert_eq!(
            run(&f.program, &data(nr("socket"), [2, 1, 0, 0, 0, 0])).unwrap(),
            bpf::SECCOMP_RET_ERRNO | 97
        );
    }

    #[test]
    fn unconditional_allows_are_cacheable_and_nothing_else_is_allowed_by_the_cache() {
        for text in [
            "stdio",
            "stdio rpath",
            "stdio rpath wpath cpath inet dns tty proc exec prot_exec",
        ] {
            let f = compile_promises(text);
            for n in 0..=MAX_NR {
                let plan = &f.plan.syscalls[n as usize];
                let cached = const_action(&f.program, bpf::AUDIT_ARCH_X86_64, n as i32);
                if plan.checks.is_empty() {
                    assert_eq!(
                        cached,
                        Some(plan.default),
                        "{text}: nr {n} should be decided without arguments"
                    );
                } else {
                    assert_eq!(cached, None, "{text}: nr {n} needs its arguments");
                }
            }
        }
    }

    #[test]
    fn argument_checks_are_reached_quickly_and_attach_is_small() {
        let all: Vec<&str> = ALL.iter().map(|p| p.name()).collect();
        let f = compile_promises(&all.join(" "));
        assert!(f.program.len() < 1500, "{} instructions", f.program.len());
        let stdio = compile_promises("stdio rpath");
        assert!(
            stdio.program.len() < 600,
            "{} instructions",
            stdio.program.len()
        );
        // instructions executed before the first argument load, for checked syscalls
        for name in [
            "openat", "mmap", "fcntl", "ioctl", "mprotect", "kill", "clone",
        ] {
            let steps = steps_to_first_arg_load(&stdio.program, nr(name));
            assert!(
                steps <= 16,
                "{name}: {steps} instructions before its argument check"
            );
        }
    }

    fn steps_to_first_arg_load(p: &[sock_filter], n: u32) -> usize {
        let mut pc = 0;
        let mut a = 0u32;
        for step in 0.. {
            let i = &p[pc];
            if i.code == bpf::BPF_LD | bpf::BPF_W | bpf::BPF_ABS {
                if i.k >= bpf::DATA_ARGS {
                    return step;
                }
                a = if i.k == bpf::DATA_NR {
                    n
                } else {
                    bpf::AUDIT_ARCH_X86_64
                };
                pc += 1;
                continue;
            }
            let cls = i.code & 0x07;
            assert_eq!(
                cls,
                bpf::BPF_JMP,
                "unexpected instruction on the dispatch path"
            );
            let op = i.code & 0xf0;
            let taken = match op {
                x if x == bpf::BPF_JA => {
                    pc += 1 + i.k as usize;
                    continue;
                }
                x if x == bpf::BPF_JEQ => a == i.k,
                x if x == bpf::BPF_JGE => a >= i.k,
                x if x == bpf::BPF_JGT => a > i.k,
                x if x == bpf::BPF_JSET => a & i.k != 0,
                _ => unreachable!(),
            };
            pc += 1 + usize::from(if taken { i.jt } else { i.jf });
        }
        unreachable!()
    }

    #[test]
    fn self_checks_get_the_pid_patched_in() {
        let f = compile_promises("stdio");
        // kill, tgkill, sched_setaffinity, migrate_pages and get_robust_list each compare
        // arg0 with the pid once.
        assert_eq!(f.pid_slots.len(), 5);
        let p = f.program_for_pid(777);
        let call = |name: &str, args: [u64; 6]| run(&p, &data(nr(name), args)).unwrap();
        assert_eq!(call("kill", [777, 15, 0, 0, 0, 0]), ALLOW);
        assert_eq!(call("kill", [778, 15, 0, 0, 0, 0]), EPERM);
        assert_eq!(call("tgkill", [777, 778, 10, 0, 0, 0]), ALLOW);
        for name in ["sched_setaffinity", "migrate_pages", "get_robust_list"] {
            assert_eq!(call(name, [0, 8, 0x1000, 0, 0, 0]), ALLOW, "{name} on 0");
            assert_eq!(
                call(name, [777, 8, 0x1000, 0, 0, 0]),
                ALLOW,
                "{name} on itself"
            );
            assert_eq!(
                call(name, [778, 8, 0x1000, 0, 0, 0]),
                EPERM,
                "{name} on another"
            );
            assert_eq!(call(name, [1, 8, 0x1000, 0, 0, 0]), EPERM, "{name} on init");
        }
        // proc allows kill to anyone, but changes priorities and limits of itself only.
        let f = compile_promises("stdio proc");
        assert!(!f.pid_slots.is_empty());
        let p = f.program_for_pid(777);
        let call = |name: &str, args: [u64; 6]| run(&p, &data(nr(name), args)).unwrap();
        assert_eq!(call("kill", [778, 15, 0, 0, 0, 0]), ALLOW);
        assert_eq!(call("setpriority", [0, 777, 10, 0, 0, 0]), ALLOW);
        assert_eq!(call("setpriority", [0, 778, 10, 0, 0, 0]), EPERM);
        assert_eq!(call("prlimit64", [777, 4, 0x1000, 0, 0, 0]), ALLOW);
        assert_eq!(call("prlimit64", [778, 4, 0x1000, 0, 0, 0]), EPERM);
        assert_eq!(call("prlimit64", [778, 4, 0, 0x1000, 0, 0]), ALLOW, "read");
    }

    #[test]
    fn reserved_value_is_refused() {
        let rules = vec![Rule {
            syscall: "kill".parse().unwrap(),
            conditions: vec![Condition::new(0, Width::Dword, Op::Eq, PID_PLACEHOLDER)],
            action: Action::Allow,
            comment: None,
        }];
        let e = compile(&FilterSpec::new(
            PromiseSet::EMPTY,
            &rules,
            Action::Errno(1),
        ));
        assert!(matches!(e, Err(CompileError::ReservedValue)));
    }
}
