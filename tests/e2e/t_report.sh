# assay report: the HTML page, the workbook, Markdown and CSV for Excel;
# the progress bar of long runs.

# report_mini ARGS...: the mini plan's June to August figures, then
# `assay report` on them.
report_mini() {
	run import "$FIX/mini.yaml" "$FIX/mini-2023-06.csv" "$FIX/mini-2023-07-wide.csv" "$FIX/mini-2023-08.yaml"
	expect_rc 0
	run report "$FIX/mini.yaml" "$@"
}

# count TEXT FILE: how many times TEXT occurs in FILE.
count() {
	grep -oF -- "$1" "$2" | wc -l
}

test_html_summary_ranking_and_cards() {
	report_mini --period 2023-08 -o "$T/r.html"
	expect_rc 0
	[ ! -s "$T/out" ] || fail "with -o nothing goes to stdout"
	local f="$T/r.html"
	grep -qF '<h3>Red light (亮灯督促)</h3>' "$f" || fail "no red-light list"
	grep -qF '<li><b>五马街道</b>: 红灯：品牌首店、单位能耗、举办展会活动</li>' "$f" || fail "五马街道's red light and reason"
	grep -qF '<li><b>区财政局</b>: 红灯：服务贸易额</li>' "$f" || fail "区财政局's red light"
	# the axis runs 0 to 80 over 420 units: 79.76 is 418.75 long
	grep -qF '<text x="182" y="36" text-anchor="end">1. 区商务局</text><rect class="bar-none" x="190.00" y="24" width="418.75" height="16"/><text class="total" x="614.75" y="36">79.76</text>' "$f" ||
		fail "区商务局's bar: rank 1, the longest bar, 79.76"
	grep -qF '<text x="182" y="84" text-anchor="end">3. 区财政局</text><rect class="bar-red_light" x="190.00" y="72" width="0.00" height="16"/><text class="total" x="196.00" y="84">0.00<tspan class="verdict" font-weight="bold"> red light</tspan></text>' "$f" ||
		fail "区财政局's bar: third, red light, 0, its verdict written"
	[ "$(count '<section class="unit"' "$f")" = 4 ] || fail "expected a section per unit (4)"
	grep -qF '<h2>区商务局 (commerce) · 区级部门 · rank 1 of 3</h2>' "$f" || fail "区商务局's heading"
	grep -qF '<tr><td>品牌首店 (家)</td><td class="num">7</td><td class="num">10</td><td class="num">70.0%</td><td class="num">1.25</td><td class="l-green">● green</td><td>完成率70%，超过时序进度3.3个百分点 · note: 含快闪店</td></tr>' "$f" ||
		fail "区商务局's 品牌首店 row"
	grep -qF '<p class="totals">total 79.76 · green 2 · yellow 0 · red 0</p><p class="verdict">verdict: none</p>' "$f" || fail "区商务局's total"
}

test_html_matrix_has_a_cell_per_unit_and_indicator() {
	report_mini --period 2023-08 -o "$T/r.html"
	expect_rc 0
	# 4 units × 4 indicators, 7 of them assigned
	[ "$(count '<td class="cell' "$T/r.html")" = 16 ] || fail "expected 16 matrix cells"
	[ "$(count '<td class="cell na"' "$T/r.html")" = 9 ] || fail "expected 9 cells of units not responsible"
	grep -qF '<td class="cell l-red" title="区财政局 · 服务贸易额: red — 未报送">■</td>' "$T/r.html" ||
		fail "区财政局's red cell, with its shape for black-and-white print"
	grep -qF '<td class="cell l-green" title="区商务局 · 服务贸易额: green — 完成率102.9%，超过时序进度36.2个百分点">●</td>' "$T/r.html" ||
		fail "区商务局's green cell"
}

test_html_trend_from_earlier_months() {
	report_mini --period 2023-08 -o "$T/r.html"
	expect_rc 0
	# The figures start in June: months before it are not drawn; June and
	# July are scored on the fly as `assay score` would score them.
	local unit points
	for unit in commerce:'Jun: 66.67 Jul: 69.05 Aug: 79.76' finance:'Jun: 100.00 Jul: 100.00 Aug: 0.00'; do
		points=$(sed -n "/id=\"unit-${unit%%:*}\"/,/<\/section>/p" "$T/r.html" |
			grep -o '<title>[A-Za-z]*: [0-9.]*</title>' | sed 's/<[^>]*>//g' | tr '\n' ' ')
		[ "$points" = "${unit#*:} " ] || fail "${unit%%:*}: expected points ${unit#*:}, got $points"
	done
	[ "$(count '<figure class="trend">' "$T/r.html")" = 4 ] || fail "expected 4 trend charts"
	# the last total is written out, for print
	sed -n '/id="unit-commerce"/,/<\/section>/p' "$T/r.html" | grep -qF 'text-anchor="end">79.76</text>' ||
		fail "区商务局's chart should show August's total"
}

test_html_is_self_contained() {
	report_mini --period 2023-08 -o "$T/r.html"
	expect_rc 0
	local f="$T/r.html"
	grep -qF "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">" "$f" ||
		fail "the page should forbid anything from elsewhere"
	# url(#id) names a part of the page itself (the charts' patterns)
	! grep -qiE '<script|<link|<img|<iframe|@import|url\([^#]' "$f" || fail "the page loads something"
	[ "$(grep -oE '(src|href)=|https?://[^"]*' "$f" | sort -u)" = "http://www.w3.org/2000/svg" ] ||
		fail "only the SVG namespace may name an address"
	grep -qF '"Microsoft YaHei","Noto Sans CJK SC"' "$f" || fail "no CJK font fallbacks"
	grep -qF '@media print{' "$f" || fail "no print style sheet"
	grep -qF 'section.unit{break-before:page}' "$f" || fail "no page break between units"
}

test_html_escapes_text() {
	local plan; plan=$(mini_plan)
	sed -i 's/name: 区商务局/name: "区商务局<b>\&"/' "$plan"
	printf 'unit,indicator,period,value\ncommerce,trade,2023-06,7000\n' | write f.csv
	run import "$plan" "$T/f.csv"
	expect_rc 0
	run report "$plan" --period 2023-06
	expect_rc 0
	expect_out_has '<h2>区商务局&lt;b&gt;&amp; (commerce) · 区级部门 · rank 1 of 3</h2>'
	expect_out_lacks '区商务局<b>'
}

test_markdown() {
	report_mini --period 2023-08 --format md
	expect_rc 0
	expect_out_has '**Red light (亮灯督促)**:'
	expect_out_has '- 五马街道: 红灯：品牌首店、单位能耗、举办展会活动'
	expect_out_has '**Commended (通报表扬)**: none'
	expect_out_has '| 1 | 区商务局 | 79.76 | 0 | none |'
	expect_out_has '| 3 | 区财政局 | 0.00 | 1 | red light |'
	expect_out_has '### 区商务局 (commerce) · 区级部门 · rank 1 of 3'
	expect_out_has '| 品牌首店 (家) | 7 | 10 | 70.0% | 1.25 | ● green | 完成率70%，超过时序进度3.3个百分点 · note: 含快闪店 |'
	expect_out_has '| 服务贸易额 (万美元) | — | 3500 |  | 0.00 | ■ red | 未报送 |'
	expect_out_has 'verdict: red light — 红灯：服务贸易额'
}

test_markdown_escapes_pipes() {
	local plan; plan=$(mini_plan)
	sed -i 's/name: 品牌首店/name: "品牌|首店"/' "$plan"
	run import "$plan" "$FIX/mini-2023-06.csv"
	expect_rc 0
	run report "$plan" --period 2023-06 --format md
	expect_rc 0
	expect_out_has '| 品牌\|首店 (家) | 5 | 10 |'
}

test_csv_with_bom_for_excel() {
	report_mini --period 2023-08 --format csv
	expect_rc 0
	[ "$(head -c 3 "$T/out" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "no byte order mark by default"
	[ "$(head -1 "$T/out" | cut -c4-9)" = "period" ] || fail "the header should follow the mark"
	report_mini --period 2023-08 --format csv --bom
	expect_rc 0
	[ "$(head -c 3 "$T/out" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "--bom: no byte order mark"
	report_mini --period 2023-08 --format csv --no-bom
	expect_rc 0
	[ "$(head -c 6 "$T/out")" = "period" ] || fail "--no-bom: the header comes first"
	run score "$FIX/mini.yaml" --period 2023-08 --format csv --bom
	expect_rc 0
	[ "$(head -c 3 "$T/out" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "score --bom: no byte order mark"
	run score "$FIX/mini.yaml" --period 2023-08 --ranking --format csv --bom
	expect_rc 0
	[ "$(head -c 3 "$T/out" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "score --ranking --bom: no byte order mark"
	[ "$(head -1 "$T/out" | cut -c4-13)" = "group,rank" ] || fail "the ranking's header should follow the mark"
	run score "$FIX/mini.yaml" --period 2023-08 --format csv
	[ "$(head -c 6 "$T/out")" = "period" ] || fail "without --bom there is no mark"
}

test_bom_only_with_csv() {
	report_mini --period 2023-08 --format md --bom
	expect_rc 2
	expect_err_has "assay: --bom and --no-bom go with --format csv"
	report_mini --period 2023-08 --format html --no-bom
	expect_rc 2
	expect_err_has "assay: --bom and --no-bom go with --format csv"
	report_mini --period 2023-08 --format csv --bom --no-bom
	expect_rc 2
	expect_err_has "assay: --bom and --no-bom: choose one"
	run score "$FIX/mini.yaml" --period 2023-08 --bom
	expect_rc 2
	expect_err_has "assay: --bom and --no-bom go with --format csv"
}

# A workbook forwarded on its own says what it is: the report's head in the
# first rows of the first sheet and in the document's properties (title,
# period, status, the run's line, a custom property per row of the head);
# every sheet is a table whose header is frozen, filtered and repeated on
# each printed page, A4 landscape a page wide.
test_xlsx_says_what_it_is_and_prints() {
	report_mini --period 2023-08 --format xlsx -o "$T/r.xlsx"
	expect_rc 0
	local core custom book sheet
	core=$(unzip -p "$T/r.xlsx" docProps/core.xml)
	custom=$(unzip -p "$T/r.xlsx" docProps/custom.xml)
	book=$(unzip -p "$T/r.xlsx" xl/workbook.xml)
	grep -qF '<dc:title>测试方案</dc:title><dc:subject>2023-08</dc:subject>' <<<"$core" ||
		fail "no title and period in the properties" "$core"
	grep -qF '<cp:contentStatus>live draft, not saved</cp:contentStatus>' <<<"$core" ||
		fail "no status in the properties" "$core"
	grep -qE '<cp:keywords>live draft, not saved · generated [0-9-]{10} [0-9:]{8} UTC · fingerprint [0-9a-f]{8}</cp:keywords>' <<<"$core" ||
		fail "no record line in the properties" "$core"
	grep -qF '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="Period"><vt:lpwstr>2023-08</vt:lpwstr></property>' <<<"$custom" ||
		fail "no period among the custom properties" "$custom"
	xlsx_cells "$T/r.xlsx" ranking >"$T/ranking"
	for cell in A1=s:Plan B1=s:测试方案 A2=s:Period B2=s:2023-08 A3=s:Status "B3=s:live draft, not saved" \
		A4=s:Run B4=s:— A5=s:Generated A6=s:Fingerprint A8=s:group; do
		grep -qxF "$cell" "$T/ranking" || fail "ranking: expected $cell" "$(head -20 "$T/ranking")"
	done
	local k ref title
	for k in 1 2 3 4; do
		sheet=$(unzip -p "$T/r.xlsx" xl/worksheets/sheet$k.xml)
		grep -qF '<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>' <<<"$sheet" ||
			fail "sheet $k does not print A4 landscape a page wide" "$sheet"
		case $k in
		1) ref='A8:J12' title='ranking!$8:$8' pane='ySplit="8" topLeftCell="A9"' ;;
		2) ref='A1:E5' title='lights!$1:$1' pane='xSplit="1" ySplit="1" topLeftCell="B2"' ;;
		3) ref='A1:I8' title="'区级部门'!\$1:\$1" pane='xSplit="2" ySplit="1" topLeftCell="C2"' ;;
		4) ref='A1:I5' title="'街镇'!\$1:\$1" pane='xSplit="2" ySplit="1" topLeftCell="C2"' ;;
		esac
		grep -qF "<autoFilter ref=\"$ref\"/>" <<<"$sheet" || fail "sheet $k: no filter on $ref" "$sheet"
		grep -qF "<pane $pane" <<<"$sheet" || fail "sheet $k: header not frozen ($pane)" "$sheet"
		grep -qF "localSheetId=\"$((k - 1))\">$title</definedName>" <<<"$book" ||
			fail "sheet $k: its header is not repeated on each page ($title)" "$book"
	done
}

# Columns are as wide as the longest name they hold, a Chinese character
# two columns wide: 温州市鹿城区商务局（口岸办） is 14 characters, 28 columns
# and a margin of 2.
test_xlsx_columns_fit_chinese_names() {
	local plan
	plan=$(mini_plan)
	sed -i 's/name: 区商务局/name: 温州市鹿城区商务局（口岸办）/' "$plan"
	sed 's/^区商务局,/commerce,/' "$FIX/mini-2023-06.csv" >"$T/june.csv"
	run import "$plan" "$T/june.csv"
	expect_rc 0
	run report "$plan" --period 2023-06 --format xlsx -o "$T/r.xlsx"
	expect_rc 0
	local ranking bureau
	ranking=$(unzip -p "$T/r.xlsx" xl/worksheets/sheet1.xml)
	bureau=$(unzip -p "$T/r.xlsx" xl/worksheets/sheet3.xml)
	grep -qF '<col min="3" max="3" width="30.7109375" customWidth="1"/>' <<<"$ranking" ||
		fail "the ranking's unit column does not fit the name" "$ranking"
	grep -qF '<col min="1" max="1" width="30.7109375" customWidth="1"/>' <<<"$bureau" ||
		fail "the group sheet's unit column does not fit the name" "$bureau"
}

test_xlsx_sheets_and_cells() {
	report_mini --period 2023-08 --format xlsx -o "$T/r.xlsx"
	expect_rc 0
	[ "$(unzip -p "$T/r.xlsx" xl/workbook.xml | grep -o '<sheet name="[^"]*"' | cut -d'"' -f2 | tr '\n' ' ')" = "ranking lights 区级部门 街镇 " ] ||
		fail "sheets: ranking, lights and one per peer group"
	xlsx_cells "$T/r.xlsx" ranking >"$T/ranking"
	for cell in A8=s:group B9=n:1 C9=s:区商务局 E9=n:79.76 H9=n:0 I9=s:none C11=s:区财政局 E11=n:0 I11=s:'red light' J11=s:'red light — 红灯：服务贸易额'; do
		grep -qxF "$cell" "$T/ranking" || fail "ranking: expected $cell" "$(head -20 "$T/ranking")"
	done
	xlsx_cells "$T/r.xlsx" lights >"$T/lights"
	grep -qxF "B2=s:● green" "$T/lights" || fail "lights: 区商务局 / 服务贸易额"
	grep -qxF "D2=s:■ red" "$T/lights" || fail "lights: 区财政局 / 服务贸易额"
	xlsx_cells "$T/r.xlsx" 区级部门 >"$T/bureau"
	for cell in A1=s:unit B1=s:indicator I1=s:reason A2=s:区商务局 B2="s:服务贸易额 (万美元)" C2=n:7200 D2=n:7000 \
		E2=n:1.02857142857143 F2=n:10.71 G2=n:10 H2="s:● green" A4=s:区商务局 \
		"B4=s:区商务局 (commerce) · 区级部门 · rank 1 of 3" E4=s:total F4=n:79.76 I4="s:none" A5=s:区科技局; do
		grep -qxF "$cell" "$T/bureau" || fail "区级部门: expected $cell" "$(head -30 "$T/bureau")"
	done
}

# A plan of more than 300 units: its lights sheet has a row per unit (a
# column each would pass Excel's last column, XFD, at 16,384), every unit
# in it, and the workbook is streamed (strings inline, no shared table).
# big_plan: the benchmark's plan at 400 units × 3 indicators in $T/big,
# its September figures imported.
big_plan() {
	mkdir "$T/big" && lua5.4 "$ROOT/bench/gen.lua" "$T/big" 400 3 9 >/dev/null
	run import "$T/big/bench.yaml" "$T/big/figures.csv"
	expect_rc 0
}

test_xlsx_large_plan_has_its_units_down_the_rows() {
	big_plan
	run report "$T/big/bench.yaml" --period 2025-09 --format xlsx -o "$T/big.xlsx"
	expect_rc 0
	xlsx_cells "$T/big.xlsx" lights >"$T/lights"
	for cell in A1=s:unit B1=s:指标001 D1=s:指标003 A2=s:单位000001 A401=s:单位000400; do
		grep -qxF "$cell" "$T/lights" || fail "lights: expected $cell" "$(head -8 "$T/lights")"
	done
	# every unit exactly once, on the lights sheet and the ranking
	tail -n +2 "$T/big/bench-units.csv" | cut -d, -f2 | sort >"$T/names"
	sed -n 's/^A[0-9]*=s:\(单位.*\)/\1/p' "$T/lights" | sort | cmp -s "$T/names" - ||
		fail "lights: not a row for each of the 400 units, once"
	[ "$(grep -c '^[BCD][0-9]*=s:[●▲■] ' "$T/lights")" = 1200 ] ||
		fail "lights: not a light for each unit and indicator" "$(sed -n 2,6p "$T/lights")"
	! grep -q '^E' "$T/lights" || fail "lights: a column past the three indicators"
	xlsx_cells "$T/big.xlsx" ranking >"$T/ranking"
	sed -n 's/^C[0-9]*=s:\(单位.*\)/\1/p' "$T/ranking" | sort | cmp -s "$T/names" - ||
		fail "ranking: not a row for each unit, once" "$(grep '^C' "$T/ranking" | head -3)"
	unzip -l "$T/big.xlsx" | grep -q sharedStrings && fail "a large workbook is not streamed"
	true
}

# The web page of a plan of more than 300 units has the lights with a row
# per unit and a column per indicator.
test_html_large_plan_has_its_units_down_the_rows() {
	big_plan
	run report "$T/big/bench.yaml" --period 2025-09
	expect_rc 0
	sed -n '/<section id="matrix">/,/<\/section>/p' "$T/out" >"$T/matrix"
	grep -qF '<thead><tr><th class="ind">unit</th><th class="unit">指标001</th><th class="unit">指标002</th><th class="unit">指标003</th></tr></thead>' "$T/matrix" ||
		fail "lights: not the indicators across" "$(grep -F '<thead>' "$T/matrix" | head -c 400)"
	[ "$(grep -c '^<tr><th class="ind">单位0' "$T/matrix")" = 400 ] || fail "lights: not a row per unit"
	[ "$(grep -o '<td class="cell l-[a-z]*"' "$T/matrix" | wc -l)" = 1200 ] ||
		fail "lights: not a cell per unit and indicator"
}

# A plan of more than 1000 units (the benchmark's at 2,100 units × 2
# indicators, groups of 1000) in $T/paged, its figures imported.
paged_plan() {
	mkdir "$T/paged" && lua5.4 "$ROOT/bench/gen.lua" "$T/paged" 2100 2 9 >/dev/null
	run import "$T/paged/bench.yaml" "$T/paged/figures.csv"
	expect_rc 0
}

# The ids of the units whose scorecards the pages FILE... hold, a line each,
# sorted.
scorecard_ids() {
	cat "$@" | grep -o '<section class="unit" id="unit-[^"]*"' | sed 's/.*id="unit-//; s/"$//' | sort
}

# Its web page written to a file is a summary page and a page per peer
# group beside it, linking each other, every unit's scorecard on exactly
# one of them: its group's.
test_html_of_a_large_plan_is_a_page_per_peer_group() {
	paged_plan
	run report "$T/paged/bench.yaml" --period 2025-09 -o "$T/r.html"
	expect_rc 0
	[ "$(cd "$T" && echo r*.html)" = "r-g001.html r-g002.html r-g003.html r.html" ] ||
		fail "not a page per peer group beside the summary" "$(ls "$T")"
	for g in g001 g002 g003; do
		grep -qF "<a href=\"r-$g.html\">" "$T/r.html" || fail "the summary does not link $g's page"
		grep -qF '<a href="r.html">' "$T/r-$g.html" || fail "$g's page does not link the summary"
		grep -q '</html>$' "$T/r-$g.html" || fail "$g's page is not whole"
	done
	grep -qF '<a href="r-g001.html">' "$T/r-g002.html" && grep -qF '<a href="r-g003.html">' "$T/r-g002.html" ||
		fail "g002's page does not link the groups before and after it"
	[ -z "$(scorecard_ids "$T/r.html")" ] || fail "the summary page holds scorecards"
	tail -n +2 "$T/paged/bench-units.csv" | cut -d, -f1 | sort >"$T/units"
	scorecard_ids "$T"/r-g00?.html >"$T/shown"
	cmp -s "$T/units" "$T/shown" || fail "not every unit's scorecard exactly once" \
		"$(diff "$T/units" "$T/shown" | head -5)"
	for g in g001 g002 g003; do
		grep ",$g\$" "$T/paged/bench-units.csv" | cut -d, -f1 | sort >"$T/want"
		scorecard_ids "$T/r-$g.html" | cmp -s "$T/want" - || fail "$g's page does not hold its units"
	done
	# every unit the summary names links to the page that holds its scorecard
	grep -o 'href="r-g00[0-9].html#unit-[^"]*"' "$T/r.html" | sed 's/href="//; s/"$//' >"$T/links"
	[ "$(wc -l <"$T/links")" -gt 100 ] || fail "the summary does not link its units" "$(head -3 "$T/links")"
	while IFS='#' read -r page anchor; do
		grep -qF "id=\"$anchor\"" "$T/$page" || fail "$page holds no $anchor"
	done <"$T/links"
}

# To standard output it stays one page, every scorecard on it.
test_html_of_a_large_plan_to_stdout_is_one_page() {
	paged_plan
	run report "$T/paged/bench.yaml" --period 2025-09
	expect_rc 0
	[ "$(scorecard_ids "$T/out" | wc -l)" = 2100 ] || fail "not every scorecard on the page"
	expect_out_lacks 'href="'
}

test_xlsx_needs_an_output_file() {
	report_mini --period 2023-08 --format xlsx
	expect_rc 2
	expect_err_has "assay: --format xlsx writes a file: name it with -o FILE"
}

test_output_in_a_missing_directory() {
	report_mini --period 2023-08 -o "$T/nowhere/r.html"
	expect_rc 1
	expect_err "assay: unable to write '$T/nowhere/r.html': No such file or directory"
}

test_output_replaced_whole_and_no_temporary_file_left() {
	echo old >"$T/r.md"
	report_mini --period 2023-08 --format md -o "$T/r.md"
	expect_rc 0
	[ "$(head -1 "$T/r.md")" = "# 测试方案" ] || fail "the file was not replaced"
	[ "$(ls "$T" | grep -c 'tmp-')" = 0 ] || fail "a temporary file was left: $(ls "$T")"
}

test_unknown_format() {
	report_mini --period 2023-08 --format pdf
	expect_rc 2
	expect_err_has "assay: unknown format 'pdf' (html, xlsx, md or csv)"
}

test_report_help() {
	run report --help
	expect_rc 0
	expect_out_has "usage: assay report PLAN --period P | RUN [--format html|xlsx|md|csv] [-o FILE] [--no-bom] [--quiet]"
}

test_lucheng_report_has_every_unit_and_cell() {
	import_sample
	run report "$PLAN" --period 2023-09 -o "$T/r.html"
	expect_rc 0
	run units "$PLAN"
	local units indicators
	units=$(($(wc -l <"$T/out") - 1))
	run indicators "$PLAN"
	indicators=$(($(wc -l <"$T/out") - 1))
	[ "$(count '<section class="unit"' "$T/r.html")" = "$units" ] || fail "expected $units unit sections"
	[ "$(count '<td class="cell' "$T/r.html")" = $((units * indicators)) ] || fail "expected $units × $indicators cells"
}

# Progress bars: only on a terminal, never with --quiet.

test_no_progress_bar_when_stderr_is_not_a_terminal() {
	import_sample
	[ ! -s "$T/err" ] || fail "import printed to stderr: $(cat "$T/err")"
	run score "$PLAN" --period 2023-09
	expect_rc 0
	[ ! -s "$T/err" ] || fail "score printed to stderr: $(cat "$T/err")"
	run report "$PLAN" --period 2023-09 -o "$T/r.html"
	expect_rc 0
	[ ! -s "$T/err" ] || fail "report printed to stderr: $(cat "$T/err")"
}

# on_terminal COMMAND: runs it with a terminal as stdin, stdout and stderr
# (util-linux's script), everything it wrote into $T/tty.
on_terminal() {
	script -qec "$1" /dev/null >"$T/tty" </dev/null
}

test_progress_bar_on_a_terminal() {
	command -v script >/dev/null || fail "script (util-linux) is needed"
	on_terminal "'$ASSAY' --db '$T/assay.db' import '$PLAN' '$DATA'/lucheng-2023-2023-0*.csv"
	grep -qF "reading [##############################] 100% (10/10)" "$T/tty" || fail "no import bar: $(cat -v "$T/tty")"
	on_terminal "'$ASSAY' --db '$T/assay.db' report '$PLAN' --period 2023-09 -o '$T/r.html'"
	grep -qF "scoring [##############################] 100% (290/290)" "$T/tty" || fail "no scoring bar: $(cat -v "$T/tty")"
	grep -qF $'\r\033[K' "$T/tty" || fail "the bar should be cleared at the end"
	on_terminal "'$ASSAY' --db '$T/assay.db' score '$PLAN' --period 2023-09 --quiet"
	! grep -qF "scoring [" "$T/tty" || fail "--quiet should leave the bar out"
}

test_failing_rule_is_marked_and_exits_1() {
	local p; p=$(mini_plan)
	printf 'score.trade = function(it)\nreturn it.actual > nil\nend\n' >>"$T/mini.lua"
	run import "$p" "$FIX/mini-2023-06.csv"
	expect_rc 0
	run report "$p" --period 2023-06 -o "$T/r.html"
	expect_rc 1
	expect_err_has "assay: 3 rule errors; the scorecards mark them:"
	expect_err_has "$T/mini.lua:16: attempt to compare nil with number (unit 区商务局, indicator trade)"
	grep -qF '<td class="cell l-error" title="区商务局 · 服务贸易额: error — ' "$T/r.html" || fail "no error cell in the matrix"
	grep -qF '<p class="totals">not scored: the rules failed for 1 indicator</p>' "$T/r.html" || fail "the card should say why it has no total"
	grep -qF '<text x="190" y="36">error</text>' "$T/r.html" || fail "the ranking chart should mark the unit"
}

# A report written to a file as it is made is the one printed to stdout;
# one that cannot be written fails.
test_report_to_a_file_is_the_printed_one() {
	# one time for both reports: a report says when it was generated, and
	# two runs a second apart would differ by that alone
	export SOURCE_DATE_EPOCH=1700000000
	for format in html csv; do
		report_mini --period 2023-08 --format "$format" -o "$T/r.$format"
		expect_rc 0
		run report "$FIX/mini.yaml" --period 2023-08 --format "$format"
		expect_rc 0
		cmp -s "$T/out" "$T/r.$format" || fail "$format: the file is not what is printed"
		"$ASSAY" --db "$T/assay.db" report "$FIX/mini.yaml" --period 2023-08 --format "$format" \
			>/dev/full 2>"$T/err"
		echo $? >"$T/rc"
		expect_rc 1
		expect_err "assay: unable to write the output: No space left on device"
	done
	[ "$(ls "$T" | grep -c 'tmp-')" = 0 ] || fail "a temporary file was left"
}
