//! Kernel facts: the one per-syscall table (`abi::table`) against the running kernel's own
//! syscall signatures, as its tracefs syscall events list them
//! (`/sys/kernel/tracing/events/syscalls/sys_enter_*/format`: one `field:TYPE NAME;` line per
//! argument, in order).
//!
//! Both directions: every syscall of our table has its event (or is listed in [`NO_EVENT`]
//! with the reason), takes as many arguments as the event lists, and each argument's
//! declaration is the event's, text for text, so the widths derived from it are the kernel's.
//! Every type string of the kernel must be one the table's C type lists classify
//! (`abi::table::ctype_width`); one they do not know fails the test (add it to the right list
//! after reading its typedef). Needs tracefs readable (root, and tracefs mounted:
//! `mount -t tracefs nodev /sys/kernel/tracing`); otherwise the test fails, or is skipped
//! loudly with `SECCOMP_PLEDGE_TEST_STRICT=0`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use seccomp_pledge::Width;
use seccomp_pledge::syscalls;
use seccomp_pledge::table;

use crate::util;

/// Events named after the kernel function rather than the x86_64 syscall.
const ALIASES: &[(&str, &str)] = &[
    ("newstat", "stat"),
    ("newlstat", "lstat"),
    ("newfstat", "fstat"),
    ("newuname", "uname"),
    ("sendfile64", "sendfile"),
    ("umount", "umount2"),
];

/// Syscalls of our table that may have no tracefs event, and why; their widths in the table
/// come from the kernel source. When the running kernel does have the event, it is checked
/// like any other.
const NO_EVENT: &[(&str, &str)] = &[
    ("_sysctl", "removed in Linux 5.5; sys_ni_syscall"),
    ("create_module", "removed in Linux 2.6; sys_ni_syscall"),
    ("get_kernel_syms", "removed in Linux 2.6; sys_ni_syscall"),
    ("query_module", "removed in Linux 2.6; sys_ni_syscall"),
    ("nfsservctl", "removed in Linux 3.1; sys_ni_syscall"),
    ("lookup_dcookie", "removed in Linux 6.9; sys_ni_syscall"),
    ("getpmsg", "never implemented (STREAMS)"),
    ("putpmsg", "never implemented (STREAMS)"),
    ("afs_syscall", "never implemented"),
    ("tuxcall", "never implemented"),
    ("security", "never implemented"),
    ("vserver", "never implemented"),
    ("epoll_ctl_old", "no entry point on x86_64"),
    ("epoll_wait_old", "no entry point on x86_64"),
    (
        "set_thread_area",
        "no entry point for 64-bit x86 (arch_prctl instead)",
    ),
    (
        "get_thread_area",
        "no entry point for 64-bit x86 (arch_prctl instead)",
    ),
    (
        "uselib",
        "only with CONFIG_USELIB: uselib(const char *library)",
    ),
    (
        "init_module",
        "only with CONFIG_MODULES: init_module(void *umod, unsigned long len, const char *uargs)",
    ),
    (
        "finit_module",
        "only with CONFIG_MODULES: finit_module(int fd, const char *uargs, int flags)",
    ),
    (
        "delete_module",
        "only with CONFIG_MODULE_UNLOAD: delete_module(const char *name, unsigned int flags)",
    ),
    (
        "kexec_load",
        "only with CONFIG_KEXEC: kexec_load(unsigned long entry, unsigned long nr_segments, struct kexec_segment *segments, unsigned long flags)",
    ),
    (
        "kexec_file_load",
        "only with CONFIG_KEXEC_FILE: kexec_file_load(int kernel_fd, int initrd_fd, unsigned long cmdline_len, const char *cmdline, unsigned long flags)",
    ),
    (
        "map_shadow_stack",
        "only with CONFIG_X86_USER_SHADOW_STACK: map_shadow_stack(unsigned long addr, unsigned long size, unsigned int flags)",
    ),
];

/// One argument of an event: its declared type as written, and whether that is 32-bit.
struct EventArg {
    ty: String,
    name: String,
    is_32bit: Option<bool>,
}

fn classify(ty: &str) -> Option<bool> {
    table::ctype_width(ty).map(|w| w == Width::Dword)
}

/// The argument fields of one `format` file, in order.
fn parse_format(text: &str) -> Vec<EventArg> {
    let mut args = Vec::new();
    for line in text.lines() {
        let Some(rest) = line.trim_start().strip_prefix("field:") else {
            continue;
        };
        let decl = rest.split(';').next().unwrap_or_default().trim();
        let (ty, name) = decl.rsplit_once(' ').unwrap_or(("", decl));
        if name.starts_with("common_") || name == "__syscall_nr" {
            continue;
        }
        args.push(EventArg {
            ty: ty.trim().to_string(),
            name: name.to_string(),
            is_32bit: classify(ty),
        });
    }
    args
}

fn events_dir() -> Option<PathBuf> {
    [
        "/sys/kernel/tracing/events/syscalls",
        "/sys/kernel/debug/tracing/events/syscalls",
    ]
    .into_iter()
    .map(PathBuf::from)
    .find(|d| d.join("sys_enter_read/format").is_file())
}

/// Every `sys_enter_*` event: syscall name (aliases resolved) → arguments.
fn read_events(dir: &Path) -> BTreeMap<String, Vec<EventArg>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(event) = file_name.strip_prefix("sys_enter_") else {
            continue;
        };
        let name = ALIASES
            .iter()
            .find(|(e, _)| *e == event)
            .map_or(event, |(_, s)| *s);
        let text = std::fs::read_to_string(entry.path().join("format"))
            .unwrap_or_else(|e| panic!("cannot read {}/format: {e}", entry.path().display()));
        out.insert(name.to_string(), parse_format(&text));
    }
    out
}

#[test]
fn argument_widths_match_the_kernels_signatures() {
    let Some(dir) = events_dir() else {
        util::missing(
            "tracefs syscall events are not readable (as root: mount -t tracefs nodev /sys/kernel/tracing)",
        );
        return;
    };
    let events = read_events(&dir);
    let mut problems = Vec::new();

    // Every type string is known.
    let unknown: BTreeSet<String> = events
        .values()
        .flatten()
        .filter(|a| a.is_32bit.is_none())
        .map(|a| a.ty.clone())
        .collect();
    for ty in &unknown {
        problems.push(format!(
            "unclassified C type `{ty}`: add it to CTYPES_32 or CTYPES_64 in src/abi/table.rs"
        ));
    }

    for (name, _) in NO_EVENT {
        assert!(
            syscalls::by_name(name).is_ok(),
            "NO_EVENT names `{name}`, which is not in our table"
        );
    }

    let mut checked = 0;
    for s in syscalls::all() {
        let name = s.name();
        let Some(args) = events.get(name) else {
            if !NO_EVENT.iter().any(|(n, _)| *n == name) {
                problems.push(format!(
                    "{name}: no tracefs event, and not listed in NO_EVENT"
                ));
            }
            continue;
        };
        checked += 1;
        let entry = table::of(s).unwrap_or_else(|| panic!("{name} not in the table"));
        if entry.params.len() != args.len() {
            problems.push(format!(
                "{name}: the table says {} arguments, the kernel declares {}",
                entry.params.len(),
                args.len()
            ));
            continue;
        }
        for (i, (a, ours)) in args.iter().zip(entry.params).enumerate() {
            let kernel = format!("{} {}", a.ty, a.name);
            if kernel != ours.decl {
                problems.push(format!(
                    "{name} arg{i}: the kernel declares `{kernel}`, the table `{}`",
                    ours.decl
                ));
            }
            if let Some(why) = ours.narrowed {
                if a.is_32bit != Some(false) {
                    problems.push(format!(
                        "{name} arg{i} is narrowed ({why}), but the kernel declares it `{kernel}`"
                    ));
                }
            }
        }
    }
    let newer: Vec<&str> = events
        .keys()
        .map(String::as_str)
        .filter(|n| syscalls::by_name(n).is_err())
        .collect();
    if !newer.is_empty() {
        eprintln!(
            "note: syscalls of this kernel our table does not know (filters answer ENOSYS): {}",
            newer.join(" ")
        );
    }
    assert!(
        problems.is_empty(),
        "{} differences between src/abi/table.rs and {}:\n{}",
        problems.len(),
        dir.display(),
        problems.join("\n")
    );
    assert!(checked > 300, "only {checked} syscalls had an event");
}

#[test]
fn type_strings_are_parsed_as_declared() {
    let text = "name: sys_enter_landlock_add_rule\nID: 1\nformat:\n\
        \tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n\
        \tfield:int __syscall_nr;\toffset:8;\tsize:4;\tsigned:1;\n\
        \tfield:const int ruleset_fd;\toffset:16;\tsize:8;\tsigned:0;\n\
        \tfield:const enum landlock_rule_type rule_type;\toffset:24;\tsize:8;\tsigned:0;\n\
        \tfield:const void *const rule_attr;\toffset:32;\tsize:8;\tsigned:0;\n\
        \tfield:const __u32 flags;\toffset:40;\tsize:8;\tsigned:0;\n\nprint fmt: \"\"\n";
    let args = parse_format(text);
    let got: Vec<(&str, &str, Option<bool>)> = args
        .iter()
        .map(|a| (a.ty.as_str(), a.name.as_str(), a.is_32bit))
        .collect();
    assert_eq!(
        got,
        [
            ("const int", "ruleset_fd", Some(true)),
            ("const enum landlock_rule_type", "rule_type", Some(true)),
            ("const void *const", "rule_attr", Some(false)),
            ("const __u32", "flags", Some(true)),
        ]
    );
    assert_eq!(classify("struct robust_list_head * *"), Some(false));
    assert_eq!(
        classify("enum something_new"),
        None,
        "unknown types are not guessed"
    );
    assert_eq!(classify("unsigned char"), None);
}
