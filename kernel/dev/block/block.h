/* block.h — between the block layer's files (kernel/dev/block/), not for drivers. */
#ifndef PROTEUS_DEV_BLOCK_H
#define PROTEUS_DEV_BLOCK_H

#include "blockdev.h"

/* /dev/NAME for bd, and /dev/disk0 too when it is the first disk
 * (blockdev_file.c): 0 or -errno, logged. */
int blockdev_register_node(struct blockdev *bd, bool first);

#endif
