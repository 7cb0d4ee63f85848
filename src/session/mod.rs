//! The session: the policy being built, its undo history and what has been saved; and
//! [`Session::execute`], the only place a [`Command`] takes effect.
//!
//! No terminal or socket I/O here: results come back as [`Output`] for the front end to
//! render (text for the shell, values for scripts, JSON for the socket). Files are read and
//! written only by `save`/`load`, relative to the session's directory.
//!
//! This file holds the state (policy, undo history, kept trace and denials, known files);
//! `execute` the commands' effects, `output` what they return, `text` how the session shows
//! its state. The children share this file's imports (`use super::*`).

mod error;
mod execute;
mod output;
mod text;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::abi::syscalls;
use crate::command::spec::{self, COMMANDS};
use crate::command::{Command, Format, LimitName, OptionName, ShowWhat, render};
use crate::compile::{bpf, seccomp};
use crate::error::Error;
use crate::format::{self, fs};
use crate::policy::promise::{self, Promise, PromiseSet};
use crate::policy::{LimitValue, Policy, Rule, limits::Limits};
use crate::sandbox::launch::{self, RunOptions};
use crate::sandbox::status::Exit;

/// How many changes `undo` can take back.
const UNDO_DEPTH: usize = 200;

pub(crate) use error::SessionError;
pub(crate) use output::{Ended, Output};

/// A shell session.
pub struct Session {
    /// The policy being built.
    pub policy: Policy,
    undo: Vec<Policy>,
    dirty: bool,
    known_files: HashSet<PathBuf>,
    dir: PathBuf,
    /// Where new rules come from (kept in each rule's comment): "shell", a script name …
    pub origin: String,
    /// The last trace, for `show trace`, `suggest` and `allow traced`.
    pub trace: Option<TraceRecord>,
    /// How many calls `trace` keeps as data, and how many denials `run` keeps (scripts and
    /// JSON clients want them; the REPL does not).
    pub keep: Keep,
    /// Programs started by `run` and `trace` get /dev/null on stdin unless they ask for
    /// `--stdin`: set by a batch, whose stdin holds the commands still to run.
    pub null_stdin: bool,
    /// The last run's denials (at most [`DENIALS_KEPT`]), for `denials` and
    /// `suggest --from-denials`; `None` before the first run.
    last_denials: Option<Vec<crate::sandbox::report::Denial>>,
    /// Where notes that must be seen before a program starts go (a launch's warnings): the
    /// front end's printer; without one they join the command's [`Output::notes`].
    notices: Option<Notices>,
}

/// A front end's printer for notes that must be seen at once.
type Notices = Box<dyn FnMut(&str)>;

/// `run`'s flags, as [`Command::Run`] carries them.
struct RunFlags {
    stdin: bool,
    landlock_reports: launch::LandlockReports,
    quiet: bool,
    report: Option<PathBuf>,
    empty_ok: bool,
    ids: crate::command::IdNames,
    audit: bool,
}

/// How many denials of a run the session keeps for `denials`.
pub(crate) const DENIALS_KEPT: usize = 1_000;

/// Limits on the data a session keeps for structured results.
#[derive(Clone, Copy, Debug, Default)]
pub struct Keep {
    /// Calls of a trace.
    pub events: usize,
    /// Denials of a run.
    pub denials: usize,
}

impl Keep {
    /// What scripts and JSON clients get.
    pub const DATA: Keep = Keep {
        events: 100_000,
        denials: 1_000,
    };
}

/// What the session keeps of its trace: the last one, or several merged (`trace --add`,
/// `load --trace`); bounded, whatever the number of calls.
#[derive(Debug, Clone)]
pub struct TraceRecord {
    /// The runs (commands and how they ended), shapes, paths, totals.
    pub profile: crate::trace::profile::Profile,
}

impl Default for Session {
    fn default() -> Self {
        Session::new(std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")))
    }
}

impl Session {
    /// A session with an empty policy; relative `save`/`load` paths are in `dir`.
    pub fn new(dir: PathBuf) -> Self {
        Session {
            policy: Policy::default(),
            undo: Vec::new(),
            dirty: false,
            known_files: HashSet::new(),
            dir,
            origin: "shell".to_string(),
            trace: None,
            keep: Keep::default(),
            null_stdin: false,
            last_denials: None,
            notices: None,
        }
    }

    /// Sends the notes that must be seen before a program starts (a launch's warnings, as
    /// `warning: …`) to `show` as they arise, instead of with the command's output: for front
    /// ends where the program's own output follows on the same terminal.
    pub fn show_notices_with(&mut self, show: impl FnMut(&str) + 'static) {
        self.notices = Some(Box::new(show));
    }

    /// A note that must be seen before a program starts: shown now when the front end asked
    /// for that, else kept in `notes`.
    pub(super) fn notice(&mut self, note: String, notes: &mut Vec<String>) {
        match &mut self.notices {
            Some(show) => show(&note),
            None => notes.push(note),
        }
    }

    /// Whether the policy has changes that were not saved.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    pub(super) fn path(&self, p: &Path) -> PathBuf {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.dir.join(p)
        }
    }

    /// Records the current policy for `undo` and marks the session changed.
    pub(super) fn change(&mut self) {
        self.undo.push(self.policy.clone());
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.dirty = true;
    }

    /// Replaces the whole policy (scripts' `policy_from`), after validating it; `undo`
    /// brings the old one back.
    ///
    /// # Errors
    /// The policy is invalid (bad rule, errno out of range …).
    pub fn replace_policy(&mut self, policy: Policy) -> Result<(), Error> {
        policy.validate().map_err(SessionError::Policy)?;
        self.change();
        self.policy = policy;
        Ok(())
    }
    /// Refuses to replace a file that exists and was neither loaded nor saved in this
    /// session, unless `force`.
    pub(super) fn may_overwrite(&self, path: &Path, force: bool) -> Result<(), Error> {
        if path.exists() && !force && !self.known_files.contains(path) {
            return Err(SessionError::Foreign(path.to_path_buf()).into());
        }
        Ok(())
    }

    pub(super) fn last_trace(&self) -> Result<&TraceRecord, Error> {
        self.trace
            .as_ref()
            .ok_or_else(|| SessionError::NoTrace.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::parse_line;

    fn run(s: &mut Session, line: &str) -> Result<Output, Error> {
        s.execute(parse_line(line).unwrap().unwrap())
    }

    #[test]
    fn build_undo_and_show() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::new(dir.path().to_path_buf());
        run(&mut s, "promise stdio rpath").unwrap();
        run(&mut s, "allow ioctl if arg1 == TIOCGWINSZ").unwrap();
        assert!(s.is_dirty());
        let t = run(&mut s, "show").unwrap().text;
        assert!(t.contains("promises  stdio rpath"), "{t}");
        assert!(
            t.contains(" 1. allow ioctl if arg1 == TIOCGWINSZ   (shell)"),
            "{t}"
        );
        run(&mut s, "undo").unwrap();
        assert!(s.policy.rules.is_empty());
        run(&mut s, "undo").unwrap();
        assert!(s.policy.promises.is_empty());
        assert!(run(&mut s, "undo").is_err());
    }

    /// Every refusal of the session, as the front ends render it (message and hint), word
    /// for word: they are the interface.
    #[test]
    fn refusals_say_what_is_wrong_and_how_to_fix_it() {
        let dir = tempfile::tempdir().unwrap();
        let foreign = dir.path().join("policy.json");
        std::fs::write(&foreign, "{}").unwrap();
        let mut s = Session::new(dir.path().to_path_buf());
        let refused = |s: &mut Session, line: &str| {
            crate::error::render(&run(s, line).unwrap_err(), crate::error::At::CommandLine)
        };
        let cases = [
            ("undo", "seccomp-pledge: error: nothing to undo"),
            (
                "remove rule 2",
                "seccomp-pledge: error: there is no rule 2\n  hint: the policy has 0 rules; `show` numbers them",
            ),
            (
                "remove unveil /nowhere",
                "seccomp-pledge: error: `/nowhere` is not unveiled",
            ),
            (
                "unpromise inet",
                "seccomp-pledge: error: `inet` is not promised\n  hint: promises now: (none)",
            ),
            (
                "promise --exec inet",
                "seccomp-pledge: error: `inet` is not promised: exec promises are a subset of the promises\n  hint: `promise inet` first (promises now: (none))",
            ),
            (
                "run /bin/true",
                "seccomp-pledge: error: the policy allows nothing yet: the program could not even start\n  hint: grant promises first, e.g. `promise stdio rpath`",
            ),
            (
                "denials",
                "seccomp-pledge: error: no run yet: `denials` shows the denials of the last `run`\n  hint: `run -- PROGRAM` first",
            ),
            (
                "suggest",
                "seccomp-pledge: error: there is no trace yet\n  hint: trace the program first, e.g. `trace -- ls /usr`, or `load --trace FILE`",
            ),
            (
                "save --trace",
                "seccomp-pledge: error: there is no trace to save yet\n  hint: trace the program first, e.g. `trace -- ls /usr`",
            ),
            (
                "limit open-files 2",
                "seccomp-pledge: error: -O 2 is too small: the sandbox needs descriptors 0-4 while it starts the program (stdin, stdout, stderr, its own, and the seccomp listener, which must be numbered below the limit); the smallest -O is 5",
            ),
            (
                "format json",
                "seccomp-pledge: error: `format` applies to a connection or a batch, not here",
            ),
            (
                "source x.rhai",
                "seccomp-pledge: error: `source` runs scripts in the shell, not here\n  hint: use `seccomp-pledge script FILE.rhai`",
            ),
        ];
        for (line, expected) in cases {
            assert_eq!(refused(&mut s, line), expected, "`{line}`");
        }
        let e = refused(&mut s, "save");
        assert_eq!(
            e,
            format!(
                "seccomp-pledge: error: `{}` exists and was not loaded or saved in this session\n  hint: add --force to overwrite it",
                foreign.display()
            )
        );
        assert!(
            refused(&mut s, "unveil r:/nowhere/at/all")
                .starts_with("seccomp-pledge: error: cannot unveil `/nowhere/at/all`: No such file or directory (os error 2)\n  hint: "),
        );
        run(&mut s, "allow socket").unwrap();
        assert_eq!(
            refused(&mut s, "deny socket"),
            "seccomp-pledge: error: `deny socket errno EPERM` contradicts rule 1: `allow socket`; the deny would always win\n  hint: keep one of them: `deny socket errno EPERM` wins over `allow socket`; `remove rule 1` first if you mean it"
        );
    }

    #[test]
    fn contradictions_and_overrides() {
        let mut s = Session::new(std::env::temp_dir());
        run(&mut s, "promise stdio inet").unwrap();
        run(&mut s, "allow socket").unwrap();
        let e = run(&mut s, "deny socket").unwrap_err();
        assert!(e.to_string().contains("contradicts rule 1"), "{e}");
        assert_eq!(s.policy.rules.len(), 1, "session unchanged");
        let out = run(&mut s, "deny socket if arg0 == AF_INET errno EACCES").unwrap();
        assert!(
            out.notes.iter().any(|n| n.contains("wins over rule 1")),
            "{out:?}"
        );
        assert!(
            out.notes
                .iter()
                .any(|n| n.contains("wins over promise inet")),
            "{out:?}"
        );
    }

    #[test]
    fn deny_takes_the_session_penalty() {
        let mut s = Session::new(std::env::temp_dir());
        run(&mut s, "penalty kill").unwrap();
        run(&mut s, "deny ptrace").unwrap();
        assert_eq!(s.policy.rules[0].action, crate::policy::Action::KillProcess);
    }

    #[test]
    fn save_needs_force_for_foreign_files_and_load_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::new(dir.path().to_path_buf());
        run(&mut s, "promise stdio rpath").unwrap();
        run(&mut s, "unveil /usr r").unwrap();
        run(&mut s, "limit memory 4g").unwrap();
        std::fs::write(dir.path().join("policy.json"), "{}").unwrap();
        let e = run(&mut s, "save").unwrap_err();
        assert!(
            e.to_string()
                .contains("was not loaded or saved in this session"),
            "{e}"
        );
        run(&mut s, "save --force").unwrap();
        assert!(!s.is_dirty());
        run(&mut s, "save").unwrap();
        let saved = s.policy.clone();
        run(&mut s, "reset").unwrap();
        run(&mut s, "load policy.json").unwrap();
        assert_eq!(s.policy.promises, saved.promises);
        assert_eq!(s.policy.unveils, saved.unveils);
        assert_eq!(s.policy.limits, saved.limits);
        std::fs::write(
            dir.path().join("bad.json"),
            "{\"version\": 1,\n \"promise\": []}",
        )
        .unwrap();
        let before = s.policy.clone();
        let e = run(&mut s, "load bad.json").unwrap_err().to_string();
        assert!(
            e.contains("unknown field `promise`") && e.contains("line 2"),
            "{e}"
        );
        assert_eq!(
            s.policy, before,
            "a failed load leaves the session unchanged"
        );
        std::fs::write(
            dir.path().join("cut.json"),
            "{\"version\": 1, \"promises\": [\"st",
        )
        .unwrap();
        assert!(run(&mut s, "load cut.json").is_err());
    }

    fn error_lines(e: &Error) -> String {
        match e.hint() {
            Some(h) => format!("{}\n  hint: {h}", e.message()),
            None => e.message(),
        }
    }

    #[test]
    fn trace_files_and_policy_files_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().display().to_string();
        let mut s = Session::new(dir.path().to_path_buf());
        let e = run(&mut s, "save --trace").unwrap_err();
        assert_eq!(
            error_lines(&e),
            "there is no trace to save yet\n  hint: trace the program first, e.g. `trace -- ls /usr`"
        );
        assert!(!dir.path().join("trace.json").exists());
        run(&mut s, "promise stdio").unwrap();
        run(&mut s, "save").unwrap();
        let e = run(&mut s, "load --trace policy.json").unwrap_err();
        assert_eq!(
            error_lines(&e),
            format!(
                "cannot load trace `{d}/policy.json`: this is a policy file, not a trace profile\n  hint: `load FILE` (without --trace) loads it as the policy"
            )
        );
        assert!(s.trace.is_none(), "a failed load starts no trace");
        let mut p = crate::trace::profile::Profile::default();
        p.runs.push(crate::trace::profile::Run {
            argv: vec!["true".into()],
            exit: Exit::Code(0),
            interrupted: false,
        });
        std::fs::write(dir.path().join("t.json"), p.to_json()).unwrap();
        let e = run(&mut s, "load t.json").unwrap_err();
        assert_eq!(
            error_lines(&e),
            format!(
                "cannot load policy `{d}/t.json`: this is a trace profile, not a policy\n  hint: `load --trace FILE` merges it into the session's trace, and `suggest` makes a policy of it"
            )
        );
        std::fs::write(
            dir.path().join("new.json"),
            p.to_json().replace("\"version\": 1", "\"version\": 7"),
        )
        .unwrap();
        let e = run(&mut s, "load --trace new.json").unwrap_err();
        assert_eq!(
            error_lines(&e),
            format!(
                "cannot load trace `{d}/new.json`: trace format version 7 is newer than this seccomp-pledge reads (version 1): update seccomp-pledge"
            )
        );
        let e = run(&mut s, "load --trace /dev/zero").unwrap_err();
        assert_eq!(
            error_lines(&e),
            "cannot load trace `/dev/zero`: larger than 64 MiB, the limit for a trace profile (67108864 bytes)"
        );
        assert!(s.trace.is_none());
        run(&mut s, "load --trace t.json").unwrap();
        run(&mut s, "load --trace t.json").unwrap();
        assert_eq!(s.trace.as_ref().unwrap().profile.runs.len(), 2, "merged");
        std::fs::write(dir.path().join("other.json"), "{}").unwrap();
        let e = run(&mut s, "save --trace other.json").unwrap_err();
        assert!(e.to_string().contains("was not loaded or saved"), "{e}");
        run(&mut s, "save --trace t.json").unwrap();
        let saved = std::fs::read_to_string(dir.path().join("t.json")).unwrap();
        assert_eq!(
            crate::trace::profile::Profile::from_json(&saved).unwrap(),
            s.trace.as_ref().unwrap().profile
        );
        assert!(parse_line("save --trace --format seccompiler").is_err());
        assert!(parse_line("load --trace --filter vcpu t.json").is_err());
    }

    #[test]
    fn bad_paths_and_numbers_leave_the_session_unchanged() {
        let mut s = Session::new(std::env::temp_dir());
        assert!(run(&mut s, "unveil /no/such/path").is_err());
        assert!(run(&mut s, "remove rule 3").is_err());
        assert!(run(&mut s, "unpromise inet").is_err());
        assert_eq!(s.policy, Policy::default());
        assert!(!s.is_dirty());
    }
}
