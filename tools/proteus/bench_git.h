/*
 * bench_git.h — which source a benchmark report describes.
 */
#ifndef PROTEUS_TOOL_BENCH_GIT_H
#define PROTEUS_TOOL_BENCH_GIT_H

#include <stddef.h>

/* 1 when path (relative to the tree's top) is one of the bench's outputs. */
int bench_git_is_output(const char *path);
/*
 * `git rev-parse --short HEAD` into commit; *dirty = 1 when a tracked
 * file other than the bench's outputs differs from it.  -1 outside git.
 */
int bench_git_describe(char *commit, size_t len, int *dirty);

#endif
