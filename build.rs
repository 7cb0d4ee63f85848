//! Builds the narrowing library (`src/sandbox/preload.c`) that dynamic programs load to drop
//! the loader's extra promises; the binary embeds it and hands it over through a memfd.
//! It is freestanding (no libc), so the same object serves glibc and musl programs.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=src/sandbox/preload.c");
    let out =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("preload.so");
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
            "-Wl,-z,initfirst",
            "-Wl,-z,now",
            "-Wl,-z,relro",
            "-Wl,-z,noexecstack",
            "-Wl,--hash-style=both",
            "-Wl,--build-id=none",
            "-Wl,-soname,seccomp-pledge-preload.so",
            "-o",
        ])
        .arg(&out)
        .arg("src/sandbox/preload.c")
        .status()
        .expect("running the C compiler to build src/sandbox/preload.c");
    assert!(
        status.success(),
        "building the narrowing library src/sandbox/preload.c failed"
    );
}
