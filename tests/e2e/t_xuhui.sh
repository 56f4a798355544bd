# 徐汇区 2020 (plans/xuhui-2020.yaml): the real figures of Table 1 of the
# district's 2020 plan execution report, scored for the year. Every value
# below was worked out by hand from Table 1 and rules/xuhui-2020.lua
# (equal weights of 10; completion actual ÷ target, "about" within ±0.5
# points; green when met, yellow within 20 points, red beyond or not
# reported); a change of rules or code that alters them must fail here.

XUHUI="$ROOT/plans/xuhui-2020.yaml"

xuhui_scored() {
	run import "$XUHUI" "$ROOT/plans/data/xuhui-2020.yaml"
	expect_rc 0
	expect_out_has "9 new, 0 corrected, 0 unchanged"
	score_csv "$XUHUI" 2020
}

test_xuhui_2020_about_targets() {
	xuhui_scored
	# GDP 增长2.5%左右 against 增长6%左右: 3.5 off, 3 beyond the tolerance, 1 - 3/6
	expect_item xuhui gdp_growth actual=2.5 completion=0.5000 score=5.00 light=red \
		"reason=实际2.5%（目标6%左右），完成率50%，落后目标50个百分点"
	# 区级财政收入 增长2% against 增长2%左右: met
	expect_item xuhui fiscal_revenue_growth actual=2 completion=1.0000 score=10.00 light=green \
		"reason=实际2%（目标2%左右），完成率100%，达到目标"
}

test_xuhui_2020_growth_targets() {
	xuhui_scored
	# 现代服务业营业收入 增长7.5% against 增长13%: 7.5 / 13
	expect_item xuhui modern_services_revenue_growth actual=+7.50% completion=0.5769 score=5.77 \
		light=red "reason=同比增长7.5%（目标13%），完成率57.7%，落后目标42.3个百分点"
	# 商品销售总额 下降4% against 增长6%: -4 / 6, no points
	expect_item xuhui commodity_sales_growth actual=-4.00% completion=-0.6667 score=0.00 \
		light=red "reason=同比下降4%（目标6%），完成率-66.7%，落后目标166.7个百分点"
	# 固定资产投资 增长34% against 增长10%
	expect_item xuhui fixed_investment_growth completion=3.4000 score=10.00 light=green \
		"reason=同比增长34%（目标10%），完成率340%，达到目标"
}

test_xuhui_2020_amounts_and_counts() {
	xuhui_scored
	expect_item xuhui industrial_output actual=630 target=550 completion=1.1455 score=10.00 \
		light=green "reason=完成率114.5%，达到目标"
	expect_item xuhui contracted_fdi actual=13 completion=1.0400 light=green "reason=完成率104%，达到目标"
	expect_item xuhui new_headquarters actual=7 completion=1.4000 light=green "reason=完成率140%，达到目标"
}

test_xuhui_2020_no_achieved_figure_is_not_reported_not_zero() {
	xuhui_scored
	# 能耗下降率 has no achieved figure anywhere in the report
	expect_item xuhui energy_intensity_decline actual= flags=missing score=0.00 light=red reason=未报送
}

test_xuhui_2020_a_figure_outside_table_1_is_read() {
	xuhui_scored
	# 城镇登记失业人数7548人 stands in Table 5 (line 261): 0.7548万人 within
	# 1.72万人: 1.72 ÷ 0.7548 = 2.27875 less a hair (227.9%), the full 10 points
	expect_item xuhui registered_unemployed actual=0.7548 completion=2.2787 score=10.00 light=green \
		"reason=完成率227.9%，达到目标" "note=表5民生保障工作推进情况:城镇登记失业人数7548人(第261行)"
}

test_xuhui_2020_total_and_verdict() {
	xuhui_scored
	# 5 + 10 + 5.77 + 10 + 0 + 10 + 10 + 10 + 0 + 10 of 100 points
	expect_card xuhui total=70.77 rank=1 verdict=red_light
	run score "$XUHUI" --period 2020
	expect_out_has "total 70.77 · green 6 · yellow 0 · red 4 · not reported 1"
	# Table 1's achieved figures are estimates (全年完成预计), and say so
	expect_out_has "note: 表1全年完成预计:630亿元(第49行)"
}

test_xuhui_2020_estimates_confirmed_elsewhere_quote_both_lines() {
	xuhui_scored
	# 7.5% is Table 1's estimate (line 43) and Table 3's figure (line 141)
	expect_item xuhui modern_services_revenue_growth \
		"note=表1全年完成预计:增长7.5%(第43行);表3第141行同:完成现代服务业营业收入3135亿元,同比增长7.5%"
	# 区级财政收入 stands in Table 1 only
	expect_item xuhui fiscal_revenue_growth "note=表1全年完成预计:增长2%(第37行)"
}
