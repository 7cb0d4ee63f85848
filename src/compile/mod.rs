//! Policy → enforcement artefacts, computed before any fork: the seccomp BPF program
//! (`seccomp`, using seccompiler for argument conditions and `bpf` for instructions) and the
//! Landlock ruleset (`landlock`). Pure except for opening the unveiled paths.

pub mod bpf;
pub(crate) mod landlock;
pub mod seccomp;
