/*
 * run_qemu.c — the QEMU TCG platform: pc, q35 or microvm.
 *
 * The kernel is loaded with -kernel through its PVH note.  The guest's COM1
 * goes to QEMU's stdout with `-serial stdio -display none` rather than
 * -nographic: under -nographic SeaBIOS also prints its banner, with
 * terminal-reset and clear-screen escapes, onto that same serial stream.
 * The guest reports its result through isa-debug-exit at port 0xf4.
 * microvm takes the same flags (checked on QEMU 7.2): it has COM1 and an
 * ISA bus for isa-debug-exit, and accepts -net none.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tools/proteus/run.h"

/*
 * The machine every platform boots on: no display, COM1 on our stdout
 * (exactly the guest's bytes, no BIOS banner), no reboot on a triple fault
 * and the isa-debug-exit port through which a guest reports its result.
 * Interactively the terminal is the guest's console both ways, ^C
 * included (signal=off): it interrupts the guest's foreground job, as on
 * a real console, and the guest's poweroff ends the run.
 */
void run_qemu_machine(struct argv *out, const char *qemu, const char *machine, const char *mem,
		      int interactive)
{
	argv_pushv(out, (const char *const[]){
		qemu,
		"-M", machine,
		"-m", mem,
		"-display", "none",
		NULL,
	});
	if (interactive)
		argv_pushv(out, (const char *const[]){
			"-chardev", "stdio,id=console,signal=off", "-serial", "chardev:console", NULL });
	else
		argv_pushv(out, (const char *const[]){ "-serial", "stdio", NULL });
	argv_pushv(out, (const char *const[]){
		"-monitor", "none",
		"-no-reboot",
		"-net", "none",
		"-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
		NULL,
	});
}

/*
 * --disk: the file as a raw virtio-blk disk, through the modern (1.x)
 * interface only: virtio-blk-pci with disable-legacy=on on pc and q35; a
 * virtio-mmio slot on microvm.
 */
static void run_qemu_disk(struct argv *out, const struct run_opts *o)
{
	size_t n = strlen(o->disk) + 64;
	char *drive = malloc(n);

	if (!drive) {
		out->oom = 1;
		return;
	}
	snprintf(drive, n, "file=%s,format=raw,if=none,id=disk0", o->disk);
	argv_pushv(out, (const char *const[]){ "-drive", drive, NULL });
	if (strcmp(o->machine, "microvm") == 0)
		argv_pushv(out, (const char *const[]){ "-device", "virtio-blk-device,drive=disk0", NULL });
	else
		argv_pushv(out, (const char *const[]){
			"-device", "virtio-blk-pci,drive=disk0,disable-legacy=on", NULL });
	free(drive);
}

void run_qemu_guest(struct argv *out, const struct run_opts *o)
{
	char *append = argv_join(o->kargs, o->nkargs);

	if (!append) {
		out->oom = 1;
		return;
	}
	argv_pushv(out, (const char *const[]){ "-kernel", o->kernel, NULL });
	if (o->initrd)
		argv_pushv(out, (const char *const[]){ "-initrd", o->initrd, NULL });
	argv_pushv(out, (const char *const[]){ "-append", append, NULL });
	if (o->icount)
		argv_pushv(out, (const char *const[]){ "-icount", "shift=0", NULL });
	if (o->gdb)
		argv_pushv(out, (const char *const[]){ "-s", "-S", NULL });
	free(append);
}

/*
 * --net: QEMU's user-mode network (the guest is 10.0.2.15/24 behind a
 * gateway at 10.0.2.2) with the forwards --net=OPTS asks for, and a
 * virtio-net NIC on it — modern-only on PCI (pc, q35), on virtio-mmio on
 * microvm.
 */
static void run_qemu_net(struct argv *out, const struct run_opts *o)
{
	char netdev[512];

	if ((size_t)snprintf(netdev, sizeof netdev, "user,id=net0%s%s", o->net_opts ? "," : "",
			     o->net_opts ? o->net_opts : "") >= sizeof netdev) {
		out->oom = 1;
		return;
	}
	argv_pushv(out, (const char *const[]){
		"-netdev", netdev,
		"-device", strcmp(o->machine, "microvm") == 0 ? "virtio-net-device,netdev=net0"
							       : "virtio-net-pci,disable-legacy=on,netdev=net0",
		NULL,
	});
}

void run_qemu_devices(struct argv *out, const struct run_opts *o)
{
	/* microvm's virtio-mmio slots are legacy (version 1) unless told. */
	if ((o->net || o->disk) && strcmp(o->machine, "microvm") == 0)
		argv_pushv(out, (const char *const[]){ "-global", "virtio-mmio.force-legacy=false", NULL });
	if (o->net)
		run_qemu_net(out, o);
	if (o->disk)
		run_qemu_disk(out, o);
	if (o->qemu_global)
		argv_pushv(out, (const char *const[]){ "-global", o->qemu_global, NULL });
}

/*
 * QEMU 7.2's microvm names its virtio-mmio transports on the kernel
 * command line (virtio_mmio.device=, appended at the end) only without
 * ACPI; the interrupt routing then comes from qboot's MP table.
 */
const char *run_qemu_machine_name(const struct run_opts *o)
{
	return (o->net || o->disk) && strcmp(o->machine, "microvm") == 0 ? "microvm,acpi=off" : o->machine;
}

const char *run_mem_arg(const struct run_opts *o, const char *dflt, unsigned extra_mib, char *buf, size_t len)
{
	if (!o->mem_mib)
		return dflt;
	snprintf(buf, len, "%uM", o->mem_mib + extra_mib);
	return buf;
}

int run_qemu_build(const struct run_opts *o, struct argv *out)
{
	char mem[32];

	run_qemu_machine(out, o->qemu, run_qemu_machine_name(o), run_mem_arg(o, "256M", 0, mem, sizeof mem),
			 o->interactive);
	run_qemu_devices(out, o);
	run_qemu_guest(out, o);
	return out->oom ? -1 : 0;
}
