//! Shell tests: the one command grammar served by the interactive shell (driven through a
//! real pseudo-terminal) and by commands on stdin, save/load round trips in both file
//! formats, and every example of the command table executed in one session.

mod badinput;
mod batch;
mod files;
mod pty;
#[path = "../common/text.rs"]
mod text_cmp;

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The binary under test.
pub(crate) fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_seccomp-pledge"))
}

/// Runs `seccomp-pledge shell` in `dir` with `input` on stdin.
pub(crate) fn shell_stdin(dir: &Path, input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(bin())
        .arg("shell")
        .current_dir(dir)
        .env("XDG_STATE_HOME", dir.join(".state"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// stdout and stderr as text.
pub(crate) fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
