# make check's domU rows in one Xen boot: ktest as a domU, then the
# initrd's init as a domU.  Passed only if both powered off (reason 0).
domu_run ktest "ktest" 90; r1=$REASON
domu_run init "init=/bin/hello" 60; r2=$REASON
[ "$r1" = 0 ] && [ "$r2" = 0 ] && finish passed || finish failed
