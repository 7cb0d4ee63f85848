//! The one-shot command line: NUL-separated arguments after `seccomp-pledge`, through clap
//! (`parse_command_line`) and, for a run, `RunArgs::policy` (never `--policy FILE`: it is dropped
//! before, and nothing is run). Usage errors render; a built policy saves and loads back
//! equal, and its BPF program decides as its plan.
#![no_main]

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use libfuzzer_sys::fuzz_target;
use seccomp_pledge::{Sub, parse_command_line, usage_error};
use seccomp_pledge::{At, render_error};

fuzz_target!(|data: &[u8]| {
    let mut argv = vec![OsString::from("seccomp-pledge")];
    if !data.is_empty() {
        argv.extend(
            data.split(|b| *b == 0)
                .take(64)
                .map(|a| OsString::from_vec(a.to_vec())),
        );
    }
    let parsed = match parse_command_line(argv) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.to_string();
            let u = usage_error(&e);
            assert!(
                !u.to_string().trim().is_empty(),
                "a usage error without a message"
            );
            let _ = render_error(&u, At::CommandLine);
            return;
        }
    };
    let mut run = match parsed.command {
        None => parsed.run,
        Some(Sub::Run(a)) => *a,
        Some(Sub::Trace(t)) => {
            // Its options only: `sink` would open the output file.
            if let Err(e) = t.options() {
                assert!(!e.to_string().trim().is_empty());
            }
            return;
        }
        Some(_) => return,
    };
    run.policy = None; // no file reading
    match run.policy() {
        Ok(p) => match p.validate() {
            Ok(()) => fuzz_support::check_policy(&p),
            Err(e) => assert!(!e.to_string().trim().is_empty()),
        },
        Err(e) => {
            assert!(
                !e.to_string().trim().is_empty(),
                "an error without a message"
            );
            let _ = render_error(&e, At::CommandLine);
        }
    }
});
