# bench/lazy-instructions.gp — the other side of lazy batching: guest
# instructions per page of fork, exit and munmap of 1, 16 and 256 MiB, and
# per context switch, from user/lazy.c natively and as a Xen PV dom0 with
# the lazy modes on and off.
# Run by `proteus bench lazy` as
#   gnuplot -e "tsv='DIR/lazy.tsv'; out='DIR/lazy-instructions.png'" bench/lazy-instructions.gp
# Linear scale: the point is how much of a page's cost the hypercalls were.
if (!exists("tsv")) tsv = "bench/results/lazy.tsv"
if (!exists("out")) out = "bench/results/lazy-instructions.png"

ROWS = "exit/1 fork/1 munmap/1 exit/16 fork/16 munmap/16 exit/256 fork/256 munmap/256 ctx_switch/0"
CONFIGS = "native xenpv-lazy xenpv-nolazy-mmu xenpv-nolazy-cpu xenpv-nolazy"
pos(s, i) = i > words(ROWS) ? NaN : (word(ROWS, i) eq s ? i : pos(s, i + 1))
N = words(CONFIGS)
W = 0.8 / N
x(c) = pos(strcol(2) . "/" . strcol(3), 1) - 0.4 + (c - 0.5) * W

set terminal pngcairo size 1300,720 noenhanced font "sans,11"
set output out
set datafile separator "\t"
set title "Proteus lazy batching (user/lazy.c as init): guest instructions per page (per switch for ctx_switch)\nnative: QEMU 7.2 TCG microvm; xenpv-*: Xen 4.17 PV dom0 under QEMU 7.2 TCG pc, -icount shift=0 (both), build/proteus.elf; lazy modes switched off by pv.lazy_mmu=0, pv.lazy_cpu=0, pv.lazy=0"
set ylabel "guest instructions per page (TSC under -icount shift=0; Xen's included)"
set yrange [0:*]
set offsets 0, 0, graph 0.1, 0
set grid ytics
set xrange [0.5:words(ROWS) + 0.5]
set xtics nomirror
set xtics ()
do for [i = 1:words(ROWS)] { set xtics add (sprintf("%s", word(ROWS, i)) i) }
set key top left
set boxwidth W
set style fill solid 0.85 border -1
plot for [c = 1:N] tsv skip 1 using (strcol(1) eq word(CONFIGS, c) ? x(c) : NaN):5 with boxes title word(CONFIGS, c), \
     for [c = 1:N] tsv skip 1 using (strcol(1) eq word(CONFIGS, c) ? x(c) : NaN):5:(sprintf("%.0f", $5)) with labels rotate by 90 left offset 0,0.3 font "sans,8" notitle
