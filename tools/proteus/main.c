/*
 * main.c — `proteus`: the one host command for the Proteus kernel.
 *
 *   proteus run --on qemu ...   boot the kernel on a platform, map its result
 *   proteus bench latency ...  boot lat everywhere, tables, plots, report
 *   proteus sites ELF           check the patch-site table, print the census
 *   proteus help                this text
 */
#include <string.h>
#include "tools/proteus/proteus.h"

int main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		proteus_usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "sites") == 0)
		return sites_main(argc - 1, argv + 1);
	if (strcmp(argv[1], "bench") == 0)
		return bench_main(argc - 1, argv + 1);
	if (strcmp(argv[1], "run") == 0)
		return run_main(argc - 1, argv + 1);
	fprintf(stderr, "proteus: unknown command '%s'\n", argv[1]);
	proteus_usage(stderr);
	return 2;
}
