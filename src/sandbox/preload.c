/*
 * seccomp-pledge's loader markers: tiny freestanding libraries (no libc, raw system calls
 * only) that tell the supervisor where a dynamic program's loader stops and the program's
 * own code starts.
 *
 * A dynamic program runs under one filter: exactly the promises the user asked for. The
 * calls its loader needs beyond them (`rpath prot_exec`: opening and mapping libraries)
 * reach the supervisor as user notifications, and the supervisor lets them run only while
 * the loader is at work, only from the system loader's own code, and only for the program's
 * first thread. This library is how it learns that the loader is done. Nothing here
 * enforces anything: a program that breaks or skips it gains nothing, because every call
 * the supervisor grants is checked against kernel state (the caller's instruction pointer
 * and the mapping it lies in), and the grants end at the first sign of the program's code.
 *
 * Built twice by build.rs:
 *
 *  - SP_AUDIT (glibc): an audit module, LD_AUDIT=/proc/self/fd/N. glibc loads it before
 *    any other object and calls it back:
 *      la_version   remove LD_AUDIT from the environment; close fd N (unless kept, below)
 *      la_objopen   report OBJECT for every object mapped into the main namespace, before
 *                   anything is relocated, so the supervisor can refuse objects whose code
 *                   would run during relocation (IFUNC resolvers)
 *      la_activity  at the first LA_ACT_CONSISTENT: report DONE. glibc makes this call after
 *                   relocation and before any constructor, preinit function or the entry
 *                   point: no code of the program has run yet.
 *    It links against ld.so only to find __libc_stack_end (the initial stack, where argv
 *    and the environment are).
 *
 *  - SP_PRELOAD (musl): LD_PRELOAD=/proc/self/fd/N[:the user's own preloads]. musl has no
 *    audit interface and no IFUNC; it runs the constructors of preloaded objects before
 *    those of the program's libraries and of the program, so this constructor runs first:
 *    it removes itself from LD_PRELOAD, closes fd N and reports DONE.
 *
 * When executed programs are narrowed too (see keep_env below) the marker stays where it is,
 * and every dynamic program the program executes loads it and reports the same way.
 *
 * Under `seccomp-pledge trace` the same libraries mark the same point for the tracer.
 */

typedef unsigned long u64;

#define SYS_close 3
#define REPORT_NR 400 /* keep in sync with compile::seccomp::REPORT_NR */

/* Report codes, keep in sync with sandbox::supervise::Report. */
#define REPORT_DONE 1
#define REPORT_OBJECT 5

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

static void report(long code, long a, long b, long c)
{
	/* The answer does not matter: the supervisor acts on what it checks itself. */
	(void)sys6(REPORT_NR, code, a, b, c, 0, 0);
}

static int starts_with(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return 0;
	return 1;
}

/* The fd number at the start of s ("7" or "7:…"), or -1. */
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

#define OUR_PREFIX "/proc/self/fd/"

/*
 * Under exec promises (-e) the launcher sets the last byte before the NUL to '1' in the
 * memfd's copy: the marker then leaves its variable and its descriptor in place, so that
 * the programs this one executes load it too (the supervisor checks, at each execve, that
 * the new image's first instruction has not run and that its environment names the marker).
 * volatile: the byte is read as the memfd holds it, never folded at build time.
 */
__attribute__((used)) static volatile char keep_env[] = "seccomp-pledge-keep-env:0";

static int keep(void)
{
	return keep_env[sizeof keep_env - 2] == '1';
}

#ifdef SP_AUDIT

extern void *__libc_stack_end;

struct link_map {
	u64 l_addr;
	char *l_name;
	void *l_ld;
	struct link_map *l_next, *l_prev;
};

static int done;
static u64 loader_base; /* AT_BASE: the loader's own object needs no report */

__attribute__((visibility("default"))) unsigned int la_version(unsigned int version)
{
	/* argc, argv[argc], NULL, envp…, NULL, auxv: the arrays libc's environ will point to. */
	long *sp = (long *)__libc_stack_end;
	if (sp) {
		char **env = (char **)(sp + 1 + sp[0] + 1);
		long n = 0;
		while (env[n])
			n++;
		for (u64 *av = (u64 *)(env + n + 1); av[0]; av += 2)
			if (av[0] == 7 /* AT_BASE */)
				loader_base = av[1];
		for (long i = 0; env[i] && !keep(); i++) {
			if (starts_with(env[i], "LD_AUDIT=" OUR_PREFIX)) {
				long fd = parse_fd(env[i] + sizeof("LD_AUDIT=" OUR_PREFIX) - 1);
				remove_entry(env, i);
				if (fd >= 0)
					sys6(SYS_close, fd, 0, 0, 0, 0, 0);
				break;
			}
		}
	}
	return version >= 1 ? 1 : 0;
}

__attribute__((visibility("default"))) unsigned int la_objopen(struct link_map *map, long lmid,
							      u64 *cookie)
{
	(void)cookie;
	/* The program itself was checked before it ran, the loader is the system's and the
	 * vDSO (no path) is the kernel's: the objects that need checking are the others. */
	int has_path = 0;
	for (const char *c = map->l_name; c && *c; c++)
		if (*c == '/')
			has_path = 1;
	if (lmid == 0 && has_path && map->l_addr != loader_base)
		report(REPORT_OBJECT, (long)map->l_addr, (long)map->l_ld, (long)map->l_name);
	return 0;
}

__attribute__((visibility("default"))) void la_activity(u64 *cookie, unsigned int flag)
{
	(void)cookie;
	if (flag == 0 /* LA_ACT_CONSISTENT */ && !done) {
		done = 1;
		report(REPORT_DONE, 0, 0, 0);
	}
}

#endif /* SP_AUDIT */

#ifdef SP_PRELOAD

static char preload_rest[4096]; /* "LD_PRELOAD=" + what the user had preloaded */

extern char **environ __attribute__((weak));

/* musl has set environ by the time constructors run. */
__attribute__((constructor)) static void sp_init(void)
{
	char **env = (&environ && environ) ? environ : 0;
	for (long i = 0; env && env[i] && !keep(); i++) {
		if (!starts_with(env[i], "LD_PRELOAD=" OUR_PREFIX))
			continue;
		const char *v = env[i] + sizeof("LD_PRELOAD=" OUR_PREFIX) - 1;
		long fd = parse_fd(v);
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
		} else {
			remove_entry(env, i);
		}
		if (fd >= 0)
			sys6(SYS_close, fd, 0, 0, 0, 0, 0);
		break;
	}
	report(REPORT_DONE, 0, 0, 0);
}

#endif /* SP_PRELOAD */

/* A symbol so that the object is never empty of exports (and can be recognised). */
__attribute__((visibility("default"))) const char seccomp_pledge_marker[] =
	"seccomp-pledge loader marker";
