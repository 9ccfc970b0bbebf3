# bench/latency-fork.gp — "fork/exec timing": guest instructions per
# fork_exit, fork_exec, fork_sh and fork_16m of user/lat.c, natively
# without pv_ops and as a Xen PV dom0 with and without patching.
# Run by `proteus bench latency` as
#   gnuplot -e "tsv='DIR/latency.tsv'; out='DIR/latency-fork.png'" bench/latency-fork.gp
# Linear scale in millions, each bar labelled with its value: the point is
# how many times dearer a process is under Xen PV, which a log axis hides.
if (!exists("tsv")) tsv = "bench/results/latency.tsv"
if (!exists("out")) out = "bench/results/latency-fork.png"

OPS = "fork_exit fork_exec fork_sh fork_16m"
CONFIGS = "native-pv0 xenpv-unpatched xenpv-patched"
pos(s, i) = i > words(OPS) ? NaN : (word(OPS, i) eq s ? i : pos(s, i + 1))
N = words(CONFIGS)
W = 0.8 / N
x(c) = pos(strcol(2), 1) - 0.4 + (c - 0.5) * W

set terminal pngcairo size 1200,720 noenhanced font "sans,11"
set output out
set datafile separator "\t"
set title "Proteus fork/exec timing (user/lat.c as init): guest instructions per process op\nnative-pv0: QEMU 7.2 TCG microvm, -icount shift=0 (exact, one boot)\nxenpv-*: Xen 4.17 PV dom0 under QEMU 7.2 TCG pc, -icount shift=0, Xen's instructions included (median of the runs)"
set ylabel "guest instructions per op, millions (TSC under -icount shift=0)"
set xlabel "lat op"
set yrange [0:*]
set offsets 0, 0, graph 0.08, 0   # room for the labels above the tallest bar
set grid ytics
set xrange [0.5:words(OPS) + 0.5]
set xtics nomirror
set xtics ()
do for [i = 1:words(OPS)] { set xtics add (word(OPS, i) i) }
set key top left
set boxwidth W
set style fill solid 0.85 border -1
plot for [c = 1:N] tsv skip 1 using (strcol(1) eq word(CONFIGS, c) ? x(c) : NaN):($3 / 1e6) with boxes title word(CONFIGS, c), \
     for [c = 1:N] tsv skip 1 using (strcol(1) eq word(CONFIGS, c) ? x(c) : NaN):($3 / 1e6):(sprintf("%.2f", $3 / 1e6)) with labels offset 0,0.8 font "sans,9" notitle
