//! rhai scripts: `seccomp-pledge script FILE.rhai [ARGS…]` and the shell's `source`.
//!
//! One engine factory (`engine`) registers a rhai function for every command of the
//! command table. Each function turns its arguments into a command line, which goes through
//! the one parser (`command::parse_line`) and the one interpreter (`Session::execute`), so
//! a command behaves and fails the same in a script as at the prompt; only the position
//! differs (`FILE.rhai:LINE:COL`). Results come back as rhai values: maps for `run`,
//! `trace`, `suggest`, `policy` and `check`, the text otherwise.
//!
//! Scripts are bounded (operations, time, command calls, output, memory, call depth, value
//! nesting, string, array and map sizes, the file's size) and have no file or process
//! access except through the commands (`eval` and `import` are disabled; rhai has no I/O
//! of its own besides `print` and `debug`).

use std::cell::{Cell, RefCell};
use std::path::Path;
use std::rc::Rc;
use std::time::{Duration, Instant};

use rhai::{
    Array, Dynamic, Engine, EvalAltResult, ImmutableString, Map, NativeCallContext, Position, Scope,
};

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
/// Longest time a script may compute, not counting the time its commands take (a program
/// run or traced takes as long as it takes).
pub const MAX_TIME: Duration = Duration::from_secs(5);
/// Most command calls a script may make (`loop { show(); }` stops).
pub const MAX_COMMANDS: u64 = 100_000;
/// Most bytes a script may print, its commands' results included.
pub const MAX_OUTPUT: u64 = 64 << 20;
/// Most memory a script may allocate (beyond what the session held when it started); only
/// enforced in the binary, which counts allocations with [`CountingAlloc`].
pub const MAX_MEMORY: usize = 512 << 20;
/// Deepest nesting of arrays and maps a script may print, compare, throw or convert (these
/// recurse once per level).
pub const MAX_DEPTH: usize = 128;
/// Largest script file.
pub const MAX_FILE: u64 = 4 << 20;

/// Commands that make no sense inside a script.
const NOT_IN_SCRIPTS: &[&str] = &["quit", "source", "format"];

/// The state the registered functions share.
struct State {
    session: Rc<RefCell<Session>>,
    /// Print command results (like a batch); `quiet(true)` turns it off.
    echo: Cell<bool>,
    /// When the script started.
    started: Instant,
    /// Time spent in commands (not counted against [`MAX_TIME`]).
    in_commands: Cell<Duration>,
    /// Command calls so far.
    commands: Cell<u64>,
    /// Bytes printed so far.
    output: Cell<u64>,
    /// Bytes allocated when the script started.
    memory: usize,
    /// A limit hit where no error can be returned (`print`, `to_string` inside a string),
    /// and where: the next operation stops the script with it.
    stop: RefCell<Option<(String, Position)>>,
    /// How deep the value being printed or compared is (0: none is).
    nested: Cell<usize>,
}

impl State {
    fn new(session: Rc<RefCell<Session>>) -> State {
        State {
            session,
            echo: Cell::new(true),
            started: Instant::now(),
            in_commands: Cell::new(Duration::ZERO),
            commands: Cell::new(0),
            output: Cell::new(0),
            memory: allocated(),
            stop: RefCell::new(None),
            nested: Cell::new(0),
        }
    }

    /// Counts `bytes` of output: false (and a pending stop) past [`MAX_OUTPUT`].
    fn output(&self, bytes: usize, pos: Position) -> bool {
        let total = self.output.get().saturating_add(bytes as u64);
        self.output.set(total);
        if total > MAX_OUTPUT {
            self.stop_with(output_limit(), pos);
            return false;
        }
        true
    }

    fn stop_with(&self, message: String, pos: Position) {
        self.stop.borrow_mut().get_or_insert((message, pos));
    }

    /// Called before every operation: the limit the script is past, if any.
    fn check(&self, ops: u64) -> Option<String> {
        if let Some((m, _)) = &*self.stop.borrow() {
            return Some(m.clone());
        }
        let used = allocated().saturating_sub(self.memory);
        if used > MAX_MEMORY {
            return Some(format!(
                "the script uses too much memory (more than {} MiB)",
                MAX_MEMORY >> 20
            ));
        }
        if ops % 64 == 0
            && self
                .started
                .elapsed()
                .saturating_sub(self.in_commands.get())
                > MAX_TIME
        {
            return Some(format!(
                "the script ran too long (more than {} s, not counting its commands): a loop that never ends?",
                MAX_TIME.as_secs()
            ));
        }
        None
    }
}

fn output_limit() -> String {
    format!(
        "the script printed too much (more than {} MiB)",
        MAX_OUTPUT >> 20
    )
}

fn too_deep(what: &str) -> String {
    format!("{what}: the value is nested more than {MAX_DEPTH} levels deep")
}

/// Whether `v` nests arrays and maps more than `left` levels deep (the recursion stops
/// there).
fn deeper_than(v: &Dynamic, left: usize) -> bool {
    if let Ok(a) = v.as_array_ref() {
        return left == 0 || a.iter().any(|x| deeper_than(x, left - 1));
    }
    if let Ok(m) = v.as_map_ref() {
        return left == 0 || m.values().any(|x| deeper_than(x, left - 1));
    }
    false
}

/// Bytes allocated by the process, when the binary counts them ([`CountingAlloc`]); 0
/// otherwise.
fn allocated() -> usize {
    ALLOCATED.load(std::sync::atomic::Ordering::Relaxed)
}

static ALLOCATED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The system allocator, counting the bytes in use, so that a script's memory is bounded
/// whatever rhai does with it (rhai does not check every insertion: `m[key] = v` with new
/// keys grows a map past its limit). The binary installs it as its global allocator.
pub struct CountingAlloc;

// SAFETY: every call forwards to `System` with the caller's arguments, whose contract is
// the same; the counter is only arithmetic.
unsafe impl std::alloc::GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: the caller upholds `alloc`'s contract, which `System` shares.
        let p = unsafe { std::alloc::System.alloc(layout) };
        if !p.is_null() {
            ALLOCATED.fetch_add(layout.size(), std::sync::atomic::Ordering::Relaxed);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { std::alloc::System.alloc_zeroed(layout) };
        if !p.is_null() {
            ALLOCATED.fetch_add(layout.size(), std::sync::atomic::Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        // SAFETY: `ptr` was allocated by this allocator (hence `System`) with `layout`.
        unsafe { std::alloc::System.dealloc(ptr, layout) };
        ALLOCATED.fetch_sub(layout.size(), std::sync::atomic::Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new: usize) -> *mut u8 {
        // SAFETY: the caller upholds `realloc`'s contract, which `System` shares.
        let p = unsafe { std::alloc::System.realloc(ptr, layout, new) };
        if !p.is_null() {
            ALLOCATED.fetch_add(new, std::sync::atomic::Ordering::Relaxed);
            ALLOCATED.fetch_sub(layout.size(), std::sync::atomic::Ordering::Relaxed);
        }
        p
    }
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
        let at = crate::error::Position {
            source: &self.source,
            line: self.line,
            column: self.column,
            text: self.text.as_deref(),
            width: 1,
        };
        f.write_str(&crate::error::render_at(first, &at, rest))
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
        // load(path, "--trace"): flags; load(path, name): a seccompiler filter.
        ("load", 2) if words(&args[1])?.starts_with('-') => {
            format!("load {} {}", w(1)?, quoted(&args[0])?)
        }
        ("load", 2) => format!("load --filter {} {}", quoted(&args[1])?, quoted(&args[0])?),
        // run(argv[, flags]) and trace(argv[, flags]): argv is an array (a program and its arguments)
        // or one string split like the shell would.
        ("run", 1) => format!("run -- {}", words(&args[0])?),
        ("run", 2) => format!("run {} -- {}", w(1)?, words(&args[0])?),
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
/// Its time does not count against [`MAX_TIME`].
fn call(
    state: &State,
    ctx: &NativeCallContext,
    name: &str,
    args: &[Dynamic],
) -> Result<Dynamic, Box<EvalAltResult>> {
    let start = Instant::now();
    let result = command(state, ctx, name, args);
    state
        .in_commands
        .set(state.in_commands.get() + start.elapsed());
    result
}

fn command(
    state: &State,
    ctx: &NativeCallContext,
    name: &str,
    args: &[Dynamic],
) -> Result<Dynamic, Box<EvalAltResult>> {
    let pos = ctx.call_position();
    let calls = state.commands.get() + 1;
    state.commands.set(calls);
    if calls > MAX_COMMANDS {
        return Err(runtime(
            format!("{name}(): the script calls too many commands (more than {MAX_COMMANDS})"),
            pos,
        ));
    }
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
            let shown: Vec<&String> = out
                .notes
                .iter()
                .filter(|n| state.echo.get() || n.starts_with("warning"))
                .collect();
            let text = if state.echo.get() { out.text.len() } else { 0 };
            if !state.output(text + shown.iter().map(|n| n.len() + 7).sum::<usize>(), pos) {
                return Err(runtime(format!("{name}(): {}", output_limit()), pos));
            }
            if state.echo.get() {
                print_output(&out);
            } else {
                for n in shown {
                    eprintln!("note: {}", crate::abi::signature::escape_text(n));
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

/// Printing and comparing arrays and maps recurse once per level (through rhai's function
/// calls, a few KiB of stack each): these replace rhai's own, check the depth first, then
/// work like them.
fn bounded_values(engine: &mut Engine, state: &Rc<State>) {
    for name in ["print", "debug", "to_string", "to_debug"] {
        // `print` and `debug` can fail; rhai prints a value whose `to_string` fails anyway
        // (recursing), so these return a placeholder and the script stops at its next step.
        let fail = matches!(name, "print" | "debug");
        let st = state.clone();
        engine.register_fn(
            name,
            move |ctx: NativeCallContext,
                  a: &mut Array|
                  -> Result<ImmutableString, Box<EvalAltResult>> {
                if st.nested.get() == 0 && a.iter().any(|x| deeper_than(x, MAX_DEPTH - 1)) {
                    return refuse(&st, &ctx, name, fail, "[…]");
                }
                let _level = Nested::enter(&st);
                let mut out = String::from("[");
                for (i, x) in a.iter_mut().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&element(&ctx, x));
                }
                out.push(']');
                Ok(out.into())
            },
        );
        let st = state.clone();
        engine.register_fn(
            name,
            move |ctx: NativeCallContext,
                  m: &mut Map|
                  -> Result<ImmutableString, Box<EvalAltResult>> {
                if st.nested.get() == 0 && m.values().any(|x| deeper_than(x, MAX_DEPTH - 1)) {
                    return refuse(&st, &ctx, name, fail, "#{…}");
                }
                let _level = Nested::enter(&st);
                let mut out = String::from("#{");
                for (i, (k, v)) in m.iter_mut().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&format!("{k:?}: {}", element(&ctx, v)));
                }
                out.push('}');
                Ok(out.into())
            },
        );
    }
    for negate in [false, true] {
        let name = if negate { "!=" } else { "==" };
        let st = state.clone();
        engine.register_fn(
            name,
            move |ctx: NativeCallContext,
                  a: &mut Array,
                  mut b: Array|
                  -> Result<bool, Box<EvalAltResult>> {
                if st.nested.get() == 0
                    && (a
                        .iter()
                        .chain(b.iter())
                        .any(|x| deeper_than(x, MAX_DEPTH - 1)))
                {
                    return Err(runtime(too_deep(&format!("`{name}`")), ctx.call_position()));
                }
                let _level = Nested::enter(&st);
                if a.len() != b.len() {
                    return Ok(negate);
                }
                for (x, y) in a.iter_mut().zip(b.iter_mut()) {
                    if !equal(&ctx, x, y, true)? {
                        return Ok(negate);
                    }
                }
                Ok(!negate)
            },
        );
        let st = state.clone();
        engine.register_fn(
            name,
            move |ctx: NativeCallContext,
                  a: &mut Map,
                  mut b: Map|
                  -> Result<bool, Box<EvalAltResult>> {
                if st.nested.get() == 0
                    && (a
                        .values()
                        .chain(b.values())
                        .any(|x| deeper_than(x, MAX_DEPTH - 1)))
                {
                    return Err(runtime(too_deep(&format!("`{name}`")), ctx.call_position()));
                }
                let _level = Nested::enter(&st);
                if a.len() != b.len() {
                    return Ok(negate);
                }
                for (k, x) in a.iter_mut() {
                    let Some(y) = b.get_mut(k) else {
                        return Ok(negate);
                    };
                    if !equal(&ctx, x, y, false)? {
                        return Ok(negate);
                    }
                }
                Ok(!negate)
            },
        );
    }
    engine.register_fn(
        "to_json",
        |ctx: NativeCallContext, m: &mut Map| -> Result<String, Box<EvalAltResult>> {
            if m.values().any(|x| deeper_than(x, MAX_DEPTH - 1)) {
                return Err(runtime(too_deep("to_json()"), ctx.call_position()));
            }
            Ok(rhai::format_map_as_json(m))
        },
    );
}

/// One level deeper while printing or comparing (one level up again when dropped).
struct Nested<'a>(&'a State);

impl<'a> Nested<'a> {
    fn enter(state: &'a State) -> Nested<'a> {
        state.nested.set(state.nested.get() + 1);
        Nested(state)
    }
}

impl Drop for Nested<'_> {
    fn drop(&mut self) {
        self.0.nested.set(self.0.nested.get() - 1);
    }
}

/// A value too deep to print: an error from `print` and `debug`, a placeholder and a stop
/// at the next step from `to_string` and `to_debug` (see [`bounded_values`]).
fn refuse(
    state: &State,
    ctx: &NativeCallContext,
    name: &str,
    fail: bool,
    placeholder: &str,
) -> Result<ImmutableString, Box<EvalAltResult>> {
    let message = too_deep(&format!("{name}()"));
    if fail {
        return Err(runtime(message, ctx.call_position()));
    }
    state.stop_with(message, ctx.call_position());
    Ok(placeholder.into())
}

/// An element as rhai prints it inside an array or a map.
fn element(ctx: &NativeCallContext, x: &mut Dynamic) -> String {
    match ctx.call_native_fn_raw("to_debug", true, &mut [x]) {
        Ok(r) if r.is_string() => r.into_immutable_string().unwrap_or_default().to_string(),
        Ok(r) => ctx.engine().map_type_name(r.type_name()).to_string(),
        Err(_) => ctx.engine().map_type_name(&format!("{x:?}")).to_string(),
    }
}

/// Two elements compared with `==` as rhai compares them inside arrays (values of
/// different types without an `==` differ) and maps.
fn equal(
    ctx: &NativeCallContext,
    x: &mut Dynamic,
    y: &mut Dynamic,
    lenient: bool,
) -> Result<bool, Box<EvalAltResult>> {
    let same_type = x.type_id() == y.type_id();
    match ctx.call_native_fn_raw("==", true, &mut [x, y]) {
        Ok(r) => Ok(r.as_bool().unwrap_or(false)),
        Err(e)
            if lenient
                && !same_type
                && matches!(*e, EvalAltResult::ErrorFunctionNotFound(ref sig, _) if sig.starts_with("==")) =>
        {
            Ok(false)
        }
        Err(e) => Err(e),
    }
}

/// The engine factory, shared by `script`, `source` and the tests.
fn engine(state: Rc<State>) -> Engine {
    let mut engine = Engine::new();
    // Scripts reach files only through the commands: no modules from files (`import` is a
    // syntax error, and nothing would resolve anyway).
    engine.set_module_resolver(rhai::module_resolvers::DummyModuleResolver::new());
    engine
        .set_max_modules(0)
        .set_max_operations(MAX_OPERATIONS)
        .set_max_call_levels(MAX_CALL_LEVELS)
        .set_max_expr_depths(64, 32)
        .set_max_string_size(MAX_STRING)
        .set_max_array_size(MAX_ARRAY)
        .set_max_map_size(MAX_MAP)
        .set_strict_variables(true);
    engine.disable_symbol("eval");
    engine.disable_symbol("import");
    let st = state.clone();
    engine.on_progress(move |ops| st.check(ops).map(Dynamic::from));
    let st = state.clone();
    engine.on_print(move |s| {
        if st.output(s.len() + 1, Position::NONE) {
            println!("{s}");
        }
    });
    let st = state.clone();
    engine.on_debug(move |s, src, pos| {
        let at = match (src, pos.line()) {
            (Some(src), Some(l)) => format!("{src}:{l}: "),
            _ => String::new(),
        };
        if st.output(at.len() + s.len() + 1, pos) {
            eprintln!("{at}{s}");
        }
    });
    bounded_values(&mut engine, &state);
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
            let map = Dynamic::from_map(map);
            if deeper_than(&map, MAX_DEPTH) {
                return Err(runtime(too_deep("policy_from()"), pos));
            }
            let map = map.cast::<Map>();
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
    let state = Rc::new(State::new(shared.clone()));
    let engine = engine(state.clone());
    let result = (|| {
        let mut scope = Scope::new();
        let args: Array = args.iter().map(|a| Dynamic::from(a.clone())).collect();
        scope.push_constant("ARGS", args);
        let mut ast = engine.compile_with_scope(&scope, text).map_err(|e| {
            let message = match e.to_string() {
                m if m.starts_with("'import' is a reserved keyword") => {
                    "`import` is not available: scripts reach files only through the commands"
                        .to_string()
                }
                m => m,
            };
            locate(source, text, &message, e.position())
        })?;
        ast.set_source(source);
        let result = engine.run_ast_with_scope(&mut scope, &ast);
        // A limit hit where no error could be returned: its own position when known.
        match (result, state.stop.borrow_mut().take()) {
            (Ok(()), None) => Ok(()),
            (Err(e), None) => Err(script_error(source, text, *e)),
            (result, Some((message, pos))) => {
                let at = match result {
                    Err(e) if pos.is_none() => e.position(),
                    _ => pos,
                };
                Err(locate(source, text, &message, at))
            }
        }
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
    let name = crate::abi::signature::escape_bare(path.as_os_str().as_encoded_bytes());
    let text = read_script(path).map_err(|message| ScriptError {
        source: name.clone(),
        line: 0,
        column: 0,
        message: format!("cannot read the script: {message}"),
        text: None,
    })?;
    run(session, &name, &text, args)
}

/// A script file's text: a regular file of at most [`MAX_FILE`] bytes, in UTF-8.
fn read_script(path: &Path) -> Result<String, String> {
    use std::os::unix::fs::OpenOptionsExt;
    // Non-blocking, so that opening a FIFO does not wait for a writer.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| e.to_string())?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    crate::format::fs::read_text(file, MAX_FILE, "a script")
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
            None if deeper_than(&v, MAX_DEPTH) => too_deep("throw"),
            None => format!("the script threw {v}"),
        },
        // A limit (see `State::check`).
        EvalAltResult::ErrorTerminated(v, _) => v.to_string(),
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
            command_line(
                "run",
                &[Dynamic::from(argv.clone()), s("--landlock-reports check")]
            )
            .unwrap(),
            "run --landlock-reports check -- ls -l 'a b'"
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
