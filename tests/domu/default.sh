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
# Where datagrams to udppeer were lost, if any were: dom0's UDP counters
# (RcvbufErrors: the socket was full) and the softnet backlog's drops
# (netback's packets wait there for dom0's one CPU; 2nd column).
if [ -s /tmp/udppeer.log ]; then
	grep '^Udp:' /proc/net/snmp | sed 's/^/dom0 udp: /'
	sed 's/^/dom0 softnet: /' /proc/net/softnet_stat
fi
[ "$REASON" = 0 ] && finish passed || finish failed
