/*
 * pit.c — the 8254 PIT, used two ways: as the reference against which the
 * TSC is calibrated, and as a one-shot timer where there is no local APIC.
 *
 * Calibration reads channel 0 through the latch command rather than gating
 * channel 2 through port 0x61, which QEMU's microvm does not have.
 */
#include "x86/io.h"
#include "x86/insn.h"
#include "dev/pit.h"
#include "busywait.h"

#define PIT_CH0 0x40
#define PIT_CMD 0x43

static u16 pit_read(void)
{
	u8 lo, hi;

	outb(PIT_CMD, 0x00);             /* latch channel 0 */
	lo = inb(PIT_CH0);
	hi = inb(PIT_CH0);
	return (u16)(lo | (hi << 8));
}

/* Count TSC cycles over `pit_ticks` PIT input cycles (< 65536). */
u64 pit_measure_tsc(unsigned pit_ticks, bool *ok)
{
	u64 t0, t1, spins = 0;
	u16 start, now;
	unsigned elapsed = 0;

	outb(PIT_CMD, 0x34);             /* channel 0, lo/hi, mode 2, binary */
	outb(PIT_CH0, 0xff);
	outb(PIT_CH0, 0xff);
	start = pit_read();
	t0 = x86_rdtsc();
	/* The counter runs down from 0xffff and reloads; count what passed. */
	do {
		u16 prev = start;
		now = pit_read();
		elapsed += (u16)(prev - now);
		start = now;
		if (++spins > 50000000ull) {
			busywait_account(t0);
			*ok = false;
			return 0;
		}
	} while (elapsed < pit_ticks);
	t1 = x86_rdtsc();
	busywait_account(t0);
	*ok = true;
	return (t1 - t0) * pit_ticks / elapsed;
}

/* Mode 0: the output rises, raising line 0, when the count reaches zero. */
void pit_oneshot(u16 count)
{
	outb(PIT_CMD, 0x30);             /* channel 0, lo/hi, mode 0, binary */
	outb(PIT_CH0, (u8)count);
	outb(PIT_CH0, (u8)(count >> 8));
}
