# Plans at province scale: units: all, per-unit targets from a table
# (tests/plans/table.yaml), and the ranking on its own (score --ranking).

table_scored() {
	run import "$SEM/table.yaml" "$SEM/table-figures.csv"
	expect_rc 0
	score_csv "$SEM/table.yaml" 2023
}

test_units_all_assesses_every_unit() {
	run check "$SEM/table.yaml"
	expect_rc 0
	expect_out_has "3 units in 1 group, 3 indicators, 8 unit-indicator targets"
}

test_table_targets_replace_the_indicators_default() {
	table_scored
	expect_item a output target=120 completion=1.0000
	# no cell for c: the indicator's own target stands
	expect_item c output target=100 completion=0.5000
	# the table's header names an indicator by its Chinese name; lower is better
	expect_item b energy target=0.6 completion=0.7500
}

test_a_per_unit_entry_wins_over_the_table() {
	table_scored
	expect_item b output target=300 completion=0.5000
}

test_ranking_alone() {
	table_scored
	run score "$SEM/table.yaml" --period 2023 --ranking --format csv
	expect_rc 0
	[ "$(sed -n 1p "$T/out")" = "group,rank,group_size,unit,unit_name,total,green,yellow,red,missing,verdict,verdict_reason,sample_data" ] ||
		fail "wrong header: $(sed -n 1p "$T/out")"
	[ "$(sed -n 2,4p "$T/out" | cut -d, -f1-10 | tr '\n' ' ')" = "town,1,3,a,甲镇,100.00,3,0,0,0 town,2,3,c,丙镇,75.00,1,0,1,0 town,3,3,b,乙镇,58.33,0,0,3,0 " ] ||
		fail "wrong ranking:" "$(cat "$T/out")"
	run score "$SEM/table.yaml" --period 2023 --ranking
	expect_rc 0
	expect_out_has "     2  丙镇   75.00    1  none"
	run score "$SEM/table.yaml" --period 2023 --ranking --unit a
	expect_rc 2
	expect_err_has "--ranking and --unit do not go together"
}

# table_refused CSV MESSAGE: the plan with this targets table fails check.
table_refused() {
	cp "$SEM/table.yaml" "$SEM/plain.lua" "$T/"
	printf '%s\n' "$1" >"$T/table-targets.csv"
	run check "$T/table.yaml"
	expect_rc 1
	expect_err "$T/table-targets.csv:$2"
}

test_bad_tables_are_refused_where_they_are_wrong() {
	table_refused "$(printf 'unit,output\n东城镇,1')" "2:1: unknown unit '东城镇'"
	table_refused "$(printf 'unit,outptu\na,1')" "1:2: unknown indicator 'outptu' (did you mean 'output'?)"
	table_refused "$(printf 'unit,output\na,1%%2')" "2:2: target '1%2' is not a number"
	table_refused "$(printf 'unit,jobs\nc,5')" "2:2: unit 'c' is not among the units of indicator 'jobs'"
	table_refused "$(printf 'unit,output,output\na,1,2')" "1:3: indicator 'output' has two columns"
	table_refused "$(printf 'output,unit\n1,a')" "1:1: the header must be unit,<indicator>...: a row per unit, a column per indicator"
	table_refused "$(printf 'unit,output\na,1,2')" "2:3: this row has 3 fields, the header has 2: every row needs one field per column (quote a field that holds a ',')"
}

test_a_table_that_is_not_utf8_is_refused_where_it_breaks() {
	cp "$SEM/table.yaml" "$SEM/plain.lua" "$T/"
	printf 'unit,output\na,1\n\xd2\xd2,2\n' >"$T/table-targets.csv"
	run check "$T/table.yaml"
	expect_rc 1
	expect_err "$T/table-targets.csv:3:1: not valid UTF-8: save the targets table as UTF-8 CSV (Excel: CSV UTF-8)"
}

test_a_control_character_in_a_table_is_refused_where_it_is() {
	cp "$SEM/table.yaml" "$SEM/plain.lua" "$T/"
	printf 'unit,output\na,1\0002\n' >"$T/table-targets.csv"
	run check "$T/table.yaml"
	expect_rc 1
	expect_err "$T/table-targets.csv:2:2: control character U+0000 (NUL) in a field: remove it, or export the file again"
}

test_a_unit_listed_twice_is_refused_at_the_second() {
	cp "$SEM/table.yaml" "$SEM/plain.lua" "$SEM/table-targets.csv" "$T/"
	sed -i 's/units: \[a, b\]/units: [a, b, a]/' "$T/table.yaml"
	run check "$T/table.yaml"
	expect_rc 1
	expect_err "$T/table.yaml:32:19: unit 'a' is listed twice"
}

# A province's plan: beyond 8 units, `assay indicators` sums a cell up
# (the lowest and highest target, the first units and how many) instead
# of naming thousands.
test_indicators_sum_up_many_units() {
	cp "$SEM/plain.lua" "$T/"
	{
		printf 'id: many\ntitle: 多单位\nyear: 2023\nrules: plain.lua\n'
		printf 'targets_table: many-targets.csv\ngroups: [{id: g, name: 组}]\nunits:\n'
		for u in 01 02 03 04 05 06 07 08 09 10 11 12; do
			printf '  - {id: u%s, name: 单位%s, group: g}\n' "$u" "$u"
		done
		printf 'indicators:\n'
		printf '  - {id: output, name: 产值, units: all}\n'
		printf '  - {id: stores, name: 首店, target: 5, units: [u01, u02, u03, u04, u05, u06, u07, u08, u09]}\n'
		printf '  - {id: parks, name: 园区, target: 2, units: [u01, u02]}\n'
	} >"$T/many.yaml"
	{
		echo unit,output
		for u in 01 02 03 04 05 06 07 08 09 10 11 12; do echo "u$u,$((100 + 10#$u))"; done
	} >"$T/many-targets.csv"
	run indicators "$T/many.yaml"
	expect_rc 0
	expect_out_has "by unit, ≥ 101 to ≥ 112  all 12 units"
	expect_out_has "≥ 5  单位01、单位02、单位03 … (9 units)"
	expect_out_has "≥ 2  单位01、单位02"
}

# table.yaml with its units from a table (units_table:) instead of units:
units_from_table() {
	cp "$SEM/table.yaml" "$SEM/plain.lua" "$SEM/table-targets.csv" "$T/"
	sed -i '/^units:/,/^$/d; s/^targets_table: table-targets.csv/targets_table: table-targets.csv\nunits_table: units.csv/' \
		"$T/table.yaml"
	! grep -q '^units:' "$T/table.yaml" || fail "units: is still there"
	write units.csv
}

test_units_from_a_table_are_the_units_of_the_list() {
	units_from_table <<'CSV'
id,name,group
a,甲镇,town
b,乙镇,乡镇
c,丙镇,town
CSV
	local form
	for form in "$SEM/table.yaml" "$T/table.yaml"; do
		run import "$form" "$SEM/table-figures.csv"
		expect_rc 0
		run units "$form"
		expect_rc 0
		cat "$T/out" >>"$T/units.$(basename "$(dirname "$form")")"
		score_csv "$form" 2023
		cat "$T/out" >>"$T/scores.$(basename "$(dirname "$form")")"
	done
	cmp -s "$T/units.plans" "$T/units.$(basename "$T")" ||
		fail "the units differ:" "$(diff "$T/units.plans" "$T/units.$(basename "$T")")"
	cmp -s "$T/scores.plans" "$T/scores.$(basename "$T")" ||
		fail "the scores differ:" "$(diff "$T/scores.plans" "$T/scores.$(basename "$T")" | head -5)"
	expect_item b output target=300 completion=0.5000
}

# units_refused CSV MESSAGE: the plan with this units table fails check.
units_refused() {
	printf '%s\n' "$1" | units_from_table
	run check "$T/table.yaml"
	expect_rc 1
	expect_err "$T/units.csv:$2"
}

test_a_bad_units_table_is_refused_where_it_is_wrong() {
	units_refused "$(printf 'id,name,group\na,甲镇,town\nb,乙镇,twn\nc,丙镇,town')" \
		"3:3: unknown group 'twn' (did you mean 'town'?)"
	units_refused "$(printf 'id,name,group\na,甲镇,town\na,乙镇,town')" "3:1: duplicate unit 'a'"
	units_refused "$(printf 'id,name,group\na,甲镇,town\nb,甲镇,town')" "3:2: duplicate unit '甲镇'"
	units_refused "$(printf 'id,name,group\na b,甲镇,town')" \
		"2:1: 'a b' is not a valid id: use letters, digits, '_' and '-'"
	units_refused "$(printf 'id,name,group\na,,town')" "2:2: the unit's name is empty"
	units_refused "$(printf 'id,group,name\na,town,甲镇')" "1:2: the header must be id,name,group: a row per unit"
	units_refused "$(printf 'id,name,group,note\na,甲镇,town,x')" \
		"1:4: unknown column 'note': the header must be id,name,group"
	units_refused "$(printf 'id,name,group')" "2:1: the units table has no units: give a row per unit"
}

test_units_and_units_table_do_not_go_together() {
	printf 'id,name,group\na,甲镇,town\n' | units_from_table
	printf 'units:\n  - {id: z, name: 子, group: town}\n' >>"$T/table.yaml"
	run check "$T/table.yaml"
	expect_rc 1
	expect_err_has "the plan has 'units' and 'units_table': give one of them"
}
