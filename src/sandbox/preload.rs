//! The loader markers (`preload.c`), built by `build.rs` and embedded here; the launcher
//! hands the one for the program's loader over through a sealed memfd.

/// The glibc audit module (`LD_AUDIT`).
pub(crate) static AUDIT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/audit.so"));

/// The musl preloaded library (`LD_PRELOAD`).
pub(crate) static PRELOAD: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/preload.so"));
