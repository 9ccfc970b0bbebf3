/*
 * initcall.h — device bring-up that registers itself.
 *
 * Buses, drivers and device-facing subsystems do not appear in kmain: each
 * declares its init with DEVICE_INIT(level, fn) and kmain runs them all
 * once, level by level, after the clock runs and interrupts are on, and
 * before ktest or init.  So an init may request irqs, sleep on a device's
 * answer (it runs in the boot process) and find the devices of the levels
 * before it.  Within a level the order is the link order: nothing may
 * depend on it.  An init that fails says why and returns; the boot goes on
 * without that device.
 *
 *   0 INIT_CORE    subsystems devices plug into (block layer, network stack)
 *   1 INIT_BUS     buses that find devices (PCI, virtio-mmio, xenbus)
 *   2 INIT_DRIVER  drivers that need no bus of their own
 *   3 INIT_LATE    what needs the devices (configuring an address)
 */
#ifndef PROTEUS_INITCALL_H
#define PROTEUS_INITCALL_H

#include "types.h"

#define INIT_CORE 0
#define INIT_BUS 1
#define INIT_DRIVER 2
#define INIT_LATE 3

struct initcall {
	const char *name;
	unsigned level;
	void (*fn)(void);
};

#define DEVICE_INIT(level_, fn_)                                                    \
	static const struct initcall initcall_##fn_ = {                             \
		.name = #fn_, .level = (level_), .fn = (fn_) };                     \
	static const struct initcall *const initcall_ptr_##fn_                      \
		__section(".initcalls") __used = &initcall_##fn_

/* Run every DEVICE_INIT, level by level (kmain, once). */
void initcalls_run(void);

#endif
