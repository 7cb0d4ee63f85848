//! The command API over a Unix socket: real servers and real clients (`nc -U`, std sockets,
//! a client running as `nobody`, a sandboxed probe), 50 concurrent clients, abuse cases,
//! socket permissions, stale and live sockets; sandboxes started elsewhere (by another
//! seccomp-pledge run) are refused, clients confined like the server are not.

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::text_cmp::{assert_text, mask_digits_after, mask_run};
use crate::util::*;

/// A server on a socket in a private temporary directory; stopped (SIGTERM) on drop.
struct Server {
    child: Child,
    dir: tempfile::TempDir,
    path: PathBuf,
    log: PathBuf,
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        Server::start_under(&[], extra)
    }

    /// A server started by `wrapper` (a program that confines itself, then runs the rest of
    /// its command line: `setpriv --no-new-privs`, the probe's `seccomp-filter :: exec`).
    fn start_under(wrapper: &[&str], extra: &[&str]) -> Server {
        let dir = tempdir();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
        let path = dir.path().join("api.sock");
        let log = dir.path().join("server.log");
        let mut cmd = match wrapper.split_first() {
            Some((program, args)) => {
                let mut c = Command::new(program);
                c.args(args).arg(bin());
                c
            }
            None => Command::new(bin()),
        };
        cmd.args(["serve", "--socket"]).arg(&path).args(extra);
        let child = spawn_server(cmd, &log);
        wait_for(&path, &log);
        Server {
            child,
            dir,
            path,
            log,
        }
    }

    fn client(&self) -> Client {
        Client::connect(&self.path)
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn stop(&mut self) -> std::process::ExitStatus {
        // SAFETY: signalling our own child.
        unsafe { libc::kill(self.child.id() as i32, libc::SIGTERM) };
        self.child.wait().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn_server(mut cmd: Command, log: &Path) -> Child {
    let f = std::fs::File::create(log).unwrap();
    cmd.stdin(Stdio::null())
        .stdout(f.try_clone().unwrap())
        .stderr(f)
        .spawn()
        .unwrap()
}

/// Waits until the server says it listens on `path` (in its log, written after `listen`);
/// no probe connection, which would count against `--max-clients`.
fn wait_for(path: &Path, log: &Path) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let want = format!("serving the command API on {}", path.display());
    while !std::fs::read_to_string(log)
        .unwrap_or_default()
        .contains(&want)
    {
        assert!(
            Instant::now() < deadline,
            "the server never listened on {}",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A text-mode client: each command's lines up to and including its status line.
struct Client {
    stream: UnixStream,
    reader: BufReader<UnixStream>,
}

impl Client {
    fn connect(path: &Path) -> Client {
        let stream = UnixStream::connect(path).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        let reader = BufReader::new(stream.try_clone().unwrap());
        Client { stream, reader }
    }

    fn send(&mut self, bytes: &[u8]) {
        self.stream.write_all(bytes).unwrap();
    }

    /// Reads lines up to the status line; returns (lines before it, the status line).
    fn response(&mut self) -> (Vec<String>, String) {
        let mut lines = Vec::new();
        loop {
            let mut l = String::new();
            let n = self.reader.read_line(&mut l).unwrap();
            assert!(n > 0, "the connection closed; got {lines:?}");
            let l = l.trim_end_matches('\n').to_string();
            if l == "ok" || l.starts_with("error: ") {
                return (lines, l);
            }
            lines.push(l);
        }
    }

    fn cmd(&mut self, line: &str) -> (Vec<String>, String) {
        self.send(format!("{line}\n").as_bytes());
        self.response()
    }

    fn ok(&mut self, line: &str) -> Vec<String> {
        let (lines, status) = self.cmd(line);
        assert_eq!(status, "ok", "{line}: {lines:?}");
        lines
    }

    /// Fails reads that take longer than `d` (a hang fails the test rather than stalling it).
    fn timeout(self, d: Duration) -> Client {
        self.stream.set_read_timeout(Some(d)).unwrap();
        self
    }

    /// Reads a JSON response: the program's streamed `output` lines, then the response.
    fn json_response(&mut self) -> (Vec<String>, serde_json::Value) {
        let mut output = Vec::new();
        loop {
            let v = self.json();
            match v.get("output") {
                Some(o) => output.push(o.as_str().unwrap().to_string()),
                None => return (output, v),
            }
        }
    }

    /// Reads one JSON line.
    fn json(&mut self) -> serde_json::Value {
        let mut l = String::new();
        self.reader.read_line(&mut l).unwrap();
        serde_json::from_str(&l).unwrap_or_else(|e| panic!("not JSON: {l:?}: {e}"))
    }
}

#[test]
fn a_session_with_nc_and_responses_with_status_lines() {
    if !require_kernel() {
        return;
    }
    let server = Server::start(&[]);
    let mode = std::fs::metadata(&server.path)
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "socket mode {mode:o}");
    let mut nc = Command::new("nc")
        .args(["-N", "-U"])
        .arg(&server.path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("nc (netcat-openbsd) is installed; .ci/run installs it");
    nc.stdin
        .take()
        .unwrap()
        .write_all(b"promise stdio rpath\nallow opnat\nhelp promise\nshow\nquit\n")
        .unwrap();
    let out = nc.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "promises: stdio rpath", "{text}");
    assert_eq!(lines[1], "ok", "{text}");
    // The error with its hint, help, show, each with its status line.
    assert_text(&text, "\
promises: stdio rpath
ok
hint: did you mean `openat`?
error: unknown syscall `opnat`
promise [--exec] NAME…
  grant pledge promises (stdio rpath wpath cpath inet dns proc exec …)

Promises add up. `show syscalls NAME` lists what a promise allows; `unpromise` takes one back. With --exec, the exec promises (OpenBSD's execpromises, `-e`): what every program the program executes gets, a subset of the promises.

also: pledge

examples:
  promise stdio rpath
  promise inet dns
  promise --exec stdio rpath
ok
promises  stdio rpath
penalty   eperm
unveil    (nothing beyond what the program and its promises need)
rules     (none)
limits    cpu default, memory default, open-files default, processes default, file-size default
options   unveil on, strict off, nice off, keep-fds off, keep-caps off, allow-loader-promises off
(unsaved changes)
ok
ok
", Path::new(""));
    assert_eq!(lines.iter().filter(|l| **l == "ok").count(), 4, "{text}");
}

#[test]
fn json_format_streams_output_and_returns_data() {
    if !require_kernel() {
        return;
    }
    let server = Server::start(&[]);
    let mut c = server.client();
    c.send(b"format json\n");
    assert_eq!(c.json()["ok"], true);
    let probe = s(probe_static());
    c.send(b"promise stdio\n");
    assert_eq!(c.json()["text"], "promises: stdio");
    c.send(format!("run -- {probe} echo hello :: socket AF_INET SOCK_STREAM\n").as_bytes());
    let (output, resp) = c.json_response();
    assert!(
        output.iter().any(|l| l == "echo ok hello"),
        "program output streamed: {output:?}"
    );
    // The program's lines and the tool's come through separate pipes, in an order that
    // may vary: the tool's are compared as a block.
    let reports: String = output
        .iter()
        .filter(|l| l.starts_with("seccomp-pledge: "))
        .map(|l| mask_run(l) + "\n")
        .collect();
    let reports = without_root_warning(&reports);
    assert_text(&reports, "\
seccomp-pledge: denied socket(AF_INET, SOCK_STREAM, IPPROTO_IP) in probe-static[PID]: needs promise inet, anet or dns
", Path::new(""));
    assert_eq!(resp["ok"], true, "{resp}");
    assert_eq!(resp["data"]["denials"][0]["promise"], "inet", "{resp}");
    // A launch's warnings reach the client that ran the program, not the server's stderr.
    // SAFETY: getuid has no preconditions.
    assert_eq!(unsafe { libc::getuid() }, 0, "this test needs root");
    let warning = seccomp_pledge::ROOT_NPROC_WARNING;
    assert_eq!(
        resp["notes"][0],
        format!("warning: {warning}"),
        "the launch's warning is the first note: {resp}"
    );
    assert!(!server.log().contains(warning), "{}", server.log());
    c.send(b"allow opnat\n");
    let e = c.json();
    assert_eq!(e["ok"], false);
    assert_eq!(e["hint"], "did you mean `openat`?");
    assert_eq!(e["at"], serde_json::json!([6, 11]));
}

#[test]
fn fifty_clients_build_policies_and_run_probes_at_once() {
    if !require_kernel() {
        return;
    }
    let server = Server::start(&[]);
    let probe = s(probe_static());
    let threads: Vec<_> = (0..50)
        .map(|i| {
            let path = server.path.clone();
            let probe = probe.clone();
            std::thread::spawn(move || {
                let mut c = Client::connect(&path);
                c.ok("promise stdio");
                if i % 2 == 0 {
                    c.ok("promise inet");
                }
                let (lines, status) = c.cmd(&format!("run -- {probe} socket AF_INET SOCK_STREAM"));
                assert_eq!(status, "ok", "{lines:?}");
                let want = if i % 2 == 0 {
                    "socket ok"
                } else {
                    "socket EPERM"
                };
                assert!(
                    lines.iter().any(|l| l.starts_with(want)),
                    "client {i}: {lines:?}"
                );
                c.ok("quit");
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
}

#[test]
fn abuse_long_lines_bad_bytes_slow_senders_and_limits() {
    if !require_kernel() {
        return;
    }
    let server = Server::start(&[]);
    let mut c = server.client();
    // 10 MiB line: one error, and the connection stays usable.
    let mut big = vec![b'a'; 10 << 20];
    big.push(b'\n');
    let writer = {
        let mut w = c.stream.try_clone().unwrap();
        std::thread::spawn(move || w.write_all(&big).unwrap())
    };
    let (_, status) = c.response();
    writer.join().unwrap();
    assert_text(
        &status,
        "error: line too long (more than 65536 bytes): ignored",
        Path::new(""),
    );
    c.ok("promise stdio");
    // CRLF, invalid UTF-8, NUL.
    c.send(b"show promises\r\n");
    assert_eq!(c.response().1, "ok");
    c.send(b"\xff\xfe\n");
    assert_text(
        &c.response().1,
        "error: the line is not UTF-8 (at byte 0)",
        Path::new(""),
    );
    c.send(b"promise\x00stdio\n");
    assert_text(
        &c.response().1,
        "error: the line holds a NUL byte (at byte 7): not a command",
        Path::new(""),
    );
    // A slow sender.
    for b in b"promise rpath\n" {
        c.send(&[*b]);
        std::thread::sleep(Duration::from_millis(30));
    }
    assert_eq!(c.response().1, "ok");
    drop(c);
    // Connection limit: 4 connections, the 5th is refused with a reason.
    let limited = Server::start(&["--max-clients", "4"]);
    let mut held: Vec<Client> = (0..4).map(|_| limited.client()).collect();
    for c in &mut held {
        c.ok("promise stdio"); // served, so counted
    }
    let mut extra = limited.client();
    let (_, status) = extra.response();
    assert_text(
        &status,
        "error: too many connections (4 served at once); try again later",
        Path::new(""),
    );
    // Idle timeout: an idle connection is told and closed.
    let impatient = Server::start(&["--idle-timeout", "2"]);
    let mut idle = impatient.client();
    let (_, status) = idle.response();
    assert_text(
        &status,
        "error: idle for 2 s: closing the connection",
        Path::new(""),
    );
}

#[test]
fn output_of_any_length_ends_before_the_status_line() {
    if !require_kernel() {
        return;
    }
    let server = Server::start(&[]);
    let mut c = server.client().timeout(Duration::from_secs(20));
    c.ok("promise stdio rpath");
    // Last lines around the relay's 64 KiB reads (the marker used to be split across two
    // reads there and the connection never answered again), with and without a newline.
    for (n, newline) in [
        (65515, false),
        (65520, false),
        (65535, false),
        (65536, false),
        (65520, true),
        (200_000, false),
        (3, false),
    ] {
        let nl = if newline { "\\n" } else { "" };
        let started = Instant::now();
        let lines = c.ok(&format!("run -- /usr/bin/printf '%{n}s{nl}'"));
        assert!(started.elapsed() < Duration::from_secs(15), "{n}: slow");
        let spaces = " ".repeat(n);
        assert!(
            lines.contains(&spaces),
            "{n} spaces (newline {newline}) on a line of their own, then the status line: {:?}",
            lines.iter().map(|l| l.len()).collect::<Vec<_>>()
        );
        let shown = c.ok("show");
        assert!(
            shown.iter().any(|l| l == "promises  stdio rpath"),
            "after {n}: in step: {shown:?}"
        );
    }
}

#[test]
fn a_program_cannot_fake_split_or_swallow_the_sync_marker() {
    if !require_kernel() {
        return;
    }
    let server = Server::start(&[]);
    let mut c = server.client().timeout(Duration::from_secs(20));
    c.ok("promise stdio rpath"); // sync 1
    // The old in-band marker, for this command (2), earlier and later ones, then a big line
    // (a faked sync used to let the status line overtake it).
    let fake = "\\0seccomp-pledge-sync";
    let run = format!(
        "run -- /usr/bin/printf 'before{fake} 1\\n{fake} 2\\n{fake} 3\\nafter {fake} 4\\n%200000s\\nend{fake} 5'"
    );
    for round in 0..2 {
        let lines = c.ok(&run);
        let at = lines
            .iter()
            .position(|l| l.starts_with("before"))
            .unwrap_or_else(|| panic!("round {round}: {lines:?}"));
        let marker = "\0seccomp-pledge-sync";
        assert_eq!(
            lines[at..at + 6],
            [
                format!("before{marker} 1"),
                format!("{marker} 2"),
                format!("{marker} 3"),
                format!("after {marker} 4"),
                " ".repeat(200_000),
                format!("end{marker} 5"),
            ],
            "round {round}: the program's bytes as they are, all before the status line"
        );
        let shown = c.ok("show");
        assert!(
            shown.iter().any(|l| l == "promises  stdio rpath"),
            "round {round}: in step: {shown:?}"
        );
    }
    // JSON mode: the same bytes come back as output objects, then one response.
    c.send(b"format json\n");
    assert_eq!(c.json()["ok"], true);
    c.send(format!("{run}\n").as_bytes());
    let mut outputs = Vec::new();
    let response = loop {
        let v = c.json();
        match v.get("output") {
            Some(o) => outputs.push(o.as_str().unwrap().to_string()),
            None => break v,
        }
    };
    assert_eq!(response["ok"], true, "{response}");
    let at = outputs
        .iter()
        .position(|l| l.starts_with("before"))
        .unwrap();
    assert_eq!(outputs[at], "before\0seccomp-pledge-sync 1");
    assert_eq!(
        outputs[at + 4],
        " ".repeat(65536),
        "long lines in 64 KiB pieces"
    );
    assert_eq!(outputs.last().unwrap(), "end\0seccomp-pledge-sync 5");
}

#[test]
fn blank_lines_comments_and_spaces_get_a_status_line() {
    if !require_kernel() {
        return;
    }
    let server = Server::start(&[]);
    let mut c = server.client().timeout(Duration::from_secs(10));
    c.send(b"\n# a comment\n   \n\t\r\npromise stdio # trailing\n");
    for what in ["blank", "comment", "spaces", "tab and CR"] {
        assert_eq!(c.response(), (vec![], "ok".to_string()), "{what}");
    }
    assert_eq!(c.response().1, "ok");
    c.send(b"format json\n");
    assert_eq!(c.json()["ok"], true);
    c.send(b"\n#\n \n");
    for what in ["blank", "comment", "space"] {
        let v = c.json();
        assert_eq!(v["ok"], true, "{what}: {v}");
        assert_eq!(v["text"], "", "{what}: {v}");
    }
    c.send(b"promise rpath\n");
    assert_eq!(c.json()["text"], "promises: stdio rpath", "in step");
}

#[test]
fn a_client_that_never_reads_is_dropped_and_others_are_served() {
    if !require_kernel() {
        return;
    }
    let server = Server::start(&["--write-timeout", "1"]);
    let mut flood = UnixStream::connect(&server.path).unwrap();
    flood
        .set_write_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    // Ask for a lot of output and never read it.
    let mut sent = 0;
    for _ in 0..5000 {
        if flood.write_all(b"help\n").is_err() {
            break;
        }
        sent += 1;
    }
    assert!(sent > 0);
    let start = Instant::now();
    let mut other = server.client();
    other.ok("promise stdio");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "another client is served at once"
    );
    // The flooding connection is closed within a few seconds.
    flood
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut sink = vec![0u8; 1 << 20];
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        match flood.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(_) => assert!(
                Instant::now() < deadline,
                "the connection was never dropped"
            ),
        }
    }
}

/// Pids whose command line contains `needle`.
fn pids_running(needle: &str) -> Vec<i32> {
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline"))
                .map(|c| {
                    String::from_utf8_lossy(&c)
                        .replace('\0', " ")
                        .contains(needle)
                })
                .unwrap_or(false)
        })
        .collect()
}

#[test]
fn a_client_that_disconnects_mid_run_kills_what_it_started() {
    if !require_kernel() {
        return;
    }
    let server = Server::start(&[]);
    let mut c = server.client();
    c.ok("promise stdio proc");
    // A process and its child, both sleeping; a unique argument to find them by.
    let probe = s(probe_static());
    c.send(format!("run -- {probe} forked sleep 31500 :: sleep 31501\n").as_bytes());
    let deadline = Instant::now() + Duration::from_secs(10);
    let pids = loop {
        let p = pids_running("sleep 31501");
        if p.len() >= 2 {
            break p;
        }
        assert!(Instant::now() < deadline, "the sleeps never started");
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(c);
    for pid in pids {
        assert!(process_gone(pid), "pid {pid} survived its client");
    }
    // The server goes on.
    server.client().ok("promise stdio");
}

#[test]
fn peers_other_uids_and_sandboxed_programs_are_refused() {
    if !require_kernel() {
        return;
    }
    let server = Server::start(&[]);
    // Open the door wide (as root) so that only the server's own check stands.
    std::fs::set_permissions(server.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&server.path, std::fs::Permissions::from_mode(0o666)).unwrap();
    let out = Command::new("/usr/bin/python3")
        .args([
            "-c",
            "import socket,sys\ns=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); b=b''\nwhile True:\n  d=s.recv(4096)\n  if not d: break\n  b+=d\nprint(b.decode())",
        ])
        .arg(&server.path)
        .uid(65534)
        .gid(65534)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_text(
        &text,
        "\
error: permission denied: uid 65534 is not the server's (uid 0)

",
        Path::new(""),
    );
    // A program sandboxed through the server: refused. (It waits for the answer: a client
    // that has exited by the time it is checked is refused for that instead.)
    let mut c = server.client();
    c.ok("promise stdio unix");
    let probe = s(probe_static());
    let (lines, status) = c.cmd(&format!(
        "run -- {probe} unix-chat {} show",
        s(&server.path)
    ));
    assert_eq!(status, "ok", "{lines:?}");
    assert_text(&mask_probes(&without_root_warning(&lines.join("\n"))), "\
unix-chat ok error: refused: programs started by this server (sandboxed ones included) cannot use its API\\n
note: warning: unix: unveil does not restrict connecting to pathname Unix sockets, so the program can reach every socket file the user can (e.g. /run/docker.sock, the D-Bus bus)
note: `$PROBES/probe-static` exited with status 0", Path::new(""));
    let deadline = Instant::now() + Duration::from_secs(5);
    // (the uid refusal above is logged too: wait for this one's own reason)
    while !server.log().contains("programs started by this server") {
        assert!(Instant::now() < deadline, "not refused: {}", server.log());
        std::thread::sleep(Duration::from_millis(20));
    }
    // One that connects and exits at once: refused all the same.
    let (lines, status) = c.cmd(&format!("run -- {probe} unix-connect {}", s(&server.path)));
    assert_eq!(status, "ok", "{lines:?}");
    let deadline = Instant::now() + Duration::from_secs(5);
    while server
        .log()
        .matches("refused a connection from pid")
        .count()
        < 3
    {
        assert!(Instant::now() < deadline, "not refused: {}", server.log());
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn socket_directory_checks_stale_and_live_sockets_and_clean_stop() {
    if !require_kernel() {
        return;
    }
    // A live server: a second one on the same path is refused.
    let mut a = Server::start(&[]);
    let out = Command::new(bin())
        .args(["serve", "--socket"])
        .arg(&a.path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(125));
    assert_text(
        &String::from_utf8_lossy(&out.stderr),
        "\
seccomp-pledge: error: a server is already running on `$DIR/api.sock`
  hint: connect to it (`nc -U PATH`), or stop it first
",
        a.dir.path(),
    );
    // SIGTERM: the socket is removed.
    let status = a.stop();
    assert!(status.success(), "{status:?}");
    assert!(!a.path.exists(), "the socket is removed on SIGTERM");
    // A stale socket (server killed with SIGKILL) is replaced.
    let mut b = Server::start(&[]);
    b.child.kill().unwrap();
    b.child.wait().unwrap();
    assert!(b.path.exists());
    let mut cmd = Command::new(bin());
    cmd.args(["serve", "--socket"]).arg(&b.path);
    let c_log = b.dir.path().join("c.log");
    let mut c = spawn_server(cmd, &c_log);
    wait_for(&b.path, &c_log);
    Client::connect(&b.path).ok("promise stdio");
    let _ = c.kill();
    let _ = c.wait();
    // A directory others can write to is refused, and so is a symlinked one.
    let d = tempdir();
    std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let out = Command::new(bin())
        .args(["serve", "--socket"])
        .arg(d.path().join("s.sock"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(125));
    assert_text(
        &String::from_utf8_lossy(&out.stderr),
        "\
seccomp-pledge: error: `$DIR` is writable by others (mode 777): anyone could replace the socket
  hint: use a private directory (chmod 700), or the default ($XDG_RUNTIME_DIR)
",
        d.path(),
    );
    let private = tempdir();
    std::fs::set_permissions(private.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    let link = d.path().join("link");
    std::os::unix::fs::symlink(private.path(), &link).unwrap();
    let out = Command::new(bin())
        .args(["serve", "--socket"])
        .arg(link.join("s.sock"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(125),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // `--api` (the seed's flag) serves on $XDG_RUNTIME_DIR/seccomp-pledge.sock.
    let rt = tempdir();
    std::fs::set_permissions(rt.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    let mut cmd = Command::new(bin());
    cmd.arg("--api").env("XDG_RUNTIME_DIR", rt.path());
    let api_log = rt.path().join("api.log");
    let mut api = spawn_server(cmd, &api_log);
    let sock = rt.path().join("seccomp-pledge.sock");
    wait_for(&sock, &api_log);
    Client::connect(&sock).ok("promise stdio");
    // SAFETY: signalling our own child.
    unsafe { libc::kill(api.id() as i32, libc::SIGINT) };
    assert!(api.wait().unwrap().success());
    assert!(!sock.exists());
}

#[test]
fn scripts_run_over_the_socket_too() {
    if !require_kernel() {
        return;
    }
    let server = Server::start(&[]);
    let script = server.dir.path().join("build.rhai");
    std::fs::write(
        &script,
        "quiet(true);\npromise(\"stdio rpath\");\nprint(`built ${policy().promises}`);\n",
    )
    .unwrap();
    let mut c = server.client();
    let lines = c.ok(&format!("source {}", s(&script)));
    assert_text(
        &lines.join("\n"),
        "built [\"stdio\", \"rpath\"]",
        Path::new(""),
    );
    let shown = c.ok("show");
    assert!(
        shown.iter().any(|l| l == "promises  stdio rpath"),
        "the connection's session: {shown:?}"
    );
    let (lines, status) = c.cmd("source /nonexistent.rhai");
    assert!(lines.is_empty(), "{lines:?}");
    assert_text(
        &status,
        "\
error: /nonexistent.rhai: cannot read the script: No such file or directory (os error 2)",
        Path::new(""),
    );
}

/// The attack: the lines a client sends to make the server create `marker` (by running the
/// static probe under promises and an unveil that allow it).
fn attack(marker: &Path) -> String {
    let dir = marker.parent().unwrap();
    format!(
        "promise stdio wpath cpath\nunveil rwc:{}\nrun -- {} open {} O_WRONLY|O_CREAT 0644\n",
        s(dir),
        s(probe_static()),
        s(marker)
    )
}

/// A probe's `unix-chat` reply, with its `\n` escapes turned back into lines.
fn chat_reply(out: &str) -> String {
    out.lines()
        .find_map(|l| l.strip_prefix("unix-chat ok "))
        .unwrap_or_else(|| panic!("no `unix-chat ok` line: {out}"))
        .replace("\\n", "\n")
}

/// The pid a probe printed for its `getpid` step.
fn probe_pid(out: &str) -> i32 {
    out.lines()
        .find_map(|l| l.strip_prefix("getpid ok "))
        .unwrap_or_else(|| panic!("no `getpid ok` line: {out}"))
        .parse()
        .unwrap()
}

/// Runs the static probe, unconfined, as an API client: its pid and the server's reply.
fn plain_chat(wrapper: &[&str], socket: &Path, text: &str, pre: &[&str]) -> (i32, String) {
    let mut cmd = match wrapper.split_first() {
        Some((program, args)) => {
            let mut c = Command::new(program);
            c.args(args).arg(probe_static());
            c
        }
        None => Command::new(probe_static()),
    };
    let out = cmd
        .args(pre)
        .args(["getpid", "::", "unix-chat"])
        .arg(socket)
        .arg(text)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (probe_pid(&stdout), chat_reply(&stdout))
}

/// Runs the static probe as an API client under a separate `seccomp-pledge -p 'stdio unix'`
/// run (not a descendant of the server): its pid and the server's reply.
fn sandboxed_chat(socket: &Path, text: &str) -> (i32, String) {
    let probe = s(probe_static());
    let run = sp(&[
        "-p",
        "stdio unix",
        "--",
        &probe,
        "getpid",
        "::",
        "unix-chat",
        &s(socket),
        text,
    ]);
    assert_eq!(run.code, 0, "{run}");
    (probe_pid(&run.stdout), chat_reply(&run.stdout))
}

#[test]
fn api_attack_works_for_a_plain_client() {
    if !require_kernel() {
        return;
    }
    // The baseline that shows the attack test can see success: a client that is not
    // confined at all is served, and the server runs what it asks for.
    let server = Server::start(&[]);
    let marker = server.dir.path().join("marker");
    let (_, reply) = plain_chat(&[], &server.path, &attack(&marker), &[]);
    assert_text(
        &mask_probes(&without_root_warning(&reply)),
        "\
promises: stdio wpath cpath
ok
unveiled rwc $DIR
ok
open ok 3
note: `$PROBES/probe-static` exited with status 0
ok
",
        server.dir.path(),
    );
    assert!(marker.exists(), "the server ran the command: {reply}");
    assert_text(&server.log(), "\
seccomp-pledge: serving the command API on $DIR/api.sock (connect with `nc -U $DIR/api.sock`; Ctrl-C stops)
", server.dir.path());
}

#[test]
fn a_program_confined_by_another_seccomp_pledge_run_is_refused() {
    if !require_kernel() {
        return;
    }
    let server = Server::start(&[]);
    let marker = server.dir.path().join("marker");
    let (pid, reply) = sandboxed_chat(&server.path, &attack(&marker));
    // No command ran.
    assert_text(&reply, "\
hint: a trusted client inside other confinement can be let in by starting the server with `serve --allow-confined-clients`
error: refused: the client is more confined than the server (it has 2 seccomp filters, the server 0; it has no_new_privs, the server has not): sandboxed programs cannot use this API
", server.dir.path());
    assert_eq!(
        reply.lines().filter(|l| l.starts_with("error: ")).count(),
        1,
        "one error line, then the connection is closed: {reply}"
    );
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        !marker.exists(),
        "the sandbox made the server run a command"
    );
    let log = server.log();
    assert_text(
        &log.replace(&format!("pid {pid} "), "pid PID "),
        "\
seccomp-pledge: serving the command API on $DIR/api.sock (connect with `nc -U $DIR/api.sock`; Ctrl-C stops)
seccomp-pledge: refused a connection from pid PID \"probe-static\" (uid 0): refused: the client is more confined than the server (it has 2 seccomp filters, the server 0; it has no_new_privs, the server has not): sandboxed programs cannot use this API
",
        server.dir.path(),
    );
    // no_new_privs alone is confinement the server lacks; the command name is logged escaped.
    let (_, reply) = plain_chat(
        &["setpriv", "--no-new-privs"],
        &server.path,
        &attack(&marker),
        &["prctl", "PR_SET_NAME", "x\x1b[2J\ny", "::"],
    );
    assert_text(&reply, "\
hint: a trusted client inside other confinement can be let in by starting the server with `serve --allow-confined-clients`
error: refused: the client is more confined than the server (it has no_new_privs, the server has not): sandboxed programs cannot use this API
", server.dir.path());
    assert!(!marker.exists());
    // Control characters never reach the log raw.
    let log = mask_digits_after(&server.log(), "from pid ");
    assert_text(
        &log,
        "\
seccomp-pledge: serving the command API on $DIR/api.sock (connect with `nc -U $DIR/api.sock`; Ctrl-C stops)
seccomp-pledge: refused a connection from pid N \"probe-static\" (uid 0): refused: the client is more confined than the server (it has 2 seccomp filters, the server 0; it has no_new_privs, the server has not): sandboxed programs cannot use this API
seccomp-pledge: refused a connection from pid N \"x\\x1b[2J\\ny\" (uid 0): refused: the client is more confined than the server (it has no_new_privs, the server has not): sandboxed programs cannot use this API
",
        server.dir.path(),
    );
    // The server goes on serving ordinary clients.
    server.client().ok("promise stdio");
}

#[test]
fn allow_confined_clients_lets_a_sandbox_in() {
    if !require_kernel() {
        return;
    }
    // The documented risk of the option: a sandbox started elsewhere gets the API.
    let server = Server::start(&["--allow-confined-clients"]);
    assert_text(&server.log(), "\
seccomp-pledge: warning: --allow-confined-clients: programs more confined than the server (sandboxes of uid 0 included) may connect and run commands with the server's privileges
seccomp-pledge: serving the command API on $DIR/api.sock (connect with `nc -U $DIR/api.sock`; Ctrl-C stops)
", server.dir.path());
    let marker = server.dir.path().join("marker");
    let (pid, reply) = sandboxed_chat(&server.path, &attack(&marker));
    assert_text(
        &mask_probes(&without_root_warning(&reply)),
        "\
promises: stdio wpath cpath
ok
unveiled rwc $DIR
ok
open ok 3
note: `$PROBES/probe-static` exited with status 0
ok
",
        server.dir.path(),
    );
    assert!(marker.exists(), "{reply}");
    let log = server.log().replace(&format!("pid {pid} "), "pid PID ");
    assert_text(&log, "\
seccomp-pledge: warning: --allow-confined-clients: programs more confined than the server (sandboxes of uid 0 included) may connect and run commands with the server's privileges
seccomp-pledge: serving the command API on $DIR/api.sock (connect with `nc -U $DIR/api.sock`; Ctrl-C stops)
seccomp-pledge: accepted a confined client, pid PID \"probe-static\" (uid 0) (--allow-confined-clients): it has 2 seccomp filters, the server 0; it has no_new_privs, the server has not
", server.dir.path());
    // Programs the server itself sandboxed stay refused.
    let mut c = server.client();
    c.ok("promise stdio unix");
    let (lines, _) = c.cmd(&format!(
        "run -- {} unix-chat {} show",
        s(probe_static()),
        s(&server.path)
    ));
    assert_text(&mask_probes(&without_root_warning(&lines.join("\n"))), "\
unix-chat ok error: refused: programs started by this server (sandboxed ones included) cannot use its API\\n
note: warning: unix: unveil does not restrict connecting to pathname Unix sockets, so the program can reach every socket file the user can (e.g. /run/docker.sock, the D-Bus bus)
note: `$PROBES/probe-static` exited with status 0", Path::new(""));
}

#[test]
fn clients_confined_like_the_server_are_accepted() {
    if !require_kernel() {
        return;
    }
    // A server and a client under the same extra seccomp filter (the probe installs an
    // allow-all filter with no_new_privs, then runs the rest of its command line), as in a
    // container or a service: equal, so accepted.
    let probe = s(probe_static());
    let filtered = Server::start_under(&[&probe, "seccomp-filter", "::", "exec"], &[]);
    assert_text(&filtered.log(), "\
seccomp-filter ok
seccomp-pledge: note: the server itself runs confined (no_new_privs, 1 seccomp filter); clients confined no more than that are accepted, whatever confines them
seccomp-pledge: serving the command API on $DIR/api.sock (connect with `nc -U $DIR/api.sock`; Ctrl-C stops)
", filtered.dir.path());
    let marker = filtered.dir.path().join("marker");
    let (_, reply) = plain_chat(
        &[],
        &filtered.path,
        &attack(&marker),
        &["seccomp-filter", "::"],
    );
    assert_text(
        &mask_probes(&without_root_warning(&reply)),
        "\
promises: stdio wpath cpath
ok
unveiled rwc $DIR
ok
open ok 3
note: `$PROBES/probe-static` exited with status 0
ok
",
        filtered.dir.path(),
    );
    assert!(marker.exists(), "{reply}");
    std::fs::remove_file(&marker).unwrap();
    // A plain client is less confined than that server: accepted too.
    filtered.client().ok("promise stdio");
    // A seccomp-pledge sandbox started in the same confinement adds a filter: refused.
    let out = Command::new(probe_static())
        .args(["seccomp-filter", "::", "exec"])
        .arg(bin())
        .args(["-p", "stdio unix", "--", &probe, "unix-chat"])
        .arg(&filtered.path)
        .arg(attack(&marker))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let reply = chat_reply(&String::from_utf8_lossy(&out.stdout));
    assert_text(&reply, "\
hint: a trusted client inside other confinement can be let in by starting the server with `serve --allow-confined-clients`
error: refused: the client is more confined than the server (it has 3 seccomp filters, the server 1): sandboxed programs cannot use this API
", filtered.dir.path());
    assert!(!marker.exists());
    // A server and a client that both have no_new_privs (and no filter).
    let nnp = Server::start_under(&["setpriv", "--no-new-privs"], &[]);
    let marker = nnp.dir.path().join("marker");
    let (_, reply) = plain_chat(
        &["setpriv", "--no-new-privs"],
        &nnp.path,
        &attack(&marker),
        &[],
    );
    assert_text(
        &mask_probes(&without_root_warning(&reply)),
        "\
promises: stdio wpath cpath
ok
unveiled rwc $DIR
ok
open ok 3
note: `$PROBES/probe-static` exited with status 0
ok
",
        nnp.dir.path(),
    );
    assert!(marker.exists(), "{reply}");
}

#[test]
fn landlock_refusals_reach_socket_clients_as_reports_and_data() {
    if !require_kernel() {
        return;
    }
    let server = Server::start(&[]);
    let mut c = server.client();
    let probe = s(probe_static());
    let d = tempdir();
    let f = d.path().join("secret");
    std::fs::write(&f, "x").unwrap();
    let f = s(&std::fs::canonicalize(&f).unwrap());
    c.send(b"format json\n");
    assert_eq!(c.json()["ok"], true);
    c.send(b"promise stdio rpath\n");
    c.json();
    c.send(format!("run --landlock-reports check -- {probe} read {f}\n").as_bytes());
    let (output, resp) = c.json_response();
    // The tool's lines as a block (the program's come through another pipe).
    let reports: String = output
        .iter()
        .filter(|l| l.starts_with("seccomp-pledge: "))
        .map(|l| mask_run(l) + "\n")
        .collect();
    let reports = without_root_warning(&reports);
    assert_text(
        &reports,
        "\
seccomp-pledge: denied open \"$DIR/secret\" (read) in probe-static[PID]: needs unveil r:$DIR/secret
",
        d.path(),
    );
    let denial = resp["data"]["denials"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["path"] == f.as_str())
        .cloned()
        .unwrap_or_else(|| panic!("{resp}"));
    assert_eq!(denial["by"], "landlock");
    assert_eq!(denial["unveil"], format!("r:{f}"));
    c.send(b"denials\n");
    let v = c.json();
    assert!(
        v["data"]["denials"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["unveil"] == format!("r:{f}")),
        "{v}"
    );
}
