//! What a command returns: text, notes, an exit status, quit, and data for scripts and the
//! socket's JSON. Front ends render it; the session never prints.

use serde::Serialize;

/// The result of a command.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Output {
    /// The main text (may be empty).
    pub text: String,
    /// Notes and warnings to show alongside.
    pub notes: Vec<String>,
    /// For `run`: how the program ended (its exit code).
    pub exit: Option<i32>,
    /// The front end should leave.
    pub quit: bool,
    /// The result as data, for scripts and JSON clients (`run`, `trace`, `suggest`,
    /// `show json`, `show trace`, `check`).
    pub data: Option<serde_json::Value>,
    /// How the program of `run` or `trace` ended, for a front end that words it itself (the
    /// one-shot command line, which shows none of the shell's status notes).
    #[serde(skip)]
    pub ended: Option<Ended>,
}

/// How a program started by `run` or `trace` ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ended {
    /// Its exit status or signal.
    pub exit: crate::sandbox::status::Exit,
    /// How many of its calls were denied (`run`).
    pub denials: u64,
    /// The trace was interrupted and the program killed (`trace`).
    pub interrupted: bool,
    /// The sandbox's own notes about the run (also among [`Output::notes`]).
    pub notes: Vec<String>,
}

impl Output {
    pub(super) fn text(text: impl Into<String>) -> Self {
        Output {
            text: text.into(),
            ..Output::default()
        }
    }

    pub(super) fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub(super) fn data(mut self, data: serde_json::Value) -> Self {
        self.data = Some(data);
        self
    }
}
