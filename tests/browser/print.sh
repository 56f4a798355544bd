#!/usr/bin/env bash
# A saved run's HTML report printed on A4 by headless Chromium (to PDF, as
# a browser's print dialog would): every page carries the running header
# (the plan's title; the period and the status) and footer (the run, when
# it was saved, its fingerprint; the page's number of the pages), in the
# reader's language, from the page's CSS margin boxes. pdftotext
# (poppler-utils) reads the printed text back. The PDF is kept as
# BUILD_DIR/report-run.pdf.
#
# usage: tests/browser/print.sh ASSAY BUILD_DIR
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ASSAY=$1
OUT=$(cd "$2" && pwd)
export ASSAY_RULES_LIB="$ROOT/rules/lib"
SUITE=print
. "$ROOT/tests/browser/lib.sh"

# print_pdf HTML PDF: the page printed by headless Chromium, without the
# browser's own header and footer (the page's margin boxes are its own).
print_pdf() {
	browser --no-pdf-header-footer --print-to-pdf="$2" "file://$1"
	[ -s "$2" ]
}

# Every page of the PDF, its text a file each ($T/page-N.txt); how many.
pages_of() {
	local n k
	n=$(pdfinfo "$1" | awk '/^Pages:/ {print $2}')
	for ((k = 1; k <= n; k++)); do
		pdftotext -layout -f "$k" -l "$k" "$1" "$T/page-$k.txt"
	done
	echo "$n"
}

"$ASSAY" --db "$T/assay.db" import --quiet "$ROOT/plans/lucheng-2023.yaml" \
	"$ROOT"/plans/data/lucheng-2023-2023-0*.csv >/dev/null &&
	"$ASSAY" --db "$T/assay.db" score --quiet "$ROOT/plans/lucheng-2023.yaml" --period 2023-09 \
		--final >/dev/null 2>&1 &&
	"$ASSAY" --db "$T/assay.db" report 1 --quiet --lang zh -o "$T/report.html" ||
	{ echo "print: the report of the saved run could not be made"; exit 1; }
saved=$(sqlite3 "$T/assay.db" "SELECT replace(replace(saved_at, 'T', ' '), 'Z', ' UTC') FROM runs")

prints_on_a4() {
	print_pdf "$T/report.html" "$OUT/report-run.pdf" || { echo "    no PDF" >&2; return 1; }
	pdfinfo "$OUT/report-run.pdf" | grep -q '^Page size:.*(A4)' ||
		{ echo "    not A4: $(pdfinfo "$OUT/report-run.pdf" | grep 'Page size')" >&2; return 1; }
}

every_page_has_the_running_header_and_its_number() {
	local n k page
	n=$(pages_of "$OUT/report-run.pdf")
	[ "$n" -gt 1 ] || { echo "    $n page: a unit per page should make more" >&2; return 1; }
	for ((k = 1; k <= n; k++)); do
		page=$(cat "$T/page-$k.txt")
		for want in "鹿城区2023年服务业重点工作任务清单" "2023-09 · 定稿" \
			"评分记录 1 · 定稿 · 生成于 $saved · 指纹 " "第 $k 页，共 $n 页"; do
			grep -qF -- "$want" <<<"$page" ||
				{ echo "    page $k of $n lacks: $want" >&2; return 1; }
		done
	done
}

check prints_on_a4
check every_page_has_the_running_header_and_its_number
echo "print: $passed passed, $failed failed (PDF: $OUT/report-run.pdf)"
[ "$failed" -eq 0 ]
