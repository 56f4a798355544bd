# Weights per unit (tests/plans/weights.yaml): a targets: entry gives a unit
# its own weight on an indicator; check adds each unit's up to the full marks.

weights_scored() {
	run import "$SEM/weights.yaml" "$SEM/weights-figures.csv"
	expect_rc 0
	score_csv "$SEM/weights.yaml" 2023-06
}

test_each_unit_is_scored_at_its_own_weight() {
	weights_scored
	# 区发改局 leads: 12 × 50% = 6; projects at the rules' 8: 8 × 50% = 4
	expect_item drc investment weight=12.00 score=6.00
	expect_item drc projects weight=8.00 score=4.00
	expect_card drc total=10.00
	# 区经信局 supports: 8 × 100% = 8; projects its own 12: 12 × 100% = 12
	expect_item econ investment weight=8.00 score=8.00
	expect_item econ projects weight=12.00 score=12.00
	expect_card econ total=20.00 rank=1
	run explain "$SEM/weights.yaml" --period 2023-06 --unit econ --indicator investment
	expect_out_has "  weight      8"
}

test_check_adds_each_units_weights_up_to_the_full_marks() {
	run check --strict "$SEM/weights.yaml"
	expect_rc 0
	sed 's/{unit: econ, indicator: investment, weight: 8}/{unit: econ, indicator: investment, weight: 6}/' \
		"$SEM/weights.yaml" >"$T/weights.yaml"
	cp "$SEM/weights.lua" "$T/"
	run check "$T/weights.yaml"
	expect_rc 0
	expect_err_has "weights.lua:5: warning: the weights add up to 18 for 区经信局, not the full marks 20 the plan declares ($T/weights.yaml:8:13): change a weight, or full_marks"
}

test_a_unit_weight_is_points_on_a_scored_indicator() {
	cp "$SEM/weights.lua" "$T/"
	sed 's/weight: 12}$/weight: -1}/' "$SEM/weights.yaml" | sed '/econ, indicator: projects/d' >"$T/weights.yaml"
	run check "$T/weights.yaml"
	expect_rc 1
	expect_err "$T/weights.yaml:31:48: weight must be a number of points (0 or more)"
	sed 's/    units: \[drc, econ\]              #.*/    units: [drc, econ]\n    scoring: lead/' \
		"$SEM/weights.yaml" >"$T/weights.yaml"
	run check "$T/weights.yaml"
	expect_rc 1
	expect_err "$T/weights.yaml:33:49: unit 'econ' is not scored on 'investment' (a supporting unit): a weight would count for nothing"
}

# the plan with its per-unit weights in a table (weights_table:) instead
weights_from_table() {
	cp "$SEM/weights.lua" "$T/"
	sed '/^targets:/,$d; s/^full_marks: 20/full_marks: 20\nweights_table: weights.csv/' \
		"$SEM/weights.yaml" >"$T/weights.yaml"
	write weights.csv
}

test_a_weights_table_gives_each_unit_its_weights() {
	weights_from_table <<'CSV'
unit,investment,开工项目
drc,12,
econ,8,12
CSV
	run check --strict "$T/weights.yaml"
	expect_rc 0
	run import "$T/weights.yaml" "$SEM/weights-figures.csv"
	expect_rc 0
	score_csv "$T/weights.yaml" 2023-06
	# as with targets: entries: drc 12 and the rules' 8, econ 8 and 12
	expect_item drc investment weight=12.00 score=6.00
	expect_item drc projects weight=8.00 score=4.00
	expect_item econ investment weight=8.00 score=8.00
	expect_item econ projects weight=12.00 score=12.00
	expect_card econ total=20.00 rank=1
	# a targets: entry wins over the table
	printf 'targets:\n  - {unit: econ, indicator: projects, weight: 10}\n' >>"$T/weights.yaml"
	run check "$T/weights.yaml"
	expect_err_has "the weights add up to 18 for 区经信局, not the full marks 20"
}

test_a_weights_table_cell_is_checked_where_it_stands() {
	weights_from_table <<'CSV'
unit,investment,projects
drc,12,
econ,8,"1,2"
CSV
	run check "$T/weights.yaml"
	expect_rc 1
	expect_err "$T/weights.csv:3:3: weight '1,2' is not a number (write decimals with '.'; ',' may only separate thousands, as in 1,234.5)"
	weights_from_table <<'CSV'
unit,investment,projects
drc,-3,
CSV
	run check "$T/weights.yaml"
	expect_rc 1
	expect_err "$T/weights.csv:2:2: weight must be a number of points (0 or more)"
	weights_from_table <<'CSV'
unit,investment
区财政局,12
CSV
	run check "$T/weights.yaml"
	expect_rc 1
	expect_err_has "$T/weights.csv:2:1: unknown unit '区财政局'"
	weights_from_table <<'CSV'
unit,investment
econ,8
CSV
	sed -i 's/    units: \[drc, econ\]              #.*/    units: [drc, econ]\n    scoring: lead/' \
		"$T/weights.yaml"
	run check "$T/weights.yaml"
	expect_rc 1
	expect_err "$T/weights.csv:2:2: unit 'econ' is not scored on 'investment' (a supporting unit): a weight would count for nothing"
	run --lang zh check "$T/weights.yaml"
	expect_rc 1
	expect_err_has "weights.csv:2:2:"
}
