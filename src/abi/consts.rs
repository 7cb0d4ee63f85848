//! Named Linux constants (x86_64 values) for seccomp rule conditions and argument decoding.
//!
//! Owns the table of symbolic names (`AF_INET`, `O_CLOEXEC`, `TIOCGWINSZ`, `EPERM`, `SIGCHLD`, …),
//! their grouping into [`Family`]s, parsing of rule value expressions such as
//! `O_WRONLY|O_CREAT` or `0x10|PROT_READ` ([`parse_value`]), and rendering of raw syscall
//! arguments back into names ([`format_flags`], [`format_value`]) for violation reports and the
//! tracer. Values are those the x86_64 kernel sees in syscall registers, which is not always what
//! glibc's headers say (for example `O_LARGEFILE` is `0o100000` here, not glibc's 0). Each value
//! comes from the `libc` crate where it has the kernel's value, else from [`super::uapi`] (which
//! names the header); ioctl numbers neither has are encoded here with the `_IOC` helpers.
//!
//! The table is one static slice in a fixed order. Within a family the first entry with a given
//! value is its preferred name; aliases (`AF_LOCAL`, `O_NDELAY`, `EWOULDBLOCK`, `SIGIOT`, …) come
//! after their primary name, so [`lookup`] accepts them but [`name_of`] never returns them.

use super::uapi;

/// Families of constants. A constant may belong to exactly one family.
///
/// Besides the families every caller relies on, a few extra ones exist so that their values can
/// be decoded without colliding with unrelated constants: [`Family::MsgFlag`] (`MSG_*`),
/// [`Family::NetlinkProtocol`] (`NETLINK_*` protocol numbers), [`Family::ClockId`] (`CLOCK_*`),
/// [`Family::Flock`] (`LOCK_*`), [`Family::Access`] (`F_OK`, `R_OK`, …), [`Family::Shutdown`]
/// (`SHUT_*`) and [`Family::Capability`] (`CAP_*`). [`Family::Misc`] is a grab bag of
/// lookup-only names whose values overlap freely.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// `AF_*` (and `PF_*` aliases): socket(2) arg0.
    Address,
    /// `SOCK_*`: socket(2) arg1, an enumerated type in the low 4 bits plus flags.
    SocketType,
    /// `SOL_*`: getsockopt/setsockopt level.
    SocketLevel,
    /// `SO_*`, `TCP_*`, `IP_*`, `IPV6_*`, `UDP_*` option names (numerically overlapping).
    SocketOption,
    /// `IPPROTO_*`: socket(2) arg2 for IP sockets.
    Protocol,
    /// `O_*`: open flags.
    OpenFlag,
    /// `AT_*` flags of the *at() syscalls (`AT_FDCWD` is in [`Family::Misc`]).
    AtFlag,
    /// `PROT_*`: mmap/mprotect protection bits.
    Prot,
    /// `MAP_*`: mmap flags.
    MapFlag,
    /// ioctl(2) request numbers.
    Ioctl,
    /// `F_*`: fcntl(2) commands.
    Fcntl,
    /// `FD_*`: file descriptor flags.
    FdFlag,
    /// `CLONE_*`: clone/unshare flags.
    CloneFlag,
    /// `PR_*`: prctl(2) options.
    Prctl,
    /// `E*`: errno values.
    Errno,
    /// `SIG*`: signal numbers.
    Signal,
    /// `S_I*`: file mode and type bits.
    Mode,
    /// `SEEK_*`: lseek whence.
    Seek,
    /// `RLIMIT_*`: resource numbers.
    Rlimit,
    /// `MADV_*`: madvise advice.
    Madvise,
    /// `SECCOMP_*` operations of seccomp(2).
    SeccompOp,
    /// Anything else that is handy to name in a rule.
    Misc,
    /// `MSG_*`: send/recv flags.
    MsgFlag,
    /// `NETLINK_*`: socket(2) arg2 for `AF_NETLINK` sockets.
    NetlinkProtocol,
    /// `CLOCK_*`: clock ids.
    ClockId,
    /// `LOCK_*`: flock(2) operation bits.
    Flock,
    /// `F_OK`, `R_OK`, `W_OK`, `X_OK`: access(2) mode bits.
    Access,
    /// `SHUT_*`: shutdown(2) how.
    Shutdown,
    /// `CAP_*`: capability numbers.
    Capability,
}

/// One named constant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Constant {
    /// The C name, e.g. `"O_CLOEXEC"`.
    pub name: &'static str,
    /// The x86_64 value as the kernel sees it in a 64-bit syscall argument register.
    pub value: u64,
    /// The family it belongs to.
    pub family: Family,
}

/// Error from [`parse_value`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum ValueError {
    /// A word looked like a name but no constant has it.
    #[error("unknown constant `{name}`")]
    Unknown {
        /// The unknown word.
        name: String,
        /// The closest known constant name, if any is plausible.
        suggestion: Option<&'static str>,
    },
    /// A word is neither a number nor a name.
    #[error("`{text}` is not a number or constant")]
    Malformed {
        /// The offending word (or the whole text when a word is empty).
        text: String,
    },
    /// A number does not fit in 64 bits.
    #[error("`{text}` does not fit in 64 bits")]
    TooLarge {
        /// The offending word.
        text: String,
    },
}

/// Encodes an ioctl request number the way `_IOC` does on x86_64.
const fn ioc(dir: u64, ty: u8, nr: u8, size: u64) -> u64 {
    (dir << 30) | (size << 16) | ((ty as u64) << 8) | nr as u64
}

/// `_IO(ty, nr)`.
const fn io(ty: u8, nr: u8) -> u64 {
    ioc(0, ty, nr, 0)
}

/// `_IOW(ty, nr, size)`.
const fn iow(ty: u8, nr: u8, size: u64) -> u64 {
    ioc(1, ty, nr, size)
}

/// `_IOR(ty, nr, size)`.
const fn ior(ty: u8, nr: u8, size: u64) -> u64 {
    ioc(2, ty, nr, size)
}

/// `_IOWR(ty, nr, size)`.
const fn iowr(ty: u8, nr: u8, size: u64) -> u64 {
    ioc(3, ty, nr, size)
}

/// `MAP_HUGE_SHIFT`: the huge page size field of mmap flags starts at this bit.
const MAP_HUGE_SHIFT: u32 = libc::MAP_HUGE_SHIFT as u32;
/// `MAP_HUGE_MASK`: width of the huge page size field.
const MAP_HUGE_MASK: u64 = libc::MAP_HUGE_MASK as u64;
/// `MAP_HUGETLB`.
const MAP_HUGETLB: u64 = libc::MAP_HUGETLB as u64;
/// `SOCK_PACKET`: `libc` deprecates it in favour of `AF_PACKET`, but the kernel still accepts
/// it and programs still pass it, so the table names it.
#[allow(deprecated)]
const SOCK_PACKET: u64 = libc::SOCK_PACKET as u64;

/// A `c_int` flag word as the kernel reads it: its 32 bits, zero-extended. `libc` stores flags
/// with bit 31 set (`CLONE_IO`, `__WCLONE`, `MAP_HUGE_16GB`) as negative `c_int`s, which `as u64`
/// would sign-extend.
pub(super) const fn bits32(v: libc::c_int) -> u64 {
    v as u32 as u64
}

/// Builds the constant table from `Family { NAME = value, … }` blocks.
macro_rules! table {
    ($($family:ident { $($name:ident = $value:expr),* $(,)? })*) => {
        &[$($(Constant { name: stringify!($name), value: $value, family: Family::$family },)*)*]
    };
}

/// Every known constant. Order matters: the first entry of a family with a given value is the
/// name [`name_of`] returns, and flag words are rendered in table order.
///
/// Values `libc` already types as `u64` (ioctl requests, `rlim_t`, …) appear without a cast;
/// the others are converted with `as u64` (sign-extending, as for `AT_FDCWD`) or [`bits32`].
static CONSTANTS: &[Constant] = table! {
    Address {
        AF_UNSPEC = libc::AF_UNSPEC as u64,
        AF_UNIX = libc::AF_UNIX as u64,
        AF_INET = libc::AF_INET as u64,
        AF_AX25 = libc::AF_AX25 as u64,
        AF_IPX = libc::AF_IPX as u64,
        AF_APPLETALK = libc::AF_APPLETALK as u64,
        AF_NETROM = libc::AF_NETROM as u64,
        AF_BRIDGE = libc::AF_BRIDGE as u64,
        AF_ATMPVC = libc::AF_ATMPVC as u64,
        AF_X25 = libc::AF_X25 as u64,
        AF_INET6 = libc::AF_INET6 as u64,
        AF_ROSE = libc::AF_ROSE as u64,
        AF_DECnet = libc::AF_DECnet as u64,
        AF_NETBEUI = libc::AF_NETBEUI as u64,
        AF_SECURITY = libc::AF_SECURITY as u64,
        AF_KEY = libc::AF_KEY as u64,
        AF_NETLINK = libc::AF_NETLINK as u64,
        AF_PACKET = libc::AF_PACKET as u64,
        AF_ASH = libc::AF_ASH as u64,
        AF_ECONET = libc::AF_ECONET as u64,
        AF_ATMSVC = libc::AF_ATMSVC as u64,
        AF_RDS = libc::AF_RDS as u64,
        AF_SNA = libc::AF_SNA as u64,
        AF_IRDA = libc::AF_IRDA as u64,
        AF_PPPOX = libc::AF_PPPOX as u64,
        AF_WANPIPE = libc::AF_WANPIPE as u64,
        AF_LLC = libc::AF_LLC as u64,
        AF_IB = libc::AF_IB as u64,
        AF_MPLS = libc::AF_MPLS as u64,
        AF_CAN = libc::AF_CAN as u64,
        AF_TIPC = libc::AF_TIPC as u64,
        AF_BLUETOOTH = libc::AF_BLUETOOTH as u64,
        AF_IUCV = libc::AF_IUCV as u64,
        AF_RXRPC = libc::AF_RXRPC as u64,
        AF_ISDN = libc::AF_ISDN as u64,
        AF_PHONET = libc::AF_PHONET as u64,
        AF_IEEE802154 = libc::AF_IEEE802154 as u64,
        AF_CAIF = libc::AF_CAIF as u64,
        AF_ALG = libc::AF_ALG as u64,
        AF_NFC = libc::AF_NFC as u64,
        AF_VSOCK = libc::AF_VSOCK as u64,
        AF_KCM = uapi::AF_KCM,
        AF_QIPCRTR = uapi::AF_QIPCRTR,
        AF_SMC = uapi::AF_SMC,
        AF_XDP = libc::AF_XDP as u64,
        AF_MCTP = uapi::AF_MCTP,
        // Aliases.
        AF_LOCAL = libc::AF_LOCAL as u64,
        AF_ROUTE = libc::AF_ROUTE as u64,
        AF_FILE = uapi::AF_FILE,
        PF_UNSPEC = libc::PF_UNSPEC as u64,
        PF_UNIX = libc::PF_UNIX as u64,
        PF_LOCAL = libc::PF_LOCAL as u64,
        PF_INET = libc::PF_INET as u64,
        PF_AX25 = libc::PF_AX25 as u64,
        PF_IPX = libc::PF_IPX as u64,
        PF_APPLETALK = libc::PF_APPLETALK as u64,
        PF_X25 = libc::PF_X25 as u64,
        PF_INET6 = libc::PF_INET6 as u64,
        PF_KEY = libc::PF_KEY as u64,
        PF_NETLINK = libc::PF_NETLINK as u64,
        PF_ROUTE = libc::PF_ROUTE as u64,
        PF_PACKET = libc::PF_PACKET as u64,
        PF_RDS = libc::PF_RDS as u64,
        PF_LLC = libc::PF_LLC as u64,
        PF_IB = libc::PF_IB as u64,
        PF_MPLS = libc::PF_MPLS as u64,
        PF_CAN = libc::PF_CAN as u64,
        PF_TIPC = libc::PF_TIPC as u64,
        PF_BLUETOOTH = libc::PF_BLUETOOTH as u64,
        PF_ALG = libc::PF_ALG as u64,
        PF_NFC = libc::PF_NFC as u64,
        PF_VSOCK = libc::PF_VSOCK as u64,
        PF_QIPCRTR = uapi::PF_QIPCRTR,
        PF_SMC = uapi::PF_SMC,
        PF_XDP = libc::PF_XDP as u64,
        PF_MCTP = uapi::PF_MCTP,
    }
    SocketType {
        SOCK_STREAM = libc::SOCK_STREAM as u64,
        SOCK_DGRAM = libc::SOCK_DGRAM as u64,
        SOCK_RAW = libc::SOCK_RAW as u64,
        SOCK_RDM = libc::SOCK_RDM as u64,
        SOCK_SEQPACKET = libc::SOCK_SEQPACKET as u64,
        SOCK_DCCP = libc::SOCK_DCCP as u64,
        SOCK_PACKET = SOCK_PACKET,
        SOCK_NONBLOCK = libc::SOCK_NONBLOCK as u64,
        SOCK_CLOEXEC = libc::SOCK_CLOEXEC as u64,
    }
    SocketLevel {
        SOL_IP = libc::SOL_IP as u64,
        SOL_SOCKET = libc::SOL_SOCKET as u64,
        SOL_TCP = libc::SOL_TCP as u64,
        SOL_UDP = libc::SOL_UDP as u64,
        SOL_IPV6 = libc::SOL_IPV6 as u64,
        SOL_ICMPV6 = libc::SOL_ICMPV6 as u64,
        SOL_SCTP = uapi::SOL_SCTP,
        SOL_UDPLITE = uapi::SOL_UDPLITE,
        SOL_RAW = libc::SOL_RAW as u64,
        SOL_IPX = uapi::SOL_IPX,
        SOL_AX25 = uapi::SOL_AX25,
        SOL_ATALK = uapi::SOL_ATALK,
        SOL_NETROM = uapi::SOL_NETROM,
        SOL_ROSE = uapi::SOL_ROSE,
        SOL_DECNET = libc::SOL_DECNET as u64,
        SOL_X25 = libc::SOL_X25 as u64,
        SOL_PACKET = libc::SOL_PACKET as u64,
        SOL_ATM = libc::SOL_ATM as u64,
        SOL_AAL = libc::SOL_AAL as u64,
        SOL_IRDA = libc::SOL_IRDA as u64,
        SOL_NETBEUI = libc::SOL_NETBEUI as u64,
        SOL_LLC = libc::SOL_LLC as u64,
        SOL_DCCP = libc::SOL_DCCP as u64,
        SOL_NETLINK = libc::SOL_NETLINK as u64,
        SOL_TIPC = libc::SOL_TIPC as u64,
        SOL_RXRPC = libc::SOL_RXRPC as u64,
        SOL_PPPOL2TP = libc::SOL_PPPOL2TP as u64,
        SOL_BLUETOOTH = libc::SOL_BLUETOOTH as u64,
        SOL_PNPIPE = libc::SOL_PNPIPE as u64,
        SOL_RDS = libc::SOL_RDS as u64,
        SOL_IUCV = libc::SOL_IUCV as u64,
        SOL_CAIF = libc::SOL_CAIF as u64,
        SOL_ALG = libc::SOL_ALG as u64,
        SOL_NFC = libc::SOL_NFC as u64,
        SOL_KCM = uapi::SOL_KCM,
        SOL_TLS = libc::SOL_TLS as u64,
        SOL_XDP = libc::SOL_XDP as u64,
        SOL_MPTCP = uapi::SOL_MPTCP,
        SOL_MCTP = uapi::SOL_MCTP,
        SOL_SMC = uapi::SOL_SMC,
        SOL_VSOCK = uapi::SOL_VSOCK,
    }
    SocketOption {
        // SOL_SOCKET options come first so that they are the preferred names.
        SO_DEBUG = libc::SO_DEBUG as u64,
        SO_REUSEADDR = libc::SO_REUSEADDR as u64,
        SO_TYPE = libc::SO_TYPE as u64,
        SO_ERROR = libc::SO_ERROR as u64,
        SO_DONTROUTE = libc::SO_DONTROUTE as u64,
        SO_BROADCAST = libc::SO_BROADCAST as u64,
        SO_SNDBUF = libc::SO_SNDBUF as u64,
        SO_RCVBUF = libc::SO_RCVBUF as u64,
        SO_KEEPALIVE = libc::SO_KEEPALIVE as u64,
        SO_OOBINLINE = libc::SO_OOBINLINE as u64,
        SO_NO_CHECK = libc::SO_NO_CHECK as u64,
        SO_PRIORITY = libc::SO_PRIORITY as u64,
        SO_LINGER = libc::SO_LINGER as u64,
        SO_BSDCOMPAT = libc::SO_BSDCOMPAT as u64,
        SO_REUSEPORT = libc::SO_REUSEPORT as u64,
        SO_PASSCRED = libc::SO_PASSCRED as u64,
        SO_PEERCRED = libc::SO_PEERCRED as u64,
        SO_RCVLOWAT = libc::SO_RCVLOWAT as u64,
        SO_SNDLOWAT = libc::SO_SNDLOWAT as u64,
        SO_RCVTIMEO = libc::SO_RCVTIMEO as u64,
        SO_SNDTIMEO = libc::SO_SNDTIMEO as u64,
        SO_SECURITY_AUTHENTICATION = libc::SO_SECURITY_AUTHENTICATION as u64,
        SO_SECURITY_ENCRYPTION_TRANSPORT = libc::SO_SECURITY_ENCRYPTION_TRANSPORT as u64,
        SO_SECURITY_ENCRYPTION_NETWORK = libc::SO_SECURITY_ENCRYPTION_NETWORK as u64,
        SO_BINDTODEVICE = libc::SO_BINDTODEVICE as u64,
        SO_ATTACH_FILTER = libc::SO_ATTACH_FILTER as u64,
        SO_DETACH_FILTER = libc::SO_DETACH_FILTER as u64,
        SO_PEERNAME = libc::SO_PEERNAME as u64,
        SO_TIMESTAMP = libc::SO_TIMESTAMP as u64,
        SO_ACCEPTCONN = libc::SO_ACCEPTCONN as u64,
        SO_PEERSEC = libc::SO_PEERSEC as u64,
        SO_SNDBUFFORCE = libc::SO_SNDBUFFORCE as u64,
        SO_RCVBUFFORCE = libc::SO_RCVBUFFORCE as u64,
        SO_PASSSEC = libc::SO_PASSSEC as u64,
        SO_TIMESTAMPNS = libc::SO_TIMESTAMPNS as u64,
        SO_MARK = libc::SO_MARK as u64,
        SO_TIMESTAMPING = libc::SO_TIMESTAMPING as u64,
        SO_PROTOCOL = libc::SO_PROTOCOL as u64,
        SO_DOMAIN = libc::SO_DOMAIN as u64,
        SO_RXQ_OVFL = libc::SO_RXQ_OVFL as u64,
        SO_WIFI_STATUS = libc::SO_WIFI_STATUS as u64,
        SO_PEEK_OFF = libc::SO_PEEK_OFF as u64,
        SO_NOFCS = libc::SO_NOFCS as u64,
        SO_LOCK_FILTER = libc::SO_LOCK_FILTER as u64,
        SO_SELECT_ERR_QUEUE = libc::SO_SELECT_ERR_QUEUE as u64,
        SO_BUSY_POLL = libc::SO_BUSY_POLL as u64,
        SO_MAX_PACING_RATE = libc::SO_MAX_PACING_RATE as u64,
        SO_BPF_EXTENSIONS = libc::SO_BPF_EXTENSIONS as u64,
        SO_INCOMING_CPU = libc::SO_INCOMING_CPU as u64,
        SO_ATTACH_BPF = libc::SO_ATTACH_BPF as u64,
        SO_ATTACH_REUSEPORT_CBPF = libc::SO_ATTACH_REUSEPORT_CBPF as u64,
        SO_ATTACH_REUSEPORT_EBPF = libc::SO_ATTACH_REUSEPORT_EBPF as u64,
        SO_CNX_ADVICE = libc::SO_CNX_ADVICE as u64,
        SO_MEMINFO = libc::SO_MEMINFO as u64,
        SO_INCOMING_NAPI_ID = libc::SO_INCOMING_NAPI_ID as u64,
        SO_COOKIE = libc::SO_COOKIE as u64,
        SO_PEERGROUPS = libc::SO_PEERGROUPS as u64,
        SO_ZEROCOPY = libc::SO_ZEROCOPY as u64,
        SO_TXTIME = libc::SO_TXTIME as u64,
        SO_BINDTOIFINDEX = libc::SO_BINDTOIFINDEX as u64,
        SO_TIMESTAMP_NEW = libc::SO_TIMESTAMP_NEW as u64,
        SO_TIMESTAMPNS_NEW = libc::SO_TIMESTAMPNS_NEW as u64,
        SO_TIMESTAMPING_NEW = libc::SO_TIMESTAMPING_NEW as u64,
        SO_RCVTIMEO_NEW = libc::SO_RCVTIMEO_NEW as u64,
        SO_SNDTIMEO_NEW = libc::SO_SNDTIMEO_NEW as u64,
        SO_DETACH_REUSEPORT_BPF = libc::SO_DETACH_REUSEPORT_BPF as u64,
        SO_PREFER_BUSY_POLL = libc::SO_PREFER_BUSY_POLL as u64,
        SO_BUSY_POLL_BUDGET = libc::SO_BUSY_POLL_BUDGET as u64,
        SO_NETNS_COOKIE = libc::SO_NETNS_COOKIE as u64,
        SO_BUF_LOCK = libc::SO_BUF_LOCK as u64,
        SO_RESERVE_MEM = libc::SO_RESERVE_MEM as u64,
        SO_TXREHASH = libc::SO_TXREHASH as u64,
        SO_RCVMARK = libc::SO_RCVMARK as u64,
        SO_PASSPIDFD = libc::SO_PASSPIDFD as u64,
        SO_PEERPIDFD = libc::SO_PEERPIDFD as u64,
        SO_GET_FILTER = libc::SO_GET_FILTER as u64,
        SO_DETACH_BPF = libc::SO_DETACH_BPF as u64,
        // SOL_TCP options.
        TCP_NODELAY = libc::TCP_NODELAY as u64,
        TCP_MAXSEG = libc::TCP_MAXSEG as u64,
        TCP_CORK = libc::TCP_CORK as u64,
        TCP_KEEPIDLE = libc::TCP_KEEPIDLE as u64,
        TCP_KEEPINTVL = libc::TCP_KEEPINTVL as u64,
        TCP_KEEPCNT = libc::TCP_KEEPCNT as u64,
        TCP_SYNCNT = libc::TCP_SYNCNT as u64,
        TCP_LINGER2 = libc::TCP_LINGER2 as u64,
        TCP_DEFER_ACCEPT = libc::TCP_DEFER_ACCEPT as u64,
        TCP_WINDOW_CLAMP = libc::TCP_WINDOW_CLAMP as u64,
        TCP_INFO = libc::TCP_INFO as u64,
        TCP_QUICKACK = libc::TCP_QUICKACK as u64,
        TCP_CONGESTION = libc::TCP_CONGESTION as u64,
        TCP_MD5SIG = libc::TCP_MD5SIG as u64,
        TCP_THIN_LINEAR_TIMEOUTS = libc::TCP_THIN_LINEAR_TIMEOUTS as u64,
        TCP_THIN_DUPACK = libc::TCP_THIN_DUPACK as u64,
        TCP_USER_TIMEOUT = libc::TCP_USER_TIMEOUT as u64,
        TCP_REPAIR = libc::TCP_REPAIR as u64,
        TCP_REPAIR_QUEUE = libc::TCP_REPAIR_QUEUE as u64,
        TCP_QUEUE_SEQ = libc::TCP_QUEUE_SEQ as u64,
        TCP_REPAIR_OPTIONS = libc::TCP_REPAIR_OPTIONS as u64,
        TCP_FASTOPEN = libc::TCP_FASTOPEN as u64,
        TCP_TIMESTAMP = libc::TCP_TIMESTAMP as u64,
        TCP_NOTSENT_LOWAT = libc::TCP_NOTSENT_LOWAT as u64,
        TCP_CC_INFO = libc::TCP_CC_INFO as u64,
        TCP_SAVE_SYN = libc::TCP_SAVE_SYN as u64,
        TCP_SAVED_SYN = libc::TCP_SAVED_SYN as u64,
        TCP_REPAIR_WINDOW = libc::TCP_REPAIR_WINDOW as u64,
        TCP_FASTOPEN_CONNECT = libc::TCP_FASTOPEN_CONNECT as u64,
        TCP_ULP = libc::TCP_ULP as u64,
        TCP_MD5SIG_EXT = libc::TCP_MD5SIG_EXT as u64,
        TCP_FASTOPEN_KEY = libc::TCP_FASTOPEN_KEY as u64,
        TCP_FASTOPEN_NO_COOKIE = libc::TCP_FASTOPEN_NO_COOKIE as u64,
        TCP_ZEROCOPY_RECEIVE = libc::TCP_ZEROCOPY_RECEIVE as u64,
        TCP_INQ = libc::TCP_INQ as u64,
        TCP_TX_DELAY = uapi::TCP_TX_DELAY,
        // SOL_IP options.
        IP_TOS = libc::IP_TOS as u64,
        IP_TTL = libc::IP_TTL as u64,
        IP_HDRINCL = libc::IP_HDRINCL as u64,
        IP_OPTIONS = libc::IP_OPTIONS as u64,
        IP_ROUTER_ALERT = libc::IP_ROUTER_ALERT as u64,
        IP_RECVOPTS = libc::IP_RECVOPTS as u64,
        IP_RETOPTS = libc::IP_RETOPTS as u64,
        IP_PKTINFO = libc::IP_PKTINFO as u64,
        IP_PKTOPTIONS = libc::IP_PKTOPTIONS as u64,
        IP_MTU_DISCOVER = libc::IP_MTU_DISCOVER as u64,
        IP_RECVERR = libc::IP_RECVERR as u64,
        IP_RECVTTL = libc::IP_RECVTTL as u64,
        IP_RECVTOS = libc::IP_RECVTOS as u64,
        IP_MTU = libc::IP_MTU as u64,
        IP_FREEBIND = libc::IP_FREEBIND as u64,
        IP_IPSEC_POLICY = libc::IP_IPSEC_POLICY as u64,
        IP_XFRM_POLICY = libc::IP_XFRM_POLICY as u64,
        IP_PASSSEC = libc::IP_PASSSEC as u64,
        IP_TRANSPARENT = libc::IP_TRANSPARENT as u64,
        IP_RECVORIGDSTADDR = libc::IP_RECVORIGDSTADDR as u64,
        IP_MINTTL = libc::IP_MINTTL as u64,
        IP_NODEFRAG = libc::IP_NODEFRAG as u64,
        IP_CHECKSUM = libc::IP_CHECKSUM as u64,
        IP_BIND_ADDRESS_NO_PORT = libc::IP_BIND_ADDRESS_NO_PORT as u64,
        IP_RECVFRAGSIZE = libc::IP_RECVFRAGSIZE as u64,
        IP_RECVERR_RFC4884 = uapi::IP_RECVERR_RFC4884,
        IP_MULTICAST_IF = libc::IP_MULTICAST_IF as u64,
        IP_MULTICAST_TTL = libc::IP_MULTICAST_TTL as u64,
        IP_MULTICAST_LOOP = libc::IP_MULTICAST_LOOP as u64,
        IP_ADD_MEMBERSHIP = libc::IP_ADD_MEMBERSHIP as u64,
        IP_DROP_MEMBERSHIP = libc::IP_DROP_MEMBERSHIP as u64,
        IP_UNBLOCK_SOURCE = libc::IP_UNBLOCK_SOURCE as u64,
        IP_BLOCK_SOURCE = libc::IP_BLOCK_SOURCE as u64,
        IP_ADD_SOURCE_MEMBERSHIP = libc::IP_ADD_SOURCE_MEMBERSHIP as u64,
        IP_DROP_SOURCE_MEMBERSHIP = libc::IP_DROP_SOURCE_MEMBERSHIP as u64,
        IP_MSFILTER = libc::IP_MSFILTER as u64,
        IP_MULTICAST_ALL = libc::IP_MULTICAST_ALL as u64,
        IP_UNICAST_IF = libc::IP_UNICAST_IF as u64,
        // SOL_IPV6 options.
        IPV6_ADDRFORM = libc::IPV6_ADDRFORM as u64,
        IPV6_2292PKTINFO = libc::IPV6_2292PKTINFO as u64,
        IPV6_2292HOPOPTS = libc::IPV6_2292HOPOPTS as u64,
        IPV6_2292DSTOPTS = libc::IPV6_2292DSTOPTS as u64,
        IPV6_2292RTHDR = libc::IPV6_2292RTHDR as u64,
        IPV6_2292PKTOPTIONS = libc::IPV6_2292PKTOPTIONS as u64,
        IPV6_CHECKSUM = libc::IPV6_CHECKSUM as u64,
        IPV6_2292HOPLIMIT = libc::IPV6_2292HOPLIMIT as u64,
        IPV6_NEXTHOP = libc::IPV6_NEXTHOP as u64,
        IPV6_AUTHHDR = libc::IPV6_AUTHHDR as u64,
        IPV6_UNICAST_HOPS = libc::IPV6_UNICAST_HOPS as u64,
        IPV6_MULTICAST_IF = libc::IPV6_MULTICAST_IF as u64,
        IPV6_MULTICAST_HOPS = libc::IPV6_MULTICAST_HOPS as u64,
        IPV6_MULTICAST_LOOP = libc::IPV6_MULTICAST_LOOP as u64,
        IPV6_JOIN_GROUP = uapi::IPV6_JOIN_GROUP,
        IPV6_LEAVE_GROUP = uapi::IPV6_LEAVE_GROUP,
        IPV6_ROUTER_ALERT = libc::IPV6_ROUTER_ALERT as u64,
        IPV6_MTU_DISCOVER = libc::IPV6_MTU_DISCOVER as u64,
        IPV6_MTU = libc::IPV6_MTU as u64,
        IPV6_RECVERR = libc::IPV6_RECVERR as u64,
        IPV6_V6ONLY = libc::IPV6_V6ONLY as u64,
        IPV6_JOIN_ANYCAST = libc::IPV6_JOIN_ANYCAST as u64,
        IPV6_LEAVE_ANYCAST = libc::IPV6_LEAVE_ANYCAST as u64,
        IPV6_MULTICAST_ALL = libc::IPV6_MULTICAST_ALL as u64,
        IPV6_ROUTER_ALERT_ISOLATE = libc::IPV6_ROUTER_ALERT_ISOLATE as u64,
        IPV6_RECVERR_RFC4884 = uapi::IPV6_RECVERR_RFC4884,
        IPV6_IPSEC_POLICY = libc::IPV6_IPSEC_POLICY as u64,
        IPV6_XFRM_POLICY = libc::IPV6_XFRM_POLICY as u64,
        IPV6_HDRINCL = libc::IPV6_HDRINCL as u64,
        IPV6_RECVPKTINFO = libc::IPV6_RECVPKTINFO as u64,
        IPV6_PKTINFO = libc::IPV6_PKTINFO as u64,
        IPV6_RECVHOPLIMIT = libc::IPV6_RECVHOPLIMIT as u64,
        IPV6_HOPLIMIT = libc::IPV6_HOPLIMIT as u64,
        IPV6_RECVHOPOPTS = libc::IPV6_RECVHOPOPTS as u64,
        IPV6_HOPOPTS = libc::IPV6_HOPOPTS as u64,
        IPV6_RTHDRDSTOPTS = libc::IPV6_RTHDRDSTOPTS as u64,
        IPV6_RECVRTHDR = libc::IPV6_RECVRTHDR as u64,
        IPV6_RTHDR = libc::IPV6_RTHDR as u64,
        IPV6_RECVDSTOPTS = libc::IPV6_RECVDSTOPTS as u64,
        IPV6_DSTOPTS = libc::IPV6_DSTOPTS as u64,
        IPV6_RECVPATHMTU = libc::IPV6_RECVPATHMTU as u64,
        IPV6_PATHMTU = libc::IPV6_PATHMTU as u64,
        IPV6_DONTFRAG = libc::IPV6_DONTFRAG as u64,
        IPV6_RECVTCLASS = libc::IPV6_RECVTCLASS as u64,
        IPV6_TCLASS = libc::IPV6_TCLASS as u64,
        IPV6_AUTOFLOWLABEL = libc::IPV6_AUTOFLOWLABEL as u64,
        IPV6_ADDR_PREFERENCES = libc::IPV6_ADDR_PREFERENCES as u64,
        IPV6_MINHOPCOUNT = libc::IPV6_MINHOPCOUNT as u64,
        IPV6_ORIGDSTADDR = libc::IPV6_ORIGDSTADDR as u64,
        IPV6_TRANSPARENT = libc::IPV6_TRANSPARENT as u64,
        IPV6_UNICAST_IF = libc::IPV6_UNICAST_IF as u64,
        IPV6_RECVFRAGSIZE = libc::IPV6_RECVFRAGSIZE as u64,
        IPV6_FREEBIND = libc::IPV6_FREEBIND as u64,
        IPV6_ADD_MEMBERSHIP = libc::IPV6_ADD_MEMBERSHIP as u64,
        IPV6_DROP_MEMBERSHIP = libc::IPV6_DROP_MEMBERSHIP as u64,
        IPV6_RECVORIGDSTADDR = libc::IPV6_RECVORIGDSTADDR as u64,
        // SOL_UDP options.
        UDP_CORK = libc::UDP_CORK as u64,
        UDP_ENCAP = libc::UDP_ENCAP as u64,
        UDP_NO_CHECK6_TX = libc::UDP_NO_CHECK6_TX as u64,
        UDP_NO_CHECK6_RX = libc::UDP_NO_CHECK6_RX as u64,
        UDP_SEGMENT = libc::UDP_SEGMENT as u64,
        UDP_GRO = libc::UDP_GRO as u64,
    }
    Protocol {
        IPPROTO_IP = libc::IPPROTO_IP as u64,
        IPPROTO_ICMP = libc::IPPROTO_ICMP as u64,
        IPPROTO_IGMP = libc::IPPROTO_IGMP as u64,
        IPPROTO_IPIP = libc::IPPROTO_IPIP as u64,
        IPPROTO_TCP = libc::IPPROTO_TCP as u64,
        IPPROTO_EGP = libc::IPPROTO_EGP as u64,
        IPPROTO_PUP = libc::IPPROTO_PUP as u64,
        IPPROTO_UDP = libc::IPPROTO_UDP as u64,
        IPPROTO_IDP = libc::IPPROTO_IDP as u64,
        IPPROTO_TP = libc::IPPROTO_TP as u64,
        IPPROTO_DCCP = libc::IPPROTO_DCCP as u64,
        IPPROTO_IPV6 = libc::IPPROTO_IPV6 as u64,
        IPPROTO_ROUTING = libc::IPPROTO_ROUTING as u64,
        IPPROTO_FRAGMENT = libc::IPPROTO_FRAGMENT as u64,
        IPPROTO_RSVP = libc::IPPROTO_RSVP as u64,
        IPPROTO_GRE = libc::IPPROTO_GRE as u64,
        IPPROTO_ESP = libc::IPPROTO_ESP as u64,
        IPPROTO_AH = libc::IPPROTO_AH as u64,
        IPPROTO_ICMPV6 = libc::IPPROTO_ICMPV6 as u64,
        IPPROTO_NONE = libc::IPPROTO_NONE as u64,
        IPPROTO_DSTOPTS = libc::IPPROTO_DSTOPTS as u64,
        IPPROTO_MTP = libc::IPPROTO_MTP as u64,
        IPPROTO_BEETPH = libc::IPPROTO_BEETPH as u64,
        IPPROTO_ENCAP = libc::IPPROTO_ENCAP as u64,
        IPPROTO_PIM = libc::IPPROTO_PIM as u64,
        IPPROTO_COMP = libc::IPPROTO_COMP as u64,
        IPPROTO_L2TP = uapi::IPPROTO_L2TP,
        IPPROTO_SCTP = libc::IPPROTO_SCTP as u64,
        IPPROTO_MH = libc::IPPROTO_MH as u64,
        IPPROTO_UDPLITE = libc::IPPROTO_UDPLITE as u64,
        IPPROTO_MPLS = libc::IPPROTO_MPLS as u64,
        IPPROTO_ETHERNET = libc::IPPROTO_ETHERNET as u64,
        IPPROTO_RAW = libc::IPPROTO_RAW as u64,
        IPPROTO_SMC = uapi::IPPROTO_SMC,
        IPPROTO_MPTCP = libc::IPPROTO_MPTCP as u64,
        IPPROTO_HOPOPTS = libc::IPPROTO_HOPOPTS as u64,
    }
    NetlinkProtocol {
        NETLINK_ROUTE = libc::NETLINK_ROUTE as u64,
        NETLINK_UNUSED = libc::NETLINK_UNUSED as u64,
        NETLINK_USERSOCK = libc::NETLINK_USERSOCK as u64,
        NETLINK_FIREWALL = libc::NETLINK_FIREWALL as u64,
        NETLINK_SOCK_DIAG = libc::NETLINK_SOCK_DIAG as u64,
        NETLINK_NFLOG = libc::NETLINK_NFLOG as u64,
        NETLINK_XFRM = libc::NETLINK_XFRM as u64,
        NETLINK_SELINUX = libc::NETLINK_SELINUX as u64,
        NETLINK_ISCSI = libc::NETLINK_ISCSI as u64,
        NETLINK_AUDIT = libc::NETLINK_AUDIT as u64,
        NETLINK_FIB_LOOKUP = libc::NETLINK_FIB_LOOKUP as u64,
        NETLINK_CONNECTOR = libc::NETLINK_CONNECTOR as u64,
        NETLINK_NETFILTER = libc::NETLINK_NETFILTER as u64,
        NETLINK_IP6_FW = libc::NETLINK_IP6_FW as u64,
        NETLINK_DNRTMSG = libc::NETLINK_DNRTMSG as u64,
        NETLINK_KOBJECT_UEVENT = libc::NETLINK_KOBJECT_UEVENT as u64,
        NETLINK_GENERIC = libc::NETLINK_GENERIC as u64,
        NETLINK_SCSITRANSPORT = libc::NETLINK_SCSITRANSPORT as u64,
        NETLINK_ECRYPTFS = libc::NETLINK_ECRYPTFS as u64,
        NETLINK_RDMA = libc::NETLINK_RDMA as u64,
        NETLINK_CRYPTO = libc::NETLINK_CRYPTO as u64,
        NETLINK_SMC = uapi::NETLINK_SMC,
        NETLINK_INET_DIAG = libc::NETLINK_INET_DIAG as u64,
    }
    OpenFlag {
        O_RDONLY = libc::O_RDONLY as u64,
        O_WRONLY = libc::O_WRONLY as u64,
        O_RDWR = libc::O_RDWR as u64,
        O_ACCMODE = libc::O_ACCMODE as u64,
        O_CREAT = libc::O_CREAT as u64,
        O_EXCL = libc::O_EXCL as u64,
        O_NOCTTY = libc::O_NOCTTY as u64,
        O_TRUNC = libc::O_TRUNC as u64,
        O_APPEND = libc::O_APPEND as u64,
        O_NONBLOCK = libc::O_NONBLOCK as u64,
        O_SYNC = libc::O_SYNC as u64,
        O_DSYNC = libc::O_DSYNC as u64,
        O_ASYNC = libc::O_ASYNC as u64,
        O_DIRECT = libc::O_DIRECT as u64,
        O_LARGEFILE = uapi::O_LARGEFILE,
        O_DIRECTORY = libc::O_DIRECTORY as u64,
        O_NOFOLLOW = libc::O_NOFOLLOW as u64,
        O_NOATIME = libc::O_NOATIME as u64,
        O_CLOEXEC = libc::O_CLOEXEC as u64,
        __O_SYNC = uapi::__O_SYNC,
        O_PATH = libc::O_PATH as u64,
        O_TMPFILE = libc::O_TMPFILE as u64,
        __O_TMPFILE = uapi::__O_TMPFILE,
        // Aliases.
        O_NDELAY = libc::O_NDELAY as u64,
        FASYNC = uapi::FASYNC,
        O_FSYNC = libc::O_FSYNC as u64,
        O_RSYNC = libc::O_RSYNC as u64,
    }
    AtFlag {
        AT_STATX_SYNC_AS_STAT = libc::AT_STATX_SYNC_AS_STAT as u64,
        AT_SYMLINK_NOFOLLOW = libc::AT_SYMLINK_NOFOLLOW as u64,
        AT_REMOVEDIR = libc::AT_REMOVEDIR as u64,
        AT_SYMLINK_FOLLOW = libc::AT_SYMLINK_FOLLOW as u64,
        AT_NO_AUTOMOUNT = libc::AT_NO_AUTOMOUNT as u64,
        AT_EMPTY_PATH = libc::AT_EMPTY_PATH as u64,
        AT_STATX_FORCE_SYNC = libc::AT_STATX_FORCE_SYNC as u64,
        AT_STATX_DONT_SYNC = libc::AT_STATX_DONT_SYNC as u64,
        AT_RECURSIVE = libc::AT_RECURSIVE as u64,
        // Same bit as AT_REMOVEDIR (faccessat2 only).
        AT_EACCESS = libc::AT_EACCESS as u64,
    }
    Prot {
        PROT_NONE = libc::PROT_NONE as u64,
        PROT_READ = libc::PROT_READ as u64,
        PROT_WRITE = libc::PROT_WRITE as u64,
        PROT_EXEC = libc::PROT_EXEC as u64,
        PROT_SEM = uapi::PROT_SEM,
        PROT_GROWSDOWN = libc::PROT_GROWSDOWN as u64,
        PROT_GROWSUP = libc::PROT_GROWSUP as u64,
    }
    MapFlag {
        MAP_SHARED = libc::MAP_SHARED as u64,
        MAP_PRIVATE = libc::MAP_PRIVATE as u64,
        MAP_SHARED_VALIDATE = libc::MAP_SHARED_VALIDATE as u64,
        MAP_DROPPABLE = libc::MAP_DROPPABLE as u64,
        MAP_TYPE = libc::MAP_TYPE as u64,
        MAP_FIXED = libc::MAP_FIXED as u64,
        MAP_ANONYMOUS = libc::MAP_ANONYMOUS as u64,
        MAP_32BIT = libc::MAP_32BIT as u64,
        MAP_GROWSDOWN = libc::MAP_GROWSDOWN as u64,
        MAP_DENYWRITE = libc::MAP_DENYWRITE as u64,
        MAP_EXECUTABLE = libc::MAP_EXECUTABLE as u64,
        MAP_LOCKED = libc::MAP_LOCKED as u64,
        MAP_NORESERVE = libc::MAP_NORESERVE as u64,
        MAP_POPULATE = libc::MAP_POPULATE as u64,
        MAP_NONBLOCK = libc::MAP_NONBLOCK as u64,
        MAP_STACK = libc::MAP_STACK as u64,
        MAP_HUGETLB = libc::MAP_HUGETLB as u64,
        MAP_SYNC = libc::MAP_SYNC as u64,
        MAP_FIXED_NOREPLACE = libc::MAP_FIXED_NOREPLACE as u64,
        MAP_UNINITIALIZED = uapi::MAP_UNINITIALIZED,
        MAP_HUGE_64KB = libc::MAP_HUGE_64KB as u64,
        MAP_HUGE_512KB = libc::MAP_HUGE_512KB as u64,
        MAP_HUGE_1MB = libc::MAP_HUGE_1MB as u64,
        MAP_HUGE_2MB = libc::MAP_HUGE_2MB as u64,
        MAP_HUGE_8MB = libc::MAP_HUGE_8MB as u64,
        MAP_HUGE_16MB = libc::MAP_HUGE_16MB as u64,
        MAP_HUGE_32MB = libc::MAP_HUGE_32MB as u64,
        MAP_HUGE_256MB = libc::MAP_HUGE_256MB as u64,
        MAP_HUGE_512MB = libc::MAP_HUGE_512MB as u64,
        MAP_HUGE_1GB = libc::MAP_HUGE_1GB as u64,
        MAP_HUGE_2GB = libc::MAP_HUGE_2GB as u64,
        MAP_HUGE_16GB = bits32(libc::MAP_HUGE_16GB),
        // Aliases.
        MAP_ANON = libc::MAP_ANON as u64,
        MAP_FILE = libc::MAP_FILE as u64,
    }
    Ioctl {
        TCGETS = libc::TCGETS,
        TCSETS = libc::TCSETS,
        TCSETSW = libc::TCSETSW,
        TCSETSF = libc::TCSETSF,
        TCGETA = libc::TCGETA,
        TCSETA = libc::TCSETA,
        TCSETAW = libc::TCSETAW,
        TCSETAF = libc::TCSETAF,
        TCSBRK = libc::TCSBRK,
        TCXONC = libc::TCXONC,
        TCFLSH = libc::TCFLSH,
        TIOCEXCL = libc::TIOCEXCL,
        TIOCNXCL = libc::TIOCNXCL,
        TIOCSCTTY = libc::TIOCSCTTY,
        TIOCGPGRP = libc::TIOCGPGRP,
        TIOCSPGRP = libc::TIOCSPGRP,
        TIOCOUTQ = libc::TIOCOUTQ,
        TIOCSTI = libc::TIOCSTI,
        TIOCGWINSZ = libc::TIOCGWINSZ,
        TIOCSWINSZ = libc::TIOCSWINSZ,
        TIOCMGET = libc::TIOCMGET,
        TIOCMBIS = libc::TIOCMBIS,
        TIOCMBIC = libc::TIOCMBIC,
        TIOCMSET = libc::TIOCMSET,
        TIOCGSOFTCAR = libc::TIOCGSOFTCAR,
        TIOCSSOFTCAR = libc::TIOCSSOFTCAR,
        FIONREAD = libc::FIONREAD,
        TIOCINQ = libc::TIOCINQ,
        TIOCLINUX = libc::TIOCLINUX,
        TIOCCONS = libc::TIOCCONS,
        TIOCGSERIAL = libc::TIOCGSERIAL,
        TIOCSSERIAL = libc::TIOCSSERIAL,
        TIOCPKT = libc::TIOCPKT,
        FIONBIO = libc::FIONBIO,
        TIOCNOTTY = libc::TIOCNOTTY,
        TIOCSETD = libc::TIOCSETD,
        TIOCGETD = libc::TIOCGETD,
        TCSBRKP = libc::TCSBRKP,
        TIOCSBRK = libc::TIOCSBRK,
        TIOCCBRK = libc::TIOCCBRK,
        TIOCGSID = libc::TIOCGSID,
        TCGETS2 = libc::TCGETS2,
        TCSETS2 = libc::TCSETS2,
        TCSETSW2 = libc::TCSETSW2,
        TCSETSF2 = libc::TCSETSF2,
        TIOCGRS485 = libc::TIOCGRS485,
        TIOCSRS485 = libc::TIOCSRS485,
        TIOCGPTN = libc::TIOCGPTN,
        TIOCSPTLCK = libc::TIOCSPTLCK,
        TIOCGDEV = libc::TIOCGDEV,
        TCGETX = libc::TCGETX,
        TCSETX = libc::TCSETX,
        TCSETXF = libc::TCSETXF,
        TCSETXW = libc::TCSETXW,
        TIOCSIG = libc::TIOCSIG,
        TIOCVHANGUP = libc::TIOCVHANGUP,
        TIOCGPKT = libc::TIOCGPKT,
        TIOCGPTLCK = libc::TIOCGPTLCK,
        TIOCGEXCL = libc::TIOCGEXCL,
        TIOCGPTPEER = libc::TIOCGPTPEER,
        FIONCLEX = libc::FIONCLEX,
        FIOCLEX = libc::FIOCLEX,
        FIOASYNC = libc::FIOASYNC,
        TIOCSERCONFIG = libc::TIOCSERCONFIG,
        TIOCSERGWILD = libc::TIOCSERGWILD,
        TIOCSERSWILD = libc::TIOCSERSWILD,
        TIOCGLCKTRMIOS = libc::TIOCGLCKTRMIOS,
        TIOCSLCKTRMIOS = libc::TIOCSLCKTRMIOS,
        TIOCSERGSTRUCT = libc::TIOCSERGSTRUCT,
        TIOCSERGETLSR = libc::TIOCSERGETLSR,
        TIOCSERGETMULTI = libc::TIOCSERGETMULTI,
        TIOCSERSETMULTI = libc::TIOCSERSETMULTI,
        TIOCMIWAIT = libc::TIOCMIWAIT,
        TIOCGICOUNT = libc::TIOCGICOUNT,
        FIOQSIZE = libc::FIOQSIZE,
        // Socket ioctls (linux/sockios.h).
        FIOSETOWN = uapi::FIOSETOWN,
        SIOCSPGRP = uapi::SIOCSPGRP,
        FIOGETOWN = uapi::FIOGETOWN,
        SIOCGPGRP = uapi::SIOCGPGRP,
        SIOCATMARK = uapi::SIOCATMARK,
        SIOCGSTAMP = uapi::SIOCGSTAMP,
        SIOCGSTAMPNS = uapi::SIOCGSTAMPNS,
        SIOCADDRT = libc::SIOCADDRT,
        SIOCDELRT = libc::SIOCDELRT,
        SIOCRTMSG = uapi::SIOCRTMSG,
        SIOCGIFNAME = libc::SIOCGIFNAME,
        SIOCSIFLINK = libc::SIOCSIFLINK,
        SIOCGIFCONF = libc::SIOCGIFCONF,
        SIOCGIFFLAGS = libc::SIOCGIFFLAGS,
        SIOCSIFFLAGS = libc::SIOCSIFFLAGS,
        SIOCGIFADDR = libc::SIOCGIFADDR,
        SIOCSIFADDR = libc::SIOCSIFADDR,
        SIOCGIFDSTADDR = libc::SIOCGIFDSTADDR,
        SIOCSIFDSTADDR = libc::SIOCSIFDSTADDR,
        SIOCGIFBRDADDR = libc::SIOCGIFBRDADDR,
        SIOCSIFBRDADDR = libc::SIOCSIFBRDADDR,
        SIOCGIFNETMASK = libc::SIOCGIFNETMASK,
        SIOCSIFNETMASK = libc::SIOCSIFNETMASK,
        SIOCGIFMETRIC = libc::SIOCGIFMETRIC,
        SIOCSIFMETRIC = libc::SIOCSIFMETRIC,
        SIOCGIFMEM = libc::SIOCGIFMEM,
        SIOCSIFMEM = libc::SIOCSIFMEM,
        SIOCGIFMTU = libc::SIOCGIFMTU,
        SIOCSIFMTU = libc::SIOCSIFMTU,
        SIOCSIFNAME = libc::SIOCSIFNAME,
        SIOCSIFHWADDR = libc::SIOCSIFHWADDR,
        SIOCGIFENCAP = libc::SIOCGIFENCAP,
        SIOCSIFENCAP = libc::SIOCSIFENCAP,
        SIOCGIFHWADDR = libc::SIOCGIFHWADDR,
        SIOCGIFSLAVE = libc::SIOCGIFSLAVE,
        SIOCSIFSLAVE = libc::SIOCSIFSLAVE,
        SIOCADDMULTI = libc::SIOCADDMULTI,
        SIOCDELMULTI = libc::SIOCDELMULTI,
        SIOCGIFINDEX = libc::SIOCGIFINDEX,
        SIOCSIFPFLAGS = libc::SIOCSIFPFLAGS,
        SIOCGIFPFLAGS = libc::SIOCGIFPFLAGS,
        SIOCDIFADDR = libc::SIOCDIFADDR,
        SIOCSIFHWBROADCAST = libc::SIOCSIFHWBROADCAST,
        SIOCGIFCOUNT = libc::SIOCGIFCOUNT,
        SIOCGIFBR = libc::SIOCGIFBR,
        SIOCSIFBR = libc::SIOCSIFBR,
        SIOCGIFTXQLEN = libc::SIOCGIFTXQLEN,
        SIOCSIFTXQLEN = libc::SIOCSIFTXQLEN,
        SIOCETHTOOL = libc::SIOCETHTOOL,
        SIOCGMIIPHY = libc::SIOCGMIIPHY,
        SIOCGMIIREG = libc::SIOCGMIIREG,
        SIOCSMIIREG = libc::SIOCSMIIREG,
        SIOCWANDEV = libc::SIOCWANDEV,
        SIOCOUTQNSD = libc::SIOCOUTQNSD,
        SIOCGSKNS = libc::SIOCGSKNS,
        SIOCDARP = libc::SIOCDARP,
        SIOCGARP = libc::SIOCGARP,
        SIOCSARP = libc::SIOCSARP,
        SIOCDRARP = libc::SIOCDRARP,
        SIOCGRARP = libc::SIOCGRARP,
        SIOCSRARP = libc::SIOCSRARP,
        SIOCGIFMAP = libc::SIOCGIFMAP,
        SIOCSIFMAP = libc::SIOCSIFMAP,
        SIOCADDDLCI = uapi::SIOCADDDLCI,
        SIOCDELDLCI = uapi::SIOCDELDLCI,
        SIOCBRADDBR = uapi::SIOCBRADDBR,
        SIOCBRDELBR = uapi::SIOCBRDELBR,
        SIOCBRADDIF = uapi::SIOCBRADDIF,
        SIOCBRDELIF = uapi::SIOCBRDELIF,
        // Filesystem ioctls (linux/fs.h).
        FIBMAP = io(0, 1),
        FIGETBSZ = io(0, 2),
        FIFREEZE = iowr(b'X', 119, 4),
        FITHAW = iowr(b'X', 120, 4),
        FITRIM = iowr(b'X', 121, 24),
        FICLONE = libc::FICLONE,
        FICLONERANGE = libc::FICLONERANGE,
        FIDEDUPERANGE = iowr(0x94, 54, 24),
        FS_IOC_GETFSLABEL = ior(0x94, 49, 256),
        FS_IOC_SETFSLABEL = iow(0x94, 50, 256),
        FS_IOC_GETFLAGS = libc::FS_IOC_GETFLAGS,
        FS_IOC_SETFLAGS = libc::FS_IOC_SETFLAGS,
        FS_IOC_GETVERSION = libc::FS_IOC_GETVERSION,
        FS_IOC_SETVERSION = libc::FS_IOC_SETVERSION,
        FS_IOC_FIEMAP = iowr(b'f', 11, 32),
        FS_IOC32_GETFLAGS = libc::FS_IOC32_GETFLAGS,
        FS_IOC32_SETFLAGS = libc::FS_IOC32_SETFLAGS,
        FS_IOC32_GETVERSION = libc::FS_IOC32_GETVERSION,
        FS_IOC32_SETVERSION = libc::FS_IOC32_SETVERSION,
        FS_IOC_FSGETXATTR = ior(b'X', 31, 28),
        FS_IOC_FSSETXATTR = iow(b'X', 32, 28),
        // Block device ioctls.
        BLKROSET = io(0x12, 93),
        BLKROGET = io(0x12, 94),
        BLKRRPART = io(0x12, 95),
        BLKGETSIZE = io(0x12, 96),
        BLKFLSBUF = io(0x12, 97),
        BLKRASET = io(0x12, 98),
        BLKRAGET = io(0x12, 99),
        BLKSSZGET = libc::BLKSSZGET,
        BLKBSZGET = ior(0x12, 112, 8),
        BLKBSZSET = iow(0x12, 113, 8),
        BLKGETSIZE64 = ior(0x12, 114, 8),
        BLKDISCARD = io(0x12, 119),
        BLKIOMIN = libc::BLKIOMIN,
        BLKIOOPT = libc::BLKIOOPT,
        BLKALIGNOFF = io(0x12, 122),
        BLKPBSZGET = libc::BLKPBSZGET,
        BLKDISCARDZEROES = io(0x12, 124),
        BLKSECDISCARD = io(0x12, 125),
        BLKROTATIONAL = io(0x12, 126),
        BLKZEROOUT = io(0x12, 127),
        // TUN/TAP.
        TUNSETNOCSUM = libc::TUNSETNOCSUM,
        TUNSETDEBUG = libc::TUNSETDEBUG,
        TUNSETIFF = libc::TUNSETIFF,
        TUNSETPERSIST = libc::TUNSETPERSIST,
        TUNSETOWNER = libc::TUNSETOWNER,
        TUNSETLINK = libc::TUNSETLINK,
        TUNSETGROUP = libc::TUNSETGROUP,
        TUNGETFEATURES = libc::TUNGETFEATURES,
        TUNSETOFFLOAD = libc::TUNSETOFFLOAD,
        TUNSETTXFILTER = libc::TUNSETTXFILTER,
        TUNGETIFF = libc::TUNGETIFF,
        TUNGETSNDBUF = libc::TUNGETSNDBUF,
        TUNSETSNDBUF = libc::TUNSETSNDBUF,
        TUNGETVNETHDRSZ = libc::TUNGETVNETHDRSZ,
        TUNSETVNETHDRSZ = libc::TUNSETVNETHDRSZ,
        TUNSETQUEUE = libc::TUNSETQUEUE,
        TUNSETIFINDEX = libc::TUNSETIFINDEX,
        // Namespace file descriptors (linux/nsfs.h).
        NS_GET_USERNS = libc::NS_GET_USERNS,
        NS_GET_PARENT = libc::NS_GET_PARENT,
        NS_GET_NSTYPE = libc::NS_GET_NSTYPE,
        NS_GET_OWNER_UID = libc::NS_GET_OWNER_UID,
        // Aliases.
        SIOCINQ = uapi::SIOCINQ,
        SIOCOUTQ = uapi::SIOCOUTQ,
    }
    Fcntl {
        F_DUPFD = libc::F_DUPFD as u64,
        F_GETFD = libc::F_GETFD as u64,
        F_SETFD = libc::F_SETFD as u64,
        F_GETFL = libc::F_GETFL as u64,
        F_SETFL = libc::F_SETFL as u64,
        F_GETLK = libc::F_GETLK as u64,
        F_SETLK = libc::F_SETLK as u64,
        F_SETLKW = libc::F_SETLKW as u64,
        F_SETOWN = libc::F_SETOWN as u64,
        F_GETOWN = libc::F_GETOWN as u64,
        F_SETSIG = uapi::F_SETSIG,
        F_GETSIG = uapi::F_GETSIG,
        F_SETOWN_EX = uapi::F_SETOWN_EX,
        F_GETOWN_EX = uapi::F_GETOWN_EX,
        F_OFD_GETLK = libc::F_OFD_GETLK as u64,
        F_OFD_SETLK = libc::F_OFD_SETLK as u64,
        F_OFD_SETLKW = libc::F_OFD_SETLKW as u64,
        F_SETLEASE = libc::F_SETLEASE as u64,
        F_GETLEASE = libc::F_GETLEASE as u64,
        F_NOTIFY = libc::F_NOTIFY as u64,
        F_DUPFD_QUERY = uapi::F_DUPFD_QUERY,
        F_CREATED_QUERY = uapi::F_CREATED_QUERY,
        F_CANCELLK = libc::F_CANCELLK as u64,
        F_DUPFD_CLOEXEC = libc::F_DUPFD_CLOEXEC as u64,
        F_SETPIPE_SZ = libc::F_SETPIPE_SZ as u64,
        F_GETPIPE_SZ = libc::F_GETPIPE_SZ as u64,
        F_ADD_SEALS = libc::F_ADD_SEALS as u64,
        F_GET_SEALS = libc::F_GET_SEALS as u64,
        F_GET_RW_HINT = uapi::F_GET_RW_HINT,
        F_SET_RW_HINT = uapi::F_SET_RW_HINT,
        F_GET_FILE_RW_HINT = uapi::F_GET_FILE_RW_HINT,
        F_SET_FILE_RW_HINT = uapi::F_SET_FILE_RW_HINT,
        // Aliases.
        F_GETLK64 = uapi::F_GETLK64,
        F_SETLK64 = uapi::F_SETLK64,
        F_SETLKW64 = uapi::F_SETLKW64,
    }
    FdFlag {
        FD_CLOEXEC = libc::FD_CLOEXEC as u64,
    }
    CloneFlag {
        CSIGNAL = libc::CSIGNAL as u64,
        CLONE_NEWTIME = libc::CLONE_NEWTIME as u64,
        CLONE_VM = libc::CLONE_VM as u64,
        CLONE_FS = libc::CLONE_FS as u64,
        CLONE_FILES = libc::CLONE_FILES as u64,
        CLONE_SIGHAND = libc::CLONE_SIGHAND as u64,
        CLONE_PIDFD = libc::CLONE_PIDFD as u64,
        CLONE_PTRACE = libc::CLONE_PTRACE as u64,
        CLONE_VFORK = libc::CLONE_VFORK as u64,
        CLONE_PARENT = libc::CLONE_PARENT as u64,
        CLONE_THREAD = libc::CLONE_THREAD as u64,
        CLONE_NEWNS = libc::CLONE_NEWNS as u64,
        CLONE_SYSVSEM = libc::CLONE_SYSVSEM as u64,
        CLONE_SETTLS = libc::CLONE_SETTLS as u64,
        CLONE_PARENT_SETTID = libc::CLONE_PARENT_SETTID as u64,
        CLONE_CHILD_CLEARTID = libc::CLONE_CHILD_CLEARTID as u64,
        CLONE_DETACHED = libc::CLONE_DETACHED as u64,
        CLONE_UNTRACED = libc::CLONE_UNTRACED as u64,
        CLONE_CHILD_SETTID = libc::CLONE_CHILD_SETTID as u64,
        CLONE_NEWCGROUP = libc::CLONE_NEWCGROUP as u64,
        CLONE_NEWUTS = libc::CLONE_NEWUTS as u64,
        CLONE_NEWIPC = libc::CLONE_NEWIPC as u64,
        CLONE_NEWUSER = libc::CLONE_NEWUSER as u64,
        CLONE_NEWPID = libc::CLONE_NEWPID as u64,
        CLONE_NEWNET = libc::CLONE_NEWNET as u64,
        CLONE_IO = bits32(libc::CLONE_IO),
        CLONE_CLEAR_SIGHAND = uapi::CLONE_CLEAR_SIGHAND,
        CLONE_INTO_CGROUP = uapi::CLONE_INTO_CGROUP,
    }
    Prctl {
        PR_SET_PDEATHSIG = libc::PR_SET_PDEATHSIG as u64,
        PR_GET_PDEATHSIG = libc::PR_GET_PDEATHSIG as u64,
        PR_GET_DUMPABLE = libc::PR_GET_DUMPABLE as u64,
        PR_SET_DUMPABLE = libc::PR_SET_DUMPABLE as u64,
        PR_GET_UNALIGN = libc::PR_GET_UNALIGN as u64,
        PR_SET_UNALIGN = libc::PR_SET_UNALIGN as u64,
        PR_GET_KEEPCAPS = libc::PR_GET_KEEPCAPS as u64,
        PR_SET_KEEPCAPS = libc::PR_SET_KEEPCAPS as u64,
        PR_GET_FPEMU = libc::PR_GET_FPEMU as u64,
        PR_SET_FPEMU = libc::PR_SET_FPEMU as u64,
        PR_GET_FPEXC = libc::PR_GET_FPEXC as u64,
        PR_SET_FPEXC = libc::PR_SET_FPEXC as u64,
        PR_GET_TIMING = libc::PR_GET_TIMING as u64,
        PR_SET_TIMING = libc::PR_SET_TIMING as u64,
        PR_SET_NAME = libc::PR_SET_NAME as u64,
        PR_GET_NAME = libc::PR_GET_NAME as u64,
        PR_GET_ENDIAN = libc::PR_GET_ENDIAN as u64,
        PR_SET_ENDIAN = libc::PR_SET_ENDIAN as u64,
        PR_GET_SECCOMP = libc::PR_GET_SECCOMP as u64,
        PR_SET_SECCOMP = libc::PR_SET_SECCOMP as u64,
        PR_CAPBSET_READ = libc::PR_CAPBSET_READ as u64,
        PR_CAPBSET_DROP = libc::PR_CAPBSET_DROP as u64,
        PR_GET_TSC = libc::PR_GET_TSC as u64,
        PR_SET_TSC = libc::PR_SET_TSC as u64,
        PR_GET_SECUREBITS = libc::PR_GET_SECUREBITS as u64,
        PR_SET_SECUREBITS = libc::PR_SET_SECUREBITS as u64,
        PR_SET_TIMERSLACK = libc::PR_SET_TIMERSLACK as u64,
        PR_GET_TIMERSLACK = libc::PR_GET_TIMERSLACK as u64,
        PR_TASK_PERF_EVENTS_DISABLE = libc::PR_TASK_PERF_EVENTS_DISABLE as u64,
        PR_TASK_PERF_EVENTS_ENABLE = libc::PR_TASK_PERF_EVENTS_ENABLE as u64,
        PR_MCE_KILL = libc::PR_MCE_KILL as u64,
        PR_MCE_KILL_GET = libc::PR_MCE_KILL_GET as u64,
        PR_SET_MM = libc::PR_SET_MM as u64,
        PR_SET_CHILD_SUBREAPER = libc::PR_SET_CHILD_SUBREAPER as u64,
        PR_GET_CHILD_SUBREAPER = libc::PR_GET_CHILD_SUBREAPER as u64,
        PR_SET_NO_NEW_PRIVS = libc::PR_SET_NO_NEW_PRIVS as u64,
        PR_GET_NO_NEW_PRIVS = libc::PR_GET_NO_NEW_PRIVS as u64,
        PR_GET_TID_ADDRESS = libc::PR_GET_TID_ADDRESS as u64,
        PR_SET_THP_DISABLE = libc::PR_SET_THP_DISABLE as u64,
        PR_GET_THP_DISABLE = libc::PR_GET_THP_DISABLE as u64,
        PR_MPX_ENABLE_MANAGEMENT = libc::PR_MPX_ENABLE_MANAGEMENT as u64,
        PR_MPX_DISABLE_MANAGEMENT = libc::PR_MPX_DISABLE_MANAGEMENT as u64,
        PR_SET_FP_MODE = libc::PR_SET_FP_MODE as u64,
        PR_GET_FP_MODE = libc::PR_GET_FP_MODE as u64,
        PR_CAP_AMBIENT = libc::PR_CAP_AMBIENT as u64,
        PR_SVE_SET_VL = uapi::PR_SVE_SET_VL,
        PR_SVE_GET_VL = uapi::PR_SVE_GET_VL,
        PR_GET_SPECULATION_CTRL = libc::PR_GET_SPECULATION_CTRL as u64,
        PR_SET_SPECULATION_CTRL = libc::PR_SET_SPECULATION_CTRL as u64,
        PR_PAC_RESET_KEYS = uapi::PR_PAC_RESET_KEYS,
        PR_SET_TAGGED_ADDR_CTRL = uapi::PR_SET_TAGGED_ADDR_CTRL,
        PR_GET_TAGGED_ADDR_CTRL = uapi::PR_GET_TAGGED_ADDR_CTRL,
        PR_SET_IO_FLUSHER = uapi::PR_SET_IO_FLUSHER,
        PR_GET_IO_FLUSHER = uapi::PR_GET_IO_FLUSHER,
        PR_SET_SYSCALL_USER_DISPATCH = uapi::PR_SET_SYSCALL_USER_DISPATCH,
        PR_PAC_SET_ENABLED_KEYS = uapi::PR_PAC_SET_ENABLED_KEYS,
        PR_PAC_GET_ENABLED_KEYS = uapi::PR_PAC_GET_ENABLED_KEYS,
        PR_SCHED_CORE = libc::PR_SCHED_CORE as u64,
        PR_SME_SET_VL = uapi::PR_SME_SET_VL,
        PR_SME_GET_VL = uapi::PR_SME_GET_VL,
        PR_SET_MDWE = libc::PR_SET_MDWE as u64,
        PR_GET_MDWE = libc::PR_GET_MDWE as u64,
        PR_SET_MEMORY_MERGE = libc::PR_SET_MEMORY_MERGE as u64,
        PR_GET_MEMORY_MERGE = libc::PR_GET_MEMORY_MERGE as u64,
        PR_RISCV_V_SET_CONTROL = uapi::PR_RISCV_V_SET_CONTROL,
        PR_RISCV_V_GET_CONTROL = uapi::PR_RISCV_V_GET_CONTROL,
        PR_RISCV_SET_ICACHE_FLUSH_CTX = uapi::PR_RISCV_SET_ICACHE_FLUSH_CTX,
        PR_PPC_GET_DEXCR = uapi::PR_PPC_GET_DEXCR,
        PR_PPC_SET_DEXCR = uapi::PR_PPC_SET_DEXCR,
        PR_GET_SHADOW_STACK_STATUS = uapi::PR_GET_SHADOW_STACK_STATUS,
        PR_SET_SHADOW_STACK_STATUS = uapi::PR_SET_SHADOW_STACK_STATUS,
        PR_LOCK_SHADOW_STACK_STATUS = uapi::PR_LOCK_SHADOW_STACK_STATUS,
        PR_TIMER_CREATE_RESTORE_IDS = uapi::PR_TIMER_CREATE_RESTORE_IDS,
        PR_FUTEX_HASH = uapi::PR_FUTEX_HASH,
        PR_SET_PTRACER = libc::PR_SET_PTRACER as u64,
        PR_SET_VMA = libc::PR_SET_VMA as u64,
        PR_GET_AUXV = uapi::PR_GET_AUXV,
    }
    Errno {
        EPERM = libc::EPERM as u64,
        ENOENT = libc::ENOENT as u64,
        ESRCH = libc::ESRCH as u64,
        EINTR = libc::EINTR as u64,
        EIO = libc::EIO as u64,
        ENXIO = libc::ENXIO as u64,
        E2BIG = libc::E2BIG as u64,
        ENOEXEC = libc::ENOEXEC as u64,
        EBADF = libc::EBADF as u64,
        ECHILD = libc::ECHILD as u64,
        EAGAIN = libc::EAGAIN as u64,
        ENOMEM = libc::ENOMEM as u64,
        EACCES = libc::EACCES as u64,
        EFAULT = libc::EFAULT as u64,
        ENOTBLK = libc::ENOTBLK as u64,
        EBUSY = libc::EBUSY as u64,
        EEXIST = libc::EEXIST as u64,
        EXDEV = libc::EXDEV as u64,
        ENODEV = libc::ENODEV as u64,
        ENOTDIR = libc::ENOTDIR as u64,
        EISDIR = libc::EISDIR as u64,
        EINVAL = libc::EINVAL as u64,
        ENFILE = libc::ENFILE as u64,
        EMFILE = libc::EMFILE as u64,
        ENOTTY = libc::ENOTTY as u64,
        ETXTBSY = libc::ETXTBSY as u64,
        EFBIG = libc::EFBIG as u64,
        ENOSPC = libc::ENOSPC as u64,
        ESPIPE = libc::ESPIPE as u64,
        EROFS = libc::EROFS as u64,
        EMLINK = libc::EMLINK as u64,
        EPIPE = libc::EPIPE as u64,
        EDOM = libc::EDOM as u64,
        ERANGE = libc::ERANGE as u64,
        EDEADLK = libc::EDEADLK as u64,
        ENAMETOOLONG = libc::ENAMETOOLONG as u64,
        ENOLCK = libc::ENOLCK as u64,
        ENOSYS = libc::ENOSYS as u64,
        ENOTEMPTY = libc::ENOTEMPTY as u64,
        ELOOP = libc::ELOOP as u64,
        ENOMSG = libc::ENOMSG as u64,
        EIDRM = libc::EIDRM as u64,
        ECHRNG = libc::ECHRNG as u64,
        EL2NSYNC = libc::EL2NSYNC as u64,
        EL3HLT = libc::EL3HLT as u64,
        EL3RST = libc::EL3RST as u64,
        ELNRNG = libc::ELNRNG as u64,
        EUNATCH = libc::EUNATCH as u64,
        ENOCSI = libc::ENOCSI as u64,
        EL2HLT = libc::EL2HLT as u64,
        EBADE = libc::EBADE as u64,
        EBADR = libc::EBADR as u64,
        EXFULL = libc::EXFULL as u64,
        ENOANO = libc::ENOANO as u64,
        EBADRQC = libc::EBADRQC as u64,
        EBADSLT = libc::EBADSLT as u64,
        EBFONT = libc::EBFONT as u64,
        ENOSTR = libc::ENOSTR as u64,
        ENODATA = libc::ENODATA as u64,
        ETIME = libc::ETIME as u64,
        ENOSR = libc::ENOSR as u64,
        ENONET = libc::ENONET as u64,
        ENOPKG = libc::ENOPKG as u64,
        EREMOTE = libc::EREMOTE as u64,
        ENOLINK = libc::ENOLINK as u64,
        EADV = libc::EADV as u64,
        ESRMNT = libc::ESRMNT as u64,
        ECOMM = libc::ECOMM as u64,
        EPROTO = libc::EPROTO as u64,
        EMULTIHOP = libc::EMULTIHOP as u64,
        EDOTDOT = libc::EDOTDOT as u64,
        EBADMSG = libc::EBADMSG as u64,
        EOVERFLOW = libc::EOVERFLOW as u64,
        ENOTUNIQ = libc::ENOTUNIQ as u64,
        EBADFD = libc::EBADFD as u64,
        EREMCHG = libc::EREMCHG as u64,
        ELIBACC = libc::ELIBACC as u64,
        ELIBBAD = libc::ELIBBAD as u64,
        ELIBSCN = libc::ELIBSCN as u64,
        ELIBMAX = libc::ELIBMAX as u64,
        ELIBEXEC = libc::ELIBEXEC as u64,
        EILSEQ = libc::EILSEQ as u64,
        ERESTART = libc::ERESTART as u64,
        ESTRPIPE = libc::ESTRPIPE as u64,
        EUSERS = libc::EUSERS as u64,
        ENOTSOCK = libc::ENOTSOCK as u64,
        EDESTADDRREQ = libc::EDESTADDRREQ as u64,
        EMSGSIZE = libc::EMSGSIZE as u64,
        EPROTOTYPE = libc::EPROTOTYPE as u64,
        ENOPROTOOPT = libc::ENOPROTOOPT as u64,
        EPROTONOSUPPORT = libc::EPROTONOSUPPORT as u64,
        ESOCKTNOSUPPORT = libc::ESOCKTNOSUPPORT as u64,
        EOPNOTSUPP = libc::EOPNOTSUPP as u64,
        EPFNOSUPPORT = libc::EPFNOSUPPORT as u64,
        EAFNOSUPPORT = libc::EAFNOSUPPORT as u64,
        EADDRINUSE = libc::EADDRINUSE as u64,
        EADDRNOTAVAIL = libc::EADDRNOTAVAIL as u64,
        ENETDOWN = libc::ENETDOWN as u64,
        ENETUNREACH = libc::ENETUNREACH as u64,
        ENETRESET = libc::ENETRESET as u64,
        ECONNABORTED = libc::ECONNABORTED as u64,
        ECONNRESET = libc::ECONNRESET as u64,
        ENOBUFS = libc::ENOBUFS as u64,
        EISCONN = libc::EISCONN as u64,
        ENOTCONN = libc::ENOTCONN as u64,
        ESHUTDOWN = libc::ESHUTDOWN as u64,
        ETOOMANYREFS = libc::ETOOMANYREFS as u64,
        ETIMEDOUT = libc::ETIMEDOUT as u64,
        ECONNREFUSED = libc::ECONNREFUSED as u64,
        EHOSTDOWN = libc::EHOSTDOWN as u64,
        EHOSTUNREACH = libc::EHOSTUNREACH as u64,
        EALREADY = libc::EALREADY as u64,
        EINPROGRESS = libc::EINPROGRESS as u64,
        ESTALE = libc::ESTALE as u64,
        EUCLEAN = libc::EUCLEAN as u64,
        ENOTNAM = libc::ENOTNAM as u64,
        ENAVAIL = libc::ENAVAIL as u64,
        EISNAM = libc::EISNAM as u64,
        EREMOTEIO = libc::EREMOTEIO as u64,
        EDQUOT = libc::EDQUOT as u64,
        ENOMEDIUM = libc::ENOMEDIUM as u64,
        EMEDIUMTYPE = libc::EMEDIUMTYPE as u64,
        ECANCELED = libc::ECANCELED as u64,
        ENOKEY = libc::ENOKEY as u64,
        EKEYEXPIRED = libc::EKEYEXPIRED as u64,
        EKEYREVOKED = libc::EKEYREVOKED as u64,
        EKEYREJECTED = libc::EKEYREJECTED as u64,
        EOWNERDEAD = libc::EOWNERDEAD as u64,
        ENOTRECOVERABLE = libc::ENOTRECOVERABLE as u64,
        ERFKILL = libc::ERFKILL as u64,
        EHWPOISON = libc::EHWPOISON as u64,
        // Aliases.
        EWOULDBLOCK = libc::EWOULDBLOCK as u64,
        EDEADLOCK = libc::EDEADLOCK as u64,
        ENOTSUP = libc::ENOTSUP as u64,
    }
    Signal {
        SIGHUP = libc::SIGHUP as u64,
        SIGINT = libc::SIGINT as u64,
        SIGQUIT = libc::SIGQUIT as u64,
        SIGILL = libc::SIGILL as u64,
        SIGTRAP = libc::SIGTRAP as u64,
        SIGABRT = libc::SIGABRT as u64,
        SIGBUS = libc::SIGBUS as u64,
        SIGFPE = libc::SIGFPE as u64,
        SIGKILL = libc::SIGKILL as u64,
        SIGUSR1 = libc::SIGUSR1 as u64,
        SIGSEGV = libc::SIGSEGV as u64,
        SIGUSR2 = libc::SIGUSR2 as u64,
        SIGPIPE = libc::SIGPIPE as u64,
        SIGALRM = libc::SIGALRM as u64,
        SIGTERM = libc::SIGTERM as u64,
        SIGSTKFLT = libc::SIGSTKFLT as u64,
        SIGCHLD = libc::SIGCHLD as u64,
        SIGCONT = libc::SIGCONT as u64,
        SIGSTOP = libc::SIGSTOP as u64,
        SIGTSTP = libc::SIGTSTP as u64,
        SIGTTIN = libc::SIGTTIN as u64,
        SIGTTOU = libc::SIGTTOU as u64,
        SIGURG = libc::SIGURG as u64,
        SIGXCPU = libc::SIGXCPU as u64,
        SIGXFSZ = libc::SIGXFSZ as u64,
        SIGVTALRM = libc::SIGVTALRM as u64,
        SIGPROF = libc::SIGPROF as u64,
        SIGWINCH = libc::SIGWINCH as u64,
        SIGIO = libc::SIGIO as u64,
        SIGPWR = libc::SIGPWR as u64,
        SIGSYS = libc::SIGSYS as u64,
        // Aliases.
        SIGIOT = libc::SIGIOT as u64,
        SIGCLD = uapi::SIGCLD,
        SIGPOLL = libc::SIGPOLL as u64,
        SIGUNUSED = uapi::SIGUNUSED,
    }
    Mode {
        S_IFMT = libc::S_IFMT as u64,
        S_IFSOCK = libc::S_IFSOCK as u64,
        S_IFLNK = libc::S_IFLNK as u64,
        S_IFREG = libc::S_IFREG as u64,
        S_IFBLK = libc::S_IFBLK as u64,
        S_IFDIR = libc::S_IFDIR as u64,
        S_IFCHR = libc::S_IFCHR as u64,
        S_IFIFO = libc::S_IFIFO as u64,
        S_ISUID = libc::S_ISUID as u64,
        S_ISGID = libc::S_ISGID as u64,
        S_ISVTX = libc::S_ISVTX as u64,
        S_IRWXU = libc::S_IRWXU as u64,
        S_IRUSR = libc::S_IRUSR as u64,
        S_IWUSR = libc::S_IWUSR as u64,
        S_IXUSR = libc::S_IXUSR as u64,
        S_IRWXG = libc::S_IRWXG as u64,
        S_IRGRP = libc::S_IRGRP as u64,
        S_IWGRP = libc::S_IWGRP as u64,
        S_IXGRP = libc::S_IXGRP as u64,
        S_IRWXO = libc::S_IRWXO as u64,
        S_IROTH = libc::S_IROTH as u64,
        S_IWOTH = libc::S_IWOTH as u64,
        S_IXOTH = libc::S_IXOTH as u64,
    }
    Seek {
        SEEK_SET = libc::SEEK_SET as u64,
        SEEK_CUR = libc::SEEK_CUR as u64,
        SEEK_END = libc::SEEK_END as u64,
        SEEK_DATA = libc::SEEK_DATA as u64,
        SEEK_HOLE = libc::SEEK_HOLE as u64,
    }
    Rlimit {
        RLIMIT_CPU = libc::RLIMIT_CPU as u64,
        RLIMIT_FSIZE = libc::RLIMIT_FSIZE as u64,
        RLIMIT_DATA = libc::RLIMIT_DATA as u64,
        RLIMIT_STACK = libc::RLIMIT_STACK as u64,
        RLIMIT_CORE = libc::RLIMIT_CORE as u64,
        RLIMIT_RSS = libc::RLIMIT_RSS as u64,
        RLIMIT_NPROC = libc::RLIMIT_NPROC as u64,
        RLIMIT_NOFILE = libc::RLIMIT_NOFILE as u64,
        RLIMIT_MEMLOCK = libc::RLIMIT_MEMLOCK as u64,
        RLIMIT_AS = libc::RLIMIT_AS as u64,
        RLIMIT_LOCKS = libc::RLIMIT_LOCKS as u64,
        RLIMIT_SIGPENDING = libc::RLIMIT_SIGPENDING as u64,
        RLIMIT_MSGQUEUE = libc::RLIMIT_MSGQUEUE as u64,
        RLIMIT_NICE = libc::RLIMIT_NICE as u64,
        RLIMIT_RTPRIO = libc::RLIMIT_RTPRIO as u64,
        RLIMIT_RTTIME = libc::RLIMIT_RTTIME as u64,
    }
    Madvise {
        MADV_NORMAL = libc::MADV_NORMAL as u64,
        MADV_RANDOM = libc::MADV_RANDOM as u64,
        MADV_SEQUENTIAL = libc::MADV_SEQUENTIAL as u64,
        MADV_WILLNEED = libc::MADV_WILLNEED as u64,
        MADV_DONTNEED = libc::MADV_DONTNEED as u64,
        MADV_FREE = libc::MADV_FREE as u64,
        MADV_REMOVE = libc::MADV_REMOVE as u64,
        MADV_DONTFORK = libc::MADV_DONTFORK as u64,
        MADV_DOFORK = libc::MADV_DOFORK as u64,
        MADV_MERGEABLE = libc::MADV_MERGEABLE as u64,
        MADV_UNMERGEABLE = libc::MADV_UNMERGEABLE as u64,
        MADV_HUGEPAGE = libc::MADV_HUGEPAGE as u64,
        MADV_NOHUGEPAGE = libc::MADV_NOHUGEPAGE as u64,
        MADV_DONTDUMP = libc::MADV_DONTDUMP as u64,
        MADV_DODUMP = libc::MADV_DODUMP as u64,
        MADV_WIPEONFORK = libc::MADV_WIPEONFORK as u64,
        MADV_KEEPONFORK = libc::MADV_KEEPONFORK as u64,
        MADV_COLD = libc::MADV_COLD as u64,
        MADV_PAGEOUT = libc::MADV_PAGEOUT as u64,
        MADV_POPULATE_READ = libc::MADV_POPULATE_READ as u64,
        MADV_POPULATE_WRITE = libc::MADV_POPULATE_WRITE as u64,
        MADV_DONTNEED_LOCKED = libc::MADV_DONTNEED_LOCKED as u64,
        MADV_COLLAPSE = libc::MADV_COLLAPSE as u64,
        MADV_HWPOISON = libc::MADV_HWPOISON as u64,
        MADV_SOFT_OFFLINE = libc::MADV_SOFT_OFFLINE as u64,
        MADV_GUARD_INSTALL = uapi::MADV_GUARD_INSTALL,
        MADV_GUARD_REMOVE = uapi::MADV_GUARD_REMOVE,
    }
    SeccompOp {
        SECCOMP_SET_MODE_STRICT = libc::SECCOMP_SET_MODE_STRICT as u64,
        SECCOMP_SET_MODE_FILTER = libc::SECCOMP_SET_MODE_FILTER as u64,
        SECCOMP_GET_ACTION_AVAIL = libc::SECCOMP_GET_ACTION_AVAIL as u64,
        SECCOMP_GET_NOTIF_SIZES = libc::SECCOMP_GET_NOTIF_SIZES as u64,
    }
    MsgFlag {
        MSG_OOB = libc::MSG_OOB as u64,
        MSG_PEEK = libc::MSG_PEEK as u64,
        MSG_DONTROUTE = libc::MSG_DONTROUTE as u64,
        MSG_CTRUNC = libc::MSG_CTRUNC as u64,
        MSG_PROXY = uapi::MSG_PROXY,
        MSG_TRUNC = libc::MSG_TRUNC as u64,
        MSG_DONTWAIT = libc::MSG_DONTWAIT as u64,
        MSG_EOR = libc::MSG_EOR as u64,
        MSG_WAITALL = libc::MSG_WAITALL as u64,
        MSG_FIN = libc::MSG_FIN as u64,
        MSG_SYN = libc::MSG_SYN as u64,
        MSG_CONFIRM = libc::MSG_CONFIRM as u64,
        MSG_RST = libc::MSG_RST as u64,
        MSG_ERRQUEUE = libc::MSG_ERRQUEUE as u64,
        MSG_NOSIGNAL = libc::MSG_NOSIGNAL as u64,
        MSG_MORE = libc::MSG_MORE as u64,
        MSG_WAITFORONE = libc::MSG_WAITFORONE as u64,
        MSG_BATCH = uapi::MSG_BATCH,
        MSG_ZEROCOPY = libc::MSG_ZEROCOPY as u64,
        MSG_FASTOPEN = libc::MSG_FASTOPEN as u64,
        MSG_CMSG_CLOEXEC = libc::MSG_CMSG_CLOEXEC as u64,
    }
    ClockId {
        CLOCK_REALTIME = libc::CLOCK_REALTIME as u64,
        CLOCK_MONOTONIC = libc::CLOCK_MONOTONIC as u64,
        CLOCK_PROCESS_CPUTIME_ID = libc::CLOCK_PROCESS_CPUTIME_ID as u64,
        CLOCK_THREAD_CPUTIME_ID = libc::CLOCK_THREAD_CPUTIME_ID as u64,
        CLOCK_MONOTONIC_RAW = libc::CLOCK_MONOTONIC_RAW as u64,
        CLOCK_REALTIME_COARSE = libc::CLOCK_REALTIME_COARSE as u64,
        CLOCK_MONOTONIC_COARSE = libc::CLOCK_MONOTONIC_COARSE as u64,
        CLOCK_BOOTTIME = libc::CLOCK_BOOTTIME as u64,
        CLOCK_REALTIME_ALARM = libc::CLOCK_REALTIME_ALARM as u64,
        CLOCK_BOOTTIME_ALARM = libc::CLOCK_BOOTTIME_ALARM as u64,
        CLOCK_TAI = libc::CLOCK_TAI as u64,
    }
    Flock {
        LOCK_SH = libc::LOCK_SH as u64,
        LOCK_EX = libc::LOCK_EX as u64,
        LOCK_NB = libc::LOCK_NB as u64,
        LOCK_UN = libc::LOCK_UN as u64,
    }
    Access {
        F_OK = libc::F_OK as u64,
        R_OK = libc::R_OK as u64,
        W_OK = libc::W_OK as u64,
        X_OK = libc::X_OK as u64,
    }
    Shutdown {
        SHUT_RD = libc::SHUT_RD as u64,
        SHUT_WR = libc::SHUT_WR as u64,
        SHUT_RDWR = libc::SHUT_RDWR as u64,
    }
    Capability {
        CAP_CHOWN = uapi::CAP_CHOWN,
        CAP_DAC_OVERRIDE = uapi::CAP_DAC_OVERRIDE,
        CAP_DAC_READ_SEARCH = uapi::CAP_DAC_READ_SEARCH,
        CAP_FOWNER = uapi::CAP_FOWNER,
        CAP_FSETID = uapi::CAP_FSETID,
        CAP_KILL = uapi::CAP_KILL,
        CAP_SETGID = uapi::CAP_SETGID,
        CAP_SETUID = uapi::CAP_SETUID,
        CAP_SETPCAP = uapi::CAP_SETPCAP,
        CAP_LINUX_IMMUTABLE = uapi::CAP_LINUX_IMMUTABLE,
        CAP_NET_BIND_SERVICE = uapi::CAP_NET_BIND_SERVICE,
        CAP_NET_BROADCAST = uapi::CAP_NET_BROADCAST,
        CAP_NET_ADMIN = uapi::CAP_NET_ADMIN,
        CAP_NET_RAW = uapi::CAP_NET_RAW,
        CAP_IPC_LOCK = uapi::CAP_IPC_LOCK,
        CAP_IPC_OWNER = uapi::CAP_IPC_OWNER,
        CAP_SYS_MODULE = uapi::CAP_SYS_MODULE,
        CAP_SYS_RAWIO = uapi::CAP_SYS_RAWIO,
        CAP_SYS_CHROOT = uapi::CAP_SYS_CHROOT,
        CAP_SYS_PTRACE = uapi::CAP_SYS_PTRACE,
        CAP_SYS_PACCT = uapi::CAP_SYS_PACCT,
        CAP_SYS_ADMIN = uapi::CAP_SYS_ADMIN,
        CAP_SYS_BOOT = uapi::CAP_SYS_BOOT,
        CAP_SYS_NICE = uapi::CAP_SYS_NICE,
        CAP_SYS_RESOURCE = uapi::CAP_SYS_RESOURCE,
        CAP_SYS_TIME = uapi::CAP_SYS_TIME,
        CAP_SYS_TTY_CONFIG = uapi::CAP_SYS_TTY_CONFIG,
        CAP_MKNOD = uapi::CAP_MKNOD,
        CAP_LEASE = uapi::CAP_LEASE,
        CAP_AUDIT_WRITE = uapi::CAP_AUDIT_WRITE,
        CAP_AUDIT_CONTROL = uapi::CAP_AUDIT_CONTROL,
        CAP_SETFCAP = uapi::CAP_SETFCAP,
        CAP_MAC_OVERRIDE = uapi::CAP_MAC_OVERRIDE,
        CAP_MAC_ADMIN = uapi::CAP_MAC_ADMIN,
        CAP_SYSLOG = uapi::CAP_SYSLOG,
        CAP_WAKE_ALARM = uapi::CAP_WAKE_ALARM,
        CAP_BLOCK_SUSPEND = uapi::CAP_BLOCK_SUSPEND,
        CAP_AUDIT_READ = uapi::CAP_AUDIT_READ,
        CAP_PERFMON = uapi::CAP_PERFMON,
        CAP_BPF = uapi::CAP_BPF,
        CAP_CHECKPOINT_RESTORE = uapi::CAP_CHECKPOINT_RESTORE,
    }
    Misc {
        // The "current directory" dirfd, -100 sign-extended to 64 bits.
        AT_FDCWD = libc::AT_FDCWD as u64,
        // seccomp(2) filter flags and return actions.
        SECCOMP_FILTER_FLAG_TSYNC = libc::SECCOMP_FILTER_FLAG_TSYNC,
        SECCOMP_FILTER_FLAG_LOG = libc::SECCOMP_FILTER_FLAG_LOG,
        SECCOMP_FILTER_FLAG_SPEC_ALLOW = libc::SECCOMP_FILTER_FLAG_SPEC_ALLOW,
        SECCOMP_FILTER_FLAG_NEW_LISTENER = libc::SECCOMP_FILTER_FLAG_NEW_LISTENER,
        SECCOMP_FILTER_FLAG_TSYNC_ESRCH = libc::SECCOMP_FILTER_FLAG_TSYNC_ESRCH,
        SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV = libc::SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV,
        SECCOMP_MODE_DISABLED = libc::SECCOMP_MODE_DISABLED as u64,
        SECCOMP_MODE_STRICT = libc::SECCOMP_MODE_STRICT as u64,
        SECCOMP_MODE_FILTER = libc::SECCOMP_MODE_FILTER as u64,
        SECCOMP_RET_KILL_PROCESS = libc::SECCOMP_RET_KILL_PROCESS as u64,
        SECCOMP_RET_KILL_THREAD = libc::SECCOMP_RET_KILL_THREAD as u64,
        SECCOMP_RET_KILL = libc::SECCOMP_RET_KILL as u64,
        SECCOMP_RET_TRAP = libc::SECCOMP_RET_TRAP as u64,
        SECCOMP_RET_ERRNO = libc::SECCOMP_RET_ERRNO as u64,
        SECCOMP_RET_USER_NOTIF = libc::SECCOMP_RET_USER_NOTIF as u64,
        SECCOMP_RET_TRACE = libc::SECCOMP_RET_TRACE as u64,
        SECCOMP_RET_LOG = libc::SECCOMP_RET_LOG as u64,
        SECCOMP_RET_ALLOW = libc::SECCOMP_RET_ALLOW as u64,
        // access(2)-adjacent, memfd_create(2), fcntl(2) seals and locks.
        MFD_CLOEXEC = libc::MFD_CLOEXEC as u64,
        MFD_ALLOW_SEALING = libc::MFD_ALLOW_SEALING as u64,
        MFD_HUGETLB = libc::MFD_HUGETLB as u64,
        MFD_NOEXEC_SEAL = libc::MFD_NOEXEC_SEAL as u64,
        MFD_EXEC = libc::MFD_EXEC as u64,
        F_SEAL_SEAL = libc::F_SEAL_SEAL as u64,
        F_SEAL_SHRINK = libc::F_SEAL_SHRINK as u64,
        F_SEAL_GROW = libc::F_SEAL_GROW as u64,
        F_SEAL_WRITE = libc::F_SEAL_WRITE as u64,
        F_SEAL_FUTURE_WRITE = libc::F_SEAL_FUTURE_WRITE as u64,
        F_SEAL_EXEC = libc::F_SEAL_EXEC as u64,
        F_RDLCK = libc::F_RDLCK as u64,
        F_WRLCK = libc::F_WRLCK as u64,
        F_UNLCK = libc::F_UNLCK as u64,
        F_OWNER_TID = uapi::F_OWNER_TID,
        F_OWNER_PID = uapi::F_OWNER_PID,
        F_OWNER_PGRP = uapi::F_OWNER_PGRP,
        // *_CLOEXEC / *_NONBLOCK flags of fd-creating syscalls.
        EFD_SEMAPHORE = libc::EFD_SEMAPHORE as u64,
        EFD_NONBLOCK = libc::EFD_NONBLOCK as u64,
        EFD_CLOEXEC = libc::EFD_CLOEXEC as u64,
        EPOLL_CLOEXEC = libc::EPOLL_CLOEXEC as u64,
        IN_NONBLOCK = libc::IN_NONBLOCK as u64,
        IN_CLOEXEC = libc::IN_CLOEXEC as u64,
        TFD_NONBLOCK = libc::TFD_NONBLOCK as u64,
        TFD_CLOEXEC = libc::TFD_CLOEXEC as u64,
        TFD_TIMER_ABSTIME = libc::TFD_TIMER_ABSTIME as u64,
        SFD_NONBLOCK = libc::SFD_NONBLOCK as u64,
        SFD_CLOEXEC = libc::SFD_CLOEXEC as u64,
        PIDFD_NONBLOCK = libc::PIDFD_NONBLOCK as u64,
        // getrandom(2).
        GRND_NONBLOCK = libc::GRND_NONBLOCK as u64,
        GRND_RANDOM = libc::GRND_RANDOM as u64,
        GRND_INSECURE = libc::GRND_INSECURE as u64,
        // sigprocmask(2) how.
        SIG_BLOCK = libc::SIG_BLOCK as u64,
        SIG_UNBLOCK = libc::SIG_UNBLOCK as u64,
        SIG_SETMASK = libc::SIG_SETMASK as u64,
        // waitid(2) / wait4(2).
        P_ALL = libc::P_ALL as u64,
        P_PID = libc::P_PID as u64,
        P_PGID = libc::P_PGID as u64,
        P_PIDFD = libc::P_PIDFD as u64,
        WNOHANG = libc::WNOHANG as u64,
        WUNTRACED = libc::WUNTRACED as u64,
        WSTOPPED = libc::WSTOPPED as u64,
        WEXITED = libc::WEXITED as u64,
        WCONTINUED = libc::WCONTINUED as u64,
        WNOWAIT = libc::WNOWAIT as u64,
        __WNOTHREAD = libc::__WNOTHREAD as u64,
        __WALL = libc::__WALL as u64,
        __WCLONE = bits32(libc::__WCLONE),
        // mmap huge page size field.
        MAP_HUGE_SHIFT = libc::MAP_HUGE_SHIFT as u64,
        MAP_HUGE_MASK = libc::MAP_HUGE_MASK as u64,
        // prctl(2) arguments.
        PR_CAP_AMBIENT_IS_SET = libc::PR_CAP_AMBIENT_IS_SET as u64,
        PR_CAP_AMBIENT_RAISE = libc::PR_CAP_AMBIENT_RAISE as u64,
        PR_CAP_AMBIENT_LOWER = libc::PR_CAP_AMBIENT_LOWER as u64,
        PR_CAP_AMBIENT_CLEAR_ALL = libc::PR_CAP_AMBIENT_CLEAR_ALL as u64,
        PR_SET_VMA_ANON_NAME = libc::PR_SET_VMA_ANON_NAME as u64,
        PR_MDWE_REFUSE_EXEC_GAIN = libc::PR_MDWE_REFUSE_EXEC_GAIN as u64,
        PR_MDWE_NO_INHERIT = libc::PR_MDWE_NO_INHERIT as u64,
        PR_SET_PTRACER_ANY = libc::PR_SET_PTRACER_ANY,
        // ioprio_set(2).
        IOPRIO_WHO_PROCESS = uapi::IOPRIO_WHO_PROCESS,
        IOPRIO_WHO_PGRP = uapi::IOPRIO_WHO_PGRP,
        IOPRIO_WHO_USER = uapi::IOPRIO_WHO_USER,
        IOPRIO_CLASS_NONE = uapi::IOPRIO_CLASS_NONE,
        IOPRIO_CLASS_RT = uapi::IOPRIO_CLASS_RT,
        IOPRIO_CLASS_BE = uapi::IOPRIO_CLASS_BE,
        IOPRIO_CLASS_IDLE = uapi::IOPRIO_CLASS_IDLE,
        // futex(2) operations.
        FUTEX_WAIT = libc::FUTEX_WAIT as u64,
        FUTEX_WAKE = libc::FUTEX_WAKE as u64,
        FUTEX_FD = libc::FUTEX_FD as u64,
        FUTEX_REQUEUE = libc::FUTEX_REQUEUE as u64,
        FUTEX_CMP_REQUEUE = libc::FUTEX_CMP_REQUEUE as u64,
        FUTEX_WAKE_OP = libc::FUTEX_WAKE_OP as u64,
        FUTEX_LOCK_PI = libc::FUTEX_LOCK_PI as u64,
        FUTEX_UNLOCK_PI = libc::FUTEX_UNLOCK_PI as u64,
        FUTEX_TRYLOCK_PI = libc::FUTEX_TRYLOCK_PI as u64,
        FUTEX_WAIT_BITSET = libc::FUTEX_WAIT_BITSET as u64,
        FUTEX_WAKE_BITSET = libc::FUTEX_WAKE_BITSET as u64,
        FUTEX_WAIT_REQUEUE_PI = libc::FUTEX_WAIT_REQUEUE_PI as u64,
        FUTEX_CMP_REQUEUE_PI = libc::FUTEX_CMP_REQUEUE_PI as u64,
        FUTEX_LOCK_PI2 = libc::FUTEX_LOCK_PI2 as u64,
        FUTEX_PRIVATE_FLAG = libc::FUTEX_PRIVATE_FLAG as u64,
        FUTEX_CLOCK_REALTIME = libc::FUTEX_CLOCK_REALTIME as u64,
        // ptrace(2) requests.
        PTRACE_TRACEME = libc::PTRACE_TRACEME as u64,
        PTRACE_PEEKTEXT = libc::PTRACE_PEEKTEXT as u64,
        PTRACE_PEEKDATA = libc::PTRACE_PEEKDATA as u64,
        PTRACE_PEEKUSER = libc::PTRACE_PEEKUSER as u64,
        PTRACE_POKETEXT = libc::PTRACE_POKETEXT as u64,
        PTRACE_POKEDATA = libc::PTRACE_POKEDATA as u64,
        PTRACE_POKEUSER = libc::PTRACE_POKEUSER as u64,
        PTRACE_CONT = libc::PTRACE_CONT as u64,
        PTRACE_KILL = libc::PTRACE_KILL as u64,
        PTRACE_SINGLESTEP = libc::PTRACE_SINGLESTEP as u64,
        PTRACE_GETREGS = libc::PTRACE_GETREGS as u64,
        PTRACE_SETREGS = libc::PTRACE_SETREGS as u64,
        PTRACE_GETFPREGS = libc::PTRACE_GETFPREGS as u64,
        PTRACE_SETFPREGS = libc::PTRACE_SETFPREGS as u64,
        PTRACE_ATTACH = libc::PTRACE_ATTACH as u64,
        PTRACE_DETACH = libc::PTRACE_DETACH as u64,
        PTRACE_SYSCALL = libc::PTRACE_SYSCALL as u64,
        PTRACE_SYSEMU = libc::PTRACE_SYSEMU as u64,
        PTRACE_SYSEMU_SINGLESTEP = libc::PTRACE_SYSEMU_SINGLESTEP as u64,
        PTRACE_SETOPTIONS = libc::PTRACE_SETOPTIONS as u64,
        PTRACE_GETEVENTMSG = libc::PTRACE_GETEVENTMSG as u64,
        PTRACE_GETSIGINFO = libc::PTRACE_GETSIGINFO as u64,
        PTRACE_SETSIGINFO = libc::PTRACE_SETSIGINFO as u64,
        PTRACE_GETREGSET = libc::PTRACE_GETREGSET as u64,
        PTRACE_SETREGSET = libc::PTRACE_SETREGSET as u64,
        PTRACE_SEIZE = libc::PTRACE_SEIZE as u64,
        PTRACE_INTERRUPT = libc::PTRACE_INTERRUPT as u64,
        PTRACE_LISTEN = libc::PTRACE_LISTEN as u64,
        PTRACE_PEEKSIGINFO = libc::PTRACE_PEEKSIGINFO as u64,
        PTRACE_GETSIGMASK = libc::PTRACE_GETSIGMASK as u64,
        PTRACE_SETSIGMASK = libc::PTRACE_SETSIGMASK as u64,
        PTRACE_SECCOMP_GET_FILTER = uapi::PTRACE_SECCOMP_GET_FILTER,
        PTRACE_SECCOMP_GET_METADATA = uapi::PTRACE_SECCOMP_GET_METADATA,
        PTRACE_GET_SYSCALL_INFO = libc::PTRACE_GET_SYSCALL_INFO as u64,
        // arch_prctl(2).
        ARCH_SET_GS = uapi::ARCH_SET_GS,
        ARCH_SET_FS = uapi::ARCH_SET_FS,
        ARCH_GET_FS = uapi::ARCH_GET_FS,
        ARCH_GET_GS = uapi::ARCH_GET_GS,
        ARCH_GET_CPUID = uapi::ARCH_GET_CPUID,
        ARCH_SET_CPUID = uapi::ARCH_SET_CPUID,
        // Resource limits.
        RLIM_INFINITY = libc::RLIM_INFINITY,
        // personality(2).
        PER_LINUX = uapi::PER_LINUX,
        ADDR_NO_RANDOMIZE = libc::ADDR_NO_RANDOMIZE as u64,
        PER_QUERY = uapi::PER_QUERY,
    }
};

/// Looks up a constant by its exact (case-sensitive) name, aliases included.
pub(crate) fn lookup(name: &str) -> Option<&'static Constant> {
    CONSTANTS.iter().find(|c| c.name == name)
}

/// Every known constant, in table order (primary names before their aliases).
pub(crate) fn all() -> &'static [Constant] {
    CONSTANTS
}

/// The known constant name closest to a misspelled `name`, if one is plausibly meant.
pub(crate) fn suggest(name: &str) -> Option<&'static str> {
    crate::suggest::closest(name, CONSTANTS.iter().map(|c| c.name))
}

/// The members of one family, in table order.
fn members(family: Family) -> impl Iterator<Item = &'static Constant> {
    CONSTANTS.iter().filter(move |c| c.family == family)
}

/// The preferred name of `value` in `family`: the first constant of that family with exactly
/// this value. Aliases are never returned. Works for flag families too (`name_of(Prot, 1)` is
/// `PROT_READ`), but [`Family::Misc`] is a grab bag whose answers are rarely meaningful.
pub(crate) fn name_of(family: Family, value: u64) -> Option<&'static str> {
    members(family).find(|c| c.value == value).map(|c| c.name)
}

/// Whether values of `family` are bit sets (rendered by [`format_flags`]) rather than enumerations.
fn is_flag_family(family: Family) -> bool {
    matches!(
        family,
        Family::SocketType
            | Family::OpenFlag
            | Family::AtFlag
            | Family::Prot
            | Family::MapFlag
            | Family::FdFlag
            | Family::CloneFlag
            | Family::Mode
            | Family::MsgFlag
            | Family::Flock
            | Family::Access
    )
}

/// What a flag family renders 0 as: its zero name if it has one, else `0`.
fn zero_name(family: Family) -> &'static str {
    match family {
        Family::OpenFlag => "O_RDONLY",
        Family::Prot => "PROT_NONE",
        Family::Access => "F_OK",
        _ => "0",
    }
}

/// Names that are masks or multi-bit fields, never parts of a decomposed flag word.
fn is_mask(c: &Constant) -> bool {
    matches!(c.name, "O_ACCMODE" | "MAP_TYPE" | "S_IFMT" | "CSIGNAL")
        || c.name.starts_with("MAP_HUGE_")
}

/// Accumulates `A|B|0x10` renderings.
struct FlagWriter {
    out: String,
}

impl FlagWriter {
    fn new() -> Self {
        FlagWriter { out: String::new() }
    }

    fn push(&mut self, part: &str) {
        if !self.out.is_empty() {
            self.out.push('|');
        }
        self.out.push_str(part);
    }

    /// Appends the names of the known flags of `family` found in `bits`, in table order, and
    /// returns the bits no name accounts for. Multi-bit names (`O_SYNC`, `O_TMPFILE`,
    /// `MAP_SHARED_VALIDATE`) win over their single-bit parts when all their bits are present.
    fn decompose(&mut self, family: Family, bits: u64) -> u64 {
        let mut remaining = bits;
        let mut chosen: Vec<(usize, &'static str)> = Vec::new();
        for composite in [true, false] {
            for (index, c) in CONSTANTS.iter().enumerate() {
                if c.family != family
                    || c.value == 0
                    || is_mask(c)
                    || (c.value.count_ones() > 1) != composite
                {
                    continue;
                }
                if c.value & remaining == c.value {
                    remaining &= !c.value;
                    chosen.push((index, c.name));
                }
            }
        }
        chosen.sort_unstable_by_key(|&(index, _)| index);
        for (_, name) in chosen {
            self.push(name);
        }
        remaining
    }

    /// Appends leftover bits as hex and returns the rendering (`zero` if nothing was written).
    fn finish(mut self, leftover: u64, zero: &str) -> String {
        if leftover != 0 {
            self.push(&format!("{leftover:#x}"));
        }
        if self.out.is_empty() {
            zero.to_string()
        } else {
            self.out
        }
    }
}

/// Renders a flag word: known bits as names joined by `|`, leftover bits as hex
/// (`O_RDWR|O_CREAT|0x4000000`). 0 renders as the family's zero name if it has one
/// (`O_RDONLY`, `PROT_NONE`, `F_OK`), else `0`.
///
/// Families with multi-bit fields get special treatment:
/// - [`Family::OpenFlag`]: the access mode (low 2 bits) always comes first as `O_RDONLY`,
///   `O_WRONLY`, `O_RDWR` or `O_ACCMODE`; `O_TMPFILE` and `O_SYNC` are named when all their
///   bits are set.
/// - [`Family::SocketType`]: the type in the low 4 bits comes first (`SOCK_STREAM|SOCK_CLOEXEC`).
/// - [`Family::CloneFlag`]: the low byte is the exit signal, rendered last by its name
///   (`CLONE_VM|SIGCHLD`); `CLONE_NEWTIME` is therefore never rendered.
/// - [`Family::MapFlag`]: with `MAP_HUGETLB`, bits 26..32 are the page size (`MAP_HUGE_2MB`).
/// - [`Family::Mode`]: the file type by name, then the permission bits in octal like strace
///   (`S_IFREG|0644`, `04755`).
///
/// Enumerated families (anything not listed as flags above, and not `Prot`, `AtFlag`,
/// `FdFlag`, `MsgFlag`, `Flock`, `Access`) are rendered with [`format_value`].
pub(crate) fn format_flags(family: Family, value: u64) -> String {
    match family {
        Family::OpenFlag => format_open_flags(value),
        Family::SocketType => format_socket_type(value),
        Family::CloneFlag => format_clone_flags(value),
        Family::MapFlag => format_map_flags(value),
        Family::Mode => format_mode(value),
        _ if is_flag_family(family) => {
            let mut w = FlagWriter::new();
            let leftover = w.decompose(family, value);
            w.finish(leftover, zero_name(family))
        }
        _ => format_enum(family, value),
    }
}

/// Open flags: access mode first, then the other flags.
fn format_open_flags(value: u64) -> String {
    let mut w = FlagWriter::new();
    if let Some(mode) = name_of(Family::OpenFlag, value & 3) {
        w.push(mode);
    }
    let leftover = w.decompose(Family::OpenFlag, value & !3);
    w.finish(leftover, zero_name(Family::OpenFlag))
}

/// Socket type: the enumerated type in the low 4 bits, then `SOCK_NONBLOCK`/`SOCK_CLOEXEC`.
fn format_socket_type(value: u64) -> String {
    let mut w = FlagWriter::new();
    let kind = value & 0xf;
    let mut leftover = 0;
    if kind != 0 {
        match name_of(Family::SocketType, kind) {
            Some(name) => w.push(name),
            None => leftover |= kind,
        }
    }
    leftover |= w.decompose(Family::SocketType, value & !0xf);
    w.finish(leftover, "0")
}

/// Clone flags: flags from bit 8 up, then the exit signal held in the low byte.
fn format_clone_flags(value: u64) -> String {
    let mut w = FlagWriter::new();
    let mut leftover = w.decompose(Family::CloneFlag, value & !0xff);
    let signal = value & 0xff;
    if signal != 0 {
        match name_of(Family::Signal, signal) {
            Some(name) => w.push(name),
            None => leftover |= signal,
        }
    }
    w.finish(leftover, "0")
}

/// mmap flags, with the huge page size field decoded when `MAP_HUGETLB` is set.
fn format_map_flags(value: u64) -> String {
    let mut w = FlagWriter::new();
    let mut bits = value;
    let mut huge = 0;
    if bits & MAP_HUGETLB != 0 {
        huge = (bits >> MAP_HUGE_SHIFT) & MAP_HUGE_MASK;
        bits &= !(MAP_HUGE_MASK << MAP_HUGE_SHIFT);
    }
    let leftover = w.decompose(Family::MapFlag, bits);
    if huge != 0 {
        let size = members(Family::MapFlag)
            .find(|c| c.name.starts_with("MAP_HUGE_") && c.value == huge << MAP_HUGE_SHIFT);
        match size {
            Some(c) => w.push(c.name),
            None => w.push(&format!("{huge}<<MAP_HUGE_SHIFT")),
        }
    }
    w.finish(leftover, "0")
}

/// File mode: type name, then permission bits in octal.
fn format_mode(value: u64) -> String {
    let mut w = FlagWriter::new();
    let kind = value & 0o170000;
    let mut octal = value & 0o7777;
    if kind != 0 {
        let name = members(Family::Mode)
            .find(|c| c.value == kind && c.name.starts_with("S_IF") && !is_mask(c));
        match name {
            Some(c) => w.push(c.name),
            None => octal |= kind,
        }
    }
    if octal != 0 {
        w.push(&format!("0{octal:o}"));
    }
    w.finish(value & !0o177777, "0")
}

/// Name of an enumerated value, else decimal (hex for ioctl requests).
fn format_enum(family: Family, value: u64) -> String {
    match name_of(family, value) {
        Some(name) => name.to_string(),
        None if family == Family::Ioctl => format!("{value:#x}"),
        None => value.to_string(),
    }
}

/// Renders a value of an enumerated family: the name if known, else decimal (hex for
/// [`Family::Ioctl`]). Flag families are rendered with [`format_flags`] instead.
pub(crate) fn format_value(family: Family, value: u64) -> String {
    if is_flag_family(family) {
        format_flags(family, value)
    } else {
        format_enum(family, value)
    }
}

/// The preferred name of a socket option at a given level (`SOL_SOCKET` → `SO_*`, `SOL_IP` →
/// `IP_*`, `SOL_TCP` → `TCP_*`, `SOL_UDP` → `UDP_*`, `SOL_IPV6` → `IPV6_*`).
pub(crate) fn sockopt_name(level: u64, optname: u64) -> Option<&'static str> {
    let prefix = match level {
        0 => "IP_",
        1 => "SO_",
        6 => "TCP_",
        17 => "UDP_",
        41 => "IPV6_",
        _ => return None,
    };
    members(Family::SocketOption)
        .find(|c| c.value == optname && c.name.starts_with(prefix))
        .map(|c| c.name)
}

/// The primary name of an errno value (1 → `EPERM`, 11 → `EAGAIN`, never `EWOULDBLOCK`).
pub(crate) fn errno_name(errno: i32) -> Option<&'static str> {
    u64::try_from(errno)
        .ok()
        .and_then(|v| name_of(Family::Errno, v))
}

/// The value of an errno name, aliases included, ignoring case (`"EACCES"` → 13).
pub(crate) fn errno_by_name(name: &str) -> Option<i32> {
    lookup(&name.to_ascii_uppercase())
        .filter(|c| c.family == Family::Errno)
        .and_then(|c| i32::try_from(c.value).ok())
}

/// The primary name of a signal number (9 → `SIGKILL`, 6 → `SIGABRT`, never `SIGIOT`).
pub(crate) fn signal_name(sig: i32) -> Option<&'static str> {
    u64::try_from(sig)
        .ok()
        .and_then(|v| name_of(Family::Signal, v))
}

/// Parses a value expression used in rules: a number (decimal, `0x` hex, `0o` or leading-`0`
/// octal, `0b` binary, `_` separators allowed), a constant name, or several of those joined by
/// `|` (`O_WRONLY|O_CREAT`, `0x10|PROT_READ`). A negative decimal such as `-100` yields its
/// two's complement.
///
/// # Errors
///
/// [`ValueError::Unknown`] for a name no constant has (with the closest known name, if any),
/// [`ValueError::TooLarge`] for a number beyond 64 bits (or below `-2^63`), and
/// [`ValueError::Malformed`] for anything else, including an empty word.
pub(crate) fn parse_value(text: &str) -> Result<u64, ValueError> {
    let mut value = 0;
    for word in text.split('|') {
        let word = word.trim();
        if word.is_empty() {
            return Err(ValueError::Malformed {
                text: text.trim().to_string(),
            });
        }
        value |= parse_word(word)?;
    }
    Ok(value)
}

/// Parses one `|`-separated word of a value expression.
fn parse_word(word: &str) -> Result<u64, ValueError> {
    let malformed = || ValueError::Malformed {
        text: word.to_string(),
    };
    let starts_with_digit = |s: &str| s.chars().next().is_some_and(|c| c.is_ascii_digit());
    if starts_with_digit(word) {
        return parse_unsigned(word, word);
    }
    if let Some(magnitude) = word.strip_prefix('-') {
        if !starts_with_digit(magnitude) {
            return Err(malformed());
        }
        let magnitude = parse_unsigned(magnitude, word)?;
        if magnitude > 1 << 63 {
            return Err(ValueError::TooLarge {
                text: word.to_string(),
            });
        }
        return Ok(magnitude.wrapping_neg());
    }
    let is_identifier = word
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !is_identifier {
        return Err(malformed());
    }
    lookup(word)
        .map(|c| c.value)
        .ok_or_else(|| ValueError::Unknown {
            name: word.to_string(),
            suggestion: suggest(word),
        })
}

/// Parses an unsigned number with an optional radix prefix; `word` is what errors report.
fn parse_unsigned(digits: &str, word: &str) -> Result<u64, ValueError> {
    let prefixed = |lower: &str, upper: &str| {
        digits
            .strip_prefix(lower)
            .or_else(|| digits.strip_prefix(upper))
    };
    let (radix, body) = if let Some(body) = prefixed("0x", "0X") {
        (16, body)
    } else if let Some(body) = prefixed("0o", "0O") {
        (8, body)
    } else if let Some(body) = prefixed("0b", "0B") {
        (2, body)
    } else if digits.len() > 1 && digits.starts_with('0') {
        (8, &digits[1..])
    } else {
        (10, digits)
    };
    let body: String = body.chars().filter(|&c| c != '_').collect();
    if body.is_empty() || !body.chars().all(|c| c.is_digit(radix)) {
        return Err(ValueError::Malformed {
            text: word.to_string(),
        });
    }
    u64::from_str_radix(&body, radix).map_err(|_| ValueError::TooLarge {
        text: word.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn value(name: &str) -> u64 {
        lookup(name)
            .unwrap_or_else(|| panic!("{name} missing"))
            .value
    }

    /// Compares table values with the libc crate's (zero-extended from 32 bits, which is how
    /// the kernel reads int and unsigned int arguments the tests cover here).
    macro_rules! same_as_libc {
        ($($name:ident),* $(,)?) => {
            $(
                assert_eq!(value(stringify!($name)), libc::$name as u32 as u64, stringify!($name));
            )*
        };
    }

    #[test]
    fn no_duplicate_names() {
        let mut seen = HashSet::new();
        for c in all() {
            assert!(seen.insert(c.name), "duplicate constant {}", c.name);
        }
    }

    #[test]
    fn names_are_c_identifiers() {
        for c in all() {
            assert!(
                c.name
                    .chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || ch == '_'),
                "{}",
                c.name
            );
        }
    }

    #[test]
    #[rustfmt::skip]
    fn matches_libc_sockets() {
        same_as_libc![
            AF_UNSPEC, AF_UNIX, AF_LOCAL, AF_INET, AF_INET6, AF_NETLINK, AF_PACKET, AF_BLUETOOTH,
            AF_VSOCK, AF_ALG, AF_KEY, AF_APPLETALK, AF_X25, AF_AX25, AF_IPX, AF_CAN, AF_TIPC,
            AF_XDP, AF_RDS, AF_LLC, AF_IB, AF_MPLS, AF_NFC, AF_DECnet, AF_BRIDGE, AF_ROUTE,
            AF_PHONET, AF_IEEE802154, AF_CAIF, AF_ISDN, PF_INET, PF_INET6, PF_UNIX, PF_NETLINK,
            PF_PACKET, SOCK_STREAM, SOCK_DGRAM, SOCK_RAW, SOCK_RDM, SOCK_SEQPACKET, SOCK_DCCP,
            SOCK_NONBLOCK, SOCK_CLOEXEC, SOL_SOCKET, SOL_IP, SOL_TCP, SOL_UDP, SOL_IPV6, SOL_ICMPV6,
            SOL_RAW, SOL_NETLINK, SOL_ALG, SOL_PACKET, SOL_TIPC, SOL_BLUETOOTH, SOL_TLS, SOL_XDP,
            IPPROTO_IP, IPPROTO_ICMP, IPPROTO_IGMP, IPPROTO_TCP, IPPROTO_UDP, IPPROTO_IPV6,
            IPPROTO_ICMPV6, IPPROTO_RAW, IPPROTO_SCTP, IPPROTO_UDPLITE, IPPROTO_MPTCP, IPPROTO_GRE,
            IPPROTO_ESP, IPPROTO_AH, IPPROTO_DCCP, IPPROTO_MPLS, IPPROTO_ETHERNET, IPPROTO_HOPOPTS,
            IPPROTO_ROUTING, IPPROTO_FRAGMENT, IPPROTO_NONE, IPPROTO_DSTOPTS, IPPROTO_MH,
            IPPROTO_BEETPH, IPPROTO_PIM, IPPROTO_COMP, IPPROTO_RSVP, IPPROTO_IPIP, NETLINK_ROUTE,
            NETLINK_AUDIT, NETLINK_KOBJECT_UEVENT, NETLINK_GENERIC, NETLINK_NETFILTER,
            NETLINK_SOCK_DIAG, NETLINK_INET_DIAG, NETLINK_CRYPTO, NETLINK_USERSOCK, NETLINK_XFRM,
            NETLINK_SELINUX, NETLINK_CONNECTOR, NETLINK_RDMA,
        ];
    }

    #[test]
    #[rustfmt::skip]
    fn matches_libc_socket_options() {
        same_as_libc![
            SO_DEBUG, SO_REUSEADDR, SO_TYPE, SO_ERROR, SO_DONTROUTE, SO_BROADCAST, SO_SNDBUF,
            SO_RCVBUF, SO_KEEPALIVE, SO_OOBINLINE, SO_NO_CHECK, SO_PRIORITY, SO_LINGER,
            SO_BSDCOMPAT, SO_REUSEPORT, SO_PASSCRED, SO_PEERCRED, SO_RCVLOWAT, SO_SNDLOWAT,
            SO_RCVTIMEO, SO_SNDTIMEO, SO_BINDTODEVICE, SO_ATTACH_FILTER, SO_DETACH_FILTER,
            SO_PEERNAME, SO_TIMESTAMP, SO_ACCEPTCONN, SO_PEERSEC, SO_SNDBUFFORCE, SO_RCVBUFFORCE,
            SO_MARK, SO_PROTOCOL, SO_DOMAIN, SO_PASSSEC, SO_TIMESTAMPNS, SO_TIMESTAMPING,
            SO_RXQ_OVFL, SO_PEEK_OFF, SO_BUSY_POLL, SO_INCOMING_CPU, SO_ATTACH_BPF, SO_DETACH_BPF,
            SO_COOKIE, SO_ZEROCOPY, SO_TXTIME, SO_BINDTOIFINDEX, SO_NETNS_COOKIE, SO_BUF_LOCK,
            SO_PASSPIDFD, SO_PEERPIDFD, TCP_NODELAY, TCP_MAXSEG, TCP_CORK, TCP_KEEPIDLE,
            TCP_KEEPINTVL, TCP_KEEPCNT, TCP_SYNCNT, TCP_LINGER2, TCP_DEFER_ACCEPT, TCP_WINDOW_CLAMP,
            TCP_INFO, TCP_QUICKACK, TCP_CONGESTION, TCP_FASTOPEN, TCP_USER_TIMEOUT,
            TCP_FASTOPEN_CONNECT, TCP_MD5SIG, TCP_REPAIR, TCP_NOTSENT_LOWAT, TCP_ULP, TCP_INQ,
            IP_TOS, IP_TTL, IP_HDRINCL, IP_OPTIONS, IP_RECVERR, IP_RECVTTL, IP_MTU_DISCOVER,
            IP_MULTICAST_IF, IP_MULTICAST_TTL, IP_MULTICAST_LOOP, IP_ADD_MEMBERSHIP,
            IP_DROP_MEMBERSHIP, IP_FREEBIND, IP_TRANSPARENT, IP_PKTINFO, IP_MTU,
            IP_BIND_ADDRESS_NO_PORT, IP_RECVTOS, IP_MINTTL, IP_MULTICAST_ALL, IP_UNICAST_IF,
            IPV6_V6ONLY, IPV6_RECVERR, IPV6_UNICAST_HOPS, IPV6_MULTICAST_IF, IPV6_MULTICAST_HOPS,
            IPV6_MULTICAST_LOOP, IPV6_ADD_MEMBERSHIP, IPV6_DROP_MEMBERSHIP, IPV6_MTU_DISCOVER,
            IPV6_MTU, IPV6_RECVPKTINFO, IPV6_PKTINFO, IPV6_TCLASS, IPV6_TRANSPARENT, IPV6_FREEBIND,
            IPV6_HOPLIMIT, IPV6_RECVHOPLIMIT, UDP_CORK, UDP_ENCAP, UDP_SEGMENT, UDP_GRO, MSG_OOB,
            MSG_PEEK, MSG_DONTROUTE, MSG_CTRUNC, MSG_TRUNC, MSG_DONTWAIT, MSG_EOR, MSG_WAITALL,
            MSG_CONFIRM, MSG_ERRQUEUE, MSG_NOSIGNAL, MSG_MORE, MSG_WAITFORONE, MSG_FASTOPEN,
            MSG_CMSG_CLOEXEC, MSG_ZEROCOPY, SHUT_RD, SHUT_WR, SHUT_RDWR,
        ];
    }

    #[test]
    #[rustfmt::skip]
    fn matches_libc_files_and_memory() {
        same_as_libc![
            O_RDONLY, O_WRONLY, O_RDWR, O_ACCMODE, O_CREAT, O_EXCL, O_NOCTTY, O_TRUNC, O_APPEND,
            O_NONBLOCK, O_DSYNC, O_ASYNC, O_DIRECT, O_DIRECTORY, O_NOFOLLOW, O_NOATIME, O_CLOEXEC,
            O_SYNC, O_FSYNC, O_RSYNC, O_PATH, O_TMPFILE, O_NDELAY, AT_SYMLINK_NOFOLLOW,
            AT_REMOVEDIR, AT_SYMLINK_FOLLOW, AT_NO_AUTOMOUNT, AT_EMPTY_PATH, AT_EACCESS,
            AT_STATX_SYNC_AS_STAT, AT_STATX_FORCE_SYNC, AT_STATX_DONT_SYNC, AT_RECURSIVE, PROT_NONE,
            PROT_READ, PROT_WRITE, PROT_EXEC, PROT_GROWSDOWN, PROT_GROWSUP, MAP_SHARED, MAP_PRIVATE,
            MAP_SHARED_VALIDATE, MAP_FIXED, MAP_ANONYMOUS, MAP_ANON, MAP_32BIT, MAP_GROWSDOWN,
            MAP_DENYWRITE, MAP_EXECUTABLE, MAP_LOCKED, MAP_NORESERVE, MAP_POPULATE, MAP_NONBLOCK,
            MAP_STACK, MAP_HUGETLB, MAP_SYNC, MAP_FIXED_NOREPLACE, MAP_FILE, MAP_TYPE,
            MAP_DROPPABLE, MAP_HUGE_2MB, MAP_HUGE_1GB, MAP_HUGE_SHIFT, MAP_HUGE_MASK, F_DUPFD,
            F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_GETLK, F_SETLK, F_SETLKW, F_SETOWN, F_GETOWN,
            F_OFD_GETLK, F_OFD_SETLK, F_OFD_SETLKW, F_SETLEASE, F_GETLEASE, F_NOTIFY,
            F_DUPFD_CLOEXEC, F_SETPIPE_SZ, F_GETPIPE_SZ, F_ADD_SEALS, F_GET_SEALS, F_CANCELLK,
            FD_CLOEXEC, F_SEAL_SEAL, F_SEAL_SHRINK, F_SEAL_GROW, F_SEAL_WRITE, F_SEAL_FUTURE_WRITE,
            F_SEAL_EXEC, F_RDLCK, F_WRLCK, F_UNLCK, S_ISUID, S_ISGID, S_ISVTX, S_IRWXU, S_IRUSR,
            S_IWUSR, S_IXUSR, S_IRWXG, S_IRGRP, S_IWGRP, S_IXGRP, S_IRWXO, S_IROTH, S_IWOTH,
            S_IXOTH, S_IFMT, S_IFSOCK, S_IFLNK, S_IFREG, S_IFBLK, S_IFDIR, S_IFCHR, S_IFIFO,
            SEEK_SET, SEEK_CUR, SEEK_END, SEEK_DATA, SEEK_HOLE, RLIMIT_CPU, RLIMIT_FSIZE,
            RLIMIT_DATA, RLIMIT_STACK, RLIMIT_CORE, RLIMIT_RSS, RLIMIT_NPROC, RLIMIT_NOFILE,
            RLIMIT_MEMLOCK, RLIMIT_AS, RLIMIT_LOCKS, RLIMIT_SIGPENDING, RLIMIT_MSGQUEUE,
            RLIMIT_NICE, RLIMIT_RTPRIO, RLIMIT_RTTIME, MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL,
            MADV_WILLNEED, MADV_DONTNEED, MADV_FREE, MADV_REMOVE, MADV_DONTFORK, MADV_DOFORK,
            MADV_MERGEABLE, MADV_UNMERGEABLE, MADV_HUGEPAGE, MADV_NOHUGEPAGE, MADV_DONTDUMP,
            MADV_DODUMP, MADV_WIPEONFORK, MADV_KEEPONFORK, MADV_COLD, MADV_PAGEOUT,
            MADV_POPULATE_READ, MADV_POPULATE_WRITE, MADV_DONTNEED_LOCKED, MADV_COLLAPSE,
            MADV_HWPOISON, MADV_SOFT_OFFLINE, MFD_CLOEXEC, MFD_ALLOW_SEALING, MFD_HUGETLB,
            MFD_NOEXEC_SEAL, MFD_EXEC, F_OK, R_OK, W_OK, X_OK, LOCK_SH, LOCK_EX, LOCK_NB, LOCK_UN,
            EFD_SEMAPHORE, EFD_NONBLOCK, EFD_CLOEXEC, EPOLL_CLOEXEC, IN_NONBLOCK, IN_CLOEXEC,
            TFD_NONBLOCK, TFD_CLOEXEC, TFD_TIMER_ABSTIME, SFD_NONBLOCK, SFD_CLOEXEC, PIDFD_NONBLOCK,
            GRND_NONBLOCK, GRND_RANDOM, GRND_INSECURE, SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK, P_ALL,
            P_PID, P_PGID, P_PIDFD, WNOHANG, WUNTRACED, WSTOPPED, WEXITED, WCONTINUED, WNOWAIT,
            __WNOTHREAD, __WALL, __WCLONE,
        ];
    }

    #[test]
    #[rustfmt::skip]
    fn matches_libc_processes() {
        same_as_libc![
            CSIGNAL, CLONE_VM, CLONE_FS, CLONE_FILES, CLONE_SIGHAND, CLONE_PIDFD, CLONE_PTRACE,
            CLONE_VFORK, CLONE_PARENT, CLONE_THREAD, CLONE_NEWNS, CLONE_SYSVSEM, CLONE_SETTLS,
            CLONE_PARENT_SETTID, CLONE_CHILD_CLEARTID, CLONE_DETACHED, CLONE_UNTRACED,
            CLONE_CHILD_SETTID, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER,
            CLONE_NEWPID, CLONE_NEWNET, CLONE_IO, CLONE_NEWTIME, PR_SET_PDEATHSIG, PR_GET_PDEATHSIG,
            PR_GET_DUMPABLE, PR_SET_DUMPABLE, PR_GET_UNALIGN, PR_SET_UNALIGN, PR_GET_KEEPCAPS,
            PR_SET_KEEPCAPS, PR_GET_FPEMU, PR_SET_FPEMU, PR_GET_FPEXC, PR_SET_FPEXC, PR_GET_TIMING,
            PR_SET_TIMING, PR_SET_NAME, PR_GET_NAME, PR_GET_ENDIAN, PR_SET_ENDIAN, PR_GET_SECCOMP,
            PR_SET_SECCOMP, PR_CAPBSET_READ, PR_CAPBSET_DROP, PR_GET_TSC, PR_SET_TSC,
            PR_GET_SECUREBITS, PR_SET_SECUREBITS, PR_SET_TIMERSLACK, PR_GET_TIMERSLACK,
            PR_TASK_PERF_EVENTS_DISABLE, PR_TASK_PERF_EVENTS_ENABLE, PR_MCE_KILL, PR_MCE_KILL_GET,
            PR_SET_MM, PR_SET_PTRACER, PR_SET_CHILD_SUBREAPER, PR_GET_CHILD_SUBREAPER,
            PR_SET_NO_NEW_PRIVS, PR_GET_NO_NEW_PRIVS, PR_GET_TID_ADDRESS, PR_SET_THP_DISABLE,
            PR_GET_THP_DISABLE, PR_MPX_ENABLE_MANAGEMENT, PR_MPX_DISABLE_MANAGEMENT, PR_SET_FP_MODE,
            PR_GET_FP_MODE, PR_CAP_AMBIENT, PR_SET_VMA, PR_SCHED_CORE, PR_SET_MDWE, PR_GET_MDWE,
            PR_SET_MEMORY_MERGE, PR_GET_MEMORY_MERGE, PR_CAP_AMBIENT_IS_SET, PR_CAP_AMBIENT_RAISE,
            PR_CAP_AMBIENT_LOWER, PR_CAP_AMBIENT_CLEAR_ALL, PR_SET_VMA_ANON_NAME,
            SECCOMP_SET_MODE_STRICT, SECCOMP_SET_MODE_FILTER, SECCOMP_GET_ACTION_AVAIL,
            SECCOMP_GET_NOTIF_SIZES, SECCOMP_FILTER_FLAG_TSYNC, SECCOMP_FILTER_FLAG_LOG,
            SECCOMP_FILTER_FLAG_SPEC_ALLOW, SECCOMP_FILTER_FLAG_NEW_LISTENER,
            SECCOMP_FILTER_FLAG_TSYNC_ESRCH, SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV,
            SECCOMP_MODE_DISABLED, SECCOMP_MODE_STRICT, SECCOMP_MODE_FILTER,
            SECCOMP_RET_KILL_PROCESS, SECCOMP_RET_KILL_THREAD, SECCOMP_RET_KILL, SECCOMP_RET_TRAP,
            SECCOMP_RET_ERRNO, SECCOMP_RET_USER_NOTIF, SECCOMP_RET_TRACE, SECCOMP_RET_LOG,
            SECCOMP_RET_ALLOW, CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID,
            CLOCK_THREAD_CPUTIME_ID, CLOCK_MONOTONIC_RAW, CLOCK_REALTIME_COARSE,
            CLOCK_MONOTONIC_COARSE, CLOCK_BOOTTIME, CLOCK_REALTIME_ALARM, CLOCK_BOOTTIME_ALARM,
            CLOCK_TAI, FUTEX_WAIT, FUTEX_WAKE, FUTEX_FD, FUTEX_REQUEUE, FUTEX_CMP_REQUEUE,
            FUTEX_WAKE_OP, FUTEX_LOCK_PI, FUTEX_UNLOCK_PI, FUTEX_TRYLOCK_PI, FUTEX_WAIT_BITSET,
            FUTEX_WAKE_BITSET, FUTEX_WAIT_REQUEUE_PI, FUTEX_CMP_REQUEUE_PI, FUTEX_LOCK_PI2,
            FUTEX_PRIVATE_FLAG, FUTEX_CLOCK_REALTIME, PTRACE_TRACEME, PTRACE_PEEKTEXT,
            PTRACE_PEEKDATA, PTRACE_PEEKUSER, PTRACE_POKETEXT, PTRACE_POKEDATA, PTRACE_POKEUSER,
            PTRACE_CONT, PTRACE_KILL, PTRACE_SINGLESTEP, PTRACE_GETREGS, PTRACE_SETREGS,
            PTRACE_GETFPREGS, PTRACE_SETFPREGS, PTRACE_ATTACH, PTRACE_DETACH, PTRACE_SYSCALL,
            PTRACE_SYSEMU, PTRACE_SYSEMU_SINGLESTEP, PTRACE_SETOPTIONS, PTRACE_GETEVENTMSG,
            PTRACE_GETSIGINFO, PTRACE_SETSIGINFO, PTRACE_GETREGSET, PTRACE_SETREGSET, PTRACE_SEIZE,
            PTRACE_INTERRUPT, PTRACE_LISTEN, PTRACE_PEEKSIGINFO, PTRACE_GETSIGMASK,
            PTRACE_SETSIGMASK, PTRACE_GET_SYSCALL_INFO, ADDR_NO_RANDOMIZE,
        ];
        // 64-bit clone3-only flags and values that do not fit the 32-bit comparison.
        assert_eq!(value("CLONE_CLEAR_SIGHAND"), 1 << 32);
        assert_eq!(value("CLONE_INTO_CGROUP"), 1 << 33);
        assert_eq!(value("RLIM_INFINITY"), libc::RLIM_INFINITY);
        assert_eq!(value("AT_FDCWD"), libc::AT_FDCWD as i64 as u64);
        assert_eq!(value("AT_FDCWD"), 0xffff_ffff_ffff_ff9c);
        // The kernel's O_LARGEFILE; glibc defines it as 0 on x86_64.
        assert_eq!(value("O_LARGEFILE"), 0o100000);
    }

    #[test]
    #[rustfmt::skip]
    fn matches_libc_errno_and_signals() {
        same_as_libc![
            EPERM, ENOENT, ESRCH, EINTR, EIO, ENXIO, E2BIG, ENOEXEC, EBADF, ECHILD, EAGAIN, ENOMEM,
            EACCES, EFAULT, ENOTBLK, EBUSY, EEXIST, EXDEV, ENODEV, ENOTDIR, EISDIR, EINVAL, ENFILE,
            EMFILE, ENOTTY, ETXTBSY, EFBIG, ENOSPC, ESPIPE, EROFS, EMLINK, EPIPE, EDOM, ERANGE,
            EDEADLK, ENAMETOOLONG, ENOLCK, ENOSYS, ENOTEMPTY, ELOOP, ENOMSG, EIDRM, ECHRNG,
            EL2NSYNC, EL3HLT, EL3RST, ELNRNG, EUNATCH, ENOCSI, EL2HLT, EBADE, EBADR, EXFULL, ENOANO,
            EBADRQC, EBADSLT, EBFONT, ENOSTR, ENODATA, ETIME, ENOSR, ENONET, ENOPKG, EREMOTE,
            ENOLINK, EADV, ESRMNT, ECOMM, EPROTO, EMULTIHOP, EDOTDOT, EBADMSG, EOVERFLOW, ENOTUNIQ,
            EBADFD, EREMCHG, ELIBACC, ELIBBAD, ELIBSCN, ELIBMAX, ELIBEXEC, EILSEQ, ERESTART,
            ESTRPIPE, EUSERS, ENOTSOCK, EDESTADDRREQ, EMSGSIZE, EPROTOTYPE, ENOPROTOOPT,
            EPROTONOSUPPORT, ESOCKTNOSUPPORT, EOPNOTSUPP, EPFNOSUPPORT, EAFNOSUPPORT, EADDRINUSE,
            EADDRNOTAVAIL, ENETDOWN, ENETUNREACH, ENETRESET, ECONNABORTED, ECONNRESET, ENOBUFS,
            EISCONN, ENOTCONN, ESHUTDOWN, ETOOMANYREFS, ETIMEDOUT, ECONNREFUSED, EHOSTDOWN,
            EHOSTUNREACH, EALREADY, EINPROGRESS, ESTALE, EUCLEAN, ENOTNAM, ENAVAIL, EISNAM,
            EREMOTEIO, EDQUOT, ENOMEDIUM, EMEDIUMTYPE, ECANCELED, ENOKEY, EKEYEXPIRED, EKEYREVOKED,
            EKEYREJECTED, EOWNERDEAD, ENOTRECOVERABLE, ERFKILL, EHWPOISON, EWOULDBLOCK, EDEADLOCK,
            ENOTSUP, SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGKILL,
            SIGUSR1, SIGSEGV, SIGUSR2, SIGPIPE, SIGALRM, SIGTERM, SIGSTKFLT, SIGCHLD, SIGCONT,
            SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU, SIGURG, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF,
            SIGWINCH, SIGIO, SIGPWR, SIGSYS, SIGIOT, SIGPOLL,
        ];
    }

    #[test]
    #[rustfmt::skip]
    fn matches_libc_ioctls() {
        same_as_libc![
            TCGETS, TCSETS, TCSETSW, TCSETSF, TCGETA, TCSETA, TCSETAW, TCSETAF, TCSBRK, TCXONC,
            TCFLSH, TIOCEXCL, TIOCNXCL, TIOCSCTTY, TIOCGPGRP, TIOCSPGRP, TIOCOUTQ, TIOCSTI,
            TIOCGWINSZ, TIOCSWINSZ, TIOCMGET, TIOCMBIS, TIOCMBIC, TIOCMSET, TIOCGSOFTCAR,
            TIOCSSOFTCAR, FIONREAD, TIOCINQ, TIOCLINUX, TIOCCONS, TIOCGSERIAL, TIOCSSERIAL, TIOCPKT,
            FIONBIO, TIOCNOTTY, TIOCSETD, TIOCGETD, TCSBRKP, TIOCSBRK, TIOCCBRK, TIOCGSID, TCGETS2,
            TCSETS2, TCSETSW2, TCSETSF2, TIOCGRS485, TIOCSRS485, TIOCGPTN, TIOCSPTLCK, TIOCGDEV,
            TCGETX, TCSETX, TCSETXF, TCSETXW, TIOCSIG, TIOCVHANGUP, TIOCGPKT, TIOCGPTLCK, TIOCGEXCL,
            TIOCGPTPEER, FIONCLEX, FIOCLEX, FIOASYNC, TIOCSERCONFIG, TIOCSERGWILD, TIOCSERSWILD,
            TIOCGLCKTRMIOS, TIOCSLCKTRMIOS, TIOCSERGSTRUCT, TIOCSERGETLSR, TIOCSERGETMULTI,
            TIOCSERSETMULTI, TIOCMIWAIT, TIOCGICOUNT, FIOQSIZE, SIOCGIFCONF, SIOCGIFFLAGS,
            SIOCSIFFLAGS, SIOCGIFINDEX, SIOCGIFADDR, SIOCSIFADDR, SIOCGIFHWADDR, SIOCSIFHWADDR,
            SIOCGIFMTU, SIOCSIFMTU, SIOCGIFNAME, SIOCSIFNAME, SIOCGIFNETMASK, SIOCSIFNETMASK,
            SIOCGIFBRDADDR, SIOCGIFDSTADDR, SIOCADDRT, SIOCDELRT, SIOCADDMULTI, SIOCDELMULTI,
            SIOCGIFMETRIC, SIOCGIFTXQLEN, SIOCSIFTXQLEN, SIOCETHTOOL, SIOCGMIIPHY, SIOCGMIIREG,
            SIOCSMIIREG, SIOCOUTQNSD, SIOCGARP, SIOCSARP, SIOCDARP, SIOCGIFMAP, SIOCSIFMAP,
            SIOCGIFCOUNT, SIOCSIFLINK, SIOCGIFENCAP, SIOCSIFENCAP, SIOCGIFSLAVE, SIOCSIFSLAVE,
            SIOCSIFPFLAGS, SIOCGIFPFLAGS, SIOCDIFADDR, SIOCSIFHWBROADCAST, SIOCGIFBR, SIOCSIFBR,
            SIOCWANDEV, SIOCDRARP, SIOCGRARP, SIOCSRARP, SIOCGIFMEM, SIOCSIFMEM, SIOCSIFBRDADDR,
            SIOCSIFDSTADDR, SIOCSIFMETRIC, FICLONE, FICLONERANGE, FS_IOC_GETFLAGS, FS_IOC_SETFLAGS,
            FS_IOC_GETVERSION, FS_IOC_SETVERSION, FS_IOC32_GETFLAGS, FS_IOC32_SETFLAGS,
            FS_IOC32_GETVERSION, FS_IOC32_SETVERSION, BLKSSZGET, BLKIOMIN, BLKIOOPT, BLKPBSZGET,
            TUNSETNOCSUM, TUNSETDEBUG, TUNSETIFF, TUNSETPERSIST, TUNSETOWNER, TUNSETLINK,
            TUNSETGROUP, TUNGETFEATURES, TUNSETOFFLOAD, TUNSETTXFILTER, TUNGETIFF, TUNGETSNDBUF,
            TUNSETSNDBUF, TUNGETVNETHDRSZ, TUNSETVNETHDRSZ, TUNSETQUEUE, TUNSETIFINDEX,
            NS_GET_USERNS, NS_GET_PARENT, NS_GET_NSTYPE, NS_GET_OWNER_UID,
        ];
        // Spot checks of the _IOR/_IOW encoding.
        assert_eq!(value("TIOCGPTN"), 0x8004_5430);
        assert_eq!(value("TIOCSPTLCK"), 0x4004_5431);
        assert_eq!(value("FICLONE"), 0x4004_9409);
        assert_eq!(value("FS_IOC_GETFLAGS"), 0x8008_6601);
        assert_eq!(value("TIOCGWINSZ"), 0x5413);
    }

    #[test]
    fn matches_kernel_headers_beyond_libc() {
        // Values libc 0.2 lacks, checked against the kernel's uapi headers.
        for (name, expected) in [
            ("SOL_SCTP", 132),
            ("SOL_VSOCK", 287),
            ("IPPROTO_L2TP", 115),
            ("IPPROTO_SMC", 256),
            ("__O_SYNC", 0o4000000),
            ("__O_TMPFILE", 0o20000000),
            ("PROT_SEM", 0x8),
            ("MAP_UNINITIALIZED", 0x4000000),
            ("MAP_HUGE_64KB", 16 << 26),
            ("MAP_HUGE_16GB", 34 << 26),
            ("F_DUPFD_QUERY", 1027),
            ("F_CREATED_QUERY", 1028),
            ("F_OWNER_PGRP", 2),
            ("PR_RISCV_V_SET_CONTROL", 69),
            ("PR_PPC_SET_DEXCR", 73),
            ("PR_GET_SHADOW_STACK_STATUS", 74),
            ("PR_TIMER_CREATE_RESTORE_IDS", 77),
            ("PR_FUTEX_HASH", 78),
            ("PR_GET_AUXV", 0x41555856),
            ("PR_MDWE_REFUSE_EXEC_GAIN", 1),
            ("MADV_GUARD_INSTALL", 102),
            ("MADV_GUARD_REMOVE", 103),
            ("SIGUNUSED", 31),
            ("IOPRIO_CLASS_IDLE", 3),
            ("IOPRIO_WHO_USER", 3),
            ("TIOCGPTPEER", 0x5441),
            ("FICLONERANGE", 0x4020940d),
            ("FIDEDUPERANGE", 0xc0189436),
            ("FS_IOC_FIEMAP", 0xc020660b),
            ("FS_IOC_FSGETXATTR", 0x801c581f),
            ("BLKGETSIZE64", 0x80081272),
            ("TCGETS2", 0x802c542a),
        ] {
            assert_eq!(value(name), expected, "{name}");
        }
    }

    #[test]
    fn every_name_round_trips_through_name_of() {
        for c in all() {
            let name = name_of(c.family, c.value)
                .unwrap_or_else(|| panic!("no name for {} in {:?}", c.name, c.family));
            let back = lookup(name).unwrap();
            assert_eq!(back.value, c.value, "{} -> {name}", c.name);
            assert_eq!(back.family, c.family, "{} -> {name}", c.name);
        }
    }

    #[test]
    fn preferred_names() {
        assert_eq!(name_of(Family::Address, 1), Some("AF_UNIX"));
        assert_eq!(name_of(Family::Address, 16), Some("AF_NETLINK"));
        assert_eq!(name_of(Family::Protocol, 0), Some("IPPROTO_IP"));
        assert_eq!(name_of(Family::NetlinkProtocol, 0), Some("NETLINK_ROUTE"));
        assert_eq!(name_of(Family::SocketOption, 1), Some("SO_DEBUG"));
        assert_eq!(name_of(Family::SocketOption, 26), Some("SO_ATTACH_FILTER"));
        assert_eq!(name_of(Family::Ioctl, 0x541B), Some("FIONREAD"));
        assert_eq!(name_of(Family::OpenFlag, 0o4000), Some("O_NONBLOCK"));
        assert_eq!(name_of(Family::MapFlag, 0x20), Some("MAP_ANONYMOUS"));
        assert_eq!(name_of(Family::Fcntl, 5), Some("F_GETLK"));
        assert_eq!(name_of(Family::Errno, 11), Some("EAGAIN"));
        assert_eq!(name_of(Family::Signal, 6), Some("SIGABRT"));
        assert_eq!(name_of(Family::Prctl, 0x53564d41), Some("PR_SET_VMA"));
        assert_eq!(name_of(Family::Seek, 9), None);
        assert!(lookup("AF_LOCAL").is_some());
        assert_eq!(lookup("af_inet"), None);
        for (name, family) in [
            ("AF_INET", Family::Address),
            ("SOCK_CLOEXEC", Family::SocketType),
            ("SOL_SOCKET", Family::SocketLevel),
            ("TCP_NODELAY", Family::SocketOption),
            ("IPPROTO_TCP", Family::Protocol),
            ("O_CLOEXEC", Family::OpenFlag),
            ("AT_EMPTY_PATH", Family::AtFlag),
            ("PROT_EXEC", Family::Prot),
            ("MAP_FIXED", Family::MapFlag),
            ("TIOCSTI", Family::Ioctl),
            ("F_SETFL", Family::Fcntl),
            ("FD_CLOEXEC", Family::FdFlag),
            ("CLONE_NEWUSER", Family::CloneFlag),
            ("PR_SET_NO_NEW_PRIVS", Family::Prctl),
            ("EPERM", Family::Errno),
            ("SIGSYS", Family::Signal),
            ("S_IFDIR", Family::Mode),
            ("SEEK_HOLE", Family::Seek),
            ("RLIMIT_NOFILE", Family::Rlimit),
            ("MADV_DONTNEED", Family::Madvise),
            ("SECCOMP_SET_MODE_FILTER", Family::SeccompOp),
            ("AT_FDCWD", Family::Misc),
            ("SECCOMP_FILTER_FLAG_NEW_LISTENER", Family::Misc),
        ] {
            assert_eq!(lookup(name).map(|c| c.family), Some(family), "{name}");
        }
    }

    #[test]
    fn sockopt_names_follow_the_level() {
        assert_eq!(sockopt_name(1, 1), Some("SO_DEBUG"));
        assert_eq!(sockopt_name(6, 1), Some("TCP_NODELAY"));
        assert_eq!(sockopt_name(0, 1), Some("IP_TOS"));
        assert_eq!(sockopt_name(41, 26), Some("IPV6_V6ONLY"));
        assert_eq!(sockopt_name(41, 20), Some("IPV6_JOIN_GROUP"));
        assert_eq!(sockopt_name(17, 103), Some("UDP_SEGMENT"));
        assert_eq!(sockopt_name(263, 1), None);
    }

    #[test]
    fn formats_open_flags() {
        let f = |v| format_flags(Family::OpenFlag, v);
        assert_eq!(f(0), "O_RDONLY");
        assert_eq!(f(0o2000000), "O_RDONLY|O_CLOEXEC");
        assert_eq!(f(0o1101), "O_WRONLY|O_CREAT|O_TRUNC");
        assert_eq!(f(0o20200002), "O_RDWR|O_TMPFILE");
        assert_eq!(f(0o20000002), "O_RDWR|__O_TMPFILE");
        assert_eq!(f(0o200000), "O_RDONLY|O_DIRECTORY");
        assert_eq!(f(0o4010001), "O_WRONLY|O_SYNC");
        assert_eq!(f(0o10001), "O_WRONLY|O_DSYNC");
        assert_eq!(f(3), "O_ACCMODE");
        assert_eq!(f(0x4000042), "O_RDWR|O_CREAT|0x4000000");
        assert_eq!(
            f(0o2604000),
            "O_RDONLY|O_NONBLOCK|O_DIRECTORY|O_NOFOLLOW|O_CLOEXEC"
        );
        assert_eq!(
            format_value(Family::OpenFlag, 0o2000001),
            "O_WRONLY|O_CLOEXEC"
        );
    }

    #[test]
    fn formats_other_flag_families() {
        assert_eq!(
            format_flags(Family::SocketType, 0o2000001),
            "SOCK_STREAM|SOCK_CLOEXEC"
        );
        assert_eq!(
            format_flags(Family::SocketType, 0o2004002),
            "SOCK_DGRAM|SOCK_NONBLOCK|SOCK_CLOEXEC"
        );
        assert_eq!(format_flags(Family::SocketType, 10), "SOCK_PACKET");
        assert_eq!(
            format_flags(Family::SocketType, 0o2000007),
            "SOCK_CLOEXEC|0x7"
        );
        assert_eq!(format_flags(Family::Prot, 5), "PROT_READ|PROT_EXEC");
        assert_eq!(format_flags(Family::Prot, 0), "PROT_NONE");
        assert_eq!(
            format_flags(Family::Prot, 0x13),
            "PROT_READ|PROT_WRITE|0x10"
        );
        assert_eq!(
            format_flags(Family::MapFlag, 0x22),
            "MAP_PRIVATE|MAP_ANONYMOUS"
        );
        assert_eq!(format_flags(Family::MapFlag, 0x3), "MAP_SHARED_VALIDATE");
        assert_eq!(
            format_flags(Family::MapFlag, 0x20022 | (21 << 26)),
            "MAP_PRIVATE|MAP_ANONYMOUS|MAP_STACK|MAP_UNINITIALIZED|0x50000000"
        );
        assert_eq!(
            format_flags(Family::MapFlag, 0x40022 | (21 << 26)),
            "MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB|MAP_HUGE_2MB"
        );
        assert_eq!(
            format_flags(Family::MapFlag, 0x40022 | (22 << 26)),
            "MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB|22<<MAP_HUGE_SHIFT"
        );
        assert_eq!(
            format_flags(Family::MapFlag, 0x4000022),
            "MAP_PRIVATE|MAP_ANONYMOUS|MAP_UNINITIALIZED"
        );
        assert_eq!(
            format_flags(Family::AtFlag, 0x1100),
            "AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH"
        );
        assert_eq!(format_flags(Family::AtFlag, 0), "0");
        assert_eq!(format_flags(Family::FdFlag, 1), "FD_CLOEXEC");
        assert_eq!(
            format_flags(Family::MsgFlag, 0x4040),
            "MSG_DONTWAIT|MSG_NOSIGNAL"
        );
        assert_eq!(format_flags(Family::Flock, 6), "LOCK_EX|LOCK_NB");
        assert_eq!(format_flags(Family::Access, 6), "R_OK|W_OK");
        assert_eq!(format_flags(Family::Access, 0), "F_OK");
        assert_eq!(format_flags(Family::Mode, 0o755), "0755");
        assert_eq!(format_flags(Family::Mode, 0o100644), "S_IFREG|0644");
        assert_eq!(format_flags(Family::Mode, 0o44755), "S_IFDIR|04755");
        assert_eq!(format_flags(Family::Mode, 0o20000), "S_IFCHR");
        assert_eq!(format_flags(Family::Mode, 0), "0");
    }

    #[test]
    fn formats_clone_flags() {
        let f = |v| format_flags(Family::CloneFlag, v);
        assert_eq!(
            f(0x3d0f00),
            "CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|\
             CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID"
        );
        assert_eq!(
            f(0x1200011),
            "CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD"
        );
        assert_eq!(f(0x11), "SIGCHLD");
        assert_eq!(f(0x80), "0x80");
        assert_eq!(f(0x4111), "CLONE_VM|CLONE_VFORK|SIGCHLD");
        assert_eq!(f(0x10_0000_0000), "0x1000000000");
        assert_eq!(f(0x1_0000_0100), "CLONE_VM|CLONE_CLEAR_SIGHAND");
        assert_eq!(f(0), "0");
    }

    #[test]
    fn formats_enumerated_values() {
        assert_eq!(format_value(Family::Address, 2), "AF_INET");
        assert_eq!(format_value(Family::Address, 99), "99");
        assert_eq!(format_value(Family::Ioctl, 0x5413), "TIOCGWINSZ");
        assert_eq!(format_value(Family::Ioctl, 0xdead), "0xdead");
        assert_eq!(format_value(Family::Errno, 13), "EACCES");
        assert_eq!(format_value(Family::Signal, 17), "SIGCHLD");
        assert_eq!(format_value(Family::Prctl, 38), "PR_SET_NO_NEW_PRIVS");
        assert_eq!(format_value(Family::Fcntl, 1030), "F_DUPFD_CLOEXEC");
        assert_eq!(format_value(Family::Protocol, 0), "IPPROTO_IP");
        assert_eq!(format_value(Family::Prot, 3), "PROT_READ|PROT_WRITE");
        // format_flags on an enumerated family falls back to the enumeration.
        assert_eq!(format_flags(Family::Seek, 2), "SEEK_END");
        assert_eq!(format_flags(Family::Ioctl, 0x1234), "0x1234");
    }

    #[test]
    fn errno_and_signal_helpers() {
        assert_eq!(errno_name(1), Some("EPERM"));
        assert_eq!(errno_name(11), Some("EAGAIN"));
        assert_eq!(errno_name(35), Some("EDEADLK"));
        assert_eq!(errno_name(95), Some("EOPNOTSUPP"));
        assert_eq!(errno_name(133), Some("EHWPOISON"));
        assert_eq!(errno_name(0), None);
        assert_eq!(errno_name(-1), None);
        assert_eq!(errno_name(41), None);
        assert_eq!(errno_by_name("EACCES"), Some(13));
        assert_eq!(errno_by_name("eacces"), Some(13));
        assert_eq!(errno_by_name("EWOULDBLOCK"), Some(11));
        assert_eq!(errno_by_name("ENOTSUP"), Some(95));
        assert_eq!(errno_by_name("SIGKILL"), None);
        assert_eq!(errno_by_name("ENOPE"), None);
        for n in 1..=133 {
            if n != 41 && n != 58 {
                let name = errno_name(n).unwrap_or_else(|| panic!("errno {n}"));
                assert_eq!(errno_by_name(name), Some(n));
            }
        }
        assert_eq!(signal_name(9), Some("SIGKILL"));
        assert_eq!(signal_name(6), Some("SIGABRT"));
        assert_eq!(signal_name(29), Some("SIGIO"));
        assert_eq!(signal_name(32), None);
        assert_eq!(signal_name(0), None);
        for n in 1..=31 {
            assert!(signal_name(n).is_some(), "signal {n}");
        }
    }

    #[test]
    fn parses_numbers() {
        assert_eq!(parse_value("0"), Ok(0));
        assert_eq!(parse_value("42"), Ok(42));
        assert_eq!(parse_value("0x1F"), Ok(31));
        assert_eq!(parse_value("0XfF"), Ok(255));
        assert_eq!(parse_value("0o755"), Ok(0o755));
        assert_eq!(parse_value("0755"), Ok(0o755));
        assert_eq!(parse_value("0b101"), Ok(5));
        assert_eq!(parse_value("1_000"), Ok(1000));
        assert_eq!(parse_value(" 7 "), Ok(7));
        assert_eq!(parse_value("-100"), Ok(0xffff_ffff_ffff_ff9c));
        assert_eq!(parse_value("-1"), Ok(u64::MAX));
        assert_eq!(parse_value("-9223372036854775808"), Ok(1 << 63));
        assert_eq!(parse_value("18446744073709551615"), Ok(u64::MAX));
        assert_eq!(parse_value("0xffffffffffffffff"), Ok(u64::MAX));
    }

    #[test]
    fn parses_names_and_combinations() {
        assert_eq!(parse_value("O_WRONLY|O_CREAT"), Ok(0o101));
        assert_eq!(parse_value("O_WRONLY | O_CREAT | O_TRUNC"), Ok(0o1101));
        assert_eq!(parse_value("0x10|PROT_READ"), Ok(0x11));
        assert_eq!(parse_value("TIOCGWINSZ"), Ok(0x5413));
        assert_eq!(parse_value("AT_FDCWD"), Ok(0xffff_ffff_ffff_ff9c));
        assert_eq!(parse_value("AF_LOCAL"), Ok(1));
        assert_eq!(parse_value("SOCK_STREAM|SOCK_CLOEXEC"), Ok(0o2000001));
        assert_eq!(parse_value("__O_TMPFILE"), Ok(0o20000000));
        assert_eq!(parse_value("AF_DECnet"), Ok(12));
    }

    #[test]
    fn reports_parse_errors() {
        assert_eq!(
            parse_value("TIOCGWINZS"),
            Err(ValueError::Unknown {
                name: "TIOCGWINZS".into(),
                suggestion: Some("TIOCGWINSZ"),
            })
        );
        assert_eq!(
            parse_value("O_WRONLY|o_creat"),
            Err(ValueError::Unknown {
                name: "o_creat".into(),
                suggestion: Some("O_CREAT"),
            })
        );
        assert!(matches!(
            parse_value("XYZZY_PLUGH_QUUX"),
            Err(ValueError::Unknown {
                suggestion: None,
                ..
            })
        ));
        let too_large = |t: &str| ValueError::TooLarge { text: t.into() };
        let malformed = |t: &str| ValueError::Malformed { text: t.into() };
        assert_eq!(
            parse_value("18446744073709551616"),
            Err(too_large("18446744073709551616"))
        );
        assert_eq!(
            parse_value("0x1_0000_0000_0000_0000"),
            Err(too_large("0x1_0000_0000_0000_0000"))
        );
        assert_eq!(
            parse_value("-9223372036854775809"),
            Err(too_large("-9223372036854775809"))
        );
        assert_eq!(
            parse_value("1|99999999999999999999"),
            Err(too_large("99999999999999999999"))
        );
        assert_eq!(parse_value(""), Err(malformed("")));
        assert_eq!(parse_value("O_RDONLY|"), Err(malformed("O_RDONLY|")));
        assert_eq!(parse_value("0x"), Err(malformed("0x")));
        assert_eq!(parse_value("0x1g"), Err(malformed("0x1g")));
        assert_eq!(parse_value("089"), Err(malformed("089")));
        assert_eq!(parse_value("12ab"), Err(malformed("12ab")));
        assert_eq!(parse_value("0x+5"), Err(malformed("0x+5")));
        assert_eq!(parse_value("-EPERM"), Err(malformed("-EPERM")));
        assert_eq!(
            parse_value("O_RDONLY O_CREAT"),
            Err(malformed("O_RDONLY O_CREAT"))
        );
        assert_eq!(parse_value("1|a-b"), Err(malformed("a-b")));
        assert_eq!(
            ValueError::Unknown {
                name: "FOO".into(),
                suggestion: None
            }
            .to_string(),
            "unknown constant `FOO`"
        );
        assert_eq!(
            malformed("a-b").to_string(),
            "`a-b` is not a number or constant"
        );
        assert_eq!(
            too_large("1e99").to_string(),
            "`1e99` does not fit in 64 bits"
        );
    }

    #[test]
    fn suggests_close_names() {
        assert_eq!(suggest("TIOCGWINZS"), Some("TIOCGWINSZ"));
        assert_eq!(suggest("O_CLOEXC"), Some("O_CLOEXEC"));
        assert_eq!(suggest("AF_INTE"), Some("AF_INET"));
        assert_eq!(suggest("QQQQQQQQQQQQQQQQQQQQ"), None);
    }
}
