# assay score: scorecards worked out by hand, ranks, formats.

score_mini() {
	run import "$FIX/mini.yaml" "$FIX/mini-2023-06.csv" "$FIX/mini-2023-07-wide.csv" "$FIX/mini-2023-08.yaml"
	expect_rc 0
	run score "$FIX/mini.yaml" "$@"
}

# The whole table, as a golden file: scores, lights, reasons, totals, ranks,
# verdicts, and columns aligned by display width (CJK counts two).
test_mini_june_table_golden() {
	score_mini --period 2023-06
	expect_rc 0
	diff -u "$ROOT/tests/e2e/golden/mini-2023-06.txt" "$T/out" >&2 || fail "output differs from the golden file"
}

test_ties_share_a_rank() {
	score_mini --period 2023-06 --format csv
	expect_rc 0
	[ "$(awk -F, '$2 == "science" || $2 == "finance" {print $2 ":" $16}' "$T/out" | sort | tr '\n' ' ')" = "finance:1 science:1 " ] ||
		fail "science and finance, both 100.00, should share rank 1"
	[ "$(awk -F, '$2 == "commerce" {print $16}' "$T/out" | sort -u)" = 3 ] ||
		fail "commerce should rank 3 after two units sharing rank 1"
}

test_exactly_on_the_red_margin_is_yellow() {
	# 29 of 60 at the end of July: exactly 10 points behind 7/12.
	score_mini --period 2023-07 --unit 五马街道
	expect_rc 0
	expect_out_has "举办展会活动 (场)             29      60       48.3%   0.00  yellow  完成率48.3%，落后时序进度10个百分点"
}

test_cjk_columns_aligned() {
	score_mini --period 2023-06
	# Within each scorecard every column starts at the same display column
	# in the header and in every row, Chinese characters counting two.
	python3 - "$T/out" <<'PY' || fail "scorecard columns are not aligned by display width"
import re, sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
def starts(line):
    # fields are separated by two or more spaces; a name may hold one space
    return [width(line[:m.start()]) for m in re.finditer(r"\S+(?: \S+)*", line)][:6]
tables, current = [], None
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("  indicator"):
        current = [line]
        tables.append(current)
    elif current is not None and line.startswith("  ") and not line.startswith("  total"):
        current.append(line)
    else:
        current = None
assert len(tables) == 4, len(tables)
for t in tables:
    header = starts(t[0])
    assert len(t) > 1
    # numbers are right-aligned: for them compare where each field ends
    ends_h = [width(t[0][:m.end()]) for m in re.finditer(r"\S+(?: \S+)*", t[0])][:5]
    for row in t[1:]:
        ends_r = [width(row[:m.end()]) for m in re.finditer(r"\S+(?: \S+)*", row)][:5]
        assert starts(row)[0] == header[0], (row, header)
        assert ends_r[1:5] == ends_h[1:5], (row, ends_r, ends_h)
        assert starts(row)[5] == header[5], (row, header)
PY
}

test_json_schema() {
	score_mini --period 2023-06 --format json
	expect_rc 0
	python3 - "$T/out" <<'PY' || fail "JSON output does not match the documented schema"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["schema"] == "assay.scorecards/1"
assert doc["period"] == "2023-06" and doc["time_progress"] == 0.5
units = {u["unit"]: u for u in doc["units"]}
w = units["wuma"]
assert w["total"] == 40 and w["rank"] == 1 and w["verdict"] == "red_light", w
assert w["verdict_reason"] == "红灯：品牌首店"
items = {i["indicator"]: i for i in w["items"]}
assert items["energy"]["score"] == 6 and items["energy"]["light"] == "green"
assert items["stores"]["completion"] == 0.3 and items["stores"]["light"] == "red"
assert units["commerce"]["total"] == 66.67 and units["commerce"]["rank"] == 3
PY
}

test_missing_figure_is_not_zero() {
	score_mini --period 2023-08 --unit wuma
	expect_rc 0
	expect_out_has "品牌首店 (家)                  —      10"
	expect_out_has "red    未报送"
	expect_out_has "not reported 3"
}

test_quarter_uses_its_last_month() {
	score_mini --period 2023Q2 --format csv
	expect_rc 0
	grep -q '^2023Q2,commerce,区商务局,bureau,trade,服务贸易额,万美元,7000,7000,' "$T/out" ||
		fail "2023Q2 should take the figures of 2023-06"
}

test_unknown_unit_suggests() {
	score_mini --period 2023-06 --unit 区商物局
	expect_rc 1
	expect_err "$FIX/mini.yaml: unknown unit '区商物局' (did you mean '区商务局'?)"
}

test_missing_period_is_usage_error() {
	run score "$FIX/mini.yaml"
	expect_rc 2
	expect_err_has "--period is required"
}

test_period_outside_plan_year() {
	score_mini --period 2024-01
	expect_rc 1
	expect_err "assay: period 2024-01 is outside the plan's year 2023"
}

test_no_store_yet() {
	run score "$FIX/mini.yaml" --period 2023-06
	expect_rc 1
	expect_err "assay: no store at '$T/assay.db': import figures first (assay import PLAN FILE...)"
}

test_lucheng_september() {
	import_sample
	run score "$PLAN" --period 2023-09
	expect_rc 0
	expect_out_has "period 2023-09 · time progress 75.0%"
	expect_out_has "ranking"
	expect_out_has "区民政局 (civil_affairs)"
}

test_db_from_environment() {
	run import "$FIX/mini.yaml" "$FIX/mini-2023-06.csv"
	ASSAY_DB="$T/assay.db" "$ASSAY" score "$FIX/mini.yaml" --period 2023-06 >"$T/out" 2>"$T/err" ||
		fail "ASSAY_DB was not used: $(cat "$T/err")"
	expect_out_has "区科技局 (science)"
}

# Figures are read a unit at a time, merging the store's figures by unit:
# a unit the plan no longer has (finance, whose figures sort between
# others') is passed over without disturbing its neighbours, and a unit
# the plan adds without figures (audit, sorting first) is scored as not
# reported.
test_units_dropped_and_added_after_the_figures() {
	run import "$FIX/mini.yaml" "$FIX/mini-2023-06.csv" "$FIX/mini-2023-07-wide.csv"
	expect_rc 0
	score_csv "$FIX/mini.yaml" 2023-07
	awk -F, '$2 != "finance" { print $2, $5, $8, $11, $13 }' "$T/out" >"$T/before"
	cp "$FIX/mini.lua" "$T/"
	python3 - "$FIX/mini.yaml" "$T/edited.yaml" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
text = text.replace("  - id: finance\n    name: 区财政局\n    group: bureau\n",
                    "  - id: audit\n    name: 区审计局\n    group: bureau\n")
text = text.replace("units: [commerce, science, finance]", "units: [commerce, science, audit]")
text = text.replace("  - unit: finance\n", "  - unit: audit\n")
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY
	score_csv "$T/edited.yaml" 2023-07
	awk -F, '$2 != "audit" { print $2, $5, $8, $11, $13 }' "$T/out" >"$T/after"
	diff -u "$T/before" "$T/after" >&2 || fail "the other units' items changed"
	[ "$(awk -F, '$2 == "audit" { print $5, $13, $20, $21 }' "$T/out")" = "trade red scored missing" ] ||
		fail "audit should be scored as not reported:" "$(grep audit "$T/out")"
}

# Scorecards are written to stdout as they are made; a write that fails
# (here a full disk) fails the command, whichever format.
test_output_that_cannot_be_written_fails() {
	score_mini --period 2023-08
	expect_rc 0
	for format in table csv json; do
		"$ASSAY" --db "$T/assay.db" score "$FIX/mini.yaml" --period 2023-08 --format "$format" \
			>/dev/full 2>"$T/err"
		echo $? >"$T/rc"
		expect_rc 1
		expect_err "assay: unable to write the output: No space left on device"
	done
	"$ASSAY" --db "$T/assay.db" --lang zh score "$FIX/mini.yaml" --period 2023-08 \
		>/dev/full 2>"$T/err"
	echo $? >"$T/rc"
	expect_rc 1
	expect_err_has "assay: 无法写出结果："
}
