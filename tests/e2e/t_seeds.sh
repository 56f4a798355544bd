# The plans made from the seed documents (plans/*.yaml other than the two
# with tests of their own): each passes `assay check`, its rule tests pass,
# its sample data (plans/data/, made by gen-sample.lua) imports, and it
# scores, with its figures labelled as sample data.

# seed_plan ID CASES: check, rule tests (CASES passed), import of the
# sample data plans/data/ID.yaml.
seed_plan() {
	local plan="$ROOT/plans/$1.yaml"
	run check "$plan"
	expect_rc 0
	run test "$plan"
	expect_rc 0
	expect_out_has "$2 passed, 0 failed"
	run import "$plan" "$DATA/$1.yaml"
	expect_rc 0
	head -1 "$DATA/$1.yaml" | grep -qF "SAMPLE DATA" || fail "$1: the data file is not labelled sample"
}

# expect_summary ID PERIOD: `score --summary` is stdin, line for line.
expect_summary() {
	run score "$ROOT/plans/$1.yaml" --period "$2" --summary
	expect_rc 0
	diff -u - "$T/out" >&2 || fail "$1 $2: summary differs"
}

test_xuhui_2021_scores_its_sample_year() {
	seed_plan xuhui-2021 9
	expect_out_has "75 new, 0 corrected, 0 unchanged"
	expect_summary xuhui-2021 2021 <<'OUT'
徐汇区2021年国民经济和社会发展计划主要任务 (xuhui-2021) · 2021
SAMPLE DATA: 75 of the figures behind these results are marked as sample data (样例数据), not reported by the units; do not publish them as an assessment.
units 1 · scored 1
commended 0
red light 1: 徐汇区 (on sample data)
top 1: 徐汇区 84.53
OUT
	score_csv "$ROOT/plans/xuhui-2021.yaml" 2021
	expect_item xuhui public_chargers actual=341 target=300 completion=1.1367 score=10.00 light=green \
		note=样例数据
	# 约17万平方米: 17.66 is within the rules' 0.85
	expect_item xuhui new_housing_supply actual=17.66 "target=≈ 17" completion=1.0000 light=green
	# 三大内河 is 3; a milestone still in progress at the year's end is overdue
	expect_item xuhui inland_rivers_connected target=3
	expect_item xuhui hengfu_guidelines "actual=in progress" "target=by 2021-12-31" light=red
	# 2000余户 is more than 2000: 1754 of it
	expect_item xuhui low_rent_subsidy_families actual=1754 "target=> 2000" completion=0.8770 light=red
	expect_card xuhui total=84.53 verdict=red_light
}

test_lucheng_2027_adds_up_its_years() {
	seed_plan lucheng-2027 7
	expect_out_has "52 new, 0 corrected, 0 unchanged"
	score_csv "$ROOT/plans/lucheng-2027.yaml" 2024
	# 6.34 in 2023 and 7.98 in 2024 against 35 by 2027: 14 (40%) expected
	expect_item drc strategic_investment actual=14.32 "target=> 35" completion=0.4091 light=green \
		"reason=实际14.32亿元（目标超过35亿元），完成率40.9%，超过时序进度0.9个百分点"
	# 1 (2023's checkpoint) and none in 2024: 2024 expects 1.25 of 2 by a
	# straight line from the checkpoint to 2027
	expect_item drc provincial_zones actual=1 target=2 completion=0.5000 light=red \
		"reason=完成率50%，落后时序进度12.5个百分点"
	# derived from the two investments: 315.95 / 432.45
	expect_item drc service_investment_share actual=73.06 target=66.67 light=green
	expect_item drc service_investment status=shown
	expect_summary lucheng-2027 2024 <<'OUT'
鹿城区服务业“十百千”工程2023–2027年主要目标 (lucheng-2027) · 2024
SAMPLE DATA: 26 of the figures behind these results are marked as sample data (样例数据), not reported by the units; do not publish them as an assessment.
units 2 · scored 2
commended 1: 鹿城区 (on sample data)
red light 1: 区发改局 (on sample data)
top 2: 鹿城区 100.18 · 区发改局 94.20
OUT
}

test_xuhui_brand_2020_scores_its_three_years() {
	seed_plan xuhui-brand-2020 11
	expect_out_has "153 new, 0 corrected, 0 unchanged"
	score_csv "$ROOT/plans/xuhui-brand-2020.yaml" 2018
	# a level for 2020 short in 2018: yellow, not red; 5 points, (0.8333 −
	# 0.6) ÷ 0.4 of them
	expect_item xuhui national_tech_centers actual=5 target=6 score=2.92 light=yellow \
		"reason=完成率83.3%，落后目标16.7个百分点（2020年目标）"
	# 全面消除 is none left: 0 of at most 0 is met
	expect_item xuhui residential_to_commercial actual=0 target=0 completion=1.0000 score=3.00
	score_csv "$ROOT/plans/xuhui-brand-2020.yaml" 2019
	# a milestone due at the end of 2020, still in progress in 2019: not due
	expect_item xuhui smart_tourism "actual=in progress" "target=by 2020-12-31" status=not_due
	score_csv "$ROOT/plans/xuhui-brand-2020.yaml" 2020
	# 15 new headquarters over three years: 5, 4 and 5 make 14, 6.7 points
	# behind, (0.9333 − 0.6) ÷ 0.4 of 7 points
	expect_item xuhui new_regional_headquarters actual=14 target=15 score=5.83 light=yellow
	# 1-2个 is a range; 三大 is 3
	expect_item xuhui new_cross_discipline_platforms actual=1 "target=1–2 since 2018" light=green
	expect_item xuhui integration_demo_zones actual=3 target=3 light=green
	# done in 2018 and reported not done in 2020: withdrawn, overdue
	expect_item xuhui property_service_rewards "actual=in progress" light=red \
		"reason=逾期未完成（截止2020-12-31）"
	expect_item xuhui xujiahui_traffic_guidance actual=2020-11-15 score=1.00 light=green
	expect_summary xuhui-brand-2020 2020 <<'OUT'
徐汇区打响“上海服务”品牌三年行动计划(2018–2020年) (xuhui-brand-2020) · 2020
SAMPLE DATA: 51 of the figures behind these results are marked as sample data (样例数据), not reported by the units; do not publish them as an assessment.
units 1 · scored 1
commended 0
red light 1: 徐汇区 (on sample data)
top 1: 徐汇区 85.34
OUT
}

test_shanghai_brand_2023_scores_its_three_years() {
	seed_plan shanghai-brand-2023 14
	expect_out_has "318 new, 0 corrected, 0 unchanged"
	expect_summary shanghai-brand-2023 2023 <<'OUT'
全力打响“上海服务”品牌三年行动计划(2021–2023年) (shanghai-brand-2023) · 2023
SAMPLE DATA: 106 of the figures behind these results are marked as sample data (样例数据), not reported by the units; do not publish them as an assessment.
units 1 · scored 1
commended 0
red light 1: 上海市 (on sample data)
top 1: 上海市 88.27
OUT
	score_csv "$ROOT/plans/shanghai-brand-2023.yaml" 2021
	# 超过3800亿元: 4143.7 is more, 4143.7 ÷ 3800 = 109%
	expect_item shanghai creative_design_value_added actual=4143.7 "target=> 3800" light=green \
		"reason=实际4143.7亿元（目标超过3800亿元），完成率109%，达到目标"
	# a milestone due at the end of 2023, in progress in 2021: not due
	expect_item shanghai photon_facility_cluster "actual=in progress" status=not_due
	score_csv "$ROOT/plans/shanghai-brand-2023.yaml" 2022
	# 3703.71 has not exceeded it: 97.5%, yellow before 2023; (0.9747 −
	# 0.6) ÷ 0.4 of 10 points
	expect_item shanghai creative_design_value_added actual=3703.71 score=9.37 light=yellow
	score_csv "$ROOT/plans/shanghai-brand-2023.yaml" 2023
	expect_item shanghai local_brands actual=162 "target=≈ 160 since 2021" light=green
	expect_item shanghai lawyers_per_10k target=12 note=样例数据
	# 2-3家 and 1-2家 are ranges, met from their low ends: 0 + 1 + 1 = 2
	expect_item shanghai competitive_exhibitors actual=2 "target=2–3 since 2021" completion=1.0000 light=green
	expect_item shanghai education_organizations "target=1–2 since 2021"
	# the milestones are tasks with the plan's deadline, 5 points each;
	# done in 2022 and reported not done in 2023: withdrawn, overdue
	expect_item shanghai digital_advertising_policy actual=2023-10-15 "target=by 2023-12-31" score=5.00 \
		light=green
	expect_item shanghai photon_facility_cluster "actual=in progress" score=0.00 light=red
	# 巩固全覆盖: 100% each year
	expect_item shanghai national_hygienic_towns actual=99.12 target=100 light=yellow
}

test_changning_2025_compares_growth_with_its_benchmarks() {
	seed_plan changning-2025 10
	expect_out_has "132 new, 0 corrected, 0 unchanged"
	score_csv "$ROOT/plans/changning-2025.yaml" 2024
	# 税收增速 against 全区税收增速 4.4 plus 1 point
	expect_item changning modern_services_tax_growth actual=5.66 "target=≥ 5.4" light=green
	expect_item changning tax_growth_avg actual=4.4 status=shown
	# 2-3家 is a range met from 2; a milestone due at the end of 2025 is not
	# due in 2024 unless done (then it is done on time)
	expect_item changning trillion_scale_leaders actual=2 target=2–3 light=green
	expect_item changning trade_service_center "actual=in progress" status=not_due
	expect_item changning joint_meeting_system status=scored score=1.00 light=green
	expect_summary changning-2025 2024 <<'OUT'
长宁区现代服务业发展“十四五”规划主要目标 (changning-2025) · 2024
SAMPLE DATA: 33 of the figures behind these results are marked as sample data (样例数据), not reported by the units; do not publish them as an assessment.
units 1 · scored 1
commended 0
red light 1: 长宁区 (on sample data)
top 1: 长宁区 91.05
OUT
}

test_sample_data_is_what_the_generator_makes() {
	cp -r "$ROOT/plans" "$T/"
	for spec in xuhui-2021 lucheng-2027:2024 xuhui-brand-2020 shanghai-brand-2023 changning-2025:2024; do
		local id=${spec%%:*} last=${spec#*:}
		[ "$last" != "$spec" ] || last=
		lua5.4 "$T/plans/data/gen-sample.lua" "$T/plans/$id.yaml" "$T/$id.yaml" $last >/dev/null ||
			fail "gen-sample failed for $id"
		cmp -s "$T/$id.yaml" "$DATA/$id.yaml" || fail "plans/data/$id.yaml is not what gen-sample.lua makes"
	done
	lua5.4 "$T/plans/data/gen-lucheng-2023.lua" "$T/plans/lucheng-2023.yaml" "$T" >/dev/null
	for f in "$DATA"/lucheng-2023-2023-0*.csv; do
		cmp -s "$f" "$T/$(basename "$f")" || fail "$(basename "$f") is not what gen-lucheng-2023.lua makes"
	done
}

# coverage_of ID: plans/coverage/ID.md lists every indicator of the plan
# once, a milestone exactly where the plan has a task; its count line and
# the README's row of plans say the same numbers; and (where the seed
# documents are at hand, ../shared/seeds/) every quote of either table, its
# parts split at …… and "; ", is on its line.
coverage_of() {
	local md="$ROOT/plans/coverage/$1.md" seeds="$ROOT/../shared/seeds"
	[ -f "$md" ] || fail "no plans/coverage/$1.md"
	run indicators "$ROOT/plans/$1.yaml"
	expect_rc 0
	awk 'NR > 1 { k = "numeric"; for (i = 2; i <= NF; i++) if ($i == "task") k = "milestone"; print $1, k }' \
		"$T/out" | sort >"$T/plan_ids"
	awk -F' \\| ' '/^\| [0-9]+ \| / && $4 ~ /^`/ { id = $4; gsub(/[` |]/, "", id); print id, $3 }' "$md" |
		sort >"$T/coverage_ids"
	diff -u "$T/plan_ids" "$T/coverage_ids" >&2 || fail "$1: coverage and plan differ (- plan, + coverage)"
	local num mil
	num=$(grep -c ' numeric$' "$T/coverage_ids")
	mil=$(grep -c ' milestone$' "$T/coverage_ids")
	grep -qF "Held: numeric targets $num of $num; milestones and deliverables $mil of $mil." "$md" ||
		fail "$1: the coverage file's count line is not $num and $mil"
	grep -E "^\| \`$1\` \|" "$ROOT/README.md" | grep -qE "\| $num of $num \| $mil of $mil " ||
		fail "$1: README's row of plans does not say $num of $num and $mil of $mil"
	local seed
	seed=$(sed -n 's/^Seed document: `\([^`]*\)`.*/\1/p' "$md")
	[ -n "$seed" ] || fail "$1: the coverage file names no seed document"
	[ -f "$seeds/$seed" ] || return 0
	awk -F' \\| ' '/^\| [0-9]+ \| / { sub(/^\| /, "", $1); print $1 "\t" $2 }' "$md" |
		while IFS=$'\t' read -r line quote; do
			local part
			while read -r part; do
				[ -z "$part" ] || sed -n "${line}p" "$seeds/$seed" | grep -qF -- "$part" ||
					fail "$1: line $line of $seed does not say: $part"
			done < <(sed 's/……/\n/g; s/; /\n/g' <<<"$quote")
		done || fail "$1: a quote is not on the line the coverage file gives"
}

test_coverage_of_seeds_000_and_001_is_what_the_plans_hold() {
	coverage_of xuhui-brand-2020
	coverage_of shanghai-brand-2023
}
