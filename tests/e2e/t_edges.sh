# Scoring at the edges (tests/plans/edges.yaml), each worked out by hand:
# verdicts compare the total as printed, a half-cent rounds away from zero
# however binary arithmetic lands, a task confirmed done again was done when
# first reported done, a milestone counted whole is judged when it is due.

edges_imported() {
	run import "$SEM/edges.yaml" "$SEM/edges-figures.yaml"
	expect_rc 0
}

test_a_total_printed_60_is_not_below_60() {
	edges_imported
	score_csv "$SEM/edges.yaml" 2023-09
	# 100 × 119.99 ÷ 200 = 59.995 (a hair below in binary), printed 60.00:
	# not 总分不足60分
	expect_item a output score=60.00 light=yellow
	expect_card a total=60.00 verdict=none verdict_reason=
}

test_a_total_printed_90_without_red_is_commended() {
	edges_imported
	score_csv "$SEM/edges.yaml" 2023-09
	# 100 × 179.99 ÷ 200 = 89.995, printed 90.00, 10 points behind: green
	expect_card b total=90.00 rank=1 verdict=commendation verdict_reason=总分90分以上且无红灯
	run score "$SEM/edges.yaml" --period 2023-09
	expect_out_has "     1  乙局  90.00    0  commendation"
	expect_out_has "     2  甲局  60.00    0  none"
}

test_a_half_cent_rounds_away_from_zero() {
	edges_imported
	score_csv "$SEM/edges.yaml" 2023-09
	# 5 × (0.6012 − 0.6) ÷ 0.4 = 0.015 on paper (0.01499999999999974 in
	# binary) → 0.02; the total 0.015 + 10 = 10.015 → 10.02
	expect_item c small completion=0.6012 score=0.02
	expect_card c total=10.02
	run score "$SEM/edges.yaml" --period 2023-09 --format json --unit c
	expect_out_has '"total":10.02'
}

test_a_task_done_in_august_and_again_in_september_was_done_in_august() {
	edges_imported
	score_csv "$SEM/edges.yaml" 2023-09
	expect_item c association actual=2023-08-31 score=10.00 light=green \
		"reason=按期完成（2023-08-31）"
	expect_out_lacks "逾期"
}

test_a_task_withdrawn_after_done_is_not_done() {
	edges_imported
	write later.yaml <<'YAML'
2023-10:
  丙局: {association: 未完成}
YAML
	run import "$SEM/edges.yaml" "$T/later.yaml"
	expect_rc 0
	score_csv "$SEM/edges.yaml" 2023-10
	expect_item c association "actual=in progress" score=0.00 light=red
}

test_a_milestone_due_at_the_year_end_is_not_due_before() {
	edges_imported
	# 0 of 1 示范区 in February: not pro-rated (1/6 behind), not red
	score_csv "$SEM/edges.yaml" 2023-02
	expect_item c demo_zone status=not_due actual=0 score= light=
	run score "$SEM/edges.yaml" --period 2023-02 --unit c
	expect_out_has "not due yet · due 2023-12-31"
	# nor in November, when nothing has been reported since February
	score_csv "$SEM/edges.yaml" 2023-11
	expect_item c demo_zone status=not_due flags=not_due
	# the plan's listing says when it is due
	run indicators "$SEM/edges.yaml"
	expect_out_has "≥ 1 (due 2023-12-31)"
	run --lang zh indicators "$SEM/edges.yaml"
	expect_out_has "≥ 1（2023-12-31到期）"
}

test_status_and_template_owe_a_milestone_from_its_due_date() {
	write sept.yaml <<'YAML'
2023-09:
  丙局: {small: 60.12, association: 完成}
YAML
	run import "$SEM/edges.yaml" "$T/sept.yaml"
	expect_rc 0
	# November: the 示范区 is not yet owed, so not 未报送
	run status "$SEM/edges.yaml" --period 2023-11
	expect_out_has "丙局     2         1        1        0       0  未报送：小项"
	# December: it is
	run status "$SEM/edges.yaml" --period 2023-12
	expect_out_has "丙局     3         1        2        0       0  未报送：小项、建成省级示范区"
	# a figure reported before the due date counts as reported
	write nov.yaml <<'YAML'
2023-11:
  丙局: {demo_zone: 0}
YAML
	run import "$SEM/edges.yaml" "$T/nov.yaml"
	run status "$SEM/edges.yaml" --period 2023-11
	expect_out_has "丙局     3         2        1        0       0  未报送：小项"
	# the template says when it is judged
	run template "$SEM/edges.yaml" --period 2023-11 --unit c --no-bom
	expect_out_has "目标≥1（2023-12-31到期评价，此前可填进度）"
}

test_a_milestone_is_judged_whole_when_due() {
	edges_imported
	score_csv "$SEM/edges.yaml" 2023-12
	expect_item c demo_zone status=scored actual=1 completion=1.0000 score=10.00 light=green \
		"reason=完成率100%，达到目标"
	write none.yaml <<'YAML'
2023-12:
  丙局: {demo_zone: 0}
YAML
	run import "$SEM/edges.yaml" "$T/none.yaml"
	expect_rc 0
	score_csv "$SEM/edges.yaml" 2023-12
	expect_item c demo_zone status=scored actual=0 completion=0.0000 score=0.00 light=red \
		"reason=完成率0%，落后目标100个百分点"
}

test_due_is_a_date_and_not_for_tasks() {
	sed 's/due: 2023-12 /due: December/' "$SEM/edges.yaml" >"$T/edges.yaml"
	cp "$SEM/edges.lua" "$T/"
	run check "$T/edges.yaml"
	expect_rc 1
	expect_err_has "edges.yaml:41:10: due 'December' is not a date: write 2023-12-31 or 2023-12"
	sed 's/deadline: 2023-08-31/deadline: 2023-08-31\n    due: 2023-08/' "$SEM/edges.yaml" >"$T/edges.yaml"
	run check "$T/edges.yaml"
	expect_rc 1
	expect_err_has "a task is judged at its deadline: write deadline:, not due:"
}
