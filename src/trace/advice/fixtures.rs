//! Test fixtures of the advice tests: profiles built call by call ([`call`], [`used`],
//! [`cat_like`], [`tcp_client`]), real traces run alone in a copy of the test binary
//! ([`alone`], [`traced`]), and the check that a suggestion allows every traced shape
//! ([`assert_suggestion_allows_trace`]).

use std::path::Path;

use super::*;
use crate::compile::bpf;
use crate::compile::seccomp;
use crate::policy::promise;
use crate::policy::rule::{ALWAYS_ENOSYS, Action};
use crate::policy::unveil::Perms;
use crate::test_util::nr;
use crate::trace::profile::Phase;

pub(super) const PID: i32 = 4242;

pub(super) fn call(p: &mut Profile, name: &str, args: [u64; 6]) {
    p.record_call(Shape::of(nr(name), &args, PID), Phase::Program, false);
}

pub(super) fn failed_call(p: &mut Profile, name: &str, args: [u64; 6]) {
    p.record_call(Shape::of(nr(name), &args, PID), Phase::Program, true);
}

pub(super) fn loader_call(p: &mut Profile, name: &str, args: [u64; 6]) {
    p.record_call(Shape::of(nr(name), &args, PID), Phase::Loader, false);
}

pub(super) fn used(p: &mut Profile, path: &Path, letters: &str, dir: bool) {
    p.record_path(
        path,
        Perms::parse(letters).unwrap(),
        dir,
        Phase::Program,
        Ok(()),
    );
}

pub(super) const AT_FDCWD: u64 = 0xffff_ff9c;
pub(super) const O_CLOEXEC: u64 = 0o2000000;

/// read/write/openat O_RDONLY/fstat/mmap PROT_READ/close/exit_group, as `cat` does.
pub(super) fn cat_like() -> Profile {
    let mut p = Profile::default();
    call(&mut p, "openat", [AT_FDCWD, 0x1000, O_CLOEXEC, 0, 0, 0]);
    call(&mut p, "openat", [AT_FDCWD, 0x1000, 0, 0, 0, 0]);
    call(&mut p, "fstat", [3, 0x2000, 0, 0, 0, 0]);
    call(&mut p, "newfstatat", [3, 0x2000, 0x3000, 0x1000, 0, 0]);
    call(&mut p, "mmap", [0, 4096, 1, 2, 3, 0]);
    call(&mut p, "read", [3, 0x4000, 4096, 0, 0, 0]);
    call(&mut p, "write", [1, 0x4000, 12, 0, 0, 0]);
    call(&mut p, "fadvise64", [3, 0, 0, 2, 0, 0]);
    call(&mut p, "close", [3, 0, 0, 0, 0, 0]);
    call(&mut p, "exit_group", [0; 6]);
    p
}

/// socket(AF_INET, SOCK_STREAM), connect, sendto with a NULL address, recvfrom.
pub(super) fn tcp_client() -> Profile {
    let mut p = cat_like();
    call(&mut p, "socket", [2, 1 | O_CLOEXEC, 6, 0, 0, 0]);
    call(&mut p, "connect", [3, 0x5000, 16, 0, 0, 0]);
    call(&mut p, "setsockopt", [3, 6, 1, 0x6000, 4, 0]);
    call(&mut p, "sendto", [3, 0x4000, 5, 0, 0, 0]);
    call(&mut p, "recvfrom", [3, 0x4000, 4096, 0, 0, 0]);
    call(&mut p, "getsockname", [3, 0x5000, 0x5100, 0, 0, 0]);
    p
}

/// Every shape is allowed by the suggestion with its optional promises: by its promises
/// (with the loader's for loader-only shapes) or an explicit rule, and by the compiled
/// filter's own decisions.
pub(super) fn assert_suggestion_allows_trace(p: &Profile, s: &Suggestion) {
    let all = Suggestion {
        promises: s.promises.union(s.optional),
        ..s.clone()
    };
    let s = &all;
    let policy = s.to_policy();
    policy.validate().unwrap();
    for r in &s.rules {
        r.validate().unwrap();
    }
    let narrow = seccomp::plan(&seccomp::FilterSpec::new(
        s.promises,
        &s.rules,
        Action::Errno(1),
    ))
    .unwrap();
    let wide = seccomp::plan(&seccomp::FilterSpec::new(
        s.promises.union(crate::sandbox::loader::loader_promises()),
        &s.rules,
        Action::Errno(1),
    ))
    .unwrap();
    for (shape, st) in effective_shapes(p) {
        let name = shape.name();
        if ALWAYS_ENOSYS.iter().any(|(n, _)| *n == name) || guarded_ioctl(&shape).is_some() {
            continue;
        }
        let loader_only = st.program == 0;
        let set = if loader_only {
            s.promises.union(crate::sandbox::loader::loader_promises())
        } else {
            s.promises
        };
        let by_promise = promise::allows(set, shape.nr, &shape.args);
        let by_rule = s.rules.iter().any(|r| {
            r.syscall.nr() == shape.nr && r.conditions.iter().all(|c| c.matches(&shape.args))
        });
        assert!(
            by_promise || by_rule,
            "{} is not allowed",
            shape_text(&shape)
        );
        let plan = if loader_only { &wide } else { &narrow };
        assert_eq!(
            plan.decide(shape.nr, &shape.args),
            bpf::SECCOMP_RET_ALLOW,
            "the filter denies {}",
            shape_text(&shape)
        );
    }
}

/// Runs the test `name` of `module` (its `module_path!()`) alone in a copy of the test binary,
/// `body` there: the tracer waits for any child (`waitpid(-1)`), which beside other tests
/// running in parallel would reap their children.
pub(super) fn alone(module: &str, name: &str, body: impl FnOnce()) {
    const VAR: &str = "SECCOMP_PLEDGE_TEST_ALONE";
    if std::env::var_os(VAR).is_some_and(|v| v == name) {
        body();
        return;
    }
    // The harness names a test by its path without the crate's name.
    let module = module.split_once("::").map_or(module, |(_, path)| path);
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            &format!("{module}::{name}"),
            "--test-threads=1",
            "--nocapture",
        ])
        .env(VAR, name)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{text}");
    assert!(text.contains("1 passed"), "{text}");
}

/// The profile of a real trace of `argv` (None when ptrace is not permitted here).
pub(super) fn traced(argv: &[&str]) -> Option<Profile> {
    let argv: Vec<std::ffi::OsString> = argv.iter().map(Into::into).collect();
    let opts = super::super::engine::Options {
        calls: false,
        pin: false,
        ..Default::default()
    };
    match super::super::engine::trace(&argv, &opts, &mut std::io::sink()) {
        Ok(outcome) => {
            assert_eq!(outcome.exit.code(), 0, "{argv:?}");
            Some(outcome.profile)
        }
        Err(super::super::engine::TraceError::NotPermitted { reason }) => {
            eprintln!("skipped: ptrace is not permitted here ({reason})");
            None
        }
        Err(e) => panic!("{argv:?}: {e}"),
    }
}

pub(super) fn s(p: &Path) -> String {
    p.display().to_string()
}

pub(super) fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

pub(super) fn touch(path: &Path) {
    std::fs::write(path, b"x").unwrap();
}

pub(super) fn unveil_strings(s: &Suggestion) -> Vec<String> {
    s.unveils.iter().map(ToString::to_string).collect()
}
