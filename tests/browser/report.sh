#!/usr/bin/env bash
# The HTML report in a real browser: headless Chromium loads the Lucheng
# report for 2023-09, in Chinese, and must log no console message at all;
# its DOM must hold a section per unit and a matrix cell per unit and
# indicator, read Chinese, and draw every peer group's bars on one scale
# with the verdict lines at the rules' totals (tests/e2e/charts.py reads
# the SVG's geometry from the DOM the browser built). In a screenshot made
# grey, as a black-and-white printer prints, each verdict's bars must
# still look unlike the others'. The screenshots stay in the build
# directory as artifacts (report.png, report-grey.png).
#
# Console messages: the page has no script, and its content security
# policy forbids anything from elsewhere, so whatever goes wrong while it
# loads (a resource it tries to fetch, markup the policy refuses) is a
# console message. Chromium logs each one to stderr as a line with
# ":CONSOLE" when started with --enable-logging=stderr --v=0; that log is
# read rather than a script injected into the page, which the policy
# would (rightly) refuse. A page that does log an error is loaded first, to
# show that this check catches one.
#
# usage: tests/browser/report.sh ASSAY BUILD_DIR
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CHARTS="$ROOT/tests/e2e/charts.py"
# Debian's Python, which has PIL (python3-pil) for the grey screenshots
PYTHON=/usr/bin/python3
ASSAY=$1
OUT=$(cd "$2" && pwd)
export ASSAY_RULES_LIB="$ROOT/rules/lib"
SUITE=browser

. "$ROOT/tests/browser/lib.sh"

# console_messages URL: the page's console messages, one a line.
console_messages() {
	browser --dump-dom "$1" >"$T/dom.html"
	grep -F ':CONSOLE' "$T/log"
}

catches_a_console_error() {
	printf '<!DOCTYPE html><title>x</title><script>console.error("broken")</script>\n' >"$T/bad.html"
	console_messages "file://$T/bad.html" | grep -qF '"broken"' ||
		{ echo "    a page's console error went unnoticed" >&2; return 1; }
}

report_loads_without_console_messages() {
	local messages
	messages=$(console_messages "file://$OUT/report.html")
	[ -z "$messages" ] || { echo "    console: $messages" >&2; return 1; }
}

# Counts in the DOM the browser built, against the plan as assay lists it.
report_has_every_unit_and_cell() {
	local units indicators
	units=$(($("$ASSAY" units "$ROOT/plans/lucheng-2023.yaml" | wc -l) - 1))
	indicators=$(($("$ASSAY" indicators "$ROOT/plans/lucheng-2023.yaml" | wc -l) - 1))
	python3 - "$T/dom.html" "$units" "$indicators" <<'PY'
import sys
from html.parser import HTMLParser
class Count(HTMLParser):
    sections = cells = 0
    def handle_starttag(self, tag, attrs):
        cls = (dict(attrs).get("class") or "").split()
        self.sections += tag == "section" and "unit" in cls
        self.cells += tag == "td" and "cell" in cls
c = Count()
c.feed(open(sys.argv[1], encoding="utf-8").read())
units, indicators = int(sys.argv[2]), int(sys.argv[3])
ok = c.sections == units and c.cells == units * indicators
if not ok:
    print("    %d unit sections (expected %d), %d matrix cells (expected %d)"
          % (c.sections, units, c.cells, units * indicators), file=sys.stderr)
sys.exit(0 if ok else 1)
PY
}

# The DOM speaks Chinese: the page's language, headings, the verdict
# lines' labels, the months. This and the checks of the charts below read
# the DOM report_loads_without_console_messages dumped.
report_is_chinese() {
	local text
	for text in '<html lang="zh-CN">' '<h2>概况</h2>' '<h2>排名</h2>' '区政府部门 · 总分（按排名）' \
		'表扬线 90' '亮灯线 60' '>9月</text>' '<h2>亮灯情况</h2>'; do
		grep -qF -- "$text" "$T/dom.html" || { echo "    the DOM lacks $text" >&2; return 1; }
	done
}

# Every bar as long as its total on the one axis of every group, of its
# verdict's class and label (checked against the ranking CSV).
bars_share_one_scale() {
	"$PYTHON" "$CHARTS" ranking "$T/dom.html" "$T/ranking.csv" >"$T/read" &&
		grep -qF "4 groups on one axis 0 to 120 by 20: 20 bars" "$T/read" ||
		{ echo "    read: $(cat "$T/read")" >&2; return 1; }
}

# The commendation line at 90 and the red-light line at 60 on that axis,
# as the rule file declares them, in every group.
verdict_lines_at_the_rules_totals() {
	"$PYTHON" "$CHARTS" lines "$T/dom.html" >"$T/read" || return 1
	local want
	want=$(printf '%s\n' "区政府部门 · 总分（按排名）: commendation at 90, labelled 表扬线 90" \
		"区政府部门 · 总分（按排名）: red_light at 60, labelled 亮灯线 60" \
		"区委部门 · 总分（按排名）: commendation at 90, labelled 表扬线 90" \
		"区委部门 · 总分（按排名）: red_light at 60, labelled 亮灯线 60" \
		"垂直管理和派驻单位 · 总分（按排名）: commendation at 90, labelled 表扬线 90" \
		"垂直管理和派驻单位 · 总分（按排名）: red_light at 60, labelled 亮灯线 60" \
		"街镇 · 总分（按排名）: commendation at 90, labelled 表扬线 90" \
		"街镇 · 总分（按排名）: red_light at 60, labelled 亮灯线 60")
	[ "$(cat "$T/read")" = "$want" ] || { echo "    read: $(cat "$T/read")" >&2; return 1; }
}

# grey_bars PAGE [--solid]: the ranking's charts of PAGE alone, shot and
# made grey; whether each verdict's bars look unlike the others'.
grey_bars() {
	local size
	size=$("$PYTHON" "$CHARTS" grey-page "$1" "$T/bars.html" "${@:2}") || return 1
	browser --hide-scrollbars --force-device-scale-factor=1 --window-size="$size" \
		--screenshot="$T/bars.png" "file://$T/bars.html" || return 1
	"$PYTHON" "$CHARTS" grey-check "$T/bars.html" "$T/bars.png"
}

# Bars told apart by colour alone (the report's old style) merge in grey:
# the check must say so.
catches_verdicts_alike_in_grey() {
	! grey_bars "$OUT/report.html" --solid 2>"$T/read" >/dev/null &&
		grep -qF "look alike in grey" "$T/read" ||
		{ echo "    bars of colour alone passed in grey: $(cat "$T/read")" >&2; return 1; }
}

verdicts_apart_in_grey() {
	grey_bars "$OUT/report.html" | sed 's/^/    /'
	[ "${PIPESTATUS[0]}" -eq 0 ]
}

screenshot() {
	rm -f "$OUT/report.png" "$OUT/report-grey.png"
	browser --hide-scrollbars --window-size=1100,2600 --screenshot="$OUT/report.png" \
		"file://$OUT/report.html"
	[ -s "$OUT/report.png" ] || { echo "    no screenshot" >&2; return 1; }
	"$PYTHON" -c 'import sys; from PIL import Image; Image.open(sys.argv[1]).convert("L").save(sys.argv[2])' \
		"$OUT/report.png" "$OUT/report-grey.png"
}

plan="$ROOT/plans/lucheng-2023.yaml"
"$ASSAY" --db "$T/assay.db" import --quiet "$plan" "$ROOT"/plans/data/lucheng-2023-2023-0*.csv >/dev/null &&
	"$ASSAY" --db "$T/assay.db" --lang zh report "$plan" --period 2023-09 -o "$OUT/report.html" &&
	"$ASSAY" --db "$T/assay.db" score "$plan" --period 2023-09 --ranking --format csv --no-bom \
		>"$T/ranking.csv" || { echo "browser: the report could not be made"; exit 1; }
check catches_a_console_error
check report_loads_without_console_messages
check report_has_every_unit_and_cell
check report_is_chinese
check bars_share_one_scale
check verdict_lines_at_the_rules_totals
check catches_verdicts_alike_in_grey
check verdicts_apart_in_grey
check screenshot
echo "browser: $passed passed, $failed failed (screenshots: $OUT/report.png, $OUT/report-grey.png)"
[ "$failed" -eq 0 ]
