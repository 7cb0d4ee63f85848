//! Kernel tests: the built binary confines small probe programs on the real kernel (real
//! seccomp filters, real Landlock) and the tests assert errno, signals and exit codes.

mod api;
mod audit_mode;
mod cli;
mod exec_promises;
mod export;
mod guards;
mod hostile;
mod landlock_reports;
mod launch;
mod loader;
mod others;
mod programs;
mod promises;
mod reports;
mod scripts;
mod shell;
mod sysargs;
#[path = "../common/text.rs"]
mod text_cmp;
mod trace;
mod unveil;
mod util;
mod widths;
