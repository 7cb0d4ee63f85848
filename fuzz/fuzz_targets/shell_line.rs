//! Shell lines, as `seccomp-pledge shell < FILE` reads them: each line through
//! `command::parse_line` and `Session::execute` (never the commands that run programs, read
//! or write files: `fuzz_support::IMPURE`), every error rendered as the front ends render
//! it. Then the policy built: its rules print as commands that parse back, it saves and
//! loads back equal, its BPF program decides as its plan.
#![no_main]

use fuzz_support::{check_error, check_policy, check_rule_parses_back, is_pure, session};
use libfuzzer_sys::fuzz_target;
use seccomp_pledge::{Command, parse_line};
use seccomp_pledge::Error;
use seccomp_pledge::json_response;
use seccomp_pledge::Policy;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut session = session();
    for (i, line) in text.lines().take(64).enumerate() {
        let result = match parse_line(line) {
            Err(e) => Err(Error::from(e)),
            Ok(None) => continue,
            Ok(Some(Command::Quit)) => break,
            Ok(Some(cmd)) if !is_pure(&cmd) => continue,
            Ok(Some(cmd)) => session.execute(cmd),
        };
        match &result {
            Ok(out) => {
                let _ = json_response(Ok(out));
            }
            Err(e) => check_error(e, line, i + 1),
        }
    }
    for r in &session.policy.rules {
        check_rule_parses_back(r);
    }
    if session.policy != Policy::default() && session.policy.validate().is_ok() {
        check_policy(&session.policy);
    }
});
