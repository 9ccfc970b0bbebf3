/* bench.h — in-kernel micro-benchmarks (boot option `bench`). */
#ifndef PROTEUS_BENCH_H
#define PROTEUS_BENCH_H

#include "types.h"

/* The `bench` boot option was given. */
extern bool bench_enabled;
int bench_run_all(void);

/* The whole-kernel benchmark (bench/whole.c): bench.whole was given. */
extern bool bench_whole;
/* kmain's first instruction. */
void bench_whole_mark_start(void);
int bench_whole_run(void);

#endif
