# The HTML report's charts, read back as a person reads them (charts.py):
# every peer group's bars on one axis, each as long as its total; the
# verdict lines where the rules put them; verdicts told by pattern and
# label; the monthly chart's axis naming every month. In both languages.

CHARTS="$ROOT/tests/e2e/charts.py"

# report_and_ranking LANG: the Lucheng sample's report for 2023-09 as
# $T/r.html and its ranking CSV as $T/ranking.csv, in LANG.
report_and_ranking() {
	run --lang "$1" report "$PLAN" --period 2023-09 -o "$T/r.html"
	expect_rc 0
	run --lang "$1" score "$PLAN" --period 2023-09 --ranking --format csv --no-bom
	expect_rc 0
	cp "$T/out" "$T/ranking.csv"
}

# charts ARGS...: charts.py's reading into $T/out, exit 0 expected.
charts() {
	python3 "$CHARTS" "$@" >"$T/out" 2>"$T/err" || fail "charts.py $1:" "$(cat "$T/err")"
}

test_every_group_on_one_scale() {
	import_sample
	local lang
	for lang in en zh; do
		report_and_ranking "$lang"
		# totals up to 120.00: 0 to 120 over 420 units for every group
		charts ranking "$T/r.html" "$T/ranking.csv"
		[ "$(cat "$T/out")" = "4 groups on one axis 0 to 120 by 20: 20 bars, 3.5 per point" ] ||
			fail "$lang: $(cat "$T/out")"
	done
}

# The reading fails when one bar is drawn to another scale.
test_a_bar_off_the_scale_is_caught() {
	import_sample
	report_and_ranking en
	sed -i 's|<rect class="bar-red_light" x="190.00" y="96" width="58.33"|<rect class="bar-red_light" x="190.00" y="96" width="70.00"|' "$T/r.html"
	grep -qF 'width="70.00"' "$T/r.html" || fail "区委组织部's bar (16.67) is not where the test expects it"
	! python3 "$CHARTS" ranking "$T/r.html" "$T/ranking.csv" 2>"$T/err" || fail "a wrong bar passed"
	grep -qF "区委组织部: a bar from 190 to 260; its total 16.67 is 190 to 248.345 on the axis" "$T/err" ||
		fail "unexpected: $(cat "$T/err")"
}

test_verdict_lines_where_the_rules_put_them() {
	import_sample
	report_and_ranking en
	charts lines "$T/r.html"
	expect_out_lines "区政府部门 · total, by rank: commendation at 90, labelled commendation line 90
区政府部门 · total, by rank: red_light at 60, labelled red-light line 60
区委部门 · total, by rank: commendation at 90, labelled commendation line 90
区委部门 · total, by rank: red_light at 60, labelled red-light line 60"
	report_and_ranking zh
	charts lines "$T/r.html"
	expect_out_lines "区政府部门 · 总分（按排名）: commendation at 90, labelled 表扬线 90
区政府部门 · 总分（按排名）: red_light at 60, labelled 亮灯线 60"
}

# The line is the parameter's value, as the verdicts are.
test_verdict_line_follows_its_parameter() {
	local plan; plan=$(copy_plan)
	sed -i 's/commend_at   = { default = 90,/commend_at   = { default = 85,/' "$T/rules/lucheng-2023.lua"
	grep -qF 'default = 85' "$T/rules/lucheng-2023.lua" || fail "commend_at's declaration moved"
	run import "$plan" "$DATA"/lucheng-2023-2023-0*.csv
	expect_rc 0
	run report "$plan" --period 2023-09 -o "$T/r.html"
	expect_rc 0
	charts lines "$T/r.html"
	expect_out_has "区政府部门 · total, by rank: commendation at 85, labelled commendation line 85"
}

# Without verdict_lines, std.commend { total = T } draws its T; custom
# verdict functions alone draw nothing, and the axis ends at the highest
# total.
test_commendation_line_of_std_commend() {
	local plan; plan=$(mini_plan)
	run import "$plan" "$FIX/mini-2023-06.csv" "$FIX/mini-2023-07-wide.csv" "$FIX/mini-2023-08.yaml"
	expect_rc 0
	run report "$plan" --period 2023-08 -o "$T/r.html"
	expect_rc 0
	charts lines "$T/r.html"
	[ ! -s "$T/out" ] || fail "lines drawn where the rules say none: $(cat "$T/out")"
	run score "$plan" --period 2023-08 --ranking --format csv --no-bom
	cp "$T/out" "$T/ranking.csv"
	charts ranking "$T/r.html" "$T/ranking.csv"
	expect_out_has "on one axis 0 to 80 by 20"
	printf 'commend = std.commend { total = 70 }\n' >>"$T/mini.lua"
	run report "$plan" --period 2023-08 -o "$T/r.html"
	expect_rc 0
	charts lines "$T/r.html"
	expect_out_lines "区级部门 · total, by rank: commendation at 70, labelled commendation line 70
街镇 · total, by rank: commendation at 70, labelled commendation line 70"
}

test_verdict_lines_declared_wrongly() {
	local plan; plan=$(mini_plan)
	printf 'verdict_lines { commend = 90 }\n' >>"$T/mini.lua"
	run check "$plan"
	expect_rc 1
	expect_err_has "mini.lua:15: verdict_lines: 'commend' is no verdict line: commendation or red_light (verdict_lines { commendation = P.commend_at })"
	plan=$(mini_plan)
	printf 'verdict_lines { red_light = "60" }\n' >>"$T/mini.lua"
	run check "$plan"
	expect_rc 1
	expect_err_has "mini.lua:15: verdict_lines.red_light must be a total (a number of points), not string"
	plan=$(mini_plan)
	printf 'verdict_lines { commendation = 1/0 }\n' >>"$T/mini.lua"
	run check "$plan"
	expect_rc 1
	expect_err_has "mini.lua:15: verdict_lines.commendation must be a total (a number of points), not infinity or NaN"
	plan=$(mini_plan)
	printf 'verdict_lines { red_light = 60 }\nverdict_lines { commendation = 90 }\n' >>"$T/mini.lua"
	run check "$plan"
	expect_rc 1
	expect_err_has "mini.lua:16: verdict_lines { ... } is declared twice"
}

# Each verdict's bar has its pattern (charts.py ranking checks each bar's
# class and label against the ranking); the patterns are defined once.
test_verdict_patterns_defined_once() {
	import_sample
	report_and_ranking zh
	[ "$(grep -oF 'id="verdict-red_light"' "$T/r.html" | wc -l)" = 1 ] || fail "the red light's pattern, once"
	[ "$(grep -oF 'id="verdict-vetoed"' "$T/r.html" | wc -l)" = 1 ] || fail "the veto's pattern, once"
	grep -qF '.bar-red_light{fill:url(#verdict-red_light)' "$T/r.html" || fail "red-light bars hatched"
	grep -qF '<tspan class="verdict" font-weight="bold"> 亮灯督促</tspan>' "$T/r.html" ||
		fail "a red light written after its bar"
}

test_monthly_axis_names_every_month() {
	import_sample
	run report "$PLAN" --period 2023-09 -o "$T/r.html"
	expect_rc 0
	charts trend "$T/r.html" commerce
	expect_out_lines "months: Jan Feb Mar Apr May Jun Jul Aug Sep
y: 20 40 60 80 100 120
points: 9"
	run --lang zh report "$PLAN" --period 2023-09 -o "$T/r.html"
	expect_rc 0
	charts trend "$T/r.html" finance
	expect_out_lines "months: 1月 2月 3月 4月 5月 6月 7月 8月 9月
y: 80 90 100 110 120
points: 9"
}

# Months before the first figures are named, with no point.
test_monthly_axis_from_january() {
	local plan; plan=$(mini_plan)
	run import "$plan" "$FIX/mini-2023-06.csv" "$FIX/mini-2023-07-wide.csv" "$FIX/mini-2023-08.yaml"
	run report "$plan" --period 2023-08 -o "$T/r.html"
	expect_rc 0
	charts trend "$T/r.html" commerce
	expect_out_lines "months: Jan Feb Mar Apr May Jun Jul Aug
y: 65 70 75 80
points: 3"
}
