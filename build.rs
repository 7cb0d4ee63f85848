//! Builds the loader markers (`src/sandbox/preload.c`) that tell the supervisor where a
//! dynamic program's loader stops: an audit module for glibc (`SP_AUDIT`) and a preloaded
//! library for musl (`SP_PRELOAD`). The binary embeds both and hands them over through a
//! memfd. They are freestanding (no libc); the audit module links against glibc's loader
//! only to find `__libc_stack_end`.
//! It also builds the spinning probe of `verify-export` (`src/verify/spin.c`).

use std::path::{Path, PathBuf};

const GLIBC_LOADER: &str = "/lib64/ld-linux-x86-64.so.2";

fn build(out: &Path, define: &str, extra: &[&str]) {
    let compiler = cc::Build::new().get_compiler();
    let status = compiler
        .to_command()
        .args([
            "-shared",
            "-fPIC",
            "-O2",
            "-Wall",
            "-Wextra",
            "-Werror",
            "-ffreestanding",
            "-fno-builtin",
            "-fno-stack-protector",
            "-fno-asynchronous-unwind-tables",
            "-fvisibility=hidden",
            "-nostdlib",
            "-nostartfiles",
            "-Wl,-z,now",
            "-Wl,-z,relro",
            "-Wl,-z,noexecstack",
            "-Wl,--hash-style=both",
            "-Wl,--build-id=none",
            "-Wl,-soname,seccomp-pledge-marker.so",
        ])
        .arg(format!("-D{define}"))
        .arg("-o")
        .arg(out)
        .arg("src/sandbox/preload.c")
        .args(extra)
        .status()
        .expect("running the C compiler to build src/sandbox/preload.c");
    assert!(
        status.success(),
        "building the loader marker src/sandbox/preload.c ({define}) failed"
    );
}

/// The spinning probe of `verify-export` (`src/verify/spin.c`): static, no libc, no syscall.
fn build_spin(out: &Path) {
    let status = cc::Build::new()
        .get_compiler()
        .to_command()
        .args([
            "-static",
            "-O2",
            "-Wall",
            "-Werror",
            // A fuzzing build's CFLAGS ask for sanitizers, whose runtime a freestanding
            // static program cannot link.
            "-fno-sanitize=all",
            "-ffreestanding",
            "-fno-stack-protector",
            "-fno-asynchronous-unwind-tables",
            "-nostdlib",
            "-Wl,--build-id=none",
            "-Wl,-z,noexecstack",
        ])
        .arg("-o")
        .arg(out)
        .arg("src/verify/spin.c")
        .status()
        .expect("running the C compiler to build src/verify/spin.c");
    assert!(status.success(), "building src/verify/spin.c failed");
}

fn main() {
    println!("cargo:rerun-if-changed=src/sandbox/preload.c");
    println!("cargo:rerun-if-changed=src/verify/spin.c");
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    assert!(
        Path::new(GLIBC_LOADER).exists(),
        "{GLIBC_LOADER} is needed to build the glibc audit module (install libc6-dev)"
    );
    build(&dir.join("audit.so"), "SP_AUDIT", &[GLIBC_LOADER]);
    build(&dir.join("preload.so"), "SP_PRELOAD", &[]);
    build_spin(&dir.join("spin"));
}
