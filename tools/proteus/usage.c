/*
 * usage.c — the help text of `proteus`.
 */
#include "tools/proteus/proteus.h"
#include "tools/proteus/run.h"

void proteus_usage(FILE *out)
{
	fprintf(out,
		"usage: proteus run --on qemu|xen|xen-pvh|kvm [--machine pc|q35|microvm] [--kernel PATH]\n"
		"                   [--initrd PATH] [--timeout SECONDS] [--icount] [--gdb] [--interactive]\n"
		"                   [--log FILE] [--qemu PATH] [--xen PATH] [--xen-log FILE] [--net[=OPTS]]\n"
		"                   [--disk FILE] [--mem MIB]\n"
		"                   [-- kernel args...]\n"
		"       proteus bench latency [--out DIR] [--xen PATH] [--runs N]\n"
		"       proteus bench lazy [--out DIR] [--xen PATH] [--runs N] [--quick]\n"
		"       proteus sites ELF\n"
		"       proteus help\n"
		"\n"
		"run    boot the kernel and stream the guest's serial output to stdout.\n"
		"       defaults: --kernel %s, --initrd %s (if present),\n"
		"       --machine pc (kvm: microvm), --timeout %.0f.  Kernel args become the\n"
		"       command line.  --gdb holds the guest for a debugger on :1234.\n"
		"       --interactive: the terminal is the guest's console both ways (else a\n"
		"       terminal's input is not passed; piped input always is); no timeout\n"
		"       unless --timeout.  Ctrl-C goes to the guest; its poweroff ends the run.\n"
		"       --on xen: the kernel is PV dom0 of Xen 4.17 under QEMU (pc machine).\n"
		"       --on xen-pvh: the same, PVH dom0 (q35, -cpu max, emulated VT-d).\n"
		"       --on kvm: QEMU with -enable-kvm (64 MiB; pc and q35 through qboot).\n"
		"       --xen xen.elf, else the one cached by mk/fetch-xen.sh (run on first use).\n"
		"       Xen's own log goes to --xen-log FILE, else is shown only on failure.\n"
		"       Kernel args and paths must not contain ',' on xen (ip=A/P:GW works).\n"
		"       --net (qemu, kvm): a virtio-net NIC on QEMU's user network (guest\n"
		"       10.0.2.15/24, gateway 10.0.2.2); OPTS go to -netdev user, e.g.\n"
		"       --net=hostfwd=udp:127.0.0.1:5555-:7.\n"
		"       --disk FILE (qemu, kvm): a raw image as a virtio-blk disk, /dev/vda.\n"
		"       --mem MIB: the guest's memory (default qemu 256, kvm 64; xen: dom0_mem,\n"
		"       default 64, the machine gets 128 MiB more for Xen).\n"
		"       exit 0 guest passed, 1 guest failed, 2 usage, 3 no result, 124 timeout.\n"
		"bench  latency: boot init=/bin/lat natively (PARAVIRT=0, patched, pv.patch=0;\n"
		"       QEMU TCG -icount, once: exact), on Xen PV and PVH (-icount, --runs times,\n"
		"       default 5: min/median/max) and on KVM (TSC cycles) when they are there;\n"
		"       check every line; write DIR/latency.tsv, DIR/latency-runs.tsv, two plots\n"
		"       and DIR/../latency.md (DIR: bench/results).  Run from the source tree.\n"
		"       exit 0 measured, 1 a boot or its output failed, 2 usage.\n"
		"       lazy: boot init=/bin/lazy natively and on Xen PV with the lazy modes on,\n"
		"       pv.lazy_mmu=0, pv.lazy_cpu=0 and pv.lazy=0 (-icount, 384 MiB; Xen --runs\n"
		"       times, default 5); fork/exit/munmap of 1/16/256 MiB per page, context\n"
		"       switch; write DIR/lazy.tsv, two plots, bench/lazy.md.  --quick: 1 and\n"
		"       4 MiB, native and lazy-on Xen once, DIR build/bench/lazy-quick, TSV only.\n"
		"sites  check every pv call site in the ELF against pvops.def and print the\n"
		"       census by group and op.  exit 0 ok, 1 inconsistent, 2 usage or I/O.\n",
		RUN_DEFAULT_KERNEL, RUN_DEFAULT_INITRD, RUN_DEFAULT_TIMEOUT);
}
