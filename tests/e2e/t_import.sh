# assay import: formats, all-or-nothing, corrections.

test_imports_long_wide_and_yaml() {
	run import "$FIX/mini.yaml" "$FIX/mini-2023-06.csv" "$FIX/mini-2023-07-wide.csv" "$FIX/mini-2023-08.yaml"
	expect_rc 0
	expect_out_has "imported 17 figures from 3 files into $T/assay.db: 17 new, 0 corrected, 0 unchanged"
	[ "$(sqlite3 "$T/assay.db" "SELECT value || '|' || note FROM figures WHERE unit = 'commerce' AND indicator = 'stores' AND period = '2023-08'")" = "7.0|含快闪店" ] ||
		fail "the YAML figure with a note was not stored as given"
}

test_reimport_keeps_history() {
	run import "$FIX/mini.yaml" "$FIX/mini-2023-06.csv"
	expect_rc 0
	sed 's/^区商务局,stores,2023-06,5,$/区商务局,stores,2023-06,6,更正/' "$FIX/mini-2023-06.csv" >"$T/fix.csv"
	run import "$FIX/mini.yaml" "$T/fix.csv"
	expect_rc 0
	expect_out_has "7 figures from 1 file into $T/assay.db: 0 new, 1 corrected, 6 unchanged"
	[ "$(sqlite3 "$T/assay.db" "SELECT value FROM figure_history WHERE unit = 'commerce' AND indicator = 'stores'")" = "5.0" ] ||
		fail "the corrected figure's old value is not in the history"
	[ "$(sqlite3 "$T/assay.db" "SELECT value FROM figures WHERE unit = 'commerce' AND indicator = 'stores'")" = "6.0" ] ||
		fail "the correction was not stored"
}

test_bom_and_crlf() {
	printf '\xef\xbb\xbfunit,indicator,period,value\r\n区商务局,trade,2023-06,"7000"\r\n' >"$T/bom.csv"
	run import "$FIX/mini.yaml" "$T/bom.csv"
	expect_rc 0
	expect_out_has "1 new"
}

test_value_not_a_number() {
	printf 'unit,indicator,period,value\n区商务局,trade,2023-07,7100\n区商务局,stores,2023-07,"12,3"\n' >"$T/bad.csv"
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:3:4: value '12,3' is not a number (write decimals with '.'; ',' may only separate thousands, as in 1,234.5)"
}

test_unknown_unit() {
	printf 'unit,indicator,period,value\n区商务局,trade,2023-07,7100\n区商物局,stores,2023-07,6\n' >"$T/bad.csv"
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:3:1: unknown unit '区商物局' (did you mean '区商务局'?)"
}

test_period_outside_plan() {
	printf 'unit,indicator,period,value\n区商务局,trade,2022-12,7100\n' >"$T/bad.csv"
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:2:3: period 2022-12 is outside the plan's year 2023 (last year's figures are taken only for growth targets)"
}

test_bad_period() {
	printf 'unit,indicator,period,value\n区商务局,trade,2023-13,7100\n' >"$T/bad.csv"
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:2:3: '2023-13' is not a period: write 2023, 2023Q3 or 2023-09"
}

test_duplicate_in_file() {
	printf 'unit,indicator,period,value\n区商务局,trade,2023-07,7100\ncommerce,服务贸易额,2023-07,7200\n' >"$T/bad.csv"
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:3:4: figure for 区商务局 / trade / 2023-07 given twice (first at $T/bad.csv:2)"
}

test_unit_not_responsible() {
	printf 'unit,indicator,period,value\n区科技局,stores,2023-07,3\n' >"$T/bad.csv"
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:2:2: unit '区科技局' is not responsible for indicator 'stores' in plan 'mini'"
}

test_wide_unknown_indicator_column() {
	printf 'unit,period,trade,stroes\n区商务局,2023-07,7100,4\n' >"$T/bad.csv"
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:2:4: unknown indicator 'stroes' (did you mean 'stores'?)"
}

test_ragged_row() {
	printf 'unit,indicator,period,value\n区商务局,trade,2023-07\n' >"$T/bad.csv"
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:2:4: this row has 3 fields, the header has 4: every row needs one field per column (quote a field that holds a ',')"
}

test_bad_row_in_second_file_imports_nothing() {
	printf 'unit,indicator,period,value\n区商务局,trade,2023-09,1\nwuma,stores,2023-09,x\n' >"$T/bad.csv"
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:3:4: value 'x' is not a number"
	[ "$(sqlite3 "$T/assay.db" "SELECT count(*) FROM figures WHERE period = '2023-09'")" = 0 ] ||
		fail "a figure of the failed import was stored"
}

test_not_utf8() {
	printf 'unit,indicator,period,value\n\xc7\xf8\xc9\xcc\xce\xf1\xbe\xd6,trade,2023-07,1\n' >"$T/bad.csv"
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:2:1: not valid UTF-8: if the file is GBK (as Excel often saves Chinese), import it with --encoding gbk, or save it as UTF-8"
}

test_header_without_columns() {
	printf 'a,b\n1,2\n' >"$T/bad.csv"
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:1: the header must name its columns: unit,indicator,period,value[,note] (one figure a row) or unit,period,<indicator>... (one column per indicator)"
}

test_yaml_figure_error_located() {
	write bad.yaml <<'YAML'
2023-07:
  区商务局:
    trade: 七千
YAML
	import_mini_june
	cp "$T/assay.db" "$T/before.db"
	run import "$FIX/mini.yaml" "$T/bad.yaml"
	expect_rc 1
	expect_err "$T/bad.yaml:3:12: value '七千' is not a number"
	cmp -s "$T/assay.db" "$T/before.db" || fail "the store changed"
}

test_lucheng_sample_imports() {
	import_sample
	expect_out_has "1718 new, 0 corrected, 0 unchanged"
}

test_sample_data_is_what_the_generator_writes() {
	mkdir "$T/gen"
	lua5.4 "$DATA/gen-lucheng-2023.lua" "$PLAN" "$T/gen" >/dev/null || fail "the generator failed"
	for f in "$DATA"/lucheng-2023-2023-0*.csv; do
		cmp -s "$f" "$T/gen/$(basename "$f")" || fail "$(basename "$f") differs from the generator's output"
	done
}

# The hard case: the store itself fails half-way through writing (an
# injected failure on the last figure); the transaction must roll back.
test_failure_inside_the_transaction_rolls_back() {
	import_mini_june
	# the last unit's row fails, after the others' rows were written
	sqlite3 "$T/assay.db" "CREATE TRIGGER fail_late BEFORE INSERT ON unit_figures WHEN NEW.unit = 'wuma' BEGIN SELECT RAISE(ABORT, 'injected failure'); END;" ||
		fail "could not install the trigger"
	cp "$T/assay.db" "$T/before.db"
	run import "$FIX/mini.yaml" "$FIX/mini-2023-07-wide.csv"
	expect_rc 1
	expect_err_has "injected failure"
	[ "$(sqlite3 "$T/assay.db" "SELECT count(*) FROM figures WHERE period = '2023-07'")" = 0 ] ||
		fail "figures written before the failure were kept"
	[ "$(sqlite3 "$T/assay.db" "SELECT count(*) FROM imports")" = 1 ] ||
		fail "the failed import was recorded"
	cmp -s "$T/assay.db" "$T/before.db" || fail "the store file changed"
}
