/* bench_pt.h — page-table update benchmarks (see bench_pt.c). */
#ifndef PROTEUS_BENCH_PT_H
#define PROTEUS_BENCH_PT_H

void bench_pt_run_all(void);

#endif
