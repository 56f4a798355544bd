# assay template: the sheet each unit fills in, read back by assay import
# as CSV and as an Excel workbook.

import_mini_june_july() {
	run import "$FIX/mini.yaml" "$FIX/mini-2023-06.csv" "$FIX/mini-2023-07-wide.csv"
	expect_rc 0
}

# bom_then FILE: FILE starts with a UTF-8 byte order mark; prints the rest.
bom_then() {
	[ "$(head -c 3 "$1" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "no byte order mark"
	tail -c +4 "$1"
}

test_template_rows_with_targets_and_last_figures() {
	import_mini_june_july
	run template "$FIX/mini.yaml" --period 2023-08
	expect_rc 0
	[ "$(bom_then "$T/out")" = "unit,unit_name,indicator,indicator_name,measure,target,last_period,last_value,period,value,note,guide
commerce,区商务局,trade,服务贸易额,万美元,7000,2023-07,7100,2023-08,,,填写1-8月累计值，单位：万美元；目标≥7000
commerce,区商务局,stores,品牌首店,家,10,2023-07,6,2023-08,,,填写1-8月累计值，单位：家；目标≥10
science,区科技局,trade,服务贸易额,万美元,7000,2023-07,7000,2023-08,,,填写1-8月累计值，单位：万美元；目标≥7000
finance,区财政局,trade,服务贸易额,万美元,3500,2023-07,3500,2023-08,,,填写1-8月累计值，单位：万美元；目标≥3500
wuma,五马街道,stores,品牌首店,家,10,2023-07,4,2023-08,,,填写1-8月累计值，单位：家；目标≥10
wuma,五马街道,energy,单位能耗,吨标准煤/万元,≤ 0.5,2023-07,0.45,2023-08,,,填写期末数值，单位：吨标准煤/万元；目标≤0.5
wuma,五马街道,events,举办展会活动,场,60,2023-07,29,2023-08,,,填写1-8月累计值，单位：场；目标≥60" ] || fail "unexpected template:" "$(cat "$T/out")"
}

test_template_csv_without_bom_for_tools() {
	run template "$FIX/mini.yaml" --period 2023-08 --unit 五马街道 --no-bom
	expect_rc 0
	[ "$(head -1 "$T/out")" = "unit,unit_name,indicator,indicator_name,measure,target,last_period,last_value,period,value,note,guide" ] ||
		fail "--no-bom: the header comes first" "$(head -1 "$T/out")"
	run template "$FIX/mini.yaml" --period 2023-08 --no-bom --bom
	expect_rc 2
	expect_err_has "assay: --bom and --no-bom: choose one"
	run template "$FIX/mini.yaml" --period 2023-08 --format xlsx -o "$T/t.xlsx" --no-bom
	expect_rc 2
	expect_err_has "assay: --bom and --no-bom go with --format csv"
}

test_template_for_one_unit_without_a_store() {
	run template "$FIX/mini.yaml" --period 2023-08 --unit 五马街道 --bom
	expect_rc 0
	[ "$(head -c 3 "$T/out" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "no byte order mark"
	[ "$(wc -l <"$T/out")" = 4 ] || fail "expected a header and 五马街道's 3 rows"
	grep -qxF "wuma,五马街道,energy,单位能耗,吨标准煤/万元,≤ 0.5,,,2023-08,,,填写期末数值，单位：吨标准煤/万元；目标≤0.5" "$T/out" || fail "energy row without a last figure"
}

test_template_tasks() {
	run import "$SEM/tasks.yaml" "$SEM/tasks-figures.yaml"
	expect_rc 0
	run template "$SEM/tasks.yaml" --period 2023-08 --unit 区经信局
	expect_rc 0
	expect_out_lacks ",policy," # 区经信局 supports 区发改局, who reports it
	expect_out_has "econ,区经信局,project_start,重大项目一期工程开工,,by 2023-09-30,2023-07,in progress,2023-08,,,填写完成日期（如2023-06-20）；未完成选“推进中”；期限：2023-09-30前完成"
	run template "$SEM/tasks.yaml" --period 2023-08 --unit 区发改局
	expect_out_has "drc,区发改局,policy,出台服务业扶持政策,,by 2023-06-30,2023-06,2023-06-20,2023-08,,,"
}

test_template_only_what_is_due() {
	run template "$SEM/periods.yaml" --period 2023-08 --unit a
	expect_rc 0
	[ "$(cut -d, -f3 "$T/out" | tail -n +2 | tr '\n' ' ')" = "sales_ytd sales_month " ] ||
		fail "August: only the monthly reports are due" "$(cat "$T/out")"
	run template "$SEM/periods.yaml" --period 2023Q3 --unit a
	[ "$(cut -d, -f3 "$T/out" | tail -n +2 | tr '\n' ' ')" = "sales_ytd sales_month investment new_firms " ] ||
		fail "the third quarter: the quarterly reports too" "$(cat "$T/out")"
	run template "$SEM/periods.yaml" --period 2023 --unit a
	[ "$(cut -d, -f3 "$T/out" | tail -n +2 | tr '\n' ' ')" = "sales_ytd sales_month investment new_firms survey_rate " ] ||
		fail "the year: every report" "$(cat "$T/out")"
}

# fill FILE UNIT INDICATOR VALUE [NOTE]: a person writes a figure into a
# CSV template's row.
fill() {
	awk -F, -v OFS=, -v u="$2" -v i="$3" -v v="$4" -v n="${5-}" \
		'$1 == u && $3 == i { $10 = v; $11 = n } { print }' "$1" >"$1.new" && mv "$1.new" "$1"
}

test_csv_template_round_trip() {
	import_mini_june_july
	run template "$FIX/mini.yaml" --period 2023-08 -o "$T/august.csv"
	expect_rc 0
	fill "$T/august.csv" commerce trade 7300 含技术服务
	fill "$T/august.csv" wuma events 41
	run import "$FIX/mini.yaml" "$T/august.csv"
	expect_rc 0
	expect_out_has "imported 2 figures from 1 file"
	score_csv "$FIX/mini.yaml" 2023-08
	expect_item commerce trade actual=7300 note=含技术服务 as_of=2023-08
	expect_item wuma events actual=41 as_of=2023-08
	expect_item commerce stores flags=missing actual=
}

test_csv_template_bad_value_is_located() {
	run template "$FIX/mini.yaml" --period 2023-08 -o "$T/august.csv"
	fill "$T/august.csv" wuma stores 1x
	run import "$FIX/mini.yaml" "$T/august.csv"
	expect_rc 1
	expect_err "$T/august.csv:6:10: value '1x' is not a number"
}

# fill_xlsx FILE SHEET ROW VALUE [NOTE]: a person types a figure (and a
# note) into row ROW of a workbook template's sheet (sheet2: the first
# unit's, after the instructions): the value as a number when it is one,
# else as text, the note as an inline string, as spreadsheets save them.
fill_xlsx() {
	python3 - "$@" <<'PY'
import re, shutil, sys, zipfile
path, sheet, row, value = sys.argv[1:5]
note = sys.argv[5] if len(sys.argv) > 5 else None
part = "xl/worksheets/%s.xml" % sheet
src = zipfile.ZipFile(path)
parts = {n: src.read(n) for n in src.namelist()}
src.close()
xml = parts[part].decode()
try:
    float(value)
    cell = '<c r="J%s"><v>%s</v></c>' % (row, value)
except ValueError:
    cell = '<c r="J%s" t="inlineStr"><is><t>%s</t></is></c>' % (row, value)
xml, n = re.subn(r'<c r="J%s"[^>]*/>' % row, cell, xml)
assert n == 1, "no empty value cell in row " + row
if note:
    xml = re.sub(r'<c r="K%s"[^>]*/>' % row,
                 '<c r="K%s" t="inlineStr"><is><r><t>%s</t></r><r><t>（核）</t></r></is></c>' % (row, note), xml)
parts[part] = xml.encode()
with zipfile.ZipFile(path + ".new", "w", zipfile.ZIP_DEFLATED) as out:
    for n, data in parts.items():
        out.writestr(n, data)
shutil.move(path + ".new", path)
PY
}

test_xlsx_template_round_trip() {
	import_mini_june_july
	run template "$FIX/mini.yaml" --period 2023-08 --format xlsx -o "$T/august.xlsx"
	expect_rc 0
	[ "$(unzip -p "$T/august.xlsx" xl/workbook.xml | grep -o '<sheet name="[^"]*"' | cut -d'"' -f2 | tr '\n' ' ')" = "填表说明 区商务局 区科技局 区财政局 五马街道 " ] ||
		fail "the template should have the instructions, then a sheet per unit"
	fill_xlsx "$T/august.xlsx" sheet2 2 7300 含技术服务
	fill_xlsx "$T/august.xlsx" sheet5 4 41
	run import "$FIX/mini.yaml" "$T/august.xlsx"
	expect_rc 0
	expect_out_has "imported 2 figures from 1 file"
	score_csv "$FIX/mini.yaml" 2023-08
	expect_item commerce trade actual=7300 note=含技术服务（核） as_of=2023-08
	expect_item wuma events actual=41 as_of=2023-08
}

test_xlsx_template_reads_targets_back_as_numbers() {
	import_mini_june_july
	run template "$FIX/mini.yaml" --period 2023-08 --format xlsx -o "$T/august.xlsx"
	unzip -p "$T/august.xlsx" xl/worksheets/sheet2.xml >"$T/sheet.xml"
	grep -qF '<c r="F2"><v>7000</v></c>' "$T/sheet.xml" || fail "the target should be a number"
	unzip -p "$T/august.xlsx" xl/worksheets/sheet5.xml >"$T/sheet.xml"
	grep -qF '<c r="H3"><v>0.45</v></c>' "$T/sheet.xml" || fail "the last figure should be a number"
}

test_xlsx_bad_value_is_located() {
	run template "$FIX/mini.yaml" --period 2023-08 --format xlsx -o "$T/august.xlsx"
	fill_xlsx "$T/august.xlsx" sheet5 2 很多
	run import "$FIX/mini.yaml" "$T/august.xlsx"
	expect_rc 1
	expect_err "$T/august.xlsx!五马街道!J2: value '很多' is not a number"
}

test_xlsx_task_date_typed_as_text() {
	run template "$SEM/tasks.yaml" --period 2023-07 --unit drc --format xlsx -o "$T/july.xlsx"
	expect_rc 0
	local row
	row=$(python3 -c "
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
s = [t for t in re.findall(r'<t[^>]*>([^<]*)</t>', z.read('xl/sharedStrings.xml').decode())]
x = z.read('xl/worksheets/sheet2.xml').decode()
for r, body in re.findall(r'<row r=\"(\d+)\"[^>]*>(.*?)</row>', x):
    m = re.search(r'<c r=\"C%s\"[^>]*t=\"s\"[^>]*><v>(\d+)</v>' % r, body)
    if m and s[int(m.group(1))] == 'policy':
        print(r)
" "$T/july.xlsx")
	[ -n "$row" ] || fail "no row for the task 'policy'"
	fill_xlsx "$T/july.xlsx" sheet2 "$row" 2023-06-20
	run import "$SEM/tasks.yaml" "$T/july.xlsx"
	expect_rc 0
	score_csv "$SEM/tasks.yaml" 2023-07
	expect_item drc policy actual=2023-06-20
}

test_not_a_workbook() {
	echo "unit,indicator" >"$T/fake.xlsx"
	run import "$FIX/mini.yaml" "$T/fake.xlsx"
	expect_rc 1
	expect_err "assay: $T/fake.xlsx: not an Excel workbook (.xlsx): Not a zip archive"
}

test_template_usage_errors() {
	run template "$FIX/mini.yaml" --period 2023-08 --format xlsx
	expect_rc 2
	expect_err_has "assay: --format xlsx writes a file: name it with -o FILE"
	run template "$FIX/mini.yaml" --period 2023-08 --format pdf
	expect_rc 2
	expect_err_has "assay: unknown format 'pdf' (csv or xlsx)"
	run template "$FIX/mini.yaml" --period 2023-08 --unit 五马街 
	expect_rc 1
	expect_err "$FIX/mini.yaml: unknown unit '五马街' (did you mean '五马街道'?)"
	run template --help
	expect_rc 0
	expect_out_has "usage: assay template PLAN --period P [--unit U] [--format csv|xlsx] [-o FILE] [--no-bom]"
}

# style_format FILE CELL: the number format of a cell's style in the
# first unit's sheet: "@" (text, built in as 49 or written out),
# "General", or the format's code.
style_format() {
	python3 - "$1" "$2" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sheet = z.read("xl/worksheets/sheet2.xml").decode()
styles = z.read("xl/styles.xml").decode()
s = re.search(r'<c r="%s"(?: s="(\d+)")?' % sys.argv[2], sheet).group(1) or "0"
xfs = re.findall(r'<xf [^>]*>|<xf [^>]*/>', styles.split("<cellXfs")[1])
fmt = re.search(r'numFmtId="(\d+)"', xfs[int(s)]).group(1)
codes = dict(re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles))
codes.update({"0": "General", "49": "@"})
print(codes[fmt])
PY
}

# A rate's cell takes a number, so that 8.5% typed is a percent cell (read
# as 8.5); 8.5% as text is read as 8.5 too.
test_xlsx_rates_take_numbers_and_tasks_dates() {
	run template "$SEM/periods.yaml" --period 2023 --unit a --format xlsx -o "$T/year.xlsx"
	expect_rc 0
	# rows: sales_ytd, sales_month, investment, new_firms, survey_rate (a rate)
	[ "$(style_format "$T/year.xlsx" J2)" = General ] || fail "an amount's cell takes numbers"
	[ "$(style_format "$T/year.xlsx" J6)" = General ] || fail "a rate's cell takes numbers"
	[ "$(style_format "$T/year.xlsx" K6)" = @ ] || fail "a note's cell keeps what is typed"
	run template "$SEM/tasks.yaml" --period 2023-07 --unit drc --format xlsx -o "$T/july.xlsx"
	[ "$(style_format "$T/july.xlsx" J2)" = yyyy-mm-dd ] || fail "a task's cell takes a date"
	fill_xlsx "$T/year.xlsx" sheet2 6 8.5%
	run import "$SEM/periods.yaml" "$T/year.xlsx"
	expect_rc 0
	expect_stored a survey_rate 2023 8.5
}

# A template sent back as it was written has no figure in it: the import
# is refused and nothing is recorded in the store.
test_unfilled_template_is_refused() {
	import_mini_june_july
	run template "$FIX/mini.yaml" --period 2023-08
	expect_rc 0
	cp "$T/out" "$T/blank.csv"
	local before
	before=$(sqlite3 "$T/assay.db" "SELECT count(*) FROM imports")
	run import "$FIX/mini.yaml" "$T/blank.csv"
	expect_rc 1
	expect_err "assay: nothing to import: every value in $T/blank.csv is empty (fill in the value column of the rows the unit reports)"
	[ "$(sqlite3 "$T/assay.db" "SELECT count(*) FROM imports")" = "$before" ] || fail "an import was recorded"
}
