//! Policy files as `load` and `--policy` read them (`format::policy::parse`, the part of
//! `file::load` after reading the file): ours or seccompiler's, detected. A policy that
//! loads saves (`file::to_text`, what `save` writes) and loads back equal, and its BPF
//! program decides as its plan.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seccomp_pledge::policy_file as file;

fuzz_target!(|data: &[u8]| {
    // `load` reads the file as UTF-8 first.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match file::parse(text, None) {
        Ok((policy, _kind)) => fuzz_support::check_policy(&policy),
        Err(message) => assert!(!message.trim().is_empty(), "an error without a message"),
    }
});
