/* errno.h — the kernel's error numbers are Linux's (abi/linux.h): a
 * negative errno travels unchanged from any layer to user space. */
#ifndef PROTEUS_ERRNO_H
#define PROTEUS_ERRNO_H
#include "abi/linux.h"
#endif
