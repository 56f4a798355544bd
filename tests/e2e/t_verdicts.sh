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

# mini_failing_verdict: the mini plan whose commendation rule fails for
# 区科技局 (science), with June's figures; every score of it exits 1.
mini_failing_verdict() {
	mini_plan >/dev/null
	cat >>"$T/mini.lua" <<'LUA'
commend = function(card)
  if card.unit == "science" then error("no verdict") end
  return card.rank <= 2, "第" .. card.rank .. "名，共" .. card.group_size .. "个"
end
LUA
	run import "$T/mini.yaml" "$FIX/mini-2023-06.csv"
	expect_rc 0
	FAILED="verdict: error — $T/mini.lua:16: no verdict (unit 区科技局)"
}

# score_failing ARGS...: the mini plan with its failing verdict, scored for
# June; exit 1 expected.
score_failing() {
	run score "$T/mini.yaml" --period 2023-06 "$@"
	expect_rc 1
}

# A unit whose verdict rule failed keeps its total but has no rank and no
# verdict, in every format; its peers are ranked without it.
test_failed_verdict_is_shown_failed_in_every_format() {
	mini_failing_verdict
	score_failing
	expect_err_has "$T/mini.lua:16: no verdict (unit 区科技局)"
	expect_out_lines "区科技局 (science) · 区级部门
  indicator "
	expect_out_lines "  total 100.00 · green 1 · yellow 0 · red 0
  $FAILED"
	local ranking="  rank  unit       total  red  verdict
     1  区财政局  100.00    0  commendation
     2  区商务局   66.67    0  commendation
     —  区科技局  100.00    0  error"
	expect_out_lines "$ranking"
	score_failing --ranking
	expect_out_lines "$ranking"
	score_failing --format csv
	expect_card science total=100.00 rank= group_size= verdict=error \
		"verdict_reason=$T/mini.lua:16: no verdict (unit 区科技局)"
	expect_card finance rank=1 group_size=2 verdict=commendation
	expect_card commerce rank=2 group_size=2 verdict=commendation verdict_reason=第2名，共2个
	score_failing --ranking --format csv
	expect_out_has "bureau,,,science,区科技局,100.00,1,0,0,0,error,$T/mini.lua:16: no verdict (unit 区科技局)"
	score_failing --format json
	python3 - "$T/out" "$T/mini.lua" <<'PY' || fail "the JSON does not show the failed verdict"
import json, sys
units = {u["unit"]: u for u in json.load(open(sys.argv[1]))["units"]}
s = units["science"]
assert s["total"] == 100 and s["rank"] is None and s["group_size"] is None, s
assert s["verdict"] is None and s["error"] == sys.argv[2] + ":16: no verdict (unit 区科技局)", s
assert (units["finance"]["rank"], units["commerce"]["rank"]) == (1, 2), units
PY
	score_failing --summary
	expect_out_lines "units 4 · scored 3 · rules failed 1
commended 2: 区商务局、区财政局"
	expect_out_has "top 3: 区财政局 100.00 · 区商务局 66.67 · 五马街道 40.00"
}

test_failed_verdict_is_shown_failed_in_every_report() {
	mini_failing_verdict
	run report "$T/mini.yaml" --period 2023-06 --format md
	expect_rc 1
	expect_out_has "| — | 区科技局 | 100.00 | 0 | error |"
	expect_out_has "| 2 | 区商务局 | 66.67 | 0 | commendation |"
	expect_out_has "$FAILED"
	run report "$T/mini.yaml" --period 2023-06 --format csv
	expect_rc 1
	expect_card science total=100.00 rank= verdict=error
	run report "$T/mini.yaml" --period 2023-06 -o "$T/r.html"
	expect_rc 1
	grep -qF '<title>区科技局: error</title>' "$T/r.html" || fail "the chart shows no failed verdict"
	grep -qF "<p class=\"verdict\">$FAILED</p>" "$T/r.html" || fail "the card shows no failed verdict"
	run report "$T/mini.yaml" --period 2023-06 --format xlsx -o "$T/r.xlsx"
	expect_rc 1
	unzip -p "$T/r.xlsx" xl/sharedStrings.xml | grep -qF "error — $T/mini.lua:16: no verdict" ||
		fail "the workbook shows no failed verdict"
}

# The peers of a unit whose verdict failed are asked for theirs again with
# the ranks they end with (区商务局: 3rd of 3, then 2nd of 2, commended),
# and explain traces each rule once.
test_peers_are_judged_with_the_ranks_they_end_with() {
	mini_failing_verdict
	run explain "$T/mini.yaml" --period 2023-06 --unit commerce
	expect_rc 0
	expect_out_has "verdict     commendation: 第2名，共2个"
	[ "$(grep -c 'commend at' "$T/out")" = 2 ] || fail "commend is traced more than once:" "$(cat "$T/out")"
	expect_out_lacks "yes (第3名"
	run explain "$T/mini.yaml" --period 2023-06 --unit science
	expect_rc 1
	expect_err "assay: a rule failed; the explanation shows where"
	expect_out_lines "  rank        not ranked: a verdict rule failed
  error       $T/mini.lua:16: no verdict (unit 区科技局)"
}
