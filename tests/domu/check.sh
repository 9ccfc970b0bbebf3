# make check's domU rows in one Xen boot: ktest as a domU, the initrd's
# init as a domU, a pattern disk through blkfront as xvda (checked again
# here in dom0 once the domU is gone), a disk taken away by
# `xl block-detach`, and idle domUs ended by `xl shutdown` and
# `xl reboot` through control/shutdown.  Passed only if
# every domU ended as it should (reason 0, the rebooted one 1) and the
# disk check holds; each check also prints its own line for its row.
domu_run ktest "ktest" 90; r1=$REASON
domu_run init "init=/bin/hello" 60; r2=$REASON

# blkfront: diskcheck comes out of Proteus's own initrd (it runs on Linux too).
mkdir -p /tmp/pinit && (cd /tmp/pinit && cpio -id < /proteus/initrd.cpio 2>/dev/null)
dc=/tmp/pinit/bin/diskcheck r3=none
if "$dc" make /tmp/xvda.img 8192 && loop=$(losetup -f) && losetup "$loop" /tmp/xvda.img; then
	DOMU_DISK="format=raw, vdev=xvda, access=rw, target=$loop" \
		domu_run xvda "init=/bin/diskcheck" 90; r3=$REASON
	losetup -d "$loop"
	if [ "$r3" = 0 ] && "$dc" verify /tmp/xvda.img; then
		say "xvda: the domU's diskcheck passed and dom0 verified the image"
	else
		r3=failed
	fi
else
	say "xvda: could not make the pattern image"
fi

# The domU sleeps as init: xl block-detach takes its disk away (blkback
# goes Closing, blkfront lets go), then xl shutdown ends it through
# control/shutdown.
DOMU_ACTION='domu_wait_console idle "init: starting /bin/sleep" 60 &&
	timeout 30 xl block-detach idle xvda && echo detached > /tmp/idle.detach;
	xl shutdown idle' \
	domu_run idle "init=/bin/sleep -- 100000" 90; r4=$REASON
if [ "$r4" = 0 ] && grep -q 'power off requested by the toolstack' /var/log/xen/console/guest-idle.log; then
	say "idle: xl shutdown powered the domU off through control/shutdown"
else
	r4=failed
fi
if [ -f /tmp/idle.detach ] && grep -q 'xvda: back end .* is Closing: the disk is gone' \
		/var/log/xen/console/guest-idle.log; then
	say "detach: xl block-detach took xvda away and blkfront let it go"
else
	r4=failed
fi
# xl reboot: the same, restarting (reason 1; on_reboot destroys it).
DOMU_ACTION='domu_wait_console reboot "init: starting /bin/sleep" 60 && xl reboot reboot' \
	domu_run reboot "init=/bin/sleep -- 100000" 90; r5=$REASON
if [ "$r5" = 1 ] && grep -q 'restart requested by the toolstack' /var/log/xen/console/guest-reboot.log; then
	say "reboot: xl reboot restarted the domU through control/shutdown"
	r5=0
else
	r5=failed
fi
[ "$r1" = 0 ] && [ "$r2" = 0 ] && [ "$r3" = 0 ] && [ "$r4" = 0 ] && [ "$r5" = 0 ] &&
	finish passed || finish failed
