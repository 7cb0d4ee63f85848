//! Front ends: they own I/O only. Each turns its input into commands with the one grammar
//! (`command::parse_line`), hands them to `Session::execute`, and renders the `Output` or
//! the error. `repl` is the interactive shell; `lines` reads commands from a file or a pipe.

pub mod lines;
pub mod peer;
pub mod repl;
pub mod script;
pub mod server;

use crate::abi::signature::escape_text;
use crate::command::Command;
use crate::error::{self, Error};
use crate::session::{Keep, Output, Session};

/// Runs a parsed command for a front end. The front ends' own commands are carried out
/// here: `format` sets `json` (and makes the session keep data for JSON answers), `source`
/// runs a rhai script; every other command goes to the session.
///
/// # Errors
/// The command's error, or the script's (with its position).
pub fn execute(session: &mut Session, json: &mut bool, cmd: Command) -> Result<Output, Error> {
    match cmd {
        Command::Format(j) => {
            *json = j;
            session.keep = if j { Keep::DATA } else { Keep::default() };
            Ok(Output::default())
        }
        Command::Source { path, args } => script::run_file(session, &path, &args)
            .map(|()| Output::default())
            .map_err(|e| Error::Script(e.to_string())),
        other => session.execute(other),
    }
}

/// One response as a JSON object on one line: `{"ok": true, "text", "notes", "data",
/// "exit"}` or `{"ok": false, "error", "hint"}` (with `"at": [START, END]`, the byte span of
/// the offending word, for parse errors).
pub fn json_response(result: Result<&Output, &Error>) -> String {
    let v = match result {
        Ok(out) => serde_json::json!({
            "ok": true,
            "text": out.text,
            "notes": out.notes,
            "data": out.data,
            "exit": out.exit,
        }),
        Err(e) => {
            let mut v = serde_json::json!({"ok": false, "error": e.message(), "hint": e.hint()});
            if let Error::Parse(p) = e {
                v["at"] = serde_json::json!([p.span.start, p.span.end]);
            }
            v
        }
    };
    v.to_string()
}

/// Prints an output: the text on stdout, notes on stderr.
pub fn print_output(out: &Output) {
    if !out.text.is_empty() {
        // The text quotes the user's input (paths, names): never terminal control.
        println!("{}", escape_text(&out.text));
    }
    for n in &out.notes {
        eprintln!("note: {}", escape_text(n));
    }
}

/// Renders an error for a command typed at a prompt: a caret line under the offending word
/// (the line itself is on the screen just above, after a prompt `indent` columns wide),
/// then the message and hint.
pub fn render_at_prompt(e: &Error, line: &str, indent: usize) -> String {
    let mut s = String::new();
    if let Error::Parse(p) = e {
        let (_, col, width) = caret(line, &p.span);
        s.push_str(&format!(
            "{}{}\n",
            " ".repeat(indent + col),
            "^".repeat(width)
        ));
    }
    s.push_str(&error_lines(e));
    s
}

/// The line as shown (control characters escaped) and the column and width of `span` in
/// it, in characters. A span that is out of range or not on character boundaries is moved
/// to the nearest boundaries inside the line: rendering never fails.
fn caret(line: &str, span: &std::ops::Range<usize>) -> (String, usize, usize) {
    let floor = |mut i: usize| {
        i = i.min(line.len());
        while !line.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(span.start);
    let end = floor(span.end).max(start);
    let shown = |t: &str| crate::abi::signature::escape_word(t);
    let before = shown(&line[..start]);
    let word = shown(&line[start..end]);
    let after = shown(&line[end..]);
    let col = before.chars().count();
    let width = word.chars().count().max(1);
    (format!("{before}{word}{after}"), col, width)
}

/// Renders an error for line `number` of `source` (a file name or `stdin`), with the line
/// and a caret under the offending word.
pub fn render_in_file(e: &Error, source: &str, number: usize, line: &str) -> String {
    let source = crate::abi::signature::escape_word(source);
    match e {
        Error::Parse(p) => {
            let (line, col, width) = caret(line, &p.span);
            let hint = p.hint.as_deref().map(escape_text);
            error::render_at(
                &format!("seccomp-pledge: error: {}", escape_text(&p.message)),
                &error::Position {
                    source: &source,
                    line: number,
                    column: col + 1,
                    text: Some(&line),
                    width,
                },
                hint.as_deref(),
            )
        }
        other => {
            let rendered = error::render(other);
            rendered.replacen(
                "seccomp-pledge: error: ",
                &format!("seccomp-pledge: error: {source}:{number}: "),
                1,
            )
        }
    }
}

/// `error: MESSAGE` and `  hint: HINT` (no program-name prefix: the shell is ours).
fn error_lines(e: &Error) -> String {
    let mut s = format!("error: {}", e.message());
    if let Some(h) = e.hint() {
        s.push_str(&format!("\n  hint: {h}"));
    }
    s
}

/// Shows a note that must be seen before a program starts (a launch's warning), on stderr as
/// `seccomp-pledge: warning: …`.
pub fn print_notice(note: &str) {
    eprintln!("seccomp-pledge: {note}");
}
