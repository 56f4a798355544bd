# The Chinese interface: how the language is chosen (--lang, the plan's
# language key, the locale), and what each command prints in Chinese. This
# machine has no zh_CN locale generated, as a fresh Debian has none: the
# Chinese must come through all the same.

# score_mini_june [ARGS...]: the mini plan's June scorecards.
score_mini_june() {
	import_mini_june
	run score "$FIX/mini.yaml" --period 2023-06 "$@"
	expect_rc 0
}

# The mini plan's 区科技局 in June, as the Chinese scorecard shows it.
ZH_SCIENCE='区科技局 (science) · 区级部门 · 排名 第1名/共3名
  指标                 实际值  目标值  完成率   得分  灯    说明
  服务贸易额 (万美元)    7000    7000  100.0%  10.00  绿灯  完成率100%，超过时序进度50个百分点
  总分 100.00 · 绿灯 1 · 黄灯 0 · 红灯 0
  考核结果：通报表扬 — 总分90分以上且无红灯'

test_lang_zh_prints_a_chinese_scorecard() {
	score_mini_june --lang zh
	expect_out_lines "测试方案（mini）
期间 2023-06 · 时序进度 50.0%"
	expect_out_lines "$ZH_SCIENCE"
	expect_out_lines "五马街道 (wuma) · 街镇 · 排名 第1名/共1名"
	expect_out_has "  考核结果：亮灯督促 — 红灯：品牌首店"
	expect_out_has "  考核结果：无"
	expect_out_lines "排名
区级部门
  排名  单位        总分  红灯  考核结果
     1  区科技局  100.00     0  通报表扬
     1  区财政局  100.00     0  通报表扬
     3  区商务局   66.67     0  无"
	expect_out_lacks "indicator"
	expect_out_lacks "verdict"
}

test_lang_en_is_the_default() {
	score_mini_june
	expect_out_has "  indicator            actual  target  completion  score  light  reason"
	expect_out_has "区科技局 (science) · 区级部门 · rank 1 of 3"
	expect_out_has "  verdict: commendation — 总分90分以上且无红灯"
}

test_the_locale_chooses_chinese() {
	import_mini_june
	LANG=zh_CN.UTF-8 run score "$FIX/mini.yaml" --period 2023-06
	expect_rc 0
	expect_out_lines "$ZH_SCIENCE"
	LC_MESSAGES=zh_CN.UTF-8 run score "$FIX/mini.yaml" --period 2023-06
	expect_out_lines "$ZH_SCIENCE"
	LC_ALL=zh_CN.UTF-8 LANG=en_US.UTF-8 run score "$FIX/mini.yaml" --period 2023-06
	expect_out_lines "$ZH_SCIENCE"
	# LC_ALL comes first, then LC_MESSAGES, then LANG
	LC_ALL=C.UTF-8 LANG=zh_CN.UTF-8 run score "$FIX/mini.yaml" --period 2023-06
	expect_out_has "rank 1 of 3"
	LC_MESSAGES=en_GB.UTF-8 LANG=zh_CN.UTF-8 run score "$FIX/mini.yaml" --period 2023-06
	expect_out_has "rank 1 of 3"
}

test_lang_option_beats_the_locale_and_the_plan() {
	import_mini_june
	LANG=zh_CN.UTF-8 run score "$FIX/mini.yaml" --period 2023-06 --lang en
	expect_out_has "rank 1 of 3"
	local plan; plan=$(mini_plan)
	sed -i '1i language: zh' "$plan"
	run score "$plan" --period 2023-06 --lang=en
	expect_rc 0
	expect_out_has "rank 1 of 3"
	# anywhere on the line, before or after the command
	run --lang zh score "$plan" --period 2023-06
	expect_out_lines "$ZH_SCIENCE"
}

test_plan_language_key_beats_the_locale() {
	import_mini_june
	local plan; plan=$(mini_plan)
	sed -i '1i language: zh' "$plan"
	run score "$plan" --period 2023-06
	expect_rc 0
	expect_out_lines "$ZH_SCIENCE"
	sed -i 's/^language: zh/language: en/' "$plan"
	LANG=zh_CN.UTF-8 run score "$plan" --period 2023-06
	expect_out_has "rank 1 of 3"
	sed -i 's/^language: en/language: fr/' "$plan"
	run check "$plan"
	expect_rc 1
	expect_err "$plan:1:11: language must be zh (Chinese) or en (English), not 'fr'"
}

test_unknown_language_refused() {
	run --lang fr units "$FIX/mini.yaml"
	expect_rc 2
	expect_err_has "assay: unknown language 'fr' (zh or en)"
	run units "$FIX/mini.yaml" --lang
	expect_rc 2
	expect_err_has "assay: --lang needs a language: zh or en"
}

test_ranking_and_summary_in_chinese() {
	score_mini_june --ranking --lang zh
	expect_out_lines "街镇
  排名  单位       总分  红灯  考核结果
     1  五马街道  40.00     1  亮灯督促"
	run score "$FIX/mini.yaml" --period 2023-06 --summary --lang zh
	diff -u - "$T/out" >&2 <<'OUT' || fail "summary differs"
测试方案（mini）· 2023-06
单位 4 · 已评分 4
通报表扬 2：区科技局、区财政局
亮灯督促 1：五马街道
前3名 区科技局 100.00 · 区财政局 100.00 · 区商务局 66.67
OUT
}

test_machine_outputs_stay_english() {
	score_mini_june --lang zh --format csv
	expect_out_has "period,unit,unit_name,group,indicator,indicator_name,measure,actual,target,"
	expect_out_has ",green,"
	expect_out_lacks "绿灯"
	run score "$FIX/mini.yaml" --period 2023-06 --lang zh --format json
	expect_out_has '"light":"green"'
	expect_out_lacks "绿灯"
	run score "$FIX/mini.yaml" --period 2023-06 --lang zh --ranking --format csv
	expect_out_has "group,rank,group_size,unit,unit_name,total,green,yellow,red,missing,verdict,verdict_reason,sample_data"
	expect_out_has ",commendation,"
}

test_html_report_in_chinese() {
	import_mini_june
	run report "$FIX/mini.yaml" --period 2023-06 --lang zh
	expect_rc 0
	expect_out_has '<html lang="zh-CN">'
	expect_out_has '<p class="meta">期间 2023-06 · 时序进度 50.0% · 方案 mini'
	expect_out_has '<h2>概况</h2>'
	expect_out_has '<h3>通报表扬</h3>'
	expect_out_has '<h3>亮灯督促</h3>'
	expect_out_has '<h3>一票否决</h3>'
	expect_out_has '<h2>排名</h2>'
	expect_out_has '<rect class="bar-red_light" x="0.5" y="0.5" width="17" height="11"/></svg>亮灯督促</span>'
	expect_out_has '<h2>亮灯情况</h2>'
	expect_out_has '<span class="l-green">● 绿灯</span><span class="l-yellow">▲ 黄灯</span><span class="l-red">■ 红灯</span><span>○ 未到期</span><span>◇ 配合单位</span>'
	expect_out_has '<th>指标</th><th>实际值</th><th>目标值</th><th>完成率</th><th>得分</th><th>灯</th><th>说明</th>'
	expect_out_has '<p class="verdict">考核结果：通报表扬 — 总分90分以上且无红灯</p>'
	run report "$FIX/mini.yaml" --period 2023-06
	expect_out_has '<html lang="en">'
	expect_out_has '<h2>Summary</h2>'
}

test_markdown_report_in_chinese() {
	import_mini_june
	run report "$FIX/mini.yaml" --period 2023-06 --format md --lang zh
	expect_rc 0
	expect_out_lines "# 测试方案

方案 \`mini\` · 期间 2023-06 · 时序进度 50.0%

|  |  |
|---|---|
| 方案 | 测试方案 |
| 期间 | 2023-06 |
| 状态 | 草稿（未保存） |
| 评分记录 | — |"
	expect_out_has "| 生成时间 | "
	expect_out_has "## 概况"
	expect_out_has "**一票否决**: 无"
	expect_out_has "## 排名"
	expect_out_has "| 排名 | 单位 | 总分 | 红灯 | 考核结果 |"
	expect_out_has "## 评分表"
	expect_out_has "| 指标 | 实际值 | 目标值 | 完成率 | 得分 | 灯 | 说明 |"
	expect_out_has "| 品牌首店 (家) | 3 | 10 | 30.0% | 0.00 | ■ 红灯 | 完成率30%，落后时序进度20个百分点 |"
	expect_out_has "灯：● 绿灯 · ▲ 黄灯 · ■ 红灯 · ○ 未到期 · ◇ 配合单位 · · 仅展示，不计分"
}

test_xlsx_report_in_chinese() {
	import_mini_june
	run report "$FIX/mini.yaml" --period 2023-06 --format xlsx -o "$T/r.xlsx" --lang zh
	expect_rc 0
	xlsx_cells "$T/r.xlsx" 排名 >"$T/ranking"
	grep -qxF "A1=s:方案" "$T/ranking" && grep -qxF "A3=s:状态" "$T/ranking" &&
		grep -qxF "B3=s:草稿（未保存）" "$T/ranking" && grep -qxF "A5=s:生成时间" "$T/ranking" ||
		fail "the report's head in Chinese" "$(head -12 "$T/ranking")"
	grep -qxF "A8=s:组别" "$T/ranking" && grep -qxF "I8=s:考核结果" "$T/ranking" &&
		grep -qxF "J8=s:考核结果说明" "$T/ranking" || fail "ranking headers" "$(head -20 "$T/ranking")"
	grep -qxF "I9=s:通报表扬" "$T/ranking" || fail "the verdict in Chinese" "$(cat "$T/ranking")"
	grep -qF '<cp:contentStatus>草稿（未保存）</cp:contentStatus>' <(unzip -p "$T/r.xlsx" docProps/core.xml) ||
		fail "the status in the properties in Chinese"
	xlsx_cells "$T/r.xlsx" 亮灯情况 >"$T/lights"
	grep -qxF "A1=s:指标" "$T/lights" || fail "lights sheet header" "$(head -3 "$T/lights")"
	xlsx_cells "$T/r.xlsx" 区级部门 >"$T/bureau"
	grep -qxF "B4=s:区商务局 (commerce) · 区级部门 · 排名 第3名/共3名" "$T/bureau" &&
		grep -qxF "C1=s:实际值" "$T/bureau" && grep -qxF "H2=s:● 绿灯" "$T/bureau" ||
		fail "a unit's scorecard in Chinese" "$(head -20 "$T/bureau")"
}

test_template_in_chinese_is_imported_back() {
	run template "$FIX/mini.yaml" --period 2023-08 --unit 五马街道 --lang zh --no-bom
	expect_rc 0
	[ "$(head -1 "$T/out")" = "单位代码,单位名称,指标代码,指标名称,计量单位,目标值,上期,上期数值,期间,数值,备注,填报说明" ] ||
		fail "template headers in Chinese" "$(head -1 "$T/out")"
	awk -F, -v OFS=, '$3 == "stores" { $10 = 7; $11 = "已核" } { print }' "$T/out" >"$T/filled.csv"
	run import "$FIX/mini.yaml" "$T/filled.csv"
	expect_rc 0
	run history "$FIX/mini.yaml" --unit 五马街道 --indicator stores
	expect_out_has "已核"
	run template "$FIX/mini.yaml" --period 2023-08 --format xlsx -o "$T/t.xlsx" --lang zh
	expect_rc 0
	xlsx_cells "$T/t.xlsx" 五马街道 | grep -qxF "J1=s:数值" || fail "the workbook's headers in Chinese"
}

test_common_errors_in_chinese() {
	run --lang zh scroe "$FIX/mini.yaml"
	expect_rc 2
	expect_err "assay: 未知命令“scroe”（是否要用“score”？）
用法：assay [--db PATH] [--lang zh|en] COMMAND [ARGS...]"
	run --lang zh score "$FIX/mini.yaml"
	expect_rc 2
	expect_err_has "assay: 缺少 --period（考核期间）"
	run --lang zh score "$FIX/mini.yaml" --period 2023-13
	expect_rc 2
	expect_err_has "assay: “2023-13”不是期间：请写 2023、2023Q3 或 2023-09"
	run --lang zh score "$FIX/mini.yaml" --period 2024
	expect_rc 1
	expect_err "assay: 期间 2024 不在方案的2023年度之内"
	run --lang zh report "$FIX/mini.yaml" --period 2023-06 --format pdf
	expect_rc 2
	expect_err_has "assay: 未知格式“pdf”（可用 html、xlsx、md 或 csv）"
	run --lang zh score "$T/nothere.yaml" --period 2023-06
	expect_rc 1
	# the system's own words for why follow (strerror), in Chinese where
	# the system has them
	expect_err_has "assay: 无法读取方案“$T/nothere.yaml”："
	run --lang zh score "$FIX/mini.yaml" --period 2023-06
	expect_rc 1
	expect_err "assay: 数据库“$T/assay.db”不存在：请先导入数据（assay import 方案 文件...）"
	import_mini_june
	run --lang zh score "$FIX/mini.yaml" --period 2023-06 --unit 五马街
	expect_rc 1
	expect_err "$FIX/mini.yaml: 未知单位“五马街”（是否要用“五马街道”？）"
}

test_help_in_chinese() {
	run --lang zh --help
	expect_rc 0
	expect_out_has "  score        某一期间的评分表和排名"
	expect_out_has "  --lang zh|en   输出语言，各命令通用"
	run score --help --lang zh
	expect_out_has "用法：assay score PLAN --period P"
	expect_out_has "  -r, --ranking         只输出排名：每个单位一行（表格或 csv）"
	expect_out_has "      --max-seconds S       每次调用规则最多 S 秒（默认 5）"
}

test_lucheng_scorecard_wholly_chinese() {
	import_sample
	LANG=zh_CN.UTF-8 run score "$PLAN" --period 2023-09
	expect_rc 0
	cp "$T/out" "$T/by-locale"
	run score "$PLAN" --period 2023-09 --lang zh
	cmp -s "$T/out" "$T/by-locale" || fail "--lang zh and LANG=zh_CN.UTF-8 differ"
	# no English word is left but the units' and the plan's ids in brackets
	local words
	words=$(sed 's/([a-z0-9_-]*)//g; s/（[a-z0-9_-]*）//g' "$T/out" | grep -oE '[A-Za-z]{2,}' | sort -u | tr '\n' ' ')
	[ -z "$words" ] || fail "English left in the Chinese scorecard: $words"
	expect_out_has "构建服务业紧缺领军人才开发目录库                            进行中  2023-12-31前完成"
}

test_listings_and_status_in_chinese() {
	run units "$FIX/mini.yaml" --lang zh
	expect_rc 0
	expect_out_has "代码      名称      组别      指标数"
	expect_out_has "wuma      五马街道  街镇           3"
	run indicators "$FIX/mini.yaml" --lang zh
	expect_out_has "代码    名称          计量单位       类型    方向"
	import_mini_june
	run status "$FIX/mini.yaml" --period 2023-06 --lang zh
	expect_rc 0
	expect_out_lines "测试方案（mini）
2023-06 报送情况

单位      应报  已报  未报送  沿用  待核实  明细"
	expect_out_has "合计         7     7       0     0       0"
}

test_check_and_import_in_chinese() {
	run --lang zh check "$FIX/mini.yaml"
	expect_rc 0
	[ "$(cat "$T/out")" = "$FIX/mini.yaml：检查通过：4 个单位（分 2 组），4 项指标，7 个单位指标目标；规则 $FIX/mini.lua" ] || fail "unexpected:" "$(cat "$T/out")"
	run --lang zh import "$FIX/mini.yaml" "$FIX/mini-2023-06.csv"
	expect_rc 0
	[ "$(cat "$T/out")" = "已从 1 个文件导入 7 项数据到 $T/assay.db：新增 7 项，更正 0 项，未变 0 项" ] || fail "unexpected:" "$(cat "$T/out")"
	run --lang en import "$FIX/mini.yaml" "$FIX/mini-2023-06.csv"
	[ "$(cat "$T/out")" = "imported 7 figures from 1 file into $T/assay.db: 0 new, 0 corrected, 7 unchanged" ] || fail "unexpected:" "$(cat "$T/out")"
}
