//! Exact promises after the loader: dynamic programs (glibc and musl) hold exactly their
//! promises once their loader is done (the loader's `rpath prot_exec` are granted by the
//! supervisor to the loader only), every program loses `exec` after its own first execve,
//! and programs where that cannot be guaranteed are refused unless the wider set is
//! accepted. The adversarial probes are in `hostile.rs`.

use std::sync::OnceLock;

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
        r.value("status").contains("Seccomp_filters=1"),
        "one filter, exactly the promises: the loader's calls were granted one by one\n{r}"
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
    // everything the loader needs promised: one filter, nothing to narrow
    let r = probe_run_dyn(
        &["-p", "stdio rpath prot_exec"],
        "status :: mmap PROT_READ|PROT_EXEC MAP_PRIVATE",
    );
    assert!(r.value("status").contains("Seccomp_filters=1"), "{r}");
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
    assert!(r.stderr.contains("needs promise exec"), "{r}");
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
        assert_eq!(line("filters"), "1", "{libc}\n{r}");
        assert_eq!(line("open"), "ok", "{libc}\n{r}");
        assert_ne!(line("mmap-exec"), "ok", "{libc}\n{r}");
        assert_eq!(line("exec"), "EPERM", "{libc}\n{r}");
        assert!(
            r.stderr.contains("needs promise prot_exec"),
            "{libc}: reported by the supervisor\n{r}"
        );
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
    assert!(r.stderr.contains("is not the system's"), "{r}");
    assert!(
        r.stderr.contains("--allow-loader-promises"),
        "the message names the flag\n{r}"
    );
    let r = sp(&[
        "-p",
        "stdio rpath",
        "--allow-loader-promises",
        "-v",
        &format!("rx:{}", s(d.path())),
        "--",
        &exe,
    ]);
    assert!(
        r.stderr.contains("keeps the loader's promises `prot_exec`"),
        "warned on every run\n{r}"
    );
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
    assert!(r.stderr.contains("32-bit ELF"), "{r}");
    // a shell script runs, and its shell cannot exec without the promise
    std::fs::write(
        &script,
        "#!/bin/sh\necho from-script\n/bin/true || echo exec-denied\n",
    )
    .unwrap();
    let r = sp(&["-p", "stdio rpath", "--", &s(&script)]);
    assert!(r.stdout.contains("from-script"), "{r}");
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
    assert!(
        r.stderr
            .contains("denied openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY) in probe["),
        "{r}"
    );
    assert!(r.stderr.contains("needs promise rpath or dns"), "{r}");
}
