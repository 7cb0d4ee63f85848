//! What kind of executable a program is, read the way the kernel reads it: dynamic ELF (and
//! its loader), static, static-PIE, a `#!` script (and its interpreter), or something for
//! another architecture; plus the dynamic-section features that decide whether a dynamic
//! program can be held to exactly its promises (audit modules, IFUNC resolvers), read from a
//! file or from the memory image the loader mapped; and whether a path is a system file
//! nobody but root can change.
//!
//! Parsing follows the kernel (`fs/binfmt_elf.c`, `fs/binfmt_script.c`): the first
//! `PT_INTERP` counts and ends at its first NUL; a `#!` line is read from the first 256
//! bytes, with one optional argument. Inspection works on an open file, so that the launcher
//! can execute exactly the file it inspected (`execveat` on the same descriptor).

use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::{FileExt, MetadataExt};
use std::path::{Component, Path, PathBuf};

const EM_X86_64: u16 = 62;
const ET_EXEC: u16 = 2;
const ET_DYN: u16 = 3;
const PT_LOAD: u32 = 1;
const PT_DYNAMIC: u32 = 2;
const PT_INTERP: u32 = 3;
/// The kernel's `BINPRM_BUF_SIZE`: how much of a file it reads to recognise it.
const BINPRM_BUF_SIZE: usize = 256;

const DT_NULL: i64 = 0;
const DT_HASH: i64 = 4;
const DT_SYMTAB: i64 = 6;
const DT_RELA: i64 = 7;
const DT_RELASZ: i64 = 8;
const DT_PLTRELSZ: i64 = 2;
const DT_JMPREL: i64 = 23;
const DT_GNU_HASH: i64 = 0x6fff_fef5;
const DT_DEPAUDIT: i64 = 0x6fff_fefb;
const DT_AUDIT: i64 = 0x6fff_fefc;
const R_X86_64_IRELATIVE: u32 = 37;
const STT_GNU_IFUNC: u8 = 10;

/// Most dynamic entries, relocations and symbols read from one object (a bound on work, far
/// above real objects: libc.so.6 has about 3000 symbols and 1500 relocations).
const MAX_DYNAMIC: usize = 4096;
const MAX_RELOCS: usize = 1 << 20;
const MAX_SYMBOLS: usize = 1 << 20;

/// The kind of an executable file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An x86_64 ELF with a program interpreter (the dynamic loader).
    Dynamic {
        /// The loader named in the first `PT_INTERP`, as the kernel reads it.
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
        /// Its optional argument (everything after the name, as one argument).
        arg: Option<OsString>,
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
    pub(crate) fn innermost(&self) -> &Kind {
        match self {
            Kind::Script { inner, .. } => inner.innermost(),
            k => k,
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

/// Inspects an executable by path. Scripts are followed up to four interpreters deep, as the
/// kernel does.
///
/// # Errors
/// The file cannot be read.
pub(crate) fn inspect(path: &Path) -> std::io::Result<Kind> {
    inspect_depth(&File::open(path)?, 0)
}

/// Inspects an open executable (interpreters of scripts are opened by path).
///
/// # Errors
/// The file cannot be read.
pub(crate) fn inspect_file(file: &File) -> std::io::Result<Kind> {
    inspect_depth(file, 0)
}

/// What the first bytes of a file say it is.
pub(crate) enum Head {
    /// A `#!` line: interpreter and optional argument.
    Script(PathBuf, Option<OsString>),
    /// Anything else: inspect it as ELF.
    Other,
    /// A `#!` line the kernel refuses (no interpreter, or a name cut off by the 256-byte
    /// buffer): the kernel fails with ENOEXEC.
    BadScript,
}

/// Reads a file's head and parses a `#!` line exactly as `fs/binfmt_script.c` does.
///
/// # Errors
/// The file cannot be read.
pub(crate) fn head(file: &File) -> std::io::Result<Head> {
    let mut buf = [0u8; BINPRM_BUF_SIZE];
    let n = read_up_to(file, &mut buf)?;
    Ok(parse_shebang(&buf[..n]))
}

/// `fs/binfmt_script.c`'s parser on the first (at most 256) bytes.
pub(crate) fn parse_shebang(buf: &[u8]) -> Head {
    if !buf.starts_with(b"#!") {
        return Head::Other;
    }
    let spacetab = |c: u8| c == b' ' || c == b'\t';
    let terminator = |c: u8| c == b' ' || c == b'\t' || c == 0;
    // The kernel's buffer is BINPRM_BUF_SIZE with the last byte kept for a NUL.
    let limit = buf.len().min(BINPRM_BUF_SIZE - 1);
    let buf = &buf[..limit];
    let mut end = match buf.iter().position(|&c| c == b'\n') {
        Some(e) => e,
        None => {
            // No newline: the name must be followed by a space, tab or NUL within the
            // buffer, or it may have been cut off.
            let Some(start) = buf[2..].iter().position(|&c| !spacetab(c)).map(|p| p + 2) else {
                return Head::BadScript;
            };
            if !buf[start..].iter().any(|&c| terminator(c)) {
                return Head::BadScript;
            }
            buf.len()
        }
    };
    while end > 2 && spacetab(buf[end - 1]) {
        end -= 1;
    }
    let line = &buf[..end];
    let Some(name_start) = line[2..].iter().position(|&c| !spacetab(c)).map(|p| p + 2) else {
        return Head::BadScript;
    };
    let name_end = line[name_start..]
        .iter()
        .position(|&c| terminator(c))
        .map_or(line.len(), |p| p + name_start);
    let name = &line[name_start..name_end];
    if name.is_empty() {
        return Head::BadScript;
    }
    let arg = if name_end < line.len() && line[name_end] != 0 {
        let rest = &line[name_end..];
        rest.iter()
            .position(|&c| !spacetab(c))
            .map(|p| &rest[p..])
            .map(|a| {
                // The argument ends at a NUL, if any (the kernel's string stops there).
                let a = a.iter().position(|&c| c == 0).map_or(a, |z| &a[..z]);
                OsString::from_vec(a.to_vec())
            })
            .filter(|a| !a.is_empty())
    } else {
        None
    };
    Head::Script(PathBuf::from(OsStr::from_bytes(name)), arg)
}

fn inspect_depth(file: &File, depth: u32) -> std::io::Result<Kind> {
    match head(file)? {
        Head::Script(interpreter, arg) => {
            if depth >= 4 {
                return Ok(Kind::Unknown);
            }
            let inner = File::open(&interpreter)
                .and_then(|f| inspect_depth(&f, depth + 1))
                .unwrap_or(Kind::Unknown);
            Ok(Kind::Script {
                interpreter,
                arg,
                inner: Box::new(inner),
            })
        }
        Head::BadScript => Ok(Kind::Unknown),
        Head::Other => inspect_elf(file),
    }
}

/// The parts of an ELF file header this module uses.
struct Header {
    e_type: u16,
    phoff: u64,
    phentsize: u16,
    phnum: u16,
}

/// One program header.
#[derive(Clone, Copy)]
struct Phdr {
    p_type: u32,
    offset: u64,
    vaddr: u64,
    filesz: u64,
}

fn read_header(file: &File) -> std::io::Result<Result<Header, Kind>> {
    let mut head = [0u8; 64];
    let n = read_up_to(file, &mut head)?;
    if n < 64 || &head[..4] != b"\x7fELF" {
        return Ok(Err(Kind::Unknown));
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
        return Ok(Err(Kind::Foreign {
            description: format!("{bits} ELF for {}", machine_name(machine)),
        }));
    }
    Ok(Ok(Header {
        e_type: u16::from_le_bytes([head[16], head[17]]),
        phoff: u64::from_le_bytes(head[32..40].try_into().expect("8 bytes")),
        phentsize: u16::from_le_bytes([head[54], head[55]]),
        phnum: u16::from_le_bytes([head[56], head[57]]),
    }))
}

fn phdrs(file: &File, h: &Header) -> std::io::Result<Vec<Phdr>> {
    // The kernel takes only the ELF64 program header size (and at most 64 KiB of them).
    let size = usize::from(h.phentsize);
    if size != 56 {
        return Ok(Vec::new());
    }
    let mut all = vec![0u8; usize::from(h.phnum) * size];
    file.read_exact_at(&mut all, h.phoff)?;
    let mut out = Vec::with_capacity(usize::from(h.phnum));
    for ph in all.chunks_exact(size) {
        let u64_at = |o: usize| u64::from_le_bytes(ph[o..o + 8].try_into().expect("8 bytes"));
        out.push(Phdr {
            p_type: u32::from_le_bytes(ph[0..4].try_into().expect("4 bytes")),
            offset: u64_at(8),
            vaddr: u64_at(16),
            filesz: u64_at(32),
        });
    }
    Ok(out)
}

fn inspect_elf(file: &File) -> std::io::Result<Kind> {
    let h = match read_header(file)? {
        Ok(h) => h,
        Err(kind) => return Ok(kind),
    };
    if h.phentsize != 56 || h.phnum == 0 {
        return Ok(Kind::Unknown);
    }
    let phdrs = phdrs(file, &h)?;
    let mut interp = None;
    let mut dynamic = false;
    for ph in &phdrs {
        match ph.p_type {
            // The kernel uses the first PT_INTERP and reads its string up to the first NUL.
            PT_INTERP if interp.is_none() => {
                let mut buf = vec![0u8; usize::try_from(ph.filesz.min(4096)).unwrap_or(4096)];
                file.read_exact_at(&mut buf, ph.offset)?;
                let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
                buf.truncate(end);
                interp = Some(PathBuf::from(OsString::from_vec(buf)));
            }
            PT_DYNAMIC => dynamic = true,
            _ => {}
        }
    }
    Ok(match (interp, h.e_type) {
        (Some(interpreter), _) => Kind::Dynamic { interpreter },
        (None, ET_DYN) if dynamic => Kind::StaticPie,
        (None, ET_EXEC | ET_DYN) => Kind::Static,
        _ => Kind::Unknown,
    })
}

/// What an object's dynamic section says that matters for exact narrowing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Features {
    /// `DT_AUDIT`: glibc loads these audit modules (of the main program) before anything.
    pub audit: bool,
    /// `DT_DEPAUDIT`: the same, recorded from a dependency.
    pub depaudit: bool,
    /// Code that runs while the loader relocates the program: `R_X86_64_IRELATIVE`
    /// relocations or `STT_GNU_IFUNC` symbols (their resolvers).
    pub ifunc: Option<&'static str>,
}

impl Features {
    /// The first feature that runs code of the object before narrowing, named for messages.
    pub(crate) fn blocking(&self, main: bool) -> Option<String> {
        if main && self.audit {
            return Some(
                "it names audit modules (DT_AUDIT), which glibc runs before anything else".into(),
            );
        }
        if main && self.depaudit {
            return Some(
                "it names audit modules (DT_DEPAUDIT), which glibc runs before anything else"
                    .into(),
            );
        }
        self.ifunc.map(|what| {
            format!("it has IFUNC resolvers ({what}), which run while the loader relocates it")
        })
    }
}

/// Why the program itself (`entries`: its dynamic section, read from `image`) would run code
/// before its loader is done, or None. A system program's own code is trusted; its audit
/// modules are not.
pub(crate) fn main_program_blocking(
    entries: &[(i64, u64)],
    image: &dyn Image,
    system: bool,
) -> Option<String> {
    if system {
        return audit_tags(entries).blocking(true);
    }
    match features(entries, image) {
        Ok(f) => f.blocking(true),
        Err(why) => Some(format!("its dynamic section cannot be checked: {why}")),
    }
}

/// Where an object's bytes come from: a file on disk or the image mapped in a process.
pub(crate) trait Image {
    /// `len` bytes at the object's (unrelocated) virtual address `vaddr`.
    fn read(&self, vaddr: u64, len: usize) -> Option<Vec<u8>>;
    /// Turns an address from the dynamic section into an unrelocated virtual address.
    fn unrelocate(&self, addr: u64) -> u64 {
        addr
    }
}

/// An ELF file, read through its `PT_LOAD` segments.
pub(crate) struct FileImage<'a> {
    file: &'a File,
    loads: Vec<Phdr>,
    dynamic: Option<Phdr>,
}

impl<'a> FileImage<'a> {
    /// Reads the program headers of an x86_64 ELF file (None for anything else).
    ///
    /// # Errors
    /// The file cannot be read.
    pub(crate) fn new(file: &'a File) -> std::io::Result<Option<FileImage<'a>>> {
        let Ok(h) = read_header(file)? else {
            return Ok(None);
        };
        let phdrs = phdrs(file, &h)?;
        Ok(Some(FileImage {
            file,
            loads: phdrs
                .iter()
                .copied()
                .filter(|p| p.p_type == PT_LOAD)
                .collect(),
            dynamic: phdrs.iter().copied().find(|p| p.p_type == PT_DYNAMIC),
        }))
    }

    /// The dynamic section's entries (empty for a static program).
    pub(crate) fn dynamic(&self) -> Vec<(i64, u64)> {
        let Some(d) = self.dynamic else {
            return Vec::new();
        };
        let len = usize::try_from(d.filesz).unwrap_or(0).min(MAX_DYNAMIC * 16);
        let mut buf = vec![0u8; len];
        if self.file.read_exact_at(&mut buf, d.offset).is_err() {
            return Vec::new();
        }
        parse_dynamic(&buf)
    }
}

impl Image for FileImage<'_> {
    fn read(&self, vaddr: u64, len: usize) -> Option<Vec<u8>> {
        let seg = self
            .loads
            .iter()
            .find(|p| vaddr >= p.vaddr && vaddr + len as u64 <= p.vaddr + p.filesz)?;
        let mut buf = vec![0u8; len];
        self.file
            .read_exact_at(&mut buf, seg.offset + (vaddr - seg.vaddr))
            .ok()?;
        Some(buf)
    }
}

/// Dynamic entries from raw bytes, up to `DT_NULL`.
pub(crate) fn parse_dynamic(buf: &[u8]) -> Vec<(i64, u64)> {
    let mut out = Vec::new();
    for e in buf.chunks_exact(16).take(MAX_DYNAMIC) {
        let tag = i64::from_le_bytes(e[..8].try_into().expect("8 bytes"));
        let val = u64::from_le_bytes(e[8..].try_into().expect("8 bytes"));
        if tag == DT_NULL {
            break;
        }
        out.push((tag, val));
    }
    out
}

/// The audit-module tags of a dynamic section (no table needs reading).
pub(crate) fn audit_tags(entries: &[(i64, u64)]) -> Features {
    Features {
        audit: entries.iter().any(|(t, _)| *t == DT_AUDIT),
        depaudit: entries.iter().any(|(t, _)| *t == DT_DEPAUDIT),
        ifunc: None,
    }
}

/// Reads the features of an object from its dynamic entries.
///
/// # Errors
/// A table the entries point to cannot be read: exactness cannot be checked (the caller
/// refuses the object).
pub(crate) fn features(entries: &[(i64, u64)], image: &dyn Image) -> Result<Features, String> {
    let get = |tag: i64| entries.iter().find(|(t, _)| *t == tag).map(|(_, v)| *v);
    let mut f = audit_tags(entries);
    for (table, size) in [(DT_RELA, DT_RELASZ), (DT_JMPREL, DT_PLTRELSZ)] {
        let (Some(addr), Some(size)) = (get(table), get(size)) else {
            continue;
        };
        let count = usize::try_from(size / 24).unwrap_or(usize::MAX);
        if count > MAX_RELOCS {
            return Err(format!("{count} relocations are more than it can check"));
        }
        let bytes = image
            .read(image.unrelocate(addr), count * 24)
            .ok_or("its relocation table cannot be read")?;
        let irelative = bytes.chunks_exact(24).any(|r| {
            u64::from_le_bytes(r[8..16].try_into().expect("8 bytes")) & 0xffff_ffff
                == u64::from(R_X86_64_IRELATIVE)
        });
        if irelative {
            f.ifunc = Some("R_X86_64_IRELATIVE relocations");
            return Ok(f);
        }
    }
    if let Some(symtab) = get(DT_SYMTAB) {
        let count = symbol_count(&get, image)?;
        if count > MAX_SYMBOLS {
            return Err(format!("{count} symbols are more than it can check"));
        }
        let bytes = image
            .read(image.unrelocate(symtab), count * 24)
            .ok_or("its symbol table cannot be read")?;
        let ifunc = bytes.chunks_exact(24).any(|s| {
            let shndx = u16::from_le_bytes([s[6], s[7]]);
            s[4] & 0xf == STT_GNU_IFUNC && shndx != 0
        });
        if ifunc {
            f.ifunc = Some("STT_GNU_IFUNC symbols");
        }
    }
    Ok(f)
}

/// How many entries the dynamic symbol table has, from DT_HASH or DT_GNU_HASH.
fn symbol_count(get: &dyn Fn(i64) -> Option<u64>, image: &dyn Image) -> Result<usize, String> {
    let word = |addr: u64| -> Result<u32, String> {
        image
            .read(addr, 4)
            .map(|b| u32::from_le_bytes(b[..4].try_into().expect("4 bytes")))
            .ok_or_else(|| "its symbol hash table cannot be read".to_string())
    };
    if let Some(hash) = get(DT_HASH) {
        return Ok(word(image.unrelocate(hash) + 4)? as usize);
    }
    let Some(gnu) = get(DT_GNU_HASH) else {
        return Err("it has a symbol table but no hash table".into());
    };
    let gnu = image.unrelocate(gnu);
    let nbuckets = u64::from(word(gnu)?);
    let symoffset = word(gnu + 4)?;
    let bloom = u64::from(word(gnu + 8)?);
    if nbuckets > MAX_SYMBOLS as u64 || bloom > MAX_SYMBOLS as u64 {
        return Err("its symbol hash table is implausibly large".into());
    }
    let buckets = gnu + 16 + bloom * 8;
    let raw = image
        .read(buckets, nbuckets as usize * 4)
        .ok_or("its symbol hash table cannot be read")?;
    let max = raw
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes")))
        .max()
        .unwrap_or(0);
    if max < symoffset {
        return Ok(symoffset as usize);
    }
    let chains = buckets + nbuckets * 4;
    let mut i = max;
    loop {
        if (i - symoffset) as usize > MAX_SYMBOLS {
            return Err("its symbol hash chain does not end".into());
        }
        if word(chains + u64::from(i - symoffset) * 4)? & 1 == 1 {
            return Ok(i as usize + 1);
        }
        i += 1;
    }
}

/// Why a path is not a system file: every directory on the way and the file itself must be
/// owned by root and not writable by group or others (so nobody but root can change what the
/// path leads to), and the file must lie under one of `roots`.
///
/// Returns the resolved path and the file's (device, inode).
///
/// # Errors
/// The reason, for messages.
pub(crate) fn system_file(path: &Path, roots: &[PathBuf]) -> Result<(PathBuf, (u64, u64)), String> {
    let resolved = resolve_trusted(path, 0)?;
    if !roots.iter().any(|r| resolved.starts_with(r)) {
        return Err(format!(
            "it is not in a system library directory ({})",
            roots
                .iter()
                .map(|r| r.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let meta = std::fs::metadata(&resolved).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("it is not a regular file".into());
    }
    safe_owner(&resolved, &meta)?;
    Ok((resolved, (meta.dev(), meta.ino())))
}

fn show(p: &Path) -> String {
    crate::abi::signature::escape_bare(p.as_os_str().as_bytes())
}

fn safe_owner(path: &Path, meta: &std::fs::Metadata) -> Result<(), String> {
    if meta.uid() != 0 {
        return Err(format!("`{}` is not owned by root", show(path)));
    }
    if meta.mode() & 0o022 != 0 {
        return Err(format!("`{}` is writable by group or others", show(path)));
    }
    Ok(())
}

/// Resolves `path` one component at a time, checking every directory it passes through
/// (`safe_owner`) and following symbolic links (they cannot change, since their directories
/// are checked). Relative paths are resolved from the current directory, which is checked
/// like the rest.
fn resolve_trusted(path: &Path, depth: u32) -> Result<PathBuf, String> {
    if depth > 40 {
        return Err("too many levels of symbolic links".into());
    }
    let mut cur = if path.is_absolute() {
        PathBuf::from("/")
    } else {
        std::env::current_dir().map_err(|e| e.to_string())?
    };
    if !path.is_absolute() {
        cur = resolve_trusted(&cur, depth + 1)?;
    }
    // Directories and links already found safe in this process (a launch checks the
    // program, its loader and its libraries, which share most of their path).
    static SAFE: std::sync::Mutex<Option<std::collections::HashMap<PathBuf, PathBuf>>> =
        std::sync::Mutex::new(None);
    let known = |p: &Path| {
        SAFE.lock()
            .ok()
            .and_then(|m| m.as_ref().and_then(|m| m.get(p).cloned()))
    };
    let remember = |p: PathBuf, resolved: PathBuf| {
        if let Ok(mut m) = SAFE.lock() {
            let m = m.get_or_insert_with(Default::default);
            if m.len() < 4096 {
                m.insert(p, resolved);
            }
        }
    };
    if known(Path::new("/")).is_none() {
        let root = std::fs::symlink_metadata("/").map_err(|e| e.to_string())?;
        safe_owner(Path::new("/"), &root)?;
        remember(PathBuf::from("/"), PathBuf::from("/"));
    }
    for comp in path.components() {
        match comp {
            Component::RootDir | Component::CurDir | Component::Prefix(_) => {}
            Component::ParentDir => {
                cur.pop();
            }
            Component::Normal(name) => {
                let next = cur.join(name);
                if let Some(resolved) = known(&next) {
                    cur = resolved;
                    continue;
                }
                let meta = std::fs::symlink_metadata(&next)
                    .map_err(|e| format!("`{}`: {e}", show(&next)))?;
                if meta.file_type().is_symlink() {
                    let target = std::fs::read_link(&next).map_err(|e| e.to_string())?;
                    let target = if target.is_absolute() {
                        target
                    } else {
                        cur.join(target)
                    };
                    let resolved = resolve_trusted(&target, depth + 1)?;
                    remember(next, resolved.clone());
                    cur = resolved;
                } else {
                    safe_owner(&next, &meta)?;
                    remember(next.clone(), next.clone());
                    cur = next;
                }
            }
        }
    }
    Ok(cur)
}

fn read_up_to(f: &File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read_at(&mut buf[n..], n as u64)? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
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
            Kind::Script {
                interpreter,
                arg,
                inner,
            } => {
                assert_eq!(interpreter, PathBuf::from("/bin/sh"));
                assert_eq!(arg.as_deref(), Some(OsStr::new("-e")));
                assert!(matches!(*inner, Kind::Dynamic { .. }));
            }
            k => panic!("{k:?}"),
        }
        let text = dir.path().join("t");
        std::fs::write(&text, "hello").unwrap();
        assert_eq!(inspect(&text).unwrap(), Kind::Unknown);
    }

    fn script(line: &[u8]) -> Option<(String, Option<String>)> {
        match parse_shebang(line) {
            Head::Script(i, a) => Some((
                i.display().to_string(),
                a.map(|a| a.to_string_lossy().into_owned()),
            )),
            Head::BadScript => None,
            Head::Other => panic!("not a script"),
        }
    }

    #[test]
    fn shebang_lines_parse_as_the_kernel_parses_them() {
        let s = |i: &str, a: Option<&str>| Some((i.to_string(), a.map(str::to_string)));
        assert_eq!(script(b"#!/bin/sh\n"), s("/bin/sh", None));
        assert_eq!(script(b"#! \t/bin/sh  \t\nxx"), s("/bin/sh", None));
        // one argument: everything after the name, spaces inside kept
        assert_eq!(
            script(b"#!/usr/bin/env  python3 -u  \n"),
            s("/usr/bin/env", Some("python3 -u"))
        );
        assert_eq!(script(b"#!/bin/sh\0-x\n"), s("/bin/sh", None));
        assert_eq!(script(b"#!\n"), None);
        assert_eq!(script(b"#!   \n"), None);
        // no newline in 256 bytes and no terminator after the name: cut off, ENOEXEC
        let mut long = b"#!/".to_vec();
        long.extend(std::iter::repeat_n(b'a', 300));
        assert_eq!(script(&long), None);
        // no newline but a space after the name: the name is whole
        let mut ok = b"#!/bin/sh ".to_vec();
        ok.extend(std::iter::repeat_n(b'x', 300));
        assert!(matches!(script(&ok), Some((i, Some(_))) if i == "/bin/sh"));
    }

    fn elf_with_interps(dir: &Path, interps: &[&[u8]]) -> PathBuf {
        // A minimal x86_64 ELF header with one PT_INTERP per entry, strings after the phdrs.
        let phnum = interps.len();
        let mut f = vec![0u8; 64 + 56 * phnum];
        f[..4].copy_from_slice(b"\x7fELF");
        f[4] = 2;
        f[5] = 1;
        f[16] = 3; // ET_DYN
        f[18] = 62;
        f[32..40].copy_from_slice(&64u64.to_le_bytes());
        f[54..56].copy_from_slice(&56u16.to_le_bytes());
        f[56..58].copy_from_slice(&(phnum as u16).to_le_bytes());
        for (i, s) in interps.iter().enumerate() {
            let off = f.len() as u64;
            f.extend_from_slice(s);
            let ph = 64 + 56 * i;
            f[ph..ph + 4].copy_from_slice(&PT_INTERP.to_le_bytes());
            f[ph + 8..ph + 16].copy_from_slice(&off.to_le_bytes());
            f[ph + 32..ph + 40].copy_from_slice(&(s.len() as u64).to_le_bytes());
        }
        let p = dir.join("elf");
        std::fs::write(&p, &f).unwrap();
        p
    }

    #[test]
    fn the_first_pt_interp_counts_up_to_its_first_nul() {
        let dir = tempfile::tempdir().unwrap();
        let p = elf_with_interps(
            dir.path(),
            &[
                b"/tmp/evil/ld.so\0/lib64/ld-linux-x86-64.so.2\0",
                b"/lib64/ld-linux-x86-64.so.2\0",
            ],
        );
        assert_eq!(
            inspect(&p).unwrap(),
            Kind::Dynamic {
                interpreter: "/tmp/evil/ld.so".into()
            }
        );
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

    #[test]
    fn system_libraries_are_system_files_and_temporary_ones_are_not() {
        let roots = vec![std::fs::canonicalize("/usr/lib").unwrap()];
        let libc = Path::new("/lib/x86_64-linux-gnu/libc.so.6");
        if libc.exists() {
            system_file(libc, &roots).unwrap();
            let f = File::open(libc).unwrap();
            let img = FileImage::new(&f).unwrap().unwrap();
            let feats = features(&img.dynamic(), &img).unwrap();
            assert!(
                feats.ifunc.is_some(),
                "glibc has IFUNC resolvers: {feats:?}"
            );
        }
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("lib.so");
        std::fs::write(&p, b"x").unwrap();
        let e = system_file(&p, &roots).unwrap_err();
        assert!(
            e.contains("writable") || e.contains("not in a system"),
            "{e}"
        );
    }
}
