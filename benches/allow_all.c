/* The floor every seccomp user pays: installs a one-instruction RET ALLOW filter (with
 * no_new_privs) and executes its arguments. Used as the baseline in benches/run.sh. */
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sock_filter insn = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	struct sock_fprog prog = { .len = 1, .filter = &insn };
	if (argc < 2) {
		fprintf(stderr, "usage: allow-all PROG [ARGS...]\n");
		return 2;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog)) {
		perror("allow-all: seccomp");
		return 1;
	}
	execv(argv[1], argv + 1);
	perror("allow-all: execv");
	return 127;
}
