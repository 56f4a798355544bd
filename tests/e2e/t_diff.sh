# assay diff: between two saved runs, who moved in the ranking, whose
# lights changed, who entered or left the verdict lists, and why.

# The mini plan's July and August, saved as runs 1 (draft) and 2 (final).
save_july_and_august() {
	run import "$FIX/mini.yaml" "$FIX/mini-2023-06.csv" "$FIX/mini-2023-07-wide.csv" "$FIX/mini-2023-08.yaml"
	expect_rc 0
	run score "$FIX/mini.yaml" --period 2023-07 --save
	expect_rc 0
	run score "$FIX/mini.yaml" --period 2023-08 --final
	expect_rc 0
}

# July to August, worked out by hand (tests/e2e/t_score.sh has the
# scorecards): 区商务局 69.05 → 79.76 climbs from 3rd to 1st; 区财政局
# reports no trade in August and drops from a shared 1st to 3rd with 0
# points; 五马街道 reports nothing in August, so its energy and events
# turn red (its stores were red already). Nobody reaches 90 in August, so
# both commendations go; 区财政局's red light is new.
test_diff_between_two_months() {
	save_july_and_august
	run diff 1 2
	expect_rc 0
	[ "$(cat "$T/out")" = "测试方案 (mini)
run 1 (2023-07, draft) → run 2 (2023-08, final)

ranking
  unit      group              total   rank  moved
  区商务局  区级部门   69.05 → 79.76  3 → 1  up 2
  区科技局  区级部门  100.00 → 64.29  1 → 2  down 1
  区财政局  区级部门   100.00 → 0.00  1 → 3  down 2

lights
  unit      indicator       actual         score  light
  区财政局  服务贸易额    3500 → —  10.00 → 0.00  green → red
  五马街道  单位能耗      0.45 → —   6.00 → 0.00  green → red
  五马街道  举办展会活动    29 → —          0.00  yellow → red

commendation: − 区科技局 · − 区财政局
red light: + 区财政局

why
  plan: unchanged
  rules: unchanged
  parameters: unchanged
  figures: 3 added (2023-08)" ] || fail "unexpected diff:" "$(cat "$T/out")"
	cp "$T/out" "$T/by-run"
	run diff "$FIX/mini.yaml" --period 2023-07 --period 2023-08
	expect_rc 0
	cmp -s "$T/out" "$T/by-run" || fail "diff by periods differs from diff by runs"
}

# A unit the plan dropped between the runs is listed as gone, and one it
# added as new, rank and total beside them.
test_diff_lists_units_only_in_one_run() {
	local p; p=$(mini_plan)
	run import "$p" "$FIX/mini-2023-06.csv" "$FIX/mini-2023-07-wide.csv"
	expect_rc 0
	run score "$p" --period 2023-06 --save
	expect_rc 0
	python3 - "$p" <<'PY' || fail "could not drop science from the plan"
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text = text.replace("  - id: science\n    name: 区科技局\n    group: bureau\n", "")
text = text.replace("units: [commerce, science, finance]", "units: [commerce, finance]")
open(path, "w", encoding="utf-8").write(text)
PY
	run score "$p" --period 2023-07 --save
	expect_rc 0
	run diff 1 2
	expect_rc 0
	grep -Eq '^  区科技局 +区级部门 +100\.00 → — +1 → — +gone$' "$T/out" ||
		fail "science is not listed as gone:" "$(cat "$T/out")"
	run diff 2 1
	expect_rc 0
	grep -Eq '^  区科技局 +区级部门 +— → 100\.00 +— → 1 +new$' "$T/out" ||
		fail "science is not listed as new:" "$(cat "$T/out")"
}

test_diff_backwards_reverses_the_moves() {
	save_july_and_august
	run diff 2 1
	expect_rc 0
	expect_out_has "  区财政局  区级部门   0.00 → 100.00  3 → 1  up 2"
	expect_out_has "commendation: + 区科技局 · + 区财政局"
	expect_out_has "red light: − 区财政局"
	expect_out_has "  figures: 3 no longer used (2023-08)"
}

# A final run superseded after a correction and a rule change: the diff
# names the figure (old and new value, and its note) and the rule file.
test_diff_says_why_figures_rules_and_parameters() {
	local plan
	plan=$(mini_plan)
	cat >>"$T/mini.lua" <<'LUA'
local P = params { red_from = {default = 1, min = 1, max = 5, about = "亮灯督促的红灯数"} }
red_light = function(card) return card.red >= P.red_from, "红灯：" .. std.red_items(card) end
LUA
	import_mini_june
	run score "$plan" --period 2023-06 --final
	expect_rc 0
	local before after
	before=$(sha256sum "$T/mini.lua" | cut -c1-8)
	sed 's/^区商务局,stores,2023-06,5,$/区商务局,stores,2023-06,8,更正/' "$FIX/mini-2023-06.csv" >"$T/fix.csv"
	run import "$plan" "$T/fix.csv"
	expect_rc 0
	sed -i 's/default = 1, min = 1/default = 2, min = 1/' "$T/mini.lua"
	after=$(sha256sum "$T/mini.lua" | cut -c1-8)
	run score "$plan" --period 2023-06 --final --supersede 1 --reason "区商务局更正6月品牌首店"
	expect_rc 0
	run diff 1 2
	expect_rc 0
	# 8 of 10 stores is (0.8 - 0.6) / 0.4 of 5 points: 2.5, and (10 + 2.5) / 15
	# is 83.33, still 3rd; 五马街道's one red light no longer counts
	[ "$(tail -n 13 "$T/out")" = "ranking: no unit moved

lights: none changed

commendation: no change
red light: − 五马街道

why
  plan: unchanged
  rules: $T/mini.lua changed ($before → $after)
  parameters: red_from 1 → 2
  figures: 1 corrected
    区商务局 / 品牌首店 2023-06: 5 → 8 · note 更正" ] || fail "unexpected diff:" "$(cat "$T/out")"
}

test_diff_refusals() {
	save_july_and_august
	run diff 1
	expect_rc 2
	expect_err "assay: diff takes two run numbers, or a plan and two --period
usage: assay diff RUN_A RUN_B | assay diff PLAN --period A --period B"
	run diff "$FIX/mini.yaml" --period 2023-07
	expect_rc 2
	expect_err_has "assay: with --period, give a plan file and two periods"
	run diff "$FIX/mini.yaml" --period 2023-07 --period 2023-09
	expect_rc 1
	expect_err "assay: no run of plan 'mini' for 2023-09 is saved (assay score PLAN --period 2023-09 --save)"
	run diff 1 7
	expect_rc 1
	expect_err "assay: no run 7 in '$T/assay.db' (it holds 2 runs, the last is 2; assay runs PLAN lists them)"
	run import "$ROOT/tests/plans/periods.yaml" "$ROOT/tests/plans/periods-figures.csv"
	run score "$ROOT/tests/plans/periods.yaml" --period 2023Q1 --save
	expect_rc 0
	run diff 1 3
	expect_rc 1
	expect_err "assay: run 1 is of plan 'mini', run 3 of plan 'periods': diff compares runs of one plan"
}
