# The store under crashes, concurrent commands, read-only files, a full
# disk and a newer schema: it is always exactly as before a failed or
# killed command, or exactly as after a finished one.

# store_contents DB: everything an import writes, without its time.
store_contents() {
	sqlite3 "$1" "SELECT plan, period, unit, indicator, value, note, source, import_id FROM figures ORDER BY 1, 2, 3, 4;
		SELECT plan, period, unit, indicator, value, note, source, import_id, replaced_by FROM figure_history ORDER BY id;
		SELECT id, plan, user, files, added, corrected, unchanged FROM imports ORDER BY id;" | md5sum
}

# big_plan: $T/big.yaml with 1500 units counted on one indicator, and two
# year's worth of their figures, fig1.csv and fig2.csv (18000 rows each,
# every value different).
big_plan() {
	python3 - "$T" <<'PY'
import sys
t, n = sys.argv[1], 1500
with open(t + "/big.yaml", "w") as f:
    f.write("id: big\ntitle: 大\nyear: 2023\nrules: big.lua\ngroups:\n  - id: g\n    name: 组\nunits:\n")
    for i in range(n):
        f.write(f"  - id: u{i}\n    name: 单位{i}\n    group: g\n")
    f.write("indicators:\n  - id: n\n    name: 数\n    kind: count\n    target: 100\n    units: [")
    f.write(", ".join(f"u{i}" for i in range(n)) + "]\n")
with open(t + "/big.lua", "w") as f:
    f.write('local std = require "std"\nweights { n = 1 }\nscore.default = std.ratio {}\n'
            'light = std.time_progress { yellow = 0, red = 0.1 }\n')
for v in (1, 2):
    with open(f"{t}/fig{v}.csv", "w") as f:
        f.write("unit,indicator,period,value\n")
        for m in range(1, 13):
            for i in range(n):
                f.write(f"u{i},n,2023-{m:02d},{i + m + v}\n")
PY
}

now_ns() {
	date +%s%N
}

# import_into_k: a background import of fig2.csv into a fresh copy of
# base.db, k.db; sets PID.
import_into_k() {
	rm -f "$T"/k.db*
	cp "$T/base.db" "$T/k.db"
	"$ASSAY" --db "$T/k.db" import "$T/big.yaml" "$T/fig2.csv" >/dev/null 2>&1 &
	PID=$!
}

# sleep_ns N
sleep_ns() {
	sleep "$(printf '%d.%09d' $(($1 / 1000000000)) $(($1 % 1000000000)))"
}

# A SIGKILL at any moment of an import leaves a sound store holding
# exactly what it held before or exactly what the import writes. The
# moments are spread over the time the import writes (from its first
# write to the WAL to its end, as measured in a first run).
test_sigkill_during_import() {
	# a killed process reports nothing to the sanitizers; the plain build
	# runs this test, the sanitized one would only run it five times slower
	! sanitized || return 0
	big_plan
	run import "$T/big.yaml" "$T/fig1.csv"
	expect_rc 0
	cp "$T/assay.db" "$T/base.db"
	local before after start writing=0 took
	before=$(store_contents "$T/base.db")
	start=$(now_ns)
	import_into_k
	while kill -0 "$PID" 2>/dev/null; do
		[ "$writing" != 0 ] || [ ! -s "$T/k.db-wal" ] || writing=$(($(now_ns) - start))
		sleep 0.01
	done
	took=$(($(now_ns) - start))
	wait "$PID" || fail "the import failed"
	after=$(store_contents "$T/k.db")
	[ "$before" != "$after" ] || fail "the import changed nothing"
	for i in 1 2 3 4 5 6; do
		local delay=$((writing + (took - writing) * (i * 5461 - RANDOM % 5461) / 32768))
		import_into_k
		sleep_ns "$delay"
		kill -KILL "$PID" 2>/dev/null
		wait "$PID" 2>/dev/null
		[ "$(sqlite3 "$T/k.db" 'PRAGMA integrity_check')" = ok ] ||
			fail "kill $i (after ${delay} ns): the store is damaged"
		local got; got=$(store_contents "$T/k.db")
		[ "$got" = "$before" ] || [ "$got" = "$after" ] ||
			fail "kill $i (after ${delay} ns): the store holds part of the import"
	done
}

# hold_write_lock: another process writes to the store, uncommitted,
# until $T/release exists.
hold_write_lock() {
	python3 - "$T" <<'PY' &
import os, sqlite3, sys, time
t = sys.argv[1]
con = sqlite3.connect(t + "/assay.db", isolation_level=None)
con.execute("BEGIN IMMEDIATE")
con.execute("UPDATE unit_figures SET figures = figures")
open(t + "/locked", "w").close()
while not os.path.exists(t + "/release"):
    time.sleep(0.02)
con.execute("ROLLBACK")
PY
	LOCK_PID=$!
	while [ ! -e "$T/locked" ]; do sleep 0.02; done
}

release_lock() {
	touch "$T/release"
	wait "$LOCK_PID"
}

test_busy_store_refused_clearly_and_unchanged() {
	import_mini_june
	hold_write_lock
	local before; before=$(store_contents "$T/assay.db")
	ASSAY_BUSY_TIMEOUT=200 run import "$FIX/mini.yaml" "$FIX/mini-2023-07-wide.csv"
	expect_rc 1
	expect_err "assay: store '$T/assay.db' is busy: another assay command is writing to it; try again when it has finished"
	# a reader is not held up, and sees what is committed
	run score "$FIX/mini.yaml" --period 2023-06
	expect_rc 0
	cmp -s "$T/out" "$ROOT/tests/e2e/golden/mini-2023-06.txt" || fail "score saw the uncommitted write"
	release_lock
	[ "$(store_contents "$T/assay.db")" = "$before" ] || fail "the refused import changed the store"
}

test_imports_and_score_at_once() {
	import_mini_june
	"$ASSAY" --db "$T/assay.db" import "$FIX/mini.yaml" "$FIX/mini-2023-07-wide.csv" >"$T/a.out" 2>&1 &
	local a=$!
	"$ASSAY" --db "$T/assay.db" import "$FIX/mini.yaml" "$FIX/mini-2023-08.yaml" >"$T/b.out" 2>&1 &
	local b=$!
	"$ASSAY" --db "$T/assay.db" score "$FIX/mini.yaml" --period 2023-06 >"$T/c.out" 2>&1 &
	local c=$!
	wait "$a" || fail "the July import failed: $(cat "$T/a.out")"
	wait "$b" || fail "the August import failed: $(cat "$T/b.out")"
	wait "$c" || fail "the score failed: $(cat "$T/c.out")"
	cmp -s "$T/c.out" "$ROOT/tests/e2e/golden/mini-2023-06.txt" || fail "the score run printed something else"
	[ "$(sqlite3 "$T/assay.db" "SELECT period, count(*) FROM figures GROUP BY period" | tr '\n' ' ')" = "2023-06|7 2023-07|7 2023-08|3 " ] ||
		fail "not every figure was stored"
	[ "$(sqlite3 "$T/assay.db" "PRAGMA integrity_check")" = ok ] || fail "the store is damaged"
}

test_two_imports_create_the_store_at_once() {
	"$ASSAY" --db "$T/assay.db" import "$FIX/mini.yaml" "$FIX/mini-2023-06.csv" >"$T/a.out" 2>&1 &
	local a=$!
	"$ASSAY" --db "$T/assay.db" import "$FIX/mini.yaml" "$FIX/mini-2023-08.yaml" >"$T/b.out" 2>&1 &
	local b=$!
	wait "$a" || fail "the June import failed: $(cat "$T/a.out")"
	wait "$b" || fail "the August import failed: $(cat "$T/b.out")"
	[ "$(sqlite3 "$T/assay.db" "SELECT count(*) FROM figures")" = 10 ] || fail "figures were lost"
}

# run_unprivileged ARGS...: `run` as a user whom file permissions bind
# (root ignores them). Run as root, that user may not read the checkout (a
# clone in root's home), so the binary, the fixtures and the standard
# library are copied to $T/pub for it, and ARGS that name a fixture name
# its copy.
run_unprivileged() {
	local bin=$ASSAY as=() args=("$@") arg
	if [ "$(id -u)" = 0 ]; then
		chmod 755 "$T"
		if [ ! -d "$T/pub" ]; then
			mkdir "$T/pub" && cp "$ASSAY" "$T/pub/assay" && cp -r "$FIX" "$T/pub/fixtures" &&
				cp -r "$ROOT/rules/lib" "$T/pub/lib" && chmod -R a+rX "$T/pub" ||
				fail "could not copy what the unprivileged user runs"
		fi
		bin=$T/pub/assay
		as=(env ASSAY_RULES_LIB="$T/pub/lib" setpriv --reuid=65534 --regid=65534 --clear-groups)
		args=()
		for arg in "$@"; do
			args+=("${arg/#"$FIX"\//$T/pub/fixtures/}")
		done
	fi
	"${as[@]}" "$bin" --db "$T/store/assay.db" "${args[@]}" >"$T/out" 2>"$T/err"
	echo $? >"$T/rc"
}

# store_files DIR: what the store in DIR and its WAL hold, and which
# files lie beside them (the WAL index, -shm, is shared memory that
# readers write to where they may).
store_files() {
	(cd "$1" && ls && md5sum assay.db assay.db-wal 2>/dev/null)
}

# pending_write DB: a write to June's figure of commerce for trade (7000
# becomes 7777) left in the store's WAL, as a command killed before the
# WAL was moved into the store leaves it; the WAL index (-shm) is gone.
pending_write() {
	python3 - "$1" <<'PY' || fail "could not leave a write in the WAL"
import os, sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("PRAGMA wal_autocheckpoint = 0")
con.execute("UPDATE unit_figures SET figures = replace(figures, '[7000,', '[7777,') WHERE unit = 'commerce'")
os._exit(0)
PY
	rm -f "$1-shm"
	[ -s "$1-wal" ] || fail "no write was left in the WAL"
}

# read_only_store FILE_MODE DIR_MODE [pending]: June's figures in
# $T/store/assay.db with those permissions (and a write pending in its
# WAL), and what its files hold in $T/sum.
read_only_store() {
	mkdir "$T/store"
	trap 'chmod -f 755 "$T/store"' EXIT # so that the test's directory can go
	"$ASSAY" --db "$T/store/assay.db" import "$FIX/mini.yaml" "$FIX/mini-2023-06.csv" >/dev/null ||
		fail "could not make the store"
	[ "${3:-}" != pending ] || pending_write "$T/store/assay.db"
	chmod a+r "$T/store"/assay.db*
	chmod "$1" "$T/store/assay.db"
	chmod "$2" "$T/store"
	store_files "$T/store" >"$T/sum"
}

# expect_store_unchanged: the store's files hold what read_only_store
# found, and no file was made beside them.
expect_store_unchanged() {
	[ "$(store_files "$T/store")" = "$(cat "$T/sum")" ] || fail "the read-only store changed"
}

# read_only_refused REASON: the message for a write to $T/store/assay.db.
read_only_refused() {
	echo "assay: store '$T/store/assay.db' is read-only ($1): importing figures and saving runs need write access to the file and to its directory"
}

# expect_read_only_store_refused REASON
expect_read_only_store_refused() {
	run_unprivileged import "$FIX/mini.yaml" "$FIX/mini-2023-07-wide.csv"
	expect_rc 1
	expect_err "$(read_only_refused "$1")"
	expect_store_unchanged
	run_unprivileged score "$FIX/mini.yaml" --period 2023-06
	expect_rc 0
	cmp -s "$T/out" "$ROOT/tests/e2e/golden/mini-2023-06.txt" || fail "a read-only store cannot be scored"
	expect_store_unchanged
}

test_read_only_store_file() {
	read_only_store 444 555
	expect_read_only_store_refused "this user may not write to it"
}

test_read_only_store_directory() {
	read_only_store 644 555
	# the file is the user's own, only the directory is not
	[ "$(id -u)" != 0 ] || chown 65534 "$T/store/assay.db"
	expect_read_only_store_refused "this user may not create files in its directory"
}

# Every reading command reads a store it may not write to, and changes
# nothing; a writing command says why it cannot write.
test_every_reading_command_on_a_read_only_store() {
	mkdir "$T/store"
	trap 'chmod -f 755 "$T/store"' EXIT
	# the plan beside the store: saved runs name it, and verify reads it
	local db=$T/store/assay.db p args
	p=$(mini_plan)
	chmod a+r "$p" "$T/mini.lua"
	"$ASSAY" --db "$db" import "$p" "$FIX/mini-2023-06.csv" "$FIX/mini-2023-07-wide.csv" >/dev/null &&
		"$ASSAY" --db "$db" score "$p" --period 2023-06 --save >/dev/null 2>&1 &&
		"$ASSAY" --db "$db" score "$p" --period 2023-07 --save >/dev/null 2>&1 ||
		fail "could not make the store"
	chmod 444 "$db"
	chmod 555 "$T/store"
	store_files "$T/store" >"$T/sum"
	while IFS= read -r args; do
		# shellcheck disable=SC2086
		run_unprivileged $args
		expect_rc 0
		[ -s "$T/out" ] || fail "$args printed nothing"
		expect_store_unchanged
	done <<COMMANDS
score $p --period 2023-06
status $p --period 2023-06
runs $p
show 1
history $p --unit commerce
diff 1 2
explain $p --period 2023-06 --unit commerce
whatif $p --period 2023-06 --set commerce:trade=1
report $p --period 2023-06 --format md
template $p --period 2023-07
verify 2
COMMANDS
	run_unprivileged score "$p" --period 2023-07 --save
	expect_rc 1
	expect_err "$(read_only_refused "this user may not write to it")"
	expect_store_unchanged
}

# Writes a killed command left in the WAL are read, though the WAL index
# cannot be made beside the store, and the store stays as it is.
test_read_only_store_with_writes_pending_in_its_wal() {
	read_only_store 444 555 pending
	run_unprivileged score "$FIX/mini.yaml" --period 2023-06 --format csv
	expect_rc 0
	expect_item commerce trade actual=7777
	expect_store_unchanged
}

# run_on_read_only_mount ARGS...: `run ARGS` on $T/store/assay.db, with
# $T/store mounted read-only in a mount namespace of the command's own
# (root's, or a user namespace's); 1 when this system lets no test mount.
run_on_read_only_mount() {
	local as=(unshare --mount)
	[ "$(id -u)" = 0 ] || as=(unshare --map-root-user --mount)
	"${as[@]}" mount --bind -o ro "$T/store" "$T/store" 2>/dev/null || return 1
	"${as[@]}" sh -c 'mount --bind -o ro "$1" "$1" && shift && exec "$@"' sh "$T/store" \
		"$ASSAY" --db "$T/store/assay.db" "$@" >"$T/out" 2>"$T/err"
	echo $? >"$T/rc"
}

# A store on a read-only file system (a backup disk, a snapshot, a share
# mounted read-only) without its WAL index, with or without writes
# pending in its WAL: read as it is, and refused for writing.
test_store_on_a_read_only_mount() {
	local state
	for state in clean pending; do
		rm -rf "$T/store"
		read_only_store 644 755 "$state"
		if ! run_on_read_only_mount score "$FIX/mini.yaml" --period 2023-06 --format csv; then
			echo "        (skipped: this system lets the tests mount no read-only file system)"
			return 0
		fi
		expect_rc 0
		expect_item commerce trade "actual=$([ "$state" = clean ] && echo 7000 || echo 7777)"
		run_on_read_only_mount import "$FIX/mini.yaml" "$FIX/mini-2023-07-wide.csv"
		expect_rc 1
		expect_err "$(read_only_refused "it is on a read-only file system")"
		run_on_read_only_mount score "$FIX/mini.yaml" --period 2023-06 --save
		expect_rc 1
		expect_err "$(read_only_refused "it is on a read-only file system")"
		expect_store_unchanged
	done
}

test_new_store_in_read_only_directory() {
	mkdir "$T/store"
	chmod 555 "$T/store"
	run_unprivileged import "$FIX/mini.yaml" "$FIX/mini-2023-06.csv"
	expect_rc 1
	expect_err "assay: unable to open store '$T/store/assay.db': unable to open database file (does its directory exist, and may assay write to it?)"
	chmod 755 "$T/store"
}

# A full disk, played by a file size limit: SIGXFSZ is ignored, so
# writes beyond the limit fail as on a full disk.
test_full_disk() {
	import_mini_june
	cp "$T/assay.db" "$T/before.db"
	big_plan
	(
		trap '' XFSZ
		ulimit -f 64
		run import "$FIX/mini.yaml" "$FIX/mini-2023-07-wide.csv" "$FIX/mini-2023-08.yaml"
		expect_rc 0
		run import "$T/big.yaml" "$T/fig1.csv"
	)
	expect_rc 1
	# where the write fails depends on SQLite's page cache
	expect_err_has "assay: store '$T/assay.db': unable to write (disk I/O error while "
	expect_err_has "): is the disk full, or a file size limit reached? nothing was changed"
	[ "$(sqlite3 "$T/assay.db" "PRAGMA integrity_check")" = ok ] || fail "the store is damaged"
	[ "$(sqlite3 "$T/assay.db" "SELECT count(*) FROM figures WHERE plan = 'big'")" = 0 ] ||
		fail "part of the failed import was kept"
	[ "$(sqlite3 "$T/assay.db" "SELECT count(*) FROM figures")" = 17 ] || fail "figures were lost"
}

test_newer_schema_refused_and_unchanged() {
	import_mini_june
	sqlite3 "$T/assay.db" "PRAGMA user_version = 99"
	cp "$T/assay.db" "$T/before.db"
	run import "$FIX/mini.yaml" "$FIX/mini-2023-07-wide.csv"
	expect_rc 1
	expect_err "assay: store '$T/assay.db' was written by a newer assay (schema 99; this one knows up to $SCHEMA)"
	run score "$FIX/mini.yaml" --period 2023-06
	expect_rc 1
	expect_err "assay: store '$T/assay.db' was written by a newer assay (schema 99; this one knows up to $SCHEMA)"
	cmp -s "$T/assay.db" "$T/before.db" || fail "the store changed"
}

test_not_a_store() {
	echo "unit,indicator,period,value" >"$T/assay.db"
	cp "$T/assay.db" "$T/before.db"
	run import "$FIX/mini.yaml" "$FIX/mini-2023-06.csv"
	expect_rc 1
	expect_err "assay: store '$T/assay.db' is not an assay store or is damaged (file is not a database)"
	cmp -s "$T/assay.db" "$T/before.db" || fail "the file changed"
}

# as_schema_1 DB: the store as the first assay with a schema wrote it (no
# adjustments table, no runs).
as_schema_1() {
	as_schema_3 "$1"
	sqlite3 "$1" "DROP TABLE adjustments; DROP TABLE run_items; DROP TABLE run_units;
		DROP TABLE runs; PRAGMA user_version = 1" || fail "could not age the store"
}

test_older_store_is_brought_up_to_date_when_read() {
	import_mini_june
	as_schema_1 "$T/assay.db"
	run score "$FIX/mini.yaml" --period 2023-06
	expect_rc 0
	expect_out_has "区财政局 (finance)"
	[ "$(sqlite3 "$T/assay.db" 'PRAGMA user_version')" = "$SCHEMA" ] || fail "the store was not upgraded"
}

test_older_read_only_store_says_what_to_do() {
	mkdir "$T/store"
	"$ASSAY" --db "$T/store/assay.db" import "$FIX/mini.yaml" "$FIX/mini-2023-06.csv" >/dev/null ||
		fail "could not make the store"
	as_schema_1 "$T/store/assay.db"
	chmod 444 "$T/store/assay.db"
	chmod 555 "$T/store"
	run_unprivileged score "$FIX/mini.yaml" --period 2023-06
	chmod 755 "$T/store"
	expect_rc 1
	expect_err "assay: store '$T/store/assay.db' is older than this assay (schema 1; this one uses $SCHEMA) and cannot be brought up to date here: run an import where it is writable"
}

# A store that kept a row per figure (schema 3) is moved into a row per
# unit and period when it is next opened where it is writable: every
# figure with its note, source and import, and the correction history,
# stay exactly as they were, and it scores the same.
test_store_with_a_row_per_figure_moves_to_unit_rows() {
	import_mini_june
	printf 'unit,indicator,period,value,note\n区商务局,trade,2023-06,7001,"引号""与\\反斜杠\t和制表符"\n' >"$T/fix.csv"
	run import "$FIX/mini.yaml" "$FIX/mini-2023-07-wide.csv" "$FIX/mini-2023-08.yaml" "$T/fix.csv"
	expect_rc 0
	"$ASSAY" --db "$T/assay.db" score "$FIX/mini.yaml" --period 2023-08 >"$T/before.txt" 2>/dev/null
	local before; before=$(store_contents "$T/assay.db")
	as_schema_3 "$T/assay.db"
	[ "$(store_contents "$T/assay.db")" = "$before" ] || fail "could not age the store faithfully"
	run score "$FIX/mini.yaml" --period 2023-08
	expect_rc 0
	cmp -s "$T/out" "$T/before.txt" || fail "the moved store scores differently"
	[ "$(sqlite3 "$T/assay.db" "SELECT type FROM sqlite_master WHERE name = 'figures'")" = view ] ||
		fail "the figures were not moved"
	[ "$(store_contents "$T/assay.db")" = "$before" ] || fail "the figures changed in the move"
	[ "$(sqlite3 "$T/assay.db" "SELECT note FROM figures WHERE unit = 'commerce' AND indicator = 'trade' AND period = '2023-06'")" = "$(printf '引号"与\\反斜杠\t和制表符')" ] ||
		fail "a note with a quote, a backslash and a tab was not kept"
}

# A unit's row of figures that is not what assay writes (edited by hand,
# or damaged) is named, and neither scoring nor an import goes on from it.
test_damaged_row_of_figures_is_named() {
	import_mini_june
	sqlite3 "$T/assay.db" "UPDATE unit_figures SET figures = '{\"trade\":[7000,' WHERE unit = 'commerce'" ||
		fail "could not damage the store"
	run score "$FIX/mini.yaml" --period 2023-06
	expect_rc 1
	expect_err "assay: store '$T/assay.db' is damaged: the figures of unit 'commerce' for 2023-06 cannot be read"
	cp "$T/assay.db" "$T/before.db"
	run import "$FIX/mini.yaml" "$FIX/mini-2023-06.csv"
	expect_rc 1
	expect_err "assay: store '$T/assay.db' is damaged: the stored figures of unit 'commerce' for 2023-06 cannot be read; nothing was imported"
	cmp -s "$T/assay.db" "$T/before.db" || fail "the store changed"
}
