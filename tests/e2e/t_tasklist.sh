# plans/lucheng-2023.yaml holds seed 003's 2023 task list (温鹿政办〔2023〕55号
# 附件1) whole: its 69 rows, each quoted in a comment, and every responsible
# name of the table as a unit; the rows it added score as worked by hand.

# The responsible names of the table, as the table writes them (责任单位
# column, each name once). 工作专班成员单位 and 各街镇 are collectives; 区文广旅体局
# is the table's short name of 区文化和广电旅游体育局.
TABLE_NAMES="区发改局 工作专班成员单位 区经信局 区科技局 区商务局 区文化和广电旅游体育局
区市场监管局 区教育局 区委组织部 各街镇 区委统战部 区工商联 区人力社保局 区民政局
区卫生健康局 区税务局 区住建局 区交通运输局 区金融办 市生态环境局鹿城分局
区投资促进服务中心 区司法局 区委宣传部 区文广旅体局 区农业农村局 区财政局 区统计局
市自然资源和规划局鹿城分局 区应急管理局 区消防救援大队 区公安分局"

test_every_row_of_the_task_list_is_in_the_plan() {
	# 19 items of 1, 5, 6, 2, 4, 5, 3, 3, 3, 1, 4, 3, 2, 6, 5, 2, 6, 6, 2 rows
	local want="1 5 6 2 4 5 3 3 3 1 4 3 2 6 5 2 6 6 2" got item
	got=$(for item in $(seq 1 19); do grep -c "^  # 第$item\.[0-9]*行" "$PLAN"; done | tr '\n' ' ')
	[ "$got" = "$want " ] || fail "rows per item: expected $want, got $got"
	[ "$(grep -c '^  # 第[0-9]*\.[0-9]*行' "$PLAN")" = 69 ] || fail "the plan should quote 69 rows"
	# every quoted row is followed by its own indicators before the next row
	awk '/^  # 第[0-9]+\.[0-9]+行/ { if (row && !ids) print row; row = $2; ids = 0 }
	     /^  - id:/ { ids++ }
	     END { if (row && !ids) print row }' "$PLAN" >"$T/empty"
	[ ! -s "$T/empty" ] || fail "rows without an indicator:" "$(cat "$T/empty")"
	run check --strict "$PLAN"
	expect_rc 0
	expect_out_has "ok: 29 units in 4 groups, 103 indicators"
	run indicators "$PLAN"
	[ "$(grep -c '  task  ' "$T/out")" = 46 ] || fail "the plan should have 46 tasks"
}

test_every_responsible_name_is_a_unit() {
	run units "$PLAN"
	expect_rc 0
	local name
	for name in $TABLE_NAMES; do
		case $name in
		工作专班成员单位) continue ;;   # units: all, below
		区文广旅体局) name=区文化和广电旅游体育局 ;;
		esac
		awk -v n="$name" 'NR > 1 && $2 == n { found = 1 } END { exit !found }' "$T/out" ||
			fail "$name is not a unit of the plan"
	done
	[ "$(tail -n +2 "$T/out" | wc -l)" = 29 ] || fail "29 units: the table's 28 departments and 各街镇"
	expect_out_has "towns            各街镇                      街镇"
}

test_rows_name_their_lead_and_supporting_units() {
	run indicators "$PLAN"
	# 第14.6行: 区文广旅体局、区农业农村局
	expect_out_has "指导相关街镇旅游富民增收                                         task    higher         by 2023-12-31  区文化和广电旅游体育局、区农业农村局 (supporting)"
	# 第5.1行: 区发改局、区委组织部,各街镇
	expect_out_has "by 2023-12-31  区发改局、区委组织部 (supporting)、各街镇 (supporting)"
	# 第16.1行: 区发改局,工作专班成员单位; 第18.1行: 工作专班成员单位, each scored
	grep -E '^task_force_meetings .* all 29 units \(28 supporting\)$' "$T/out" >/dev/null ||
		fail "16.1: 区发改局 leads the 28 other members"
	grep -E '^grand_visits .* all 29 units$' "$T/out" >/dev/null || fail "18.1: every member is scored"
	# 第5.2行: 区委统战部、区工商联, 100名左右
	grep -E '^new_generation_entrepreneurs .* ≈ 100  区委统战部、区工商联$' "$T/out" >/dev/null ||
		fail "5.2: about 100, 区委统战部 and 区工商联"
}

# Hand-made figures for rows the plan added, scored in September and December.
test_added_rows_score_as_worked_by_hand() {
	write added.csv <<'CSV'
unit,indicator,period,value,note
区发改局,major_projects,2023-09,3,
区发改局,major_projects_total_investment,2023-09,139.5,
区委统战部,new_generation_entrepreneurs,2023-09,12,
各街镇,service_leading_talents,2023-09,2,
区商务局,cross_border_ecommerce_association,2023-09,推进中,
区交通运输局,multimodal_wharf_start,2023-12,2023-11-20,
区交通运输局,you80_policies,2023-12,完成,
区交通运输局,grand_visits,2023-12,推进中,
区住建局,housing_stability,2023-12,推进中,
区住建局,property_housekeeping_policy,2023-10,2023-10-09,
CSV
	run import "$PLAN" "$T/added.csv"
	expect_rc 0
	score_csv "$PLAN" 2023-09
	# 4.1: 3 of 4 projects, a stock judged against the whole target:
	# 3 × (0.75 − 0.6) ÷ 0.4 = 1.125 → 1.13, 25 points short: red
	expect_item drc major_projects actual=3 completion=0.7500 score=1.13 light=red
	expect_item drc major_projects_total_investment actual=139.5 completion=1.0000 score=3.00 light=green
	expect_item commerce major_projects status=supporting
	# 5.2: 12 of about 100, 15% expected by September: 0.12 ÷ 0.15 = 0.8,
	# 3 × (0.8 − 0.6) ÷ 0.4 = 1.50; 3 points behind: yellow
	expect_item united_front new_generation_entrepreneurs completion=0.1200 score=1.50 light=yellow
	# 5.1: 各街镇 has both talents: 1 ÷ 0.75 capped at 1.2 × 3 points
	expect_item towns service_leading_talents completion=1.0000 score=3.60 light=green
	expect_item commerce cross_border_ecommerce_association status=not_due
	score_csv "$PLAN" 2023-12
	# 7.2 done on 20 November: the full 3 points; 17.1 done: 1; 18.1 still in
	# progress at the year's end: overdue, 0. Total 100 × 4 ÷ 5 = 80.00
	expect_item transport multimodal_wharf_start score=3.00 light=green
	expect_item transport grand_visits score=0.00 light=red
	expect_card transport total=80.00
	# 15.5: 区住建局 leads, 区商务局 supports; 6.3 still in progress: overdue
	expect_item housing property_housekeeping_policy score=2.00 light=green
	expect_item commerce property_housekeeping_policy status=supporting
	expect_item housing housing_stability score=0.00 light=red
}
