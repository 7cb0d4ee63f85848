/*
 * seccomp-pledge's narrowing library, preloaded into dynamic programs.
 *
 * The sandbox starts a dynamic program under a "wide" filter: the promises the user asked
 * for plus `rpath prot_exec`, which the dynamic loader needs to open and map libraries.
 * This library's constructor runs first among all constructors (-z initfirst), once the
 * loader has mapped everything, and installs the "narrowing" filter that takes those extra
 * promises away again, so that the program itself runs with exactly the requested promises.
 *
 * It is freestanding (no libc: raw system calls only), so it loads into glibc and musl
 * programs alike. The launcher hands it over without files:
 *   LD_PRELOAD=/proc/self/fd/N          a sealed memfd holding this library
 *   SECCOMP_PLEDGE_FILTER=M             a sealed memfd holding the narrowing filter
 * The constructor removes both from the environment the program sees, closes both fds,
 * and installs a SIGSYS handler: the narrowing filter answers denied calls with
 * SECCOMP_RET_TRAP, and the handler reports them to the supervisor (through the report
 * syscall the wide filter forwards to it) and makes the call fail with the penalty errno.
 *
 * If anything goes wrong the program is not allowed to go on with the wider promises: the
 * constructor reports the failure and exits with status 125.
 *
 * Under `seccomp-pledge trace` (SECCOMP_PLEDGE_TRACE_MARK=1 instead of a filter) it only
 * marks, with the report syscall the tracer stops at, the point where `run` would narrow:
 * calls before it are the loader's, which the launcher grants by itself.
 */

#define SP_EXPORT __attribute__((visibility("default")))

typedef unsigned long u64;
typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;

#define SYS_pread64 17
#define SYS_close 3
#define SYS_rt_sigaction 13
#define SYS_rt_sigreturn 15
#define SYS_prctl 157
#define SYS_exit_group 231
#define REPORT_NR 400 /* keep in sync with compile::seccomp::REPORT_NR */

#define PR_SET_SECCOMP 22
#define SECCOMP_MODE_FILTER 2
#define SIGSYS 31
#define SA_SIGINFO 0x4
#define SA_RESTORER 0x04000000
#define SYS_SECCOMP 1 /* si_code of a seccomp SIGSYS */

/* Report codes, keep in sync with sandbox::supervise. */
#define REPORT_NARROWED 1
#define REPORT_DENIED 2
#define REPORT_FAILED 3
#define REPORT_TRACE_MARK 4 /* keep in sync with trace::engine::TRACE_MARK */

#define FILTER_MAGIC 0x31465053u /* "SPF1" */
#define MAX_INSNS 4096

static long sys6(long n, long a, long b, long c, long d, long e, long f)
{
	long ret;
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

#define sys1(n, a) sys6(n, (long)(a), 0, 0, 0, 0, 0)
#define sys3(n, a, b, c) sys6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define sys4(n, a, b, c, d) sys6(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)

struct sock_filter {
	u16 code;
	u8 jt;
	u8 jf;
	u32 k;
};

struct sock_fprog {
	u16 len;
	struct sock_filter *filter;
};

struct header {
	u32 magic;
	u32 count; /* instructions that follow */
	u32 flags; /* bit 0: the penalty kills the sandbox */
	u32 errno_; /* errno a denied call fails with */
};

struct kernel_sigaction {
	void *handler;
	u64 flags;
	void (*restorer)(void);
	u64 mask;
};

static struct {
	struct header h;
	struct sock_filter insns[MAX_INSNS];
} filter;

static char preload_rest[4096]; /* "LD_PRELOAD=" + what the user had preloaded */

static void report(long code, long a, long b, long c, long d, long e)
{
	sys6(REPORT_NR, code, a, b, c, d, e);
}

static void fail(long step, long err)
{
	report(REPORT_FAILED, step, -err, 0, 0, 0);
	for (;;)
		sys1(SYS_exit_group, 125);
}

/* rt_sigreturn trampoline for the SIGSYS handler (the kernel needs SA_RESTORER on x86_64). */
__asm__(".text\n"
	".align 16\n"
	".globl sp_restore_rt\n"
	".hidden sp_restore_rt\n"
	".type sp_restore_rt, @function\n"
	"sp_restore_rt:\n"
	"	mov $15, %rax\n"
	"	syscall\n");
void sp_restore_rt(void);

/* siginfo_t for SIGSYS: si_signo, si_errno, si_code, then {call_addr, syscall, arch}. */
struct sigsys_info {
	int signo;
	int errno_;
	int code;
	int pad;
	void *call_addr;
	int syscall;
	u32 arch;
};

/* x86_64 ucontext: uc_flags, uc_link, uc_stack (24 bytes), then gregs[23]. */
enum { R8 = 0, R9 = 1, R10 = 2, RDI = 8, RSI = 9, RDX = 12, RAX = 13 };
struct ucontext {
	u64 flags;
	void *link;
	u64 stack[3];
	long gregs[23];
};

static void on_sigsys(int sig, struct sigsys_info *info, struct ucontext *uc)
{
	(void)sig;
	if (info->code != SYS_SECCOMP)
		return;
	long *g = uc->gregs;
	/* The report carries the call; the supervisor prints it (and kills under -k). */
	report(REPORT_DENIED | ((long)info->syscall << 8), g[RDI], g[RSI], g[RDX], g[R10], g[R8]);
	long e = info->errno_ ? info->errno_ : (long)filter.h.errno_;
	g[RAX] = -e;
}

static int starts_with(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return 0;
	return 1;
}

static long parse_fd(const char *s)
{
	long n = 0;
	if (*s < '0' || *s > '9')
		return -1;
	while (*s >= '0' && *s <= '9')
		n = n * 10 + (*s++ - '0');
	return (*s == 0 || *s == ':') ? n : -1;
}

static void remove_entry(char **env, long i)
{
	for (; env[i]; i++)
		env[i] = env[i + 1];
}

extern char **environ __attribute__((weak));

/* glibc passes (argc, argv, envp) to constructors; musl passes nothing but has set environ. */
__attribute__((constructor)) static void sp_init(int argc, char **argv, char **envp)
{
	(void)argc;
	(void)argv;
	char **env = (&environ && environ) ? environ : envp;
	if (!env)
		return;
	long filter_fd = -1, lib_fd = -1, trace_mark = 0;
	for (long i = 0; env[i];) {
		if (starts_with(env[i], "SECCOMP_PLEDGE_TRACE_MARK=")) {
			trace_mark = 1;
			remove_entry(env, i);
			continue;
		}
		if (starts_with(env[i], "SECCOMP_PLEDGE_FILTER=")) {
			filter_fd = parse_fd(env[i] + 22);
			remove_entry(env, i);
			continue;
		}
		if (starts_with(env[i], "LD_PRELOAD=/proc/self/fd/")) {
			const char *v = env[i] + 25;
			lib_fd = parse_fd(v);
			while (*v && *v != ':')
				v++;
			if (*v == ':') {
				/* keep the user's own preloads */
				const char *k = "LD_PRELOAD=";
				long n = 0;
				while (k[n]) {
					preload_rest[n] = k[n];
					n++;
				}
				v++;
				while (*v && n < (long)sizeof preload_rest - 1)
					preload_rest[n++] = *v++;
				preload_rest[n] = 0;
				env[i] = preload_rest;
				i++;
			} else {
				remove_entry(env, i);
			}
			continue;
		}
		i++;
	}
	if (filter_fd < 0) {
		if (trace_mark) {
			if (lib_fd >= 0)
				sys1(SYS_close, lib_fd);
			report(REPORT_TRACE_MARK, 0, 0, 0, 0, 0);
		}
		return; /* not started by `seccomp-pledge run` */
	}

	long n = sys4(SYS_pread64, filter_fd, &filter, sizeof filter, 0);
	if (n < (long)sizeof filter.h || filter.h.magic != FILTER_MAGIC || filter.h.count == 0 ||
	    filter.h.count > MAX_INSNS ||
	    (unsigned long)n < sizeof filter.h + filter.h.count * sizeof(struct sock_filter))
		fail(1, n < 0 ? n : -22);
	sys1(SYS_close, filter_fd);
	if (lib_fd >= 0)
		sys1(SYS_close, lib_fd);

	struct kernel_sigaction act = {
		.handler = (void *)on_sigsys,
		.flags = SA_SIGINFO | SA_RESTORER,
		.restorer = sp_restore_rt,
		.mask = 0,
	};
	long r = sys4(SYS_rt_sigaction, SIGSYS, &act, 0, 8);
	if (r < 0)
		fail(2, r);
	struct sock_fprog prog = { .len = (u16)filter.h.count, .filter = filter.insns };
	r = sys3(SYS_prctl, PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
	if (r < 0)
		fail(3, r);
	report(REPORT_NARROWED, 0, 0, 0, 0, 0);
}

/* A symbol so that the object is never empty of exports (and can be recognised). */
SP_EXPORT const char seccomp_pledge_preload[] = "seccomp-pledge narrowing library";
