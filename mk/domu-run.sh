#!/bin/bash
# domu-run.sh KERNEL INITRD|- SCENARIO [kernel args...] — boot Xen 4.17 and
# the Linux dom0 of mk/domu-image.sh under QEMU TCG; dom0 runs
# tests/domu/SCENARIO.sh, which creates Proteus as a PV domU
# (mk/domu-stage.sh puts the pieces together).  QEMU exits 1 when the
# scenario passed, 3 when it failed; 0 (dom0 panic, reboot) is neither.
# The same boot as `proteus run --on xen-domu` (tools/proteus/run_domu.c),
# for scenarios other than the default one; -cpu as there.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 3 ] || { echo "usage: $0 KERNEL INITRD|- SCENARIO [kernel args...]" >&2; exit 2; }
KERNEL=$1 INITRD=$2 SCEN=$3; shift 3
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
bash "$HERE/mk/domu-stage.sh" "$KERNEL" "$INITRD" "$SCEN" "$T" "$@" >/dev/null
timeout --foreground -k 5 "${DOMU_TIMEOUT:-300}" qemu-system-x86_64 -M pc -m 1024M -smp 1 -cpu qemu64,+svm,+npt \
	-display none -serial stdio -monitor none -no-reboot -net none \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 -kernel "$T/xen.elf" \
	-append "console=com1 com1=115200,8n1 dom0_mem=512M,max:512M dom0_max_vcpus=1 loglvl=all guest_loglvl=all" \
	-initrd "$T/vmlinux console=hvc0 earlyprintk=xen loglevel=4,$T/dom0.cpio" </dev/null | tr -d '\r'
exit "${PIPESTATUS[0]}"
