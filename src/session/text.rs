//! The session's text: the policy table, promise lists, trace summaries, limits, options,
//! help, and the JSON shapes of denials and traces.

use super::*;

/// A denial as scripts and JSON clients get it: its report fields (as in `--report`), plus
/// `decoded` (the call), `promise` (the first that would allow it) and `line`.
pub(super) fn denial_json(d: &crate::sandbox::report::Denial) -> serde_json::Value {
    let mut v = serde_json::to_value(d).unwrap_or_default();
    if let Some(m) = v.as_object_mut() {
        m.insert("decoded".into(), d.call.clone().into());
        m.insert("promise".into(), d.promises.first().copied().into());
        m.insert("line".into(), d.line().into());
    }
    v
}

/// The note a save makes when the file had other hard links, which keep the old content.
pub(super) fn hard_link_note(path: &Path, links: u64) -> Option<String> {
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
    pub(super) fn exec_promises_text(&self) -> String {
        match self.policy.exec_promises {
            None => "(the program's own)".to_string(),
            Some(e) if e.is_empty() => "(none)".to_string(),
            Some(e) => e.to_string(),
        }
    }

    pub(super) fn promises_text(&self) -> String {
        if self.policy.promises.is_empty() {
            "(none)".to_string()
        } else {
            self.policy.promises.to_string()
        }
    }

    pub(super) fn trace_text(&self) -> Result<String, Error> {
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

    pub(super) fn policy_table(&self) -> String {
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
        if !p.ports.is_empty() {
            let list: Vec<String> = p.ports.iter().map(ToString::to_string).collect();
            s.push_str(&format!(
                "net       {} (TCP; other ports of these kinds refused)\n",
                list.join(" ")
            ));
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
}

/// A trace as data: how it ended, its counts, the kept calls and the per-syscall totals.
pub(super) fn trace_data(
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
pub(super) fn runs_text(p: &crate::trace::profile::Profile) -> String {
    let n = p.runs.len() as u64 + p.runs_dropped;
    if n == 1 {
        "1 run".to_string()
    } else {
        format!("{n} runs")
    }
}

pub(super) fn exit_text(e: Exit) -> String {
    match e {
        Exit::Code(c) => format!("exit status {c}"),
        Exit::Signal(s) => format!(
            "killed by {}",
            crate::abi::consts::signal_name(s).unwrap_or("a signal")
        ),
    }
}

pub(super) fn limits_text(l: &Limits) -> String {
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

pub(super) fn options_text(p: &Policy) -> String {
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

pub(super) fn help_text(c: &spec::CommandSpec) -> String {
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
pub(crate) fn promise_text(p: Promise) -> String {
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
