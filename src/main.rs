//! The `seccomp-pledge` binary: everything lives in the library.

/// Counts the bytes in use, so that scripts are bounded in memory.
#[global_allocator]
static ALLOC: seccomp_pledge::frontend::script::CountingAlloc =
    seccomp_pledge::frontend::script::CountingAlloc;

fn main() {
    std::process::exit(seccomp_pledge::run(std::env::args_os()));
}
