# Scores are deterministic: the same figures give byte-identical output,
# whatever the order of the files imported and of the rows within them.

# shuffled FILE SEED: FILE's header, then its rows in an order set by SEED.
shuffled() {
	head -n 1 "$1"
	tail -n +2 "$1" | awk -v seed="$2" 'BEGIN { srand(seed) } { print rand() "\t" $0 }' |
		sort -k1,1 | cut -f2-
}

test_import_order_does_not_change_the_output() {
	import_sample
	local k=0 f files=()
	for f in $(ls "$DATA"/lucheng-2023-2023-0*.csv | sort -r); do
		k=$((k + 1))
		shuffled "$f" "$k" >"$T/shuffled-$k.csv"
		files+=("$T/shuffled-$k.csv")
	done
	cmp -s "$T/shuffled-1.csv" "$DATA/lucheng-2023-2023-09.csv" && fail "the rows were not shuffled"
	"$ASSAY" --db "$T/other.db" import "$PLAN" "${files[@]}" >/dev/null || fail "the shuffled import failed"
	for format in table csv json; do
		for period in 2023-08 2023Q3; do
			run score "$PLAN" --period "$period" --format "$format"
			expect_rc 0
			"$ASSAY" --db "$T/other.db" score "$PLAN" --period "$period" --format "$format" >"$T/other" ||
				fail "scoring the shuffled store failed"
			cmp -s "$T/out" "$T/other" || fail "$format for $period differs with another import order"
		done
	done
}

test_scoring_twice_gives_the_same_bytes() {
	import_sample
	run score "$PLAN" --period 2023-09 --format json
	cp "$T/out" "$T/first"
	run score "$PLAN" --period 2023-09 --format json
	cmp -s "$T/out" "$T/first" || fail "a second score differs from the first"
}
