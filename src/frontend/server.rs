//! The command API over a Unix socket: `seccomp-pledge serve [--socket PATH]` (and the
//! seed's `--api`). Each connection speaks the shell grammar line by line (`nc -U PATH`
//! works) and gets its own session; every line gets one response (blank lines and comments
//! too), which ends with a status line, `ok` or `error: MESSAGE`; `format json` switches the
//! connection to one JSON object per line.
//!
//! Safety model:
//! - The socket is 0600 in a directory that must belong to us and not be writable by
//!   others (`$XDG_RUNTIME_DIR`, else a private `/tmp/seccomp-pledge-UID`); a live socket
//!   is never taken over, a stale one is replaced, and it is removed on SIGINT/SIGTERM.
//! - The socket is out of reach of every sandbox ([`super::peer`] has the whole rule). Peers
//!   are pinned with `SO_PEERPIDFD` (a pid reused after `connect` cannot stand in for the
//!   peer) and refused when their uid (`SO_PEERCRED`) is not the server's, when they descend
//!   from the server (every program it sandboxes does, orphans included: the server and each
//!   connection are child subreapers), or when they are more confined than the server: in
//!   seccomp filter mode with more filters than the server has, in strict mode, or with
//!   `no_new_privs` the server lacks. Every seccomp-pledge sandbox, wherever it was started,
//!   is so; clients in the server's own container or service are not.
//!   `--allow-confined-clients` lets confined peers in (and with them any sandbox of the
//!   server's uid). Each refusal is logged on the server's stderr (pid, escaped command
//!   name, reason) and the client gets an `error:` line before the connection is closed.
//! - Each connection is served by its own forked process, so its jobs, children and
//!   signals cannot touch another's, and a failure ends one connection only. The program's
//!   output and the reports stream to the client while it runs; a client that hangs up
//!   kills everything its connection started.
//! - Limits: line length, idle time, concurrent connections; one job at a time per client
//!   (a connection runs its commands in order).

use crate::abi::signature::escape_text;
use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::peer::{Confinement, Rules, admit};
use super::{execute, json_response};
use crate::command::parse_line;
use crate::error::Error;
use crate::session::{Output, Session};

/// How the server behaves.
#[derive(Clone, Debug)]
pub(crate) struct ServeOptions {
    /// The socket path (default: [`default_socket`]).
    pub socket: Option<PathBuf>,
    /// Most connections served at once; more are refused with an error line.
    pub max_clients: usize,
    /// A connection idle this long is closed.
    pub idle_timeout: Duration,
    /// Longest command line.
    pub max_line: usize,
    /// A client that does not read its responses for this long is disconnected.
    pub write_timeout: Duration,
    /// Accept peers more confined than the server (`--allow-confined-clients`): trusted
    /// clients inside other confinement, and with them any sandbox of the server's uid.
    pub allow_confined_clients: bool,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            socket: None,
            max_clients: 64,
            idle_timeout: Duration::from_secs(600),
            max_line: 64 * 1024,
            write_timeout: Duration::from_secs(30),
            allow_confined_clients: false,
        }
    }
}

fn fail(message: impl Into<String>, hint: Option<&str>) -> Error {
    Error::usage(message, hint.map(str::to_string))
}

/// The uid we run as.
fn uid() -> u32 {
    // SAFETY: geteuid cannot fail.
    unsafe { libc::geteuid() }
}

/// `$XDG_RUNTIME_DIR/seccomp-pledge.sock`, else `/tmp/seccomp-pledge-UID/seccomp-pledge.sock`.
pub(crate) fn default_socket() -> PathBuf {
    match std::env::var_os("XDG_RUNTIME_DIR").filter(|d| !d.is_empty()) {
        Some(d) => PathBuf::from(d).join("seccomp-pledge.sock"),
        None => PathBuf::from(format!("/tmp/seccomp-pledge-{}", uid())).join("seccomp-pledge.sock"),
    }
}

/// Checks (creating it 0700 when `create`) the socket's directory: a real directory (not a
/// symlink), ours, not writable by group or others.
fn check_dir(dir: &Path, create: bool) -> Result<(), Error> {
    use std::os::unix::fs::DirBuilderExt;
    let meta = match std::fs::symlink_metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && create => {
            std::fs::DirBuilder::new()
                .mode(0o700)
                .create(dir)
                .map_err(|e| fail(format!("cannot create `{}`: {e}", dir.display()), None))?;
            std::fs::symlink_metadata(dir)
                .map_err(|e| fail(format!("cannot inspect `{}`: {e}", dir.display()), None))?
        }
        Err(e) => {
            return Err(fail(
                format!("cannot use the directory `{}`: {e}", dir.display()),
                None,
            ));
        }
    };
    if meta.file_type().is_symlink() || !meta.is_dir() {
        return Err(fail(
            format!(
                "`{}` is not a directory (a symlink?): refusing to put the socket there",
                dir.display()
            ),
            Some("choose another --socket path"),
        ));
    }
    if meta.uid() != uid() {
        return Err(fail(
            format!(
                "`{}` belongs to uid {}, not to us (uid {})",
                dir.display(),
                meta.uid(),
                uid()
            ),
            Some("choose a directory of your own with --socket"),
        ));
    }
    if meta.mode() & 0o022 != 0 {
        return Err(fail(
            format!(
                "`{}` is writable by others (mode {:o}): anyone could replace the socket",
                dir.display(),
                meta.mode() & 0o7777
            ),
            Some("use a private directory (chmod 700), or the default ($XDG_RUNTIME_DIR)"),
        ));
    }
    Ok(())
}

/// Binds the socket: refuses a live one, replaces a stale one, 0600 from the start.
fn bind(path: &Path, default_dir: bool) -> Result<UnixListener, Error> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    check_dir(dir, default_dir)?;
    match std::fs::symlink_metadata(path) {
        Ok(m) => {
            use std::os::unix::fs::FileTypeExt;
            if !m.file_type().is_socket() {
                return Err(fail(
                    format!("`{}` exists and is not a socket", path.display()),
                    Some("remove it, or choose another --socket path"),
                ));
            }
            match UnixStream::connect(path) {
                Ok(_) => {
                    return Err(fail(
                        format!("a server is already running on `{}`", path.display()),
                        Some("connect to it (`nc -U PATH`), or stop it first"),
                    ));
                }
                Err(e) if e.raw_os_error() == Some(libc::ECONNREFUSED) => {
                    // Stale: left by a server that died.
                    std::fs::remove_file(path).map_err(|e| {
                        fail(
                            format!("cannot remove the stale socket `{}`: {e}", path.display()),
                            None,
                        )
                    })?;
                }
                Err(e) => {
                    return Err(fail(
                        format!("cannot check `{}`: {e}", path.display()),
                        None,
                    ));
                }
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(fail(format!("cannot use `{}`: {e}", path.display()), None)),
    }
    // SAFETY: umask only changes this process's file-creation mask (restored below).
    let old = unsafe { libc::umask(0o177) };
    let listener = UnixListener::bind(path);
    // SAFETY: restoring the mask.
    unsafe { libc::umask(old) };
    let listener =
        listener.map_err(|e| fail(format!("cannot listen on `{}`: {e}", path.display()), None))?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(|e| {
        fail(
            format!("cannot set the mode of `{}`: {e}", path.display()),
            None,
        )
    })?;
    Ok(listener)
}

static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_stop(_: libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

/// The parent of a process, from `/proc` (the kernel's record, not the process's).
fn parent_of(pid: i32) -> Option<i32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    rest.split_whitespace().nth(1)?.parse().ok()
}

/// Whether `pid` descends from `ancestor`.
fn descends_from(pid: i32, ancestor: i32) -> bool {
    let mut p = pid;
    for _ in 0..4096 {
        match parent_of(p) {
            Some(pp) if pp == ancestor => return true,
            Some(pp) if pp > 1 => p = pp,
            _ => return false,
        }
    }
    false
}

/// Kills every process descending from `root` (repeatedly, to catch forks in flight).
fn kill_descendants(root: i32) {
    for _ in 0..5 {
        let mut found = false;
        let Ok(dir) = std::fs::read_dir("/proc") else {
            return;
        };
        for entry in dir.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|s| s.parse::<i32>().ok())
            else {
                continue;
            };
            if pid != root && descends_from(pid, root) {
                found = true;
                // SAFETY: signalling a process we started (a descendant of this connection).
                unsafe { libc::kill(pid, libc::SIGKILL) };
            }
        }
        if !found {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Serves until SIGINT/SIGTERM/SIGHUP; returns the exit status.
///
/// # Errors
/// The socket cannot be set up (directory unsafe, already running …).
pub(crate) fn serve(opts: &ServeOptions) -> Result<i32, Error> {
    let (path, default_dir) = match &opts.socket {
        Some(p) => (p.clone(), false),
        None => (
            default_socket(),
            std::env::var_os("XDG_RUNTIME_DIR").is_none(),
        ),
    };
    // What peers are compared with: read before the socket exists.
    let server = Confinement::of_self().map_err(|e| {
        fail(
            format!("cannot read the server's own confinement: {e}"),
            Some("the peer checks need /proc"),
        )
    })?;
    let listener = bind(&path, default_dir)?;
    listener.set_nonblocking(true)?;
    // SAFETY: orphans of every connection are reparented here and reaped below.
    unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) };
    let act = nix::sys::signal::SigAction::new(
        nix::sys::signal::SigHandler::Handler(on_stop),
        nix::sys::signal::SaFlags::empty(),
        nix::sys::signal::SigSet::empty(),
    );
    for s in [
        nix::sys::signal::Signal::SIGINT,
        nix::sys::signal::Signal::SIGTERM,
        nix::sys::signal::Signal::SIGHUP,
    ] {
        // SAFETY: the handler only stores to an atomic.
        let _ = unsafe { nix::sys::signal::sigaction(s, &act) };
    }
    if server.is_confined() {
        eprintln!(
            "seccomp-pledge: note: the server itself runs confined ({server}); clients confined \
             no more than that are accepted, whatever confines them"
        );
    }
    if opts.allow_confined_clients {
        eprintln!(
            "seccomp-pledge: warning: --allow-confined-clients: programs more confined than the \
             server (sandboxes of uid {} included) may connect and run commands with the \
             server's privileges",
            uid()
        );
    }
    println!(
        "seccomp-pledge: serving the command API on {} (connect with `nc -U {}`; Ctrl-C stops)",
        path.display(),
        path.display()
    );
    let _ = std::io::stdout().flush();
    let rules = Rules {
        uid: uid(),
        // SAFETY: getpid cannot fail.
        server_pid: unsafe { libc::getpid() },
        server,
        allow_confined: opts.allow_confined_clients,
    };
    let mut clients: HashSet<i32> = HashSet::new();
    while !STOP.load(Ordering::SeqCst) {
        // Reap finished connections (and orphans reparented to us).
        loop {
            let mut status = 0;
            // SAFETY: waitpid with a valid status pointer.
            let pid = unsafe { libc::waitpid(-1, &mut status, libc::WNOHANG) };
            if pid <= 0 {
                break;
            }
            clients.remove(&pid);
        }
        let mut pfd = libc::pollfd {
            fd: listener.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd.
        let n = unsafe { libc::poll(&mut pfd, 1, 200) };
        if n <= 0 {
            continue;
        }
        let Ok((mut stream, _)) = listener.accept() else {
            continue;
        };
        let _ = stream.set_nonblocking(false);
        let _ = stream.set_write_timeout(Some(Duration::from_secs(2)));
        let admitted = match admit(&stream, &rules) {
            Ok(a) => a,
            Err(r) => {
                refuse(&mut stream, &r.who, &r.why, r.hint.as_deref());
                continue;
            }
        };
        if clients.len() >= opts.max_clients {
            refuse(
                &mut stream,
                &admitted.who,
                &format!(
                    "too many connections ({} served at once); try again later",
                    opts.max_clients
                ),
                None,
            );
            continue;
        }
        if let Some(how) = &admitted.confined {
            eprintln!(
                "seccomp-pledge: accepted a confined client, {} (--allow-confined-clients): {how}",
                admitted.who
            );
        }
        // SAFETY: the server is single-threaded here, so the child may run ordinary code.
        match unsafe { libc::fork() } {
            0 => {
                drop(listener);
                let code = connection(stream, opts);
                std::process::exit(code);
            }
            pid if pid > 0 => {
                clients.insert(pid);
            }
            _ => {
                let _ = writeln!(
                    stream,
                    "error: cannot serve the connection: {}",
                    std::io::Error::last_os_error()
                );
            }
        }
    }
    let _ = std::fs::remove_file(&path);
    println!("seccomp-pledge: stopped; removed {}", path.display());
    Ok(0)
}

/// Logs a refusal on the server's stderr and tells the client (`hint:` and `error:` lines)
/// before the connection is closed.
fn refuse(stream: &mut UnixStream, who: &str, why: &str, hint: Option<&str>) {
    eprintln!("seccomp-pledge: refused a connection from {who}: {why}");
    let text = crate::error::render(&fail(why, hint), crate::error::At::Socket);
    let _ = stream.write_all(text.as_bytes());
}

/// Longest piece of program output relayed at once (a longer line is split).
const RELAY_CHUNK: usize = 64 * 1024;

/// Where responses and relayed output go, in order.
struct Client {
    stream: Mutex<UnixStream>,
    json: AtomicBool,
}

impl Client {
    fn send(&self, bytes: &[u8]) -> bool {
        let mut s = match self.stream.lock() {
            Ok(s) => s,
            Err(p) => p.into_inner(),
        };
        s.write_all(bytes).is_ok()
    }

    fn send_line(&self, line: &str) -> bool {
        let mut b = Vec::with_capacity(line.len() + 1);
        b.extend_from_slice(line.as_bytes());
        b.push(b'\n');
        self.send(&b)
    }
}

/// The client is gone (or stopped reading): end everything this connection started.
fn hang_up() -> ! {
    // SAFETY: getpid cannot fail.
    kill_descendants(unsafe { libc::getpid() });
    // SAFETY: ends this connection's process at once, from any thread.
    unsafe { libc::_exit(0) }
}

/// Serves one connection in its own process; returns its exit status.
fn connection(stream: UnixStream, opts: &ServeOptions) -> i32 {
    // SAFETY: plain process-state changes in this (single-threaded) child.
    unsafe {
        libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
        for s in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            libc::signal(s, libc::SIG_DFL);
        }
    }
    let _ = stream.set_write_timeout(Some(opts.write_timeout));
    let _ = stream.set_read_timeout(Some(opts.idle_timeout));
    let Ok(reader_stream) = stream.try_clone() else {
        return 1;
    };
    let client = Arc::new(Client {
        stream: Mutex::new(stream),
        json: AtomicBool::new(false),
    });

    // stdout and stderr (ours, the programs', the reports') go through a pipe to a relay
    // thread, so they reach the client in order, as text or wrapped in JSON.
    let mut fds = [0; 2];
    // SAFETY: pipe2 fills two fds; dup2 onto 1 and 2; /dev/null on 0.
    unsafe {
        if libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) != 0 {
            return 1;
        }
        libc::dup2(fds[1], 1);
        libc::dup2(fds[1], 2);
        libc::close(fds[1]);
        let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDONLY | libc::O_CLOEXEC);
        if null >= 0 {
            libc::dup2(null, 0);
            libc::close(null);
        }
    }
    // SAFETY: the read end is ours alone.
    let relay_in = unsafe { OwnedFd::from_raw_fd(fds[0]) };
    // The sync requests travel on a pipe of their own, which no program ever holds (both
    // ends close on exec): no output can split, fake or swallow them.
    let mut ctl = [0; 2];
    // SAFETY: pipe2 fills two fds.
    if unsafe { libc::pipe2(ctl.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return 1;
    }
    // SAFETY: both ends are ours alone.
    let (sync_in, sync_out) =
        unsafe { (OwnedFd::from_raw_fd(ctl[0]), OwnedFd::from_raw_fd(ctl[1])) };
    let mut sync_out = std::fs::File::from(sync_out);
    // The helper threads block every signal, so that SIGCHLD and the terminal signals reach
    // the supervisor's signalfd in the main thread (a signal is delivered to any thread
    // that does not block it).
    let blocked = crate::sandbox::os::BlockedSignals::all();
    let (synced, sync_seen) = mpsc::channel::<u64>();
    let relay_client = client.clone();
    std::thread::spawn(move || relay(relay_in, sync_in, &relay_client, &synced));

    // Watch for a hang-up while a command runs (the reader is busy then).
    let watch_fd = reader_stream.as_raw_fd();
    std::thread::spawn(move || {
        let mut pfd = libc::pollfd {
            fd: watch_fd,
            events: 0,
            revents: 0,
        };
        loop {
            // SAFETY: one valid pollfd; events 0 waits for hang-up or error only.
            let n = unsafe { libc::poll(&mut pfd, 1, -1) };
            if n > 0 && pfd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                hang_up();
            }
        }
    });

    // The main thread's mask back.
    drop(blocked);

    let mut session = Session::default();
    let mut reader = BufReader::with_capacity(64 * 1024, reader_stream);
    let mut sync_n: u64 = 0;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let line = match read_line(&mut reader, &mut buf, opts.max_line) {
            Ok(Line::Eof) => return 0,
            Ok(Line::TooLong) => Err(format!(
                "line too long (more than {} bytes): ignored",
                opts.max_line
            )),
            Ok(Line::Done) => decode(&buf),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                respond_error(
                    &client,
                    &fail(
                        format!(
                            "idle for {} s: closing the connection",
                            opts.idle_timeout.as_secs()
                        ),
                        None,
                    ),
                );
                hang_up();
            }
            Err(_) => hang_up(),
        };
        let line = match line {
            Ok(l) => l,
            Err(m) => {
                if !respond_error(&client, &fail(m, None)) {
                    hang_up();
                }
                continue;
            }
        };
        let cmd = match parse_line(&line) {
            Ok(Some(c)) => c,
            Ok(None) => {
                // A blank line or a comment: nothing to do, but still a status line.
                if !respond(&client, &Ok(Output::default())) {
                    hang_up();
                }
                continue;
            }
            Err(e) => {
                let e = Error::from(e);
                if !respond(&client, &Err(e)) {
                    hang_up();
                }
                continue;
            }
        };
        let mut json = client.json.load(Ordering::SeqCst);
        let result = execute(&mut session, &mut json, cmd);
        client.json.store(json, Ordering::SeqCst);
        // Everything the command printed must reach the client before its response.
        let _ = std::io::stdout().flush();
        let _ = std::io::stderr().flush();
        sync_n += 1;
        // The relay forwards everything written before this request, then answers it.
        if sync_out.write_all(&sync_n.to_ne_bytes()).is_ok() {
            while let Ok(n) = sync_seen.recv() {
                if n == sync_n {
                    break;
                }
            }
        }
        if !respond(&client, &result) {
            hang_up();
        }
        if result.is_ok_and(|o| o.quit) {
            return 0;
        }
    }
}

enum Line {
    Done,
    Eof,
    TooLong,
}

/// Reads one line into `buf` (without the newline), refusing more than `max` bytes (the
/// rest of such a line is read and dropped, so the connection stays usable).
fn read_line(r: &mut impl BufRead, buf: &mut Vec<u8>, max: usize) -> std::io::Result<Line> {
    let mut too_long = false;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok(if buf.is_empty() && !too_long {
                Line::Eof
            } else if too_long {
                Line::TooLong
            } else {
                Line::Done
            });
        }
        let (take, done) = match chunk.iter().position(|b| *b == b'\n') {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        if !too_long {
            if buf.len() + take > max {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&chunk[..take]);
            }
        }
        r.consume(if done { take + 1 } else { take });
        if done {
            return Ok(if too_long { Line::TooLong } else { Line::Done });
        }
    }
}

/// A line's bytes as a command: no NUL, UTF-8, CRLF accepted.
pub(crate) fn decode(bytes: &[u8]) -> Result<String, String> {
    let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    if let Some(i) = bytes.iter().position(|b| *b == 0) {
        return Err(format!(
            "the line holds a NUL byte (at byte {i}): not a command"
        ));
    }
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        format!(
            "the line is not UTF-8 (at byte {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Sends a response: the text, notes and the status line, or one JSON object.
fn respond(client: &Client, result: &Result<Output, Error>) -> bool {
    client.send(response(client.json.load(Ordering::SeqCst), result).as_bytes())
}

fn respond_error(client: &Client, e: &Error) -> bool {
    client.send(error_response(client.json.load(Ordering::SeqCst), e).as_bytes())
}

/// A response as the client receives it, newline included: with `json`, one JSON object;
/// else the text and notes (escaped, a note on one line) and the status line, `ok`, or
/// [`error_response`]'s `hint:` and `error:` lines.
fn response(json: bool, result: &Result<Output, Error>) -> String {
    if json {
        return format!("{}\n", json_response(result.as_ref()));
    }
    match result {
        Ok(out) => {
            let mut s = String::new();
            if !out.text.is_empty() {
                s.push_str(&escape_text(&out.text));
                s.push('\n');
            }
            for n in &out.notes {
                s.push_str(&format!("note: {}\n", escape_text(n).replace('\n', " ")));
            }
            s.push_str("ok\n");
            s
        }
        Err(e) => error_response(false, e),
    }
}

/// An error response, newline included: with `json`, `{"ok": false, "error", "hint"}` (and
/// `"at"` for a parse error); else the error rendered for a socket, a `hint:` line if there
/// is a hint, then the one-line status line `error: MESSAGE`.
fn error_response(json: bool, e: &Error) -> String {
    if json {
        return format!("{}\n", json_response(Err(e)));
    }
    crate::error::render(e, crate::error::At::Socket)
}

/// Forwards the connection's stdout/stderr (`out`) to the client until the pipe closes,
/// line by line (lines longer than [`RELAY_CHUNK`] in pieces). Each sync request on `sync`
/// (a number, from the main thread only) is answered on `synced` once every byte that was
/// in `out` when it arrived has been forwarded, an unfinished last line included (in text
/// mode it gets a newline, so the status line that follows starts a line). Nothing in the
/// output decides when a sync is answered.
fn relay(out: OwnedFd, sync: OwnedFd, client: &Client, synced: &mpsc::Sender<u64>) {
    let out_fd = out.as_raw_fd();
    let mut out = std::fs::File::from(out);
    let mut sync = std::fs::File::from(sync);
    let mut lines = Lines::default();
    let mut buf = vec![0u8; RELAY_CHUNK];
    let mut send = |piece: &[u8], json: bool| {
        let ok = if json {
            let text = String::from_utf8_lossy(piece);
            let text = text.strip_suffix('\n').unwrap_or(&text);
            client.send_line(&serde_json::json!({"output": text}).to_string())
        } else {
            client.send(piece)
        };
        if !ok {
            hang_up();
        }
    };
    loop {
        let mut pfds = [
            libc::pollfd {
                fd: out_fd,
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: sync.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        // SAFETY: two valid pollfds.
        let n = unsafe { libc::poll(pfds.as_mut_ptr(), 2, -1) };
        if n < 0 {
            if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return;
        }
        if pfds[0].revents != 0 {
            match out.read(&mut buf) {
                Ok(0) | Err(_) => return,
                Ok(n) => lines.push(&buf[..n], client.json.load(Ordering::SeqCst), &mut send),
            }
        }
        if pfds[1].revents != 0 {
            let mut num = [0u8; 8];
            if sync.read_exact(&mut num).is_err() {
                return;
            }
            // What the pipe holds now was written before the request (or while it
            // travelled): forward exactly that much, then the unfinished line.
            let mut pending: libc::c_int = 0;
            // SAFETY: FIONREAD stores the pipe's byte count in a c_int.
            if unsafe { libc::ioctl(out_fd, libc::FIONREAD, &mut pending) } != 0 {
                pending = 0;
            }
            let mut left = usize::try_from(pending).unwrap_or(0);
            while left > 0 {
                let want = left.min(buf.len());
                match out.read(&mut buf[..want]) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => {
                        left -= n;
                        lines.push(&buf[..n], client.json.load(Ordering::SeqCst), &mut send);
                    }
                }
            }
            lines.finish(client.json.load(Ordering::SeqCst), &mut send);
            let _ = synced.send(u64::from_ne_bytes(num));
        }
    }
}

/// Cuts relayed output into lines of at most [`RELAY_CHUNK`] bytes.
#[derive(Default)]
struct Lines {
    /// Bytes of a line not yet forwarded.
    pending: Vec<u8>,
    /// A piece of a longer line was forwarded without its newline (text mode).
    mid_line: bool,
}

impl Lines {
    /// Adds output; hands every complete line (or full-size piece) to `send`.
    fn push(&mut self, bytes: &[u8], json: bool, send: &mut impl FnMut(&[u8], bool)) {
        self.pending.extend_from_slice(bytes);
        let mut start = 0;
        loop {
            let rest = &self.pending[start..];
            let cut = match rest.iter().take(RELAY_CHUNK).position(|b| *b == b'\n') {
                Some(i) => {
                    self.mid_line = false;
                    i + 1
                }
                None if rest.len() >= RELAY_CHUNK => {
                    self.mid_line = true;
                    utf8_cut(&rest[..RELAY_CHUNK])
                }
                None => break,
            };
            send(&rest[..cut], json);
            start += cut;
        }
        self.pending.drain(..start);
    }

    /// Forwards the unfinished line; in text mode, ends the line.
    fn finish(&mut self, json: bool, send: &mut impl FnMut(&[u8], bool)) {
        if json {
            if !self.pending.is_empty() {
                send(&self.pending, true);
            }
        } else if !self.pending.is_empty() || self.mid_line {
            self.pending.push(b'\n');
            send(&self.pending, false);
        }
        self.pending.clear();
        self.mid_line = false;
    }
}

/// Where to cut a full piece of a line: not inside a UTF-8 character when the piece ends
/// with one (so JSON output is not mangled), else at its end.
fn utf8_cut(piece: &[u8]) -> usize {
    let n = piece.len();
    for back in 1..=3.min(n) {
        let b = piece[n - back];
        if b & 0xC0 == 0xC0 {
            // A lead byte: cut before it if its character does not fit.
            let len = if b >= 0xF0 {
                4
            } else if b >= 0xE0 {
                3
            } else {
                2
            };
            return if back < len { n - back } else { n };
        }
        if b & 0xC0 != 0x80 {
            return n;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_bounded_and_decoded() {
        let mut r = BufReader::new(&b"show\r\nxxxxxxxxxx\nok\n\xff\nnul\x00x\n"[..]);
        let mut b = Vec::new();
        assert!(matches!(read_line(&mut r, &mut b, 8).unwrap(), Line::Done));
        assert_eq!(decode(&b).unwrap(), "show", "CRLF accepted");
        b.clear();
        assert!(matches!(
            read_line(&mut r, &mut b, 8).unwrap(),
            Line::TooLong
        ));
        b.clear();
        assert!(matches!(read_line(&mut r, &mut b, 8).unwrap(), Line::Done));
        assert_eq!(
            decode(&b).unwrap(),
            "ok",
            "the connection goes on after a long line"
        );
        b.clear();
        read_line(&mut r, &mut b, 8).unwrap();
        assert!(decode(&b).unwrap_err().contains("not UTF-8"));
        b.clear();
        read_line(&mut r, &mut b, 8).unwrap();
        assert!(decode(&b).unwrap_err().contains("NUL"));
        b.clear();
        assert!(matches!(read_line(&mut r, &mut b, 8).unwrap(), Line::Eof));
    }

    #[test]
    fn relayed_output_is_cut_into_bounded_lines() {
        let mut got: Vec<(Vec<u8>, bool)> = Vec::new();
        let mut send = |b: &[u8], json: bool| got.push((b.to_vec(), json));
        let mut l = Lines::default();
        l.push(b"one\ntw", false, &mut send);
        l.push(b"o\nthree", false, &mut send);
        l.finish(false, &mut send);
        l.finish(false, &mut send);
        let long = vec![b' '; RELAY_CHUNK + 10];
        l.push(&long, true, &mut send);
        l.finish(true, &mut send);
        let texts: Vec<&[u8]> = got.iter().map(|(b, _)| b.as_slice()).collect();
        assert_eq!(
            texts[..3],
            [&b"one\n"[..], b"two\n", b"three\n"],
            "an unfinished last line gets its newline in text mode; a second finish adds none"
        );
        assert_eq!(got.len(), 5, "{:?}", got.len());
        assert_eq!((got[3].0.len(), got[4].0.len()), (RELAY_CHUNK, 10));
        // Text mode: a full piece without newline is ended at the sync.
        let mut got = Vec::new();
        let mut send = |b: &[u8], _: bool| got.push(b.to_vec());
        let mut l = Lines::default();
        l.push(&vec![b'x'; RELAY_CHUNK], false, &mut send);
        l.finish(false, &mut send);
        assert_eq!(got.len(), 2);
        assert_eq!(got[1], b"\n");
    }

    #[test]
    fn pieces_are_not_cut_inside_a_character() {
        assert_eq!(utf8_cut(b"abc"), 3);
        assert_eq!(
            utf8_cut("ab\u{e9}".as_bytes()),
            4,
            "a whole character at the end"
        );
        assert_eq!(
            utf8_cut(&"ab\u{20ac}".as_bytes()[..4]),
            2,
            "a cut euro sign"
        );
        assert_eq!(utf8_cut(&"a\u{1f600}".as_bytes()[..4]), 1, "a cut emoji");
        assert_eq!(
            utf8_cut(b"\x80\x80\x80\x80"),
            4,
            "not UTF-8: cut at the end"
        );
    }

    #[test]
    fn ancestry() {
        // SAFETY: getpid/getppid cannot fail.
        let (me, parent) = unsafe { (libc::getpid(), libc::getppid()) };
        assert_eq!(parent_of(me), Some(parent));
        assert!(descends_from(me, parent));
        assert!(!descends_from(parent, me));
    }

    #[test]
    fn a_line_at_the_end_without_its_newline_still_counts() {
        let mut r = BufReader::new(&b"12345678\n123456789\nlast"[..]);
        let mut b = Vec::new();
        // Exactly the limit is allowed, one byte more is not.
        assert!(matches!(read_line(&mut r, &mut b, 8).unwrap(), Line::Done));
        assert_eq!(b, b"12345678");
        b.clear();
        assert!(matches!(
            read_line(&mut r, &mut b, 8).unwrap(),
            Line::TooLong
        ));
        assert!(b.is_empty());
        assert!(matches!(read_line(&mut r, &mut b, 8).unwrap(), Line::Done));
        assert_eq!(b, b"last");
        b.clear();
        assert!(matches!(read_line(&mut r, &mut b, 8).unwrap(), Line::Eof));
        // A too-long last line without its newline.
        let mut r = BufReader::new(&b"123456789"[..]);
        assert!(matches!(
            read_line(&mut r, &mut b, 8).unwrap(),
            Line::TooLong
        ));
    }

    #[test]
    fn responses_end_with_their_status_line() {
        let out = Output {
            text: "two\nlines \x1b[31m".into(),
            notes: vec!["a note\nover two lines".into()],
            ..Output::default()
        };
        assert_eq!(
            response(false, &Ok(out.clone())),
            "two\nlines \\x1b[31m\nnote: a note over two lines\nok\n"
        );
        assert_eq!(response(false, &Ok(Output::default())), "ok\n");
        let err = Error::usage("bad\nvalue", Some("try `help`".into()));
        assert_eq!(
            response(false, &Err(err)),
            "hint: try `help`\nerror: bad value\n"
        );
        assert_eq!(
            error_response(false, &Error::usage("no hint", None)),
            "error: no hint\n"
        );
    }

    #[test]
    fn json_responses_are_one_object_on_one_line() {
        let out = Output {
            text: "x\ny".into(),
            notes: vec!["n".into()],
            exit: Some(3),
            ..Output::default()
        };
        let line = response(true, &Ok(out));
        assert_eq!(line.matches('\n').count(), 1, "{line}");
        assert!(line.ends_with('\n'));
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"ok": true, "text": "x\ny", "notes": ["n"], "data": null, "exit": 3})
        );
        let err = Error::usage("bad", Some("hint".into()));
        let v: serde_json::Value = serde_json::from_str(&response(true, &Err(err))).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"ok": false, "error": "bad", "hint": "hint"})
        );
        let line = error_response(true, &Error::usage("two\nlines", None));
        assert_eq!(line.matches('\n').count(), 1, "{line}");
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"ok": false, "error": "two\nlines", "hint": null})
        );
    }

    #[test]
    fn the_default_limits() {
        let o = ServeOptions::default();
        assert_eq!(o.socket, None);
        assert_eq!(o.max_clients, 64);
        assert_eq!(o.idle_timeout, Duration::from_secs(600));
        assert_eq!(o.max_line, 64 * 1024);
        assert_eq!(o.write_timeout, Duration::from_secs(30));
        assert!(!o.allow_confined_clients);
    }
}
