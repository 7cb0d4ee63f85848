//! Commands on stdin: every command-table example in one session, the shared transcript,
//! errors that point at the line and word, and the stop at the first failure.

use seccomp_pledge::COMMANDS;

use crate::text_cmp::assert_text;
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
    // The file `suggest --from-profile`'s example reads: a recorded, names-only profile.
    std::fs::write(
        dir.path().join("recorded.json"),
        r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read","write","close","futex","exit_group"],"action":"SCMP_ACT_ALLOW"}]}"#,
    )
    .unwrap();
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
    // A few outputs that show the examples did what they say. The whole output cannot be
    // compared: the examples trace real runs (strace timings, the machine's loader paths).
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
    // No prompt and no echo of the input on stdin; show renders constants.
    assert_text(&stdout, "\
promises: stdio rpath
unveiled r /usr
rule 1: allow ioctl if arg1 == TIOCGWINSZ
rule 2: deny socket if arg0 == AF_INET errno EACCES
rule 3: allow openat if arg2 & O_ACCMODE == O_RDONLY
promises  stdio rpath
penalty   eperm
unveil    r    /usr
rules      1. allow ioctl if arg1 == TIOCGWINSZ   (shell)
           2. deny socket if arg0 == AF_INET errno EACCES   (shell)
           3. allow openat if arg2 & O_ACCMODE == O_RDONLY   (shell)
limits    cpu default, memory default, open-files default, processes default, file-size default
options   unveil on, strict off, nice off, keep-fds off, keep-caps off, allow-loader-promises off
(unsaved changes)
tty: terminal ioctls (attributes, window size, process group); never TIOCSTI
  ioctl TTY if arg1 == TCGETS
      or arg1 == TCSETS
      or arg1 == TCSETSW
      or arg1 == TCSETSF
      or arg1 == TIOCGWINSZ
      or arg1 == TIOCSWINSZ
      or arg1 == TIOCSPGRP
      or arg1 == TIOCGPGRP
      or arg1 == TCFLSH
      or arg1 == TCXONC
      or arg1 == TCSBRK
      or arg1 == TIOCSBRK
  unveils: rw:$TTY rw:/dev/tty rw:/dev/console r:/etc/terminfo r:/usr/lib/terminfo r:/usr/share/terminfo
undone
{
  \"version\": 1,
  \"promises\": [
    \"stdio\",
    \"rpath\"
  ],
  \"unveil\": [
    {
      \"path\": \"/usr\",
      \"perms\": \"r\"
    }
  ],
  \"rules\": [
    {
      \"syscall\": \"ioctl\",
      \"args\": [
        {
          \"index\": 1,
          \"type\": \"dword\",
          \"op\": \"eq\",
          \"val\": 21523
        }
      ],
      \"action\": \"allow\",
      \"comment\": \"shell\"
    },
    {
      \"syscall\": \"socket\",
      \"args\": [
        {
          \"index\": 0,
          \"type\": \"dword\",
          \"op\": \"eq\",
          \"val\": 2
        }
      ],
      \"action\": {
        \"errno\": 13
      },
      \"comment\": \"shell\"
    }
  ],
  \"penalty\": \"eperm\",
  \"limits\": {},
  \"options\": {
    \"unveil\": true,
    \"strict\": false,
    \"nice\": false,
    \"keep_fds\": false,
    \"keep_caps\": false,
    \"allow_loader_promises\": false
  }
}
saved $DIR/policy.json
", dir.path());
    assert_text(&stderr, "", dir.path());
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
    assert_text(
        &stderr,
        "\
seccomp-pledge: error: unknown syscall `opnat`
 --> stdin:3:7
  |
3 | allow opnat
  |       ^^^^^
  hint: did you mean `openat`?
seccomp-pledge: stopped at stdin:3; the lines after it were not run
",
        dir.path(),
    );
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
        r#"{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["read", "frobnicate"], "action": "SCMP_ACT_ALLOW"}]}"#,
    )
    .unwrap();
    let cases: &[(&str, &str, &str)] = &[
        ("promis stdio", "did you mean `promise`?", "\
seccomp-pledge: error: unknown command `promis`
 --> stdin:2:1
  |
2 | promis stdio
  | ^^^^^^
  hint: did you mean `promise`? (`help` lists the commands)
seccomp-pledge: stopped at stdin:2; the lines after it were not run
"),
        ("frobnicate", "unknown command `frobnicate`", "\
seccomp-pledge: error: unknown command `frobnicate`
 --> stdin:2:1
  |
2 | frobnicate
  | ^^^^^^^^^^
  hint: `help` lists the commands
seccomp-pledge: stopped at stdin:2; the lines after it were not run
"),
        ("promise stdoi", "did you mean `stdio`?", "\
seccomp-pledge: error: unknown promise `stdoi`
 --> stdin:2:9
  |
2 | promise stdoi
  |         ^^^^^
  hint: did you mean `stdio`?
seccomp-pledge: stopped at stdin:2; the lines after it were not run
"),
        (
            "allow ioctl if arg1 == TIOCGWINSX",
            "did you mean `TIOCGWINSZ`?",
            "\
seccomp-pledge: error: unknown constant `TIOCGWINSX`
 --> stdin:2:24
  |
2 | allow ioctl if arg1 == TIOCGWINSX
  |                        ^^^^^^^^^^
  hint: did you mean `TIOCGWINSZ`?
seccomp-pledge: stopped at stdin:2; the lines after it were not run
",
        ),
        ("unveil '/tmp r", "unbalanced", "\
seccomp-pledge: error: unbalanced quote: this `'` is never closed
 --> stdin:2:8
  |
2 | unveil '/tmp r
  |        ^^^^^^^
  hint: close it with a matching `'`
seccomp-pledge: stopped at stdin:2; the lines after it were not run
"),
        ("allow ioctl if arg6 == 1", "out of range", "\
seccomp-pledge: error: argument index 6 is out of range in `arg6`
 --> stdin:2:16
  |
2 | allow ioctl if arg6 == 1
  |                ^^^^
  hint: syscalls have arguments arg0 to arg5
seccomp-pledge: stopped at stdin:2; the lines after it were not run
"),
        ("allow ioctl if arg1:32 == 0x100000000", "32 bits", "\
seccomp-pledge: error: value 0x100000000 does not fit in 32 bits
 --> stdin:2:16
  |
2 | allow ioctl if arg1:32 == 0x100000000
  |                ^^^^^^^^^^^^^^^^^^^^^^
  hint: compare all 64 bits with `arg1:64`
seccomp-pledge: stopped at stdin:2; the lines after it were not run
"),
        ("deny socket errno 0", "out of range", "\
seccomp-pledge: error: errno 0 is out of range
 --> stdin:2:19
  |
2 | deny socket errno 0
  |                   ^
  hint: use 1 to 4095, or a name such as EPERM
seccomp-pledge: stopped at stdin:2; the lines after it were not run
"),
        ("deny socket errno 4096", "out of range", "\
seccomp-pledge: error: errno 4096 is out of range
 --> stdin:2:19
  |
2 | deny socket errno 4096
  |                   ^^^^
  hint: use 1 to 4095, or a name such as EPERM
seccomp-pledge: stopped at stdin:2; the lines after it were not run
"),
        ("allow socket\ndeny socket", "contradicts rule 1", "\
seccomp-pledge: error: stdin:3: `deny socket errno EPERM` contradicts rule 1: `allow socket`; the deny would always win
  hint: keep one of them: `deny socket errno EPERM` wins over `allow socket`; `remove rule 1` first if you mean it
seccomp-pledge: stopped at stdin:3; the lines after it were not run
"),
        ("load cut.json", "cut.json", "\
seccomp-pledge: error: stdin:2: cannot load policy `$DIR/cut.json`: EOF while parsing a string at line 1 column 32
seccomp-pledge: stopped at stdin:2; the lines after it were not run
"),
        (
            "load oci.json",
            "no system call of any Linux architecture",
            "\
seccomp-pledge: error: stdin:2: cannot load policy `$DIR/oci.json`: entry 1: `frobnicate` is no system call of any Linux architecture
seccomp-pledge: stopped at stdin:2; the lines after it were not run
",
        ),
        ("load missing.json", "missing.json", "\
seccomp-pledge: error: stdin:2: cannot load policy `$DIR/missing.json`: No such file or directory (os error 2)
seccomp-pledge: stopped at stdin:2; the lines after it were not run
"),
    ];
    for (bad, needle, want) in cases {
        let input = format!("promise stdio\n{bad}\nsave\n");
        let out = shell_stdin(dir.path(), &input);
        let (stdout, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(1), "{bad}: {stdout}\n{stderr}");
        assert!(want.contains(needle), "{bad}: {needle:?} is in the message");
        assert_text(&stderr, want, dir.path());
        assert!(!dir.path().join("policy.json").exists(), "{bad}");
    }
}
