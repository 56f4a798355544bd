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
