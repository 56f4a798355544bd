# assay check: every plan error has its exact message and exit code 1.

test_lucheng_plan_checks() {
	run check "$PLAN"
	expect_rc 0
	expect_out_has "ok: 29 units in 4 groups, 103 indicators"
}

test_unknown_key_suggests() {
	local p; p=$(mini_plan)
	sed -i 's/^    measure: 家$/    mesure: 家/' "$p"
	run check "$p"
	expect_rc 1
	expect_err "$p:32:5: unknown key 'mesure' in an indicator (did you mean 'measure'?)"
}

test_duplicate_unit_id() {
	local p; p=$(mini_plan)
	sed -i 's/  - id: science/  - id: commerce/' "$p"
	run check "$p"
	expect_rc 1
	expect_err "$p:15:9: duplicate unit 'commerce'"
}

test_target_for_unknown_unit() {
	local p; p=$(mini_plan)
	sed -i 's/  - unit: finance/  - unit: finanse/' "$p"
	run check "$p"
	expect_rc 1
	expect_err "$p:50:11: unknown unit 'finanse' (did you mean 'finance'?)"
}

test_target_for_unknown_indicator() {
	local p; p=$(mini_plan)
	sed -i 's/    indicator: trade/    indicator: trad/' "$p"
	run check "$p"
	expect_rc 1
	expect_err "$p:51:16: unknown indicator 'trad' (did you mean 'trade'?)"
}

test_responsible_unit_unknown() {
	local p; p=$(mini_plan)
	sed -i 's/units: \[commerce, wuma\]/units: [commerce, wumaa]/' "$p"
	run check "$p"
	expect_rc 1
	expect_err "$p:35:23: unknown unit 'wumaa' (did you mean 'wuma'?)"
}

test_unknown_group() {
	local p; p=$(mini_plan)
	sed -i '0,/group: town/s//group: twon/' "$p"
	run check "$p"
	expect_rc 1
	expect_err "$p:23:12: unknown group 'twon' (did you mean 'town'?)"
}

test_missing_rule_file() {
	local p; p=$(mini_plan)
	rm "$T/mini.lua"
	run check "$p"
	expect_rc 1
	expect_err "$p:5:8: rule file 'mini.lua' not found (looked for '$T/mini.lua')"
}

test_duplicate_key() {
	local p; p=$(mini_plan)
	sed -i 's/^year: 2023$/year: 2023\nyear: 2024/' "$p"
	run check "$p"
	expect_rc 1
	expect_err "$p:5:1: duplicate key 'year'"
}

test_malformed_yaml() {
	write bad.yaml <<'YAML'
id: bad
title: [unclosed
YAML
	run check "$T/bad.yaml"
	expect_rc 1
	expect_err "$T/bad.yaml:3:1: did not find expected ',' or ']'"
}

test_aliases_refused() {
	write alias.yaml <<'YAML'
id: a
title: &t 标题
issuer: *t
YAML
	run check "$T/alias.yaml"
	expect_rc 1
	expect_err "$T/alias.yaml:3:9: aliases (*t) are not supported: write the value out"
}

test_target_not_a_number() {
	local p; p=$(mini_plan)
	sed -i 's/    target: 7000/    target: 7000万/' "$p"
	run check "$p"
	expect_rc 1
	expect_err "$p:28:13: target must be a number, not '7000万'"
}

test_rule_unknown_indicator_in_weights() {
	local p; p=$(mini_plan)
	sed -i 's/weights { trade = 10/weights { trad = 10/' "$T/mini.lua"
	run check "$p"
	expect_rc 1
	expect_err "$T/mini.lua:3: weights.trad: the plan has no indicator 'trad' (did you mean 'trade'?)"
}

test_rule_missing_weight() {
	local p; p=$(mini_plan)
	sed -i 's/, events = 5 }/ }/' "$T/mini.lua"
	run check "$p"
	expect_rc 1
	expect_err "assay: $T/mini.lua: no weight for indicator 'events': add it (or a default) to weights { ... }"
}

test_rule_syntax_error() {
	local p; p=$(mini_plan)
	echo 'commend = function(card) return card.total >= end' >>"$T/mini.lua"
	run check "$p"
	expect_rc 1
	expect_err "$T/mini.lua:15: unexpected symbol near 'end'"
}

test_rule_typo_in_global_name() {
	local p; p=$(mini_plan)
	sed -i 's/^light = std.time_progress/light = std.time_progres/' "$T/mini.lua"
	run check "$p"
	expect_rc 1
	expect_err "$T/mini.lua:6: attempt to call a nil value (field 'time_progres')"
}

test_usage_errors_exit_2() {
	run check
	expect_rc 2
	expect_err_has "usage: assay check PLAN"
	run chek "$PLAN"
	expect_rc 2
	expect_err_has "unknown command 'chek' (did you mean 'check'?)"
}

test_help_for_every_command() {
	for cmd in check import score units indicators; do
		run "$cmd" --help
		expect_rc 0
		expect_out_has "usage: assay $cmd"
	done
	run --help
	expect_rc 0
	expect_out_has "commands:"
}

test_units_and_indicators_listed() {
	run units "$FIX/mini.yaml"
	expect_rc 0
	expect_out_has "wuma      五马街道  街镇               3"
	run indicators "$FIX/mini.yaml"
	expect_rc 0
	expect_out_has "区商务局 ≥ 7000, 区科技局 ≥ 7000, 区财政局 ≥ 3500"
	expect_out_has "energy  单位能耗"
	run units
	expect_rc 2
}

# Found by fuzzing: a year too large for an int was cast before the check.
test_huge_year_refused() {
	plan=$(mini_plan)
	sed -i 's/^year: 2023/year: 20222222222222222222222222222223/' "$plan"
	run check "$plan"
	expect_rc 1
	expect_err "$plan:4:7: year must be a year such as 2023, not '20222222222222222222222222222223'"
}

# one_indicator_plan BLOCK: a plan in $T/p.yaml whose one indicator is BLOCK
# (indented under `indicators:`), with rules that score anything.
one_indicator_plan() {
	printf 'weights { default = 1 }\nscore.default = function(it) return 0 end\nlight = function(it) return "green" end\n' >"$T/p.lua"
	{
		printf 'id: p\ntitle: t\nyear: 2023\nrules: p.lua\n'
		printf 'groups: [{id: g, name: 组}]\nunits: [{id: a, name: 甲, group: g}]\nindicators:\n'
		cat
	} >"$T/p.yaml"
}

test_target_form_errors_are_located() {
	one_indicator_plan <<'YAML'
  - {id: x, name: X, target: {about: 6, at_least: 5}, units: [a]}
YAML
	run check "$T/p.yaml"
	expect_rc 1
	expect_err "$T/p.yaml:8:38: a target has one form: 'at_least' and 'about' both given"
	one_indicator_plan <<'YAML'
  - {id: x, name: X, target: {between: [5, 3]}, units: [a]}
YAML
	run check "$T/p.yaml"
	expect_err "$T/p.yaml:8:40: between: the high end 3 is below the low end 5"
	one_indicator_plan <<'YAML'
  - {id: x, name: X, kind: rate, basis: period, target: 5, units: [a]}
YAML
	run check "$T/p.yaml"
	expect_err "$T/p.yaml:8:41: basis 'period' needs an amount or a count: a rate cannot be added up over periods"
	one_indicator_plan <<'YAML'
  - {id: x, name: X, target: 5, jump_factor: 1, units: [a]}
YAML
	run check "$T/p.yaml"
	expect_err "$T/p.yaml:8:46: jump_factor must be above 1, e.g. 3 flags a figure three times the previous one"
	one_indicator_plan <<'YAML'
  - {id: x, name: X, target: 5, every: weekly, units: [a]}
YAML
	run check "$T/p.yaml"
	expect_err "$T/p.yaml:8:40: unknown every 'weekly': use month, quarter or year"
}

test_derived_and_relative_need_what_the_unit_reports() {
	one_indicator_plan <<'YAML'
  - {id: x, name: X, target: 5, units: [a]}
  - {id: y, name: Y, target: 5, inputs: [x, z], units: [a]}
YAML
	run check "$T/p.yaml"
	expect_rc 1
	expect_err "$T/p.yaml:9:45: unknown indicator 'z' (did you mean 'x'?)"
	one_indicator_plan <<'YAML'
  - {id: x, name: X, target: 5, units: []}
  - {id: y, name: Y, target: {relative_to: x}, units: [a]}
YAML
	run check "$T/p.yaml"
	expect_err "$T/p.yaml:8:40: indicator 'x' has no responsible units"
}

test_check_warns_about_globals_that_are_no_rule() {
	plan=$(mini_plan)
	sed -i 's/^commend = /comend = /' "$T/mini.lua"
	echo 'helper = function() end' >>"$T/mini.lua"
	run check "$plan"
	expect_rc 0
	[ "$(cat "$T/err")" = "$T/mini.lua:10: warning: 'comend' is not a rule assay asks for (did you mean 'commend'?)
$T/mini.lua:15: warning: 'helper' is set as a global: make it local, or name a rule (total, commend, red_light, veto, adjust)" ] ||
		fail "unexpected warnings:" "$(cat "$T/err")"
	run check "$PLAN"
	expect_rc 0
	[ ! -s "$T/err" ] || fail "the Lucheng rules should give no warning: $(cat "$T/err")"
}

# A unit names its group by id or by name.
test_group_named_by_its_name() {
	local p; p=$(mini_plan)
	sed -i 's/group: town/group: 街镇/' "$p"
	grep -q 'group: 街镇' "$p" || fail "the plan was not edited"
	run units "$p"
	expect_rc 0
	expect_out_has "wuma      五马街道  街镇"
}
