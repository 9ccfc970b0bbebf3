/* bench.h — in-kernel micro-benchmarks (boot option `bench`). */
#ifndef PROTEUS_BENCH_H
#define PROTEUS_BENCH_H

#include "types.h"

/* The `bench` boot option was given. */
extern bool bench_enabled;
int bench_run_all(void);

#endif
