//! Helpers shared by the unit tests of every layer (compiled only for tests).

/// The x86_64 number of the syscall called `name` (panics on a name the table lacks).
pub(crate) fn nr(name: &str) -> u32 {
    crate::abi::syscalls::by_name(name)
        .unwrap_or_else(|e| panic!("{e}"))
        .id() as u32
}
