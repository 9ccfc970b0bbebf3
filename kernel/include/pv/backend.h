/*
 * pv/backend.h — how backends declare themselves and how one is chosen.
 *
 * Each backend file registers a struct pv_backend in the .pv_backends
 * section; pv_setup asks each whether it can run here and picks the
 * highest priority, or the one named by pv.backend=.  Common code never
 * names a backend.
 */
#ifndef PROTEUS_PV_BACKEND_H
#define PROTEUS_PV_BACKEND_H

#include "types.h"
#include "boot_info.h"

/* What detection found, handed to every backend's detect(). */
struct pv_platform {
	bool hypervisor_bit;          /* CPUID.1:ECX[31] */
	char signature[13];           /* from the first 0x40000x00 leaf that has one */
	u32 base, max_leaf;           /* that leaf and its EAX */
	const struct boot_entry *entry; /* which entry point the loader used */
	unsigned cpl;                 /* the privilege level we are running at */
};

struct pv_backend {
	const char *name;
	/* Priority if this backend can run here (higher wins), 0 if it cannot. */
	int (*detect)(const struct pv_platform *p);
	/* Overwrite pv_ops slots and pv_info; runs before console and patching. */
	void (*init)(struct boot_info *bi);
	/* Set up what needs the kernel's own memory (mappings, allocations),
	 * once mm_init is done; NULL if nothing. */
	void (*late_init)(void);
};

#define PV_BACKEND(b) \
	static const struct pv_backend *const pv_backend_ptr_##b \
	__section(".pv_backends") __used = &(b)

extern struct pv_platform pv_platform;
extern const struct pv_backend *pv_backend;

void pv_detect(struct pv_platform *p, const struct boot_entry *entry);
/* Choose and start the backend, bring up the console, patch, log the census. */
void pv_setup(struct boot_info *bi);
/* TSC ticks the patch pass took (instructions, under -icount); 0 when
 * there was none (PARAVIRT=0). */
u64 pv_patch_ticks(void);
/* The backend's late_init, right after mm_init. */
void pv_late_init(void);
/* The backend's counters, if pv.stats=1 asked for them. */
void pv_stats_report(void);

#endif
