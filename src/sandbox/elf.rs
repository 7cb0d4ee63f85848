//! What kind of executable a program is: dynamic ELF (and its loader), static, static-PIE,
//! a `#!` script (and its interpreter), or something for another architecture.
//!
//! Reads only the file's headers. The launcher uses the answer to pick the implicit unveils
//! and the promises the loader needs, and to refuse programs whose system calls every filter
//! would kill (32-bit and foreign ELF).

use std::ffi::OsStr;
use std::fs::File;
use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

const EM_X86_64: u16 = 62;
const ET_EXEC: u16 = 2;
const ET_DYN: u16 = 3;
const PT_DYNAMIC: u32 = 2;
const PT_INTERP: u32 = 3;

/// The kind of an executable file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An x86_64 ELF with a program interpreter (the dynamic loader).
    Dynamic {
        /// The loader named in `PT_INTERP`.
        interpreter: PathBuf,
    },
    /// An x86_64 ELF with no interpreter and no dynamic section.
    Static,
    /// A self-relocating x86_64 ELF (`ET_DYN` with `PT_DYNAMIC` but no interpreter).
    StaticPie,
    /// A `#!` script.
    Script {
        /// The interpreter named on the first line.
        interpreter: PathBuf,
        /// The interpreter's own kind.
        inner: Box<Kind>,
    },
    /// An ELF for another class or machine (e.g. 32-bit x86, aarch64).
    Foreign {
        /// e.g. "32-bit ELF for x86 (i386)".
        description: String,
    },
    /// Neither ELF nor script (the kernel may still run it through binfmt_misc).
    Unknown,
}

impl Kind {
    /// The ELF that actually runs (the interpreter's kind for scripts).
    pub fn innermost(&self) -> &Kind {
        match self {
            Kind::Script { inner, .. } => inner.innermost(),
            k => k,
        }
    }

    /// A short name for messages.
    pub fn describe(&self) -> String {
        match self {
            Kind::Dynamic { interpreter } => {
                format!("dynamic ELF (loader {})", interpreter.display())
            }
            Kind::Static => "static ELF".to_string(),
            Kind::StaticPie => "static-PIE ELF".to_string(),
            Kind::Script { interpreter, inner } => {
                format!(
                    "script run by {} ({})",
                    interpreter.display(),
                    inner.describe()
                )
            }
            Kind::Foreign { description } => description.clone(),
            Kind::Unknown => "not an ELF executable or script".to_string(),
        }
    }
}

fn machine_name(m: u16) -> &'static str {
    match m {
        3 => "x86 (i386)",
        8 => "MIPS",
        20 => "PowerPC",
        21 => "PowerPC64",
        22 => "s390",
        40 => "ARM",
        62 => "x86_64",
        183 => "aarch64",
        243 => "RISC-V",
        258 => "LoongArch",
        _ => "an unknown machine",
    }
}

/// Inspects an executable. Scripts are followed up to four interpreters deep, as the kernel
/// does.
///
/// # Errors
/// The file cannot be read.
pub fn inspect(path: &Path) -> std::io::Result<Kind> {
    inspect_depth(path, 0)
}

fn inspect_depth(path: &Path, depth: u32) -> std::io::Result<Kind> {
    let file = File::open(path)?;
    let mut head = [0u8; 256];
    let n = read_up_to(&file, &mut head)?;
    let head = &head[..n];
    if head.starts_with(b"#!") {
        if depth >= 4 {
            return Ok(Kind::Unknown);
        }
        let line_end = head.iter().position(|&b| b == b'\n').unwrap_or(head.len());
        let line = &head[2..line_end];
        let line = trim(line);
        let end = line
            .iter()
            .position(|b| *b == b' ' || *b == b'\t')
            .unwrap_or(line.len());
        let interp = &line[..end];
        if interp.is_empty() {
            return Ok(Kind::Unknown);
        }
        let interpreter = PathBuf::from(OsStr::from_bytes(interp));
        let inner = inspect_depth(&interpreter, depth + 1).unwrap_or(Kind::Unknown);
        return Ok(Kind::Script {
            interpreter,
            inner: Box::new(inner),
        });
    }
    if head.len() < 64 || &head[..4] != b"\x7fELF" {
        return Ok(Kind::Unknown);
    }
    let class = head[4];
    let data = head[5];
    let machine = if data == 1 {
        u16::from_le_bytes([head[18], head[19]])
    } else {
        u16::from_be_bytes([head[18], head[19]])
    };
    if class != 2 || data != 1 || machine != EM_X86_64 {
        let bits = if class == 1 { "32-bit" } else { "64-bit" };
        return Ok(Kind::Foreign {
            description: format!("{bits} ELF for {}", machine_name(machine)),
        });
    }
    let e_type = u16::from_le_bytes([head[16], head[17]]);
    let phoff = u64::from_le_bytes(head[32..40].try_into().expect("8 bytes"));
    let phentsize = u16::from_le_bytes([head[54], head[55]]);
    let phnum = u16::from_le_bytes([head[56], head[57]]);
    if phentsize < 56 || phnum == 0 {
        return Ok(Kind::Unknown);
    }
    let mut interp = None;
    let mut dynamic = false;
    for i in 0..u64::from(phnum) {
        let mut ph = [0u8; 56];
        file.read_exact_at(&mut ph, phoff + i * u64::from(phentsize))?;
        let p_type = u32::from_le_bytes(ph[0..4].try_into().expect("4 bytes"));
        match p_type {
            PT_INTERP => {
                let off = u64::from_le_bytes(ph[8..16].try_into().expect("8 bytes"));
                let size = u64::from_le_bytes(ph[32..40].try_into().expect("8 bytes"));
                let mut buf = vec![0u8; usize::try_from(size.min(4096)).unwrap_or(4096)];
                file.read_exact_at(&mut buf, off)?;
                while buf.last() == Some(&0) {
                    buf.pop();
                }
                interp = Some(PathBuf::from(OsStr::from_bytes(&buf)));
            }
            PT_DYNAMIC => dynamic = true,
            _ => {}
        }
    }
    Ok(match (interp, e_type) {
        (Some(interpreter), _) => Kind::Dynamic { interpreter },
        (None, ET_DYN) if dynamic => Kind::StaticPie,
        (None, ET_EXEC | ET_DYN) => Kind::Static,
        _ => Kind::Unknown,
    })
}

fn read_up_to(mut f: &File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

fn trim(b: &[u8]) -> &[u8] {
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    &b[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_programs() {
        let ls = inspect(Path::new("/bin/ls")).unwrap();
        assert!(matches!(ls, Kind::Dynamic { .. }), "{ls:?}");
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("s");
        std::fs::write(&script, "#!/bin/sh -e\necho hi\n").unwrap();
        match inspect(&script).unwrap() {
            Kind::Script { interpreter, inner } => {
                assert_eq!(interpreter, PathBuf::from("/bin/sh"));
                assert!(matches!(*inner, Kind::Dynamic { .. }));
            }
            k => panic!("{k:?}"),
        }
        let text = dir.path().join("t");
        std::fs::write(&text, "hello").unwrap();
        assert_eq!(inspect(&text).unwrap(), Kind::Unknown);
    }

    #[test]
    fn foreign_elf_headers() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("elf32");
        let mut h = vec![0u8; 64];
        h[..4].copy_from_slice(b"\x7fELF");
        h[4] = 1; // ELFCLASS32
        h[5] = 1; // little endian
        h[18] = 3; // EM_386
        std::fs::write(&p, &h).unwrap();
        assert_eq!(
            inspect(&p).unwrap(),
            Kind::Foreign {
                description: "32-bit ELF for x86 (i386)".into()
            }
        );
        h[4] = 2;
        h[18] = 183; // aarch64
        std::fs::write(&p, &h).unwrap();
        assert!(
            matches!(inspect(&p).unwrap(), Kind::Foreign { description } if description.contains("aarch64"))
        );
    }
}
