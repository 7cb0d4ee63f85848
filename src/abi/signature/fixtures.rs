//! Test fixtures of the rendering tests: fake process memory ([`Memory`]) and a call rendered
//! from it ([`call`]).

use super::{Style, format_call};
use crate::test_util::nr;

/// Fake process memory: a few regions; reads stop at a region's end.
pub(super) struct Memory {
    regions: Vec<(u64, Vec<u8>)>,
}

impl Memory {
    pub(super) fn new() -> Self {
        Memory {
            regions: Vec::new(),
        }
    }

    pub(super) fn put(&mut self, addr: u64, bytes: &[u8]) -> u64 {
        self.regions.push((addr, bytes.to_vec()));
        addr
    }

    pub(super) fn read(&self, addr: u64, len: usize) -> Option<Vec<u8>> {
        self.regions.iter().find_map(|(start, bytes)| {
            let end = start + bytes.len() as u64;
            (addr >= *start && addr < end).then(|| {
                let off = (addr - start) as usize;
                bytes[off..bytes.len().min(off + len)].to_vec()
            })
        })
    }
}

pub(super) fn call(mem: &Memory, name: &str, args: &[u64]) -> String {
    call_with(mem, name, args, Style::default())
}

pub(super) fn call_with(mem: &Memory, name: &str, args: &[u64], style: Style) -> String {
    let mut regs = [0u64; 6];
    regs[..args.len()].copy_from_slice(args);
    let read = |a: u64, n: usize| mem.read(a, n);
    format_call(nr(name), &regs, &read, style)
}

pub(super) fn ptrs(list: &[u64]) -> Vec<u8> {
    list.iter().flat_map(|p| p.to_le_bytes()).collect()
}

pub(super) const AT_FDCWD: u64 = (-100i64) as u64;
