/*
 * udpcheck — the peer's side of the UDP echo test (the host's, or a Xen
 * dom0's; a static musl program like every other in user/, so it runs on
 * either as it is):
 *
 *     udpcheck LOG PATTERN HOST PORT COUNT [VMM-PID]
 *
 * Waits (at most 120 s, and only while process VMM-PID lives) until a
 * line of the growing file LOG contains PATTERN — the guest's "ready" line, so nothing is sent before the
 * guest listens — then sends COUNT numbered datagrams to HOST:PORT, each
 * until its echo comes back (1 s per try, at most 10 tries: UDP through
 * QEMU's forward may lose one), and checks every echo byte for byte.
 * Prints "udpcheck: COUNT of COUNT echoed" and exits 0, else says what
 * went wrong and exits 1.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

static int log_has(const char *path, const char *pattern)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	int found = 0;

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof line, f))
		found = strstr(line, pattern) != NULL;
	fclose(f);
	return found;
}

static pid_t vmm_pid;

/* Gone, or a zombie its parent (the test script, waiting on us) has not reaped. */
static int vmm_gone(void)
{
	char path[64], stat[256], *p;
	FILE *f;
	size_t n;

	if (vmm_pid <= 0)
		return 0;
	snprintf(path, sizeof path, "/proc/%d/stat", (int)vmm_pid);
	f = fopen(path, "r");
	if (!f)
		return kill(vmm_pid, 0) != 0;
	n = fread(stat, 1, sizeof stat - 1, f);
	fclose(f);
	stat[n] = 0;
	p = strrchr(stat, ')');
	return p && p[1] == ' ' && (p[2] == 'Z' || p[2] == 'X');
}

/* Send msg until reply comes back (or, with last, the VMM ends): 0, or
 * -1 after 10 tries. */
static int exchange(int s, const char *msg, const char *reply, int which, int last)
{
	size_t len = strlen(msg), rlen = strlen(reply);
	char back[128];
	int tries;

	for (tries = 0; tries < 10; tries++) {
		struct pollfd p = { .fd = s, .events = POLLIN };
		ssize_t n;

		if (last && vmm_gone())
			return 0;
		if (send(s, msg, len, 0) != (ssize_t)len && !last)
			perror("udpcheck: send");
		/* Drain: a late answer to an earlier try is not this one's. */
		while (poll(&p, 1, 1000) == 1) {
			n = recv(s, back, sizeof back, 0);
			if (n == (ssize_t)rlen && !memcmp(back, reply, rlen))
				return 0;
			if (n < 0 && last)          /* the forward closed: the VMM is ending */
				return 0;
			fprintf(stderr, "udpcheck: datagram %d: %zd bytes back, not '%s'\n", which, n, reply);
		}
	}
	fprintf(stderr, "udpcheck: datagram %d: no answer after %d tries\n", which, tries);
	return -1;
}

int main(int argc, char **argv)
{
	struct sockaddr_in to = { .sin_family = AF_INET };
	struct timespec nap = { 0, 50 * 1000 * 1000 };
	int s, count, i, waited;

	if ((argc != 6 && argc != 7) || inet_pton(AF_INET, argv[3], &to.sin_addr) != 1) {
		fprintf(stderr, "usage: udpcheck LOG PATTERN HOST PORT COUNT [VMM-PID]\n");
		return 2;
	}
	to.sin_port = htons((unsigned short)atoi(argv[4]));
	count = atoi(argv[5]);
	vmm_pid = argc == 7 ? (pid_t)atoi(argv[6]) : 0;
	/* Polling a file the VMM appends to: the guest's output has no other way out. */
	for (waited = 0; !log_has(argv[1], argv[2]); waited++) {
		if (waited > 120 * 20) {
			fprintf(stderr, "udpcheck: no '%s' in %s after 120 s\n", argv[2], argv[1]);
			return 1;
		}
		if (vmm_gone() && !log_has(argv[1], argv[2])) {
			fprintf(stderr, "udpcheck: the VMM (pid %s) ended before '%s'\n", argv[6], argv[2]);
			return 1;
		}
		nanosleep(&nap, NULL);
	}
	s = socket(AF_INET, SOCK_DGRAM, 0);
	if (s < 0 || connect(s, (struct sockaddr *)&to, sizeof to) < 0) {
		perror("udpcheck: socket");
		return 1;
	}
	for (i = 0; i < count; i++) {
		char msg[64];

		snprintf(msg, sizeof msg, "proteus udp echo %d of %d", i + 1, count);
		if (exchange(s, msg, msg, i + 1, 0))
			return 1;
	}
	if (exchange(s, "stop", "stopped", count + 1, 1))
		return 1;
	printf("udpcheck: %d of %d echoed\n", count, count);
	return 0;
}
