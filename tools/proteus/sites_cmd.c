/*
 * sites_cmd.c — `proteus sites ELF`: the I/O around sites.c.
 *
 * Reads the kernel file, pulls .pvsite_abi, .pvsites, .pvslots and the
 * PT_LOAD segments out of it with the bounds-checked ELF reader, hands them
 * to sites_verify, and prints the census and any problems.
 *
 * Exit: 0 all sites verified (or a PARAVIRT=0 kernel with no sites),
 *       1 the table or a site is inconsistent, 2 usage or I/O error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lib/elf64.h"
#include "tools/proteus/census.h"
#include "tools/proteus/fileio.h"
#include "tools/proteus/proteus.h"
#include "tools/proteus/sites.h"

/* Problems printed before the rest are only counted. */
#define SITES_SHOW_MAX 20u
/* Not an elf64_err: those are all <= 0. */
#define SITES_NOMEM 1

struct sites_shown {
	unsigned n;
};

static void sites_print_problem(void *ctx, const struct sites_error *e)
{
	struct sites_shown *s = ctx;

	if (s->n++ < SITES_SHOW_MAX)
		fprintf(stderr, "proteus: %s\n", e->msg);
}

/* A section's bytes, or NULL/0 when absent; -1 on a malformed ELF. */
static int sites_section(const struct elf64_file *f, const char *name, const uint8_t **data, size_t *size)
{
	struct elf64_section sec;
	int err = elf64_find_section(f, name, &sec);

	*data = NULL;
	*size = 0;
	if (err == ELF64_E_NOTFOUND)
		return 0;
	if (err)
		return err;
	*data = sec.data;
	*size = sec.data ? (size_t)sec.size : 0;
	return 0;
}

static int sites_segments(const struct elf64_file *f, struct sites_segment **out, unsigned *n)
{
	unsigned count = elf64_load_count(f);
	struct sites_segment *segs = calloc(count ? count : 1, sizeof *segs);

	if (!segs)
		return SITES_NOMEM;
	unsigned cursor = 0;

	for (unsigned i = 0; i < count; i++) {
		struct elf64_segment seg;
		int err = elf64_load_next(f, &cursor, &seg);

		if (err) {
			free(segs);
			return err;
		}
		segs[i] = (struct sites_segment){ seg.vaddr, seg.filesz, seg.memsz, seg.flags, seg.data };
	}
	*out = segs;
	*n = count;
	return 0;
}

/*
 * A PARAVIRT=0 kernel has no .pvsites; a linker script that keeps the
 * section's start/end symbols may leave it empty, with no header either.
 */
static int sites_paravirt_off(const struct elf64_file *f, const struct sites_image *img)
{
	struct elf64_section sec;

	if (elf64_find_section(f, PVSITE_SITES_SECTION, &sec) == ELF64_E_NOTFOUND)
		return 1;
	return sec.size == 0 && !img->abi;
}

static int sites_report(const char *path, const struct sites_image *img)
{
	static struct sites_census census;
	struct sites_shown shown = { 0 };
	unsigned problems = sites_verify(img, &pvops_compiled, &census, sites_print_problem, &shown);

	if (shown.n > SITES_SHOW_MAX)
		fprintf(stderr, "proteus: ... and %u more problems\n", shown.n - SITES_SHOW_MAX);
	if (census.table_ok)
		census_print(stdout, &pvops_compiled, &census);
	if (problems && !census.table_ok) {
		fprintf(stderr, "proteus: %s: the site table cannot be read; no site checked\n", path);
		return 1;
	}
	if (problems) {
		fprintf(stderr, "proteus: %s: %u problem%s in the site table; %u of %u sites verified\n",
			path, problems, problems == 1 ? "" : "s", census.verified, census.total_sites);
		return 1;
	}
	printf("verified %u of %u sites: call *slot(%%rip) through the op's slot, NOP padding intact\n",
	       census.verified, census.total_sites);
	return 0;
}

static int sites_file(const char *path)
{
	struct sites_image img = { 0 };
	struct sites_segment *segs = NULL;
	struct elf64_file f;
	void *buf;
	size_t size;
	int err, rc = 2;

	if (fileio_read(path, &buf, &size) < 0) {
		fprintf(stderr, "proteus: %s: %s\n", path, strerror(errno));
		return 2;
	}
	err = elf64_open(&f, buf, size);
	if (!err)
		err = sites_section(&f, PVSITE_SITES_SECTION, &img.recs, &img.recs_size);
	if (!err)
		err = sites_section(&f, PVSITE_ABI_SECTION, &img.abi, &img.abi_size);
	if (!err && sites_paravirt_off(&f, &img)) {
		printf("no pv call sites (kernel built with PARAVIRT=0)\n");
		rc = 0;
		goto out;
	}
	if (!err)
		err = sites_section(&f, PVSITE_SLOTS_SECTION, &img.slots, &img.slots_size);
	if (!err)
		err = sites_segments(&f, &segs, &img.nsegs);
	if (err) {
		fprintf(stderr, "proteus: %s: not a readable ELF64 kernel: %s\n", path,
			err == SITES_NOMEM ? "out of memory" : elf64_strerror(err));
		goto out;
	}
	img.segs = segs;
	rc = sites_report(path, &img);
out:
	free(segs);
	free(buf);
	return rc;
}

int sites_main(int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "proteus: sites takes one ELF file\n");
		proteus_usage(stderr);
		return 2;
	}
	return sites_file(argv[1]);
}
