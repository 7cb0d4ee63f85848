//! The `trace` flags, one definition for both front ends: `seccomp-pledge trace …` on the
//! command line and the shell's `trace …` parse the same clap structure, so the flags,
//! their help and their errors cannot drift apart.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser};

use super::engine::Options;
use super::filter::{FilterError, SyscallSet};

/// `trace [-f] [-o FILE] [-j] [-c|-C] [-e trace=SET] [-s N] [-T] [--] COMMAND [ARGS…]`
#[derive(Args, Debug, Clone, Default, PartialEq, Eq)]
pub struct TraceArgs {
    /// Show the calls of child processes and threads too (all are always traced)
    #[arg(short = 'f', long = "follow-forks")]
    pub follow: bool,
    /// Write the trace to FILE instead of stderr
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// JSON lines with lurk's fields (type, pid, num, syscall, args, success|error|result, duration)
    #[arg(short = 'j', long = "json")]
    pub json: bool,
    /// Only a summary table: calls, errors and time per syscall
    #[arg(short = 'c', long = "summary-only", conflicts_with = "summary")]
    pub summary_only: bool,
    /// The calls, then the summary table
    #[arg(short = 'C', long = "summary")]
    pub summary: bool,
    /// Which calls to stop at: trace=NAME,%CLASS,… (classes: %file %network %process
    /// %memory %signal %ipc %desc %creds %clock %stat; `!` negates)
    #[arg(short = 'e', long = "expr", value_name = "EXPR")]
    pub expr: Option<String>,
    /// Longest string shown
    #[arg(
        short = 's',
        long = "string-limit",
        value_name = "N",
        default_value_t = 32
    )]
    pub max_string: usize,
    /// Show the time spent in each call
    #[arg(short = 'T', long = "syscall-times")]
    pub timing: bool,
    /// Let the program run on any CPU (slower stops; the default keeps tracer and program on one CPU)
    #[arg(long = "no-pin")]
    pub no_pin: bool,
    /// Let the program read the shell's standard input (in a batch it gets /dev/null, so it
    /// cannot read the commands that follow)
    #[arg(long = "stdin")]
    pub stdin: bool,
    /// The command and its arguments
    #[arg(value_name = "COMMAND", trailing_var_arg = true, required = true)]
    pub command: Vec<OsString>,
}

/// The shell's `trace` words, parsed by clap with no program name.
#[derive(Parser, Debug)]
#[command(no_binary_name = true, name = "trace", disable_help_flag = true)]
struct ShellTrace {
    /// Add this trace to the session's profile instead of replacing it (the shell only)
    #[arg(long = "add")]
    add: bool,
    #[command(flatten)]
    args: TraceArgs,
}

impl TraceArgs {
    /// Parses the shell's `trace` arguments (the words after `trace`).
    ///
    /// # Errors
    /// clap's message as one line, and its tip when it has one.
    pub fn parse_words(words: &[String]) -> Result<TraceArgs, (String, Option<String>)> {
        Self::parse_shell(words).map(|(a, _)| a)
    }

    /// Parses the shell's `trace` arguments, with the shell's own `--add` (true: the trace
    /// adds to the session's profile).
    ///
    /// # Errors
    /// clap's message as one line, and its tip when it has one.
    pub fn parse_shell(words: &[String]) -> Result<(TraceArgs, bool), (String, Option<String>)> {
        ShellTrace::try_parse_from(words)
            .map(|t| (t.args, t.add))
            .map_err(|e| crate::clap_text::clap_message(&e))
    }

    /// Where the trace goes: `-o FILE` (relative to `dir`), else stderr; buffered.
    ///
    /// # Errors
    /// The file cannot be created (with its path).
    pub fn sink(
        &self,
        dir: &std::path::Path,
    ) -> Result<Box<dyn std::io::Write>, (std::path::PathBuf, std::io::Error)> {
        const BUF: usize = 1 << 16;
        Ok(match &self.output {
            Some(path) => {
                let path = dir.join(path);
                let f = match std::fs::File::create(&path) {
                    Ok(f) => f,
                    Err(e) => return Err((path, e)),
                };
                Box::new(std::io::BufWriter::with_capacity(BUF, f))
            }
            None => Box::new(std::io::BufWriter::with_capacity(BUF, std::io::stderr())),
        })
    }

    /// The engine options these flags ask for.
    ///
    /// # Errors
    /// A bad `-e` expression.
    pub fn options(&self) -> Result<Options, FilterError> {
        let set = match &self.expr {
            Some(e) => SyscallSet::parse(e)?,
            None => SyscallSet::all(),
        };
        let to_terminal = self.output.is_none() && std::io::stderr().is_terminal();
        Ok(Options {
            follow: self.follow,
            json: self.json,
            calls: !self.summary_only,
            summary: self.summary || self.summary_only,
            set,
            max_string: self.max_string,
            timing: self.timing,
            pin: !self.no_pin,
            flush_each: to_terminal,
            live: std::io::stderr().is_terminal() && (self.output.is_some() || self.summary_only),
            keep_events: 0,
            null_stdin: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn shell_words_parse_like_the_command_line() {
        let a = TraceArgs::parse_words(&words("-f -e trace=%file -s 64 -- ls -l /")).unwrap();
        assert!(a.follow);
        assert_eq!(a.expr.as_deref(), Some("trace=%file"));
        assert_eq!(a.max_string, 64);
        assert_eq!(a.command, ["ls", "-l", "/"].map(OsString::from));
        let a = TraceArgs::parse_words(&words("ls -la")).unwrap();
        assert_eq!(
            a.command,
            ["ls", "-la"].map(OsString::from),
            "flags after the command are its own"
        );
        let e = TraceArgs::parse_words(&words("-c -C ls")).unwrap_err();
        assert!(e.0.contains("cannot be used with"), "{e:?}");
        assert!(
            TraceArgs::parse_words(&words("-f")).is_err(),
            "a command is required"
        );
        assert!(TraceArgs::parse_words(&words("--bogus ls")).is_err());
    }
}
