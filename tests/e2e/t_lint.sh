# assay check warns about rule mistakes Lua accepts, each at its file:line
# with a fix; it exits 0 with warnings, 1 with --strict.

# check_warns PLAN: assay check PLAN exits 0 and its warnings are stdin.
check_warns() {
	run check "$1"
	expect_rc 0
	diff -u - "$T/err" >&2 || fail "unexpected warnings"
}

test_no_bundled_plan_has_a_warning() {
	for plan in "$ROOT"/plans/*.yaml; do
		run check --strict "$plan"
		expect_rc 0
		[ ! -s "$T/err" ] || fail "$plan: $(cat "$T/err")"
	done
}

test_a_typo_in_a_global_is_a_warning() {
	plan=$(mini_plan)
	echo 'wieghts = { trade = 12 }' >>"$T/mini.lua"
	check_warns "$plan" <<EOF
$T/mini.lua:15: warning: 'wieghts' is not a rule assay asks for (did you mean 'weights'?)
EOF
	expect_out_has "ok: 4 units"
	run check --strict "$plan"
	expect_rc 1
	expect_err_has "assay: $plan: 1 warning, errors with --strict"
	expect_out_lacks "ok:"
}

test_a_rule_set_to_nil_is_a_warning() {
	plan=$(mini_plan)
	echo 'score.stores = std.rato { floor = 0 }' >>"$T/mini.lua"
	run check "$plan"
	expect_rc 1    # calling nil: Lua itself refuses it
	sed -i '$d' "$T/mini.lua"
	echo 'score.stores = std.rato' >>"$T/mini.lua"
	check_warns "$plan" <<EOF
$T/mini.lua:15: warning: score.stores is set to nil, so no rule is set (is the name on the right misspelt?)
EOF
}

test_rules_for_indicators_the_plan_does_not_have_are_errors() {
	plan=$(mini_plan)
	echo 'score.trad = std.ratio {}' >>"$T/mini.lua"
	run check "$plan"
	expect_rc 1
	expect_err "$T/mini.lua:15: score.trad: the plan has no indicator 'trad' (did you mean 'trade'?)"
}

test_rules_and_weights_never_asked_are_warnings() {
	plan=$(mini_plan)
	# events is shown with its figure, never scored
	sed -i 's/^    target: 60$/    target: 60\n    scored: false/' "$plan"
	cat >>"$T/mini.lua" <<'LUA'
score.events = std.ratio {}
score.tasks = std.task {}
derive.trade = function(v) return 1 end
LUA
	check_warns "$plan" <<EOF
$T/mini.lua:3: warning: weights.events is never used: the indicator is not scored (scored: false in the plan)
$T/mini.lua:15: warning: score.events is never asked: the indicator is not scored (scored: false in the plan)
$T/mini.lua:16: warning: score.tasks is never asked: the plan has no tasks (kind: task)
$T/mini.lua:17: warning: derive.trade is never asked: the indicator is reported, not derived (it has no inputs: in the plan)
EOF
}

test_an_indicator_without_a_score_rule_is_an_error() {
	plan=$(mini_plan)
	sed -i 's/^score.default = /score.trade = /' "$T/mini.lua"
	run check "$plan"
	expect_rc 1
	expect_err "assay: $T/mini.lua: no score rule for indicator 'stores': set score.default or score.stores"
}

test_weights_must_add_up_to_the_full_marks() {
	plan=$(mini_plan)
	# 区商务局 and 五马街道 are scored on 15 points, the other two on 10
	sed -i 's/^year: 2023$/year: 2023\nfull_marks: 15/' "$plan"
	check_warns "$plan" <<EOF
$T/mini.lua:3: warning: the weights add up to 10 for 区科技局, 区财政局, not the full marks 15 the plan declares ($plan:5:13): change a weight, or full_marks
EOF
	sed -i 's/^full_marks: 15$/full_marks: 100/' "$plan"
	run check "$plan"
	expect_err_has "warning: the weights add up to 15 for 区商务局, 五马街道, not the full marks 100"
	expect_err_has "warning: the weights add up to 10 for 区科技局, 区财政局, not the full marks 100"
	sed -i 's/^full_marks: 100$/full_marks: 0/' "$plan"
	run check "$plan"
	expect_rc 1
	expect_err "$plan:5:13: full_marks must be above 0 (the points of a perfect score)"
}

test_verdicts_no_unit_can_reach_are_warnings() {
	plan=$(mini_plan)
	# std.ratio's cap 1.2: no unit totals more than 120
	cat >>"$T/mini.lua" <<'LUA'
commend = std.commend { total = 130 }
red_light = std.red_light { red = 4 }
veto = function(card, failed) return "一票否决" end
LUA
	check_warns "$plan" <<EOF
$T/mini.lua:15: warning: std.commend { total = 130 } is never met without bonus items: a unit totals at most 120.00 on its indicators (each at its highest score): lower the total, or raise the weights or the caps
$T/mini.lua:16: warning: std.red_light { red = 4 } is never met: no unit is scored on more than 3 indicators, so none has 4 red lights: lower red
$T/mini.lua:17: warning: veto is never asked: no indicator of the plan is binding (binding: true)
EOF
	echo 'adjust = std.adjustments { bonus = 5 }' >>"$T/mini.lua"
	run check "$plan"
	expect_err_has "$T/mini.lua:15: warning: std.commend { total = 130 } is never met: a unit totals at most 120.00 on its indicators (each at its highest score) plus 5 bonus points: lower the total, or raise the weights or the caps"
	# 120 and 3 are reached: every indicator at the cap; 五马街道's three red lights
	sed -i 's/total = 130/total = 120/; s/red = 4/red = 3/; /^veto = /d' "$T/mini.lua"
	check_warns "$plan" </dev/null
}

test_verdicts_the_rules_write_themselves_are_not_judged() {
	plan=$(mini_plan)
	# a threshold written in Lua: assay cannot see into it, so it says nothing
	sed -i 's/card.total >= 90/card.total >= 900/' "$T/mini.lua"
	check_warns "$plan" </dev/null
	# nor when a score rule is the file's own: its highest score is unknown
	echo 'commend = std.commend { total = 130 }' >>"$T/mini.lua"
	echo 'score.trade = function(it) return it.weight * 2 end' >>"$T/mini.lua"
	check_warns "$plan" </dev/null
}
