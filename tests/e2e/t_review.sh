# Missing and doubtful figures (tests/plans/review.yaml), and the reporting
# status for the monthly dispatch (assay status).

review_imported() {
	run import "$SEM/review.yaml" "$SEM/review-figures.csv"
	expect_rc 0
}

test_not_reported_is_never_zero() {
	review_imported
	score_csv "$SEM/review.yaml" 2023-03
	expect_item c sales actual= flags=missing status=scored score=0.00 light=red reason=未报送
}

test_year_to_date_falling_back_is_flagged_and_still_scored() {
	review_imported
	score_csv "$SEM/review.yaml" 2023-03
	expect_item a sales actual=18 flags=backwards score=1.50 light=yellow
	run score "$SEM/review.yaml" --period 2023-03 --unit a
	expect_out_has "完成率15%，落后时序进度10个百分点 · review: below the previous year-to-date figure"
	expect_out_has "total 51.25 · green 0 · yellow 1 · red 1 · to review 2"
}

test_jump_beyond_the_plans_factor_is_flagged() {
	review_imported
	score_csv "$SEM/review.yaml" 2023-03
	# March alone brought 60 after 10 and 10: six times the month before
	expect_item b sales actual=80 flags=jump score=6.67
	run score "$SEM/review.yaml" --period 2023-03 --unit b
	expect_out_has "review: 6.0× the previous figure"
	# February's 10 after January's 10 is no jump
	score_csv "$SEM/review.yaml" 2023-02
	expect_item b sales flags=
}

test_indicator_sets_its_own_jump_factor() {
	review_imported
	score_csv "$SEM/review.yaml" 2023-03
	# a rate compared as it stands: 70 after 32 is 2.2 times, above its factor 2
	expect_item a occupancy flags=jump
	run score "$SEM/review.yaml" --period 2023-03 --format json --unit a
	expect_out_has '"flags":["jump"]'
	expect_out_has '"review":2'
}

test_status_shows_who_reported_what() {
	review_imported
	run status "$SEM/review.yaml" --period 2023-03
	expect_rc 0
	expect_out_has "甲局     2         2        0        0       2  待核：销售额、入住率"
	expect_out_has "丙局     1         0        1        0       0  未报送：销售额"
	expect_out_has "total    4         3        1        0       3"
}

test_status_counts_carried_and_leaves_out_what_is_not_due() {
	run import "$SEM/periods.yaml" "$SEM/periods-figures.csv"
	run status "$SEM/periods.yaml" --period 2023-04
	expect_rc 0
	# 甲局: 4 due (the annual rate is not), the two quarterly ones carried
	expect_out_has "甲局     4         2        2        2       0  未报送：销售额累计、当月销售额"
}

test_status_usage() {
	run status "$SEM/review.yaml"
	expect_rc 2
	expect_err_has "--period is required"
	run status "$SEM/review.yaml" --period 2022-12
	expect_rc 1
	expect_err "assay: period 2022-12 is outside the plan's year 2023"
	run status --help
	expect_rc 0
	expect_out_has "usage: assay status PLAN --period P"
}
