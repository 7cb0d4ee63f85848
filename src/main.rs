//! The `seccomp-pledge` binary: everything lives in the library.

fn main() {
    std::process::exit(seccomp_pledge::run(std::env::args_os()));
}
