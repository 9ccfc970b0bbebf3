/*
 * initrd.c — the initrd, validated once at boot: the whole archive is
 * walked, and a malformed one is reported with the offset and the reason
 * and then not used at all, rather than half-trusted.
 */
#include "initrd.h"
#include "mm.h"
#include "printk.h"
#include "lib/cpio.h"
#include "lib/fmt.h"

static const void *archive;
static size_t archive_size;
static char initrd_problem[96] = "no initrd was loaded";

void initrd_init(const struct boot_info *bi)
{
	struct cpio_iter it;
	struct cpio_entry e;
	unsigned files = 0;
	int rc;

	if (!bi->initrd_size) {
		pr_info("initrd: none\n");
		return;
	}
	cpio_iter_init(&it, phys_to_virt(bi->initrd_start), bi->initrd_size);
	while ((rc = cpio_next(&it, &e)) == CPIO_OK)
		files++;
	if (rc != CPIO_END) {
		fmt_snprintf(initrd_problem, sizeof(initrd_problem),
			     "initrd is malformed near offset %zu: %s", it.offset, cpio_strerror(rc));
		pr_err("%s\n", initrd_problem);
		return;
	}
	archive = phys_to_virt(bi->initrd_start);
	archive_size = bi->initrd_size;
	pr_info("initrd: %u entries, %zu bytes\n", files, archive_size);
}

bool initrd_lookup(const char *path, const void **data, size_t *size, char *err, size_t errlen)
{
	struct cpio_entry e;

	if (!archive) {
		fmt_snprintf(err, errlen, "%s: %s", path, initrd_problem);
		return false;
	}
	if (cpio_find(archive, archive_size, path, &e) != CPIO_OK) {
		fmt_snprintf(err, errlen, "%s: no such file in the initrd", path);
		return false;
	}
	*data = e.data;
	*size = e.size;
	return true;
}

bool initrd_archive(const void **data, size_t *size)
{
	*data = archive;
	*size = archive_size;
	return archive != NULL;
}
