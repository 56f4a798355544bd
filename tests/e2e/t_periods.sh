# Reporting basis and frequency (tests/plans/periods.yaml): year-to-date and
# per-period figures, quarterly reports carried between quarter ends, and
# reports not yet due.

periods_imported() {
	run import "$SEM/periods.yaml" "$SEM/periods-figures.csv"
	expect_rc 0
}

test_per_period_figures_add_up_to_the_year_to_date() {
	periods_imported
	score_csv "$SEM/periods.yaml" 2023-03
	expect_item a sales_ytd actual=35 completion=0.2917 score=2.92 light=green
	expect_item a sales_month actual=35 completion=0.2917 score=2.92 light=green \
		"reason=完成率29.2%，超过时序进度4.2个百分点"
	expect_item a new_firms actual=10 score=2.50 "reason=完成率25%，与时序进度持平"
}

test_a_quarter_is_scored_from_its_months() {
	periods_imported
	score_csv "$SEM/periods.yaml" 2023Q1
	expect_item a sales_month actual=35 as_of=2023-03 flags=
	expect_item a investment actual=20 as_of=2023-03 flags=
}

test_quarterly_figure_is_carried_and_judged_at_its_own_date() {
	periods_imported
	score_csv "$SEM/periods.yaml" 2023-04
	# 20 of 100 at the end of March: 5 points behind March's 25%, not April's 33%
	expect_item a investment actual=20 as_of=2023-03 flags=carried light=yellow \
		"reason=完成率20%，落后时序进度5个百分点"
	expect_item a new_firms actual=10 as_of=2023-03 flags=carried light=green
	score_csv "$SEM/periods.yaml" 2023-07
	expect_item a investment actual=55 as_of=2023-06 flags=carried light=green
	expect_item a new_firms actual=22 flags=carried score=5.50
}

test_nothing_due_yet_is_not_scored_and_not_red() {
	periods_imported
	score_csv "$SEM/periods.yaml" 2023-02
	expect_item a investment status=not_due light= score= flags=not_due
	expect_item a survey_rate status=not_due light=
	# only the two monthly indicators count: (1.67 + 1.67) / 20 points
	expect_card a total=16.67
	run score "$SEM/periods.yaml" --period 2023-02
	expect_out_has "固定资产投资 (亿元)             100                     not due  not due yet"
}

test_missing_month_is_not_reported_not_carried() {
	periods_imported
	score_csv "$SEM/periods.yaml" 2023-04
	expect_item a sales_ytd actual= status=scored flags=missing score=0.00 light=red reason=未报送
}

test_gap_in_per_period_figures_leaves_no_year_to_date() {
	periods_imported
	score_csv "$SEM/periods.yaml" 2023-03
	expect_item b sales_month actual= "flags=missing gap" light=red
	expect_item b sales_ytd actual=40 flags=
	run score "$SEM/periods.yaml" --period 2023-03 --unit b
	expect_out_has "未报送 · per-period figures missing: no year-to-date total"
}

test_increment_is_given_to_rules_and_json() {
	periods_imported
	run score "$SEM/periods.yaml" --period 2023-03 --format json --unit a
	expect_rc 0
	expect_out_has '"indicator":"sales_ytd","name":"销售额累计","measure":"亿元","kind":"amount","status":"scored","flags":[],"as_of":"2023-03","reported":35,"increment":15'
}
