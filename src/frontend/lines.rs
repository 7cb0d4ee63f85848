//! Commands read line by line from a file or a pipe (`seccomp-pledge shell < cmds`): no
//! prompt, no echo; each output is printed as the shell would; errors name the line and
//! point at the word. The first failing command stops the batch with exit status 1: a
//! later `run` or `save` must never act on a policy that silently lacks a failed rule.

use std::io::{BufRead, Read, Write};

use super::print_output;
use crate::command::parse_line;
use crate::error::Error;
use crate::session::{Output, Session};

/// Reads one byte per `read`, as a shell reads its script from stdin: a program given the
/// batch's stdin (`run --stdin`) gets exactly the lines after its own, none read ahead.
pub(crate) struct Unbuffered<R> {
    inner: R,
    byte: [u8; 1],
    /// `byte` holds a byte not consumed yet.
    full: bool,
}

impl<R: Read> Unbuffered<R> {
    /// Wraps `r`.
    pub(crate) fn new(inner: R) -> Self {
        Unbuffered {
            inner,
            byte: [0],
            full: false,
        }
    }
}

impl<R: Read> Read for Unbuffered<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.fill_buf()?.len().min(buf.len());
        if n > 0 {
            buf[0] = self.byte[0];
            self.consume(1);
        }
        Ok(n)
    }
}

impl<R: Read> BufRead for Unbuffered<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if !self.full {
            loop {
                match self.inner.read(&mut self.byte) {
                    Ok(0) => return Ok(&[]),
                    Ok(_) => break,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
            self.full = true;
        }
        Ok(&self.byte)
    }

    fn consume(&mut self, amt: usize) {
        if amt > 0 {
            self.full = false;
        }
    }
}

/// The longest line a batch accepts, in bytes (as the socket's default).
pub(crate) const MAX_LINE: usize = 64 * 1024;

/// Runs the lines of `input` until the end, `quit` or the first failure; returns the exit
/// status (0, or 1 if a command failed). A line longer than [`MAX_LINE`] bytes, one holding
/// a NUL byte, or one that is not UTF-8 stops the batch like a failed command: memory stays
/// bounded whatever the input (`shell < /dev/zero`).
pub(crate) fn run(session: &mut Session, mut input: impl BufRead, source: &str) -> i32 {
    let mut json = false;
    // The programs it runs must not read the commands that follow (`run --stdin` lets one).
    let null_stdin = std::mem::replace(&mut session.null_stdin, true);
    let status = run_lines(session, &mut input, source, &mut json);
    session.null_stdin = null_stdin;
    status
}

fn run_lines(
    session: &mut Session,
    input: &mut impl BufRead,
    source: &str,
    json: &mut bool,
) -> i32 {
    use super::server::decode;
    let source = crate::abi::signature::escape_word(source);
    let source = source.as_str();
    let mut buf = Vec::new();
    for number in 1.. {
        buf.clear();
        let stop = |why: String| {
            eprintln!("seccomp-pledge: error: {source}:{number}: {why}");
            eprintln!(
                "seccomp-pledge: stopped at {source}:{number}; the lines after it were not run"
            );
            1
        };
        // At most one byte past the limit is read: a line without end (`/dev/zero`) stops
        // the batch at once instead of being read to its end.
        let line = match input.take(MAX_LINE as u64 + 1).read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) if buf.len() > MAX_LINE && !buf.ends_with(b"\n") => {
                return stop(format!(
                    "the line is longer than {MAX_LINE} bytes: not a command"
                ));
            }
            Ok(_) => {
                let text = buf.strip_suffix(b"\n").unwrap_or(&buf);
                match decode(text) {
                    Ok(l) => l,
                    Err(why) => return stop(why),
                }
            }
            Err(e) => return stop(format!("cannot read: {e}")),
        };
        let result = parse_line(&line)
            .map_err(Error::from)
            .and_then(|c| c.map(|c| super::execute(session, json, c)).transpose());
        if *json && !matches!(result, Ok(None)) {
            let _ = std::io::stdout().flush();
            let empty = Output::default();
            let r = result.as_ref().map(|o| o.as_ref().unwrap_or(&empty));
            println!("{}", super::json_response(r));
        }
        match result {
            Ok(Some(out)) => {
                if !*json {
                    print_output(&out);
                }
                if out.quit {
                    break;
                }
            }
            Ok(None) => {}
            Err(e) => {
                if !*json {
                    eprintln!(
                        "{}",
                        crate::error::render(
                            &e,
                            crate::error::At::Line {
                                source,
                                number,
                                line: &line,
                            }
                        )
                    );
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
