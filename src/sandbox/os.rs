//! Thin wrappers of the OS calls that more than one part of the crate makes, each `unsafe`
//! block once: reading another process's memory, setting a thread's CPU affinity, blocking
//! signals for a scope ([`BlockedSignals`]), reading a `/proc` file ([`read_proc`]).

/// A `/proc` file's text, read in one or two calls: `/proc` files report size 0, and
/// `std::fs::read_to_string` then starts with a 32-byte read and doubles (eight reads for a
/// short `maps`, on the supervisor's path while the program's loader waits).
pub(crate) fn read_proc(path: &str) -> std::io::Result<String> {
    use std::io::Read;
    let mut text = String::with_capacity(16 << 10);
    std::fs::File::open(path)?.read_to_string(&mut text)?;
    Ok(text)
}

/// Up to `len` bytes of `pid`'s memory at `addr`, as many as one `process_vm_readv` returns
/// (fewer at the end of a mapping); `None` for a NULL or empty request or when nothing is
/// readable. The bytes are the other process's and untrusted.
pub(crate) fn read_memory(pid: i32, addr: u64, len: usize) -> Option<Vec<u8>> {
    if addr == 0 || len == 0 {
        return None;
    }
    let mut buf = vec![0u8; len];
    let local = libc::iovec {
        iov_base: buf.as_mut_ptr().cast(),
        iov_len: len,
    };
    let remote = libc::iovec {
        iov_base: addr as *mut libc::c_void,
        iov_len: len,
    };
    // SAFETY: `local` points to `len` writable bytes we own; the remote side is read by the
    // kernel with the target's permissions and never dereferenced here.
    let n = unsafe { libc::process_vm_readv(pid, &local, 1, &remote, 1, 0) };
    if n <= 0 {
        return None;
    }
    buf.truncate(n as usize);
    Some(buf)
}

/// Sets the CPU affinity of thread `tid` (0: the calling one).
pub(crate) fn set_affinity(tid: libc::pid_t, mask: &libc::cpu_set_t) {
    // SAFETY: sched_setaffinity reads the set; a failure (the thread is gone) is harmless.
    unsafe { libc::sched_setaffinity(tid, std::mem::size_of::<libc::cpu_set_t>(), mask) };
}

/// Signals blocked in the calling thread for as long as the guard lives; dropping it restores
/// the mask it found.
pub(crate) struct BlockedSignals {
    old: libc::sigset_t,
}

impl BlockedSignals {
    /// Blocks `set` in the calling thread.
    pub(crate) fn block(set: &libc::sigset_t) -> BlockedSignals {
        // SAFETY: sigset_t is plain data; all-zero is a valid (empty) value, overwritten by
        // pthread_sigmask with the previous mask.
        let mut old: libc::sigset_t = unsafe { std::mem::zeroed() };
        // SAFETY: `set` is initialised; `old` receives the previous mask.
        unsafe { libc::pthread_sigmask(libc::SIG_BLOCK, set, &mut old) };
        BlockedSignals { old }
    }

    /// Blocks every signal in the calling thread (threads started meanwhile inherit it).
    pub(crate) fn all() -> BlockedSignals {
        // SAFETY: as in `block`; sigfillset initialises the set we own.
        let mut all: libc::sigset_t = unsafe { std::mem::zeroed() };
        // SAFETY: as above.
        unsafe { libc::sigfillset(&mut all) };
        BlockedSignals::block(&all)
    }
}

impl Drop for BlockedSignals {
    fn drop(&mut self) {
        // SAFETY: sets the calling thread's mask to the one `block` found; both users make
        // and drop the guard in one function, so that is the thread that blocked.
        unsafe { libc::pthread_sigmask(libc::SIG_SETMASK, &self.old, std::ptr::null_mut()) };
    }
}
