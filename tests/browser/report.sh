#!/usr/bin/env bash
# The HTML report in a real browser: headless Chromium loads the Lucheng
# report for 2023-09 and must log no console message at all, and its DOM
# must hold a section per unit and a matrix cell per unit and indicator.
# The screenshot stays in the build directory as an artifact.
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
ASSAY=$1
OUT=$(cd "$2" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export ASSAY_RULES_LIB="$ROOT/rules/lib"
passed=0
failed=0

# browser ARGS... URL: headless Chromium with a fresh profile and nothing
# that reaches the network on its own; its log goes to $T/log.
browser() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
		--no-default-browser-check --disable-background-networking \
		--disable-component-update --disable-sync --disable-default-apps \
		--disable-extensions --disable-breakpad --disable-domain-reliability \
		--metrics-recording-only --user-data-dir="$(mktemp -d "$T/profile.XXXXXX")" \
		--enable-logging=stderr --v=0 "$@" 2>"$T/log"
}

# console_messages URL: the page's console messages, one a line.
console_messages() {
	browser --dump-dom "$1" >"$T/dom.html"
	grep -F ':CONSOLE' "$T/log"
}

check() {
	if "$@"; then
		passed=$((passed + 1))
		echo "ok      browser $1"
	else
		failed=$((failed + 1))
		echo "FAILED  browser $1"
	fi
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

screenshot() {
	rm -f "$OUT/report.png"
	browser --hide-scrollbars --window-size=1100,2600 --screenshot="$OUT/report.png" \
		"file://$OUT/report.html"
	[ -s "$OUT/report.png" ] || { echo "    no screenshot" >&2; return 1; }
}

"$ASSAY" --db "$T/assay.db" import --quiet "$ROOT/plans/lucheng-2023.yaml" \
	"$ROOT"/plans/data/lucheng-2023-2023-0*.csv >/dev/null &&
	"$ASSAY" --db "$T/assay.db" report "$ROOT/plans/lucheng-2023.yaml" --period 2023-09 \
		-o "$OUT/report.html" || { echo "browser: the report could not be made"; exit 1; }
check catches_a_console_error
check report_loads_without_console_messages
check report_has_every_unit_and_cell
check screenshot
echo "browser: $passed passed, $failed failed (screenshot: $OUT/report.png)"
[ "$failed" -eq 0 ]
