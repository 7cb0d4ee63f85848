//! rhai scripts through `frontend::script::run` (the engine `script` and `source` use, with
//! its limits), skipping any script that names an impure command or could call a function
//! by a computed name or import a module (`fuzz_support::script_may_escape`). A failing
//! script answers with a message; the policy it leaves saves and loads back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seccomp_pledge::script;
use seccomp_pledge::Policy;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if fuzz_support::script_may_escape(&text) {
        return;
    }
    let mut session = fuzz_support::session();
    let args = ["one".to_string(), "two words".to_string()];
    if let Err(e) = script::run(&mut session, "fuzz.rhai", &text, &args) {
        assert!(
            !e.to_string().trim().is_empty(),
            "a script error without a message"
        );
    }
    if session.policy != Policy::default() && session.policy.validate().is_ok() {
        fuzz_support::check_policy(&session.policy);
    }
});
