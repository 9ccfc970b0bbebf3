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
#include <stdlib.h>
#include "tools/proteus/run.h"

int run_qemu_build(const struct run_opts *o, struct argv *out)
{
	char *append = argv_join(o->kargs, o->nkargs);

	if (!append)
		return -1;
	argv_pushv(out, (const char *const[]){
		o->qemu,
		"-M", o->machine,
		"-m", "256M",
		"-display", "none",
		"-serial", "stdio",
		"-monitor", "none",
		"-no-reboot",
		"-net", "none",
		"-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
		"-kernel", o->kernel,
		NULL,
	});
	if (o->initrd)
		argv_pushv(out, (const char *const[]){ "-initrd", o->initrd, NULL });
	argv_pushv(out, (const char *const[]){ "-append", append, NULL });
	if (o->icount)
		argv_pushv(out, (const char *const[]){ "-icount", "shift=0", NULL });
	free(append);
	return out->oom ? -1 : 0;
}
