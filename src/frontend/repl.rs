//! The interactive shell: rustyline with the prompt `seccomp-pledge> `, persistent history
//! in the XDG state directory, completion and hints from the command table, Ctrl-C to
//! cancel a line, Ctrl-D (or `quit`) to leave, asking first when changes are unsaved.

use std::borrow::Cow;
use std::path::PathBuf;

use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::Validator;
use rustyline::{CompletionType, Config, Context, Editor, Helper};

use super::print_output;
use crate::abi::consts;
use crate::abi::syscalls;
use crate::command::spec::{self, COMMANDS, Complete};
use crate::command::{LimitName, OptionName, PENALTIES, REMOVE_TOPICS, ShowWhat, parse_line};
use crate::error::Error;
use crate::policy::promise::{self, PromiseSet};
use crate::session::Session;

/// The prompt.
pub(crate) const PROMPT: &str = "seccomp-pledge> ";

/// The history file: `$XDG_STATE_HOME/seccomp-pledge/history`, else
/// `~/.local/state/seccomp-pledge/history`.
pub(crate) fn history_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_STATE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")))?;
    Some(base.join("seccomp-pledge").join("history"))
}

/// Completion, hints and hint colouring for the shell.
pub(crate) struct ShellHelper {
    files: FilenameCompleter,
    /// Promises granted now (for `unpromise`).
    pub granted: PromiseSet,
    /// Unveiled paths now (for `remove unveil`).
    pub unveiled: Vec<String>,
}

impl ShellHelper {
    /// A helper for an empty policy.
    pub(crate) fn new() -> Self {
        ShellHelper {
            files: FilenameCompleter::new(),
            granted: PromiseSet::EMPTY,
            unveiled: Vec::new(),
        }
    }
}

impl Default for ShellHelper {
    fn default() -> Self {
        Self::new()
    }
}

fn pairs<'a>(prefix: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<Pair> {
    let mut v: Vec<Pair> = candidates
        .into_iter()
        .filter(|c| c.starts_with(prefix))
        .map(|c| Pair {
            display: c.to_string(),
            replacement: format!("{c} "),
        })
        .collect();
    v.sort_by(|a, b| a.display.cmp(&b.display));
    v.dedup_by(|a, b| a.display == b.display);
    v
}

impl ShellHelper {
    /// Candidates for the word ending at `pos`.
    fn candidates(&self, line: &str, pos: usize) -> (usize, Vec<Pair>) {
        let before = &line[..pos];
        let start = before
            .rfind(|c: char| c.is_ascii_whitespace())
            .map_or(0, |i| i + 1);
        let word = &before[start..];
        let words: Vec<&str> = before[..start].split_ascii_whitespace().collect();
        let Some(cmd) = words.first() else {
            let names = COMMANDS
                .iter()
                .flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()));
            return (start, pairs(word, names));
        };
        let Some(spec) = spec::lookup(cmd) else {
            return (start, Vec::new());
        };
        let index = words.len(); // 1 = first argument
        let prev = words.last().copied().unwrap_or("");
        let files = |this: &Self| {
            this.files
                .complete_path(line, pos)
                .unwrap_or((start, Vec::new()))
        };
        let promise_names = || promise::ALL.iter().map(|p| p.name());
        match spec.complete {
            Complete::Promise => (
                start,
                pairs(
                    word,
                    promise_names().filter(|n| !self.granted.iter().any(|g| g.name() == *n)),
                ),
            ),
            Complete::Granted => (
                start,
                pairs(
                    word,
                    self.granted.iter().map(|p| p.name()).collect::<Vec<_>>(),
                ),
            ),
            Complete::Path if spec.name == "unveil" && index == 2 => (
                start,
                pairs(word, ["r", "rw", "rx", "rwc", "rwx", "rwxc", "x"]),
            ),
            Complete::Path | Complete::Program => files(self),
            Complete::Command => (start, pairs(word, COMMANDS.iter().map(|c| c.name))),
            Complete::Show if index == 2 && prev == "syscalls" => {
                (start, pairs(word, promise_names()))
            }
            Complete::Show => (start, pairs(word, ShowWhat::ALL.iter().map(|(n, _)| *n))),
            Complete::Penalty if prev == "errno" => (start, pairs(word, errno_names())),
            Complete::Penalty => (start, pairs(word, PENALTIES)),
            Complete::Limit if index == 1 => (
                start,
                pairs(word, LimitName::ALL.iter().map(|(_, n, _)| *n)),
            ),
            Complete::Limit => (start, pairs(word, ["default", "unlimited", "inherit"])),
            Complete::Option if index == 1 => {
                (start, pairs(word, OptionName::ALL.iter().map(|(_, n)| *n)))
            }
            Complete::Option => (start, pairs(word, ["on", "off"])),
            Complete::Remove if index == 1 => (start, pairs(word, REMOVE_TOPICS)),
            Complete::Remove if prev == "unveil" => {
                (start, pairs(word, self.unveiled.iter().map(String::as_str)))
            }
            Complete::Remove => (start, Vec::new()),
            Complete::Save if prev == "--format" => (start, pairs(word, crate::format::names())),
            Complete::Save if word.starts_with('-') => {
                (start, pairs(word, ["--format", "--force", "--trace"]))
            }
            Complete::Save => files(self),
            Complete::Rule => {
                let rule_words = &words[1..];
                if rule_words.is_empty() && spec.name == "allow" {
                    let names = syscalls::names().chain(std::iter::once("traced"));
                    return (start, pairs(word, names.collect::<Vec<_>>()));
                }
                if rule_words.is_empty() || prev.ends_with(',') {
                    return (start, pairs(word, syscalls::names()));
                }
                if prev == "errno" {
                    return (start, pairs(word, errno_names()));
                }
                if prev == "if" || prev == "and" {
                    return (
                        start,
                        pairs(word, ["arg0", "arg1", "arg2", "arg3", "arg4", "arg5"]),
                    );
                }
                if word.starts_with(|c: char| c.is_ascii_uppercase())
                    || matches!(prev, "==" | "!=" | "<" | "<=" | ">" | ">=" | "&" | "|")
                {
                    let mut s = start;
                    let w = word.rfind('|').map_or(word, |i| {
                        s = start + i + 1;
                        &word[i + 1..]
                    });
                    return (s, pairs(w, consts::all().iter().map(|c| c.name)));
                }
                let in_conditions = rule_words.contains(&"if");
                let mut cands: Vec<&str> = crate::command::rule::ACTION_WORDS.to_vec();
                if in_conditions {
                    cands.push("and");
                } else {
                    cands.push("if");
                    cands.extend(syscalls::names());
                }
                (start, pairs(word, cands))
            }
            Complete::Nothing => (start, Vec::new()),
        }
    }
}

fn errno_names() -> Vec<&'static str> {
    (1..134).filter_map(consts::errno_name).collect()
}

impl Completer for ShellHelper {
    type Candidate = Pair;
    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        Ok(self.candidates(line, pos))
    }
}

impl Hinter for ShellHelper {
    type Hint = String;
    fn hint(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> Option<String> {
        if pos < line.len() || line.trim().is_empty() {
            return None;
        }
        let trimmed = line.trim_start();
        let mut parts = trimmed.splitn(2, char::is_whitespace);
        let first = parts.next()?;
        let rest = parts.next();
        match rest {
            // completing the command name: the rest of the only match
            None => {
                let mut matches = COMMANDS.iter().filter(|c| c.name.starts_with(first));
                let c = matches.next()?;
                if matches.next().is_some() || c.name == first {
                    return None;
                }
                Some(c.name[first.len()..].to_string())
            }
            // right after the command: its usage
            Some(r) if r.trim().is_empty() => {
                let c = spec::lookup(first)?;
                let usage = c.usage.strip_prefix(c.name)?.trim_start();
                (!usage.is_empty()).then(|| usage.to_string())
            }
            Some(_) => None,
        }
    }
}

impl Highlighter for ShellHelper {
    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        Cow::Owned(format!("\x1b[2m{hint}\x1b[0m"))
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        false
    }
}

impl Validator for ShellHelper {}

impl Helper for ShellHelper {}

/// Runs the interactive shell until `quit` or Ctrl-D; returns the exit status.
pub(crate) fn run(session: &mut Session) -> i32 {
    let config = Config::builder()
        .history_ignore_space(true)
        .completion_type(CompletionType::List)
        .auto_add_history(false)
        .build();
    let mut rl: Editor<ShellHelper, DefaultHistory> = match Editor::with_config(config) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("seccomp-pledge: error: cannot start the shell: {e}");
            return 125;
        }
    };
    rl.set_helper(Some(ShellHelper::new()));
    let history = history_path();
    if let Some(h) = &history {
        if let Some(dir) = h.parent() {
            let _ = std::fs::create_dir_all(dir);
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
        }
        let _ = rl.load_history(h);
    }
    println!("seccomp-pledge shell: `help` lists the commands, Tab completes, Ctrl-D leaves");
    let mut json = false;
    loop {
        if let Some(h) = rl.helper_mut() {
            h.granted = session.policy.promises;
            h.unveiled = session
                .policy
                .unveils
                .iter()
                .map(|u| u.path.display().to_string())
                .collect();
        }
        match rl.readline(PROMPT) {
            Ok(line) => {
                if !line.trim().is_empty() {
                    let _ = rl.add_history_entry(line.as_str());
                    if let Some(h) = &history {
                        let _ = rl.append_history(h);
                    }
                }
                let result = parse_line(&line)
                    .map_err(Error::from)
                    .and_then(|c| c.map(|c| super::execute(session, &mut json, c)).transpose());
                match result {
                    Ok(Some(out)) => {
                        if json {
                            println!("{}", super::json_response(Ok(&out)));
                        } else {
                            print_output(&out);
                        }
                        if out.quit && confirm_quit(&mut rl, session) {
                            return 0;
                        }
                    }
                    Ok(None) => {}
                    Err(e) if json => println!("{}", super::json_response(Err(&e))),
                    Err(e) => eprintln!(
                        "{}",
                        crate::error::render(
                            &e,
                            crate::error::At::Prompt {
                                line: &line,
                                indent: PROMPT.len(),
                            }
                        )
                    ),
                }
            }
            Err(ReadlineError::Interrupted) => {
                // Ctrl-C: the line is dropped; carry on.
            }
            Err(ReadlineError::Eof) => {
                if confirm_quit(&mut rl, session) {
                    return 0;
                }
            }
            Err(e) => {
                eprintln!("seccomp-pledge: error: {e}");
                return 125;
            }
        }
    }
}

/// Asks before leaving with unsaved changes; true means leave.
fn confirm_quit(rl: &mut Editor<ShellHelper, DefaultHistory>, session: &Session) -> bool {
    if !session.is_dirty() {
        return true;
    }
    match rl.readline("the policy has unsaved changes; quit anyway? [y/N] ") {
        Ok(answer) => matches!(answer.trim(), "y" | "Y" | "yes"),
        Err(ReadlineError::Eof) => true,
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete(h: &ShellHelper, line: &str) -> Vec<String> {
        h.candidates(line, line.len())
            .1
            .into_iter()
            .map(|p| p.display)
            .collect()
    }

    #[test]
    fn completion_follows_the_grammar() {
        let mut h = ShellHelper::new();
        assert_eq!(complete(&h, "pro"), ["promise"]);
        assert!(complete(&h, "promise st").contains(&"stdio".to_string()));
        assert!(complete(&h, "allow opena").contains(&"openat".to_string()));
        assert!(complete(&h, "allow ioctl if ").contains(&"arg1".to_string()));
        assert!(complete(&h, "allow ioctl if arg1 == TIOCG").contains(&"TIOCGWINSZ".to_string()));
        assert!(
            complete(&h, "allow openat if arg2 == O_WRONLY|O_CR").contains(&"O_CREAT".to_string())
        );
        assert!(complete(&h, "deny socket errno EAC").contains(&"EACCES".to_string()));
        assert!(complete(&h, "deny socket k").contains(&"kill".to_string()));
        assert_eq!(complete(&h, "unveil /tmp rw"), ["rw", "rwc", "rwx", "rwxc"]);
        assert_eq!(complete(&h, "show sys"), ["syscalls"]);
        assert!(complete(&h, "show syscalls pro").contains(&"proc".to_string()));
        assert_eq!(complete(&h, "option keep"), ["keep-caps", "keep-fds"]);
        assert!(complete(&h, "unpromise ").is_empty());
        h.granted = PromiseSet::parse("stdio inet").unwrap();
        assert_eq!(complete(&h, "unpromise "), ["inet", "stdio"]);
        assert!(!complete(&h, "promise ").contains(&"stdio".to_string()));
        let (start, files) = h.candidates("load /et", 8);
        assert_eq!(start, 5);
        assert!(
            files.iter().any(|p| p.replacement == "/etc/"),
            "{:?}",
            files.iter().map(|p| &p.replacement).collect::<Vec<_>>()
        );
    }

    #[test]
    fn hints_show_the_usage() {
        let h = ShellHelper::new();
        let hist = DefaultHistory::new();
        let ctx = Context::new(&hist);
        assert_eq!(
            h.hint("allow ", 6, &ctx).as_deref(),
            Some("SYSCALL… [if argN OP VALUE [and …]] [log|trace N]   |   allow traced")
        );
        assert_eq!(h.hint("unv", 3, &ctx).as_deref(), Some("eil"));
        assert_eq!(h.hint("allow read", 10, &ctx), None);
    }
}
