//! Front ends: they own I/O only. Each turns its input into commands with the one grammar
//! (`command::parse_line`), hands them to `Session::execute`, and renders the `Output` or
//! the error. `repl` is the interactive shell; `lines` reads commands from a file or a pipe.

pub(crate) mod lines;
pub(crate) mod peer;
pub(crate) mod repl;
pub mod script;
pub(crate) mod server;

use crate::abi::signature::escape_text;
use crate::command::Command;
use crate::error::Error;
use crate::session::{Keep, Output, Session};

/// Runs a parsed command for a front end. The front ends' own commands are carried out
/// here: `format` sets `json` (and makes the session keep data for JSON answers), `source`
/// runs a rhai script; every other command goes to the session.
///
/// # Errors
/// The command's error, or the script's (with its position).
pub(crate) fn execute(
    session: &mut Session,
    json: &mut bool,
    cmd: Command,
) -> Result<Output, Error> {
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
pub(crate) fn print_output(out: &Output) {
    if !out.text.is_empty() {
        // The text quotes the user's input (paths, names): never terminal control.
        println!("{}", escape_text(&out.text));
    }
    for n in &out.notes {
        eprintln!("note: {}", escape_text(n));
    }
}

/// Shows a note that must be seen before a program starts (a launch's warning), on stderr as
/// `seccomp-pledge: warning: …`.
pub(crate) fn print_notice(note: &str) {
    eprintln!("seccomp-pledge: {note}");
}
