# A plan of many units is scored a peer group at a time, and its board
# holds a window of units' items at a time, scored again as they are read
# (score/score.c). Whatever the windows, every output is the one a board
# held whole gives, byte for byte: ASSAY_WINDOW_UNITS=1 makes a window of
# each peer group of any plan (Lucheng's groups are mixed in its list of
# units, and its verdict rules read card.items); a generated plan of more
# than 1,000 units in groups listed together is held in windows by default.

export SOURCE_DATE_EPOCH=1700000000

# same_whole_and_windowed WINDOW ARGS...: assay ARGS with the board held
# whole and held WINDOW units at a time: the same stdout, stderr and exit
# code. Files written (-o) are compared too.
same_whole_and_windowed() {
	local window=$1 file="" k
	shift
	for ((k = 1; k <= $#; k++)); do
		[ "${!k}" = -o ] && { k=$((k + 1)); file=${!k}; }
	done
	ASSAY_WINDOW_UNITS=1000000 run "$@"
	cp "$T/out" "$T/whole.out"; cp "$T/err" "$T/whole.err"; cp "$T/rc" "$T/whole.rc"
	[ -z "$file" ] || mv "$file" "$T/whole.file"
	ASSAY_WINDOW_UNITS=$window run "$@"
	cmp -s "$T/whole.out" "$T/out" || fail "stdout differs held in windows of $window: $*" \
		"$(diff "$T/whole.out" "$T/out" | head -20)"
	cmp -s "$T/whole.err" "$T/err" || fail "stderr differs held in windows of $window: $*" \
		"$(diff "$T/whole.err" "$T/err" | head -20)"
	cmp -s "$T/whole.rc" "$T/rc" || fail "the exit code differs held in windows of $window: $*"
	[ -z "$file" ] || cmp -s "$T/whole.file" "$file" ||
		fail "$file differs held in windows of $window: $*"
}

# Every output of a plan, held whole and in windows of WINDOW units.
every_output_the_same() {
	local window=$1 plan=$2 period=$3 f
	for f in table csv json; do
		same_whole_and_windowed "$window" score "$plan" --period "$period" --format "$f"
		same_whole_and_windowed "$window" score "$plan" --period "$period" --ranking --format "$f"
	done
	same_whole_and_windowed "$window" score "$plan" --period "$period" --summary
	same_whole_and_windowed "$window" --lang zh score "$plan" --period "$period"
	for f in html md csv xlsx; do
		same_whole_and_windowed "$window" report "$plan" --period "$period" --quiet \
			--format "$f" -o "$T/report.$f"
	done
}

test_lucheng_held_a_group_at_a_time_reads_as_held_whole() {
	import_sample
	every_output_the_same 1 "$PLAN" 2023-09
	same_whole_and_windowed 1 score "$PLAN" --period 2023-03 --unit 区商务局
	same_whole_and_windowed 1 test "$PLAN"
}

test_every_bundled_plan_reads_the_same_in_windows() {
	local spec id period data
	for spec in xuhui-2020:2020:xuhui-2020.yaml xuhui-2021:2021:xuhui-2021.yaml \
		lucheng-2027:2024:lucheng-2027.yaml xuhui-brand-2020:2020:xuhui-brand-2020.yaml \
		shanghai-brand-2023:2023:shanghai-brand-2023.yaml changning-2025:2025:changning-2025.yaml; do
		id=${spec%%:*} period=${spec#*:} data=${period#*:} period=${period%%:*}
		run import "$ROOT/plans/$id.yaml" "$DATA/$data"
		expect_rc 0
		for f in table json; do
			same_whole_and_windowed 1 score "$ROOT/plans/$id.yaml" --period "$period" --format "$f"
		done
		same_whole_and_windowed 1 report "$ROOT/plans/$id.yaml" --period "$period" --quiet \
			--format html -o "$T/report.html"
	done
}

# A saved run's scorecards and items, as show gives them, in each form.
show_run() {
	local f
	for f in table csv json; do
		run show "$1" --format "$f"
		expect_rc 0
		# which run, and when it was saved, differ
		sed -e '/^run [0-9]* · /d' -e '/^saved .* by /d' -e 's/"run": *[0-9]*//' \
			-e 's/"saved_at": *"[^"]*"//' "$T/out"
	done
}

test_a_run_saved_in_windows_is_the_run_saved_whole() {
	import_sample
	ASSAY_WINDOW_UNITS=1000000 run score "$PLAN" --period 2023-09 --quiet --save
	expect_rc 0
	show_run 1 >"$T/whole.run"
	ASSAY_WINDOW_UNITS=1 run score "$PLAN" --period 2023-09 --quiet --save
	expect_rc 0
	show_run 2 >"$T/windowed.run"
	cmp -s "$T/whole.run" "$T/windowed.run" || fail "the run saved in windows differs" \
		"$(diff "$T/whole.run" "$T/windowed.run" | head -20)"
	same_whole_and_windowed 1 verify 2
	expect_rc 0
	same_whole_and_windowed 1 report 2 --format md -o "$T/run.md"
	same_whole_and_windowed 1 report 2 --format xlsx -o "$T/run.xlsx"
}

# 1,200 units in twelve groups of 100, listed together: held in windows of
# 1,000 units by default, the first window of ten groups and the second of
# two; the verdict rules read card.items.
test_a_large_plan_is_held_in_windows_by_default() {
	mkdir "$T/big"
	lua5.4 "$ROOT/bench/gen.lua" "$T/big" 1200 6 9 7 100 || fail "gen.lua failed"
	cat >>"$T/big/bench.lua" <<'LUA'
commend = function(card)
  local green = 0
  for _, item in ipairs(card.items) do
    if item.light == "green" then green = green + 1 end
  end
  return card.total >= 80 and green >= 4, "四项以上绿灯"
end
LUA
	run import --quiet "$T/big/bench.yaml" "$T/big/figures.csv"
	expect_rc 0
	run score "$T/big/bench.yaml" --period 2025-09 --summary
	expect_rc 0
	grep -q "commend" "$T/out" || grep -q "表彰" "$T/out" || fail "no unit commended" "$(cat "$T/out")"
	local f
	for f in table json; do
		run score "$T/big/bench.yaml" --period 2025-09 --format "$f"
		expect_rc 0
		cp "$T/out" "$T/default.out"
		ASSAY_WINDOW_UNITS=1000000 run score "$T/big/bench.yaml" --period 2025-09 --format "$f"
		cmp -s "$T/default.out" "$T/out" || fail "the default windows change the $f scorecards"
	done
	every_output_the_same 250 "$T/big/bench.yaml" 2025-09
}
