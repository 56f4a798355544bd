# Saved runs: assay score --save [--final], assay runs, assay show. A run
# records the scorecards as printed and the SHA-256 fingerprints of what
# made them; a final run is frozen.

# masked: $T/out with the times runs were saved written YYYY-MM-DD hh:mm:ss.
masked() {
	sed -E "s/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}/YYYY-MM-DD hh:mm:ss/" "$T/out"
}

# sha8 FILE...: the first 8 hex digits of the SHA-256 of the files' bytes.
sha8() {
	cat "$@" | sha256sum | cut -c1-8
}

# The figures of June in the mini plan, as a run records them: one line
# each, sorted, whatever order they were imported in.
mini_june_figures() {
	printf 'figure\t2023-06\t%s\n' "commerce	stores	5	" "commerce	trade	7000	" \
		"finance	trade	3500	按调整后目标" "science	trade	7000	" "wuma	energy	0.4	" \
		"wuma	events	30	" "wuma	stores	3	"
}

# The rule files the mini plan loads, as sha256sum lists them, by path.
mini_rules() {
	sha256sum "$ROOT/rules/lib/std.lua" "$FIX/mini.lua"
}

save() {
	run score "$FIX/mini.yaml" --period "$@"
}

test_save_list_and_show() {
	import_mini_june
	run score "$FIX/mini.yaml" --period 2023-06
	cp "$T/out" "$T/unsaved"
	USER=auditor save 2023-06 --save
	expect_rc 0
	expect_err "assay: saved run 1: mini 2023-06, draft"
	cmp -s "$T/out" "$T/unsaved" || fail "score --save printed other scorecards than score"
	run runs "$FIX/mini.yaml"
	expect_rc 0
	local empty=e3b0c442 # no parameters: the SHA-256 of nothing
	[ "$(masked)" = "run  period   saved (UTC)          by       status  plan      rules     params    figures   reason
  1  2023-06  YYYY-MM-DD hh:mm:ss  auditor  draft   $(sha8 "$FIX/mini.yaml")  $(mini_rules | sha8)  $empty  $(mini_june_figures | sha8)" ] ||
		fail "unexpected list of runs:" "$(cat "$T/out")"
	[ "$(run_text 1 figures)" = "$(mini_june_figures)" ] ||
		fail "the run does not record exactly June's figures"
	run show 1
	expect_rc 0
	[ "$(masked | head -n 8)" = "run 1 · 测试方案 (mini) · 2023-06 · draft
saved YYYY-MM-DD hh:mm:ss UTC by auditor
scored from (SHA-256):
  plan     $(sha256sum "$FIX/mini.yaml" | cut -c1-64)  $FIX/mini.yaml
  rules    $(mini_rules | head -n 1)
           $(mini_rules | tail -n 1)
  params   $(sha256sum </dev/null | cut -c1-64)  none
  figures  $(mini_june_figures | sha256sum | cut -c1-64)  7 figures, 0 bonus and deduction items" ] ||
		fail "unexpected run record:" "$(head -n 10 "$T/out")"
	tail -n +10 "$T/out" | cmp -s - "$T/unsaved" || fail "show does not print the scorecards as score did"
}

test_show_csv_and_json_are_the_bytes_score_printed() {
	import_mini_june
	for format in csv json; do
		run score "$FIX/mini.yaml" --period 2023-06 --format "$format"
		cp "$T/out" "$T/$format"
	done
	save 2023-06 --save --format json
	expect_rc 0
	cmp -s "$T/out" "$T/json" || fail "score --save --format json printed something else"
	for format in csv json; do
		run show 1 --format "$format"
		expect_rc 0
		cmp -s "$T/out" "$T/$format" || fail "show --format $format differs from what score printed"
	done
}

# score --save prints the scorecards as they were saved: with a byte order
# mark when asked, and a unit's, the ranking or the summary as score does.
test_score_save_prints_what_score_prints() {
	import_mini_june
	local args
	for args in "--format csv --bom" "--unit 区商务局" "--ranking" "--summary" "--format json --unit 五马街道"; do
		# shellcheck disable=SC2086 # the options split into words
		run score "$FIX/mini.yaml" --period 2023-06 $args
		expect_rc 0
		cp "$T/out" "$T/unsaved"
		# shellcheck disable=SC2086
		save 2023-06 --save $args
		expect_rc 0
		cmp -s "$T/out" "$T/unsaved" || fail "score --save $args printed something else:" \
			"$(diff "$T/unsaved" "$T/out" | head -10)"
	done
	[ "$(head -c 3 "$T/out" | od -An -tx1 | tr -d ' ')" != efbbbf ] || fail "JSON got a byte order mark"
	run score "$FIX/mini.yaml" --period 2023-06 --format csv --bom
	[ "$(head -c 3 "$T/out" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "no byte order mark"
}

# What show prints does not change when the rules and the figures do.
test_show_prints_the_run_as_it_was() {
	local plan
	plan=$(mini_plan)
	import_mini_june
	run score "$plan" --period 2023-06 --save
	expect_rc 0
	cp "$T/out" "$T/then"
	sed -i 's/floor = 0.6/floor = 0.4/' "$T/mini.lua"
	sed 's/^区商务局,stores,2023-06,5,$/区商务局,stores,2023-06,9,更正/' "$FIX/mini-2023-06.csv" >"$T/fix.csv"
	run import "$plan" "$T/fix.csv"
	expect_rc 0
	run score "$plan" --period 2023-06
	cmp -s "$T/out" "$T/then" && fail "the changes should change today's scorecards"
	run show 1
	expect_rc 0
	tail -n +10 "$T/out" | cmp -s - "$T/then" || fail "show printed today's scorecards, not the run's"
}

test_a_draft_is_replaced_by_the_next_save() {
	import_mini_june
	save 2023-06 --save
	save 2023-06 --save
	expect_rc 0
	expect_err "assay: saved run 2: mini 2023-06, draft"
	run runs "$FIX/mini.yaml"
	[ "$(awk 'NR > 1 {print $1 ":" $2}' "$T/out")" = "2:2023-06" ] ||
		fail "the draft was not replaced:" "$(cat "$T/out")"
	run show 1
	expect_rc 1
	expect_err "assay: no run 1 in '$T/assay.db' (it holds 1 run, the last is 2; assay runs PLAN lists them)"
}

# runs_dump: every saved run, whole.
runs_dump() {
	sqlite3 "$T/assay.db" "SELECT * FROM runs ORDER BY id; SELECT * FROM run_units ORDER BY run, position;
		SELECT * FROM run_items ORDER BY run, position;
		SELECT * FROM run_pieces ORDER BY run, part, seq" | md5sum
}

test_a_final_run_is_frozen() {
	import_mini_june
	save 2023-06 --final
	expect_rc 0
	expect_err "assay: saved run 1: mini 2023-06, final"
	local before saved
	before=$(runs_dump)
	saved=$(sqlite3 "$T/assay.db" "SELECT replace(replace(saved_at, 'T', ' '), 'Z', '') || ' UTC by ' || user FROM runs")
	for again in --save --final; do
		save 2023-06 "$again"
		expect_rc 1
		expect_err "assay: 2023-06 of plan 'mini' has a final run, 1 (saved $saved): a final run is frozen, so this run was not saved; to replace it, save with --final --supersede 1 --reason TEXT"
		[ ! -s "$T/out" ] || fail "a refused run printed scorecards"
	done
	[ "$(runs_dump)" = "$before" ] || fail "a refused save changed the runs"
	# not even SQL changes a final run
	for sql in "DELETE FROM runs" "UPDATE runs SET reason = 'x'" "DELETE FROM run_units" \
		"UPDATE runs SET items = NULL" "UPDATE runs SET scorecards_json = ''"; do
		[ "$(sqlite3 "$T/assay.db" "$sql" 2>&1)" = "Error: stepping, a final run is frozen (19)" ] ||
			fail "'$sql' was not refused"
	done
	[ "$(runs_dump)" = "$before" ] || fail "SQL changed a final run"
}

# A save that fails part way (a piece refused, as a full disk would refuse
# it, after the run's record and its first pieces were written) leaves the
# store as it was: no run, no piece of one, the draft it was to replace.
test_a_save_that_fails_part_way_leaves_no_run() {
	import_mini_june
	save 2023-06 --save
	expect_rc 0
	local before
	before=$(runs_dump)
	sqlite3 "$T/assay.db" "CREATE TRIGGER refuse_items BEFORE INSERT ON run_pieces
		WHEN NEW.part = 'items' BEGIN SELECT RAISE(ABORT, 'no space left'); END" ||
		fail "could not add the trigger"
	ASSAY_RUN_PIECE_BYTES=16 save 2023-06 --final
	expect_rc 1
	expect_err_has "assay: store '$T/assay.db': saving the run: no space left"
	[ "$(runs_dump)" = "$before" ] || fail "the failed save changed the runs"
	[ "$(sqlite3 "$T/assay.db" "SELECT count(*) FROM run_pieces WHERE run <> 1")" = 0 ] ||
		fail "pieces of the failed run were kept"
	sqlite3 "$T/assay.db" "DROP TRIGGER refuse_items"
	ASSAY_RUN_PIECE_BYTES=16 save 2023-06 --final
	expect_rc 0
	expect_err "assay: saved run 2: mini 2023-06, final"
	[ "$(sqlite3 "$T/assay.db" "SELECT count(*) > 6 FROM run_pieces WHERE run = 2")" = 1 ] ||
		fail "the run was not saved in pieces"
	# a final run's pieces are frozen with it
	for sql in "DELETE FROM run_pieces" "UPDATE run_pieces SET bytes = x''"; do
		[ "$(sqlite3 "$T/assay.db" "$sql" 2>&1)" = "Error: stepping, a final run is frozen (19)" ] ||
			fail "'$sql' was not refused"
	done
}

# supersede_refused PERIOD RUN MESSAGE: a final run of PERIOD superseding
# RUN is refused, saying why.
supersede_refused() {
	save "$1" --final --supersede "$2" --reason again
	expect_rc 1
	expect_err "assay: --supersede $2: $3"
}

test_a_final_run_is_superseded_with_a_reason() {
	import_mini_june
	save 2023-06 --final
	save 2023-07 --save
	USER=chief save 2023-06 --final --supersede 1 --reason "区商务局更正6月数据"
	expect_rc 0
	expect_err "assay: saved run 3: mini 2023-06, final, superseding run 1"
	run runs "$FIX/mini.yaml"
	expect_rc 0
	[ "$(awk -F'  +' 'NR > 1 {print $2 "|" $3 "|" $6 "|" $11}' "$T/out")" = "1|2023-06|final, superseded by run 3|
3|2023-06|final, supersedes run 1|区商务局更正6月数据
2|2023-07|draft|" ] || fail "unexpected list of runs:" "$(cat "$T/out")"
	run show 3
	expect_err ""
	[ "$(masked | head -n 3)" = "run 3 · 测试方案 (mini) · 2023-06 · final, supersedes run 1
saved YYYY-MM-DD hh:mm:ss UTC by chief
reason: 区商务局更正6月数据" ] || fail "unexpected run record:" "$(head -n 3 "$T/out")"
	supersede_refused 2023-06 1 "run 1 was superseded by run 3 already: supersede that one"
	supersede_refused 2023-06 2 "run 2 is of plan 'mini' 2023-07, not of 'mini' 2023-06: a final run supersedes one of its own plan and period"
	supersede_refused 2023-07 2 "run 2 is a draft: only a final run is superseded (the next --save replaces a draft)"
	supersede_refused 2023-07 9 "there is no run 9"
}

test_save_usage_errors() {
	import_mini_june
	local usage="usage: assay score PLAN --period P [--unit U | --ranking | --summary] [--format table|csv|json] [--bom] [--quiet] [--save [--final [--supersede RUN --reason TEXT]]]"
	save 2023-06 --save --supersede 1 --reason x
	expect_rc 2
	expect_err "assay: --supersede replaces a final run with another: give --final too
$usage"
	save 2023-06 --final --supersede 1
	expect_rc 2
	expect_err "assay: --supersede needs --reason TEXT: why the final run is replaced
$usage"
	save 2023-06 --final --reason x
	expect_rc 2
	expect_err "assay: --reason goes with --supersede RUN
$usage"
	save 2023-06 --final --supersede one --reason x
	expect_rc 2
	expect_err "assay: --supersede takes a run number as assay runs lists it, not 'one'
$usage"
	run show
	expect_rc 2
	expect_err "assay: show takes one run number
usage: assay show RUN [--format table|csv|json]"
	[ "$(sqlite3 "$T/assay.db" "SELECT count(*) FROM runs")" = 0 ] || fail "a run was saved"
}

test_no_runs_yet() {
	import_mini_june
	run runs "$FIX/mini.yaml"
	expect_rc 0
	[ "$(cat "$T/out")" = "no runs of plan 'mini' saved yet (assay score PLAN --period P --save)" ] ||
		fail "unexpected output:" "$(cat "$T/out")"
	run show 1
	expect_rc 1
	expect_err "assay: no run 1 in '$T/assay.db': it holds no runs yet (save one with assay score PLAN --period P --save)"
}

test_a_run_whose_rules_failed_is_not_saved() {
	local plan
	plan=$(mini_plan)
	echo 'score.stores = function(it) error("无法计分") end' >>"$T/mini.lua"
	import_mini_june
	run score "$plan" --period 2023-06 --save
	expect_rc 1
	expect_err_has "assay: the run was not saved: a run is saved only when every rule ran"
	expect_out_has "区商务局 (commerce)"
	[ "$(sqlite3 "$T/assay.db" "SELECT count(*) FROM runs")" = 0 ] || fail "the run was saved"
}

# A store written before runs existed (schema 2) takes runs once it is
# brought up to date, as any store opened where it is writable is.
test_a_store_from_before_runs_takes_runs() {
	import_mini_june
	as_schema_3 "$T/assay.db"
	sqlite3 "$T/assay.db" "DROP TABLE run_items; DROP TABLE run_units; DROP TABLE runs;
		PRAGMA user_version = 2" || fail "could not age the store"
	save 2023-06 --save
	expect_rc 0
	expect_err "assay: saved run 1: mini 2023-06, draft"
	[ "$(sqlite3 "$T/assay.db" 'PRAGMA user_version')" = "$SCHEMA" ] || fail "the store was not upgraded"
}

# The figures' fingerprint does not depend on the order they were
# imported in.
test_figures_fingerprint_is_order_independent() {
	run import "$FIX/mini.yaml" "$FIX/mini-2023-07-wide.csv" "$FIX/mini-2023-06.csv"
	save 2023-07 --save
	"$ASSAY" --db "$T/other.db" import "$FIX/mini.yaml" "$FIX/mini-2023-06.csv" "$FIX/mini-2023-07-wide.csv" >/dev/null
	"$ASSAY" --db "$T/other.db" score "$FIX/mini.yaml" --period 2023-07 --save >/dev/null 2>&1
	local a b
	a=$(sqlite3 "$T/assay.db" "SELECT figures_sha256 FROM runs")
	b=$(sqlite3 "$T/other.db" "SELECT figures_sha256 FROM runs")
	[ -n "$a" ] && [ "$a" = "$b" ] || fail "the fingerprints differ: $a, $b"
}

# A store whose runs assay saved while it kept their scorecards as text and
# their items a row each (schema 5, fixtures/schema5/store.sql, the dump
# of a store made by 9ef00ed, with what it printed beside it): every run is shown as it was
# printed, before and after the store is brought up to date.
SCHEMA5="$FIX/schema5"

# expect_fixture_runs_as_printed DIR "IDS" A B: each run of IDS shown in
# each form as DIR/show-ID.FORM says, and `diff A B` as DIR/diff-A-B.txt.
expect_fixture_runs_as_printed() {
	local dir=$1 ids=$2 a=$3 b=$4 id form
	for id in $ids; do
		for form in table csv json; do
			run show "$id" --format "$form"
			expect_rc 0
			cmp -s "$T/out" "$dir/show-$id.$form" ||
				fail "run $id ($form) is not shown as it was printed:" \
					"$(diff "$dir/show-$id.$form" "$T/out" | head -20)"
		done
	done
	run diff "$a" "$b"
	expect_rc 0
	cmp -s "$T/out" "$dir/diff-$a-$b.txt" ||
		fail "diff $a $b reads otherwise:" "$(diff "$dir/diff-$a-$b.txt" "$T/out" | head -20)"
}

expect_schema5_runs_as_printed() {
	expect_fixture_runs_as_printed "$SCHEMA5" "1 2 3" 1 3
}

test_runs_saved_before_schema_6_are_shown_as_printed() {
	sqlite3 "$T/assay.db" <"$SCHEMA5/store.sql" || fail "could not make the schema-5 store"
	expect_schema5_runs_as_printed
	[ "$(sqlite3 "$T/assay.db" 'PRAGMA user_version')" = 5 ] ||
		fail "reading brought the store up to date"
	# an import brings it up to date, and a run saved now is packed
	run import "$FIX/mini.yaml" "$FIX/mini-2023-08.yaml"
	expect_rc 0
	[ "$(sqlite3 "$T/assay.db" 'PRAGMA user_version')" = "$SCHEMA" ] || fail "the store was not upgraded"
	expect_schema5_runs_as_printed
	save 2023-08 --save --format json
	expect_rc 0
	expect_err "assay: saved run 4: mini 2023-08, draft"
	cp "$T/out" "$T/printed"
	run show 4 --format json
	cmp -s "$T/out" "$T/printed" || fail "run 4 is not shown as it was printed"
	[ "$(sqlite3 "$T/assay.db" "SELECT group_concat(id || ':' || typeof(scorecards_json) || ':' ||
		typeof(items) || ':' || (SELECT count(*) FROM run_items WHERE run = runs.id), ' ')
		FROM runs")" = "1:text:null:7 2:text:null:7 3:text:null:7 4:blob:blob:0" ] ||
		fail "the runs are not kept as expected"
	# the run saved as text is scored again to the same text
	(cd "$ROOT" && ASSAY_RULES_LIB=rules/lib "$ASSAY" --db "$T/assay.db" verify 3) >"$T/out" 2>"$T/err"
	[ $? = 0 ] || fail "verify 3 failed:" "$(cat "$T/out" "$T/err")"
	expect_out_has "scored again from the store and the files as they are now: identical"
	run diff 2 4
	expect_rc 0
	expect_out_has "run 2 (2023-07, draft) → run 4 (2023-08, draft)"
}

# A store whose runs assay packed with zlib (schema 8,
# fixtures/schema8/store.sql, the dump of a store made by 73b012a, with
# what it printed beside it): its runs are shown as they were printed and
# scored again to the same, before and after the store is brought up to
# date, and the runs saved since are packed with zstd.
SCHEMA8="$FIX/schema8"

expect_schema8_runs_as_printed() {
	expect_fixture_runs_as_printed "$SCHEMA8" "1 2" 1 2
	(cd "$ROOT" && ASSAY_RULES_LIB=rules/lib "$ASSAY" --db "$T/assay.db" verify 1) >"$T/out" 2>"$T/err"
	[ $? = 0 ] || fail "verify 1 failed:" "$(cat "$T/out" "$T/err")"
	expect_out_has "scored again from the store and the files as they are now: identical"
}

# The first bytes of the first piece of run ID's scorecards in FORM, in hex.
packed_magic() {
	sqlite3 "$T/assay.db" "SELECT hex(substr(bytes, 1, 4)) FROM run_pieces
		WHERE run = $1 AND part = 'scorecards_$2' AND seq = (SELECT min(seq) FROM run_pieces
		WHERE run = $1 AND part = 'scorecards_$2')"
}

test_runs_packed_with_zlib_before_schema_9_are_shown_as_printed() {
	sqlite3 "$T/assay.db" <"$SCHEMA8/store.sql" || fail "could not make the schema-8 store"
	[[ $(packed_magic 1 json) = 7801* ]] ||
		fail "run 1 of the fixture is not a zlib stream: $(packed_magic 1 json)"
	expect_schema8_runs_as_printed
	[ "$(sqlite3 "$T/assay.db" 'PRAGMA user_version')" = 8 ] ||
		fail "reading brought the store up to date"
	run import "$FIX/mini.yaml" "$FIX/mini-2023-07-wide.csv"
	expect_rc 0
	[ "$(sqlite3 "$T/assay.db" 'PRAGMA user_version')" = "$SCHEMA" ] || fail "the store was not upgraded"
	expect_schema8_runs_as_printed
	save 2023-07 --save --format json
	expect_rc 0
	expect_err "assay: saved run 3: mini 2023-07, draft"
	cp "$T/out" "$T/printed"
	[ "$(packed_magic 3 json)" = 28B52FFD ] || fail "run 3 is not a zstd frame: $(packed_magic 3 json)"
	run show 3 --format json
	cmp -s "$T/out" "$T/printed" || fail "run 3 is not shown as it was printed"
}

# A run keeps its scorecards, figures and items compressed, and the save
# leaves nothing in the write-ahead log.
test_a_saved_run_is_packed_and_leaves_no_log() {
	import_mini_june
	save 2023-06 --save --format csv
	expect_rc 0
	cp "$T/out" "$T/printed"
	[ ! -s "$T/assay.db-wal" ] || fail "the save left $(stat -c %s "$T/assay.db-wal") bytes in the WAL"
	[ "$(sqlite3 "$T/assay.db" "SELECT typeof(figures) || typeof(scorecards_table) ||
		typeof(scorecards_csv) || typeof(scorecards_json) || typeof(items) FROM runs")" = \
		blobblobblobblobblob ] || fail "the run is not packed"
	[ "$(run_text 1 scorecards_csv)" = "$(cat "$T/printed")" ] ||
		fail "the packed CSV is not what was printed"
	[ "$(run_text 1 items | wc -l)" = 7 ] || fail "the run does not keep its 7 items"
	# a damaged text is refused, not shown
	sqlite3 "$T/assay.db" "UPDATE run_pieces SET bytes = substr(bytes, 1, 40)
		WHERE part = 'scorecards_json'"
	run show 1 --format json
	expect_rc 1
	expect_err_has "assay: run 1: its scorecards cannot be read: the saved text is damaged (zstd: "
	[ ! -s "$T/out" ] || fail "a damaged run printed something"
	run --lang zh show 1 --format json
	expect_rc 1
	expect_err_has "assay: 评分记录 1：无法读取其评分表："
}

# figures_fingerprint PLAN PERIOD: the figures line of `assay show` for
# the run saved of PLAN's PERIOD.
figures_fingerprint() {
	run score "$1" --period "$2" --save --quiet
	expect_rc 0
	local id
	id=$(sed -n 's/.*saved run \([0-9]*\).*/\1/p' "$T/err")
	run show "$id"
	expect_rc 0
	grep '^  figures  ' "$T/out"
}

# The figures a run records are fingerprinted as they are read again, a
# period at a time, not held; the fingerprints are those of the runs
# saved before (these were saved by the version that held and sorted
# them): months, quarters and last year's figures, bonus and deduction
# items, for the same stores.
test_figures_fingerprints_are_those_saved_before() {
	import_sample
	[ "$(figures_fingerprint "$PLAN" 2023-09)" = "  figures  8bbf12cdb6c81002c4a41d255e0b71abf58d44156b97a2353ecf4b2e92dbdb04  1718 figures, 0 bonus and deduction items" ] ||
		fail "the sample's September figures fingerprint changed"
	[ "$(figures_fingerprint "$PLAN" 2023Q2)" = "  figures  ed07bc2e55f1b2d8578e4e141c90bc847e635827d1bcd17865078aff1cdf1d3e  1146 figures, 0 bonus and deduction items" ] ||
		fail "the sample's second quarter figures fingerprint changed"
	run import "$SEM/adjust.yaml" "$SEM/adjust-figures.yaml"
	expect_rc 0
	[ "$(figures_fingerprint "$SEM/adjust.yaml" 2023Q2)" = "  figures  2596c91267867cb63860049e94ff1a72f150d428550f293d2050d9ab773cad6b  3 figures, 4 bonus and deduction items" ] ||
		fail "the adjustments' fingerprint changed"
	run import "$SEM/years.yaml" "$SEM/years-figures.csv"
	expect_rc 0
	[ "$(figures_fingerprint "$SEM/years.yaml" 2024-12)" = "  figures  e20976df521b178bf96dba7faf8e2dc15d5edc1bd41ff6d478f5a69c1aa033c6  6 figures, 0 bonus and deduction items" ] ||
		fail "last year's figures fingerprint changed"
}
