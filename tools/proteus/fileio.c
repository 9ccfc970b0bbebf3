/*
 * fileio.c — reading a whole file into memory.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "tools/proteus/fileio.h"

int fileio_read(const char *path, void **buf, size_t *size)
{
	struct stat st;
	size_t cap, used = 0;
	char *p;
	int fd = open(path, O_RDONLY | O_CLOEXEC), saved;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0)
		goto fail;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096;
	p = malloc(cap);
	if (!p)
		goto fail;
	for (;;) {
		ssize_t n;

		if (used == cap) {
			char *q = realloc(p, cap * 2);

			if (!q) {
				free(p);
				goto fail;
			}
			p = q;
			cap *= 2;
		}
		n = read(fd, p + used, cap - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(p);
			goto fail;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	close(fd);
	*buf = p;
	*size = used;
	return 0;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}
