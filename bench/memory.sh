#!/bin/bash
# make bench, memory part: the peak memory and wall time of every command
# that reads a whole period, once each, at each of SIZES units of the
# benchmark plan (bench/gen.lua, I indicators, month M): score in each
# format, the ranking, the summary, a what-if, explain, each report format,
# score --save --final and the report of that saved run. With two sizes or
# more, how much each grew from the first. Prints a table; writes
# OUT/memory.csv.
#
#   bench/memory.sh ASSAY BINDIR OUT I M "SIZES"
set -euo pipefail

assay=$1 bindir=$2 out=$3 I=$4 M=$5 sizes=$6
root=$(cd "$(dirname "$0")/.." && pwd)
export ASSAY_RULES_LIB=$root/rules/lib
export ASSAY_CACHE_DIR=$out/cache
period=$(printf '2025-%02d' "$M")
reps=1
. "$root/bench/lib.sh"

# the commands measured, by name; DB and PLAN are set per size
commands=(
	"score|score PLAN --period P"
	"score csv|score PLAN --period P --format csv"
	"score json|score PLAN --period P --format json"
	"score --ranking|score PLAN --period P --ranking"
	"score --ranking csv|score PLAN --period P --ranking --format csv"
	"score --summary|score PLAN --period P --summary"
	"whatif|whatif PLAN --period P --set u000001:ind001=1"
	"explain|explain PLAN --period P --unit u000001"
	"report html|report PLAN --period P --format html -o OUT/memory/report.html"
	"report xlsx|report PLAN --period P --format xlsx -o OUT/memory/report.xlsx"
	"report md|report PLAN --period P --format md -o OUT/memory/report.md"
	"report csv|report PLAN --period P --format csv -o OUT/memory/report.csv"
	"score --save --final|score PLAN --period P --save --final --quiet"
	"report RUN html|report 1 --format html -o OUT/memory/run.html"
)

# runs one command line of the list (its words, with PLAN, P and OUT put
# in) against db, into $result; "failed" when it fails (the table says so,
# and the benchmark fails at the end)
measure_one() {
	local db=$1 plan=$2 line=$3 args=()
	for word in $line; do
		word=${word//PLAN/$plan}
		word=${word//OUT/$out}
		[ "$word" = P ] && word=$period
		args+=("$word")
	done
	rm -f "$out/result"
	result=$(median : /dev/null "$assay" --db "$db" "${args[@]}") && [ -s "$out/result" ] ||
		result=failed
}

mkdir -p "$out/memory"
echo "units,command,wall_s,peak_mb,wall_growth,memory_growth" >"$out/memory.csv"
declare -A first
failures=0
for U in $sizes; do
	data=$out/data-$U-$I-$M
	if [ ! -f "$data/figures.csv" ]; then
		mkdir -p "$data"
		echo "generating $U units × $I indicators (month $M) in $data"
		lua5.4 "$root/bench/gen.lua" "$data" "$U" "$I" "$M"
	fi
	db=$out/memory/store.db
	rm -f "$db" "$db-wal" "$db-shm" "$out"/memory/report*.html
	"$assay" --db "$db" import --quiet "$data/bench.yaml" "$data/figures.csv" >/dev/null
	for entry in "${commands[@]}"; do
		name=${entry%%|*}
		measure_one "$db" "$data/bench.yaml" "${entry#*|}"
		growth=,
		if [ "$result" = failed ]; then
			echo "$U,$name,failed,,," >>"$out/memory.csv"
			failures=$((failures + 1))
			continue
		fi
		if [ -n "${first[$name]:-}" ]; then
			growth="$(ratio "$result" "${first[$name]}")×,$(awk -v a="${result#* }" \
				-v b="${first[$name]#* }" 'BEGIN { printf "%.1f×", a / b }')"
		else
			first[$name]=$result
		fi
		echo "$U,$name,$(wall "$result"),$(rss_mb "$result"),$growth" >>"$out/memory.csv"
	done
done

echo "bench: peak memory and wall time of each command, $I indicators, month $M"
column -s, -t <"$out/memory.csv" 2>/dev/null || cat "$out/memory.csv"
echo "(written to $out/memory.csv)"
if [ "$failures" -gt 0 ]; then
	echo "bench: $failures commands failed (marked failed above)" >&2
	exit 1
fi
