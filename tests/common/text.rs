//! Whole-output comparison for the tests whose output is the interface (error messages,
//! reports): the text must be exactly what is expected, and a failure shows the first line
//! that differs, both versions, escaped. Shared by the test crates (`#[path]`-included).

// Each test crate uses part of it.
#![allow(dead_code)]

/// Asserts that `actual` is exactly `expected` once every `$DIR` in `expected` is replaced
/// by `dir` (a test's temporary directory, which differs per run).
#[track_caller]
pub(crate) fn assert_text(actual: &str, expected: &str, dir: &std::path::Path) {
    let expected = expected.replace("$DIR", &dir.display().to_string());
    if actual == expected {
        return;
    }
    let (a, e): (Vec<&str>, Vec<&str>) = (actual.lines().collect(), expected.lines().collect());
    let first = (0..a.len().max(e.len()))
        .find(|&i| a.get(i) != e.get(i))
        .unwrap_or(0);
    panic!(
        "output differs at line {}:\n  expected: {:?}\n  actual:   {:?}\n--- expected ---\n{expected}--- actual ---\n{actual}---",
        first + 1,
        e.get(first).copied().unwrap_or("<end>"),
        a.get(first).copied().unwrap_or("<end>"),
    );
}

/// `text` with every process id in brackets (`probe[1234]`) shown as `[PID]`, for comparing
/// reports whose pids differ per run.
pub(crate) fn mask_pids(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..=i]);
        rest = &rest[i + 1..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(']') {
            out.push_str("PID");
            rest = &rest[digits..];
        }
    }
    out.push_str(rest);
    out
}

/// A report line with what differs per run masked: pids in brackets (as [`mask_pids`]), stack
/// and heap addresses (hex of nine digits or more) as `0xADDR`, and strace's environment
/// count as `/* N vars */`.
pub(crate) fn mask_run(text: &str) -> String {
    let text = mask_pids(text);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find("0x") {
        out.push_str(&rest[..i]);
        rest = &rest[i + 2..];
        let digits = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        if digits >= 9 {
            out.push_str("0xADDR");
        } else {
            out.push_str("0x");
            out.push_str(&rest[..digits]);
        }
        rest = &rest[digits..];
    }
    out.push_str(rest);
    let mut masked = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(i) = rest.find("/* ") {
        masked.push_str(&rest[..i + 3]);
        rest = &rest[i + 3..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(" vars */") {
            masked.push('N');
            rest = &rest[digits..];
        }
    }
    masked.push_str(rest);
    masked
}

/// `text` with every run of digits right after `marker` shown as `N`, for a per-run number
/// the other masks do not know: a pid in a file name (`.tmp.1234`), a duration (`in 12 ms`).
pub(crate) fn mask_digits_after(text: &str, marker: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(marker) {
        out.push_str(&rest[..i + marker.len()]);
        rest = &rest[i + marker.len()..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            out.push('N');
            rest = &rest[digits..];
        }
    }
    out.push_str(rest);
    out
}
