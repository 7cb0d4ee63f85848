//! seccompiler's filters JSON: `import` (picking the first allow-list when the file holds
//! several, as `--filter` would), then the round trip the format allows: the imported
//! policy, exported (unless the export refuses it, a documented answer) and imported
//! again, decides every syscall alike, and exports again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seccomp_pledge::seccompiler::{ImportError, export, import};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let imported = match import(text, None) {
        Err(ImportError::SeveralAllowLists { names }) => import(text, Some(&names[0])),
        other => other,
    };
    let policy = match imported {
        Ok(p) => p,
        Err(e) => {
            assert!(
                !e.to_string().trim().is_empty(),
                "an error without a message"
            );
            return;
        }
    };
    policy.validate().expect("an imported policy is valid");
    assert!(policy.promises.is_empty(), "imports have no promises");
    fuzz_support::check_policy(&policy);
    let out = match export(&policy) {
        Ok(t) => t,
        Err(e) => {
            assert!(
                !e.to_string().trim().is_empty(),
                "an error without a message"
            );
            return;
        }
    };
    let back = import(&out, None)
        .unwrap_or_else(|e| panic!("an export does not import back: {e}\n{text}\n=>\n{out}"));
    assert_eq!(back.penalty.action(), policy.penalty.action());
    fuzz_support::assert_same_decisions(&policy, &back);
    if let Err(e) = export(&back) {
        panic!("a re-imported export does not export again: {e}\n{out}");
    }
});
