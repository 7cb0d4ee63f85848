//! The rule grammar shared by `allow`/`deny` commands and the `--allow`/`--deny` flags:
//!
//! ```text
//! SYSCALL[,| ]SYSCALL… [if CONDITION [and CONDITION]…] [ACTION]
//! CONDITION := argN[:32|:64] (== != < <= > >=) VALUE  |  argN[:32|:64] & VALUE == VALUE
//! VALUE     := number | CONSTANT | VALUE '|' VALUE          (e.g. O_WRONLY|O_CREAT, 0x5413, -100)
//! ACTION    := errno (NAME|N) | kill | kill_process | kill_thread | trap | log | trace N
//! ```
//!
//! `allow … log` (or `trace N`) allows and logs. `deny` without an action uses the penalty.
//! Text becomes typed [`Rule`]s here and nowhere else; errors carry the byte span of the
//! offending word so front ends can point at it.

use std::ops::Range;

use crate::abi::consts::{self, ValueError};
use crate::abi::sysargs;
use crate::abi::syscalls::{self, Syscall};
use crate::policy::rule::{Action, Condition, MAX_ERRNO, Op, Rule, Width};

/// `allow` or `deny`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verb {
    /// Adds calls to what is allowed.
    Allow,
    /// Denies calls (with an action, or the penalty).
    Deny,
}

/// A parse error with the span of the offending text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    /// What is wrong, naming the offending word.
    pub message: String,
    /// Byte range in the parsed text.
    pub span: Range<usize>,
    /// A suggested fix.
    pub hint: Option<String>,
}

impl ParseError {
    fn new(message: impl Into<String>, span: Range<usize>) -> Self {
        ParseError {
            message: message.into(),
            span,
            hint: None,
        }
    }

    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Word(String),
    Op(&'static str),
    Comma,
    Colon,
}

#[derive(Clone, Debug)]
struct Token {
    tok: Tok,
    span: Range<usize>,
}

fn lex(text: &str) -> Result<Vec<Token>, ParseError> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        // Bytes, not `&text[i..i + 2]`: the second byte may be inside a UTF-8 character.
        let two = b.get(i..i + 2).unwrap_or_default();
        let op2 = ["==", "!=", "<=", ">="]
            .into_iter()
            .find(|o| o.as_bytes() == two);
        if let Some(o) = op2 {
            out.push(Token {
                tok: Tok::Op(o),
                span: start..start + 2,
            });
            i += 2;
            continue;
        }
        let tok = match c {
            b'<' => Some(Tok::Op("<")),
            b'>' => Some(Tok::Op(">")),
            b'&' => Some(Tok::Op("&")),
            b'|' => Some(Tok::Op("|")),
            b'=' => Some(Tok::Op("==")),
            b',' => Some(Tok::Comma),
            b':' => Some(Tok::Colon),
            _ => None,
        };
        if let Some(t) = tok {
            out.push(Token {
                tok: t,
                span: start..start + 1,
            });
            i += 1;
            continue;
        }
        if c.is_ascii_alphanumeric() || c == b'_' || c == b'-' {
            i += 1;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push(Token {
                tok: Tok::Word(text[start..i].to_string()),
                span: start..i,
            });
            continue;
        }
        let ch = text[i..].chars().next().unwrap_or('?');
        return Err(ParseError::new(
            format!(
                "unexpected character `{}`",
                crate::abi::signature::escape_word(ch.encode_utf8(&mut [0; 4]))
            ),
            start..start + ch.len_utf8(),
        )
        .hint(
            "rules are ASCII words and operators, e.g. `socket if arg0 == AF_INET errno EACCES`",
        ));
    }
    Ok(out)
}

/// How a token reads in "found `…`" (escaped).
fn shown(t: &Token) -> String {
    let text = match &t.tok {
        Tok::Word(w) => w.as_str(),
        Tok::Op(o) => o,
        Tok::Comma => ",",
        Tok::Colon => ":",
    };
    crate::abi::signature::escape_word(text)
}

/// "expected WHAT", and ", found `TOKEN`" when there is a token (not the end of the rule).
fn expected(what: &str, t: Option<&Token>) -> String {
    match t {
        Some(t) => format!("expected {what}, found `{}`", shown(t)),
        None => format!("expected {what}"),
    }
}

/// A condition as written, before the width is settled.
#[derive(Clone, Debug, PartialEq, Eq)]
struct CondSpec {
    index: u8,
    width: Option<Width>,
    op: Op,
    value: u64,
    span: Range<usize>,
}

/// The words that start a rule's action, in the order completion lists them: read by the
/// parser (an action ends the syscall list) and the shell's completer.
pub(crate) const ACTION_WORDS: [&str; 7] = [
    "errno",
    "kill",
    "kill_process",
    "kill_thread",
    "trap",
    "log",
    "trace",
];

struct Parser<'a> {
    toks: &'a [Token],
    pos: usize,
    end: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.toks.get(self.pos)
    }
    fn next(&mut self) -> Option<&Token> {
        let t = self.toks.get(self.pos);
        self.pos += 1;
        t
    }
    fn eof_span(&self) -> Range<usize> {
        self.end..self.end
    }
    fn peek_word(&self) -> Option<&str> {
        match self.peek() {
            Some(Token {
                tok: Tok::Word(w), ..
            }) => Some(w),
            _ => None,
        }
    }

    fn value(&mut self) -> Result<(u64, Range<usize>), ParseError> {
        let mut acc = 0u64;
        let mut span: Option<Range<usize>> = None;
        loop {
            let t = self.next().cloned();
            let Some(Token {
                tok: Tok::Word(w),
                span: s,
            }) = t
            else {
                let what = if span.is_some() {
                    "a value after `|` (a number or a constant such as O_CREAT)"
                } else {
                    "a value (a number or a constant such as AF_INET)"
                };
                let m = expected(what, t.as_ref());
                let s = t.map_or_else(|| self.eof_span(), |t| t.span);
                return Err(ParseError::new(m, s));
            };
            let v = consts::parse_value(&w).map_err(|e| match e {
                ValueError::Unknown { name, suggestion } => {
                    let err = ParseError::new(format!("unknown constant `{name}`"), s.clone());
                    match suggestion {
                        Some(sug) => err.hint(format!("did you mean `{sug}`?")),
                        None => err,
                    }
                }
                other => ParseError::new(other.to_string(), s.clone()),
            })?;
            acc |= v;
            span = Some(span.map_or(s.clone(), |sp| sp.start..s.end));
            if matches!(
                self.peek(),
                Some(Token {
                    tok: Tok::Op("|"),
                    ..
                })
            ) {
                self.pos += 1;
                continue;
            }
            return Ok((acc, span.unwrap_or_else(|| self.eof_span())));
        }
    }

    fn condition(&mut self) -> Result<CondSpec, ParseError> {
        let Some(t) = self.next().cloned() else {
            return Err(ParseError::new(
                "expected a condition such as `arg0 == AF_INET`",
                self.eof_span(),
            ));
        };
        let start = t.span.start;
        let index = match &t.tok {
            Tok::Word(w) if w.starts_with("arg") => {
                let n = &w[3..];
                match n.parse::<u8>() {
                    Ok(i) if i <= 5 => i,
                    Ok(i) => {
                        return Err(ParseError::new(
                            format!("argument index {i} is out of range in `{w}`"),
                            t.span.clone(),
                        )
                        .hint("syscalls have arguments arg0 to arg5"));
                    }
                    Err(_) => {
                        return Err(ParseError::new(
                            format!("expected `arg0` … `arg5`, found `{w}`"),
                            t.span.clone(),
                        ));
                    }
                }
            }
            _ => {
                return Err(ParseError::new(
                    expected("an argument (`arg0` … `arg5`)", Some(&t)),
                    t.span.clone(),
                )
                .hint(
                    "conditions look like `arg1 == TIOCGWINSZ` or `arg2 & O_ACCMODE == O_RDONLY`",
                ));
            }
        };
        let mut width = None;
        if matches!(
            self.peek(),
            Some(Token {
                tok: Tok::Colon,
                ..
            })
        ) {
            self.pos += 1;
            let w = self.next().cloned();
            width = Some(match w {
                Some(Token {
                    tok: Tok::Word(ref x),
                    ..
                }) if x == "32" => Width::Dword,
                Some(Token {
                    tok: Tok::Word(ref x),
                    ..
                }) if x == "64" => Width::Qword,
                other => {
                    let m = expected("a width `32` or `64` after `:`", other.as_ref());
                    let s = other.map_or_else(|| self.eof_span(), |t| t.span);
                    return Err(ParseError::new(m, s));
                }
            });
        }
        let Some(op_tok) = self.next().cloned() else {
            return Err(ParseError::new(
                "expected a comparison (== != < <= > >= or &)",
                self.eof_span(),
            ));
        };
        let (op, value, end) = match op_tok.tok {
            Tok::Op("&") => {
                let (mask, _) = self.value()?;
                match self.next().cloned() {
                    Some(Token {
                        tok: Tok::Op("=="), ..
                    }) => {}
                    other => {
                        let m = expected("`==` after the mask", other.as_ref());
                        let s = other.map_or_else(|| self.eof_span(), |t| t.span);
                        return Err(ParseError::new(m, s)
                            .hint("masked conditions look like `arg2 & O_ACCMODE == O_RDONLY`"));
                    }
                }
                let (v, s) = self.value()?;
                (Op::MaskedEq(mask), v, s.end)
            }
            Tok::Op(o @ ("==" | "!=" | "<" | "<=" | ">" | ">=")) => {
                let op = match o {
                    "==" => Op::Eq,
                    "!=" => Op::Ne,
                    "<" => Op::Lt,
                    "<=" => Op::Le,
                    ">" => Op::Gt,
                    _ => Op::Ge,
                };
                let (v, s) = self.value()?;
                (op, v, s.end)
            }
            _ => {
                return Err(ParseError::new(
                    expected("a comparison (== != < <= > >= or &)", Some(&op_tok)),
                    op_tok.span,
                ));
            }
        };
        Ok(CondSpec {
            index,
            width,
            op,
            value,
            span: start..end,
        })
    }

    fn action(&mut self) -> Result<(Action, Range<usize>), ParseError> {
        let t = self.next().cloned().expect("caller checked an action word");
        let Tok::Word(w) = &t.tok else {
            unreachable!("caller checked a word")
        };
        let action = match w.as_str() {
            "kill" | "kill_process" => Action::KillProcess,
            "kill_thread" => Action::KillThread,
            "trap" => Action::Trap,
            "log" => Action::Log,
            "errno" => {
                let v = self.next().cloned();
                let Some(Token {
                    tok: Tok::Word(e),
                    span,
                }) = v
                else {
                    let m = expected(
                        "an errno after `errno` (a name like EACCES or a number)",
                        v.as_ref(),
                    );
                    let s = v.map_or_else(|| self.eof_span(), |t| t.span);
                    return Err(ParseError::new(m, s));
                };
                let digits = !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit());
                let n = consts::errno_by_name(&e)
                    .map(i64::from)
                    .or_else(|| e.parse::<i64>().ok())
                    // A number too large for i64 is out of range, not unknown.
                    .or(digits.then_some(i64::MAX))
                    .ok_or_else(|| {
                        let err = ParseError::new(format!("unknown errno `{e}`"), span.clone());
                        match consts::suggest(&e) {
                            Some(s) if s.starts_with('E') => {
                                err.hint(format!("did you mean `{s}`?"))
                            }
                            _ => err,
                        }
                    })?;
                if !(1..=i64::from(MAX_ERRNO)).contains(&n) {
                    return Err(ParseError::new(format!("errno {e} is out of range"), span)
                        .hint(format!("use 1 to {MAX_ERRNO}, or a name such as EPERM")));
                }
                Action::Errno(n as u16)
            }
            "trace" => {
                let v = self.next().cloned();
                let Some(Token {
                    tok: Tok::Word(n),
                    span,
                }) = v
                else {
                    let m = expected(
                        "a number after `trace` (the value the tracer sees)",
                        v.as_ref(),
                    );
                    let s = v.map_or_else(|| self.eof_span(), |t| t.span);
                    return Err(ParseError::new(m, s));
                };
                let n: u16 = n.parse().map_err(|_| {
                    ParseError::new(format!("`{n}` is not a trace value (0 to 65535)"), span)
                })?;
                Action::Trace(n)
            }
            _ => unreachable!("ACTION_WORDS"),
        };
        Ok((action, t.span))
    }
}

/// Parses the text after `allow`/`deny` into rules. `penalty` is the action of a `deny`
/// without one. Each syscall gets its own rule; `allow … log|trace N` gives an allow rule and
/// a log/trace rule.
///
/// # Errors
/// The first problem, with its span in `text`.
pub(crate) fn parse_rules(
    verb: Verb,
    text: &str,
    penalty: Action,
) -> Result<Vec<Rule>, ParseError> {
    let (mut rules, defaulted) = parse_rules_with_default(verb, text)?;
    if defaulted {
        for r in &mut rules {
            r.action = penalty;
        }
    }
    Ok(rules)
}

/// As [`parse_rules`], with a `deny` without action given EPERM and reported as such (true),
/// for callers that apply their own penalty later.
///
/// # Errors
/// The first problem, with its span in `text`.
pub(crate) fn parse_rules_with_default(
    verb: Verb,
    text: &str,
) -> Result<(Vec<Rule>, bool), ParseError> {
    let penalty = Action::Errno(libc::EPERM as u16);
    let toks = lex(text)?;
    let mut p = Parser {
        toks: &toks,
        pos: 0,
        end: text.len(),
    };
    // syscalls
    let mut calls: Vec<(Syscall, Range<usize>)> = Vec::new();
    loop {
        let after_comma = matches!(
            p.peek(),
            Some(Token {
                tok: Tok::Comma,
                ..
            })
        );
        if after_comma {
            p.pos += 1;
        }
        let Some(w) = p.peek_word().map(str::to_string) else {
            break;
        };
        if w == "if" || (!calls.is_empty() && !after_comma && ACTION_WORDS.contains(&w.as_str())) {
            break;
        }
        let span = p.next().expect("peeked").span.clone();
        let sys = syscalls::by_name(&w).map_err(|e| {
            let err = ParseError::new(format!("unknown syscall `{w}`"), span.clone());
            match e.suggestion {
                Some(s) => err.hint(format!("did you mean `{s}`?")),
                None => err,
            }
        })?;
        calls.push((Syscall(sys), span));
    }
    if calls.is_empty() {
        let m = expected("a syscall name", p.peek());
        let s = p.peek().map_or_else(|| p.eof_span(), |t| t.span.clone());
        return Err(ParseError::new(m, s).hint(match verb {
            Verb::Allow => "e.g. `allow ioctl if arg1 == TIOCGWINSZ`",
            Verb::Deny => "e.g. `deny socket if arg0 == AF_INET errno EACCES`",
        }));
    }
    // conditions
    let mut conds = Vec::new();
    if p.peek_word() == Some("if") {
        p.pos += 1;
        conds.push(p.condition()?);
        while p.peek_word() == Some("and") {
            p.pos += 1;
            conds.push(p.condition()?);
        }
    }
    // action
    let mut action = None;
    if let Some(w) = p.peek_word() {
        if ACTION_WORDS.contains(&w) {
            action = Some(p.action()?);
        }
    }
    if let Some(t) = p.peek() {
        let what = format!("`{}`", shown(t));
        let hint = if conds.is_empty() {
            "conditions start with `if`, e.g. `if arg0 == AF_INET`; an action comes last"
        } else {
            "join conditions with `and`; an action (errno NAME, kill, log …) comes last"
        };
        return Err(ParseError::new(format!("unexpected {what}"), t.span.clone()).hint(hint));
    }
    if conds.len() > 6 {
        return Err(ParseError::new(
            format!("{} conditions; a rule takes at most 6", conds.len()),
            conds[6].span.clone(),
        ));
    }

    let defaulted = verb == Verb::Deny && action.is_none();
    let (main, extra) = match (verb, action) {
        (Verb::Allow, None) => (Action::Allow, None),
        (Verb::Allow, Some((a @ (Action::Log | Action::Trace(_)), _))) => (Action::Allow, Some(a)),
        (Verb::Allow, Some((a, span))) => {
            return Err(ParseError::new(
                format!("`allow` cannot take the denying action `{a}`"),
                span,
            )
            .hint("use `deny` for calls that must fail"));
        }
        (Verb::Deny, None) => (penalty, None),
        (Verb::Deny, Some((a @ (Action::Log | Action::Trace(_)), span))) => {
            return Err(
                ParseError::new(format!("`{a}` does not deny a call"), span).hint(format!(
                    "use `allow … {a}` to allow and {}",
                    if a == Action::Log { "log" } else { "trace" }
                )),
            );
        }
        (Verb::Deny, Some((a, _))) => (a, None),
    };

    let mut rules = Vec::new();
    for (sys, _) in &calls {
        let allows = main == Action::Allow;
        let mut conditions = Vec::new();
        for c in &conds {
            let mask = match c.op {
                Op::MaskedEq(m) => m,
                _ => 0,
            };
            let width = c.width.unwrap_or_else(|| {
                sysargs::default_width(sys.0, c.index, c.value.max(mask), allows)
            });
            if width == Width::Dword
                && (c.value > u64::from(u32::MAX) || mask > u64::from(u32::MAX))
            {
                // A negative constant such as AT_FDCWD on a 32-bit argument: use its low half.
                let fits = |v: u64| v <= u64::from(u32::MAX) || v >> 32 == 0xffff_ffff;
                if !(fits(c.value) && fits(mask)) {
                    return Err(ParseError::new(
                        format!("value {:#x} does not fit in 32 bits", c.value.max(mask)),
                        c.span.clone(),
                    )
                    .hint(format!("compare all 64 bits with `arg{}:64`", c.index)));
                }
            }
            let low = |v: u64| {
                if width == Width::Dword {
                    v & 0xffff_ffff
                } else {
                    v
                }
            };
            let op = match c.op {
                Op::MaskedEq(m) => Op::MaskedEq(low(m)),
                o => o,
            };
            conditions.push(Condition::new(c.index, width, op, low(c.value)));
        }
        for action in std::iter::once(main).chain(extra) {
            let rule = Rule {
                syscall: *sys,
                conditions: conditions.clone(),
                action,
                comment: None,
            };
            rule.validate().map_err(|e| {
                let span = calls[0].1.clone();
                ParseError::new(e.to_string(), span)
            })?;
            rules.push(rule);
        }
    }
    Ok((rules, defaulted))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EPERM: Action = Action::Errno(1);

    /// Every action word the completer offers parses as a rule's action (`log` and `trace`
    /// allow, the others deny).
    #[test]
    fn every_action_word_parses() {
        for w in ACTION_WORDS {
            let text = match w {
                "errno" => "socket errno EACCES".to_string(),
                "trace" => "socket trace 7".to_string(),
                _ => format!("socket {w}"),
            };
            let verb = if matches!(w, "log" | "trace") {
                Verb::Allow
            } else {
                Verb::Deny
            };
            let rules = parse_rules(verb, &text, EPERM).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert!(!rules.is_empty(), "{text}");
        }
    }

    fn one(verb: Verb, text: &str) -> Rule {
        let mut r = parse_rules(verb, text, EPERM).unwrap();
        assert_eq!(r.len(), 1, "{text}");
        r.remove(0)
    }

    #[test]
    fn the_issue_examples() {
        let r = one(Verb::Allow, "ioctl if arg1 == TIOCGWINSZ");
        assert_eq!(r.syscall.name(), "ioctl");
        assert_eq!(
            r.conditions,
            vec![Condition::new(1, Width::Dword, Op::Eq, 0x5413)]
        );
        assert_eq!(r.action, Action::Allow);
        let r = one(Verb::Deny, "socket if arg0 == AF_INET errno EACCES");
        assert_eq!(r.action, Action::Errno(13));
        assert_eq!(r.conditions[0].value, 2);
        let r = one(Verb::Allow, "openat if arg2 & O_ACCMODE == O_RDONLY");
        assert_eq!(r.conditions[0].op, Op::MaskedEq(3));
        assert_eq!(r.conditions[0].width, Width::Dword);
    }

    /// Issue: a deny on landlock_add_rule's `enum landlock_rule_type` was compared on 64
    /// bits, so 0x1_0000_0002 dodged it. Every 32-bit argument now defaults to 32 bits, in
    /// deny and allow rules alike, and round-trips through the renderer without `:32`.
    #[test]
    fn int_arguments_default_to_32_bits() {
        for (verb, text) in [
            (Verb::Deny, "landlock_add_rule if arg1 == 2 errno EACCES"),
            (Verb::Allow, "landlock_add_rule if arg1 == 2"),
            (Verb::Deny, "kill if arg1 == SIGKILL"),
            (Verb::Deny, "futex if arg5 == 1"),
            (Verb::Deny, "readv if arg0 == 3"),
        ] {
            let r = one(verb, text);
            assert_eq!(r.conditions[0].width, Width::Dword, "{text}");
            assert!(!super::super::render::rule(&r).contains(":32"), "{text}");
        }
        let r = one(Verb::Deny, "readv if arg2 == 3");
        assert_eq!(
            r.conditions[0].width,
            Width::Qword,
            "vlen is an unsigned long"
        );
    }

    #[test]
    fn several_syscalls_and_actions() {
        let r = parse_rules(Verb::Deny, "mkdir, rmdir kill", EPERM).unwrap();
        assert_eq!(r.len(), 2);
        assert!(r.iter().all(|r| r.action == Action::KillProcess));
        let r = parse_rules(Verb::Deny, "kill", EPERM).unwrap();
        assert_eq!((r[0].syscall.name(), r[0].action), ("kill", EPERM));
        let r = parse_rules(Verb::Deny, "kill kill", EPERM).unwrap();
        assert_eq!(
            (r[0].syscall.name(), r[0].action),
            ("kill", Action::KillProcess)
        );
        let r = parse_rules(Verb::Allow, "read log", EPERM).unwrap();
        assert_eq!(
            r.iter().map(|r| r.action).collect::<Vec<_>>(),
            vec![Action::Allow, Action::Log]
        );
        let r = parse_rules(Verb::Allow, "getppid trace 7", EPERM).unwrap();
        assert_eq!(r[1].action, Action::Trace(7));
        let e = parse_rules(Verb::Deny, "getppid trace 7", EPERM).unwrap_err();
        assert!(e.message.contains("does not deny"), "{}", e.message);
    }

    #[test]
    fn values() {
        let r = one(
            Verb::Allow,
            "openat if arg2 == O_WRONLY|O_CREAT and arg0 == AT_FDCWD",
        );
        assert_eq!(r.conditions[0].value, 0o101);
        assert_eq!(
            r.conditions[1],
            Condition::new(0, Width::Dword, Op::Eq, 0xffff_ff9c)
        );
        let r = one(Verb::Allow, "sendto if arg4 == 0");
        assert_eq!(r.conditions[0].width, Width::Qword);
        let r = one(Verb::Allow, "ioctl if arg1:64 == 0x5413");
        assert_eq!(r.conditions[0].width, Width::Qword);
        let r = one(Verb::Allow, "write if arg0<=2");
        assert_eq!(r.conditions[0].op, Op::Le);
    }

    #[test]
    fn errors_point_at_the_word() {
        let e = parse_rules(Verb::Allow, "opneat", EPERM).unwrap_err();
        assert_eq!(e.message, "unknown syscall `opneat`");
        assert_eq!(e.span, 0..6);
        assert_eq!(e.hint.as_deref(), Some("did you mean `openat`?"));
        let e = parse_rules(Verb::Allow, "ioctl if arg1 == TIOCGWINZS", EPERM).unwrap_err();
        assert_eq!(e.span, 17..27);
        assert_eq!(e.hint.as_deref(), Some("did you mean `TIOCGWINSZ`?"));
        let e = parse_rules(Verb::Allow, "ioctl if arg6 == 1", EPERM).unwrap_err();
        assert!(e.message.contains("index 6"), "{}", e.message);
        let e = parse_rules(Verb::Deny, "socket errno 0", EPERM).unwrap_err();
        assert!(e.message.contains("out of range"));
        let e = parse_rules(Verb::Deny, "socket errno 4096", EPERM).unwrap_err();
        assert!(e.message.contains("out of range"));
        let e = parse_rules(Verb::Allow, "ioctl if arg1:32 == 0x100000000", EPERM).unwrap_err();
        assert!(e.message.contains("32 bits"), "{}", e.message);
        let e = parse_rules(Verb::Allow, "socket errno EPERM", EPERM).unwrap_err();
        assert!(e.message.contains("cannot take the denying action"));
        let e = parse_rules(Verb::Allow, "clone3", EPERM).unwrap_err();
        assert!(e.message.contains("cannot be allowed"));
        let e = parse_rules(Verb::Allow, "", EPERM).unwrap_err();
        assert_eq!(e.message, "expected a syscall name");
        let e = parse_rules(Verb::Allow, "read arg0 == 1", EPERM).unwrap_err();
        assert!(
            e.message.starts_with("unknown syscall `arg0`"),
            "{}",
            e.message
        );
        let e = parse_rules(Verb::Allow, "read if arg0 == 1 arg1 == 2", EPERM).unwrap_err();
        assert_eq!(e.message, "unexpected `arg1`");
    }
}

#[cfg(test)]
mod render_tests {
    //! `policy::render` shows rules as text this grammar parses back (tested here, above it).
    use super::{Verb, parse_rules};
    use crate::policy::render::*;
    use crate::policy::rule::Action;

    #[test]
    fn symbolic_and_parses_back() {
        let cases = [
            (
                Verb::Allow,
                "ioctl if arg1 == TIOCGWINSZ",
                "allow ioctl if arg1 == TIOCGWINSZ",
            ),
            (
                Verb::Deny,
                "socket if arg0 == AF_INET errno EACCES",
                "deny socket if arg0 == AF_INET errno EACCES",
            ),
            (
                Verb::Allow,
                "openat if arg2 & O_ACCMODE == O_RDONLY",
                "allow openat if arg2 & O_ACCMODE == O_RDONLY",
            ),
            (
                Verb::Allow,
                "openat if arg0 == AT_FDCWD and arg2 == O_WRONLY|O_CREAT",
                "allow openat if arg0 == AT_FDCWD and arg2 == O_WRONLY|O_CREAT",
            ),
            (
                Verb::Allow,
                "mmap if arg2 & PROT_EXEC == 0",
                "allow mmap if arg2 & PROT_EXEC == PROT_NONE",
            ),
            // Found by fuzzing (shell_line): a value with bits outside the mask (a condition
            // that never holds) printed masked, as one that holds when PROT_EXEC is set.
            (
                Verb::Allow,
                "mmap if arg2 & PROT_EXEC == 5",
                "allow mmap if arg2 & PROT_EXEC == PROT_READ|PROT_EXEC",
            ),
            (
                Verb::Deny,
                "kill if arg1 == SIGKILL kill",
                "deny kill if arg1 == SIGKILL kill",
            ),
            (
                Verb::Allow,
                "sendto if arg4 == 0",
                "allow sendto if arg4 == 0",
            ),
            (
                Verb::Allow,
                "ioctl if arg1:64 == 0x5413",
                "allow ioctl if arg1:64 == TIOCGWINSZ",
            ),
            (
                Verb::Deny,
                "clone if arg0 & CLONE_NEWUSER == CLONE_NEWUSER",
                "deny clone if arg0 & CLONE_NEWUSER == CLONE_NEWUSER errno EPERM",
            ),
            (Verb::Allow, "fallocate", "allow fallocate"),
        ];
        for (verb, text, want) in cases {
            let rules = parse_rules(verb, text, Action::Errno(1)).unwrap();
            let shown = rule(&rules[0]);
            assert_eq!(shown, want);
            let again = crate::command::parse_line(&shown).unwrap().unwrap();
            let crate::command::Command::Rules { rules: again, .. } = again else {
                panic!("{shown} is not a rule command");
            };
            assert_eq!(again, rules, "{shown} parses back");
        }
    }
}

#[cfg(test)]
mod report_tests {
    //! The fixes `sandbox::report` proposes are rules this grammar parses (tested here, above
    //! it).
    use super::{Verb, parse_rules};
    use crate::policy::promise::{Promise, PromiseSet};
    use crate::sandbox::report::fix_for;
    use crate::test_util::nr;

    const SELF: u32 = 4242;

    #[test]
    fn explicit_rule_fixes_are_valid_rules_that_allow_the_call() {
        let stdio = PromiseSet::of(&[Promise::Stdio]);
        // FICLONE on a file (cp's reflink), a clone with a new namespace, setpriority on a
        // user: each fix is a rule that parses and allows exactly the denied call.
        let cases: [(&str, [u64; 6]); 3] = [
            ("ioctl", [3, 0x4004_9409, 4, 0, 0, 0]),
            ("clone", [0x1000_0011, 0, 0, 0, 0, 0]),
            ("setpriority", [2, 0, 10, 0, 0, 0]),
        ];
        for (name, args) in cases {
            let fix = fix_for(nr(name), &args, stdio, SELF).to_string();
            let rule = fix
                .strip_prefix("no promise allows this (explicit rule: allow ")
                .and_then(|r| r.strip_suffix(')'))
                .unwrap_or_else(|| panic!("{name}: {fix}"));
            assert!(!rule.contains('…'), "{fix}");
            let rules = parse_rules(Verb::Allow, rule, crate::policy::rule::Action::Allow)
                .unwrap_or_else(|e| panic!("{name}: `{rule}` does not parse: {e}"));
            assert!(rules.iter().any(|r| r.matches(&args)), "{name}: {rule}");
        }
    }
}
