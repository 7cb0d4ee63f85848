//! Named Linux constants (x86_64 values) for seccomp rule conditions and argument decoding.
//!
//! Owns the table of symbolic names (`AF_INET`, `O_CLOEXEC`, `TIOCGWINSZ`, `EPERM`, `SIGCHLD`, …),
//! their grouping into [`Family`]s, parsing of rule value expressions such as
//! `O_WRONLY|O_CREAT` or `0x10|PROT_READ` ([`parse_value`]), and rendering of raw syscall
//! arguments back into names ([`format_flags`], [`format_value`]) for violation reports and the
//! tracer. Values are those the x86_64 kernel sees in syscall registers, which is not always what
//! glibc's headers say (for example `O_LARGEFILE` is `0o100000` here, not glibc's 0).
//!
//! The table is one static slice in a fixed order. Within a family the first entry with a given
//! value is its preferred name; aliases (`AF_LOCAL`, `O_NDELAY`, `EWOULDBLOCK`, `SIGIOT`, …) come
//! after their primary name, so [`lookup`] accepts them but [`name_of`] never returns them.

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
    AddressFamily,
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
pub struct Constant {
    /// The C name, e.g. `"O_CLOEXEC"`.
    pub name: &'static str,
    /// The x86_64 value as the kernel sees it in a 64-bit syscall argument register.
    pub value: u64,
    /// The family it belongs to.
    pub family: Family,
}

/// Error from [`parse_value`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
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
const MAP_HUGE_SHIFT: u32 = 26;
/// `MAP_HUGE_MASK`: width of the huge page size field.
const MAP_HUGE_MASK: u64 = 0x3f;
/// `MAP_HUGETLB`.
const MAP_HUGETLB: u64 = 0x40000;

/// Builds the constant table from `Family { NAME = value, … }` blocks.
macro_rules! table {
    ($($family:ident { $($name:ident = $value:expr),* $(,)? })*) => {
        &[$($(Constant { name: stringify!($name), value: $value, family: Family::$family },)*)*]
    };
}

/// Every known constant. Order matters: the first entry of a family with a given value is the
/// name [`name_of`] returns, and flag words are rendered in table order.
static CONSTANTS: &[Constant] = table! {
    AddressFamily {
        AF_UNSPEC = 0,
        AF_UNIX = 1,
        AF_INET = 2,
        AF_AX25 = 3,
        AF_IPX = 4,
        AF_APPLETALK = 5,
        AF_NETROM = 6,
        AF_BRIDGE = 7,
        AF_ATMPVC = 8,
        AF_X25 = 9,
        AF_INET6 = 10,
        AF_ROSE = 11,
        AF_DECnet = 12,
        AF_NETBEUI = 13,
        AF_SECURITY = 14,
        AF_KEY = 15,
        AF_NETLINK = 16,
        AF_PACKET = 17,
        AF_ASH = 18,
        AF_ECONET = 19,
        AF_ATMSVC = 20,
        AF_RDS = 21,
        AF_SNA = 22,
        AF_IRDA = 23,
        AF_PPPOX = 24,
        AF_WANPIPE = 25,
        AF_LLC = 26,
        AF_IB = 27,
        AF_MPLS = 28,
        AF_CAN = 29,
        AF_TIPC = 30,
        AF_BLUETOOTH = 31,
        AF_IUCV = 32,
        AF_RXRPC = 33,
        AF_ISDN = 34,
        AF_PHONET = 35,
        AF_IEEE802154 = 36,
        AF_CAIF = 37,
        AF_ALG = 38,
        AF_NFC = 39,
        AF_VSOCK = 40,
        AF_KCM = 41,
        AF_QIPCRTR = 42,
        AF_SMC = 43,
        AF_XDP = 44,
        AF_MCTP = 45,
        // Aliases.
        AF_LOCAL = 1,
        AF_ROUTE = 16,
        AF_FILE = 1,
        PF_UNSPEC = 0,
        PF_UNIX = 1,
        PF_LOCAL = 1,
        PF_INET = 2,
        PF_AX25 = 3,
        PF_IPX = 4,
        PF_APPLETALK = 5,
        PF_X25 = 9,
        PF_INET6 = 10,
        PF_KEY = 15,
        PF_NETLINK = 16,
        PF_ROUTE = 16,
        PF_PACKET = 17,
        PF_RDS = 21,
        PF_LLC = 26,
        PF_IB = 27,
        PF_MPLS = 28,
        PF_CAN = 29,
        PF_TIPC = 30,
        PF_BLUETOOTH = 31,
        PF_ALG = 38,
        PF_NFC = 39,
        PF_VSOCK = 40,
        PF_QIPCRTR = 42,
        PF_SMC = 43,
        PF_XDP = 44,
        PF_MCTP = 45,
    }
    SocketType {
        SOCK_STREAM = 1,
        SOCK_DGRAM = 2,
        SOCK_RAW = 3,
        SOCK_RDM = 4,
        SOCK_SEQPACKET = 5,
        SOCK_DCCP = 6,
        SOCK_PACKET = 10,
        SOCK_NONBLOCK = 0o4000,
        SOCK_CLOEXEC = 0o2000000,
    }
    SocketLevel {
        SOL_IP = 0,
        SOL_SOCKET = 1,
        SOL_TCP = 6,
        SOL_UDP = 17,
        SOL_IPV6 = 41,
        SOL_ICMPV6 = 58,
        SOL_SCTP = 132,
        SOL_UDPLITE = 136,
        SOL_RAW = 255,
        SOL_IPX = 256,
        SOL_AX25 = 257,
        SOL_ATALK = 258,
        SOL_NETROM = 259,
        SOL_ROSE = 260,
        SOL_DECNET = 261,
        SOL_X25 = 262,
        SOL_PACKET = 263,
        SOL_ATM = 264,
        SOL_AAL = 265,
        SOL_IRDA = 266,
        SOL_NETBEUI = 267,
        SOL_LLC = 268,
        SOL_DCCP = 269,
        SOL_NETLINK = 270,
        SOL_TIPC = 271,
        SOL_RXRPC = 272,
        SOL_PPPOL2TP = 273,
        SOL_BLUETOOTH = 274,
        SOL_PNPIPE = 275,
        SOL_RDS = 276,
        SOL_IUCV = 277,
        SOL_CAIF = 278,
        SOL_ALG = 279,
        SOL_NFC = 280,
        SOL_KCM = 281,
        SOL_TLS = 282,
        SOL_XDP = 283,
        SOL_MPTCP = 284,
        SOL_MCTP = 285,
        SOL_SMC = 286,
        SOL_VSOCK = 287,
    }
    SocketOption {
        // SOL_SOCKET options come first so that they are the preferred names.
        SO_DEBUG = 1,
        SO_REUSEADDR = 2,
        SO_TYPE = 3,
        SO_ERROR = 4,
        SO_DONTROUTE = 5,
        SO_BROADCAST = 6,
        SO_SNDBUF = 7,
        SO_RCVBUF = 8,
        SO_KEEPALIVE = 9,
        SO_OOBINLINE = 10,
        SO_NO_CHECK = 11,
        SO_PRIORITY = 12,
        SO_LINGER = 13,
        SO_BSDCOMPAT = 14,
        SO_REUSEPORT = 15,
        SO_PASSCRED = 16,
        SO_PEERCRED = 17,
        SO_RCVLOWAT = 18,
        SO_SNDLOWAT = 19,
        SO_RCVTIMEO = 20,
        SO_SNDTIMEO = 21,
        SO_SECURITY_AUTHENTICATION = 22,
        SO_SECURITY_ENCRYPTION_TRANSPORT = 23,
        SO_SECURITY_ENCRYPTION_NETWORK = 24,
        SO_BINDTODEVICE = 25,
        SO_ATTACH_FILTER = 26,
        SO_DETACH_FILTER = 27,
        SO_PEERNAME = 28,
        SO_TIMESTAMP = 29,
        SO_ACCEPTCONN = 30,
        SO_PEERSEC = 31,
        SO_SNDBUFFORCE = 32,
        SO_RCVBUFFORCE = 33,
        SO_PASSSEC = 34,
        SO_TIMESTAMPNS = 35,
        SO_MARK = 36,
        SO_TIMESTAMPING = 37,
        SO_PROTOCOL = 38,
        SO_DOMAIN = 39,
        SO_RXQ_OVFL = 40,
        SO_WIFI_STATUS = 41,
        SO_PEEK_OFF = 42,
        SO_NOFCS = 43,
        SO_LOCK_FILTER = 44,
        SO_SELECT_ERR_QUEUE = 45,
        SO_BUSY_POLL = 46,
        SO_MAX_PACING_RATE = 47,
        SO_BPF_EXTENSIONS = 48,
        SO_INCOMING_CPU = 49,
        SO_ATTACH_BPF = 50,
        SO_ATTACH_REUSEPORT_CBPF = 51,
        SO_ATTACH_REUSEPORT_EBPF = 52,
        SO_CNX_ADVICE = 53,
        SO_MEMINFO = 55,
        SO_INCOMING_NAPI_ID = 56,
        SO_COOKIE = 57,
        SO_PEERGROUPS = 59,
        SO_ZEROCOPY = 60,
        SO_TXTIME = 61,
        SO_BINDTOIFINDEX = 62,
        SO_TIMESTAMP_NEW = 63,
        SO_TIMESTAMPNS_NEW = 64,
        SO_TIMESTAMPING_NEW = 65,
        SO_RCVTIMEO_NEW = 66,
        SO_SNDTIMEO_NEW = 67,
        SO_DETACH_REUSEPORT_BPF = 68,
        SO_PREFER_BUSY_POLL = 69,
        SO_BUSY_POLL_BUDGET = 70,
        SO_NETNS_COOKIE = 71,
        SO_BUF_LOCK = 72,
        SO_RESERVE_MEM = 73,
        SO_TXREHASH = 74,
        SO_RCVMARK = 75,
        SO_PASSPIDFD = 76,
        SO_PEERPIDFD = 77,
        SO_GET_FILTER = 26,
        SO_DETACH_BPF = 27,
        // SOL_TCP options.
        TCP_NODELAY = 1,
        TCP_MAXSEG = 2,
        TCP_CORK = 3,
        TCP_KEEPIDLE = 4,
        TCP_KEEPINTVL = 5,
        TCP_KEEPCNT = 6,
        TCP_SYNCNT = 7,
        TCP_LINGER2 = 8,
        TCP_DEFER_ACCEPT = 9,
        TCP_WINDOW_CLAMP = 10,
        TCP_INFO = 11,
        TCP_QUICKACK = 12,
        TCP_CONGESTION = 13,
        TCP_MD5SIG = 14,
        TCP_THIN_LINEAR_TIMEOUTS = 16,
        TCP_THIN_DUPACK = 17,
        TCP_USER_TIMEOUT = 18,
        TCP_REPAIR = 19,
        TCP_REPAIR_QUEUE = 20,
        TCP_QUEUE_SEQ = 21,
        TCP_REPAIR_OPTIONS = 22,
        TCP_FASTOPEN = 23,
        TCP_TIMESTAMP = 24,
        TCP_NOTSENT_LOWAT = 25,
        TCP_CC_INFO = 26,
        TCP_SAVE_SYN = 27,
        TCP_SAVED_SYN = 28,
        TCP_REPAIR_WINDOW = 29,
        TCP_FASTOPEN_CONNECT = 30,
        TCP_ULP = 31,
        TCP_MD5SIG_EXT = 32,
        TCP_FASTOPEN_KEY = 33,
        TCP_FASTOPEN_NO_COOKIE = 34,
        TCP_ZEROCOPY_RECEIVE = 35,
        TCP_INQ = 36,
        TCP_TX_DELAY = 37,
        // SOL_IP options.
        IP_TOS = 1,
        IP_TTL = 2,
        IP_HDRINCL = 3,
        IP_OPTIONS = 4,
        IP_ROUTER_ALERT = 5,
        IP_RECVOPTS = 6,
        IP_RETOPTS = 7,
        IP_PKTINFO = 8,
        IP_PKTOPTIONS = 9,
        IP_MTU_DISCOVER = 10,
        IP_RECVERR = 11,
        IP_RECVTTL = 12,
        IP_RECVTOS = 13,
        IP_MTU = 14,
        IP_FREEBIND = 15,
        IP_IPSEC_POLICY = 16,
        IP_XFRM_POLICY = 17,
        IP_PASSSEC = 18,
        IP_TRANSPARENT = 19,
        IP_RECVORIGDSTADDR = 20,
        IP_MINTTL = 21,
        IP_NODEFRAG = 22,
        IP_CHECKSUM = 23,
        IP_BIND_ADDRESS_NO_PORT = 24,
        IP_RECVFRAGSIZE = 25,
        IP_RECVERR_RFC4884 = 26,
        IP_MULTICAST_IF = 32,
        IP_MULTICAST_TTL = 33,
        IP_MULTICAST_LOOP = 34,
        IP_ADD_MEMBERSHIP = 35,
        IP_DROP_MEMBERSHIP = 36,
        IP_UNBLOCK_SOURCE = 37,
        IP_BLOCK_SOURCE = 38,
        IP_ADD_SOURCE_MEMBERSHIP = 39,
        IP_DROP_SOURCE_MEMBERSHIP = 40,
        IP_MSFILTER = 41,
        IP_MULTICAST_ALL = 49,
        IP_UNICAST_IF = 50,
        // SOL_IPV6 options.
        IPV6_ADDRFORM = 1,
        IPV6_2292PKTINFO = 2,
        IPV6_2292HOPOPTS = 3,
        IPV6_2292DSTOPTS = 4,
        IPV6_2292RTHDR = 5,
        IPV6_2292PKTOPTIONS = 6,
        IPV6_CHECKSUM = 7,
        IPV6_2292HOPLIMIT = 8,
        IPV6_NEXTHOP = 9,
        IPV6_AUTHHDR = 10,
        IPV6_UNICAST_HOPS = 16,
        IPV6_MULTICAST_IF = 17,
        IPV6_MULTICAST_HOPS = 18,
        IPV6_MULTICAST_LOOP = 19,
        IPV6_JOIN_GROUP = 20,
        IPV6_LEAVE_GROUP = 21,
        IPV6_ROUTER_ALERT = 22,
        IPV6_MTU_DISCOVER = 23,
        IPV6_MTU = 24,
        IPV6_RECVERR = 25,
        IPV6_V6ONLY = 26,
        IPV6_JOIN_ANYCAST = 27,
        IPV6_LEAVE_ANYCAST = 28,
        IPV6_MULTICAST_ALL = 29,
        IPV6_ROUTER_ALERT_ISOLATE = 30,
        IPV6_RECVERR_RFC4884 = 31,
        IPV6_IPSEC_POLICY = 34,
        IPV6_XFRM_POLICY = 35,
        IPV6_HDRINCL = 36,
        IPV6_RECVPKTINFO = 49,
        IPV6_PKTINFO = 50,
        IPV6_RECVHOPLIMIT = 51,
        IPV6_HOPLIMIT = 52,
        IPV6_RECVHOPOPTS = 53,
        IPV6_HOPOPTS = 54,
        IPV6_RTHDRDSTOPTS = 55,
        IPV6_RECVRTHDR = 56,
        IPV6_RTHDR = 57,
        IPV6_RECVDSTOPTS = 58,
        IPV6_DSTOPTS = 59,
        IPV6_RECVPATHMTU = 60,
        IPV6_PATHMTU = 61,
        IPV6_DONTFRAG = 62,
        IPV6_RECVTCLASS = 66,
        IPV6_TCLASS = 67,
        IPV6_AUTOFLOWLABEL = 70,
        IPV6_ADDR_PREFERENCES = 72,
        IPV6_MINHOPCOUNT = 73,
        IPV6_ORIGDSTADDR = 74,
        IPV6_TRANSPARENT = 75,
        IPV6_UNICAST_IF = 76,
        IPV6_RECVFRAGSIZE = 77,
        IPV6_FREEBIND = 78,
        IPV6_ADD_MEMBERSHIP = 20,
        IPV6_DROP_MEMBERSHIP = 21,
        IPV6_RECVORIGDSTADDR = 74,
        // SOL_UDP options.
        UDP_CORK = 1,
        UDP_ENCAP = 100,
        UDP_NO_CHECK6_TX = 101,
        UDP_NO_CHECK6_RX = 102,
        UDP_SEGMENT = 103,
        UDP_GRO = 104,
    }
    Protocol {
        IPPROTO_IP = 0,
        IPPROTO_ICMP = 1,
        IPPROTO_IGMP = 2,
        IPPROTO_IPIP = 4,
        IPPROTO_TCP = 6,
        IPPROTO_EGP = 8,
        IPPROTO_PUP = 12,
        IPPROTO_UDP = 17,
        IPPROTO_IDP = 22,
        IPPROTO_TP = 29,
        IPPROTO_DCCP = 33,
        IPPROTO_IPV6 = 41,
        IPPROTO_ROUTING = 43,
        IPPROTO_FRAGMENT = 44,
        IPPROTO_RSVP = 46,
        IPPROTO_GRE = 47,
        IPPROTO_ESP = 50,
        IPPROTO_AH = 51,
        IPPROTO_ICMPV6 = 58,
        IPPROTO_NONE = 59,
        IPPROTO_DSTOPTS = 60,
        IPPROTO_MTP = 92,
        IPPROTO_BEETPH = 94,
        IPPROTO_ENCAP = 98,
        IPPROTO_PIM = 103,
        IPPROTO_COMP = 108,
        IPPROTO_L2TP = 115,
        IPPROTO_SCTP = 132,
        IPPROTO_MH = 135,
        IPPROTO_UDPLITE = 136,
        IPPROTO_MPLS = 137,
        IPPROTO_ETHERNET = 143,
        IPPROTO_RAW = 255,
        IPPROTO_SMC = 256,
        IPPROTO_MPTCP = 262,
        IPPROTO_HOPOPTS = 0,
    }
    NetlinkProtocol {
        NETLINK_ROUTE = 0,
        NETLINK_UNUSED = 1,
        NETLINK_USERSOCK = 2,
        NETLINK_FIREWALL = 3,
        NETLINK_SOCK_DIAG = 4,
        NETLINK_NFLOG = 5,
        NETLINK_XFRM = 6,
        NETLINK_SELINUX = 7,
        NETLINK_ISCSI = 8,
        NETLINK_AUDIT = 9,
        NETLINK_FIB_LOOKUP = 10,
        NETLINK_CONNECTOR = 11,
        NETLINK_NETFILTER = 12,
        NETLINK_IP6_FW = 13,
        NETLINK_DNRTMSG = 14,
        NETLINK_KOBJECT_UEVENT = 15,
        NETLINK_GENERIC = 16,
        NETLINK_SCSITRANSPORT = 18,
        NETLINK_ECRYPTFS = 19,
        NETLINK_RDMA = 20,
        NETLINK_CRYPTO = 21,
        NETLINK_SMC = 22,
        NETLINK_INET_DIAG = 4,
    }
    OpenFlag {
        O_RDONLY = 0,
        O_WRONLY = 1,
        O_RDWR = 2,
        O_ACCMODE = 3,
        O_CREAT = 0o100,
        O_EXCL = 0o200,
        O_NOCTTY = 0o400,
        O_TRUNC = 0o1000,
        O_APPEND = 0o2000,
        O_NONBLOCK = 0o4000,
        O_SYNC = 0o4010000,
        O_DSYNC = 0o10000,
        O_ASYNC = 0o20000,
        O_DIRECT = 0o40000,
        O_LARGEFILE = 0o100000,
        O_DIRECTORY = 0o200000,
        O_NOFOLLOW = 0o400000,
        O_NOATIME = 0o1000000,
        O_CLOEXEC = 0o2000000,
        __O_SYNC = 0o4000000,
        O_PATH = 0o10000000,
        O_TMPFILE = 0o20200000,
        __O_TMPFILE = 0o20000000,
        // Aliases.
        O_NDELAY = 0o4000,
        FASYNC = 0o20000,
        O_FSYNC = 0o4010000,
        O_RSYNC = 0o4010000,
    }
    AtFlag {
        AT_STATX_SYNC_AS_STAT = 0,
        AT_SYMLINK_NOFOLLOW = 0x100,
        AT_REMOVEDIR = 0x200,
        AT_SYMLINK_FOLLOW = 0x400,
        AT_NO_AUTOMOUNT = 0x800,
        AT_EMPTY_PATH = 0x1000,
        AT_STATX_FORCE_SYNC = 0x2000,
        AT_STATX_DONT_SYNC = 0x4000,
        AT_RECURSIVE = 0x8000,
        // Same bit as AT_REMOVEDIR (faccessat2 only).
        AT_EACCESS = 0x200,
    }
    Prot {
        PROT_NONE = 0,
        PROT_READ = 0x1,
        PROT_WRITE = 0x2,
        PROT_EXEC = 0x4,
        PROT_SEM = 0x8,
        PROT_GROWSDOWN = 0x0100_0000,
        PROT_GROWSUP = 0x0200_0000,
    }
    MapFlag {
        MAP_SHARED = 0x1,
        MAP_PRIVATE = 0x2,
        MAP_SHARED_VALIDATE = 0x3,
        MAP_DROPPABLE = 0x8,
        MAP_TYPE = 0xf,
        MAP_FIXED = 0x10,
        MAP_ANONYMOUS = 0x20,
        MAP_32BIT = 0x40,
        MAP_GROWSDOWN = 0x100,
        MAP_DENYWRITE = 0x800,
        MAP_EXECUTABLE = 0x1000,
        MAP_LOCKED = 0x2000,
        MAP_NORESERVE = 0x4000,
        MAP_POPULATE = 0x8000,
        MAP_NONBLOCK = 0x10000,
        MAP_STACK = 0x20000,
        MAP_HUGETLB = MAP_HUGETLB,
        MAP_SYNC = 0x80000,
        MAP_FIXED_NOREPLACE = 0x100000,
        MAP_UNINITIALIZED = 0x4000000,
        MAP_HUGE_64KB = 16 << MAP_HUGE_SHIFT,
        MAP_HUGE_512KB = 19 << MAP_HUGE_SHIFT,
        MAP_HUGE_1MB = 20 << MAP_HUGE_SHIFT,
        MAP_HUGE_2MB = 21 << MAP_HUGE_SHIFT,
        MAP_HUGE_8MB = 23 << MAP_HUGE_SHIFT,
        MAP_HUGE_16MB = 24 << MAP_HUGE_SHIFT,
        MAP_HUGE_32MB = 25 << MAP_HUGE_SHIFT,
        MAP_HUGE_256MB = 28 << MAP_HUGE_SHIFT,
        MAP_HUGE_512MB = 29 << MAP_HUGE_SHIFT,
        MAP_HUGE_1GB = 30 << MAP_HUGE_SHIFT,
        MAP_HUGE_2GB = 31 << MAP_HUGE_SHIFT,
        MAP_HUGE_16GB = 34 << MAP_HUGE_SHIFT,
        // Aliases.
        MAP_ANON = 0x20,
        MAP_FILE = 0,
    }
    Ioctl {
        TCGETS = 0x5401,
        TCSETS = 0x5402,
        TCSETSW = 0x5403,
        TCSETSF = 0x5404,
        TCGETA = 0x5405,
        TCSETA = 0x5406,
        TCSETAW = 0x5407,
        TCSETAF = 0x5408,
        TCSBRK = 0x5409,
        TCXONC = 0x540A,
        TCFLSH = 0x540B,
        TIOCEXCL = 0x540C,
        TIOCNXCL = 0x540D,
        TIOCSCTTY = 0x540E,
        TIOCGPGRP = 0x540F,
        TIOCSPGRP = 0x5410,
        TIOCOUTQ = 0x5411,
        TIOCSTI = 0x5412,
        TIOCGWINSZ = 0x5413,
        TIOCSWINSZ = 0x5414,
        TIOCMGET = 0x5415,
        TIOCMBIS = 0x5416,
        TIOCMBIC = 0x5417,
        TIOCMSET = 0x5418,
        TIOCGSOFTCAR = 0x5419,
        TIOCSSOFTCAR = 0x541A,
        FIONREAD = 0x541B,
        TIOCINQ = 0x541B,
        TIOCLINUX = 0x541C,
        TIOCCONS = 0x541D,
        TIOCGSERIAL = 0x541E,
        TIOCSSERIAL = 0x541F,
        TIOCPKT = 0x5420,
        FIONBIO = 0x5421,
        TIOCNOTTY = 0x5422,
        TIOCSETD = 0x5423,
        TIOCGETD = 0x5424,
        TCSBRKP = 0x5425,
        TIOCSBRK = 0x5427,
        TIOCCBRK = 0x5428,
        TIOCGSID = 0x5429,
        // struct termios2 is 44 bytes.
        TCGETS2 = ior(b'T', 0x2A, 44),
        TCSETS2 = iow(b'T', 0x2B, 44),
        TCSETSW2 = iow(b'T', 0x2C, 44),
        TCSETSF2 = iow(b'T', 0x2D, 44),
        TIOCGRS485 = 0x542E,
        TIOCSRS485 = 0x542F,
        TIOCGPTN = ior(b'T', 0x30, 4),
        TIOCSPTLCK = iow(b'T', 0x31, 4),
        TIOCGDEV = ior(b'T', 0x32, 4),
        TCGETX = 0x5432,
        TCSETX = 0x5433,
        TCSETXF = 0x5434,
        TCSETXW = 0x5435,
        TIOCSIG = iow(b'T', 0x36, 4),
        TIOCVHANGUP = 0x5437,
        TIOCGPKT = ior(b'T', 0x38, 4),
        TIOCGPTLCK = ior(b'T', 0x39, 4),
        TIOCGEXCL = ior(b'T', 0x40, 4),
        TIOCGPTPEER = io(b'T', 0x41),
        FIONCLEX = 0x5450,
        FIOCLEX = 0x5451,
        FIOASYNC = 0x5452,
        TIOCSERCONFIG = 0x5453,
        TIOCSERGWILD = 0x5454,
        TIOCSERSWILD = 0x5455,
        TIOCGLCKTRMIOS = 0x5456,
        TIOCSLCKTRMIOS = 0x5457,
        TIOCSERGSTRUCT = 0x5458,
        TIOCSERGETLSR = 0x5459,
        TIOCSERGETMULTI = 0x545A,
        TIOCSERSETMULTI = 0x545B,
        TIOCMIWAIT = 0x545C,
        TIOCGICOUNT = 0x545D,
        FIOQSIZE = 0x5460,
        // Socket ioctls (linux/sockios.h).
        FIOSETOWN = 0x8901,
        SIOCSPGRP = 0x8902,
        FIOGETOWN = 0x8903,
        SIOCGPGRP = 0x8904,
        SIOCATMARK = 0x8905,
        SIOCGSTAMP = 0x8906,
        SIOCGSTAMPNS = 0x8907,
        SIOCADDRT = 0x890B,
        SIOCDELRT = 0x890C,
        SIOCRTMSG = 0x890D,
        SIOCGIFNAME = 0x8910,
        SIOCSIFLINK = 0x8911,
        SIOCGIFCONF = 0x8912,
        SIOCGIFFLAGS = 0x8913,
        SIOCSIFFLAGS = 0x8914,
        SIOCGIFADDR = 0x8915,
        SIOCSIFADDR = 0x8916,
        SIOCGIFDSTADDR = 0x8917,
        SIOCSIFDSTADDR = 0x8918,
        SIOCGIFBRDADDR = 0x8919,
        SIOCSIFBRDADDR = 0x891A,
        SIOCGIFNETMASK = 0x891B,
        SIOCSIFNETMASK = 0x891C,
        SIOCGIFMETRIC = 0x891D,
        SIOCSIFMETRIC = 0x891E,
        SIOCGIFMEM = 0x891F,
        SIOCSIFMEM = 0x8920,
        SIOCGIFMTU = 0x8921,
        SIOCSIFMTU = 0x8922,
        SIOCSIFNAME = 0x8923,
        SIOCSIFHWADDR = 0x8924,
        SIOCGIFENCAP = 0x8925,
        SIOCSIFENCAP = 0x8926,
        SIOCGIFHWADDR = 0x8927,
        SIOCGIFSLAVE = 0x8929,
        SIOCSIFSLAVE = 0x8930,
        SIOCADDMULTI = 0x8931,
        SIOCDELMULTI = 0x8932,
        SIOCGIFINDEX = 0x8933,
        SIOCSIFPFLAGS = 0x8934,
        SIOCGIFPFLAGS = 0x8935,
        SIOCDIFADDR = 0x8936,
        SIOCSIFHWBROADCAST = 0x8937,
        SIOCGIFCOUNT = 0x8938,
        SIOCGIFBR = 0x8940,
        SIOCSIFBR = 0x8941,
        SIOCGIFTXQLEN = 0x8942,
        SIOCSIFTXQLEN = 0x8943,
        SIOCETHTOOL = 0x8946,
        SIOCGMIIPHY = 0x8947,
        SIOCGMIIREG = 0x8948,
        SIOCSMIIREG = 0x8949,
        SIOCWANDEV = 0x894A,
        SIOCOUTQNSD = 0x894B,
        SIOCGSKNS = 0x894C,
        SIOCDARP = 0x8953,
        SIOCGARP = 0x8954,
        SIOCSARP = 0x8955,
        SIOCDRARP = 0x8960,
        SIOCGRARP = 0x8961,
        SIOCSRARP = 0x8962,
        SIOCGIFMAP = 0x8970,
        SIOCSIFMAP = 0x8971,
        SIOCADDDLCI = 0x8980,
        SIOCDELDLCI = 0x8981,
        SIOCBRADDBR = 0x89A0,
        SIOCBRDELBR = 0x89A1,
        SIOCBRADDIF = 0x89A2,
        SIOCBRDELIF = 0x89A3,
        // Filesystem ioctls (linux/fs.h).
        FIBMAP = io(0, 1),
        FIGETBSZ = io(0, 2),
        FIFREEZE = iowr(b'X', 119, 4),
        FITHAW = iowr(b'X', 120, 4),
        FITRIM = iowr(b'X', 121, 24),
        FICLONE = iow(0x94, 9, 4),
        FICLONERANGE = iow(0x94, 13, 32),
        FIDEDUPERANGE = iowr(0x94, 54, 24),
        FS_IOC_GETFSLABEL = ior(0x94, 49, 256),
        FS_IOC_SETFSLABEL = iow(0x94, 50, 256),
        FS_IOC_GETFLAGS = ior(b'f', 1, 8),
        FS_IOC_SETFLAGS = iow(b'f', 2, 8),
        FS_IOC_GETVERSION = ior(b'v', 1, 8),
        FS_IOC_SETVERSION = iow(b'v', 2, 8),
        FS_IOC_FIEMAP = iowr(b'f', 11, 32),
        FS_IOC32_GETFLAGS = ior(b'f', 1, 4),
        FS_IOC32_SETFLAGS = iow(b'f', 2, 4),
        FS_IOC32_GETVERSION = ior(b'v', 1, 4),
        FS_IOC32_SETVERSION = iow(b'v', 2, 4),
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
        BLKSSZGET = io(0x12, 104),
        BLKBSZGET = ior(0x12, 112, 8),
        BLKBSZSET = iow(0x12, 113, 8),
        BLKGETSIZE64 = ior(0x12, 114, 8),
        BLKDISCARD = io(0x12, 119),
        BLKIOMIN = io(0x12, 120),
        BLKIOOPT = io(0x12, 121),
        BLKALIGNOFF = io(0x12, 122),
        BLKPBSZGET = io(0x12, 123),
        BLKDISCARDZEROES = io(0x12, 124),
        BLKSECDISCARD = io(0x12, 125),
        BLKROTATIONAL = io(0x12, 126),
        BLKZEROOUT = io(0x12, 127),
        // TUN/TAP.
        TUNSETNOCSUM = iow(b'T', 200, 4),
        TUNSETDEBUG = iow(b'T', 201, 4),
        TUNSETIFF = iow(b'T', 202, 4),
        TUNSETPERSIST = iow(b'T', 203, 4),
        TUNSETOWNER = iow(b'T', 204, 4),
        TUNSETLINK = iow(b'T', 205, 4),
        TUNSETGROUP = iow(b'T', 206, 4),
        TUNGETFEATURES = ior(b'T', 207, 4),
        TUNSETOFFLOAD = iow(b'T', 208, 4),
        TUNSETTXFILTER = iow(b'T', 209, 4),
        TUNGETIFF = ior(b'T', 210, 4),
        TUNGETSNDBUF = ior(b'T', 211, 4),
        TUNSETSNDBUF = iow(b'T', 212, 4),
        TUNGETVNETHDRSZ = ior(b'T', 215, 4),
        TUNSETVNETHDRSZ = iow(b'T', 216, 4),
        TUNSETQUEUE = iow(b'T', 217, 4),
        TUNSETIFINDEX = iow(b'T', 218, 4),
        // Namespace file descriptors (linux/nsfs.h).
        NS_GET_USERNS = io(0xb7, 0x1),
        NS_GET_PARENT = io(0xb7, 0x2),
        NS_GET_NSTYPE = io(0xb7, 0x3),
        NS_GET_OWNER_UID = io(0xb7, 0x4),
        // Aliases.
        SIOCINQ = 0x541B,
        SIOCOUTQ = 0x5411,
    }
    Fcntl {
        F_DUPFD = 0,
        F_GETFD = 1,
        F_SETFD = 2,
        F_GETFL = 3,
        F_SETFL = 4,
        F_GETLK = 5,
        F_SETLK = 6,
        F_SETLKW = 7,
        F_SETOWN = 8,
        F_GETOWN = 9,
        F_SETSIG = 10,
        F_GETSIG = 11,
        F_SETOWN_EX = 15,
        F_GETOWN_EX = 16,
        F_OFD_GETLK = 36,
        F_OFD_SETLK = 37,
        F_OFD_SETLKW = 38,
        F_SETLEASE = 1024,
        F_GETLEASE = 1025,
        F_NOTIFY = 1026,
        F_DUPFD_QUERY = 1027,
        F_CREATED_QUERY = 1028,
        F_CANCELLK = 1029,
        F_DUPFD_CLOEXEC = 1030,
        F_SETPIPE_SZ = 1031,
        F_GETPIPE_SZ = 1032,
        F_ADD_SEALS = 1033,
        F_GET_SEALS = 1034,
        F_GET_RW_HINT = 1035,
        F_SET_RW_HINT = 1036,
        F_GET_FILE_RW_HINT = 1037,
        F_SET_FILE_RW_HINT = 1038,
        // Aliases.
        F_GETLK64 = 5,
        F_SETLK64 = 6,
        F_SETLKW64 = 7,
    }
    FdFlag {
        FD_CLOEXEC = 1,
    }
    CloneFlag {
        CSIGNAL = 0xff,
        CLONE_NEWTIME = 0x80,
        CLONE_VM = 0x100,
        CLONE_FS = 0x200,
        CLONE_FILES = 0x400,
        CLONE_SIGHAND = 0x800,
        CLONE_PIDFD = 0x1000,
        CLONE_PTRACE = 0x2000,
        CLONE_VFORK = 0x4000,
        CLONE_PARENT = 0x8000,
        CLONE_THREAD = 0x10000,
        CLONE_NEWNS = 0x20000,
        CLONE_SYSVSEM = 0x40000,
        CLONE_SETTLS = 0x80000,
        CLONE_PARENT_SETTID = 0x100000,
        CLONE_CHILD_CLEARTID = 0x200000,
        CLONE_DETACHED = 0x400000,
        CLONE_UNTRACED = 0x800000,
        CLONE_CHILD_SETTID = 0x1000000,
        CLONE_NEWCGROUP = 0x2000000,
        CLONE_NEWUTS = 0x4000000,
        CLONE_NEWIPC = 0x8000000,
        CLONE_NEWUSER = 0x10000000,
        CLONE_NEWPID = 0x20000000,
        CLONE_NEWNET = 0x40000000,
        CLONE_IO = 0x80000000,
        CLONE_CLEAR_SIGHAND = 0x1_0000_0000,
        CLONE_INTO_CGROUP = 0x2_0000_0000,
    }
    Prctl {
        PR_SET_PDEATHSIG = 1,
        PR_GET_PDEATHSIG = 2,
        PR_GET_DUMPABLE = 3,
        PR_SET_DUMPABLE = 4,
        PR_GET_UNALIGN = 5,
        PR_SET_UNALIGN = 6,
        PR_GET_KEEPCAPS = 7,
        PR_SET_KEEPCAPS = 8,
        PR_GET_FPEMU = 9,
        PR_SET_FPEMU = 10,
        PR_GET_FPEXC = 11,
        PR_SET_FPEXC = 12,
        PR_GET_TIMING = 13,
        PR_SET_TIMING = 14,
        PR_SET_NAME = 15,
        PR_GET_NAME = 16,
        PR_GET_ENDIAN = 19,
        PR_SET_ENDIAN = 20,
        PR_GET_SECCOMP = 21,
        PR_SET_SECCOMP = 22,
        PR_CAPBSET_READ = 23,
        PR_CAPBSET_DROP = 24,
        PR_GET_TSC = 25,
        PR_SET_TSC = 26,
        PR_GET_SECUREBITS = 27,
        PR_SET_SECUREBITS = 28,
        PR_SET_TIMERSLACK = 29,
        PR_GET_TIMERSLACK = 30,
        PR_TASK_PERF_EVENTS_DISABLE = 31,
        PR_TASK_PERF_EVENTS_ENABLE = 32,
        PR_MCE_KILL = 33,
        PR_MCE_KILL_GET = 34,
        PR_SET_MM = 35,
        PR_SET_CHILD_SUBREAPER = 36,
        PR_GET_CHILD_SUBREAPER = 37,
        PR_SET_NO_NEW_PRIVS = 38,
        PR_GET_NO_NEW_PRIVS = 39,
        PR_GET_TID_ADDRESS = 40,
        PR_SET_THP_DISABLE = 41,
        PR_GET_THP_DISABLE = 42,
        PR_MPX_ENABLE_MANAGEMENT = 43,
        PR_MPX_DISABLE_MANAGEMENT = 44,
        PR_SET_FP_MODE = 45,
        PR_GET_FP_MODE = 46,
        PR_CAP_AMBIENT = 47,
        PR_SVE_SET_VL = 50,
        PR_SVE_GET_VL = 51,
        PR_GET_SPECULATION_CTRL = 52,
        PR_SET_SPECULATION_CTRL = 53,
        PR_PAC_RESET_KEYS = 54,
        PR_SET_TAGGED_ADDR_CTRL = 55,
        PR_GET_TAGGED_ADDR_CTRL = 56,
        PR_SET_IO_FLUSHER = 57,
        PR_GET_IO_FLUSHER = 58,
        PR_SET_SYSCALL_USER_DISPATCH = 59,
        PR_PAC_SET_ENABLED_KEYS = 60,
        PR_PAC_GET_ENABLED_KEYS = 61,
        PR_SCHED_CORE = 62,
        PR_SME_SET_VL = 63,
        PR_SME_GET_VL = 64,
        PR_SET_MDWE = 65,
        PR_GET_MDWE = 66,
        PR_SET_MEMORY_MERGE = 67,
        PR_GET_MEMORY_MERGE = 68,
        PR_RISCV_V_SET_CONTROL = 69,
        PR_RISCV_V_GET_CONTROL = 70,
        PR_RISCV_SET_ICACHE_FLUSH_CTX = 71,
        PR_PPC_GET_DEXCR = 72,
        PR_PPC_SET_DEXCR = 73,
        PR_GET_SHADOW_STACK_STATUS = 74,
        PR_SET_SHADOW_STACK_STATUS = 75,
        PR_LOCK_SHADOW_STACK_STATUS = 76,
        PR_TIMER_CREATE_RESTORE_IDS = 77,
        PR_FUTEX_HASH = 78,
        PR_SET_PTRACER = 0x59616d61,
        PR_SET_VMA = 0x53564d41,
        PR_GET_AUXV = 0x41555856,
    }
    Errno {
        EPERM = 1,
        ENOENT = 2,
        ESRCH = 3,
        EINTR = 4,
        EIO = 5,
        ENXIO = 6,
        E2BIG = 7,
        ENOEXEC = 8,
        EBADF = 9,
        ECHILD = 10,
        EAGAIN = 11,
        ENOMEM = 12,
        EACCES = 13,
        EFAULT = 14,
        ENOTBLK = 15,
        EBUSY = 16,
        EEXIST = 17,
        EXDEV = 18,
        ENODEV = 19,
        ENOTDIR = 20,
        EISDIR = 21,
        EINVAL = 22,
        ENFILE = 23,
        EMFILE = 24,
        ENOTTY = 25,
        ETXTBSY = 26,
        EFBIG = 27,
        ENOSPC = 28,
        ESPIPE = 29,
        EROFS = 30,
        EMLINK = 31,
        EPIPE = 32,
        EDOM = 33,
        ERANGE = 34,
        EDEADLK = 35,
        ENAMETOOLONG = 36,
        ENOLCK = 37,
        ENOSYS = 38,
        ENOTEMPTY = 39,
        ELOOP = 40,
        ENOMSG = 42,
        EIDRM = 43,
        ECHRNG = 44,
        EL2NSYNC = 45,
        EL3HLT = 46,
        EL3RST = 47,
        ELNRNG = 48,
        EUNATCH = 49,
        ENOCSI = 50,
        EL2HLT = 51,
        EBADE = 52,
        EBADR = 53,
        EXFULL = 54,
        ENOANO = 55,
        EBADRQC = 56,
        EBADSLT = 57,
        EBFONT = 59,
        ENOSTR = 60,
        ENODATA = 61,
        ETIME = 62,
        ENOSR = 63,
        ENONET = 64,
        ENOPKG = 65,
        EREMOTE = 66,
        ENOLINK = 67,
        EADV = 68,
        ESRMNT = 69,
        ECOMM = 70,
        EPROTO = 71,
        EMULTIHOP = 72,
        EDOTDOT = 73,
        EBADMSG = 74,
        EOVERFLOW = 75,
        ENOTUNIQ = 76,
        EBADFD = 77,
        EREMCHG = 78,
        ELIBACC = 79,
        ELIBBAD = 80,
        ELIBSCN = 81,
        ELIBMAX = 82,
        ELIBEXEC = 83,
        EILSEQ = 84,
        ERESTART = 85,
        ESTRPIPE = 86,
        EUSERS = 87,
        ENOTSOCK = 88,
        EDESTADDRREQ = 89,
        EMSGSIZE = 90,
        EPROTOTYPE = 91,
        ENOPROTOOPT = 92,
        EPROTONOSUPPORT = 93,
        ESOCKTNOSUPPORT = 94,
        EOPNOTSUPP = 95,
        EPFNOSUPPORT = 96,
        EAFNOSUPPORT = 97,
        EADDRINUSE = 98,
        EADDRNOTAVAIL = 99,
        ENETDOWN = 100,
        ENETUNREACH = 101,
        ENETRESET = 102,
        ECONNABORTED = 103,
        ECONNRESET = 104,
        ENOBUFS = 105,
        EISCONN = 106,
        ENOTCONN = 107,
        ESHUTDOWN = 108,
        ETOOMANYREFS = 109,
        ETIMEDOUT = 110,
        ECONNREFUSED = 111,
        EHOSTDOWN = 112,
        EHOSTUNREACH = 113,
        EALREADY = 114,
        EINPROGRESS = 115,
        ESTALE = 116,
        EUCLEAN = 117,
        ENOTNAM = 118,
        ENAVAIL = 119,
        EISNAM = 120,
        EREMOTEIO = 121,
        EDQUOT = 122,
        ENOMEDIUM = 123,
        EMEDIUMTYPE = 124,
        ECANCELED = 125,
        ENOKEY = 126,
        EKEYEXPIRED = 127,
        EKEYREVOKED = 128,
        EKEYREJECTED = 129,
        EOWNERDEAD = 130,
        ENOTRECOVERABLE = 131,
        ERFKILL = 132,
        EHWPOISON = 133,
        // Aliases.
        EWOULDBLOCK = 11,
        EDEADLOCK = 35,
        ENOTSUP = 95,
    }
    Signal {
        SIGHUP = 1,
        SIGINT = 2,
        SIGQUIT = 3,
        SIGILL = 4,
        SIGTRAP = 5,
        SIGABRT = 6,
        SIGBUS = 7,
        SIGFPE = 8,
        SIGKILL = 9,
        SIGUSR1 = 10,
        SIGSEGV = 11,
        SIGUSR2 = 12,
        SIGPIPE = 13,
        SIGALRM = 14,
        SIGTERM = 15,
        SIGSTKFLT = 16,
        SIGCHLD = 17,
        SIGCONT = 18,
        SIGSTOP = 19,
        SIGTSTP = 20,
        SIGTTIN = 21,
        SIGTTOU = 22,
        SIGURG = 23,
        SIGXCPU = 24,
        SIGXFSZ = 25,
        SIGVTALRM = 26,
        SIGPROF = 27,
        SIGWINCH = 28,
        SIGIO = 29,
        SIGPWR = 30,
        SIGSYS = 31,
        // Aliases.
        SIGIOT = 6,
        SIGCLD = 17,
        SIGPOLL = 29,
        SIGUNUSED = 31,
    }
    Mode {
        S_IFMT = 0o170000,
        S_IFSOCK = 0o140000,
        S_IFLNK = 0o120000,
        S_IFREG = 0o100000,
        S_IFBLK = 0o060000,
        S_IFDIR = 0o040000,
        S_IFCHR = 0o020000,
        S_IFIFO = 0o010000,
        S_ISUID = 0o4000,
        S_ISGID = 0o2000,
        S_ISVTX = 0o1000,
        S_IRWXU = 0o700,
        S_IRUSR = 0o400,
        S_IWUSR = 0o200,
        S_IXUSR = 0o100,
        S_IRWXG = 0o070,
        S_IRGRP = 0o040,
        S_IWGRP = 0o020,
        S_IXGRP = 0o010,
        S_IRWXO = 0o007,
        S_IROTH = 0o004,
        S_IWOTH = 0o002,
        S_IXOTH = 0o001,
    }
    Seek {
        SEEK_SET = 0,
        SEEK_CUR = 1,
        SEEK_END = 2,
        SEEK_DATA = 3,
        SEEK_HOLE = 4,
    }
    Rlimit {
        RLIMIT_CPU = 0,
        RLIMIT_FSIZE = 1,
        RLIMIT_DATA = 2,
        RLIMIT_STACK = 3,
        RLIMIT_CORE = 4,
        RLIMIT_RSS = 5,
        RLIMIT_NPROC = 6,
        RLIMIT_NOFILE = 7,
        RLIMIT_MEMLOCK = 8,
        RLIMIT_AS = 9,
        RLIMIT_LOCKS = 10,
        RLIMIT_SIGPENDING = 11,
        RLIMIT_MSGQUEUE = 12,
        RLIMIT_NICE = 13,
        RLIMIT_RTPRIO = 14,
        RLIMIT_RTTIME = 15,
    }
    Madvise {
        MADV_NORMAL = 0,
        MADV_RANDOM = 1,
        MADV_SEQUENTIAL = 2,
        MADV_WILLNEED = 3,
        MADV_DONTNEED = 4,
        MADV_FREE = 8,
        MADV_REMOVE = 9,
        MADV_DONTFORK = 10,
        MADV_DOFORK = 11,
        MADV_MERGEABLE = 12,
        MADV_UNMERGEABLE = 13,
        MADV_HUGEPAGE = 14,
        MADV_NOHUGEPAGE = 15,
        MADV_DONTDUMP = 16,
        MADV_DODUMP = 17,
        MADV_WIPEONFORK = 18,
        MADV_KEEPONFORK = 19,
        MADV_COLD = 20,
        MADV_PAGEOUT = 21,
        MADV_POPULATE_READ = 22,
        MADV_POPULATE_WRITE = 23,
        MADV_DONTNEED_LOCKED = 24,
        MADV_COLLAPSE = 25,
        MADV_HWPOISON = 100,
        MADV_SOFT_OFFLINE = 101,
        MADV_GUARD_INSTALL = 102,
        MADV_GUARD_REMOVE = 103,
    }
    SeccompOp {
        SECCOMP_SET_MODE_STRICT = 0,
        SECCOMP_SET_MODE_FILTER = 1,
        SECCOMP_GET_ACTION_AVAIL = 2,
        SECCOMP_GET_NOTIF_SIZES = 3,
    }
    MsgFlag {
        MSG_OOB = 0x1,
        MSG_PEEK = 0x2,
        MSG_DONTROUTE = 0x4,
        MSG_CTRUNC = 0x8,
        MSG_PROXY = 0x10,
        MSG_TRUNC = 0x20,
        MSG_DONTWAIT = 0x40,
        MSG_EOR = 0x80,
        MSG_WAITALL = 0x100,
        MSG_FIN = 0x200,
        MSG_SYN = 0x400,
        MSG_CONFIRM = 0x800,
        MSG_RST = 0x1000,
        MSG_ERRQUEUE = 0x2000,
        MSG_NOSIGNAL = 0x4000,
        MSG_MORE = 0x8000,
        MSG_WAITFORONE = 0x10000,
        MSG_BATCH = 0x40000,
        MSG_ZEROCOPY = 0x4000000,
        MSG_FASTOPEN = 0x20000000,
        MSG_CMSG_CLOEXEC = 0x40000000,
    }
    ClockId {
        CLOCK_REALTIME = 0,
        CLOCK_MONOTONIC = 1,
        CLOCK_PROCESS_CPUTIME_ID = 2,
        CLOCK_THREAD_CPUTIME_ID = 3,
        CLOCK_MONOTONIC_RAW = 4,
        CLOCK_REALTIME_COARSE = 5,
        CLOCK_MONOTONIC_COARSE = 6,
        CLOCK_BOOTTIME = 7,
        CLOCK_REALTIME_ALARM = 8,
        CLOCK_BOOTTIME_ALARM = 9,
        CLOCK_TAI = 11,
    }
    Flock {
        LOCK_SH = 1,
        LOCK_EX = 2,
        LOCK_NB = 4,
        LOCK_UN = 8,
    }
    Access {
        F_OK = 0,
        R_OK = 4,
        W_OK = 2,
        X_OK = 1,
    }
    Shutdown {
        SHUT_RD = 0,
        SHUT_WR = 1,
        SHUT_RDWR = 2,
    }
    Capability {
        CAP_CHOWN = 0,
        CAP_DAC_OVERRIDE = 1,
        CAP_DAC_READ_SEARCH = 2,
        CAP_FOWNER = 3,
        CAP_FSETID = 4,
        CAP_KILL = 5,
        CAP_SETGID = 6,
        CAP_SETUID = 7,
        CAP_SETPCAP = 8,
        CAP_LINUX_IMMUTABLE = 9,
        CAP_NET_BIND_SERVICE = 10,
        CAP_NET_BROADCAST = 11,
        CAP_NET_ADMIN = 12,
        CAP_NET_RAW = 13,
        CAP_IPC_LOCK = 14,
        CAP_IPC_OWNER = 15,
        CAP_SYS_MODULE = 16,
        CAP_SYS_RAWIO = 17,
        CAP_SYS_CHROOT = 18,
        CAP_SYS_PTRACE = 19,
        CAP_SYS_PACCT = 20,
        CAP_SYS_ADMIN = 21,
        CAP_SYS_BOOT = 22,
        CAP_SYS_NICE = 23,
        CAP_SYS_RESOURCE = 24,
        CAP_SYS_TIME = 25,
        CAP_SYS_TTY_CONFIG = 26,
        CAP_MKNOD = 27,
        CAP_LEASE = 28,
        CAP_AUDIT_WRITE = 29,
        CAP_AUDIT_CONTROL = 30,
        CAP_SETFCAP = 31,
        CAP_MAC_OVERRIDE = 32,
        CAP_MAC_ADMIN = 33,
        CAP_SYSLOG = 34,
        CAP_WAKE_ALARM = 35,
        CAP_BLOCK_SUSPEND = 36,
        CAP_AUDIT_READ = 37,
        CAP_PERFMON = 38,
        CAP_BPF = 39,
        CAP_CHECKPOINT_RESTORE = 40,
    }
    Misc {
        // The "current directory" dirfd, -100 sign-extended to 64 bits.
        AT_FDCWD = 0xffff_ffff_ffff_ff9c,
        // seccomp(2) filter flags and return actions.
        SECCOMP_FILTER_FLAG_TSYNC = 1,
        SECCOMP_FILTER_FLAG_LOG = 2,
        SECCOMP_FILTER_FLAG_SPEC_ALLOW = 4,
        SECCOMP_FILTER_FLAG_NEW_LISTENER = 8,
        SECCOMP_FILTER_FLAG_TSYNC_ESRCH = 16,
        SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV = 32,
        SECCOMP_MODE_DISABLED = 0,
        SECCOMP_MODE_STRICT = 1,
        SECCOMP_MODE_FILTER = 2,
        SECCOMP_RET_KILL_PROCESS = 0x8000_0000,
        SECCOMP_RET_KILL_THREAD = 0,
        SECCOMP_RET_KILL = 0,
        SECCOMP_RET_TRAP = 0x0003_0000,
        SECCOMP_RET_ERRNO = 0x0005_0000,
        SECCOMP_RET_USER_NOTIF = 0x7fc0_0000,
        SECCOMP_RET_TRACE = 0x7ff0_0000,
        SECCOMP_RET_LOG = 0x7ffc_0000,
        SECCOMP_RET_ALLOW = 0x7fff_0000,
        // access(2)-adjacent, memfd_create(2), fcntl(2) seals and locks.
        MFD_CLOEXEC = 1,
        MFD_ALLOW_SEALING = 2,
        MFD_HUGETLB = 4,
        MFD_NOEXEC_SEAL = 8,
        MFD_EXEC = 0x10,
        F_SEAL_SEAL = 1,
        F_SEAL_SHRINK = 2,
        F_SEAL_GROW = 4,
        F_SEAL_WRITE = 8,
        F_SEAL_FUTURE_WRITE = 0x10,
        F_SEAL_EXEC = 0x20,
        F_RDLCK = 0,
        F_WRLCK = 1,
        F_UNLCK = 2,
        F_OWNER_TID = 0,
        F_OWNER_PID = 1,
        F_OWNER_PGRP = 2,
        // *_CLOEXEC / *_NONBLOCK flags of fd-creating syscalls.
        EFD_SEMAPHORE = 1,
        EFD_NONBLOCK = 0o4000,
        EFD_CLOEXEC = 0o2000000,
        EPOLL_CLOEXEC = 0o2000000,
        IN_NONBLOCK = 0o4000,
        IN_CLOEXEC = 0o2000000,
        TFD_NONBLOCK = 0o4000,
        TFD_CLOEXEC = 0o2000000,
        TFD_TIMER_ABSTIME = 1,
        SFD_NONBLOCK = 0o4000,
        SFD_CLOEXEC = 0o2000000,
        PIDFD_NONBLOCK = 0o4000,
        // getrandom(2).
        GRND_NONBLOCK = 1,
        GRND_RANDOM = 2,
        GRND_INSECURE = 4,
        // sigprocmask(2) how.
        SIG_BLOCK = 0,
        SIG_UNBLOCK = 1,
        SIG_SETMASK = 2,
        // waitid(2) / wait4(2).
        P_ALL = 0,
        P_PID = 1,
        P_PGID = 2,
        P_PIDFD = 3,
        WNOHANG = 1,
        WUNTRACED = 2,
        WSTOPPED = 2,
        WEXITED = 4,
        WCONTINUED = 8,
        WNOWAIT = 0x0100_0000,
        __WNOTHREAD = 0x2000_0000,
        __WALL = 0x4000_0000,
        __WCLONE = 0x8000_0000,
        // mmap huge page size field.
        MAP_HUGE_SHIFT = MAP_HUGE_SHIFT as u64,
        MAP_HUGE_MASK = MAP_HUGE_MASK,
        // prctl(2) arguments.
        PR_CAP_AMBIENT_IS_SET = 1,
        PR_CAP_AMBIENT_RAISE = 2,
        PR_CAP_AMBIENT_LOWER = 3,
        PR_CAP_AMBIENT_CLEAR_ALL = 4,
        PR_SET_VMA_ANON_NAME = 0,
        PR_MDWE_REFUSE_EXEC_GAIN = 1,
        PR_MDWE_NO_INHERIT = 2,
        PR_SET_PTRACER_ANY = u64::MAX,
        // ioprio_set(2).
        IOPRIO_WHO_PROCESS = 1,
        IOPRIO_WHO_PGRP = 2,
        IOPRIO_WHO_USER = 3,
        IOPRIO_CLASS_NONE = 0,
        IOPRIO_CLASS_RT = 1,
        IOPRIO_CLASS_BE = 2,
        IOPRIO_CLASS_IDLE = 3,
        // futex(2) operations.
        FUTEX_WAIT = 0,
        FUTEX_WAKE = 1,
        FUTEX_FD = 2,
        FUTEX_REQUEUE = 3,
        FUTEX_CMP_REQUEUE = 4,
        FUTEX_WAKE_OP = 5,
        FUTEX_LOCK_PI = 6,
        FUTEX_UNLOCK_PI = 7,
        FUTEX_TRYLOCK_PI = 8,
        FUTEX_WAIT_BITSET = 9,
        FUTEX_WAKE_BITSET = 10,
        FUTEX_WAIT_REQUEUE_PI = 11,
        FUTEX_CMP_REQUEUE_PI = 12,
        FUTEX_LOCK_PI2 = 13,
        FUTEX_PRIVATE_FLAG = 128,
        FUTEX_CLOCK_REALTIME = 256,
        // ptrace(2) requests.
        PTRACE_TRACEME = 0,
        PTRACE_PEEKTEXT = 1,
        PTRACE_PEEKDATA = 2,
        PTRACE_PEEKUSER = 3,
        PTRACE_POKETEXT = 4,
        PTRACE_POKEDATA = 5,
        PTRACE_POKEUSER = 6,
        PTRACE_CONT = 7,
        PTRACE_KILL = 8,
        PTRACE_SINGLESTEP = 9,
        PTRACE_GETREGS = 12,
        PTRACE_SETREGS = 13,
        PTRACE_GETFPREGS = 14,
        PTRACE_SETFPREGS = 15,
        PTRACE_ATTACH = 16,
        PTRACE_DETACH = 17,
        PTRACE_SYSCALL = 24,
        PTRACE_SYSEMU = 31,
        PTRACE_SYSEMU_SINGLESTEP = 32,
        PTRACE_SETOPTIONS = 0x4200,
        PTRACE_GETEVENTMSG = 0x4201,
        PTRACE_GETSIGINFO = 0x4202,
        PTRACE_SETSIGINFO = 0x4203,
        PTRACE_GETREGSET = 0x4204,
        PTRACE_SETREGSET = 0x4205,
        PTRACE_SEIZE = 0x4206,
        PTRACE_INTERRUPT = 0x4207,
        PTRACE_LISTEN = 0x4208,
        PTRACE_PEEKSIGINFO = 0x4209,
        PTRACE_GETSIGMASK = 0x420a,
        PTRACE_SETSIGMASK = 0x420b,
        PTRACE_SECCOMP_GET_FILTER = 0x420c,
        PTRACE_SECCOMP_GET_METADATA = 0x420d,
        PTRACE_GET_SYSCALL_INFO = 0x420e,
        // arch_prctl(2).
        ARCH_SET_GS = 0x1001,
        ARCH_SET_FS = 0x1002,
        ARCH_GET_FS = 0x1003,
        ARCH_GET_GS = 0x1004,
        ARCH_GET_CPUID = 0x1011,
        ARCH_SET_CPUID = 0x1012,
        // Resource limits.
        RLIM_INFINITY = u64::MAX,
        // personality(2).
        PER_LINUX = 0,
        ADDR_NO_RANDOMIZE = 0x0004_0000,
        PER_QUERY = 0xffff_ffff,
    }
};

/// Looks up a constant by its exact (case-sensitive) name, aliases included.
pub fn lookup(name: &str) -> Option<&'static Constant> {
    CONSTANTS.iter().find(|c| c.name == name)
}

/// Every known constant, in table order (primary names before their aliases).
pub fn all() -> &'static [Constant] {
    CONSTANTS
}

/// The known constant name closest to a misspelled `name`, if one is plausibly meant.
pub fn suggest(name: &str) -> Option<&'static str> {
    crate::suggest::closest(name, CONSTANTS.iter().map(|c| c.name))
}

/// The members of one family, in table order.
fn members(family: Family) -> impl Iterator<Item = &'static Constant> {
    CONSTANTS.iter().filter(move |c| c.family == family)
}

/// The preferred name of `value` in `family`: the first constant of that family with exactly
/// this value. Aliases are never returned. Works for flag families too (`name_of(Prot, 1)` is
/// `PROT_READ`), but [`Family::Misc`] is a grab bag whose answers are rarely meaningful.
pub fn name_of(family: Family, value: u64) -> Option<&'static str> {
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
pub fn format_flags(family: Family, value: u64) -> String {
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
pub fn format_value(family: Family, value: u64) -> String {
    if is_flag_family(family) {
        format_flags(family, value)
    } else {
        format_enum(family, value)
    }
}

/// The preferred name of a socket option at a given level (`SOL_SOCKET` → `SO_*`, `SOL_IP` →
/// `IP_*`, `SOL_TCP` → `TCP_*`, `SOL_UDP` → `UDP_*`, `SOL_IPV6` → `IPV6_*`).
pub fn sockopt_name(level: u64, optname: u64) -> Option<&'static str> {
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
pub fn errno_name(errno: i32) -> Option<&'static str> {
    u64::try_from(errno)
        .ok()
        .and_then(|v| name_of(Family::Errno, v))
}

/// The value of an errno name, aliases included, ignoring case (`"EACCES"` → 13).
pub fn errno_by_name(name: &str) -> Option<i32> {
    lookup(&name.to_ascii_uppercase())
        .filter(|c| c.family == Family::Errno)
        .and_then(|c| i32::try_from(c.value).ok())
}

/// The primary name of a signal number (9 → `SIGKILL`, 6 → `SIGABRT`, never `SIGIOT`).
pub fn signal_name(sig: i32) -> Option<&'static str> {
    u64::try_from(sig)
        .ok()
        .and_then(|v| name_of(Family::Signal, v))
}

/// The number of a signal name, aliases included, with or without the `SIG` prefix and
/// ignoring case (`"SIGKILL"`, `"KILL"`, `"kill"` → 9).
pub fn signal_by_name(name: &str) -> Option<i32> {
    let upper = name.to_ascii_uppercase();
    let full = if upper.starts_with("SIG") {
        upper
    } else {
        format!("SIG{upper}")
    };
    lookup(&full)
        .filter(|c| c.family == Family::Signal)
        .and_then(|c| i32::try_from(c.value).ok())
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
pub fn parse_value(text: &str) -> Result<u64, ValueError> {
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
        assert_eq!(name_of(Family::AddressFamily, 1), Some("AF_UNIX"));
        assert_eq!(name_of(Family::AddressFamily, 16), Some("AF_NETLINK"));
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
            ("AF_INET", Family::AddressFamily),
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
        assert_eq!(format_value(Family::AddressFamily, 2), "AF_INET");
        assert_eq!(format_value(Family::AddressFamily, 99), "99");
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
            let name = signal_name(n).unwrap_or_else(|| panic!("signal {n}"));
            assert_eq!(signal_by_name(name), Some(n));
        }
        assert_eq!(signal_by_name("SIGKILL"), Some(9));
        assert_eq!(signal_by_name("KILL"), Some(9));
        assert_eq!(signal_by_name("kill"), Some(9));
        assert_eq!(signal_by_name("sigterm"), Some(15));
        assert_eq!(signal_by_name("SYS"), Some(31));
        assert_eq!(signal_by_name("IOT"), Some(6));
        assert_eq!(signal_by_name("SIGCLD"), Some(17));
        assert_eq!(signal_by_name("EPERM"), None);
        assert_eq!(signal_by_name("NOPE"), None);
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
