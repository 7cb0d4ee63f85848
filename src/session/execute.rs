//! [`Session::execute`]: the only place a [`Command`] takes effect, dispatching to one method
//! per command (or family).

use std::io::Write;

use super::text::*;
use super::*;

impl Session {
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
                let meta =
                    std::fs::metadata(&u.path).map_err(|source| SessionError::CannotUnveil {
                        path: u.path.clone(),
                        perms: u.perms,
                        source,
                    })?;
                let mut out = Output::text(format!("unveiled {} {}", u.perms, u.path.display()));
                if u.perms.contains(crate::policy::Perms::CREATE) && !meta.is_dir() {
                    out = out.note("`c` has no effect on a file: creating and removing entries is granted on directories");
                }
                self.change();
                self.policy.unveils.push(u);
                Ok(out)
            }
            Command::UnveilPort(p) => {
                let out = Output::text(format!("unveiled {p} (TCP)"));
                if !self.policy.ports.contains(&p) {
                    self.change();
                    self.policy.ports.push(p);
                }
                Ok(out)
            }
            Command::Rules { rules, penalty } => self.rules(rules, penalty),
            Command::RemoveRule(n) => {
                if n == 0 || n > self.policy.rules.len() {
                    return Err(SessionError::NoRule {
                        n,
                        rules: self.policy.rules.len(),
                    }
                    .into());
                }
                self.change();
                let r = self.policy.rules.remove(n - 1);
                Ok(Output::text(format!(
                    "removed rule {n}: {}",
                    render::rule(&r)
                )))
            }
            Command::RemoveUnveil(path) => {
                if let Ok(Some(p)) = crate::policy::Port::parse_flag(&path.to_string_lossy()) {
                    if self.policy.ports.contains(&p) {
                        self.change();
                        self.policy.ports.retain(|x| *x != p);
                        return Ok(Output::text(format!("removed unveil {p}")));
                    }
                }
                if !self.policy.unveils.iter().any(|u| u.path == path) {
                    return Err(SessionError::NotUnveiled(path).into());
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
                l.validate().map_err(SessionError::Limit)?;
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
                export,
            } => self.save(path, format, force, &export),
            Command::Load { path, filter } => self.load(&path, filter.as_deref()),
            Command::SaveTrace { path, force } => self.save_trace(path, force),
            Command::VerifyExport { target, lossy } => self.verify_export(target, lossy),
            Command::LoadTrace(path) => self.load_trace(&path),
            Command::Denials => self.denials(),
            Command::Run {
                argv,
                stdin,
                landlock_reports,
                quiet,
                report,
                empty_ok,
                ids,
                audit,
            } => self.run(
                &argv,
                RunFlags {
                    stdin,
                    landlock_reports,
                    quiet,
                    report,
                    empty_ok,
                    ids,
                    audit,
                },
            ),
            Command::Trace {
                args,
                add,
                summary_with_calls,
            } => self.trace(&args, add, summary_with_calls),
            Command::Suggest {
                apply,
                from_denials: true,
                ..
            } => self.suggest_from_denials(apply),
            Command::Suggest { apply, all, .. } => self.suggest(apply, all),
            Command::SuggestProfile {
                file,
                runtime,
                apply,
            } => self.suggest_from_profile(&file, runtime, apply),
            Command::Format(_) => Err(SessionError::FrontEndOnly {
                command: "format",
                what: "applies to a connection or a batch",
                instead: None,
            }
            .into()),
            Command::Source { .. } => Err(SessionError::FrontEndOnly {
                command: "source",
                what: "runs scripts in the shell",
                instead: Some("use `seccomp-pledge script FILE.rhai`"),
            }
            .into()),
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
                    return Err(SessionError::NothingToUndo.into());
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

    /// Notes about how a new rule combines with the policy; an error when it exactly
    /// contradicts an existing rule.
    pub(super) fn conflicts(&self, new: &Rule) -> Result<Vec<String>, Error> {
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
                return Err(SessionError::Contradicts {
                    new: render::rule(new),
                    index: i + 1,
                    old: render::rule(old),
                    winner: render::rule(winner),
                    loser: render::rule(loser),
                }
                .into());
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

    pub(super) fn show(&self, what: &ShowWhat) -> Result<Output, Error> {
        match what {
            ShowWhat::Policy => Ok(Output::text(self.policy_table())),
            ShowWhat::Json => Ok(Output::text(
                serde_json::to_string_pretty(&self.policy).map_err(SessionError::Json)?,
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

    /// `suggest --from-denials [apply]`: what the last run's denial reports name, a promise
    /// for each refused call and an unveil for each refused access, added to the policy.
    /// `suggest --from-profile FILE [--runtime NAME] [apply]`: the promises for a recorded,
    /// names-only OCI profile, with the runtime's own calls (format::target's table) left
    /// out; `apply` adds them, and allows for the names no promise allows, to the policy.
    pub(super) fn suggest_from_profile(
        &mut self,
        file: &Path,
        runtime: crate::format::target::Runtime,
        apply: bool,
    ) -> Result<Output, Error> {
        use crate::policy::rule::Action;
        let path = self.path(file);
        let (policy, kind) = format::policy::load(&path, None)?;
        if !matches!(kind, format::FileKind::Oci { .. }) {
            return Err(SessionError::NotNamesOnly(format!(
                "`{}` is {kind}, not an OCI seccomp profile",
                path.display()
            ))
            .into());
        }
        if let Some(r) = policy
            .rules
            .iter()
            .find(|r| r.action != Action::Allow || !r.conditions.is_empty())
        {
            return Err(SessionError::NotNamesOnly(format!(
                "`{}` is not a names-only profile: it has `{}` (a recorded profile allows names, with no conditions)",
                path.display(),
                r
            ))
            .into());
        }
        let base = runtime.spec().calls;
        let (left_out, names): (Vec<_>, Vec<_>) = policy
            .rules
            .iter()
            .map(|r| r.syscall.0)
            .partition(|s| base.contains(&s.name()));
        let a = crate::trace::advice::advise_names(&names);
        let list = |v: &mut dyn Iterator<Item = String>| v.collect::<Vec<_>>().join(", ");
        let mut text = format!("promises: {}", a.promises);
        if !a.unpromised.is_empty() {
            text.push_str(&format!(
                "\nrules: {}",
                list(&mut a.unpromised.iter().map(|s| format!("allow {}", s.name())))
            ));
        }
        let mut out = Output::text(text).note(format!(
            "from {}: {} names{}",
            path.display(),
            names.len() + left_out.len(),
            if left_out.is_empty() {
                String::new()
            } else {
                format!(
                    ", {} of them left out as {}'s own calls ({})",
                    left_out.len(),
                    runtime.spec().name,
                    list(&mut left_out.iter().map(|s| s.name().to_string()))
                )
            }
        ));
        if !a.partly.is_empty() {
            out = out.note(format!(
                "allowed only for some arguments: {}; a trace (`trace -- PROGRAM`, then `suggest`) shows whether the program's calls fit",
                list(&mut a.partly.iter().map(|(s, p)| format!("{} (by {p})", s.name())))
            ));
        }
        if !a.undecided.is_empty() {
            out = out.note(format!(
                "left out, as every promise allows them only for some arguments, which a names-only profile does not record: {}; a trace shows which the program needs",
                list(&mut a.undecided.iter().map(|(s, ps)| {
                    let names: Vec<&str> = ps.iter().map(|p| p.name()).collect();
                    format!("{} ({})", s.name(), names.join(" or "))
                }))
            ));
        }
        if apply {
            self.change();
            self.policy.promises = self.policy.promises.union(a.promises);
            for s in &a.unpromised {
                let rule = crate::policy::Rule {
                    syscall: crate::abi::syscalls::Syscall(*s),
                    conditions: Vec::new(),
                    action: Action::Allow,
                    comment: Some(format!("from {}", path.display())),
                };
                if !self.policy.rules.contains(&rule) {
                    self.policy.rules.push(rule);
                }
            }
            out = out.note("applied: the promises and rules above are in the policy (`show`)");
        }
        Ok(out)
    }

    pub(super) fn suggest_from_denials(&mut self, apply: bool) -> Result<Output, Error> {
        use crate::policy::promise::{Promise, PromiseSet};
        use crate::policy::unveil::Unveil;
        let Some(denied) = &self.last_denials else {
            return Err(SessionError::NoRun(
                "`suggest --from-denials` works from the denials of the last `run`",
            )
            .into());
        };
        let mut promises = PromiseSet::EMPTY;
        let mut unveils: Vec<Unveil> = Vec::new();
        let mut unfixed = Vec::new();
        let mut ports = Vec::new();
        for d in denied {
            if let Some(v) = &d.unveil {
                if let Ok(Some(p)) = crate::policy::Port::parse_flag(v) {
                    if !ports.contains(&p) {
                        ports.push(p);
                    }
                    continue;
                }
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
        let ports: Vec<crate::policy::Port> = ports
            .into_iter()
            .filter(|p| !self.policy.ports.contains(p))
            .collect();
        for p in &ports {
            text.push_str(&format!("unveil {p}\n"));
        }
        let mut out = Output::text(text.clone()).data(serde_json::json!({
            "promises": promises.iter().map(|p| p.name()).collect::<Vec<_>>(),
            "unveils": unveils.iter().map(|u| serde_json::json!({
                "path": u.path.display().to_string(),
                "perms": u.perms.to_string(),
            })).collect::<Vec<_>>(),
            "net": ports.iter().map(ToString::to_string).collect::<Vec<_>>(),
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
        self.policy.ports.extend(ports);
        Ok(out.note("added to the session's policy (`undo` takes them back)"))
    }

    /// `trace [--add] …`: the calls stream to stderr (or `-o FILE`); the session keeps the
    /// profile, or with `add` merges it into the one it has.
    pub(super) fn trace(
        &mut self,
        args: &crate::trace::args::TraceArgs,
        add: bool,
        summary_with_calls: bool,
    ) -> Result<Output, Error> {
        let mut opts = args.options()?;
        opts.keep_events = self.keep.events;
        opts.null_stdin = self.null_stdin && !args.stdin;
        let mut sink = args
            .sink(&self.dir)
            .map_err(|(path, source)| SessionError::TraceOutput { path, source })?;
        let outcome = crate::trace::engine::trace(&args.command, &opts, &mut sink)?;
        let mut text = String::new();
        if opts.summary {
            text = crate::trace::engine::summary_table(&outcome.profile);
            if summary_with_calls {
                writeln!(sink, "{text}")?;
                text.clear();
            }
        }
        sink.flush()?;
        drop(sink);
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
        out.ended = Some(Ended {
            exit: outcome.exit,
            denials: 0,
            interrupted: outcome.interrupted,
            notes: Vec::new(),
        });
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
    pub(super) fn save_trace(
        &mut self,
        path: Option<PathBuf>,
        force: bool,
    ) -> Result<Output, Error> {
        let record = self.trace.as_ref().ok_or(SessionError::NoTraceToSave)?;
        let path = self.path(&path.unwrap_or_else(|| PathBuf::from("trace.json")));
        self.may_overwrite(&path, force)?;
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
    pub(super) fn load_trace(&mut self, path: &Path) -> Result<Output, Error> {
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

    /// `promise NAME…`.
    pub(super) fn promise(&mut self, set: PromiseSet) -> Result<Output, Error> {
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
    pub(super) fn unpromise(&mut self, set: PromiseSet) -> Result<Output, Error> {
        let missing = set.difference(self.policy.promises);
        if !missing.is_empty() {
            return Err(SessionError::NotPromised {
                missing,
                now: self.promises_text(),
            }
            .into());
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
    pub(super) fn exec_promise(&mut self, set: PromiseSet) -> Result<Output, Error> {
        let beyond = set.difference(self.policy.promises);
        if !beyond.is_empty() {
            return Err(SessionError::ExecBeyond {
                beyond,
                now: self.promises_text(),
            }
            .into());
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
    pub(super) fn exec_unpromise(&mut self, set: PromiseSet) -> Result<Output, Error> {
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
    pub(super) fn rules(&mut self, mut rules: Vec<Rule>, penalty: bool) -> Result<Output, Error> {
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
    pub(super) fn denials(&mut self) -> Result<Output, Error> {
        let Some(denied) = &self.last_denials else {
            return Err(
                SessionError::NoRun("`denials` shows the denials of the last `run`").into(),
            );
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
    pub(super) fn run(
        &mut self,
        argv: &[std::ffi::OsString],
        flags: RunFlags,
    ) -> Result<Output, Error> {
        if !flags.empty_ok && self.policy.promises.is_empty() && self.policy.rules.is_empty() {
            return Err(SessionError::EmptyPolicy.into());
        }
        let report_file = flags
            .report
            .map(|p| RunOptions::open_report(&self.path(&p)))
            .transpose()?;
        let ids = resolve_ids(&flags.ids)?;
        let l = launch::prepare(&self.policy, argv, ids)?;
        let mut notes = Vec::new();
        for w in &l.warnings {
            self.notice(format!("warning: {w}"), &mut notes);
        }
        if flags.audit && !self.policy.ports.is_empty() {
            self.notice(
                "warning: audit mode: the network unveils are neither enforced nor checked (their refusals are reported from Landlock's audit records only, which need Landlock applied)".into(),
                &mut notes,
            );
        }
        if flags.audit {
            self.notice(
                "warning: audit mode: the policy is not enforced (deny rules and the guards are); what it would deny is reported and let through".into(),
                &mut notes,
            );
        }
        let outcome = l.run(RunOptions {
            quiet: flags.quiet,
            report_file,
            keep_denials: self.keep.denials.max(DENIALS_KEPT),
            null_stdin: self.null_stdin && !flags.stdin,
            landlock_reports: flags.landlock_reports,
            audit_only: flags.audit,
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
            if flags.audit {
                status.push_str(&format!(
                    "; {} {calls} reported (audit mode: let through unless a guard or deny rule)",
                    outcome.denials
                ));
            } else {
                status.push_str(&format!("; {} denied {calls}", outcome.denials));
            }
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
        notes.extend(outcome.notes.iter().cloned());
        notes.push(status);
        Ok(Output {
            text: String::new(),
            notes,
            exit: Some(outcome.exit.code()),
            quit: false,
            ended: Some(Ended {
                exit: outcome.exit,
                denials: outcome.denials,
                interrupted: false,
                notes: outcome.notes.clone(),
            }),
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
    pub(super) fn suggest(&mut self, apply: bool, all: bool) -> Result<Output, Error> {
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
    pub(super) fn allow_traced(&mut self) -> Result<Output, Error> {
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

    pub(super) fn save(
        &mut self,
        path: Option<PathBuf>,
        format: Format,
        force: bool,
        export: &format::ExportOptions,
    ) -> Result<Output, Error> {
        let spec = format.spec();
        let path = self.path(&path.unwrap_or_else(|| PathBuf::from(spec.default_file)));
        self.may_overwrite(&path, force)?;
        let mut out = Output::text(format!("saved {}", path.display()));
        let links = fs::other_links(&path);
        let fail_save = |message: String| format::FileError::Save {
            path: path.clone(),
            message,
        };
        let exported =
            (spec.export)(&self.policy, export).map_err(|source| format::FileError::Export {
                path: path.clone(),
                source,
            })?;
        fs::write_atomic(&path, &exported.bytes).map_err(|e| fail_save(e.to_string()))?;
        for d in &exported.differences {
            out = out.note(d.to_string());
        }
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

    pub(super) fn verify_export(
        &mut self,
        target: crate::verify::Target,
        lossy: bool,
    ) -> Result<Output, Error> {
        if target == crate::verify::Target::Systemd {
            let (u, differences) =
                crate::verify::verify_unit(&self.policy, lossy).map_err(SessionError::from)?;
            let safe: Vec<&str> = u
                .settings
                .iter()
                .filter(|(_, ok)| *ok)
                .map(|(s, _)| s.as_str())
                .collect();
            let not: Vec<&str> = u
                .settings
                .iter()
                .filter(|(_, ok)| !*ok)
                .map(|(s, _)| s.as_str())
                .collect();
            let mut text = format!(
                "systemd: the systemd export ({} bytes) passes `systemd-analyze verify` without a word; `security --offline`: exposure {}, {} of its settings rated safe",
                u.size,
                u.exposure,
                safe.len()
            );
            if !not.is_empty() {
                text.push_str(&format!(
                    ", {} not (what the policy allows): {}",
                    not.len(),
                    not.join(" ")
                ));
            }
            let mut out = Output::text(text);
            out = out.note("systemd's filter is not run here (no systemd as PID 1): only its syntax and settings are checked");
            for d in differences {
                out = out.note(d);
            }
            out.data = Some(serde_json::json!({
                "target": "systemd",
                "bytes": u.size,
                "exposure": u.exposure,
                "safe": safe,
                "unsafe": not,
            }));
            return Ok(out);
        }
        let v = crate::verify::verify(&self.policy, target, lossy).map_err(SessionError::from)?;
        let mut text = format!(
            "{}: the {} export ({} bytes) installed as {} filter{}; {} probes, {} answered as `run` does",
            target.name(),
            target.format().spec().name,
            v.size,
            v.filters,
            if v.filters == 1 { "" } else { "s" },
            v.probes,
            v.probes - v.mismatches.len(),
        );
        let kinds = crate::verify::listed_counts(&v.mismatches);
        if !kinds.is_empty() {
            let parts: Vec<String> = kinds
                .iter()
                .map(|(what, n)| format!("{n} {what}"))
                .collect();
            text.push_str(&format!(
                "; {} differ as the export lists: {}",
                v.mismatches.len(),
                parts.join(", ")
            ));
        }
        let mut out = Output::text(text);
        for d in &v.differences {
            out = out.note(d.clone());
        }
        out.data = Some(serde_json::json!({
            "target": target.name(),
            "format": target.format().spec().name,
            "bytes": v.size,
            "filters": v.filters,
            "probes": v.probes,
            "listed_differences": v.mismatches.len(),
            "unlisted_differences": 0,
        }));
        Ok(out)
    }

    pub(super) fn load(&mut self, path: &Path, filter: Option<&str>) -> Result<Output, Error> {
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
        let mut out = Output::text(format!(
            "loaded {kind} from {}: {} promises, {} unveils, {} rules",
            path.display(),
            self.policy.promises.len(),
            self.policy.unveils.len(),
            self.policy.rules.len()
        ));
        if let format::FileKind::Oci { left_out, foreign } = kind {
            let r = format::oci::Resolution::here();
            out = out.note(format!(
                "resolved as a runtime would for a container here (x86_64, kernel {}.{}, no capabilities, which seccomp-pledge drops): {left_out} entries left out by their includes/excludes, {foreign} names of other architectures' syscalls skipped",
                r.kernel.0, r.kernel.1
            ));
            out = out.note("the rules are explicit: `show` lists them, and the guards (TIOCSTI, seccomp notifications, ENOSYS for openat2 and clone3) apply as to every policy");
        }
        Ok(out)
    }
}

/// `-u`/`-g` as numbers (names looked up in the user and group databases); refused unless
/// seccomp-pledge runs as root, which alone can change them. `-u` alone takes the user's own
/// group, not ours: keeping root's group would not drop privileges.
fn resolve_ids(names: &crate::command::IdNames) -> Result<launch::Ids, SessionError> {
    use nix::unistd::{Group, Uid, User, geteuid};
    if names.user.is_none() && names.group.is_none() && names.root.is_none() {
        return Ok(launch::Ids::default());
    }
    let euid = geteuid();
    if !euid.is_root() {
        let flag = if names.user.is_some() {
            "-u"
        } else if names.group.is_some() {
            "-g"
        } else {
            "-c"
        };
        return Err(SessionError::NotRoot {
            flag,
            euid: euid.as_raw(),
        });
    }
    // A number, or a name in /etc/passwd or /etc/group (main.rs: the files alone).
    let id = |text: &str,
              flag: &'static str,
              (what, file): (&'static str, &'static str),
              by_name: &dyn Fn(&str) -> Option<u32>| {
        text.parse::<u32>()
            .ok()
            .or_else(|| by_name(text))
            .ok_or_else(|| SessionError::NoSuchId {
                flag,
                value: text.to_string(),
                what,
                file,
            })
    };
    let user = |t: &str| User::from_name(t).ok().flatten().map(|u| u.uid.as_raw());
    let group = |t: &str| Group::from_name(t).ok().flatten().map(|g| g.gid.as_raw());
    let uid = names
        .user
        .as_deref()
        .map(|t| id(t, "-u", ("user", "passwd"), &user))
        .transpose()?;
    let gid = names
        .group
        .as_deref()
        .map(|t| id(t, "-g", ("group", "group"), &group))
        .transpose()?;
    let gid = match (uid, gid) {
        (Some(u), None) => Some(
            User::from_uid(Uid::from_raw(u))
                .ok()
                .flatten()
                .map(|user| user.gid.as_raw())
                .ok_or(SessionError::NoGroupFor(u))?,
        ),
        (_, g) => g,
    };
    let root = names.root.as_deref().map(resolve_root).transpose()?;
    Ok(launch::Ids { uid, gid, root })
}

/// `-c DIR`: the directory, absolute with every link resolved (the launch chroots into what
/// it names now).
fn resolve_root(text: &str) -> Result<PathBuf, SessionError> {
    let bad = |why: String| SessionError::BadRoot {
        value: text.to_string(),
        why,
    };
    let path = std::fs::canonicalize(text).map_err(|e| bad(e.to_string()))?;
    if !path.is_dir() {
        return Err(bad("not a directory".into()));
    }
    Ok(path)
}
