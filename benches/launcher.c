/* The least a sandbox launcher can do, as the launch baseline in benches/run.sh: fork; in
 * the child no_new_privs, a Landlock ruleset (every filesystem right of ABI 1 handled, read
 * and execute granted beneath /), a one-instruction RET ALLOW seccomp filter, execve; the
 * parent waits and returns the child's status. No policy, no reports, no supervisor. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/landlock.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: launcher PROG [ARGS...]\n");
		return 2;
	}
	pid_t pid = fork();
	if (pid < 0) {
		perror("launcher: fork");
		return 125;
	}
	if (pid == 0) {
		struct landlock_ruleset_attr ra = {
			.handled_access_fs = (LANDLOCK_ACCESS_FS_MAKE_SYM << 1) - 1,
		};
		int rs = syscall(SYS_landlock_create_ruleset, &ra, sizeof ra, 0);
		int root = open("/", O_PATH | O_CLOEXEC);
		struct landlock_path_beneath_attr pb = {
			.allowed_access = LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_READ_FILE |
					  LANDLOCK_ACCESS_FS_READ_DIR,
			.parent_fd = root,
		};
		struct sock_filter insn = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
		struct sock_fprog prog = { .len = 1, .filter = &insn };
		if (rs < 0 || root < 0 ||
		    syscall(SYS_landlock_add_rule, rs, LANDLOCK_RULE_PATH_BENEATH, &pb, 0) ||
		    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
		    syscall(SYS_landlock_restrict_self, rs, 0) ||
		    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog)) {
			perror("launcher: sandbox");
			_exit(125);
		}
		close(rs);
		close(root);
		execv(argv[1], argv + 1);
		perror("launcher: execv");
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, 0) != pid)
		return 125;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
