#!/bin/bash
# domu-run.sh KERNEL INITRD|- SCENARIO [kernel args...] — boot Xen 4.17 and
# the Linux dom0 of mk/domu-image.sh under QEMU TCG; dom0 runs
# tests/domu/SCENARIO.sh, which creates Proteus as a PV domU.  The kernel,
# initrd, scenario and init go into a small cpio appended to the cached
# base image, so a new kernel costs no image rebuild.  QEMU exits 1 when
# the scenario passed, 3 when it failed; 0 (dom0 panic, reboot) is neither.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
KERNEL=$1 INITRD=$2 SCEN=$3; shift 3
IMG=$(bash "$HERE/mk/domu-image.sh" | tail -1)
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
mkdir -p "$T/r/proteus"
cp "$HERE/mk/domu/dom0-init" "$T/r/init"; chmod 755 "$T/r/init"
cp "$KERNEL" "$T/r/proteus/proteus.elf"
[ "$INITRD" = - ] || cp "$INITRD" "$T/r/proteus/initrd.cpio"
cp "$HERE/tests/domu/$SCEN.sh" "$T/r/proteus/scenario.sh"
echo "$*" > "$T/r/proteus/cmdline"
(cd "$T/r" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) > "$T/run.cpio"
cat "$IMG/dom0-base.cpio" "$T/run.cpio" > "$T/dom0.cpio"
timeout --foreground -k 5 "${DOMU_TIMEOUT:-300}" qemu-system-x86_64 -M pc -m 1024M -smp 1 \
	-display none -serial stdio -monitor none -no-reboot -net none \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 -kernel "$IMG/xen.elf" \
	-append "console=com1 com1=115200,8n1 dom0_mem=512M,max:512M dom0_max_vcpus=1 loglvl=all guest_loglvl=all" \
	-initrd "$IMG/vmlinux console=hvc0 earlyprintk=xen loglevel=4,$T/dom0.cpio" </dev/null | tr -d '\r'
exit "${PIPESTATUS[0]}"
