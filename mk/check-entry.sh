#!/bin/sh
# check-entry.sh FILE — fail if the shared entry source uses a privileged
# instruction directly instead of through a backend's class-C macro.
# Comments are blanked first (keeping line numbers for the report).
set -eu
insns='cli|sti|swapgs|iret[lqw]?|sysret[lq]?|sysexit|hlt|lgdt|lidt|ltr|lldt|wrmsr|rdmsr|invlpg|wbinvd|clts|in[bwl]?|out[bwl]?|rdtscp?|cpuid|popf[lqw]?'
bad=$(perl -0777 -pe 's{/\*.*?\*/}{"\n" x ($& =~ tr/\n//)}gse' "$1" |
	grep -nEi "(^|[[:space:];:])($insns)([[:space:];]|\$)|%cr[0-9]" || true)
if [ -n "$bad" ]; then
	echo "$1: privileged instruction outside the class-C macros:" >&2
	echo "$bad" >&2
	exit 1
fi
