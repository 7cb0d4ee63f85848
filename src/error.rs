//! The crate's error type, its exit codes and the one function that renders errors.
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
            Error::Command(e) => e.hint(),
            Error::Parse(p) => p.hint.clone(),
            Error::File(e) => e.hint(),
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

/// Renders an error the one way errors are shown: `seccomp-pledge: error: MESSAGE` and, when
/// there is one, `  hint: HINT` on the next line.
pub fn render(e: &Error) -> String {
    let mut s = format!("seccomp-pledge: error: {}", e.message());
    if let Some(h) = e.hint() {
        s.push_str("\n  hint: ");
        s.push_str(&h);
    }
    s
}

/// Where in a file or line an error is, for [`render_at`]: the source's name (`stdin`,
/// `build.rhai`), the 1-based line and column, and the line's text with the width of the
/// offending word when it is known.
#[derive(Clone, Copy, Debug)]
pub struct Position<'a> {
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
pub fn render_at(head: &str, at: &Position<'_>, hint: Option<&str>) -> String {
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
