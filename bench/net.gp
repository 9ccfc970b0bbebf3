# bench/net.gp — what a network interface costs: busy guest instructions
# per UDP round trip (left) and per KiB of a UDP stream out and in
# (right), virtio-net natively (QEMU 7.2 TCG, -icount shift=0; PCI on pc,
# MMIO on microvm), from
# user/udpbench.c against user/udppeer.c.  Run by `proteus bench net` as
#   gnuplot -e "tsv='DIR/net.tsv'; out='DIR/net.png'" bench/net.gp
# The domU row counts TSC cycles, not instructions: it is left out here.
if (!exists("tsv")) tsv = "bench/results/net.tsv"
if (!exists("out")) out = "bench/results/net.png"

CONFIGS = "virtio-pci virtio-pci-noevidx virtio-mmio"
N = words(CONFIGS)
W = 0.8 / N
x(c, k) = k - 0.4 + (c - 0.5) * W

set terminal pngcairo size 1100,560 noenhanced font "sans,11"
set output out
set datafile separator "\t"
set multiplot layout 1,2 title "Proteus UDP (user/udpbench.c as init): busy guest instructions, CPU waits excluded\nQEMU 7.2 TCG, -icount shift=0, virtio-net (PCI on pc, MMIO on microvm) on QEMU's user network; peer on the host"
set yrange [0:*]
set grid ytics
set boxwidth W
set style fill solid 0.85 border -1
set key below horizontal

set title "round trip, 64 bytes"
set ylabel "instructions per round trip"
set xrange [0.5:1.5]
set xtics ("rtt" 1)
plot for [c = 1:N] tsv skip 1 using (strcol(1) eq word(CONFIGS, c) && strcol(2) eq "rtt" ? x(c, 1) : NaN):5 with boxes title word(CONFIGS, c), \
     for [c = 1:N] tsv skip 1 using (strcol(1) eq word(CONFIGS, c) && strcol(2) eq "rtt" ? x(c, 1) : NaN):5:(sprintf("%.0f", $5)) with labels offset 0,0.6 font "sans,8" notitle

set title "streams, 1472-byte datagrams"
set ylabel "instructions per KiB of payload"
set xrange [0.5:2.5]
set xtics ("stream-tx" 1, "stream-rx" 2)
k(s) = s eq "stream-tx" ? 1 : (s eq "stream-rx" ? 2 : NaN)
plot for [c = 1:N] tsv skip 1 using (strcol(1) eq word(CONFIGS, c) ? x(c, k(strcol(2))) : NaN):5 with boxes title word(CONFIGS, c), \
     for [c = 1:N] tsv skip 1 using (strcol(1) eq word(CONFIGS, c) ? x(c, k(strcol(2))) : NaN):5:(sprintf("%.0f", $5)) with labels offset 0,0.6 font "sans,8" notitle
unset multiplot
