//! Reading and writing files without losing data: bounded reads of text files
//! ([`read_limited`], [`read_text`]) and atomic writes that keep mode, owner and links
//! ([`write_atomic`]: an unnamed temporary file in the same directory, fsync, rename, fsync of
//! the directory). The only file I/O below the session; every format reads and writes through
//! it.

use std::ffi::CString;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Reads a whole text file of at most `max` bytes (reading at most one byte more).
///
/// # Errors
/// The reason as text: the I/O error, "is a directory", "larger than …" or "not UTF-8 …".
pub(crate) fn read_limited(path: &Path, max: u64, what: &str) -> Result<String, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err("is a directory, not a file".into());
    }
    read_text(file, max, what)
}

/// Reads an open file's text, refusing more than `max` bytes (at most one byte more is read,
/// so `/dev/zero` costs nothing) or bytes that are not UTF-8; `what` names the kind of file
/// for the message ("a policy", "a script").
///
/// # Errors
/// The reason as text.
pub(crate) fn read_text(file: std::fs::File, max: u64, what: &str) -> Result<String, String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > max {
        return Err(format!(
            "larger than {} MiB, the limit for {what} ({max} bytes)",
            max >> 20
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// How many other names (hard links) the file at `path` has, following a symlink: a save
/// replaces the file, and those names keep the previous content.
pub(crate) fn other_links(path: &Path) -> u64 {
    std::fs::metadata(path)
        .map(|m| m.nlink().saturating_sub(1))
        .unwrap_or(0)
}

/// Writes `data` to `path` so that readers see either the old or the new file, never a
/// partial one, and a crash or kill at any point loses neither:
/// - a symlink is written through: its target is replaced and the link stays (a dangling
///   link is refused); anything but a regular file is refused;
/// - the data goes to an unnamed temporary file (`O_TMPFILE`) in the target's directory, is
///   fsynced, and only then is linked in as `.NAME.tmp.PID` and renamed over the target, and
///   the directory is fsynced; where the file system has no `O_TMPFILE`, the named
///   temporary file is created (0600) and written directly;
/// - temporaries `.NAME.tmp.PID` left by processes that no longer run (killed mid-save) are
///   removed;
/// - the new file gets the old one's permission bits, and its owner and group where that is
///   permitted (as root); a new file gets 0666 minus the umask.
///
/// Other hard links to the old file keep the old content (see [`other_links`]).
///
/// # Errors
/// Any I/O failure, saying which step (the temporary file is removed, the target left as
/// it was).
pub(crate) fn write_atomic(path: &Path, data: &[u8]) -> std::io::Result<()> {
    write_with(path, data, true)
}

/// [`write_atomic`]; `unnamed` false takes the fallback for file systems without
/// `O_TMPFILE` (tested).
fn write_with(path: &Path, data: &[u8], unnamed: bool) -> std::io::Result<()> {
    let target = resolve(path)?;
    let existing = match std::fs::metadata(&target) {
        Ok(m) if m.is_file() => Some(m),
        Ok(_) => {
            return Err(std::io::Error::other(format!(
                "`{}` is not a regular file",
                target.display()
            )));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .ok_or_else(|| std::io::Error::other(format!("`{}` names no file", path.display())))?;
    let prefix = format!(".{}.tmp.", name.to_string_lossy());
    remove_stale(&dir, &prefix);
    let tmp = dir.join(format!("{prefix}{}", std::process::id()));
    let step =
        |what: &str, e: std::io::Error| std::io::Error::new(e.kind(), format!("{what}: {e}"));
    // Until the final mode is set, only we may read the data of a file that was private.
    let create_mode = if existing.is_some() { 0o600 } else { 0o666 };
    let unnamed = if unnamed {
        std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_TMPFILE | libc::O_CLOEXEC)
            .mode(create_mode)
            .open(&dir)
    } else {
        Err(std::io::Error::from_raw_os_error(libc::EOPNOTSUPP))
    };
    let result = match unnamed {
        Ok(mut f) => match prepare(&mut f, data, existing.as_ref()) {
            Err(e) => Err(step("cannot write the new content", e)),
            // Linking through /proc/self/fd needs /proc: else a named file after all.
            Ok(()) => link_in(&f, &tmp)
                .or_else(|_| write_named(&tmp, data, existing.as_ref(), create_mode)),
        },
        Err(e)
            if matches!(
                e.raw_os_error(),
                Some(libc::EOPNOTSUPP | libc::EISDIR | libc::EINVAL)
            ) =>
        {
            write_named(&tmp, data, existing.as_ref(), create_mode)
        }
        Err(e) => Err(step(
            &format!("cannot create a file in `{}`", dir.display()),
            e,
        )),
    }
    .and_then(|()| {
        std::fs::rename(&tmp, &target)
            .map_err(|e| step(&format!("cannot replace `{}`", target.display()), e))
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
        return result;
    }
    // The rename is durable once the directory is (some file systems cannot sync one).
    match std::fs::File::open(&dir).and_then(|d| d.sync_all()) {
        Err(e) if e.raw_os_error() != Some(libc::EINVAL) => Err(step(
            &format!(
                "the file was replaced, but the directory `{}` cannot be synced",
                dir.display()
            ),
            e,
        )),
        _ => Ok(()),
    }
}

/// The file to write for `path`: itself, or the final target of the symlink it is.
fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => match std::fs::canonicalize(path) {
            Ok(t) => Ok(t),
            Err(e) => {
                let to = std::fs::read_link(path)
                    .map(|t| t.display().to_string())
                    .unwrap_or_else(|_| "?".into());
                Err(std::io::Error::new(
                    e.kind(),
                    format!(
                        "`{}` is a symlink to `{to}`, which cannot be followed ({e}): refusing \
                         to replace the link or create its target",
                        path.display()
                    ),
                ))
            }
        },
        _ => Ok(path.to_path_buf()),
    }
}

/// Writes the data, gives the file the old one's owner and mode, syncs it.
fn prepare(
    f: &mut std::fs::File,
    data: &[u8],
    existing: Option<&std::fs::Metadata>,
) -> std::io::Result<()> {
    f.write_all(data)?;
    if let Some(m) = existing {
        // SAFETY: geteuid/getegid cannot fail.
        let (uid, gid) = unsafe { (libc::geteuid(), libc::getegid()) };
        if (m.uid(), m.gid()) != (uid, gid) {
            // Only root can give a file away; a group of ours is allowed. Best effort: the
            // new file is ours otherwise.
            if std::os::unix::fs::fchown(&*f, Some(m.uid()), Some(m.gid())).is_err() {
                let _ = std::os::unix::fs::fchown(&*f, None, Some(m.gid()));
            }
        }
        // After chown, which clears set-id bits.
        f.set_permissions(std::fs::Permissions::from_mode(m.mode() & 0o7777))?;
    }
    f.sync_all()
}

/// Gives the unnamed file `f` the name `tmp`.
fn link_in(f: &std::fs::File, tmp: &Path) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    let from = CString::new(format!("/proc/self/fd/{}", f.as_raw_fd()))
        .map_err(|_| std::io::Error::other("unreachable: a number holds no NUL"))?;
    let to = CString::new(tmp.as_os_str().as_bytes())
        .map_err(|_| std::io::Error::other("the path holds a NUL byte"))?;
    // SAFETY: two valid C strings; AT_SYMLINK_FOLLOW links the file /proc's link names.
    let r = unsafe {
        libc::linkat(
            libc::AT_FDCWD,
            from.as_ptr(),
            libc::AT_FDCWD,
            to.as_ptr(),
            libc::AT_SYMLINK_FOLLOW,
        )
    };
    if r != 0 {
        let e = std::io::Error::last_os_error();
        return Err(std::io::Error::new(
            e.kind(),
            format!("cannot link the new file in as `{}`: {e}", tmp.display()),
        ));
    }
    Ok(())
}

/// The fallback without `O_TMPFILE`: a named temporary file, written and synced.
fn write_named(
    tmp: &Path,
    data: &[u8],
    existing: Option<&std::fs::Metadata>,
    mode: u32,
) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .custom_flags(libc::O_CLOEXEC | libc::O_NOFOLLOW)
        .mode(mode)
        .open(tmp)
        .map_err(|e| {
            std::io::Error::new(e.kind(), format!("cannot create `{}`: {e}", tmp.display()))
        })?;
    prepare(&mut f, data, existing).map_err(|e| {
        std::io::Error::new(e.kind(), format!("cannot write `{}`: {e}", tmp.display()))
    })
}

/// Removes `PREFIX<pid>` files in `dir` whose process no longer runs (or is this one: a
/// process saves one file at a time, so ours is left from a dead process whose pid we got).
fn remove_stale(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let me = std::process::id();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(prefix))
            .filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        if pid == me || !alive(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether a process `pid` exists (in our pid namespace).
fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 only checks that the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().mode() & 0o7777
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = dir
            .read_dir()
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn the_mode_is_kept_with_and_without_o_tmpfile() {
        for unnamed in [true, false] {
            let dir = tempfile::tempdir().unwrap();
            let p = dir.path().join("p.json");
            for m in [0o600, 0o640, 0o604] {
                std::fs::write(&p, "old").unwrap();
                std::fs::set_permissions(&p, std::fs::Permissions::from_mode(m)).unwrap();
                write_with(&p, b"new", unnamed).unwrap();
                assert_eq!(std::fs::read(&p).unwrap(), b"new");
                assert_eq!(mode(&p), m, "unnamed {unnamed}");
            }
            assert_eq!(names(dir.path()), ["p.json"], "unnamed {unnamed}");
        }
    }

    #[test]
    fn the_owner_is_kept_when_permitted() {
        // SAFETY: geteuid cannot fail.
        if unsafe { libc::geteuid() } != 0 {
            return; // only root can give a file away
        }
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.json");
        std::fs::write(&p, "old").unwrap();
        std::os::unix::fs::chown(&p, Some(65534), Some(65534)).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&p, b"new").unwrap();
        let m = std::fs::metadata(&p).unwrap();
        assert_eq!((m.uid(), m.gid(), m.mode() & 0o7777), (65534, 65534, 0o640));
    }

    #[test]
    fn a_symlink_is_written_through_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        let target = dir.path().join("real/p.json");
        std::fs::write(&target, "old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("real/p.json", &link).unwrap();
        let chain = dir.path().join("chain.json");
        std::os::unix::fs::symlink("link.json", &chain).unwrap();
        write_atomic(&link, b"one").unwrap();
        write_atomic(&chain, b"two").unwrap();
        for l in [&link, &chain] {
            assert!(
                std::fs::symlink_metadata(l)
                    .unwrap()
                    .file_type()
                    .is_symlink()
            );
        }
        assert_eq!(std::fs::read(&target).unwrap(), b"two");
        assert_eq!(mode(&target), 0o600);
        assert_eq!(names(&dir.path().join("real")), ["p.json"]);
        // A dangling link and a directory are refused, saying why; nothing is created.
        let dangling = dir.path().join("dangling.json");
        std::os::unix::fs::symlink("nowhere.json", &dangling).unwrap();
        let e = write_atomic(&dangling, b"x").unwrap_err().to_string();
        assert!(e.contains("is a symlink to `nowhere.json`"), "{e}");
        assert!(!dir.path().join("nowhere.json").exists());
        let e = write_atomic(&dir.path().join("real"), b"x")
            .unwrap_err()
            .to_string();
        assert!(e.contains("not a regular file"), "{e}");
        assert_eq!(
            names(dir.path()),
            ["chain.json", "dangling.json", "link.json", "real"]
        );
    }

    #[test]
    fn temporaries_of_dead_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.json");
        let mut done = std::process::Command::new("true").spawn().unwrap();
        let dead = done.id();
        done.wait().unwrap();
        let mut sleeper = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let live = sleeper.id();
        for n in [
            format!(".p.json.tmp.{dead}"),
            format!(".p.json.tmp.{live}"),
            format!(".p.json.tmp.{}", std::process::id()),
            ".p.json.tmp.x1".into(),
            format!(".other.json.tmp.{dead}"),
        ] {
            std::fs::write(dir.path().join(n), "partial").unwrap();
        }
        write_atomic(&p, b"new").unwrap();
        let _ = sleeper.kill();
        let _ = sleeper.wait();
        let mut want = vec![
            format!(".other.json.tmp.{dead}"),
            format!(".p.json.tmp.{live}"),
            ".p.json.tmp.x1".to_string(),
            "p.json".to_string(),
        ];
        want.sort();
        assert_eq!(
            names(dir.path()),
            want,
            "dead {dead} and our own removed; a live process's, other names' kept"
        );
    }

    #[test]
    fn a_new_file_gets_the_umask_mode_and_hard_links_are_counted() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.json");
        // The mask, read without changing it (other tests run meanwhile).
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let umask = status
            .lines()
            .find_map(|l| l.strip_prefix("Umask:"))
            .map(|m| u32::from_str_radix(m.trim(), 8).unwrap())
            .unwrap();
        write_atomic(&p, b"new").unwrap();
        assert_eq!(mode(&p), 0o666 & !umask);
        assert_eq!(other_links(&p), 0);
        std::fs::hard_link(&p, dir.path().join("other.json")).unwrap();
        assert_eq!(other_links(&p), 1);
        write_atomic(&p, b"newer").unwrap();
        assert_eq!(
            std::fs::read(dir.path().join("other.json")).unwrap(),
            b"new",
            "replace-by-rename: the other name keeps the old content"
        );
        assert_eq!(other_links(&p), 0);
    }
}
