/* random.h — bytes for AT_RANDOM, getrandom(2) and /dev/urandom: a
 * xorshift generator reseeded from the TSC.  Not cryptographic. */
#ifndef PROTEUS_RANDOM_H
#define PROTEUS_RANDOM_H
#include "types.h"
void random_fill(void *buf, size_t n);
#endif
