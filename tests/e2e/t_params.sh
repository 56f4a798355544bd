# Rule parameters: declared with params { ... } in the rule file, listed by
# assay params, tried with assay whatif --param, checked by assay check.

test_params_are_listed() {
	run params "$PLAN"
	expect_rc 0
	expect_out_has "name          value  min   max  about"
	expect_out_has "red_margin      0.1    0   0.5  落后时序进度超过该值亮红灯（规则设定，文件未规定）"
	expect_out_has "commend_at       90    0   120  通报表扬的总分线（规则设定，文件未规定）"
	run params "$FIX/mini.yaml"
	expect_rc 0
	expect_out_has "the rule file declares no parameters (params { ... })"
}

# What the documents do not state (a margin, a score line, a tolerance) is
# the office's rule setting, and every bundled plan's params say so.
test_bundled_params_say_what_no_document_states() {
	local plan lines
	for plan in "$ROOT"/plans/*.yaml; do
		run params "$plan"
		expect_rc 0
		lines=$(tail -n +2 "$T/out")
		[ -n "$lines" ] || fail "$plan: no parameters listed"
		! grep -v -- "（规则设定，文件未规定）$" <<<"$lines" ||
			fail "$plan: a parameter without 规则设定，文件未规定"
	done
	run params "$ROOT/plans/xuhui-2020.yaml"
	expect_out_has "about_tolerance    0.5    0    2  “左右”的增速目标上下该值(百分点)以内为完成（规则设定，文件未规定）"
}

test_whatif_tries_a_parameter() {
	import_sample
	run whatif "$PLAN" --period 2023-09 --param red_margin=0.3
	expect_rc 0
	expect_out_has "what if, 2023-09: red_margin=0.3"
	# 50% of the talents against 75% expected: 25 points behind, within 30
	expect_out_has "区发改局                引进培育服务业领军人才         1   0.50  red → yellow"
}

test_parameter_values_are_checked() {
	import_sample
	run whatif "$PLAN" --period 2023-09 --param red_margin=0.9
	expect_rc 1
	expect_err "$ROOT/rules/lucheng-2023.lua:$(line_of "$ROOT/rules/lucheng-2023.lua" '^local P = params'): --param red_margin=0.9 is outside its range 0..0.5"
	run whatif "$PLAN" --period 2023-09 --param red_margn=0.2
	expect_rc 1
	expect_err "assay: --param red_margn: $ROOT/rules/lucheng-2023.lua declares no parameter 'red_margn' (did you mean 'red_margin'?)"
	run whatif "$PLAN" --period 2023-09 --param red_margin=lots
	expect_rc 2
	expect_err_has "--param 'red_margin=lots': write NAME=NUMBER"
}

test_check_refuses_a_default_out_of_range() {
	plan=$(mini_plan)
	printf 'local P = params { floor = { default = 1.5, min = 0, max = 1, about = "不得分线" } }\n' |
		cat - "$FIX/mini.lua" >"$T/mini.lua"
	run check "$plan"
	expect_rc 1
	expect_err "$T/mini.lua:1: params.floor: the default 1.5 is outside its range 0..1"
	printf 'local P = params { floor = { default = 0.5 } }\n' | cat - "$FIX/mini.lua" >"$T/mini.lua"
	run check "$plan"
	expect_rc 1
	expect_err "$T/mini.lua:1: params.floor needs 'about': what it means, in the plan's language"
}
