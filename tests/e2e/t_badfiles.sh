# Figures as offices send them: each file either imports exactly or fails
# the whole import with file:line:col and what to fix, and a failed import
# leaves the store byte for byte as it was.

# share_plan: the mini plan plus 'online', a share (kind share) that
# commerce reports; prints the plan's path.
share_plan() {
	local p; p=$(mini_plan)
	sed -i 's/^targets:$/  - id: online\n    name: 网络零售占比\n    measure: "%"\n    kind: share\n    target: 30\n    units: [commerce]\ntargets:/' "$p"
	sed -i 's/events = 5 }/events = 5, online = 5 }/' "$T/mini.lua"
	echo "$p"
}

# one_value VALUE [INDICATOR]: bad.csv with one July figure of commerce.
one_value() {
	printf 'unit,indicator,period,value\n区商务局,%s,2023-07,"%s"\n' "${2:-stores}" "$1" >"$T/bad.csv"
}

test_thousands_separators() {
	printf 'unit,indicator,period,value\n区商务局,trade,2023-07,"1,234.5"\n区科技局,trade,2023-07,"12,345,678"\n五马街道,stores,2023-07,"+1,000"\n' >"$T/ok.csv"
	run import "$FIX/mini.yaml" "$T/ok.csv"
	expect_rc 0
	expect_stored commerce trade 2023-07 1234.5
	expect_stored science trade 2023-07 12345678.0
	expect_stored wuma stores 2023-07 1000.0
}

test_separator_outside_groups_of_three_refused() {
	one_value '1,2345'
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:2:4: value '1,2345' is not a number (write decimals with '.'; ',' may only separate thousands, as in 1,234.5)"
}

test_percent_for_a_share() {
	local p; p=$(share_plan)
	printf 'unit,indicator,period,value\n区商务局,online,2023-07,8.5%%\n区商务局,online,2023-08,９．５％\n' >"$T/ok.csv"
	run import "$p" "$T/ok.csv"
	expect_rc 0
	expect_stored commerce online 2023-07 8.5
	expect_stored commerce online 2023-08 9.5
}

test_percent_for_a_count_refused() {
	one_value '8.5%'
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:2:4: value '8.5%' has a '%', but indicator 'stores' is of kind count: only rates and shares take one; write the figure without it"
}

test_full_width_digits() {
	printf 'unit,indicator,period,value\n区商务局,trade,2023-07,１２３．５\n区科技局,trade,2023-07,－１，２００\n五马街道,energy,2023-07,　０．４　\n' >"$T/ok.csv"
	run import "$FIX/mini.yaml" "$T/ok.csv"
	expect_rc 0
	expect_stored commerce trade 2023-07 123.5
	expect_stored science trade 2023-07 -1200.0
	expect_stored wuma energy 2023-07 0.4
}

test_nan_refused() {
	one_value NaN trade
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:2:4: value 'NaN' is not a number: write the figure, or leave it out when nothing is reported"
}

test_infinity_refused() {
	one_value -inf trade
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:2:4: value '-inf' is not a finite number: write the figure itself (a division by zero?)"
}

test_huge_number_refused() {
	one_value 1e999 trade
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:2:4: value '1e999' is out of range: too large or too small to be a figure"
}

test_negative_count_refused() {
	one_value -3
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:2:4: value '-3' is negative, but indicator 'stores' counts things (kind count)"
}

test_negative_amount_accepted() {
	one_value -12.5 trade
	run import "$FIX/mini.yaml" "$T/bad.csv"
	expect_rc 0
	expect_stored commerce trade 2023-07 -12.5
}

test_quoted_fields_with_commas_and_newlines() {
	printf 'unit,indicator,period,value,note\n区商务局,trade,2023-07,7100,"含技术服务,咨询"\n区商务局,stores,2023-07,6,"第一行\n第二行"\n五马街道,stores,2023-07,2,\n' >"$T/ok.csv"
	run import "$FIX/mini.yaml" "$T/ok.csv"
	expect_rc 0
	[ "$(sqlite3 "$T/assay.db" "SELECT note FROM figures WHERE indicator = 'trade'")" = "含技术服务,咨询" ] ||
		fail "the note with a comma was not stored whole"
	[ "$(sqlite3 "$T/assay.db" "SELECT note FROM figures WHERE indicator = 'stores' AND unit = 'commerce'")" = "$(printf '第一行\n第二行')" ] ||
		fail "the note with a newline was not stored whole"
	[ "$(sqlite3 "$T/assay.db" "SELECT source FROM figures WHERE unit = 'wuma'")" = "$T/ok.csv:5" ] ||
		fail "the row after a two-line field does not know its line"
}

test_error_after_a_multi_line_field_names_its_line() {
	printf 'unit,indicator,period,value,note\n区商务局,trade,2023-07,7100,"a\nb"\n五马街道,stores,2023-07,x,\n' >"$T/bad.csv"
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:4:4: value 'x' is not a number"
}

test_unclosed_quote() {
	printf 'unit,indicator,period,value\n区商务局,trade,2023-07,"7100\n' >"$T/bad.csv"
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:2:4: malformed CSV: a quoted field is never closed"
}

test_stray_quote() {
	printf 'unit,indicator,period,value\n区商务局,trade,2023-07,71"00\n' >"$T/bad.csv"
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:2:4: malformed CSV: a stray '\"' (quote the whole field and double each '\"' in it)"
}

test_empty_file() {
	: >"$T/bad.csv"
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:1:1: the file is empty: a figures file needs a header row and a row per figure"
}

test_header_only() {
	printf 'unit,indicator,period,value\r\n\r\n' >"$T/bad.csv"
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:1:1: the file has a header but no figures: add a row per figure, or leave the file out"
}

test_row_with_an_extra_field() {
	printf 'unit,indicator,period,value\n区商务局,trade,2023-07,7,100\n' >"$T/bad.csv"
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:2:5: this row has 5 fields, the header has 4: every row needs one field per column (quote a field that holds a ',')"
}

test_excel_wide_export() {
	printf '\xef\xbb\xbfunit,period,trade,stores\r\n区商务局,2023-07,"7,100",6\r\n区科技局,2023-07,"6,900",\r\n' >"$T/ok.csv"
	run import "$FIX/mini.yaml" "$T/ok.csv"
	expect_rc 0
	expect_out_has "imported 3 figures"
	expect_stored commerce trade 2023-07 7100.0
	expect_stored science trade 2023-07 6900.0
}

# gbk_file NAME: the June figures saved as GBK, as Excel in Chinese does.
gbk_file() {
	iconv -f UTF-8 -t GBK "$FIX/mini-2023-06.csv" >"$T/$1" || fail "iconv could not write GBK"
}

test_gbk_detected() {
	gbk_file bad.csv
	bad_import_leaves_store_unchanged "$FIX/mini.yaml" "$T/bad.csv"
	expect_err "$T/bad.csv:2:1: not valid UTF-8: if the file is GBK (as Excel often saves Chinese), import it with --encoding gbk, or save it as UTF-8"
}

test_gbk_imported_with_encoding() {
	gbk_file june.csv
	run import --encoding gbk "$FIX/mini.yaml" "$T/june.csv"
	expect_rc 0
	expect_out_has "imported 7 figures from 1 file into $T/assay.db: 7 new"
	[ "$(sqlite3 "$T/assay.db" "SELECT note FROM figures WHERE unit = 'finance'")" = "按调整后目标" ] ||
		fail "the GBK note was not converted"
	run import "$FIX/mini.yaml" "$FIX/mini-2023-06.csv"
	expect_out_has "0 new, 0 corrected, 7 unchanged"
}

test_gb18030_and_utf16_imported() {
	iconv -f UTF-8 -t GB18030 "$FIX/mini-2023-06.csv" >"$T/gb.csv"
	run import -e gb18030 "$FIX/mini.yaml" "$T/gb.csv"
	expect_rc 0
	expect_out_has "7 new"
	iconv -f UTF-8 -t UTF-16 "$FIX/mini-2023-08.yaml" >"$T/aug.yaml"
	run import --encoding UTF-16 "$FIX/mini.yaml" "$T/aug.yaml"
	expect_rc 0
	expect_stored commerce stores 2023-08 7.0
}

test_gbk_yaml_imported_with_encoding() {
	iconv -f UTF-8 -t GBK "$FIX/mini-2023-08.yaml" >"$T/aug.yaml"
	run import "$FIX/mini.yaml" "$T/aug.yaml"
	expect_rc 1
	expect_err_has "$T/aug.yaml:"
	expect_err_has ": not valid UTF-8: if the file is GBK"
	run import --encoding gbk "$FIX/mini.yaml" "$T/aug.yaml"
	expect_rc 0
	[ "$(sqlite3 "$T/assay.db" "SELECT note FROM figures WHERE indicator = 'stores' AND unit = 'commerce'")" = "含快闪店" ] ||
		fail "the GBK YAML note was not converted"
}

test_bytes_invalid_in_the_named_encoding() {
	printf 'unit,indicator,period,value\n区商务局,trade,2023-07,7100\n\x81\x30' >"$T/bad.csv"
	bad_import_leaves_store_unchanged --encoding gbk "$FIX/mini.yaml" "$T/bad.csv"
	expect_err "$T/bad.csv:3:1: not valid gbk: name the file's own encoding with --encoding, or save it as UTF-8"
}

test_unknown_encoding_is_a_usage_error() {
	run import --encoding klingon "$FIX/mini.yaml" "$FIX/mini-2023-06.csv"
	expect_rc 2
	expect_err_has "assay: unknown encoding 'klingon' (gbk, gb18030, utf-16, or another name from 'iconv -l')"
	[ ! -e "$T/assay.db" ] || fail "a store was created"
}

test_same_figure_twice_in_yaml() {
	write bad.yaml <<'YAML'
2023-07:
  区商务局:
    trade: 1
  commerce:
    服务贸易额: 2
YAML
	bad_import_leaves_store_unchanged "$FIX/mini.yaml" "$T/bad.yaml"
	expect_err "$T/bad.yaml:5:12: figure for 区商务局 / trade / 2023-07 given twice (first at $T/bad.yaml:3)"
}

test_same_figure_in_two_files() {
	printf 'unit,period,trade\n区商务局,2023-07,7100\n' >"$T/a.csv"
	printf 'unit,indicator,period,value\ncommerce,trade,2023-07,7200\n' >"$T/bad.csv"
	bad_import_leaves_store_unchanged "$FIX/mini.yaml" "$T/a.csv" "$T/bad.csv"
	expect_err "$T/bad.csv:2:4: figure for 区商务局 / trade / 2023-07 given twice (first at $T/a.csv:2)"
}

test_yaml_period_outside_plan() {
	printf '2024-01:\n  区商务局:\n    trade: 1\n' >"$T/bad.yaml"
	bad_import_leaves_store_unchanged "$FIX/mini.yaml" "$T/bad.yaml"
	expect_err "$T/bad.yaml:1:1: period 2024-01 is outside the plan's year 2023"
}

test_empty_yaml() {
	: >"$T/bad.yaml"
	bad_import_leaves_store_unchanged "$FIX/mini.yaml" "$T/bad.yaml"
	expect_err "$T/bad.yaml:1:1: the file is empty: write period -> unit -> indicator -> value"
}

test_yaml_value_nan_refused() {
	printf '2023-07:\n  区商务局:\n    trade: .nan\n' >"$T/bad.yaml"
	bad_import_leaves_store_unchanged "$FIX/mini.yaml" "$T/bad.yaml"
	expect_err "$T/bad.yaml:3:12: value '.nan' is not a number"
}

# A NUL would end a field's text where it stands: 8<NUL>0 would be stored
# as 8. Any control character but a tab or a line break is refused where
# it stands (the column is the field's number).
test_nul_in_a_field_refused() {
	printf 'unit,indicator,period,value\n区商务局,trade,2023-07,8\0000\n区商务局,stores,2023-07,6\0005\n' >"$T/bad.csv"
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:2:4: control character U+0000 (NUL) in a field: remove it, or export the file again"
}

test_control_character_in_a_quoted_note_refused() {
	printf 'unit,indicator,period,value,note\n区商务局,trade,2023-07,7100,"第一行\n第二\033行"\n' >"$T/bad.csv"
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:3:5: control character U+001B in a field: remove it, or export the file again"
	printf 'unit,indicator,period,value,note\n区商务局,trade,2023-07,7100,a\x7f\n' >"$T/bad.csv"
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:2:5: control character U+007F (DEL) in a field: remove it, or export the file again"
	printf 'unit,indicator,period,value,note\n区商务局,trade,2023-07,7100,a\xc2\x9b\n' >"$T/bad.csv"
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:2:5: control character U+009B in a field: remove it, or export the file again"
}

test_tabs_and_line_breaks_in_fields_kept() {
	printf 'unit,indicator,period,value,note\r\n区商务局,trade,2023-07,7100,"含\t技术\r\n服务"\r\n' >"$T/ok.csv"
	run import "$FIX/mini.yaml" "$T/ok.csv"
	expect_rc 0
	[ "$(sqlite3 "$T/assay.db" "SELECT note FROM figures WHERE indicator = 'trade'")" = "$(printf '含\t技术\r\n服务')" ] ||
		fail "the note with a tab and a line break was not stored whole"
}

test_nul_in_yaml_figures_refused() {
	printf '2023-07:\n  区商务局:\n    trade: 8\0000\n' >"$T/bad.yaml"
	bad_import_leaves_store_unchanged "$FIX/mini.yaml" "$T/bad.yaml"
	expect_err "$T/bad.yaml:3:13: control character U+0000 (NUL): remove it, or save the file again as plain UTF-8 text"
}

# Excel's "Unicode Text" (Unicode 文本): UTF-16 little-endian with its
# byte order mark, tab-separated, named .txt.
test_excel_unicode_text_imported() {
	tr ',' '\t' <"$FIX/mini-2023-06.csv" | sed 's/$/\r/' | iconv -f UTF-8 -t UTF-16LE |
		{ printf '\xff\xfe'; cat; } >"$T/june.txt"
	run import "$FIX/mini.yaml" "$T/june.txt"
	expect_rc 0
	expect_out_has "imported 7 figures from 1 file into $T/assay.db: 7 new"
	[ "$(sqlite3 "$T/assay.db" "SELECT note FROM figures WHERE unit = 'finance'")" = "按调整后目标" ] ||
		fail "the UTF-16 note was not converted"
	run import "$FIX/mini.yaml" "$FIX/mini-2023-06.csv"
	expect_out_has "0 new, 0 corrected, 7 unchanged"
}

test_utf16_with_a_byte_order_mark_read_without_encoding() {
	iconv -f UTF-8 -t UTF-16BE "$FIX/mini-2023-06.csv" | { printf '\xfe\xff'; cat; } >"$T/be.csv"
	run import "$FIX/mini.yaml" "$T/be.csv"
	expect_rc 0
	expect_out_has "7 new"
	iconv -f UTF-8 -t UTF-16LE "$FIX/mini-2023-08.yaml" | { printf '\xff\xfe'; cat; } >"$T/aug.yaml"
	run import "$FIX/mini.yaml" "$T/aug.yaml"
	expect_rc 0
	expect_stored commerce stores 2023-08 7.0
}

test_utf16_without_a_byte_order_mark_named() {
	iconv -f UTF-8 -t UTF-16LE "$FIX/mini-2023-06.csv" >"$T/bad.csv"
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:1:1: the file looks like UTF-16 without a byte order mark: import it with --encoding utf-16le"
	run import --encoding utf-16le "$FIX/mini.yaml" "$T/bad.csv"
	expect_rc 0
}

test_invalid_utf16_located() {
	{ printf '\xff\xfe'; printf 'unit,indicator,period,value\n区商务局,trade,2023-07,7100\n' |
		iconv -f UTF-8 -t UTF-16LE; printf '\x00\xd8x\x00'; } >"$T/bad.csv"
	bad_import_leaves_store_unchanged
	expect_err "$T/bad.csv:3:1: not valid UTF-16: name the file's own encoding with --encoding, or save it as UTF-8"
}

test_tab_separated_text() {
	printf 'unit\tperiod\ttrade\tstores\n区商务局\t2023-07\t"7,100"\t6\n区科技局\t2023-07\t6900\t\n' >"$T/ok.tsv"
	run import "$FIX/mini.yaml" "$T/ok.tsv"
	expect_rc 0
	expect_stored commerce trade 2023-07 7100.0
	expect_stored science trade 2023-07 6900.0
	printf 'unit\tindicator\tperiod\tvalue\n区商务局\ttrade\t2023-07\t7100\t\n' >"$T/bad.tsv"
	bad_import_leaves_store_unchanged "$FIX/mini.yaml" "$T/bad.tsv"
	expect_err "$T/bad.tsv:2:5: this row has 5 fields, the header has 4: every row needs one field per column (quote a field that holds a tab)"
}

test_unknown_file_type() {
	cp "$FIX/mini-2023-06.csv" "$T/june.dat"
	bad_import_leaves_store_unchanged "$FIX/mini.yaml" "$T/june.dat"
	expect_err "assay: $T/june.dat: unknown file type: name it .csv, .tsv (tab-separated), .xlsx, .xls, .yaml or .yml"
}
