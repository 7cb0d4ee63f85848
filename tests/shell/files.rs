//! save and load through the binary: both formats round-trip, seccompiler compiles what we
//! write, and overwriting a file this session does not own needs `--force`.

use std::collections::HashMap;

use crate::text_cmp::{assert_text, mask_digits_after};
use crate::{shell_stdin, text};

const BUILD: &str = "promise stdio rpath inet\n\
    unveil /usr r\n\
    unveil rwc:/tmp\n\
    allow ioctl if arg1 == TIOCGWINSZ\n\
    deny socket if arg0 == AF_PACKET errno EACCES\n\
    deny ptrace kill\n\
    limit open-files 128\n\
    penalty errno EACCES\n";

fn ok(dir: &std::path::Path, input: &str) -> String {
    let out = shell_stdin(dir, input);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{input}\n{stdout}\n{stderr}");
    stdout
}

fn json_after(stdout: &str) -> serde_json::Value {
    serde_json::from_str(&stdout[stdout.find('{').unwrap()..]).unwrap()
}

#[test]
fn our_format_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let shown = ok(dir.path(), &format!("{BUILD}save\nshow json\n"));
    let before = json_after(&shown);
    assert_eq!(before["penalty"], serde_json::json!({"errno": 13}));
    let loaded = ok(dir.path(), "load policy.json\nshow json\n");
    assert!(loaded.starts_with("loaded policy from "), "{loaded}");
    assert_eq!(
        json_after(&loaded),
        before,
        "load gives back what was saved"
    );
    // Loading and saving again changes nothing in the file.
    let first = std::fs::read(dir.path().join("policy.json")).unwrap();
    ok(dir.path(), "load policy.json\nsave\n");
    assert_eq!(
        std::fs::read(dir.path().join("policy.json")).unwrap(),
        first
    );
}

#[test]
fn seccompiler_format_compiles_with_seccompiler_and_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let out = shell_stdin(dir.path(), &format!("{BUILD}save --format seccompiler\n"));
    let (_, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    // Saying what the format cannot hold.
    assert_text(
        &stderr,
        "note: `deny socket if arg0 == AF_PACKET errno EACCES` wins over promise inet for the calls it matches\n\
         note: seccompiler's format holds the seccomp rules only: unveils, limits and options are not in it\n\
         note: install every filter of the file, the `allow` filter last (it refuses seccomp(2) itself)\n",
        dir.path(),
    );
    let path = dir.path().join("filters.json");
    let file = std::fs::File::open(&path).unwrap();
    let filters: HashMap<String, seccompiler::BpfProgram> =
        seccompiler::compile_from_json(file, seccompiler::TargetArch::x86_64)
            .expect("seccompiler compiles our filters.json");
    assert!(filters.contains_key("allow"), "{:?}", filters.keys());
    assert!(
        filters.contains_key("deny-errno-13"),
        "{:?}",
        filters.keys()
    );
    assert!(filters.contains_key("kill_process"), "{:?}", filters.keys());
    assert!(filters.values().all(|p| !p.is_empty() && p.len() < 4096));

    // load → save gives a file seccompiler compiles too, and a second round trip is stable.
    let loaded = ok(
        dir.path(),
        "load filters.json\nsave --format seccompiler again.json\nload again.json\nsave --format seccompiler third.json\n",
    );
    assert!(
        loaded.starts_with("loaded seccompiler filters from "),
        "{loaded}"
    );
    let again = std::fs::read_to_string(dir.path().join("again.json")).unwrap();
    let third = std::fs::read_to_string(dir.path().join("third.json")).unwrap();
    assert_eq!(again, third, "the import of an export exports the same");
    seccompiler::compile_from_json(again.as_bytes(), seccompiler::TargetArch::x86_64).unwrap();
}

#[test]
fn writes_are_atomic_and_foreign_files_need_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("policy.json");
    std::fs::write(&path, "precious\n").unwrap();
    let out = shell_stdin(dir.path(), "promise stdio\nsave\n");
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1));
    assert_text(
        &stderr,
        "seccomp-pledge: error: stdin:2: `$DIR/policy.json` exists and was not loaded or saved in this session\n  hint: add --force to overwrite it\nseccomp-pledge: stopped at stdin:2; the lines after it were not run\n",
        dir.path(),
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "precious\n",
        "not touched"
    );
    ok(dir.path(), "promise stdio\nsave --force\n");
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("\"stdio\"")
    );
    // A file saved in this session may be overwritten without --force.
    ok(
        dir.path(),
        "promise stdio\nsave mine.json\npromise rpath\nsave mine.json\n",
    );
    // No temporary files are left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with(".state"))
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(sorted, ["mine.json", "policy.json"], "{names:?}");
    // A directory that cannot be written: a clear error, nothing lost.
    let out = shell_stdin(dir.path(), "promise stdio\nsave /proc/policy.json\n");
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1));
    // The temporary file's name ends in the shell's pid.
    assert_text(
        &mask_digits_after(&stderr, ".tmp."),
        "seccomp-pledge: error: stdin:2: cannot save `/proc/policy.json`: cannot create `/proc/.policy.json.tmp.N`: No such file or directory (os error 2)\n\
         seccomp-pledge: stopped at stdin:2; the lines after it were not run\n",
        dir.path(),
    );
}

#[test]
fn bad_files_are_refused_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &str, &str)] = &[
        (
            "unknown.json",
            "{\"version\": 1,\n  \"promise\": []}",
            "unknown field `promise`",
        ),
        (
            "cut.json",
            "{\"version\": 1, \"promises\": [\"std",
            "EOF while parsing",
        ),
        (
            "badpromise.json",
            "{\"version\": 1, \"promises\": [\"stdoi\"]}",
            "stdoi",
        ),
        ("version.json", "{\"version\": 99}", "version"),
        (
            "badsys.json",
            "{\"main\": {\"mismatch_action\": \"kill_process\", \"match_action\": \"allow\", \"filter\": [{\"syscall\": \"raed\"}]}}",
            "did you mean `read`",
        ),
        (
            "two.json",
            "{\"a\": {\"mismatch_action\": \"kill_process\", \"match_action\": \"allow\", \"filter\": []},\n \"b\": {\"mismatch_action\": \"kill_process\", \"match_action\": \"allow\", \"filter\": []}}",
            "(`a`, `b`)",
        ),
        ("array.json", "[1, 2]", "array.json"),
    ];
    // The whole message of each, after the file's name.
    let exact: &[(&str, &str)] = &[
        (
            "unknown.json",
            "unknown field `promise`, expected one of `version`, `promises`, `exec_promises`, `unveil`, `net`, `rules`, `penalty`, `limits`, `options` at line 2 column 11",
        ),
        ("cut.json", "EOF while parsing a string at line 1 column 32"),
        (
            "badpromise.json",
            "unknown promise `stdoi` (did you mean `stdio`?) at line 1 column 37",
        ),
        (
            "version.json",
            "policy format version 99 is newer than this seccomp-pledge understands (1)",
        ),
        (
            "badsys.json",
            "invalid seccompiler filter file: unknown syscall `raed` (did you mean `read`?) at line 1 column 100",
        ),
        (
            "two.json",
            "the file holds 2 allow-list filters (`a`, `b`): they have different penalties and cannot be merged; pick one with `--filter NAME`",
        ),
        (
            "array.json",
            "invalid type: integer `2`, expected a sequence at line 1 column 5",
        ),
    ];
    for (name, content, needle) in cases {
        std::fs::write(dir.path().join(name), content).unwrap();
        let out = shell_stdin(
            dir.path(),
            &format!("promise stdio\nload {name}\nshow json\n"),
        );
        let (stdout, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: {stdout}{stderr}");
        let want = exact
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, m)| *m)
            .unwrap_or_else(|| panic!("{name}: no exact message"));
        let whole = format!(
            "seccomp-pledge: error: stdin:2: cannot load policy `$DIR/{name}`: {want}\nseccomp-pledge: stopped at stdin:2; the lines after it were not run\n"
        );
        assert!(
            whole.contains(needle),
            "{name}: {needle:?} is in the message"
        );
        assert_text(&stderr, &whole, dir.path());
    }
    let message = |name: &str| {
        let want = exact.iter().find(|(n, _)| *n == name).unwrap().1;
        format!(
            "seccomp-pledge: error: stdin:1: cannot load policy `$DIR/{name}`: {want}\nseccomp-pledge: stopped at stdin:1; the lines after it were not run\n"
        )
    };
    let out = shell_stdin(dir.path(), "load unknown.json\n");
    assert_text(&text(&out).1, &message("unknown.json"), dir.path());
    let out = shell_stdin(dir.path(), "load two.json\n");
    assert_text(&text(&out).1, &message("two.json"), dir.path());
    let loaded = ok(dir.path(), "load --filter b two.json\n");
    assert_text(
        &loaded,
        "loaded seccompiler filters from $DIR/two.json: 0 promises, 0 unveils, 0 rules\n",
        dir.path(),
    );
}

#[test]
fn saves_keep_the_mode_and_symlinks_and_say_what_hard_links_keep() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mode = |p: &str| std::fs::metadata(d.join(p)).unwrap().mode() & 0o7777;
    // A private policy stays private.
    std::fs::write(d.join("private.json"), "old\n").unwrap();
    std::fs::set_permissions(d.join("private.json"), PermissionsExt::from_mode(0o600)).unwrap();
    ok(d, "promise stdio\nsave --force private.json\n");
    assert_eq!(mode("private.json"), 0o600);
    assert!(
        std::fs::read_to_string(d.join("private.json"))
            .unwrap()
            .contains("\"stdio\"")
    );
    // A symlink stays a symlink; its target gets the content (and keeps its mode).
    std::fs::create_dir(d.join("store")).unwrap();
    std::fs::write(d.join("store/real.json"), "old\n").unwrap();
    std::fs::set_permissions(d.join("store/real.json"), PermissionsExt::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("store/real.json", d.join("link.json")).unwrap();
    let out = ok(
        d,
        "promise stdio rpath\nsave --force link.json\nload link.json\nshow\n",
    );
    assert_text(
        &out,
        "promises: stdio rpath\n\
         saved $DIR/link.json\n\
         loaded policy from $DIR/link.json: 2 promises, 0 unveils, 0 rules\n\
         promises  stdio rpath\n\
         penalty   eperm\n\
         unveil    (nothing beyond what the program and its promises need)\n\
         rules     (none)\n\
         limits    cpu default, memory default, open-files default, processes default, file-size default\n\
         options   unveil on, strict off, nice off, keep-fds off, keep-caps off, allow-loader-promises off\n",
        d,
    );
    let link = std::fs::symlink_metadata(d.join("link.json")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    assert!(
        std::fs::read_to_string(d.join("store/real.json"))
            .unwrap()
            .contains("\"rpath\"")
    );
    assert_eq!(mode("store/real.json"), 0o640);
    // A dangling link: refused, saying so; nothing created.
    std::os::unix::fs::symlink("store/nowhere.json", d.join("dangling.json")).unwrap();
    let out = shell_stdin(d, "promise stdio\nsave --force dangling.json\n");
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_text(
        &stderr,
        "seccomp-pledge: error: stdin:2: cannot save `$DIR/dangling.json`: `$DIR/dangling.json` is a symlink to `store/nowhere.json`, which cannot be followed (No such file or directory (os error 2)): refusing to replace the link or create its target\nseccomp-pledge: stopped at stdin:2; the lines after it were not run\n",
        d,
    );
    assert!(!d.join("store/nowhere.json").exists());
    // Hard links: the file is replaced (atomically), the other name keeps the old content,
    // and the save says so.
    std::fs::write(d.join("shared.json"), "old\n").unwrap();
    std::fs::hard_link(d.join("shared.json"), d.join("other-name.json")).unwrap();
    let out = shell_stdin(d, "promise stdio\nsave --force shared.json\n");
    let (_, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert_text(
        &stderr,
        "note: `$DIR/shared.json` had 1 other hard link: it keeps the previous content (a save replaces the file)\n",
        d,
    );
    assert_eq!(
        std::fs::read_to_string(d.join("other-name.json")).unwrap(),
        "old\n"
    );
    // No temporary file anywhere.
    for sub in [d.to_path_buf(), d.join("store")] {
        for e in std::fs::read_dir(&sub).unwrap() {
            let n = e.unwrap().file_name().to_string_lossy().into_owned();
            assert!(!n.contains(".tmp."), "left behind: {n}");
        }
    }
}
