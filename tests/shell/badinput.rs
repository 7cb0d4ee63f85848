//! Generated bad input through every front end of the real binary: command-line flags, a
//! batch on stdin, a batch file, a rhai script and the socket API. Each answer must come
//! within a bound, never be a panic (101) or a signal, use a documented exit code, and be an
//! `error:` line that names the input, escaped: no control character, DEL, C1 or bidi
//! control ever reaches the terminal raw.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::bin;
use crate::text_cmp::assert_text;

/// The answer to one input must come within this (a generous bound: most take < 10 ms).
const BOUND: Duration = Duration::from_secs(10);

/// Values a careless or hostile user types: non-ASCII, control characters, bidi controls,
/// numbers out of range, half-quoted words, operators alone, very long words.
fn values() -> Vec<String> {
    let mut v: Vec<String> = [
        "€",
        "é",
        "=é",
        "é=",
        "🙂",
        "\x1b[31mred",
        "a\x07b",
        "\x7f",
        "\u{85}",
        "\u{9b}2J",
        "x\u{202e}y",
        "\u{2066}z",
        "99999999999999999999",
        "18446744073709551616",
        "-1",
        "0x",
        "0xfffffffffffffffffff",
        "arg9",
        "arg0:128",
        "|",
        "==",
        "&",
        "AF_INET|",
        "O_RDONLY|€",
        "\\",
        "a\tb",
        "a\rb",
    ]
    .map(String::from)
    .to_vec();
    v.push("w".repeat(60_000));
    v.push(format!("{}€", "é".repeat(3000)));
    v
}

/// Shell lines with `{}` where the bad value goes.
const LINES: &[&str] = &[
    "allow {}",
    "deny {}",
    "allow read,{}",
    "deny socket if arg0 == {}",
    "deny socket if arg0 ={}",
    "deny socket if {} == 1",
    "deny write errno {}",
    "allow openat if arg2 & {} == 0",
    "promise {}",
    "promise stdio {}",
    "unveil /tmp {}",
    "limit memory {}",
    "limit open-files {}",
    "limit {} 5",
    "option {} on",
    "show {}",
    "save --format={}",
    "save '--format={}'",
    "penalty {}",
    "remove rule {}",
    "{}",
    "{} stdio",
];

/// One-shot flags and how the bad value goes into them.
const FLAGS: &[(&str, &str)] = &[
    ("--allow", "{}"),
    ("--deny", "socket if arg0 == {}"),
    ("--deny", "write errno {}"),
    ("-p", "{}"),
    ("-p", "stdio {}"),
    ("-v", "{}:/tmp"),
    ("-M", "{}"),
    ("-O", "{}"),
    ("-C", "{}"),
    ("-P", "{}"),
    ("-F", "{}"),
    ("-T", "{}"),
];

/// Whether the error names `value`: it shows a prefix of it (escaped), or quotes part of
/// it in backquotes (an error pointing at one character or one word of it).
fn named(stderr: &str, value: &str) -> bool {
    if value.contains('\\') {
        // A backslash quotes what follows it: the word in error is not the value itself.
        return true;
    }
    let esc = escape(value);
    let prefix: String = esc.chars().take(16).collect();
    if stderr.contains(&prefix) {
        return true;
    }
    stderr
        .split('`')
        .skip(1)
        .step_by(2)
        .any(|quoted| !quoted.is_empty() && esc.contains(quoted))
}

/// The escaping the binary applies to input quoted in messages.
fn escape(s: &str) -> String {
    seccomp_pledge::escape_word(s)
}

/// The first raw character that must never reach a terminal, if any.
fn raw_control(text: &str) -> Option<char> {
    text.chars().find(|&c| seccomp_pledge::is_unsafe_char(c))
}

fn check(what: &str, input: &str, out: &Output, took: Duration, allowed: &[i32]) -> bool {
    use std::os::unix::process::ExitStatusExt;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let shown: String = input.chars().take(80).collect();
    assert!(took < BOUND, "{what} {shown:?}: took {took:?}");
    assert_eq!(
        out.status.signal(),
        None,
        "{what} {shown:?}: killed by a signal\n{stderr}"
    );
    let code = out.status.code().unwrap();
    assert_ne!(code, 101, "{what} {shown:?}: panicked\n{stderr}");
    if let Some(c) = raw_control(&stderr) {
        panic!("{what} {shown:?}: raw {c:?} in the error output\n{stderr:?}");
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    if let Some(c) = raw_control(&stdout) {
        panic!("{what} {shown:?}: raw {c:?} in the output\n{stdout:?}");
    }
    if code == 0 {
        return false;
    }
    assert!(
        allowed.contains(&code),
        "{what} {shown:?}: exit {code}, documented: {allowed:?}\n{stderr}"
    );
    // Generated input: each message differs, and is checked for naming the input below.
    assert!(
        stderr.contains("error: "),
        "{what} {shown:?}: no error line\n{stderr}"
    );
    true
}

fn run_with_stdin(mut cmd: Command, input: &[u8]) -> (Output, Duration) {
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let data = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (out, start.elapsed())
}

fn shell_in(dir: &Path) -> Command {
    let mut c = Command::new(bin());
    c.arg("shell")
        .current_dir(dir)
        .env("XDG_STATE_HOME", dir.join(".state"));
    c
}

#[test]
fn bad_shell_lines_get_a_clear_error_on_stdin_and_from_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let (mut total, mut errors) = (0, 0);
    for line in LINES {
        for v in values() {
            let input = line.replace("{}", &v);
            let named_ok = |stderr: &str| named(stderr, &v);
            let (out, took) = run_with_stdin(shell_in(dir.path()), format!("{input}\n").as_bytes());
            total += 1;
            if check("stdin", &input, &out, took, &[1]) {
                errors += 1;
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert!(
                    named_ok(&stderr),
                    "stdin {:?}: the error does not name the input\n{stderr}",
                    input.chars().take(80).collect::<String>()
                );
            }
        }
    }
    // The same lines from a file, all in one batch per template (the first error stops it).
    for line in LINES {
        let file = dir.path().join("batch.txt");
        let v = values();
        let mut text = String::new();
        for value in &v {
            text.push_str(&line.replace("{}", value));
            text.push('\n');
        }
        std::fs::write(&file, &text).unwrap();
        let mut cmd = Command::new(bin());
        cmd.arg("shell")
            .arg(&file)
            .current_dir(dir.path())
            .env("XDG_STATE_HOME", dir.path().join(".state"));
        let (out, took) = run_with_stdin(cmd, b"");
        total += 1;
        if check("file", line, &out, took, &[1]) {
            errors += 1;
        }
    }
    assert!(total >= 600, "{total} inputs");
    assert!(
        errors * 10 >= total * 9,
        "only {errors} of {total} were errors"
    );
}

#[test]
fn bad_batch_streams_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "a NUL byte",
            b"show\nnul\0x\n".to_vec(),
            "stdin:2: the line holds a NUL byte",
        ),
        (
            "not UTF-8",
            b"allow \xff\n".to_vec(),
            "stdin:1: the line is not UTF-8",
        ),
        (
            "a line without end",
            vec![b'a'; 1 << 22],
            "stdin:1: the line is longer than 65536 bytes",
        ),
        (
            "zeros",
            vec![0; 1 << 22],
            "stdin:1: the line is longer than 65536 bytes",
        ),
    ];
    for (what, input, want) in cases {
        let (out, took) = run_with_stdin(shell_in(dir.path()), &input);
        assert!(check(what, what, &out, took, &[1]));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with(&format!("seccomp-pledge: error: {want}")),
            "{what}: {stderr}"
        );
    }
    // /dev/zero as the batch file and as policy files: refused after a bounded read.
    let (out, took) = run_with_stdin(
        {
            let mut c = Command::new(bin());
            c.args(["shell", "/dev/zero"]);
            c
        },
        b"",
    );
    assert!(check("shell /dev/zero", "", &out, took, &[1]));
    for input in ["load /dev/zero\n", "load /proc/self/cwd\n"] {
        let (out, took) = run_with_stdin(shell_in(dir.path()), input.as_bytes());
        assert!(check(input, input, &out, took, &[1]), "{input}");
    }
    let start = Instant::now();
    let out = Command::new(bin())
        .args(["--policy", "/dev/zero", "--", "/nonexistent/prog"])
        .output()
        .unwrap();
    assert!(check(
        "--policy /dev/zero",
        "",
        &out,
        start.elapsed(),
        &[125]
    ));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.trim_end(),
        "seccomp-pledge: error: cannot load policy `/dev/zero`: larger than 8 MiB, the limit for a policy (8388608 bytes)"
    );
}

#[test]
fn bad_flag_values_get_a_clear_error() {
    let (mut total, mut errors) = (0, 0);
    for (flag, template) in FLAGS {
        for v in values() {
            let value = template.replace("{}", &v);
            let start = Instant::now();
            let out = Command::new(bin())
                .args([flag, value.as_str(), "--", "/nonexistent/prog"])
                .stdin(Stdio::null())
                .output()
                .unwrap();
            total += 1;
            // 125 for bad input, 127 when the flag was fine and the program is not found;
            // clap's own usage errors exit 2.
            if check(flag, &value, &out, start.elapsed(), &[2, 125, 127]) {
                errors += 1;
                let stderr = String::from_utf8_lossy(&out.stderr);
                if out.status.code() == Some(125) {
                    assert!(
                        named(&stderr, &v),
                        "{flag} {:?}: the error does not name the input\n{stderr}",
                        value.chars().take(80).collect::<String>()
                    );
                }
            }
        }
    }
    assert!(total >= 300, "{total} inputs");
    assert_eq!(errors, total, "every one is refused or not found");
}

#[test]
fn bad_script_arguments_get_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("s.rhai");
    std::fs::write(&script, "let line = ARGS[0]; deny(line);\n").unwrap();
    let (mut total, mut errors) = (0, 0);
    for template in ["socket if arg0 == {}", "write errno {}", "{}"] {
        for v in values() {
            let arg = template.replace("{}", &v);
            let start = Instant::now();
            let out = Command::new(bin())
                .arg("script")
                .arg(&script)
                .arg(&arg)
                .current_dir(dir.path())
                .env("XDG_STATE_HOME", dir.path().join(".state"))
                .output()
                .unwrap();
            total += 1;
            if check("script", &arg, &out, start.elapsed(), &[1]) {
                errors += 1;
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert!(
                    named(&stderr, &v),
                    "script {:?}: the error does not name the input\n{stderr}",
                    arg.chars().take(80).collect::<String>()
                );
            }
        }
    }
    assert!(total >= 80, "{total}");
    assert!(
        errors * 10 >= total * 9,
        "only {errors} of {total} were errors"
    );
}

#[test]
fn bad_socket_lines_get_a_status_line_and_the_connection_lives_on() {
    let dir = tempfile::tempdir().unwrap();
    let sock = dir.path().join("api.sock");
    let mut server = Command::new(bin())
        .args(["serve", "--socket"])
        .arg(&sock)
        .env("XDG_STATE_HOME", dir.path().join(".state"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    // The socket file exists once bound, a moment before the server listens: connect until
    // it does.
    let stream = loop {
        match UnixStream::connect(&sock) {
            Ok(s) => break s,
            Err(e) => {
                assert!(Instant::now() < deadline, "the server did not start: {e}");
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    };
    stream.set_read_timeout(Some(BOUND)).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    let mut answered = 0;
    for line in LINES {
        for v in values() {
            let input = line.replace("{}", &v);
            let shown: String = input.chars().take(80).collect();
            writer.write_all(format!("{input}\n").as_bytes()).unwrap();
            let start = Instant::now();
            // Everything up to the status line (`ok` or `error: …`).
            let mut response = String::new();
            let status = loop {
                let mut l = String::new();
                let n = reader
                    .read_line(&mut l)
                    .unwrap_or_else(|e| panic!("socket {shown:?}: no answer: {e}"));
                assert!(n > 0, "socket {shown:?}: the server hung up");
                response.push_str(&l);
                if l == "ok\n" || l.starts_with("error: ") {
                    break l;
                }
            };
            assert!(start.elapsed() < BOUND, "socket {shown:?}: slow answer");
            if let Some(c) = raw_control(&response) {
                panic!("socket {shown:?}: raw {c:?} in the answer\n{response:?}");
            }
            if status.starts_with("error: ") {
                assert!(
                    named(&response, &v),
                    "socket {shown:?}: the error does not name the input\n{response}"
                );
            }
            answered += 1;
        }
    }
    assert!(answered >= 600, "{answered}");
    let _ = server.kill();
    let _ = server.wait();
}

#[test]
fn names_the_user_gave_are_shown_escaped_in_output_too() {
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join("a\x1b[31mb\u{202e}c");
    std::fs::create_dir(&odd).unwrap();
    let path = odd.to_str().unwrap();
    let input = format!("unveil '{path}' r\nshow\n");
    let (out, took) = run_with_stdin(shell_in(dir.path()), input.as_bytes());
    assert!(!check("show", &input, &out, took, &[]), "accepted");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let shown = escape(path);
    assert!(shown.contains("a\\x1b[31mb\\u{202e}c"), "{shown}");
    assert_text(
        &stdout,
        "\
unveiled r $DIR/a\\x1b[31mb\\u{202e}c
promises  (none: only exit is allowed)
penalty   eperm
unveil    r    $DIR/a\\x1b[31mb\\u{202e}c
rules     (none)
limits    cpu default, memory default, open-files default, processes default, file-size default
options   unveil on, strict off, nice off, keep-fds off, keep-caps off, allow-loader-promises off
(unsaved changes)
",
        dir.path(),
    );
}
