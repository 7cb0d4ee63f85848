/*
 * probe.c - syscall probe for the seccomp-pledge kernel test suite.
 *
 *   probe STEP [:: STEP]...        STEP := OP ARG...
 *
 * Every step prints exactly one line on stdout with a single raw write(2):
 *   "OP ok", "OP ok VALUE" or "OP ERRNAME".
 * Exit status: 0 if every step succeeded, 1 otherwise, 2 on a usage error
 * (the whole command line is checked before the first step runs).
 * See README.md next to this file for the list of ops.
 *
 * Build: gcc -O1 -Wall -Werror -o probe probe.c -lpthread
 *        gcc -O1 -Wall -Werror -static -o probe-static probe.c -lpthread
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/filter.h>
#include <linux/netlink.h>
#include <linux/seccomp.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* ------------------------------------------------------------------ */
/* Fallback definitions (x86_64 values) for anything the headers lack. */

#ifndef SYS_openat2
#define SYS_openat2 437
#endif
#ifndef SYS_clone3
#define SYS_clone3 435
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#endif
#ifndef SYS_io_uring_setup
#define SYS_io_uring_setup 425
#endif
#ifndef SYS_pkey_mprotect
#define SYS_pkey_mprotect 329
#endif
#ifndef SYS_memfd_create
#define SYS_memfd_create 319
#endif
#ifndef SYS_userfaultfd
#define SYS_userfaultfd 323
#endif
#ifndef SYS_bpf
#define SYS_bpf 321
#endif
#ifndef SYS_execveat
#define SYS_execveat 322
#endif
#ifndef SYS_statx
#define SYS_statx 332
#endif
#ifndef SYS_renameat2
#define SYS_renameat2 316
#endif
#ifndef SYS_seccomp
#define SYS_seccomp 317
#endif

#ifndef O_PATH
#define O_PATH 010000000
#endif
#ifndef O_TMPFILE
#define O_TMPFILE (020000000 | O_DIRECTORY)
#endif
/* The kernel's bare __O_TMPFILE bit (glibc's own __O_TMPFILE includes
 * O_DIRECTORY, which is O_TMPFILE; the probe uses the kernel meaning). */
#define PROBE_O_TMPFILE_BIT 020000000ULL

#ifndef AF_BLUETOOTH
#define AF_BLUETOOTH 31
#endif
#ifndef NETLINK_ROUTE
#define NETLINK_ROUTE 0
#endif
#ifndef SOL_TCP
#define SOL_TCP 6
#endif
#ifndef SOL_UDP
#define SOL_UDP 17
#endif
#ifndef SOL_IP
#define SOL_IP 0
#endif
#ifndef SOL_IPV6
#define SOL_IPV6 41
#endif
#ifndef MAP_HUGETLB
#define MAP_HUGETLB 0x40000
#endif
#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif
#ifndef MAP_SHARED_VALIDATE
#define MAP_SHARED_VALIDATE 0x03
#endif
#ifndef F_OFD_GETLK
#define F_OFD_GETLK 36
#define F_OFD_SETLK 37
#define F_OFD_SETLKW 38
#endif
#ifndef F_DUPFD_CLOEXEC
#define F_DUPFD_CLOEXEC 1030
#endif
#ifndef F_SETPIPE_SZ
#define F_SETPIPE_SZ 1031
#define F_GETPIPE_SZ 1032
#endif
#ifndef F_ADD_SEALS
#define F_ADD_SEALS 1033
#define F_GET_SEALS 1034
#endif
#ifndef TIOCSTI
#define TIOCSTI 0x5412
#endif
#ifndef TIOCLINUX
#define TIOCLINUX 0x541C
#endif
#ifndef TIOCSCTTY
#define TIOCSCTTY 0x540E
#endif
#ifndef SIOCATMARK
#define SIOCATMARK 0x8905
#endif
#ifndef PR_SET_VMA
#define PR_SET_VMA 0x53564d41
#endif
#ifndef PR_GET_SECCOMP
#define PR_GET_SECCOMP 21
#define PR_SET_SECCOMP 22
#endif
#ifndef PR_SET_NO_NEW_PRIVS
#define PR_SET_NO_NEW_PRIVS 38
#define PR_GET_NO_NEW_PRIVS 39
#endif
#ifndef SO_ATTACH_FILTER
#define SO_ATTACH_FILTER 26
#endif
#ifndef IP_RECVERR
#define IP_RECVERR 11
#endif
#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH 0x1000
#endif
#ifndef AT_EACCESS
#define AT_EACCESS 0x200
#endif
#ifndef STATX_BASIC_STATS
#define STATX_BASIC_STATS 0x7ffU
#endif
#ifndef SECCOMP_SET_MODE_FILTER
#define SECCOMP_SET_MODE_FILTER 1
#endif
#ifndef SECCOMP_FILTER_FLAG_NEW_LISTENER
#define SECCOMP_FILTER_FLAG_NEW_LISTENER (1UL << 3)
#endif
#ifndef MFD_CLOEXEC
#define MFD_CLOEXEC 0x0001U
#define MFD_ALLOW_SEALING 0x0002U
#endif
#ifndef SCHED_RESET_ON_FORK
#define SCHED_RESET_ON_FORK 0x40000000
#endif

/* Raw syscalls. Every argument is passed as a full 64-bit long. Numbers
 * from the command line are passed exactly as parsed (64-bit; "-1" is
 * 0xffffffffffffffff). The probe's own negative int constants (AT_FDCWD,
 * fd -1 for anonymous mmap, pkey -1, perf cpu/group -1) are passed the way
 * glibc and plain C code pass an int: low 32 bits, upper 32 bits zero
 * (AT_FDCWD = 0x00000000ffffff9c), so a seccomp filter sees what it sees
 * from a real program. */
#define I32(x) ((long)(unsigned int)(int)(x))
#define FDCWD I32(AT_FDCWD)
#define SC0(n) syscall((long)(n))
#define SC1(n, a) syscall((long)(n), (long)(a))
#define SC2(n, a, b) syscall((long)(n), (long)(a), (long)(b))
#define SC3(n, a, b, c) syscall((long)(n), (long)(a), (long)(b), (long)(c))
#define SC4(n, a, b, c, d) \
	syscall((long)(n), (long)(a), (long)(b), (long)(c), (long)(d))
#define SC5(n, a, b, c, d, e) \
	syscall((long)(n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e))
#define SC6(n, a, b, c, d, e, f)                                           \
	syscall((long)(n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), \
		(long)(f))

/* ------------------------------------------------------------------ */
/* Symbolic numbers                                                    */

struct sym {
	const char *name;
	unsigned long long val;
};
#define S(x) { #x, (unsigned long long)(x) }

static const struct sym syms[] = {
	/* open flags */
	S(O_RDONLY), S(O_WRONLY), S(O_RDWR), S(O_CREAT), S(O_EXCL), S(O_TRUNC),
	S(O_APPEND), S(O_DIRECTORY), S(O_NOFOLLOW), S(O_CLOEXEC), S(O_PATH),
	S(O_TMPFILE), { "__O_TMPFILE", PROBE_O_TMPFILE_BIT }, S(O_NONBLOCK),
	S(O_NOCTTY), S(O_SYNC), S(O_DSYNC), S(O_NOATIME), S(O_ASYNC),
	S(O_DIRECT), S(O_LARGEFILE), S(O_ACCMODE),
	/* access modes */
	S(F_OK), S(R_OK), S(W_OK), S(X_OK),
	/* file type / mode bits */
	S(S_IFIFO), S(S_IFREG), S(S_IFCHR), S(S_IFBLK), S(S_IFDIR), S(S_IFSOCK),
	S(S_ISUID), S(S_ISGID), S(S_ISVTX),
	/* address families, socket types, protocols */
	S(AF_UNSPEC), S(AF_UNIX), S(AF_LOCAL), S(AF_INET), S(AF_INET6),
	S(AF_NETLINK), S(AF_PACKET), S(AF_BLUETOOTH), S(AF_KEY), S(AF_ALG),
	S(AF_VSOCK), S(AF_CAN),
	S(SOCK_STREAM), S(SOCK_DGRAM), S(SOCK_RAW), S(SOCK_SEQPACKET),
	S(SOCK_RDM), S(SOCK_PACKET), S(SOCK_CLOEXEC), S(SOCK_NONBLOCK),
	S(IPPROTO_IP), S(IPPROTO_TCP), S(IPPROTO_UDP), S(IPPROTO_ICMP),
	S(IPPROTO_ICMPV6), S(IPPROTO_RAW), S(IPPROTO_IPV6), S(IPPROTO_SCTP),
	S(NETLINK_ROUTE), S(NETLINK_AUDIT), S(NETLINK_KOBJECT_UEVENT),
	S(NETLINK_GENERIC), S(NETLINK_NETFILTER), S(NETLINK_SOCK_DIAG),
	/* mmap */
	S(PROT_NONE), S(PROT_READ), S(PROT_WRITE), S(PROT_EXEC),
	S(PROT_GROWSDOWN), S(PROT_GROWSUP),
	S(MAP_PRIVATE), S(MAP_SHARED), S(MAP_SHARED_VALIDATE), S(MAP_ANONYMOUS),
	S(MAP_ANON), S(MAP_FIXED), S(MAP_FIXED_NOREPLACE), S(MAP_LOCKED),
	S(MAP_NONBLOCK), S(MAP_HUGETLB), S(MAP_POPULATE), S(MAP_NORESERVE),
	S(MAP_GROWSDOWN), S(MAP_STACK), S(MAP_32BIT), S(MAP_DENYWRITE),
	S(MAP_EXECUTABLE),
	/* fcntl */
	S(F_DUPFD), S(F_GETFD), S(F_SETFD), S(F_GETFL), S(F_SETFL), S(F_GETLK),
	S(F_SETLK), S(F_SETLKW), S(F_OFD_GETLK), S(F_OFD_SETLK), S(F_OFD_SETLKW),
	S(F_DUPFD_CLOEXEC), S(F_SETOWN), S(F_GETOWN), S(F_SETSIG), S(F_GETSIG),
	S(F_SETLEASE), S(F_GETLEASE), S(F_NOTIFY), S(F_SETPIPE_SZ),
	S(F_GETPIPE_SZ), S(F_ADD_SEALS), S(F_GET_SEALS), S(FD_CLOEXEC),
	S(F_RDLCK), S(F_WRLCK), S(F_UNLCK),
	/* ioctl */
	S(TCGETS), S(TCSETS), S(TCSETSW), S(TCSETSF), S(TIOCGWINSZ),
	S(TIOCSWINSZ), S(TIOCSTI), S(TIOCLINUX), S(FIONREAD), S(FIONBIO),
	S(FIOCLEX), S(FIONCLEX), S(FIOASYNC), S(SIOCATMARK), S(TIOCSCTTY),
	S(TIOCNOTTY), S(TIOCGPGRP), S(TIOCSPGRP), S(TIOCEXCL), S(TIOCNXCL),
	S(TIOCGPTN), S(TIOCSPTLCK), S(TIOCOUTQ),
	/* clone flags */
	{ "CLONE_NEWTIME", 0x80ULL }, { "CLONE_VM", 0x100ULL },
	{ "CLONE_FS", 0x200ULL }, { "CLONE_FILES", 0x400ULL },
	{ "CLONE_SIGHAND", 0x800ULL }, { "CLONE_PIDFD", 0x1000ULL },
	{ "CLONE_PTRACE", 0x2000ULL }, { "CLONE_VFORK", 0x4000ULL },
	{ "CLONE_PARENT", 0x8000ULL }, { "CLONE_THREAD", 0x10000ULL },
	{ "CLONE_NEWNS", 0x20000ULL }, { "CLONE_SYSVSEM", 0x40000ULL },
	{ "CLONE_SETTLS", 0x80000ULL }, { "CLONE_PARENT_SETTID", 0x100000ULL },
	{ "CLONE_CHILD_CLEARTID", 0x200000ULL },
	{ "CLONE_DETACHED", 0x400000ULL }, { "CLONE_UNTRACED", 0x800000ULL },
	{ "CLONE_CHILD_SETTID", 0x1000000ULL },
	{ "CLONE_NEWCGROUP", 0x2000000ULL }, { "CLONE_NEWUTS", 0x4000000ULL },
	{ "CLONE_NEWIPC", 0x8000000ULL }, { "CLONE_NEWUSER", 0x10000000ULL },
	{ "CLONE_NEWPID", 0x20000000ULL }, { "CLONE_NEWNET", 0x40000000ULL },
	{ "CLONE_IO", 0x80000000ULL }, { "CLONE_CLEAR_SIGHAND", 0x100000000ULL },
	{ "CLONE_INTO_CGROUP", 0x200000000ULL },
	/* signals */
	S(SIGHUP), S(SIGINT), S(SIGQUIT), S(SIGILL), S(SIGTRAP), S(SIGABRT),
	S(SIGBUS), S(SIGFPE), S(SIGKILL), S(SIGUSR1), S(SIGSEGV), S(SIGUSR2),
	S(SIGPIPE), S(SIGALRM), S(SIGTERM), S(SIGSTKFLT), S(SIGCHLD), S(SIGCONT),
	S(SIGSTOP), S(SIGTSTP), S(SIGTTIN), S(SIGTTOU), S(SIGURG), S(SIGXCPU),
	S(SIGXFSZ), S(SIGVTALRM), S(SIGPROF), S(SIGWINCH), S(SIGIO), S(SIGPWR),
	S(SIGSYS),
	/* prctl */
	S(PR_SET_NAME), S(PR_GET_NAME), S(PR_SET_DUMPABLE), S(PR_GET_DUMPABLE),
	S(PR_SET_PDEATHSIG), S(PR_GET_PDEATHSIG), S(PR_GET_SECCOMP),
	S(PR_SET_SECCOMP), S(PR_CAPBSET_READ), S(PR_CAPBSET_DROP),
	S(PR_SET_NO_NEW_PRIVS), S(PR_GET_NO_NEW_PRIVS), S(PR_SET_VMA),
	S(PR_SET_KEEPCAPS), S(PR_GET_KEEPCAPS), S(PR_SET_CHILD_SUBREAPER),
	S(PR_GET_CHILD_SUBREAPER), S(PR_SET_TIMERSLACK), S(PR_GET_TIMERSLACK),
	S(PR_SET_MM), S(PR_SET_SECUREBITS), S(PR_GET_SECUREBITS),
	S(PR_CAP_AMBIENT), S(PR_SET_PTRACER), S(PR_GET_TSC), S(PR_SET_TSC),
	S(PR_SET_THP_DISABLE), S(PR_GET_THP_DISABLE),
	/* sockets */
	S(SOL_SOCKET), S(SOL_IP), S(SOL_TCP), S(SOL_IPV6), S(SOL_UDP),
	S(SO_REUSEADDR), S(SO_REUSEPORT), S(SO_KEEPALIVE), S(SO_RCVBUF),
	S(SO_SNDBUF), S(SO_TYPE), S(SO_ERROR), S(SO_BROADCAST),
	S(SO_ATTACH_FILTER), S(SO_DETACH_FILTER), S(SO_LINGER), S(SO_RCVTIMEO),
	S(SO_SNDTIMEO), S(SO_PASSCRED), S(SO_PEERCRED), S(SO_DOMAIN),
	S(SO_PROTOCOL), S(SO_BINDTODEVICE), S(SO_PRIORITY), S(SO_MARK),
	S(TCP_NODELAY), S(TCP_CORK), S(TCP_MAXSEG), S(IPV6_V6ONLY),
	S(IP_RECVERR), S(IP_TTL), S(IP_TOS), S(IP_HDRINCL),
	S(MSG_NOSIGNAL), S(MSG_DONTWAIT), S(MSG_PEEK),
	/* *at() flags */
	{ "AT_FDCWD", 0xffffff9cULL }, /* as glibc passes it: see I32 */
	S(AT_EMPTY_PATH), S(AT_REMOVEDIR), S(AT_SYMLINK_NOFOLLOW),
	S(AT_SYMLINK_FOLLOW), S(AT_EACCESS),
	/* personality */
	S(PER_LINUX), S(PER_LINUX32), S(ADDR_NO_RANDOMIZE), S(READ_IMPLIES_EXEC),
	S(ADDR_LIMIT_32BIT), S(MMAP_PAGE_ZERO), S(ADDR_COMPAT_LAYOUT),
	/* memfd */
	S(MFD_CLOEXEC), S(MFD_ALLOW_SEALING),
};

/* ------------------------------------------------------------------ */
/* Results and output                                                  */

#define VALMAX 32768

typedef struct {
	int err;       /* 0 = success, otherwise errno */
	int hasval;    /* print " VALUE" after "ok" */
	char val[VALMAX];
	char *extra;   /* malloc'd bytes written after the line (cat, argv) */
	size_t extralen;
} res_t;

static volatile int g_nested_fail; /* a nested step (threads/forked) failed */
static __thread int t_quiet;       /* inside flood: print nothing */

static void usage_error(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));

static void out_write(int fd, const char *buf, size_t len)
{
	/* One write(2) in the normal case; only a partial write is continued.
	 * Failures are ignored: the probe goes on with the next step. */
	while (len > 0) {
		long n = SC3(SYS_write, fd, buf, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= (size_t)n;
	}
}

static void usage_error(const char *fmt, ...)
{
	char buf[1024];
	int n = snprintf(buf, sizeof buf, "probe: usage error: ");
	va_list ap;
	va_start(ap, fmt);
	n += vsnprintf(buf + n, sizeof buf - (size_t)n - 2, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof buf - 2)
		n = (int)sizeof buf - 2;
	buf[n++] = '\n';
	out_write(2, buf, (size_t)n);
	SC1(SYS_exit_group, 2);
	_exit(2);
}

static const char *errname(int e, char *buf, size_t n)
{
	const char *s = strerrorname_np(e);
	if (s)
		return s;
	snprintf(buf, n, "E%d", e);
	return buf;
}

static const char *signame(int sig, char *buf, size_t n)
{
	const char *s = sigabbrev_np(sig);
	if (s)
		snprintf(buf, n, "SIG%s", s);
	else
		snprintf(buf, n, "%d", sig);
	return buf;
}

static void fail_errno(res_t *r, int e) { r->err = e ? e : EIO; }
static void fail(res_t *r) { fail_errno(r, errno); }

static void set_val(res_t *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void set_val(res_t *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->val, sizeof r->val, fmt, ap);
	va_end(ap);
	r->hasval = 1;
}

/* Set the result from a raw syscall return: -1 = errno, else value. */
static int chk(res_t *r, long v)
{
	if (v == -1) {
		fail(r);
		return 0;
	}
	return 1;
}
static void ret_num(res_t *r, long v)
{
	if (chk(r, v))
		set_val(r, "%ld", v);
}
static void ret_void(res_t *r, long v) { chk(r, v); }

static void status_str(int st, char *buf, size_t n)
{
	char sb[32];
	if (WIFEXITED(st))
		snprintf(buf, n, "%d", WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		snprintf(buf, n, "signal:%s", signame(WTERMSIG(st), sb, sizeof sb));
	else
		snprintf(buf, n, "status:0x%x", st);
}

/* ------------------------------------------------------------------ */
/* Argument parsing                                                    */

static int parse_one(const char *t, unsigned long long *v)
{
	if ((t[0] >= '0' && t[0] <= '9') ||
	    ((t[0] == '-' || t[0] == '+') && t[1] >= '0' && t[1] <= '9')) {
		char *e;
		errno = 0;
		unsigned long long x = strtoull(t, &e, 0);
		if (*e || errno)
			return -1;
		*v = x;
		return 0;
	}
	for (size_t i = 0; i < sizeof syms / sizeof syms[0]; i++)
		if (!strcmp(syms[i].name, t)) {
			*v = syms[i].val;
			return 0;
		}
	return -1;
}

/* NUMBER[|NUMBER]...; each a strtoull base-0 literal or a symbol. */
static int parse_num(const char *s, unsigned long long *out)
{
	unsigned long long acc = 0;
	const char *p = s;
	for (;;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		char tok[128];
		unsigned long long v;
		if (len == 0 || len >= sizeof tok)
			return -1;
		memcpy(tok, p, len);
		tok[len] = 0;
		if (parse_one(tok, &v))
			return -1;
		acc |= v;
		if (!bar)
			break;
		p = bar + 1;
	}
	*out = acc;
	return 0;
}

static unsigned long long N(const char *s)
{
	unsigned long long v;
	if (parse_num(s, &v))
		usage_error("bad number '%s'", s);
	return v;
}

/* PID words: self parent zero all, or a number */
static int parse_pid(const char *s, long *out, int tid)
{
	unsigned long long v;
	if (!strcmp(s, "self"))
		*out = tid ? SC0(SYS_gettid) : SC0(SYS_getpid);
	else if (!strcmp(s, "parent"))
		*out = SC0(SYS_getppid);
	else if (!strcmp(s, "zero"))
		*out = 0;
	else if (!strcmp(s, "all"))
		*out = I32(-1); /* as glibc's kill(-1, ...) passes it */
	else if (!parse_num(s, &v))
		*out = (long)v;
	else
		return -1;
	return 0;
}
static long PID(const char *s, int tid)
{
	long v;
	if (parse_pid(s, &v, tid))
		usage_error("bad pid '%s'", s);
	return v;
}

struct rlname {
	const char *name;
	int res;
};
static const struct rlname rlnames[] = {
	{ "cpu", RLIMIT_CPU },       { "as", RLIMIT_AS },
	{ "nofile", RLIMIT_NOFILE }, { "nproc", RLIMIT_NPROC },
	{ "fsize", RLIMIT_FSIZE },   { "core", RLIMIT_CORE },
	{ "stack", RLIMIT_STACK },   { "data", RLIMIT_DATA },
	{ "memlock", RLIMIT_MEMLOCK }, { "rss", RLIMIT_RSS },
	{ "locks", RLIMIT_LOCKS },   { "sigpending", RLIMIT_SIGPENDING },
	{ "msgqueue", RLIMIT_MSGQUEUE }, { "nice", RLIMIT_NICE },
	{ "rtprio", RLIMIT_RTPRIO }, { "rttime", RLIMIT_RTTIME },
};
static int parse_rlimit(const char *s)
{
	for (size_t i = 0; i < sizeof rlnames / sizeof rlnames[0]; i++)
		if (!strcmp(s, rlnames[i].name))
			return rlnames[i].res;
	return -1;
}

/* HOST: dotted IPv4, IPv6, or "localhost"; fills a sockaddr. */
static int parse_host(const char *h, unsigned port, struct sockaddr_storage *ss,
		      socklen_t *len)
{
	memset(ss, 0, sizeof *ss);
	if (!strcmp(h, "localhost"))
		h = "127.0.0.1";
	struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
	if (inet_pton(AF_INET, h, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)port);
		*len = sizeof *s4;
		return 0;
	}
	if (inet_pton(AF_INET6, h, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)port);
		*len = sizeof *s6;
		return 0;
	}
	return -1;
}

/* raw-op argument: number, "str:TEXT" (pointer to TEXT), "buf" (pointer to a
 * zeroed 4096-byte buffer), "ptr:NUM" (pointer to a zeroed 64-byte buffer whose first
 * 8 bytes hold NUM) or "self" (the probe's pid). */
static int raw_arg_ok(const char *s)
{
	unsigned long long v;
	return !strncmp(s, "str:", 4) || !strcmp(s, "buf") || !strcmp(s, "self") ||
	       (!strncmp(s, "ptr:", 4) && !parse_num(s + 4, &v)) || !parse_num(s, &v);
}

/* ------------------------------------------------------------------ */
/* The op table (declared here, defined at the end)                    */

#define OPF_REST 1 /* at top level: consumes the rest of the command line */

typedef void (*opfn)(int ac, char **av, res_t *r);
struct op {
	const char *name;
	int min;          /* minimum number of arguments */
	const char *spec; /* one char per argument; length = maximum unless the
			     spec contains '*' or 'O' (unlimited):
			     s string   n number   p pid word   r rlimit name
			     h host     R raw arg  X prctl arg2
			     O nested step (OP ARGS...)  * any strings */
	int flags;
	opfn fn;
	const char *help;
};
static const struct op ops[];
static const size_t nops;

static const struct op *find_op(const char *name)
{
	for (size_t i = 0; i < nops; i++)
		if (!strcmp(ops[i].name, name))
			return &ops[i];
	return NULL;
}

static void validate_step(int ac, char **av, int depth);

/* Validate a step: av[0] = op name, av[1..ac-1] = its arguments. */
static void validate_step(int ac, char **av, int depth)
{
	if (ac < 1)
		usage_error("empty step");
	if (depth > 16)
		usage_error("nesting too deep");
	const struct op *op = find_op(av[0]);
	if (!op)
		usage_error("unknown op '%s' (run probe without arguments for the list)",
			    av[0]);
	int nargs = ac - 1;
	int unlimited = strchr(op->spec, '*') || strchr(op->spec, 'O');
	int max = (int)strlen(op->spec);
	if (nargs < op->min || (!unlimited && nargs > max))
		usage_error("%s: wrong number of arguments (%d); usage: %s%s%s",
			    op->name, nargs, op->name, *op->help ? " " : "",
			    op->help);
	for (int i = 0; i < nargs; i++) {
		char k = op->spec[i];
		const char *a = av[i + 1];
		unsigned long long v;
		long pv;
		struct sockaddr_storage ss;
		socklen_t sl;
		switch (k) {
		case 's':
			break;
		case 'n':
			if (parse_num(a, &v))
				usage_error("%s: bad number '%s'", op->name, a);
			break;
		case 'p':
			if (strcmp(a, "self") && strcmp(a, "parent") &&
			    strcmp(a, "zero") && strcmp(a, "all") &&
			    parse_pid(a, &pv, 0))
				usage_error("%s: bad pid '%s'", op->name, a);
			break;
		case 'r':
			if (parse_rlimit(a) < 0)
				usage_error("%s: unknown resource '%s'", op->name, a);
			break;
		case 'h':
			if (parse_host(a, 0, &ss, &sl))
				usage_error("%s: bad host '%s'", op->name, a);
			break;
		case 'R':
			if (!raw_arg_ok(a))
				usage_error("%s: bad argument '%s'", op->name, a);
			break;
		case 'X':
			if (N(av[1]) != PR_SET_NAME && parse_num(a, &v))
				usage_error("%s: bad number '%s'", op->name, a);
			break;
		case 'O':
			validate_step(ac - 1 - i, av + 1 + i, depth + 1);
			return;
		case '*':
			return;
		default:
			break;
		}
	}
}

static void run_op(int ac, char **av, res_t *r)
{
	const struct op *op = find_op(av[0]);
	r->err = 0;
	r->hasval = 0;
	r->val[0] = 0;
	r->extra = NULL;
	r->extralen = 0;
	op->fn(ac - 1, av + 1, r);
}

/* Print one result line: PREFIX OP ok [VALUE] | PREFIX OP ERRNAME */
static void emit(const char *prefix, const char *name, res_t *r)
{
	static const size_t cap = VALMAX + 512;
	char *line = alloca(cap);
	char eb[32];
	int n;
	if (r->err)
		n = snprintf(line, cap, "%s%s %s\n", prefix, name,
			     errname(r->err, eb, sizeof eb));
	else if (r->hasval)
		n = snprintf(line, cap, "%s%s ok %s\n", prefix, name, r->val);
	else
		n = snprintf(line, cap, "%s%s ok\n", prefix, name);
	if (n >= (int)cap) {
		n = (int)cap - 1;
		line[n - 1] = '\n';
	}
	out_write(1, line, (size_t)n);
	if (r->extra) {
		out_write(1, r->extra, r->extralen);
		free(r->extra);
		r->extra = NULL;
	}
}

/* Run + print a step; returns 1 on success. */
static int do_step(const char *prefix, int ac, char **av)
{
	res_t r; /* on the stack: no malloc (safe in a raw-forked child) */
	run_op(ac, av, &r);
	int ok = r.err == 0;
	if (t_quiet)
		free(r.extra);
	else
		emit(prefix, av[0], &r);
	return ok;
}

/* ------------------------------------------------------------------ */
/* File system ops                                                     */

static long default_mode(unsigned long long flags)
{
	return (flags & (O_CREAT | PROBE_O_TMPFILE_BIT)) ? 0644 : 0;
}

static void op_open(int ac, char **av, res_t *r)
{
	unsigned long long fl = N(av[1]);
	long mode = ac > 2 ? (long)N(av[2]) : default_mode(fl);
	ret_num(r, SC4(SYS_openat, FDCWD, av[0], fl, mode));
}

static void op_open_legacy(int ac, char **av, res_t *r)
{
	unsigned long long fl = N(av[1]);
	long mode = ac > 2 ? (long)N(av[2]) : default_mode(fl);
	ret_num(r, SC3(SYS_open, av[0], fl, mode));
}

static void op_creat(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_num(r, SC2(SYS_creat, av[0], N(av[1])));
}

struct probe_open_how {
	uint64_t flags, mode, resolve;
};
static void op_openat2(int ac, char **av, res_t *r)
{
	struct probe_open_how how = { N(av[1]), ac > 2 ? N(av[2]) : 0, 0 };
	ret_num(r, SC4(SYS_openat2, FDCWD, av[0], &how, sizeof how));
}

static void read_common(char **av, res_t *r, int keep)
{
	int fd = open(av[0], O_RDONLY);
	if (fd < 0) {
		fail(r);
		return;
	}
	size_t total = 0, cap = 0;
	char *buf = NULL, tmp[8192];
	for (;;) {
		ssize_t n = read(fd, tmp, sizeof tmp);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fail(r);
			break;
		}
		if (n == 0)
			break;
		if (keep) {
			if (total + (size_t)n > cap) {
				cap = (cap + (size_t)n) * 2;
				char *nb = realloc(buf, cap);
				if (!nb) {
					fail_errno(r, ENOMEM);
					break;
				}
				buf = nb;
			}
			memcpy(buf + total, tmp, (size_t)n);
		}
		total += (size_t)n;
	}
	close(fd);
	if (r->err) {
		free(buf);
		return;
	}
	set_val(r, "%zu", total);
	if (keep && total) {
		/* keep the next step's line on a line of its own */
		if (buf[total - 1] != '\n') {
			if (total == cap) {
				char *nb = realloc(buf, cap + 1);
				if (!nb) {
					free(buf);
					fail_errno(r, ENOMEM);
					return;
				}
				buf = nb;
			}
			buf[total] = '\n';
			r->extralen = total + 1;
		} else {
			r->extralen = total;
		}
		r->extra = buf;
	} else {
		free(buf);
	}
}
static void op_read(int ac, char **av, res_t *r) { (void)ac; read_common(av, r, 0); }
static void op_cat(int ac, char **av, res_t *r) { (void)ac; read_common(av, r, 1); }

static void write_common(char **av, res_t *r, int flags)
{
	int fd = open(av[0], flags);
	if (fd < 0) {
		fail(r);
		return;
	}
	size_t len = strlen(av[1]);
	ssize_t n = write(fd, av[1], len);
	if (n < 0)
		fail(r);
	else
		set_val(r, "%zd", n);
	close(fd);
}
static void op_write(int ac, char **av, res_t *r)
{
	(void)ac;
	write_common(av, r, O_WRONLY | O_TRUNC);
}
static void op_append(int ac, char **av, res_t *r)
{
	(void)ac;
	write_common(av, r, O_WRONLY | O_APPEND);
}

static void op_stat(int ac, char **av, res_t *r)
{
	struct stat st;
	(void)ac;
	ret_void(r, SC4(SYS_newfstatat, FDCWD, av[0], &st, 0));
}
static void op_lstat(int ac, char **av, res_t *r)
{
	struct stat st;
	(void)ac;
	ret_void(r, SC2(SYS_lstat, av[0], &st));
}
static void op_stat_legacy(int ac, char **av, res_t *r)
{
	struct stat st;
	(void)ac;
	ret_void(r, SC2(SYS_stat, av[0], &st));
}
static void op_access(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_void(r, SC2(SYS_access, av[0], N(av[1])));
}
static void op_fstat(int ac, char **av, res_t *r)
{
	struct stat st;
	(void)ac;
	if (fstat((int)N(av[0]), &st) != 0)
		fail(r);
}
static void op_fstat_raw(int ac, char **av, res_t *r)
{
	struct stat st;
	(void)ac;
	ret_void(r, SC2(SYS_fstat, N(av[0]), &st));
}
static void op_fstatat_empty(int ac, char **av, res_t *r)
{
	struct stat st;
	(void)ac;
	ret_void(r, SC4(SYS_newfstatat, N(av[0]), "", &st, AT_EMPTY_PATH));
}
static void op_statx_empty(int ac, char **av, res_t *r)
{
	struct statx stx;
	(void)ac;
	ret_void(r, SC5(SYS_statx, N(av[0]), "", AT_EMPTY_PATH, STATX_BASIC_STATS,
			&stx));
}
static void op_statx(int ac, char **av, res_t *r)
{
	struct statx stx;
	(void)ac;
	ret_void(r, SC5(SYS_statx, FDCWD, av[0], 0, STATX_BASIC_STATS, &stx));
}

struct probe_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};
static void op_getdents(int ac, char **av, res_t *r)
{
	(void)ac;
	long fd = SC4(SYS_openat, FDCWD, av[0], O_RDONLY | O_DIRECTORY, 0);
	if (!chk(r, fd))
		return;
	char buf[32768] __attribute__((aligned(8)));
	long count = 0;
	for (;;) {
		long n = SC3(SYS_getdents64, fd, buf, sizeof buf);
		if (n == -1) {
			fail(r);
			break;
		}
		if (n == 0)
			break;
		for (long off = 0; off < n;) {
			struct probe_dirent64 *d = (struct probe_dirent64 *)(buf + off);
			count++;
			off += d->d_reclen;
		}
	}
	SC1(SYS_close, fd);
	if (!r->err)
		set_val(r, "%ld", count);
}

static void op_getcwd(int ac, char **av, res_t *r)
{
	char buf[PATH_MAX + 1];
	(void)ac;
	(void)av;
	if (chk(r, SC2(SYS_getcwd, buf, sizeof buf)))
		set_val(r, "%s", buf);
}
static void op_chdir(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_void(r, SC1(SYS_chdir, av[0]));
}
/* The classic way out of a chroot: chroot into a subdirectory (the working directory is
 * left outside it), climb with chdir(".."), chroot("."), then read PATH from the real root. */
static void op_chroot_escape(int ac, char **av, res_t *r)
{
	(void)ac;
	SC3(SYS_mkdirat, FDCWD, "chroot-escape.d", 0755);
	if (SC1(SYS_chroot, "chroot-escape.d") < 0) {
		fail(r);
		return;
	}
	for (int i = 0; i < 64; i++)
		SC1(SYS_chdir, "..");
	if (SC1(SYS_chroot, ".") < 0) {
		fail(r);
		return;
	}
	read_common(av, r, 1);
}
static void op_mkdir(int ac, char **av, res_t *r)
{
	ret_void(r, SC3(SYS_mkdirat, FDCWD, av[0], ac > 1 ? N(av[1]) : 0755));
}
static void op_rmdir(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_void(r, SC3(SYS_unlinkat, FDCWD, av[0], AT_REMOVEDIR));
}
static void op_unlink(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_void(r, SC3(SYS_unlinkat, FDCWD, av[0], 0));
}
static void op_unlink_legacy(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_void(r, SC1(SYS_unlink, av[0]));
}
static void op_rename(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_void(r, SC5(SYS_renameat2, FDCWD, av[0], FDCWD, av[1], 0));
}
static void op_rename_legacy(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_void(r, SC2(SYS_rename, av[0], av[1]));
}
static void op_link(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_void(r, SC5(SYS_linkat, FDCWD, av[0], FDCWD, av[1], 0));
}
static void op_symlink(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_void(r, SC3(SYS_symlinkat, av[0], FDCWD, av[1]));
}
static void op_mkfifo(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_void(r, SC4(SYS_mknodat, FDCWD, av[0], S_IFIFO | 0644, 0));
}
static void op_truncate(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_void(r, SC2(SYS_truncate, av[0], N(av[1])));
}
static void op_ftruncate(int ac, char **av, res_t *r)
{
	(void)ac;
	long fd = SC4(SYS_openat, FDCWD, av[0], O_WRONLY, 0);
	if (!chk(r, fd))
		return;
	ret_void(r, SC2(SYS_ftruncate, fd, N(av[1])));
	SC1(SYS_close, fd);
}
static void op_open_trunc(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_num(r, SC4(SYS_openat, FDCWD, av[0], O_WRONLY | O_TRUNC, 0));
}
static void op_chmod(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_void(r, SC2(SYS_chmod, av[0], N(av[1])));
}
static void op_fchmod(int ac, char **av, res_t *r)
{
	(void)ac;
	long fd = SC4(SYS_openat, FDCWD, av[0], O_RDONLY, 0);
	if (!chk(r, fd))
		return;
	ret_void(r, SC2(SYS_fchmod, fd, N(av[1])));
	SC1(SYS_close, fd);
}
static void op_fchmodat(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_void(r, SC3(SYS_fchmodat, FDCWD, av[0], N(av[1])));
}
static void op_chown(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_void(r, SC3(SYS_chown, av[0], N(av[1]), N(av[2])));
}
static void op_fchown(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_void(r, SC3(SYS_fchown, N(av[0]), N(av[1]), N(av[2])));
}
static void op_utimensat(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_void(r, SC4(SYS_utimensat, FDCWD, av[0], NULL, 0));
}
static void op_flock(int ac, char **av, res_t *r)
{
	(void)ac;
	long fd = SC4(SYS_openat, FDCWD, av[0], O_RDONLY, 0);
	if (!chk(r, fd))
		return;
	/* the fd stays open so the lock is held until the probe exits */
	if (!chk(r, SC2(SYS_flock, fd, LOCK_EX | LOCK_NB)))
		SC1(SYS_close, fd);
}
static void op_fcntl_lock(int ac, char **av, res_t *r)
{
	(void)ac;
	long fd = SC4(SYS_openat, FDCWD, av[0], O_RDWR, 0);
	if (!chk(r, fd))
		return;
	struct flock fl;
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (!chk(r, SC3(SYS_fcntl, fd, F_SETLK, &fl)))
		SC1(SYS_close, fd);
}

static int is_lock_cmd(unsigned long long c)
{
	return c == F_GETLK || c == F_SETLK || c == F_SETLKW || c == F_OFD_GETLK ||
	       c == F_OFD_SETLK || c == F_OFD_SETLKW;
}
static void op_fcntl(int ac, char **av, res_t *r)
{
	unsigned long long fd = N(av[0]), cmd = N(av[1]);
	if (is_lock_cmd(cmd)) {
		/* ARG = lock type (default F_RDLCK); a struct flock covering
		 * the whole file is passed. */
		struct flock fl;
		memset(&fl, 0, sizeof fl);
		fl.l_type = (short)(ac > 2 ? N(av[2]) : F_RDLCK);
		fl.l_whence = SEEK_SET;
		long v = SC3(SYS_fcntl, fd, cmd, &fl);
		if (!chk(r, v))
			return;
		if (cmd == F_GETLK || cmd == F_OFD_GETLK)
			set_val(r, "%ld %s %ld", v,
				fl.l_type == F_UNLCK   ? "F_UNLCK"
				: fl.l_type == F_RDLCK ? "F_RDLCK"
						       : "F_WRLCK",
				(long)fl.l_pid);
		else
			set_val(r, "%ld", v);
		return;
	}
	ret_num(r, SC3(SYS_fcntl, fd, cmd, ac > 2 ? N(av[2]) : 0));
}
static void op_ioctl(int ac, char **av, res_t *r)
{
	char buf[256];
	memset(buf, 0, sizeof buf);
	long arg = ac > 2 ? (long)N(av[2]) : (long)buf;
	ret_num(r, SC3(SYS_ioctl, N(av[0]), N(av[1]), arg));
}
static void op_tiocsti(int ac, char **av, res_t *r)
{
	char c = ' ';
	unsigned long long high = ac > 1 ? N(av[1]) : 0;
	unsigned long long req = ((high & 0xffffffffULL) << 32) | TIOCSTI;
	ret_num(r, SC3(SYS_ioctl, N(av[0]), req, &c));
}
static void op_isatty(int ac, char **av, res_t *r)
{
	char eb[32];
	(void)ac;
	errno = 0;
	if (isatty((int)N(av[0])))
		set_val(r, "1");
	else
		set_val(r, "0 %s", errname(errno, eb, sizeof eb));
}

/* ------------------------------------------------------------------ */
/* Memory                                                              */

static void op_mmap(int ac, char **av, res_t *r)
{
	(void)ac;
	unsigned long long prot = N(av[0]), flags = N(av[1]);
	if (!(flags & MAP_ANONYMOUS))
		flags |= MAP_ANONYMOUS;
	long v = SC6(SYS_mmap, 0, 4096, prot, flags, I32(-1), 0);
	if (chk(r, v))
		set_val(r, "0x%lx", (unsigned long)v);
}
static void op_mmap_file(int ac, char **av, res_t *r)
{
	(void)ac;
	long fd = SC4(SYS_openat, FDCWD, av[0], O_RDONLY, 0);
	if (!chk(r, fd))
		return;
	long v = SC6(SYS_mmap, 0, 4096, N(av[1]), MAP_PRIVATE, fd, 0);
	if (chk(r, v))
		set_val(r, "0x%lx", (unsigned long)v);
	SC1(SYS_close, fd);
}
static long anon_rw_page(res_t *r)
{
	long v = SC6(SYS_mmap, 0, 4096, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, I32(-1), 0);
	return chk(r, v) ? v : 0;
}
static void op_mprotect(int ac, char **av, res_t *r)
{
	(void)ac;
	long a = anon_rw_page(r);
	if (a)
		ret_void(r, SC3(SYS_mprotect, a, 4096, N(av[0])));
}
static void op_pkey_mprotect(int ac, char **av, res_t *r)
{
	(void)ac;
	long a = anon_rw_page(r);
	if (a)
		ret_void(r, SC4(SYS_pkey_mprotect, a, 4096, N(av[0]), I32(-1)));
}

/* ------------------------------------------------------------------ */
/* Network                                                             */

static void op_socket(int ac, char **av, res_t *r)
{
	ret_num(r, SC3(SYS_socket, N(av[0]), N(av[1]), ac > 2 ? N(av[2]) : 0));
}
static int mk_pair(res_t *r, int type, int sv[2])
{
	return chk(r, SC4(SYS_socketpair, AF_UNIX, type, 0, sv));
}
static void close_pair(int sv[2])
{
	SC1(SYS_close, sv[0]);
	SC1(SYS_close, sv[1]);
}
static void op_socketpair(int ac, char **av, res_t *r)
{
	int sv[2];
	(void)ac;
	(void)av;
	if (mk_pair(r, SOCK_DGRAM, sv))
		set_val(r, "%d,%d", sv[0], sv[1]);
}
static void op_sendto_null(int ac, char **av, res_t *r)
{
	int sv[2];
	(void)ac;
	(void)av;
	if (!mk_pair(r, SOCK_DGRAM, sv))
		return;
	ret_num(r, SC6(SYS_sendto, sv[0], "x", 1, 0, NULL, 0));
	close_pair(sv);
}
static void op_sendto_addr(int ac, char **av, res_t *r)
{
	int sv[2];
	struct sockaddr_un sa;
	(void)ac;
	(void)av;
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	if (!mk_pair(r, SOCK_DGRAM, sv))
		return;
	ret_num(r, SC6(SYS_sendto, sv[0], "x", 1, 0, &sa, sizeof(sa_family_t)));
	close_pair(sv);
}
static void op_sendto_highnull(int ac, char **av, res_t *r)
{
	int sv[2];
	(void)ac;
	(void)av;
	if (!mk_pair(r, SOCK_DGRAM, sv))
		return;
	ret_num(r, SC6(SYS_sendto, sv[0], "x", 1, 0, 0x100000000UL, 0));
	close_pair(sv);
}
static void op_setsockopt(int ac, char **av, res_t *r)
{
	int sv[2], one = 1;
	(void)ac;
	if (!mk_pair(r, SOCK_STREAM, sv))
		return;
	ret_void(r, SC5(SYS_setsockopt, sv[0], N(av[0]), N(av[1]), &one,
			sizeof one));
	close_pair(sv);
}
static void op_getsockopt(int ac, char **av, res_t *r)
{
	int sv[2], v = 0;
	socklen_t len = sizeof v;
	(void)ac;
	if (!mk_pair(r, SOCK_STREAM, sv))
		return;
	if (chk(r, SC5(SYS_getsockopt, sv[0], N(av[0]), N(av[1]), &v, &len)))
		set_val(r, "%d", v);
	close_pair(sv);
}

static void inet_bind_common(unsigned long long port, int do_listen, res_t *r)
{
	long fd = SC3(SYS_socket, AF_INET, SOCK_STREAM, 0);
	if (!chk(r, fd))
		return;
	struct sockaddr_in sa;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (do_listen) {
		int one = 1;
		if (!chk(r, SC5(SYS_setsockopt, fd, SOL_SOCKET, SO_REUSEADDR, &one,
				sizeof one)))
			goto bad;
	}
	if (!chk(r, SC3(SYS_bind, fd, &sa, sizeof sa)))
		goto bad;
	if (do_listen && !chk(r, SC2(SYS_listen, fd, 16)))
		goto bad;
	if (port == 0) {
		socklen_t sl = sizeof sa;
		if (!chk(r, SC3(SYS_getsockname, fd, &sa, &sl)))
			goto bad;
		set_val(r, "%ld:%u", fd, (unsigned)ntohs(sa.sin_port));
	} else {
		set_val(r, "%ld", fd);
	}
	return;
bad:
	SC1(SYS_close, fd);
}
static void op_tcp_listen(int ac, char **av, res_t *r)
{
	(void)ac;
	inet_bind_common(N(av[0]), 1, r);
}
static void op_bind_inet(int ac, char **av, res_t *r)
{
	(void)ac;
	inet_bind_common(N(av[0]), 0, r);
}
static void op_tcp_connect(int ac, char **av, res_t *r)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	(void)ac;
	if (parse_host(av[0], (unsigned)N(av[1]), &ss, &sl))
		usage_error("bad host '%s'", av[0]);
	long fd = SC3(SYS_socket, ss.ss_family, SOCK_STREAM, 0);
	if (!chk(r, fd))
		return;
	if (chk(r, SC3(SYS_connect, fd, &ss, sl)))
		set_val(r, "%ld", fd);
	else
		SC1(SYS_close, fd);
}
static void op_udp_send(int ac, char **av, res_t *r)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	(void)ac;
	if (parse_host(av[0], (unsigned)N(av[1]), &ss, &sl))
		usage_error("bad host '%s'", av[0]);
	long fd = SC3(SYS_socket, ss.ss_family, SOCK_DGRAM, 0);
	if (!chk(r, fd))
		return;
	ret_num(r, SC6(SYS_sendto, fd, "x", 1, 0, &ss, sl));
	SC1(SYS_close, fd);
}
/* PATH starting with '@' = abstract socket name */
static int mk_sun(const char *path, struct sockaddr_un *sa, socklen_t *len)
{
	size_t l = strlen(path);
	memset(sa, 0, sizeof *sa);
	sa->sun_family = AF_UNIX;
	if (l >= sizeof sa->sun_path)
		return -1;
	memcpy(sa->sun_path, path, l);
	if (path[0] == '@') {
		sa->sun_path[0] = 0;
		*len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + l);
	} else {
		*len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + l + 1);
	}
	return 0;
}
static void op_unix_connect(int ac, char **av, res_t *r)
{
	struct sockaddr_un sa;
	socklen_t sl;
	(void)ac;
	if (mk_sun(av[0], &sa, &sl)) {
		fail_errno(r, ENAMETOOLONG);
		return;
	}
	long fd = SC3(SYS_socket, AF_UNIX, SOCK_STREAM, 0);
	if (!chk(r, fd))
		return;
	if (chk(r, SC3(SYS_connect, fd, &sa, sl)))
		set_val(r, "%ld", fd);
	else
		SC1(SYS_close, fd);
}
/* Connect to PATH, send TEXT (plus a newline unless it ends with one), shut
 * down the sending side and read the reply until the peer closes (at most 30 s
 * of silence: ETIMEDOUT); the reply is the value, escaped onto one line. */
static void op_unix_chat(int ac, char **av, res_t *r)
{
	struct sockaddr_un sa;
	socklen_t sl;
	static char reply[VALMAX / 4];
	size_t got = 0;
	(void)ac;
	if (mk_sun(av[0], &sa, &sl)) {
		fail_errno(r, ENAMETOOLONG);
		return;
	}
	long fd = SC3(SYS_socket, AF_UNIX, SOCK_STREAM, 0);
	if (!chk(r, fd))
		return;
	if (!chk(r, SC3(SYS_connect, fd, &sa, sl)))
		goto out;
	/* A peer that answers and closes before reading everything (a server
	 * refusing the connection) makes sending fail with EPIPE (no SIGPIPE):
	 * its answer is still there to read. */
	size_t len = strlen(av[1]);
	const char *p = av[1];
	int nl = !len || p[len - 1] != '\n';
	while (len > 0) {
		long n = SC6(SYS_sendto, fd, p, len, MSG_NOSIGNAL, NULL, 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && errno == EPIPE)
			break;
		if (!chk(r, n))
			goto out;
		p += n;
		len -= (size_t)n;
		if (!len && nl) {
			p = "\n";
			len = 1;
			nl = 0;
		}
	}
	SC2(SYS_shutdown, fd, SHUT_WR);
	for (;;) {
		struct pollfd pfd = { .fd = (int)fd, .events = POLLIN };
		struct timespec ts = { .tv_sec = 30 };
		long n = SC5(SYS_ppoll, &pfd, 1, &ts, NULL, 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (!chk(r, n))
			goto out;
		if (n == 0) {
			fail_errno(r, ETIMEDOUT);
			goto out;
		}
		if (got == sizeof reply)
			break;
		n = SC3(SYS_read, fd, reply + got, sizeof reply - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && errno == ECONNRESET)
			break;
		if (!chk(r, n))
			goto out;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	char *o = r->val;
	for (size_t i = 0; i < got && o < r->val + sizeof r->val - 5; i++) {
		unsigned char c = (unsigned char)reply[i];
		if (c == '\n') {
			*o++ = '\\';
			*o++ = 'n';
		} else if (c == '\\') {
			*o++ = '\\';
			*o++ = '\\';
		} else if (c < 0x20 || c > 0x7e) {
			o += snprintf(o, 5, "\\x%02x", c);
		} else {
			*o++ = (char)c;
		}
	}
	*o = 0;
	r->hasval = 1;
out:
	SC1(SYS_close, fd);
}
static void op_unix_listen(int ac, char **av, res_t *r)
{
	struct sockaddr_un sa;
	socklen_t sl;
	(void)ac;
	if (mk_sun(av[0], &sa, &sl)) {
		fail_errno(r, ENAMETOOLONG);
		return;
	}
	long fd = SC3(SYS_socket, AF_UNIX, SOCK_STREAM, 0);
	if (!chk(r, fd))
		return;
	if (chk(r, SC3(SYS_bind, fd, &sa, sl)) && chk(r, SC2(SYS_listen, fd, 16)))
		set_val(r, "%ld", fd);
	else
		SC1(SYS_close, fd);
}
static void op_netlink_route(int ac, char **av, res_t *r)
{
	(void)ac;
	(void)av;
	ret_num(r, SC3(SYS_socket, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
		       NETLINK_ROUTE));
}

/* ------------------------------------------------------------------ */
/* Processes and signals                                               */

static void op_getpid(int ac, char **av, res_t *r)
{
	(void)ac;
	(void)av;
	ret_num(r, SC0(SYS_getpid));
}
static void op_getppid(int ac, char **av, res_t *r)
{
	(void)ac;
	(void)av;
	ret_num(r, SC0(SYS_getppid));
}
static void op_gettid(int ac, char **av, res_t *r)
{
	(void)ac;
	(void)av;
	ret_num(r, SC0(SYS_gettid));
}
static void op_sid(int ac, char **av, res_t *r)
{
	(void)ac;
	(void)av;
	long pid = SC0(SYS_getpid);
	long pg = SC1(SYS_getpgid, 0);
	if (!chk(r, pg))
		return;
	long sid = SC1(SYS_getsid, 0);
	if (!chk(r, sid))
		return;
	set_val(r, "pid=%ld,pgid=%ld,sid=%ld", pid, pg, sid);
}
static void op_kill(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_void(r, SC2(SYS_kill, PID(av[0], 0), N(av[1])));
}

static volatile sig_atomic_t g_caught;
static void on_signal(int sig) { g_caught = sig; }
static void catch_signal(int sig)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}
static void op_tgkill_self(int ac, char **av, res_t *r)
{
	(void)ac;
	unsigned long long sig = N(av[0]);
	catch_signal(SIGUSR1);
	if (sig > 0 && sig < 65 && sig != SIGKILL && sig != SIGSTOP &&
	    sig != SIGSYS && sig != SIGUSR1)
		catch_signal((int)sig);
	ret_void(r, SC3(SYS_tgkill, SC0(SYS_getpid), SC0(SYS_gettid), sig));
}
static void op_tkill(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_void(r, SC2(SYS_tkill, PID(av[0], 1), N(av[1])));
}

static void wait_child(res_t *r, long pid)
{
	int st = 0;
	long w;
	do
		w = SC4(SYS_wait4, pid, &st, __WALL, NULL);
	while (w == -1 && errno == EINTR);
	if (!chk(r, w))
		return;
	status_str(st, r->val, sizeof r->val);
	r->hasval = 1;
}

/* clone/clone3/fork whose child exits immediately with exit(0) without
 * touching its stack (safe even with CLONE_VM and no new stack).
 * Returns the raw kernel result (-errno on failure). */
static long clone_exit_child(long nr, long a0, long a1)
{
	long ret;
	register long r10 __asm__("r10") = 0;
	register long r8 __asm__("r8") = 0;
	__asm__ volatile("syscall\n\t"
			 "testq %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "movl $60, %%eax\n\t" /* SYS_exit */
			 "xorl %%edi, %%edi\n\t"
			 "syscall\n\t"
			 "hlt\n\t"
			 "1:\n\t"
			 : "=a"(ret)
			 : "0"(nr), "D"(a0), "S"(a1), "d"(0L), "r"(r10), "r"(r8)
			 : "rcx", "r11", "memory", "cc");
	return ret;
}
static void clone_finish(res_t *r, long ret, unsigned long long flags)
{
	if (ret < 0 && ret > -4096) {
		fail_errno(r, (int)-ret);
		return;
	}
	if (flags & 0x10000ULL) { /* CLONE_THREAD: cannot be waited for */
		set_val(r, "thread:%ld", ret);
		return;
	}
	wait_child(r, ret);
}

static void op_fork(int ac, char **av, res_t *r)
{
	(void)ac;
	(void)av;
	long pid = SC0(SYS_fork);
	if (pid == 0) {
		SC1(SYS_exit_group, 0);
		_exit(0);
	}
	if (chk(r, pid))
		wait_child(r, pid);
}
static void op_vfork(int ac, char **av, res_t *r)
{
	(void)ac;
	(void)av;
	pid_t pid = vfork();
	if (pid == 0)
		_exit(0);
	if (pid < 0) {
		fail(r);
		return;
	}
	wait_child(r, pid);
}
static void op_clone(int ac, char **av, res_t *r)
{
	(void)ac;
	unsigned long long flags = N(av[0]) | SIGCHLD;
	clone_finish(r, clone_exit_child(SYS_clone, (long)flags, 0), flags);
}
struct probe_clone_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
		stack_size, tls, set_tid, set_tid_size, cgroup;
};
static void op_clone3(int ac, char **av, res_t *r)
{
	struct probe_clone_args ca;
	int pidfd = -1;
	pid_t ptid = 0;
	memset(&ca, 0, sizeof ca);
	ca.flags = ac > 0 ? N(av[0]) : 0;
	ca.exit_signal = SIGCHLD;
	ca.pidfd = (uint64_t)(uintptr_t)&pidfd;
	ca.parent_tid = (uint64_t)(uintptr_t)&ptid;
	if (ca.flags & 0x10000ULL) /* CLONE_THREAD requires exit_signal 0 */
		ca.exit_signal = 0;
	clone_finish(r, clone_exit_child(SYS_clone3, (long)&ca, sizeof ca),
		     ca.flags);
}
static void op_unshare(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_void(r, SC1(SYS_unshare, N(av[0])));
}
static void *thread_getpid(void *p)
{
	(void)p;
	SC0(SYS_getpid);
	return NULL;
}
static void op_thread(int ac, char **av, res_t *r)
{
	pthread_t t;
	(void)ac;
	(void)av;
	int e = pthread_create(&t, NULL, thread_getpid, NULL);
	if (e) {
		fail_errno(r, e);
		return;
	}
	e = pthread_join(t, NULL);
	if (e)
		fail_errno(r, e);
	else
		set_val(r, "0");
}

struct tgroup {
	pthread_mutex_t m;
	pthread_cond_t c;
	int go;
	int quiet;
	int ac;
	char **av;
};
static void *threads_main(void *p)
{
	struct tgroup *g = p;
	char prefix[40];
	pthread_mutex_lock(&g->m);
	while (!g->go)
		pthread_cond_wait(&g->c, &g->m);
	pthread_mutex_unlock(&g->m);
	t_quiet = g->quiet;
	snprintf(prefix, sizeof prefix, "[%ld] ", SC0(SYS_gettid));
	if (!do_step(prefix, g->ac, g->av))
		g_nested_fail = 1;
	return NULL;
}
static void op_threads(int ac, char **av, res_t *r)
{
	unsigned long long n = N(av[0]), made = 0;
	if (n > 4096) {
		fail_errno(r, EINVAL);
		return;
	}
	struct tgroup g = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0,
			    t_quiet, ac - 1, av + 1 };
	pthread_t *t = calloc(n ? n : 1, sizeof *t);
	if (!t) {
		fail_errno(r, ENOMEM);
		return;
	}
	for (; made < n; made++) {
		int e = pthread_create(&t[made], NULL, threads_main, &g);
		if (e) {
			fail_errno(r, e);
			break;
		}
	}
	pthread_mutex_lock(&g.m);
	g.go = 1;
	pthread_cond_broadcast(&g.c);
	pthread_mutex_unlock(&g.m);
	for (unsigned long long i = 0; i < made; i++)
		pthread_join(t[i], NULL);
	free(t);
}
static void op_forked(int ac, char **av, res_t *r)
{
	long pid = SC0(SYS_fork);
	if (pid == 0) {
		int ok = do_step("", ac, av);
		SC1(SYS_exit_group, ok ? 0 : 1);
		_exit(ok ? 0 : 1);
	}
	if (!chk(r, pid))
		return;
	wait_child(r, pid);
	if (!r->err && strcmp(r->val, "0"))
		g_nested_fail = 1;
}
static void op_exec(int ac, char **av, res_t *r)
{
	/* on the stack: no allocator syscalls before execve */
	char **nav = alloca(((size_t)ac + 1) * sizeof *nav);
	for (int i = 0; i < ac; i++)
		nav[i] = av[i];
	nav[ac] = NULL;
	SC3(SYS_execve, av[0], nav, environ);
	fail(r);
}
/* exec-env SPEC PATH [ARG...]: execve with the environment changed by SPEC:
 * "-" (empty), "NAME=VALUE" (set or replace), "NAME+=SUFFIX" (append to NAME's value). */
static void op_exec_env(int ac, char **av, res_t *r)
{
	size_t n = 0;
	while (environ && environ[n])
		n++;
	char **env = alloca((n + 2) * sizeof *env);
	char **nav = alloca((size_t)ac * sizeof *nav);
	for (int i = 1; i < ac; i++)
		nav[i - 1] = av[i];
	nav[ac - 1] = NULL;
	const char *spec = av[0];
	size_t k = 0;
	if (strcmp(spec, "-")) {
		const char *eq = strchr(spec, '=');
		if (!eq) {
			fail_errno(r, EINVAL);
			return;
		}
		int append = eq > spec && eq[-1] == '+';
		size_t name = (size_t)(eq - spec) - (size_t)append;
		char *entry = NULL;
		for (size_t i = 0; i < n; i++) {
			if (!strncmp(environ[i], spec, name) && environ[i][name] == '=') {
				if (append) {
					size_t a = strlen(environ[i]), b = strlen(eq + 1);
					entry = alloca(a + b + 1);
					memcpy(entry, environ[i], a);
					memcpy(entry + a, eq + 1, b + 1);
				}
				continue;
			}
			env[k++] = environ[i];
		}
		if (!entry) {
			size_t b = strlen(eq + 1);
			entry = alloca(name + b + 2);
			memcpy(entry, spec, name);
			entry[name] = '=';
			memcpy(entry + name + 1, eq + 1, b + 1);
		}
		env[k++] = entry;
	}
	env[k] = NULL;
	SC3(SYS_execve, av[1], nav, env);
	fail(r);
}
/* clobber-marker PATH: opens PATH over the descriptor that LD_AUDIT or LD_PRELOAD names
 * as /proc/self/fd/N (seccomp-pledge's loader marker), as a hostile program would. */
static void op_clobber_marker(int ac, char **av, res_t *r)
{
	(void)ac;
	const char *v = NULL;
	for (size_t i = 0; environ && environ[i]; i++) {
		if (!strncmp(environ[i], "LD_AUDIT=/proc/self/fd/", 23))
			v = environ[i] + 23;
		else if (!strncmp(environ[i], "LD_PRELOAD=/proc/self/fd/", 25))
			v = environ[i] + 25;
	}
	if (!v) {
		fail_errno(r, ENOENT);
		return;
	}
	long n = strtol(v, NULL, 10);
	long fd = SC4(SYS_openat, FDCWD, av[0], O_RDONLY, 0);
	if (!chk(r, fd))
		return;
	if (fd != n && !chk(r, SC3(SYS_dup2, fd, n, 0)))
		return;
	if (fd != n)
		SC1(SYS_close, fd);
	snprintf(r->val, sizeof r->val, "%ld", n);
}
static void op_execveat_empty(int ac, char **av, res_t *r)
{
	(void)ac;
	char *nav[2] = { av[0], NULL };
	long fd = SC4(SYS_openat, FDCWD, av[0], O_RDONLY | O_CLOEXEC, 0);
	if (!chk(r, fd))
		return;
	SC5(SYS_execveat, fd, "", nav, environ, AT_EMPTY_PATH);
	fail(r);
	SC1(SYS_close, fd);
}
static void op_setuid(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_void(r, SC1(SYS_setuid, N(av[0])));
}
static void op_setgid(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_void(r, SC1(SYS_setgid, N(av[0])));
}
static void fmt_rlim(char *buf, size_t n, const struct rlimit *rl)
{
	char a[32], b[32];
	if (rl->rlim_cur == RLIM_INFINITY)
		strcpy(a, "inf");
	else
		snprintf(a, sizeof a, "%llu", (unsigned long long)rl->rlim_cur);
	if (rl->rlim_max == RLIM_INFINITY)
		strcpy(b, "inf");
	else
		snprintf(b, sizeof b, "%llu", (unsigned long long)rl->rlim_max);
	snprintf(buf, n, "%s,%s", a, b);
}
static void op_setrlimit_nofile(int ac, char **av, res_t *r)
{
	(void)ac;
	struct rlimit rl = { N(av[0]), N(av[0]) };
	ret_void(r, SC4(SYS_prlimit64, 0, RLIMIT_NOFILE, &rl, NULL));
}
static void op_prlimit_get(int ac, char **av, res_t *r)
{
	struct rlimit rl;
	(void)ac;
	(void)av;
	if (chk(r, SC4(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &rl))) {
		fmt_rlim(r->val, sizeof r->val, &rl);
		r->hasval = 1;
	}
}
static void op_getrlimit(int ac, char **av, res_t *r)
{
	struct rlimit rl;
	(void)ac;
	if (chk(r, SC2(SYS_getrlimit, parse_rlimit(av[0]), &rl))) {
		fmt_rlim(r->val, sizeof r->val, &rl);
		r->hasval = 1;
	}
}
static void op_prctl(int ac, char **av, res_t *r)
{
	unsigned long long opt = N(av[0]);
	long a[4] = { 0, 0, 0, 0 };
	char name[64];
	int iv = 0;
	enum { V_RET, V_NAME, V_INT } how = V_RET;
	memset(name, 0, sizeof name);
	if (opt == PR_SET_NAME) {
		a[0] = (long)(ac > 1 ? av[1] : "probe");
	} else if (ac > 1) {
		a[0] = (long)N(av[1]);
	} else if (opt == PR_GET_NAME) {
		a[0] = (long)name;
		how = V_NAME;
	} else if (opt == PR_GET_PDEATHSIG || opt == PR_GET_CHILD_SUBREAPER) {
		a[0] = (long)&iv;
		how = V_INT;
	}
	for (int i = 2; i < ac && i < 5; i++)
		a[i - 1] = (long)N(av[i]);
	long v = SC5(SYS_prctl, opt, a[0], a[1], a[2], a[3]);
	if (!chk(r, v))
		return;
	if (how == V_NAME)
		set_val(r, "%s", name);
	else if (how == V_INT)
		set_val(r, "%d", iv);
	else
		set_val(r, "%ld", v);
}
static void op_setpriority(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_void(r, SC3(SYS_setpriority, PRIO_PROCESS, 0, N(av[0])));
}
static void op_getpriority(int ac, char **av, res_t *r)
{
	(void)ac;
	(void)av;
	ret_num(r, SC2(SYS_getpriority, PRIO_PROCESS, 0));
}
static void op_sched(int ac, char **av, res_t *r)
{
	static const char *names[] = { "OTHER", "FIFO",  "RR",      "BATCH",
				       "ISO",   "IDLE",  "DEADLINE", "EXT" };
	(void)ac;
	(void)av;
	long v = SC1(SYS_sched_getscheduler, 0);
	if (!chk(r, v))
		return;
	long p = v & ~(long)SCHED_RESET_ON_FORK;
	const char *suffix = (v & SCHED_RESET_ON_FORK) ? "|RESET_ON_FORK" : "";
	if (p >= 0 && p < 8)
		set_val(r, "%s%s", names[p], suffix);
	else
		set_val(r, "%ld%s", p, suffix);
}
static void op_ioprio(int ac, char **av, res_t *r)
{
	(void)ac;
	(void)av;
	ret_num(r, SC2(SYS_ioprio_get, 1 /* IOPRIO_WHO_PROCESS */, 0));
}
static void op_personality(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_num(r, SC1(SYS_personality, N(av[0])));
}
static void op_settimeofday(int ac, char **av, res_t *r)
{
	struct timeval tv;
	(void)ac;
	(void)av;
	if (gettimeofday(&tv, NULL) != 0) {
		fail(r);
		return;
	}
	ret_void(r, SC2(SYS_settimeofday, &tv, NULL));
}
static void op_ptrace_attach(int ac, char **av, res_t *r)
{
	(void)ac;
	long pid = PID(av[0], 0);
	if (!chk(r, SC4(SYS_ptrace, PTRACE_ATTACH, pid, 0, 0)))
		return;
	int st;
	long w;
	do
		w = SC4(SYS_wait4, pid, &st, __WALL, NULL);
	while (w == -1 && errno == EINTR);
	SC4(SYS_ptrace, PTRACE_DETACH, pid, 0, 0);
}
static void op_ptrace_traceme(int ac, char **av, res_t *r)
{
	(void)ac;
	(void)av;
	ret_void(r, SC4(SYS_ptrace, PTRACE_TRACEME, 0, 0, 0));
}
static void op_process_vm_readv(int ac, char **av, res_t *r)
{
	(void)ac;
	volatile unsigned long marker = 0x70726f6265UL; /* on our stack */
	char buf[8];
	struct iovec l = { buf, sizeof buf };
	struct iovec rv = { (void *)&marker, sizeof buf };
	ret_num(r, SC6(SYS_process_vm_readv, PID(av[0], 0), &l, 1, &rv, 1, 0));
}
static void op_pidfd_open(int ac, char **av, res_t *r)
{
	(void)ac;
	ret_num(r, SC2(SYS_pidfd_open, PID(av[0], 0), 0));
}

/* ------------------------------------------------------------------ */
/* Kernel guards                                                       */

static void op_x32_getpid(int ac, char **av, res_t *r)
{
	(void)ac;
	(void)av;
	ret_num(r, SC0(0x40000000L | 39));
}
static void op_int80_getpid(int ac, char **av, res_t *r)
{
	int ret;
	(void)ac;
	(void)av;
	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "0"(20) /* __NR_getpid on i386 */
			 : "memory", "cc", "r8", "r9", "r10", "r11");
	if (ret < 0 && ret >= -4095)
		fail_errno(r, -ret);
	else
		set_val(r, "%d", ret);
}
static void op_io_uring_setup(int ac, char **av, res_t *r)
{
	unsigned char params[120] __attribute__((aligned(8))); /* io_uring_params */
	(void)ac;
	(void)av;
	memset(params, 0, sizeof params);
	ret_num(r, SC2(SYS_io_uring_setup, 4, params));
}
static void op_memfd_create(int ac, char **av, res_t *r)
{
	ret_num(r, SC2(SYS_memfd_create, "probe", ac > 0 ? N(av[0]) : 0));
}
static void op_landlock_abi(int ac, char **av, res_t *r)
{
	(void)ac;
	(void)av;
	ret_num(r, SC3(SYS_landlock_create_ruleset, NULL, 0,
		       1 /* LANDLOCK_CREATE_RULESET_VERSION */));
}
/* A Landlock domain of the program's own: reading files is allowed beneath PATH only. */
static void op_landlock_nest(int ac, char **av, res_t *r)
{
	(void)ac;
	struct { unsigned long long fs, net, scoped; } attr = { 1ULL << 2 /* READ_FILE */, 0, 0 };
	struct __attribute__((packed)) { unsigned long long allowed; int fd; } rule;
	long rs = SC3(SYS_landlock_create_ruleset, &attr, sizeof attr, 0);
	if (rs < 0) {
		ret_num(r, rs);
		return;
	}
	rule.allowed = 1ULL << 2;
	rule.fd = (int)SC4(SYS_openat, FDCWD, av[0], O_PATH | O_CLOEXEC, 0);
	long e = SC4(445 /* landlock_add_rule */, rs, 1 /* PATH_BENEATH */, &rule, 0);
	if (e < 0) {
		ret_num(r, e);
		return;
	}
	ret_num(r, SC2(446 /* landlock_restrict_self */, rs, 0));
}

static void seccomp_common(res_t *r, unsigned long flags, int fdval)
{
	struct sock_filter insn[1] = {
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { 1, insn };
	SC5(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	long v = SC3(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &prog);
	if (fdval)
		ret_num(r, v);
	else
		ret_void(r, v);
}
static void op_seccomp_listener(int ac, char **av, res_t *r)
{
	(void)ac;
	(void)av;
	seccomp_common(r, SECCOMP_FILTER_FLAG_NEW_LISTENER, 1);
}
static void op_seccomp_filter(int ac, char **av, res_t *r)
{
	(void)ac;
	(void)av;
	seccomp_common(r, 0, 0);
}
static void op_bpf(int ac, char **av, res_t *r)
{
	unsigned char attr[64] __attribute__((aligned(8)));
	(void)ac;
	(void)av;
	memset(attr, 0, sizeof attr); /* prog_type 0, insn_cnt 0: invalid */
	ret_num(r, SC3(SYS_bpf, 5 /* BPF_PROG_LOAD */, attr, sizeof attr));
}
static void op_userfaultfd(int ac, char **av, res_t *r)
{
	(void)ac;
	(void)av;
	ret_num(r, SC1(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK));
}
static void op_perf_event_open(int ac, char **av, res_t *r)
{
	unsigned char attr[128] __attribute__((aligned(8)));
	(void)ac;
	(void)av;
	memset(attr, 0xff, sizeof attr);
	ret_num(r, SC5(SYS_perf_event_open, attr, 0, I32(-1), I32(-1), 0));
}
static void op_raw(int ac, char **av, res_t *r)
{
	static __thread char buf[4096];
	static __thread unsigned long long ptrs[6][8];
	long a[6] = { 0, 0, 0, 0, 0, 0 };
	memset(buf, 0, sizeof buf);
	memset(ptrs, 0, sizeof ptrs);
	for (int i = 1; i < ac && i < 7; i++) {
		if (!strncmp(av[i], "str:", 4))
			a[i - 1] = (long)(av[i] + 4);
		else if (!strcmp(av[i], "buf"))
			a[i - 1] = (long)buf;
		else if (!strncmp(av[i], "ptr:", 4)) {
			ptrs[i - 1][0] = N(av[i] + 4);
			a[i - 1] = (long)ptrs[i - 1];
		} else if (!strcmp(av[i], "self"))
			a[i - 1] = SC0(SYS_getpid);
		else
			a[i - 1] = (long)N(av[i]);
	}
	ret_num(r, syscall((long)N(av[0]), a[0], a[1], a[2], a[3], a[4], a[5]));
}

/* ------------------------------------------------------------------ */
/* Introspection                                                       */

static void op_status(int ac, char **av, res_t *r)
{
	static const char *keys[] = { "NoNewPrivs", "Seccomp", "Seccomp_filters",
				      "CapEff",     "CapBnd",  "CapInh",
				      "CapAmb",     "Cpus_allowed_list" };
	char buf[16384];
	size_t len = 0;
	(void)ac;
	(void)av;
	long fd = SC4(SYS_openat, FDCWD, "/proc/self/status", O_RDONLY, 0);
	if (!chk(r, fd))
		return;
	for (;;) {
		long n = SC3(SYS_read, fd, buf + len, sizeof buf - 1 - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			fail(r);
			SC1(SYS_close, fd);
			return;
		}
		if (n == 0 || len + (size_t)n >= sizeof buf - 1) {
			len += (size_t)(n > 0 ? n : 0);
			break;
		}
		len += (size_t)n;
	}
	SC1(SYS_close, fd);
	buf[len] = 0;
	char *o = r->val;
	size_t room = sizeof r->val;
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
		const char *v = "?";
		size_t vl = 1;
		size_t kl = strlen(keys[k]);
		for (char *line = buf; line && *line;) {
			char *nl = strchr(line, '\n');
			if (!strncmp(line, keys[k], kl) && line[kl] == ':') {
				char *p = line + kl + 1;
				while (*p == ' ' || *p == '\t')
					p++;
				v = p;
				vl = nl ? (size_t)(nl - p) : strlen(p);
				break;
			}
			line = nl ? nl + 1 : NULL;
		}
		int n = snprintf(o, room, "%s%s=%.*s", k ? "," : "", keys[k], (int)vl,
				 v);
		if (n < 0 || (size_t)n >= room)
			break;
		o += n;
		room -= (size_t)n;
	}
	r->hasval = 1;
}
static void op_fds(int ac, char **av, res_t *r)
{
	char *o = r->val;
	size_t room = sizeof r->val;
	(void)ac;
	(void)av;
	int first = 1;
	for (int fd = 0; fd < 1024; fd++) {
		if (SC2(SYS_fcntl, fd, F_GETFD) < 0)
			continue;
		int n = snprintf(o, room, "%s%d", first ? "" : ",", fd);
		if (n < 0 || (size_t)n >= room)
			break;
		o += n;
		room -= (size_t)n;
		first = 0;
	}
	r->hasval = !first;
}
static void op_argv(int ac, char **av, res_t *r)
{
	size_t cap = 64;
	for (int i = 0; i < ac; i++)
		cap += 32 + 2 * strlen(av[i]);
	char *e = malloc(cap), *o = e;
	if (!e) {
		fail_errno(r, ENOMEM);
		return;
	}
	for (int i = 0; i < ac; i++) {
		o += sprintf(o, "argv[%d]=", i);
		for (const unsigned char *p = (const unsigned char *)av[i]; *p; p++)
			o += sprintf(o, "%02x", *p);
		*o++ = '\n';
	}
	set_val(r, "%d", ac);
	r->extra = e;
	r->extralen = (size_t)(o - e);
}
static void op_env(int ac, char **av, res_t *r)
{
	(void)ac;
	const char *v = getenv(av[0]);
	if (!v)
		fail_errno(r, ENOENT);
	else
		set_val(r, "%s", v);
}
static void op_echo(int ac, char **av, res_t *r)
{
	(void)ac;
	set_val(r, "%s", av[0]);
}
static void op_sleep(int ac, char **av, res_t *r)
{
	(void)ac;
	unsigned long long ms = N(av[0]);
	struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000L };
	ret_void(r, SC2(SYS_nanosleep, &ts, NULL));
}
static void op_exit(int ac, char **av, res_t *r)
{
	(void)ac;
	(void)r;
	long code = (long)N(av[0]);
	SC1(SYS_exit_group, code);
	_exit((int)code);
}
static void op_pause(int ac, char **av, res_t *r)
{
	(void)ac;
	(void)av;
	ret_void(r, SC0(SYS_pause));
}
static void op_flood(int ac, char **av, res_t *r)
{
	unsigned long long n = N(av[0]);
	struct {
		int err;
		unsigned long long count;
	} tab[64];
	int ntab = 0;
	unsigned long long oks = 0, other = 0;
	res_t tr, *t = &tr;
	int was_quiet = t_quiet;
	t_quiet = 1; /* nested threads/forked lines are not printed either */
	for (unsigned long long i = 0; i < n; i++) {
		run_op(ac - 1, av + 1, t);
		free(t->extra);
		if (!t->err) {
			oks++;
			continue;
		}
		int j;
		for (j = 0; j < ntab; j++)
			if (tab[j].err == t->err)
				break;
		if (j == ntab) {
			if (ntab == 64) {
				other++;
				continue;
			}
			tab[ntab].err = t->err;
			tab[ntab++].count = 0;
		}
		tab[j].count++;
	}
	t_quiet = was_quiet;
	char *o = r->val, eb[32];
	size_t room = sizeof r->val;
	int w = 0;
	if (oks)
		w = snprintf(o, room, "ok=%llu", oks);
	for (int j = 0; j < ntab; j++) {
		o += w;
		room -= (size_t)w;
		w = snprintf(o, room, "%s%s=%llu", o == r->val ? "" : ",",
			     errname(tab[j].err, eb, sizeof eb), tab[j].count);
	}
	if (other) {
		o += w;
		room -= (size_t)w;
		snprintf(o, room, "%sother=%llu", o == r->val ? "" : ",", other);
	}
	r->hasval = r->val[0] != 0;
}
static void op_selfexe(int ac, char **av, res_t *r)
{
	char buf[PATH_MAX + 1];
	(void)ac;
	(void)av;
	long n = SC4(SYS_readlinkat, FDCWD, "/proc/self/exe", buf, PATH_MAX);
	if (!chk(r, n))
		return;
	buf[n] = 0;
	set_val(r, "%s", buf);
}

/* ------------------------------------------------------------------ */
/* The table                                                           */

static const struct op ops[] = {
	/* file system */
	{ "open", 2, "snn", 0, op_open, "PATH FLAGS [MODE]" },
	{ "open-legacy", 2, "snn", 0, op_open_legacy, "PATH FLAGS [MODE]" },
	{ "creat", 2, "sn", 0, op_creat, "PATH MODE" },
	{ "openat2", 2, "snn", 0, op_openat2, "PATH FLAGS [MODE]" },
	{ "read", 1, "s", 0, op_read, "PATH" },
	{ "cat", 1, "s", 0, op_cat, "PATH" },
	{ "write", 2, "ss", 0, op_write, "PATH DATA" },
	{ "append", 2, "ss", 0, op_append, "PATH DATA" },
	{ "stat", 1, "s", 0, op_stat, "PATH" },
	{ "lstat", 1, "s", 0, op_lstat, "PATH" },
	{ "stat-legacy", 1, "s", 0, op_stat_legacy, "PATH" },
	{ "access", 2, "sn", 0, op_access, "PATH MODE" },
	{ "fstat", 1, "n", 0, op_fstat, "FD" },
	{ "fstat-raw", 1, "n", 0, op_fstat_raw, "FD" },
	{ "fstatat-empty", 1, "n", 0, op_fstatat_empty, "FD" },
	{ "statx-empty", 1, "n", 0, op_statx_empty, "FD" },
	{ "statx", 1, "s", 0, op_statx, "PATH" },
	{ "getdents", 1, "s", 0, op_getdents, "PATH" },
	{ "getcwd", 0, "", 0, op_getcwd, "" },
	{ "chdir", 1, "s", 0, op_chdir, "PATH" },
	{ "chroot-escape", 1, "s", 0, op_chroot_escape, "PATH" },
	{ "mkdir", 1, "sn", 0, op_mkdir, "PATH [MODE]" },
	{ "rmdir", 1, "s", 0, op_rmdir, "PATH" },
	{ "unlink", 1, "s", 0, op_unlink, "PATH" },
	{ "unlink-legacy", 1, "s", 0, op_unlink_legacy, "PATH" },
	{ "rename", 2, "ss", 0, op_rename, "OLD NEW" },
	{ "rename-legacy", 2, "ss", 0, op_rename_legacy, "OLD NEW" },
	{ "link", 2, "ss", 0, op_link, "OLD NEW" },
	{ "symlink", 2, "ss", 0, op_symlink, "TARGET PATH" },
	{ "mkfifo", 1, "s", 0, op_mkfifo, "PATH" },
	{ "truncate", 2, "sn", 0, op_truncate, "PATH LEN" },
	{ "ftruncate", 2, "sn", 0, op_ftruncate, "PATH LEN" },
	{ "open-trunc", 1, "s", 0, op_open_trunc, "PATH" },
	{ "chmod", 2, "sn", 0, op_chmod, "PATH MODE" },
	{ "fchmod", 2, "sn", 0, op_fchmod, "PATH MODE" },
	{ "fchmodat", 2, "sn", 0, op_fchmodat, "PATH MODE" },
	{ "chown", 3, "snn", 0, op_chown, "PATH UID GID" },
	{ "fchown", 3, "nnn", 0, op_fchown, "FD UID GID" },
	{ "utimensat", 1, "s", 0, op_utimensat, "PATH" },
	{ "flock", 1, "s", 0, op_flock, "PATH" },
	{ "fcntl-lock", 1, "s", 0, op_fcntl_lock, "PATH" },
	{ "fcntl", 2, "nnn", 0, op_fcntl, "FD CMD [ARG]" },
	{ "ioctl", 2, "nnn", 0, op_ioctl, "FD REQ [ARG]" },
	{ "tiocsti", 1, "nn", 0, op_tiocsti, "FD [HIGH32]" },
	{ "isatty", 1, "n", 0, op_isatty, "FD" },
	/* memory */
	{ "mmap", 2, "nn", 0, op_mmap, "PROT FLAGS" },
	{ "mmap-file", 2, "sn", 0, op_mmap_file, "PATH PROT" },
	{ "mprotect", 1, "n", 0, op_mprotect, "PROT" },
	{ "pkey_mprotect", 1, "n", 0, op_pkey_mprotect, "PROT" },
	/* network */
	{ "socket", 2, "nnn", 0, op_socket, "DOMAIN TYPE [PROTO]" },
	{ "socketpair", 0, "", 0, op_socketpair, "" },
	{ "sendto-null", 0, "", 0, op_sendto_null, "" },
	{ "sendto-addr", 0, "", 0, op_sendto_addr, "" },
	{ "sendto-highnull", 0, "", 0, op_sendto_highnull, "" },
	{ "setsockopt", 2, "nn", 0, op_setsockopt, "LEVEL OPT" },
	{ "getsockopt", 2, "nn", 0, op_getsockopt, "LEVEL OPT" },
	{ "tcp-listen", 1, "n", 0, op_tcp_listen, "PORT" },
	{ "tcp-connect", 2, "hn", 0, op_tcp_connect, "HOST PORT" },
	{ "udp-send", 2, "hn", 0, op_udp_send, "HOST PORT" },
	{ "unix-connect", 1, "s", 0, op_unix_connect, "PATH" },
	{ "unix-chat", 2, "ss", 0, op_unix_chat, "PATH TEXT" },
	{ "unix-listen", 1, "s", 0, op_unix_listen, "PATH" },
	{ "bind-inet", 1, "n", 0, op_bind_inet, "PORT" },
	{ "netlink-route", 0, "", 0, op_netlink_route, "" },
	/* processes and signals */
	{ "getpid", 0, "", 0, op_getpid, "" },
	{ "getppid", 0, "", 0, op_getppid, "" },
	{ "gettid", 0, "", 0, op_gettid, "" },
	{ "sid", 0, "", 0, op_sid, "" },
	{ "kill", 2, "pn", 0, op_kill, "PID|self|parent|zero|all SIG" },
	{ "tgkill-self", 1, "n", 0, op_tgkill_self, "SIG" },
	{ "tkill", 2, "pn", 0, op_tkill, "TID|self SIG" },
	{ "fork", 0, "", 0, op_fork, "" },
	{ "vfork", 0, "", 0, op_vfork, "" },
	{ "clone", 1, "n", 0, op_clone, "FLAGS" },
	{ "clone3", 0, "n", 0, op_clone3, "[FLAGS]" },
	{ "unshare", 1, "n", 0, op_unshare, "FLAGS" },
	{ "thread", 0, "", 0, op_thread, "" },
	{ "threads", 2, "nO", 0, op_threads, "N OP [ARG...]" },
	{ "forked", 1, "O", 0, op_forked, "OP [ARG...]" },
	{ "exec", 1, "s*", OPF_REST, op_exec, "PATH [ARG...] (takes the rest of the command line)" },
	{ "execveat-empty", 1, "s", 0, op_execveat_empty, "PATH" },
	{ "exec-env", 2, "ss*", OPF_REST, op_exec_env, "SPEC PATH [ARG...] (SPEC: - | NAME=VALUE | NAME+=SUFFIX; takes the rest of the command line)" },
	{ "clobber-marker", 1, "s", 0, op_clobber_marker, "PATH" },
	{ "setuid", 1, "n", 0, op_setuid, "UID" },
	{ "setgid", 1, "n", 0, op_setgid, "GID" },
	{ "setrlimit-nofile", 1, "n", 0, op_setrlimit_nofile, "N" },
	{ "prlimit-get", 0, "", 0, op_prlimit_get, "" },
	{ "getrlimit", 1, "r", 0, op_getrlimit, "cpu|as|nofile|nproc|fsize|core|..." },
	{ "prctl", 1, "nXnnn", 0, op_prctl, "OPTION [ARG2 [ARG3 [ARG4 [ARG5]]]]" },
	{ "setpriority", 1, "n", 0, op_setpriority, "N" },
	{ "getpriority", 0, "", 0, op_getpriority, "" },
	{ "sched", 0, "", 0, op_sched, "" },
	{ "ioprio", 0, "", 0, op_ioprio, "" },
	{ "personality", 1, "n", 0, op_personality, "PERS" },
	{ "settimeofday", 0, "", 0, op_settimeofday, "" },
	{ "ptrace-attach", 1, "p", 0, op_ptrace_attach, "PID|parent" },
	{ "ptrace-traceme", 0, "", 0, op_ptrace_traceme, "" },
	{ "process_vm_readv", 1, "p", 0, op_process_vm_readv, "PID|self|parent" },
	{ "pidfd-open", 1, "p", 0, op_pidfd_open, "PID|self|parent" },
	/* kernel guards */
	{ "x32-getpid", 0, "", 0, op_x32_getpid, "" },
	{ "int80-getpid", 0, "", 0, op_int80_getpid, "" },
	{ "io_uring_setup", 0, "", 0, op_io_uring_setup, "" },
	{ "memfd_create", 0, "n", 0, op_memfd_create, "[FLAGS]" },
	{ "landlock-abi", 0, "", 0, op_landlock_abi, "" },
	{ "landlock-nest", 1, "s", 0, op_landlock_nest, "PATH (a domain of its own: read files beneath PATH only)" },
	{ "seccomp-listener", 0, "", 0, op_seccomp_listener, "" },
	{ "seccomp-filter", 0, "", 0, op_seccomp_filter, "" },
	{ "bpf", 0, "", 0, op_bpf, "" },
	{ "userfaultfd", 0, "", 0, op_userfaultfd, "" },
	{ "perf_event_open", 0, "", 0, op_perf_event_open, "" },
	{ "raw", 1, "nRRRRRR", 0, op_raw,
	  "NR [A0 ... A5] (A = number, str:TEXT, buf, ptr:NUM or self)" },
	/* introspection */
	{ "status", 0, "", 0, op_status, "" },
	{ "fds", 0, "", 0, op_fds, "" },
	{ "argv", 0, "*", OPF_REST, op_argv, "[ARG...] (takes the rest of the command line)" },
	{ "env", 1, "s", 0, op_env, "NAME" },
	{ "echo", 1, "s", 0, op_echo, "TEXT" },
	{ "sleep", 1, "n", 0, op_sleep, "MS" },
	{ "exit", 1, "n", 0, op_exit, "CODE" },
	{ "pause", 0, "", 0, op_pause, "" },
	{ "flood", 2, "nO", 0, op_flood, "N OP [ARG...]" },
	{ "selfexe", 0, "", 0, op_selfexe, "" },
};
static const size_t nops = sizeof ops / sizeof ops[0];

/* ------------------------------------------------------------------ */

static int is_sep(const char *s) { return !strcmp(s, "::"); }

/* Length of the step starting at argv[i] (op name included). */
static int step_len(int argc, char **argv, int i)
{
	const struct op *op = find_op(argv[i]);
	if (op && (op->flags & OPF_REST))
		return argc - i;
	int j = i;
	while (j < argc && !is_sep(argv[j]))
		j++;
	return j - i;
}

static void list_ops(void)
{
	char line[256];
	static const char head[] =
		"usage: probe STEP [:: STEP]...   STEP := OP ARG...\nops:\n";
	out_write(2, head, sizeof head - 1);
	for (size_t i = 0; i < nops; i++) {
		int n = snprintf(line, sizeof line, "  %s %s\n", ops[i].name,
				 ops[i].help);
		out_write(2, line, (size_t)n);
	}
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		list_ops();
		usage_error("no step given");
	}
	/* Pass 1: check the whole command line before running anything. */
	for (int i = 1; i < argc;) {
		if (is_sep(argv[i]))
			usage_error("empty step at argument %d", i);
		int n = step_len(argc, argv, i);
		validate_step(n, argv + i, 0);
		i += n;
		if (i < argc) { /* at a "::" */
			i++;
			if (i == argc)
				usage_error("trailing '::'");
		}
	}
	/* Pass 2: run. */
	int failed = 0;
	for (int i = 1; i < argc;) {
		int n = step_len(argc, argv, i);
		if (!do_step("", n, argv + i))
			failed = 1;
		i += n + 1;
	}
	if (g_nested_fail)
		failed = 1;
	return failed;
}
