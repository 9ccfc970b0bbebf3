/*
 * printk.c — formatted kernel logging.
 *
 * Lines carry a timestamp from the pv clock once it is running (before
 * that, 0).  Output is formatted into a bounded buffer on the stack, so a
 * long message is cut, never overflows.
 */
#include "printk.h"
#include "console.h"
#include "clock.h"
#include "lib/fmt.h"
#include "pv/ops.h"
#include "options.h"

int printk_level = LOG_INFO;
KOPT_UINT(loglevel, "loglevel", printk_level, 7, "console verbosity, 0..7");

static void emit(const char *buf, int n, size_t cap)
{
	if (n < 0)
		return;
	console_write(buf, (size_t)n < cap ? (size_t)n : cap - 1);
}

void vprintk(int level, const char *fmt, va_list ap)
{
	char line[512];
	int n;
	u64 ns, f;

	if (level > printk_level)
		return;
	ns = clock_running() ? clock_ns() : 0;
	f = irq_save();
	n = fmt_snprintf(line, sizeof(line), "[%5llu.%06llu] ",
			 (unsigned long long)(ns / 1000000000u),
			 (unsigned long long)(ns % 1000000000u / 1000u));
	emit(line, n, sizeof(line));
	n = fmt_vsnprintf(line, sizeof(line), fmt, ap);
	emit(line, n, sizeof(line));
	irq_restore(f);
}

void printk(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(level, fmt, ap);
	va_end(ap);
}

void kprintf(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	emit(line, n, sizeof(line));
}
