/*
 * bench_net.c — `proteus bench net [--out DIR]`: what a network interface
 * costs, user/udpbench.c booted as init against user/udppeer.c: natively
 * through virtio-net on QEMU's user network (PCI on pc, with EVENT_IDX
 * off for comparison, and MMIO on microvm), the peer a process of this
 * tool on 127.0.0.1, which the guest reaches as 10.0.2.2; and as a Xen PV
 * domU through netfront to Linux's netback, the peer in dom0 on the
 * bridge (tests/domu/default.sh starts it).
 *
 * On microvm QEMU appends its virtio_mmio.device= words after the peer's
 * address in init's arguments; the kernel takes them back
 * (options_reclaim_appended).
 *
 * udpbench prints three rows (round trips, a stream out, bursts in) with
 * the TSC ticks less its own cost, the idle ticks, the interface's frame
 * and notification counts and the hypercalls.  Under -icount shift=0 the
 * busy ticks are guest instructions, exact, and each native configuration
 * is booted once; the domU environment has no -icount: its busy column is
 * TSC cycles of an emulated CPU, and says so.  Only when every boot gave
 * its three rows and the sentinel is DIR/net.tsv written, then a plot and
 * bench/net.md.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tools/proteus/bench.h"
#include "tools/proteus/proteus.h"

#define NET_PEER "build/user/udppeer"

struct net_config {
	const char *name, *platform, *machine, *karg, *ip, *unit, *where;
	int icount;
};

#define NATIVE_WHERE "QEMU 7.2 TCG, -icount shift=0, user network (slirp), peer on the host's 127.0.0.1"
static const struct net_config net_configs[] = {
	{ "virtio-pci", "qemu", "pc", NULL, "ip=10.0.2.15/24,10.0.2.2", "instructions",
	  NATIVE_WHERE "; virtio-net-pci (modern) on pc; build/proteus.elf", 1 },
	{ "virtio-pci-noevidx", "qemu", "pc", "virtio.event_idx=0", "ip=10.0.2.15/24,10.0.2.2", "instructions",
	  NATIVE_WHERE "; virtio-net-pci on pc, VIRTIO_F_EVENT_IDX not negotiated; build/proteus.elf", 1 },
	{ "virtio-mmio", "qemu", "microvm", NULL, "ip=10.0.2.15/24,10.0.2.2", "instructions",
	  NATIVE_WHERE "; virtio-net on virtio-mmio on microvm (acpi=off); build/proteus.elf", 1 },
	{ "netfront-domu", "xen-domu", NULL, NULL, "ip=10.0.0.2/24", "TSC cycles",
	  "Xen 4.17 PV domU of a Debian Linux dom0 under QEMU 7.2 TCG pc, no -icount; netback and a "
	  "bridge in dom0, peer in dom0; build/proteus.elf", 0 },
};
#define NET_NCONFIGS (sizeof net_configs / sizeof net_configs[0])

static const char *const net_ops[NET_ROWS] = { "rtt", "stream-tx", "stream-rx" };

int bench_net_parse(const char *text, size_t n, struct net_result *r, char *err, size_t errlen)
{
	_Static_assert(sizeof r->row[0] == NET_FIELDS * sizeof(double), "rows are packed numbers");
	if (bench_rows_parse(text, n, "udpbench", net_ops, NET_ROWS, NET_FIELDS, (double *)r->row, err, errlen) < 0)
		return -1;
	for (unsigned k = 0; k < NET_ROWS; k++)
		if (r->row[k].f[1] <= 0) {
			snprintf(err, errlen, "udpbench row %u: a count of 0", k + 1);
			return -1;
		}
	return 0;
}

/* A UDP port free on 127.0.0.1 now (the peer binds it right after). */
static int net_free_port(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t al = sizeof a;
	int fd = socket(AF_INET, SOCK_DGRAM, 0), port = -1;

	if (fd >= 0 && !bind(fd, (struct sockaddr *)&a, sizeof a) &&
	    !getsockname(fd, (struct sockaddr *)&a, &al))
		port = ntohs(a.sin_port);
	if (fd >= 0)
		close(fd);
	return port;
}

/* udppeer on PORT, its output in LOG: the pid, or -1. */
static pid_t net_peer_start(int port, const char *log)
{
	char p[16];
	pid_t pid;

	snprintf(p, sizeof p, "%d", port);
	pid = fork();
	if (pid == 0) {
		if (!freopen(log, "w", stdout) || dup2(fileno(stdout), 2) < 0)
			_exit(127);
		execl(NET_PEER, "udppeer", p, "600", (char *)NULL);
		_exit(127);
	}
	return pid;
}

static int net_boot(const struct net_config *c, const char *logdir, struct net_result *r)
{
	const char *kargs[] = { "init=/bin/udpbench", c->ip, c->karg, NULL };
	char port[16], peerlog[4200], log[4096], err[512];
	const char *args[] = { strcmp(c->platform, "xen-domu") ? "10.0.2.2" : "10.0.0.1", port, NULL };
	struct bench_boot b = {
		.name = c->name, .platform = c->platform, .machine = c->machine, .kernel = "build/proteus.elf",
		.icount = c->icount, .kargs = kargs, .init_args = args, .run = 1, .logdir = logdir,
	};
	pid_t peer = -1;
	void *text;
	size_t size;
	int rc;

	snprintf(port, sizeof port, "9");         /* dom0's peer (tests/domu/default.sh) */
	if (strcmp(c->platform, "xen-domu")) {
		int p = net_free_port();

		snprintf(port, sizeof port, "%d", p);
		snprintf(peerlog, sizeof peerlog, "%s/%s-peer.log", logdir, c->name);
		peer = p > 0 ? net_peer_start(p, peerlog) : -1;
		if (peer < 0) {
			fprintf(stderr, "proteus bench: %s: cannot start %s: %s\n", c->name, NET_PEER, strerror(errno));
			return -1;
		}
		b.net = 1;
	}
	rc = bench_boot(&b, log, sizeof log, &text, &size);
	if (peer > 0) {
		kill(peer, SIGTERM);                  /* gone already when udpbench said stop */
		waitpid(peer, NULL, 0);
	}
	if (rc < 0)
		return -1;
	rc = bench_net_parse(text, size, r, err, sizeof err);
	free(text);
	if (rc < 0)
		fprintf(stderr, "proteus bench: %s: %s (in %s)\n", c->name, err, log);
	return rc;
}

/* Per round trip for rtt, per datagram for the streams; busy per round trip or per KiB. */
struct net_norm { double per, busy, delivered, frames, tx_full, notifies, suppressed, interrupts, hypercalls; };

static struct net_norm net_norm(unsigned op, const double *v)
{
	struct net_norm m;
	double busy = v[3] - v[4];

	m.per = v[1];
	m.busy = op == 0 ? busy / v[1] : busy / (v[0] * v[1] / 1024);
	m.delivered = v[2] / v[1];
	m.frames = (v[5] + v[6]) / m.per;
	m.tx_full = v[7] / m.per;
	m.notifies = v[8] / m.per;
	m.suppressed = v[9] / m.per;
	m.interrupts = v[10] / m.per;
	m.hypercalls = v[11] / m.per;
	return m;
}

static void net_tsv_body(FILE *f, const void *ctx)
{
	const struct net_result *res = ctx;

	fprintf(f, "config\top\tbytes\tunit\tbusy\tdelivered\tframes_per\ttx_full_per\tnotifies_per"
		"\tsuppressed_per\tinterrupts_per\thypercalls_per\n");
	for (size_t i = 0; i < NET_NCONFIGS; i++)
		for (unsigned k = 0; !res[i].skipped && k < NET_ROWS; k++) {
			struct net_norm m = net_norm(k, res[i].row[k].f);

			fprintf(f, "%s\t%s\t%.0f\t%s\t%.1f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\n",
				net_configs[i].name, net_ops[k], res[i].row[k].f[0], net_configs[i].unit, m.busy,
				m.delivered, m.frames, m.tx_full, m.notifies, m.suppressed, m.interrupts,
				m.hypercalls);
		}
}

static void net_md_body(FILE *f, const void *ctx)
{
	const struct bench_md *m = ctx;
	const struct net_result *res = m->res;

	fputs("# Network: what a datagram costs\n\n"
	      "Generated by `proteus bench net` (`make bench-net`, `tools/proteus/bench_net.c`); do not\n"
	      "edit. Data: `results/net.tsv`; plot: `results/net.png`.\n\n"
	      "`user/udpbench.c` runs as init against `user/udppeer.c`: 2000 round trips of 64 bytes,\n"
	      "one in flight (`rtt`); 4096 datagrams of 1472 bytes sent as fast as `send` goes, the\n"
	      "peer then saying how many arrived (`stream-tx`); 64 bursts of 32 datagrams of 1472 bytes\n"
	      "from the peer, each asked for when the last was read (`stream-rx`). Busy is the TSC\n"
	      "difference around a run less udpbench's own cost and less the ticks the CPU spent\n"
	      "halted (`/dev/cpu_idle`): under `-icount shift=0` guest instructions, exact; in the domU\n"
	      "environment (no `-icount`) TSC cycles of an emulated CPU, comparable only with itself.\n"
	      "Busy is per round trip for `rtt` and per KiB of payload for the streams; the other\n"
	      "columns are per round trip or per datagram asked for. Frames count both directions;\n"
	      "notifications are virtqueue kicks or event-channel sends, suppressed ones the times the\n"
	      "driver had something to tell and the device had not asked (EVENT_IDX, the rings'\n"
	      "req_event); full the sends that found the ring full and waited for room. Delivered is\n"
	      "the fraction that arrived: datagrams a sender's ring had no room for are not lost in\n"
	      "the guest (a blocking send waits), so a loss is the host's or dom0's. On virtio-mmio\n"
	      "(microvm) QEMU 7.2 has no ioeventfd under TCG, so a kick reaches the device inside the\n"
	      "vCPU's own write; virtio-blk then reads its ring at once and asks for every kick\n"
	      "(bench/blk.md), but virtio-net's transmit queue only schedules a bottom half there\n"
	      "(QEMU's default tx=bh) and reads the ring later, so kicks are saved on MMIO too.\n\n"
	      "Exact is not repeatable here: `-icount` makes the guest's instructions exact, but when\n"
	      "the host's datagrams arrive against them is the host's timing, and that decides how many\n"
	      "one interrupt brings in and how often the reader sleeps and is woken. The receiving\n"
	      "rows (`rtt`, `stream-rx`) therefore move between runs by more than the configurations\n"
	      "differ, so the EVENT_IDX comparison on them says little. The sending row's busy column\n"
	      "is steady, but its kicks are not: how many EVENT_IDX saves depends on whether QEMU's\n"
	      "transmit bottom half is still draining the ring when the guest adds the next datagram,\n"
	      "which is host scheduling: runs of this bench on one machine have given from 0.21 to 0.95\n"
	      "kicks per datagram with EVENT_IDX, and without it sometimes fewer than with it (QEMU\n"
	      "then sets VRING_USED_F_NO_NOTIFY while it drains). Take the kick columns as what this\n"
	      "host did in this run, not as what the guest needs.\n"
	      "Bad numbers, plainly: a datagram received costs about three times one sent, per KiB (two\n"
	      "system calls per datagram, `poll` then `recv`, and a sleep and a wake-up when the socket\n"
	      "is empty). A stream the peer cannot keep up with is dropped at the peer's socket, not\n"
	      "on the path: dom0 shares one emulated CPU with netback and the bridge, and with a\n"
	      "default receive buffer 1718 of 4096 datagrams were lost there (dom0's RcvbufErrors,\n"
	      "which `proteus run --on xen-domu` prints after udppeer ran; netback and the softnet\n"
	      "backlog dropped none). udppeer therefore asks for a 16 MiB buffer, a whole stream.\n", f);
	fprintf(f, "\nCommit: `%s`%s.\n\n| config | platform, emulation, build | unit |\n|---|---|---|\n", m->commit,
		m->dirty ? " dirty (tracked files other than the bench outputs differed from it)" : "");
	for (size_t i = 0; i < NET_NCONFIGS; i++)
		fprintf(f, "| %s | %s | %s |\n", net_configs[i].name,
			res[i].skipped ? res[i].skipped : net_configs[i].where, net_configs[i].unit);
	fprintf(f, "\n| config | op | bytes | busy | delivered | frames | full | notifies | suppressed | "
		"interrupts | hypercalls |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
	for (size_t i = 0; i < NET_NCONFIGS; i++)
		for (unsigned k = 0; !res[i].skipped && k < NET_ROWS; k++) {
			struct net_norm n = net_norm(k, res[i].row[k].f);

			fprintf(f, "| %s | %s | %.0f | %.1f %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |\n",
				net_configs[i].name, net_ops[k], res[i].row[k].f[0], n.busy,
				k == 0 ? "per round trip" : "per KiB", n.delivered, n.frames, n.tx_full,
				n.notifies, n.suppressed, n.interrupts, n.hypercalls);
		}
}

int bench_net_main(int argc, char **argv)
{
	static struct net_result res[NET_NCONFIGS];
	const char *out = "bench/results", *logdir = "build/bench/net";
	int rc = bench_out_args(argc, argv, "net", &out, logdir);

	if (rc >= 0)
		return rc;
	if (access(NET_PEER, X_OK) < 0) {
		fprintf(stderr, "proteus bench net: %s: %s (run from the source tree, after make)\n", NET_PEER,
			strerror(errno));
		return 2;
	}
	for (size_t i = 0; i < NET_NCONFIGS; i++) {
		if (!strcmp(net_configs[i].platform, "xen-domu") && access("mk/domu-stage.sh", R_OK) < 0) {
			res[i].skipped = "NOT MEASURED: run from the source tree (mk/domu-stage.sh)";
			continue;
		}
		if (net_boot(&net_configs[i], logdir, &res[i]) < 0) {
			fprintf(stderr, "proteus bench: FAILED; nothing written (logs in %s)\n", logdir);
			return 1;
		}
	}
	return bench_write_outputs(out, "net", net_tsv_body, net_md_body, res);
}
