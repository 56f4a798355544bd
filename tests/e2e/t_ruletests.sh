# assay test: the rule test cases beside a rule file.

test_bundled_plans_pass_their_rule_tests() {
	run test "$ROOT/plans/lucheng-2023.yaml"
	expect_rc 0
	expect_out_has "ok      按时序进度计分:9月完成一半,落后时序进度25个百分点亮红灯"
	expect_out_has "7 passed, 0 failed"
	run test "$ROOT/plans/xuhui-2020.yaml"
	expect_rc 0
	expect_out_has "5 passed, 0 failed"
}

test_failing_case_shows_expected_and_actual() {
	cp "$FIX/mini.yaml" "$FIX/mini.lua" "$T/"
	write mini.tests.yaml <<'YAML'
cases:
  - name: 商务局贸易额完成
    period: 2023-06
    figures:
      区商务局: {trade: 7000, stores: 5}
    expect:
      区商务局:
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
