/* initrd.h — the boot module: a newc cpio archive of user programs. */
#ifndef PROTEUS_INITRD_H
#define PROTEUS_INITRD_H

#include "types.h"
#include "boot_info.h"

void initrd_init(const struct boot_info *bi);
/* Find a regular file; false with a reason in err if it is not there. */
bool initrd_lookup(const char *path, const void **data, size_t *size, char *err, size_t errlen);

/* The whole validated archive; false when there is none (or it was malformed). */
bool initrd_archive(const void **data, size_t *size);

#endif
