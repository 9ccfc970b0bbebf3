# bench/latency-micro.gp — "microbench": guest instructions per light op
# of user/lat.c, the five core configurations side by side.
# Run by `proteus bench latency` as
#   gnuplot -e "tsv='DIR/latency.tsv'; out='DIR/latency-micro.png'" bench/latency-micro.gp
# The TSV is long (config, op, instructions, hypercalls; one header line),
# so each bar finds its slot by op name (pos) and its series by config.
# Log scale: null_syscall (hundreds) and mmap_1m (thousands) share one axis.
if (!exists("tsv")) tsv = "bench/results/latency.tsv"
if (!exists("out")) out = "bench/results/latency-micro.png"

OPS = "null_syscall null_read null_write stat open_close sig_install sig_handle prot_fault page_fault mmap_1m ctx_2p_0k ctx_2p_16k ctx_2p_64k"
CONFIGS = "native-pv0 native-patched native-unpatched xenpv-patched xenpv-unpatched"
pos(s, i) = i > words(OPS) ? NaN : (word(OPS, i) eq s ? i : pos(s, i + 1))
N = words(CONFIGS)
W = 0.84 / N
x(c) = pos(strcol(2), 1) - 0.42 + (c - 0.5) * W

set terminal pngcairo size 1500,760 noenhanced font "sans,11"
set output out
set datafile separator "\t"
set title "Proteus user-space latency (user/lat.c as init): guest instructions per op, light ops\nnative-*: QEMU 7.2 TCG microvm, -icount shift=0 (exact, one boot)   xenpv-*: Xen 4.17 PV dom0 under QEMU 7.2 TCG pc, -icount shift=0, Xen's instructions included (median of the runs)"
set ylabel "guest instructions per op (TSC under -icount shift=0), log scale"
set xlabel "lat op"
set logscale y
set yrange [100:*]
set grid ytics mytics
set xrange [0.5:words(OPS) + 0.5]
set xtics rotate by -30 nomirror
set xtics ()
do for [i = 1:words(OPS)] { set xtics add (word(OPS, i) i) }
set key top left
set boxwidth W
set style fill solid 0.85 border -1
plot for [c = 1:N] tsv skip 1 using (strcol(1) eq word(CONFIGS, c) ? x(c) : NaN):3 with boxes title word(CONFIGS, c)
