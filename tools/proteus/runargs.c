/*
 * runargs.c — the options of `proteus run`.
 *
 *   proteus run --on qemu [--machine pc|q35|microvm] [--kernel PATH]
 *               [--initrd PATH] [--timeout SECONDS] [--icount] [--log FILE]
 *               [--qemu PATH] [-- kernel args...]
 *   proteus run --on xen [--xen PATH] [--xen-log FILE] [the same, but --machine]
 *
 * Options take their value as the next word or after '='.  Everything after
 * "--" is the kernel command line.  Parsing never touches the filesystem;
 * runargs_resolve does that afterwards.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "tools/proteus/run.h"

static const char *const runargs_machines[] = { "pc", "q35", "microvm", NULL };

#define RUNARGS_MAX_TIMEOUT (7.0 * 24 * 3600)

static int runargs_fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int runargs_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return RUNARGS_USAGE;
}

static int runargs_machine_known(const char *m)
{
	for (const char *const *p = runargs_machines; *p; p++)
		if (strcmp(*p, m) == 0)
			return 1;
	return 0;
}

/* Seconds as digits with an optional fraction: "120", "0.5". */
static int runargs_seconds(const char *s, double *out)
{
	const char *p = s;
	char *end;

	if (!*p)
		return -1;
	while (*p >= '0' && *p <= '9')
		p++;
	if (p == s)
		return -1;
	if (*p == '.') {
		const char *f = ++p;

		while (*p >= '0' && *p <= '9')
			p++;
		if (p == f)
			return -1;
	}
	if (*p)
		return -1;
	errno = 0;
	*out = strtod(s, &end);
	if (errno || *end || *out <= 0 || *out > RUNARGS_MAX_TIMEOUT)
		return -1;
	return 0;
}

/* The value of option name: after '=' in arg, or the next word. */
static const char *runargs_value(int argc, char **argv, int *i, const char *eq)
{
	if (eq)
		return eq + 1;
	if (*i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

static void runargs_defaults(struct run_opts *o)
{
	memset(o, 0, sizeof *o);
	o->kernel = RUN_DEFAULT_KERNEL;
	o->initrd = RUN_DEFAULT_INITRD;
	o->timeout = RUN_DEFAULT_TIMEOUT;
	o->qemu = RUN_DEFAULT_QEMU;
}

int runargs_parse(int argc, char **argv, struct run_opts *o, char *err, size_t errlen)
{
	static const char *const valued[] = {
		"--on", "--machine", "--kernel", "--initrd", "--timeout", "--log", "--qemu", "--xen", "--xen-log",
		"--disk", "--mem", "--qemu-global",
		NULL,
	};
	int i, timeout_given = 0;

	runargs_defaults(o);
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i], *eq = NULL, *val = NULL;
		char name[32];
		size_t nlen;
		int takes = 0;

		if (strcmp(arg, "--") == 0) {
			i++;
			break;
		}
		if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0)
			return RUNARGS_HELP;
		if (strncmp(arg, "--", 2) != 0)
			return runargs_fail(err, errlen, "unexpected argument '%s' (kernel arguments go after --)", arg);
		eq = strchr(arg, '=');
		nlen = eq ? (size_t)(eq - arg) : strlen(arg);
		if (nlen >= sizeof name)
			return runargs_fail(err, errlen, "unknown option '%s'", arg);
		memcpy(name, arg, nlen);
		name[nlen] = 0;
		for (const char *const *v = valued; *v; v++)
			takes |= strcmp(*v, name) == 0;
		if (strcmp(name, "--net") == 0) {
			if (eq && !eq[1])
				return runargs_fail(err, errlen, "--net= needs a value (e.g. hostfwd=udp::5555-:7)");
			o->net = 1;
			o->net_opts = eq ? eq + 1 : NULL;
			continue;
		}
		if (strcmp(name, "--icount") == 0 || strcmp(name, "--gdb") == 0 ||
		    strcmp(name, "--interactive") == 0) {
			if (eq)
				return runargs_fail(err, errlen, "%s takes no value", name);
			if (strcmp(name, "--icount") == 0)
				o->icount = 1;
			else if (strcmp(name, "--gdb") == 0)
				o->gdb = 1;
			else
				o->interactive = 1;
			continue;
		}
		if (!takes)
			return runargs_fail(err, errlen, "unknown option '%s'", name);
		val = runargs_value(argc, argv, &i, eq);
		if (!val)
			return runargs_fail(err, errlen, "%s needs a value", name);
		if (!*val)
			return runargs_fail(err, errlen, "%s needs a non-empty value", name);
		if (strcmp(name, "--on") == 0) {
			if (!run_platform_find(val))
				return runargs_fail(err, errlen, "unknown platform '%s' (expected qemu, xen, xen-pvh, kvm, xen-domu or xen-domu-pvh)", val);
			o->platform = val;
		} else if (strcmp(name, "--machine") == 0) {
			if (!runargs_machine_known(val))
				return runargs_fail(err, errlen, "unknown machine '%s' (expected pc, q35 or microvm)", val);
			o->machine = val;
		} else if (strcmp(name, "--kernel") == 0) {
			o->kernel = val;
		} else if (strcmp(name, "--initrd") == 0) {
			o->initrd = val;
			o->initrd_given = 1;
		} else if (strcmp(name, "--timeout") == 0) {
			timeout_given = 1;
			if (runargs_seconds(val, &o->timeout) < 0)
				return runargs_fail(err, errlen,
						    "--timeout '%s' is not a number of seconds (> 0, at most %.0f)",
						    val, RUNARGS_MAX_TIMEOUT);
		} else if (strcmp(name, "--log") == 0) {
			o->log = val;
		} else if (strcmp(name, "--xen") == 0) {
			o->xen = val;
		} else if (strcmp(name, "--xen-log") == 0) {
			o->xen_log = val;
		} else if (strcmp(name, "--mem") == 0) {
			char *end;
			unsigned long mib = strtoul(val, &end, 10);

			/* 16 MiB: below that not even the kernel and initrd fit. */
			if (*end || val[0] < '0' || val[0] > '9' || mib < 16 || mib > 65536)
				return runargs_fail(err, errlen, "--mem '%s' is not a size in MiB (16 to 65536)", val);
			o->mem_mib = (unsigned)mib;
		} else if (strcmp(name, "--disk") == 0) {
			if (strchr(val, ','))
				return runargs_fail(err, errlen, "--disk '%s': QEMU cannot take a ',' in it", val);
			if (access(val, R_OK | W_OK))
				return runargs_fail(err, errlen, "--disk '%s': %s", val, strerror(errno));
			o->disk = val;
		} else if (strcmp(name, "--qemu-global") == 0) {
			const char *dot = strchr(val, '.'), *is = strchr(val, '=');

			if (!dot || dot == val || !is || is < dot + 2 || !is[1])
				return runargs_fail(err, errlen,
						    "--qemu-global '%s' is not DRIVER.PROPERTY=VALUE "
						    "(e.g. virtio-blk-pci.ioeventfd=off)", val);
			o->qemu_global = val;
		} else {
			o->qemu = val;
		}
	}
	if (!o->platform)
		return runargs_fail(err, errlen, "run needs --on PLATFORM (qemu, xen, xen-pvh, kvm, xen-domu or xen-domu-pvh)");
	if (!o->machine)
		o->machine = run_platform_find(o->platform)->default_machine;
	/* A person at a debugger or a shell prompt is not a hung guest. */
	if ((o->gdb || o->interactive) && !timeout_given)
		o->timeout = RUNARGS_MAX_TIMEOUT;
	if (o->disk && strcmp(o->platform, "qemu") != 0 && strcmp(o->platform, "kvm") != 0)
		return runargs_fail(err, errlen, "--disk is for --on qemu or kvm (virtio-blk)");
	if ((o->xen || o->xen_log) && strcmp(o->platform, "xen") != 0 && strcmp(o->platform, "xen-pvh") != 0)
		return runargs_fail(err, errlen, "%s is for --on xen or xen-pvh", o->xen ? "--xen" : "--xen-log");
	if (o->net && strcmp(o->platform, "qemu") != 0 && strcmp(o->platform, "kvm") != 0)
		return runargs_fail(err, errlen, "--net is for --on qemu or kvm");
	if (o->qemu_global && strcmp(o->platform, "qemu") != 0 && strcmp(o->platform, "kvm") != 0)
		return runargs_fail(err, errlen, "--qemu-global is for --on qemu or kvm");
	o->kargs = argv + i;
	o->nkargs = i < argc ? (size_t)(argc - i) : 0;
	{
		size_t len = 0, max = run_platform_find(o->platform)->cmdline_max;

		for (size_t k = 0; k < o->nkargs; k++)
			len += strlen(o->kargs[k]) + (k > 0);
		if (len > max)
			return runargs_fail(err, errlen,
					    "the kernel command line is %zu bytes; --on %s delivers at most %zu",
					    len, o->platform, max);
	}
	return RUNARGS_OK;
}

/* 0 when path is a readable file, else an errno value. */
static int runargs_readable(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return errno;
	if (S_ISDIR(st.st_mode))
		return EISDIR;
	return access(path, R_OK) == 0 ? 0 : errno;
}

int runargs_resolve(struct run_opts *o, char *err, size_t errlen)
{
	int e = runargs_readable(o->kernel);

	if (e)
		return runargs_fail(err, errlen, "kernel %s: %s", o->kernel, strerror(e));
	e = runargs_readable(o->initrd);
	if (e) {
		if (o->initrd_given || e != ENOENT)
			return runargs_fail(err, errlen, "initrd %s: %s", o->initrd, strerror(e));
		o->initrd = NULL;
	}
	return RUNARGS_OK;
}
