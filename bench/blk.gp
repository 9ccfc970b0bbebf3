# bench/blk.gp — what a disk costs: busy instructions per KiB of sequential
# reads and writes through /dev/disk0, in 4 and 64 KiB calls, for
# virtio-blk natively (QEMU 7.2 TCG, -icount shift=0), from user/blkbench.c.
# Run by `proteus bench blk` as
#   gnuplot -e "tsv='DIR/blk.tsv'; out='DIR/blk.png'" bench/blk.gp
# The domU row counts TSC cycles, not instructions: it is left out here.
if (!exists("tsv")) tsv = "bench/results/blk.tsv"
if (!exists("out")) out = "bench/results/blk.png"

ROWS = "read/4096 read/65536 write/4096 write/65536 read-par/4096"
CONFIGS = "virtio-pci virtio-pci-noevidx virtio-pci-pv0 virtio-mmio"
pos(s, i) = i > words(ROWS) ? NaN : (word(ROWS, i) eq s ? i : pos(s, i + 1))
N = words(CONFIGS)
W = 0.8 / N
x(c) = pos(strcol(2) . "/" . strcol(3), 1) - 0.4 + (c - 0.5) * W

set terminal pngcairo size 1100,620 noenhanced font "sans,11"
set output out
set datafile separator "\t"
set title "Proteus disk I/O (user/blkbench.c as init): instructions per KiB, CPU waits excluded\nQEMU 7.2 TCG, -icount shift=0, 64 MiB raw image; virtio-blk on pc (PCI) and microvm (MMIO)"
set ylabel "guest instructions per KiB"
set yrange [0:*]
set grid ytics
set xrange [0.5:words(ROWS) + 0.5]
set xtics nomirror
set xtics ()
do for [i = 1:words(ROWS)] { set xtics add (sprintf("%s", word(ROWS, i)) i) }
set key top right
set boxwidth W
set style fill solid 0.85 border -1
plot for [c = 1:N] tsv skip 1 using (strcol(1) eq word(CONFIGS, c) ? x(c) : NaN):5 with boxes title word(CONFIGS, c), \
     for [c = 1:N] tsv skip 1 using (strcol(1) eq word(CONFIGS, c) ? x(c) : NaN):5:(sprintf("%.0f", $5)) with labels offset 0,0.6 font "sans,8" notitle
