# bench/pt-instructions.gp — page-table updates (kernel/bench/bench_pt.c):
# guest instructions per page against N, Xen PV patched (solid) and
# native patched (dashed), the three ways; map and unmap in two panels.
# Run by `proteus bench micro` as
#   gnuplot -e "tsv='DIR/pt.tsv'; out='DIR/pt-instructions.png'" bench/pt-instructions.gp
if (!exists("tsv")) tsv = "bench/results/pt.tsv"
if (!exists("out")) out = "bench/results/pt-instructions.png"

set terminal pngcairo size 1300,600 noenhanced font "sans,11"
set output out
set datafile separator "\t"
set multiplot layout 1,2 title "Proteus page-table updates: guest instructions per page vs pages\nnative-patched: QEMU 7.2 TCG microvm; xenpv-patched: Xen 4.17 PV dom0 under QEMU 7.2 TCG pc (Xen's instructions included); both -icount shift=0"
set xlabel "pages (N)"
set ylabel "instructions per page"
set logscale xy
set grid
set key top right font "sans,9"
sel(cfg, way, op) = strcol(1) eq cfg && strcol(2) eq way && strcol(3) eq op
do for [op in "map unmap"] {
	set title op
	plot for [way in "store op lazy"] tsv skip 1 using (sel("xenpv-patched", way, op) ? $4 : NaN):(sel("xenpv-patched", way, op) ? $7 : NaN) with linespoints lw 2 title "xenpv ".way, \
	     for [way in "store op lazy"] tsv skip 1 using (sel("native-patched", way, op) ? $4 : NaN):(sel("native-patched", way, op) ? $7 : NaN) with linespoints dt 2 title "native ".way
}
unset multiplot
