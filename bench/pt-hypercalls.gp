# bench/pt-hypercalls.gp — page-table updates (kernel/bench/bench_pt.c):
# hypercalls per page against N, on Xen PV (patched), for the three ways
# (store: a plain store Xen traps and emulates, so no hypercall; op: one
# set_pte per entry; lazy: the same in a lazy-MMU window), map and unmap.
# Run by `proteus bench micro` as
#   gnuplot -e "tsv='DIR/pt.tsv'; out='DIR/pt-hypercalls.png'" bench/pt-hypercalls.gp
# Log-log: a way with no hypercalls has no points (store map: Xen traps and
# emulates each store; store unmap's one hypercall is its TLB flush).
if (!exists("tsv")) tsv = "bench/results/pt.tsv"
if (!exists("out")) out = "bench/results/pt-hypercalls.png"

set terminal pngcairo size 1100,650 noenhanced font "sans,11"
set output out
set datafile separator "\t"
set title "Proteus page-table updates: hypercalls per page vs pages (xenpv-patched)\nXen 4.17 PV dom0 under QEMU 7.2 TCG pc, -icount shift=0, median of the runs"
set xlabel "pages mapped or unmapped (N)"
set ylabel "hypercalls per page"
set logscale xy
set grid
set key top right
sel(way, op) = strcol(1) eq "xenpv-patched" && strcol(2) eq way && strcol(3) eq op && $8 > 0
plot for [way in "op lazy store"] for [op in "map unmap"] \
     tsv skip 1 using (sel(way, op) ? $4 : NaN):(sel(way, op) ? $8 : NaN) with linespoints \
     title sprintf("%s %s", way, op)
