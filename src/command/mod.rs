//! The command grammar: text → typed [`Command`], in one place.
//!
//! The shell, `shell < FILE`, rhai scripts and the socket API all call [`parse_line`] (or
//! [`parse_words`] with words they already have), so a command and its errors read the same
//! everywhere; only the position of an error differs. Nothing here takes effect: that is
//! `Session::execute`.

pub(crate) mod lex;
pub(crate) use crate::policy::render;
pub(crate) mod rule;
pub(crate) mod spec;

use std::ffi::OsString;
use std::ops::Range;
use std::path::PathBuf;

pub(crate) use crate::format::Format;
pub(crate) use crate::format::{ExportOptions, Runtime};
use crate::policy::limits::LimitValue;
use crate::policy::promise::PromiseSet;
use crate::policy::{Penalty, Rule, Unveil, unveil::Perms};
use lex::Word;
pub(crate) use rule::ParseError;
use rule::Verb;

/// A resource limit's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitName {
    /// RLIMIT_CPU (seconds).
    Cpu,
    /// RLIMIT_AS (bytes).
    Memory,
    /// RLIMIT_NOFILE.
    OpenFiles,
    /// RLIMIT_NPROC.
    Processes,
    /// RLIMIT_FSIZE (bytes).
    FileSize,
}

impl LimitName {
    /// All limits with their names and aliases.
    pub const ALL: [(LimitName, &'static str, &'static [&'static str]); 5] = [
        (LimitName::Cpu, "cpu", &["-C"]),
        (LimitName::Memory, "memory", &["as", "-M"]),
        (LimitName::OpenFiles, "open-files", &["nofile", "-O"]),
        (LimitName::Processes, "processes", &["nproc", "-P"]),
        (LimitName::FileSize, "file-size", &["fsize", "-F"]),
    ];

    /// The canonical name.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(l, _, _)| *l == self)
            .map_or("?", |(_, n, _)| n)
    }
}

/// A launch option's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionName {
    /// Landlock file rules.
    Unveil,
    /// Fail when Landlock enforces less.
    Strict,
    /// Lowest priority.
    Nice,
    /// Keep inherited fds.
    KeepFds,
    /// Keep capabilities.
    KeepCaps,
    /// Accept the loader's promises.
    AllowLoaderPromises,
}

impl OptionName {
    /// All options with their names.
    pub const ALL: [(OptionName, &'static str); 6] = [
        (OptionName::Unveil, "unveil"),
        (OptionName::Strict, "strict"),
        (OptionName::Nice, "nice"),
        (OptionName::KeepFds, "keep-fds"),
        (OptionName::KeepCaps, "keep-caps"),
        (OptionName::AllowLoaderPromises, "allow-loader-promises"),
    ];

    /// The name.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(o, _)| *o == self)
            .map_or("?", |(_, n)| n)
    }
}

/// What `show` shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShowWhat {
    /// The policy as a table.
    Policy,
    /// The compiled BPF program, disassembled.
    Bpf,
    /// What one promise allows.
    Syscalls(crate::policy::Promise),
    /// Every promise with its summary.
    Promises,
    /// The policy as our JSON.
    Json,
    /// The last trace: its summary table and what it touched.
    Trace,
}

impl ShowWhat {
    /// Every `show` topic, in the order help and completion list them: its word, and what it
    /// shows (`None` for `syscalls`, which takes a promise). Read by the parser and the
    /// completer.
    pub const ALL: [(&'static str, Option<ShowWhat>); 6] = [
        ("policy", Some(ShowWhat::Policy)),
        ("bpf", Some(ShowWhat::Bpf)),
        ("syscalls", None),
        ("promises", Some(ShowWhat::Promises)),
        ("json", Some(ShowWhat::Json)),
        ("trace", Some(ShowWhat::Trace)),
    ];

    /// The topic a word names, for the topics that take nothing more.
    fn simple(word: &str) -> Option<ShowWhat> {
        Self::ALL
            .iter()
            .find(|(n, _)| *n == word)
            .and_then(|(_, w)| w.clone())
    }
}

/// The words after `penalty`, in the order completion lists them (read by the completer; a
/// test checks that the parser takes each).
pub(crate) const PENALTIES: [&str; 3] = ["eperm", "kill", "errno"];

/// What `remove` removes (read by the parser and the completer).
pub(crate) const REMOVE_TOPICS: [&str; 2] = ["rule", "unveil"];

/// `run -u USER -g GROUP -c DIR` as given: numbers, names and a path, resolved when the
/// program runs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IdNames {
    /// `-u`: the user the program runs as.
    pub user: Option<String>,
    /// `-g`: its group.
    pub group: Option<String>,
    /// `-c DIR`: the directory it runs chrooted in.
    pub root: Option<String>,
}

/// A parsed command, ready for `Session::execute`.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Grant promises.
    Promise(PromiseSet),
    /// Take promises back.
    Unpromise(PromiseSet),
    /// Add exec promises (`promise --exec`): what executed programs get.
    ExecPromise(PromiseSet),
    /// Take exec promises back (`unpromise --exec`; none named: executed programs get the
    /// program's own promises again).
    ExecUnpromise(PromiseSet),
    /// Add an unveil rule.
    Unveil(Unveil),
    /// Add explicit rules (from `allow` or `deny`).
    Rules {
        /// The rules.
        rules: Vec<Rule>,
        /// `deny` without an action: the rules take the session's penalty.
        penalty: bool,
    },
    /// Remove explicit rule N (1-based, as `show` numbers them).
    RemoveRule(usize),
    /// Remove the unveil rules for a path.
    RemoveUnveil(PathBuf),
    /// `unveil connect:PORT` / `unveil bind:PORT`: a network unveil.
    UnveilPort(crate::policy::Port),
    /// Set the penalty.
    Penalty(Penalty),
    /// Show the limits (`None`), or set one (`None` value: back to the default).
    Limit(Option<(LimitName, Option<LimitValue>)>),
    /// Show the options (`None`), or set one.
    Option(Option<(OptionName, bool)>),
    /// Show something.
    Show(ShowWhat),
    /// Save the policy.
    Save {
        /// Where (default by format).
        path: Option<PathBuf>,
        /// Which format.
        format: Format,
        /// Overwrite a file not loaded or saved in this session.
        force: bool,
        /// `--runtime` and `--lossy`.
        export: ExportOptions,
    },
    /// Export the policy for a target, run it there and compare (`verify-export`).
    VerifyExport {
        /// Where.
        target: crate::verify::Target,
        /// Accept the export's listed losses.
        lossy: bool,
    },
    /// Save the session's trace profile (`save --trace`).
    SaveTrace {
        /// Where (default `trace.json`).
        path: Option<PathBuf>,
        /// Overwrite a file not loaded or saved in this session.
        force: bool,
    },
    /// Load a policy.
    Load {
        /// The file.
        path: PathBuf,
        /// For seccompiler files with several allow-lists.
        filter: Option<String>,
    },
    /// Merge a trace profile file into the session's trace (`load --trace`).
    LoadTrace(PathBuf),
    /// Run a program.
    Run {
        /// The program and its arguments.
        argv: Vec<OsString>,
        /// `--stdin`: the program reads the front end's standard input (a batch's program
        /// gets /dev/null otherwise).
        stdin: bool,
        /// `--landlock-reports MODE`: how unveil's refusals are explained.
        landlock_reports: crate::sandbox::launch::LandlockReports,
        /// No denial reports on stderr (the one-shot's `-q`).
        quiet: bool,
        /// Denial reports also go to this new file (the one-shot's `--report FILE`).
        report: Option<PathBuf>,
        /// A policy that allows nothing is run as written, as OpenBSD's `pledge("")` (the
        /// one-shot's `-p ''`), instead of refused as a mistake (the shell's `run`).
        empty_ok: bool,
        /// Whom the program runs as and where (`-u USER` / `-g GROUP` / `-c DIR`; root only).
        ids: IdNames,
        /// `--audit`: enforce nothing but deny rules and the guards, report what the policy
        /// would deny.
        audit: bool,
    },
    /// Show the last run's denials (`denials`).
    Denials,
    /// Trace a program.
    Trace {
        /// The flags and the command.
        args: Box<crate::trace::args::TraceArgs>,
        /// Add to the session's profile (`--add`) instead of replacing it.
        add: bool,
        /// The `-c` summary goes where the calls go (stderr or `-o FILE`, as strace's and the
        /// one-shot's), not into the reply's text (the shell's).
        summary_with_calls: bool,
    },
    /// Suggest a policy from the last trace; with `apply`, adopt it.
    /// `suggest --from-profile FILE [--runtime NAME] [apply]`: promises for a recorded,
    /// names-only OCI profile, the runtime's own calls left out.
    SuggestProfile {
        /// The profile.
        file: PathBuf,
        /// Whose calls to leave out.
        runtime: crate::format::target::Runtime,
        /// Add the promises and rules to the session's policy.
        apply: bool,
    },
    Suggest {
        /// Adopt the suggestion.
        apply: bool,
        /// Adopt the optional promises too (`suggest apply --all`).
        all: bool,
        /// From the last run's denial reports instead of the trace (`--from-denials`):
        /// the promises and unveils they name, added to the session's policy.
        from_denials: bool,
    },
    /// Add an explicit allow-list of the calls the last trace made (`allow traced`).
    AllowTraced,
    /// Answer in text (false) or one JSON object per response (true); a front end
    /// carries it out.
    Format(bool),
    /// Run a rhai script (a front end carries it out).
    Source {
        /// The script.
        path: PathBuf,
        /// Its `ARGS`.
        args: Vec<String>,
    },
    /// Start again.
    Reset,
    /// Undo the last change.
    Undo,
    /// Kernel features.
    Check,
    /// Help on all commands or one (by its name).
    Help(Option<&'static str>),
    /// Leave.
    Quit,
}

/// Parses one line. `Ok(None)` for a blank line or a comment.
///
/// # Errors
/// A [`ParseError`] whose span is in `line`.
pub fn parse_line(line: &str) -> Result<Option<Command>, ParseError> {
    let words = lex::split(line)?;
    if words.is_empty() {
        return Ok(None);
    }
    parse_words(line, &words).map(Some)
}

fn err(message: impl Into<String>, span: Range<usize>) -> ParseError {
    ParseError {
        message: message.into(),
        span,
        hint: None,
    }
}

/// "too many arguments, from `WORD`".
fn too_many(extra: &Word) -> String {
    format!(
        "too many arguments, from `{}`",
        crate::abi::signature::escape_word(&extra.text)
    )
}

fn with_hint(mut e: ParseError, hint: impl Into<String>) -> ParseError {
    e.hint = Some(hint.into());
    e
}

/// "`CMD` needs WHAT", at the end of the line, with the usage.
fn needs(spec: &spec::CommandSpec, end: usize, what: &str) -> ParseError {
    with_hint(
        err(format!("`{}` needs {what}", spec.name), end..end),
        usage_hint(spec),
    )
}

fn usage_hint(spec: &spec::CommandSpec) -> String {
    format!("usage: {}", spec.usage)
}

/// What a command's parse function gets: its table row, the line, the words after the
/// command name, and where the line's last word ends.
pub struct ParseCx<'a> {
    /// The command's row in [`spec::COMMANDS`].
    pub spec: &'static spec::CommandSpec,
    /// The text the spans refer to.
    pub line: &'a str,
    /// The words after the command's name.
    pub args: &'a [Word],
    /// Where the last word ends (for errors about what is missing).
    pub end: usize,
}

impl ParseCx<'_> {
    /// An error for a command that takes no arguments but got some.
    fn none_expected(&self) -> Result<(), ParseError> {
        match self.args.first() {
            Some(w) => Err(with_hint(
                err(
                    format!("`{}` takes no arguments", self.spec.name),
                    w.span.start..self.end,
                ),
                usage_hint(self.spec),
            )),
            None => Ok(()),
        }
    }
}

/// A command's parse function (the `parse` of its [`spec::CommandSpec`]).
pub(crate) type Parser = fn(&ParseCx<'_>) -> Result<Command, ParseError>;

/// Parses a command from words (the first is the command name). `line` is the text the
/// spans refer to (for rules, which are parsed from the text after the command name).
///
/// # Errors
/// A [`ParseError`] whose span is in `line`.
pub(crate) fn parse_words(line: &str, words: &[Word]) -> Result<Command, ParseError> {
    let Some(first) = words.first() else {
        return Err(err("empty command", 0..0));
    };
    let Some(spec) = spec::lookup(&first.text) else {
        let e = err(
            format!("unknown command `{}`", first.text),
            first.span.clone(),
        );
        return Err(match spec::suggest(&first.text) {
            Some(s) => with_hint(
                e,
                format!("did you mean `{s}`? (`help` lists the commands)"),
            ),
            None => with_hint(e, "`help` lists the commands"),
        });
    };
    let args = &words[1..];
    let end = words.last().map_or(0, |w| w.span.end);
    (spec.parse)(&ParseCx {
        spec,
        line,
        args,
        end,
    })
}

/// Parses `promise`, `unpromise`.
fn parse_promise(cx: &ParseCx<'_>) -> Result<Command, ParseError> {
    let spec = cx.spec;
    let args = cx.args;
    let end = cx.end;
    let missing = |what: &str| needs(spec, end, what);
    let exec = args.first().is_some_and(|w| w.text == "--exec");
    let args = if exec { &args[1..] } else { args };
    if args.is_empty() && !(exec && spec.name == "unpromise") {
        return Err(missing("at least one promise"));
    }
    let mut set = PromiseSet::EMPTY;
    for w in args {
        let ps = PromiseSet::parse(&w.text).map_err(|e| {
            let pe = err(format!("unknown promise `{}`", e.name), w.span.clone());
            match e.suggestion {
                Some(s) => with_hint(pe, format!("did you mean `{s}`?")),
                None => with_hint(pe, "`show promises` lists them"),
            }
        })?;
        set = set.union(ps);
    }
    Ok(match (spec.name, exec) {
        ("promise", false) => Command::Promise(set),
        ("promise", true) => Command::ExecPromise(set),
        (_, false) => Command::Unpromise(set),
        (_, true) => Command::ExecUnpromise(set),
    })
}

/// Parses `unveil`.
fn parse_unveil(cx: &ParseCx<'_>) -> Result<Command, ParseError> {
    let spec = cx.spec;
    let args = cx.args;
    let end = cx.end;
    let missing = |what: &str| needs(spec, end, what);
    Ok(match args {
        [] => return Err(missing("a path")),
        [one] => match crate::policy::Port::parse_flag(&one.text)
            .map_err(|e| err(e.to_string(), one.span.clone()))?
        {
            Some(p) => Command::UnveilPort(p),
            None => Command::Unveil(
                Unveil::parse_flag(&one.text).map_err(|e| err(e.to_string(), one.span.clone()))?,
            ),
        },
        [path, perms] => {
            let p =
                Perms::parse(&perms.text).map_err(|e| err(e.to_string(), perms.span.clone()))?;
            if path.text.is_empty() {
                return Err(err("empty path", path.span.clone()));
            }
            Command::Unveil(Unveil {
                path: PathBuf::from(&path.text),
                perms: p,
            })
        }
        [_, _, extra, ..] => {
            return Err(with_hint(
                err(too_many(extra), extra.span.start..end),
                usage_hint(spec),
            ));
        }
    })
}

/// Parses `allow`, `deny`.
fn parse_allow(cx: &ParseCx<'_>) -> Result<Command, ParseError> {
    let spec = cx.spec;
    let line = cx.line;
    let args = cx.args;
    let end = cx.end;
    let missing = |what: &str| needs(spec, end, what);
    if spec.name == "allow" && args.len() == 1 && args[0].text == "traced" {
        return Ok(Command::AllowTraced);
    }
    let Some(start) = args.first().map(|w| w.span.start) else {
        return Err(missing("a syscall"));
    };
    let verb = if spec.name == "allow" {
        Verb::Allow
    } else {
        Verb::Deny
    };
    // Rules are parsed from the text itself (operators need not be separate words).
    let text = &line[start..end];
    let (rules, penalty) = rule::parse_rules_with_default(verb, text).map_err(|mut e| {
        e.span = e.span.start + start..e.span.end + start;
        e
    })?;
    Ok(Command::Rules { rules, penalty })
}

/// Parses `remove`.
fn parse_remove(cx: &ParseCx<'_>) -> Result<Command, ParseError> {
    let spec = cx.spec;
    let args = cx.args;
    let end = cx.end;
    let missing = |what: &str| needs(spec, end, what);
    Ok(match args {
        [what, n] if what.text == "rule" => {
            let k: usize = n.text.parse().ok().filter(|k| *k > 0).ok_or_else(|| {
                with_hint(
                    err(format!("`{}` is not a rule number", n.text), n.span.clone()),
                    "rules are numbered from 1 in `show`",
                )
            })?;
            Command::RemoveRule(k)
        }
        [what, path] if what.text == "unveil" => Command::RemoveUnveil(PathBuf::from(&path.text)),
        [what, ..] if !REMOVE_TOPICS.contains(&what.text.as_str()) => {
            return Err(with_hint(
                err(format!("cannot remove `{}`", what.text), what.span.clone()),
                usage_hint(spec),
            ));
        }
        [_, _, extra, ..] => {
            return Err(with_hint(
                err(too_many(extra), extra.span.start..end),
                usage_hint(spec),
            ));
        }
        _ => return Err(missing("`rule N` or `unveil PATH`")),
    })
}

/// Parses `penalty`.
fn parse_penalty(cx: &ParseCx<'_>) -> Result<Command, ParseError> {
    let spec = cx.spec;
    let args = cx.args;
    let end = cx.end;
    let missing = |what: &str| needs(spec, end, what);
    Ok(match args {
        [p] if p.text == "eperm" => Command::Penalty(Penalty::Eperm),
        [p] if p.text == "kill" => Command::Penalty(Penalty::Kill),
        [p, e] if p.text == "errno" => {
            let n = crate::abi::consts::errno_by_name(&e.text)
                .or_else(|| e.text.parse().ok())
                .filter(|n| (1..=i32::from(crate::policy::rule::MAX_ERRNO)).contains(n))
                .ok_or_else(|| {
                    with_hint(
                        err(
                            format!(
                                "`{}` is not an errno (1 to 4095 or a name like EACCES)",
                                e.text
                            ),
                            e.span.clone(),
                        ),
                        usage_hint(spec),
                    )
                })?;
            Command::Penalty(if n == libc::EPERM {
                Penalty::Eperm
            } else {
                Penalty::Errno(n as u16)
            })
        }
        [p, ..] => {
            return Err(with_hint(
                err(format!("unknown penalty `{}`", p.text), p.span.clone()),
                usage_hint(spec),
            ));
        }
        [] => return Err(missing("a penalty")),
    })
}

/// Parses `limit`.
fn parse_limit(cx: &ParseCx<'_>) -> Result<Command, ParseError> {
    let spec = cx.spec;
    let args = cx.args;
    let end = cx.end;
    let missing = |what: &str| needs(spec, end, what);
    Ok(match args {
        [] => Command::Limit(None),
        [name, rest @ ..] => {
            let Some((limit, _, _)) = LimitName::ALL
                .iter()
                .find(|(_, n, a)| *n == name.text || a.contains(&name.text.as_str()))
            else {
                let e = err(format!("unknown limit `{}`", name.text), name.span.clone());
                let names = LimitName::ALL
                    .iter()
                    .flat_map(|(_, n, a)| std::iter::once(*n).chain(a.iter().copied()))
                    .filter(|n| !n.starts_with('-'));
                return Err(match crate::suggest::closest(&name.text, names) {
                    Some(s) => with_hint(e, format!("did you mean `{s}`?")),
                    None => with_hint(e, usage_hint(spec)),
                });
            };
            match rest {
                [] => {
                    return Err(missing(&format!(
                        "a value for `{}` (or `default`)",
                        limit.name()
                    )));
                }
                [v] if v.text == "default" => Command::Limit(Some((*limit, None))),
                [v] => {
                    let parsed = match limit {
                        LimitName::Cpu => LimitValue::parse_seconds(&v.text),
                        LimitName::Memory | LimitName::FileSize => LimitValue::parse_size(&v.text),
                        LimitName::OpenFiles | LimitName::Processes => {
                            LimitValue::parse_count(&v.text)
                        }
                    };
                    let value = parsed.map_err(|e| err(e.to_string(), v.span.clone()))?;
                    return Ok(Command::Limit(Some((*limit, Some(value)))));
                }
                [_, extra, ..] => {
                    return Err(with_hint(
                        err(too_many(extra), extra.span.start..end),
                        usage_hint(spec),
                    ));
                }
            }
        }
    })
}

/// Parses `option`.
fn parse_option(cx: &ParseCx<'_>) -> Result<Command, ParseError> {
    let spec = cx.spec;
    let args = cx.args;
    Ok(match args {
        [] => Command::Option(None),
        [name, rest @ ..] => {
            let Some((opt, _)) = OptionName::ALL.iter().find(|(_, n)| *n == name.text) else {
                let e = err(format!("unknown option `{}`", name.text), name.span.clone());
                return Err(
                    match crate::suggest::closest(
                        &name.text,
                        OptionName::ALL.iter().map(|(_, n)| *n),
                    ) {
                        Some(s) => with_hint(e, format!("did you mean `{s}`?")),
                        None => with_hint(e, usage_hint(spec)),
                    },
                );
            };
            let on = match rest {
                [] => true,
                [v] if matches!(v.text.as_str(), "on" | "yes" | "true") => true,
                [v] if matches!(v.text.as_str(), "off" | "no" | "false") => false,
                [v, ..] => {
                    return Err(with_hint(
                        err(
                            format!("expected `on` or `off`, found `{}`", v.text),
                            v.span.clone(),
                        ),
                        usage_hint(spec),
                    ));
                }
            };
            Command::Option(Some((*opt, on)))
        }
    })
}

/// Parses `show`.
fn parse_show(cx: &ParseCx<'_>) -> Result<Command, ParseError> {
    let spec = cx.spec;
    let args = cx.args;
    let end = cx.end;
    let missing = |what: &str| needs(spec, end, what);
    if let [w] = args {
        if let Some(what) = ShowWhat::simple(&w.text) {
            return Ok(Command::Show(what));
        }
    }
    Ok(match args {
        [] => Command::Show(ShowWhat::Policy),
        [w, p] if w.text == "syscalls" => {
            let promise = p
                .text
                .parse()
                .map_err(|e: crate::policy::promise::UnknownPromise| {
                    let pe = err(format!("unknown promise `{}`", e.name), p.span.clone());
                    match e.suggestion {
                        Some(s) => with_hint(pe, format!("did you mean `{s}`?")),
                        None => pe,
                    }
                })?;
            Command::Show(ShowWhat::Syscalls(promise))
        }
        [w] if w.text == "syscalls" => {
            return Err(missing("a promise (`show syscalls stdio`)"));
        }
        [w, ..] => {
            let e = err(format!("cannot show `{}`", w.text), w.span.clone());
            let topics = ShowWhat::ALL.iter().map(|(n, _)| *n);
            return Err(match crate::suggest::closest(&w.text, topics) {
                Some(s) => with_hint(e, format!("did you mean `{s}`?")),
                None => with_hint(e, usage_hint(spec)),
            });
        }
    })
}

/// Parses `save`.
fn parse_save(cx: &ParseCx<'_>) -> Result<Command, ParseError> {
    let spec = cx.spec;
    let args = cx.args;
    let end = cx.end;
    let (flags, path) = flags_and_operand(
        args,
        spec,
        end,
        &["--force", "-f", "--trace", "--lossy"],
        &[
            (
                "--format",
                "a format after --format (seccomp-pledge, seccompiler, oci, k8s, systemd or bpf)",
            ),
            (
                "--runtime",
                "a runtime after --runtime (none, runc, crun or bwrap)",
            ),
        ],
    )?;
    let mut format = None;
    let mut force = false;
    let mut trace = false;
    let mut export = ExportOptions::default();
    let mut export_flag = None;
    for (flag, value) in flags {
        match value {
            Some(v) if flag == "--format" => format = Some((parse_format(&v)?, v)),
            Some(v) if flag == "--runtime" => {
                export.runtime = parse_runtime(&v)?;
                export_flag = Some(v);
            }
            _ if flag == "--trace" => trace = true,
            _ if flag == "--lossy" => export.lossy = true,
            _ => force = true,
        }
    }
    if trace {
        if export.lossy || export_flag.is_some() {
            let span = export_flag.map_or(end..end, |v| v.span);
            return Err(with_hint(
                err(
                    "`--runtime` and `--lossy` are for policy exports, not for `--trace`",
                    span,
                ),
                "a trace profile has one format: `save --trace [--force] [FILE]`",
            ));
        }
        if let Some((_, v)) = format {
            return Err(with_hint(
                err("`--format` is for policies, not for `--trace`", v.span),
                "a trace profile has one format: `save --trace [--force] [FILE]`",
            ));
        }
        return Ok(Command::SaveTrace {
            path: path.map(|p| PathBuf::from(&p.text)),
            force,
        });
    }
    let format = format.map_or(Format::Ours, |(f, _)| f);
    Ok(Command::Save {
        path: path.map(|p| PathBuf::from(&p.text)),
        format,
        force,
        export,
    })
}

/// Parses `verify-export`.
fn parse_verify_export(cx: &ParseCx<'_>) -> Result<Command, ParseError> {
    let (flags, target) = flags_and_operand(cx.args, cx.spec, cx.end, &["--lossy"], &[])?;
    let names = || {
        crate::verify::TARGETS
            .iter()
            .map(|t| t.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some(w) = target else {
        return Err(needs(
            cx.spec,
            cx.end,
            "a target (runc, crun, crun-bpf, bwrap or systemd)",
        ));
    };
    let target = crate::verify::Target::by_name(&w.text).ok_or_else(|| {
        with_hint(
            err(format!("unknown target `{}`", w.text), w.span.clone()),
            format!("targets: {}", names()),
        )
    })?;
    Ok(Command::VerifyExport {
        target,
        lossy: !flags.is_empty(),
    })
}

/// Parses `load`.
fn parse_load(cx: &ParseCx<'_>) -> Result<Command, ParseError> {
    let spec = cx.spec;
    let args = cx.args;
    let end = cx.end;
    let missing = |what: &str| needs(spec, end, what);
    let (flags, path) = flags_and_operand(
        args,
        spec,
        end,
        &["--trace"],
        &[("--filter", "a filter name after --filter")],
    )?;
    let Some(path) = path else {
        return Err(missing("a file"));
    };
    let trace = flags.iter().any(|(f, _)| *f == "--trace");
    if trace {
        if let Some((_, Some(v))) = flags.iter().find(|(f, _)| *f == "--filter") {
            return Err(with_hint(
                err(
                    "`--filter` picks a seccompiler filter, not part of a trace",
                    v.span.clone(),
                ),
                "`load --trace FILE` merges a whole trace profile",
            ));
        }
        return Ok(Command::LoadTrace(PathBuf::from(&path.text)));
    }
    Ok(Command::Load {
        path: PathBuf::from(&path.text),
        filter: flags.into_iter().find_map(|(_, v)| v).map(|v| v.text),
    })
}

/// Parses `run`.
fn parse_run(cx: &ParseCx<'_>) -> Result<Command, ParseError> {
    let spec = cx.spec;
    let args = cx.args;
    let end = cx.end;
    let missing = |what: &str| needs(spec, end, what);
    use crate::sandbox::launch::LandlockReports;
    let mut stdin = false;
    let mut quiet = false;
    let mut report = None;
    let mut ids = IdNames::default();
    let mut landlock_reports = LandlockReports::default();
    let mut audit = false;
    let mut args = args;
    loop {
        match args {
            [w, rest @ ..] if w.text == "--stdin" => {
                stdin = true;
                args = rest;
            }
            [w, rest @ ..] if w.text == "--audit" => {
                audit = true;
                args = rest;
            }
            [w, rest @ ..] if w.text == "--quiet" || w.text == "-q" => {
                quiet = true;
                args = rest;
            }
            [w, rest @ ..] if matches!(w.text.as_str(), "-c" | "--chroot") => {
                let [v, rest @ ..] = rest else {
                    return Err(missing("a directory after -c"));
                };
                ids.root = Some(v.text.clone());
                args = rest;
            }
            [w, rest @ ..] if matches!(w.text.as_str(), "-u" | "--user" | "-g" | "--group") => {
                let user = matches!(w.text.as_str(), "-u" | "--user");
                let [v, rest @ ..] = rest else {
                    return Err(missing(if user {
                        "a user after -u (a number or a name)"
                    } else {
                        "a group after -g (a number or a name)"
                    }));
                };
                let slot = if user { &mut ids.user } else { &mut ids.group };
                *slot = Some(v.text.clone());
                args = rest;
            }
            [w, rest @ ..] if w.text.starts_with("--report") => {
                let (value, rest) = match w.text.strip_prefix("--report") {
                    Some(v) if v.starts_with('=') => (v[1..].to_string(), rest),
                    Some("") => match rest {
                        [v, rest @ ..] => (v.text.clone(), rest),
                        [] => return Err(missing("a file after --report")),
                    },
                    _ => break,
                };
                if value.is_empty() {
                    return Err(with_hint(
                        err("--report needs a file name", w.span.clone()),
                        "e.g. `run --report denials.jsonl -- PROGRAM`",
                    ));
                }
                report = Some(PathBuf::from(value));
                args = rest;
            }
            [w, rest @ ..] if w.text.starts_with("--landlock-reports") => {
                let (value, rest, span) = match w.text.strip_prefix("--landlock-reports") {
                    Some(v) if v.starts_with('=') => (v[1..].to_string(), rest, w.span.clone()),
                    Some("") => match rest {
                        [v, rest @ ..] => (v.text.clone(), rest, v.span.clone()),
                        [] => {
                            return Err(missing(
                                "a mode after --landlock-reports (auto, audit, check or off)",
                            ));
                        }
                    },
                    _ => break,
                };
                landlock_reports = LandlockReports::from_name(&value).ok_or_else(|| {
                    let names: Vec<&str> = LandlockReports::ALL.iter().map(|(n, _)| *n).collect();
                    with_hint(
                        err(format!("unknown --landlock-reports mode `{value}`"), span),
                        format!("one of: {}", names.join(", ")),
                    )
                })?;
                args = rest;
            }
            _ => break,
        }
    }
    let rest = match args.first() {
        Some(w) if w.text == "--" => &args[1..],
        _ => args,
    };
    if rest.is_empty() {
        return Err(missing("a program to run"));
    }
    Ok(Command::Run {
        argv: rest.iter().map(|w| OsString::from(&w.text)).collect(),
        stdin,
        landlock_reports,
        quiet,
        report,
        empty_ok: false,
        ids,
        audit,
    })
}

/// Parses `trace`.
fn parse_trace(cx: &ParseCx<'_>) -> Result<Command, ParseError> {
    let spec = cx.spec;
    let args = cx.args;
    let end = cx.end;
    let texts: Vec<String> = args.iter().map(|w| w.text.clone()).collect();
    let (parsed, add) =
        crate::trace::args::TraceArgs::parse_shell(&texts).map_err(|(m, tip)| {
            let span = args.first().map_or(end..end, |w| w.span.start..end);
            with_hint(err(m, span), tip.unwrap_or_else(|| usage_hint(spec)))
        })?;
    Ok(Command::Trace {
        args: Box::new(parsed),
        add,
        summary_with_calls: false,
    })
}

/// Parses `format`.
fn parse_output_format(cx: &ParseCx<'_>) -> Result<Command, ParseError> {
    let spec = cx.spec;
    let args = cx.args;
    let end = cx.end;
    let missing = |what: &str| needs(spec, end, what);
    Ok(match args {
        [w] if w.text == "json" => Command::Format(true),
        [w] if w.text == "text" => Command::Format(false),
        [w] => {
            return Err(with_hint(
                err(format!("unknown format `{}`", w.text), w.span.clone()),
                "`format text` or `format json`",
            ));
        }
        _ => return Err(missing("`text` or `json`")),
    })
}

/// Parses `source`.
fn parse_source(cx: &ParseCx<'_>) -> Result<Command, ParseError> {
    let spec = cx.spec;
    let args = cx.args;
    let end = cx.end;
    let missing = |what: &str| needs(spec, end, what);
    Ok(match args {
        [] => return Err(missing("a script (`source build.rhai`)")),
        [path, rest @ ..] => Command::Source {
            path: PathBuf::from(&path.text),
            args: rest.iter().map(|w| w.text.clone()).collect(),
        },
    })
}

/// Parses `denials`.
fn parse_denials(cx: &ParseCx<'_>) -> Result<Command, ParseError> {
    cx.none_expected()?;
    Ok(Command::Denials)
}

/// Parses `suggest`.
fn parse_suggest(cx: &ParseCx<'_>) -> Result<Command, ParseError> {
    let spec = cx.spec;
    let args = cx.args;
    if let [f, rest @ ..] = args {
        if f.text == "--from-profile" {
            let [file, rest @ ..] = rest else {
                return Err(needs(spec, cx.end, "a profile file after --from-profile"));
            };
            let mut rest = rest;
            let mut runtime = crate::format::target::Runtime::None;
            if let [r, rest2 @ ..] = rest {
                if r.text == "--runtime" {
                    let [name, rest3 @ ..] = rest2 else {
                        return Err(needs(spec, cx.end, "a runtime after --runtime"));
                    };
                    runtime =
                        crate::format::target::Runtime::by_name(&name.text).ok_or_else(|| {
                            with_hint(
                                err(
                                    format!("unknown runtime `{}`", name.text),
                                    name.span.clone(),
                                ),
                                format!(
                                    "one of {}",
                                    crate::format::target::runtime_names()
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                ),
                            )
                        })?;
                    rest = rest3;
                }
            }
            let apply = match rest {
                [] => false,
                [w] if w.text == "apply" => true,
                [w, ..] => return Err(err(format!("unexpected `{}`", w.text), w.span.clone())),
            };
            return Ok(Command::SuggestProfile {
                file: PathBuf::from(&file.text),
                runtime,
                apply,
            });
        }
    }
    Ok(match args {
        [] => Command::Suggest {
            apply: false,
            all: false,
            from_denials: false,
        },
        [f] if f.text == "--from-denials" => Command::Suggest {
            apply: false,
            all: false,
            from_denials: true,
        },
        [f, w] if f.text == "--from-denials" && w.text == "apply" => Command::Suggest {
            apply: true,
            all: false,
            from_denials: true,
        },
        [w] if w.text == "apply" => Command::Suggest {
            apply: true,
            all: false,
            from_denials: false,
        },
        [w, a] if w.text == "apply" && a.text == "--all" => Command::Suggest {
            apply: true,
            all: true,
            from_denials: false,
        },
        [w, a, ..] if w.text == "apply" => {
            return Err(with_hint(
                err(format!("unexpected `{}`", a.text), a.span.clone()),
                "`suggest apply --all` also adopts the optional promises",
            ));
        }
        [w, ..] => {
            return Err(with_hint(
                err(format!("unexpected `{}`", w.text), w.span.clone()),
                usage_hint(spec),
            ));
        }
    })
}

/// Parses `reset`.
fn parse_reset(cx: &ParseCx<'_>) -> Result<Command, ParseError> {
    cx.none_expected()?;
    Ok(Command::Reset)
}

/// Parses `undo`.
fn parse_undo(cx: &ParseCx<'_>) -> Result<Command, ParseError> {
    cx.none_expected()?;
    Ok(Command::Undo)
}

/// Parses `check`.
fn parse_check(cx: &ParseCx<'_>) -> Result<Command, ParseError> {
    cx.none_expected()?;
    Ok(Command::Check)
}

/// Parses `quit`.
fn parse_quit(cx: &ParseCx<'_>) -> Result<Command, ParseError> {
    cx.none_expected()?;
    Ok(Command::Quit)
}

/// Parses `help`.
fn parse_help(cx: &ParseCx<'_>) -> Result<Command, ParseError> {
    let spec = cx.spec;
    let args = cx.args;
    let end = cx.end;
    Ok(match args {
        [] => Command::Help(None),
        [c] => Command::Help(Some(spec::lookup(&c.text).map(|s| s.name).ok_or_else(
            || {
                let e = err(format!("unknown command `{}`", c.text), c.span.clone());
                match spec::suggest(&c.text) {
                    Some(s) => with_hint(e, format!("did you mean `{s}`?")),
                    None => e,
                }
            },
        )?)),
        [_, extra, ..] => {
            return Err(with_hint(
                err(too_many(extra), extra.span.start..end),
                usage_hint(spec),
            ));
        }
    })
}

/// A flag as given, with its value for flags that take one.
type Flag = (&'static str, Option<Word>);

/// Splits a command's arguments into flags and at most one operand (a path). `switches`
/// take no value; `valued` flags take the next word or `--flag=VALUE` (with what to say when
/// the value is missing). Any other word starting with `-` is an unknown flag.
fn flags_and_operand<'a>(
    args: &'a [Word],
    spec: &spec::CommandSpec,
    end: usize,
    switches: &[&'static str],
    valued: &[(&'static str, &str)],
) -> Result<(Vec<Flag>, Option<&'a Word>), ParseError> {
    let mut flags = Vec::new();
    let mut operand = None;
    let mut i = 0;
    while i < args.len() {
        let w = &args[i];
        let t = w.text.as_str();
        if let Some(s) = switches.iter().find(|s| **s == t) {
            flags.push((*s, None));
        } else if let Some((f, what)) = valued.iter().find(|(f, _)| *f == t) {
            let Some(v) = args.get(i + 1) else {
                return Err(needs(spec, end, what));
            };
            flags.push((*f, Some(v.clone())));
            i += 1;
        } else if let Some((f, v)) = valued.iter().find_map(|(f, _)| {
            t.strip_prefix(*f)
                .and_then(|rest| rest.strip_prefix('='))
                .map(|v| (*f, v))
        }) {
            // The value's own span when the word was written as it reads (no quotes or
            // escapes: the span is exactly as long as the text); else the whole word.
            let start = if w.span.len() == t.len() {
                w.span.end - v.len()
            } else {
                w.span.start
            };
            flags.push((
                f,
                Some(Word {
                    text: v.to_string(),
                    span: start..w.span.end,
                }),
            ));
        } else if t.starts_with('-') && t.len() > 1 {
            return Err(with_hint(
                err(format!("unknown flag `{t}`"), w.span.clone()),
                usage_hint(spec),
            ));
        } else if operand.is_some() {
            return Err(with_hint(
                err(too_many(w), w.span.start..end),
                usage_hint(spec),
            ));
        } else {
            operand = Some(w);
        }
        i += 1;
    }
    Ok((flags, operand))
}

fn parse_runtime(w: &Word) -> Result<Runtime, ParseError> {
    Runtime::by_name(&w.text).ok_or_else(|| {
        with_hint(
            err(format!("unknown runtime `{}`", w.text), w.span.clone()),
            format!(
                "runtimes: {}",
                crate::format::target::runtime_names()
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
    })
}

fn parse_format(w: &Word) -> Result<Format, ParseError> {
    Format::by_name(&w.text).ok_or_else(|| {
        with_hint(
            err(format!("unknown format `{}`", w.text), w.span.clone()),
            format!(
                "formats: {}",
                crate::format::names().collect::<Vec<_>>().join(", ")
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each word the completer offers for `show`, `penalty` and `remove` parses.
    #[test]
    fn the_sub_vocabularies_parse() {
        let parse = |l: &str| parse_line(l).unwrap_or_else(|e| panic!("{l}: {e:?}"));
        for (topic, what) in ShowWhat::ALL {
            let line = match what {
                Some(_) => format!("show {topic}"),
                None => format!("show {topic} stdio"),
            };
            assert!(matches!(parse(&line), Some(Command::Show(_))), "{line}");
        }
        for p in PENALTIES {
            let line = if p == "errno" {
                format!("penalty {p} EACCES")
            } else {
                format!("penalty {p}")
            };
            assert!(matches!(parse(&line), Some(Command::Penalty(_))), "{line}");
        }
        for (topic, line) in REMOVE_TOPICS
            .iter()
            .zip(["remove rule 1", "remove unveil /x"])
        {
            assert!(line.contains(topic));
            assert!(
                matches!(
                    parse(line),
                    Some(Command::RemoveRule(_) | Command::RemoveUnveil(_))
                ),
                "{line}"
            );
        }
    }
    use crate::sandbox::launch::LandlockReports;

    fn ok(line: &str) -> Command {
        parse_line(line).unwrap().unwrap()
    }

    fn bad(line: &str) -> ParseError {
        parse_line(line).unwrap_err()
    }

    #[test]
    fn every_command_in_the_table_parses_its_examples() {
        for c in spec::COMMANDS {
            for e in c.examples {
                assert!(parse_line(e).is_ok(), "{e}: {:?}", parse_line(e));
            }
        }
    }

    #[test]
    fn commands() {
        assert_eq!(
            ok("promise stdio rpath"),
            Command::Promise(PromiseSet::parse("stdio rpath").unwrap())
        );
        assert_eq!(
            ok("pledge 'stdio inet'"),
            Command::Promise(PromiseSet::parse("stdio inet").unwrap())
        );
        assert_eq!(
            ok("promise --exec stdio rpath"),
            Command::ExecPromise(PromiseSet::parse("stdio rpath").unwrap())
        );
        assert_eq!(
            ok("unpromise --exec"),
            Command::ExecUnpromise(PromiseSet::EMPTY)
        );
        assert_eq!(
            ok("unpromise --exec inet"),
            Command::ExecUnpromise(PromiseSet::parse("inet").unwrap())
        );
        assert!(
            bad("promise --exec")
                .to_string()
                .contains("at least one promise")
        );
        assert_eq!(
            ok("unveil /srv/data rwc"),
            Command::Unveil(Unveil {
                path: "/srv/data".into(),
                perms: Perms::parse("rwc").unwrap()
            })
        );
        assert_eq!(
            ok("unveil rw:/tmp"),
            Command::Unveil(Unveil::parse_flag("rw:/tmp").unwrap())
        );
        assert!(
            matches!(ok("allow ioctl if arg1==TIOCGWINSZ"), Command::Rules { rules, penalty: false } if rules.len() == 1)
        );
        assert!(matches!(
            ok("deny socket"),
            Command::Rules { penalty: true, .. }
        ));
        assert!(matches!(
            ok("deny socket errno EACCES"),
            Command::Rules { penalty: false, .. }
        ));
        assert_eq!(
            ok("save --format seccompiler"),
            Command::Save {
                path: None,
                format: Format::Seccompiler,
                force: false,
                export: ExportOptions::default()
            }
        );
        assert_eq!(
            ok("save --force --format=seccompiler f.json"),
            Command::Save {
                path: Some("f.json".into()),
                format: Format::Seccompiler,
                force: true,
                export: ExportOptions::default()
            }
        );
        assert_eq!(
            ok("load --filter=vcpu f.json"),
            Command::Load {
                path: "f.json".into(),
                filter: Some("vcpu".into())
            }
        );
        assert!(
            bad("load f.json --filter")
                .message
                .contains("needs a filter name after --filter")
        );
        assert!(
            bad("load --bogus f.json")
                .message
                .contains("unknown flag `--bogus`")
        );
        assert_eq!(
            ok("run -- ls -l"),
            Command::Run {
                argv: vec!["ls".into(), "-l".into()],
                stdin: false,
                landlock_reports: LandlockReports::Auto,
                quiet: false,
                report: None,
                empty_ok: false,
                ids: Default::default(),
                audit: false,
            }
        );
        assert_eq!(
            ok("run sh -c 'a b'"),
            Command::Run {
                argv: vec!["sh".into(), "-c".into(), "a b".into()],
                stdin: false,
                landlock_reports: LandlockReports::Auto,
                quiet: false,
                report: None,
                empty_ok: false,
                ids: Default::default(),
                audit: false,
            }
        );
        for line in [
            "run --landlock-reports check -- cat",
            "run --stdin --landlock-reports=check cat",
        ] {
            assert!(matches!(
                ok(line),
                Command::Run {
                    landlock_reports: LandlockReports::Check,
                    ..
                }
            ));
        }
        assert_eq!(
            ok("run -q --report=d.jsonl --stdin -- cat"),
            Command::Run {
                argv: vec!["cat".into()],
                stdin: true,
                landlock_reports: LandlockReports::Auto,
                quiet: true,
                report: Some(PathBuf::from("d.jsonl")),
                empty_ok: false,
                ids: Default::default(),
                audit: false,
            }
        );
        assert!(matches!(
            ok("run --quiet --report 'my denials' cat"),
            Command::Run { quiet: true, report: Some(p), .. } if p == std::path::Path::new("my denials")
        ));
        assert!(matches!(
            ok("run -u nobody --group 4242 -- id"),
            Command::Run { ids: IdNames { user: Some(u), group: Some(g), root: None }, .. }
                if u == "nobody" && g == "4242"
        ));
        assert!(matches!(
            ok("suggest --from-profile rec.json --runtime crun apply"),
            Command::SuggestProfile {
                runtime: crate::format::target::Runtime::Crun,
                apply: true,
                ..
            }
        ));
        assert!(matches!(
            ok("suggest --from-profile rec.json"),
            Command::SuggestProfile {
                runtime: crate::format::target::Runtime::None,
                apply: false,
                ..
            }
        ));
        assert_eq!(
            bad("suggest --from-profile").message,
            "`suggest` needs a profile file after --from-profile"
        );
        assert!(matches!(
            ok("run -c /srv/jail --chroot '/srv/my jail' -- id"),
            Command::Run { ids: IdNames { root: Some(r), .. }, .. } if r == "/srv/my jail"
        ));
        assert_eq!(bad("run -c").message, "`run` needs a directory after -c");
        assert_eq!(
            bad("run -u").message,
            "`run` needs a user after -u (a number or a name)"
        );
        assert_eq!(
            bad("run --report").message,
            "`run` needs a file after --report"
        );
        assert_eq!(
            bad("run --report= -- cat").message,
            "--report needs a file name"
        );
        let e = bad("run --landlock-reports=loud -- cat");
        assert!(
            e.message.contains("unknown --landlock-reports mode `loud`"),
            "{}",
            e.message
        );
        assert!(
            bad("run --landlock-reports")
                .message
                .contains("a mode after")
        );
        assert!(matches!(
            ok("suggest --from-denials apply"),
            Command::Suggest {
                apply: true,
                from_denials: true,
                ..
            }
        ));
        assert_eq!(ok("denials"), Command::Denials);
        assert_eq!(
            ok("limit nofile 100"),
            Command::Limit(Some((LimitName::OpenFiles, Some(LimitValue::Value(100)))))
        );
        assert_eq!(
            ok("penalty errno EACCES"),
            Command::Penalty(Penalty::Errno(13))
        );
        assert!(parse_line("  # just a comment").unwrap().is_none());
        assert!(parse_line("").unwrap().is_none());
    }

    #[test]
    fn errors_point_at_the_bad_word_and_suggest() {
        let e = bad("promis stdio");
        assert_eq!(
            (e.span.clone(), e.hint.as_deref()),
            (
                0..6,
                Some("did you mean `promise`? (`help` lists the commands)")
            )
        );
        let e = bad("promise stdio inte");
        assert_eq!(e.span, 14..18);
        assert_eq!(e.hint.as_deref(), Some("did you mean `inet`?"));
        let e = bad("allow   opneat");
        assert_eq!(e.span, 8..14, "rule spans are in the line");
        let e = bad("deny socket if arg0 == AF_INTE");
        assert_eq!(&"deny socket if arg0 == AF_INTE"[e.span.clone()], "AF_INTE");
        assert_eq!(e.hint.as_deref(), Some("did you mean `AF_INET`?"));
        let e = bad("unveil '/tmp r");
        assert!(e.message.contains("unbalanced"));
        let e = bad("allow ioctl if arg6 == 1");
        assert!(e.message.contains("out of range"));
        assert!(
            bad("allow ioctl if arg1:32 == 0x100000000")
                .message
                .contains("32 bits")
        );
        assert!(bad("deny socket errno 0").message.contains("out of range"));
        assert!(
            bad("deny socket errno 4096")
                .message
                .contains("out of range")
        );
        assert!(bad("show bfp").hint.unwrap().contains("`bpf`"));
        assert!(bad("undo now").message.contains("takes no arguments"));
        assert!(bad("save a b").message.contains("too many"));
        assert!(bad("run").message.contains("needs a program"));
        assert!(
            bad("limit nofiles 3")
                .hint
                .unwrap()
                .contains("did you mean")
        );
    }
}
