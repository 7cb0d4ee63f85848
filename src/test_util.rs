//! Helpers shared by the unit tests of every layer (compiled only for tests).

/// The x86_64 number of the syscall called `name` (panics on a name the table lacks).
pub(crate) fn nr(name: &str) -> u32 {
    crate::abi::syscalls::by_name(name)
        .unwrap_or_else(|e| panic!("{e}"))
        .id() as u32
}

/// A policy of these promises and nothing else.
pub(crate) fn policy(promises: &str) -> crate::policy::Policy {
    crate::policy::Policy {
        promises: crate::policy::PromiseSet::parse(promises).unwrap(),
        ..crate::policy::Policy::default()
    }
}

/// A small deterministic generator (xorshift) of argument values that matter for filters:
/// interesting constants (flags, ioctls, `AT_FDCWD`, the pid placeholder) mixed with random
/// words, with or without upper 32 bits set. Shared by the differential tests of the BPF
/// compiler and the seccompiler export.
pub(crate) struct Gen(pub(crate) u64);

impl Gen {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub(crate) fn arg(&mut self) -> u64 {
        use crate::policy::promise::PID_PLACEHOLDER;
        const INTERESTING: [u64; 28] = [
            0,
            1,
            2,
            3,
            4,
            5,
            6,
            7,
            9,
            10,
            15,
            16,
            17,
            0o100,
            0o200,
            0o1000,
            0o2000000,
            0o20200000,
            0x5412,
            0x5413,
            0x541c,
            0x541b,
            0x8905,
            0x1000,
            0x0001_0f00,
            0x1000_0000,
            0xffff_ff9c,
            PID_PLACEHOLDER,
        ];
        let r = self.next();
        let base = if r % 3 == 0 {
            r >> 8
        } else {
            INTERESTING[(r as usize >> 4) % INTERESTING.len()] | ((r >> 40) & 0o7007)
        };
        match (r >> 20) % 4 {
            0 => base | (1 << 32),
            1 => base | 0xffff_ffff_0000_0000,
            _ => base,
        }
    }

    pub(crate) fn args(&mut self) -> [u64; 6] {
        let mut a = [0; 6];
        for x in &mut a {
            *x = self.arg();
        }
        a
    }
}
