#!/bin/sh
# ksyms.sh ELF — emit the assembly of the kernel's .ksyms symbol table
# (see kernel/core/backtrace.c) from the text symbols of a linked image.
# With no ELF, emit an empty table for the first link.
set -eu
emit_header() {
	printf '\t.section .ksyms, "a"\n\t.balign 8\n\t.globl ksyms\nksyms:\n'
	printf '\t.quad %s, ksyms_addrs, ksyms_offs, ksyms_names\n' "$1"
}
if [ $# -eq 0 ]; then
	emit_header 0
	printf 'ksyms_addrs:\nksyms_offs:\nksyms_names:\n\t.byte 0\n'
	exit 0
fi
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
# Text symbols only, sorted by address, one name per address.
nm -n --defined-only "$1" | awk '$2 ~ /^[tTwW]$/ && $3 !~ /^\./ { if ($1 != last) print $1, $3; last = $1 }' > "$tmp"
n=$(wc -l < "$tmp")
emit_header "$n"
printf '\t.balign 8\nksyms_addrs:\n'
awk '{ printf "\t.quad 0x%s\n", $1 }' "$tmp"
printf 'ksyms_offs:\n'
awk 'BEGIN { off = 0 } { printf "\t.long %d\n", off; off += length($2) + 1 }' "$tmp"
printf 'ksyms_names:\n'
awk '{ printf "\t.asciz \"%s\"\n", $2 }' "$tmp"
