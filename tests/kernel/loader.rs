//! Exact promises after the loader: dynamic programs (glibc and musl) hold exactly their
//! promises once their loader is done (the loader's `rpath prot_exec` are granted by the
//! supervisor to the loader only), every program loses `exec` after its own first execve,
//! and programs where that cannot be guaranteed are refused unless the wider set is
//! accepted. The adversarial probes are in `hostile.rs`.

use std::path::Path;
use std::sync::OnceLock;

use crate::text_cmp::{assert_text, mask_run};
use crate::util::*;

#[test]
fn dynamic_programs_hold_exactly_their_promises_after_the_loader() {
    if !require_kernel() {
        return;
    }
    let r = probe_run_dyn(
        &["-p", "stdio"],
        "getpid :: env LD_PRELOAD :: env LD_AUDIT :: fds :: open /etc/hostname O_RDONLY :: mmap PROT_READ|PROT_EXEC MAP_PRIVATE :: mprotect PROT_READ|PROT_EXEC :: exec /bin/true",
    );
    r.expect("getpid", "ok")
        .expect("env", "ENOENT")
        .expect("open", "EPERM")
        .expect("mmap", "EPERM")
        .expect("mprotect", "EPERM")
        .expect("exec", "EPERM");
    assert_eq!(
        r.results("env").collect::<Vec<_>>(),
        ["ENOENT", "ENOENT"],
        "nothing of ours in the environment\n{r}"
    );
    assert_eq!(
        r.value("fds"),
        "0,1,2",
        "the marker's descriptor is closed\n{r}"
    );
    // rpath promised: opening works, executable memory and exec still do not
    let r = probe_run_dyn(
        &["-p", "stdio rpath", "-v", "/etc/hostname"],
        "open /etc/hostname O_RDONLY :: mmap PROT_READ|PROT_EXEC MAP_PRIVATE :: status :: exec /bin/true",
    );
    r.expect("open", "ok")
        .expect("mmap", "EPERM")
        .expect("exec", "EPERM");
    assert!(
        r.value("status").contains("Seccomp_filters=2"),
        "one filter (and the one shutting its hand-off doors), exactly the promises: the loader's calls were granted one by one\n{r}"
    );
    // The loader and the supervisor shared one CPU while it worked: the program has all of
    // its CPUs back.
    let cpus = std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|l| {
            l.strip_prefix("Cpus_allowed_list:")
                .map(|v| v.trim().to_string())
        })
        .unwrap();
    assert!(
        r.value("status")
            .contains(&format!("Cpus_allowed_list={cpus}")),
        "{cpus}\n{r}"
    );
    // everything the loader needs promised: nothing to narrow (the launch filter and the
    // one shutting its hand-off doors)
    let r = probe_run_dyn(
        &["-p", "stdio rpath prot_exec"],
        "status :: mmap PROT_READ|PROT_EXEC MAP_PRIVATE",
    );
    assert!(r.value("status").contains("Seccomp_filters=2"), "{r}");
    r.expect("mmap", "ok");
}

#[test]
fn static_programs_get_only_their_first_execve() {
    if !require_kernel() {
        return;
    }
    let r = probe_run(
        &["-p", "stdio"],
        &format!("exec {} echo again", s(probe_static())),
    );
    r.expect("exec", "EPERM");
    assert_text(
        &without_audit_lines(&mask_probes(&mask_run(&r.stderr))),
        "seccomp-pledge: denied execve(\"$PROBES/probe-static\", [\"$PROBES/probe-static\", \"echo\", \"again\"], 0xADDR /* N vars */) in probe-static[PID]: needs promise exec\n",
        Path::new(""),
    );
    let r = probe_run(
        &["-p", "stdio exec"],
        &format!("exec {} exit 42", s(probe_static())),
    );
    assert_eq!(r.code, 42, "with exec the program may execute others\n{r}");
    // the exec'd program still has the filter (inherited)
    let r = probe_run(
        &["-p", "stdio exec"],
        &format!("exec {} socket AF_INET SOCK_STREAM", s(probe_static())),
    );
    r.expect("socket", "EPERM");
}

#[test]
fn the_user_s_own_ld_preload_is_kept() {
    if !require_kernel() {
        return;
    }
    let lib = "/usr/lib/x86_64-linux-gnu/libdl.so.2";
    let r = sp_cmd(
        &["-p", "stdio", "--", &s(probe()), "env", "LD_PRELOAD"],
        |c| {
            c.env("LD_PRELOAD", lib);
        },
    );
    assert_eq!(r.value("env"), lib, "{r}");
}

fn musl_mini() -> Option<&'static std::path::Path> {
    static P: OnceLock<Option<std::path::PathBuf>> = OnceLock::new();
    P.get_or_init(|| {
        let found = std::process::Command::new("musl-gcc")
            .arg("--version")
            .output()
            .is_ok();
        found.then(|| compile_with("musl-gcc", "mini.c", "mini-musl", &[]))
    })
    .as_deref()
}

#[test]
fn narrowing_works_with_glibc_and_musl_loaders() {
    if !require_kernel() {
        return;
    }
    let glibc = compile_with("gcc", "mini.c", "mini-glibc", &[]);
    let mut programs = vec![(glibc, "glibc")];
    match musl_mini() {
        Some(p) => programs.push((p.to_path_buf(), "musl")),
        None if std::env::var("SECCOMP_PLEDGE_TEST_STRICT").as_deref() == Ok("0") => {
            eprintln!("SKIPPED musl: musl-gcc not installed");
        }
        None => panic!(
            "musl-gcc is needed for this test (apt-get install musl-tools; SECCOMP_PLEDGE_TEST_STRICT=0 skips)"
        ),
    }
    for (prog, libc) in programs {
        let r = sp(&[
            "-p",
            "stdio rpath",
            "-v",
            "/etc/hostname",
            "--",
            &s(&prog),
            "/etc/hostname",
        ]);
        let line = |key: &str| {
            r.stdout
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{key} ")))
                .unwrap_or_else(|| panic!("{libc}: no {key} line\n{r}"))
                .to_string()
        };
        assert_eq!(line("env-LD_PRELOAD"), "unset", "{libc}\n{r}");
        assert_eq!(line("env-LD_AUDIT"), "unset", "{libc}\n{r}");
        assert_eq!(line("filters"), "2", "{libc}\n{r}");
        assert_eq!(line("open"), "ok", "{libc}\n{r}");
        assert_ne!(line("mmap-exec"), "ok", "{libc}\n{r}");
        assert_eq!(line("exec"), "EPERM", "{libc}\n{r}");
        // Reported by the supervisor.
        let want = if libc == "glibc" {
            "\
seccomp-pledge: denied mmap(NULL, 4096, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) in mini-glibc[PID]: needs promise prot_exec
seccomp-pledge: denied execve(\"/bin/true\", [\"true\"], 0xADDR /* N vars */) in mini-glibc[PID]: needs promise exec
"
        } else {
            "\
seccomp-pledge: denied ioctl(1, TIOCGWINSZ, 0xADDR) in mini-musl[PID]: needs promise tty
seccomp-pledge: denied mmap(NULL, 4096, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) in mini-musl[PID]: needs promise prot_exec
seccomp-pledge: denied execve(\"/bin/true\", [\"true\"], 0xADDR /* N vars */) in mini-musl[PID]: needs promise exec
"
        };
        assert_text(&mask_probes(&mask_run(&r.stderr)), want, Path::new(""));
    }
}

#[test]
fn unknown_loaders_are_refused_unless_the_wider_set_is_accepted() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let loader = d.path().join("my-ld.so");
    std::fs::copy("/lib64/ld-linux-x86-64.so.2", &loader).unwrap();
    let exe = s(&d.path().join("odd"));
    let linker = format!("-Wl,--dynamic-linker={}", s(&loader));
    let built = std::process::Command::new("gcc")
        .args(["-O1", "-o", &exe])
        .arg(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/probe/mini.c"))
        .arg(&linker)
        .status()
        .unwrap();
    assert!(built.success());
    let r = sp(&["-p", "stdio rpath", "--", &exe]);
    assert_eq!(r.code, 125, "{r}");
    // The message names the flag.
    assert_text(&r.stderr, "\
seccomp-pledge: error: cannot guarantee exactly the requested promises for `$DIR/odd`: its dynamic loader `$DIR/my-ld.so` is not the system's glibc or musl loader (/lib64/ld-linux-x86-64.so.2, /lib/ld-musl-x86_64.so.1); to run it anyway, accepting that risk, add --allow-loader-promises
", d.path());
    let r = sp(&[
        "-p",
        "stdio rpath",
        "--allow-loader-promises",
        "-v",
        &format!("rx:{}", s(d.path())),
        "--",
        &exe,
    ]);
    // Warned on every run.
    assert_text(&without_audit_lines(&mask_run(&r.stderr)), "\
seccomp-pledge: warning: `$DIR/odd` keeps the loader's promises `prot_exec` for the whole run (--allow-loader-promises): its dynamic loader `$DIR/my-ld.so` is not the system's glibc or musl loader (/lib64/ld-linux-x86-64.so.2, /lib/ld-musl-x86_64.so.1)
seccomp-pledge: denied execve(\"/bin/true\", [\"true\"], 0xADDR /* N vars */) in odd[PID]: needs promise exec
", d.path());
    assert!(
        r.stdout.contains("mmap-exec ok"),
        "the wider set really stays\n{r}"
    );
}

#[test]
fn scripts_follow_their_interpreter() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    // a script whose interpreter is a 32-bit ELF: refused
    let elf = d.path().join("elf32");
    write_elf32(&elf);
    let script = d.path().join("s");
    std::fs::write(&script, format!("#!{}\n", s(&elf))).unwrap();
    make_executable(&script);
    let r = sp(&["-p", "stdio", "--", &s(&script)]);
    assert_eq!(r.code, 125, "{r}");
    assert_text(&r.stderr, "\
seccomp-pledge: error: cannot confine `$DIR/elf32`: it is a 32-bit ELF for x86 (i386); its system calls use another ABI, which every seccomp-pledge filter kills (only x86_64 programs can run)
  hint: run a 64-bit x86_64 build of the program
", d.path());
    // a shell script runs, and its shell cannot exec without the promise
    std::fs::write(
        &script,
        "#!/bin/sh\necho from-script\n/bin/true || echo exec-denied\n",
    )
    .unwrap();
    let r = sp(&["-p", "stdio rpath", "--", &s(&script)]);
    assert!(r.stdout.contains("from-script"), "{r}");
    // Whether the system's shell forks or executes first (and what it prints) differs per
    // machine: the report is named, not compared whole.
    assert!(
        r.stderr.contains("needs promise proc") || r.stderr.contains("needs promise exec"),
        "{r}"
    );
}

#[test]
fn kill_applies_to_calls_only_the_loader_was_granted() {
    if !require_kernel() {
        return;
    }
    // openat was granted to the loader (rpath) and is denied to the program: the
    // supervisor reports and kills.
    let r = probe_run_dyn(
        &["-k", "-p", "stdio", "-v", "/etc/hostname"],
        "getpid :: open /etc/hostname O_RDONLY :: echo never",
    );
    assert_eq!(r.code, 128 + libc::SIGSYS, "{r}");
    r.expect("getpid", "ok");
    assert!(!r.stdout.contains("never"), "{r}");
    assert_text(&mask_run(&r.stderr), "\
seccomp-pledge: denied openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY) in probe[PID]: needs promise rpath or dns
seccomp-pledge: the sandbox was killed after the denial reported above (-k)
", Path::new(""));
}
