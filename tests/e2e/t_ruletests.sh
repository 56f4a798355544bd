# assay test: the rule test cases beside a rule file.

test_bundled_plans_pass_their_rule_tests() {
	run test "$ROOT/plans/lucheng-2023.yaml"
	expect_rc 0
	expect_out_has "ok      按时序进度计分:9月完成一半,落后时序进度25个百分点亮红灯"
	expect_out_has "ok      加分项计入总分:88分加2分达到90分,通报表扬;扣分项减去"
	expect_out_has "20 passed, 0 failed"
	run test "$ROOT/plans/xuhui-2020.yaml"
	expect_rc 0
	expect_out_has "5 passed, 0 failed"
}

test_failing_case_shows_expected_and_actual() {
	mini_trade_case <<'YAML'
        trade: {score: 10, light: green}
        stores: {score: 1, light: red, reason: 完成率50%}
        total: 66.67
        verdict: none
  - name: 街镇没有红灯
    period: 2023-06
    figures:
      wuma: {stores: 6, energy: 0.4, events: 30}
    expect:
      wuma: {verdict: none, rank: 1}
YAML
	run test "$T/mini.yaml"
	expect_rc 1
	[ "$(cat "$T/out")" = "FAILED  商务局贸易额完成
        区商务局 / stores: score expected 1, got 0.00
        区商务局 / stores: light expected 'red', got 'green'
        区商务局 / stores: reason expected '完成率50%', got '完成率50%，与时序进度持平'
ok      街镇没有红灯
1 passed, 1 failed" ] || fail "unexpected output:" "$(cat "$T/out")"
	[ ! -e "$T/assay.db" ] || fail "the test run touched the store"
}

test_bad_tests_file_is_located() {
	cp "$FIX/mini.yaml" "$FIX/mini.lua" "$T/"
	write mini.tests.yaml <<'YAML'
cases:
  - name: 错别字
    period: 2023-06
    figures:
      区商务局: {trade: 7000}
    expect:
      区商务局: {trdae: {score: 10}}
YAML
	run test "$T/mini.yaml"
	expect_rc 1
	expect_err "$T/mini.tests.yaml:7:14: unknown indicator 'trdae' (did you mean 'trade'?)"
	run test "$T/mini.yaml" "$T/none.yaml"
	expect_rc 1
	expect_err_has "none.yaml"
	run test
	expect_rc 2
}

test_cases_give_bonus_and_deduction_items() {
	cp "$FIX/mini.yaml" "$FIX/mini.lua" "$T/"
	write mini.tests.yaml <<'YAML'
cases:
  - name: 加分计入总分
    period: 2023-06
    figures:
      区商务局: {trade: 7000, stores: 5}
      区科技局: {trade: 7000}
    adjustments:
      - {unit: 区商务局, points: +2, reason: 获国务院通报表扬}
      - {unit: 区科技局, points: -1.5, reason: 信息报送迟报, period: 2023-05}
    expect:
      区商务局: {adjustment: 2, total: 68.67, verdict: none}
      区科技局: {adjustment: 0, total: 100, verdict: commendation}
  - name: 扣分后不再表扬
    period: 2023-06
    figures:
      区科技局: {trade: 7000}
    adjustments:
      - {unit: 区科技局, points: -15, reason: 信息报送迟报}
    expect:
      区科技局: {adjustment: -10, total: 90, rank: 1}
YAML
	run test "$T/mini.yaml"
	expect_rc 1
	# the May deduction is not in June; 100 − 15 is 85, not 90
	[ "$(cat "$T/out")" = "ok      加分计入总分
FAILED  扣分后不再表扬
        区科技局: adjustment expected -10, got -15.00
        区科技局: total expected 90, got 85.00
1 passed, 1 failed" ] || fail "unexpected output:" "$(cat "$T/out")"
	[ ! -e "$T/assay.db" ] || fail "the test run touched the store"
}

test_cases_give_parameter_values() {
	write t.yaml <<'YAML'
cases:
  - name: 红灯线放宽到落后15个百分点
    period: 2023-09
    params: {red_margin: 0.15}
    figures:
      区商务局: {service_trade_usd: 4000}
    expect:
      区商务局:
        # 4000 of 7000: 57.1% against 75% expected, 17.9 points behind
        service_trade_usd: {light: red}
YAML
	run test "$PLAN" "$T/t.yaml"
	expect_rc 0
	expect_out_has "1 passed, 0 failed"
	sed -i 's/red_margin: 0.15/red_margin: 0.2/' "$T/t.yaml"
	run test "$PLAN" "$T/t.yaml"
	expect_rc 1
	expect_out_has "区商务局 / service_trade_usd: light expected 'red', got 'yellow'"
	sed -i 's/red_margin: 0.2/red_margin: 0.9/' "$T/t.yaml"
	run test "$PLAN" "$T/t.yaml"
	expect_rc 1
	expect_err "$T/t.yaml:4:26: params.red_margin=0.9 is outside its range 0..0.5 (declared at $ROOT/rules/lucheng-2023.lua:$(line_of "$ROOT/rules/lucheng-2023.lua" '^local P = params'))"
}

test_bad_case_keys_and_adjustments_are_located() {
	cp "$FIX/mini.yaml" "$FIX/mini.lua" "$T/"
	write mini.tests.yaml <<'YAML'
cases:
  - name: 错别字
    period: 2023-06
    adjustment:
      - {unit: 区商务局, points: 2, reason: 表扬}
    expect:
      区商务局: {total: 0}
YAML
	run test "$T/mini.yaml"
	expect_rc 1
	expect_err "$T/mini.tests.yaml:4:5: unknown key 'adjustment' in a case (did you mean 'adjustments'?)"
	sed -i 's/    adjustment:/    adjustments:/; s/, reason: 表扬//' "$T/mini.tests.yaml"
	run test "$T/mini.yaml"
	expect_rc 1
	expect_err "$T/mini.tests.yaml:5:9: an adjustment needs 'reason'"
}

test_a_case_without_a_period_is_the_plans_year() {
	cp "$FIX/mini.yaml" "$FIX/mini.lua" "$T/"
	write mini.tests.yaml <<'YAML'
cases:
  - name: 全年完成一半
    figures:
      区科技局: {trade: 3500}
    expect:
      区科技局:
        trade: {light: red, reason: 完成率50%，落后目标50个百分点}
  - name: 上半年完成一半
    period: 2023-06
    figures:
      区科技局: {trade: 3500}
    expect:
      区科技局:
        trade: {light: green, reason: 完成率50%，与时序进度持平}
YAML
	run test "$T/mini.yaml"
	expect_rc 0
	expect_out_has "2 passed, 0 failed"
}
