/*
 * initcall.c — running the DEVICE_INITs of every file, level by level.
 * A level is one pass over the section: the section is short (a few
 * dozen entries), so sorting it is not worth a linker rule.
 */
#include "initcall.h"
#include "printk.h"

extern const struct initcall *const __initcalls_start[], *const __initcalls_end[];

void initcalls_run(void)
{
	unsigned level;
	const struct initcall *const *p;

	for (level = INIT_CORE; level <= INIT_LATE; level++)
		for (p = __initcalls_start; p < __initcalls_end; p++)
			if ((*p)->level == level)
				(*p)->fn();
}
