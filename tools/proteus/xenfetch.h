/*
 * xenfetch.h — finding the Xen image, fetching it on first use.
 *
 * Xen is not installed: mk/fetch-xen.sh downloads Debian's
 * xen-hypervisor-4.17-amd64 package, unpacks it into a cache directory and
 * leaves xen.elf there.  `proteus run --on xen` uses --xen PATH when given,
 * else CACHE/xen.elf, else runs the script (found next to the tool: the
 * tool is REPO/build/proteus, the script REPO/mk/fetch-xen.sh) and takes
 * the path it prints last.
 */
#ifndef PROTEUS_TOOL_XENFETCH_H
#define PROTEUS_TOOL_XENFETCH_H

#include <stddef.h>

/*
 * The cache directory: XDG_CACHE_HOME/proteus/xen when that variable is an
 * absolute path (the XDG rule), else HOME/.cache/proteus/xen.  Either may
 * be NULL.  -1 when neither helps or out is too small.
 */
int xenfetch_cache_dir(const char *xdg, const char *home, char *out, size_t len);
/* exe's directory + "/../mk/fetch-xen.sh"; -1 when exe has no '/' or out is too small. */
int xenfetch_script(const char *exe, char *out, size_t len);
/* The last non-empty line of text[0..n), without its newline; -1 when none or too long. */
int xenfetch_last_line(const char *text, size_t n, char *out, size_t len);
/*
 * The xen.elf to boot: given (--xen) if not NULL, else the cached one,
 * else fetched now.  Returns 0 with the path in out, or -1 with a reason
 * in err.  Progress goes to stderr.
 */
int xenfetch_find(const char *given, char *out, size_t len, char *err, size_t errlen);

/*
 * Run argv (argv[0] a path), its stdout into buf (NUL-terminated; only the
 * end kept when it is long), its stderr to ours.  Returns its wait status,
 * or -1 when it could not be started.
 */
int xenfetch_run(const char *const argv[], char *buf, size_t cap, size_t *got);
/* REPO/rel for the tool at REPO/build/proteus, resolved and readable:
 * 0, or -1 with a reason in err.  out must hold PATH_MAX bytes. */
int xenfetch_repo_file(const char *rel, char *out, size_t len, char *err, size_t errlen);

#endif
