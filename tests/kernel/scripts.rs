//! rhai scripts on the real kernel: every example in `scripts/` runs, structured results
//! drive real decisions, `source` works from the shell, and bad scripts fail with a
//! position, exit 1 and nothing half-done.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::text_cmp::{assert_text, mask_digits_after, mask_run};
use crate::util::*;

/// `text` with each line that is this machine's name (what `cat /etc/hostname` prints) shown
/// as `$HOSTNAME`.
fn mask_hostname(text: &str) -> String {
    let name = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
    text.lines()
        .map(|l| {
            if l == name.trim_end() {
                "$HOSTNAME\n".to_string()
            } else {
                format!("{l}\n")
            }
        })
        .collect()
}

/// `text` with the directory of the example scripts (in the checkout) shown as `$SCRIPTS`.
fn mask_scripts(text: &str) -> String {
    text.replace(&s(&example("")), "$SCRIPTS/")
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scripts")
        .join(name)
}

/// `seccomp-pledge script FILE ARGS…` in `dir`.
fn script(dir: &Path, file: &Path, args: &[&str]) -> Run {
    let mut all: Vec<&OsStr> = vec![OsStr::new("script"), file.as_os_str()];
    all.extend(args.iter().map(OsStr::new));
    sp_cmd(&all, |c| {
        c.current_dir(dir).env("XDG_STATE_HOME", dir);
    })
}

#[test]
fn learn_traces_locks_down_and_proves_it() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let r = script(d.path(), &example("learn.rhai"), &["cat", "/etc/hostname"]);
    assert_eq!(r.code, 0, "{r}");
    // cat prints the machine's name; how many calls it makes depends on its C library.
    assert_text(
        &mask_digits_after(&mask_hostname(&r.stdout), "traced "),
        "\
$HOSTNAME
traced N calls in 1 task(s)
promises: [\"stdio\", \"rpath\"]
unveil:   r:/etc/hostname
$HOSTNAME
ok: the program runs under the learned policy; saved policy.json
",
        d.path(),
    );
    assert_text(&auto_stderr(&r.stderr), "", d.path());
    let policy: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.path().join("policy.json")).unwrap())
            .unwrap();
    assert_eq!(
        policy["promises"],
        serde_json::json!(["stdio", "rpath"]),
        "{policy}"
    );
    // Without arguments: the script's own usage error, with its position.
    let r = script(d.path(), &example("learn.rhai"), &[]);
    assert_eq!(r.code, 1, "{r}");
    assert_text(
        &mask_scripts(&r.stderr),
        "\
seccomp-pledge: error: usage: seccomp-pledge script learn.rhai PROGRAM [ARGS…]
 --> $SCRIPTS/learn.rhai:9:5
  |
9 |     throw \"usage: seccomp-pledge script learn.rhai PROGRAM [ARGS…]\";
  |     ^
",
        d.path(),
    );
}

#[test]
fn net_client_grows_its_policy_from_denial_reports() {
    if !require_kernel() {
        return;
    }
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let server = std::thread::spawn(move || {
        for _ in 0..2 {
            let _ = listener.accept().unwrap();
        }
    });
    let d = tempdir();
    let probe = s(probe());
    let r = script(
        d.path(),
        &example("net-client.rhai"),
        &[
            &probe,
            "tcp-connect",
            "127.0.0.1",
            &port,
            "::",
            "socket",
            "AF_UNIX",
            "SOCK_STREAM",
        ],
    );
    assert_eq!(r.code, 0, "{r}");
    assert_text(
        &mask_probes(&mask_run(&r.stdout)),
        "\
tcp-connect ok 3
socket EPERM
round 1: socket(AF_UNIX, SOCK_STREAM, 0) needs unix
tcp-connect ok 3
socket ok 4
round 2: runs with promises [\"stdio\", \"inet\", \"unix\"]
added from denial reports: [\"unix\"]
",
        d.path(),
    );
    assert_text(&auto_stderr(&r.stderr), "\
seccomp-pledge: denied socket(AF_UNIX, SOCK_STREAM, 0) in probe[PID]: needs promise unix
seccomp-pledge: warning: unix: unveil does not restrict connecting to pathname Unix sockets, so the program can reach every socket file the user can (e.g. /run/docker.sock, the D-Bus bus)
", d.path());
    let saved = std::fs::read_to_string(d.path().join("client.json")).unwrap();
    assert!(
        saved.contains("AF_PACKET") || saved.contains("\"val\": 17"),
        "the deny rules are saved: {saved}"
    );
    server.join().unwrap();
}

#[test]
fn compare_two_programs() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let r = script(
        d.path(),
        &example("compare.rhai"),
        &["cat /etc/hostname", "ls /"],
    );
    assert_eq!(r.code, 0, "{r}");
    let only_ls = r
        .stdout
        .lines()
        .find(|l| l.starts_with("only in ls /:"))
        .unwrap_or_else(|| panic!("{r}"));
    assert!(
        only_ls.contains("getdents64"),
        "ls lists a directory: {only_ls}"
    );
    // The calls of two real programs differ per machine (C library, coreutils): named, not
    // compared whole.
    assert!(r.stdout.contains("  openat: "), "{r}");
}

#[test]
fn both_formats_round_trip() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let dir = s(d.path());
    let r = script(d.path(), &example("both-formats.rhai"), &[&dir]);
    assert_eq!(r.code, 0, "{r}");
    assert_text(
        &r.stdout,
        "\
policy.json: 3 promises, 1 unveils, 2 rules: identical after loading
filters.json: 169 rules (promises expanded), 1 of them for socket
",
        d.path(),
    );
    let filters = std::fs::read_to_string(d.path().join("filters.json")).unwrap();
    seccompiler::compile_from_json(filters.as_bytes(), seccompiler::TargetArch::x86_64)
        .expect("seccompiler compiles what the script saved");
}

#[test]
fn assert_denies_is_a_test_that_can_fail() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let r = script(d.path(), &example("assert-denies.rhai"), &[]);
    assert_eq!(r.code, 0, "{r}");
    assert_text(
        &mask_hostname(&r.stdout),
        "\
$HOSTNAME
ok: read a file
ok: create a file
ok: start a process
all 3 cases hold
",
        d.path(),
    );
    // A policy that allows too much: the cases that expect denials fail.
    std::fs::write(
        d.path().join("loose.json"),
        r#"{"version": 1, "promises": ["stdio", "rpath", "wpath", "cpath", "proc", "exec"], "unveil": [{"path": "/", "perms": "rwxc"}]}"#,
    )
    .unwrap();
    let r = script(d.path(), &example("assert-denies.rhai"), &["loose.json"]);
    assert_eq!(r.code, 1, "{r}");

    // The reports before the error come from the real programs the cases run, which differ
    // per machine.
    let err = r.stderr.find("seccomp-pledge: error: ").unwrap_or(0);
    assert_text(&mask_scripts(&r.stderr[err..]), "\
seccomp-pledge: error: 2 case(s) failed:\x20
  create a file: expected a denial, got 0
  start a process: denied, but no report names proc: [\"needs promise tty\"]
  --> $SCRIPTS/assert-denies.rhai:42:5
   |
42 |     throw `${failures.len()} case(s) failed: ` + failures.reduce(|acc, f| acc + \"\\n  \" + f, \"\");
   |     ^
", d.path());
}

#[test]
fn structured_results_and_source_from_the_shell() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let probe = s(probe_static());
    std::fs::write(
        d.path().join("build.rhai"),
        format!(
            r#"
quiet(true);
promise("stdio");
let r = run(["{probe}", "socket", "AF_INET", "SOCK_STREAM", "::", "getppid"]);
if r.status != 1 {{ throw `status ${{r.status}}`; }}
if r.denials.len() != 1 || r.denials[0].syscall != "socket" || r.denials[0].promise != "inet" {{
    throw `denials ${{r.denials}}`;
}}
let t = trace(["{probe}", "getppid", "::", "getppid"]);
let ppids = t.events.filter(|e| e.syscall == "getppid");
if ppids.len() != 2 || ppids[0].result == () {{ throw `events ${{ppids}}`; }}
let p = policy();
p.promises.push("rpath");
policy_from(p);
print(`promises now ${{policy().promises}}`);
"#
        ),
    )
    .unwrap();
    let file = d.path().join("commands");
    std::fs::write(&file, "source build.rhai\nshow\n").unwrap();
    let r = sp_cmd(&[OsStr::new("shell"), file.as_os_str()], |c| {
        c.current_dir(d.path()).env("XDG_STATE_HOME", d.path());
    });
    assert_eq!(r.code, 0, "{r}");
    // The shell sees what the script built.
    // The parent's pid differs per run.
    assert_text(
        &mask_digits_after(&r.stdout, "getppid ok "),
        "\
socket EPERM
getppid ok N
getppid ok N
getppid ok N
promises now [\"stdio\", \"rpath\"]
promises  stdio rpath
penalty   eperm
unveil    (nothing beyond what the program and its promises need)
rules     (none)
limits    cpu default, memory default, open-files default, processes default, file-size default
options   unveil on, strict off, nice off, keep-fds off, keep-caps off, allow-loader-promises off
(unsaved changes)
",
        d.path(),
    );
}

#[test]
fn bad_scripts_fail_with_a_position_and_nothing_half_done() {
    let d = tempdir();
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "syntax.rhai",
            "promise(\"stdio\");\nlet x = ;\n",
            "syntax.rhai:2:9",
            "\
seccomp-pledge: error: Unexpected ';'
 --> $DIR/syntax.rhai:2:9
  |
2 | let x = ;
  |         ^
",
        ),
        (
            "unknown.rhai",
            "promse(\"stdio\");\n",
            "did you mean `promise`?",
            "\
seccomp-pledge: error: unknown function `promse`
 --> $DIR/unknown.rhai:1:1
  |
1 | promse(\"stdio\");
  | ^
  hint: did you mean `promise`?
",
        ),
        (
            "arity.rhai",
            "promise(1, 2, 3, 4, 5);\n",
            "promise() does not take these arguments",
            "\
seccomp-pledge: error: promise() does not take these arguments (i64, i64, i64, i64, i64): commands take up to 3 arguments, each a string, an array of strings or a number (`help promise`)
 --> $DIR/arity.rhai:1:1
  |
1 | promise(1, 2, 3, 4, 5);
  | ^
",
        ),
        (
            "types.rhai",
            "unveil(#{a: 1});\n",
            "expected a string, an array of strings or a number",
            "\
seccomp-pledge: error: unveil(): expected a string, an array of strings or a number, not map
 --> $DIR/types.rhai:1:1
  |
1 | unveil(#{a: 1});
  | ^
",
        ),
        (
            "command.rhai",
            "allow(\"opnat\");\n",
            "did you mean `openat`?",
            "\
seccomp-pledge: error: allow(): unknown syscall `opnat` (at `opnat`)
 --> $DIR/command.rhai:1:1
  |
1 | allow(\"opnat\");
  | ^
  hint: did you mean `openat`?
",
        ),
        ("throw.rhai", "throw \"boom\";\n", "throw.rhai:1:1", "\
seccomp-pledge: error: boom
 --> $DIR/throw.rhai:1:1
  |
1 | throw \"boom\";
  | ^
"),
        (
            "loop.rhai",
            // Few operations, each slow (a scan of 100,000 elements): the time limit comes
            // first however fast the machine (a loop of `i += 1` reached the 10,000,000
            // operations first in 4 s on a debug build).
            "let a = [];\na.pad(100000, 0);\nloop { a.index_of(7); }\n",
            "ran too long",
            "seccomp-pledge: error: the script ran too long (more than 5 s, not counting its commands): a loop that never ends?\n --> $DIR/loop.rhai:3:",
        ),
        ("eval.rhai", "eval(\"1\");\n", "eval.rhai:1:1", "\
seccomp-pledge: error: reserved keyword 'eval' is disabled
 --> $DIR/eval.rhai:1:1
  |
1 | eval(\"1\");
  | ^
"),
    ];
    for (name, text, needle, want) in cases {
        let path = d.path().join(name);
        std::fs::write(&path, text).unwrap();
        let r = script(d.path(), &path, &[]);
        assert_eq!(r.code, 1, "{name}\n{r}");
        assert!(
            want.contains(needle),
            "{name}: {needle:?} is in the message"
        );
        assert_script_error(&r.stderr, want, d.path());
    }
    // A script that fails after changing the policy saves nothing it did not ask to save.
    let path = d.path().join("half.rhai");
    std::fs::write(
        &path,
        "promise(\"stdio\");\nallow(\"nosuchcall\");\nsave(\"policy.json\");\n",
    )
    .unwrap();
    let r = script(d.path(), &path, &[]);
    assert_eq!(r.code, 1, "{r}");
    assert!(!d.path().join("policy.json").exists());
    // A missing script is the tool's error.
    let r = script(d.path(), &d.path().join("nope.rhai"), &[]);
    assert_eq!(r.code, 125, "{r}");
    assert_text(&r.stderr, "\
seccomp-pledge: error: $DIR/nope.rhai: cannot read the script: No such file or directory (os error 2)
", d.path());
}

/// Asserts the whole error of a script run in `dir`. A `want` without a final newline is
/// where the error of a script that ran out of time stops being the same every run: the
/// column it had reached then differs, so only the text up to there is compared.
#[track_caller]
fn assert_script_error(stderr: &str, want: &str, dir: &Path) {
    if want.ends_with('\n') {
        return assert_text(stderr, want, dir);
    }
    let want = want.replace("$DIR", &dir.display().to_string());
    let cut = (want.len()..=stderr.len())
        .find(|&i| stderr.is_char_boundary(i))
        .unwrap_or(stderr.len());
    assert_text(&stderr[..cut], &want, dir);
}

/// Scripts are bounded in time, command calls, output, memory and value nesting, and
/// cannot import files: each limit ends the script with exit 1 and one line naming it, in
/// bounded time, never a signal.
#[test]
fn scripts_are_bounded_in_time_depth_and_memory() {
    let d = tempdir();
    // (file, script, what the error says, the whole error, most seconds it may take)
    let cases: &[(&str, &str, &str, &str, u64)] = &[
        (
            "deep-print.rhai",
            "let a = []; for i in 0..1500 { a = [a]; } print(a);",
            "print(): the value is nested more than 128 levels deep",
            "\
seccomp-pledge: error: print(): the value is nested more than 128 levels deep
 --> $DIR/deep-print.rhai:1:43
  |
1 | let a = []; for i in 0..1500 { a = [a]; } print(a);
  |                                           ^
",
            10,
        ),
        (
            "deep-compare.rhai",
            "let a = []; let b = []; for i in 0..1000 { a = [a]; b = [b]; } print(a == b);",
            "`==`: the value is nested more than 128 levels deep",
            "\
seccomp-pledge: error: `==`: the value is nested more than 128 levels deep
 --> $DIR/deep-compare.rhai:1:72
  |
1 | let a = []; let b = []; for i in 0..1000 { a = [a]; b = [b]; } print(a == b);
  |                                                                        ^
",
            10,
        ),
        (
            "deep-map.rhai",
            "let a = #{}; for i in 0..1000 { a = #{x: a}; } let s = `${a}`;",
            "to_string(): the value is nested more than 128 levels deep",
            "\
seccomp-pledge: error: to_string(): the value is nested more than 128 levels deep
 --> $DIR/deep-map.rhai:1:59
  |
1 | let a = #{}; for i in 0..1000 { a = #{x: a}; } let s = `${a}`;
  |                                                           ^
",
            10,
        ),
        (
            "deep-in.rhai",
            "let a = []; for i in 0..1000 { a = [a]; } print([a] in [[1]]);",
            "the value is nested more than 128 levels deep",
            "\
seccomp-pledge: error: `==`: the value is nested more than 128 levels deep
 --> $DIR/deep-in.rhai:1:53
  |
1 | let a = []; for i in 0..1000 { a = [a]; } print([a] in [[1]]);
  |                                                     ^
",
            10,
        ),
        (
            "deep-throw.rhai",
            "let a = []; for i in 0..1000 { a = [a]; } throw a;",
            "throw: the value is nested more than 128 levels deep",
            "\
seccomp-pledge: error: throw: the value is nested more than 128 levels deep
 --> $DIR/deep-throw.rhai:1:43
  |
1 | let a = []; for i in 0..1000 { a = [a]; } throw a;
  |                                           ^
",
            10,
        ),
        (
            "deep-json.rhai",
            "let a = #{}; for i in 0..1000 { a = #{x: a}; } print(a.to_json());",
            "to_json(): the value is nested more than 128 levels deep",
            "\
seccomp-pledge: error: to_json(): the value is nested more than 128 levels deep
 --> $DIR/deep-json.rhai:1:56
  |
1 | let a = #{}; for i in 0..1000 { a = #{x: a}; } print(a.to_json());
  |                                                        ^
",
            10,
        ),
        (
            "deep-policy.rhai",
            "let a = #{}; for i in 0..1000 { a = #{x: a}; } policy_from(a);",
            "policy_from(): the value is nested more than 128 levels deep",
            "\
seccomp-pledge: error: policy_from(): the value is nested more than 128 levels deep
 --> $DIR/deep-policy.rhai:1:48
  |
1 | let a = #{}; for i in 0..1000 { a = #{x: a}; } policy_from(a);
  |                                                ^
",
            10,
        ),
        (
            "self.rhai",
            "import \"self\" as s;\n",
            "`import` is not available: scripts reach files only through the commands",
            "\
seccomp-pledge: error: `import` is not available: scripts reach files only through the commands
 --> $DIR/self.rhai:1:1
  |
1 | import \"self\" as s;
  | ^
",
            10,
        ),
        (
            "import.rhai",
            "fn f() { import \"other\" as o; }\n",
            "`import` is not available",
            "\
seccomp-pledge: error: `import` is not available: scripts reach files only through the commands
 --> $DIR/import.rhai:1:10
  |
1 | fn f() { import \"other\" as o; }
  |          ^
",
            10,
        ),
        (
            "commands.rhai",
            "loop { show(); }\n",
            "show(): the script calls too many commands (more than 100000)",
            "\
seccomp-pledge: error: show(): the script calls too many commands (more than 100000)
 --> $DIR/commands.rhai:1:8
  |
1 | loop { show(); }
  |        ^
",
            30,
        ),
        (
            "print.rhai",
            "let x = \"xxxxxxxx\"; for j in 0..17 { x += x; } loop { print(x); }\n",
            "the script printed too much (more than 64 MiB)",
            "\
seccomp-pledge: error: the script printed too much (more than 64 MiB)
 --> $DIR/print.rhai:1:55
  |
1 | let x = \"xxxxxxxx\"; for j in 0..17 { x += x; } loop { print(x); }
  |                                                       ^
",
            10,
        ),
        (
            "map.rhai",
            "let x = \"xxxxxxxx\"; for j in 0..18 { x += x; } let m = #{}; let i = 0; loop { m[`k${i}`] = x + i; i += 1; }\n",
            "the script uses too much memory (more than 512 MiB)",
            "\
seccomp-pledge: error: the script uses too much memory (more than 512 MiB)
 --> $DIR/map.rhai:1:81
  |
1 | let x = \"xxxxxxxx\"; for j in 0..18 { x += x; } let m = #{}; let i = 0; loop { m[`k${i}`] = x + i; i += 1; }
  |                                                                                 ^
",
            10,
        ),
        (
            "array.rhai",
            "let x = \"xxxxxxxx\"; for j in 0..18 { x += x; } let a = []; a.pad(1000, ()); let i = 0; loop { a[i] = x + i; i += 1; }\n",
            "the script uses too much memory (more than 512 MiB)",
            "\
seccomp-pledge: error: the script uses too much memory (more than 512 MiB)
 --> $DIR/array.rhai:1:97
  |
1 | let x = \"xxxxxxxx\"; for j in 0..18 { x += x; } let a = []; a.pad(1000, ()); let i = 0; loop { a[i] = x + i; i += 1; }
  |                                                                                                 ^
",
            10,
        ),
        (
            "nested.rhai",
            "let a = []; for i in 0..150000 { a = [a]; } print(\"done\");\n",
            "the script ran too long (more than 5 s, not counting its commands)",
            "seccomp-pledge: error: the script ran too long (more than 5 s, not counting its commands): a loop that never ends?\n --> $DIR/nested.rhai:1:",
            30,
        ),
    ];
    std::fs::write(d.path().join("other.rhai"), "print(\"imported\");\n").unwrap();
    for (name, text, needle, want, secs) in cases {
        let path = d.path().join(name);
        std::fs::write(&path, text).unwrap();
        let start = std::time::Instant::now();
        let r = script(d.path(), &path, &[]);
        let took = start.elapsed();
        assert_eq!(r.code, 1, "{name}\n{r}");
        // The whole error, with the position.
        assert!(
            want.contains(needle) && want.contains(&format!("{name}:1:")),
            "{name}"
        );
        assert_script_error(&r.stderr, want, d.path());
        assert!(!r.stdout.contains("imported"), "{name}\n{r}");
        assert!(
            took < std::time::Duration::from_secs(*secs),
            "{name} took {took:?}\n{r}"
        );
    }
}

/// What is not a script file of at most 4 MiB is refused before anything runs (exit 125,
/// like a missing file), without reading it all or waiting for a writer.
#[test]
fn script_files_are_regular_and_bounded() {
    let d = tempdir();
    let big = d.path().join("big.rhai");
    std::fs::write(&big, " ".repeat((4 << 20) + 1)).unwrap();
    let fifo = d.path().join("fifo.rhai");
    let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid C string; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let ctl = d.path().join("bad\x1b[31m.rhai");
    std::fs::write(&ctl, "throw \"boom\";\n").unwrap();
    let cases: &[(&Path, i32, &str, &str)] = &[
        (
            Path::new("/dev/zero"),
            125,
            "/dev/zero: cannot read the script: not a regular file",
            "\
seccomp-pledge: error: /dev/zero: cannot read the script: not a regular file
",
        ),
        (
            &fifo,
            125,
            "cannot read the script: not a regular file",
            "\
seccomp-pledge: error: $DIR/fifo.rhai: cannot read the script: not a regular file
",
        ),
        (
            d.path(),
            125,
            "cannot read the script: not a regular file",
            "\
seccomp-pledge: error: $DIR: cannot read the script: not a regular file
",
        ),
        (
            &big,
            125,
            "cannot read the script: larger than 4 MiB",
            "\
seccomp-pledge: error: $DIR/big.rhai: cannot read the script: larger than 4 MiB, the limit for a script (4194304 bytes)
",
        ),
        (&ctl, 1, "bad\\x1b[31m.rhai:1:1", "\
seccomp-pledge: error: boom
 --> $DIR/bad\\x1b[31m.rhai:1:1
  |
1 | throw \"boom\";
  | ^
"),
    ];
    for (file, code, needle, want) in cases {
        let start = std::time::Instant::now();
        let r = script(d.path(), file, &[]);
        assert_eq!(r.code, *code, "{file:?}\n{r}");
        // No raw escape: the name is shown escaped.
        assert!(
            want.contains(needle),
            "{file:?}: {needle:?} is in the message"
        );
        assert_text(&r.stderr, want, d.path());
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "{file:?}\n{r}"
        );
    }
    // Exactly 4 MiB is still a script.
    std::fs::write(&big, " ".repeat(4 << 20)).unwrap();
    let r = script(d.path(), &big, &[]);
    assert_eq!(r.code, 0, "{r}");
}
