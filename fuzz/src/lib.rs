//! What the fuzz targets share: which commands they may execute, and the properties every
//! policy they build must have (it saves and loads back equal, its rules print as commands
//! that parse back, its compiled BPF program decides as its plan says).

use std::path::PathBuf;

use seccomp_pledge::COMMANDS;
use seccomp_pledge::{Command, parse_line, render_rule};
use seccomp_pledge::{bpf, seccomp};
use seccomp_pledge::{At, Error, render_error};
use seccomp_pledge::FileKind;
use seccomp_pledge::policy_file as file;
use seccomp_pledge::promise::{self, PID_PLACEHOLDER};
use seccomp_pledge::syscalls::MAX_NR;
use seccomp_pledge::{Action, Policy, Rule};
use seccomp_pledge::Session;

/// Commands a target never executes: they run or trace programs, read or write files, or
/// query the kernel.
pub const IMPURE: &[&str] = &["run", "trace", "save", "load", "source", "check"];

/// Whether a target may execute `cmd` (see [`IMPURE`]). `unveil` stays: it only stats
/// the path.
pub fn is_pure(cmd: &Command) -> bool {
    // `{ .. }` matches tuple and struct variants alike, so a variant changing shape keeps
    // this compiling.
    !matches!(
        cmd,
        Command::Run { .. }
            | Command::Trace { .. }
            | Command::Save { .. }
            | Command::Load { .. }
            | Command::SaveTrace { .. }
            | Command::LoadTrace { .. }
            | Command::Source { .. }
            | Command::Check { .. }
    )
}

/// A session whose relative paths point nowhere.
pub fn session() -> Session {
    Session::new(PathBuf::from("/nonexistent/seccomp-pledge-fuzz"))
}

/// Whether a rhai script could reach an impure command: it names one (or an alias), or
/// uses what calls a function by a computed name (`Fn`, `call`, `curry`) or reads a module
/// (`import`). Conservative: it also rejects scripts that merely contain those letters.
pub fn script_may_escape(text: &str) -> bool {
    const OTHERS: &[&str] = &["Fn", "call", "curry", "import", "eval"];
    COMMANDS
        .iter()
        .filter(|c| IMPURE.contains(&c.name))
        .flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()))
        .chain(OTHERS.iter().copied())
        .any(|w| text.contains(w))
}

/// Every way a front end shows an error must work, say something, and point inside the
/// line.
pub fn check_error(e: &Error, line: &str, number: usize) {
    let _ = render_error(
        e,
        At::Line {
            source: "fuzz",
            number,
            line,
        },
    );
    let _ = render_error(
        e,
        At::Prompt {
            line,
            indent: "seccomp-pledge> ".len(),
        },
    );
    let _ = render_error(e, At::Socket);
    let _ = seccomp_pledge::json_response(Err(e));
    let _ = render_error(e, At::CommandLine);
    assert!(
        !e.to_string().trim().is_empty(),
        "an error without a message: {e:?}"
    );
    if let Error::Parse(p) = e {
        assert!(
            line.get(p.span.clone()).is_some(),
            "the span {:?} of `{}` is not a range of whole characters of {line:?}",
            p.span,
            p.message
        );
    }
}

/// A rule printed as a command (`show`, `rule N: …`) parses back to the same rule.
pub fn check_rule_parses_back(r: &Rule) {
    let text = render_rule(r);
    let want = Rule {
        comment: None,
        ..r.clone()
    };
    match parse_line(&text) {
        Ok(Some(Command::Rules { rules, .. })) => {
            let got: Vec<Rule> = rules
                .into_iter()
                .map(|r| Rule { comment: None, ..r })
                .collect();
            // `allow … log` and `allow … trace N` add the allow rule and the log (trace)
            // rule: a log or trace rule as printed parses back to both.
            let also_allows = matches!(want.action, Action::Log | Action::Trace(_));
            let expected = if also_allows {
                vec![
                    Rule {
                        action: Action::Allow,
                        ..want.clone()
                    },
                    want,
                ]
            } else {
                vec![want]
            };
            assert_eq!(got, expected, "`{text}` does not parse back to its rule");
        }
        other => panic!("`{text}` (a rule as printed) does not parse back: {other:?}"),
    }
}

/// The properties of a valid policy: it saves and loads back equal (our JSON), and it
/// compiles to a valid BPF program that decides as its plan says.
pub fn check_policy(p: &Policy) {
    p.validate().expect("check_policy takes valid policies");
    let text = file::to_text(p).expect("a policy serializes");
    match file::parse(&text, None) {
        Ok(back) => assert_eq!(back, (p.clone(), FileKind::Policy), "saved as\n{text}"),
        Err(e) => panic!("a saved policy does not load back: {e}\n{text}"),
    }
    check_compiled(p);
}

/// The argument vectors worth trying for a syscall: zeros, ones, and each check's operands
/// (and one off them).
fn arg_vectors(plans: &[&seccomp::SyscallPlan]) -> Vec<[u64; 6]> {
    let mut v = vec![[0; 6], [u64::MAX; 6]];
    for plan in plans {
        for check in &plan.checks {
            for delta in [0u64, 1, u64::MAX] {
                let mut args = [0u64; 6];
                for c in &check.conditions {
                    if let Some(a) = args.get_mut(usize::from(c.index)) {
                        *a = c.value.wrapping_add(delta);
                    }
                }
                v.push(args);
            }
        }
    }
    v
}

/// The BPF program (with a pid patched in) returns what the plan decides: for the syscalls
/// of the explicit rules with every argument vector worth trying, and for one in 16 of the
/// others with zeros (`bpf::run` validates the whole program on each call, so all of them
/// would cost seconds per input; the promise tables alone are checked exhaustively by the
/// crate's unit tests).
pub fn check_compiled(p: &Policy) {
    let mut spec = seccomp::FilterSpec::new(p.promises, &p.rules, p.penalty.action());
    spec.scoped_attrs = p.options.unveil;
    spec.report_syscall = true;
    let Ok(filter) = seccomp::compile(&spec) else {
        return; // a refusal (too large, reserved pid value) is an answer
    };
    bpf::validate(&filter.program).expect("the compiler emits a valid program");
    let pid: u32 = 4242;
    let prog = filter.program_for_pid(pid);
    let ruled: Vec<u32> = p.rules.iter().map(|r| r.syscall.0.id() as u32).collect();
    let offset = (p.rules.len() as u32 + p.promises.iter().count() as u32) % 16;
    for n in 0..=MAX_NR + 2 {
        let vectors = if ruled.contains(&n) {
            let plans: Vec<&seccomp::SyscallPlan> =
                filter.plan.syscalls.get(n as usize).into_iter().collect();
            arg_vectors(&plans)
        } else if n % 16 == offset {
            vec![[0; 6]]
        } else {
            continue;
        };
        for args in vectors {
            let want = filter.plan.decide(n, &args);
            let mut patched = args;
            for (a, is_pid) in patched.iter_mut().zip(promise::self_pid_args(n)) {
                if is_pid && *a & 0xffff_ffff == PID_PLACEHOLDER {
                    *a = (*a & !0xffff_ffff) | u64::from(pid);
                }
            }
            let d = bpf::SeccompData {
                nr: n as i32,
                arch: bpf::AUDIT_ARCH_X86_64,
                instruction_pointer: 0x40_1000,
                args: patched,
            };
            let got = bpf::run(&prog, &d).expect("the program runs");
            assert_eq!(
                got, want,
                "nr {n} args {args:x?}: the program and its plan differ"
            );
        }
    }
}

/// Two policies decide every syscall alike (by their plans), for the arguments that matter
/// to either.
pub fn assert_same_decisions(a: &Policy, b: &Policy) {
    let plan = |p: &Policy| {
        seccomp::plan(&seccomp::FilterSpec::new(
            p.promises,
            &p.rules,
            p.penalty.action(),
        ))
        .expect("a policy that exported plans")
    };
    let (pa, pb) = (plan(a), plan(b));
    for n in 0..=MAX_NR {
        let plans: Vec<&seccomp::SyscallPlan> =
            [pa.syscalls.get(n as usize), pb.syscalls.get(n as usize)]
                .into_iter()
                .flatten()
                .collect();
        for args in arg_vectors(&plans) {
            assert_eq!(
                pb.decide(n, &args),
                pa.decide(n, &args),
                "nr {n} ({}) args {args:x?} decided differently after the round trip",
                seccomp_pledge::syscalls::name(n).unwrap_or("?")
            );
        }
    }
}
