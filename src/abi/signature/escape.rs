//! Escaping for output: bytes shown like strace shows strings ([`escape`], [`escape_bare`]),
//! and text with the characters that must not reach a terminal raw escaped ([`escape_text`],
//! [`escape_word`], [`is_unsafe_char`]).

/// Escapes bytes like strace: printable ASCII as is, `\"`, `\\`, `\n`, `\t`, `\r`, `\0`
/// (`\x00` when a digit follows, so it cannot be misread as octal), anything else `\xNN`.
/// At most `max` bytes are shown; when there are more, `...` follows the closing quote.
pub(crate) fn escape(bytes: &[u8], max: usize) -> String {
    let shown = &bytes[..bytes.len().min(max)];
    let mut out = String::with_capacity(shown.len() + 2);
    out.push('"');
    for (i, &b) in shown.iter().enumerate() {
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\t' => out.push_str("\\t"),
            b'\r' => out.push_str("\\r"),
            0 if !shown.get(i + 1).is_some_and(u8::is_ascii_digit) => out.push_str("\\0"),
            0x20..=0x7e => out.push(char::from(b)),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push('"');
    if bytes.len() > max {
        out.push_str("...");
    }
    out
}

/// Escapes bytes as [`escape`] does but without the quotes, for names inside messages (a
/// command name, a path): never a control character raw.
pub(crate) fn escape_bare(bytes: &[u8]) -> String {
    let quoted = escape(bytes, bytes.len());
    quoted[1..quoted.len() - 1].to_string()
}

/// Whether `c` must not reach a terminal raw: C0 controls (but newline and tab), DEL, C1
/// controls, and the characters that reorder text (bidi marks, embeddings, overrides and
/// isolates) or separate lines.
pub fn is_unsafe_char(c: char) -> bool {
    matches!(c,
        '\0'..='\x08' | '\x0b'..='\x1f' | '\x7f'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text for an error, note or hint with every [`is_unsafe_char`] escaped (`\x1b`,
/// `\u{202e}`); printable Unicode stays as it is. Borrowed when nothing needs escaping.
pub(crate) fn escape_text(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\0' => out.push_str("\\0"),
            '\r' => out.push_str("\\r"),
            c if u32::from(c) < 0x80 && is_unsafe_char(c) => {
                out.push_str(&format!("\\x{:02x}", u32::from(c)));
            }
            c if is_unsafe_char(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// [`escape_text`] that also escapes newlines and tabs: for one quoted word.
pub fn escape_word(s: &str) -> String {
    escape_text(s).replace('\n', "\\n").replace('\t', "\\t")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape(b"a\"b\\c\n\x01", 32), "\"a\\\"b\\\\c\\n\\x01\"");
        assert_eq!(escape(b"\t\r\0x", 32), "\"\\t\\r\\0x\"");
        assert_eq!(escape(b"\x001", 32), "\"\\x001\"");
        assert_eq!(escape(b"\xff\x7f ~", 32), "\"\\xff\\x7f ~\"");
        assert_eq!(escape(b"abcdef", 3), "\"abc\"...");
        assert_eq!(escape(b"abc", 3), "\"abc\"");
        assert_eq!(escape(b"", 0), "\"\"");
        assert_eq!(escape(b"a", 0), "\"\"...");
    }
}
