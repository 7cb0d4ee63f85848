//! clap's errors as our one-line messages: the first line of clap's text (required arguments
//! listed on it), its `tip:`, and values holding control characters escaped (clap's rendering
//! drops escape sequences, so the user would not see what they typed). For every clap parser
//! of the crate: the one-shot command line (`cli`) and the shell's `trace` arguments
//! (`trace::args`). A bottom utility, like `suggest`: it imports only the escaping of
//! `abi::signature`.

/// clap's message for a value holding control characters, escaped: clap's rendering drops
/// escape sequences, so the user would not see what they typed.
fn unsafe_value_message(e: &clap::Error) -> Option<String> {
    use crate::abi::signature::{escape_word, is_unsafe_char};
    use clap::error::{ContextKind, ContextValue};
    let string = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.as_str()),
        _ => None,
    };
    let risky = |s: &str| {
        s.chars()
            .any(|c| is_unsafe_char(c) || c == '\n' || c == '\t')
    };
    if let Some(v) = string(ContextKind::InvalidValue).filter(|v| risky(v)) {
        let arg = string(ContextKind::InvalidArg).unwrap_or("the argument");
        let mut m = format!("invalid value `{}` for `{arg}`", escape_word(v));
        if let Some(ContextValue::Strings(valid)) = e.get(ContextKind::ValidValue) {
            m.push_str(&format!(" (possible values: {})", valid.join(", ")));
        }
        return Some(m);
    }
    if let Some(v) = string(ContextKind::InvalidArg).filter(|v| risky(v)) {
        return Some(format!("unexpected argument `{}`", escape_word(v)));
    }
    if let Some(v) = string(ContextKind::InvalidSubcommand).filter(|v| risky(v)) {
        return Some(format!("unrecognized subcommand `{}`", escape_word(v)));
    }
    None
}

/// A clap error as one line, and its `tip:` when it has one.
pub(crate) fn clap_message(e: &clap::Error) -> (String, Option<String>) {
    let text = e.render().to_string();
    if let Some(message) = unsafe_value_message(e) {
        let tip = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("tip: ").map(str::to_string));
        return (message, tip);
    }
    let mut lines = text.lines();
    let mut first = lines
        .next()
        .unwrap_or("invalid usage")
        .trim_start_matches("error: ")
        .to_string();
    // "the following required arguments were not provided:" lists them on the next lines.
    if first.ends_with(':') {
        let listed: Vec<&str> = lines
            .take_while(|l| l.starts_with("  "))
            .map(str::trim)
            .collect();
        first = format!("{} {}", first, listed.join(", "));
    }
    let tip = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("tip: ").map(str::to_string));
    (first, tip)
}
