#!/bin/bash
# make bench: generates the workload, then times assay against the
# hand-written C reference on it. Prints a table and writes it as CSV.
#
#   bench/run.sh ASSAY BINDIR OUTDIR U I M REPS
#
# Each figure is the median of REPS runs; memory is the peak resident set.
set -euo pipefail

assay=$1 bindir=$2 out=$3 U=$4 I=$5 M=$6 reps=$7
root=$(cd "$(dirname "$0")/.." && pwd)
export ASSAY_RULES_LIB=$root/rules/lib
# the compiled plans (plan_cache.h) of the benchmark, apart from the user's:
# the first of the REPS runs compiles the plan, the others read it
export ASSAY_CACHE_DIR=$out/cache
data=$out/data-$U-$I-$M
period=$(printf '2025-%02d' "$M")
evaluations=$((U * I))

if [ ! -f "$data/figures.csv" ]; then
	mkdir -p "$data"
	echo "generating $U units × $I indicators (month $M) in $data"
	lua5.4 "$root/bench/gen.lua" "$data" "$U" "$I" "$M"
fi

. "$root/bench/lib.sh"

fresh_store() { rm -f "$out/bench.db" "$out/bench.db-wal" "$out/bench.db-shm"; }

ref=$(median : "$out/reference.csv" "$bindir/reference" "$data" "$M")
import=$(median fresh_store /dev/null "$assay" --db "$out/bench.db" import "$data/bench.yaml" "$data/figures.csv")
score=$(median : "$out/ranking.csv" "$assay" --db "$out/bench.db" score "$data/bench.yaml" \
	--period "$period" --ranking --format csv)
whatif=$(median : /dev/null "$assay" --db "$out/bench.db" whatif "$data/bench.yaml" \
	--period "$period" --set u000001:ind001=1)
explain=$(median : /dev/null "$assay" --db "$out/bench.db" explain "$data/bench.yaml" \
	--period "$period" --unit u000001)
check=$(median : /dev/null "$assay" check "$root/plans/lucheng-2023.yaml")

# assay's ranking must be the reference's: same order, totals, reds, verdicts
compare='NR == FNR { if (FNR > 1) want[FNR] = $3 " " $4 " " $5 " " $6; next }
	FNR > 1 && want[FNR] != $4 " " $6 " " $9 " " $11 { bad++; if (bad == 1) print "first difference at row " FNR ": reference " want[FNR] ", assay " $4 " " $6 " " $9 " " $11 > "/dev/stderr" }
	END { exit bad > 0 }'
if ! awk -F, "$compare" "$out/reference.csv" "$out/ranking.csv"; then
	echo "bench: assay's ranking differs from the reference's" >&2
	exit 1
fi

{
	echo "measure,wall_s,per_s,peak_mb,note"
	echo "reference score (C),$(wall "$ref"),$(rate $evaluations "$ref"),$(rss_mb "$ref"),hand-written C over arrays"
	echo "import,$(wall "$import"),$(rate $evaluations "$import"),$(rss_mb "$import"),figures/s from CSV into a new store"
	echo "score to ranking,$(wall "$score"),$(rate $evaluations "$score"),$(rss_mb "$score"),evaluations/s; $(ratio "$score" "$ref")× the reference"
	echo "what-if (one figure),$(wall "$whatif"),,$(rss_mb "$whatif"),"
	echo "explain (one unit),$(wall "$explain"),,$(rss_mb "$explain"),"
	echo "check (Lucheng plan),$(wall "$check"),,$(rss_mb "$check"),start-up"
} >"$out/results.csv"

echo "bench: $U units × $I indicators = $evaluations evaluations, month $M, median of $reps"
column -s, -t <"$out/results.csv" 2>/dev/null || cat "$out/results.csv"
echo "(written to $out/results.csv)"
