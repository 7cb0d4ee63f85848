//! rhai scripts: `seccomp-pledge script FILE.rhai [ARGS…]` and the shell's `source`.
//!
//! One engine factory (`engine`) registers a rhai function for every command of the
//! command table. Each function turns its arguments into a command line, which goes through
//! the one parser (`command::parse_line`) and the one interpreter (`Session::execute`), so
//! a command behaves and fails the same in a script as at the prompt; only the position
//! differs (`FILE.rhai:LINE:COL`). Results come back as rhai values: maps for `run`,
//! `trace`, `suggest`, `policy` and `check`, the text otherwise.
//!
//! Scripts are bounded (operations, call depth, string, array and map sizes) and have no
//! file or process access except through the commands (`eval` is disabled; rhai has no I/O
//! of its own besides `print` and `debug`).

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

use rhai::{Array, Dynamic, Engine, EvalAltResult, Map, NativeCallContext, Position, Scope};

use super::print_output;
use crate::command::parse_line;
use crate::command::spec::COMMANDS;
use crate::error::Error;
use crate::session::{Keep, Session};

/// Most operations a script may run (a runaway loop stops with an error).
pub const MAX_OPERATIONS: u64 = 10_000_000;
/// Deepest function call nesting.
pub const MAX_CALL_LEVELS: usize = 64;
/// Longest string.
pub const MAX_STRING: usize = 4 << 20;
/// Largest array (a trace keeps at most [`Keep::DATA`] calls).
pub const MAX_ARRAY: usize = 200_000;
/// Largest map.
pub const MAX_MAP: usize = 10_000;

/// Commands that make no sense inside a script.
const NOT_IN_SCRIPTS: &[&str] = &["quit", "source", "format"];

/// The state the registered functions share.
struct State {
    session: Rc<RefCell<Session>>,
    /// Print command results (like a batch); `quiet(true)` turns it off.
    echo: std::cell::Cell<bool>,
}

/// A script that failed: where, and why.
#[derive(Debug)]
pub struct ScriptError {
    /// The script's name.
    pub source: String,
    /// 1-based line and column (0 when unknown).
    pub line: usize,
    /// Column.
    pub column: usize,
    /// What went wrong.
    pub message: String,
    /// The source line, when known.
    pub text: Option<String>,
}

impl std::fmt::Display for ScriptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            return write!(f, "{}: {}", self.source, self.message);
        }
        let (first, rest) = match self.message.split_once("\n  hint: ") {
            Some((m, h)) => (m, Some(h)),
            None => (self.message.as_str(), None),
        };
        writeln!(f, "{first}")?;
        let gutter = self.line.to_string().len();
        writeln!(
            f,
            "{:gutter$}--> {}:{}:{}",
            "", self.source, self.line, self.column
        )?;
        if let Some(text) = &self.text {
            writeln!(f, "{:gutter$} |", "")?;
            writeln!(f, "{} | {text}", self.line)?;
            write!(
                f,
                "{:gutter$} | {}^",
                "",
                " ".repeat(self.column.saturating_sub(1))
            )?;
        }
        if let Some(h) = rest {
            write!(f, "\n  hint: {h}")?;
        }
        Ok(())
    }
}

fn runtime(message: String, pos: Position) -> Box<EvalAltResult> {
    Box::new(EvalAltResult::ErrorRuntime(message.into(), pos))
}

/// A command error as a script error message (the hint on its own line).
fn message(e: &Error) -> String {
    match e.hint() {
        Some(h) => format!("{e}\n  hint: {h}"),
        None => e.to_string(),
    }
}

/// One argument as command text: strings are command text as written (several words
/// allowed), arrays are word lists (each quoted), numbers are numbers.
fn words(arg: &Dynamic) -> Result<String, String> {
    if let Some(s) = arg.clone().try_cast::<rhai::ImmutableString>() {
        return Ok(s.to_string());
    }
    if let Some(a) = arg.clone().try_cast::<Array>() {
        let mut out = Vec::with_capacity(a.len());
        for v in a {
            let s = v
                .clone()
                .try_cast::<rhai::ImmutableString>()
                .map(|s| s.to_string())
                .or_else(|| v.as_int().ok().map(|i| i.to_string()))
                .ok_or_else(|| format!("array elements must be strings, not {}", v.type_name()))?;
            out.push(shell_words::quote(&s).into_owned());
        }
        return Ok(out.join(" "));
    }
    if let Ok(i) = arg.as_int() {
        return Ok(i.to_string());
    }
    if let Ok(b) = arg.as_bool() {
        return Ok(if b { "on".into() } else { "off".into() });
    }
    Err(format!(
        "expected a string, an array of strings or a number, not {}",
        arg.type_name()
    ))
}

fn quoted(arg: &Dynamic) -> Result<String, String> {
    match arg.clone().try_cast::<rhai::ImmutableString>() {
        Some(s) => Ok(shell_words::quote(&s).into_owned()),
        None => words(arg),
    }
}

/// The command line a call `name(args…)` stands for.
fn command_line(name: &str, args: &[Dynamic]) -> Result<String, String> {
    let w = |i: usize| words(&args[i]);
    let line = match (name, args.len()) {
        // unveil(path[, perms]): the path is one word whatever it holds.
        ("unveil", 1) => format!("unveil {}", quoted(&args[0])?),
        ("unveil", 2) => format!("unveil {} {}", quoted(&args[0])?, w(1)?),
        // allow(syscalls, condition[, action]): `if` is implied.
        ("allow" | "deny", n) if n >= 2 => {
            let cond = w(1)?;
            let cond = if cond.trim_start().starts_with("arg") {
                format!("if {cond}")
            } else {
                cond
            };
            let rest: Vec<String> = (2..n).map(w).collect::<Result<_, _>>()?;
            format!("{name} {} {cond} {}", w(0)?, rest.join(" "))
        }
        // save(path[, flags]) and load(path[, filter]).
        ("save", 1) => format!("save {}", quoted(&args[0])?),
        ("save", 2) => format!("save {} {}", w(1)?, quoted(&args[0])?),
        ("load", 1) => format!("load {}", quoted(&args[0])?),
        ("load", 2) => format!("load --filter {} {}", quoted(&args[1])?, quoted(&args[0])?),
        // run(argv) and trace(argv[, flags]): argv is an array (a program and its arguments)
        // or one string split like the shell would.
        ("run", 1) => format!("run -- {}", words(&args[0])?),
        ("trace", 1) => format!("trace -o /dev/null -- {}", words(&args[0])?),
        ("trace", 2) => {
            let flags = w(1)?;
            let quiet = if flags
                .split_whitespace()
                .any(|f| f == "-o" || f.starts_with("--output"))
            {
                ""
            } else {
                "-o /dev/null "
            };
            format!("trace {quiet}{flags} -- {}", words(&args[0])?)
        }
        _ => {
            let parts: Vec<String> = args.iter().map(words).collect::<Result<_, _>>()?;
            format!("{name} {}", parts.join(" "))
        }
    };
    Ok(line
        .trim_end_matches(|c: char| c.is_ascii_whitespace())
        .to_string())
}

/// Runs one command for a script: parse, execute, print like a batch, return the value.
fn call(
    state: &State,
    ctx: &NativeCallContext,
    name: &str,
    args: &[Dynamic],
) -> Result<Dynamic, Box<EvalAltResult>> {
    let pos = ctx.call_position();
    let line = command_line(name, args).map_err(|m| runtime(format!("{name}(): {m}"), pos))?;
    let cmd = match parse_line(&line) {
        Ok(Some(c)) => c,
        Ok(None) => return Ok(Dynamic::UNIT),
        Err(e) => {
            let word = line.get(e.span.clone()).unwrap_or("");
            let at = if word.is_empty() {
                String::new()
            } else {
                format!(" (at `{word}`)")
            };
            let mut m = format!("{name}(): {}{at}", e.message);
            if let Some(h) = &e.hint {
                m.push_str(&format!("\n  hint: {h}"));
            }
            return Err(runtime(m, pos));
        }
    };
    let result = state.session.borrow_mut().execute(cmd);
    match result {
        Ok(out) => {
            if state.echo.get() {
                print_output(&out);
            } else {
                for n in &out.notes {
                    if n.starts_with("warning") {
                        eprintln!("note: {n}");
                    }
                }
            }
            match out.data {
                Some(d) => rhai::serde::to_dynamic(d),
                None => Ok(out.text.into()),
            }
        }
        Err(e) => Err(runtime(format!("{name}(): {}", message(&e)), pos)),
    }
}

/// The engine factory, shared by `script`, `source` and the tests.
fn engine(state: Rc<State>) -> Engine {
    let mut engine = Engine::new();
    engine
        .set_max_operations(MAX_OPERATIONS)
        .set_max_call_levels(MAX_CALL_LEVELS)
        .set_max_expr_depths(64, 32)
        .set_max_string_size(MAX_STRING)
        .set_max_array_size(MAX_ARRAY)
        .set_max_map_size(MAX_MAP)
        .set_strict_variables(true);
    engine.disable_symbol("eval");
    engine.on_print(|s| println!("{s}"));
    engine.on_debug(|s, src, pos| {
        let at = match (src, pos.line()) {
            (Some(src), Some(l)) => format!("{src}:{l}: "),
            _ => String::new(),
        };
        eprintln!("{at}{s}");
    });
    for spec in COMMANDS
        .iter()
        .filter(|c| !NOT_IN_SCRIPTS.contains(&c.name))
    {
        let name = spec.name;
        for alias in std::iter::once(name).chain(spec.aliases.iter().copied()) {
            let st = state.clone();
            engine.register_fn(alias, move |ctx: NativeCallContext| {
                call(&st, &ctx, name, &[])
            });
            let st = state.clone();
            engine.register_fn(alias, move |ctx: NativeCallContext, a: Dynamic| {
                call(&st, &ctx, name, &[a])
            });
            let st = state.clone();
            engine.register_fn(
                alias,
                move |ctx: NativeCallContext, a: Dynamic, b: Dynamic| {
                    call(&st, &ctx, name, &[a, b])
                },
            );
            let st = state.clone();
            engine.register_fn(
                alias,
                move |ctx: NativeCallContext, a: Dynamic, b: Dynamic, c: Dynamic| {
                    call(&st, &ctx, name, &[a, b, c])
                },
            );
        }
    }
    // The policy as a map, and back.
    let st = state.clone();
    engine.register_fn(
        "policy",
        move |ctx: NativeCallContext| -> Result<Dynamic, Box<EvalAltResult>> {
            let value = serde_json::to_value(&st.session.borrow().policy)
                .map_err(|e| runtime(format!("policy(): {e}"), ctx.call_position()))?;
            rhai::serde::to_dynamic(value)
        },
    );
    let st = state.clone();
    engine.register_fn(
        "policy_from",
        move |ctx: NativeCallContext, map: Map| -> Result<(), Box<EvalAltResult>> {
            let pos = ctx.call_position();
            let value: serde_json::Value = rhai::serde::from_dynamic(&Dynamic::from_map(map))
                .map_err(|e| runtime(format!("policy_from(): {e}"), pos))?;
            let policy: crate::policy::Policy = serde_json::from_value(value)
                .map_err(|e| runtime(format!("policy_from(): not a policy: {e}"), pos))?;
            st.session
                .borrow_mut()
                .replace_policy(policy)
                .map_err(|e| runtime(format!("policy_from(): {}", message(&e)), pos))
        },
    );
    let st = state.clone();
    engine.register_fn("quiet", move |on: bool| {
        st.echo.set(!on);
    });
    engine
}

/// Runs `text` (named `source` in messages) as a script against `session`, with `args`
/// as the `ARGS` array.
///
/// # Errors
/// A syntax error, a failed command, a runtime error or a limit, with its position.
pub fn run(
    session: &mut Session,
    source: &str,
    text: &str,
    args: &[String],
) -> Result<(), ScriptError> {
    let shared = Rc::new(RefCell::new(std::mem::take(session)));
    let keep = shared.borrow().keep;
    let origin = std::mem::replace(&mut shared.borrow_mut().origin, source.to_string());
    shared.borrow_mut().keep = Keep::DATA;
    let state = Rc::new(State {
        session: shared.clone(),
        echo: std::cell::Cell::new(true),
    });
    let engine = engine(state.clone());
    let result = (|| {
        let mut scope = Scope::new();
        let args: Array = args.iter().map(|a| Dynamic::from(a.clone())).collect();
        scope.push_constant("ARGS", args);
        let mut ast = engine
            .compile_with_scope(&scope, text)
            .map_err(|e| locate(source, text, e.to_string().as_str(), e.position()))?;
        ast.set_source(source);
        engine
            .run_ast_with_scope(&mut scope, &ast)
            .map_err(|e| script_error(source, text, *e))
    })();
    drop(engine);
    drop(state);
    let mut restored = match Rc::try_unwrap(shared) {
        Ok(cell) => cell.into_inner(),
        Err(_) => Session::default(),
    };
    restored.keep = keep;
    restored.origin = origin;
    *session = restored;
    result
}

/// Reads and runs a script file.
///
/// # Errors
/// The file cannot be read, or the script fails (see [`run`]).
pub fn run_file(session: &mut Session, path: &Path, args: &[String]) -> Result<(), ScriptError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| ScriptError {
        source: name.clone(),
        line: 0,
        column: 0,
        message: format!("cannot read the script: {e}"),
        text: None,
    })?;
    run(session, &name, &text, args)
}

fn locate(source: &str, text: &str, message: &str, pos: Position) -> ScriptError {
    let line = pos.line().unwrap_or(0);
    let column = pos.position().unwrap_or(1);
    // rhai appends " (line L, position P)" to messages: the caret shows it instead.
    let message = match message.rfind(" (line ") {
        Some(i) if message.ends_with(')') => &message[..i],
        _ => message,
    };
    ScriptError {
        source: source.to_string(),
        line,
        column,
        message: message.to_string(),
        text: (line > 0).then(|| text.lines().nth(line - 1).unwrap_or("").to_string()),
    }
}

fn script_error(source: &str, text: &str, mut e: EvalAltResult) -> ScriptError {
    // Errors inside script functions are wrapped: the innermost says where it happened.
    while let EvalAltResult::ErrorInFunctionCall(_, _, inner, _)
    | EvalAltResult::ErrorInModule(_, inner, _) = e
    {
        e = *inner;
    }
    let pos = e.position();
    let message = match e {
        EvalAltResult::ErrorRuntime(v, _) => match v.clone().try_cast::<rhai::ImmutableString>() {
            Some(s) => s.to_string(),
            None => format!("the script threw {v}"),
        },
        EvalAltResult::ErrorFunctionNotFound(ref sig, _) => not_found(sig),
        EvalAltResult::ErrorTooManyOperations(_) => format!(
            "the script ran too long (more than {MAX_OPERATIONS} operations): a loop that never ends?"
        ),
        mut other => {
            other.clear_position();
            other.to_string()
        }
    };
    locate(source, text, &message, pos)
}

/// Every function a script can call besides rhai's own.
fn our_functions() -> impl Iterator<Item = &'static str> {
    COMMANDS
        .iter()
        .filter(|c| !NOT_IN_SCRIPTS.contains(&c.name))
        .flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()))
        .chain(["policy", "policy_from", "quiet"])
}

/// "Function not found: NAME (TYPES)" in our words, with a suggestion.
fn not_found(signature: &str) -> String {
    let name = signature
        .split(|c: char| c == '(' || c.is_whitespace())
        .next()
        .unwrap_or(signature);
    if our_functions().any(|f| f == name) {
        return format!(
            "{name}() does not take these arguments ({}): commands take up to 3 arguments, each a string, an array of strings or a number (`help {name}`)",
            signature[name.len()..]
                .trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
        );
    }
    match crate::suggest::closest(name, our_functions()) {
        Some(s) => format!("unknown function `{name}`\n  hint: did you mean `{s}`?"),
        None => format!(
            "unknown function `{name}`\n  hint: every shell command is a function; `help` lists them"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Dynamic {
        Dynamic::from(v.to_string())
    }

    #[test]
    fn calls_become_command_lines() {
        assert_eq!(
            command_line("promise", &[s("stdio rpath")]).unwrap(),
            "promise stdio rpath"
        );
        assert_eq!(
            command_line("unveil", &[s("/my dir"), s("rw")]).unwrap(),
            "unveil '/my dir' rw"
        );
        assert_eq!(
            command_line("allow", &[s("ioctl"), s("arg1 == TIOCGWINSZ")]).unwrap(),
            "allow ioctl if arg1 == TIOCGWINSZ"
        );
        assert_eq!(
            command_line(
                "deny",
                &[s("socket"), s("arg0 == AF_INET"), s("errno EACCES")]
            )
            .unwrap(),
            "deny socket if arg0 == AF_INET errno EACCES"
        );
        assert_eq!(command_line("deny", &[s("ptrace")]).unwrap(), "deny ptrace");
        let argv: Array = vec![s("ls"), s("-l"), s("a b")];
        assert_eq!(
            command_line("run", &[Dynamic::from(argv.clone())]).unwrap(),
            "run -- ls -l 'a b'"
        );
        assert_eq!(
            command_line("trace", &[Dynamic::from(argv), s("-f")]).unwrap(),
            "trace -o /dev/null -f -- ls -l 'a b'"
        );
        assert_eq!(
            command_line("save", &[s("f.json"), s("--format seccompiler")]).unwrap(),
            "save --format seccompiler f.json"
        );
        assert_eq!(
            command_line("load", &[s("f.json"), s("vcpu")]).unwrap(),
            "load --filter vcpu f.json"
        );
        assert!(command_line("promise", &[Dynamic::from(1.5_f64)]).is_err());
    }
}
