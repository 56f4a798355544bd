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
	seed_plan xuhui-2021 6
	expect_out_has "28 new, 0 corrected, 0 unchanged"
	expect_summary xuhui-2021 2021 <<'OUT'
徐汇区2021年国民经济和社会发展计划主要任务 (xuhui-2021) · 2021
units 1 · scored 1
commended 0
red light 1: 徐汇区
top 1: 徐汇区 89.40
OUT
	score_csv "$ROOT/plans/xuhui-2021.yaml" 2021
	expect_item xuhui public_chargers actual=254 target=300 completion=0.8467 score=8.47 light=red \
		note=样例数据
	expect_item xuhui new_housing_supply actual=16.85 completion=1.0000 light=green
	expect_card xuhui total=89.40 verdict=red_light
}

test_lucheng_2027_adds_up_its_years() {
	seed_plan lucheng-2027 7
	expect_out_has "52 new, 0 corrected, 0 unchanged"
	score_csv "$ROOT/plans/lucheng-2027.yaml" 2024
	# 8.04 in 2023 and 7.97 in 2024 against 35 by 2027: 14 (40%) expected
	expect_item drc strategic_investment actual=16.01 target=35 completion=0.4574 light=green \
		"reason=完成率45.7%，超过时序进度5.7个百分点"
	# 1 (2023's checkpoint) and none in 2024: 2024 expects 1.25 of 2 by a
	# straight line from the checkpoint to 2027
	expect_item drc provincial_zones actual=1 target=2 completion=0.5000 light=red \
		"reason=完成率50%，落后时序进度12.5个百分点"
	# derived from the two investments, each with the sample note
	expect_item drc service_investment_share actual=69.76 target=66.67 light=green
	expect_item drc service_investment status=shown
	expect_summary lucheng-2027 2024 <<'OUT'
鹿城区服务业“十百千”工程2023–2027年主要目标 (lucheng-2027) · 2024
units 2 · scored 2
commended 1: 鹿城区
red light 1: 区发改局
top 2: 鹿城区 98.76 · 区发改局 82.42
OUT
}
