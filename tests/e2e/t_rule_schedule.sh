# A rule schedule: the plan names which rule file, with which parameter
# values, is in force from which date; a period is scored by the rules in
# force at its end, so results scored under the old rules stay
# explainable.

# scheduled_plan [SCHEDULE]: the mini plan in $T with its rules given by
# SCHEDULE (YAML lines under `rules:`); by default mini.lua for the first
# half of 2023 and, from July, mini-h2.lua: a score floor of 0.4 instead
# of 0.6, and a red light only for two red lights or more (red_from: 2).
# Prints the plan's path.
scheduled_plan() {
	local schedule=${1:-"  - from: 2023-01-01
    file: mini.lua
  - from: 2023-07
    file: mini-h2.lua
    params: {red_from: 2}"}
	cp "$FIX/mini.lua" "$T/"
	sed 's/floor = 0.6/floor = 0.4/; /^red_light = /,$d' "$FIX/mini.lua" >"$T/mini-h2.lua"
	cat >>"$T/mini-h2.lua" <<'LUA'
local P = params { red_from = {default = 1, min = 1, max = 5, about = "亮灯督促的红灯数"} }
red_light = function(card)
  return card.red >= P.red_from, "红灯：" .. std.red_items(card)
end
LUA
	awk -v schedule="$schedule" '/^rules:/ { print "rules:"; print schedule; next } { print }' \
		"$FIX/mini.yaml" >"$T/mini.yaml"
	echo "$T/mini.yaml"
}

import_mini_june_july() {
	run import "$1" "$FIX/mini-2023-06.csv" "$FIX/mini-2023-07-wide.csv"
	expect_rc 0
}

test_check_prints_the_schedule() {
	local plan
	plan=$(scheduled_plan)
	run check "$plan"
	expect_rc 0
	[ "$(cat "$T/out")" = "$plan: ok: 4 units in 2 groups, 4 indicators, 7 unit-indicator targets; rules by date:
  from 2023-01-01  $T/mini.lua
  from 2023-07-01  $T/mini-h2.lua  red_from=2" ] || fail "unexpected check:" "$(cat "$T/out")"
}

# June (and the second quarter, which ends in June) by mini.lua, July by
# mini-h2.lua: 区商务局's 5 of 10 stores in June is
# below the floor of 0.6, 0 points; its 6 of 10 in July is (0.6 - 0.4) /
# 0.6 of 5 points, 1.67. 五马街道 has one red light in both: a red light
# in June, none from July.
test_a_period_is_scored_by_the_rules_in_force_at_its_end() {
	local plan
	plan=$(scheduled_plan)
	import_mini_june_july "$plan"
	for period in 2023-06 2023Q2; do
		score_csv "$plan" "$period"
		expect_item commerce stores score=0.00
		expect_card wuma verdict=red_light
	done
	score_csv "$plan" 2023-07
	expect_item commerce stores score=1.67
	expect_card wuma verdict=none
}

test_runs_record_the_rules_in_force() {
	local plan
	plan=$(scheduled_plan)
	import_mini_june_july "$plan"
	run score "$plan" --period 2023-06 --final
	expect_rc 0
	run score "$plan" --period 2023-07 --save
	expect_rc 0
	run diff 1 2
	expect_rc 0
	expect_out_has "  rules: $T/mini-h2.lua loaded; $T/mini.lua no longer loaded
  parameters: red_from=2 (new)"
	expect_out_has "red light: − 五马街道"
	# verify scores June by June's rules again
	run verify 1
	expect_rc 0
	expect_out_has "identical"
}

test_whatif_and_params_follow_the_schedule() {
	local plan
	plan=$(scheduled_plan)
	import_mini_june_july "$plan"
	run whatif "$plan" --period 2023-07 --param red_from=1
	expect_rc 0
	expect_out_has "red light: + 五马街道"
	run params "$plan"
	expect_rc 0
	expect_out_has "red_from      2    1    5  亮灯督促的红灯数"
}

test_the_single_file_form_still_reads() {
	local plan
	plan=$(scheduled_plan "  - from: 2022-10-01
    file: mini.lua")
	run check "$plan"
	expect_rc 0
	expect_out_has "rules by date:
  from 2022-10-01  $T/mini.lua"
	run check "$FIX/mini.yaml"
	expect_rc 0
	expect_out_has "7 unit-indicator targets; rules $FIX/mini.lua"
}

# schedule_refused SCHEDULE MESSAGE: check refuses the plan, saying MESSAGE.
schedule_refused() {
	local plan
	plan=$(scheduled_plan "$1")
	run check "$plan"
	expect_rc 1
	expect_err "$2"
}

test_bad_schedules_are_refused_where_written() {
	schedule_refused "  - from: 2023-03-01
    file: mini.lua" \
		"$T/mini.yaml:6:11: the first rules must be in force from the start of the year (from: 2023-01-01 or before), so that every period of 2023 has rules"
	schedule_refused "  - from: 2023-01-01
    file: mini.lua
  - from: 2023-01-01
    file: mini-h2.lua" \
		"$T/mini.yaml:8:11: from 2023-01-01 is not after the entry before it (2023-01-01): list the rules by date"
	schedule_refused "  - from: 2023-01-01
    file: mini.lua
  - from: 2024-01-01
    file: mini-h2.lua" \
		"$T/mini.yaml:8:11: from 2024-01-01 is after the plan's last year 2023: these rules would never be in force"
	schedule_refused "  - from: 2023-13-01
    file: mini.lua" \
		"$T/mini.yaml:6:11: from must be a date such as 2023-07-01, not '2023-13-01'"
	schedule_refused "  - from: 2023-01-01
    flie: mini.lua" \
		"$T/mini.yaml:7:5: unknown key 'flie' in an entry of rules (did you mean 'file'?)"
	schedule_refused "  - from: 2023-01-01
    file: nowhere.lua" \
		"$T/mini.yaml:7:11: rule file 'nowhere.lua' not found (looked for '$T/nowhere.lua')"
	schedule_refused "  []" "$T/mini.yaml:6:3: rules is empty: name a rule file, or list {from, file} entries"
}

test_parameter_values_are_checked_where_the_plan_gives_them() {
	schedule_refused "  - from: 2023-01-01
    file: mini-h2.lua
    params: {red_fom: 2}" \
		"$T/mini.yaml:8:14: params.red_fom: $T/mini-h2.lua declares no parameter 'red_fom' (did you mean 'red_from'?)"
	schedule_refused "  - from: 2023-01-01
    file: mini-h2.lua
    params: {red_from: 9}" \
		"$T/mini.yaml:8:14: params.red_from=9 is outside its range 1..5 (declared at $T/mini-h2.lua:12)"
	schedule_refused "  - from: 2023-01-01
    file: mini-h2.lua
    params: {red_from: two}" \
		"$T/mini.yaml:8:24: red_from must be a number, not 'two'"
}

# The report's trend scores each month by the rules in force at that
# month's end, as `assay score` does: 区商务局's June point is its June
# total under mini.lua (its stores 0 points), not under July's rules.
test_report_trend_scores_each_month_by_its_rules() {
	local plan june july points
	plan=$(scheduled_plan)
	import_mini_june_july "$plan"
	score_csv "$plan" 2023-06
	june=$(csv_value commerce stores total)
	score_csv "$plan" 2023-07
	july=$(csv_value commerce stores total)
	[ "$june" != "" ] && [ "$july" != "" ] || fail "区商务局 should have June and July totals"
	run report "$plan" --period 2023-07 -o "$T/r.html"
	expect_rc 0
	points=$(sed -n '/id="unit-commerce"/,/<\/section>/p' "$T/r.html" |
		grep -o '<title>[A-Za-z]*: [0-9.]*</title>' | sed 's/<[^>]*>//g' | tr '\n' ' ')
	[ "$points" = "Jun: $june Jul: $july " ] || fail "expected points 'Jun: $june Jul: $july', got '$points'"
}
