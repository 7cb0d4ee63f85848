/* A small portable program (glibc or musl, dynamic) that reports, one line per check,
 * what a sandboxed dynamic program can do once it runs: used to check that the loader
 * markers work with every supported loader.
 *   env-LD_PRELOAD / env-LD_AUDIT: "set" or "unset"
 *   filters: the Seccomp_filters count, or the errno name if /proc/self/status is denied
 *   open / mmap-exec / exec: "ok" or the errno name */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static const char *name(int e)
{
	switch (e) {
	case EPERM: return "EPERM";
	case EACCES: return "EACCES";
	case ENOENT: return "ENOENT";
	case ENOSYS: return "ENOSYS";
	case ENOMEM: return "ENOMEM";
	default: return "E?";
	}
}

int main(int argc, char **argv)
{
	(void)argc;
	printf("env-LD_PRELOAD %s\n", getenv("LD_PRELOAD") ? "set" : "unset");
	printf("env-LD_AUDIT %s\n", getenv("LD_AUDIT") ? "set" : "unset");
	int fd = open("/proc/self/status", O_RDONLY);
	if (fd < 0) {
		printf("filters %s\n", name(errno));
	} else {
		char buf[4096];
		ssize_t n = read(fd, buf, sizeof buf - 1);
		buf[n > 0 ? n : 0] = 0;
		char *p = strstr(buf, "Seccomp_filters:");
		printf("filters %ld\n", p ? strtol(p + 16, NULL, 10) : -1L);
		close(fd);
	}
	fd = open(argv[1] ? argv[1] : "/etc/hostname", O_RDONLY);
	printf("open %s\n", fd >= 0 ? "ok" : name(errno));
	void *m = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("mmap-exec %s\n", m != MAP_FAILED ? "ok" : name(errno));
	fflush(stdout);
	execl("/bin/true", "true", (char *)NULL);
	printf("exec %s\n", name(errno));
	return 0;
}
