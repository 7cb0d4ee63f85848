//! Adversarial probes: programs built to keep the loader's promises (`rpath prot_exec`) past
//! the loader, or to run code outside the sandbox's reach. Each probe (tests/probe/hostile.c,
//! built here with gcc and musl-gcc) tries to read a secret file with raw system calls from
//! where a program can place code: an IFUNC resolver, an audit module, an `-z initfirst` or
//! preloaded constructor, a thread started while loading, its own "dynamic loader". Every
//! attack is first run unconfined and must work there (it prints `ESCAPED`), so that "held"
//! below means something; confined, it must never print `ESCAPED`.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::text_cmp::assert_text;
use crate::util::*;

/// A lab: a temporary directory (under /tmp, so nothing in it is a system file) with the
/// secret every probe tries to read.
struct Lab {
    dir: tempfile::TempDir,
    secret: PathBuf,
}

const SECRET: &str = "TOPSECRET-4f1c";

impl Lab {
    fn new() -> Lab {
        let dir = tempdir();
        let secret = dir.path().join("secret");
        std::fs::write(&secret, SECRET).unwrap();
        Lab { dir, secret }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Compiles tests/probe/hostile.c with `cc`, `defines` (`-D…`) and `extra` flags.
    fn build(&self, cc: &str, out: &str, defines: &[&str], extra: &[&str]) -> PathBuf {
        build_hostile(cc, &self.path(out), &self.secret, defines, extra)
    }

    /// `seccomp-pledge -p stdio -v r:LAB FLAGS… -- PROGRAM` (the lab is readable, so only
    /// the missing `rpath` promise stands between a probe and the secret).
    fn run(&self, flags: &[&str], program: &Path) -> Run {
        self.run_env(flags, program, &[])
    }

    fn run_env(&self, flags: &[&str], program: &Path, env: &[(&str, &str)]) -> Run {
        let mut args = vec![
            "-p".to_string(),
            "stdio".to_string(),
            "-v".to_string(),
            format!("r:{}", s(self.dir.path())),
        ];
        args.extend(flags.iter().map(|f| f.to_string()));
        args.push("--".into());
        args.push(s(program));
        sp_cmd(&args, |c| {
            for (k, v) in env {
                c.env(k, v);
            }
        })
    }
}

fn build_hostile(cc: &str, out: &Path, secret: &Path, defines: &[&str], extra: &[&str]) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/probe/hostile.c");
    let st = Command::new(cc)
        .args(["-O1", "-Wall", "-Werror", "-fno-stack-protector"])
        .arg(format!("-DSECRET=\"{}\"", s(secret)))
        .args(defines.iter().map(|d| format!("-D{d}")))
        .arg("-o")
        .arg(out)
        .arg(&src)
        .args(extra)
        .status()
        .unwrap_or_else(|e| panic!("cannot run `{cc}`: {e}"));
    assert!(
        st.success(),
        "building {} with {defines:?} {extra:?}",
        out.display()
    );
    out.to_path_buf()
}

/// Runs a program unconfined (the baseline every attack must pass).
fn unconfined(program: &Path, env: &[(&str, &str)]) -> String {
    unconfined_args(program, &[], env)
}

/// Runs a program with `args` unconfined; its stdout.
fn unconfined_args(program: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let out = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[track_caller]
fn escapes_unconfined(program: &Path, env: &[(&str, &str)], tag: &str) {
    escaped(&unconfined(program, env), tag);
}

#[track_caller]
fn escaped(out: &str, tag: &str) {
    assert!(
        out.contains(&format!("ESCAPED {tag} {SECRET}")),
        "the attack must work without seccomp-pledge, or the test proves nothing:\n{out}"
    );
}

#[track_caller]
fn held(r: &Run) {
    assert!(!r.stdout.contains("ESCAPED"), "an attack escaped\n{r}");
    assert!(!r.stdout.contains(SECRET), "the secret leaked\n{r}");
}

fn musl() -> bool {
    let found = Command::new("musl-gcc").arg("--version").output().is_ok();
    if !found {
        assert!(
            std::env::var("SECCOMP_PLEDGE_TEST_STRICT").as_deref() == Ok("0"),
            "musl-gcc is needed (apt-get install musl-tools; SECCOMP_PLEDGE_TEST_STRICT=0 skips)"
        );
        eprintln!("SKIPPED musl: musl-gcc not installed");
    }
    found
}

/// A library and a program linked against it (`-rpath` to the lab).
fn linked(lab: &Lab, cc: &str, lib_defines: &[&str], lib_extra: &[&str], main: &[&str]) -> PathBuf {
    let mut extra = vec!["-shared", "-fPIC"];
    extra.extend_from_slice(lib_extra);
    lab.build(cc, "libhostile.so", lib_defines, &extra);
    let rpath = format!("-Wl,-rpath,{}", s(lab.dir.path()));
    let libdir = format!("-L{}", s(lab.dir.path()));
    let mut defines = vec!["MAIN", "LINKED"];
    defines.extend_from_slice(main);
    // -z now: the resolvers run while the program is relocated, not at the first call.
    lab.build(
        cc,
        "prog",
        &defines,
        &[&libdir, "-lhostile", &rpath, "-Wl,-z,now"],
    )
}

#[test]
fn ifunc_resolvers_of_the_program_s_libraries_are_refused_before_they_run() {
    if !require_kernel() {
        return;
    }
    let lab = Lab::new();
    let prog = linked(&lab, "gcc", &["IFUNC_LIB"], &[], &[]);
    escapes_unconfined(&prog, &[], "ifunc");
    let r = lab.run(&[], &prog);
    held(&r);
    assert_eq!(r.code, 125, "{r}");
    assert!(
        !r.stdout.contains("main"),
        "nothing of the program ran\n{r}"
    );
    // The refusal names the file and the feature.
    assert_text(&auto_stderr(&tool_lines(&r.stderr)), "\
seccomp-pledge: error: cannot guarantee exactly the requested promises for `$DIR/libhostile.so` (loaded by `prog`[PID]): it has IFUNC resolvers (STT_GNU_IFUNC symbols), which run while the loader relocates it; to run it anyway, add --allow-loader-promises
", lab.dir.path());
    // Accepted: the resolver runs, but gets nothing beyond the promises.
    let r = lab.run(&["--allow-loader-promises"], &prog);
    held(&r);
    assert!(r.stdout.contains("BLOCKED ifunc"), "{r}");
    assert!(
        r.stdout.contains("main\n") && r.stdout.contains("BLOCKED main"),
        "{r}"
    );
    assert_text(&auto_stderr(&tool_lines(&r.stderr)), "\
seccomp-pledge: warning: `$DIR/libhostile.so` (loaded by `prog`[PID]): it has IFUNC resolvers (STT_GNU_IFUNC symbols), which run while the loader relocates it; that code runs before the loader is done (--allow-loader-promises); its own calls get no promise beyond yours
seccomp-pledge: denied openat(AT_FDCWD, \"$DIR/secret\", O_RDONLY) in prog[PID]: needs promise rpath or dns
seccomp-pledge: denied openat(AT_FDCWD, \"$DIR/secret\", O_RDONLY) in prog[PID]: needs promise rpath or dns
", lab.dir.path());
    // An IFUNC resolver in the executable itself: refused before anything runs.
    let exe = lab.build("gcc", "prog-ifunc", &["IFUNC_LIB", "MAIN", "LINKED"], &[]);
    escapes_unconfined(&exe, &[], "ifunc");
    let r = lab.run(&[], &exe);
    held(&r);
    assert_eq!(r.code, 125, "{r}");
    assert_text(&auto_stderr(&tool_lines(&r.stderr)), "\
seccomp-pledge: error: cannot guarantee exactly the requested promises for `$DIR/prog-ifunc`: it has IFUNC resolvers (R_X86_64_IRELATIVE relocations), which run while the loader relocates it; to run it anyway, accepting that risk, add --allow-loader-promises
", lab.dir.path());
}

#[test]
fn a_thread_started_while_loading_gets_no_promise_of_the_loader() {
    if !require_kernel() {
        return;
    }
    let lab = Lab::new();
    let prog = linked(&lab, "gcc", &["IFUNC_LIB", "IFUNC_THREAD"], &[], &["WAIT"]);
    escapes_unconfined(&prog, &[], "thread");
    let r = lab.run(&["--allow-loader-promises"], &prog);
    held(&r);
    assert!(
        r.stdout.contains("BLOCKED thread"),
        "the thread ran and was refused\n{r}"
    );
    assert!(r.stdout.contains("main\n"), "{r}");
}

#[test]
fn forged_reports_and_a_rewritten_environment_gain_nothing() {
    if !require_kernel() {
        return;
    }
    let lab = Lab::new();
    let prog = linked(&lab, "gcc", &["IFUNC_LIB", "IFUNC_FORGE"], &[], &[]);
    escapes_unconfined(&prog, &[], "ifunc");
    let r = lab.run(&["--allow-loader-promises"], &prog);
    held(&r);
    assert_eq!(r.code, 125, "a forged loader report ends the run\n{r}");
    assert_text(&auto_stderr(&tool_lines(&r.stderr)), "\
seccomp-pledge: warning: `$DIR/libhostile.so` (loaded by `prog`[PID]): it has IFUNC resolvers (STT_GNU_IFUNC symbols), which run while the loader relocates it; that code runs before the loader is done (--allow-loader-promises); its own calls get no promise beyond yours
seccomp-pledge: denied openat(AT_FDCWD, \"$DIR/secret\", O_RDONLY) in prog[PID]: needs promise rpath or dns
seccomp-pledge: error: `prog`[PID] sent a loader report from outside seccomp-pledge's marker (at 0xADDR): code of the program ran before its loader was done
", lab.dir.path());

    let lab = Lab::new();
    let prog = linked(&lab, "gcc", &["IFUNC_LIB", "IFUNC_ENV"], &[], &[]);
    escapes_unconfined(&prog, &[], "ifunc");
    let r = lab.run(&["--allow-loader-promises"], &prog);
    held(&r);
    assert!(r.stdout.contains("BLOCKED main"), "{r}");
}

#[test]
fn audit_modules_of_the_program_or_the_environment_are_refused() {
    if !require_kernel() {
        return;
    }
    let lab = Lab::new();
    let audit = lab.build("gcc", "audit.so", &["AUDIT_LIB"], &["-shared", "-fPIC"]);
    for (flag, tag) in [("--audit", "DT_AUDIT"), ("--depaudit", "DT_DEPAUDIT")] {
        let exe = lab.build(
            "gcc",
            &format!("prog{flag}"),
            &["MAIN"],
            &[&format!("-Wl,{flag}={}", s(&audit))],
        );
        escapes_unconfined(&exe, &[], "audit");
        let r = lab.run(&[], &exe);
        held(&r);
        assert_eq!(r.code, 125, "{r}");
        let want = if tag == "DT_AUDIT" {
            "\
seccomp-pledge: error: cannot guarantee exactly the requested promises for `$DIR/prog--audit`: it names audit modules (DT_AUDIT), which glibc runs before anything else; to run it anyway, accepting that risk, add --allow-loader-promises
"
        } else {
            "\
seccomp-pledge: error: cannot guarantee exactly the requested promises for `$DIR/prog--depaudit`: it names audit modules (DT_DEPAUDIT), which glibc runs before anything else; to run it anyway, accepting that risk, add --allow-loader-promises
"
        };
        assert_text(&auto_stderr(&tool_lines(&r.stderr)), want, lab.dir.path());
    }
    let exe = lab.build("gcc", "prog", &["MAIN"], &[]);
    let env = [("LD_AUDIT", s(&audit))];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    escapes_unconfined(&exe, &env, "audit");
    let r = lab.run_env(&[], &exe, &env);
    held(&r);
    assert_eq!(r.code, 125, "{r}");
    assert_text(&auto_stderr(&tool_lines(&r.stderr)), "\
seccomp-pledge: error: cannot guarantee exactly the requested promises for `$DIR/prog`: LD_AUDIT is set: glibc runs those audit modules before anything else; to run it anyway, accepting that risk, add --allow-loader-promises
", lab.dir.path());
}

#[test]
fn initfirst_and_preloaded_constructors_run_after_the_loader_is_done() {
    if !require_kernel() {
        return;
    }
    let mut compilers = vec!["gcc"];
    if musl() {
        compilers.push("musl-gcc");
    }
    for cc in compilers {
        // The program's own `-z initfirst` library.
        let lab = Lab::new();
        let prog = linked(&lab, cc, &["CTOR_LIB"], &["-Wl,-z,initfirst"], &[]);
        escapes_unconfined(&prog, &[], "ctor");
        let r = lab.run(&[], &prog);
        held(&r);
        assert!(r.stdout.contains("BLOCKED ctor"), "{cc}\n{r}");
        assert!(r.stdout.contains("main\n"), "{cc}\n{r}");
        // The constructor's call is reported like the program's.
        let want = "\
seccomp-pledge: denied openat(AT_FDCWD, \"/proc/self/comm\", O_RDONLY) in prog[PID]: needs promise rpath or dns
seccomp-pledge: denied openat(AT_FDCWD, \"$DIR/secret\", O_RDONLY) in prog[PID]: needs promise rpath or dns
seccomp-pledge: denied openat(AT_FDCWD, \"$DIR/secret\", O_RDONLY) in prog[PID]: needs promise rpath or dns
";
        assert_text(&auto_stderr(&tool_lines(&r.stderr)), want, lab.dir.path());
        // A library preloaded from the environment (glibc only: seccomp-pledge itself, a
        // glibc program, loads it too, and cannot load a musl object).
        if cc != "gcc" {
            continue;
        }
        let lab = Lab::new();
        let lib = lab.build(cc, "preload.so", &["CTOR_LIB"], &["-shared", "-fPIC"]);
        let exe = lab.build(cc, "prog", &["MAIN"], &[]);
        let env = [("LD_PRELOAD", s(&lib))];
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        escapes_unconfined(&exe, &env, "ctor");
        let r = lab.run_env(&[], &exe, &env);
        held(&r);
        assert!(r.stdout.contains("BLOCKED ctor"), "{cc}\n{r}");
        assert!(r.stdout.contains("BLOCKED main"), "{cc}\n{r}");
    }
}

/// Builds a static "loader" that attacks, and a program naming it in PT_INTERP with a path
/// padded to `pad` bytes (so that the string can be rewritten in place).
fn fake_loader_program(lab: &Lab, loader_name: &str) -> (PathBuf, PathBuf) {
    let loader = lab.build(
        "gcc",
        loader_name,
        &["FAKE_LOADER"],
        &["-nostdlib", "-static", "-no-pie", "-fno-pie"],
    );
    let exe = lab.build(
        "gcc",
        "prog-interp",
        &["MAIN"],
        &[&format!("-Wl,--dynamic-linker={}", s(&loader))],
    );
    (loader, exe)
}

/// The program headers of an x86_64 ELF file: (index offset, p_type, p_offset, p_filesz).
fn phdrs(elf: &[u8]) -> Vec<(usize, u32, u64, u64)> {
    let u64_at = |o: usize| u64::from_le_bytes(elf[o..o + 8].try_into().unwrap());
    let phoff = u64_at(32) as usize;
    let phnum = u16::from_le_bytes([elf[56], elf[57]]) as usize;
    (0..phnum)
        .map(|i| {
            let o = phoff + i * 56;
            let t = u32::from_le_bytes(elf[o..o + 4].try_into().unwrap());
            (o, t, u64_at(o + 8), u64_at(o + 32))
        })
        .collect()
}

#[test]
fn an_interpreter_other_than_the_system_loader_is_refused() {
    if !require_kernel() {
        return;
    }
    let lab = Lab::new();
    // A "loader" of the program's own, named like glibc's.
    let (_, exe) = fake_loader_program(&lab, "ld-linux-x86-64.so.2");
    escapes_unconfined(&exe, &[], "interp");
    let r = lab.run(&[], &exe);
    held(&r);
    assert_eq!(r.code, 125, "{r}");
    assert_text(&auto_stderr(&tool_lines(&r.stderr)), "\
seccomp-pledge: error: cannot guarantee exactly the requested promises for `$DIR/prog-interp`: its dynamic loader `$DIR/ld-linux-x86-64.so.2` is not the system's glibc or musl loader (/lib64/ld-linux-x86-64.so.2, /lib/ld-musl-x86_64.so.1); to run it anyway, accepting that risk, add --allow-loader-promises
", lab.dir.path());

    // Two PT_INTERP headers: the kernel runs the first; the second names the real loader.
    let mut elf = std::fs::read(&exe).unwrap();
    let system = b"/lib64/ld-linux-x86-64.so.2\0";
    let at = elf.len() as u64;
    elf.extend_from_slice(system);
    let note = phdrs(&elf)
        .into_iter()
        .find(|p| p.1 == 4) // PT_NOTE
        .expect("a PT_NOTE to turn into a second PT_INTERP");
    let o = note.0;
    elf[o..o + 4].copy_from_slice(&3u32.to_le_bytes());
    elf[o + 8..o + 16].copy_from_slice(&at.to_le_bytes());
    elf[o + 32..o + 40].copy_from_slice(&(system.len() as u64).to_le_bytes());
    let two = lab.path("prog-two-interps");
    std::fs::write(&two, &elf).unwrap();
    make_executable(&two);
    escapes_unconfined(&two, &[], "interp");
    let r = lab.run(&[], &two);
    held(&r);
    assert_eq!(r.code, 125, "{r}");
    assert_text(&auto_stderr(&tool_lines(&r.stderr)), "\
seccomp-pledge: error: cannot guarantee exactly the requested promises for `$DIR/prog-two-interps`: its dynamic loader `$DIR/ld-linux-x86-64.so.2` is not the system's glibc or musl loader (/lib64/ld-linux-x86-64.so.2, /lib/ld-musl-x86_64.so.1); to run it anyway, accepting that risk, add --allow-loader-promises
", lab.dir.path());

    // One PT_INTERP whose string goes on after a NUL with the real loader's path.
    let (loader, exe) = fake_loader_program(
        &lab,
        "ld-linux-x86-64.so.2.this-is-a-long-padding-name-xxxxxxxx",
    );
    let mut elf = std::fs::read(&exe).unwrap();
    let interp = phdrs(&elf).into_iter().find(|p| p.1 == 3).unwrap();
    let start = interp.2 as usize;
    let len = interp.3 as usize;
    let short = lab.path("ld");
    std::fs::copy(&loader, &short).unwrap();
    let mut text = s(&short).into_bytes();
    text.push(0);
    text.extend_from_slice(b"/lib64/ld-linux-x86-64.so.2");
    assert!(text.len() < len, "the padded name leaves room");
    elf[start..start + text.len()].copy_from_slice(&text);
    let nul = lab.path("prog-nul");
    std::fs::write(&nul, &elf).unwrap();
    make_executable(&nul);
    escapes_unconfined(&nul, &[], "interp");
    let r = lab.run(&[], &nul);
    held(&r);
    assert_eq!(r.code, 125, "{r}");
    assert_text(&auto_stderr(&tool_lines(&r.stderr)), "\
seccomp-pledge: error: cannot guarantee exactly the requested promises for `$DIR/prog-nul`: its dynamic loader `$DIR/ld` is not the system's glibc or musl loader (/lib64/ld-linux-x86-64.so.2, /lib/ld-musl-x86_64.so.1); to run it anyway, accepting that risk, add --allow-loader-promises
", lab.dir.path());

    // A copy of the real loader, by name: not the system's by identity.
    let copy = lab.path("ld-linux-x86-64.so.2");
    std::fs::copy("/lib64/ld-linux-x86-64.so.2", &copy).unwrap();
    let exe = lab.build(
        "gcc",
        "prog-copy",
        &["MAIN"],
        &[&format!("-Wl,--dynamic-linker={}", s(&copy))],
    );
    let r = lab.run(&[], &exe);
    assert_eq!(r.code, 125, "{r}");
    assert_text(&auto_stderr(&tool_lines(&r.stderr)), "\
seccomp-pledge: error: cannot guarantee exactly the requested promises for `$DIR/prog-copy`: its dynamic loader `$DIR/ld-linux-x86-64.so.2` is not the system's glibc or musl loader (/lib64/ld-linux-x86-64.so.2, /lib/ld-musl-x86_64.so.1); to run it anyway, accepting that risk, add --allow-loader-promises
", lab.dir.path());
}

#[test]
fn the_file_that_runs_is_the_file_that_was_inspected() {
    if !require_kernel() {
        return;
    }
    let lab = Lab::new();
    let good = lab.build("gcc", "good", &["MAIN"], &[]);
    let (_, bad) = fake_loader_program(&lab, "evil-ld.so");
    escapes_unconfined(&bad, &[], "interp");
    // `prog` flips between the two as fast as rename(2) goes, while we launch it.
    let prog = lab.path("prog");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flipper = {
        let (stop, prog) = (stop.clone(), prog.clone());
        let links = [lab.path("link-good"), lab.path("link-bad")];
        std::thread::spawn(move || {
            let mut flips = 0u64;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                for (link, target) in links.iter().zip([&good, &bad]) {
                    let _ = std::fs::remove_file(link);
                    std::os::unix::fs::symlink(target, link).unwrap();
                    std::fs::rename(link, &prog).unwrap();
                    flips += 1;
                }
            }
            flips
        })
    };
    while !prog.exists() {
        std::thread::yield_now();
    }
    let (mut ran, mut refused) = (0, 0);
    for _ in 0..60 {
        let r = lab.run(&[], &prog);
        held(&r);
        if r.code == 125 {
            refused += 1;
        } else {
            assert!(r.stdout.contains("main\n"), "{r}");
            ran += 1;
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let flips = flipper.join().unwrap();
    eprintln!("swap race: {flips} flips, {ran} runs of the good program, {refused} refusals");
    assert!(flips > 100, "the race was live");
}

#[test]
fn a_trusted_library_s_own_calls_during_loading_end_the_run() {
    if !require_kernel() {
        return;
    }
    // A library in a system directory is trusted not to run code while it is loaded, so
    // its IFUNC resolver is not refused in advance: the supervisor still refuses every call
    // of the loader's promises that does not come from the loader's own code.
    let lab = Lab::new();
    let sys = tempfile::Builder::new()
        .prefix("sp-hostile-")
        .tempdir_in("/usr/local/lib")
        .expect("a directory in /usr/local/lib (the tests run as root)");
    build_hostile(
        "gcc",
        &sys.path().join("libhostile.so"),
        &lab.secret,
        &["IFUNC_LIB"],
        &["-shared", "-fPIC"],
    );
    let prog = lab.build(
        "gcc",
        "prog",
        &["MAIN", "LINKED"],
        &[
            &format!("-L{}", s(sys.path())),
            "-lhostile",
            &format!("-Wl,-rpath,{}", s(sys.path())),
            "-Wl,-z,now",
        ],
    );
    escapes_unconfined(&prog, &[], "ifunc");
    let r = lab.run(&[], &prog);
    held(&r);
    assert_eq!(r.code, 125, "{r}");
    // Killed on the first call not made by the loader.
    assert_text(&auto_stderr(&tool_lines(&r.stderr)), "\
seccomp-pledge: error: `prog`[PID] called openat from its own code (at 0xADDR) before its loader was done: that needs the loader's promises `rpath prot_exec`, which only the system loader gets; the program runs code while it is loaded (an IFUNC resolver, an audit module or a tampered loader), so exact promises cannot be guaranteed for it; to run it anyway, add --allow-loader-promises
", lab.dir.path());
    assert!(!r.stdout.contains("main"), "{r}");
}

#[test]
fn programs_a_narrowed_program_executes_get_no_loader_promises() {
    if !require_kernel() {
        return;
    }
    // With `exec` but neither rpath nor prot_exec, another dynamic program (or the loader
    // run on a readable file) cannot load: its loader's calls are denied and reported.
    let lab = Lab::new();
    let exe = lab.build("gcc", "prog", &["MAIN"], &[]);
    let r = sp(&[
        "-p",
        "stdio exec",
        "-v",
        &format!("r:{}", s(lab.dir.path())),
        "--",
        &s(probe()),
        "exec",
        "/lib64/ld-linux-x86-64.so.2",
        &s(&exe),
    ]);
    held(&r);
    assert!(!r.stdout.contains("main\n"), "{r}");
    // Which of the loader's calls comes first depends on the machine's C library: the
    // report is named, not compared whole.
    assert!(
        r.stderr.contains("needs promise rpath") || r.stderr.contains("needs promise prot_exec"),
        "{r}"
    );
}

/// Processes whose command line contains `token`.
fn survivors(token: &str) -> Vec<i32> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let cmd = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        let zombie = std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .is_ok_and(|s| s.rsplit_once(") ").is_some_and(|(_, r)| r.starts_with('Z')));
        if !zombie && cmd.split(|&b| b == 0).any(|a| a == token.as_bytes()) {
            out.push(pid);
        }
    }
    out
}

fn forkchain() -> PathBuf {
    compile_with("gcc", "forkchain.c", "forkchain", &["-static"])
}

fn kill_k_leaves_no_survivor(runs: usize, as_nobody: bool) {
    let chain = forkchain();
    let t0 = std::time::Instant::now();
    for i in 0..runs {
        let token = format!("sp-chain-{}-{i}-{as_nobody}", std::process::id());
        let r = sp_cmd(&["-k", "-p", "stdio proc", "--", &s(&chain), &token], |c| {
            if as_nobody {
                c.uid(65534).gid(65534);
            }
        });
        assert_eq!(r.code, 128 + libc::SIGSYS, "run {i}\n{r}");
        assert_text(&auto_stderr(&r.stderr), "\
seccomp-pledge: denied socket(AF_INET, SOCK_STREAM, IPPROTO_IP) in forkchain[PID]: needs promise inet, anet or dns
seccomp-pledge: the sandbox was killed after the denial reported above (-k)
", Path::new(""));
        let left = survivors(&token);
        assert!(left.is_empty(), "run {i}: survivors {left:?}\n{r}");
    }
    eprintln!("{runs} runs (as nobody: {as_nobody}) in {:?}", t0.elapsed());
}

#[test]
fn kill_leaves_no_descendant_of_a_fork_chain_that_leaves_its_session() {
    if !require_kernel() {
        return;
    }
    // The attack first: killing the chain's process group (what a shell or a naive
    // supervisor does) leaves it running.
    let chain = forkchain();
    let token = format!("sp-chain-{}-baseline", std::process::id());
    let mut child = Command::new(&chain)
        .arg(&token)
        .process_group(0)
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(30));
    // SAFETY: killing the process group we just created.
    unsafe { libc::kill(-(child.id() as i32), libc::SIGKILL) };
    let _ = child.wait();
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert!(
        !survivors(&token).is_empty(),
        "the chain must survive a process-group kill, or the test proves nothing"
    );
    // As root, seccomp-pledge kills through its own cgroup (cgroup.kill); as another
    // user, with stop-then-kill rounds. Both: no survivor, in 100 runs each.
    kill_k_leaves_no_survivor(100, false);
    kill_k_leaves_no_survivor(100, true);
}

#[test]
fn limits_as_root_the_process_limit_is_a_pids_cgroup() {
    if !require_kernel() {
        return;
    }
    // SAFETY: getuid has no preconditions.
    assert_eq!(unsafe { libc::getuid() }, 0, "this test needs root");
    let forks = "for i in 1 2 3 4 5 6 7 8 9 10; do /bin/sleep 0.3 & done; wait; echo done";
    // The attack first: RLIMIT_NPROC alone does not hold root back.
    let out = Command::new("prlimit")
        .args(["--nproc=4", "/bin/sh", "-c", forks])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("fork") && String::from_utf8_lossy(&out.stdout).contains("done"),
        "root ignores RLIMIT_NPROC: {err}"
    );
    let flags = [
        "-p",
        "stdio rpath proc exec",
        "-v",
        "rx:/usr",
        "-v",
        "rx:/bin",
    ];
    let run = |extra: &[&str]| {
        let mut args: Vec<&str> = flags.to_vec();
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--", "/bin/sh", "-c", forks]);
        let mut c = Command::new(bin());
        c.args(&args);
        let out = c.output().unwrap();
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (_, err) = run(&["-P", "4"]);
    assert!(
        err.contains("fork") || err.contains("Resource temporarily unavailable"),
        "-P 4 holds as root (pids cgroup): {err}"
    );
    let (out, err) = run(&[]);
    assert!(out.contains("done"), "{err}");
    // The default limit does not apply to root, and every run says so.
    let warning = format!(
        "seccomp-pledge: warning: {}\n",
        seccomp_pledge::ROOT_NPROC_WARNING
    );
    assert_text(&auto_stderr(&tool_lines(&err)), &warning, Path::new(""));
    let (_, err) = run(&["-P", "unlimited"]);
    assert_text(&auto_stderr(&tool_lines(&err)), "", Path::new(""));
}

/// Under `-u`, the program is not root: `-P` is the user's `RLIMIT_NPROC` (no pids cgroup,
/// no root warning), and it must still hold.
#[test]
fn limits_under_dash_u_the_process_limit_is_the_users_rlimit() {
    if !require_kernel() {
        return;
    }
    // SAFETY: getuid has no preconditions.
    assert_eq!(unsafe { libc::getuid() }, 0, "this test needs root");
    let forks = "for i in 1 2 3 4 5 6 7 8 9 10; do /bin/sleep 0.3 & done; wait; echo done";
    let run = |extra: &[&str]| {
        let mut args = vec![
            "-p",
            "stdio rpath proc exec",
            "-v",
            "rx:/usr",
            "-v",
            "rx:/bin",
            "-u",
            "65534",
            "-g",
            "65534",
        ];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--", "/bin/sh", "-c", forks]);
        let out = Command::new(bin()).args(&args).output().unwrap();
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    // The attack first: as that user, without -P, ten processes start.
    let (out, err) = run(&["-P", "unlimited"]);
    assert!(out.contains("done") && !err.contains("fork"), "{out}{err}");
    // -P 4 holds them back.
    let (_, err) = run(&["-P", "4"]);
    assert!(
        err.contains("fork") || err.contains("Resource temporarily unavailable"),
        "-P 4 holds under -u (RLIMIT_NPROC): {err}"
    );
    // The default limit applies to a user that is not root: no warning.
    let (out, err) = run(&[]);
    assert!(out.contains("done"), "{err}");
    assert_text(&auto_stderr(&tool_lines(&err)), "", Path::new(""));
}

#[test]
fn a_program_s_own_filters_cannot_stop_a_report_or_the_kill() {
    if !require_kernel() {
        return;
    }
    // The program stacks a filter of its own (allow everything) before the violation: the
    // kernel takes the most restrictive answer, which is still ours, so the call reaches the
    // supervisor, is reported, and -k kills. (`--allow seccomp`: stdio allows filters
    // through prctl only; the probe uses seccomp(2).)
    let r = probe_run(
        &["-k", "-p", "stdio", "--allow", "seccomp"],
        "seccomp-filter :: socket AF_INET SOCK_STREAM :: echo never",
    );
    assert_eq!(r.code, 128 + libc::SIGSYS, "{r}");
    assert!(!r.stdout.contains("never"), "{r}");
    assert_text(&auto_stderr(&r.stderr), "\
seccomp-pledge: denied socket(AF_INET, SOCK_STREAM, IPPROTO_IP) in probe-static[PID]: needs promise inet, anet or dns
seccomp-pledge: the sandbox was killed after the denial reported above (-k)
", Path::new(""));
}

// Executed programs under exec promises (`-e`): narrowed after their loader like the
// program itself. The program (the dynamic or static probe, or a narrowed dynamic one)
// executes a hostile program that tries to read the secret, which only the program's own
// promises allow; every way of getting the executed program's loader the loader's promises
// without the marker's narrowing ends with the executed program under exactly the exec
// promises (its loader refused, a note naming why) or the run refused.

/// The promises of the program (with or without the loader's) and the exec promises.
const EXEC_CONFIGS: [(&str, bool); 3] = [
    ("stdio rpath prot_exec exec", false), // dynamic program that needs no narrowing
    ("stdio rpath prot_exec exec", true),  // static program
    ("stdio rpath exec", false),           // dynamic program narrowed after its loader
];

/// `seccomp-pledge -p PROMISES -e stdio … -- PROBE STEPS` with the lab, /usr and the probe
/// unveiled `rx`.
fn exec_run(lab: &Lab, promises: &str, static_probe: bool, flags: &[&str], steps: &str) -> Run {
    let p = if static_probe {
        probe_static()
    } else {
        probe()
    };
    let mut args: Vec<String> = [
        "-p",
        promises,
        "-e",
        "stdio",
        "-v",
        &format!("rx:{}", s(lab.dir.path())),
        "-v",
        "rx:/usr",
        "-v",
        &format!("rx:{}", s(p)),
    ]
    .iter()
    .map(|a| a.to_string())
    .collect();
    args.extend(flags.iter().map(|f| f.to_string()));
    args.push("--".into());
    args.push(s(p));
    args.extend(steps.split_whitespace().map(str::to_string));
    sp(&args)
}

/// The attack works when the probe executes it (`steps`) unconfined, with `env` added.
#[track_caller]
fn escapes_executed_unconfined(steps: &str, env: &[(&str, &str)], tag: &str) {
    let args: Vec<&str> = steps.split_whitespace().collect();
    escaped(&unconfined_args(probe(), &args, env), tag);
}

#[test]
fn an_executed_dynamic_program_runs_narrowed_with_exactly_the_exec_promises() {
    if !require_kernel() {
        return;
    }
    let lab = Lab::new();
    let exe = lab.build("gcc", "prog", &["MAIN"], &[]);
    let steps = format!("exec {}", s(&exe));
    escapes_executed_unconfined(&steps, &[], "main");
    for (promises, static_probe) in EXEC_CONFIGS {
        let r = exec_run(&lab, promises, static_probe, &[], &steps);
        held(&r);
        // Its loader got what it needed; its own code gets only `stdio`, and the report
        // names the exec promise it lacks.
        assert_eq!(r.code, 0, "{promises} static={static_probe}\n{r}");
        assert!(
            r.stdout.contains("main\n") && r.stdout.contains("BLOCKED main"),
            "{r}"
        );
        assert_text(&auto_stderr(&tool_lines(&r.stderr)), "\
seccomp-pledge: denied openat(AT_FDCWD, \"$DIR/secret\", O_RDONLY) in prog[PID]: needs exec promise rpath or dns (-e)
", lab.dir.path());
    }
}

/// The notes among the tool's lines.
fn notes(tool: &str) -> String {
    tool.lines()
        .filter(|l| l.starts_with("seccomp-pledge: note: "))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn an_executed_program_whose_environment_drops_or_changes_the_marker_gets_only_the_exec_promises() {
    if !require_kernel() {
        return;
    }
    let lab = Lab::new();
    let exe = s(&lab.build("gcc", "prog", &["MAIN"], &[]));
    let audit = s(&lab.build("gcc", "audit.so", &["AUDIT_LIB"], &["-shared", "-fPIC"]));
    let cases = [
        // No environment at all: the loader never hears of the marker.
        (
            format!("exec-env - {exe}"),
            vec![],
            "main",
            "does not name seccomp-pledge's marker",
            "\
seccomp-pledge: note: an executed program was denied calls that need `rpath prot_exec`, as its loader's do: its loader could not be narrowed as the program's own is, so it had only the exec promises: `$DIR/prog`[PID]: its environment does not name seccomp-pledge's marker first (the program that executed it changed LD_AUDIT or LD_PRELOAD, or dropped its environment); with `rpath prot_exec` among the exec promises (-e) it runs with them
",
        ),
        // An audit module of its own after the marker: glibc runs it before anything else.
        (
            format!("exec-env LD_AUDIT+=:{audit} {exe}"),
            vec![],
            "audit",
            "LD_AUDIT names audit modules besides seccomp-pledge's marker",
            "\
seccomp-pledge: note: an executed program was denied calls that need `rpath prot_exec`, as its loader's do: its loader could not be narrowed as the program's own is, so it had only the exec promises: `$DIR/prog`[PID]: LD_AUDIT names audit modules besides seccomp-pledge's marker, which glibc runs before anything else; with `rpath prot_exec` among the exec promises (-e) it runs with them
",
        ),
        // The marker's descriptor replaced by the program's own audit module.
        (
            format!("clobber-marker {audit} :: exec {exe}"),
            vec![("LD_AUDIT", "/proc/self/fd/9")],
            "audit",
            "the descriptor its environment names is not seccomp-pledge's marker",
            "\
seccomp-pledge: note: an executed program was denied calls that need `rpath prot_exec`, as its loader's do: its loader could not be narrowed as the program's own is, so it had only the exec promises: `$DIR/prog`[PID]: the descriptor its environment names is not seccomp-pledge's marker (it was closed or replaced); with `rpath prot_exec` among the exec promises (-e) it runs with them
",
        ),
    ];
    for (steps, env, tag, why, want) in cases {
        escapes_executed_unconfined(&steps, &env, tag);
        for (promises, static_probe) in EXEC_CONFIGS {
            let r = exec_run(&lab, promises, static_probe, &[], &steps);
            held(&r);
            // Its loader is refused the libraries (exit 127), the report and the note name
            // the loader's promises and why the image was not narrowed.
            assert_eq!(r.code, 127, "{steps} under {promises}\n{r}");
            // The loader's denied calls (its search path, and so their count) differ per
            // machine: they are named; the note, which names why, is compared whole.
            let tool = auto_stderr(&tool_lines(&r.stderr));
            assert!(tool.contains(": needs exec promise rpath"), "{r}");
            assert!(want.contains(why), "{steps}: {why:?} is in the note");
            assert_text(&notes(&tool), want, lab.dir.path());
        }
    }
}

#[test]
fn an_executed_program_with_code_that_runs_while_it_is_loaded_is_not_narrowed() {
    if !require_kernel() {
        return;
    }
    let lab = Lab::new();
    // An IFUNC resolver in the executed program itself: seen before its first instruction,
    // so it is not narrowed (its loader gets only the exec promises).
    let exe = s(&lab.build("gcc", "prog-ifunc", &["IFUNC_LIB", "MAIN", "LINKED"], &[]));
    let steps = format!("exec {exe}");
    escapes_executed_unconfined(&steps, &[], "ifunc");
    for (promises, static_probe) in EXEC_CONFIGS {
        let r = exec_run(&lab, promises, static_probe, &[], &steps);
        held(&r);
        assert_eq!(r.code, 127, "{promises}\n{r}");
        // The loader's denied calls differ per machine (see above): the note is compared.
        let tool = auto_stderr(&tool_lines(&r.stderr));
        assert!(tool.contains("in prog-ifunc["), "{r}");
        assert_text(
            &notes(&tool),
            "\
seccomp-pledge: note: an executed program was denied calls that need `rpath prot_exec`, as its loader's do: its loader could not be narrowed as the program's own is, so it had only the exec promises: `$DIR/prog-ifunc`[PID]: it has IFUNC resolvers (R_X86_64_IRELATIVE relocations), which run while the loader relocates it; with `rpath prot_exec` among the exec promises (-e) it runs with them
",
            lab.dir.path(),
        );
    }
    // Its own "loader" (PT_INTERP naming a static program of its own): not the system's,
    // so nothing is granted; the fake loader runs under exactly the exec promises.
    let (_, exe) = fake_loader_program(&lab, "fake-ld.so");
    let steps = format!("exec {}", s(&exe));
    escapes_executed_unconfined(&steps, &[], "interp");
    for (promises, static_probe) in EXEC_CONFIGS {
        let r = exec_run(&lab, promises, static_probe, &[], &steps);
        held(&r);
        assert!(r.stdout.contains("BLOCKED interp"), "{promises}\n{r}");
    }
    // In a library it loads: refused when the loader reports it, before it is relocated.
    let prog = s(&linked(&lab, "gcc", &["IFUNC_LIB"], &[], &[]));
    let steps = format!("exec {prog}");
    escapes_executed_unconfined(&steps, &[], "ifunc");
    for (promises, static_probe) in EXEC_CONFIGS {
        let r = exec_run(&lab, promises, static_probe, &[], &steps);
        held(&r);
        assert_eq!(r.code, 125, "{promises}\n{r}");
        assert!(!r.stdout.contains("main"), "nothing of it ran\n{r}");
        assert_text(&auto_stderr(&tool_lines(&r.stderr)), "\
seccomp-pledge: error: cannot guarantee exactly the requested promises for `$DIR/libhostile.so` (loaded by `prog`[PID]): it has IFUNC resolvers (STT_GNU_IFUNC symbols), which run while the loader relocates it; to run it anyway, add --allow-loader-promises
", lab.dir.path());
        // Accepted: the resolver runs, and gets nothing beyond the exec promises.
        let r = exec_run(
            &lab,
            promises,
            static_probe,
            &["--allow-loader-promises"],
            &steps,
        );
        held(&r);
        assert!(
            r.stdout.contains("BLOCKED ifunc") && r.stdout.contains("BLOCKED main"),
            "{r}"
        );
    }
}

#[test]
fn an_executed_musl_program_is_narrowed_by_the_preloaded_marker() {
    if !require_kernel() || !musl() {
        return;
    }
    let lab = Lab::new();
    let exe = lab.build("musl-gcc", "prog", &["MAIN"], &[]);
    // The program: executes its arguments, with its environment or (after `-`) none.
    let src = lab.path("exec.c");
    std::fs::write(
        &src,
        "#include <string.h>\n#include <unistd.h>\nint main(int c, char **v) {\n\
         char *none[] = { 0 };\n(void)c;\n\
         if (!strcmp(v[1], \"-\")) execve(v[2], v + 2, none); else execv(v[1], v + 1);\n\
         return 126; }\n",
    )
    .unwrap();
    let first = lab.path("exec-musl");
    let st = Command::new("musl-gcc")
        .args(["-O1", "-Wall", "-Werror", "-o"])
        .arg(&first)
        .arg(&src)
        .status()
        .unwrap();
    assert!(st.success());
    let flags = |promises: &str| {
        vec![
            "-p".to_string(),
            promises.to_string(),
            "-e".into(),
            "stdio".into(),
            "-v".into(),
            format!("rx:{}", s(lab.dir.path())),
            "-v".into(),
            "rx:/usr".into(),
            "-v".into(),
            "rx:/lib".into(),
            "-v".into(),
            format!("rx:{}", s(&first)),
            "--".into(),
            s(&first),
        ]
    };
    escaped(&unconfined_args(&first, &[&s(&exe)], &[]), "main");
    for promises in ["stdio rpath prot_exec exec", "stdio rpath exec"] {
        let mut args = flags(promises);
        args.push(s(&exe));
        let r = sp(&args);
        held(&r);
        assert_eq!(r.code, 0, "{promises}\n{r}");
        assert!(r.stdout.contains("BLOCKED main"), "{r}");
        assert_text(&auto_stderr(&tool_lines(&r.stderr)), "\
seccomp-pledge: denied openat(AT_FDCWD, \"$DIR/secret\", O_RDONLY) in prog[PID]: needs exec promise rpath or dns (-e)
", lab.dir.path());
        // Without its environment the preload is gone: not narrowed, and said so.
        let mut args = flags(promises);
        args.extend(["-".to_string(), s(&exe)]);
        let r = sp(&args);
        // (musl's loader is its libc: a program without other libraries needs nothing
        // of it, and runs.)
        held(&r);
        assert!(r.stdout.contains("BLOCKED main"), "{r}");
        assert_text(&auto_stderr(&tool_lines(&r.stderr)), "\
seccomp-pledge: denied openat(AT_FDCWD, \"$DIR/secret\", O_RDONLY) in prog[PID]: needs exec promise rpath or dns (-e)
seccomp-pledge: note: an executed program was denied calls that need `rpath prot_exec`, as its loader's do: its loader could not be narrowed as the program's own is, so it had only the exec promises: `$DIR/prog`[PID]: its environment does not name seccomp-pledge's marker first (the program that executed it changed LD_AUDIT or LD_PRELOAD, or dropped its environment); with `rpath prot_exec` among the exec promises (-e) it runs with them
", lab.dir.path());
    }
}

// The listener hand-off (src/sandbox/handoff.rs): the launch filter lets sendmsg and
// seccomp(2) through from two instructions of the supervisor's image, which the child uses
// before execve; the closing filter it adds then must shut both for the program. The probe
// (tests/probe/doors.c) is handed the door's address, as if it had leaked, maps the same
// stub there and calls through it.

/// Where process `pid`'s image has the stub `mov eax, NR; syscall; ret` mapped executable.
fn door_of(pid: u32, nr: i64) -> u64 {
    let stub = [0xb8, nr as u8, (nr >> 8) as u8, 0, 0, 0x0f, 0x05, 0xc3];
    let exe = std::fs::read_link(format!("/proc/{pid}/exe")).unwrap();
    let image = std::fs::read(&exe).unwrap();
    let maps = std::fs::read_to_string(format!("/proc/{pid}/maps")).unwrap();
    let mut found = Vec::new();
    for off in (0..image.len().saturating_sub(stub.len())).filter(|&i| image[i..i + 8] == stub) {
        for line in maps.lines().filter(|l| l.ends_with(exe.to_str().unwrap())) {
            let f: Vec<&str> = line.split_whitespace().collect();
            let (lo, hi) = f[0].split_once('-').unwrap();
            let lo = u64::from_str_radix(lo, 16).unwrap();
            let hi = u64::from_str_radix(hi, 16).unwrap();
            let foff = u64::from_str_radix(f[2], 16).unwrap();
            let off = off as u64;
            if f[1].contains('x') && off >= foff && off < foff + (hi - lo) {
                found.push(lo + off - foff);
            }
        }
    }
    assert_eq!(found.len(), 1, "one stub for {nr} in {}", exe.display());
    found[0]
}

/// Runs the doors probe confined with `flags`, telling it the supervisor's door; returns the
/// run and the door's address.
fn through_the_door(probe: &Path, door: &str, flags: &[&str]) -> (Run, u64) {
    let nr = if door == "sendmsg" {
        libc::SYS_sendmsg
    } else {
        libc::SYS_seccomp
    };
    let mut at = 0;
    let mut c = Command::new(bin());
    c.args(["-P", "unlimited", "--landlock-reports", "off"])
        .args(flags)
        .arg("--")
        .arg(probe)
        .arg(door);
    let run = run_feeding(&mut c, |pid| {
        at = door_of(pid, nr);
        format!("{at:#x}\n")
    });
    (run, at)
}

#[test]
fn the_listener_hand_off_doors_stay_shut_for_the_program() {
    if !require_kernel() {
        return;
    }
    let probe = compile_with("gcc", "doors.c", "doors", &[]);
    // seccomp(2) is no promise's (stdio installs filters through prctl only); sendmsg is
    // stdio's, so an explicit rule denies it.
    for (door, flags) in [
        ("seccomp", &["-p", "stdio rpath prot_exec"][..]),
        (
            "sendmsg",
            &["-p", "stdio rpath prot_exec", "--deny", "sendmsg"][..],
        ),
    ] {
        let (r, at) = through_the_door(&probe, door, flags);
        // The attack first, unconfined, at the very address: it works.
        let free = run_feeding(Command::new(&probe).arg(door), |_| format!("{at:#x}\n"));
        assert_eq!(
            free.stdout,
            format!("door {at:#x}\nvia-door ok\nplain ok\n"),
            "unconfined: {free}"
        );
        // Confined: the call through the door kills the sandbox before it returns.
        assert_eq!(r.code, 128 + libc::SIGSYS, "{door}: {r}");
        assert_eq!(r.stdout, format!("door {at:#x}\n"), "{door}: {r}");
        assert!(
            r.stderr.lines().any(|l| l.ends_with(&format!(
                "`{}` was killed by SIGSYS: a `kill` rule matched, or a system call the filter refuses to report",
                probe.display()
            ))),
            "{door}: {r}"
        );
    }
}
