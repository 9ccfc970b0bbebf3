/* dev/uart16550.h — COM1 as a console (dev/uart16550.c). */
#ifndef PROTEUS_DEV_UART16550_H
#define PROTEUS_DEV_UART16550_H

#include "types.h"

/* Program COM1 and register it as a console; false if there is none. */
bool uart16550_init(void);

#endif
