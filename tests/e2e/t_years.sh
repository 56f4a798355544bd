# A plan of several years (tests/plans/years.yaml, years: 2023-2027): targets
# counted across the years with and without checkpoints, a growth target
# that holds every year, a level with a checkpoint. Rules: plain.lua
# (10 points each, in proportion to completion; green on or ahead of time
# progress, yellow up to 10 points behind, red beyond).

YEARS="$SEM/years.yaml"

years_scored() {
	run import "$YEARS" "$SEM/years-figures.csv"
	expect_rc 0
	score_csv "$YEARS" "$1"
}

test_first_year_meets_its_checkpoints() {
	years_scored 2023
	# 2023's checkpoint is 3 projects: 3 of 3, expected all of it by December
	expect_item a projects actual=3 target=3 completion=1.0000 score=10.00 light=green
	# 50000 by 2027 on a straight line: 10000 (20%) expected by the end of 2023
	expect_item a trainings actual=11000 target=50000 completion=0.2200 score=2.20 light=green \
		"reason=完成率22%，超过时序进度2个百分点"
	expect_item a employment_share target=66 completion=1.0152 light=green
	expect_card a total=80.50
}

test_earlier_years_add_up() {
	years_scored 2024
	# 3 in 2023 and 6 in 2024 against 2024's checkpoint of 8
	expect_item a projects actual=9 target=8 completion=1.1250 score=10.00 light=green
	# 11000 + 8000 against 40% of 50000 expected by the end of 2024
	expect_item a trainings actual=19000 completion=0.3800 light=yellow \
		"reason=完成率38%，落后时序进度2个百分点"
	# the growth target holds every year; the level's checkpoint was 2023's
	expect_item a investment_growth actual=+7.50% completion=0.9375 light=yellow
	expect_item a employment_share target=70 completion=0.9714 light=yellow
}

test_within_a_year_progress_runs_on_from_the_last() {
	years_scored 2024-06
	# 11000 + 4500 against 10000 + half of 2024's 10000, of 50000: 30%
	expect_item a trainings actual=15500 completion=0.3100 light=green \
		"reason=完成率31%，超过时序进度1个百分点"
	expect_item a projects status=not_due
}

test_a_missing_earlier_year_leaves_no_total() {
	years_scored 2026
	expect_item a projects actual= "flags=missing earlier_gap" light=red reason=未报送 target=16
	run score "$YEARS" --period 2026
	expect_out_has "未报送 · an earlier year's figure missing: no total across the years · note: 2025年未报送"
}

test_periods_outside_the_years_refused() {
	write late.csv <<'CSV'
unit,indicator,period,value
甲区,projects,2028,1
CSV
	run import "$YEARS" "$T/late.csv"
	expect_rc 1
	expect_err "$T/late.csv:2:3: period 2028 is outside the plan's years 2023-2027"
	run score "$YEARS" --period 2022
	expect_rc 1
	expect_err "assay: period 2022 is outside the plan's years 2023-2027"
}

test_indicators_list_the_checkpoints() {
	run indicators "$YEARS"
	expect_rc 0
	expect_out_has "≥ 20 since 2023; 2023: 3, 2024: 8, 2025: 12, 2026: 16"
	expect_out_has "≥ 70; 2023: 66"
}
