# Target forms (tests/plans/targets.yaml): about with a tolerance, at most,
# a band, growth against last year (computed or reported), a target set by
# another figure, a count since a base year, per-unit targets.

targets_scored() {
	run import "$SEM/targets.yaml" "$SEM/targets-figures.csv"
	expect_rc 0
	score_csv "$SEM/targets.yaml" 2023-06
}

test_about_is_met_within_the_rules_tolerance() {
	targets_scored
	expect_item a gdp_growth actual=5.6 "target=≈ 6" completion=1.0000 score=10.00 light=green \
		"reason=实际5.6%（目标6%左右），完成率100%，达到目标"
	# 2.5 is 3.5 off, 3 beyond the tolerance of 0.5: 1 - 3/6
	expect_item b gdp_growth completion=0.5000 score=5.00 light=red \
		"reason=实际2.5%（目标6%左右），完成率50%，落后目标50个百分点"
}

test_at_most_is_better_lower() {
	targets_scored
	expect_item a jobless actual=3.2 target=3.5 completion=1.0938 score=10.00 light=green
	expect_item b jobless actual=4 completion=0.8750 score=8.75 light=red \
		"reason=完成率87.5%，落后目标12.5个百分点"
}

test_between_is_met_inside_the_band() {
	targets_scored
	expect_item a occupancy "target=94–96" completion=1.0000 light=green
	# 97 is above the band: 96 / 97
	expect_item b occupancy completion=0.9897 score=9.90 light=yellow \
		"reason=实际97%（目标94–96%），完成率99%，落后目标1个百分点"
}

test_growth_is_computed_from_last_years_figure() {
	targets_scored
	# 54 against 50 a year before: +8%, met; the rate is judged against the
	# whole target, not time progress
	expect_item a service_investment actual=+8.00% "target=≥ +8% y/y" completion=1.0000 \
		light=green "reason=同比增长8%（目标8%），完成率100%，达到目标"
	expect_item b service_investment actual=+7.00% completion=0.8750 score=8.75 light=red
	run score "$SEM/targets.yaml" --period 2023-06 --format json --unit a
	expect_out_has '"indicator":"service_investment"'
	expect_out_has '"reported":54,"increment":null,"last_year":50'
}

test_growth_without_last_years_figure_is_said() {
	run import "$SEM/targets.yaml" "$SEM/targets-figures.csv"
	write no-base.csv <<'CSV'
unit,indicator,period,value
a,service_investment,2023-07,60
CSV
	run import "$SEM/targets.yaml" "$T/no-base.csv"
	expect_rc 0
	score_csv "$SEM/targets.yaml" 2023-07
	expect_item a service_investment actual= flags=no_base light=red reason=上年同期数未报送
}

test_reported_growth_rate_is_taken_as_it_is() {
	targets_scored
	expect_item a retail_growth actual=+9.00% completion=1.1250 score=10.00 light=green
	expect_item b retail_growth actual= flags=missing light=red reason=未报送
}

test_relative_target_is_the_other_figure() {
	targets_scored
	expect_item a sme_loan_growth "target=≥ 12" completion=1.2500 light=green \
		"reason=实际15%（基准12%），完成率125%，达到目标"
	expect_item b sme_loan_growth "target=≥ loan_growth" flags=no_base light=red reason=比较基准未报送
	expect_item a loan_growth status=shown score= light= weight=
}

test_count_since_a_base_year_adds_the_base() {
	targets_scored
	expect_item a parks actual=15 "target=≥ 20 since 2021 (base 12)" completion=0.7500 score=7.50
}

test_per_unit_targets_differ() {
	targets_scored
	expect_item a sales target=100 completion=0.6000 score=6.00
	expect_item b sales target=80 completion=0.7500 score=7.50
	run indicators "$SEM/targets.yaml"
	expect_out_has "甲局 ≥ 100, 乙局 ≥ 80"
	expect_out_has "not scored"
}

test_totals_leave_unscored_items_out() {
	targets_scored
	# a: 8 scored items, 73.5 of 80 points
	expect_card a total=91.88 rank=1
	expect_card b total=57.00 rank=2
}

test_last_year_is_refused_without_a_growth_target() {
	write old.csv <<'CSV'
unit,indicator,period,value
a,sales,2022-06,50
CSV
	run import "$SEM/targets.yaml" "$T/old.csv"
	expect_rc 1
	expect_err "$T/old.csv:2:3: period 2022-06 is outside the plan's year 2023 (last year's figures are taken only for growth targets)"
}
