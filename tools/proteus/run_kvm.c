/*
 * run_kvm.c — QEMU with KVM: the same kernel, the same machines, on the
 * host's hypervisor instead of TCG.
 *
 * On this project's machines /dev/kvm is kvm_pvm, which runs the guest's
 * ring-0 code through an instruction emulator at about a microsecond an
 * instruction: correct, not fast.  So the guest gets 64 MiB (building the
 * direct map of 256 MiB takes half a minute there), and pc and q35 boot
 * through qboot instead of SeaBIOS, whose real-mode code takes seconds
 * under the emulator; microvm uses qboot anyway.  `-cpu host` with
 * arch-capabilities removed: with it QEMU fails to set MSR 0x10a and
 * aborts.  -icount needs TCG and is refused.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "tools/proteus/run.h"

#define RUN_KVM_DEVICE "/dev/kvm"

int run_kvm_prepare(struct run_opts *o, struct run_watch *w, char *err, size_t errlen)
{
	int fd;

	(void)w;
	if (o->icount) {
		snprintf(err, errlen, "--on kvm: --icount counts instructions under TCG only");
		return -1;
	}
	fd = open(RUN_KVM_DEVICE, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "--on kvm: %s: %s: no usable KVM here", RUN_KVM_DEVICE,
			 strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}

int run_kvm_build(const struct run_opts *o, struct argv *out)
{
	char mem[32];

	run_qemu_machine(out, o->qemu, run_qemu_machine_name(o), run_mem_arg(o, "64M", 0, mem, sizeof mem),
			 o->interactive);
	argv_pushv(out, (const char *const[]){ "-enable-kvm", "-cpu", "host,-arch-capabilities", NULL });
	if (strcmp(o->machine, "microvm") != 0)
		argv_pushv(out, (const char *const[]){ "-bios", "qboot.rom", NULL });
	run_qemu_devices(out, o);
	run_qemu_guest(out, o);
	return out->oom ? -1 : 0;
}
