/*
 * percpu.c — the per-CPU variables every CPU has (include/percpu.h).
 *
 * The boot CPU runs on the section as linked, with a GS base of 0; the
 * entry code's per-CPU words live here because every backend's copy of
 * the entry code uses them.
 */
#include "percpu.h"

DEFINE_PER_CPU(u64, cpu_offset);
DEFINE_PER_CPU(unsigned, cpu_number);
DEFINE_PER_CPU(u64, cpu_kernel_sp);
DEFINE_PER_CPU(u64, cpu_user_sp);
