//! Splitting a command line into words with shell quoting, keeping each word's byte span so
//! errors can point at it.
//!
//! The quoting rules are `shell_words::split`'s (single quotes are literal; in double quotes
//! a backslash escapes `$`, `` ` ``, `"`, `\` and newline; outside quotes a backslash escapes
//! any character; `#` at the start of a word begins a comment); that crate is the oracle in
//! the tests. It has no spans, hence this small lexer.

use std::ops::Range;

use super::rule::ParseError;

/// A word of a command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// The word after quote removal.
    pub text: String,
    /// Its bytes in the line, quotes included.
    pub span: Range<usize>,
}

/// Splits a line into words.
///
/// # Errors
/// An unbalanced quote, pointing at the opening quote.
pub(crate) fn split(line: &str) -> Result<Vec<Word>, ParseError> {
    let mut words = Vec::new();
    let mut chars = line.char_indices().peekable();
    loop {
        // skip blanks
        // Words are separated by ASCII blanks only, as in a shell: NEL, NBSP or a line
        // separator are characters of a word (and then reported, escaped).
        while chars.peek().is_some_and(|(_, c)| c.is_ascii_whitespace()) {
            chars.next();
        }
        let Some(&(start, first)) = chars.peek() else {
            break;
        };
        if first == '#' {
            break; // comment to the end of the line
        }
        let mut text = String::new();
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_ascii_whitespace() {
                break;
            }
            chars.next();
            end = i + c.len_utf8();
            match c {
                '\'' => loop {
                    match chars.next() {
                        Some((j, '\'')) => {
                            end = j + 1;
                            break;
                        }
                        Some((_, q)) => text.push(q),
                        None => return Err(unbalanced(i, line.len(), '\'')),
                    }
                },
                '"' => loop {
                    match chars.next() {
                        Some((j, '"')) => {
                            end = j + 1;
                            break;
                        }
                        Some((_, '\\')) => match chars.next() {
                            Some((_, e @ ('$' | '`' | '"' | '\\'))) => text.push(e),
                            Some((_, '\n')) => {}
                            Some((_, other)) => {
                                text.push('\\');
                                text.push(other);
                            }
                            None => return Err(unbalanced(i, line.len(), '"')),
                        },
                        Some((_, q)) => text.push(q),
                        None => return Err(unbalanced(i, line.len(), '"')),
                    }
                },
                '\\' => match chars.next() {
                    Some((j, '\n')) => end = j + 1,
                    Some((j, e)) => {
                        text.push(e);
                        end = j + e.len_utf8();
                    }
                    None => {
                        return Err(ParseError {
                            message: "a backslash at the end of the line escapes nothing".into(),
                            span: i..i + 1,
                            hint: Some("write `\\\\` for a backslash".into()),
                        });
                    }
                },
                other => text.push(other),
            }
        }
        words.push(Word {
            text,
            span: start..end,
        });
    }
    Ok(words)
}

fn unbalanced(at: usize, len: usize, quote: char) -> ParseError {
    ParseError {
        message: format!("unbalanced quote: this `{quote}` is never closed"),
        span: at..len.max(at + 1),
        hint: Some(format!("close it with a matching `{quote}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str) -> Vec<String> {
        split(line).unwrap().into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn words_and_spans() {
        let w = split("allow  ioctl 'if x' \"a\\\"b\"").unwrap();
        assert_eq!(
            w.iter().map(|w| w.text.as_str()).collect::<Vec<_>>(),
            ["allow", "ioctl", "if x", "a\"b"]
        );
        assert_eq!(w[1].span, 7..12);
        assert_eq!(w[2].span, 13..19);
        assert_eq!(
            texts("run -- sh -c 'echo $HOME; ls' # comment"),
            ["run", "--", "sh", "-c", "echo $HOME; ls"]
        );
        assert_eq!(texts("a\\ b c"), ["a b", "c"]);
        assert_eq!(texts("''"), [""]);
        assert!(texts("   # only a comment").is_empty());
    }

    #[test]
    fn unbalanced_quotes_point_at_the_opening_quote() {
        let e = split("unveil '/tmp r").unwrap_err();
        assert_eq!(e.span.start, 7);
        assert!(e.message.contains("unbalanced quote"));
        assert!(split("a \"b").is_err());
        assert!(split("a \\").is_err());
    }

    /// shell_words is the oracle for quote removal.
    #[test]
    fn agrees_with_shell_words() {
        let pieces = [
            "a", "b c", "'x y'", "\"p q\"", "\\ ", "\"\\\"\"", "'\\'", "\"\\n\"", "é", "\"$x\"",
            "''", "\\a", "#c", "d#e",
        ];
        let mut seed = 0x1234_5678_u64;
        for _ in 0..5000 {
            let mut line = String::new();
            let n = (seed % 6) as usize;
            for _ in 0..=n {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                line.push_str(pieces[(seed % pieces.len() as u64) as usize]);
                if seed & 4 == 0 {
                    line.push(' ');
                }
            }
            let ours = split(&line).map(|w| w.into_iter().map(|w| w.text).collect::<Vec<_>>());
            let theirs = shell_words::split(&line);
            match (ours, theirs) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{line:?}"),
                (Err(_), Err(_)) => {}
                (a, b) => panic!("{line:?}: ours {a:?}, shell_words {b:?}"),
            }
        }
    }
}
