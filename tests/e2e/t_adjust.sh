# Bonus and deduction items (tests/plans/adjust.yaml): imported with reason
# and source, counted in the period they fall in, capped by the rules.

adjust_imported() {
	run import "$SEM/adjust.yaml" "$SEM/adjust-figures.yaml"
	expect_rc 0
	expect_out_has "and 4 adjustments (bonus and deduction items)"
}

test_bonus_and_deduction_change_the_total_and_the_rank() {
	adjust_imported
	score_csv "$SEM/adjust.yaml" 2023-06
	# 45 + 2, 50 - 1, 50 + 4 capped at 3
	expect_card a total=47.00 adjustment=2.00 rank=3
	expect_card b total=49.00 adjustment=-1.00 rank=2
	expect_card c total=53.00 adjustment=3.00 rank=1
}

test_each_item_is_shown_with_its_reason_and_source() {
	adjust_imported
	run score "$SEM/adjust.yaml" --period 2023-06 --unit a
	expect_out_has "  adjustment  +2  获国务院通报表扬 · 2023-06 · 国办发〔2023〕12号"
	expect_out_has "  total before adjustments 45.00, adjustments +2.00 (获国务院通报表扬+2)"
	run score "$SEM/adjust.yaml" --period 2023-06 --unit c
	expect_out_has "adjustments +3.00 (获国家级荣誉+4（加分封顶3分）)"
	run score "$SEM/adjust.yaml" --period 2023-06 --format json --unit c
	expect_out_has '"base_total":50,"adjustment":3,"adjustment_reason":"获国家级荣誉+4（加分封顶3分）","adjustments":[{"period":"2023-06","points":4,"reason":"获国家级荣誉","source":null}]'
}

test_items_count_in_the_periods_they_fall_in() {
	adjust_imported
	# May's bonus counts in May, not in June (where 2 + 2 would be capped at 3);
	# the quarter has both, capped at 3
	score_csv "$SEM/adjust.yaml" 2023-05
	expect_card a total=2.00 adjustment=2.00
	score_csv "$SEM/adjust.yaml" 2023-06
	expect_card a adjustment=2.00
	score_csv "$SEM/adjust.yaml" 2023Q2
	expect_card a total=48.00 adjustment=3.00
}

test_importing_again_replaces_an_item() {
	adjust_imported
	write again.yaml <<'YAML'
adjustments:
  - {unit: 乙局, period: 2023-06, points: -3, reason: 信息报送迟报}
YAML
	run import "$SEM/adjust.yaml" "$T/again.yaml"
	expect_rc 0
	score_csv "$SEM/adjust.yaml" 2023-06
	expect_card b total=47.00 adjustment=-3.00
}

test_bad_adjustment_is_located_and_nothing_is_imported() {
	write bad.yaml <<'YAML'
2023-06:
  甲局: {sales: 45}
adjustments:
  - {unit: 甲局, period: 2023-06, points: 两分, reason: 获表扬}
YAML
	bad_import_leaves_store_unchanged "$SEM/adjust.yaml" "$T/bad.yaml"
	expect_err "$T/bad.yaml:4:41: points '两分' must be a number: +2 for a bonus, -1 for a deduction"
	write noreason.yaml <<'YAML'
adjustments:
  - {unit: 甲局, period: 2023-06, points: 1}
YAML
	run import "$SEM/adjust.yaml" "$T/noreason.yaml"
	expect_rc 1
	expect_err "$T/noreason.yaml:2:5: an adjustment needs 'reason'"
}

# Items of several units in several periods: each card shows its own, in
# period order, however the units' items interleave.
test_each_card_has_its_own_items_across_periods() {
	adjust_imported
	write more.yaml <<'YAML'
adjustments:
  - {unit: 乙局, period: 2023-05, points: -2, reason: 材料报送不实}
YAML
	run import "$SEM/adjust.yaml" "$T/more.yaml"
	expect_rc 0
	run score "$SEM/adjust.yaml" --period 2023Q2 --format json --unit b
	expect_rc 0
	expect_out_has '"adjustments":[{"period":"2023-05","points":-2,"reason":"材料报送不实","source":null},{"period":"2023-06","points":-1,"reason":"信息报送迟报","source":null}]'
	run score "$SEM/adjust.yaml" --period 2023Q2 --unit a
	expect_out_has "  adjustment  +2  获省政府督查激励 · 2023-05"
	expect_out_has "  adjustment  +2  获国务院通报表扬 · 2023-06 · 国办发〔2023〕12号"
	expect_out_lacks "材料报送不实"
}
