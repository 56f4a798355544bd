#!/bin/bash
# make bench, second part: assay against the plain C implementation of the
# shared scoring workload (PEER/WORKLOAD.md; PEER/impl/c/score.c), in the
# same run, at each size. bench/workload.js turns the workload into an
# assay plan (an indicator per workload indicator), rule file, targets and
# weights tables and figures once; then are
# timed, as the median of REPS runs each: the C (whole process, from its
# CSV), `assay score --ranking --format csv` from a store imported
# beforehand, `assay import` into a new store, and import + score as one
# pipeline. Every output must be the workload's expected ranking, byte for
# byte, or the benchmark fails. Prints a table; writes OUT/peer.csv.
#
#   bench/peer.sh ASSAY BINDIR OUT PEER REPS "SIZES"
set -euo pipefail

assay=$1 bindir=$2 out=$3 peer=$4 reps=$5 sizes=$6
root=$(cd "$(dirname "$0")/.." && pwd)
export ASSAY_RULES_LIB=$root/rules/lib
# the compiled plans (plan_cache.h) of the benchmark, apart from the user's:
# the first of the REPS runs compiles the plan, the others read it
export ASSAY_CACHE_DIR=$out/cache
I=50 M=9 seed=20250901
period=$(printf '2025-%02d' "$M")
. "$root/bench/lib.sh"

if [ ! -f "$peer/WORKLOAD.md" ]; then
	echo "bench: no shared workload in $peer (set PEER_BENCH=DIR): skipping the comparison with its C" >&2
	exit 0
fi
command -v node >/dev/null || { echo "bench: node is needed to generate the shared workload: make bench-deps" >&2; exit 1; }

# the workload's own files for U units, made once (gen.js is deterministic)
generate() {
	local U=$1 data=$out/peer/u$1
	if [ ! -f "$data/expected.csv" ] || ! grep -q "\"units\": *$U," "$data/meta.json"; then
		echo "generating the shared workload: $U units × $I indicators in $data"
		node "$peer/gen/gen.js" --units "$U" --indicators "$I" --month "$M" --seed "$seed" \
			--out "$data" >/dev/null
	fi
}

# the assay form of it, and a store with its figures, made anew each run
prepare() {
	local data=$out/peer/u$1
	rm -rf "$data/assay"
	node "$root/bench/workload.js" "$data/facts.csv" "$M" "$data/assay"
	"$assay" --db "$data/assay/store.db" import --quiet "$data/assay/plan.yaml" \
		"$data/assay/figures.csv" >/dev/null
}

# fails unless FILE is the expected ranking: WHAT is C (the workload's CSV)
# or assay (its ranking CSV, turned into the workload's by ranking.awk)
expect() {
	local U=$1 what=$2 file=$3
	if [ "$what" = assay ]; then
		awk -f "$peer/impl/assay/ranking.awk" "$file" >"$file.workload"
		file=$file.workload
	fi
	if ! cmp -s "$file" "$out/peer/u$U/expected.csv"; then
		echo "bench: at $U units, $what's ranking differs from the workload's expected one:" >&2
		diff "$file" "$out/peer/u$U/expected.csv" | head -5 >&2
		exit 1
	fi
}

fresh_store() { rm -f "$out/peer/fresh.db" "$out/peer/fresh.db-wal" "$out/peer/fresh.db-shm"; }

# the C prints its phase times on stderr; shown only when it fails
run_c() {
	local U=$1
	median : /dev/null "$bindir/score_c" "$out/peer/u$U/facts.csv" "$M" "$out/peer/c.csv" \
		2>"$out/peer/c.stderr" || { cat "$out/peer/c.stderr" >&2; exit 1; }
}

mkdir -p "$out/peer"
echo "units,measure,wall_s,times_c,peak_mb,note" >"$out/peer.csv"
for U in $sizes; do
	generate "$U"
	prepare "$U"
	a=$out/peer/u$U/assay
	c=$(run_c "$U")
	expect "$U" C "$out/peer/c.csv"
	score=$(median : "$out/peer/ranking.csv" "$assay" --db "$a/store.db" score "$a/plan.yaml" \
		--period "$period" --ranking --format csv)
	expect "$U" assay "$out/peer/ranking.csv"
	import=$(median fresh_store /dev/null "$assay" --db "$out/peer/fresh.db" import --quiet \
		"$a/plan.yaml" "$a/figures.csv")
	pipeline=$(median : "$out/peer/pipeline.csv" "$root/bench/pipeline.sh" "$assay" \
		"$out/peer/fresh.db" "$a/plan.yaml" "$a/figures.csv" "$period")
	expect "$U" assay "$out/peer/pipeline.csv"
	fresh_store
	figures=$((U * I))
	{
		echo "$U,C (whole process from CSV),$(wall "$c"),1,$(rss_mb "$c"),impl/c/score.c built with gcc -O2"
		echo "$U,assay score from the store,$(wall "$score"),$(ratio "$score" "$c"),$(rss_mb "$score"),--ranking --format csv"
		echo "$U,assay import,$(wall "$import"),$(ratio "$import" "$c"),$(rss_mb "$import"),$(rate $figures "$import") figures/s into a new store"
		echo "$U,assay import + score,$(wall "$pipeline"),$(ratio "$pipeline" "$c"),$(rss_mb "$pipeline"),the two processes one after the other"
	} >>"$out/peer.csv"
done

echo "bench: assay against the shared workload's C ($peer), $I indicators, month $M, median of $reps"
column -s, -t <"$out/peer.csv" 2>/dev/null || cat "$out/peer.csv"
echo "(written to $out/peer.csv)"
