# Helpers for the end-to-end tests: each test drives the real assay binary
# ($ASSAY) on real files, in a fresh temporary directory ($T), and checks
# what it printed and how it exited.

ROOT=${ROOT:?}

# The tests read English unless one asks for Chinese (--lang zh, or a zh
# locale of its own): a developer's zh_CN locale does not change them.
export LANG=C.UTF-8
unset LC_ALL LC_MESSAGES LANGUAGE
# Each test keeps its compiled plans (plan_cache.h) apart: a second run in
# a test reads them, as a user's would.
export ASSAY_CACHE_DIR="$T/cache"
unset ASSAY_DEBUG
PLAN="$ROOT/plans/lucheng-2023.yaml"
DATA="$ROOT/plans/data"

fail() {
	printf '    %s\n' "$@" >&2
	exit 1
}

# run ARGS...: runs assay with its store in $T; keeps stdout, stderr, status.
run() {
	"$ASSAY" --db "$T/assay.db" "$@" >"$T/out" 2>"$T/err"
	echo $? >"$T/rc"
}

expect_rc() {
	local rc
	rc=$(cat "$T/rc")
	[ "$rc" = "$1" ] || fail "expected exit code $1, got $rc" "stderr: $(head -c 600 "$T/err")"
}

# expect_err TEXT: stderr is exactly TEXT (one line).
expect_err() {
	local got
	got=$(cat "$T/err")
	[ "$got" = "$1" ] || fail "expected stderr:" "  $1" "got:" "  $got"
}

expect_out_has() {
	grep -qF -- "$1" "$T/out" || fail "stdout lacks: $1" "stdout: $(head -c 1500 "$T/out")"
}

# expect_out_lines TEXT: stdout holds TEXT, several lines one after another.
expect_out_lines() {
	local out
	out=$(cat "$T/out")
	[[ "$out" == *"$1"* ]] || fail "stdout lacks the lines:" "$1" "stdout: $(head -c 1500 "$T/out")"
}

expect_err_has() {
	grep -qF -- "$1" "$T/err" || fail "stderr lacks: $1" "stderr: $(head -c 1500 "$T/err")"
}

expect_out_lacks() {
	! grep -qF -- "$1" "$T/out" || fail "stdout should not contain: $1"
}

# copy_plan: a private copy of the plans/ and rules/ trees in $T, so a
# test may edit them; prints the copied plan's path.
copy_plan() {
	cp -r "$ROOT/plans" "$ROOT/rules" "$T/"
	echo "$T/plans/lucheng-2023.yaml"
}

# import_sample: the nine monthly sample reports into $T/assay.db.
import_sample() {
	run import "$PLAN" "$DATA"/lucheng-2023-2023-0*.csv
	expect_rc 0
}

# The rules' standard library of this checkout, wherever a plan sits.
export ASSAY_RULES_LIB="$ROOT/rules/lib"
FIX="$ROOT/tests/e2e/fixtures"

# mini_plan: a private copy of the mini plan in $T (so tests may break it).
mini_plan() {
	cp "$FIX"/mini.yaml "$FIX"/mini.lua "$T/"
	echo "$T/mini.yaml"
}

# mini_trade_case: the mini plan in $T with rule tests that start with the
# case 商务局贸易额完成 (June; 区商务局 reports trade 7000 and stores 5);
# stdin holds its expectations for 区商务局 (indented 8) and any cases after.
mini_trade_case() {
	mini_plan >/dev/null
	{
		printf '%s\n' 'cases:' '  - name: 商务局贸易额完成' '    period: 2023-06' '    figures:' \
			'      区商务局: {trade: 7000, stores: 5}' '    expect:' '      区商务局:'
		cat
	} >"$T/mini.tests.yaml"
}

# write FILE: stdin into $T/FILE.
write() {
	cat >"$T/$1"
}

# line_of FILE ERE: the number of FILE's first line matching ERE (where a
# message should point in a file that grows).
line_of() {
	grep -nE -m1 "$2" "$1" | cut -d: -f1
}

# The semantics plans: small plans, each testing one part of the plan format
# and the standard library (tests/plans/).
SEM="$ROOT/tests/plans"

# score_csv PLAN PERIOD [ARGS...]: scores into $T/out as CSV, exit 0 expected.
score_csv() {
	local plan=$1 period=$2
	shift 2
	run score "$plan" --period "$period" --format csv "$@"
	expect_rc 0
}

# csv_value UNIT INDICATOR COLUMN: one field of `score --format csv` in $T/out
# (quoted fields with commas are understood).
csv_value() {
	awk -v unit="$1" -v ind="$2" -v col="$3" '
	function split_csv(line, f,    n, i, c, q, v) {
		n = 0; v = ""; q = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (q && c == "\"" && substr(line, i + 1, 1) == "\"") { v = v c; i++ }
			else if (c == "\"") q = !q
			else if (c == "," && !q) { f[++n] = v; v = "" }
			else v = v c
		}
		f[++n] = v
		return n
	}
	NR == 1 { n = split_csv($0, h); for (i = 1; i <= n; i++) at[h[i]] = i; next }
	{ split_csv($0, f); if (f[at["unit"]] == unit && f[at["indicator"]] == ind) print f[at[col]] }
	' "$T/out"
}

# expect_item UNIT INDICATOR COLUMN=VALUE...: fields of one scorecard row.
expect_item() {
	local unit=$1 ind=$2 pair got
	shift 2
	for pair in "$@"; do
		got=$(csv_value "$unit" "$ind" "${pair%%=*}")
		[ "$got" = "${pair#*=}" ] ||
			fail "$unit / $ind: expected ${pair%%=*} '${pair#*=}', got '$got'"
	done
}

# expect_card UNIT COLUMN=VALUE...: a unit's total, rank, verdict, ...
expect_card() {
	local unit=$1 pair got
	shift
	for pair in "$@"; do
		got=$(csv_value_card "$unit" "${pair%%=*}")
		[ "$got" = "${pair#*=}" ] ||
			fail "$unit: expected ${pair%%=*} '${pair#*=}', got '$got'"
	done
}

# The first row's field of a unit (card columns repeat on every row).
csv_value_card() {
	local ind
	ind=$(awk -F, -v u="$1" 'NR > 1 && $2 == u { print $5; exit }' "$T/out")
	csv_value "$1" "$ind" "$2"
}

import_mini_june() {
	run import "$FIX/mini.yaml" "$FIX/mini-2023-06.csv"
	expect_rc 0
}

# bad_import_leaves_store_unchanged [ARGS...]: a store already holding
# June's figures, then `assay import ARGS` (by default the mini plan and
# $T/bad.csv) must fail with exit 1 and change nothing, byte for byte.
bad_import_leaves_store_unchanged() {
	[ $# -gt 0 ] || set -- "$FIX/mini.yaml" "$T/bad.csv"
	import_mini_june
	cp "$T/assay.db" "$T/before.db"
	run import "$@"
	expect_rc 1
	cmp -s "$T/assay.db" "$T/before.db" || fail "the store changed after a failed import"
	[ ! -s "$T/assay.db-wal" ] || fail "the failed import left writes in the WAL"
}

# stored UNIT INDICATOR PERIOD: the stored value of one figure.
stored() {
	sqlite3 "$T/assay.db" "SELECT value FROM figures WHERE unit = '$1' AND indicator = '$2' AND period = '$3'"
}

# expect_stored UNIT INDICATOR PERIOD VALUE
expect_stored() {
	local got; got=$(stored "$1" "$2" "$3")
	[ "$got" = "$4" ] || fail "figure $1/$2/$3: expected $4 stored, got '$got'"
}

# The schema version this assay writes.
SCHEMA=9

# as_schema_3 DB: the store as assay wrote it while it kept a row per
# figure in the table `figures` (schema 3).
as_schema_3() {
	sqlite3 "$1" "CREATE TABLE old_figures AS SELECT * FROM figures; DROP VIEW figures;
		CREATE TABLE figures (plan TEXT NOT NULL, period TEXT NOT NULL, unit TEXT NOT NULL,
		  indicator TEXT NOT NULL, value REAL NOT NULL, note TEXT NOT NULL DEFAULT '',
		  source TEXT NOT NULL, import_id INTEGER NOT NULL REFERENCES imports(id),
		  PRIMARY KEY (plan, period, unit, indicator)) WITHOUT ROWID;
		INSERT INTO figures SELECT * FROM old_figures; DROP TABLE old_figures;
		DROP TABLE unit_figures; DROP TABLE import_files; ALTER TABLE runs DROP COLUMN items;
		ALTER TABLE runs DROP COLUMN files; DROP TABLE run_pieces;
		PRAGMA user_version = 3" ||
		fail "could not age the store"
}

# run_text ID COLUMN: a text of saved run ID as the store keeps it, its
# figures and scorecards unpacked (zstd), as a reader of the store would:
# its column of runs followed by its pieces in run_pieces.
run_text() {
	python3 - "$T/assay.db" "$1" "$2" <<'PY'
import sqlite3, subprocess, sys
db, run, column = sys.argv[1:]
c = sqlite3.connect(db)
v = c.execute(f"SELECT {column} FROM runs WHERE id = ?", (int(run),)).fetchone()[0]
if isinstance(v, bytes):
    v += b"".join(p for (p,) in c.execute("SELECT bytes FROM run_pieces WHERE run = ? AND part = ?"
                                          " ORDER BY seq", (int(run), column)))
if isinstance(v, bytes):
    v = subprocess.run(["zstd", "-dcq"], input=v, capture_output=True, check=True).stdout.decode()
sys.stdout.write(v)
PY
}

# Whether $ASSAY is built with AddressSanitizer.
sanitized() {
	ldd "$ASSAY" 2>/dev/null | grep -q libasan
}

# run_bounded ARGS...: `run`, with the CPU time (10 s) and, unless assay
# is sanitized (AddressSanitizer's shadow memory needs terabytes of
# address space), the address space (256 MiB) limited: a file that makes
# assay loop or balloon kills it instead of passing.
run_bounded() {
	(
		ulimit -t 10
		sanitized || ulimit -v 262144
		run "$@"
	)
}

# xlsx_cells FILE SHEET: the sheet's cells, one "A1=s:text" or "A1=n:number"
# a line, read back from the workbook's XML (shared and inline strings
# resolved; numbers to the 15 significant digits Excel keeps).
xlsx_cells() {
	python3 - "$1" "$2" <<'PY'
import re, sys, zipfile
from xml.etree import ElementTree as ET
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
book = zipfile.ZipFile(sys.argv[1])
names = [s.get("name") for s in ET.fromstring(book.read("xl/workbook.xml")).find("m:sheets", ns)]
shared = "xl/sharedStrings.xml" in book.namelist()
strings = [si.findtext("m:t", "", ns) for si in ET.fromstring(book.read("xl/sharedStrings.xml"))] if shared else []
sheet = ET.fromstring(book.read("xl/worksheets/sheet%d.xml" % (names.index(sys.argv[2]) + 1)))
for c in sheet.iter("{%s}c" % ns["m"]):
    if c.get("t") == "inlineStr":
        print("%s=s:%s" % (c.get("r"), c.find("m:is", ns).findtext("m:t", "", ns)))
        continue
    v = c.findtext("m:v", None, ns)
    if v is None:
        continue
    print("%s=%s" % (c.get("r"), "s:" + strings[int(v)] if c.get("t") == "s" else "n:%.15g" % float(v)))
PY
}
