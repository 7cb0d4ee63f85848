/* The listener hand-off's doors, tried by a hostile program. seccomp-pledge's launch filter
 * lets sendmsg and seccomp(2) through when made from two instructions of its own (the
 * `mov eax, NR; syscall; ret` stubs its child uses before execve); the sandboxed program was
 * forked from the supervisor, so those addresses are the supervisor's. This probe is told
 * where the stub is (a hex address on stdin: the worst case, the address leaked), maps the
 * same bytes at that address in itself and makes the call from there; then the same call
 * the ordinary way.
 *   echo ADDR | doors sendmsg|seccomp
 * Prints "door ADDR" once the stub is mapped, then "via-door ok|ERRNO" and "plain ok|ERRNO"
 * (a kill prints nothing more). Exit 3: the address could not be mapped. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/seccomp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

static void say(const char *what, long r)
{
	if (r < 0)
		printf("%s %s\n", what, strerrorname_np(-r));
	else
		printf("%s ok\n", what);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	int sendmsg_door = !strcmp(argv[1], "sendmsg");
	unsigned nr = sendmsg_door ? SYS_sendmsg : SYS_seccomp;
	unsigned char stub[8] = { 0xb8, nr & 0xff, (nr >> 8) & 0xff, 0, 0, 0x0f, 0x05, 0xc3 };
	unsigned long at = 0;
	if (scanf("%lx", &at) != 1 || !at) {
		printf("no address\n");
		return 3;
	}
	long page = sysconf(_SC_PAGESIZE);
	uintptr_t base = at & ~(uintptr_t)(page - 1);
	size_t span = (at + sizeof stub - base + page - 1) & ~(uintptr_t)(page - 1);
	void *m = mmap((void *)base, span, PROT_READ | PROT_WRITE | PROT_EXEC,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (m == MAP_FAILED) {
		printf("cannot map %#lx: %s\n", (unsigned long)base, strerrorname_np(errno));
		return 3;
	}
	memcpy((void *)at, stub, sizeof stub);
	printf("door %#lx\n", (unsigned long)at);
	fflush(stdout);
	long (*door)(long, long, long) = (long (*)(long, long, long))at;
	if (sendmsg_door) {
		int sv[2];
		if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) < 0)
			return 4;
		char byte = 'x';
		struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
		struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
		say("via-door", door(sv[0], (long)&msg, 0));
		long r = sendmsg(sv[0], &msg, 0);
		say("plain", r < 0 ? -errno : r);
	} else {
		unsigned action = SECCOMP_RET_ALLOW;
		say("via-door", door(SECCOMP_GET_ACTION_AVAIL, 0, (long)&action));
		long r = syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action);
		say("plain", r < 0 ? -errno : r);
	}
	return 0;
}
