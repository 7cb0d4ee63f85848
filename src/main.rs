//! The `seccomp-pledge` binary: everything lives in the library.
//!
//! `main` is the C entry point (`#![no_main]`): std's start-up would read all of
//! `/proc/self/maps` to find the main thread's stack before anything else, a cost paid on
//! every launch. What that start-up does that the tool needs is done here: descriptors 0, 1
//! and 2 opened on /dev/null when they are closed, so that no file of ours takes their
//! numbers (and reaches the program as its standard input); SIGPIPE ignored, so that a
//! closed pipe or socket is an `EPIPE` error and not the end of the supervisor;
//! a panic still ends the process with status 101 after its message, not an abort; the
//! arguments still come from std (it records them before `main` on glibc), and
//! `std::process::exit` still flushes standard output.
//!
//! The binary is static (`.cargo/config.toml`), so glibc's name services are limited to
//! the ones built into it, first thing: a static program that loads an NSS module (such as
//! `libnss_systemd`, for a user name `/etc/passwd` lacks) crashes. User and group names
//! (`-u`, `-g`) are therefore looked up in `/etc/passwd` and `/etc/group` only.
#![no_main]

use std::os::raw::{c_char, c_int};

/// Counts the bytes in use, so that scripts are bounded in memory.
#[global_allocator]
static ALLOC: seccomp_pledge::script::CountingAlloc = seccomp_pledge::script::CountingAlloc;

unsafe extern "C" {
    /// glibc (`<nss.h>`): the services for one database, replacing nsswitch.conf's line.
    fn __nss_configure_lookup(db: *const c_char, services: *const c_char) -> c_int;
}

/// The name-service databases glibc could consult for us, each with services built into a
/// static glibc (`files`, and `dns` for hosts); never a module to load.
const NSS_BUILT_IN: [(&std::ffi::CStr, &std::ffi::CStr); 7] = [
    (c"passwd", c"files"),
    (c"group", c"files"),
    (c"shadow", c"files"),
    (c"gshadow", c"files"),
    (c"initgroups", c"files"),
    (c"hosts", c"files dns"),
    (c"services", c"files"),
];

#[unsafe(no_mangle)]
extern "C" fn main(_argc: c_int, _argv: *const *const c_char) -> c_int {
    for (db, services) in NSS_BUILT_IN {
        // SAFETY: two NUL-terminated strings; no thread exists yet, and no lookup was made.
        unsafe { __nss_configure_lookup(db.as_ptr(), services.as_ptr()) };
    }
    let mut std_fds = [0, 1, 2].map(|fd| libc::pollfd {
        fd,
        events: 0,
        revents: 0,
    });
    // SAFETY: poll reads and writes the three structs we own; open returns the lowest free
    // number, which is the closed one; SIGPIPE's disposition is set before any thread exists.
    unsafe {
        if libc::poll(std_fds.as_mut_ptr(), 3, 0) >= 0 {
            for p in std_fds.iter().filter(|p| p.revents & libc::POLLNVAL != 0) {
                if libc::open(c"/dev/null".as_ptr(), libc::O_RDWR) != p.fd {
                    return 125; // as std's start-up, which aborts
                }
            }
        }
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
    // A panic must not unwind out of an `extern "C"` function (that aborts): end as std's
    // start-up would, with 101 (the panic hook has printed the message).
    let code = std::panic::catch_unwind(|| seccomp_pledge::run(std::env::args_os())).unwrap_or(101);
    std::process::exit(code)
}
