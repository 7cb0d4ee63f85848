//! Commands read line by line from a file or a pipe (`seccomp-pledge shell < cmds`): no
//! prompt, no echo; each output is printed as the shell would; errors name the line and
//! point at the word. The first failing command stops the batch with exit status 1: a
//! later `run` or `save` must never act on a policy that silently lacks a failed rule.

use std::io::BufRead;

use std::io::Write;

use super::{print_output, render_in_file};
use crate::command::parse_line;
use crate::error::Error;
use crate::session::{Output, Session};

/// Runs the lines of `input` until the end, `quit` or the first failure; returns the exit
/// status (0, or 1 if a command failed).
pub fn run(session: &mut Session, input: impl BufRead, source: &str) -> i32 {
    let mut json = false;
    for (i, line) in input.lines().enumerate() {
        let number = i + 1;
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("seccomp-pledge: error: {source}:{number}: cannot read: {e}");
                return 1;
            }
        };
        let line = line.strip_suffix('\r').unwrap_or(&line).to_string();
        let result = parse_line(&line)
            .map_err(Error::from)
            .and_then(|c| c.map(|c| super::execute(session, &mut json, c)).transpose());
        if json && !matches!(result, Ok(None)) {
            let _ = std::io::stdout().flush();
            let empty = Output::default();
            let r = result.as_ref().map(|o| o.as_ref().unwrap_or(&empty));
            println!("{}", super::json_response(r));
        }
        match result {
            Ok(Some(out)) => {
                if !json {
                    print_output(&out);
                }
                if out.quit {
                    break;
                }
            }
            Ok(None) => {}
            Err(e) => {
                if !json {
                    eprintln!("{}", render_in_file(&e, source, number, &line));
                }
                eprintln!(
                    "seccomp-pledge: stopped at {source}:{number}; the lines after it were not run"
                );
                return 1;
            }
        }
    }
    0
}
