//! The interactive shell through a real pseudo-terminal: the prompt, typing, errors with a
//! caret, tab completion, hints, history across runs, Ctrl-C and Ctrl-D.
//!
//! What a terminal shows is the line editor's rendering (echo, colours, cursor moves, hints
//! drawn and erased), not the tool's text alone, so these tests look for what must be on the
//! screen; the same replies are compared whole on stdin in `batch.rs`.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::{ControlCode, Eof, Expect, Session};

use crate::batch::TRANSCRIPT;
use crate::{bin, shell_stdin, text};

const PROMPT: &str = "seccomp-pledge> ";

type Pty = expectrl::session::OsSession;

/// `seccomp-pledge ARGS` on a new terminal, in `dir`, with its history under `state`.
fn spawn(dir: &Path, state: &Path, args: &[&str]) -> Pty {
    let mut cmd = Command::new(bin());
    cmd.args(args)
        .current_dir(dir)
        .env("XDG_STATE_HOME", state)
        .env("TERM", "xterm")
        .env_remove("NO_COLOR");
    let mut s = Session::spawn(cmd).expect("spawn on a pseudo-terminal");
    s.set_expect_timeout(Some(Duration::from_secs(20)));
    s
}

/// rustyline turns bracketed paste on once each time it starts reading a line (and off when
/// the line is done); the redraws while typing do not, so this marks a new prompt.
const NEW_LINE_EDIT: &str = "\x1b[?2004h";

/// Everything printed up to the next prompt (what the last command printed).
fn until_prompt(s: &mut Pty) -> String {
    let c = s.expect(NEW_LINE_EDIT).expect("a new prompt");
    let printed = String::from_utf8_lossy(c.before()).replace("\r\n", "\n");
    s.expect(PROMPT).expect("the prompt");
    printed
}

fn exit_code(s: &Pty) -> i32 {
    match s.get_process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("the shell did not exit normally: {other:?}"),
    }
}

fn quit(mut s: Pty) -> i32 {
    s.send_line("quit").unwrap();
    s.expect(Eof).unwrap();
    exit_code(&s)
}

/// The same commands typed at the prompt print what they print on stdin.
#[test]
fn typing_the_transcript_prints_what_stdin_prints() {
    let dir = tempfile::tempdir().unwrap();
    let piped = tempfile::tempdir().unwrap();
    let out = shell_stdin(piped.path(), &(TRANSCRIPT.join("\n") + "\n"));
    let (stdin_out, _) = text(&out);
    assert!(out.status.success());
    // `save` names the directory, which differs.
    let stdin_out = stdin_out.replace(&piped.path().display().to_string(), "DIR");

    let mut s = spawn(dir.path(), &dir.path().join("state"), &[]);
    let banner = until_prompt(&mut s);
    assert!(banner.contains("`help` lists the commands"), "{banner}");
    let mut screen = String::new();
    for line in TRANSCRIPT {
        s.send_line(line).unwrap();
        screen.push_str(&until_prompt(&mut s));
    }
    assert_eq!(quit(s), 0, "saved, so quit does not ask");
    let screen = screen.replace(&dir.path().display().to_string(), "DIR");
    let mut rest = screen.as_str();
    for line in stdin_out.lines().filter(|l| !l.trim().is_empty()) {
        match rest.find(line) {
            Some(i) => rest = &rest[i + line.len()..],
            None => {
                panic!("{line:?} printed on stdin is missing (in order) on the terminal:\n{screen}")
            }
        }
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("policy.json")).unwrap(),
        std::fs::read_to_string(piped.path().join("policy.json")).unwrap(),
        "the same policy saved"
    );
}

#[test]
fn errors_point_at_the_word_and_leave_the_session_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = spawn(dir.path(), &dir.path().join("state"), &["shell"]);
    until_prompt(&mut s);
    s.send_line("promise stdio").unwrap();
    until_prompt(&mut s);
    s.send_line("show json").unwrap();
    let before = until_prompt(&mut s);
    s.send_line("allow opnat").unwrap();
    let err = until_prompt(&mut s);
    let caret = format!("{}^^^^^", " ".repeat(PROMPT.len() + "allow ".len()));
    assert!(err.contains(&caret), "caret under `opnat`:\n{err:?}");
    assert!(err.contains("did you mean `openat`?"), "{err}");
    for bad in [
        "promise stdoi",
        "allow ioctl if arg6 == 1",
        "deny socket errno 4096",
        "unveil '/tmp r",
        "load /nonexistent/policy.json",
        // Non-ASCII where a byte-indexed lexer or renderer would cut a character.
        "allow €",
        "deny socket if arg0 =é",
        "save '--format=éa'",
    ] {
        s.send_line(bad).unwrap();
        let err = until_prompt(&mut s);
        assert!(err.contains("error: "), "{bad}: {err}");
    }
    // Completing after a multi-byte blank must not cut it (U+3000, a three-byte space).
    s.send("allow x\u{3000}y\t").unwrap();
    s.send(ControlCode::EndOfText).unwrap();
    until_prompt(&mut s);
    s.send_line("show json").unwrap();
    let after = until_prompt(&mut s);
    let json = |t: &str| t[t.find('{').unwrap()..].to_string();
    assert_eq!(json(&before), json(&after), "the bad lines changed nothing");
    s.send_line("save").unwrap();
    until_prompt(&mut s);
    assert_eq!(quit(s), 0);
}

#[test]
fn tab_completes_commands_promises_syscalls_constants_and_hints_show_usage() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = spawn(dir.path(), &dir.path().join("state"), &["shell"]);
    until_prompt(&mut s);
    // One candidate: completed in place.
    s.send("pro").unwrap();
    s.expect("mise").unwrap(); // the hint: the rest of the only command
    s.send("\t").unwrap();
    s.send("std\t").unwrap();
    s.send("rpa\t").unwrap();
    s.send("\r").unwrap();
    until_prompt(&mut s);
    s.send("allow fallocat\t\r").unwrap();
    until_prompt(&mut s);
    s.send("allow openat if arg2 & O_ACCM\t").unwrap();
    s.send("== O_RDO\t\r").unwrap();
    until_prompt(&mut s);
    s.send("allow ioctl if arg1 == TIOCGWIN\t\r").unwrap();
    until_prompt(&mut s);
    // Several candidates: the second Tab lists them.
    s.send("show \t\t").unwrap();
    s.expect("syscalls").unwrap();
    s.send(ControlCode::EndOfText).unwrap(); // Ctrl-C drops the line
    until_prompt(&mut s);
    // The usage line as a hint right after a command.
    s.send("deny ").unwrap();
    s.expect("SYSCALL").unwrap();
    s.send(ControlCode::EndOfText).unwrap();
    until_prompt(&mut s);
    s.send_line("show").unwrap();
    let shown = until_prompt(&mut s);
    for needle in [
        "stdio rpath",
        "allow openat if arg2 & O_ACCMODE == O_RDONLY",
        "allow ioctl if arg1 == TIOCGWINSZ",
        "allow fallocate ",
    ] {
        assert!(shown.contains(needle), "missing {needle:?} in\n{shown}");
    }
    s.send_line("save").unwrap();
    until_prompt(&mut s);
    assert_eq!(quit(s), 0);
}

#[test]
fn history_persists_across_runs() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let mut s = spawn(dir.path(), &state, &["shell"]);
    until_prompt(&mut s);
    s.send_line("promise stdio inet").unwrap();
    until_prompt(&mut s);
    s.send_line("save").unwrap();
    until_prompt(&mut s);
    assert_eq!(quit(s), 0);
    let history = state.join("seccomp-pledge/history");
    let h = std::fs::read_to_string(&history).unwrap();
    assert!(h.contains("promise stdio inet"), "{h}");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(history.parent().unwrap())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(
        mode & 0o077,
        0,
        "the history directory is private: {mode:o}"
    );

    // A new run: Up three times recalls `promise stdio inet` (then `save`, `quit` are newer).
    let other = tempfile::tempdir().unwrap();
    let mut s = spawn(other.path(), &state, &["shell"]);
    until_prompt(&mut s);
    s.send("\x1b[A\x1b[A\x1b[A\r").unwrap();
    until_prompt(&mut s);
    s.send_line("save").unwrap();
    until_prompt(&mut s);
    assert_eq!(quit(s), 0);
    let saved = std::fs::read_to_string(other.path().join("policy.json")).unwrap();
    assert!(saved.contains("\"inet\""), "the recalled line ran: {saved}");
}

#[test]
fn ctrl_c_cancels_the_line_and_ctrl_d_asks_before_losing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = spawn(dir.path(), &dir.path().join("state"), &["shell"]);
    until_prompt(&mut s);
    s.send("promise inet").unwrap();
    s.send(ControlCode::EndOfText).unwrap();
    until_prompt(&mut s);
    s.send_line("promise stdio").unwrap();
    until_prompt(&mut s);
    // Ctrl-D with unsaved changes asks; `n` keeps the session.
    s.send(ControlCode::EndOfTransmission).unwrap();
    s.expect("unsaved changes; quit anyway? [y/N] ").unwrap();
    s.send_line("n").unwrap();
    until_prompt(&mut s);
    s.send_line("show json").unwrap();
    let shown = until_prompt(&mut s);
    assert!(shown.contains("\"stdio\""), "{shown}");
    assert!(
        !shown.contains("\"inet\""),
        "Ctrl-C dropped `promise inet`: {shown}"
    );
    // `quit` asks too; `y` leaves without saving.
    s.send_line("quit").unwrap();
    s.expect("quit anyway? [y/N] ").unwrap();
    s.send_line("y").unwrap();
    s.expect(Eof).unwrap();
    assert_eq!(exit_code(&s), 0);
    assert!(!dir.path().join("policy.json").exists());

    // A clean session leaves on Ctrl-D at once.
    let mut s = spawn(dir.path(), &dir.path().join("state"), &[]);
    until_prompt(&mut s);
    s.send(ControlCode::EndOfTransmission).unwrap();
    s.expect(Eof).unwrap();
    assert_eq!(exit_code(&s), 0);
}

/// On a terminal, a trace written elsewhere shows a live count; Ctrl-C stops it cleanly and
/// kills the program.
#[test]
fn a_long_trace_shows_a_live_count_and_ctrl_c_stops_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("trace.txt");
    let out = out.to_str().unwrap();
    let mut s = spawn(
        dir.path(),
        &dir.path().join("state"),
        &[
            "trace",
            "-f",
            "-o",
            out,
            "--",
            "/bin/sh",
            "-c",
            "while :; do cat /etc/hostname; done",
        ],
    );
    s.expect("calls traced").unwrap();
    s.send(ControlCode::EndOfText).unwrap();
    s.expect("trace interrupted; the program was killed")
        .unwrap();
    s.expect(Eof).unwrap();
    assert_eq!(exit_code(&s), 128 + libc::SIGKILL);
    let trace = std::fs::read_to_string(out).unwrap();
    assert!(
        trace.contains("/usr/bin/cat\", [\"cat\""),
        "children are traced (-f)"
    );
}
