/* A fork chain built to outrun a kill: it forks a child and exits, the child leaves the
 * session and process group (setsid, or setpgid on odd generations) and does the same, as
 * fast as it can, for at most 3 seconds. Every 64th generation also leaves a sleeper
 * behind (in a session of its own), so that survivors are there to be seen. The first process starts the chain, waits
 * 50 ms, then makes a denied call (socket) so that `seccomp-pledge -k` kills the sandbox.
 * Every process of the chain carries argv[1] (a token) in its command line, so a test can
 * count survivors in /proc.   Usage: forkchain TOKEN */
#include <signal.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	double start = now();
	pid_t first = fork();
	if (first == 0) {
		for (unsigned gen = 0;; gen++) {
			if (now() - start > 3.0)
				_exit(0);
			pid_t p = fork();
			if (p > 0)
				_exit(0);
			if (p < 0)
				continue; /* try again from the same process */
			if (gen & 1)
				setpgid(0, 0);
			else
				setsid();
			if (gen % 64 == 0 && fork() == 0) {
				setsid();
				while (now() - start < 3.0) {
					struct timespec t = { 0, 10 * 1000 * 1000 };
					nanosleep(&t, 0);
				}
				_exit(0);
			}
		}
	}
	struct timespec t = { 0, 50 * 1000 * 1000 };
	nanosleep(&t, 0);
	socket(AF_INET, SOCK_STREAM, 0);
	/* Unconfined (or not killed): wait for the chain to finish by itself. */
	t.tv_sec = 4;
	t.tv_nsec = 0;
	nanosleep(&t, 0);
	return 0;
}
