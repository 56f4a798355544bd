# Time progress and arithmetic (tests/plans/progress.yaml): schedules per
# indicator and per unit, a figure exactly on a boundary, rounding.

progress_imported() {
	run import "$SEM/progress.yaml" "$SEM/progress-figures.csv"
	expect_rc 0
}

test_quarterly_schedule_is_spread_over_its_months() {
	progress_imported
	score_csv "$SEM/progress.yaml" 2023-05
	# May: 10% + (35% - 10%) × 2/3 = 26.67% expected; 25% done
	expect_item a investment completion=0.2500 light=yellow \
		"reason=完成率25%，落后时序进度1.7个百分点"
	run score "$SEM/progress.yaml" --period 2023-05 --format json --unit a
	expect_out_has '"target_form":"at_least","target":100,"target_high":null,"progress":0.26666666666666666'
}

test_unit_schedule_overrides_the_indicators() {
	progress_imported
	score_csv "$SEM/progress.yaml" 2023-05
	# 乙局's monthly schedule expects 25% by May
	expect_item b investment completion=0.2500 light=green "reason=完成率25%，与时序进度持平"
}

test_boundary_is_judged_as_on_a_calculator() {
	progress_imported
	score_csv "$SEM/progress.yaml" 2023-07
	# 29 of 60 at the end of July is exactly 10 points behind 7/12: yellow
	expect_item a trade completion=0.4833 light=yellow "reason=完成率48.3%，落后时序进度10个百分点"
}

test_scores_round_half_away_and_ranks_use_the_rounded_total() {
	progress_imported
	score_csv "$SEM/progress.yaml" 2023-07
	# 71.3 / 80 × 100 = 89.125 points: shown 89.13, equal to 南汇街道's 89.13
	expect_item d points score=89.13
	expect_card d total=89.13 rank=1
	expect_card e total=89.13 rank=1
}

test_schedule_must_not_fall() {
	sed 's/schedule: \[10, 35, 65, 100\]/schedule: [10, 35, 30, 100]/' "$SEM/progress.yaml" >"$T/p.yaml"
	cp "$SEM/progress.lua" "$T/"
	run check "$T/p.yaml"
	expect_rc 1
	expect_err "$T/p.yaml:24:24: schedule percentages must not fall or be negative (30 after 35)"
}
