//! Classic-BPF toolkit for seccomp filters on x86_64.
//!
//! Owns: the classic BPF opcode pieces and seccomp return-value constants, the
//! `seccomp_data` layout, instruction constructors ([`stmt`], [`jump`]), a
//! validator that accepts exactly what the kernel accepts for a seccomp filter
//! ([`validate`]), a user-space interpreter with the kernel's semantics
//! ([`run`]), a port of the kernel's constant-action emulator behind the
//! seccomp action cache ([`const_action`]), and a disassembler
//! ([`disassemble`], [`action_name`]).
//!
//! Must not: install filters or make any system call, decide policy (which
//! syscalls get which action), know syscall names (callers pass a lookup), or
//! use `unsafe`. Everything here is pure computation over `&[sock_filter]`.
//! (Only the unit tests touch the kernel: they install filters on throwaway
//! threads, through seccompiler, to check `validate` and `run` against it.)
//!
//! Kernel references (written from the kernel sources, see the comments at each
//! function): `bpf_check_basics_ok`, `bpf_check_classic`, `chk_code_allowed` and
//! `check_load_and_stores` in `net/core/filter.c`; `seccomp_check_filter`,
//! `seccomp_is_const_allow` and `seccomp_cache_prepare_bitmap` in
//! `kernel/seccomp.c`; the cBPF to eBPF conversion (`bpf_convert_filter`) for
//! run-time semantics.

use std::fmt::Write as _;

pub use seccompiler::sock_filter;

// ---------------------------------------------------------------------------
// Opcode pieces (linux/bpf_common.h, linux/filter.h)
// ---------------------------------------------------------------------------

/// Instruction class: load into A.
pub const BPF_LD: u16 = 0x00;
/// Instruction class: load into X.
pub const BPF_LDX: u16 = 0x01;
/// Instruction class: store A into scratch memory.
pub const BPF_ST: u16 = 0x02;
/// Instruction class: store X into scratch memory.
pub const BPF_STX: u16 = 0x03;
/// Instruction class: arithmetic on A.
pub const BPF_ALU: u16 = 0x04;
/// Instruction class: jumps.
pub const BPF_JMP: u16 = 0x05;
/// Instruction class: return.
pub const BPF_RET: u16 = 0x06;
/// Instruction class: register transfers.
pub const BPF_MISC: u16 = 0x07;

/// Load size: 32-bit word.
pub const BPF_W: u16 = 0x00;
/// Load size: 16-bit half word.
pub const BPF_H: u16 = 0x08;
/// Load size: byte.
pub const BPF_B: u16 = 0x10;

/// Load mode: immediate `k`.
pub const BPF_IMM: u16 = 0x00;
/// Load mode: absolute offset `k` into the data (`seccomp_data`).
pub const BPF_ABS: u16 = 0x20;
/// Load mode: offset `X + k` into the data.
pub const BPF_IND: u16 = 0x40;
/// Load mode: scratch memory word `M[k]`.
pub const BPF_MEM: u16 = 0x60;
/// Load mode: length of the data.
pub const BPF_LEN: u16 = 0x80;
/// Load mode: IP header length hack (`4 * ([k] & 0xf)`).
pub const BPF_MSH: u16 = 0xa0;

/// ALU op: `A += src`.
pub const BPF_ADD: u16 = 0x00;
/// ALU op: `A -= src`.
pub const BPF_SUB: u16 = 0x10;
/// ALU op: `A *= src`.
pub const BPF_MUL: u16 = 0x20;
/// ALU op: `A /= src` (unsigned).
pub const BPF_DIV: u16 = 0x30;
/// ALU op: `A |= src`.
pub const BPF_OR: u16 = 0x40;
/// ALU op: `A &= src`.
pub const BPF_AND: u16 = 0x50;
/// ALU op: `A <<= src`.
pub const BPF_LSH: u16 = 0x60;
/// ALU op: `A >>= src` (logical).
pub const BPF_RSH: u16 = 0x70;
/// ALU op: `A = -A`.
pub const BPF_NEG: u16 = 0x80;
/// ALU op: `A %= src` (classic BPF has it, seccomp does not allow it).
pub const BPF_MOD: u16 = 0x90;
/// ALU op: `A ^= src`.
pub const BPF_XOR: u16 = 0xa0;

/// Jump op: unconditional `pc += k`.
pub const BPF_JA: u16 = 0x00;
/// Jump op: `A == src`.
pub const BPF_JEQ: u16 = 0x10;
/// Jump op: `A > src` (unsigned).
pub const BPF_JGT: u16 = 0x20;
/// Jump op: `A >= src` (unsigned).
pub const BPF_JGE: u16 = 0x30;
/// Jump op: `A & src != 0`.
pub const BPF_JSET: u16 = 0x40;

/// Source operand: the constant `k`.
pub const BPF_K: u16 = 0x00;
/// Source operand: the X register.
pub const BPF_X: u16 = 0x08;
/// Return value source: the A register.
pub const BPF_A: u16 = 0x10;

/// Misc op: `X = A`.
pub const BPF_TAX: u16 = 0x00;
/// Misc op: `A = X`.
pub const BPF_TXA: u16 = 0x80;

/// Maximum number of instructions in one classic BPF program.
pub const BPF_MAXINSNS: usize = 4096;
/// Number of 32-bit scratch memory words (`M[0]` to `M[15]`).
pub const BPF_MEMWORDS: usize = 16;

// ---------------------------------------------------------------------------
// seccomp return values (linux/seccomp.h)
// ---------------------------------------------------------------------------

/// Kill the whole process.
pub const SECCOMP_RET_KILL_PROCESS: u32 = 0x8000_0000;
/// Kill the calling thread.
pub const SECCOMP_RET_KILL_THREAD: u32 = 0x0000_0000;
/// Send SIGSYS.
pub const SECCOMP_RET_TRAP: u32 = 0x0003_0000;
/// Fail the syscall with the errno in the data bits.
pub const SECCOMP_RET_ERRNO: u32 = 0x0005_0000;
/// Hand the syscall to a user-space supervisor.
pub const SECCOMP_RET_USER_NOTIF: u32 = 0x7fc0_0000;
/// Notify a ptrace tracer.
pub const SECCOMP_RET_TRACE: u32 = 0x7ff0_0000;
/// Allow after logging.
pub const SECCOMP_RET_LOG: u32 = 0x7ffc_0000;
/// Allow.
pub const SECCOMP_RET_ALLOW: u32 = 0x7fff_0000;
/// Mask of the action part of a return value.
pub const SECCOMP_RET_ACTION_FULL: u32 = 0xffff_0000;
/// Mask of the data part of a return value.
pub const SECCOMP_RET_DATA: u32 = 0x0000_ffff;

/// `AUDIT_ARCH_X86_64` (`EM_X86_64 | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE`).
pub const AUDIT_ARCH_X86_64: u32 = 0xc000_003e;
/// `AUDIT_ARCH_I386` (`EM_386 | __AUDIT_ARCH_LE`).
pub const AUDIT_ARCH_I386: u32 = 0x4000_0003;

use crate::abi::uapi::X32_SYSCALL_BIT;

// ---------------------------------------------------------------------------
// struct seccomp_data
// ---------------------------------------------------------------------------

/// Offset of `nr` in `seccomp_data`.
pub const DATA_NR: u32 = 0;
/// Offset of `arch` in `seccomp_data`.
pub const DATA_ARCH: u32 = 4;
/// Offset of `instruction_pointer` in `seccomp_data`.
pub const DATA_IP: u32 = 8;
/// Offset of `args[0]` in `seccomp_data`.
pub const DATA_ARGS: u32 = 16;
/// `sizeof(struct seccomp_data)`.
pub const SECCOMP_DATA_SIZE: u32 = 64;

/// Offset of the low 32 bits of `args[i]` (x86_64 is little-endian).
pub const fn arg_lo(i: u8) -> u32 {
    DATA_ARGS + 8 * i as u32
}

/// Offset of the high 32 bits of `args[i]` (x86_64 is little-endian).
pub const fn arg_hi(i: u8) -> u32 {
    arg_lo(i) + 4
}

/// A statement: an instruction with no jump offsets.
pub const fn stmt(code: u16, k: u32) -> sock_filter {
    sock_filter {
        code,
        jt: 0,
        jf: 0,
        k,
    }
}

/// A jump: `jt`/`jf` are relative to the next instruction.
pub const fn jump(code: u16, k: u32, jt: u8, jf: u8) -> sock_filter {
    sock_filter { code, jt, jf, k }
}

/// The record a seccomp filter inspects (`struct seccomp_data`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SeccompData {
    /// Syscall number (with `__X32_SYSCALL_BIT` for x32 calls).
    pub nr: i32,
    /// `AUDIT_ARCH_*` of the calling convention.
    pub arch: u32,
    /// Address of the syscall instruction.
    pub instruction_pointer: u64,
    /// The six syscall arguments, as raw register values.
    pub args: [u64; 6],
}

impl SeccompData {
    /// The 64-byte record as the kernel lays it out on x86_64 (little-endian).
    pub fn to_bytes(&self) -> [u8; SECCOMP_DATA_SIZE as usize] {
        let mut out = [0u8; SECCOMP_DATA_SIZE as usize];
        out[0..4].copy_from_slice(&self.nr.to_le_bytes());
        out[4..8].copy_from_slice(&self.arch.to_le_bytes());
        out[8..16].copy_from_slice(&self.instruction_pointer.to_le_bytes());
        for (i, arg) in self.args.iter().enumerate() {
            let at = 16 + 8 * i;
            out[at..at + 8].copy_from_slice(&arg.to_le_bytes());
        }
        out
    }
}

/// Why a program would be refused by the kernel, or could not be run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BpfError {
    /// Zero instructions.
    #[error("empty program: a seccomp filter needs at least one instruction")]
    Empty,
    /// More than [`BPF_MAXINSNS`] instructions.
    #[error("program too long: {len} instructions, the kernel accepts at most 4096")]
    TooLong {
        /// Number of instructions.
        len: usize,
    },
    /// An opcode classic BPF does not know, or seccomp does not allow.
    #[error("opcode {code:#06x} at pc {pc} is not allowed in a seccomp filter")]
    BadOpcode {
        /// Index of the instruction.
        pc: usize,
        /// Its opcode.
        code: u16,
    },
    /// A jump whose target is past the last instruction.
    #[error("jump at pc {pc} goes past the end of the program")]
    JumpOutOfRange {
        /// Index of the jump.
        pc: usize,
    },
    /// An absolute load outside `seccomp_data` or not 4-byte aligned.
    #[error(
        "load at pc {pc} reads offset {offset}, not a 4-byte-aligned offset inside the 64-byte seccomp_data"
    )]
    BadLoad {
        /// Index of the load.
        pc: usize,
        /// Its offset `k`.
        offset: u32,
    },
    /// A scratch memory index of 16 or more.
    #[error("scratch memory index {index} at pc {pc} is out of range (m[0] to m[15])")]
    BadMemIndex {
        /// Index of the instruction.
        pc: usize,
        /// The memory index `k`.
        index: u32,
    },
    /// A read of a scratch word the kernel cannot prove was written before.
    #[error("pc {pc} reads scratch memory m[{index}] before it is written on every path")]
    UninitializedMemory {
        /// Index of the load.
        pc: usize,
        /// The memory index `k`.
        index: u32,
    },
    /// `A /= 0` with a constant divisor.
    #[error("division by constant zero at pc {pc}")]
    DivisionByZero {
        /// Index of the division.
        pc: usize,
    },
    /// A constant shift by 32 or more.
    #[error("shift by {shift} at pc {pc} is out of range (must be below 32)")]
    BadShift {
        /// Index of the shift.
        pc: usize,
        /// The shift amount `k`.
        shift: u32,
    },
    /// The last instruction is not `ret`.
    #[error("the last instruction is not a return")]
    NoFinalReturn,
    /// The interpreter ran past the last instruction (impossible after validation).
    #[error("execution fell off the end of the program at pc {pc}")]
    FellOffEnd {
        /// The out-of-range pc.
        pc: usize,
    },
}

// Full opcodes used below.
const LD_W_ABS: u16 = BPF_LD | BPF_W | BPF_ABS;
const LD_H_ABS: u16 = BPF_LD | BPF_H | BPF_ABS;
const LD_B_ABS: u16 = BPF_LD | BPF_B | BPF_ABS;
const LD_W_IND: u16 = BPF_LD | BPF_W | BPF_IND;
const LD_H_IND: u16 = BPF_LD | BPF_H | BPF_IND;
const LD_B_IND: u16 = BPF_LD | BPF_B | BPF_IND;
const LD_W_LEN: u16 = BPF_LD | BPF_W | BPF_LEN;
const LD_IMM: u16 = BPF_LD | BPF_IMM;
const LD_MEM: u16 = BPF_LD | BPF_MEM;
const LDX_W_LEN: u16 = BPF_LDX | BPF_W | BPF_LEN;
const LDX_B_MSH: u16 = BPF_LDX | BPF_B | BPF_MSH;
const LDX_IMM: u16 = BPF_LDX | BPF_IMM;
const LDX_MEM: u16 = BPF_LDX | BPF_MEM;
const RET_K: u16 = BPF_RET | BPF_K;
const RET_A: u16 = BPF_RET | BPF_A;
const JA: u16 = BPF_JMP | BPF_JA;
const MISC_TAX: u16 = BPF_MISC | BPF_TAX;
const MISC_TXA: u16 = BPF_MISC | BPF_TXA;
const ALU_NEG: u16 = BPF_ALU | BPF_NEG;
const ALU_DIV_K: u16 = BPF_ALU | BPF_DIV | BPF_K;
const ALU_MOD_K: u16 = BPF_ALU | BPF_MOD | BPF_K;
const ALU_LSH_K: u16 = BPF_ALU | BPF_LSH | BPF_K;
const ALU_RSH_K: u16 = BPF_ALU | BPF_RSH | BPF_K;
const ALU_AND_K: u16 = BPF_ALU | BPF_AND | BPF_K;

/// `SKF_AD_OFF`: absolute loads at or above this are socket-filter "ancillary" loads.
const SKF_AD_OFF: u32 = 0xffff_f000;

const fn class(code: u16) -> u16 {
    code & 0x07
}

const fn op(code: u16) -> u16 {
    code & 0xf0
}

const fn src(code: u16) -> u16 {
    code & 0x08
}

/// `BPF_ALU | op | K/X` for the ops classic BPF has (everything but NEG).
fn is_alu_binary(code: u16, allow_mod: bool) -> bool {
    class(code) == BPF_ALU
        && code & !0xf8 == BPF_ALU
        && match op(code) {
            BPF_ADD | BPF_SUB | BPF_MUL | BPF_DIV | BPF_OR | BPF_AND | BPF_LSH | BPF_RSH
            | BPF_XOR => true,
            BPF_MOD => allow_mod,
            _ => false,
        }
}

/// `BPF_JMP | JEQ/JGT/JGE/JSET | K/X`.
fn is_cond_jump(code: u16) -> bool {
    class(code) == BPF_JMP
        && code & !0xf8 == BPF_JMP
        && matches!(op(code), BPF_JEQ | BPF_JGT | BPF_JGE | BPF_JSET)
}

/// `chk_code_allowed()` in net/core/filter.c: the exact set of opcodes classic BPF knows.
/// Opcodes are compared whole, so e.g. `BPF_LD | BPF_H | BPF_MEM` or `BPF_RET | BPF_X` are
/// unknown even though their pieces exist.
fn classic_code_allowed(code: u16) -> bool {
    is_alu_binary(code, true)
        || is_cond_jump(code)
        || matches!(
            code,
            ALU_NEG
                | LD_W_ABS
                | LD_H_ABS
                | LD_B_ABS
                | LD_W_LEN
                | LD_W_IND
                | LD_H_IND
                | LD_B_IND
                | LD_IMM
                | LD_MEM
                | LDX_W_LEN
                | LDX_B_MSH
                | LDX_IMM
                | LDX_MEM
                | BPF_ST
                | BPF_STX
                | MISC_TAX
                | MISC_TXA
                | RET_K
                | RET_A
                | JA
        )
}

/// The opcodes `seccomp_check_filter()` lets through. `BPF_MOD` is in classic BPF but not in
/// seccomp's list (checked against kernel/seccomp.c: the list has ADD SUB MUL DIV AND OR XOR
/// LSH RSH NEG, with K and X forms). `LD W ABS` is handled separately (offset check).
fn seccomp_code_allowed(code: u16) -> bool {
    is_alu_binary(code, false)
        || is_cond_jump(code)
        || matches!(
            code,
            ALU_NEG
                | LD_W_LEN
                | LDX_W_LEN
                | LD_IMM
                | LDX_IMM
                | LD_MEM
                | LDX_MEM
                | BPF_ST
                | BPF_STX
                | MISC_TAX
                | MISC_TXA
                | RET_K
                | RET_A
                | JA
        )
}

/// Accept exactly what the kernel accepts as a seccomp filter, in the kernel's order:
///
/// 1. `seccomp_prepare_filter` / `bpf_check_basics_ok`: 1 to 4096 instructions.
/// 2. `bpf_check_classic`, per instruction: the opcode is a classic BPF opcode
///    (`chk_code_allowed`); `DIV`/`MOD` by constant 0 rejected; constant `LSH`/`RSH` by 32 or
///    more rejected; scratch memory index below 16 for `LD/LDX MEM`, `ST`, `STX`; `JA k` must
///    land inside the program; both targets of a conditional jump inside the program; absolute
///    loads at `k >= SKF_AD_OFF` rejected (the kernel lets known "ancillary" offsets through
///    here, but seccomp rejects every absolute load at or past offset 64 in step 4, so the
///    end result is the same and we report them as [`BpfError::BadLoad`]).
/// 3. `bpf_check_classic`: the last instruction is `RET K` or `RET A`; then
///    `check_load_and_stores`: every `LD/LDX MEM` must read a word written on every path that
///    reaches it. This is the kernel's own single forward pass, including its quirks: after a
///    jump the fall-through state is "all valid" (only jump targets are constrained), while a
///    `RET` does not reset the state, so an unreachable read right after a `ret` can still be
///    rejected.
/// 4. `seccomp_check_filter`: `LD W ABS` only at 4-byte-aligned offsets below 64; `LD/LDX W LEN`
///    (rewritten by the kernel to the constant 64); `LD/LDX IMM`, `LD/LDX MEM`, `ST`, `STX`;
///    `ALU` ADD SUB MUL DIV AND OR XOR LSH RSH with K or X, and NEG; `JA`, `JEQ/JGT/JGE/JSET`
///    with K or X; `RET K/A`; `TAX`, `TXA`. Nothing else: no `MOD`, no `IND`, `MSH`, `H` or `B`
///    loads.
///
/// All kernel failures are `EINVAL`; the variant only says which rule fired first.
pub fn validate(prog: &[sock_filter]) -> Result<(), BpfError> {
    if prog.is_empty() {
        return Err(BpfError::Empty);
    }
    if prog.len() > BPF_MAXINSNS {
        return Err(BpfError::TooLong { len: prog.len() });
    }
    check_classic(prog)?;
    check_load_and_stores(prog)?;
    check_seccomp(prog)
}

/// The per-instruction loop and final-RET check of `bpf_check_classic`.
fn check_classic(prog: &[sock_filter]) -> Result<(), BpfError> {
    let flen = prog.len();
    for (pc, insn) in prog.iter().enumerate() {
        let code = insn.code;
        let k = insn.k;
        if !classic_code_allowed(code) {
            return Err(BpfError::BadOpcode { pc, code });
        }
        match code {
            ALU_DIV_K | ALU_MOD_K if k == 0 => {
                return Err(BpfError::DivisionByZero { pc });
            }
            // Present in current kernels (and confirmed on the running kernel by the
            // differential test below); very old kernels may have lacked this check.
            ALU_LSH_K | ALU_RSH_K if k >= 32 => {
                return Err(BpfError::BadShift { pc, shift: k });
            }
            LD_MEM | LDX_MEM | BPF_ST | BPF_STX if k as usize >= BPF_MEMWORDS => {
                return Err(BpfError::BadMemIndex { pc, index: k });
            }
            // `if (ftest->k >= (unsigned int)(flen - pc - 1)) return -EINVAL;`
            JA if k as usize >= flen - pc - 1 => {
                return Err(BpfError::JumpOutOfRange { pc });
            }
            c if is_cond_jump(c)
                && (pc + insn.jt as usize + 1 >= flen || pc + insn.jf as usize + 1 >= flen) =>
            {
                return Err(BpfError::JumpOutOfRange { pc });
            }
            LD_W_ABS | LD_H_ABS | LD_B_ABS if k >= SKF_AD_OFF => {
                return Err(BpfError::BadLoad { pc, offset: k });
            }
            _ => {}
        }
    }
    match prog[flen - 1].code {
        RET_K | RET_A => Ok(()),
        _ => Err(BpfError::NoFinalReturn),
    }
}

/// `check_load_and_stores` from net/core/filter.c, line for line. Must run after
/// [`check_classic`] (it relies on in-range jumps and memory indexes).
fn check_load_and_stores(prog: &[sock_filter]) -> Result<(), BpfError> {
    let flen = prog.len();
    let mut masks = vec![0xffff_u16; flen];
    let mut memvalid: u16 = 0;
    for (pc, insn) in prog.iter().enumerate() {
        memvalid &= masks[pc];
        let bit = |k: u32| 1u16.checked_shl(k).unwrap_or(0);
        match insn.code {
            BPF_ST | BPF_STX => memvalid |= bit(insn.k),
            LD_MEM | LDX_MEM if memvalid & bit(insn.k) == 0 => {
                return Err(BpfError::UninitializedMemory { pc, index: insn.k });
            }
            JA => {
                if let Some(m) = masks.get_mut((pc + 1).saturating_add(insn.k as usize)) {
                    *m &= memvalid;
                }
                memvalid = 0xffff;
            }
            c if is_cond_jump(c) => {
                for off in [insn.jt, insn.jf] {
                    if let Some(m) = masks.get_mut(pc + 1 + off as usize) {
                        *m &= memvalid;
                    }
                }
                memvalid = 0xffff;
            }
            _ => {}
        }
    }
    Ok(())
}

/// `seccomp_check_filter` from kernel/seccomp.c (without its in-place rewrites, which the
/// interpreter applies when it executes `LD W ABS` and `LD/LDX W LEN`).
fn check_seccomp(prog: &[sock_filter]) -> Result<(), BpfError> {
    for (pc, insn) in prog.iter().enumerate() {
        let code = insn.code;
        if code == LD_W_ABS {
            if insn.k >= SECCOMP_DATA_SIZE || insn.k & 3 != 0 {
                return Err(BpfError::BadLoad { pc, offset: insn.k });
            }
        } else if !seccomp_code_allowed(code) {
            return Err(BpfError::BadOpcode { pc, code });
        }
    }
    Ok(())
}

/// Run the program on one `seccomp_data` record the way the kernel does, after [`validate`].
///
/// Semantics (those of the kernel's cBPF to eBPF conversion, `bpf_convert_filter`): A and X
/// start at 0 and are 32-bit; arithmetic wraps; comparisons are unsigned 32-bit; `LD W ABS k`
/// reads the little-endian u32 at byte `k` of the 64-byte record; `LD/LDX W LEN` load 64;
/// division by an X of 0 ends the program with return value 0 (`SECCOMP_RET_KILL_THREAD`);
/// a shift by X uses only the low 5 bits of X (the kernel interpreter masks with `& 31` and the
/// x86 JIT's 32-bit shift does the same). Scratch memory starts at 0, but validation already
/// guarantees it is never read before being written.
pub fn run(prog: &[sock_filter], data: &SeccompData) -> Result<u32, BpfError> {
    validate(prog)?;
    execute(prog, &data.to_bytes())
}

fn load_word(bytes: &[u8], offset: u32) -> Option<u32> {
    let at = usize::try_from(offset).ok()?;
    let word = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([word[0], word[1], word[2], word[3]]))
}

/// The interpreter loop. Assumes a validated program but never panics on a bad one.
fn execute(prog: &[sock_filter], bytes: &[u8]) -> Result<u32, BpfError> {
    let mut a: u32 = 0;
    let mut x: u32 = 0;
    let mut mem = [0u32; BPF_MEMWORDS];
    let mut pc: usize = 0;
    loop {
        let Some(insn) = prog.get(pc) else {
            return Err(BpfError::FellOffEnd { pc });
        };
        let code = insn.code;
        let k = insn.k;
        let bad = BpfError::BadOpcode { pc, code };
        match class(code) {
            BPF_LD | BPF_LDX | BPF_ST | BPF_STX => {
                let slot = (k as usize).min(BPF_MEMWORDS - 1);
                match code {
                    LD_W_ABS => {
                        a = load_word(bytes, k).ok_or(BpfError::BadLoad { pc, offset: k })?
                    }
                    LD_W_LEN => a = SECCOMP_DATA_SIZE,
                    LDX_W_LEN => x = SECCOMP_DATA_SIZE,
                    LD_IMM => a = k,
                    LDX_IMM => x = k,
                    LD_MEM => a = mem[slot],
                    LDX_MEM => x = mem[slot],
                    BPF_ST => mem[slot] = a,
                    BPF_STX => mem[slot] = x,
                    _ => return Err(bad),
                }
            }
            BPF_ALU => {
                let operand = if src(code) == BPF_X { x } else { k };
                a = match code {
                    ALU_NEG => a.wrapping_neg(),
                    c if is_alu_binary(c, false) => match op(c) {
                        BPF_ADD => a.wrapping_add(operand),
                        BPF_SUB => a.wrapping_sub(operand),
                        BPF_MUL => a.wrapping_mul(operand),
                        BPF_DIV => match a.checked_div(operand) {
                            Some(q) => q,
                            // Classic BPF: a division by zero makes the program return 0.
                            None => return Ok(0),
                        },
                        BPF_OR => a | operand,
                        BPF_AND => a & operand,
                        BPF_LSH => a.wrapping_shl(operand),
                        BPF_RSH => a.wrapping_shr(operand),
                        BPF_XOR => a ^ operand,
                        _ => return Err(bad),
                    },
                    _ => return Err(bad),
                };
            }
            BPF_JMP => {
                if code == JA {
                    pc = pc.saturating_add(k as usize);
                } else if is_cond_jump(code) {
                    let operand = if src(code) == BPF_X { x } else { k };
                    let taken = match op(code) {
                        BPF_JEQ => a == operand,
                        BPF_JGT => a > operand,
                        BPF_JGE => a >= operand,
                        _ => a & operand != 0,
                    };
                    pc += usize::from(if taken { insn.jt } else { insn.jf });
                } else {
                    return Err(bad);
                }
            }
            BPF_RET => {
                return match code {
                    RET_K => Ok(k),
                    RET_A => Ok(a),
                    _ => Err(bad),
                };
            }
            _ => match code {
                MISC_TAX => x = a,
                MISC_TXA => a = x,
                _ => return Err(bad),
            },
        }
        pc = pc.saturating_add(1);
    }
}

/// Port of `seccomp_is_const_allow` (kernel/seccomp.c, 5.11+) generalised to any action.
///
/// Walks the program knowing only `nr` and `arch`, exactly like the kernel's emulator:
/// it understands `LD W ABS` of `nr` (offset 0) or `arch` (offset 4), `JA`,
/// `JEQ/JGT/JGE/JSET` with a constant, `ALU AND` with a constant, and `RET K`. Any other
/// instruction (a load of an argument or of `instruction_pointer`, anything using X, `RET A`,
/// `LD IMM`, scratch memory, other ALU ops, ...) makes the result unknown: `None`. Returns
/// `Some(k)` when the walk reaches `RET k`, and `None` if it runs off the end.
///
/// The kernel calls this for every `nr` below the syscall-table size, for `AUDIT_ARCH_X86_64`
/// and for `AUDIT_ARCH_I386` (`seccomp_cache_prepare_bitmap`), and caches a syscall as
/// "always allowed" only when the result is `SECCOMP_RET_ALLOW` for this filter and every
/// older filter. x32 numbers (`nr | __X32_SYSCALL_BIT`) are beyond the bitmap and are never
/// cached. Not reproduced here: the hard-wired exception recent kernels make for the
/// `uretprobe` (and later `uprobe`) syscall on the native arch, which they report as
/// cacheable without looking at the filter (added in 2025 and backported to stable kernels
/// that have the uretprobe syscall; the exact set of versions is not certain). That is kernel
/// policy, not filter semantics.
///
/// Like the kernel, this does not validate (the kernel only runs it on accepted programs);
/// call [`validate`] first for a meaningful answer. It never panics on a bad program.
pub fn const_action(prog: &[sock_filter], arch: u32, nr: i32) -> Option<u32> {
    let mut reg: u32 = 0;
    let mut pc: usize = 0;
    while let Some(insn) = prog.get(pc) {
        let k = insn.k;
        match insn.code {
            LD_W_ABS => match k {
                // `reg_value = sd->nr;` (int to unsigned int)
                DATA_NR => reg = nr as u32,
                DATA_ARCH => reg = arch,
                _ => return None,
            },
            RET_K => return Some(k),
            JA => pc = pc.checked_add(k as usize)?,
            c if is_cond_jump(c) && src(c) == BPF_K => {
                let taken = match op(c) {
                    BPF_JEQ => reg == k,
                    BPF_JGE => reg >= k,
                    BPF_JGT => reg > k,
                    _ => reg & k != 0,
                };
                pc += usize::from(if taken { insn.jt } else { insn.jf });
            }
            ALU_AND_K => reg &= k,
            _ => return None,
        }
        pc = pc.checked_add(1)?;
    }
    // "ran off the end of the filter?!" -- the kernel WARNs and does not cache.
    None
}

/// Human-readable action of a return value: `ALLOW`, `ERRNO(1)`, `KILL_PROCESS`,
/// `KILL_THREAD`, `TRAP`, `USER_NOTIF`, `TRACE(5)`, `LOG`, or `UNKNOWN(0x...)`.
///
/// `ERRNO` and `TRACE` always show their data; the other actions show it in parentheses only
/// when it is not 0 (the kernel passes TRAP's data as `si_errno` and ignores the rest's).
/// Unknown actions are treated by the kernel like `KILL_PROCESS`.
pub fn action_name(ret: u32) -> String {
    let data = ret & SECCOMP_RET_DATA;
    let named = |name: &str| {
        if data == 0 {
            name.to_string()
        } else {
            format!("{name}({data})")
        }
    };
    match ret & SECCOMP_RET_ACTION_FULL {
        SECCOMP_RET_KILL_PROCESS => named("KILL_PROCESS"),
        SECCOMP_RET_KILL_THREAD => named("KILL_THREAD"),
        SECCOMP_RET_TRAP => named("TRAP"),
        SECCOMP_RET_ERRNO => format!("ERRNO({data})"),
        SECCOMP_RET_USER_NOTIF => named("USER_NOTIF"),
        SECCOMP_RET_TRACE => format!("TRACE({data})"),
        SECCOMP_RET_LOG => named("LOG"),
        SECCOMP_RET_ALLOW => named("ALLOW"),
        _ => format!("UNKNOWN({ret:#010x})"),
    }
}

/// What A holds before an instruction, as far as the disassembler can tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Acc {
    /// The 32-bit word at this `seccomp_data` offset, on every path.
    Field(u32),
    /// Anything else, or different things on different paths.
    Other,
}

/// A's provenance before each instruction: one forward pass (jumps only go forward), merging
/// the states of all predecessors. Unreachable instructions get [`Acc::Other`].
fn accumulator_sources(prog: &[sock_filter]) -> Vec<Acc> {
    let n = prog.len();
    let mut incoming: Vec<Option<Acc>> = vec![None; n];
    if let Some(first) = incoming.first_mut() {
        *first = Some(Acc::Other);
    }
    let mut before = Vec::with_capacity(n);
    for (pc, insn) in prog.iter().enumerate() {
        let state = incoming[pc].unwrap_or(Acc::Other);
        before.push(state);
        let code = insn.code;
        let after = match class(code) {
            BPF_LD if code == LD_W_ABS => Acc::Field(insn.k),
            BPF_LD | BPF_ALU => Acc::Other,
            BPF_MISC if code != MISC_TAX => Acc::Other,
            _ => state,
        };
        let mut flow = |offset: usize| {
            let target = pc.saturating_add(1).saturating_add(offset);
            if let Some(slot) = incoming.get_mut(target) {
                *slot = Some(match *slot {
                    Some(prev) if prev != after => Acc::Other,
                    _ => after,
                });
            }
        };
        match class(code) {
            BPF_RET => {}
            BPF_JMP if code == JA => flow(insn.k as usize),
            BPF_JMP if is_cond_jump(code) => {
                flow(usize::from(insn.jt));
                flow(usize::from(insn.jf));
            }
            _ => flow(0),
        }
    }
    before
}

/// Name of the `seccomp_data` word at `offset`.
fn field_name(offset: u32) -> Option<String> {
    match offset {
        DATA_NR => Some("nr".to_string()),
        DATA_ARCH => Some("arch".to_string()),
        DATA_IP => Some("instruction_pointer (low)".to_string()),
        o if o == DATA_IP + 4 => Some("instruction_pointer (high)".to_string()),
        16..=63 if offset & 3 == 0 => {
            let i = (offset - DATA_ARGS) / 8;
            let half = if offset & 7 == 0 { "low" } else { "high" };
            Some(format!("args[{i}] ({half})"))
        }
        _ => None,
    }
}

fn arch_name(arch: u32) -> Option<&'static str> {
    match arch {
        AUDIT_ARCH_X86_64 => Some("AUDIT_ARCH_X86_64"),
        AUDIT_ARCH_I386 => Some("AUDIT_ARCH_I386"),
        _ => None,
    }
}

/// Constants below 0x10000 in decimal, larger ones in hex.
fn fmt_k(k: u32) -> String {
    if k < 0x1_0000 {
        k.to_string()
    } else {
        format!("{k:#x}")
    }
}

fn alu_name(code: u16) -> &'static str {
    match op(code) {
        BPF_ADD => "add",
        BPF_SUB => "sub",
        BPF_MUL => "mul",
        BPF_DIV => "div",
        BPF_OR => "or",
        BPF_AND => "and",
        BPF_LSH => "lsh",
        BPF_RSH => "rsh",
        BPF_NEG => "neg",
        BPF_MOD => "mod",
        _ => "xor",
    }
}

fn jump_name(code: u16) -> &'static str {
    match op(code) {
        BPF_JEQ => "jeq",
        BPF_JGT => "jgt",
        BPF_JGE => "jge",
        _ => "jset",
    }
}

/// Text and optional comment for one instruction.
fn describe(
    pc: usize,
    insn: &sock_filter,
    acc: Acc,
    syscall_name: &dyn Fn(u32) -> Option<String>,
) -> (String, Option<String>) {
    let code = insn.code;
    let k = insn.k;
    let target = |offset: usize| pc.saturating_add(1).saturating_add(offset);
    match code {
        LD_W_ABS => (
            format!("ld  [{k}]"),
            field_name(k).or_else(|| Some("outside seccomp_data".to_string())),
        ),
        LD_H_ABS => (format!("ldh [{k}]"), None),
        LD_B_ABS => (format!("ldb [{k}]"), None),
        LD_W_IND => (format!("ld  [x + {k}]"), None),
        LD_H_IND => (format!("ldh [x + {k}]"), None),
        LD_B_IND => (format!("ldb [x + {k}]"), None),
        LD_W_LEN => ("ld  #len".to_string(), Some("64".to_string())),
        LDX_W_LEN => ("ldx #len".to_string(), Some("64".to_string())),
        LD_IMM => (format!("ld  #{}", fmt_k(k)), None),
        LDX_IMM => (format!("ldx #{}", fmt_k(k)), None),
        LD_MEM => (format!("ld  M[{k}]"), None),
        LDX_MEM => (format!("ldx M[{k}]"), None),
        LDX_B_MSH => (format!("ldx 4*([{k}]&0xf)"), None),
        BPF_ST => (format!("st  M[{k}]"), None),
        BPF_STX => (format!("stx M[{k}]"), None),
        MISC_TAX => ("tax".to_string(), None),
        MISC_TXA => ("txa".to_string(), None),
        RET_K => (format!("ret #{}", fmt_k(k)), Some(action_name(k))),
        RET_A => ("ret a".to_string(), None),
        JA => (format!("ja  {:04}", target(k as usize)), None),
        ALU_NEG => ("neg".to_string(), None),
        c if is_alu_binary(c, true) => {
            let name = alu_name(c);
            if src(c) == BPF_X {
                (format!("{name} x"), None)
            } else if matches!(op(c), BPF_AND | BPF_OR | BPF_XOR) {
                (format!("{name} #{k:#x}"), None)
            } else {
                (format!("{name} #{}", fmt_k(k)), None)
            }
        }
        c if is_cond_jump(c) => {
            let name = jump_name(c);
            let operand = if src(c) == BPF_X {
                "x".to_string()
            } else if op(c) == BPF_JSET {
                format!("#{k:#x}")
            } else {
                format!("#{}", fmt_k(k))
            };
            let text = format!(
                "{name} {operand}  jt {:04} jf {:04}",
                target(usize::from(insn.jt)),
                target(usize::from(insn.jf))
            );
            let comment = if src(c) == BPF_X {
                None
            } else {
                match (acc, op(c)) {
                    (Acc::Field(DATA_NR), BPF_JEQ | BPF_JGE | BPF_JGT) => {
                        syscall_name(k).or_else(|| {
                            if k & X32_SYSCALL_BIT != 0 {
                                syscall_name(k & !X32_SYSCALL_BIT).map(|n| format!("{n} (x32)"))
                            } else {
                                None
                            }
                        })
                    }
                    (Acc::Field(DATA_NR), BPF_JSET) if k == X32_SYSCALL_BIT => {
                        Some("__X32_SYSCALL_BIT".to_string())
                    }
                    (Acc::Field(DATA_ARCH), BPF_JEQ) => arch_name(k).map(str::to_string),
                    _ => None,
                }
            };
            (text, comment)
        }
        _ => (
            format!(
                "??? code={code:#06x} jt={} jf={} k={k:#x}",
                insn.jt, insn.jf
            ),
            Some("invalid opcode".to_string()),
        ),
    }
}

/// Disassemble, one line per instruction (each ending in `\n`), in the spirit of libseccomp's
/// `scmp_bpf_disasm` and the kernel's `bpf_dbg`: the line number, the operation, the constant,
/// absolute jump targets, and a `; comment` naming the `seccomp_data` field a load reads, the
/// action a `ret` returns, the arch an `arch` comparison checks, or (through `syscall_name`)
/// the syscall a `jeq`/`jge`/`jgt` compares `nr` with. A's provenance is tracked along every
/// path, so a comparison is annotated only when A holds the loaded field on all paths to it.
///
/// ```text
/// 0000: ld  [4] ; arch
/// 0001: jeq #0xc000003e  jt 0003 jf 0002 ; AUDIT_ARCH_X86_64
/// 0002: ret #0x80000000 ; KILL_PROCESS
/// 0003: ld  [0] ; nr
/// 0004: jeq #257  jt 0005 jf 0006 ; openat
/// 0005: ret #0x7fff0000 ; ALLOW
/// 0006: ret #0x50001 ; ERRNO(1)
/// ```
pub fn disassemble(prog: &[sock_filter], syscall_name: &dyn Fn(u32) -> Option<String>) -> String {
    let sources = accumulator_sources(prog);
    let mut out = String::new();
    for (pc, (insn, acc)) in prog.iter().zip(sources).enumerate() {
        let (text, comment) = describe(pc, insn, acc, syscall_name);
        let _ = match comment {
            Some(comment) => writeln!(out, "{pc:04}: {text} ; {comment}"),
            None => writeln!(out, "{pc:04}: {text}"),
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use seccompiler::{
        BpfProgram, SeccompAction, SeccompCmpArgLen, SeccompCmpOp, SeccompCondition, SeccompFilter,
        SeccompRule, TargetArch,
    };
    use std::collections::BTreeMap;
    use std::os::unix::fs::FileExt;

    const ALLOW: u32 = SECCOMP_RET_ALLOW;
    const ERRNO: u32 = SECCOMP_RET_ERRNO;
    const JEQ_K: u16 = BPF_JMP | BPF_JEQ | BPF_K;
    const JGT_K: u16 = BPF_JMP | BPF_JGT | BPF_K;
    const JGE_K: u16 = BPF_JMP | BPF_JGE | BPF_K;
    const PREAD64: i32 = libc::SYS_pread64 as i32;

    const VALUES32: [u32; 18] = [
        0,
        1,
        2,
        3,
        5,
        31,
        32,
        33,
        63,
        64,
        255,
        0x7fff_ffff,
        0x8000_0000,
        0x8000_0001,
        0xffff_fffe,
        0xffff_ffff,
        0x1234_5678,
        0xdead_beef,
    ];

    const VALUES64: [u64; 20] = [
        0,
        1,
        2,
        5,
        42,
        0x7fff_ffff,
        0x8000_0000,
        0xffff_ffff,
        0x1_0000_0000,
        0x1_0000_0001,
        0x1_0000_0005,
        0x5_ffff_ffff,
        0x7fff_ffff_ffff_ffff,
        0x8000_0000_0000_0000,
        0xffff_ffff_0000_0000,
        0xffff_ffff_0000_0005,
        0xdead_beef_0000_002a,
        0x0000_002a_dead_beef,
        u64::MAX - 1,
        u64::MAX,
    ];

    fn x86(nr: i32, args: [u64; 6]) -> SeccompData {
        SeccompData {
            nr,
            arch: AUDIT_ARCH_X86_64,
            instruction_pointer: 0x7f12_3456_789a,
            args,
        }
    }

    fn names(nr: u32) -> Option<String> {
        let name = match nr {
            0 => "read",
            1 => "write",
            3 => "close",
            16 => "ioctl",
            17 => "pread64",
            257 => "openat",
            _ => return None,
        };
        Some(name.to_string())
    }

    /// Deterministic xorshift64* generator for the randomised tests.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn pick<T: Copy>(&mut self, items: &[T]) -> T {
            items[self.below(items.len())]
        }
    }

    // ----------------------------------------------------------------------
    // Constants and layout
    // ----------------------------------------------------------------------

    #[test]
    fn constants_match_libc_and_the_kernel_layout() {
        let pieces: [(u16, u32); 37] = [
            (BPF_LD, libc::BPF_LD),
            (BPF_LDX, libc::BPF_LDX),
            (BPF_ST, libc::BPF_ST),
            (BPF_STX, libc::BPF_STX),
            (BPF_ALU, libc::BPF_ALU),
            (BPF_JMP, libc::BPF_JMP),
            (BPF_RET, libc::BPF_RET),
            (BPF_MISC, libc::BPF_MISC),
            (BPF_W, libc::BPF_W),
            (BPF_H, libc::BPF_H),
            (BPF_B, libc::BPF_B),
            (BPF_IMM, libc::BPF_IMM),
            (BPF_ABS, libc::BPF_ABS),
            (BPF_IND, libc::BPF_IND),
            (BPF_MEM, libc::BPF_MEM),
            (BPF_LEN, libc::BPF_LEN),
            (BPF_MSH, libc::BPF_MSH),
            (BPF_ADD, libc::BPF_ADD),
            (BPF_SUB, libc::BPF_SUB),
            (BPF_MUL, libc::BPF_MUL),
            (BPF_DIV, libc::BPF_DIV),
            (BPF_OR, libc::BPF_OR),
            (BPF_AND, libc::BPF_AND),
            (BPF_LSH, libc::BPF_LSH),
            (BPF_RSH, libc::BPF_RSH),
            (BPF_NEG, libc::BPF_NEG),
            (BPF_MOD, libc::BPF_MOD),
            (BPF_XOR, libc::BPF_XOR),
            (BPF_JA, libc::BPF_JA),
            (BPF_JEQ, libc::BPF_JEQ),
            (BPF_JGT, libc::BPF_JGT),
            (BPF_JGE, libc::BPF_JGE),
            (BPF_JSET, libc::BPF_JSET),
            (BPF_K, libc::BPF_K),
            (BPF_X, libc::BPF_X),
            (BPF_A, libc::BPF_A),
            (BPF_TXA, libc::BPF_TXA),
        ];
        for (ours, theirs) in pieces {
            assert_eq!(u32::from(ours), theirs);
        }
        assert_eq!(u32::from(BPF_TAX), libc::BPF_TAX);
        assert_eq!(BPF_MAXINSNS, libc::BPF_MAXINSNS as usize);
        assert_eq!(BPF_MEMWORDS, libc::BPF_MEMWORDS as usize);

        for (ours, theirs) in [
            (SECCOMP_RET_KILL_PROCESS, libc::SECCOMP_RET_KILL_PROCESS),
            (SECCOMP_RET_KILL_THREAD, libc::SECCOMP_RET_KILL_THREAD),
            (SECCOMP_RET_TRAP, libc::SECCOMP_RET_TRAP),
            (SECCOMP_RET_ERRNO, libc::SECCOMP_RET_ERRNO),
            (SECCOMP_RET_USER_NOTIF, libc::SECCOMP_RET_USER_NOTIF),
            (SECCOMP_RET_TRACE, libc::SECCOMP_RET_TRACE),
            (SECCOMP_RET_LOG, libc::SECCOMP_RET_LOG),
            (SECCOMP_RET_ALLOW, libc::SECCOMP_RET_ALLOW),
            (SECCOMP_RET_ACTION_FULL, libc::SECCOMP_RET_ACTION_FULL),
            (SECCOMP_RET_DATA, libc::SECCOMP_RET_DATA),
        ] {
            assert_eq!(ours, theirs);
        }

        use std::mem::{offset_of, size_of};
        assert_eq!(size_of::<libc::seccomp_data>(), SECCOMP_DATA_SIZE as usize);
        assert_eq!(offset_of!(libc::seccomp_data, nr), DATA_NR as usize);
        assert_eq!(offset_of!(libc::seccomp_data, arch), DATA_ARCH as usize);
        assert_eq!(
            offset_of!(libc::seccomp_data, instruction_pointer),
            DATA_IP as usize
        );
        assert_eq!(offset_of!(libc::seccomp_data, args), DATA_ARGS as usize);
        assert_eq!((arg_lo(0), arg_hi(0)), (16, 20));
        assert_eq!((arg_lo(1), arg_hi(1)), (24, 28));
        assert_eq!((arg_lo(5), arg_hi(5)), (56, 60));

        let d = SeccompData {
            nr: -2,
            arch: AUDIT_ARCH_X86_64,
            instruction_pointer: 0x1122_3344_5566_7788,
            args: [0x0102_0304_0506_0708, 0, 0, 0, 0, u64::MAX],
        };
        let b = d.to_bytes();
        assert_eq!(&b[0..4], &[0xfe, 0xff, 0xff, 0xff]);
        assert_eq!(&b[4..8], &[0x3e, 0x00, 0x00, 0xc0]);
        assert_eq!(&b[8..12], &[0x88, 0x77, 0x66, 0x55]);
        assert_eq!(&b[16..24], &[8, 7, 6, 5, 4, 3, 2, 1]);
        assert_eq!(&b[56..64], &[0xff; 8]);

        assert_eq!(stmt(LD_W_ABS, 16), jump(0x20, 16, 0, 0));
        assert_eq!(
            jump(JEQ_K, 10, 2, 5),
            sock_filter {
                code: 0x15,
                jt: 2,
                jf: 5,
                k: 10
            }
        );
    }

    #[test]
    fn action_names() {
        assert_eq!(action_name(ALLOW), "ALLOW");
        assert_eq!(action_name(ERRNO | 1), "ERRNO(1)");
        assert_eq!(action_name(ERRNO), "ERRNO(0)");
        assert_eq!(action_name(SECCOMP_RET_KILL_PROCESS), "KILL_PROCESS");
        assert_eq!(action_name(SECCOMP_RET_KILL_THREAD), "KILL_THREAD");
        assert_eq!(action_name(SECCOMP_RET_TRAP), "TRAP");
        assert_eq!(action_name(SECCOMP_RET_TRAP | 3), "TRAP(3)");
        assert_eq!(action_name(SECCOMP_RET_USER_NOTIF), "USER_NOTIF");
        assert_eq!(action_name(SECCOMP_RET_TRACE | 5), "TRACE(5)");
        assert_eq!(action_name(SECCOMP_RET_LOG), "LOG");
        assert_eq!(action_name(0x0001_0000), "UNKNOWN(0x00010000)");
        assert_eq!(action_name(0xdead_0000), "UNKNOWN(0xdead0000)");
    }

    // ----------------------------------------------------------------------
    // Interpreter on hand-written programs
    // ----------------------------------------------------------------------

    /// Arch check, then: read/write allowed, nr >= 1000 -> ENOSYS, anything else -> EPERM.
    fn dispatch_program() -> Vec<sock_filter> {
        vec![
            stmt(LD_W_ABS, DATA_ARCH),                // 0
            jump(JEQ_K, AUDIT_ARCH_X86_64, 1, 0),     // 1
            stmt(RET_K, SECCOMP_RET_KILL_PROCESS),    // 2
            stmt(LD_W_ABS, DATA_NR),                  // 3
            jump(JEQ_K, 0, 4, 0),                     // 4 -> 9
            jump(JEQ_K, 1, 3, 0),                     // 5 -> 9
            jump(JGE_K, 1000, 0, 1),                  // 6 -> 7 / 8
            stmt(RET_K, ERRNO | libc::ENOSYS as u32), // 7
            stmt(RET_K, ERRNO | 1),                   // 8
            stmt(RET_K, ALLOW),                       // 9
        ]
    }

    #[test]
    fn arch_check_and_nr_dispatch() {
        let prog = dispatch_program();
        validate(&prog).unwrap();
        let enosys = ERRNO | libc::ENOSYS as u32;
        let cases = [
            (AUDIT_ARCH_X86_64, 0, ALLOW),
            (AUDIT_ARCH_X86_64, 1, ALLOW),
            (AUDIT_ARCH_X86_64, 2, ERRNO | 1),
            (AUDIT_ARCH_X86_64, 999, ERRNO | 1),
            (AUDIT_ARCH_X86_64, 1000, enosys),
            (AUDIT_ARCH_X86_64, -1, enosys), // 0xffffffff >= 1000 unsigned
            (AUDIT_ARCH_X86_64, 0x4000_0000, enosys), // x32 read
            (AUDIT_ARCH_I386, 0, SECCOMP_RET_KILL_PROCESS),
            (0, 1, SECCOMP_RET_KILL_PROCESS),
        ];
        for (arch, nr, want) in cases {
            for args in [[0; 6], [u64::MAX; 6]] {
                let d = SeccompData {
                    nr,
                    arch,
                    instruction_pointer: 0,
                    args,
                };
                assert_eq!(run(&prog, &d), Ok(want), "arch {arch:#x} nr {nr}");
            }
            // Only nr and arch are read, so the cache emulator knows the answer.
            assert_eq!(const_action(&prog, arch, nr), Some(want));
        }
    }

    fn jump_taken(jop: u16, a: u32, b: u32) -> bool {
        match jop {
            BPF_JEQ => a == b,
            BPF_JGT => a > b,
            BPF_JGE => a >= b,
            BPF_JSET => a & b != 0,
            _ => unreachable!("not a conditional jump"),
        }
    }

    #[test]
    fn every_conditional_jump_with_k_and_x() {
        for jop in [BPF_JEQ, BPF_JGT, BPF_JGE, BPF_JSET] {
            for b in VALUES32 {
                // A = args[0] (low), X = args[1] (low); high halves hold junk that must not matter.
                let head = [
                    stmt(LD_W_ABS, arg_lo(1)),
                    stmt(MISC_TAX, 0),
                    stmt(LD_W_ABS, arg_lo(0)),
                ];
                let tail = [
                    stmt(RET_K, ERRNO | 2), // false
                    stmt(RET_K, ERRNO | 3), // never reached
                    stmt(RET_K, ERRNO | 1), // true
                ];
                let with_k: Vec<_> = head
                    .iter()
                    .cloned()
                    .chain([jump(BPF_JMP | jop | BPF_K, b, 2, 0)])
                    .chain(tail.iter().cloned())
                    .collect();
                let with_x: Vec<_> = head
                    .iter()
                    .cloned()
                    .chain([jump(BPF_JMP | jop | BPF_X, 0xdead, 2, 0)])
                    .chain(tail.iter().cloned())
                    .collect();
                for a in VALUES32 {
                    let d = x86(
                        0,
                        [
                            u64::from(a) | 0xabcd_0000_0000_0000,
                            u64::from(b) | 0x1234_5678_0000_0000,
                            0,
                            0,
                            0,
                            0,
                        ],
                    );
                    let want = if jump_taken(jop, a, b) {
                        ERRNO | 1
                    } else {
                        ERRNO | 2
                    };
                    assert_eq!(
                        run(&with_k, &d),
                        Ok(want),
                        "op {jop:#x} K a={a:#x} b={b:#x}"
                    );
                    assert_eq!(
                        run(&with_x, &d),
                        Ok(want),
                        "op {jop:#x} X a={a:#x} b={b:#x}"
                    );
                }
            }
        }
    }

    /// What the kernel computes for `A op= b`; `None` is "division by zero ends the program with 0".
    fn alu(aop: u16, a: u32, b: u32) -> Option<u32> {
        Some(match aop {
            BPF_ADD => a.wrapping_add(b),
            BPF_SUB => a.wrapping_sub(b),
            BPF_MUL => ((u64::from(a) * u64::from(b)) & 0xffff_ffff) as u32,
            BPF_DIV => {
                if b == 0 {
                    return None;
                }
                a / b
            }
            BPF_OR => a | b,
            BPF_AND => a & b,
            BPF_XOR => a ^ b,
            BPF_LSH => ((u64::from(a) << (b & 31)) & 0xffff_ffff) as u32,
            BPF_RSH => a >> (b & 31),
            _ => unreachable!("not a binary alu op"),
        })
    }

    const ALU_OPS: [u16; 9] = [
        BPF_ADD, BPF_SUB, BPF_MUL, BPF_DIV, BPF_OR, BPF_AND, BPF_LSH, BPF_RSH, BPF_XOR,
    ];

    #[test]
    fn alu_ops_with_k_and_x() {
        for aop in ALU_OPS {
            for b in VALUES32 {
                let with_k = vec![
                    stmt(LD_W_ABS, arg_lo(0)),
                    stmt(BPF_ALU | aop | BPF_K, b),
                    stmt(RET_A, 0),
                ];
                let with_x = vec![
                    stmt(LD_W_ABS, arg_lo(1)),
                    stmt(MISC_TAX, 0),
                    stmt(LD_W_ABS, arg_lo(0)),
                    stmt(BPF_ALU | aop | BPF_X, 0),
                    stmt(RET_A, 0),
                ];
                let k_rejected =
                    (aop == BPF_DIV && b == 0) || (matches!(aop, BPF_LSH | BPF_RSH) && b >= 32);
                assert_eq!(validate(&with_k).is_err(), k_rejected, "op {aop:#x} k={b}");
                for a in VALUES32 {
                    let d = x86(0, [u64::from(a), u64::from(b), 0, 0, 0, 0]);
                    let want = alu(aop, a, b).unwrap_or(0);
                    if !k_rejected {
                        assert_eq!(
                            run(&with_k, &d),
                            Ok(want),
                            "op {aop:#x} K a={a:#x} b={b:#x}"
                        );
                    }
                    assert_eq!(
                        run(&with_x, &d),
                        Ok(want),
                        "op {aop:#x} X a={a:#x} b={b:#x}"
                    );
                }
            }
        }
        let neg = vec![stmt(LD_W_ABS, arg_lo(0)), stmt(ALU_NEG, 0), stmt(RET_A, 0)];
        for a in VALUES32 {
            let d = x86(0, [u64::from(a), 0, 0, 0, 0, 0]);
            assert_eq!(run(&neg, &d), Ok(0u32.wrapping_sub(a)));
        }
    }

    #[test]
    fn division_by_runtime_zero_returns_zero() {
        let prog = vec![
            stmt(LD_W_ABS, arg_lo(0)),
            stmt(LDX_IMM, 0),
            stmt(BPF_ALU | BPF_DIV | BPF_X, 0),
            stmt(RET_K, ALLOW),
        ];
        assert_eq!(
            run(&prog, &x86(0, [7, 0, 0, 0, 0, 0])),
            Ok(SECCOMP_RET_KILL_THREAD)
        );
    }

    #[test]
    fn scratch_memory_len_and_register_moves() {
        let prog = vec![
            stmt(LD_W_ABS, arg_lo(0)),          // 0  A = a0
            stmt(BPF_ST, 0),                    // 1  M0 = a0
            stmt(LD_W_ABS, arg_lo(1)),          // 2  A = a1
            stmt(MISC_TAX, 0),                  // 3  X = a1
            stmt(BPF_STX, 15),                  // 4  M15 = a1
            stmt(LD_IMM, 7),                    // 5  A = 7
            stmt(LDX_MEM, 0),                   // 6  X = a0
            stmt(BPF_ALU | BPF_ADD | BPF_X, 0), // 7 A = 7 + a0
            stmt(BPF_ST, 1),                    // 8  M1 = 7 + a0
            stmt(LD_MEM, 15),                   // 9  A = a1
            stmt(MISC_TAX, 0),                  // 10 X = a1
            stmt(LD_MEM, 1),                    // 11 A = 7 + a0
            stmt(BPF_ALU | BPF_SUB | BPF_X, 0), // 12 A = 7 + a0 - a1
            stmt(RET_A, 0),                     // 13
        ];
        validate(&prog).unwrap();
        for a0 in VALUES32 {
            for a1 in VALUES32 {
                let d = x86(0, [u64::from(a0), u64::from(a1), 0, 0, 0, 0]);
                assert_eq!(run(&prog, &d), Ok(7u32.wrapping_add(a0).wrapping_sub(a1)));
            }
        }
        let len_a = vec![stmt(LD_W_LEN, 0), stmt(RET_A, 0)];
        let len_x = vec![stmt(LDX_W_LEN, 0), stmt(MISC_TXA, 0), stmt(RET_A, 0)];
        assert_eq!(run(&len_a, &x86(0, [0; 6])), Ok(64));
        assert_eq!(run(&len_x, &x86(0, [0; 6])), Ok(64));
        // Loads of the other fields.
        let d = SeccompData {
            nr: 59,
            arch: AUDIT_ARCH_X86_64,
            instruction_pointer: 0xaaaa_bbbb_cccc_dddd,
            args: [0, 0, 0, 0, 0, 0x1111_2222_3333_4444],
        };
        for (offset, want) in [
            (DATA_NR, 59),
            (DATA_ARCH, AUDIT_ARCH_X86_64),
            (DATA_IP, 0xcccc_dddd),
            (DATA_IP + 4, 0xaaaa_bbbb),
            (arg_lo(5), 0x3333_4444),
            (arg_hi(5), 0x1111_2222),
        ] {
            let prog = vec![stmt(LD_W_ABS, offset), stmt(RET_A, 0)];
            assert_eq!(run(&prog, &d), Ok(want), "offset {offset}");
        }
    }

    #[test]
    fn scratch_memory_must_be_written_before_read() {
        let ret = stmt(RET_K, ALLOW);
        assert_eq!(
            validate(&[stmt(LD_MEM, 0), ret.clone()]),
            Err(BpfError::UninitializedMemory { pc: 0, index: 0 })
        );
        // Written on the true path only.
        let one_path = vec![
            stmt(LD_W_ABS, DATA_NR),
            jump(JEQ_K, 1, 0, 1),
            stmt(BPF_ST, 0),
            stmt(LDX_MEM, 0),
            ret.clone(),
        ];
        assert_eq!(
            validate(&one_path),
            Err(BpfError::UninitializedMemory { pc: 3, index: 0 })
        );
        // Written on both paths.
        let both_paths = vec![
            stmt(LD_W_ABS, DATA_NR),
            jump(JEQ_K, 1, 0, 2),
            stmt(BPF_ST, 0),
            stmt(JA, 1),
            stmt(BPF_STX, 0),
            stmt(LD_MEM, 0),
            ret.clone(),
        ];
        assert_eq!(validate(&both_paths), Ok(()));
        // Kernel quirk: RET does not reset the state, so an unreachable read after it fails...
        assert_eq!(
            validate(&[ret.clone(), stmt(LD_MEM, 0), ret.clone()]),
            Err(BpfError::UninitializedMemory { pc: 1, index: 0 })
        );
        // ...while the instruction after a jump starts from "everything written".
        assert_eq!(
            validate(&[stmt(JA, 1), stmt(LD_MEM, 0), ret.clone()]),
            Ok(())
        );
        assert_eq!(
            validate(&[stmt(BPF_ST, 16), ret]),
            Err(BpfError::BadMemIndex { pc: 0, index: 16 })
        );
    }

    // ----------------------------------------------------------------------
    // validate
    // ----------------------------------------------------------------------

    #[test]
    fn validate_rejects_what_the_kernel_rejects() {
        let ret = stmt(RET_K, ALLOW);
        let ld_nr = stmt(LD_W_ABS, DATA_NR);
        assert_eq!(validate(&[]), Err(BpfError::Empty));

        let mut long = vec![ld_nr.clone(); BPF_MAXINSNS - 1];
        long.push(ret.clone());
        assert_eq!(validate(&long), Ok(()));
        long.insert(0, ld_nr.clone());
        assert_eq!(validate(&long), Err(BpfError::TooLong { len: 4097 }));

        assert_eq!(
            validate(&[jump(JEQ_K, 0, 1, 0), ret.clone()]),
            Err(BpfError::JumpOutOfRange { pc: 0 })
        );
        assert_eq!(
            validate(&[ld_nr.clone(), jump(JEQ_K, 0, 0, 1), ret.clone()]),
            Err(BpfError::JumpOutOfRange { pc: 1 })
        );
        assert_eq!(
            validate(&[stmt(JA, 1), ret.clone()]),
            Err(BpfError::JumpOutOfRange { pc: 0 })
        );
        assert_eq!(
            validate(&[stmt(JA, u32::MAX), ret.clone()]),
            Err(BpfError::JumpOutOfRange { pc: 0 })
        );
        assert_eq!(validate(&[stmt(JA, 0), ret.clone()]), Ok(()));

        assert_eq!(
            validate(std::slice::from_ref(&ld_nr)),
            Err(BpfError::NoFinalReturn)
        );
        assert_eq!(
            validate(&[ret.clone(), ld_nr.clone()]),
            Err(BpfError::NoFinalReturn)
        );

        for offset in [1, 2, 3, 62, 64, 68, 0x100, 0xffff_f000, u32::MAX] {
            assert_eq!(
                validate(&[stmt(LD_W_ABS, offset), ret.clone()]),
                Err(BpfError::BadLoad { pc: 0, offset }),
                "offset {offset}"
            );
        }
        for offset in (0..64).step_by(4) {
            assert_eq!(validate(&[stmt(LD_W_ABS, offset), ret.clone()]), Ok(()));
        }

        for code in [
            LD_W_IND,
            LD_H_IND,
            LD_B_IND,
            LD_H_ABS,
            LD_B_ABS,
            LDX_B_MSH,
            BPF_ALU | BPF_MOD | BPF_K,
            BPF_ALU | BPF_MOD | BPF_X,
            BPF_ALU | BPF_NEG | BPF_X,
            BPF_RET | BPF_X,
            BPF_LD | BPF_H | BPF_MEM,
            BPF_JMP | BPF_JA | BPF_X,
            BPF_JMP | 0x50,
            BPF_LDX | BPF_W | BPF_ABS,
            0x100 | RET_K,
            0xffff,
        ] {
            assert_eq!(
                validate(&[stmt(code, 1), ret.clone()]),
                Err(BpfError::BadOpcode { pc: 0, code }),
                "code {code:#x}"
            );
        }

        assert_eq!(
            validate(&[stmt(BPF_ALU | BPF_DIV | BPF_K, 0), ret.clone()]),
            Err(BpfError::DivisionByZero { pc: 0 })
        );
        assert_eq!(
            validate(&[stmt(BPF_ALU | BPF_LSH | BPF_K, 32), ret.clone()]),
            Err(BpfError::BadShift { pc: 0, shift: 32 })
        );
        assert_eq!(
            validate(&[stmt(BPF_ALU | BPF_RSH | BPF_K, 31), ret.clone()]),
            Ok(())
        );
        // jt/jf of non-jumps are ignored, as by the kernel.
        assert_eq!(validate(&[jump(LD_W_ABS, 0, 200, 200), ret]), Ok(()));
        // RET A is a valid final instruction.
        assert_eq!(validate(&[stmt(RET_A, 0)]), Ok(()));

        // Errors name the pc.
        let msg = BpfError::BadOpcode { pc: 7, code: 0x40 }.to_string();
        assert!(msg.contains("pc 7") && msg.contains("0x0040"), "{msg}");
        assert!(
            BpfError::JumpOutOfRange { pc: 3 }
                .to_string()
                .contains("pc 3")
        );
    }

    #[test]
    fn run_refuses_invalid_programs() {
        let d = x86(0, [0; 6]);
        assert_eq!(run(&[], &d), Err(BpfError::Empty));
        assert_eq!(
            run(&[stmt(LD_W_ABS, 2), stmt(RET_A, 0)], &d),
            Err(BpfError::BadLoad { pc: 0, offset: 2 })
        );
    }

    // ----------------------------------------------------------------------
    // Programs produced by seccompiler
    // ----------------------------------------------------------------------

    fn cmp_ops() -> Vec<SeccompCmpOp> {
        vec![
            SeccompCmpOp::Eq,
            SeccompCmpOp::Ne,
            SeccompCmpOp::Lt,
            SeccompCmpOp::Le,
            SeccompCmpOp::Gt,
            SeccompCmpOp::Ge,
            SeccompCmpOp::MaskedEq(0xff),
            SeccompCmpOp::MaskedEq(0xffff_0000_0000_00ff),
            SeccompCmpOp::MaskedEq(0x8000_0000_8000_0001),
            SeccompCmpOp::MaskedEq(u64::MAX),
            SeccompCmpOp::MaskedEq(0),
        ]
    }

    /// The comparison a condition means: Dword looks at the low 32 bits of both sides only,
    /// Qword at all 64 bits (lexicographic on (hi, lo) is the same as numeric u64 order).
    fn intended(op: &SeccompCmpOp, len: &SeccompCmpArgLen, arg: u64, value: u64) -> bool {
        let (arg, value, mask) = match (len, op) {
            (SeccompCmpArgLen::Dword, SeccompCmpOp::MaskedEq(m)) => {
                (arg & 0xffff_ffff, value & 0xffff_ffff, m & 0xffff_ffff)
            }
            (SeccompCmpArgLen::Dword, _) => (arg & 0xffff_ffff, value & 0xffff_ffff, 0),
            (SeccompCmpArgLen::Qword, SeccompCmpOp::MaskedEq(m)) => (arg, value, *m),
            (SeccompCmpArgLen::Qword, _) => (arg, value, 0),
        };
        match op {
            SeccompCmpOp::Eq => arg == value,
            SeccompCmpOp::Ne => arg != value,
            SeccompCmpOp::Lt => arg < value,
            SeccompCmpOp::Le => arg <= value,
            SeccompCmpOp::Gt => arg > value,
            SeccompCmpOp::Ge => arg >= value,
            SeccompCmpOp::MaskedEq(_) => arg & mask == value & mask,
        }
    }

    fn compile(
        rules: Vec<(i64, Vec<SeccompRule>)>,
        mismatch: SeccompAction,
        matched: SeccompAction,
    ) -> BpfProgram {
        let filter = SeccompFilter::new(
            rules.into_iter().collect::<BTreeMap<_, _>>(),
            mismatch,
            matched,
            TargetArch::x86_64,
        )
        .unwrap();
        let prog: BpfProgram = filter.try_into().unwrap();
        validate(&prog).unwrap();
        prog
    }

    fn one_condition_filter(
        arg_index: u8,
        len: &SeccompCmpArgLen,
        op: &SeccompCmpOp,
        value: u64,
    ) -> BpfProgram {
        let cond = SeccompCondition::new(arg_index, len.clone(), op.clone(), value).unwrap();
        compile(
            vec![
                (libc::SYS_read, vec![]),
                (
                    libc::SYS_pread64,
                    vec![SeccompRule::new(vec![cond]).unwrap()],
                ),
            ],
            SeccompAction::Errno(1),
            SeccompAction::Allow,
        )
    }

    #[test]
    fn seccompiler_conditions_have_the_intended_semantics() {
        for len in [SeccompCmpArgLen::Dword, SeccompCmpArgLen::Qword] {
            for op in cmp_ops() {
                for value in VALUES64 {
                    let prog = one_condition_filter(3, &len, &op, value);
                    for arg in VALUES64 {
                        // Junk in the other arguments must not matter.
                        let args = [!arg, arg.rotate_left(32), 0x5555, arg, !0, 1];
                        let got = run(&prog, &x86(PREAD64, args)).unwrap();
                        let want = if intended(&op, &len, arg, value) {
                            ALLOW
                        } else {
                            ERRNO | 1
                        };
                        assert_eq!(
                            got,
                            want,
                            "{len:?} {op:?} value {value:#x} arg {arg:#x}\n{}",
                            disassemble(&prog, &names)
                        );
                        // Other syscalls are unaffected by the argument.
                        assert_eq!(run(&prog, &x86(0, args)), Ok(ALLOW));
                        assert_eq!(run(&prog, &x86(2, args)), Ok(ERRNO | 1));
                    }
                }
            }
        }
    }

    #[test]
    fn seccompiler_rules_are_or_of_and() {
        let cond = |i, op, v| SeccompCondition::new(i, SeccompCmpArgLen::Qword, op, v).unwrap();
        let prog = compile(
            vec![(
                libc::SYS_write,
                vec![
                    SeccompRule::new(vec![
                        cond(0, SeccompCmpOp::Ge, 10),
                        cond(0, SeccompCmpOp::Le, 20),
                    ])
                    .unwrap(),
                    SeccompRule::new(vec![cond(1, SeccompCmpOp::Eq, 0x1_0000_0007)]).unwrap(),
                ],
            )],
            SeccompAction::Trap,
            SeccompAction::Allow,
        );
        for a0 in [0, 9, 10, 15, 20, 21, 0x1_0000_000f, u64::MAX] {
            for a1 in [7, 0x1_0000_0007, 0x2_0000_0007] {
                let want = (10..=20).contains(&a0) || a1 == 0x1_0000_0007;
                let got = run(&prog, &x86(1, [a0, a1, 0, 0, 0, 0])).unwrap();
                assert_eq!(
                    got,
                    if want { ALLOW } else { SECCOMP_RET_TRAP },
                    "{a0} {a1}"
                );
            }
        }
    }

    #[test]
    fn seccompiler_long_rules_with_helper_jumps() {
        // 100 conditions of 4 instructions each exceed the 255-instruction reach of a
        // conditional jump, so seccompiler inserts its helper JA sequences.
        let conditions: Vec<_> = (0..100u64)
            .map(|i| {
                SeccompCondition::new(
                    (i % 6) as u8,
                    SeccompCmpArgLen::Qword,
                    SeccompCmpOp::Ne,
                    0x1_0000_0000 + i,
                )
                .unwrap()
            })
            .collect();
        let prog = compile(
            vec![
                (libc::SYS_ioctl, vec![SeccompRule::new(conditions).unwrap()]),
                (libc::SYS_close, vec![]),
            ],
            SeccompAction::Errno(1),
            SeccompAction::Allow,
        );
        assert!(prog.len() > 300, "{}", prog.len());
        assert!(prog.iter().any(|i| i.code == JA && i.k > 2));
        let nr = libc::SYS_ioctl as i32;
        assert_eq!(run(&prog, &x86(nr, [0; 6])), Ok(ALLOW));
        for i in 0..100u64 {
            let mut args = [0u64; 6];
            args[(i % 6) as usize] = 0x1_0000_0000 + i;
            assert_eq!(run(&prog, &x86(nr, args)), Ok(ERRNO | 1), "condition {i}");
        }
        assert_eq!(run(&prog, &x86(3, [0; 6])), Ok(ALLOW));
        assert_eq!(run(&prog, &x86(4, [0; 6])), Ok(ERRNO | 1));
    }

    // ----------------------------------------------------------------------
    // const_action
    // ----------------------------------------------------------------------

    fn mixed_filter() -> BpfProgram {
        let dword = |i, op, v| SeccompCondition::new(i, SeccompCmpArgLen::Dword, op, v).unwrap();
        compile(
            vec![
                (libc::SYS_read, vec![]),
                (libc::SYS_write, vec![]),
                (libc::SYS_close, vec![]),
                (
                    libc::SYS_openat,
                    vec![SeccompRule::new(vec![dword(2, SeccompCmpOp::MaskedEq(3), 0)]).unwrap()],
                ),
                (
                    libc::SYS_ioctl,
                    vec![SeccompRule::new(vec![dword(1, SeccompCmpOp::Eq, 0)]).unwrap()],
                ),
                (libc::SYS_exit_group, vec![]),
            ],
            SeccompAction::Errno(1),
            SeccompAction::Allow,
        )
    }

    #[test]
    fn const_action_on_a_seccompiler_filter() {
        let prog = mixed_filter();
        for nr in [
            libc::SYS_read,
            libc::SYS_write,
            libc::SYS_close,
            libc::SYS_exit_group,
        ] {
            assert_eq!(
                const_action(&prog, AUDIT_ARCH_X86_64, nr as i32),
                Some(ALLOW),
                "nr {nr}"
            );
        }
        for nr in [libc::SYS_openat, libc::SYS_ioctl] {
            assert_eq!(
                const_action(&prog, AUDIT_ARCH_X86_64, nr as i32),
                None,
                "nr {nr}"
            );
        }
        for nr in [2, 4, 500, 999, -1, 0x4000_0000] {
            assert_eq!(
                const_action(&prog, AUDIT_ARCH_X86_64, nr),
                Some(ERRNO | 1),
                "nr {nr}"
            );
        }
        for nr in [0, 1, 3, 257] {
            assert_eq!(
                const_action(&prog, AUDIT_ARCH_I386, nr),
                Some(SECCOMP_RET_KILL_PROCESS)
            );
        }
        // Wherever the emulator knows the answer, the interpreter agrees for any arguments;
        // where it does not, the answer really depends on the arguments.
        let arg_sets = [
            [0u64; 6],
            [u64::MAX; 6],
            [1, 2, 3, 4, 5, 6],
            [0, 0, 1, 0, 0, 0],
        ];
        for arch in [AUDIT_ARCH_X86_64, AUDIT_ARCH_I386] {
            for nr in -3..600 {
                let results: Vec<u32> = arg_sets
                    .iter()
                    .map(|&args| {
                        let d = SeccompData {
                            nr,
                            arch,
                            instruction_pointer: 0,
                            args,
                        };
                        run(&prog, &d).unwrap()
                    })
                    .collect();
                match const_action(&prog, arch, nr) {
                    Some(v) => assert!(results.iter().all(|&r| r == v), "nr {nr}"),
                    None => assert!(results.windows(2).any(|w| w[0] != w[1]), "nr {nr}"),
                }
            }
        }
    }

    #[test]
    fn const_action_gives_up_on_anything_but_nr_and_arch() {
        let ret = stmt(RET_K, ALLOW);
        let unknown = [
            vec![stmt(LD_W_ABS, DATA_IP), ret.clone()],
            vec![stmt(LD_W_ABS, arg_lo(0)), ret.clone()],
            vec![stmt(LD_IMM, 0), ret.clone()],
            vec![stmt(MISC_TAX, 0), ret.clone()],
            vec![stmt(LD_W_LEN, 0), ret.clone()],
            vec![stmt(BPF_ALU | BPF_OR | BPF_K, 1), ret.clone()],
            vec![
                stmt(LD_W_ABS, DATA_NR),
                jump(BPF_JMP | BPF_JEQ | BPF_X, 0, 0, 0),
                ret.clone(),
            ],
            vec![stmt(RET_A, 0)],
            // Not a valid program, but the walk must not panic.
            vec![stmt(LD_W_ABS, DATA_NR)],
            vec![stmt(JA, u32::MAX), ret.clone()],
            vec![jump(JEQ_K, 0, 200, 200)],
        ];
        for prog in unknown {
            assert_eq!(const_action(&prog, AUDIT_ARCH_X86_64, 0), None, "{prog:?}");
        }
        assert_eq!(
            const_action(std::slice::from_ref(&ret), AUDIT_ARCH_X86_64, 0),
            Some(ALLOW)
        );
        // Reg starts at 0, like A.
        assert_eq!(
            const_action(&[jump(JEQ_K, 0, 0, 1), ret, stmt(RET_K, 5)], 0, 7),
            Some(ALLOW)
        );
    }

    /// Random programs made only of what the emulator understands: it must always know the
    /// answer, and the answer must be what the interpreter returns.
    #[test]
    fn const_action_matches_run_on_its_own_vocabulary() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut checked = 0;
        for _ in 0..3000 {
            let len = 2 + rng.below(14);
            let mut prog = Vec::with_capacity(len);
            for pc in 0..len {
                let room = len - pc - 1;
                let insn = if pc == len - 1 {
                    stmt(RET_K, rng.pick(&[ALLOW, ERRNO | 1, SECCOMP_RET_TRAP]))
                } else {
                    match rng.below(7) {
                        0 => stmt(LD_W_ABS, rng.pick(&[DATA_NR, DATA_ARCH])),
                        1 => stmt(JA, rng.below(room) as u32),
                        2 => stmt(ALU_AND_K, rng.pick(&[0xff, 0x4000_0000, 0xffff_ffff, 3])),
                        3 => stmt(RET_K, rng.pick(&[ALLOW, ERRNO | 2, SECCOMP_RET_LOG])),
                        _ => jump(
                            BPF_JMP | rng.pick(&[BPF_JEQ, BPF_JGT, BPF_JGE, BPF_JSET]) | BPF_K,
                            rng.pick(&[0, 1, 2, 3, 59, 0x4000_0000, AUDIT_ARCH_X86_64]),
                            rng.below(room) as u8,
                            rng.below(room) as u8,
                        ),
                    }
                };
                prog.push(insn);
            }
            validate(&prog).unwrap();
            for arch in [AUDIT_ARCH_X86_64, AUDIT_ARCH_I386, 0] {
                for nr in [0, 1, 2, 3, 59, 0x4000_0003, -1] {
                    let d = SeccompData {
                        nr,
                        arch,
                        instruction_pointer: rng.next(),
                        args: [rng.next(); 6],
                    };
                    assert_eq!(
                        const_action(&prog, arch, nr),
                        Some(run(&prog, &d).unwrap()),
                        "{}",
                        disassemble(&prog, &names)
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 0);
    }

    // ----------------------------------------------------------------------
    // disassemble
    // ----------------------------------------------------------------------

    #[test]
    fn disassemble_hand_written_program() {
        let prog = vec![
            stmt(LD_W_ABS, DATA_ARCH),
            jump(JEQ_K, AUDIT_ARCH_X86_64, 1, 0),
            stmt(RET_K, SECCOMP_RET_KILL_PROCESS),
            stmt(LD_W_ABS, DATA_NR),
            jump(JEQ_K, 257, 0, 1),
            stmt(RET_K, ALLOW),
            stmt(LD_W_ABS, arg_lo(1)),
            stmt(LD_W_ABS, arg_hi(1)),
            jump(BPF_JMP | BPF_JSET | BPF_K, 0x80, 0, 1),
            stmt(RET_K, ERRNO | 1),
            stmt(RET_K, SECCOMP_RET_TRACE | 5),
        ];
        let want = "\
0000: ld  [4] ; arch
0001: jeq #0xc000003e  jt 0003 jf 0002 ; AUDIT_ARCH_X86_64
0002: ret #0x80000000 ; KILL_PROCESS
0003: ld  [0] ; nr
0004: jeq #257  jt 0005 jf 0006 ; openat
0005: ret #0x7fff0000 ; ALLOW
0006: ld  [24] ; args[1] (low)
0007: ld  [28] ; args[1] (high)
0008: jset #0x80  jt 0009 jf 0010
0009: ret #0x50001 ; ERRNO(1)
0010: ret #0x7ff00005 ; TRACE(5)
";
        assert_eq!(disassemble(&prog, &names), want);
    }

    #[test]
    fn disassemble_seccompiler_filter() {
        let prog = mixed_filter();
        let text = disassemble(&prog, &names);
        assert_eq!(text.lines().count(), prog.len());
        for (pc, line) in text.lines().enumerate() {
            assert!(line.starts_with(&format!("{pc:04}: ")), "{line}");
        }
        for needle in [
            "0000: ld  [4] ; arch",
            "AUDIT_ARCH_X86_64",
            "ret #0x80000000 ; KILL_PROCESS",
            "ld  [0] ; nr",
            "jeq #0  jt",
            "; read",
            "; write",
            "; close",
            "; openat",
            "; ioctl",
            "ld  [32] ; args[2] (low)",
            "and #0x3",
            "ld  [24] ; args[1] (low)",
            "ret #0x7fff0000 ; ALLOW",
            "ret #0x50001 ; ERRNO(1)",
            "ja  ",
        ] {
            assert!(text.contains(needle), "missing {needle:?} in\n{text}");
        }
        // The ioctl rule compares args[1] with 0: that `jeq #0` is not the read syscall.
        let after_arg: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.contains("args[1] (low)"))
            .take(2)
            .collect();
        assert!(after_arg[1].contains(": jeq #0  jt "), "{after_arg:?}");
        assert!(!after_arg[1].contains(';'), "{after_arg:?}");
        // Unknown syscall numbers get no name; the callback decides.
        let none = disassemble(&prog, &|_| None);
        assert!(!none.contains("; read"));
        assert_eq!(none.lines().count(), prog.len());
    }

    #[test]
    fn disassemble_every_opcode_and_invalid_ones() {
        let prog = vec![
            stmt(LD_W_ABS, 64),
            stmt(LD_H_ABS, 2),
            stmt(LD_B_ABS, 3),
            stmt(LD_W_IND, 4),
            stmt(LD_W_LEN, 0),
            stmt(LDX_W_LEN, 0),
            stmt(LD_IMM, 0x12345),
            stmt(LDX_IMM, 7),
            stmt(LD_MEM, 1),
            stmt(LDX_MEM, 2),
            stmt(LDX_B_MSH, 14),
            stmt(BPF_ST, 3),
            stmt(BPF_STX, 4),
            stmt(BPF_ALU | BPF_ADD | BPF_K, 1),
            stmt(BPF_ALU | BPF_SUB | BPF_X, 0),
            stmt(BPF_ALU | BPF_XOR | BPF_K, 0xff),
            stmt(BPF_ALU | BPF_MOD | BPF_K, 3),
            stmt(ALU_NEG, 0),
            stmt(MISC_TAX, 0),
            stmt(MISC_TXA, 0),
            jump(BPF_JMP | BPF_JGE | BPF_X, 0, 0, 1),
            stmt(0xffff, 9),
            stmt(RET_A, 0),
        ];
        let text = disassemble(&prog, &names);
        assert_eq!(text.lines().count(), prog.len());
        for needle in [
            "0000: ld  [64] ; outside seccomp_data",
            "0001: ldh [2]",
            "0002: ldb [3]",
            "0003: ld  [x + 4]",
            "0004: ld  #len ; 64",
            "0005: ldx #len ; 64",
            "0006: ld  #0x12345",
            "0007: ldx #7",
            "0008: ld  M[1]",
            "0009: ldx M[2]",
            "0010: ldx 4*([14]&0xf)",
            "0011: st  M[3]",
            "0012: stx M[4]",
            "0013: add #1",
            "0014: sub x",
            "0015: xor #0xff",
            "0016: mod #3",
            "0017: neg",
            "0018: tax",
            "0019: txa",
            "0020: jge x  jt 0021 jf 0022",
            "0021: ??? code=0xffff",
            "0022: ret a",
        ] {
            assert!(text.contains(needle), "missing {needle:?} in\n{text}");
        }
        assert_eq!(disassemble(&[], &names), "");
    }

    // ----------------------------------------------------------------------
    // Differential tests against the running kernel
    // ----------------------------------------------------------------------

    /// The kernel refused the filter with `EINVAL`.
    #[derive(Debug)]
    struct Rejected;

    /// Installs `prog` on a fresh thread and, if the kernel accepts it, runs `probe` there.
    /// The filter dies with the thread; other threads are unaffected (no TSYNC).
    fn on_filtered_thread<T: Send + 'static>(
        prog: Vec<sock_filter>,
        probe: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Rejected> {
        std::thread::spawn(move || match seccompiler::apply_filter(&prog) {
            Ok(()) => Ok(probe()),
            Err(seccompiler::Error::Seccomp(e)) if e.raw_os_error() == Some(libc::EINVAL) => {
                Err(Rejected)
            }
            Err(e) => panic!("installing a filter failed unexpectedly: {e}"),
        })
        .join()
        .expect("filtered thread panicked")
    }

    /// Whether this machine lets us install seccomp filters at all; tests that compare with
    /// the kernel are skipped (with a note) where it does not.
    fn kernel_available() -> bool {
        let ok = std::thread::spawn(|| seccompiler::apply_filter(&[stmt(RET_K, ALLOW)]).is_ok())
            .join()
            .unwrap_or(false);
        if !ok {
            eprintln!("seccomp filters cannot be installed here: skipping the kernel comparison");
        }
        ok
    }

    /// Every return in the program is `ret #ALLOW` and nothing can return 0 at run time, so
    /// installing it cannot hurt the thread it lands on.
    fn only_allows(prog: &[sock_filter]) -> bool {
        prog.iter().all(|i| match i.code {
            RET_K => i.k == ALLOW,
            RET_A => false,
            c => c != BPF_ALU | BPF_DIV | BPF_X && c != BPF_ALU | BPF_MOD | BPF_X,
        })
    }

    fn kernel_accepts(prog: &[sock_filter]) -> bool {
        assert!(only_allows(prog), "unsafe probe program {prog:?}");
        match on_filtered_thread(prog.to_vec(), || ()) {
            Ok(()) => true,
            Err(Rejected) => false,
        }
    }

    const FUZZ_CODES: [u16; 52] = [
        LD_W_ABS,
        LD_W_ABS,
        LD_W_ABS,
        LD_H_ABS,
        LD_B_ABS,
        LD_W_IND,
        LD_W_LEN,
        LDX_W_LEN,
        LD_IMM,
        LDX_IMM,
        LD_MEM,
        LD_MEM,
        LDX_MEM,
        BPF_ST,
        BPF_ST,
        BPF_STX,
        LDX_B_MSH,
        BPF_ALU | BPF_ADD | BPF_K,
        BPF_ALU | BPF_SUB | BPF_X,
        BPF_ALU | BPF_MUL | BPF_K,
        BPF_ALU | BPF_DIV | BPF_K,
        BPF_ALU | BPF_OR | BPF_X,
        BPF_ALU | BPF_AND | BPF_K,
        BPF_ALU | BPF_LSH | BPF_K,
        BPF_ALU | BPF_RSH | BPF_K,
        BPF_ALU | BPF_LSH | BPF_X,
        BPF_ALU | BPF_XOR | BPF_K,
        BPF_ALU | BPF_MOD | BPF_K,
        ALU_NEG,
        BPF_ALU | BPF_NEG | BPF_X,
        JA,
        JA,
        JEQ_K,
        BPF_JMP | BPF_JEQ | BPF_X,
        JGT_K,
        BPF_JMP | BPF_JGE | BPF_X,
        BPF_JMP | BPF_JSET | BPF_K,
        BPF_JMP | BPF_JSET | BPF_X,
        RET_K,
        RET_K,
        MISC_TAX,
        MISC_TXA,
        BPF_RET | BPF_X,
        BPF_LD | BPF_H | BPF_MEM,
        BPF_JMP | BPF_JA | BPF_X,
        BPF_JMP | 0x50,
        BPF_MISC | 0x08,
        BPF_LDX | BPF_W | BPF_ABS,
        0x1f,
        0xff,
        0x106,
        0xffff,
    ];

    fn fuzz_insn(rng: &mut Rng, code: u16, len: usize) -> sock_filter {
        let k = match code {
            LD_W_ABS | LD_H_ABS | LD_B_ABS => rng.pick(&[
                0,
                1,
                2,
                3,
                4,
                8,
                12,
                16,
                40,
                44,
                60,
                61,
                62,
                63,
                64,
                68,
                0x100,
                0xffff_f000,
                0xffff_f004,
                u32::MAX,
            ]),
            LD_MEM | LDX_MEM | BPF_ST | BPF_STX => {
                if rng.below(8) == 0 {
                    rng.pick(&[16, 17, 0x8000_0000])
                } else {
                    rng.below(3) as u32
                }
            }
            c if c == BPF_ALU | BPF_DIV | BPF_K || c == BPF_ALU | BPF_MOD | BPF_K => {
                rng.pick(&[0, 1, 2, 7, u32::MAX])
            }
            ALU_LSH_K | ALU_RSH_K => rng.below(36) as u32,
            JA => rng.below(len + 1) as u32,
            RET_K => ALLOW,
            _ => {
                if rng.below(2) == 0 {
                    rng.below(70) as u32
                } else {
                    rng.next() as u32
                }
            }
        };
        jump(code, k, rng.below(len + 1) as u8, rng.below(len + 1) as u8)
    }

    #[test]
    fn validate_agrees_with_the_kernel() {
        if !kernel_available() {
            return;
        }
        let ret = stmt(RET_K, ALLOW);
        let ld_nr = stmt(LD_W_ABS, DATA_NR);
        let mut corpus: Vec<Vec<sock_filter>> = vec![
            vec![ret.clone()],
            vec![stmt(LD_MEM, 0), ret.clone()],
            vec![ret.clone(), stmt(LD_MEM, 0), ret.clone()],
            vec![stmt(JA, 1), stmt(LD_MEM, 0), ret.clone()],
            vec![stmt(BPF_ST, 0), ret.clone(), stmt(LD_MEM, 0), ret.clone()],
            vec![
                ld_nr.clone(),
                jump(JEQ_K, 1, 0, 1),
                stmt(BPF_ST, 0),
                stmt(LDX_MEM, 0),
                ret.clone(),
            ],
            vec![
                ld_nr.clone(),
                jump(JEQ_K, 1, 0, 2),
                stmt(BPF_ST, 0),
                stmt(JA, 1),
                stmt(BPF_STX, 0),
                stmt(LD_MEM, 0),
                ret.clone(),
            ],
            vec![stmt(BPF_ALU | BPF_MOD | BPF_K, 3), ret.clone()],
            vec![stmt(BPF_ALU | BPF_LSH | BPF_K, 31), ret.clone()],
            vec![stmt(BPF_ALU | BPF_LSH | BPF_K, 32), ret.clone()],
            vec![stmt(BPF_ALU | BPF_DIV | BPF_K, 0), ret.clone()],
            vec![stmt(LD_W_ABS, 60), ret.clone()],
            vec![stmt(LD_W_ABS, 62), ret.clone()],
            vec![stmt(LD_W_ABS, 64), ret.clone()],
            vec![stmt(LD_W_ABS, 0xffff_f000), ret.clone()],
            vec![stmt(LD_H_ABS, 0), ret.clone()],
            vec![stmt(LD_W_IND, 0), ret.clone()],
            vec![stmt(LD_W_LEN, 0), stmt(LDX_W_LEN, 0), ret.clone()],
            vec![jump(LD_W_ABS, 0, 200, 200), ret.clone()],
            vec![stmt(JA, 0), ret.clone()],
            vec![stmt(JA, 1), ret.clone()],
            vec![jump(JEQ_K, 0, 0, 1), ret.clone()],
            vec![ld_nr.clone()],
        ];
        let mut long = vec![ld_nr.clone(); BPF_MAXINSNS - 1];
        long.push(ret.clone());
        corpus.push(long.clone());
        long.push(ret);
        corpus.push(long);

        let mut rng = Rng(0x0123_4567_89ab_cdef);
        for _ in 0..2500 {
            let len = 1 + rng.below(10);
            let mut prog: Vec<sock_filter> = (0..len)
                .map(|_| {
                    let code = rng.pick(&FUZZ_CODES);
                    fuzz_insn(&mut rng, code, len)
                })
                .collect();
            if rng.below(8) != 0 {
                prog[len - 1] = stmt(RET_K, ALLOW);
            }
            corpus.push(prog);
        }

        let mut accepted = 0;
        for prog in &corpus {
            let ours = validate(prog);
            let kernel = kernel_accepts(prog);
            assert_eq!(
                ours.is_ok(),
                kernel,
                "validate says {ours:?}, the kernel {} it:\n{}",
                if kernel { "accepts" } else { "rejects" },
                disassemble(prog, &names)
            );
            accepted += usize::from(kernel);
        }
        // The corpus exercises both outcomes.
        assert!(
            accepted > 100 && accepted < corpus.len() - 100,
            "{accepted}"
        );
    }

    const PROBE_BASE: u32 = 100;
    const PROBE_SHIFTS: [u32; 3] = [0, 11, 22];

    /// Wrap `body` so the kernel runs it only for `pread64` with a count of
    /// `PROBE_BASE + shift`, and allows everything else. The body leaves a value in A (or
    /// returns `ERRNO | 0x800..=0xfff` itself); the epilogue returns
    /// `ERRNO | 0x800 | ((A >> shift) & 0x7ff)`, an errno the kernel hands back unchanged.
    /// Offset `args[3]` (64 bits, both halves) is the body's input.
    fn probe_program(body: &[sock_filter]) -> Vec<sock_filter> {
        let mut prog = vec![
            stmt(LD_W_ABS, DATA_ARCH),            // 0
            jump(JEQ_K, AUDIT_ARCH_X86_64, 0, 8), // 1 -> 10
            stmt(LD_W_ABS, DATA_NR),              // 2
            jump(JEQ_K, PREAD64 as u32, 0, 6),    // 3 -> 10
            stmt(LD_W_ABS, arg_hi(2)),            // 4
            jump(JEQ_K, 0, 0, 4),                 // 5 -> 10
            stmt(LD_W_ABS, arg_lo(2)),            // 6
            jump(JGE_K, PROBE_BASE, 0, 2),        // 7 -> 10
            jump(JGT_K, PROBE_BASE + 22, 1, 0),   // 8 -> 10
            stmt(JA, 1),                          // 9 -> 11
            stmt(RET_K, ALLOW),                   // 10
        ];
        prog.extend_from_slice(body);
        prog.extend([
            stmt(BPF_ST, 15),
            stmt(LD_W_ABS, arg_lo(2)),
            stmt(BPF_ALU | BPF_SUB | BPF_K, PROBE_BASE),
            stmt(MISC_TAX, 0),
            stmt(LD_MEM, 15),
            stmt(BPF_ALU | BPF_RSH | BPF_X, 0),
            stmt(ALU_AND_K, 0x7ff),
            stmt(BPF_ALU | BPF_OR | BPF_K, ERRNO | 0x800),
            stmt(RET_A, 0),
        ]);
        prog
    }

    fn probe_bodies() -> Vec<Vec<sock_filter>> {
        let (lo, hi) = (arg_lo(3), arg_hi(3));
        let mut bodies = Vec::new();
        for jop in [BPF_JEQ, BPF_JGT, BPF_JGE, BPF_JSET] {
            for k in [0, 1, 33, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff] {
                bodies.push(vec![
                    stmt(LD_W_ABS, lo),
                    jump(BPF_JMP | jop | BPF_K, k, 1, 0),
                    stmt(RET_K, ERRNO | 0x802),
                    stmt(RET_K, ERRNO | 0x801),
                ]);
            }
            bodies.push(vec![
                stmt(LD_W_ABS, hi),
                stmt(MISC_TAX, 0),
                stmt(LD_W_ABS, lo),
                jump(BPF_JMP | jop | BPF_X, 0, 1, 0),
                stmt(RET_K, ERRNO | 0x802),
                stmt(RET_K, ERRNO | 0x801),
            ]);
        }
        for aop in ALU_OPS {
            for k in [1, 3, 31, 0x8000_0001, 0xffff_ffff] {
                let k = if matches!(aop, BPF_LSH | BPF_RSH) {
                    k & 31
                } else {
                    k
                };
                bodies.push(vec![stmt(LD_W_ABS, lo), stmt(BPF_ALU | aop | BPF_K, k)]);
            }
            let mut body = vec![stmt(LD_W_ABS, hi)];
            if aop == BPF_DIV {
                // Division by a zero X would return 0 (KILL_THREAD) and kill the probe thread.
                body.extend([jump(JEQ_K, 0, 0, 1), stmt(RET_K, ERRNO | 0x803)]);
            }
            body.extend([
                stmt(MISC_TAX, 0),
                stmt(LD_W_ABS, lo),
                stmt(BPF_ALU | aop | BPF_X, 0),
            ]);
            bodies.push(body);
        }
        bodies.push(vec![stmt(LD_W_ABS, lo), stmt(ALU_NEG, 0)]);
        bodies.push(vec![
            stmt(LD_W_ABS, lo),
            stmt(BPF_ST, 2),
            stmt(LDX_IMM, 7),
            stmt(BPF_STX, 5),
            stmt(LD_W_ABS, hi),
            stmt(BPF_ALU | BPF_ADD | BPF_X, 0),
            stmt(MISC_TAX, 0),
            stmt(LD_MEM, 2),
            stmt(BPF_ALU | BPF_SUB | BPF_X, 0),
            stmt(LDX_MEM, 5),
            stmt(BPF_ALU | BPF_MUL | BPF_X, 0),
        ]);
        bodies.push(vec![
            stmt(LD_W_LEN, 0),
            stmt(MISC_TAX, 0),
            stmt(LD_W_ABS, lo),
            stmt(BPF_ALU | BPF_ADD | BPF_X, 0),
        ]);
        bodies.push(vec![stmt(LDX_W_LEN, 0), stmt(MISC_TXA, 0)]);
        bodies.push(vec![stmt(LD_IMM, 0xfedc_ba98)]);
        bodies.push(vec![stmt(LD_W_ABS, DATA_NR)]);
        bodies.push(vec![stmt(LD_W_ABS, DATA_ARCH)]);
        bodies
    }

    #[test]
    fn run_agrees_with_the_kernel() {
        if !kernel_available() {
            return;
        }
        let halves = [
            0u32,
            1,
            2,
            3,
            7,
            31,
            32,
            33,
            64,
            0x7fff_ffff,
            0x8000_0000,
            0x8000_0001,
            0xffff_fffe,
            0xffff_ffff,
            0x1234_5678,
        ];
        let offsets: Vec<u64> = halves
            .iter()
            .flat_map(|&h| {
                halves
                    .iter()
                    .map(move |&l| (u64::from(h) << 32) | u64::from(l))
            })
            .collect();
        for body in probe_bodies() {
            let prog = probe_program(&body);
            validate(&prog).unwrap();
            let probes = offsets.clone();
            let kernel = on_filtered_thread(prog.clone(), move || {
                let file = std::fs::File::open("/dev/null").unwrap();
                let mut buf = vec![0u8; (PROBE_BASE + 22) as usize];
                let mut out = Vec::new();
                for &offset in &probes {
                    for shift in PROBE_SHIFTS {
                        let len = (PROBE_BASE + shift) as usize;
                        let errno = match file.read_at(&mut buf[..len], offset) {
                            Ok(n) => panic!("pread64 was allowed ({n} bytes)"),
                            Err(e) => e.raw_os_error().unwrap_or(-1),
                        };
                        out.push((offset, len, errno));
                    }
                }
                out
            })
            .unwrap_or_else(|_| panic!("kernel rejected a valid probe program"));
            for (offset, len, errno) in kernel {
                let d = x86(PREAD64, [3, 0x7fff_0000, len as u64, offset, 0, 0]);
                let ours = run(&prog, &d).unwrap();
                assert_eq!(
                    ours,
                    ERRNO | errno as u32,
                    "offset {offset:#x} count {len}: ours {ours:#x}, kernel errno {errno:#x}\n{}",
                    disassemble(&prog, &names)
                );
            }
        }
    }

    #[test]
    fn seccompiler_conditions_agree_with_the_kernel() {
        if !kernel_available() {
            return;
        }
        const MAGIC: u64 = 77;
        for len in [SeccompCmpArgLen::Dword, SeccompCmpArgLen::Qword] {
            for op in cmp_ops() {
                for value in VALUES64 {
                    let prog = compile(
                        vec![(
                            libc::SYS_pread64,
                            vec![
                                SeccompRule::new(vec![
                                    SeccompCondition::new(
                                        2,
                                        SeccompCmpArgLen::Qword,
                                        SeccompCmpOp::Eq,
                                        MAGIC,
                                    )
                                    .unwrap(),
                                    SeccompCondition::new(3, len.clone(), op.clone(), value)
                                        .unwrap(),
                                ])
                                .unwrap(),
                            ],
                        )],
                        SeccompAction::Allow,
                        SeccompAction::Errno(0x7ab),
                    );
                    let kernel = on_filtered_thread(prog.clone(), || {
                        let file = std::fs::File::open("/dev/null").unwrap();
                        let mut buf = [0u8; MAGIC as usize];
                        VALUES64
                            .iter()
                            .map(|&offset| {
                                matches!(file.read_at(&mut buf, offset),
                                    Err(e) if e.raw_os_error() == Some(0x7ab))
                            })
                            .collect::<Vec<bool>>()
                    })
                    .unwrap_or_else(|_| panic!("kernel rejected a seccompiler filter"));
                    for (&arg, matched) in VALUES64.iter().zip(kernel) {
                        let d = x86(PREAD64, [3, 0x7fff_0000, MAGIC, arg, 0, 0]);
                        let ours = run(&prog, &d).unwrap() == ERRNO | 0x7ab;
                        assert_eq!(ours, matched, "{len:?} {op:?} {value:#x} arg {arg:#x}");
                        assert_eq!(matched, intended(&op, &len, arg, value));
                    }
                }
            }
        }
    }
}
