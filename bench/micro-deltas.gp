# bench/micro-deltas.gp — what pv_ops add per op (kernel/bench/bench.c),
# as deltas rather than raw values: native tax (native-patched minus
# native-pv0), what patching saves natively (native-unpatched minus
# native-patched) and on Xen PV (xenpv-unpatched minus xenpv-patched).
# Run by `proteus bench micro` as
#   gnuplot -e "tsv='DIR/micro-deltas.tsv'; out='DIR/micro-deltas.png'" bench/micro-deltas.gp
# A column without Xen holds "-", which gnuplot skips: no bar, not a zero.
if (!exists("tsv")) tsv = "bench/results/micro-deltas.tsv"
if (!exists("out")) out = "bench/results/micro-deltas.png"

set terminal pngcairo size 1300,700 noenhanced font "sans,11"
set output out
set datafile separator "\t"
set datafile missing "-"
set title "Proteus pv_ops per op (kernel/bench/bench.c): instructions added per iteration\nnative: QEMU 7.2 TCG microvm, -icount shift=0 (exact); Xen PV: Xen 4.17 dom0 under QEMU 7.2 TCG pc, -icount shift=0, Xen's instructions included (median)"
set ylabel "instructions per iteration (difference)"
set logscale y
set yrange [0.5:*]
set grid ytics
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set xtics rotate by -30 nomirror
set key top left
plot tsv skip 1 using ($3 > 0 ? $3 : NaN):xtic(1) title "native tax: native-patched - native-pv0", \
     '' skip 1 using ($4 > 0 ? $4 : NaN) title "patching, native: unpatched - patched", \
     '' skip 1 using ($5 > 0 ? $5 : NaN) title "patching, Xen PV: unpatched - patched"
