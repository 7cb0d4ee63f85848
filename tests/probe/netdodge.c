/* The ways around a network unveil a hostile program tries, one line each ("ok" or the
 * errno name): connect over IPv6 to [::1]:PORT6, a TCP Fast Open sendto(MSG_FASTOPEN) to
 * 127.0.0.1:PORT4 (a connect without connect(2)), and listen(2) on an unbound socket (an
 * ephemeral port without bind(2)).
 *   netdodge PORT6 PORT4 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

static void say(const char *what, long r)
{
	if (r < 0)
		printf("%s %s\n", what, strerrorname_np(errno));
	else
		printf("%s ok\n", what);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6,
				   .sin6_port = htons(atoi(argv[1])),
				   .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	say("connect6", connect(socket(AF_INET6, SOCK_STREAM, 0), (void *)&a6, sizeof a6));
	struct sockaddr_in a4 = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[2])) };
	inet_pton(AF_INET, "127.0.0.1", &a4.sin_addr);
	say("fastopen", sendto(socket(AF_INET, SOCK_STREAM, 0), "x", 1, MSG_FASTOPEN,
			       (void *)&a4, sizeof a4));
	say("listen", listen(socket(AF_INET, SOCK_STREAM, 0), 1));
	return 0;
}
