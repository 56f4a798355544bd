# assay score --summary: the few lines a leader reads first, on the mini
# plan's June figures (the scorecards behind them are the golden file).

test_summary_of_the_mini_plan_in_june() {
	import_mini_june
	run score "$FIX/mini.yaml" --period 2023-06 --summary
	expect_rc 0
	diff -u - "$T/out" >&2 <<'OUT' || fail "summary differs"
测试方案 (mini) · 2023-06
units 4 · scored 4
commended 2: 区科技局、区财政局
red light 1: 五马街道
top 3: 区科技局 100.00 · 区财政局 100.00 · 区商务局 66.67
OUT
}

test_summary_takes_no_unit_or_format() {
	run score "$FIX/mini.yaml" --period 2023-06 --summary --unit 区科技局
	expect_rc 2
	expect_err_has "--summary covers every unit in a few lines: it takes no --unit or --format"
	run score "$FIX/mini.yaml" --period 2023-06 --summary --format json
	expect_rc 2
}
