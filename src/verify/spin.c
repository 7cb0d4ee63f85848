/* The program verify-export runs in a target: it makes no system call at all, so that any
 * filter lets it run, and spins until it is killed, while seccomp-pledge reads the filters
 * the target installed. Built freestanding and static by build.rs. */
void _start(void)
{
	for (;;)
		__asm__ volatile("pause");
}
