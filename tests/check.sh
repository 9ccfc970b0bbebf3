#!/bin/sh
# check.sh — everything `make check` runs: the build (both PARAVIRT
# settings), the host unit tests, the build-rule checks, and the boot
# matrix on QEMU TCG.  Each row passes only on the right exit status AND
# the right line in its log; logs are kept in build/check/.  The last line
# is the tally: "N passed, M failed[, K skipped]".
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
LOG=$BUILD/check
PROTEUS=$BUILD/proteus
KERNEL=$BUILD/proteus.elf
KERNEL0=$BUILD/proteus-pv0.elf
INITRD=$BUILD/initrd.cpio
TIMEOUT=${CHECK_TIMEOUT:-120}
pass=0 fail=0 skip=0

ok()   { pass=$((pass + 1)); printf 'PASS  %s\n' "$1"; }
bad()  { fail=$((fail + 1)); printf 'FAIL  %s: %s\n' "$1" "$2"; }
skipped() { skip=$((skip + 1)); printf 'SKIP  %s: %s\n' "$1" "$2"; }
# evidence FILE [N]: the last N lines of a failed row's log, into this
# output, because CI keeps only what make check prints.
evidence() { tail -n "${2:-15}" "$1" 2>/dev/null | tr -d '\r' | sed 's/^/      | /'; }
finish() {
	# A row whose code the shell could not run (a function gone, a syntax
	# slip) leaves no FAIL line of its own, only a message here.
	if [ -s "$LOG/check.stderr" ]; then
		bad "check.sh" "the script itself printed errors, so some rows may not have run:"
		evidence "$LOG/check.stderr" 20
	fi
	if [ "$skip" -gt 0 ]; then
		echo "$pass passed, $fail failed, $skip skipped"
	else
		echo "$pass passed, $fail failed"
	fi
	[ "$fail" -eq 0 ]
	exit $?
}

rm -rf "$LOG"
mkdir -p "$LOG"
exec 2>"$LOG/check.stderr"

# ---- build ---------------------------------------------------------------
echo "== build"
if make -j2 all >"$LOG/build.log" 2>&1 &&
   make -j2 PARAVIRT=0 kernel >>"$LOG/build.log" 2>&1 &&
   make -j2 unit-build >>"$LOG/build.log" 2>&1; then
	ok "build: kernel (PARAVIRT=1 and 0), initrd, host tool, unit tests"
else
	bad "build" "see $LOG/build.log"; tail -20 "$LOG/build.log"
	finish
fi

# ---- host unit tests: every cmocka case counts -----------------------------
echo "== host unit tests"
for t in $(make -s print-unit-bins); do
	name=$(basename "$t")
	CMOCKA_MESSAGE_OUTPUT=TAP "$t" >"$LOG/$name.tap" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$LOG/$name.tap")
	f=$(grep -c '^not ok ' "$LOG/$name.tap")
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		bad "unit/$name" "exit $rc without a failing case (crash?)"
	fi
	printf '%s  unit/%s: %d passed, %d failed\n' "$([ "$rc" -eq 0 ] && echo PASS || echo FAIL)" "$name" "$p" "$f"
done

# ---- build rules and the site table ---------------------------------------
echo "== build rules"
printf 'x:\n\tcli\n' >"$LOG/raw-cli.S"
if sh mk/check-entry.sh "$LOG/raw-cli.S" >"$LOG/entry-check.log" 2>&1; then
	bad "entry-check" "a raw cli in entry code was not flagged"
elif grep -q 'privileged instruction' "$LOG/entry-check.log" &&
     sh mk/check-entry.sh kernel/entry/entry.S; then
	ok "entry-check: raw privileged instructions are refused, the real entry.S is clean"
else
	bad "entry-check" "see $LOG/entry-check.log"
fi
if "$PROTEUS" sites "$KERNEL" >"$LOG/sites.log" 2>&1 && grep -q '^verified' "$LOG/sites.log"; then
	ok "proteus sites: every site of $KERNEL verified ($(grep '^verified' "$LOG/sites.log" | cut -d: -f1))"
else
	bad "proteus sites" "see $LOG/sites.log"
fi
if "$PROTEUS" sites "$KERNEL0" >"$LOG/sites0.log" 2>&1 && grep -q 'PARAVIRT=0' "$LOG/sites0.log"; then
	ok "proteus sites: the PARAVIRT=0 kernel has no sites"
else
	bad "proteus sites (PARAVIRT=0)" "see $LOG/sites0.log"
fi

# ---- boot matrix ------------------------------------------------------------
# boot NAME EXPECTED-EXIT PATTERN [proteus run options] -- [kernel args]
boot() {
	name=$1 want=$2 pattern=$3
	shift 3
	f=$LOG/$(echo "$name" | tr / -)
	case " $* " in *" --on "*) on= ;; *) on="--on qemu" ;; esac
	# shellcheck disable=SC2086
	"$PROTEUS" run $on --timeout "$TIMEOUT" --log "$f.log" "$@" >/dev/null 2>"$f.err"
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		bad "$name" "exit $rc, want $want ($(tail -1 "$f.err"))"; evidence "$f.log"
	elif ! grep -Eq "$pattern" "$f.log"; then
		bad "$name" "exit $rc but no line matching '$pattern' in $f.log"; evidence "$f.log"
	else
		ok "$name"
	fi
}

SENTINEL='^ktest: [1-9][0-9]* passed, 0 failed'
echo "== boot matrix: ktest on QEMU TCG"
for m in pc q35 microvm; do
	boot "ktest/$m/patched" 0 "$SENTINEL" --machine "$m" --kernel "$KERNEL" -- ktest
	boot "ktest/$m/unpatched" 0 "$SENTINEL" --machine "$m" --kernel "$KERNEL" -- ktest pv.patch=0
	boot "ktest/$m/paravirt0" 0 "$SENTINEL" --machine "$m" --kernel "$KERNEL0" -- ktest
done
boot "ktest/pc/pit-tick" 0 "$SENTINEL" --kernel "$KERNEL" -- ktest timer=pit
boot "ktest/microvm/pit-tick" 0 "$SENTINEL" --machine microvm --kernel "$KERNEL" -- ktest timer=pit
boot "ktest/pc/forced-native" 0 "$SENTINEL" --kernel "$KERNEL" -- ktest pv.backend=native

echo "== boot: the user program, and bad input"
boot "run/init" 0 '^hello from user space: pid 1, running at CPL 3' --kernel "$KERNEL" -- init=/bin/hello
boot "bad/unknown-option" 3 "bad command line: unknown option 'bogus'" --kernel "$KERNEL" -- bogus=1
boot "bad/pv-patch-value" 3 "bad command line: option 'pv.patch' wants 0 or 1" --kernel "$KERNEL" -- pv.patch=maybe
boot "bad/unknown-backend" 3 "cannot use backend 'nosuch'" --kernel "$KERNEL" -- pv.backend=nosuch
boot "bad/backend-on-pv0" 3 "built with PARAVIRT=0" --kernel "$KERNEL0" -- pv.backend=xen-pv
boot "bad/kernel-fault" 3 '#[0-9]+ [0-9a-f]+ crash_on_purpose\+' --kernel "$KERNEL" -- crash=fault
boot "bad/init-killed" 1 'init: /bin/nullread was killed: page fault' --kernel "$KERNEL" -- init=/bin/nullread
# busybox's poweroff -f and reboot -f as init: reboot(2) ends the machine,
# power-off with status 0 and restart with 1.
boot "run/poweroff" 0 'reboot: power off requested' --kernel "$KERNEL" -- init=/bin/poweroff -- -f
boot "run/reboot" 1 'reboot: restart requested' --kernel "$KERNEL" -- init=/bin/reboot -- -f
boot "bad/init-missing" 1 'init: /sbin/nothing: no such file' --kernel "$KERNEL" -- init=/sbin/nothing
boot "bad/init-not-elf" 1 'init: /bin/notelf: not a 64-bit little-endian ELF' --kernel "$KERNEL" -- init=/bin/notelf
# An emulator that exits with the "passed" status without running the guest
# (here: false, which exits 1 like QEMU after the guest wrote 0) is no pass.
"$PROTEUS" run --on qemu --qemu /bin/false --kernel "$KERNEL" >/dev/null 2>"$LOG/bad-vmm-false.err"
rc=$?
if [ "$rc" -eq 3 ] && grep -q 'printed no verdict line' "$LOG/bad-vmm-false.err"; then
	ok "bad/vmm-false"
else
	bad "bad/vmm-false" "exit $rc, want 3 and 'printed no verdict line' ($(tail -1 "$LOG/bad-vmm-false.err"))"
fi
# Command lines too long to travel: proteus run refuses them; a loader that
# hands one over anyway is caught by the kernel (QEMU run directly here,
# as proteus run would not start it).
long=$(awk 'BEGIN { for (i = 0; i < 420; i++) printf "loglevel=6 " }')
"$PROTEUS" run --on qemu --kernel "$KERNEL" -- $long >/dev/null 2>"$LOG/bad-cmdline-tool.err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q 'delivers at most 4095' "$LOG/bad-cmdline-tool.err"; then
	ok "bad/cmdline-refused-by-proteus-run"
else
	bad "bad/cmdline-refused-by-proteus-run" "exit $rc, want 2 ($(tail -1 "$LOG/bad-cmdline-tool.err"))"
fi
qemu_direct() { # NAME MACHINE PATTERN APPEND: the guest must panic (QEMU exit 5) saying PATTERN
	f=$LOG/$(echo "$1" | tr / -).log
	timeout "$TIMEOUT" qemu-system-x86_64 -M "$2" -m 256M -display none -serial stdio -monitor none \
		-no-reboot -net none -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-kernel "$KERNEL" -append "$4" </dev/null >"$f" 2>&1
	rc=$?
	if [ "$rc" -eq 5 ] && grep -q "$3" "$f" && grep -q '^proteus-verdict: panic' "$f"; then
		ok "$1"
	else
		bad "$1" "exit $rc, want 5 and '$3' in $f"
	fi
}
qemu_direct bad/cmdline-too-long microvm 'the command line is 4620 bytes long; this kernel takes at most 4095' "$long"
qemu_direct bad/cmdline-overran-start-info pc "start_info at 0x21e0 holds text" "$long"
head -c 300 "$INITRD" >"$LOG/truncated.cpio"
boot "bad/initrd-truncated" 1 'initrd is malformed' --kernel "$KERNEL" --initrd "$LOG/truncated.cpio"

echo "== boot matrix: the same ELF as a Xen PV dom0 (Xen 4.17 under QEMU TCG)"
if xen=$(sh mk/fetch-xen.sh 2>"$LOG/fetch-xen.err" | tail -1) && [ -f "$xen" ]; then
	boot "ktest/xen-pv/patched" 0 "$SENTINEL" --on xen --xen "$xen" --kernel "$KERNEL" -- ktest pv.stats=1
	boot "ktest/xen-pv/unpatched" 0 "$SENTINEL" --on xen --xen "$xen" --kernel "$KERNEL" -- ktest pv.patch=0
	boot "run/xen-pv-init" 0 '^hello from user space: pid 1, running at CPL 3' --on xen --xen "$xen" \
		--kernel "$KERNEL" -- init=/bin/hello
	boot "bad/xen-pv-init-killed" 1 'init: /bin/nullread was killed: page fault' \
		--on xen --xen "$xen" --kernel "$KERNEL" -- init=/bin/nullread
	boot "bad/xen-pv-forced-native" 3 "cannot use backend 'native': not usable on this platform" \
		--on xen --xen "$xen" --kernel "$KERNEL" -- pv.backend=native
else
	for row in ktest/xen-pv/patched ktest/xen-pv/unpatched run/xen-pv-init bad/xen-pv-init-killed \
			bad/xen-pv-forced-native; do
		skipped "$row" "Xen 4.17 could not be fetched: $(tail -1 "$LOG/fetch-xen.err")"
	done
fi
boot "bad/xen-pv-forced-on-qemu" 3 "cannot use backend 'xen-pv': not usable on this platform" \
	--kernel "$KERNEL" -- pv.backend=xen-pv

echo "== boot matrix: the same ELF as a Xen PVH dom0 (q35, -cpu max, emulated VT-d)"
if [ -f "${xen:-}" ]; then
	boot "ktest/xen-pvh/patched" 0 "$SENTINEL" --on xen-pvh --xen "$xen" --kernel "$KERNEL" -- ktest pv.stats=1
	boot "ktest/xen-pvh/unpatched" 0 "$SENTINEL" --on xen-pvh --xen "$xen" --kernel "$KERNEL" -- ktest pv.patch=0
	boot "run/xen-pvh-init" 0 '^hello from user space: pid 1, running at CPL 3' --on xen-pvh --xen "$xen" \
		--kernel "$KERNEL" -- init=/bin/hello
else
	for row in ktest/xen-pvh/patched ktest/xen-pvh/unpatched run/xen-pvh-init; do
		skipped "$row" "Xen 4.17 could not be fetched: $(tail -1 "$LOG/fetch-xen.err")"
	done
fi
boot "bad/xen-pvh-forced-on-qemu" 3 "cannot use backend 'xen-pvh': not usable on this platform" \
	--kernel "$KERNEL" -- pv.backend=xen-pvh

echo "== boot: user space (usertests, busybox)"
# Unmodified static Linux programs as init: the musl test suite, and
# Debian's busybox sh running a script.  init exiting 0 is a pass.
UT_SENTINEL='^usertests: [1-9][0-9]* passed, 0 failed'
SH_SENTINEL='^sh-test: all passed'
# The latency suite, few iterations: only that every op produced a number
# (lat exits 1 and prints fewer ops on any failing call); the figures
# themselves are never pass/fail.
boot "user/pc/lat-quick" 0 '^lat: 17 ops measured' --kernel "$KERNEL" -- init=/bin/lat -- --quick
for m in pc q35 microvm; do
	boot "user/$m/usertests" 0 "$UT_SENTINEL" --machine "$m" --kernel "$KERNEL" -- init=/bin/usertests
	boot "user/$m/busybox-sh" 0 "$SH_SENTINEL" --machine "$m" --kernel "$KERNEL" \
		-- init=/bin/sh -- /tests/basic.sh
done
if [ -f "${xen:-}" ]; then
	boot "user/xen-pv/usertests" 0 "$UT_SENTINEL" --on xen --xen "$xen" --kernel "$KERNEL" \
		-- init=/bin/usertests
	boot "user/xen-pv/busybox-sh" 0 "$SH_SENTINEL" --on xen --xen "$xen" --kernel "$KERNEL" \
		-- init=/bin/sh -- /tests/basic.sh
	boot "user/xen-pvh/usertests" 0 "$UT_SENTINEL" --on xen-pvh --xen "$xen" --kernel "$KERNEL" \
		-- init=/bin/usertests
	boot "user/xen-pvh/busybox-sh" 0 "$SH_SENTINEL" --on xen-pvh --xen "$xen" --kernel "$KERNEL" \
		-- init=/bin/sh -- /tests/basic.sh
	# proteus bench lazy, small (lazy --quick natively and on Xen PV, one
	# boot each, about 10 s): that the tool boots, checks and writes all
	# 14 figures; the figures themselves are never pass/fail.
	f=$LOG/bench-lazy-quick
	"$PROTEUS" bench lazy --quick --xen "$xen" --out "$f" >"$f.out" 2>"$f.err"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		bad "bench/lazy-quick" "exit $rc ($(tail -1 "$f.err"))"
	elif [ "$(grep -c '^native	\|^xenpv-lazy	' "$f/lazy.tsv")" -ne 14 ]; then
		bad "bench/lazy-quick" "exit 0 but $f/lazy.tsv has not 14 figures"
	else
		ok "bench/lazy-quick"
	fi
else
	for row in user/xen-pv/usertests user/xen-pv/busybox-sh user/xen-pvh/usertests \
			user/xen-pvh/busybox-sh bench/lazy-quick; do
		skipped "$row" "Xen 4.17 could not be fetched: $(tail -1 "$LOG/fetch-xen.err")"
	done
fi

echo "== boot: the same ELF as a Xen PV domU of a Linux dom0 (xl create, Xen 4.17 under QEMU TCG)"
# mk/domu-run.sh: QEMU exits 1 when the dom0 scenario passed and 3 when it
# ran to its end but a check failed; 0 (a dom0 panic or reboot) and a
# timeout fail every row.
if domu=$(bash mk/domu-image.sh 2>"$LOG/domu-image.err" | tail -1) && [ -s "$domu/dom0-base.cpio" ]; then
	# The rows share one boot (tests/domu/check.sh); each is judged by the
	# line dom0 prints when that check held, so one failure fails one row.
	# Each domU has its own guard in dom0; this one only catches a dom0
	# that hangs (the boot took 373 s of dom0 time with the host's other
	# core busy, 240 s without).
	f=$LOG/xen-domu.log
	DOMU_TIMEOUT=900 bash mk/domu-run.sh "$KERNEL" "$INITRD" check >"$f" 2>&1
	rc=$?
	missing=0
	for row in "ktest/xen-domu|ktest: ktest passed in a PV domU$" \
		   "run/xen-domu-init|domU init ended: shutdown reason 0$" \
		   "blk/xen-domu/xvda|xvda: the domU's diskcheck passed and dom0 verified the image$" \
		   "run/xen-domu-xl-shutdown|idle: xl shutdown powered the domU off through control/shutdown$" \
		   "run/xen-domu-xl-reboot|reboot: xl reboot restarted the domU through control/shutdown, its disk flushed first$" \
		   "blk/xen-domu/detach|detach: xl block-detach took xvda away and blkfront let it go$" \
		   "net/xen-domu/dom0-ping|net: dom0 pinged the domU through netfront$" \
		   "net/xen-domu/udp-echo|net: dom0's UDP datagrams came back from the domU$" \
		   "net/xen-domu/guest-ping|net: the domU pinged dom0$" \
		   "ktest/xen-domu-pvh|pvh: ktest passed in a PVH domU, its disk connected$" \
		   "run/xen-domu-dump-core|core: xl dump-core wrote the domU's memory, its console line in it$" \
		   "run/xen-domu-checkpoint|checkpoint: xl save -c cancelled the suspend and the domU counted on past [0-9]+$" \
		   "run/xen-domu-save-restore|save: the domU was saved and restored, its ticker counted on past [0-9]+, xvda and eth0 reconnected$" \
		   "run/xen-domu-pvh-checkpoint|pvh-checkpoint: xl save -c cancelled the suspend and the domU counted on past [0-9]+$" \
		   "run/xen-domu-pvh-save-restore|pvh-save: the domU was saved and restored, its ticker counted on past [0-9]+, xvda and eth0 reconnected$"; do
		name=${row%%|*} pattern="^dom0\\[[0-9.]+\\] ${row#*|}"
		if [ "$rc" -ne 1 ] && [ "$rc" -ne 3 ]; then
			bad "$name" "qemu exit $rc, want 1 (see $f)"
		elif ! grep -Eq "$pattern" "$f"; then
			bad "$name" "no line matching '$pattern' in $f"; missing=$((missing + 1))
		else
			ok "$name"
		fi
	done
	if [ "$rc" -eq 3 ] && [ "$missing" -eq 0 ]; then
		bad "xen-domu/verdict" "dom0's verdict was failed, yet every row's line is in $f"
	fi
	# What dom0 said about each domU, and how the boot ended.
	if [ "$rc" -ne 1 ]; then
		grep -a '^dom0\[' "$f" | evidence /dev/stdin 40; evidence "$f" 25
	fi
	# The same platform through the host tool, as a user runs it.
	boot "run/xen-domu/proteus-run" 0 '^hello from user space: pid 1' --on xen-domu --kernel "$KERNEL" \
		-- init=/bin/hello
else
	for row in ktest/xen-domu run/xen-domu-init blk/xen-domu/xvda run/xen-domu-xl-shutdown \
		   run/xen-domu-xl-reboot blk/xen-domu/detach net/xen-domu/dom0-ping net/xen-domu/udp-echo \
		   net/xen-domu/guest-ping ktest/xen-domu-pvh run/xen-domu-dump-core run/xen-domu-checkpoint \
		   run/xen-domu-save-restore run/xen-domu-pvh-checkpoint run/xen-domu-pvh-save-restore \
		   run/xen-domu/proteus-run; do
		skipped "$row" "SKIPPED LOUDLY: the dom0 image could not be built: $(tail -1 "$LOG/domu-image.err")"
	done
fi
# UDP through QEMU's user network: udpecho in the guest, udpcheck on the
# host sending through a hostfwd once the guest printed its ready line;
# each datagram retried, never timed.  Then busybox ping to the gateway,
# which QEMU's user network answers itself.
net_row() { # NAME [proteus run options]
	name=$1
	shift
	f=$LOG/$(echo "$name" | tr / -)
	port=$((20000 + ($$ + pass + fail) % 20000))
	# shellcheck disable=SC2086
	"$PROTEUS" run --timeout "$TIMEOUT" --log "$f.log" --net=hostfwd=udp:127.0.0.1:$port-:7 "$@" \
		-- init=/bin/udpecho ip=10.0.2.15/24,10.0.2.2 >/dev/null 2>"$f.err" &
	vmm=$!
	"$BUILD/user/udpcheck" "$f.log" 'udpecho: ready on port 7' 127.0.0.1 "$port" 3 "$vmm" >"$f.check" 2>&1
	crc=$?
	[ "$crc" -eq 0 ] || kill "$vmm" 2>/dev/null
	wait "$vmm"
	rc=$?
	if [ "$crc" -ne 0 ]; then
		bad "$name" "$(tail -1 "$f.check") (see $f.log)"
	elif [ "$rc" -ne 0 ] || ! grep -q '^udpecho: done' "$f.log"; then
		bad "$name" "exit $rc, want 0 and 'udpecho: done' in $f.log"
	else
		ok "$name"
	fi
}
echo "== net: virtio-net, UDP echo and ping through QEMU's user network"
for m in pc q35 microvm; do
	net_row "net/$m/udp-echo" --on qemu --machine "$m" --kernel "$KERNEL"
done
boot "net/pc/ping-gateway" 0 '^1 packets transmitted, 1 packets received' --net --kernel "$KERNEL" \
	-- init=/bin/busybox ip=10.0.2.15/24:10.0.2.2 -- ping -c 1 -W 10 10.0.2.2
# A UDP stream out, faster than the device drains its ring (so blocking
# sends must wait for room, not fail), round trips and bursts in:
# udpbench against udppeer on the host, which the guest reaches as
# 10.0.2.2; every send must succeed and every request be answered.  On
# microvm the peer's address is followed by QEMU's virtio_mmio.device=
# words, which the kernel must take back from init's arguments.
for m in pc microvm; do
	f=$LOG/net-$m-udp-stream
	port=$((20000 + ($$ + pass + fail + 7) % 20000))
	"$BUILD/user/udppeer" "$port" 300 >"$f.peer" 2>&1 &
	peer=$!
	"$PROTEUS" run --on qemu --machine $m --timeout "$TIMEOUT" --log "$f.log" --net --kernel "$KERNEL" \
		-- init=/bin/udpbench ip=10.0.2.15/24,10.0.2.2 -- 10.0.2.2 "$port" 200 >/dev/null 2>"$f.err"
	rc=$?
	kill "$peer" 2>/dev/null; wait "$peer" 2>/dev/null
	if [ "$rc" -eq 0 ] && grep -q '^udpbench: done' "$f.log"; then
		ok "net/$m/udp-stream"
	else
		bad "net/$m/udp-stream" "exit $rc, want 0 and 'udpbench: done' in $f.log ($(grep -m1 FAIL "$f.log"))"
		evidence "$f.log"
	fi
done

# A disk through the Linux block ABI: build/user/diskcheck writes a
# self-describing pattern image on the host, checks it and writes its edits
# from the guest (/dev/disk0), and checks on the host afterwards that the
# image holds exactly the pattern and the edits.
blk_row() { # NAME [proteus run options]
	name=$1
	shift
	f=$LOG/$(echo "$name" | tr / -)
	img=$f.img
	if ! "$BUILD/user/diskcheck" make "$img" 8192 >"$f.check" 2>&1; then
		bad "$name" "could not make $img: $(tail -1 "$f.check")"
		return
	fi
	"$PROTEUS" run --timeout "$TIMEOUT" --log "$f.log" --disk "$img" "$@" \
		-- init=/bin/diskcheck >/dev/null 2>"$f.err"
	rc=$?
	if [ "$rc" -ne 0 ] || ! grep -q '^diskcheck: guest done' "$f.log"; then
		bad "$name" "exit $rc, want 0 and 'diskcheck: guest done' in $f.log"
	elif ! "$BUILD/user/diskcheck" verify "$img" >>"$f.check" 2>&1; then
		bad "$name" "after the guest: $(tail -1 "$f.check")"
	else
		ok "$name"
	fi
	rm -f "$img"
}
echo "== blk: virtio-blk, a pattern image read, edited and checked on the host"
# The disk benchmark's guest side, small: it runs and every line is there
# (its numbers are make bench's, never pass/fail).
truncate -s 8M "$LOG/blkbench.img"
boot "blk/pc/blkbench-runs" 0 '^blkbench: done' --disk "$LOG/blkbench.img" --kernel "$KERNEL" \
	-- init=/bin/blkbench -- 2
rm -f "$LOG/blkbench.img"
for m in pc q35 microvm; do
	blk_row "blk/$m/virtio" --on qemu --machine "$m" --kernel "$KERNEL"
done
blk_row "blk/pc/virtio-paravirt0" --on qemu --kernel "$KERNEL0"
# busybox md5sum of the whole disk against the host's, then busybox dd's
# write (fsync'd) found in the image afterwards (tests/blk/busybox.sh).
img=$LOG/blk-pc-busybox.img
if "$BUILD/user/diskcheck" make "$img" 16384 >/dev/null 2>&1; then
	sum=$(md5sum <"$img" | cut -d' ' -f1)
	boot "blk/pc/busybox-md5sum" 0 "^$sum  /dev/disk0" --disk "$img" --kernel "$KERNEL" \
		-- init=/bin/sh -- /tests/blk-busybox.sh
	if grep -q '^blk-busybox: done' "$LOG/blk-pc-busybox-md5sum.log" 2>/dev/null &&
		cmp -n "$(stat -c %s /bin/busybox)" /bin/busybox "$img" 0 3000 >/dev/null; then
		ok "blk/pc/busybox-dd"
	else
		bad "blk/pc/busybox-dd" "busybox dd's bytes are not at offset 3000 of $img (see $LOG/blk-pc-busybox-md5sum.log)"
	fi
	rm -f "$img"
else
	bad "blk/pc/busybox-md5sum" "could not make $img"
fi

# The console typed at: busybox init's shell on the console, a pipeline,
# ^C to the foreground job, poweroff (tests/tty/console.exp waits for the
# guest's output before each keystroke).
console_row() { # NAME WAIT-SECONDS [proteus run options]
	name=$1 wait=$2
	shift 2
	f=$LOG/$(echo "$name" | tr / -).log
	if expect tests/tty/console.exp "$wait" "$@" >"$f" 2>&1 && grep -q '^console: all passed' "$f"; then
		ok "$name"
	else
		bad "$name" "$(grep 'console: FAILED' "$f" | tail -1) (see $f)"
	fi
}
console_row "tty/pc/console" 60 --on qemu --kernel "$KERNEL"
console_row "tty/microvm/console" 60 --on qemu --machine microvm --kernel "$KERNEL"
if [ -f "${xen:-}" ]; then
	console_row "tty/xen-pv/console" 120 --on xen --xen "$xen" --kernel "$KERNEL"
else
	skipped "tty/xen-pv/console" "Xen 4.17 could not be fetched: $(tail -1 "$LOG/fetch-xen.err")"
fi

echo "== boot matrix: the same ELF under QEMU with KVM"
boot "bad/kvm-forced-on-tcg" 3 "cannot use backend 'kvm': not usable on this platform" \
	--kernel "$KERNEL" -- pv.backend=kvm
# KVM here runs ring-0 code through an emulator (about 1 us an instruction):
# one row, and a deadline that allows for it.
if [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
	TIMEOUT_SAVED=$TIMEOUT
	TIMEOUT=${CHECK_KVM_TIMEOUT:-300}
	boot "ktest/kvm/microvm" 0 "$SENTINEL" --on kvm --kernel "$KERNEL" -- ktest
	net_row "net/kvm/udp-echo" --on kvm --kernel "$KERNEL"
	blk_row "blk/kvm/virtio" --on kvm --kernel "$KERNEL"
	# Every kernel instruction emulated: no per-test alarm, the run's own
	# deadline is the guard (about 3 minutes idle, twice that loaded).
	TIMEOUT=${CHECK_KVM_USER_TIMEOUT:-900}
	boot "user/kvm/usertests" 0 "$UT_SENTINEL" --on kvm --kernel "$KERNEL" \
		-- init=/bin/usertests -- --timeout=0
	TIMEOUT=$TIMEOUT_SAVED
else
	skipped "ktest/kvm/microvm" "no usable /dev/kvm on this machine"
	skipped "net/kvm/udp-echo" "no usable /dev/kvm on this machine"
	skipped "blk/kvm/virtio" "no usable /dev/kvm on this machine"
	skipped "user/kvm/usertests" "no usable /dev/kvm on this machine"
fi
finish
