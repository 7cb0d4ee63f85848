//! How the supervisor gets the filter's user-notification listener from its child, with no
//! `pidfd_getfd` (which containers' default profiles refuse) and no waiting in a loop.
//!
//! The listener exists only once the child's filter is installed, so every call the child
//! makes afterwards goes through that filter. Two such calls are needed and may be refused by
//! the policy itself: `sendmsg`, which passes the listener over a socket pair to the
//! supervisor (blocked in `recvmsg`), and `seccomp`, which then installs a second, tiny
//! filter. The launch filter ([`crate::compile::seccomp::compile_launch`]) allows each of
//! them when made from one instruction: the `syscall` in [`handoff_sendmsg`] and in
//! [`handoff_seccomp`], whose addresses are patched in before the fork. The second filter
//! ([`closing_filter`]) kills any later call of either from those addresses, so once it is in
//! place, before `execve`, the doors are shut for good: a program that maps code at those
//! addresses gains nothing. Both filters stay cacheable for every other call.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::raw::c_int;

use crate::compile::bpf::{self, sock_filter};

// The two doors: each makes one system call from a fixed instruction and returns its raw
// result (a negative errno on failure; errno is not touched). The label after each
// `syscall` is the address the kernel reports as the call's instruction pointer.
std::arch::global_asm!(
    ".pushsection .text.seccomp_pledge_handoff, \"ax\", @progbits",
    ".p2align 4",
    ".globl seccomp_pledge_handoff_sendmsg",
    ".hidden seccomp_pledge_handoff_sendmsg",
    "seccomp_pledge_handoff_sendmsg:",
    "    mov eax, {sendmsg}",
    "    syscall",
    ".globl seccomp_pledge_handoff_sendmsg_ip",
    ".hidden seccomp_pledge_handoff_sendmsg_ip",
    "seccomp_pledge_handoff_sendmsg_ip:",
    "    ret",
    ".p2align 4",
    ".globl seccomp_pledge_handoff_seccomp",
    ".hidden seccomp_pledge_handoff_seccomp",
    "seccomp_pledge_handoff_seccomp:",
    "    mov eax, {seccomp}",
    "    syscall",
    ".globl seccomp_pledge_handoff_seccomp_ip",
    ".hidden seccomp_pledge_handoff_seccomp_ip",
    "seccomp_pledge_handoff_seccomp_ip:",
    "    ret",
    ".popsection",
    sendmsg = const libc::SYS_sendmsg,
    seccomp = const libc::SYS_seccomp,
);

unsafe extern "C" {
    fn seccomp_pledge_handoff_sendmsg(fd: c_int, msg: *const libc::msghdr, flags: c_int) -> isize;
    fn seccomp_pledge_handoff_seccomp(op: u32, flags: u32, prog: *const libc::sock_fprog) -> isize;
    static seccomp_pledge_handoff_sendmsg_ip: u8;
    static seccomp_pledge_handoff_seccomp_ip: u8;
}

/// The instruction address the kernel reports for the hand-off call `nr` (one of
/// [`crate::compile::seccomp::HANDOFF_NRS`]); `u64::MAX` (no address) for any other.
pub(crate) fn door(nr: u32) -> u64 {
    if nr == libc::SYS_sendmsg as u32 {
        (&raw const seccomp_pledge_handoff_sendmsg_ip) as u64
    } else if nr == libc::SYS_seccomp as u32 {
        (&raw const seccomp_pledge_handoff_seccomp_ip) as u64
    } else {
        u64::MAX
    }
}

/// `sendmsg(fd, msg, flags)` from the patched address. Returns the raw result.
///
/// # Safety
/// `msg` must point to a valid `msghdr`.
pub(crate) unsafe fn handoff_sendmsg(fd: c_int, msg: *const libc::msghdr, flags: c_int) -> isize {
    // SAFETY: a plain system call; the caller vouches for `msg`.
    unsafe { seccomp_pledge_handoff_sendmsg(fd, msg, flags) }
}

/// `seccomp(op, flags, prog)` from the patched address. Returns the raw result.
///
/// # Safety
/// `prog` must point to a valid `sock_fprog`.
pub(crate) unsafe fn handoff_seccomp(op: u32, flags: u32, prog: *const libc::sock_fprog) -> isize {
    // SAFETY: a plain system call; the caller vouches for `prog`.
    unsafe { seccomp_pledge_handoff_seccomp(op, flags, prog) }
}

/// The filter the child adds once the listener is handed over: the hand-off calls made from
/// their doors are killed, everything else is left to the launch filter. Native `sendmsg`
/// and `seccomp` read the instruction pointer; every other call is decided from its number
/// alone (cacheable).
pub(crate) fn closing_filter() -> Vec<sock_filter> {
    const ALLOW: usize = 14;
    const KILL: usize = 15;
    let ld = |off| bpf::stmt(bpf::BPF_LD | bpf::BPF_W | bpf::BPF_ABS, off);
    let ret = |k| bpf::stmt(bpf::BPF_RET | bpf::BPF_K, k);
    // A JEQ at `at` whose branches go to the absolute positions `t` and `f`.
    let jeq = |at: usize, k: u32, t: usize, f: usize| {
        let off = |to: usize| u8::try_from(to - at - 1).expect("forward and short");
        bpf::jump(bpf::BPF_JMP | bpf::BPF_JEQ | bpf::BPF_K, k, off(t), off(f))
    };
    let (s, c) = (
        door(libc::SYS_sendmsg as u32),
        door(libc::SYS_seccomp as u32),
    );
    vec![
        /* 0 */ ld(bpf::DATA_ARCH),
        /* 1 */ jeq(1, bpf::AUDIT_ARCH_X86_64, 2, ALLOW),
        /* 2 */ ld(bpf::DATA_NR),
        /* 3 */ jeq(3, libc::SYS_sendmsg as u32, 6, 4),
        /* 4 */ jeq(4, libc::SYS_seccomp as u32, 10, 5),
        /* 5 */ ret(bpf::SECCOMP_RET_ALLOW),
        /* 6 */ ld(bpf::DATA_IP),
        /* 7 */ jeq(7, s as u32, 8, ALLOW),
        /* 8 */ ld(bpf::DATA_IP + 4),
        /* 9 */ jeq(9, (s >> 32) as u32, KILL, ALLOW),
        /* 10 */ ld(bpf::DATA_IP),
        /* 11 */ jeq(11, c as u32, 12, ALLOW),
        /* 12 */ ld(bpf::DATA_IP + 4),
        /* 13 */ jeq(13, (c >> 32) as u32, KILL, ALLOW),
        /* 14 */ ret(bpf::SECCOMP_RET_ALLOW),
        /* 15 */ ret(bpf::SECCOMP_RET_KILL_PROCESS),
    ]
}

/// The message the child sends: one byte of data and the listener as `SCM_RIGHTS`. Boxed by
/// its owner (it points into itself); built before the fork, the child only writes the fd.
#[repr(C)]
pub(crate) struct Message {
    header: libc::msghdr,
    iov: libc::iovec,
    byte: u8,
    control: [u64; 4],
}

impl Message {
    pub(crate) fn new() -> Box<Message> {
        // SAFETY: all-zero is a valid msghdr, iovec and buffer (null pointers, zero lengths).
        let mut m: Box<Message> = Box::new(unsafe { std::mem::zeroed() });
        m.byte = 1;
        m.iov = libc::iovec {
            iov_base: (&raw mut m.byte).cast(),
            iov_len: 1,
        };
        m.header.msg_iov = &raw mut m.iov;
        m.header.msg_iovlen = 1;
        m.header.msg_control = m.control.as_mut_ptr().cast();
        // SAFETY: CMSG_SPACE/CMSG_FIRSTHDR/CMSG_DATA only compute offsets on our buffer,
        // which is large enough for one int.
        unsafe {
            m.header.msg_controllen = libc::CMSG_SPACE(size_of::<c_int>() as u32) as usize;
            let c = libc::CMSG_FIRSTHDR(&raw const m.header);
            (*c).cmsg_level = libc::SOL_SOCKET;
            (*c).cmsg_type = libc::SCM_RIGHTS;
            (*c).cmsg_len = libc::CMSG_LEN(size_of::<c_int>() as u32) as usize;
        }
        m
    }

    /// Sends `fd` over `sock` from the door. Allocation-free (the child calls it). Returns
    /// the raw result.
    pub(crate) fn send(&mut self, sock: c_int, fd: c_int) -> isize {
        // SAFETY: the header was built by `new` and points into `self`, which is boxed;
        // CMSG_DATA computes an offset inside `control`.
        unsafe {
            let c = libc::CMSG_FIRSTHDR(&raw const self.header);
            libc::CMSG_DATA(c).cast::<c_int>().write_unaligned(fd);
            handoff_sendmsg(sock, &raw const self.header, libc::MSG_NOSIGNAL)
        }
    }
}

/// The two ends of the hand-off socket pair: (supervisor's, child's), both close-on-exec.
pub(crate) fn socket_pair() -> std::io::Result<(OwnedFd, OwnedFd)> {
    let mut fds = [0; 2];
    // SAFETY: socketpair fills two fds, owned below.
    if unsafe {
        libc::socketpair(
            libc::AF_UNIX,
            libc::SOCK_SEQPACKET | libc::SOCK_CLOEXEC,
            0,
            fds.as_mut_ptr(),
        )
    } < 0
    {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: both were just created.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

/// What [`receive`] got instead of a listener.
#[derive(Debug)]
pub(crate) enum Received {
    /// The child's end closed without a message: it failed or died before the hand-off.
    Closed,
    /// Nothing within the time allowed.
    TimedOut,
    /// A message without exactly one descriptor.
    Malformed,
    /// The socket failed.
    Failed(std::io::Error),
}

/// Waits (sleeping in `poll`) for the child's message and returns the descriptor in it.
pub(crate) fn receive(sock: &OwnedFd, timeout_ms: c_int) -> Result<OwnedFd, Received> {
    let mut pfd = libc::pollfd {
        fd: sock.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    loop {
        // SAFETY: one pollfd of ours.
        let n = unsafe { libc::poll(&raw mut pfd, 1, timeout_ms) };
        if n > 0 {
            break;
        }
        if n == 0 {
            return Err(Received::TimedOut);
        }
        let e = std::io::Error::last_os_error();
        if e.raw_os_error() != Some(libc::EINTR) {
            return Err(Received::Failed(e));
        }
    }
    let mut m = Message::new();
    m.byte = 0;
    let r = loop {
        // SAFETY: the header points into `m`; the kernel writes at most the lengths given.
        let r = unsafe {
            libc::recvmsg(
                sock.as_raw_fd(),
                &raw mut m.header,
                libc::MSG_CMSG_CLOEXEC | libc::MSG_DONTWAIT,
            )
        };
        if r >= 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
            break r;
        }
    };
    if r < 0 {
        return Err(Received::Failed(std::io::Error::last_os_error()));
    }
    let mut fds: Vec<RawFd> = Vec::new();
    // SAFETY: walking the control messages the kernel wrote into our buffer.
    unsafe {
        let mut c = libc::CMSG_FIRSTHDR(&raw const m.header);
        while !c.is_null() {
            if (*c).cmsg_level == libc::SOL_SOCKET && (*c).cmsg_type == libc::SCM_RIGHTS {
                let n = ((*c).cmsg_len - libc::CMSG_LEN(0) as usize) / size_of::<c_int>();
                for i in 0..n {
                    fds.push(libc::CMSG_DATA(c).cast::<c_int>().add(i).read_unaligned());
                }
            }
            c = libc::CMSG_NXTHDR(&raw const m.header, c);
        }
    }
    // SAFETY: each was just received into our table.
    let mut owned: Vec<OwnedFd> = fds
        .into_iter()
        .map(|f| unsafe { OwnedFd::from_raw_fd(f) })
        .collect();
    if r == 0 && owned.is_empty() {
        return Err(Received::Closed);
    }
    if owned.len() != 1 || m.header.msg_flags & libc::MSG_CTRUNC != 0 {
        return Err(Received::Malformed);
    }
    Ok(owned.remove(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::bpf::{SeccompData, const_action, run, validate};

    fn call(nr: u32, ip: u64) -> SeccompData {
        SeccompData {
            nr: nr as i32,
            arch: bpf::AUDIT_ARCH_X86_64,
            instruction_pointer: ip,
            args: [0; 6],
        }
    }

    /// The closing filter kills the hand-off calls from their doors and only those: the
    /// same call from a neighbouring address, another call from a door, the other door's
    /// call, the same address with another high half, i386: all allowed.
    #[test]
    fn the_closing_filter_shuts_exactly_the_two_doors() {
        let p = closing_filter();
        validate(&p).unwrap();
        let (s, c) = (libc::SYS_sendmsg as u32, libc::SYS_seccomp as u32);
        let (ds, dc) = (door(s), door(c));
        assert_ne!(ds, dc);
        let kill = bpf::SECCOMP_RET_KILL_PROCESS;
        let allow = bpf::SECCOMP_RET_ALLOW;
        assert_eq!(run(&p, &call(s, ds)).unwrap(), kill);
        assert_eq!(run(&p, &call(c, dc)).unwrap(), kill);
        for (nr, ip) in [
            (s, ds + 1),
            (s, ds - 1),
            (s, dc),
            (c, ds),
            (c, dc ^ (1 << 40)),
            (s, ds ^ (1 << 32)),
            (libc::SYS_write as u32, ds),
            (libc::SYS_execve as u32, dc),
        ] {
            assert_eq!(run(&p, &call(nr, ip)).unwrap(), allow, "{nr} at {ip:#x}");
        }
        let mut i386 = call(s, ds);
        i386.arch = bpf::AUDIT_ARCH_I386;
        assert_eq!(run(&p, &i386).unwrap(), allow);
        // Cacheable for everything but the two calls.
        for nr in 0..460 {
            let want = (nr != s && nr != c).then_some(allow);
            assert_eq!(
                const_action(&p, bpf::AUDIT_ARCH_X86_64, nr as i32),
                want,
                "{nr}"
            );
        }
    }
}
