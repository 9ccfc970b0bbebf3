# make check's domU rows in one Xen boot: ktest as a domU, the initrd's
# init as a domU, a pattern disk through blkfront as xvda (checked again
# here in dom0 once the domU is gone), a disk taken away by
# `xl block-detach`, and idle domUs ended by `xl shutdown` and
# `xl reboot` through control/shutdown, netfront (ping and UDP both
# ways), ktest in a PVH domU, xl dump-core, and xl save / xl restore
# of a running program in a PV and in a PVH domU.  Each check that holds
# prints its own line, which is what its row in make check looks for;
# the verdict is passed only if every domU ended as it should (reason 0,
# the rebooted one 1) and every check held.
domu_run ktest "ktest" 90; r1=$REASON
if [ "$r1" = 0 ] && grep -Eq '^ktest: [1-9][0-9]* passed, 0 failed' /var/log/xen/console/guest-ktest.log; then
	say "ktest: ktest passed in a PV domU"
else
	r1=failed
fi
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
# xl reboot: the same, restarting (reason 1; on_reboot destroys it),
# after flushing its disk's write cache (blkback's flush-cache).
DOMU_ACTION='domu_wait_console reboot "init: starting /bin/sleep" 60 && xl reboot reboot' \
	domu_run reboot "init=/bin/sleep -- 100000" 90; r5=$REASON
if [ "$r5" = 1 ] && grep -q 'restart requested by the toolstack' /var/log/xen/console/guest-reboot.log &&
	grep -q 'reboot: disk caches flushed' /var/log/xen/console/guest-reboot.log; then
	say "reboot: xl reboot restarted the domU through control/shutdown, its disk flushed first"
	r5=0
else
	r5=failed
fi
# netfront: udpecho in the domU at 10.0.0.2 on the bridge; from dom0,
# ping and udpcheck (out of Proteus's initrd too) once it is listening.
# udpecho ends when udpcheck says stop, and the domU powers off.
DOMU_ACTION='domu_wait_console net "udpecho: ready on port 7" 60 &&
	{ ping -c 2 -W 10 10.0.0.2 >/tmp/net.ping 2>&1 && echo ok >/tmp/net.ping.ok; } ;
	/tmp/pinit/bin/udpcheck /var/log/xen/console/guest-net.log "udpecho: ready on port 7" \
		10.0.0.2 7 3 >/tmp/net.udp 2>&1 && echo ok >/tmp/net.udp.ok' \
	domu_run net "init=/bin/udpecho ip=10.0.0.2/24" 90; r6=$REASON
cat /tmp/net.ping /tmp/net.udp 2>/dev/null
[ "$r6" = 0 ] && [ -f /tmp/net.ping.ok ] && say "net: dom0 pinged the domU through netfront" || r6=failed
[ "$r6" = 0 ] && [ -f /tmp/net.udp.ok ] && say "net: dom0's UDP datagrams came back from the domU" || r6=failed
# The other way: busybox ping in the domU to dom0 (its exit status is init's).
domu_run ping "init=/bin/ping ip=10.0.0.2/24 -- -c 1 -W 10 10.0.0.1" 60; r7=$REASON
[ "$r7" = 0 ] && say "net: the domU pinged dom0" || r7=failed

# The same ELF as a PVH domU: ktest, with xenstore, xvda and eth0 found
# through the HVM params.
DOMU_TYPE=pvh domu_run ktestpvh "ktest" 90; r8=$REASON
if [ "$r8" = 0 ] && grep -Eq '^ktest: [1-9][0-9]* passed, 0 failed' /var/log/xen/console/guest-ktestpvh.log &&
	grep -q 'blkfront: xvda' /var/log/xen/console/guest-ktestpvh.log; then
	say "pvh: ktest passed in a PVH domU, its disk connected"
else
	r8=failed
fi

# xl dump-core of a running domU reads its memory through the p2m list it
# published: the core is an ELF file, and it holds the domU's last console
# line, formatted at run time and still in its console ring page (so only
# its memory can have it: Xen's copy is in xenconsoled's log, not here).
DOMU_ACTION='domu_wait_console core "init: starting /bin/sleep" 60 &&
	xl dump-core core /tmp/core.elf >/tmp/core.out 2>&1 && echo ok >/tmp/core.ok; xl shutdown core' \
	domu_run core "init=/bin/sleep -- 100000" 90; r9=$REASON
cat /tmp/core.out 2>/dev/null
if [ "$r9" = 0 ] && [ -f /tmp/core.ok ] && [ "$(head -c 4 /tmp/core.elf | od -An -c | tr -d ' ')" = '177ELF' ] &&
	grep -aq "init: starting /bin/sleep" /tmp/core.elf; then
	say "core: xl dump-core wrote the domU's memory, its console line in it"
else
	say "core: $(ls -l /tmp/core.elf 2>&1)"
	r9=failed
fi
rm -f /tmp/core.elf
# xl save / xl restore: ticker counts (and reads xvda) in the domU.  First
# `xl save -c`, a checkpoint: the suspend is cancelled and the same domain
# must count on.  Then dom0 saves it to a file (the domain is gone) and
# restores it from the file (a new domain), and the same process must
# count on — its first line once only, no second boot — with its disk and
# network reconnected (dom0 pings it after the restore); then xl shutdown
# ends it.  save_round NAME CTAG STAG: a domU of DOMU_TYPE named NAME,
# its two lines said as "CTAG:" and "STAG:"; sets SAVED (0: both held).
save_round() {
	sname=$1 ctag=$2 stag=$3
	slog=/var/log/xen/console/guest-$sname.log
	rm -f /tmp/$sname.*
	DOMU_ACTION='domu_wait_console '$sname' "^ticker: 5[[:space:]]*$" 60 &&
		xl save -c '$sname' /tmp/'$sname'.img >/tmp/'$sname'.out 2>&1 && rm -f /tmp/'$sname'.img &&
		c=$(ticks | tail -1) && echo "$c" >/tmp/'$sname'.ckpt &&
		domu_wait_console '$sname' "^ticker: $((c + 3))[[:space:]]*$" 60 &&
		xl save '$sname' /tmp/'$sname'.img >>/tmp/'$sname'.out 2>&1 &&
		last=$(ticks | tail -1) && echo "$last" >/tmp/'$sname'.last &&
		xl restore /tmp/'$sname'.img >>/tmp/'$sname'.out 2>&1 &&
		domu_wait_console '$sname' "^ticker: $((last + 5))[[:space:]]*$" 90 &&
		ping -c 2 -W 10 10.0.0.2 >>/tmp/'$sname'.out 2>&1 && echo ok >/tmp/'$sname'.ping
		xl shutdown '$sname \
		domu_run $sname "init=/bin/ticker ip=10.0.0.2/24" 240; SAVED=$REASON
	cat /tmp/$sname.out 2>/dev/null
	rm -f /tmp/$sname.img
	if [ "$SAVED" = 0 ] && [ -s /tmp/$sname.ckpt ] && grep -q 'the suspend was cancelled' $slog &&
		ticks | grep -q "^$(( $(cat /tmp/$sname.ckpt) + 3 ))$"; then
		say "$ctag: xl save -c cancelled the suspend and the domU counted on past $(cat /tmp/$sname.ckpt)"
	else
		SAVED=failed
	fi
	if [ "$SAVED" = 0 ] && [ -s /tmp/$sname.last ] && [ "$(ticks | grep -c '^1$')" = 1 ] &&
		ticks | grep -q "^$(( $(cat /tmp/$sname.last) + 5 ))$" &&
		grep -q 'xen: resumed in a new domain' $slog && grep -q 'blkfront: xvda: reconnected' $slog &&
		[ -f /tmp/$sname.ping ]; then
		say "$stag: the domU was saved and restored, its ticker counted on past $(cat /tmp/$sname.last), xvda and eth0 reconnected"
	else
		SAVED=failed
	fi
}
ticks() { sed -n 's/^ticker: \([0-9]*\)[[:space:]]*$/\1/p' $slog; }
save_round save checkpoint save; r10=$SAVED
# The same in a PVH domU, which Xen saves as hardware state.
DOMU_TYPE=pvh save_round savepvh pvh-checkpoint pvh-save; r11=$SAVED
[ "$r1" = 0 ] && [ "$r2" = 0 ] && [ "$r3" = 0 ] && [ "$r4" = 0 ] && [ "$r5" = 0 ] &&
	[ "$r6" = 0 ] && [ "$r7" = 0 ] && [ "$r8" = 0 ] && [ "$r9" = 0 ] && [ "$r10" = 0 ] && [ "$r11" = 0 ] &&
	finish passed || finish failed
