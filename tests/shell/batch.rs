//! Commands on stdin: every command-table example in one session, the shared transcript,
//! errors that point at the line and word, and the stop at the first failure.

use seccomp_pledge::COMMANDS;

use crate::{shell_stdin, text};

/// The transcript typed into the terminal in `pty.rs` and fed on stdin here.
pub(crate) const TRANSCRIPT: &[&str] = &[
    "promise stdio rpath",
    "unveil /usr r",
    "allow ioctl if arg1 == TIOCGWINSZ",
    "deny socket if arg0 == AF_INET errno EACCES",
    "allow openat if arg2 & O_ACCMODE == O_RDONLY",
    "show",
    "show syscalls tty",
    "undo",
    "show json",
    "save",
];

#[test]
fn every_command_table_example_runs_in_one_session() {
    let dir = tempfile::tempdir().unwrap();
    let mut input = String::new();
    let mut count = 0;
    for c in COMMANDS {
        for e in c.examples {
            input.push_str(e);
            input.push('\n');
            count += 1;
        }
    }
    assert!(count >= 30, "the table has {count} examples");
    let out = shell_stdin(dir.path(), &input);
    let (stdout, stderr) = text(&out);
    assert!(
        out.status.success(),
        "an example failed:\n--- input\n{input}--- stdout\n{stdout}--- stderr\n{stderr}"
    );
    assert!(
        dir.path().join("policy.json").is_file(),
        "`save` wrote policy.json"
    );
    assert!(
        dir.path().join("filters.json").is_file(),
        "`save --format seccompiler` wrote filters.json"
    );
    // A few outputs that show the examples did what they say.
    for needle in [
        "allow ioctl if arg1 == TIOCGWINSZ",
        "deny socket if arg0 == AF_INET errno EACCES",
        "TIOCGWINSZ",
        "promises: stdio rpath inet dns",
    ] {
        assert!(stdout.contains(needle), "missing {needle:?} in\n{stdout}");
    }
}

#[test]
fn the_transcript_on_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let out = shell_stdin(dir.path(), &(TRANSCRIPT.join("\n") + "\n"));
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(!stdout.contains("seccomp-pledge>"), "no prompt on stdin");
    assert!(
        !stdout.contains("promise stdio rpath\n"),
        "no echo of the input"
    );
    assert!(
        stdout.contains("if arg1 == TIOCGWINSZ"),
        "show renders constants:\n{stdout}"
    );
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("policy.json")).unwrap())
            .unwrap();
    assert_eq!(saved["promises"], serde_json::json!(["stdio", "rpath"]));
    assert_eq!(
        saved["rules"].as_array().unwrap().len(),
        2,
        "`undo` dropped the openat rule: {saved}"
    );
}

#[test]
fn an_error_names_the_line_points_at_the_word_and_stops_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let out = shell_stdin(
        dir.path(),
        "promise stdio\n# a comment\nallow opnat\nsave\n",
    );
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    for needle in [
        "error: unknown syscall `opnat`",
        "--> stdin:3:7",
        "3 | allow opnat",
        "  |       ^^^^^",
        "did you mean `openat`?",
        "stopped at stdin:3",
    ] {
        assert!(stderr.contains(needle), "missing {needle:?} in\n{stderr}");
    }
    assert!(
        !dir.path().join("policy.json").exists(),
        "the `save` after the failure did not run"
    );
}

/// Each bad line gets one clear error, exit status 1, and nothing after it runs.
#[test]
fn bad_input_is_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cut.json"),
        r#"{"version": 1, "promises": ["std"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("oci.json"),
        r#"{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": []}"#,
    )
    .unwrap();
    let cases: &[(&str, &str)] = &[
        ("promis stdio", "did you mean `promise`?"),
        ("frobnicate", "unknown command `frobnicate`"),
        ("promise stdoi", "did you mean `stdio`?"),
        (
            "allow ioctl if arg1 == TIOCGWINSX",
            "did you mean `TIOCGWINSZ`?",
        ),
        ("unveil '/tmp r", "unbalanced"),
        ("allow ioctl if arg6 == 1", "out of range"),
        ("allow ioctl if arg1:32 == 0x100000000", "32 bits"),
        ("deny socket errno 0", "out of range"),
        ("deny socket errno 4096", "out of range"),
        ("allow socket\ndeny socket", "contradicts rule 1"),
        ("load cut.json", "cut.json"),
        (
            "load oci.json",
            "OCI (Docker, podman, runc) seccomp profile",
        ),
        ("load missing.json", "missing.json"),
    ];
    for (bad, needle) in cases {
        let input = format!("promise stdio\n{bad}\nsave\n");
        let out = shell_stdin(dir.path(), &input);
        let (stdout, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(1), "{bad}: {stdout}\n{stderr}");
        assert!(
            stderr.contains(needle),
            "{bad}: missing {needle:?} in\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{bad}: {stderr}");
        assert!(!dir.path().join("policy.json").exists(), "{bad}");
    }
}
