# Milestones (tests/plans/tasks.yaml): tasks not yet due, done on time,
# done late, overdue; co-responsible units where only the lead is scored.

tasks_imported() {
	run import "$SEM/tasks.yaml" "$SEM/tasks-figures.yaml"
	expect_rc 0
}

test_task_not_yet_due_is_not_scored_and_not_red() {
	tasks_imported
	score_csv "$SEM/tasks.yaml" 2023-05
	expect_item drc policy status=not_due actual= "target=by 2023-06-30" score= light=
	# nothing of 区发改局's is due: no total, no rank, no verdict
	expect_card drc total= rank= verdict=
	run score "$SEM/tasks.yaml" --period 2023-05
	expect_out_has "total: nothing was due and scored this period"
	expect_out_has "     —  区发改局              not scored"
}

test_task_done_on_time_scores_full() {
	tasks_imported
	score_csv "$SEM/tasks.yaml" 2023-07
	expect_item drc policy status=scored actual=2023-06-20 completion=1.0000 score=10.00 \
		light=green "reason=按期完成（2023-06-20）"
	expect_card drc total=100.00 rank=1
}

test_in_progress_before_the_deadline_shows_its_note() {
	tasks_imported
	score_csv "$SEM/tasks.yaml" 2023-07
	expect_item econ project_start status=not_due "actual=in progress" note=已完成立项 light=
}

test_task_done_late_is_what_the_rules_say() {
	tasks_imported
	score_csv "$SEM/tasks.yaml" 2023-10
	# score.project_start = std.task { late = 0.8 }; the light is std.task_light's
	expect_item drc project_start actual=2023-10-12 flags=late score=8.00 light=yellow \
		"reason=逾期完成（逾期12天）"
}

test_overdue_task_is_red() {
	tasks_imported
	score_csv "$SEM/tasks.yaml" 2023-10
	expect_item econ project_start flags=overdue completion=0.0000 score=0.00 light=red \
		"reason=逾期未完成（截止2023-09-30）" note=已完成立项
	expect_item commerce project_start flags=overdue light=red
}

test_only_the_lead_unit_is_scored() {
	tasks_imported
	score_csv "$SEM/tasks.yaml" 2023-07
	expect_item econ policy status=supporting score= light=
	# 区经信局: sales only, 60 of 100
	expect_card econ total=60.00
	run score "$SEM/tasks.yaml" --period 2023-07 --unit econ
	expect_out_has "supporting: the lead unit 区发改局 is scored"
	run indicators "$SEM/tasks.yaml"
	expect_out_has "区发改局、区经信局 (supporting)"
}

test_task_status_words_are_checked() {
	write bad.csv <<'CSV'
unit,indicator,period,value
drc,policy,2023-06,差不多了
CSV
	run import "$SEM/tasks.yaml" "$T/bad.csv"
	expect_rc 1
	expect_err "$T/bad.csv:2:4: task status '差不多了' is not understood: write the date it was done (2023-10-15), 'done' / '完成', or 'in progress' / '推进中'"
}

test_task_needs_a_deadline() {
	sed '/deadline: 2023-06-30/d' "$SEM/tasks.yaml" >"$T/tasks.yaml"
	cp "$SEM/tasks.lua" "$T/"
	run check "$T/tasks.yaml"
	expect_rc 1
	expect_err "$T/tasks.yaml:17:5: task 'policy' has no deadline (e.g. deadline: 2023-12-31)"
}
