# assay explain: how a unit's scores, total, rank and verdict came about.

test_explain_traces_an_item_to_its_rule_lines() {
	plan=$(mini_plan)
	run import "$plan" "$FIX/mini-2023-06.csv"
	expect_rc 0
	run explain "$plan" --period 2023-06 --unit 区商务局 --indicator stores
	expect_rc 0
	[ "$(cat "$T/out")" = "区商务局 (commerce) · 区级部门 · 2023-06

品牌首店 (stores)
  figure      5 家
  target      10 (at_least)
  weight      5
  progress    50.0% of the target expected by the figure's month
  completion  50.0%  ← the standard library's default completion rule
  score       0.00  ← score.default at $T/mini.lua:5
  light       green: 完成率50%，与时序进度持平  ← light, one rule for all indicators" ] || fail "unexpected trace:" "$(cat "$T/out")"
}

test_explain_follows_the_total_rank_and_verdict() {
	plan=$(mini_plan)
	run import "$plan" "$FIX/mini-2023-06.csv"
	run explain "$plan" --period 2023-06 --unit wuma
	expect_rc 0
	expect_out_has "  total       40.00 from 6.00 points of 15.00 weight over 3 scored indicators  ← total (the standard library's default)"
	expect_out_has "  rank        1 of 1 in 街镇, by totals rounded to 2 decimals"
	expect_out_has "  verdict     red_light: 红灯：品牌首店  ← red_light at $T/mini.lua:14"
}

test_explain_says_why_an_item_is_not_scored() {
	run import "$SEM/tasks.yaml" "$SEM/tasks-figures.yaml"
	run explain "$SEM/tasks.yaml" --period 2023-07 --unit econ
	expect_rc 0
	expect_out_has "  figure      in progress · not due yet · deadline 2023-09-30 · note: 已完成立项"
	expect_out_has "  status      not due yet: not scored, no light"
	expect_out_has "  status      supporting: the lead unit is scored"
}

test_explain_errors() {
	import_mini_june
	run explain "$FIX/mini.yaml" --period 2023-06
	expect_rc 2
	expect_err_has "--unit is required"
	run explain "$FIX/mini.yaml" --period 2023-06 --unit finance --indicator stores
	expect_rc 1
	expect_err "assay: unit '区财政局' is not responsible for indicator 'stores'"
}
