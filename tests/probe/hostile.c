/*
 * Hostile probes for tests/kernel/hostile.rs: code that runs where a program can place it
 * (an IFUNC resolver, an audit module, a constructor, a thread, its own "loader") and tries
 * to use promises the program was not given. Built several times with different -D flags:
 *
 *   -DSECRET='"/path"'   the file every attack tries to read (required)
 *   -DIFUNC_LIB          a library with an IFUNC resolver that attacks while it is relocated
 *   -DIFUNC_THREAD       with IFUNC_LIB: the resolver starts a raw thread that keeps attacking
 *   -DIFUNC_FORGE        with IFUNC_LIB: the resolver also forges a loader-marker report
 *   -DIFUNC_ENV          with IFUNC_LIB: the resolver also rewrites the environment strings
 *   -DCTOR_LIB           a library whose constructor attacks (build with -z initfirst or
 *                        preload it)
 *   -DAUDIT_LIB          a glibc audit module whose la_version attacks
 *   -DFAKE_LOADER        a static "dynamic loader" that attacks and exits (-nostdlib -static)
 *   -DMAIN               the program: links against the library (if any), attacks from main
 *                        and prints "main" first
 *
 * Every attack uses raw system calls (code in a resolver or an audit module cannot rely on
 * libc) and writes one line to stdout: "ESCAPED TAG CONTENT" when it read the secret,
 * "BLOCKED TAG ERRNO" when it could not.
 */

#ifndef SECRET
#error "SECRET must be defined"
#endif

typedef unsigned long u64;

static long sc6(long n, long a, long b, long c, long d, long e, long f)
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
#define sc3(n, a, b, c) sc6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)

static long slen(const char *s)
{
	long n = 0;
	while (s[n])
		n++;
	return n;
}

static void out(const char *s)
{
	sc3(1, 1, s, slen(s));
}

static void out_num(long v)
{
	char b[24];
	int i = 23;
	b[i] = 0;
	if (v < 0)
		v = -v;
	do {
		b[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	out(b + i);
}

/* Returns 1 when the secret was read. */
__attribute__((unused)) static int attack(const char *tag)
{
	long fd = sc6(257, -100, (long)SECRET, 0 /* O_RDONLY */, 0, 0, 0);
	if (fd < 0) {
		out("BLOCKED ");
		out(tag);
		out(" ");
		out_num(fd);
		out("\n");
		return 0;
	}
	char buf[128];
	long n = sc3(0, fd, buf, sizeof buf - 1);
	sc3(3, fd, 0, 0);
	if (n < 0)
		n = 0;
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == 0))
		n--;
	buf[n] = 0;
	out("ESCAPED ");
	out(tag);
	out(" ");
	out(buf);
	out("\n");
	return 1;
}

/* True in seccomp-pledge itself: a library preloaded from the environment (LD_PRELOAD,
 * LD_AUDIT) is loaded into the tool as well as into the program, and only the program is
 * under attack here. */
__attribute__((unused)) static int in_tool(void)
{
	long fd = sc6(257, -100, (long)"/proc/self/comm", 0, 0, 0, 0);
	if (fd < 0)
		return 0;
	char b[32];
	long n = sc3(0, fd, b, sizeof b);
	sc3(3, fd, 0, 0);
	const char *t = "seccomp-pledge\n";
	for (long i = 0; i < n; i++)
		if (b[i] != t[i])
			return 0;
	return n == slen(t);
}

#ifdef IFUNC_LIB

#ifdef IFUNC_THREAD
static char thread_stack[65536] __attribute__((aligned(16)));

static void thread_main(void)
{
	struct {
		long s, ns;
	} t = { 0, 20 * 1000 * 1000 };
	for (int i = 0; i < 40; i++) {
		if (attack("thread"))
			break;
		sc6(35, (long)&t, 0, 0, 0, 0, 0); /* nanosleep */
	}
	for (;;)
		sc6(60, 0, 0, 0, 0, 0, 0); /* exit this thread */
}

static void start_thread(void)
{
	/* CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM: a thread, on its own stack. */
	long flags = 0x100 | 0x200 | 0x400 | 0x800 | 0x10000 | 0x40000;
	long r;
	register long r10 __asm__("r10") = 0;
	register long r8 __asm__("r8") = 0;
	__asm__ volatile("syscall\n"
			 "test %%rax, %%rax\n"
			 "jnz 1f\n"
			 "call *%[fn]\n"
			 "1:\n"
			 : "=a"(r)
			 : "a"(56L), "D"(flags), "S"(thread_stack + sizeof thread_stack), "d"(0L),
			   "r"(r10), "r"(r8), [fn] "r"(thread_main)
			 : "rcx", "r11", "memory");
	(void)r;
}
#endif

#ifdef IFUNC_ENV
extern void *__libc_stack_end;
#endif

static int real_work(void)
{
	return 42;
}

static void *resolve_work(void)
{
	attack("ifunc");
#ifdef IFUNC_THREAD
	start_thread();
#endif
#ifdef IFUNC_FORGE
	/* A report the loader marker would send: "the loader is done". */
	sc6(400, 1, 0, 0, 0, 0, 0);
#endif
#ifdef IFUNC_ENV
	/* Rewrite every LD_* string in place. */
	long *sp = (long *)__libc_stack_end;
	char **env = (char **)(sp + 1 + sp[0] + 1);
	for (long i = 0; env[i]; i++)
		if (env[i][0] == 'L' && env[i][1] == 'D' && env[i][2] == '_')
			env[i][0] = 'X';
#endif
	return (void *)real_work;
}

int hostile_work(void) __attribute__((ifunc("resolve_work")));
#endif /* IFUNC_LIB */

#ifdef CTOR_LIB
__attribute__((constructor)) static void hostile_ctor(void)
{
	if (!in_tool())
		attack("ctor");
}
int hostile_work(void)
{
	return 42;
}
#endif

#ifdef AUDIT_LIB
__attribute__((visibility("default"))) unsigned int la_version(unsigned int v)
{
	if (!in_tool())
		attack("audit");
	return v;
}
#endif

#ifdef FAKE_LOADER
/* Built with -nostdlib -static: the kernel jumps here instead of into the real loader. */
__attribute__((force_align_arg_pointer)) void _start(void)
{
	attack("interp");
	for (;;)
		sc6(231, 0, 0, 0, 0, 0, 0);
}
#endif

#ifdef MAIN
#ifdef LINKED
int hostile_work(void);
#endif
int main(void)
{
	out("main\n");
#ifdef LINKED
	hostile_work();
#endif
	attack("main");
#ifdef WAIT
	struct {
		long s, ns;
	} t = { 1, 0 };
	sc6(35, (long)&t, 0, 0, 0, 0, 0);
#endif
	return 0;
}
#endif
