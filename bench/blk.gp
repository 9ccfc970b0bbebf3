# bench/blk.gp — what a disk costs, from user/blkbench.c: busy guest
# instructions per KiB of sequential reads and writes through /dev/disk0
# in 4 and 64 KiB calls, virtio-blk natively (QEMU 7.2 TCG, -icount
# shift=0; left), and what notification suppression saves when requests
# overlap (read-par: notifications and interrupts per request, every
# configuration, the domU's too, as these are counts; right).
# Run by `proteus bench blk` as
#   gnuplot -e "tsv='DIR/blk.tsv'; out='DIR/blk.png'" bench/blk.gp
if (!exists("tsv")) tsv = "bench/results/blk.tsv"
if (!exists("out")) out = "bench/results/blk.png"

ROWS = "read/4096 read/65536 write/4096 write/65536 read-par/4096"
CONFIGS = "virtio-pci virtio-pci-noevidx virtio-pci-noioeventfd virtio-pci-pv0 virtio-mmio"
ALL = CONFIGS . " blkfront-domu"
pos(s, i) = i > words(ROWS) ? NaN : (word(ROWS, i) eq s ? i : pos(s, i + 1))
cpos(s, i) = i > words(ALL) ? NaN : (word(ALL, i) eq s ? i : cpos(s, i + 1))
N = words(CONFIGS)
W = 0.8 / N
x(c) = pos(strcol(2) . "/" . strcol(3), 1) - 0.4 + (c - 0.5) * W

set terminal pngcairo size 1400,640 noenhanced font "sans,11"
set output out
set datafile separator "\t"
set multiplot layout 1,2 title "Proteus disk I/O (user/blkbench.c as init)"
set grid ytics
set style fill solid 0.85 border -1

set size 0.62,0.95
set origin 0,0
set title "busy guest instructions per KiB, CPU waits excluded\nQEMU 7.2 TCG, -icount shift=0, 64 MiB raw image; virtio-blk on pc (PCI) and microvm (MMIO)"
set ylabel "guest instructions per KiB"
set yrange [0:*]
set xrange [0.5:words(ROWS) + 0.5]
set xtics nomirror
set xtics ()
do for [i = 1:words(ROWS)] { set xtics add (sprintf("%s", word(ROWS, i)) i) }
set key below horizontal
set boxwidth W
plot for [c = 1:N] tsv skip 1 using (strcol(1) eq word(CONFIGS, c) ? x(c) : NaN):5 with boxes title word(CONFIGS, c), \
     for [c = 1:N] tsv skip 1 using (strcol(1) eq word(CONFIGS, c) ? x(c) : NaN):5:(sprintf("%.0f", $5)) with labels offset 0,0.6 font "sans,8" notitle

set size 0.38,0.95
set origin 0.62,0
set title "read-par (4 readers at once): per request\n1.0 = a kick and an interrupt for every request"
set ylabel "per request"
set yrange [0:1.25]
set xrange [0.5:words(ALL) + 0.5]
set xtics () rotate by -35
do for [i = 1:words(ALL)] { set xtics add (sprintf("%s", word(ALL, i)) i) }
set key inside top right vertical
set boxwidth 0.35
rp = "read-par"
plot tsv skip 1 using (strcol(2) eq rp ? cpos(strcol(1), 1) - 0.18 : NaN):7 with boxes title "notifications", \
     tsv skip 1 using (strcol(2) eq rp ? cpos(strcol(1), 1) + 0.18 : NaN):9 with boxes title "interrupts", \
     tsv skip 1 using (strcol(2) eq rp ? cpos(strcol(1), 1) - 0.18 : NaN):7:(sprintf("%.2f", $7)) with labels offset 0,0.6 font "sans,8" notitle, \
     tsv skip 1 using (strcol(2) eq rp ? cpos(strcol(1), 1) + 0.18 : NaN):9:(sprintf("%.2f", $9)) with labels offset 0,0.6 font "sans,8" notitle
unset multiplot
