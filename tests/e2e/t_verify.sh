# assay verify: a saved run scored again from the store and the files as
# they are now; identical, or what changed.

# A private mini plan, June imported and saved as final run 1; sets PLAN.
saved_june() {
	PLAN=$(mini_plan)
	import_mini_june
	run score "$PLAN" --period 2023-06 --final
	expect_rc 0
}

test_verify_an_untouched_run() {
	saved_june
	run verify 1
	expect_rc 0
	[ "$(cat "$T/out")" = "run 1 · 测试方案 (mini) · 2023-06 · final
scored again from the store and the files as they are now: identical
  plan: unchanged
  rules: unchanged
  parameters: unchanged
  figures: unchanged" ] || fail "unexpected verdict:" "$(cat "$T/out")"
}

# With the score floor lowered to 0.4, half of a target (区商务局's 5 of
# 10 stores, 五马街道's 30 of 60 events) scores (0.5 - 0.4) / 0.6 of 5
# points, 0.83: the totals become (10 + 0.83) / 15 = 72.22 and
# (0 + 6 + 0.83) / 15 = 45.56; no rank, light or verdict changes.
test_verify_names_the_changed_rule_file() {
	saved_june
	local before after
	before=$(sha256sum "$T/mini.lua" | cut -c1-8)
	sed -i 's/floor = 0.6/floor = 0.4/' "$T/mini.lua"
	after=$(sha256sum "$T/mini.lua" | cut -c1-8)
	run verify 1
	expect_rc 1
	[ "$(cat "$T/out")" = "run 1 · 测试方案 (mini) · 2023-06 · final
scored again from the store and the files as they are now: different
  plan: unchanged
  rules: $T/mini.lua changed ($before → $after)
  parameters: unchanged
  figures: unchanged

totals
  unit      group             total  rank  moved
  区商务局  区级部门  66.67 → 72.22     3
  五马街道  街镇      40.00 → 45.56     1

items
  unit      indicator     actual        score  light
  区商务局  品牌首店           5  0.00 → 0.83  green
  五马街道  举办展会活动      30  0.00 → 0.83  green

commendation: no change
red light: no change" ] || fail "unexpected verdict:" "$(cat "$T/out")"
}

test_verify_names_the_corrected_figure() {
	saved_june
	sed 's/^五马街道,stores,2023-06,3,$/五马街道,stores,2023-06,5,补报/' "$FIX/mini-2023-06.csv" >"$T/fix.csv"
	run import "$PLAN" "$T/fix.csv"
	expect_rc 0
	run verify 1
	expect_rc 1
	expect_out_has "  rules: unchanged
  parameters: unchanged
  figures: 1 corrected
    五马街道 / 品牌首店 2023-06: 3 → 5 · note 补报"
	# 5 of 10 stores by June keeps pace with time: green, and no red light,
	# though still no points (half is below the floor of 0.6)
	expect_out_has "totals: none changed"
	expect_out_has "  五马街道  品牌首店    3 → 5   0.00  red → green"
	expect_out_has "red light: − 五马街道"
}

# A comment changes the file, not the scorecards: identical, and the
# file is named.
test_verify_identical_after_an_edit_that_changes_nothing() {
	saved_june
	echo "-- 2024年起沿用" >>"$T/mini.lua"
	run verify 1
	expect_rc 0
	expect_out_has "scored again from the store and the files as they are now: identical"
	expect_out_has "  rules: $T/mini.lua changed"
}

test_verify_a_plan_that_moved() {
	saved_june
	mkdir "$T/archive"
	mv "$T/mini.yaml" "$T/archive/"
	run verify 1
	expect_rc 1
	expect_err "assay: run 1 was saved from the plan file '$T/mini.yaml', which is not there now: give it with --plan FILE"
	cp "$T/mini.lua" "$T/archive/"
	# the same rules from another place give the same scorecards
	run verify 1 --plan "$T/archive/mini.yaml"
	expect_rc 0
	expect_out_has "identical
  plan: unchanged
  rules: $T/archive/mini.lua loaded; $T/mini.lua no longer loaded"
	run verify 1 --plan "$ROOT/tests/plans/periods.yaml"
	expect_rc 1
	expect_err "assay: $ROOT/tests/plans/periods.yaml is plan 'periods', not the plan of run 1 ('mini')"
}

test_verify_usage() {
	saved_june
	run verify
	expect_rc 2
	expect_err "assay: verify takes one run number
usage: assay verify RUN [--plan FILE]"
	run verify 2
	expect_rc 1
	expect_err "assay: no run 2 in '$T/assay.db' (it holds 1 run, the last is 1; assay runs PLAN lists them)"
}
