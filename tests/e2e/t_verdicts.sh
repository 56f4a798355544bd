# Verdicts (tests/plans/verdicts.yaml): peer groups ranked apart, derived
# indicators, binding indicators that veto commendation, every reason.

verdicts_scored() {
	run import "$SEM/verdicts.yaml" "$SEM/verdicts-figures.csv"
	expect_rc 0
	score_csv "$SEM/verdicts.yaml" 2023-06
}

test_derived_indicator_is_computed_and_scored() {
	verdicts_scored
	# 80 of 200: 40%, against a target of 30%
	expect_item a service_share actual=40 completion=1.3333 score=10.00 light=green
	run score "$SEM/verdicts.yaml" --period 2023-06 --unit nanhui
	expect_out_has "完成率66.7%，落后目标33.3个百分点 · from 服务业投资 50、固定资产投资 250"
}

test_derived_indicator_with_a_missing_input_is_not_reported() {
	verdicts_scored
	expect_item wuma service_share actual= flags=missing light=red reason=未报送
}

test_derived_indicator_is_not_imported() {
	write d.csv <<'CSV'
unit,indicator,period,value
a,service_share,2023-06,40
CSV
	run import "$SEM/verdicts.yaml" "$T/d.csv"
	expect_rc 1
	expect_err "$T/d.csv:2:2: indicator 'service_share' is derived from service_investment and others: report its inputs, not it"
}

test_derived_indicator_needs_its_rule() {
	cp "$SEM/verdicts.yaml" "$T/"
	sed '/^derive/,/^end$/d' "$SEM/verdicts.lua" >"$T/verdicts.lua"
	run check "$T/verdicts.yaml"
	expect_rc 1
	expect_err_has "indicator 'service_share' is derived: compute it with derive.service_share = function(v) ... end"
}

test_binding_indicator_vetoes_commendation() {
	verdicts_scored
	expect_card a total=86.67 rank=1 verdict=commendation verdict_reason=总分80分以上
	# 乙局 has 83.10 points but its binding energy indicator is red
	expect_item b energy light=red
	expect_card b total=83.10 rank=2 verdict=none "verdict_reason=一票否决：约束性指标单位能耗亮红灯"
	run score "$SEM/verdicts.yaml" --period 2023-06
	expect_out_has "verdict: none — 一票否决：约束性指标单位能耗亮红灯"
	expect_out_has "     2  乙局  83.10    1  vetoed"
	run score "$SEM/verdicts.yaml" --period 2023-06 --format json --unit b
	expect_out_has '"verdict":"none","verdict_reason":null,"veto":"一票否决：约束性指标单位能耗亮红灯"'
}

test_red_light_gives_every_reason() {
	verdicts_scored
	expect_card wuma verdict=red_light \
		"verdict_reason=红灯：服务业投资完成率20%，落后时序进度30个百分点；红灯：固定资产投资未报送；红灯：服务业投资占比未报送；红灯：单位能耗完成率75%，落后目标25个百分点；总分不足50分"
}

test_peer_groups_are_ranked_apart() {
	verdicts_scored
	expect_card a rank=1 group_size=2
	expect_card b rank=2
	expect_card nanhui rank=1 total=75.00 group_size=2
	expect_card wuma rank=2 total=23.75
}
