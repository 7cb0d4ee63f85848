//! The crate's error type, its exit codes and the one function that renders errors
//! ([`render`], for each place an error is shown: [`At`]).
//!
//! Layers keep their own typed errors (`LaunchError`, `ParseError`, …); this enum wraps them
//! at the edge, where `main` prints `seccomp-pledge: error: …` once, with an optional
//! `hint:` line, and exits with [`Error::exit_code`].

use crate::abi::signature::escape_text;
use crate::command::rule::ParseError;
use crate::policy::unveil::Perms;
use crate::sandbox::launch::LaunchError;
use crate::sandbox::status::EXIT_TOOL;

/// A typed error of a layer above this module's imports (the session's), which says itself
/// how to fix it.
pub trait Hinted: std::error::Error + Send + Sync + 'static {
    /// How to fix it, when there is something to say.
    fn hint(&self) -> Option<String>;
}

/// Everything that can go wrong, at the top level.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Bad command-line usage (clap or our own checks).
    #[error("{message}")]
    Usage {
        /// What is wrong.
        message: String,
        /// How to fix it.
        hint: Option<String>,
    },
    /// A bad value of a command-line flag (`-p`, `-e`, `-v`, the limits), kept as the flag,
    /// the value given and the typed reason.
    #[error("{}", flag_message(flag, value, source))]
    Flag {
        /// The flag.
        flag: &'static str,
        /// Its value, as given.
        value: String,
        /// Why it is refused.
        #[source]
        source: FlagError,
    },
    /// A rule given with `--allow`/`--deny`.
    #[error("invalid {flag} `{text}`: {source}")]
    Rule {
        /// The flag.
        flag: &'static str,
        /// Its value.
        text: String,
        /// The parse error.
        #[source]
        source: ParseError,
    },
    /// A command line that does not parse (its span points at the offending word).
    #[error("{0}")]
    Parse(#[from] ParseError),
    /// A command that cannot be carried out: the layer's own typed error (the session's
    /// `SessionError`), kept whole with its hint. Boxed behind [`Hinted`] so that this layer
    /// does not import the ones above it.
    #[error("{0}")]
    Command(Box<dyn Hinted>),
    /// A rule breaks seccomp's limits.
    #[error(transparent)]
    InvalidRule(#[from] crate::policy::rule::RuleError),
    /// The filter cannot be compiled.
    #[error(transparent)]
    Compile(#[from] crate::compile::seccomp::CompileError),
    /// A file that cannot be read, parsed or written.
    #[error(transparent)]
    File(#[from] crate::format::FileError),
    /// A policy the export format cannot hold (`--export`).
    #[error("cannot export: {0}")]
    Export(crate::format::ExportError),
    /// Launching failed.
    #[error(transparent)]
    Launch(#[from] LaunchError),
    /// Tracing failed.
    #[error(transparent)]
    Trace(#[from] crate::trace::engine::TraceError),
    /// A bad `-e` expression for the tracer.
    #[error(transparent)]
    TraceFilter(#[from] crate::trace::filter::FilterError),
    /// A script failed (the message carries its position and source line).
    #[error("{0}")]
    Script(String),
    /// Writing output failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Why a flag's value is refused.
#[derive(Debug, thiserror::Error)]
pub enum FlagError {
    /// `-p`/`-e`: a promise the table does not know.
    #[error(transparent)]
    Promise(#[from] crate::policy::promise::UnknownPromise),
    /// `-v`: a malformed unveil.
    #[error(transparent)]
    Unveil(#[from] crate::policy::unveil::UnveilError),
    /// A limit (`-C`, `-M`, `-O`, `-P`, `-F`) that does not parse.
    #[error(transparent)]
    Limit(#[from] crate::policy::limits::LimitError),
}

/// `invalid -p `VALUE`: …`; a limit's reason names its value itself: `invalid value for -M: …`.
fn flag_message(flag: &str, value: &str, source: &FlagError) -> String {
    match source {
        FlagError::Limit(e) => format!("invalid value for {flag}: {e}"),
        other => format!("invalid {flag} `{value}`: {other}"),
    }
}

impl Error {
    /// A usage error with a hint.
    pub fn usage(message: impl Into<String>, hint: Option<String>) -> Self {
        Error::Usage {
            message: message.into(),
            hint,
        }
    }

    /// The documented exit code: 125 for seccomp-pledge's own failures, 126 when the program
    /// cannot be executed, 127 when it is not found.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Launch(e) => e.exit_code(),
            Error::Trace(e) => e.exit_code(),
            _ => EXIT_TOOL,
        }
    }

    /// The message as shown: [`Error`]'s text with control characters, DEL, C1 and bidi
    /// controls escaped (inputs quoted in it are the user's or the program's).
    pub fn message(&self) -> String {
        escape_text(&self.to_string()).replace('\t', "\\t")
    }

    /// A suggestion for fixing the error, if there is one (escaped as [`Error::message`]).
    pub fn hint(&self) -> Option<String> {
        self.raw_hint().map(|h| escape_text(&h).into_owned())
    }

    fn raw_hint(&self) -> Option<String> {
        match self {
            Error::Usage { hint, .. } => hint.clone(),
            Error::Flag {
                source: FlagError::Promise(e),
                ..
            } => e.suggestion.map(|s| format!("did you mean `{s}`?")),
            Error::Flag { .. } => None,
            Error::Command(e) => e.hint(),
            Error::Parse(p) => p.hint.clone(),
            Error::File(e) => e.hint(),
            Error::Export(e) => e.hint(),
            Error::TraceFilter(e) => e.hint(),
            Error::Trace(crate::trace::engine::TraceError::NotPermitted { .. }) => Some(
                "check `seccomp-pledge check` (ptrace line); in a container allow ptrace (CAP_SYS_PTRACE)".into(),
            ),
            Error::Rule { source, .. } => source.hint.clone(),
            Error::Launch(LaunchError::Foreign { .. }) => {
                Some("run a 64-bit x86_64 build of the program".into())
            }
            Error::Launch(LaunchError::Landlock(
                crate::compile::landlock::LandlockError::Path {
                    path,
                    perms,
                    source,
                },
            )) => Some(missing_unveil_hint(path, *perms, source)),
            _ => None,
        }
    }
}

/// For an unveil of a path that cannot be opened: when it does not exist (yet), the nearest
/// directory above it that exists, with the same letters and `c` (what the program creates
/// beneath a directory it is granted there); otherwise, unveil only paths that can be opened.
pub(crate) fn missing_unveil_hint(
    path: &std::path::Path,
    perms: Perms,
    source: &std::io::Error,
) -> String {
    let absent = matches!(source.raw_os_error(), Some(libc::ENOENT | libc::ENOTDIR));
    let base = path
        .ancestors()
        .skip(1)
        .find(|a| !a.as_os_str().is_empty() && a.is_dir());
    match base {
        Some(base) if absent => {
            let letters = perms.union(Perms::CREATE);
            format!(
                "`{}` does not exist; Landlock grants only paths that exist. For what the program creates there, unveil the directory it is created in: `{letters}:{}`",
                path.display(),
                base.display()
            )
        }
        _ => "unveil only paths that exist and can be opened".into(),
    }
}

/// Where an error is shown: each front end's place, for [`render`].
#[derive(Clone, Copy, Debug)]
pub enum At<'a> {
    /// The command line: `seccomp-pledge: error: MESSAGE` and `  hint: HINT`.
    CommandLine,
    /// A line typed after a prompt `indent` columns wide, which is on the screen just above:
    /// carets under the offending word of a parse error, then `error: MESSAGE` (the shell is
    /// ours: no program name) and `  hint: HINT`.
    Prompt {
        /// The line as typed.
        line: &'a str,
        /// The prompt's width.
        indent: usize,
    },
    /// Line `number` of `source` (a file's name, `stdin`): a parse error as rustc shows one
    /// (see [`render_at`]); any other error with `SOURCE:LINE:` before its message.
    Line {
        /// The file's name or `stdin`.
        source: &'a str,
        /// 1-based line number.
        number: usize,
        /// The line as read.
        line: &'a str,
    },
    /// A socket client in text mode: `hint: HINT` first, then the status line `error:
    /// MESSAGE`, one line whatever the message holds (the client reads up to it).
    Socket,
}

/// Renders an error the one way errors are shown, for the place it is shown at. Messages and
/// hints are escaped ([`Error::message`]); so are the lines and names shown with them.
pub fn render(e: &Error, at: At<'_>) -> String {
    let hint = e.hint();
    let with_hint = |mut s: String| {
        if let Some(h) = &hint {
            s.push_str("\n  hint: ");
            s.push_str(h);
        }
        s
    };
    match at {
        At::CommandLine => with_hint(format!("seccomp-pledge: error: {}", e.message())),
        At::Prompt { line, indent } => {
            let mut s = String::new();
            if let Error::Parse(p) = e {
                let (_, col, width) = caret(line, &p.span);
                s.push_str(&format!(
                    "{}{}\n",
                    " ".repeat(indent + col),
                    "^".repeat(width)
                ));
            }
            s.push_str(&with_hint(format!("error: {}", e.message())));
            s
        }
        At::Line {
            source,
            number,
            line,
        } => {
            let source = crate::abi::signature::escape_word(source);
            match e {
                Error::Parse(p) => {
                    let (line, col, width) = caret(line, &p.span);
                    render_at(
                        &format!("seccomp-pledge: error: {}", escape_text(&p.message)),
                        &Position {
                            source: &source,
                            line: number,
                            column: col + 1,
                            text: Some(&line),
                            width,
                        },
                        hint.as_deref(),
                    )
                }
                _ => with_hint(format!(
                    "seccomp-pledge: error: {source}:{number}: {}",
                    e.message()
                )),
            }
        }
        At::Socket => {
            let mut s = String::new();
            if let Some(h) = &hint {
                s.push_str(&format!("hint: {h}\n"));
            }
            s.push_str(&format!("error: {}\n", e.message().replace('\n', " ")));
            s
        }
    }
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

/// Where in a file or line an error is, for [`render_at`]: the source's name (`stdin`,
/// `build.rhai`), the 1-based line and column, and the line's text with the width of the
/// offending word when it is known.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Position<'a> {
    /// The file's name, `stdin`, or a socket's.
    pub source: &'a str,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters of `text` as shown).
    pub column: usize,
    /// The line as shown (escaped), when known.
    pub text: Option<&'a str>,
    /// How many characters the carets underline.
    pub width: usize,
}

/// The one rendering of an error at a position, as rustc and just show theirs: `head` (the
/// error's first line), `--> SOURCE:LINE:COLUMN`, the line with carets under the offending
/// word when the line is known, and `  hint: HINT`. Used by the batch and file front ends and
/// by scripts; the shell's prompt puts its caret under the typed line instead.
pub(crate) fn render_at(head: &str, at: &Position<'_>, hint: Option<&str>) -> String {
    let gutter = at.line.to_string().len();
    let mut s = format!(
        "{head}\n{:gutter$}--> {}:{}:{}",
        "", at.source, at.line, at.column
    );
    match at.text {
        Some(text) => s.push_str(&format!(
            "\n{:gutter$} |\n{} | {text}\n{:gutter$} | {}{}",
            "",
            at.line,
            "",
            " ".repeat(at.column.saturating_sub(1)),
            "^".repeat(at.width.max(1))
        )),
        // Without the line, the position ends its own line.
        None => s.push('\n'),
    }
    if let Some(h) = hint {
        s.push_str(&format!("\n  hint: {h}"));
    }
    s
}
