/*
 * ut-echoargs — usertests' helper for execve: reports exactly what it was
 * given, so the caller can compare it byte for byte.
 *
 * Output, to stdout: "argc=N\n", then each argv[i] and each environ entry
 * as "arg:TEXT\n" and "env:TEXT\n", then "fds:" and the numbers of the
 * open descriptors among 0..63 (to see close-on-exec honoured).  Exit
 * status: the number in $UT_EXIT, else 0.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	const char *code = getenv("UT_EXIT");

	printf("argc=%d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("arg:%s\n", argv[i]);
	for (char **e = environ; *e; e++)
		printf("env:%s\n", *e);
	printf("fds:");
	for (int fd = 0; fd < 64; fd++)
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			printf(" %d", fd);
	printf("\n");
	fflush(stdout);
	return code ? atoi(code) : 0;
}
