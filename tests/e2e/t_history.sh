# assay history: the correction history of figures, from re-imports.

# June imported by clerk, then 区商务局's stores corrected twice by chief,
# a second apart: 5, then 6 with a note, then 7 from another file. The
# files are named as a person in $T would type them.
june_corrected_twice() {
	cp "$FIX/mini-2023-06.csv" "$T/june.csv"
	printf 'unit,indicator,period,value,note\n区商务局,stores,2023-06,6,更正\n' >"$T/fix1.csv"
	printf 'unit,indicator,period,value,note\n区商务局,stores,2023-06,7,再次更正\n' >"$T/fix2.csv"
	USER=clerk run import "$FIX/mini.yaml" june.csv
	expect_rc 0
	sleep 1
	USER=chief run import "$FIX/mini.yaml" fix1.csv
	expect_rc 0
	sleep 1
	USER=chief run import "$FIX/mini.yaml" fix2.csv
	expect_rc 0
}

# imported N: when import N was made, as history shows it.
imported() {
	sqlite3 "$T/assay.db" "SELECT replace(replace(imported_at, 'T', ' '), 'Z', '') FROM imports WHERE id = $1"
}

# Every value, with the file and line it came from, who imported it and
# when, and until when it stood: the time of the import that replaced it.
test_history_after_reimports() {
	june_corrected_twice
	run history "$FIX/mini.yaml" --unit 区商务局 --indicator 品牌首店
	expect_rc 0
	[ "$(cat "$T/out")" = "区商务局 (commerce) · 测试方案 (mini)

品牌首店 (stores)
  period   value  note      from        imported (UTC)       by     until
  2023-06      5            june.csv:3  $(imported 1)  clerk  $(imported 2)
  2023-06      6  更正      fix1.csv:2  $(imported 2)  chief  $(imported 3)
  2023-06      7  再次更正  fix2.csv:2  $(imported 3)  chief  current" ] ||
		fail "unexpected history:" "$(cat "$T/out")"
	[ "$(imported 1)" != "$(imported 2)" ] || fail "the imports were not a second apart"
}

test_history_of_a_whole_unit_in_plan_order() {
	run import "$FIX/mini.yaml" "$FIX/mini-2023-08.yaml" "$FIX/mini-2023-06.csv" "$FIX/mini-2023-07-wide.csv"
	expect_rc 0
	run history "$FIX/mini.yaml" --unit 区商务局
	expect_rc 0
	[ "$(grep -E '^(  2023|[^ ])' "$T/out" | awk '{print $1, $2}')" = "区商务局 (commerce)
服务贸易额 (trade)
2023-06 7000
2023-07 7100
2023-08 7200
品牌首店 (stores)
2023-06 5
2023-07 6
2023-08 7" ] || fail "unexpected history:" "$(cat "$T/out")"
}

test_history_refusals() {
	import_mini_june
	run history "$FIX/mini.yaml" --unit 区商物局
	expect_rc 1
	expect_err "$FIX/mini.yaml: unknown unit '区商物局' (did you mean '区商务局'?)"
	run history "$FIX/mini.yaml" --unit wuma --indicator tade
	expect_rc 1
	expect_err "$FIX/mini.yaml: unknown indicator 'tade' (did you mean 'trade'?)"
	run history "$FIX/mini.yaml" --unit wuma --indicator trade
	expect_rc 1
	expect_err "assay: unit '五马街道' is not responsible for indicator 'trade'"
	run history "$FIX/mini.yaml"
	expect_rc 2
	expect_err "assay: --unit is required
usage: assay history PLAN --unit U [--indicator I]"
}

# Who imported and who saved a run follow one rule: $USER, else $LOGNAME,
# else the account's name (cron and containers set neither variable).
test_who_imported_and_who_saved_by_one_rule() {
	local account; account=$(id -un)
	env -u USER LOGNAME=operator "$ASSAY" --db "$T/assay.db" import "$FIX/mini.yaml" \
		"$FIX/mini-2023-06.csv" >/dev/null || fail "the import failed"
	env -u USER LOGNAME=operator "$ASSAY" --db "$T/assay.db" score "$FIX/mini.yaml" \
		--period 2023-06 --save >/dev/null 2>&1 || fail "the run was not saved"
	env -u USER -u LOGNAME "$ASSAY" --db "$T/assay.db" import "$FIX/mini.yaml" \
		"$FIX/mini-2023-07-wide.csv" >/dev/null || fail "the import failed"
	env -u USER -u LOGNAME "$ASSAY" --db "$T/assay.db" score "$FIX/mini.yaml" \
		--period 2023-07 --save >/dev/null 2>&1 || fail "the run was not saved"
	[ "$(sqlite3 "$T/assay.db" "SELECT group_concat(user, ' ') FROM imports")" = "operator $account" ] ||
		fail "imports were recorded as by: $(sqlite3 "$T/assay.db" "SELECT user FROM imports")"
	[ "$(sqlite3 "$T/assay.db" "SELECT group_concat(user, ' ') FROM runs")" = "operator $account" ] ||
		fail "runs were recorded as by: $(sqlite3 "$T/assay.db" "SELECT user FROM runs")"
}
