//! Unveil rules → a created Landlock ruleset (with the `landlock` crate), ready for the child
//! to enforce, plus an honest account of what the running kernel will enforce.
//!
//! Permission letters map to Landlock rights as follows (directories / files):
//!
//! | letter | directory | file |
//! |---|---|---|
//! | `r` | READ_FILE, READ_DIR | READ_FILE |
//! | `w` | WRITE_FILE, TRUNCATE, IOCTL_DEV | same |
//! | `x` | EXECUTE | EXECUTE |
//! | `c` | MAKE_* (all), REMOVE_FILE, REMOVE_DIR, REFER | nothing (creation is a directory right) |
//!
//! Every right of that table is *handled*, so whatever is not unveiled is denied; with ABI ≥ 6
//! the domain is also scoped (no signals to, and no abstract-socket connections with,
//! processes outside the sandbox). Opening the rule paths happens here, in the parent, before
//! any fork; paths under `/proc/self` are opened by the child itself (they name the process
//! that opens them) through [`ChildRule`].

use std::ffi::CString;
use std::os::fd::{AsRawFd, IntoRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use landlock::{
    ABI, Access, AccessFs, AccessNet, BitFlags, CompatLevel, Compatible, NetPort, Ruleset,
    RulesetAttr, RulesetCreatedAttr, Scope,
};

use crate::policy::Perms;
use crate::policy::unveil::{Port, PortAccess};

/// The newest ABI whose rights we ask for. Rights of later ABIs (e.g. RESOLVE_UNIX, ABI 9)
/// are not requested, so nothing changes silently on newer kernels.
pub(crate) const TARGET_ABI: ABI = ABI::V6;

/// Where an unveil rule comes from, for `show` and error messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    /// `-v` / `unveil`: a missing path is an error.
    User,
    /// Implied by a promise, the program or its loader: skipped when missing.
    Implicit(String),
}

/// A rule to apply: path, letters, origin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct UnveilSpec {
    /// The path.
    pub path: PathBuf,
    /// The letters.
    pub perms: Perms,
    /// Where it comes from.
    pub source: Source,
}

/// How much of the request the kernel enforces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Enforcement {
    /// Everything asked.
    Full,
    /// Some rights or scopes are missing from this kernel's ABI.
    Partial,
    /// Landlock is not available at all.
    None,
    /// Nothing was asked (`-V` on a kernel without scopes).
    NotRequested,
}

/// What the kernel will enforce, said before the program runs.
#[derive(Clone, Debug)]
pub(crate) struct Report {
    /// The kernel's Landlock ABI (0 when unavailable).
    pub abi: i32,
    /// Overall status.
    pub enforcement: Enforcement,
    /// Human-readable list of what is not enforced.
    pub dropped: Vec<String>,
    /// Notes about individual rules (e.g. `c` on a file).
    pub notes: Vec<String>,
    /// The rules actually added: path, letters, origin.
    pub rules: Vec<UnveilSpec>,
}

/// A rule the child adds itself, because its path names the child (`/proc/self/...`).
#[derive(Debug)]
pub(crate) struct ChildRule {
    /// The path, NUL-terminated.
    pub path: CString,
    /// Rights if it is a directory (already limited to the kernel's ABI).
    pub dir_access: u64,
    /// Rights if it is not a directory.
    pub file_access: u64,
}

/// A ruleset ready for `landlock_restrict_self` in the child.
#[derive(Debug)]
pub(crate) struct Prepared {
    /// The ruleset fd (close-on-exec); `None` when there is nothing to enforce.
    pub ruleset: Option<OwnedFd>,
    /// Rules the child adds before restricting itself.
    pub child_rules: Vec<ChildRule>,
    /// What will be enforced.
    pub report: Report,
}

/// Why the Landlock ruleset could not be prepared.
#[derive(Debug, thiserror::Error)]
pub enum LandlockError {
    /// A `-v` path that does not exist or cannot be opened.
    #[error("cannot unveil `{path}`: {source}")]
    Path {
        /// The path.
        path: PathBuf,
        /// The letters asked for it.
        perms: Perms,
        /// Why it failed.
        #[source]
        source: std::io::Error,
    },
    /// `--strict` and the kernel enforces less than asked.
    #[error("Landlock on this kernel (ABI {abi}) cannot enforce everything asked: {}; run without --strict to accept this", dropped.join("; "))]
    Incomplete {
        /// The kernel's ABI.
        abi: i32,
        /// What is missing.
        dropped: Vec<String>,
    },
    /// The kernel refused a path's rule (should not happen with the rights we ask).
    #[error("Landlock refused the rule for `{}`: {source}", path.display())]
    Rule {
        /// The path.
        path: PathBuf,
        /// Why it failed.
        #[source]
        source: std::io::Error,
    },
    /// The landlock crate refused (should not happen with the rights we ask).
    #[error("Landlock: {0}")]
    Ruleset(#[from] landlock::RulesetError),
}

/// Environment variable that caps the Landlock ABI used (never raises it): set it to see, on
/// a new kernel, exactly what an older one would enforce (`0` = no Landlock).
pub(crate) const ABI_CAP_ENV: &str = "SECCOMP_PLEDGE_LANDLOCK_ABI";

/// The Landlock ABI in use: the kernel's, lowered to [`ABI_CAP_ENV`] when that is set; 0 when
/// Landlock is unavailable.
pub(crate) fn kernel_abi() -> i32 {
    let (abi, _) = abi_and_cap();
    abi
}

/// The ABI in use and, when `SECCOMP_PLEDGE_LANDLOCK_ABI` lowered it, the kernel's own.
pub(crate) fn abi_and_cap() -> (i32, Option<i32>) {
    let kernel = kernel_abi_raw();
    match std::env::var(ABI_CAP_ENV)
        .ok()
        .and_then(|c| c.trim().parse::<i32>().ok())
    {
        Some(cap) if cap.max(0) < kernel => (cap.max(0), Some(kernel)),
        _ => (kernel, None),
    }
}

fn kernel_abi_raw() -> i32 {
    // Asked once: a launch needs it in several places.
    static ABI: std::sync::OnceLock<i32> = std::sync::OnceLock::new();
    *ABI.get_or_init(kernel_abi_query)
}

fn kernel_abi_query() -> i32 {
    // SAFETY: with a NULL attribute, size 0 and LANDLOCK_CREATE_RULESET_VERSION the syscall
    // only returns the ABI version; it reads and writes no memory.
    let v = unsafe {
        libc::syscall(
            libc::SYS_landlock_create_ruleset,
            std::ptr::null::<u8>(),
            0usize,
            1u32, // LANDLOCK_CREATE_RULESET_VERSION
        )
    };
    i32::try_from(v).unwrap_or(0).max(0)
}

/// The Landlock rights `perms` grant on a directory or on a file (the table above).
pub(crate) fn access_for(perms: Perms, is_dir: bool) -> BitFlags<AccessFs> {
    let mut a = BitFlags::<AccessFs>::empty();
    if perms.contains(Perms::READ) {
        a |= AccessFs::ReadFile;
        if is_dir {
            a |= AccessFs::ReadDir;
        }
    }
    if perms.contains(Perms::WRITE) {
        a |= AccessFs::WriteFile | AccessFs::Truncate | AccessFs::IoctlDev;
    }
    if perms.contains(Perms::EXEC) {
        a |= AccessFs::Execute;
    }
    if perms.contains(Perms::CREATE) && is_dir {
        a |= AccessFs::MakeChar
            | AccessFs::MakeDir
            | AccessFs::MakeReg
            | AccessFs::MakeSock
            | AccessFs::MakeFifo
            | AccessFs::MakeBlock
            | AccessFs::MakeSym
            | AccessFs::RemoveDir
            | AccessFs::RemoveFile
            | AccessFs::Refer;
    }
    a
}

/// The unveil letter that grants a right the kernel names in its audit records
/// (`fs.read_file` → `r`), read off the letter table above; `None` for rights no letter
/// grants (network ports, scopes).
pub(crate) fn letter_for_right(kernel_name: &str) -> Option<Perms> {
    let name = kernel_name.strip_prefix("fs.")?;
    let right = handled().iter().find(|r| snake(*r) == name)?;
    [Perms::READ, Perms::WRITE, Perms::EXEC, Perms::CREATE]
        .into_iter()
        .find(|&p| access_for(p, true).contains(right))
}

/// A right's name as the kernel writes it (`ReadFile` → `read_file`).
pub(crate) fn snake(r: AccessFs) -> String {
    let mut out = String::new();
    for (i, c) in format!("{r:?}").chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// Everything the letter table can grant: the handled set.
fn handled() -> BitFlags<AccessFs> {
    access_for(
        Perms::READ
            .union(Perms::WRITE)
            .union(Perms::EXEC)
            .union(Perms::CREATE),
        true,
    )
}

fn abi_of(v: i32) -> ABI {
    ABI::from(v)
}

fn names(a: BitFlags<AccessFs>) -> Vec<String> {
    a.iter().map(|r| snake(r).to_ascii_uppercase()).collect()
}

/// Opens the rule paths and creates the ruleset.
///
/// `unveil_files` is false for `-V`: no file-system rule is handled then, but the domain is
/// still scoped when the kernel can.
///
/// # Errors
/// A user path that cannot be opened, or `--strict` with a kernel that enforces less.
pub(crate) fn prepare(
    specs: &[UnveilSpec],
    ports: &[Port],
    unveil_files: bool,
    strict: bool,
) -> Result<Prepared, LandlockError> {
    let abi_num = kernel_abi();
    let abi = abi_of(abi_num);
    let supported_fs = AccessFs::from_all(abi);
    // Network unveils: each kind given is handled, so only its ports are allowed.
    let want_net: BitFlags<AccessNet> = ports
        .iter()
        .map(|p| net_access(p.access))
        .fold(BitFlags::empty(), |a, b| a | b);
    let supported_net = AccessNet::from_all(abi);
    let want_fs = if unveil_files {
        handled()
    } else {
        BitFlags::empty()
    };
    let want_scope = Scope::from_all(TARGET_ABI);
    let have_scope = Scope::from_all(abi);

    let mut dropped = Vec::new();
    let missing_fs = want_fs & !supported_fs;
    if abi_num == 0 && !want_fs.is_empty() {
        dropped.push(
            "Landlock is not available on this kernel: unveil rules are NOT enforced".to_string(),
        );
    } else if !missing_fs.is_empty() {
        dropped.push(format!(
            "rights not in ABI {abi_num}: {}",
            names(missing_fs).join(", ")
        ));
    }
    if !(want_net & !supported_net).is_empty() {
        let list: Vec<String> = ports.iter().map(ToString::to_string).collect();
        dropped.push(format!(
            "network unveils need ABI 4, ABI {abi_num} is in use: {} NOT enforced",
            list.join(" ")
        ));
    }
    let missing_scope = want_scope & !have_scope;
    if !missing_scope.is_empty() && abi_num > 0 {
        dropped.push(format!(
            "scoping (signals and abstract sockets limited to the sandbox) needs ABI 6, ABI {abi_num} is in use"
        ));
    }
    if let (Some(kernel), false) = (abi_and_cap().1, dropped.is_empty()) {
        // The user's own environment weakened Landlock: say which setting did it.
        for d in &mut dropped {
            d.push_str(&format!(
                " (because {ABI_CAP_ENV}={abi_num} caps the ABI; the kernel has ABI {kernel})"
            ));
        }
    }
    if strict && !dropped.is_empty() {
        return Err(LandlockError::Incomplete {
            abi: abi_num,
            dropped,
        });
    }

    let effective_fs = want_fs & supported_fs;
    let effective_scope = want_scope & have_scope;
    let effective_net = want_net & supported_net;
    let mut notes = Vec::new();
    let mut used = Vec::new();
    let mut child_rules = Vec::new();
    if abi_num == 0
        || (effective_fs.is_empty() && effective_scope.is_empty() && effective_net.is_empty())
    {
        // Still open user paths so that a missing one is an error whatever the kernel.
        for s in specs.iter().filter(|s| s.source == Source::User) {
            open_path(&s.path).map_err(|source| LandlockError::Path {
                path: s.path.clone(),
                perms: s.perms,
                source,
            })?;
        }
        let enforcement = if want_fs.is_empty() && want_net.is_empty() {
            Enforcement::NotRequested
        } else {
            Enforcement::None
        };
        return Ok(Prepared {
            ruleset: None,
            child_rules,
            report: Report {
                abi: abi_num,
                enforcement,
                dropped,
                notes,
                rules: used,
            },
        });
    }

    let level = if strict {
        CompatLevel::HardRequirement
    } else {
        CompatLevel::BestEffort
    };
    let mut ruleset = Ruleset::default().set_compatibility(level);
    if !effective_fs.is_empty() {
        ruleset = ruleset.handle_access(effective_fs)?;
    }
    if !effective_net.is_empty() {
        ruleset = ruleset.handle_access(effective_net)?;
    }
    if !effective_scope.is_empty() {
        ruleset = ruleset.scope(effective_scope)?;
    }
    let mut created = ruleset.create()?;
    for p in ports {
        let access = net_access(p.access) & effective_net;
        if !access.is_empty() {
            created = created.add_rule(NetPort::new(p.port, access))?;
        }
    }
    // Path rules are added by the bare system call (add_path_rule): the crate's `add_rule`
    // would fstat each file again to fit the rights, which access_for has done.
    let ruleset_fd: Option<OwnedFd> = created.into();
    // Each path's descriptor is kept until the end, then all are closed with one call.
    let mut opened: Vec<OwnedFd> = Vec::new();
    if let (false, Some(rs)) = (effective_fs.is_empty(), &ruleset_fd) {
        for spec in specs {
            if spec.path.starts_with("/proc/self") {
                child_rules.push(ChildRule {
                    path: CString::new(spec.path.as_os_str().as_bytes()).map_err(|e| {
                        LandlockError::Path {
                            path: spec.path.clone(),
                            perms: spec.perms,
                            source: std::io::Error::new(std::io::ErrorKind::InvalidInput, e),
                        }
                    })?,
                    dir_access: (access_for(spec.perms, true) & effective_fs).bits(),
                    file_access: (access_for(spec.perms, false) & effective_fs).bits(),
                });
                used.push(spec.clone());
                continue;
            }
            let fd = match open_path(&spec.path) {
                Ok(fd) => fd,
                Err(e) if spec.source == Source::User => {
                    return Err(LandlockError::Path {
                        path: spec.path.clone(),
                        perms: spec.perms,
                        source: e,
                    });
                }
                Err(_) => continue,
            };
            // One fstat for both questions (a launch opens some thirty implicit paths).
            let kind = file_type(&fd);
            let is_dir = kind == Some(libc::S_IFDIR);
            if spec.perms.contains(Perms::CREATE) && !is_dir && spec.source == Source::User {
                notes.push(format!(
                    "`c` has no effect on the file {}: creating and removing entries is granted on directories",
                    spec.path.display()
                ));
            }
            let access = access_for(spec.perms, is_dir) & effective_fs;
            if access.is_empty() {
                continue;
            }
            if spec.source != Source::User && on_internal_fs(&fd, kind) {
                // e.g. /dev/stdin behind a pipe: Landlock takes no rule on pipefs or sockfs
                // inodes (and does not restrict reopening them through /proc either).
                continue;
            }
            if add_path_rule(rs.as_raw_fd(), fd.as_raw_fd(), access.bits()) < 0 {
                return Err(LandlockError::Rule {
                    path: spec.path.clone(),
                    source: std::io::Error::last_os_error(),
                });
            }
            opened.push(fd);
            used.push(spec.clone());
        }
    }
    close_all(opened);
    let fd = ruleset_fd;
    let enforcement = if dropped.is_empty() {
        Enforcement::Full
    } else {
        Enforcement::Partial
    };
    Ok(Prepared {
        ruleset: fd,
        child_rules,
        report: Report {
            abi: abi_num,
            enforcement,
            dropped,
            notes,
            rules: used,
        },
    })
}

/// The Landlock right of a network unveil.
fn net_access(a: PortAccess) -> BitFlags<AccessNet> {
    match a {
        PortAccess::Bind => AccessNet::BindTcp.into(),
        PortAccess::Connect => AccessNet::ConnectTcp.into(),
    }
}

/// `struct landlock_path_beneath_attr` (packed in the kernel's uapi).
#[repr(C, packed)]
struct PathBeneathAttr {
    allowed_access: u64,
    parent_fd: i32,
}

/// Adds the rule "`access` beneath the file or directory `fd`" to the ruleset: a bare
/// system call, which the forked child may make too. `access` is already fitted to the
/// file's type and the kernel's ABI. Returns the call's result (-1 with errno set).
pub(crate) fn add_path_rule(ruleset: RawFd, fd: RawFd, access: u64) -> libc::c_long {
    let attr = PathBeneathAttr {
        allowed_access: access,
        parent_fd: fd,
    };
    // SAFETY: the kernel reads the attribute, a live struct of its layout, and nothing else.
    unsafe {
        libc::syscall(
            libc::SYS_landlock_add_rule,
            ruleset,
            crate::abi::uapi::LANDLOCK_RULE_PATH_BENEATH,
            &raw const attr,
            0,
        )
    }
}

/// Closes the descriptors, with one `close_range` per run of consecutive numbers (the
/// lowest-free-number rule makes them one run, unless inherited descriptors sit between).
fn close_all(fds: Vec<OwnedFd>) {
    let mut raw: Vec<RawFd> = fds.into_iter().map(IntoRawFd::into_raw_fd).collect();
    raw.sort_unstable();
    for run in raw.chunk_by(|a, b| b - a == 1) {
        let (lo, hi) = (run[0], run[run.len() - 1]);
        // SAFETY: the run is descriptors we owned and gave up above.
        if unsafe { libc::syscall(libc::SYS_close_range, lo as u32, hi as u32, 0u32) } != 0 {
            for &fd in run {
                // SAFETY: still ours: close_range failed before closing any.
                unsafe { libc::close(fd) };
            }
        }
    }
}

/// Opens a path as `O_PATH|O_CLOEXEC`, following symlinks, as Landlock rules need.
fn open_path(path: &Path) -> std::io::Result<OwnedFd> {
    let c = CString::new(path.as_os_str().as_bytes())
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    // SAFETY: `c` is NUL-terminated; O_PATH needs no mode argument.
    let fd = unsafe { libc::open(c.as_ptr(), libc::O_PATH | libc::O_CLOEXEC) };
    if fd < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: fd was just opened and is owned by nobody else.
    Ok(unsafe { <OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(fd) })
}

/// Whether the file, of type `kind` (from [`file_type`]), lives on a kernel-internal file
/// system (pipes, sockets, anonymous inodes), where Landlock rules cannot be attached.
fn on_internal_fs(fd: &OwnedFd, kind: Option<libc::mode_t>) -> bool {
    if matches!(
        kind,
        Some(libc::S_IFREG | libc::S_IFDIR | libc::S_IFCHR | libc::S_IFBLK)
    ) {
        return false;
    }
    // SAFETY: fstatfs writes into the zeroed struct; fd is valid for the call.
    let mut fs: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    if unsafe { libc::fstatfs(fd.as_raw_fd(), &mut fs) } != 0 {
        return true;
    }
    const PIPEFS_MAGIC: i64 = 0x5049_5045;
    const SOCKFS_MAGIC: i64 = 0x534f_434b;
    const ANON_INODE_FS_MAGIC: i64 = 0x0904_1934;
    matches!(
        fs.f_type as i64,
        PIPEFS_MAGIC | SOCKFS_MAGIC | ANON_INODE_FS_MAGIC
    )
}

/// The file's type (the `S_IFMT` bits of its mode), or `None` when fstat fails.
fn file_type(fd: &OwnedFd) -> Option<libc::mode_t> {
    // SAFETY: fstat writes into the zeroed struct; fd is valid for the call.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    let r = unsafe { libc::fstat(fd.as_raw_fd(), &mut st) };
    (r == 0).then_some(st.st_mode & libc::S_IFMT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kernel_right_names_map_back_to_letters() {
        for (name, letter) in [
            ("fs.read_file", "r"),
            ("fs.read_dir", "r"),
            ("fs.write_file", "w"),
            ("fs.truncate", "w"),
            ("fs.ioctl_dev", "w"),
            ("fs.execute", "x"),
            ("fs.make_reg", "c"),
            ("fs.make_sym", "c"),
            ("fs.remove_dir", "c"),
            ("fs.refer", "c"),
        ] {
            assert_eq!(
                letter_for_right(name).map(|p| p.to_string()).as_deref(),
                Some(letter),
                "{name}"
            );
        }
        assert_eq!(letter_for_right("net.connect_tcp"), None);
        assert_eq!(letter_for_right("scope.signal"), None);
        assert_eq!(letter_for_right("fs.nonsense"), None);
        assert_eq!(names(AccessFs::MakeReg.into()), vec!["MAKE_REG"]);
    }

    #[test]
    fn letters_map_to_rights() {
        let r = access_for(Perms::READ, true);
        assert!(r.contains(AccessFs::ReadDir) && r.contains(AccessFs::ReadFile));
        assert!(!access_for(Perms::READ, false).contains(AccessFs::ReadDir));
        let w = access_for(Perms::WRITE, false);
        assert!(
            w.contains(AccessFs::Truncate),
            "TRUNCATE belongs to w on files too"
        );
        let c = access_for(Perms::CREATE, true);
        assert!(c.contains(AccessFs::RemoveFile) && c.contains(AccessFs::RemoveDir));
        assert!(access_for(Perms::CREATE, false).is_empty());
        assert_eq!(handled(), AccessFs::from_all(ABI::V5));
    }
}
