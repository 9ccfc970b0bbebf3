/*
 * console.c — the native console: the first serial port.  A machine
 * without one (the probe fails) runs silent rather than hanging.
 */
#include "pv/ops.h"
#include "dev/uart16550.h"

void native_console_init(void)
{
	uart16550_init();
}
