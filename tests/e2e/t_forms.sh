# Target forms as the documents write them (tests/plans/forms.yaml), each
# worked out by hand: 超过3800 is strictly more than 3800, a range 1-2家 is
# met from its low end and never penalised above its high end, 年均增长8%
# compounds from the year before the plan (2022) to the year scored.
# plain.lua: 10 points × completion, capped at 10; lights against time
# progress, yellow above 0 points behind, red above 10.

forms_imported() {
	run import "$SEM/forms.yaml" "$SEM/forms-figures.yaml"
	expect_rc 0
}

test_more_than_is_met_only_above_its_number() {
	forms_imported
	score_csv "$SEM/forms.yaml" 2023
	# 3800 has not exceeded 3800: 99.9%, not met, 10 × 0.999 = 9.99, and
	# 0.1 points behind the whole target: yellow
	expect_item a visitors actual=3800 "target=> 3800" completion=0.9990 score=9.99 \
		light=yellow "reason=实际3800万人次（目标超过3800万人次），完成率99.9%，落后目标0.1个百分点"
	# 3900 ÷ 3800 = 1.0263, capped at the full 10 by the rules
	expect_item b visitors completion=1.0263 score=10.00 light=green
	run --lang zh score "$SEM/forms.yaml" --period 2023 --unit a
	expect_out_has "接待游客 (万人次)        3800     > 3800   99.9%   9.99  黄灯"
	expect_out_has "≥ 年均+8%"
}

test_one_more_than_the_number_meets_it() {
	forms_imported
	run whatif "$SEM/forms.yaml" --period 2023 --set a:visitors=3801
	expect_rc 0
	# 3801 ÷ 3800 > 1: the full 10 (total 100 × 26.25 ÷ 30 = 87.50)
	expect_out_has "甲区  接待游客   3800 → 3801  9.99 → 10.00  yellow → green"
	expect_out_has "甲区  87.47 → 87.50"
}

test_a_range_is_met_from_its_low_end() {
	forms_imported
	score_csv "$SEM/forms.yaml" 2023-06
	# 1 of 1-2 in June: 100% against a time progress of 50%
	expect_item a associations actual=1 target=1–2 completion=1.0000 score=10.00 light=green
	score_csv "$SEM/forms.yaml" 2023
	expect_item a associations completion=1.0000 score=10.00 light=green \
		"reason=实际1家（目标1–2家），完成率100%，达到目标"
	# 3 is above the range: no fault, 3 ÷ 1 = 300%, capped by the rules
	expect_item b associations actual=3 completion=3.0000 score=10.00 light=green
	expect_item c associations actual=0 completion=0.0000 score=0.00 light=red
}

test_a_yearly_average_compounds_from_the_year_before_the_plan() {
	forms_imported
	# 2023, one year from 2022: 105 ÷ 100 − 1 = 5%, 5 ÷ 8 = 62.5%
	score_csv "$SEM/forms.yaml" 2023
	expect_item a revenue actual=+5.00% completion=0.6250 score=6.25 light=red \
		"reason=年均增长5%（目标8%），完成率62.5%，落后目标37.5个百分点"
	# 2024, two years from 2022: √(116.64 ÷ 100) − 1 = 8%, met; a plain
	# growth against 2023 would have been 11.1%
	score_csv "$SEM/forms.yaml" 2024
	expect_item a revenue actual=+8.00% completion=1.0000 score=10.00 light=green
	run explain "$SEM/forms.yaml" --period 2024 --unit a --indicator revenue
	expect_out_has "+8.00% 亿元 (from 116.64 against 100 in 2022, a yearly average over 2 years)"
}

test_a_yearly_average_from_a_base_needs_no_stored_year() {
	forms_imported
	# base 200 for 2022: 230 in 2023 is 15%; √(233.28 ÷ 200) − 1 = 8% in 2024
	score_csv "$SEM/forms.yaml" 2023
	expect_item b output actual=+15.00% completion=1.8750 score=10.00
	score_csv "$SEM/forms.yaml" 2024
	expect_item b output actual=+8.00% completion=1.0000 "target=≥ +8%/yr avg (base 200)" flags=
}

test_the_forms_are_named_in_json_and_listings() {
	forms_imported
	run score "$SEM/forms.yaml" --period 2023 --format json --unit b
	expect_out_has '"target_form":"more_than","target":3800,"target_high":null'
	expect_out_has '"target_form":"range","target":1,"target_high":2'
	expect_out_has '"target_form":"growth","target":8,"target_high":null,"yearly_average":true'
	run indicators "$SEM/forms.yaml"
	expect_out_has "> 3800"
	expect_out_has "≥ +8%/yr avg (base 200)"
	run --lang zh indicators "$SEM/forms.yaml"
	expect_out_has "≥ 年均+8%（基数 200）"
}

test_templates_say_the_forms_in_words() {
	run template "$SEM/forms.yaml" --period 2023-12 --no-bom
	expect_rc 0
	expect_out_has "a,甲区,visitors,接待游客,万人次,> 3800,,,2023-12,,,填写期末数值，单位：万人次；目标超过3800"
	expect_out_has "c,丙区,associations,新增行业协会,家,1–2,,,2023-12,,,填写1-12月累计值，单位：家；目标1-2"
	expect_out_has "；目标年均增长≥8%（按2022年同期数计算）"
	expect_out_has "；目标年均增长≥8%（按2022年数200计算）"
}

test_reports_show_the_forms() {
	forms_imported
	run report "$SEM/forms.yaml" --period 2023 --format md
	expect_out_has "| 接待游客 (万人次) | 3800 | > 3800 | 99.9% | 9.99 |"
	expect_out_has "| 新增行业协会 (家) | 3 | 1–2 | 300.0% | 10.00 |"
	run report "$SEM/forms.yaml" --period 2023
	expect_out_has '<td class="num">&gt; 3800</td>'
	run report "$SEM/forms.yaml" --period 2023 --format xlsx -o "$T/r.xlsx"
	expect_rc 0
	xlsx_cells "$T/r.xlsx" 区 >"$T/cells"
	grep -qF "=s:> 3800" "$T/cells" || fail "no '> 3800' cell" "$(head -20 "$T/cells")"
	grep -qF "=s:1–2" "$T/cells" || fail "no '1–2' cell"
	grep -qF "=s:≥ +8%/yr avg" "$T/cells" || fail "no '≥ +8%/yr avg' cell"
}

# A targets table gives each unit its number: the form is the plan's.
test_a_targets_table_cell_holds_a_number_not_a_form() {
	cp "$SEM/plain.lua" "$T/"
	sed 's/^years: .*/year: 2023/; /revenue/,$d' "$SEM/forms.yaml" >"$T/forms.yaml"
	printf 'targets_table: table.csv\n' >>"$T/forms.yaml"
	printf 'unit,visitors\na,>3800\n' >"$T/table.csv"
	run check "$T/forms.yaml"
	expect_rc 1
	expect_err_has "table.csv:2:2: target '>3800' is a form, not a number: a cell gives the unit's number only"
	printf 'unit,visitors\na,3900\n' >"$T/table.csv"
	run indicators "$T/forms.yaml"
	expect_rc 0
	expect_out_has "甲区 > 3900, 乙区 > 3800"
	printf 'unit,associations\na,2\n' >"$T/table.csv"
	run check "$T/forms.yaml"
	expect_rc 1
	expect_err_has "table.csv:2:2: indicator 'associations' has a range target; give the unit's range under targets:"
}

test_a_yearly_average_is_refused_in_a_plan_of_one_year() {
	cp "$SEM/plain.lua" "$T/"
	sed 's/^years: .*/year: 2023/' "$SEM/forms.yaml" >"$T/forms.yaml"
	run check "$T/forms.yaml"
	expect_rc 1
	expect_err_has "a yearly average needs a plan of several years (years: 2023-2027); in one year it is the growth itself"
}
