#!/usr/bin/env bash
# Every command's output on every bundled plan, written to a folder, so that
# two builds can be compared byte for byte (a change that should not change
# behaviour must leave the folders identical):
#
#   tests/outputs.sh --compare REV      this tree's ./assay against the tree
#                                       of git revision REV, built aside
#   tests/outputs.sh ASSAY OUTDIR [TREE]  one binary's outputs into OUTDIR,
#                                       run on the plans and rules of TREE
#                                       (default: the tree this script is in)
#
# Each command's stdout, stderr and exit code go to one file named after it.
# Times, users, the store's path and the fingerprints of the standard
# library (rules/lib, whose Lua may move into C) are the only text rewritten.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)

if [ "${1:-}" = --compare ]; then
	[ $# = 2 ] || { echo "usage: $0 --compare REV" >&2; exit 2; }
	[ -x "$ROOT/assay" ] || { echo "$0: build ./assay first (make)" >&2; exit 2; }
	dir=$(mktemp -d)
	trap 'git -C "$ROOT" worktree remove --force "$dir/tree" 2>/dev/null; rm -rf "$dir"' EXIT
	git -C "$ROOT" worktree add -q --detach "$dir/tree" "$2" || exit 2
	echo "building $2 in $dir/tree"
	make -C "$dir/tree" -s -j2 BUILD="$dir/build" all >"$dir/build.log" 2>&1 ||
		{ tail -20 "$dir/build.log"; exit 1; }
	"$0" "$dir/tree/assay" "$dir/old" "$dir/tree" && "$0" "$ROOT/assay" "$dir/new" || exit 1
	if diff -r "$dir/old" "$dir/new" >"$dir/diff"; then
		echo "same output: $(find "$dir/new" -type f | wc -l) outputs compared"
		exit 0
	fi
	head -200 "$dir/diff"
	echo "outputs differ" >&2
	exit 1
fi
[ $# = 2 ] || [ $# = 3 ] || { echo "usage: $0 --compare REV | $0 ASSAY OUTDIR [TREE]" >&2; exit 2; }
ROOT=$(cd "${3:-$ROOT}" && pwd)
ASSAY=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
OUT=$2
rm -rf "$OUT" && mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"

# plan:period:figures, as make demo imports them; lucheng-2023 is also
# scored month by month.
PLANS="lucheng-2023:2023-09:plans/data/lucheng-2023-2023-0*.csv
xuhui-2020:2020:plans/data/xuhui-2020.yaml
xuhui-2021:2021:plans/data/xuhui-2021.yaml
lucheng-2027:2024:plans/data/lucheng-2027.yaml
xuhui-brand-2020:2020:plans/data/xuhui-brand-2020.yaml
shanghai-brand-2023:2023:plans/data/shanghai-brand-2023.yaml
changning-2025:2024:plans/data/changning-2025.yaml"

# out NAME ARGS...: runs assay with the store in $WORK; keeps what it said.
out() {
	local name=$1
	shift
	{
		TZ=UTC USER=tester LOGNAME=tester "$ASSAY" --db "$WORK/assay.db" "$@" 2>&1
		echo "exit $?"
	} | sed -E -e "s|$WORK|WORK|g" -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9:]{8}Z?/TIME/g' \
		-e 's/[0-9a-f]{64}( +[^ ]*rules\/lib\/)/SHA256\1/g' \
		-e 's/((final|draft) +[0-9a-f]{8} +)[0-9a-f]{8}/\1RULES___/' >"$OUT/$name"
}

# file NAME FILE: keeps a file a command wrote (an xlsx by its contents).
file() {
	if unzip -tq "$2" >/dev/null 2>&1; then
		mkdir -p "$OUT/$1.d"
		(cd "$OUT/$1.d" && unzip -qo "$2" && find . -type f -name '*.xml' \
		  -exec sed -i -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z/TIME/g' {} +)
	else
		cp "$2" "$OUT/$1"
	fi
}

while IFS=: read -r id period figures; do
	plan=plans/$id.yaml
	p=$id
	rm -f "$WORK"/assay.db*
	out "$p.check" check "$plan"
	# shellcheck disable=SC2086
	out "$p.import" import --quiet "$plan" $figures
	out "$p.units" units "$plan"
	out "$p.indicators" indicators "$plan"
	out "$p.params" params "$plan"
	out "$p.test" test "$plan"
	out "$p.status" status "$plan" --period "$period"
	for f in table csv json; do
		out "$p.score.$f" score "$plan" --period "$period" --format "$f" --quiet
	done
	out "$p.score.ranking" score "$plan" --period "$period" --ranking --quiet
	out "$p.score.ranking.csv" score "$plan" --period "$period" --ranking --format csv --quiet
	out "$p.score.summary" score "$plan" --period "$period" --summary --quiet
	# the first row of the template names a unit and an indicator it reports
	out "$p.template.csv" template "$plan" --period "$period"
	row=$(sed -n '2p' "$OUT/$p.template.csv")
	unit=$(cut -d, -f1 <<<"$row")
	indicator=$(cut -d, -f3 <<<"$row")
	out "$p.score.unit" score "$plan" --period "$period" --unit "$unit" --quiet
	out "$p.explain" explain "$plan" --period "$period" --unit "$unit"
	out "$p.explain.json" explain "$plan" --period "$period" --unit "$unit" --format json
	out "$p.explain.indicator" explain "$plan" --period "$period" --unit "$unit" \
		--indicator "$indicator"
	out "$p.history" history "$plan" --unit "$unit"
	for value in 0 1000; do
		out "$p.whatif.$value" whatif "$plan" --period "$period" \
			--set "$unit:$indicator=$value"
		out "$p.whatif.$value.json" whatif "$plan" --period "$period" \
			--set "$unit:$indicator=$value" --format json
	done
	for f in html md csv xlsx; do
		out "$p.report.$f" report "$plan" --period "$period" --format "$f" \
			-o "$WORK/report.$f" --quiet
		file "$p.report.$f.file" "$WORK/report.$f"
	done
	out "$p.template.xlsx" template "$plan" --period "$period" --format xlsx \
		-o "$WORK/template.xlsx"
	file "$p.template.xlsx.file" "$WORK/template.xlsx"
	# a draft, shown and verified, then the final run that replaces it
	out "$p.save.draft" score "$plan" --period "$period" --save --quiet --format csv
	out "$p.show.draft" show 1
	out "$p.show.draft.json" show 1 --format json
	out "$p.verify.draft" verify 1
	out "$p.save.final" score "$plan" --period "$period" --final --quiet --summary
	out "$p.runs" runs "$plan"
	out "$p.show.final" show 2
	out "$p.show.final.csv" show 2 --format csv
	out "$p.verify.final" verify 2
done <<<"$PLANS"

# Lucheng month by month, and runs of two periods compared.
rm -f "$WORK"/assay.db*
out lucheng-2023.import.again import --quiet plans/lucheng-2023.yaml plans/data/lucheng-2023-2023-0*.csv
out lucheng-2023-09.save score plans/lucheng-2023.yaml --period 2023-09 --save --quiet --summary
for m in 01 02 03 04 05 06 07 08; do
	out "lucheng-2023-$m.score" score plans/lucheng-2023.yaml --period "2023-$m" --quiet
	out "lucheng-2023-$m.report.md" report plans/lucheng-2023.yaml --period "2023-$m" \
		--format md --quiet
done
out lucheng-2023-08.save score plans/lucheng-2023.yaml --period 2023-08 --save --quiet --summary
out lucheng-2023.diff diff 1 2
out lucheng-2023.diff.periods diff plans/lucheng-2023.yaml --period 2023-08 --period 2023-09
out lucheng-2023-Q2.score score plans/lucheng-2023.yaml --period 2023Q2 --quiet
