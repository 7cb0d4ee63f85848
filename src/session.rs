//! The session: the policy being built, its undo history and what has been saved; and
//! [`Session::execute`], the only place a [`Command`] takes effect.
//!
//! No terminal or socket I/O here: results come back as [`Output`] for the front end to
//! render (text for the shell, values for scripts, JSON for the socket). Files are read and
//! written only by `save`/`load`, relative to the session's directory.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

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
}

impl Output {
    fn text(text: impl Into<String>) -> Self {
        Output {
            text: text.into(),
            ..Output::default()
        }
    }

    fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    fn data(mut self, data: serde_json::Value) -> Self {
        self.data = Some(data);
        self
    }
}

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
}

/// How many denials of a run the session keeps for `denials`.
pub const DENIALS_KEPT: usize = 1_000;

/// A denial as scripts and JSON clients get it: its report fields (as in `--report`), plus
/// `decoded` (the call), `promise` (the first that would allow it) and `line`.
fn denial_json(d: &crate::sandbox::report::Denial) -> serde_json::Value {
    let mut v = serde_json::to_value(d).unwrap_or_default();
    if let Some(m) = v.as_object_mut() {
        m.insert("decoded".into(), d.call.clone().into());
        m.insert("promise".into(), d.promises.first().copied().into());
        m.insert("line".into(), d.line().into());
    }
    v
}

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

fn fail(message: impl Into<String>, hint: Option<String>) -> Error {
    Error::Command {
        message: message.into(),
        hint,
    }
}

/// The note a save makes when the file had other hard links, which keep the old content.
fn hard_link_note(path: &Path, links: u64) -> Option<String> {
    (links > 0).then(|| {
        format!(
            "`{}` had {links} other hard link{}: {} the previous content (a save replaces the file)",
            path.display(),
            if links == 1 { "" } else { "s" },
            if links == 1 { "it keeps" } else { "they keep" },
        )
    })
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
        }
    }

    /// Whether the policy has changes that were not saved.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    fn path(&self, p: &Path) -> PathBuf {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.dir.join(p)
        }
    }

    /// Records the current policy for `undo` and marks the session changed.
    fn change(&mut self) {
        self.undo.push(self.policy.clone());
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.dirty = true;
    }

    /// Runs one command.
    ///
    /// # Errors
    /// The command's failure; the session is unchanged then.
    pub fn execute(&mut self, cmd: Command) -> Result<Output, Error> {
        match cmd {
            Command::Promise(set) => self.promise(set),
            Command::Unpromise(set) => self.unpromise(set),
            Command::ExecPromise(set) => self.exec_promise(set),
            Command::ExecUnpromise(set) => self.exec_unpromise(set),
            Command::Unveil(u) => {
                let meta = std::fs::metadata(&u.path).map_err(|e| {
                    fail(
                        format!("cannot unveil `{}`: {e}", u.path.display()),
                        Some(crate::error::missing_unveil_hint(&u.path, u.perms, &e)),
                    )
                })?;
                let mut out = Output::text(format!("unveiled {} {}", u.perms, u.path.display()));
                if u.perms.contains(crate::policy::Perms::CREATE) && !meta.is_dir() {
                    out = out.note("`c` has no effect on a file: creating and removing entries is granted on directories");
                }
                self.change();
                self.policy.unveils.push(u);
                Ok(out)
            }
            Command::Rules { rules, penalty } => self.rules(rules, penalty),
            Command::RemoveRule(n) => {
                if n == 0 || n > self.policy.rules.len() {
                    return Err(fail(
                        format!("there is no rule {n}"),
                        Some(format!(
                            "the policy has {} rules; `show` numbers them",
                            self.policy.rules.len()
                        )),
                    ));
                }
                self.change();
                let r = self.policy.rules.remove(n - 1);
                Ok(Output::text(format!(
                    "removed rule {n}: {}",
                    render::rule(&r)
                )))
            }
            Command::RemoveUnveil(path) => {
                if !self.policy.unveils.iter().any(|u| u.path == path) {
                    return Err(fail(format!("`{}` is not unveiled", path.display()), None));
                }
                self.change();
                self.policy.unveils.retain(|u| u.path != path);
                Ok(Output::text(format!("removed unveil {}", path.display())))
            }
            Command::Penalty(p) => {
                self.change();
                self.policy.penalty = p;
                Ok(Output::text(format!("penalty: {p}")))
            }
            Command::Limit(None) => Ok(Output::text(limits_text(&self.policy.limits))),
            Command::Limit(Some((name, value))) => {
                let mut l = self.policy.limits;
                let slot = match name {
                    LimitName::Cpu => &mut l.cpu,
                    LimitName::Memory => &mut l.address_space,
                    LimitName::OpenFiles => &mut l.open_files,
                    LimitName::Processes => &mut l.processes,
                    LimitName::FileSize => &mut l.file_size,
                };
                *slot = value;
                l.validate().map_err(|e| Error::Command {
                    message: e.to_string(),
                    hint: None,
                })?;
                self.change();
                self.policy.limits = l;
                Ok(Output::text(limits_text(&self.policy.limits)))
            }
            Command::Option(None) => Ok(Output::text(options_text(&self.policy))),
            Command::Option(Some((name, on))) => {
                self.change();
                let o = &mut self.policy.options;
                match name {
                    OptionName::Unveil => o.unveil = on,
                    OptionName::Strict => o.strict = on,
                    OptionName::Nice => o.nice = on,
                    OptionName::KeepFds => o.keep_fds = on,
                    OptionName::KeepCaps => o.keep_caps = on,
                    OptionName::AllowLoaderPromises => o.allow_loader_promises = on,
                }
                Ok(Output::text(options_text(&self.policy)))
            }
            Command::Show(what) => self.show(&what),
            Command::Save {
                path,
                format,
                force,
            } => self.save(path, format, force),
            Command::Load { path, filter } => self.load(&path, filter.as_deref()),
            Command::SaveTrace { path, force } => self.save_trace(path, force),
            Command::LoadTrace(path) => self.load_trace(&path),
            Command::Denials => self.denials(),
            Command::Run {
                argv,
                stdin,
                landlock_reports,
            } => self.run(&argv, stdin, landlock_reports),
            Command::Trace { args, add } => self.trace(&args, add),
            Command::Suggest {
                apply,
                from_denials: true,
                ..
            } => self.suggest_from_denials(apply),
            Command::Suggest { apply, all, .. } => self.suggest(apply, all),
            Command::Format(_) => Err(fail(
                "`format` applies to a connection or a batch, not here",
                None,
            )),
            Command::Source { .. } => Err(fail(
                "`source` runs scripts in the shell, not here",
                Some("use `seccomp-pledge script FILE.rhai`".into()),
            )),
            Command::AllowTraced => self.allow_traced(),
            Command::Reset => {
                if self.policy == Policy::default() {
                    return Ok(Output::text("the policy is already empty"));
                }
                self.change();
                self.policy = Policy::default();
                Ok(Output::text("policy reset (`undo` brings it back)"))
            }
            Command::Undo => {
                let Some(p) = self.undo.pop() else {
                    return Err(fail("nothing to undo", None));
                };
                self.policy = p;
                self.dirty = true;
                Ok(Output::text("undone"))
            }
            Command::Check => {
                let f = crate::sandbox::kernel::probe();
                let out = Output::text(f.render().trim_end());
                Ok(match serde_json::to_value(&f) {
                    Ok(v) => out.data(v),
                    Err(_) => out,
                })
            }
            Command::Help(None) => {
                let width = COMMANDS.iter().map(|c| c.name.len()).max().unwrap_or(0);
                let mut s = String::from("commands (`help COMMAND` for more):\n");
                for c in COMMANDS {
                    s.push_str(&format!("  {:width$}  {}\n", c.name, c.summary));
                }
                Ok(Output::text(s.trim_end()))
            }
            Command::Help(Some(name)) => Ok(Output::text(
                spec::lookup(name).map_or_else(String::new, help_text),
            )),
            Command::Quit => Ok(Output {
                quit: true,
                ..Output::default()
            }),
        }
    }

    fn exec_promises_text(&self) -> String {
        match self.policy.exec_promises {
            None => "(the program's own)".to_string(),
            Some(e) if e.is_empty() => "(none)".to_string(),
            Some(e) => e.to_string(),
        }
    }

    fn promises_text(&self) -> String {
        if self.policy.promises.is_empty() {
            "(none)".to_string()
        } else {
            self.policy.promises.to_string()
        }
    }

    /// Notes about how a new rule combines with the policy; an error when it exactly
    /// contradicts an existing rule.
    fn conflicts(&self, new: &Rule) -> Result<Vec<String>, Error> {
        let mut notes = Vec::new();
        for (i, old) in self.policy.rules.iter().enumerate() {
            if old.syscall != new.syscall || old.action.denies() == new.action.denies() {
                continue;
            }
            if old.conditions == new.conditions {
                let (winner, loser) = if new.action.denies() {
                    (new, old)
                } else {
                    (old, new)
                };
                return Err(fail(
                    format!(
                        "`{}` contradicts rule {}: `{}`; the deny would always win",
                        render::rule(new),
                        i + 1,
                        render::rule(old)
                    ),
                    Some(format!(
                        "keep one of them: `{}` wins over `{}`; `remove rule {}` first if you mean it",
                        render::rule(winner),
                        render::rule(loser),
                        i + 1
                    )),
                ));
            }
            let (deny, allow) = if new.action.denies() {
                (new, old)
            } else {
                (old, new)
            };
            notes.push(format!(
                "where both match, `{}` wins over rule {}'s `{}` (the most restrictive wins)",
                render::rule(deny),
                i + 1,
                render::rule(allow)
            ));
        }
        if new.action.denies() {
            let nr = new.syscall.nr();
            let granting: Vec<&str> = self
                .policy
                .promises
                .iter()
                .filter(|p| {
                    let info = p.info();
                    info.syscalls.iter().any(|s| s.id() as u32 == nr)
                        || info.rules.iter().any(|r| r.syscall.id() as u32 == nr)
                })
                .map(Promise::name)
                .collect();
            if !granting.is_empty() {
                notes.push(format!(
                    "`{}` wins over promise {} for the calls it matches",
                    render::rule(new),
                    granting.join(", ")
                ));
            }
        }
        Ok(notes)
    }

    fn show(&self, what: &ShowWhat) -> Result<Output, Error> {
        match what {
            ShowWhat::Policy => Ok(Output::text(self.policy_table())),
            ShowWhat::Json => Ok(Output::text(
                serde_json::to_string_pretty(&self.policy)
                    .map_err(|e| fail(e.to_string(), None))?,
            )),
            ShowWhat::Trace => {
                let text = self.trace_text()?;
                let record = self.last_trace()?;
                Ok(Output::text(text).data(trace_data(record, &[], 0)))
            }
            ShowWhat::Promises => {
                let mut s = String::new();
                for info in &promise::TABLE {
                    let mark = if self.policy.promises.contains(info.promise) {
                        "*"
                    } else {
                        " "
                    };
                    s.push_str(&format!("{mark} {:10} {}\n", info.name, info.summary));
                }
                Ok(Output::text(s.trim_end()).note("* = promised"))
            }
            ShowWhat::Syscalls(p) => Ok(Output::text(promise_text(*p))),
            ShowWhat::Bpf => {
                let spec = seccomp::FilterSpec {
                    promises: self.policy.promises,
                    rules: &self.policy.rules,
                    penalty: bpf::SECCOMP_RET_USER_NOTIF,
                    foreign_arch: bpf::SECCOMP_RET_USER_NOTIF,
                    report_syscall: false,
                    scoped_attrs: self.policy.options.unveil,
                };
                let f = seccomp::compile(&spec)?;
                let name = |nr: u32| syscalls::name(nr).map(str::to_string);
                let text = bpf::disassemble(&f.program, &name);
                Ok(Output::text(text.trim_end()).note(format!(
                    "{} instructions; the filter every program runs under (a dynamic program's loader gets the calls it needs beyond them one by one from the supervisor, until it is done)",
                    f.program.len()
                )))
            }
        }
    }

    /// Replaces the whole policy (scripts' `policy_from`), after validating it; `undo`
    /// brings the old one back.
    ///
    /// # Errors
    /// The policy is invalid (bad rule, errno out of range …).
    pub fn replace_policy(&mut self, policy: Policy) -> Result<(), Error> {
        policy.validate().map_err(|e| fail(e.to_string(), None))?;
        self.change();
        self.policy = policy;
        Ok(())
    }

    /// `suggest --from-denials [apply]`: what the last run's denial reports name, a promise
    /// for each refused call and an unveil for each refused access, added to the policy.
    fn suggest_from_denials(&mut self, apply: bool) -> Result<Output, Error> {
        use crate::policy::promise::{Promise, PromiseSet};
        use crate::policy::unveil::Unveil;
        let Some(denied) = &self.last_denials else {
            return Err(fail(
                "no run yet: `suggest --from-denials` works from the denials of the last `run`",
                Some("`run -- PROGRAM` first".into()),
            ));
        };
        let mut promises = PromiseSet::EMPTY;
        let mut unveils: Vec<Unveil> = Vec::new();
        let mut unfixed = Vec::new();
        for d in denied {
            if let Some(v) = &d.unveil {
                if let Ok(u) = Unveil::parse_flag(v) {
                    match unveils.iter_mut().find(|x| x.path == u.path) {
                        Some(x) => x.perms = x.perms.union(u.perms),
                        None => unveils.push(u),
                    }
                    continue;
                }
            }
            let names: &[&str] = if d.together {
                &d.promises
            } else {
                d.promises.get(..1).unwrap_or(&[])
            };
            let mut any = false;
            for n in names {
                if let Ok(p) = n.parse::<Promise>() {
                    promises.insert(p);
                    any = true;
                }
            }
            if !any && !unfixed.contains(&d.line()) {
                unfixed.push(d.line());
            }
        }
        let promises = promises.difference(self.policy.promises);
        let mut text = String::new();
        if !promises.is_empty() {
            text.push_str(&format!("promise {promises}\n"));
        }
        for u in &unveils {
            text.push_str(&format!(
                "unveil {}:{}\n",
                u.perms,
                crate::abi::signature::escape_word(&u.path.to_string_lossy())
            ));
        }
        let mut out = Output::text(text.clone()).data(serde_json::json!({
            "promises": promises.iter().map(|p| p.name()).collect::<Vec<_>>(),
            "unveils": unveils.iter().map(|u| serde_json::json!({
                "path": u.path.display().to_string(),
                "perms": u.perms.to_string(),
            })).collect::<Vec<_>>(),
            "unfixed": unfixed,
            "applied": apply,
        }));
        for l in &unfixed {
            out = out.note(format!(
                "no promise or unveil fixes this (see its report): {l}"
            ));
        }
        if text.is_empty() {
            return Ok(out.note("the last run's denials name nothing to add"));
        }
        if !apply {
            return Ok(
                out.note("`suggest --from-denials apply` adds these to the policy; `run` tries it")
            );
        }
        self.change();
        self.policy.promises = self.policy.promises.union(promises);
        self.policy.unveils.extend(unveils);
        Ok(out.note("added to the session's policy (`undo` takes them back)"))
    }

    fn last_trace(&self) -> Result<&TraceRecord, Error> {
        self.trace.as_ref().ok_or_else(|| {
            fail(
                "there is no trace yet",
                Some(
                    "trace the program first, e.g. `trace -- ls /usr`, or `load --trace FILE`"
                        .into(),
                ),
            )
        })
    }

    /// `trace [--add] …`: the calls stream to stderr (or `-o FILE`); the session keeps the
    /// profile, or with `add` merges it into the one it has.
    fn trace(&mut self, args: &crate::trace::args::TraceArgs, add: bool) -> Result<Output, Error> {
        let mut opts = args.options()?;
        opts.keep_events = self.keep.events;
        opts.null_stdin = self.null_stdin && !args.stdin;
        let mut sink = args.sink(&self.dir).map_err(|m| fail(m, None))?;
        let outcome = crate::trace::engine::trace(&args.command, &opts, &mut sink)?;
        drop(sink);
        let mut text = String::new();
        if opts.summary {
            text = crate::trace::engine::summary_table(&outcome.profile);
        }
        let p = &outcome.profile;
        let mut out = Output::text(text).note(format!(
            "traced `{}`: {} calls in {} {}, {}; `suggest` proposes a policy from it",
            args.command[0].to_string_lossy(),
            p.events,
            p.tasks,
            if p.tasks == 1 { "task" } else { "tasks" },
            exit_text(outcome.exit),
        ));
        if outcome.interrupted {
            out = out.note("interrupted: the program was killed; the trace is partial");
        }
        out.exit = Some(outcome.exit.code());
        let mut profile = outcome.profile;
        profile.runs.push(crate::trace::profile::Run {
            argv: args.command.clone(),
            exit: outcome.exit,
            interrupted: outcome.interrupted,
        });
        let record = TraceRecord { profile };
        out.data = Some(trace_data(&record, &outcome.events, outcome.events_dropped));
        match (&mut self.trace, add) {
            (Some(t), true) => {
                t.profile.merge(&record.profile);
                out = out.note(format!(
                    "added to the session's trace: {}, {} distinct calls",
                    runs_text(&t.profile),
                    t.profile.shapes.len()
                ));
            }
            _ => self.trace = Some(record),
        }
        Ok(out)
    }

    /// `save --trace [FILE]`: the session's trace profile as a versioned JSON file.
    fn save_trace(&mut self, path: Option<PathBuf>, force: bool) -> Result<Output, Error> {
        let record = self.trace.as_ref().ok_or_else(|| {
            fail(
                "there is no trace to save yet",
                Some("trace the program first, e.g. `trace -- ls /usr`".into()),
            )
        })?;
        let path = self.path(&path.unwrap_or_else(|| PathBuf::from("trace.json")));
        if path.exists() && !force && !self.known_files.contains(&path) {
            return Err(fail(
                format!(
                    "`{}` exists and was not loaded or saved in this session",
                    path.display()
                ),
                Some("add --force to overwrite it".into()),
            ));
        }
        let text = record.profile.to_json();
        crate::trace::profile::save_file(&path, &text)?;
        let mut out = Output::text(format!(
            "saved the trace ({}, {} distinct calls, {} paths) to {}",
            runs_text(&record.profile),
            record.profile.shapes.len(),
            record.profile.paths.len(),
            path.display()
        ));
        let links = fs::other_links(&path);
        if let Some(n) = hard_link_note(&path, links) {
            out = out.note(n);
        }
        self.known_files.insert(path);
        Ok(out)
    }

    /// `load --trace FILE`: merges a saved profile into the session's trace (or starts it).
    fn load_trace(&mut self, path: &Path) -> Result<Output, Error> {
        let path = self.path(path);
        let profile = crate::trace::profile::load_file(&path)?;
        let text = match &mut self.trace {
            Some(t) => {
                t.profile.merge(&profile);
                format!(
                    "merged the trace from {} into the session's: {}, {} distinct calls",
                    path.display(),
                    runs_text(&t.profile),
                    t.profile.shapes.len()
                )
            }
            None => {
                let text = format!(
                    "loaded the trace from {}: {}, {} distinct calls",
                    path.display(),
                    runs_text(&profile),
                    profile.shapes.len()
                );
                self.trace = Some(TraceRecord { profile });
                text
            }
        };
        self.known_files.insert(path);
        Ok(Output::text(text).note("`suggest` proposes a policy from it"))
    }

    fn trace_text(&self) -> Result<String, Error> {
        let t = self.last_trace()?;
        let p = &t.profile;
        let run_line = |r: &crate::trace::profile::Run| {
            let argv: Vec<String> = r
                .argv
                .iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect();
            (
                shell_words::join(&argv),
                format!(
                    "{}{}",
                    exit_text(r.exit),
                    if r.interrupted { " (interrupted)" } else { "" }
                ),
            )
        };
        let mut s = match p.runs.as_slice() {
            [one] if p.runs_dropped == 0 => {
                let (cmd, end) = run_line(one);
                format!("command   {cmd}\nended     {end}\n")
            }
            runs => {
                let mut s = format!("runs      {} merged\n", runs_text(p));
                for (i, r) in runs.iter().enumerate() {
                    let (cmd, end) = run_line(r);
                    s.push_str(&format!("  {:<7} {cmd}: {end}\n", i + 1));
                }
                s
            }
        };
        s.push_str(&format!(
            "calls     {} in {} {}\n",
            p.events,
            p.tasks,
            if p.tasks == 1 { "task" } else { "tasks" },
        ));
        s.push_str(&format!(
            "shapes    {} distinct calls{}\n",
            p.shapes.len(),
            if p.shapes_dropped > 0 {
                format!(" ({} not kept: too many)", p.shapes_dropped)
            } else {
                String::new()
            }
        ));
        s.push_str(&format!(
            "paths     {} used{}\n",
            p.paths.len(),
            if p.paths_dropped > 0 {
                format!(" ({} not kept: too many)", p.paths_dropped)
            } else {
                String::new()
            }
        ));
        if p.loader_marked {
            let n: u64 = p.shapes.values().map(|s| s.loader).sum();
            s.push_str(&format!("loader    {n} calls before the program's own code (`run` grants the loader what it needs)\n"));
        }
        if p.filtered {
            s.push_str("filtered  only some calls were traced (-e): `suggest` sees only those\n");
        }
        if !p.execs.is_empty() {
            let execs: Vec<String> = p.execs.iter().map(|e| e.display().to_string()).collect();
            s.push_str(&format!("executed  {}\n", execs.join(", ")));
        }
        if !p.foreign.is_empty() {
            let n: u64 = p.foreign.values().sum();
            s.push_str(&format!(
                "foreign   {n} calls of another ABI (i386/x32): `run` kills the program on those\n"
            ));
        }
        s.push('\n');
        s.push_str(&crate::trace::engine::summary_table(p));
        Ok(s)
    }

    fn policy_table(&self) -> String {
        let p = &self.policy;
        let mut s = String::new();
        s.push_str(&format!(
            "promises  {}\n",
            if p.promises.is_empty() {
                "(none: only exit is allowed)".to_string()
            } else {
                p.promises.to_string()
            }
        ));
        if p.exec_promises.is_some() {
            s.push_str(&format!("exec      {}\n", self.exec_promises_text()));
        }
        s.push_str(&format!("penalty   {}\n", p.penalty));
        if p.unveils.is_empty() {
            s.push_str("unveil    (nothing beyond what the program and its promises need)\n");
        } else {
            for (i, u) in p.unveils.iter().enumerate() {
                let head = if i == 0 { "unveil" } else { "" };
                s.push_str(&format!(
                    "{head:9} {:4} {}\n",
                    u.perms.to_string(),
                    u.path.display()
                ));
            }
        }
        if p.rules.is_empty() {
            s.push_str("rules     (none)\n");
        } else {
            let width = p.rules.len().to_string().len().max(2);
            for (i, r) in p.rules.iter().enumerate() {
                let head = if i == 0 { "rules" } else { "" };
                let origin = r
                    .comment
                    .as_deref()
                    .map(|c| format!("   ({c})"))
                    .unwrap_or_default();
                s.push_str(&format!(
                    "{head:9} {:>width$}. {}{origin}\n",
                    i + 1,
                    render::rule(r)
                ));
            }
        }
        s.push_str(&format!("limits    {}\n", limits_text(&p.limits)));
        s.push_str(&format!("options   {}", options_text(p)));
        if self.dirty {
            s.push_str("\n(unsaved changes)");
        }
        s
    }

    /// `promise NAME…`.
    fn promise(&mut self, set: PromiseSet) -> Result<Output, Error> {
        let new = set.difference(self.policy.promises);
        if new.is_empty() {
            return Ok(Output::text(format!(
                "promises: {} (nothing new)",
                self.promises_text()
            )));
        }
        self.change();
        self.policy.promises = self.policy.promises.union(set);
        Ok(Output::text(format!("promises: {}", self.promises_text())))
    }

    /// `unpromise NAME…`.
    fn unpromise(&mut self, set: PromiseSet) -> Result<Output, Error> {
        let missing = set.difference(self.policy.promises);
        if !missing.is_empty() {
            return Err(fail(
                format!("`{missing}` is not promised"),
                Some(format!("promises now: {}", self.promises_text())),
            ));
        }
        self.change();
        self.policy.promises = self.policy.promises.difference(set);
        let mut out = Output::text(format!("promises: {}", self.promises_text()));
        if let Some(e) = self.policy.exec_promises {
            if !e.difference(self.policy.promises).is_empty() {
                self.policy.exec_promises = Some(e.difference(set));
                out = out.note(format!("exec promises: {}", self.exec_promises_text()));
            }
        }
        Ok(out)
    }

    /// `promise --exec NAME…`.
    fn exec_promise(&mut self, set: PromiseSet) -> Result<Output, Error> {
        let beyond = set.difference(self.policy.promises);
        if !beyond.is_empty() {
            return Err(fail(
                format!("`{beyond}` is not promised: exec promises are a subset of the promises"),
                Some(format!(
                    "`promise {beyond}` first (promises now: {})",
                    self.promises_text()
                )),
            ));
        }
        self.change();
        self.policy.exec_promises = Some(self.policy.exec_promises.unwrap_or_default().union(set));
        let mut out = Output::text(format!("exec promises: {}", self.exec_promises_text()));
        if !self.policy.promises.contains(crate::policy::Promise::Exec) {
            out =
                out.note("the program executes nothing without the promise exec (`promise exec`)");
        }
        Ok(out)
    }

    /// `unpromise --exec [NAME…]`.
    fn exec_unpromise(&mut self, set: PromiseSet) -> Result<Output, Error> {
        self.change();
        self.policy.exec_promises = if set.is_empty() {
            None
        } else {
            self.policy.exec_promises.map(|e| e.difference(set))
        };
        Ok(Output::text(format!(
            "exec promises: {}",
            self.exec_promises_text()
        )))
    }

    /// `allow …` / `deny …`: explicit rules (`penalty`: a `deny` without an action, whose
    /// rules take the session's penalty).
    fn rules(&mut self, mut rules: Vec<Rule>, penalty: bool) -> Result<Output, Error> {
        if penalty {
            let action = self.policy.penalty.action();
            for r in &mut rules {
                r.action = action;
            }
        }
        let mut notes = Vec::new();
        for r in &rules {
            r.validate()?;
            notes.extend(self.conflicts(r)?);
        }
        self.change();
        let mut lines = Vec::new();
        for mut r in rules {
            if r.comment.is_none() {
                r.comment = Some(self.origin.clone());
            }
            lines.push(format!(
                "rule {}: {}",
                self.policy.rules.len() + 1,
                render::rule(&r)
            ));
            self.policy.rules.push(r);
        }
        Ok(Output {
            text: lines.join("\n"),
            notes,
            ..Output::default()
        })
    }

    /// `denials`: the last run's denial reports.
    fn denials(&mut self) -> Result<Output, Error> {
        let Some(denied) = &self.last_denials else {
            return Err(fail(
                "no run yet: `denials` shows the denials of the last `run`",
                Some("`run -- PROGRAM` first".into()),
            ));
        };
        let text: String = denied.iter().map(|d| format!("{}\n", d.line())).collect();
        let mut out = Output::text(text).data(serde_json::json!({
            "denials": denied.iter().map(denial_json).collect::<Vec<_>>(),
        }));
        if denied.is_empty() {
            out = out.note("the last run was denied nothing");
        }
        Ok(out)
    }

    /// `run PROGRAM…`: runs the program under the session's policy.
    fn run(
        &mut self,
        argv: &[std::ffi::OsString],
        stdin: bool,
        landlock_reports: launch::LandlockReports,
    ) -> Result<Output, Error> {
        if self.policy.promises.is_empty() && self.policy.rules.is_empty() {
            return Err(fail(
                "the policy allows nothing yet: the program could not even start",
                Some("grant promises first, e.g. `promise stdio rpath`".into()),
            ));
        }
        let l = launch::prepare(&self.policy, argv)?;
        let notes: Vec<String> = l.warnings.iter().map(|w| format!("warning: {w}")).collect();
        for n in &notes {
            eprintln!("seccomp-pledge: {n}");
        }
        let outcome = l.run(RunOptions {
            keep_denials: self.keep.denials.max(DENIALS_KEPT),
            null_stdin: self.null_stdin && !stdin,
            landlock_reports,
            ..RunOptions::default()
        })?;
        self.last_denials = Some(outcome.denied.clone());
        // The program's own output is on stdout: the status goes with the notes.
        let program = argv[0].to_string_lossy();
        let mut status = match outcome.exit {
            Exit::Code(c) => format!("`{program}` exited with status {c}"),
            Exit::Signal(s) => format!(
                "`{program}` was killed by {} (status {})",
                crate::abi::consts::signal_name(s).unwrap_or("a signal"),
                outcome.exit.code()
            ),
        };
        if outcome.denials > 0 {
            let calls = if outcome.denials == 1 {
                "call"
            } else {
                "calls"
            };
            status.push_str(&format!("; {} denied {calls}", outcome.denials));
        }
        let (code, signal) = match outcome.exit {
            Exit::Code(c) => (Some(c), None),
            Exit::Signal(s) => (None, crate::abi::consts::signal_name(s)),
        };
        let denied: Vec<serde_json::Value> = outcome
            .denied
            .iter()
            .take(self.keep.denials)
            .map(denial_json)
            .collect();
        let mut notes = outcome.notes.clone();
        notes.push(status);
        Ok(Output {
            text: String::new(),
            notes,
            exit: Some(outcome.exit.code()),
            quit: false,
            data: Some(serde_json::json!({
                "command": argv.iter().map(|a| a.to_string_lossy()).collect::<Vec<_>>(),
                "status": outcome.exit.code(),
                "exit_code": code,
                "signal": signal,
                "denied_calls": outcome.denials,
                "denials": denied,
            })),
        })
    }

    /// `suggest [apply [--all]]`: the policy the last trace needs, adopted with `apply`.
    fn suggest(&mut self, apply: bool, all: bool) -> Result<Output, Error> {
        let record = self.last_trace()?;
        let suggestion = crate::trace::advice::suggest(&record.profile);
        let text = suggestion.describe();
        let data = serde_json::json!({
            "promises": suggestion.promises.iter().map(|p| p.name()).collect::<Vec<_>>(),
            "optional": suggestion.optional.iter().map(|p| p.name()).collect::<Vec<_>>(),
            "unveils": suggestion.unveils.iter().map(|u| serde_json::json!({
                "path": u.path.display().to_string(),
                "perms": u.perms.to_string(),
            })).collect::<Vec<_>>(),
            "rules": suggestion.rules.iter().map(render::rule).collect::<Vec<_>>(),
            "notes": suggestion.notes,
            "applied": apply,
            "all": all,
        });
        if !apply {
            return Ok(Output::text(text)
                .note("`suggest apply` adopts it; `run` tries it")
                .data(data));
        }
        self.change();
        let adopted = if all {
            suggestion.to_policy_all()
        } else {
            suggestion.to_policy()
        };
        self.policy.promises = adopted.promises;
        self.policy.unveils = adopted.unveils;
        self.policy.rules = adopted.rules;
        for r in &mut self.policy.rules {
            if r.comment.is_none() {
                r.comment = Some("suggested from the trace".into());
            }
        }
        let what = if all && !suggestion.optional.is_empty() {
            "adopted, with the optional promises"
        } else if suggestion.optional.is_empty() {
            "adopted"
        } else {
            "adopted, without the optional promises (`suggest apply --all` adds them)"
        };
        Ok(Output::text(text)
            .note(format!("{what}: the promises, unveils and rules above replace the session's (`undo` brings them back)"))
            .data(data))
    }

    /// `allow traced`: the last trace's calls as explicit allow rules.
    fn allow_traced(&mut self) -> Result<Output, Error> {
        let record = self.last_trace()?;
        let mut rules = crate::trace::advice::allow_list(&record.profile);
        for r in &mut rules {
            if r.comment.is_none() {
                r.comment = Some("traced".into());
            }
        }
        if rules.is_empty() {
            return Ok(Output::text("").note(
                "nothing to add: every call of the last trace was the dynamic loader's (which `run` allows by itself) or is allowed whatever the policy",
            ));
        }
        self.execute(Command::Rules {
            rules,
            penalty: false,
        })
    }

    fn save(
        &mut self,
        path: Option<PathBuf>,
        format: Format,
        force: bool,
    ) -> Result<Output, Error> {
        let spec = format.spec();
        let path = self.path(&path.unwrap_or_else(|| PathBuf::from(spec.default_file)));
        if path.exists() && !force && !self.known_files.contains(&path) {
            return Err(fail(
                format!(
                    "`{}` exists and was not loaded or saved in this session",
                    path.display()
                ),
                Some("add --force to overwrite it".into()),
            ));
        }
        let mut out = Output::text(format!("saved {}", path.display()));
        let links = fs::other_links(&path);
        let fail_save = |message: String| format::FileError::Save {
            path: path.clone(),
            message,
        };
        let text = (spec.export)(&self.policy).map_err(fail_save)?;
        fs::write_atomic(&path, text.as_bytes()).map_err(|e| fail_save(e.to_string()))?;
        if spec.whole_policy {
            self.dirty = false;
        }
        for note in spec.notes {
            out = out.note(*note);
        }
        if let Some(n) = hard_link_note(&path, links) {
            out = out.note(n);
        }
        self.known_files.insert(path);
        Ok(out)
    }

    fn load(&mut self, path: &Path, filter: Option<&str>) -> Result<Output, Error> {
        let path = self.path(path);
        let (mut policy, kind) = format::policy::load(&path, filter)?;
        let origin = format!("from {}", path.display());
        for r in &mut policy.rules {
            if r.comment.is_none() {
                r.comment = Some(origin.clone());
            }
        }
        self.change();
        self.policy = policy;
        self.dirty = false;
        self.known_files.insert(path.clone());
        Ok(Output::text(format!(
            "loaded {kind} from {}: {} promises, {} unveils, {} rules",
            path.display(),
            self.policy.promises.len(),
            self.policy.unveils.len(),
            self.policy.rules.len()
        )))
    }
}

/// A trace as data: how it ended, its counts, the kept calls and the per-syscall totals.
fn trace_data(
    t: &TraceRecord,
    events: &[crate::trace::engine::Event],
    dropped: u64,
) -> serde_json::Value {
    let ended = |exit: Exit| match exit {
        Exit::Code(c) => (Some(c), None),
        Exit::Signal(s) => (None, crate::abi::consts::signal_name(s)),
    };
    let last = t.profile.runs.last();
    let (code, signal) = last.map_or((None, None), |r| ended(r.exit));
    let runs: Vec<serde_json::Value> = t
        .profile
        .runs
        .iter()
        .map(|r| {
            let (code, signal) = ended(r.exit);
            serde_json::json!({
                "command": r.argv.iter().map(|a| a.to_string_lossy()).collect::<Vec<_>>(),
                "status": r.exit.code(),
                "exit_code": code,
                "signal": signal,
                "interrupted": r.interrupted,
            })
        })
        .collect();
    let summary: Vec<serde_json::Value> = t
        .profile
        .totals
        .iter()
        .map(|(name, tot)| {
            serde_json::json!({
                "syscall": name,
                "calls": tot.calls,
                "errors": tot.errors,
                "seconds": tot.time.as_secs_f64(),
            })
        })
        .collect();
    serde_json::json!({
        "command": last.map(|r| r.argv.iter().map(|a| a.to_string_lossy()).collect::<Vec<_>>()),
        "status": last.map(|r| r.exit.code()),
        "exit_code": code,
        "signal": signal,
        "interrupted": last.is_some_and(|r| r.interrupted),
        "runs": runs,
        "runs_dropped": t.profile.runs_dropped,
        "calls": t.profile.events,
        "tasks": t.profile.tasks,
        "events": events,
        "events_dropped": dropped,
        "summary": summary,
        "executed": t.profile.execs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
    })
}

/// `1 run`, `3 runs` (and how many more were merged without being named).
fn runs_text(p: &crate::trace::profile::Profile) -> String {
    let n = p.runs.len() as u64 + p.runs_dropped;
    if n == 1 {
        "1 run".to_string()
    } else {
        format!("{n} runs")
    }
}

fn exit_text(e: Exit) -> String {
    match e {
        Exit::Code(c) => format!("exit status {c}"),
        Exit::Signal(s) => format!(
            "killed by {}",
            crate::abi::consts::signal_name(s).unwrap_or("a signal")
        ),
    }
}

fn limits_text(l: &Limits) -> String {
    let show = |v: Option<LimitValue>| v.map_or("default".to_string(), |v| v.to_string());
    format!(
        "cpu {}, memory {}, open-files {}, processes {}, file-size {}",
        show(l.cpu),
        show(l.address_space),
        show(l.open_files),
        show(l.processes),
        show(l.file_size)
    )
}

fn options_text(p: &Policy) -> String {
    let o = &p.options;
    let f = |b: bool| if b { "on" } else { "off" };
    format!(
        "unveil {}, strict {}, nice {}, keep-fds {}, keep-caps {}, allow-loader-promises {}",
        f(o.unveil),
        f(o.strict),
        f(o.nice),
        f(o.keep_fds),
        f(o.keep_caps),
        f(o.allow_loader_promises)
    )
}

fn help_text(c: &spec::CommandSpec) -> String {
    let mut s = format!("{}\n  {}\n", c.usage, c.summary);
    if !c.help.is_empty() {
        s.push_str(&format!("\n{}\n", c.help));
    }
    if !c.aliases.is_empty() {
        s.push_str(&format!("\nalso: {}\n", c.aliases.join(", ")));
    }
    if !c.examples.is_empty() {
        s.push_str("\nexamples:\n");
        for e in c.examples {
            s.push_str(&format!("  {e}\n"));
        }
    }
    s.trim_end().to_string()
}

/// What a promise allows, with its argument rules shown symbolically.
pub fn promise_text(p: Promise) -> String {
    let info = p.info();
    let mut s = format!("{}: {}\n", info.name, info.summary);
    if !info.syscalls.is_empty() {
        let names: Vec<&str> = info.syscalls.iter().map(|s| s.name()).collect();
        s.push_str(&format!("  allows: {}\n", names.join(" ")));
    }
    for r in info.rules {
        let terms: Vec<String> = r
            .to_dnf()
            .iter()
            .map(|term| {
                term.iter()
                    .map(|c| {
                        let text = render::condition(r.syscall, c, true);
                        let pid = format!("{}", promise::PID_PLACEHOLDER & 0xffff_ffff);
                        let hex = format!("{:#x}", promise::PID_PLACEHOLDER);
                        text.replace(&hex, "<its own pid>")
                            .replace(&pid, "<its own pid>")
                    })
                    .collect::<Vec<_>>()
                    .join(" and ")
            })
            .collect();
        let also = if r.also.is_empty() {
            String::new()
        } else {
            format!(
                " (with {})",
                r.also
                    .iter()
                    .map(|p| p.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        s.push_str(&format!(
            "  {} {}{also} if {}\n",
            r.syscall.name(),
            r.tag,
            terms.join("\n      or ")
        ));
    }
    if !info.unveils.is_empty() {
        let u: Vec<String> = info
            .unveils
            .iter()
            .map(|u| format!("{}:{}", u.perms, u.path))
            .collect();
        s.push_str(&format!("  unveils: {}\n", u.join(" ")));
    }
    let _ = PromiseSet::EMPTY;
    s.trim_end().to_string()
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
