#!/bin/bash
# domu-stage.sh KERNEL INITRD|- SCENARIO OUTDIR [kernel args...] — stage one
# run of Proteus as a Xen PV domU: the cached dom0 image (mk/domu-image.sh,
# built on first use), and a small cpio with /init (mk/domu/dom0-init),
# the kernel, its initrd, the scenario tests/domu/SCENARIO.sh, the
# kernel arguments and the guest type (DOMU_TYPE: pv, or pvh) appended to the base one — Linux unpacks concatenated
# archives as one initramfs — so a new kernel costs no image rebuild.
# OUTDIR gets xen.elf and vmlinux (links into the cache) and dom0.cpio;
# the last line printed is OUTDIR.  Used by mk/domu-run.sh and by
# `proteus run --on xen-domu`.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 4 ] || { echo "usage: $0 KERNEL INITRD|- SCENARIO OUTDIR [kernel args...]" >&2; exit 2; }
KERNEL=$1 INITRD=$2 SCEN=$3 OUT=$4; shift 4
[ -f "$HERE/tests/domu/$SCEN.sh" ] || { echo "$0: no scenario tests/domu/$SCEN.sh" >&2; exit 2; }
IMG=$(bash "$HERE/mk/domu-image.sh" | tail -1)
[ -s "$IMG/dom0-base.cpio" ] || { echo "$0: mk/domu-image.sh gave no image" >&2; exit 1; }
mkdir -p "$OUT"
# The tree in $R/t, its archive beside it: not inside the tree it archives.
R=$(mktemp -d); trap 'rm -rf "$R"' EXIT
T=$R/t
mkdir -p "$T/proteus"
cp "$HERE/mk/domu/dom0-init" "$T/init"; chmod 755 "$T/init"
cp "$KERNEL" "$T/proteus/proteus.elf"
[ "$INITRD" = - ] || cp "$INITRD" "$T/proteus/initrd.cpio"
cp "$HERE/tests/domu/$SCEN.sh" "$T/proteus/scenario.sh"
echo "$*" > "$T/proteus/cmdline"
echo "${DOMU_TYPE:-pv}" > "$T/proteus/type"
(cd "$T" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) > "$R/run.cpio"
cat "$IMG/dom0-base.cpio" "$R/run.cpio" > "$OUT/dom0.cpio"
ln -sf "$IMG/xen.elf" "$OUT/xen.elf"
ln -sf "$IMG/vmlinux" "$OUT/vmlinux"
echo "$OUT"
