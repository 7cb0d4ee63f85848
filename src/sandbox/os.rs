//! Thin wrappers of the OS calls that more than one part of the crate makes, each `unsafe`
//! block once: reading another process's memory, setting a thread's CPU affinity.

/// Up to `len` bytes of `pid`'s memory at `addr`, as many as one `process_vm_readv` returns
/// (fewer at the end of a mapping); `None` for a NULL or empty request or when nothing is
/// readable. The bytes are the other process's and untrusted.
pub fn read_memory(pid: i32, addr: u64, len: usize) -> Option<Vec<u8>> {
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
