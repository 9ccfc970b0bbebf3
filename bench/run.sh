#!/bin/sh
# run.sh — what `make bench` runs: the native tax of pv_ops, in exact
# instruction counts.
#
# Boots the `bench` kernel option in three configurations side by side on
# QEMU TCG microvm with `-icount shift=0` (guest TSC = guest instructions):
#   paravirt0  build/proteus-pv0.elf            pv_ops compiled out: the baseline
#   patched    build/proteus.elf                call sites patched at boot
#   unpatched  build/proteus.elf pv.patch=0     every site left an indirect call
# Each configuration runs twice; under icount the two runs must agree, and
# the report says so loudly if they do not.  Writes:
#   bench/results/native-tcg.tsv   op, class, paravirt0, patched, unpatched
#   bench/results/native-tcg.png   grouped bars per op
#   bench/report.md                the table, census lines and a reading
# Logs stay in $BUILD/bench/.  The numbers never fail the run: it exits
# non-zero only when a build or boot fails or a log lacks the bench output.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
PROTEUS=$BUILD/proteus
KERNEL=$BUILD/proteus.elf
KERNEL0=$BUILD/proteus-pv0.elf
LOGDIR=$BUILD/bench
RESULTS=bench/results
TSV=$RESULTS/native-tcg.tsv
PNG=$RESULTS/native-tcg.png
REPORT=bench/report.md
TIMEOUT=${BENCH_TIMEOUT:-300}
CONFIGS="paravirt0 patched unpatched"
RUNS="1 2"

die() { printf 'bench: FAIL: %s\n' "$*" >&2; exit 1; }

rm -rf "$LOGDIR"
mkdir -p "$LOGDIR" "$RESULTS"

# ---- build ------------------------------------------------------------------
echo "== build (log: $LOGDIR/build.log)"
if ! { make -j2 BUILD="$BUILD" all && make -j2 BUILD="$BUILD" PARAVIRT=0 kernel; } \
	>"$LOGDIR/build.log" 2>&1; then
	tail -20 "$LOGDIR/build.log" >&2
	die "build failed, see $LOGDIR/build.log"
fi
for f in "$PROTEUS" "$KERNEL" "$KERNEL0"; do
	[ -e "$f" ] || die "build did not produce $f"
done

# ---- boots ------------------------------------------------------------------
kernel_of() { case $1 in paravirt0) echo "$KERNEL0" ;; *) echo "$KERNEL" ;; esac; }
args_of() { case $1 in unpatched) echo "bench pv.patch=0" ;; *) echo "bench" ;; esac; }

# boot CONFIG RUN: boot once, check the log, leave CONFIG-RUN.{hdr,dat,census}.
boot() {
	cfg=$1 run=$2
	base=$LOGDIR/$cfg-$run
	log=$base.log
	k=$(kernel_of "$cfg")
	# shellcheck disable=SC2046  # the kernel arguments are meant to split
	if "$PROTEUS" run --on qemu --machine microvm --icount --timeout "$TIMEOUT" \
		--kernel "$k" --log "$log" -- $(args_of "$cfg") >/dev/null 2>"$base.err"; then
		rc=0
	else
		rc=$?
	fi
	[ "$rc" -eq 0 ] ||
		die "configuration '$cfg' (run $run): proteus run exited $rc ($(tail -1 "$base.err")); log: $log"
	[ -s "$log" ] || die "configuration '$cfg' (run $run): empty or missing log $log"
	tr -d '\r' <"$log" >"$base.clean"
	# The bench block: a header, one line per measurement, then "done".
	if ! awk -v hdr="$base.hdr" -v dat="$base.dat" '
		/^bench: / {
			if ($2 ~ /^backend=/) {
				if (seen++ || NF != 4 || $3 !~ /^iterations=[0-9]+$/ ||
				    $4 !~ /^empty_loop=[0-9]+$/) bad = bad " bad-header"
				print $2, $3, $4 > hdr
			} else if ($2 == "done" && NF == 2) {
				done_ = 1
			} else if (NF == 4 && $4 ~ /^[0-9]+$/ && seen && !done_) {
				print $2, $3, $4 > dat; n++
			} else bad = bad " bad-line:" NR
		}
		END {
			if (!seen) bad = bad " no-header"
			if (!n) bad = bad " no-measurements"
			if (!done_) bad = bad " no-done-line"
			if (bad != "") { print bad > "/dev/stderr"; exit 1 }
		}' "$base.clean" 2>"$base.parse"; then
		die "configuration '$cfg' (run $run): bench output missing or malformed ($(cat "$base.parse")); log: $log"
	fi
	grep -o 'pv: backend=.*' "$base.clean" | head -1 >"$base.census" || true
	[ -s "$base.census" ] ||
		die "configuration '$cfg' (run $run): no census line 'pv: backend=... sites=...'; log: $log"
	echo "   $cfg run $run: ok ($(wc -l <"$base.dat") measurements, log $log)"
}

echo "== boot: QEMU TCG microvm, -icount shift=0, kernel option 'bench'"
for run in $RUNS; do
	for cfg in $CONFIGS; do
		boot "$cfg" "$run"
	done
done

# ---- the runs must agree; the configurations must measure the same ops -------
mismatch=""
for cfg in $CONFIGS; do
	for f in hdr dat census; do
		if ! cmp -s "$LOGDIR/$cfg-1.$f" "$LOGDIR/$cfg-2.$f"; then
			mismatch="$mismatch $cfg"
			break
		fi
	done
done
for cfg in $CONFIGS; do
	awk '{ print $1, $2 }' "$LOGDIR/$cfg-1.dat" >"$LOGDIR/$cfg.ops"
	cmp -s "$LOGDIR/paravirt0.ops" "$LOGDIR/$cfg.ops" ||
		die "configuration '$cfg' measures other ops than paravirt0 (see $LOGDIR/$cfg-1.log and $LOGDIR/paravirt0-1.log)"
done
if [ -n "$mismatch" ]; then
	echo "WARNING: the two runs of$mismatch gave DIFFERENT numbers; under -icount they must not (see $LOGDIR)" >&2
fi

# ---- merge: op class p0 patched unpatched, in hundredths ----------------------
paste -d' ' "$LOGDIR/paravirt0-1.dat" "$LOGDIR/patched-1.dat" "$LOGDIR/unpatched-1.dat" |
	awk '{ print $1, $2, $3, $6, $9 }' >"$LOGDIR/merged"

# fmt: hundredths -> "x.yy" (signed), in awk.
FMT='function fmt(v,  s) { s = v < 0 ? "-" : ""; if (v < 0) v = -v;
	return sprintf("%s%d.%02d", s, int(v / 100), v % 100) }
function sfmt(v) { return (v > 0 ? "+" : "") fmt(v) }'

{
	printf 'op\tclass\tparavirt0\tpatched\tunpatched\n'
	awk "$FMT"'{ printf "%s\t%s\t%s\t%s\t%s\n", $1, $2, fmt($3), fmt($4), fmt($5) }' "$LOGDIR/merged"
} >"$TSV"

# ---- plot ---------------------------------------------------------------------
if gnuplot -e 'set terminal pngcairo' >/dev/null 2>&1; then
	TERM_PNG='pngcairo size 1200,600 font "sans,10"'
else
	TERM_PNG='png size 1200,600'
fi
cat >"$LOGDIR/plot.gp" <<EOF
set terminal $TERM_PNG
set output "$PNG"
set datafile separator "\t"
set title "Proteus pv_ops native tax: guest instructions per iteration (QEMU TCG microvm, -icount shift=0)" noenhanced
set ylabel "instructions per iteration"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set grid ytics
set yrange [0:*]
set offsets 0, 0, graph 0.08, 0
set xtics rotate by -25 scale 0 noenhanced font ",9"
set key top left
set bmargin 7
plot "$TSV" skip 1 using 3:xtic(1) title "PARAVIRT=0" lc rgb "#4c72b0", \\
     "" skip 1 using 4 title "patched" lc rgb "#55a868", \\
     "" skip 1 using 5 title "unpatched (pv.patch=0)" lc rgb "#c44e52", \\
     "" skip 1 using (\$0-0.25):3:(sprintf("%g",\$3)) with labels offset 0,0.6 font ",7" notitle, \\
     "" skip 1 using (\$0):4:(sprintf("%g",\$4)) with labels offset 0,0.6 font ",7" notitle, \\
     "" skip 1 using (\$0+0.25):5:(sprintf("%g",\$5)) with labels offset 0,0.6 font ",7" notitle
EOF
gnuplot "$LOGDIR/plot.gp" >"$LOGDIR/plot.log" 2>&1 ||
	die "gnuplot failed to draw $PNG, see $LOGDIR/plot.log"
[ -s "$PNG" ] || die "gnuplot drew nothing into $PNG, see $LOGDIR/plot.log"

# ---- report -------------------------------------------------------------------
QEMU_VERSION=$(qemu-system-x86_64 --version 2>/dev/null | head -1) || QEMU_VERSION="unknown"
COMMIT=$(git rev-parse HEAD 2>/dev/null) || COMMIT="unknown (not a git checkout)"
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
	COMMIT="$COMMIT (plus uncommitted changes to tracked files)"
fi
NOW=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
HDR0=$(cat "$LOGDIR/paravirt0-1.hdr")
HDR1=$(cat "$LOGDIR/patched-1.hdr")
ITER=$(sed 's/.*iterations=\([0-9]*\).*/\1/' "$LOGDIR/patched-1.hdr")
QEMU_CMD=$(grep -o 'qemu-system-x86_64 .*' "$LOGDIR/patched-1.err" | head -1) || QEMU_CMD=""

{
	echo "# Proteus benchmark: native tax of pv_ops (QEMU TCG, exact instruction counts)"
	echo
	if [ -n "$mismatch" ]; then
		echo "> **WARNING: THE TWO RUNS DISAGREE.** Under \`-icount shift=0\` repeated runs must give"
		echo "> identical numbers, but the two runs of **$(printf '%s' "${mismatch# }" | sed 's/ /, /g')** differ."
		echo "> The table shows run 1. Differences (run 1 vs run 2):"
		echo
		echo '```'
		for cfg in $mismatch; do
			for f in hdr dat census; do
				diff "$LOGDIR/$cfg-1.$f" "$LOGDIR/$cfg-2.$f" | sed "s/^/$cfg: /" || true
			done
		done
		echo '```'
		echo
	fi
	echo "Generated by \`make bench\` (\`bench/run.sh\`) on $NOW."
	echo
	echo "- **Platform:** QEMU TCG, machine \`microvm\`, \`-icount shift=0\`; $QEMU_VERSION."
	echo "- **Commit:** \`$COMMIT\`."
	echo "- **What is measured:** the kernel's \`bench\` boot option (\`kernel/bench/bench.c\`) runs each"
	echo "  operation in a loop of $ITER iterations with interrupts off, takes the best of 5 runs, and"
	echo "  prints (loop − empty loop) / $ITER in hundredths. With \`-icount shift=0\` the guest TSC"
	echo "  advances exactly one per guest instruction, so every figure is **guest instructions per"
	echo "  iteration**, exact and identical run after run (the loop's own instructions cancel)."
	echo "- **Configurations**, booted side by side in this one run, each twice:"
	echo "  - **PARAVIRT=0**: \`$KERNEL0\`, pv_ops compiled out; the ops are direct native code. The baseline."
	echo "  - **patched**: \`$KERNEL\`; the boot-time patcher rewrote every call site."
	echo "  - **unpatched**: \`$KERNEL\` with \`pv.patch=0\`; every site stays \`call *slot(%rip)\`."
	echo "- **Command:** \`$PROTEUS run --on qemu --machine microvm --icount --timeout $TIMEOUT --kernel K --log FILE -- bench [pv.patch=0]\`"
	[ -n "$QEMU_CMD" ] && echo "  (QEMU line for the patched kernel: \`$QEMU_CMD\`)"
	if [ -z "$mismatch" ]; then
		echo "- **Repeatability:** both runs of each configuration gave identical numbers and census lines."
	else
		echo "- **Repeatability: FAILED** for$mismatch — see the warning at the top."
	fi
	echo "- Bench headers: PARAVIRT=0 \`$HDR0\`; patched \`$HDR1\`; unpatched \`$(cat "$LOGDIR/unpatched-1.hdr")\`."
	echo
	echo "## Results"
	echo
	echo "Guest instructions per iteration (an iteration of a \`a+b\` row runs both ops once)."
	echo "Classes: B-inline = native instruction patched into the site, B-ident = identity op"
	echo "(\`mov %rdi,%rax\`), B-nop = empty op (one NOP), B-direct = direct call, A = plain indirect"
	echo "call (never patched), loop = several ops together."
	echo
	echo "| op | class | PARAVIRT=0 | patched | unpatched | patched − PARAVIRT=0 | unpatched − patched |"
	echo "|---|---|---:|---:|---:|---:|---:|"
	awk "$FMT"'{ printf "| `%s` | %s | %s | %s | %s | **%s** | %s |\n", $1, $2, fmt($3), fmt($4), fmt($5),
		sfmt($4 - $3), sfmt($5 - $4) }' "$LOGDIR/merged"
	echo
	echo "\"patched − PARAVIRT=0\" is the native tax of the patched kernel (target: 0 for inlined ops);"
	echo "\"unpatched − patched\" is what the patcher saves. Data: [\`results/native-tcg.tsv\`](results/native-tcg.tsv)."
	echo
	echo "![instructions per iteration, three configurations](results/native-tcg.png)"
	echo
	echo "## Census (the patcher's one line, from each boot log)"
	echo
	echo '```'
	for cfg in $CONFIGS; do
		printf '%-10s %s\n' "$cfg" "$(cat "$LOGDIR/$cfg-1.census")"
	done
	echo '```'
	echo
	echo "## Reading"
	echo
	awk "$FMT"'
	function nops(s,  t) { return gsub(/\+/, "+", s) + 1 }
	function lst(a, n,  i, s) { s = ""; for (i = 1; i <= n; i++) s = s (i > 1 ? (i == n ? " and " : ", ") : "") a[i]; return s }
	{
		op[NR] = $1; cl[NR] = $2; p0[NR] = $3; pa[NR] = $4; un[NR] = $5
		tax[NR] = $4 - $3; sav[NR] = $5 - $4; row[$1] = NR
		if (tax[NR] == 0) zero[++nz] = "`" $1 "` (" $2 ")"
		if (sav[NR] == 0) nosave[++nn] = "`" $1 "`"
		if (($3 % 100) || ($4 % 100) || ($5 % 100)) frac = 1
	}
	END {
		if (nz) printf "- **Zero native tax** (patched executes exactly as many instructions as PARAVIRT=0): %s.\n", lst(zero, nz)
		else    printf "- **No op reaches zero native tax** in this run.\n"
		for (i = 1; i <= NR; i++) {
			if (tax[i] == 0) continue
			t = tax[i]; o = "`" op[i] "`"
			printf "- %s (%s): patched costs **%s** instruction(s) per iteration %s PARAVIRT=0 (%s vs %s). ",
				o, cl[i], fmt(t < 0 ? -t : t), (t > 0 ? "more than" : "fewer than"), fmt(pa[i]), fmt(p0[i])
			if (t == 1 || t == -1) {
				printf "This 0.01 is not per-op work: it is a one-instruction difference in the loop'"'"'s fixed part (outside the iterations) that rounding did not absorb."
			} else if (cl[i] == "B-nop") {
				if (t == 100 * nops(op[i]))
					printf "That is exactly one instruction per op: the patched site is a single NOP (all the site'"'"'s bytes, one instruction) where PARAVIRT=0 compiles an empty op to nothing at all. Zero is not reachable without removing the site."
				else
					printf "One NOP per op would be %s; the difference needs a look at the disassembly.", fmt(100 * nops(op[i]))
			} else if (cl[i] == "B-ident") {
				printf "PARAVIRT=0 sees through the identity converters and compiles them away; the patched site keeps one `mov %%rdi,%%rax` per op, and because the site is an asm block the compiler cannot see through, it must also move the argument into %%rdi and the result out of %%rax."
			} else if (cl[i] == "B-inline") {
				printf "The inlined instruction(s) are the ones PARAVIRT=0 executes, so the extra is register traffic around the sites: a site pins its argument to %%rdi and its result to %%rax where PARAVIRT=0 lets the compiler choose."
				if (op[i] == "irq_save+irq_restore") printf " Here save_fl'"'"'s result has to be moved from %%rax to %%rdi for restore_fl (in the disassembly of the build this script was written against, PARAVIRT=0 runs pushf; pop; cli; push; popf on one register)."
				if (op[i] == "set_pte") printf " This loop also builds its pte with `make_pte` (B-ident, see above), so part of the tax is that op'"'"'s `mov` and its argument/result moves."
			} else if (cl[i] == "B-direct") {
				printf "A patched direct call should cost what PARAVIRT=0'"'"'s direct call costs (the padding is absorbed as prefixes); this difference needs a look at the disassembly."
			} else if (cl[i] == "A") {
				printf "Class A stays an indirect call; under icount an indirect call is one instruction like PARAVIRT=0'"'"'s direct call, so this difference needs a look at the disassembly."
			} else if (cl[i] == "loop") {
				if (op[i] == "irq_save+set_pte+restore" && ("irq_save+irq_restore" in row) && ("set_pte" in row)) {
					s = tax[row["irq_save+irq_restore"]] + tax[row["set_pte"]]
					printf "The taxes of its parts (`irq_save+irq_restore` and `set_pte`) add up to %s; the combination costs %s%s.", fmt(s), fmt(t),
						(t > s) ? ", more than the sum: the saved flags must live across the `set_pte` site, which uses the normal convention and may clobber every caller-saved register, so the compiler parks them in a callee-saved register and moves them back (as seen in the disassembly of the build this script was written against)" : (t == s ? ", exactly the sum" : ", less than the sum")
				} else printf "A mix of the ops above; its tax is the sum of their register traffic."
			}
			if ((t % 100) && t != 1 && t != -1)
				printf " (The .%02d is not part of an instruction: see the note on fractions below.)", (t < 0 ? -t : t) % 100
			printf "\n"
		}
		for (i = 1; i <= NR; i++) {
			if (cl[i] == "B-direct" && tax[i] == 0)
				printf "- `%s` (B-direct): the patched direct call costs the same as PARAVIRT=0'"'"'s direct call (%s each); the 1-byte padding is written as a prefix on the call, so it adds no instruction.\n", op[i], fmt(pa[i])
			if (cl[i] == "A" && tax[i] == 0)
				printf "- `%s` (A): never patched; its indirect `call *slot` counts one instruction, the same as PARAVIRT=0'"'"'s direct call (%s each). Instruction counts cannot show what an indirect call costs a real CPU in branch prediction; only cycle measurements can.\n", op[i], fmt(pa[i])
		}
		printf "- **Unpatched − patched** (what the patcher saves):"
		for (i = 1; i <= NR; i++) printf "%s `%s` %s", (i > 1 ? ";" : ""), op[i], sfmt(sav[i])
		printf ". An unpatched site runs `call *slot(%%rip)`, the native stub and its `ret`, plus the 4-byte NOP that pads the 10-byte sites, instead of the body alone"
		if (nn) printf "; %s cost the same either way, because patched they are still a call (direct instead of indirect, one instruction each) or are never patched (class A)", lst(nosave, nn)
		printf ".\n"
		printf "- Every instruction counts one here: `cli`, `popf`, a `mov` to a control register, a NOP and an indirect call weigh the same. Equal instruction counts with identical inlined bytes mean equal work; elsewhere the counts are a floor on the difference, not cycles.\n"
		printf "- bench.c reports 0 when a loop is not slower than the empty loop (it clamps), so a 0.00 cell means \"no more than the empty loop\".\n"
		if (frac) printf "- Values ending in .99 (or other fractions) are not fractional instructions: bench.c rounds (loop − empty loop) / N to hundredths, so a fraction means the loop'"'"'s per-iteration cost is not constant (or its fixed part differs from the empty loop'"'"'s by more than rounding absorbs): look at the disassembly.\n"
	}' "$LOGDIR/merged"
	echo
	echo "Logs of this run: \`$LOGDIR/<configuration>-<run>.log\`. The loops can be read with"
	echo "\`objdump -d --disassemble=bench_set_pte $KERNEL\` (the ELF holds the unpatched sites; the"
	echo "patched bytes exist only in the running guest)."
} >"$REPORT"

# ---- stdout -------------------------------------------------------------------
echo
echo "== results (guest instructions per iteration; $TSV, $REPORT, $PNG)"
awk "$FMT"'BEGIN { printf "%-26s %-9s %10s %10s %10s %10s %10s\n", "op", "class", "paravirt0", "patched", "unpatched", "pa-pv0", "unp-pa" }
	{ printf "%-26s %-9s %10s %10s %10s %10s %10s\n", $1, $2, fmt($3), fmt($4), fmt($5), sfmt($4 - $3), sfmt($5 - $4) }' "$LOGDIR/merged"
echo
for cfg in $CONFIGS; do
	printf 'census %-10s %s\n' "$cfg" "$(cat "$LOGDIR/$cfg-1.census")"
done
if [ -n "$mismatch" ]; then
	echo
	echo "WARNING: the two runs of$mismatch gave DIFFERENT numbers (see $REPORT)"
else
	echo "repeatability: both runs of every configuration identical"
fi
