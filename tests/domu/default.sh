# The default scenario: one Proteus domU with the kernel arguments the
# host gave (/proteus/cmdline); its shutdown reason is the verdict.
# /proteus/type (mk/domu-stage.sh, from DOMU_TYPE): pv or pvh.
#
# dom0 also serves user/udpbench.c on the bridge: user/udppeer.c (out of
# Proteus's initrd, when there is one) at 10.0.0.1, port 9, so that
#   proteus run --on xen-domu -- init=/bin/udpbench ip=10.0.0.2/24 -- 10.0.0.1 9
# measures netfront against netback (`proteus bench net` does).
if [ -f /proteus/initrd.cpio ]; then
	mkdir -p /tmp/pinit && (cd /tmp/pinit && cpio -id bin/udppeer < /proteus/initrd.cpio 2>/dev/null)
	[ -x /tmp/pinit/bin/udppeer ] && { /tmp/pinit/bin/udppeer 9 900 >/tmp/udppeer.log 2>&1 & }
fi
DOMU_TYPE=$(cat /proteus/type 2>/dev/null || echo pv) domu_run proteus "$(cat /proteus/cmdline)" 90
[ "$REASON" = 0 ] && finish passed || finish failed
