//! The narrowing library (`preload.c`), built by `build.rs` and embedded here; the launcher
//! hands it to dynamic programs through a sealed memfd.

/// The shared object's bytes.
pub static LIBRARY: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/preload.so"));
