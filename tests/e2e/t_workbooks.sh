# Workbooks as offices send them: written by openpyxl, by xlwt (.xls),
# by assay's template filled in as a person would; read by what their
# cells mean, and refused by cell when a figure cannot be known.

OFFICE="$FIX/office.yaml"
OFFICE_CSV="$FIX/office-2023-08.csv"
# Debian's python, where python3-openpyxl and python3-xlwt are installed
PY=/usr/bin/python3
books() {
	"$PY" "$ROOT/tests/e2e/workbooks.py" "$@"
}

# figures_of DB: every stored figure, as the store keeps it (not where it
# came from).
figures_of() {
	sqlite3 "$1" "SELECT plan, period, unit, indicator, value, quote(note) FROM figures
		ORDER BY plan, period, unit, indicator"
}

# import_as_csv_does FILE: FILE imports to the very figures the CSV
# equivalent does.
import_as_csv_does() {
	"$ASSAY" --db "$T/csv.db" import "$OFFICE" "$OFFICE_CSV" >/dev/null || fail "the CSV did not import"
	run import "$OFFICE" "$1"
	expect_rc 0
	expect_out_has "imported 5 figures from 1 file"
	[ "$(figures_of "$T/assay.db")" = "$(figures_of "$T/csv.db")" ] ||
		fail "$1 differs from the CSV:" "$(diff <(figures_of "$T/csv.db") <(figures_of "$T/assay.db"))"
}

test_openpyxl_combined_workbook_imports_as_the_csv() {
	books office-xlsx "$T/office.xlsx"
	import_as_csv_does "$T/office.xlsx"
	expect_out_lines "passed over the sheets whose first row is not a figures header (unit, period, ...):
  $T/office.xlsx!填表说明
  $T/office.xlsx!汇总"
	expect_stored drc retail_growth 2023-08 9.5
	expect_stored econ retail_growth 2023-08 7.8
	expect_stored drc policy 2023-08 20230620.0
}

test_xls_workbook_imports_as_the_csv() {
	books office-xls "$T/office.xls"
	import_as_csv_does "$T/office.xls"
	expect_out_has "  $T/office.xls!填表说明"
}

# FreeXL reads no formula; the values saved with them are read from the
# workbook's records, by their cells' formats: amounts, a note, a growth in
# a percent cell and a task's date made by formulas, with a summary sheet
# of formulas, import to the CSV's figures.
test_xls_formulas_with_saved_values_import_as_the_csv() {
	books office-xls "$T/office.xls" --formulas
	import_as_csv_does "$T/office.xls"
	expect_out_has "  $T/office.xls!汇总"
	expect_stored drc output 2023-08 7.3
	expect_stored drc retail_growth 2023-08 9.5
	expect_stored drc policy 2023-08 20230620.0
	[ "$(sqlite3 "$T/assay.db" "SELECT note FROM figures WHERE unit = 'drc' AND indicator = 'output'")" = 含新投产企业 ] ||
		fail "the note made by a formula was not read"
}

# xlwt computes nothing: it saves every formula with an empty text for its
# value, which FreeXL alone read as an empty cell, 未报送.
test_xls_formula_without_saved_value_refused_by_cell() {
	books xls-sheet "$T/august.xls" 八月 "unit,indicator,period,value" \
		"drc,output,2023-08,=3+4.3|7.3" "econ,output,2023-08,=6+0.25"
	store_unchanged_by_import "$T/august.xls" "$T/august.xls!八月!D3: the formula has no saved value: open the file in Excel or WPS and save it again"
}

# Records that cannot be walked leave the formulas unknown: the workbook
# is refused whole, even where FreeXL reads its cells.
test_xls_with_misplaced_sheet_refused_whole() {
	books xls-sheet "$T/august.xls" 八月 "unit,indicator,period,value" "econ,output,2023-08,=6+0.25|6.25"
	books xls-misplace-sheet "$T/august.xls" 八月
	store_unchanged_by_import "$T/august.xls" "assay: $T/august.xls: the workbook is damaged: its formulas cannot be read (the record at byte 1005 of the workbook stream is not the start of a sheet, where the workbook says one starts): save it as .xlsx in Excel or WPS and import that"
}

# template_filled SPEC...: the office's template for August, filled in with
# openpyxl as a person types; prints the cells typed into (sheet!J2).
template_filled() {
	"$ASSAY" template "$OFFICE" --period 2023-08 --format xlsx -o "$T/blank.xlsx" ||
		fail "no template"
	books fill "$T/blank.xlsx" "$T/august.xlsx" "$@"
}

test_template_filled_as_a_person_imports_what_was_typed() {
	local cells formula
	cells=$(template_filled "drc:output==3+4.3" drc:retail_growth=pct:0.095 \
		drc:policy=date:2023-06-20 econ:output=6.25 econ:retail_growth=pct:0.078)
	formula=$(head -1 <<<"$cells")
	books excel-save "$T/august.xlsx" "${formula#*!}=7.3"
	run import "$OFFICE" "$T/august.xlsx"
	expect_rc 0
	expect_out_has "imported 5 figures from 1 file"
	expect_stored drc output 2023-08 7.3
	expect_stored drc retail_growth 2023-08 9.5
	expect_stored drc policy 2023-08 20230620.0
	expect_stored econ output 2023-08 6.25
	expect_stored econ retail_growth 2023-08 7.8
}

# store_unchanged_by_import FILE MESSAGE: importing FILE is refused with
# MESSAGE, and the store is byte for byte what it was.
store_unchanged_by_import() {
	"$ASSAY" --db "$T/assay.db" import "$OFFICE" "$OFFICE_CSV" >/dev/null || fail "the CSV did not import"
	local before
	before=$(md5sum <"$T/assay.db")
	run import "$OFFICE" "$1"
	expect_rc 1
	expect_err "$2"
	[ "$(md5sum <"$T/assay.db")" = "$before" ] || fail "the store changed after a refused import"
}

test_formula_without_saved_value_refused_by_cell() {
	local cells
	cells=$(template_filled econ:output=6.25 "drc:output==3+4.3")
	books excel-save "$T/august.xlsx" # saved, but this formula has no value
	store_unchanged_by_import "$T/august.xlsx" "$T/august.xlsx!$(tail -1 <<<"$cells"): the formula has no saved value: open the file in Excel or WPS and save it again"
}

test_formulas_of_a_program_written_workbook_refused() {
	# openpyxl saves no values and marks the workbook for recalculation
	local cells
	cells=$(template_filled econ:output=6.25 "drc:output==3+4.3")
	store_unchanged_by_import "$T/august.xlsx" "$T/august.xlsx!$(tail -1 <<<"$cells"): the formula has no saved value: open the file in Excel or WPS and save it again"
}

test_error_cell_refused_by_cell() {
	local cells
	cells=$(template_filled "econ:output=#DIV/0!")
	store_unchanged_by_import "$T/august.xlsx" "$T/august.xlsx!$cells: the cell holds the error #DIV/0!: correct its formula or type the figure, save, and import again"
}

test_percent_cell_for_an_amount_refused_with_its_unit() {
	local cells
	cells=$(template_filled econ:output=pct:0.0625)
	store_unchanged_by_import "$T/august.xlsx" "$T/august.xlsx!$cells: the cell is formatted as a percentage (6.25%), but indicator 'output' is measured in 亿元: format the cell as a number and type the figure in 亿元"
}

test_date_cell_for_an_amount_refused() {
	local cells
	cells=$(template_filled econ:output=date:2023-06-25)
	store_unchanged_by_import "$T/august.xlsx" "$T/august.xlsx!$cells: the cell is a date (2023-06-25), but indicator 'output' is measured in 亿元: format the cell as a number and type the figure"
}

# sheet_of OUT [--1904] ROW...: a workbook of one sheet 报表 (openpyxl),
# the rows comma-separated; pct:X a percent cell, date:D a date cell.
sheet_of() {
	books sheet "$@"
}

test_dates_of_a_1904_workbook() {
	sheet_of "$T/mac.xlsx" --1904 "unit,indicator,period,value" "drc,policy,2023-08,date:2023-06-20"
	unzip -p "$T/mac.xlsx" xl/workbook.xml | grep -q 'date1904="1"' || fail "not a 1904 workbook"
	run import "$OFFICE" "$T/mac.xlsx"
	expect_rc 0
	expect_stored drc policy 2023-08 20230620.0
}

test_cell_right_of_the_header_refused_without_csv_advice() {
	sheet_of "$T/wide.xlsx" "unit,period,output" "econ,2023-08,6.25,,oops"
	run import "$OFFICE" "$T/wide.xlsx"
	expect_rc 1
	expect_err "$T/wide.xlsx!报表!E2: the cell is right of the header's last column: give its column a name in the header row, or clear the cell"
}

test_workbook_without_a_reporting_sheet_refused() {
	sheet_of "$T/notes.xlsx" "说明" "每月报送"
	run import "$OFFICE" "$T/notes.xlsx"
	expect_rc 1
	expect_err "assay: $T/notes.xlsx: no sheet has figures: the first row of a reporting sheet names its columns, unit,indicator,period,value[,note] (one figure a row) or unit,period,<indicator>... (one column per indicator), and the first row of '报表' does not"
}

test_xls_bad_value_named_by_sheet_and_cell() {
	books xls-sheet "$T/bad.xls" 八月 "unit,indicator,period,value" "econ,output,2023-08,很多"
	run import "$OFFICE" "$T/bad.xls"
	expect_rc 1
	expect_err "$T/bad.xls!八月!D2: value '很多' is not a number"
}

# FreeXL does not say which numbers are shown as percentages: a growth
# below 1 in an .xls could be 9.5% seen or 0.095 typed, so it is refused;
# 9.5 is the figure either way (950% is no growth anyone reports).
test_xls_fraction_for_a_percent_indicator_refused() {
	books xls-sheet "$T/pct.xls" 八月 "unit,indicator,period,value" \
		"econ,retail_growth,2023-08,num:7.8" "drc,retail_growth,2023-08,pct:0.095"
	run import "$OFFICE" "$FIX/office-2023-08.csv"
	expect_rc 0
	local before; before=$(md5sum <"$T/assay.db")
	run import "$OFFICE" "$T/pct.xls"
	expect_rc 1
	expect_err "$T/pct.xls!八月!D3: 0.095 for indicator 'retail_growth', measured in %: an .xls workbook does not say whether the cell shows 0.095 or a percentage; save the workbook as .xlsx in Excel or WPS and import that"
	[ "$(md5sum <"$T/assay.db")" = "$before" ] || fail "the store changed"
}

# A damaged .xls on which FreeXL itself goes wrong (found by fuzzing; the
# sanitized build sees its memory error, in a child process): refused with
# a message, never a signal, and the store unchanged.
test_damaged_xls_ends_in_a_message() {
	run import "$OFFICE" "$FIX/office-2023-08.csv"
	expect_rc 0
	local before; before=$(md5sum <"$T/assay.db")
	cp "$FIX/damaged.xls" "$T/damaged.xls"
	run import "$OFFICE" "$T/damaged.xls"
	expect_rc 1
	expect_err_has "assay: $T/damaged.xls: "
	expect_err_has "save it as .xlsx in Excel or WPS and import that"
	[ "$(md5sum <"$T/assay.db")" = "$before" ] || fail "the store changed"
}

test_not_an_xls_workbook() {
	echo "unit,indicator" >"$T/fake.xls"
	run import "$OFFICE" "$T/fake.xls"
	expect_rc 1
	expect_err_has "assay: $T/fake.xls: not an Excel 97-2003 workbook (.xls) FreeXL can read"
}

# The template as openpyxl sees it: validation on every input cell,
# those cells alone unlocked, every sheet protected without a password,
# the instructions first, and no row for the task 区经信局 only supports.
test_template_guides_and_protects() {
	run template "$OFFICE" --period 2023-08 --format xlsx -o "$T/blank.xlsx"
	expect_rc 0
	books inspect "$T/blank.xlsx" >"$T/inspect" || fail "openpyxl could not read the template"
	[ "$(grep '^sheet ' "$T/inspect")" = "sheet 填表说明 protected=True password=
sheet 区发改局 protected=True password=
sheet 区经信局 protected=True password=" ] || fail "sheets:" "$(grep '^sheet ' "$T/inspect")"
	grep -q "^row 填表说明 .*只填写浅黄色的 value（数值）列和 note（备注）列" "$T/inspect" ||
		fail "no instructions"
	local inputs="区发改局 J2 区发改局 K2 区发改局 J3 区发改局 K3 区发改局 J4 区发改局 K4 区经信局 J2 区经信局 K2 区经信局 J3 区经信局 K3 "
	[ "$(awk '/^unlocked /{printf "%s %s ", $2, $3}' "$T/inspect")" = "$inputs" ] ||
		fail "unlocked cells:" "$(grep '^unlocked ' "$T/inspect")"
	[ "$(awk '/^validation /{printf "%s %s ", $2, $3}' "$T/inspect")" = "$inputs" ] ||
		fail "validated cells:" "$(grep '^validation ' "$T/inspect")"
	grep -qxF "validation 区发改局 J2 decimal -1000000000000000|填报说明|填写1-8月累计值，单位：亿元；目标≥9.9" "$T/inspect" ||
		fail "the amount's input message"
	grep -qxF "validation 区经信局 J3 decimal -1000000000000000|填报说明|填写同比增速（%）；目标≥8%" "$T/inspect" ||
		fail "the growth's input message"
	grep -qF "validation 区发改局 J4 list \"完成,推进中\"|填报说明|填写完成日期（如2023-06-20）；未完成选“推进中”；期限：2023-06-30前完成" "$T/inspect" ||
		fail "the task's input message"
	! grep -q "^row 区经信局 econ|区经信局|policy" "$T/inspect" || fail "a row for a task 区经信局 only supports"
	run template "$OFFICE" --period 2023-08
	expect_out_has "drc,区发改局,output,规上工业产值,亿元,9.9,,,2023-08,,,填写1-8月累计值，单位：亿元；目标≥9.9"
	expect_out_has "econ,区经信局,retail_growth,社会消费品零售总额增速,%,≥ +8% y/y,,,2023-08,,,填写同比增速（%）；目标≥8%"
	expect_out_lacks "econ,区经信局,policy"
}

# The CSV template, filled in, imports with its guide column passed over.
test_csv_template_with_guide_imports() {
	run template "$OFFICE" --period 2023-08 -o "$T/august.csv"
	expect_rc 0
	awk -F, -v OFS=, 'NR > 1 && $3 == "output" { $10 = 7 } { print }' "$T/august.csv" >"$T/filled.csv"
	run import "$OFFICE" "$T/filled.csv"
	expect_rc 0
	expect_out_has "imported 2 figures from 1 file"
}

test_unfilled_workbook_template_refused() {
	run template "$OFFICE" --period 2023-08 --format xlsx -o "$T/blank.xlsx"
	run import "$OFFICE" "$T/blank.xlsx"
	expect_rc 1
	expect_err "assay: nothing to import: every value in $T/blank.xlsx is empty (fill in the value column of the rows the unit reports)"
	[ ! -e "$T/assay.db" ] || [ "$(sqlite3 "$T/assay.db" "SELECT count(*) FROM imports")" = 0 ] ||
		fail "an import was recorded"
}

# The template as libxlsxwriter writes it (shared strings, styles), typed
# into in place: the task's date into its date cell, a growth as a number
# and as text with a '%'.
test_libxlsxwriter_template_imports_as_the_csv() {
	run template "$OFFICE" --period 2023-08 --format xlsx -o "$T/august.xlsx"
	expect_rc 0
	books fill-in-place "$T/august.xlsx" "drc:output=7.3|含新投产企业" drc:retail_growth=9.5 \
		drc:policy=45097 econ:output=6.25 econ:retail_growth=7.8% || fail "not filled in"
	import_as_csv_does "$T/august.xlsx"
	expect_out_has "  $T/august.xlsx!填表说明"
}

# A combined workbook is read whole: a figure given on two sheets, and a
# sheet with a header and nothing under it, are refused by sheet and cell.
test_combined_workbook_refusals_name_the_sheet() {
	books office-xlsx "$T/office.xlsx"
	cp "$T/office.xlsx" "$T/twice.xlsx"
	"$PY" - "$T/twice.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.create_sheet("补报")
ws.append(["unit", "indicator", "period", "value"])
ws.append(["econ", "output", "2023-08", 6.5])
wb.save(sys.argv[1])
PY
	run import "$OFFICE" "$T/twice.xlsx"
	expect_rc 1
	expect_err "$T/twice.xlsx!补报!D2: figure for 区经信局 / output / 2023-08 given twice (first at $T/twice.xlsx!区经信局!C2)"
	"$PY" - "$T/office.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
wb.create_sheet("空表").append(["unit", "period", "output"])
wb.save(sys.argv[1])
PY
	run import "$OFFICE" "$T/office.xlsx"
	expect_rc 1
	expect_err "$T/office.xlsx!空表!A1: the sheet has a header but no figures: add a row per figure, or leave the sheet out"
}
