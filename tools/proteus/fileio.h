/*
 * fileio.h — reading a whole file into memory.
 */
#ifndef PROTEUS_TOOL_FILEIO_H
#define PROTEUS_TOOL_FILEIO_H

#include <stddef.h>

/* Read path into a malloc'd buffer; 0, or -1 with errno set. */
int fileio_read(const char *path, void **buf, size_t *size);

#endif
