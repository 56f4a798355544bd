# Sample data: when the figures behind a result carry the note 样例数据
# (as every figure in plans/data does but xuhui-2020's), each output that
# names units under a verdict says so; the mini plan's figures are not
# sample, and nothing says they are.

BANNER="SAMPLE DATA: 191 of the figures behind these results are marked as sample data (样例数据), not reported by the units; do not publish them as an assessment."
ZH_BANNER="样例数据：本结果所依据的数据中有 191 项标为样例数据，并非各单位实际报送，不得作为考核结果发布。"

# lucheng_sept ARGS...: a command on Lucheng's September sample figures.
lucheng_sept() {
	[ -e "$T/assay.db" ] || import_sample
	run "$1" "$PLAN" --period 2023-09 "${@:2}"
	expect_rc 0
}

test_summary_says_sample_data() {
	lucheng_sept score --summary
	expect_out_lines "鹿城区2023年服务业重点工作任务清单 (lucheng-2023) · 2023-09
$BANNER
units 29 · scored 20"
	expect_out_has "red light 4: 区文化和广电旅游体育局、区民政局、区委组织部、各街镇 (on sample data)"
	expect_out_has "commended 11: 区科技局、区商务局、区市场监管局、区教育局、区卫生健康局、区金融办、区财政局、区司法局、区委统战部、区工商联、市生态环境局鹿城分局 (on sample data)"
	lucheng_sept score --summary --lang zh
	expect_out_has "$ZH_BANNER"
	expect_out_has "亮灯督促 4：区文化和广电旅游体育局、区民政局、区委组织部、各街镇（依据样例数据）"
}

test_ranking_says_sample_data() {
	lucheng_sept score --ranking
	expect_out_lines "ranking
$BANNER
区政府部门"
	lucheng_sept score --ranking --format csv
	expect_out_has "group,rank,group_size,unit,unit_name,total,green,yellow,red,missing,verdict,verdict_reason,sample_data"
	expect_out_has "bureau,14,14,civil_affairs,区民政局,0.00,0,0,1,1,red_light,总分不足60分，红灯指标：“金蓝领”培训,yes"
	[ "$(tail -n +2 "$T/out" | grep -vc ',yes$')" = 0 ] || fail "every unit's row says yes" "$(cat "$T/out")"
}

test_scorecards_and_verdicts_say_sample_data() {
	lucheng_sept score
	expect_out_lines "period 2023-09 · time progress 75.0%

$BANNER

区发改局 (drc)"
	expect_out_has "  verdict: red light — 总分不足60分，红灯指标：“金蓝领”培训 (on sample data)"
	expect_out_has "  verdict: none (on sample data)"
	lucheng_sept score --lang zh --unit 区民政局
	expect_out_has "  考核结果：亮灯督促 — 总分不足60分，红灯指标：“金蓝领”培训（依据样例数据）"
}

test_reports_say_sample_data() {
	lucheng_sept report --quiet
	[ "$(grep -c "<p class=\"sample\">$BANNER</p>" "$T/out")" = 2 ] ||
		fail "the HTML's header and summary should carry the banner"
	sed -n '/<header>/,/<\/header>/p' "$T/out" | grep -qF "$BANNER" || fail "no banner in the header"
	sed -n '/id="summary"/,/<\/section>/p' "$T/out" | grep -qF "$BANNER" || fail "no banner in the summary"
	expect_out_has "<p class=\"verdict\">verdict: red light — 总分不足60分，红灯指标：“金蓝领”培训 (on sample data)</p>"
	lucheng_sept report --quiet --format md
	[ "$(grep -cxF "**$BANNER**" "$T/out")" = 2 ] || fail "the Markdown's header and summary should carry the banner"
	lucheng_sept report --quiet --format xlsx -o "$T/r.xlsx"
	xlsx_cells "$T/r.xlsx" ranking >"$T/ranking"
	grep -qxF "A41=s:$BANNER" "$T/ranking" || fail "no banner under the workbook's ranking" "$(tail -3 "$T/ranking")"
	grep -qF "(on sample data)" "$T/ranking" || fail "the workbook's verdicts should say sample data"
}

test_real_figures_carry_no_banner() {
	import_mini_june
	run score "$FIX/mini.yaml" --period 2023-06 --summary
	expect_out_lacks "SAMPLE DATA"
	expect_out_lacks "sample data"
	run score "$FIX/mini.yaml" --period 2023-06 --ranking --format csv
	expect_out_has "bureau,1,3,science,区科技局,100.00,1,0,0,0,commendation,总分90分以上且无红灯,"
	expect_out_lacks ",yes"
	run report "$FIX/mini.yaml" --period 2023-06
	expect_out_lacks 'class="sample"'
	run score "$FIX/mini.yaml" --period 2023-06
	expect_out_lacks "sample data"
}

test_one_sample_figure_marks_its_unit_only() {
	run import "$FIX/mini.yaml" "$FIX/mini-2023-06.csv"
	expect_rc 0
	write wuma.csv <<'CSV'
unit,indicator,period,value,note
wuma,events,2023-06,30,样例数据
CSV
	run import "$FIX/mini.yaml" "$T/wuma.csv"
	expect_rc 0
	run score "$FIX/mini.yaml" --period 2023-06 --ranking --format csv
	expect_out_has "town,1,1,wuma,五马街道,40.00,2,0,1,0,red_light,红灯：品牌首店,yes"
	expect_out_has "bureau,1,3,science,区科技局,100.00,1,0,0,0,commendation,总分90分以上且无红灯,"
	run score "$FIX/mini.yaml" --period 2023-06 --summary
	expect_out_has "SAMPLE DATA: 1 of the figures behind these results"
	expect_out_has "red light 1: 五马街道 (on sample data)"
	expect_out_has "commended 2: 区科技局、区财政局"
	expect_out_lacks "区财政局 (on sample data)"
}

test_xuhui_2020_real_figures_carry_no_banner() {
	run import "$ROOT/plans/xuhui-2020.yaml" "$DATA/xuhui-2020.yaml"
	expect_rc 0
	run score "$ROOT/plans/xuhui-2020.yaml" --period 2020 --summary
	expect_rc 0
	expect_out_lacks "SAMPLE DATA"
	expect_out_lacks "(on sample data)"
}
