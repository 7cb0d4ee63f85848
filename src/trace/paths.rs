//! What a traced call touches: the traced task's memory, read with `process_vm_readv` (its
//! bytes are the program's, untrusted, and used only for display and suggestions, never to
//! decide enforcement), and the paths its arguments name, resolved as the task sees them and
//! classified in Landlock's terms by the roles of the per-syscall table (`abi::table`).

use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use super::profile::normalise;
use crate::abi::table::{self, Arg, PathUse, Role};
use crate::policy::unveil::Perms;

/// Reads up to `len` bytes of `pid`'s memory at `addr`.
pub(super) fn read_mem(pid: i32, addr: u64, len: usize) -> Option<Vec<u8>> {
    if addr == 0 || len == 0 {
        return None;
    }
    match crate::sandbox::os::read_memory(pid, addr, len) {
        Some(buf) => Some(buf),
        None => {
            // A string near the end of a mapping: retry up to the page boundary.
            let to_page_end = 4096 - (addr as usize & 4095);
            if to_page_end < len {
                return read_mem(pid, addr, to_page_end);
            }
            None
        }
    }
}

/// Reads memory for a decoder. A `PATH_MAX` request is a file name: read a short prefix
/// first and the rest only when it holds no NUL, since copying 4 KiB for a 12-byte path
/// dominated the cost of decoding an `openat`.
pub(super) fn read_for_decoder(pid: i32, addr: u64, len: usize) -> Option<Vec<u8>> {
    const PREFIX: usize = 256;
    if len != 4096 {
        return read_mem(pid, addr, len);
    }
    let first = read_mem(pid, addr, PREFIX)?;
    if first.len() < PREFIX || first.contains(&0) {
        return Some(first);
    }
    read_mem(pid, addr, len)
}

fn read_c_string(pid: i32, addr: u64) -> Option<Vec<u8>> {
    let bytes = read_for_decoder(pid, addr, 4096)?;
    let end = bytes.iter().position(|b| *b == 0)?;
    Some(bytes[..end].to_vec())
}

/// The absolute path a `(dirfd, path)` pair names, as the traced task sees it.
fn resolve(pid: i32, dirfd: Option<u64>, path_addr: u64) -> Option<PathBuf> {
    let raw = read_c_string(pid, path_addr)?;
    if raw.is_empty() {
        return None;
    }
    let path = PathBuf::from(std::ffi::OsStr::from_bytes(&raw));
    if path.is_absolute() {
        return Some(normalise(&path));
    }
    let base = match dirfd.map(|d| d as i32) {
        None | Some(libc::AT_FDCWD) => std::fs::read_link(format!("/proc/{pid}/cwd")).ok()?,
        Some(fd) if fd >= 0 => std::fs::read_link(format!("/proc/{pid}/fd/{fd}")).ok()?,
        Some(_) => return None,
    };
    Some(normalise(&base.join(path)))
}

fn parent(p: &Path) -> PathBuf {
    p.parent()
        .map_or_else(|| PathBuf::from("/"), Path::to_path_buf)
}

const O_ACCMODE: u64 = libc::O_ACCMODE as u64;
const O_CREAT: u64 = libc::O_CREAT as u64;
const O_TRUNC: u64 = libc::O_TRUNC as u64;
const O_DIRECTORY: u64 = libc::O_DIRECTORY as u64;
const O_PATH: u64 = libc::O_PATH as u64;
const O_TMPFILE: u64 = libc::O_TMPFILE as u64;

/// What an open with these flags uses, in Landlock's terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OpenUse {
    /// `O_TMPFILE`: an unnamed file made in the directory (`c` on it).
    TmpFile,
    /// The named file: read and/or write (`O_TRUNC` writes), a directory (`O_DIRECTORY`),
    /// made when absent (`O_CREAT`).
    File {
        letters: Perms,
        dir: bool,
        creat: bool,
    },
}

/// How a call opening with `flags` uses its path (`None` for `O_PATH`, which uses nothing
/// Landlock governs).
fn open_use(flags: u64) -> Option<OpenUse> {
    if flags & O_PATH != 0 {
        return None;
    }
    if flags & O_TMPFILE == O_TMPFILE {
        return Some(OpenUse::TmpFile);
    }
    let mut letters = match flags & O_ACCMODE {
        0 => Perms::READ,
        1 => Perms::WRITE,
        _ => Perms::READ.union(Perms::WRITE),
    };
    if flags & O_TRUNC != 0 {
        letters = letters.union(Perms::WRITE);
    }
    Some(OpenUse::File {
        letters,
        dir: flags & O_DIRECTORY != 0,
        creat: flags & O_CREAT != 0,
    })
}

/// One path a call uses.
#[derive(Clone)]
pub(super) struct PathUseAt {
    pub(super) path: PathBuf,
    /// The Landlock rights it uses (none for a path it only creates).
    pub(super) letters: Perms,
    /// It is a directory.
    pub(super) dir: bool,
    /// The call creates it when it succeeds (it was not there at the call's entry).
    pub(super) creates: bool,
}

fn at(path: PathBuf, letters: Perms, dir: bool) -> PathUseAt {
    PathUseAt {
        path,
        letters,
        dir,
        creates: false,
    }
}

fn created(path: PathBuf, dir: bool) -> PathUseAt {
    PathUseAt {
        path,
        letters: Perms::default(),
        dir,
        creates: true,
    }
}

/// The Landlock-governed uses of a call's paths, and the paths it creates: the roles of its
/// arguments in the per-syscall table (`abi::table`), in argument order.
pub(super) fn path_uses(pid: i32, nr: u32, a: &[u64; 6]) -> Vec<PathUseAt> {
    let open = |dirfd: Option<u64>, path: u64, flags: u64| -> Vec<PathUseAt> {
        let Some(how) = open_use(flags) else {
            return Vec::new();
        };
        let Some(p) = resolve(pid, dirfd, path) else {
            return Vec::new();
        };
        let OpenUse::File {
            letters,
            dir,
            creat,
        } = how
        else {
            return vec![at(p, Perms::CREATE, true)];
        };
        let mut v = Vec::with_capacity(2);
        let creates = creat && std::fs::symlink_metadata(&p).is_err();
        if creates {
            v.push(at(parent(&p), Perms::CREATE, true));
        }
        v.push(PathUseAt {
            path: p,
            letters,
            dir,
            creates,
        });
        v
    };
    // An entry made or removed in a directory.
    let entry_at = |dirfd: Option<u64>, path: u64| -> Vec<PathUseAt> {
        resolve(pid, dirfd, path)
            .map(|p| vec![at(parent(&p), Perms::CREATE, true)])
            .unwrap_or_default()
    };
    // An entry made (when the call succeeds), with `c` on its directory; `replaces`: a call
    // that may replace an existing entry (rename), which then was there before.
    let made = |dirfd: Option<u64>, path: u64, dir: bool, replaces: bool| -> Vec<PathUseAt> {
        resolve(pid, dirfd, path)
            .map(|p| {
                let mut v = vec![at(parent(&p), Perms::CREATE, true)];
                if !replaces || std::fs::symlink_metadata(&p).is_err() {
                    v.push(created(p, dir));
                }
                v
            })
            .unwrap_or_default()
    };
    // A named AF_UNIX socket creates an entry in its directory.
    let bind = |addr: u64, len: u64| -> Vec<PathUseAt> {
        let len = (len as usize).min(110);
        match read_mem(pid, addr, len) {
            Some(b) if b.len() > 2 && u16::from_ne_bytes([b[0], b[1]]) == 1 && b[2] != 0 => {
                let end = b[2..]
                    .iter()
                    .position(|c| *c == 0)
                    .map_or(b.len(), |i| i + 2);
                let p = PathBuf::from(std::ffi::OsStr::from_bytes(&b[2..end]));
                let p = if p.is_absolute() {
                    normalise(&p)
                } else {
                    match std::fs::read_link(format!("/proc/{pid}/cwd")) {
                        Ok(cwd) => normalise(&cwd.join(p)),
                        Err(_) => return Vec::new(),
                    }
                };
                vec![at(parent(&p), Perms::CREATE, true), created(p, false)]
            }
            _ => Vec::new(),
        }
    };
    let used = |dirfd: Option<u64>, path: u64, letters: Perms| -> Vec<PathUseAt> {
        resolve(pid, dirfd, path)
            .map(|p| vec![at(p, letters, false)])
            .unwrap_or_default()
    };
    let Some(entry) = table::entry(nr) else {
        return Vec::new();
    };
    // The flags of the call's opened path: an argument, or a field of `struct open_how`.
    let flags = entry
        .params
        .iter()
        .zip(a)
        .find_map(|(p, &v)| match p.role {
            Role::OpenFlags => Some(v),
            Role::OpenHow => Some(read_mem(pid, v, 8).filter(|b| b.len() == 8).map_or(0, |b| {
                u64::from_ne_bytes(b[..8].try_into().unwrap_or([0; 8]))
            })),
            _ => None,
        })
        .unwrap_or(0);
    let mut uses = Vec::new();
    for (i, p) in entry.params.iter().enumerate() {
        // A path is relative to the directory descriptor just before it, if there is one.
        let dirfd = i
            .checked_sub(1)
            .filter(|&d| entry.params[d].kind == Arg::DirFd)
            .map(|d| a[d]);
        uses.extend(match p.role {
            Role::Path(PathUse::Open) => open(dirfd, a[i], flags),
            Role::Path(PathUse::Creat) => open(dirfd, a[i], O_CREAT | O_TRUNC | 1),
            Role::Path(PathUse::Exec) => used(dirfd, a[i], Perms::EXEC),
            Role::Path(PathUse::Write) => used(dirfd, a[i], Perms::WRITE),
            Role::Path(PathUse::Remove) => entry_at(dirfd, a[i]),
            Role::Path(PathUse::Make) => made(dirfd, a[i], false, false),
            Role::Path(PathUse::MakeDir) => made(dirfd, a[i], true, false),
            Role::Path(PathUse::Replace) => made(dirfd, a[i], false, true),
            Role::Bind => match p.kind {
                Arg::SockAddr(len) => bind(a[i], a[usize::from(len)]),
                _ => Vec::new(),
            },
            Role::None | Role::OpenFlags | Role::OpenHow => Vec::new(),
        });
    }
    uses
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_open_flags_are_the_kernels() {
        assert_eq!(
            (O_ACCMODE, O_CREAT, O_TRUNC, O_DIRECTORY, O_PATH, O_TMPFILE),
            (0o3, 0o100, 0o1000, 0o200000, 0o10000000, 0o20200000)
        );
    }

    #[test]
    fn opens_use_what_their_flags_say() {
        let file = |letters, dir, creat| {
            Some(OpenUse::File {
                letters,
                dir,
                creat,
            })
        };
        let rw = Perms::READ.union(Perms::WRITE);
        assert_eq!(open_use(0), file(Perms::READ, false, false));
        assert_eq!(open_use(1), file(Perms::WRITE, false, false));
        assert_eq!(open_use(2), file(rw, false, false));
        assert_eq!(open_use(3), file(rw, false, false));
        // O_TRUNC writes, even with O_RDONLY; O_CREAT makes; O_DIRECTORY is a directory.
        assert_eq!(open_use(O_TRUNC), file(rw, false, false));
        assert_eq!(
            open_use(1 | O_CREAT | O_TRUNC),
            file(Perms::WRITE, false, true)
        );
        assert_eq!(open_use(O_DIRECTORY), file(Perms::READ, true, false));
        // O_PATH uses nothing; O_TMPFILE (which includes O_DIRECTORY) makes in the directory.
        assert_eq!(open_use(O_PATH | 2), None);
        assert_eq!(open_use(O_TMPFILE | 2), Some(OpenUse::TmpFile));
        assert_eq!(
            open_use(O_TMPFILE & !O_DIRECTORY),
            file(Perms::READ, false, false)
        );
    }

    #[test]
    fn a_parent_is_never_empty() {
        assert_eq!(parent(Path::new("/etc/hosts")), PathBuf::from("/etc"));
        assert_eq!(parent(Path::new("/")), PathBuf::from("/"));
    }
}
