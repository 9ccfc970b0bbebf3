/* bench.h — in-kernel micro-benchmarks (boot option `bench`). */
#ifndef PROTEUS_BENCH_H
#define PROTEUS_BENCH_H

int bench_run_all(void);

#endif
