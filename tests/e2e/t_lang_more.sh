# The rest of the Chinese interface: the errors people meet most (in the
# plan, the figures and the rules), every command's help, and what runs,
# show, diff, verify, whatif, explain, history, params and test print; each
# in Chinese and, beside it, in the English the other tests pin.

# broken_mini SED: a copy of the mini plan and its rules in $T with SED
# applied to the plan; prints the plan's path.
broken_mini() {
	local p; p=$(mini_plan)
	sed -i "$1" "$p"
	echo "$p"
}

# expect_check_fails PLAN ENGLISH CHINESE: check refuses the plan, saying so
# in each language.
expect_check_fails() {
	run check "$1"
	expect_rc 1
	expect_err "$2"
	run --lang zh check "$1"
	expect_rc 1
	expect_err "$3"
}

test_plan_misspelt_indicator() {
	local p; p=$(broken_mini 's/    indicator: trade/    indicator: trad/')
	expect_check_fails "$p" \
		"$p:51:16: unknown indicator 'trad' (did you mean 'trade'?)" \
		"$p:51:16: 未知指标“trad”（是否要用“trade”？）"
}

test_plan_misspelt_key() {
	local p; p=$(broken_mini 's/^year: 2023/yaer: 2023/')
	expect_check_fails "$p" \
		"$p:4:1: unknown key 'yaer' in the plan (did you mean 'year'?)" \
		"$p:4:1: 未知键“yaer”（位于方案；是否要用“year”？）"
}

test_plan_unknown_choice() {
	local p; p=$(broken_mini 's/    kind: count/    kind: cnt/')
	expect_check_fails "$p" \
		"$p:33:11: unknown kind 'cnt' (did you mean 'count'?): use amount, count, rate, share, level or task" \
		"$p:33:11: 未知的 kind“cnt”（是否要用“count”？）：可用 amount、count、rate、share、level 或 task"
}

test_plan_missing_key_and_bad_number() {
	local p; p=$(broken_mini 's/^title: 测试方案//')
	expect_check_fails "$p" "$p:2:1: the plan has no 'title'" "$p:2:1: 方案缺少“title”"
	p=$(broken_mini 's/    target: 3500/    target: lots/')
	expect_check_fails "$p" "$p:52:13: target must be a number, not 'lots'" \
		"$p:52:13: target 必须是数字，而不是“lots”"
}

test_plan_wrong_kind_of_node() {
	local p; p=$(broken_mini 's/^groups:/groups: 3\nx:/')
	run --lang zh check "$p"
	expect_rc 1
	expect_err "$p:7:1: 未知键“x”（位于方案；是否要用“id”？）"
	p=$(broken_mini '/^groups:/,/^units:/{/^groups:/!{/^units:/!d}}')
	sed -i 's/^groups:/groups: none/' "$p"
	run --lang zh check "$p"
	expect_rc 1
	expect_err "$p:6:9: groups 应为列表，而不是单个值"
}

# expect_import_fails FILE ENGLISH CHINESE: import refuses FILE, saying so
# in each language, and stores nothing.
expect_import_fails() {
	run import "$FIX/mini.yaml" "$1"
	expect_rc 1
	expect_err "$2"
	run --lang zh import "$FIX/mini.yaml" "$1"
	expect_rc 1
	expect_err "$3"
	[ ! -e "$T/assay.db" ] || [ "$(stored 'SELECT count(*) FROM figures')" = 0 ] ||
		fail "a refused import stored figures"
}

test_figures_unit_not_responsible() {
	printf 'unit,indicator,period,value\n区科技局,stores,2023-07,3\n' >"$T/bad.csv"
	expect_import_fails "$T/bad.csv" \
		"$T/bad.csv:2:2: unit '区科技局' is not responsible for indicator 'stores' in plan 'mini'" \
		"$T/bad.csv:2:2: 单位“区科技局”不是指标“stores”的责任单位（方案“mini”）"
}

test_figures_not_a_number() {
	printf 'unit,indicator,period,value\n区商务局,trade,2023-07,abc\n' >"$T/bad.csv"
	expect_import_fails "$T/bad.csv" "$T/bad.csv:2:4: value 'abc' is not a number" \
		"$T/bad.csv:2:4: 数值“abc”不是数字"
	printf 'unit,indicator,period,value\n区商务局,trade,2023-07,"1,5"\n' >"$T/bad.csv"
	run --lang zh import "$FIX/mini.yaml" "$T/bad.csv"
	expect_err "$T/bad.csv:2:4: 数值“1,5”不是数字（小数点请用“.”；“,”只能用作千位分隔，如 1,234.5）"
}

test_figures_wrong_period_and_unknown_indicator() {
	printf 'unit,indicator,period,value\n区商务局,trade,2024-07,1\n' >"$T/bad.csv"
	expect_import_fails "$T/bad.csv" "$T/bad.csv:2:3: period 2024-07 is outside the plan's year 2023" \
		"$T/bad.csv:2:3: 期间 2024-07 不在方案的2023年度之内"
	printf 'unit,period,trade,stroes\n区商务局,2023-07,7100,4\n' >"$T/bad.csv"
	expect_import_fails "$T/bad.csv" "$T/bad.csv:2:4: unknown indicator 'stroes' (did you mean 'stores'?)" \
		"$T/bad.csv:2:4: 未知指标“stroes”（是否要用“stores”？）"
}

test_figures_ragged_row_and_file_type() {
	printf 'unit,indicator,period,value\n区商务局,trade,2023-07\n' >"$T/bad.csv"
	run --lang zh import "$FIX/mini.yaml" "$T/bad.csv"
	expect_rc 1
	expect_err "$T/bad.csv:2:4: 这一行有 3 个字段，表头有 4 个：每行每列一个字段（含','的字段请加引号）"
	printf 'unit,indicator,period,value\n' >"$T/bad.txt.gz"
	expect_import_fails "$T/bad.txt.gz" \
		"assay: $T/bad.txt.gz: unknown file type: name it .csv, .tsv (tab-separated), .xlsx, .xls, .yaml or .yml" \
		"assay: $T/bad.txt.gz：未知文件类型：请使用 .csv、.tsv（制表符分隔）、.xlsx、.xls、.yaml 或 .yml 扩展名"
}

# mini_with_rules SED: the mini plan in $T with SED applied to its rule
# file; prints the plan's path.
mini_with_rules() {
	local p; p=$(mini_plan)
	sed -i "$1" "$T/mini.lua"
	echo "$p"
}

test_rule_error_wrapped_in_both_languages() {
	local p; p=$(mini_with_rules 's/^score.default = .*/score.default = function(it) return "x" end/')
	import_mini_june
	run score "$p" --period 2023-06
	expect_rc 1
	expect_err_has "assay: 7 rule errors; the scorecards mark them:"
	expect_err_has "  $T/mini.lua:5: the score rule returned string, not a number (unit 五马街道, indicator events)"
	run --lang zh score "$p" --period 2023-06
	expect_rc 1
	expect_err_has "assay: 7 项规则出错，已在评分表中标出："
	expect_err_has "  $T/mini.lua:5：score 规则返回了 string，而不是数字（单位 五马街道，指标 events）"
	expect_out_has "出错  $T/mini.lua:5：score 规则返回了 string，而不是数字（单位 区商务局，指标 trade）"
}

test_rule_error_message_of_lua_stays_as_lua_gives_it() {
	local p; p=$(mini_with_rules 's/^light = .*/light = function(it) if it.unit == "wuma" then error("no place") end return "green" end/')
	import_mini_june
	run --lang zh score "$p" --period 2023-06 --unit wuma
	expect_rc 1
	expect_err_has "  $T/mini.lua:6: no place（单位 五马街道，指标 events）"
}

test_rule_file_refused_in_both_languages() {
	local p; p=$(mini_with_rules 's/^weights.*/weights { trade = 10, stores = 5, energy = 5 }/')
	run check "$p"
	expect_rc 1
	expect_err "assay: $T/mini.lua: no weight for indicator 'events': add it (or a default) to weights { ... }"
	run --lang zh check "$p"
	expect_rc 1
	expect_err "assay: $T/mini.lua：指标“events”没有权重：请在 weights { ... } 中加上它（或默认值）"
}

test_lint_warning_in_chinese() {
	local p; p=$(mini_with_rules 's/^commend = function/comend = function/')
	run --lang zh check "$p"
	expect_rc 0
	expect_err_has "$T/mini.lua:10: 警告：“comend”不是 assay 会调用的规则（是否要用“commend”？）"
	p=$(mini_plan)
	cat >>"$T/mini.lua" <<'LUA'
commend = std.commend { total = 130 }
red_light = std.red_light { red = 4 }
veto = function(card, failed) return "一票否决" end
LUA
	run --lang zh check "$p"
	expect_rc 0
	expect_err_has "$T/mini.lua:15: 警告：std.commend { total = 130 } 永远达不到（不计加分项）：单位各指标都取最高得分时总分最多为 120.00：请降低总分线，或提高权重或上限"
	expect_err_has "$T/mini.lua:16: 警告：std.red_light { red = 4 } 永远达不到：没有单位参评超过 3 项指标，因此不会有单位亮 4 个红灯：请降低 red"
	expect_err_has "$T/mini.lua:17: 警告：veto 永远不会被调用：方案中没有一票否决指标（binding: true）"
}

# Every command's help starts with its usage in the reader's language.
test_help_of_every_command_in_both_languages() {
	local cmd
	for cmd in check import score report template runs show diff verify history whatif explain \
		params test status units indicators; do
		run "$cmd" --help
		expect_rc 0
		head -1 "$T/out" | grep -q "^usage: assay $cmd" || fail "$cmd --help: $(head -1 "$T/out")"
		run --lang zh "$cmd" --help
		expect_rc 0
		head -1 "$T/out" | grep -q "^用法：assay $cmd" || fail "$cmd --help --lang zh: $(head -1 "$T/out")"
		# the help is Chinese beyond its usage line: no English sentence left
		! sed 1d "$T/out" | grep -qE '\b(the|and|of) [a-z]+ [a-z]+' ||
			fail "$cmd --help --lang zh has English:" "$(sed 1d "$T/out" | grep -E '\b(the|and|of) [a-z]+ [a-z]+' | head -3)"
	done
	run --lang zh import --help
	expect_out_has "  -e, --encoding NAME   文件不是 UTF-8 时的编码：gbk、gb18030，"
	run --lang zh check --help
	expect_out_has "      --strict              把警告当作错误：有警告时退出码为 1"
	run --lang zh whatif --help
	expect_out_has "  -s, --set U:I=VALUE   把 VALUE 当作单位 U 在期末的指标 I 数据（代码或"
}

test_usage_errors_in_chinese() {
	run --lang zh diff 1
	expect_rc 2
	expect_err "assay: diff 需要两个评分记录编号，或一个方案和两个 --period
用法：assay diff RUN_A RUN_B | assay diff PLAN --period A --period B"
	run --lang zh history "$FIX/mini.yaml"
	expect_rc 2
	expect_err_has "assay: 缺少 --unit（单位）"
	run --lang zh score "$FIX/mini.yaml" --period 2023-06 --ranking --summary
	expect_rc 2
	expect_err_has "assay: --summary 和 --ranking 只能选一个"
}

# save_corrected_june: a final run of June (run 1), a correction of
# 区商务局's trade, and a draft of June (run 2) after it.
save_corrected_june() {
	import_mini_june
	run score "$FIX/mini.yaml" --period 2023-06 --final
	expect_rc 0
	printf 'unit,indicator,period,value\n区商务局,trade,2023-06,3000\n' >"$T/fix.csv"
	run import "$FIX/mini.yaml" "$T/fix.csv"
	expect_rc 0
}

test_runs_show_and_saving_in_chinese() {
	save_corrected_june
	run --lang zh score "$FIX/mini.yaml" --period 2023-06 --save
	expect_rc 1
	expect_err_has "assay: 方案“mini”的 2023-06 已有定稿 1（保存于 "
	expect_err_has "：定稿不可更改，因此本次评分未保存；如需替代，请用 --final --supersede 1 --reason 理由 保存"
	run --lang zh runs "$FIX/mini.yaml"
	expect_rc 0
	head -1 "$T/out" | grep -qE '^编号  期间     保存时间（UTC）      保存人 +状态  方案      规则      参数      报送数据  说明$' ||
		fail "runs header: $(head -1 "$T/out")"
	expect_out_has "定稿"
	run runs "$FIX/mini.yaml"
	expect_out_has "final"
	run --lang zh show 1
	expect_rc 0
	expect_out_lines "评分记录 1 · 测试方案（mini）· 2023-06 · 定稿"
	expect_out_has "评分依据（SHA-256）："
	expect_out_has "7 项数据，0 项加减分"
	run show 1
	expect_out_has "7 figures, 0 bonus and deduction items"
	run --lang zh show 9
	expect_rc 1
	expect_err "assay: “$T/assay.db”中没有评分记录 9（共有 1 次评分记录，最后一次是 1；assay runs 方案 可列出）"
}

test_verify_and_diff_in_chinese() {
	save_corrected_june
	run --lang zh verify 1
	expect_rc 1
	expect_out_lines "评分记录 1 · 测试方案（mini）· 2023-06 · 定稿
按数据库和文件的现状重新计算：不一致
  方案：未变
  规则：未变
  参数：未变
  数据：更正 1 项
    区商务局 / 服务贸易额 2023-06: 7000 → 3000"
	expect_out_has "通报表扬：无变化"
	run verify 1
	expect_out_has "scored again from the store and the files as they are now: different"
	run --lang zh score "$FIX/mini.yaml" --period 2023-06 --final --supersede 1 --reason 更正区商务局数据
	expect_rc 0
	expect_err "assay: 已保存评分记录 2：mini 2023-06，定稿，替代评分记录 1"
	run --lang zh diff 1 2
	expect_rc 0
	expect_out_lines "评分记录 1（2023-06，定稿） → 评分记录 2（2023-06，定稿）

排名：没有单位变动

亮灯情况
  单位      指标             实际值          得分  灯
  区商务局  服务贸易额  7000 → 3000  10.00 → 0.00  绿灯 → 黄灯

通报表扬：无变化
亮灯督促：无变化

原因
  方案：未变"
}

test_whatif_and_explain_in_chinese() {
	import_mini_june
	run --lang zh whatif "$FIX/mini.yaml" --period 2023-06 --set 区商务局:trade=3000
	expect_rc 0
	expect_out_lines "单位              总分  排名  考核结果
区商务局  66.67 → 0.00     3  无"
	expect_out_has "区商务局  服务贸易额  7000 → 3000  10.00 → 0.00  绿灯 → 黄灯"
	run --lang zh whatif "$FIX/mini.yaml" --period 2023-06 --set 区商务局:trad=1
	expect_rc 1
	expect_err "assay: --set 区商务局:trad=1：未知指标“trad”（是否要用“trade”？）"
	run --lang zh explain "$FIX/mini.yaml" --period 2023-06 --unit commerce --indicator stores
	expect_rc 0
	expect_out_lines "品牌首店 (stores)
  数据        5 家"
	expect_out_has "  完成率      50.0%  ← 标准库默认的 completion 规则"
	expect_out_has "              std.completion: 实际 5 ÷ 目标 10 → 50%"
	expect_out_has "              std.ratio: 权重 5 × clamp((50% − 60%) ÷ (100% − 60%), 0, 1.2) = 5 × 0 = 0.00"
	expect_out_has ": 应完成 50% − 完成率 50% = 落后 0 个百分点：未超过黄灯幅度 0 → 绿灯"
	expect_out_has "  灯          绿灯：完成率50%，与时序进度持平  ← light，所有指标共用一条规则"
	run --lang zh explain "$FIX/mini.yaml" --period 2023-06 --unit commerce
	expect_rc 0
	expect_out_has "  排名        第3名/共3名（区级部门），按保留两位小数的总分排名：前面有 2 个单位，最接近的是 "
	expect_out_has "  考核结果    无  ← commend（$FIX/mini.lua:10）"
	run --lang zh explain "$FIX/mini.yaml" --period 2023-06 --unit wuma
	expect_out_has "  考核结果    亮灯督促：红灯：品牌首店  ← red_light（$FIX/mini.lua:14）"
	run --lang zh whatif "$FIX/mini.yaml" --period 2023-06 --set wuma:stores=10
	expect_out_has "五马街道  40.00 → 73.33     1  亮灯督促 → 无"
}

# The standard library's steps under each result speak the reader's
# language too: no English word is left in a Chinese explanation beyond
# ids, rule names and file names.
test_explain_steps_of_the_task_list_in_chinese() {
	import_sample
	run --lang zh explain "$PLAN" --period 2023-09 --unit 区发改局
	expect_rc 0
	expect_out_has "              std.task_light: 按期完成 → 绿灯"
	expect_out_has "              std.weighted_share: 100 × 得分 "
	expect_out_has "2023-12-31前完成（任务）"
	expect_out_has "  数据        进行中 · 尚未到期 · 截止 2023-12-31"
	local words
	words=$(sed -E 's/\([a-z_0-9]+\)//g; s/std\.[a-z_]+//g; s/[a-z_.]+（[^）]*）//g;
		s/ [a-z_]+ 规则/规则/g; s/clamp//g' "$T/out" | grep -oE "[A-Za-z]{2,}" | sort -u | tr '\n' ' ')
	[ -z "$words" ] || fail "English left in the Chinese explanation: $words"
	run explain "$PLAN" --period 2023-09 --unit 区发改局
	expect_out_has "              std.task_light: done on time → green"
	expect_out_has "  figure      in progress · not due yet · deadline 2023-12-31"
}

test_history_params_and_rule_tests_in_chinese() {
	import_mini_june
	run --lang zh history "$FIX/mini.yaml" --unit commerce --indicator trade
	expect_rc 0
	expect_out_lines "服务贸易额 (trade)
  期间     数值  备注  来源"
	expect_out_has "导入时间（UTC）      导入人  有效至"
	expect_out_has "当前有效"
	run --lang zh params "$FIX/mini.yaml"
	expect_out_has "规则文件没有声明参数（params { ... }）"
	run --lang zh params "$PLAN"
	expect_out_has "名称          数值  最小值  最大值  含义"
	run --lang zh test "$PLAN"
	expect_rc 0
	[ "$(tail -1 "$T/out")" = "20 项通过，0 项失败" ] || fail "test: $(tail -1 "$T/out")"
	run test "$PLAN"
	[ "$(tail -1 "$T/out")" = "20 passed, 0 failed" ] || fail "test: $(tail -1 "$T/out")"
}

test_store_and_yaml_figures_errors_in_both_languages() {
	echo "not a store" >"$T/assay.db"
	run score "$FIX/mini.yaml" --period 2023-06
	expect_rc 1
	expect_err "assay: store '$T/assay.db' is not an assay store or is damaged (file is not a database)"
	run --lang zh score "$FIX/mini.yaml" --period 2023-06
	expect_rc 1
	expect_err "assay: 数据库“$T/assay.db”不是 assay 数据库或已损坏（file is not a database）"
	rm "$T/assay.db"
	printf '2023-07:\n  区商务局: [1, 2]\n' >"$T/bad.yaml"
	expect_import_fails "$T/bad.yaml" "$T/bad.yaml:2:9: a unit's figures must be a mapping, not a list" \
		"$T/bad.yaml:2:9: 单位的数据应为映射（键: 值），而不是列表"
}

test_failing_rule_test_case_in_chinese() {
	mini_trade_case <<'YAML'
        stores: {score: 1}
YAML
	run --lang zh test "$T/mini.yaml"
	expect_rc 1
	[ "$(cat "$T/out")" = "FAILED  商务局贸易额完成
        区商务局 / stores：score 期望 1，实际 0.00
0 项通过，1 项失败" ] || fail "unexpected:" "$(cat "$T/out")"
}
