//! Exports in their real targets: OCI profiles run by runc and crun, raw BPF by bubblewrap.
//! The probe runs inside each target under the exported filter, and `verify-export` compares
//! every answer of the installed filters with `run`'s.

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::text_cmp::{assert_text, mask_digits_after, mask_pids};
use crate::util::*;

/// `seccomp-pledge shell FILE` in `dir`, FILE holding `input`.
fn shell(dir: &Path, input: &str) -> Run {
    let file = dir.join("commands");
    std::fs::write(&file, input).unwrap();
    sp_cmd(&[OsStr::new("shell"), file.as_os_str()], |c| {
        c.current_dir(dir).env("XDG_STATE_HOME", dir.join(".state"));
    })
}

/// Fails (or skips loudly when not strict) unless the targets are installed and we are root.
fn require_targets() -> bool {
    if !require_kernel() {
        return false;
    }
    if !nix::unistd::geteuid().is_root() {
        return missing("the export tests run containers, which needs root");
    }
    for program in ["runc", "crun", "bwrap"] {
        let found = Command::new(program)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !found {
            return missing(&format!("{program} is not installed"));
        }
    }
    true
}

/// Runs the static probe with `steps` as a runc container whose `linux.seccomp` is `profile`
/// (none when `None`).
fn runc(dir: &Path, name: &str, profile: Option<serde_json::Value>, steps: &str) -> Run {
    let bundle = dir.join(name);
    std::fs::create_dir_all(bundle.join("rootfs")).unwrap();
    std::fs::copy(probe_static(), bundle.join("rootfs/probe")).unwrap();
    let mut argv = vec!["/probe".to_string()];
    argv.extend(steps.split_whitespace().map(str::to_string));
    runc_bundle(&bundle, argv, profile, None)
}

/// Runs the bundle `bundle` (its rootfs made by the caller) with runc: `argv` as the process,
/// a read-only root, no resources, `profile` as `linux.seccomp`, and `mount` added.
fn runc_bundle(
    bundle: &Path,
    argv: Vec<String>,
    profile: Option<serde_json::Value>,
    mount: Option<serde_json::Value>,
) -> Run {
    let spec = run_command(Command::new("runc").args(["spec", "--bundle"]).arg(bundle));
    assert_eq!(spec.code, 0, "{spec}");
    let path = bundle.join("config.json");
    let mut config: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    config["process"]["args"] = serde_json::json!(argv);
    config["process"]["terminal"] = false.into();
    config["root"]["readonly"] = true.into();
    if let Some(m) = mount {
        config["mounts"].as_array_mut().unwrap().push(m);
    }
    let linux = config["linux"].as_object_mut().unwrap();
    linux.remove("resources");
    if let Some(p) = profile {
        linux.insert("seccomp".into(), p);
    }
    std::fs::write(&path, serde_json::to_vec_pretty(&config).unwrap()).unwrap();
    let name = bundle.file_name().unwrap().to_string_lossy();
    let id = format!("sp-test-{}-{name}", std::process::id());
    let r = run_command(
        Command::new("runc")
            .args(["run", "--bundle"])
            .arg(bundle)
            .arg(&id),
    );
    let _ = run_command(Command::new("runc").args(["delete", "-f", &id]));
    r
}

/// The steps of the dodge: TIOCGWINSZ as asked, and with the upper half of the 32-bit
/// request set (the kernel reads an int and runs TIOCGWINSZ all the same); then socket.
const DODGE: &str = "ioctl 0 TIOCGWINSZ :: raw 16 0 0x100005413 :: socket AF_INET6 SOCK_STREAM :: socket AF_UNIX SOCK_STREAM";

const POLICY: &str = "promise stdio unix\nallow ioctl\ndeny ioctl if arg1 == TIOCGWINSZ errno EACCES\ndeny socket if arg0 == AF_INET6 errno EACCES\n";

#[test]
fn an_oci_export_holds_in_runc_where_a_64_bit_comparison_is_dodged() {
    if !require_targets() {
        return;
    }
    let d = tempdir();
    let saved = shell(
        d.path(),
        &format!("{POLICY}save --format oci --runtime runc --force profile.json\n"),
    );
    assert_eq!(saved.code, 0, "{saved}");
    let profile: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.path().join("profile.json")).unwrap()).unwrap();

    // Unconfined, the request reaches the terminal code (stdin is /dev/null: ENOTTY).
    let open = runc(d.path(), "open", None, DODGE);
    assert_eq!(
        open.stdout, "ioctl ENOTTY\nraw ENOTTY\nsocket ok 3\nsocket ok 4\n",
        "{open}"
    );

    // The same decisions compared on all 64 bits, as plain SCMP_CMP_EQ and SCMP_CMP_NE do:
    // the dodge goes through.
    let mut naive = profile.clone();
    let entries = naive["syscalls"].as_array_mut().unwrap();
    let before = entries.len();
    entries.retain(|e| e["names"] != serde_json::json!(["ioctl"]));
    assert!(entries.len() < before, "the export has ioctl entries");
    entries.push(
        serde_json::json!({"names": ["ioctl"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13,
        "args": [{"index": 1, "value": 0x5413, "op": "SCMP_CMP_EQ"}]}),
    );
    entries.push(
        serde_json::json!({"names": ["ioctl"], "action": "SCMP_ACT_ALLOW",
        "args": [{"index": 1, "value": 0x5413, "op": "SCMP_CMP_NE"}]}),
    );
    let dodged = runc(d.path(), "naive", Some(naive), DODGE);
    assert_eq!(
        dodged.stdout, "ioctl EACCES\nraw ENOTTY\nsocket EACCES\nsocket ok 3\n",
        "{dodged}"
    );

    // Our export compares the low 32 bits, as the kernel reads them: both are refused.
    let held = runc(d.path(), "ours", Some(profile), DODGE);
    assert_eq!(
        held.stdout, "ioctl EACCES\nraw EACCES\nsocket EACCES\nsocket ok 3\n",
        "{held}"
    );
}

#[test]
fn a_bpf_export_holds_under_bwrap() {
    if !require_targets() {
        return;
    }
    let d = tempdir();
    let saved = shell(
        d.path(),
        &format!("{POLICY}save --format bpf --force f.bpf\n"),
    );
    assert_eq!(saved.code, 0, "{saved}");
    let bwrap = |filter: Option<&Path>| {
        let mut c = Command::new("bwrap");
        c.arg("--ro-bind").arg(probe_static()).arg("/probe");
        if let Some(f) = filter {
            let file = std::fs::File::open(f).unwrap();
            c.args(["--seccomp", "3"]);
            let fd = std::os::fd::IntoRawFd::into_raw_fd(file);
            // SAFETY: fcntl and dup2 in the forked child before exec, on a descriptor open
            // in it; copied above 9 first, so that dup2 never finds it at 3 already (which
            // would keep close-on-exec).
            unsafe {
                std::os::unix::process::CommandExt::pre_exec(&mut c, move || {
                    let high = libc::fcntl(fd, libc::F_DUPFD, 10);
                    if high < 0 || libc::dup2(high, 3) < 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
        }
        c.arg("/probe").args(DODGE.split_whitespace());
        run_command(&mut c)
    };
    let open = bwrap(None);
    assert_eq!(
        open.stdout, "ioctl ENOTTY\nraw ENOTTY\nsocket ok 3\nsocket ok 4\n",
        "{open}"
    );
    let held = bwrap(Some(&d.path().join("f.bpf")));
    assert_eq!(
        held.stdout, "ioctl EACCES\nraw EACCES\nsocket EACCES\nsocket ok 3\n",
        "{held}"
    );
}

/// A policy with the shapes an export must keep apart: a conditional deny inside a promise's
/// allow, an explicit allow by range, a trap, `!=` with `>=` on one argument, kill as penalty.
const RICH: &str = "promise stdio rpath inet tty proc\ndeny socket if arg0 == AF_INET6 errno EACCES\ndeny ioctl if arg1 == TIOCGWINSZ\nallow fallocate if arg1 < 4\ndeny connect if arg2 <= 16 trap\nallow kcmp if arg0 != 7 and arg0 >= 3\npenalty kill\n";

#[test]
fn verify_export_finds_every_answer_as_run_gives_it_in_runc_crun_and_bwrap() {
    // crun-bpf: crun given our own filter in its `run.oci.seccomp_bpf_data` annotation.
    if !require_targets() {
        return;
    }
    let d = tempdir();
    let r = shell(
        d.path(),
        &format!(
            "{RICH}verify-export runc\nverify-export crun\nverify-export crun-bpf\nverify-export bwrap\n"
        ),
    );
    assert_eq!(r.code, 0, "{r}");
    let summary: Vec<String> = r
        .stdout
        .lines()
        .filter(|l| {
            ["runc:", "crun:", "crun-bpf:", "bwrap:"]
                .iter()
                .any(|t| l.starts_with(t))
        })
        .map(|l| {
            [
                "export (", "filter; ", "probes, ", "does; ", "lists: ", ", ",
            ]
            .iter()
            .fold(l.to_string(), |t, m| mask_digits_after(&t, m))
        })
        .collect();
    assert_text(
        &summary.join("\n"),
        "runc: the oci export (N bytes) installed as 1 filter; N probes, N answered as `run` does; N differ as the export lists: N allowed for the target (execve, the runtime's calls), N on the sandbox's own pid, N x32 or i386 calls, N unknown to the target's libseccomp, N numbers no syscall has\n\
crun: the oci export (N bytes) installed as 1 filter; N probes, N answered as `run` does; N differ as the export lists: N allowed for the target (execve, the runtime's calls), N on the sandbox's own pid, N x32 or i386 calls, N numbers no syscall has\n\
crun-bpf: the bpf export (N bytes) installed as 1 filter; N probes, N answered as `run` does; N differ as the export lists: N allowed for the target (execve, the runtime's calls), N on the sandbox's own pid\n\
bwrap: the bpf export (N bytes) installed as 1 filter; N probes, N answered as `run` does; N differ as the export lists: N allowed for the target (execve, the runtime's calls), N on the sandbox's own pid",
        d.path(),
    );
    // No container or bundle is left behind.
    let left = run_command(Command::new("runc").args(["list", "-q"]));
    assert!(!left.stdout.contains("seccomp-pledge-verify"), "{left}");
    let tmp: Vec<_> = std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("seccomp-pledge-verify-")
        })
        .collect();
    assert!(tmp.is_empty(), "{tmp:?}");
}

#[test]
fn exports_refuse_what_they_cannot_hold_and_write_nothing() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let r = shell(
        d.path(),
        "promise stdio rpath\nunveil r:/etc\nlimit open-files 32\nsave --format oci --force p.json\n",
    );
    assert_eq!(r.code, 1, "{r}");
    assert!(!d.path().join("p.json").exists());
    assert_text(
        &r.stderr,
        "seccomp-pledge: error: $DIR/commands:4: cannot save `$DIR/p.json`: oci cannot express this policy exactly:\n  the unveils are dropped (a seccomp profile has no paths; use the target's read-only and masked mounts): r:/etc\n  the resource limits `run` sets are not in the file (set them in the target: OCI `process.rlimits`, systemd `Limit*=`): LIMITS\n  hint: `--lossy` exports it anyway, with these losses listed; or change the policy\nseccomp-pledge: stopped at $DIR/commands:4; the lines after it were not run\n"
            .replace("LIMITS", &limits_of(&r.stderr))
            .as_str(),
        d.path(),
    );
    let lossy = shell(
        d.path(),
        "promise stdio rpath\nunveil r:/etc\nsave --format oci --lossy --force p.json\nsave --format seccompiler --runtime runc --force f.json\n",
    );
    assert!(d.path().join("p.json").exists(), "{lossy}");
    assert!(
        lossy
            .stderr
            .contains("note: lossy: the unveils are dropped"),
        "{lossy}"
    );
    assert!(!d.path().join("f.json").exists());
    assert!(
        lossy.stderr.contains(
            "--runtime is for formats a runtime installs (oci, k8s, bpf), not for seccompiler"
        ),
        "{lossy}"
    );
    let bad = shell(d.path(), "save --format oci --runtime docker\n");
    assert_eq!(bad.code, 1, "{bad}");
    assert!(
        bad.stderr.contains("unknown runtime `docker`")
            && bad.stderr.contains("runtimes: none, runc, crun, bwrap"),
        "{bad}"
    );
    let bad = shell(d.path(), "verify-export podman\n");
    assert!(
        bad.stderr.contains("unknown target `podman`")
            && bad
                .stderr
                .contains("targets: runc, crun, crun-bpf, bwrap, systemd"),
        "{bad}"
    );
}

/// The limits part of the message (the machine's own defaults).
fn limits_of(stderr: &str) -> String {
    stderr
        .lines()
        .find_map(|l| l.strip_prefix("  the resource limits `run` sets are not in the file (set them in the target: OCI `process.rlimits`, systemd `Limit*=`): "))
        .unwrap_or("")
        .to_string()
}

#[test]
fn the_one_shot_export_writes_what_save_writes() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let saved = shell(
        d.path(),
        "promise stdio inet\ndeny socket if arg0 == AF_INET6 errno EACCES\nsave --format oci --runtime crun --force p.json\nsave --format bpf --force p.bpf\nsave --format k8s --force p.k8s.json\n",
    );
    assert_eq!(saved.code, 0, "{saved}");
    let flags = [
        "-p",
        "stdio inet",
        "--deny",
        "socket if arg0 == AF_INET6 errno EACCES",
    ];
    for (format, extra, file) in [
        ("oci", &["--runtime", "crun"][..], "p.json"),
        ("bpf", &[][..], "p.bpf"),
        ("k8s", &[][..], "p.k8s.json"),
    ] {
        let mut args: Vec<&str> = flags.to_vec();
        args.extend(["--export", format]);
        args.extend(extra);
        let c = Command::new(bin())
            .args(&args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(
            c.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&c.stderr)
        );
        let saved = std::fs::read(d.path().join(file)).unwrap();
        if format == "k8s" {
            // The annotation lists the machine's limits of the moment (-P counts processes).
            let spec =
                |b: &[u8]| serde_json::from_slice::<serde_json::Value>(b).unwrap()["spec"].clone();
            assert_eq!(spec(&c.stdout), spec(&saved), "{format}");
        } else {
            assert!(
                c.stdout == saved,
                "{format}: the one-shot wrote other bytes than save"
            );
        }
        let notes = String::from_utf8_lossy(&c.stderr);
        assert!(
            notes.starts_with("seccomp-pledge: note: widens: execve is allowed for the whole run"),
            "{format}: {notes}"
        );
    }
    // The resource's spec is the OCI profile, errnoRet as a string.
    let oci: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.path().join("p.json")).unwrap()).unwrap();
    let k8s: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.path().join("p.k8s.json")).unwrap()).unwrap();
    assert_eq!(k8s["kind"], "SeccompProfile");
    assert_eq!(
        k8s["spec"]["syscalls"].as_array().unwrap().len(),
        oci["syscalls"].as_array().unwrap().len(),
    );
    let r = sp(&["-p", "stdio", "-v", "/etc", "--export", "oci"]);
    assert_eq!(r.code, 125, "{r}");
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr.contains(
            "seccomp-pledge: error: cannot export: oci cannot express this policy exactly:"
        ),
        "{r}"
    );
    let r = sp(&["--export", "yaml"]);
    assert_eq!(r.code, 125, "{r}");
    assert!(
        r.stderr.contains("unknown format `yaml` after --export"),
        "{r}"
    );
    let r = sp(&["--export", "oci", "--", "/bin/true"]);
    assert_eq!(r.code, 125, "{r}");
    assert!(
        r.stderr
            .contains("--export writes the policy and runs no program"),
        "{r}"
    );
}

/// Docker's default profile as Debian ships it (golang-github-docker-docker-dev).
const DOCKER_DEFAULT: &str =
    "/usr/share/gocode/src/github.com/docker/docker/profiles/seccomp/default.json";

/// Fails (or skips loudly, not strict) unless Docker's default.json is installed.
fn require_docker_default() -> bool {
    Path::new(DOCKER_DEFAULT).exists()
        || missing("Docker's default.json (apt-get install golang-github-docker-docker-dev)")
}

/// Calls whose answers do not depend on capabilities: keyctl(KEYCTL_GET_KEYRING_ID,
/// KEY_SPEC_SESSION_KEYRING), which works unconfined and which the profile leaves out, socket(AF_INET),
/// personality(8) and personality(1), personality(8) with the upper half set (an `int` that
/// the profile compares on 64 bits), ptrace(PTRACE_TRACEME) (from Linux 4.8); then
/// unshare(0), which the profile allows only with CAP_SYS_ADMIN.
const IMPORT_STEPS: &str = "raw 250 0 -3 0 :: raw 41 2 1 0 :: raw 135 8 :: raw 135 1 :: raw 135 0x100000008 :: raw 101 0 0 0 0 :: raw 272 0";

#[test]
fn an_imported_docker_profile_decides_as_runc_runs_it() {
    if !require_targets() || !require_docker_default() {
        return;
    }
    let d = tempdir();
    let loaded = shell(
        d.path(),
        &format!("load {DOCKER_DEFAULT}\nsave --format oci --force back.json\n"),
    );
    assert_eq!(loaded.code, 0, "{loaded}");
    assert!(
        loaded.stdout.starts_with(&format!(
            "loaded an OCI seccomp profile from {DOCKER_DEFAULT}: 0 promises, 0 unveils, 295 rules\n"
        )),
        "{loaded}"
    );
    let notes = mask_digits_after(&loaded.stderr, "kernel ");
    assert!(
        notes.contains("note: resolved as a runtime would for a container here (x86_64, kernel N.")
            && notes.contains("no capabilities, which seccomp-pledge drops): 17 entries left out by their includes/excludes, 60 names of other architectures' syscalls skipped"),
        "{loaded}"
    );
    // Under seccomp-pledge, the imported rules.
    let ours = probe_run(
        &["-P", "unlimited", "--policy", DOCKER_DEFAULT],
        IMPORT_STEPS,
    );
    assert_eq!(
        ours.stdout, "raw EPERM\nraw ok 3\nraw ok 0\nraw EPERM\nraw EPERM\nraw ok 0\nraw EPERM\n",
        "{ours}"
    );
    // Under runc, the file itself: the same answers, but for unshare. runc does not resolve
    // `includes`/`excludes` (Docker does before it hands the profile over), so it allows
    // what the profile allows only to CAP_SYS_ADMIN.
    let docker: serde_json::Value =
        serde_json::from_slice(&std::fs::read(DOCKER_DEFAULT).unwrap()).unwrap();
    let runc_raw = runc(d.path(), "docker", Some(docker), IMPORT_STEPS);
    assert_eq!(
        runc_raw.stdout,
        "raw EPERM\nraw ok 3\nraw ok 0\nraw EPERM\nraw EPERM\nraw ok 0\nraw ok 0\n",
        "{runc_raw}"
    );
    // The import exported again and run by runc answers as seccomp-pledge does.
    let back: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.path().join("back.json")).unwrap()).unwrap();
    let runc_back = runc(d.path(), "back", Some(back), IMPORT_STEPS);
    assert_eq!(
        runc_back.stdout,
        "raw EPERM\nraw ok 3\nraw ok 0\nraw EPERM\nraw EPERM\nraw ok 0\nraw EPERM\n",
        "{runc_back}"
    );
}

#[test]
fn a_systemd_drop_in_passes_systemd_analyze_and_says_what_it_widens() {
    if !require_kernel() {
        return;
    }
    let d = tempdir();
    let r = shell(
        d.path(),
        "promise stdio rpath inet\nunveil r:/usr\nsave --format systemd --force sp.conf\nsave --format systemd --lossy --force sp.conf\nverify-export systemd --lossy\n",
    );
    assert_eq!(r.code, 1, "{r}");
    // Without --lossy: refused, naming what systemd cannot say, nothing written.
    assert!(
        r.stderr.contains("systemd cannot express this policy exactly:\n  allowed for all arguments (SystemCallFilter= has no argument conditions; `run` allows them for some): open mmap mprotect ioctl socket"),
        "{r}"
    );
    let r = shell(
        d.path(),
        "promise stdio rpath inet\nunveil r:/usr\nsave --format systemd --lossy --force sp.conf\nverify-export systemd --lossy\n",
    );
    assert_eq!(r.code, 0, "{r}");
    let text = std::fs::read_to_string(d.path().join("sp.conf")).unwrap();
    for line in [
        "[Service]",
        "NoNewPrivileges=yes",
        "SystemCallArchitectures=native",
        "SystemCallErrorNumber=EPERM",
        "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6",
        "LimitNOFILE=64",
        "ProtectSystem=strict",
        "ReadOnlyPaths=-/usr",
        "#   lossy: unveil is approximated: ProtectSystem=strict makes everything read-only, ReadWritePaths= reopens the w and c paths; nothing is hidden and x has no equivalent",
    ] {
        assert!(text.lines().any(|l| l == line), "{line}\n{text}");
    }
    let summary = r
        .stdout
        .lines()
        .find(|l| l.starts_with("systemd: "))
        .unwrap_or_default();
    assert_text(
        &["export (", "exposure ", "exposure N.", "MEDIUM, ", ", "]
            .iter()
            .fold(summary.to_string(), |t, m| mask_digits_after(&t, m)),
        "systemd: the systemd export (N bytes) passes `systemd-analyze verify` without a word; `security --offline`: exposure N.N MEDIUM, N of its settings rated safe, N not (what the policy allows): SystemCallFilter=~@resources RestrictAddressFamilies=~AF_UNIX RestrictAddressFamilies=~AF_(INET|INET6)",
        d.path(),
    );
}

/// Docker's default profile as Docker resolves it for a container with its default
/// capabilities (runc does not resolve `includes`/`excludes` itself).
fn docker_resolved() -> serde_json::Value {
    const CAPS: &[&str] = &[
        "CAP_CHOWN",
        "CAP_DAC_OVERRIDE",
        "CAP_FSETID",
        "CAP_FOWNER",
        "CAP_MKNOD",
        "CAP_NET_RAW",
        "CAP_SETGID",
        "CAP_SETUID",
        "CAP_SETFCAP",
        "CAP_SETPCAP",
        "CAP_NET_BIND_SERVICE",
        "CAP_SYS_CHROOT",
        "CAP_KILL",
        "CAP_AUDIT_WRITE",
    ];
    let mut d: serde_json::Value =
        serde_json::from_slice(&std::fs::read(DOCKER_DEFAULT).unwrap()).unwrap();
    let list = |v: &serde_json::Value, k: &str| -> Vec<String> {
        v.get(k)
            .and_then(|x| x.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let entries = d["syscalls"].as_array_mut().unwrap();
    entries.retain_mut(|e| {
        let inc = e.get("includes").cloned().unwrap_or_default();
        let exc = e.get("excludes").cloned().unwrap_or_default();
        let obj = e.as_object_mut().unwrap();
        for k in ["includes", "excludes", "comment"] {
            obj.remove(k);
        }
        let (ic, ia) = (list(&inc, "caps"), list(&inc, "arches"));
        let (ec, ea) = (list(&exc, "caps"), list(&exc, "arches"));
        (ic.iter().all(|c| CAPS.contains(&c.as_str())))
            && (ia.is_empty() || ia.iter().any(|a| a == "amd64"))
            && !ec.iter().any(|c| CAPS.contains(&c.as_str()))
            && !ea.iter().any(|a| a == "amd64")
    });
    d.as_object_mut().unwrap().remove("archMap");
    d["architectures"] = serde_json::json!(["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"]);
    d
}

/// Runs seccomp-pledge (this build) as a runc container's entrypoint under `profile`, with
/// the host's /usr and the static probe.
fn sp_in_runc(dir: &Path, name: &str, profile: serde_json::Value, args: &[&str]) -> Run {
    let bundle = dir.join(name);
    let rootfs = bundle.join("rootfs");
    for d in ["usr", "sp", "tmp", "proc", "dev", "etc"] {
        std::fs::create_dir_all(rootfs.join(d)).unwrap();
    }
    for (link, to) in [
        ("lib", "usr/lib"),
        ("lib64", "usr/lib64"),
        ("bin", "usr/bin"),
    ] {
        std::os::unix::fs::symlink(to, rootfs.join(link)).unwrap();
    }
    std::fs::copy(bin(), rootfs.join("sp/seccomp-pledge")).unwrap();
    std::fs::copy(probe_static(), rootfs.join("sp/probe")).unwrap();
    let mut argv = vec!["/sp/seccomp-pledge".to_string()];
    argv.extend(args.iter().map(|a| a.to_string()));
    let usr = serde_json::json!({"destination": "/usr", "type": "bind", "source": "/usr", "options": ["rbind", "ro"]});
    runc_bundle(&bundle, argv, Some(profile), Some(usr))
}

#[test]
fn seccomp_pledge_runs_in_a_container_under_docker_s_default_profile() {
    if !require_targets() || !require_docker_default() {
        return;
    }
    let d = tempdir();
    let probe = |program: &str| {
        [
            "-P",
            "unlimited",
            "-p",
            "stdio",
            "--",
            program,
            "socket",
            "AF_INET",
            "SOCK_STREAM",
            "::",
            "getppid",
        ]
        .map(String::from)
    };
    let confined = |ran: &Run, name: &str| {
        assert_eq!(ran.code, 1, "{ran}");
        assert_eq!(
            ran.results("socket").collect::<Vec<_>>(),
            ["EPERM"],
            "{ran}"
        );
        assert_eq!(ran.results("getppid").collect::<Vec<_>>(), ["ok"], "{ran}");
        assert!(
            mask_pids(&ran.stderr).contains(&format!("seccomp-pledge: denied socket(AF_INET, SOCK_STREAM, IPPROTO_IP) in {name}[PID]: needs promise inet, anet or dns\n")),
            "{ran}"
        );
    };
    // Under Docker's default profile as Docker resolves it without CAP_SYS_PTRACE (so
    // without pidfd_getfd, which the supervisor does not need): the program runs confined,
    // and its denial is reported. The profile really refuses pidfd_getfd there.
    let profile = docker_resolved();
    let allows = |name: &str| {
        profile["syscalls"].as_array().unwrap().iter().any(|e| {
            e["action"] == "SCMP_ACT_ALLOW"
                && e["names"].as_array().unwrap().iter().any(|n| n == name)
        })
    };
    assert!(!allows("pidfd_getfd") && allows("sendmsg") && allows("seccomp"));
    let args = probe("/sp/probe");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    confined(
        &sp_in_runc(d.path(), "default", profile.clone(), &args),
        "probe",
    );
    // A dynamic program too, whose loader the supervisor follows (the files it maps are
    // identified through /proc instead).
    let args = probe("/usr/bin/true");
    let mut args: Vec<&str> = args.iter().map(String::as_str).collect();
    args.truncate(6);
    let ran = sp_in_runc(d.path(), "dynamic", profile, &args);
    assert_eq!(ran.code, 0, "{ran}");
    assert_eq!(ran.stdout, "", "{ran}");
}
