/* Syscall workloads for benches/run.sh: times N iterations of one operation in-process
 * (CLOCK_MONOTONIC around the loop, after a warm-up) and prints "OP NS_PER_ITERATION".
 * Run bare, under a one-instruction allow filter (allow-all) and under seccomp-pledge. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int fds[2];

static void op(const char *name)
{
	if (!strcmp(name, "getppid")) {
		syscall(SYS_getppid);
	} else if (!strcmp(name, "fcntl")) {
		syscall(SYS_fcntl, 1, F_GETFL);
	} else if (!strcmp(name, "ioctl")) {
		int n;
		syscall(SYS_ioctl, fds[0], FIONREAD, &n);
	} else if (!strcmp(name, "mmap")) {
		void *p = (void *)syscall(SYS_mmap, 0, 4096, PROT_READ | PROT_WRITE,
					  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		syscall(SYS_munmap, p, 4096);
	} else if (!strcmp(name, "socket")) {
		/* denied under -p stdio: measures the cost of a denial */
		long fd = syscall(SYS_socket, 2, 1, 0);
		if (fd >= 0)
			syscall(SYS_close, fd);
	} else if (!strcmp(name, "openat")) {
		long fd = syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDONLY | O_CLOEXEC);
		syscall(SYS_close, fd);
	} else {
		fprintf(stderr, "workload: unknown op %s\n", name);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: workload getppid|fcntl|ioctl|mmap|openat|socket N\n");
		return 2;
	}
	long n = atol(argv[2]);
	if (pipe(fds) != 0)
		return 1;
	for (long i = 0; i < n / 10; i++)
		op(argv[1]);
	double t0 = now();
	for (long i = 0; i < n; i++)
		op(argv[1]);
	double t1 = now();
	printf("%s %.1f\n", argv[1], (t1 - t0) / n);
	return 0;
}
