//! Unveil through Landlock: each permission letter, removal and renaming outside unveiled
//! paths, truncation, symlinks out of a tree, overlapping rules, implicit unveils, `-V`.

use std::path::Path;

use crate::text_cmp::{assert_text, mask_digits_after};
use crate::util::*;

const ALL_FS: &str = "stdio rpath wpath cpath";

struct Tree {
    dir: tempfile::TempDir,
}

impl Tree {
    /// `root/{in,out}/f` with content, plus `root/in/sub/`.
    fn new() -> Tree {
        let dir = tempdir();
        for d in ["in", "in/sub", "out"] {
            std::fs::create_dir_all(dir.path().join(d)).unwrap();
        }
        std::fs::write(dir.path().join("in/f"), "inside").unwrap();
        std::fs::write(dir.path().join("out/f"), "outside").unwrap();
        Tree { dir }
    }
    fn p(&self, rel: &str) -> String {
        s(&self.dir.path().join(rel))
    }
}

#[test]
fn r_reads_but_does_not_write() {
    if !require_kernel() {
        return;
    }
    let t = Tree::new();
    let v = format!("r:{}", t.p("in"));
    probe_run(
        &["-p", ALL_FS, "-v", &v],
        &format!("read {} :: getdents {}", t.p("in/f"), t.p("in")),
    )
    .expect("read", "ok")
    .expect("getdents", "ok");
    probe_run(
        &["-p", ALL_FS, "-v", &v],
        &format!("write {} x", t.p("in/f")),
    )
    .expect("write", "EACCES");
    probe_run(&["-p", ALL_FS, "-v", &v], &format!("read {}", t.p("out/f")))
        .expect("read", "EACCES");
    // no letters means r, as in pledge.com
    probe_run(
        &["-p", ALL_FS, "-v", &t.p("in")],
        &format!("read {}", t.p("in/f")),
    )
    .expect("read", "ok");
}

#[test]
fn w_writes_and_truncates() {
    if !require_kernel() {
        return;
    }
    let t = Tree::new();
    let v = format!("rw:{}", t.p("in"));
    probe_run(
        &["-p", ALL_FS, "-v", &v],
        &format!(
            "write {} new :: truncate {} 1 :: open-trunc {}",
            t.p("in/f"),
            t.p("in/f"),
            t.p("in/f")
        ),
    )
    .expect("write", "ok")
    .expect("truncate", "ok")
    .expect("open-trunc", "ok");
    // a file rule with w keeps TRUNCATE (pledge.com drops it)
    let vf = format!("w:{}", t.p("out/f"));
    probe_run(
        &["-p", ALL_FS, "-v", &vf],
        &format!("open-trunc {}", t.p("out/f")),
    )
    .expect("open-trunc", "ok");
    // r alone: no truncate
    let vr = format!("r:{}", t.p("in"));
    probe_run(
        &["-p", ALL_FS, "-v", &vr],
        &format!("truncate {} 0", t.p("in/f")),
    )
    .expect("truncate", "EACCES");
    assert_eq!(
        std::fs::read_to_string(t.p("in/f")).unwrap(),
        "",
        "truncated under rw"
    );
}

#[test]
fn x_is_needed_to_execute() {
    if !require_kernel() {
        return;
    }
    let t = Tree::new();
    let exe = t.p("in/prog");
    std::fs::copy(probe_static(), &exe).unwrap();
    let r = probe_run(
        &["-p", "stdio exec", "-v", &format!("rx:{}", t.p("in"))],
        &format!("exec {exe} exit 42"),
    );
    assert_eq!(r.code, 42, "{r}");
    probe_run(
        &["-p", "stdio exec", "-v", &format!("r:{}", t.p("in"))],
        &format!("exec {exe} exit 42"),
    )
    .expect("exec", "EACCES");
}

#[test]
fn c_creates_and_removes_only_inside() {
    if !require_kernel() {
        return;
    }
    let t = Tree::new();
    let v = format!("rwc:{}", t.p("in"));
    let r = probe_run(
        &["-p", ALL_FS, "-v", &v, "-v", &format!("r:{}", t.p("out"))],
        &format!(
            "mkdir {} :: rmdir {} :: open {} O_WRONLY|O_CREAT|O_EXCL 0644 :: unlink {}",
            t.p("in/d"),
            t.p("in/d"),
            t.p("in/new"),
            t.p("in/new")
        ),
    );
    r.expect("mkdir", "ok")
        .expect("rmdir", "ok")
        .expect("open", "ok")
        .expect("unlink", "ok");
    // outside the c rule: no creation, and no removal either (pledge.com lets rm through)
    let r = probe_run(
        &["-p", ALL_FS, "-v", &v, "-v", &format!("rw:{}", t.p("out"))],
        &format!("mkdir {} :: unlink {}", t.p("out/d"), t.p("out/f")),
    );
    r.expect("mkdir", "EACCES").expect("unlink", "EACCES");
    assert!(
        std::path::Path::new(&t.p("out/f")).exists(),
        "rm outside unveiled paths must fail"
    );
}

#[test]
fn rename_and_link_out_of_the_tree_fail() {
    if !require_kernel() {
        return;
    }
    let t = Tree::new();
    let v = format!("rwc:{}", t.p("in"));
    let r = probe_run(
        &["-p", ALL_FS, "-v", &v, "-v", &format!("r:{}", t.p("out"))],
        &format!(
            "rename {} {} :: link {} {}",
            t.p("in/f"),
            t.p("out/g"),
            t.p("in/f"),
            t.p("out/h")
        ),
    );
    for op in ["rename", "link"] {
        let res = r.result(op);
        assert!(res == "EACCES" || res == "EXDEV", "{op}: {res}\n{r}");
    }
    // within the tree renaming works
    let r = probe_run(
        &["-p", ALL_FS, "-v", &v],
        &format!("rename {} {}", t.p("in/f"), t.p("in/sub/f")),
    );
    r.expect("rename", "ok");
}

#[test]
fn symlinks_pointing_out_of_an_unveiled_tree_are_denied() {
    if !require_kernel() {
        return;
    }
    let t = Tree::new();
    std::os::unix::fs::symlink(t.p("out/f"), t.p("in/link")).unwrap();
    let v = format!("r:{}", t.p("in"));
    probe_run(
        &["-p", ALL_FS, "-v", &v],
        &format!("read {}", t.p("in/link")),
    )
    .expect("read", "EACCES");
    std::os::unix::fs::symlink(t.p("in/f"), t.p("out/back")).unwrap();
    // the link's target decides, not where the link lives (the link itself is resolved)
    probe_run(
        &["-p", ALL_FS, "-v", &v],
        &format!("read {}", t.p("out/back")),
    )
    .expect("read", "ok");
}

#[test]
fn overlapping_rules_grant_the_union() {
    if !require_kernel() {
        return;
    }
    let t = Tree::new();
    std::fs::write(t.p("in/sub/g"), "g").unwrap();
    let r = probe_run(
        &[
            "-p",
            ALL_FS,
            "-v",
            &format!("r:{}", t.p("in")),
            "-v",
            &format!("w:{}", t.p("in/sub")),
        ],
        &format!(
            "read {} :: write {} x :: write {} y",
            t.p("in/sub/g"),
            t.p("in/sub/g"),
            t.p("in/f")
        ),
    );
    // Landlock unions rights along the path (OpenBSD: most specific wins)
    assert_eq!(
        r.results("write").collect::<Vec<_>>(),
        ["ok", "EACCES"],
        "{r}"
    );
    r.expect("read", "ok");
}

#[test]
fn implicit_unveils_follow_the_promises() {
    if !require_kernel() {
        return;
    }
    // stdio: /dev/null rw, /proc/self/status r (added by the child itself)
    probe_run(
        &["-p", "stdio rpath wpath"],
        "write /dev/null x :: read /dev/null :: status",
    )
    .expect("write", "ok")
    .expect("read", "ok")
    .expect("status", "ok");
    // nothing else is visible: the working directory and /etc are not unveiled
    probe_run(&["-p", "stdio rpath"], "read /etc/passwd :: getdents .")
        .expect("read", "EACCES")
        .expect("getdents", "EACCES");
}

#[test]
fn no_unveil_turns_landlock_file_rules_off() {
    if !require_kernel() {
        return;
    }
    probe_run(&["-V", "-p", "stdio rpath"], "read /etc/passwd").expect("read", "ok");
    // the promises still apply
    probe_run(&["-V", "-p", "stdio"], "read /etc/passwd").expect("read", "EPERM");
}

#[test]
fn a_missing_user_path_is_an_error_before_anything_runs() {
    if !require_kernel() {
        return;
    }
    let r = sp(&["-p", "stdio", "-v", "r:/no/such/dir", "--", "/bin/true"]);
    assert_eq!(r.code, 125, "{r}");
    assert_text(&r.stderr, "\
seccomp-pledge: error: cannot unveil `/no/such/dir`: No such file or directory (os error 2)
  hint: `/no/such/dir` does not exist; Landlock grants only paths that exist. For what the program creates there, unveil the directory it is created in: `rc:/`
", Path::new(""));
}

#[test]
fn c_on_a_file_is_explained() {
    if !require_kernel() {
        return;
    }
    let t = Tree::new();
    let r = probe_run(
        &["-p", "stdio rpath", "-v", &format!("rc:{}", t.p("in/f"))],
        &format!("read {}", t.p("in/f")),
    );
    r.expect("read", "ok");
    assert_text(&auto_stderr(&r.stderr), "\
seccomp-pledge: warning: unveil: `c` has no effect on the file $DIR/in/f: creating and removing entries is granted on directories
", t.dir.path());
}

/// `text` with the kernel's own Landlock ABI (which depends on its version) shown as `N`.
fn kernel_abi(text: &str) -> String {
    mask_digits_after(text, "the kernel has ABI ")
}

#[test]
fn older_landlock_abis_are_reported_on_every_run_and_strict_refuses() {
    if !require_kernel() {
        return;
    }
    let t = Tree::new();
    let v = format!("rw:{}", t.p("in"));
    let run = |abi: &str, extra: &[&str], steps: &str| {
        let mut args: Vec<String> = vec!["-p".into(), ALL_FS.into(), "-v".into(), v.clone()];
        args.extend(extra.iter().map(|s| s.to_string()));
        args.extend(["--".into(), s(probe_static())]);
        args.extend(steps.split_whitespace().map(str::to_string));
        sp_cmd(&args, |c| {
            c.env("SECCOMP_PLEDGE_LANDLOCK_ABI", abi);
        })
    };
    // ABI 2: no TRUNCATE (so truncation is not restricted), no IOCTL_DEV, no scoping
    let r = run(
        "2",
        &[],
        &format!("truncate {} 0 :: read {}", t.p("out/f"), t.p("out/f")),
    );
    assert_text(&kernel_abi(&auto_stderr(&r.stderr)), "\
seccomp-pledge: warning: landlock: rights not in ABI 2: TRUNCATE, IOCTL_DEV (because SECCOMP_PLEDGE_LANDLOCK_ABI=2 caps the ABI; the kernel has ABI N)
seccomp-pledge: warning: landlock: scoping (signals and abstract sockets limited to the sandbox) needs ABI 6, ABI 2 is in use (because SECCOMP_PLEDGE_LANDLOCK_ABI=2 caps the ABI; the kernel has ABI N)
", t.dir.path());
    r.expect("truncate", "ok").expect("read", "EACCES");
    let r = run("2", &["--strict"], "echo never");
    assert_eq!(r.code, 125, "{r}");
    assert!(!r.stdout.contains("never"), "{r}");
    assert_text(&kernel_abi(&r.stderr), "\
seccomp-pledge: error: Landlock on this kernel (ABI 2) cannot enforce everything asked: rights not in ABI 2: TRUNCATE, IOCTL_DEV (because SECCOMP_PLEDGE_LANDLOCK_ABI=2 caps the ABI; the kernel has ABI N); scoping (signals and abstract sockets limited to the sandbox) needs ABI 6, ABI 2 is in use (because SECCOMP_PLEDGE_LANDLOCK_ABI=2 caps the ABI; the kernel has ABI N); run without --strict to accept this
", t.dir.path());
    // no Landlock at all: said loudly, and -T unveil says no
    let r = run("0", &[], &format!("read {}", t.p("out/f")));
    assert_text(&kernel_abi(&auto_stderr(&r.stderr)), "\
seccomp-pledge: warning: landlock: Landlock is not available on this kernel: unveil rules are NOT enforced (because SECCOMP_PLEDGE_LANDLOCK_ABI=0 caps the ABI; the kernel has ABI N)
", t.dir.path());
    r.expect("read", "ok");
    assert_eq!(run("0", &["--strict"], "echo x").code, 125);
    let r = sp_cmd(&["-T", "unveil"], |c| {
        c.env("SECCOMP_PLEDGE_LANDLOCK_ABI", "0");
    });
    assert_eq!(r.code, 1);
    // the real kernel enforces everything: nothing is said
    let r = probe_run(&["-p", ALL_FS, "-v", &v], "echo quiet");
    assert_text(&r.stderr, "", t.dir.path());
}

#[test]
fn attribute_changes_by_path_cannot_reach_files_outside_the_unveiled_paths() {
    if !require_kernel() {
        return;
    }
    let inside = tempdir();
    let outside = tempdir();
    let target = outside.path().join("victim");
    std::fs::write(&target, "x").unwrap();
    let t = s(&target);
    let mode = || {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(&target).unwrap().permissions().mode() & 0o7777
    };
    let before = mode();
    // The attack works where Landlock is the only fence (unveil off): a promise allows
    // chmod, and Landlock would not stop it anyway.
    probe_run(&["-V", "-p", "stdio fattr"], &format!("chmod {t} 0600")).expect("chmod", "ok");
    assert_eq!(mode(), 0o600);
    std::fs::set_permissions(
        &target,
        std::os::unix::fs::PermissionsExt::from_mode(before),
    )
    .unwrap();
    // With unveil on, every path form is refused, whatever promise would allow it.
    let v = format!("rwc:{}", s(inside.path()));
    for promises in ["stdio fattr", "stdio wpath", "stdio chown fattr"] {
        let r = probe_run(
            &["-p", promises, "-v", &v],
            &format!("chmod {t} 0600 :: fchmodat {t} 0600 :: utimensat {t} :: chown {t} 0 0"),
        );
        for op in ["chmod", "fchmodat", "utimensat"] {
            r.expect(op, "EPERM");
        }
        if promises.contains("chown") {
            r.expect("chown", "EPERM");
        }
        // The report says why and what to use instead.
        let want = match promises {
            "stdio fattr" => "\
seccomp-pledge: denied chmod(\"$DIR/victim\", 0600) in probe-static[PID]: refused on a path while unveil is on (Landlock cannot restrict attribute changes): use the descriptor form (fchmod, fchown, futimens), or -V
seccomp-pledge: denied fchmodat(AT_FDCWD, \"$DIR/victim\", 0600) in probe-static[PID]: refused on a path while unveil is on (Landlock cannot restrict attribute changes): use the descriptor form (fchmod, fchown, futimens), or -V
seccomp-pledge: denied utimensat(AT_FDCWD, \"$DIR/victim\", NULL, 0) in probe-static[PID]: refused on a path while unveil is on (Landlock cannot restrict attribute changes): use the descriptor form (fchmod, fchown, futimens), or -V
seccomp-pledge: denied chown(\"$DIR/victim\", 0, 0) in probe-static[PID]: needs promise chown
",
            "stdio wpath" => "\
seccomp-pledge: denied chmod(\"$DIR/victim\", 0600) in probe-static[PID]: refused on a path while unveil is on (Landlock cannot restrict attribute changes): use the descriptor form (fchmod, fchown, futimens), or -V
seccomp-pledge: denied fchmodat(AT_FDCWD, \"$DIR/victim\", 0600) in probe-static[PID]: refused on a path while unveil is on (Landlock cannot restrict attribute changes): use the descriptor form (fchmod, fchown, futimens), or -V
seccomp-pledge: denied utimensat(AT_FDCWD, \"$DIR/victim\", NULL, 0) in probe-static[PID]: needs promise fattr
seccomp-pledge: denied chown(\"$DIR/victim\", 0, 0) in probe-static[PID]: needs promise chown
",
            _ => "\
seccomp-pledge: denied chmod(\"$DIR/victim\", 0600) in probe-static[PID]: refused on a path while unveil is on (Landlock cannot restrict attribute changes): use the descriptor form (fchmod, fchown, futimens), or -V
seccomp-pledge: denied fchmodat(AT_FDCWD, \"$DIR/victim\", 0600) in probe-static[PID]: refused on a path while unveil is on (Landlock cannot restrict attribute changes): use the descriptor form (fchmod, fchown, futimens), or -V
seccomp-pledge: denied utimensat(AT_FDCWD, \"$DIR/victim\", NULL, 0) in probe-static[PID]: refused on a path while unveil is on (Landlock cannot restrict attribute changes): use the descriptor form (fchmod, fchown, futimens), or -V
seccomp-pledge: denied chown(\"$DIR/victim\", 0, 0) in probe-static[PID]: refused on a path while unveil is on (Landlock cannot restrict attribute changes): use the descriptor form (fchmod, fchown, futimens), or -V
",
        };
        assert_text(&auto_stderr(&r.stderr), want, outside.path());
        assert_eq!(mode(), before, "{promises}: the file outside is unchanged");
    }
    // An explicit allow rule is the user's choice, and a warning says what it reaches.
    let r = probe_run(
        &["-p", "stdio", "-v", &v, "--allow", "chmod"],
        &format!("chmod {t} 0644"),
    );
    r.expect("chmod", "ok");
    assert_text(&auto_stderr(&r.stderr), "\
seccomp-pledge: warning: `allow chmod` reaches files outside the unveiled paths: Landlock does not restrict attribute changes by path
", outside.path());
}

#[test]
fn implicit_unveils_let_libraries_be_read_but_not_executed() {
    if !require_kernel() {
        return;
    }
    let libc = "/lib/x86_64-linux-gnu/libc.so.6";
    let out = std::process::Command::new(libc).output().unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("GNU C Library"),
        "glibc's libc.so.6 runs as a program unconfined"
    );
    // The loader maps it (read is enough), but the library directories are not executable.
    let r = probe_run_dyn(&["-p", "stdio exec"], &format!("getpid :: exec {libc}"));
    r.expect("getpid", "ok").expect("exec", "EACCES");
}

#[test]
fn the_unix_promise_warns_that_socket_files_are_not_unveiled() {
    if !require_kernel() {
        return;
    }
    let r = probe_run(&["-p", "stdio unix"], "getpid");
    assert_text(&r.stderr, "\
seccomp-pledge: warning: unix: unveil does not restrict connecting to pathname Unix sockets, so the program can reach every socket file the user can (e.g. /run/docker.sock, the D-Bus bus)
", Path::new(""));
    let r = probe_run(&["-p", "stdio"], "getpid");
    assert_text(&r.stderr, "", Path::new(""));
}
