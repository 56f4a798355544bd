# assay report RUN: a run saved with assay score --save [--final] is
# rendered from what was saved (its figures, the texts of its files), the
# same byte for byte whatever is imported or edited since; a plan's live
# report says it is a draft saved nowhere. Every report's head says what
# it is the record of.

FORMATS="html md csv xlsx"

# report_all ID SUFFIX: report ID in every format, into $T/r.SUFFIX.FORMAT.
report_all() {
	local f
	for f in $FORMATS; do
		run report "$1" --quiet --format "$f" -o "$T/r.$2.$f"
		expect_rc 0
	done
}

# expect_same_reports SUFFIX WHEN: every format's report from report_all
# SUFFIX is byte for byte the one made before (suffix "before").
expect_same_reports() {
	local f
	for f in $FORMATS; do
		cmp -s "$T/r.before.$f" "$T/r.$1.$f" || fail "the $f report changed $2"
	done
}

# A private copy of the mini plan, June's figures imported, June saved as
# final: run 1.
mini_june_final() {
	mini_plan >/dev/null
	run import "$T/mini.yaml" "$FIX/mini-2023-06.csv"
	expect_rc 0
	run score "$T/mini.yaml" --period 2023-06 --final
	expect_rc 0
}

# saved_at ID: when run ID was saved, as a report's head gives it.
saved_at() {
	sqlite3 "$T/assay.db" "SELECT replace(replace(saved_at, 'T', ' '), 'Z', ' UTC') FROM runs WHERE id = $1"
}

# fingerprint ID: the first 8 hex digits of the SHA-256 of run ID's four
# fingerprints (plan, rules, parameters, figures), a line each.
fingerprint() {
	sqlite3 -separator $'\n' "$T/assay.db" \
		"SELECT plan_sha256, rules_sha256, params_sha256, figures_sha256 FROM runs WHERE id = $1" |
		sha256sum | cut -c1-8
}

# The done-when of the issue: a final run's report is the same byte for byte
# after one of its figures is corrected, though the live report changes.
test_a_final_runs_report_is_identical_after_a_correction() {
	mini_june_final
	report_all 1 before
	run report "$T/mini.yaml" --period 2023-06 --format md
	cp "$T/out" "$T/live.before"
	write fix.csv <<'EOF'
unit,indicator,period,value,note
区商务局,trade,2023-06,6000,更正
EOF
	run import "$T/mini.yaml" "$T/fix.csv"
	expect_rc 0
	expect_out_has "1 corrected"
	report_all 1 after
	expect_same_reports after "after a correction"
	run report "$T/mini.yaml" --period 2023-06 --format md
	cmp -s "$T/out" "$T/live.before" && fail "the live report did not take the correction"
	grep -qF '| 服务贸易额 (万美元) | 7000 |' "$T/r.after.md" || fail "run 1's report lost its figure"
	grep -qF '| 服务贸易额 (万美元) | 6000 |' "$T/out" || fail "the live report lacks the correction"
}

# The plan file and the rule file edited (or gone) after the run was saved:
# its report is made from their texts as they were.
test_a_runs_report_is_made_from_its_files_as_saved() {
	mini_june_final
	report_all 1 before
	sed -i 's/^title: .*/title: 改过的标题/' "$T/mini.yaml"
	sed -i 's/^weights {.*/weights { trade = 50, stores = 50, energy = 50, events = 50 }/' "$T/mini.lua"
	echo "-- edited" >>"$T/mini.lua"
	run verify 1
	expect_rc 1
	expect_out_has "plan: $T/mini.yaml changed"
	report_all 1 after
	expect_same_reports after "with the files"
	mkdir "$T/gone" && mv "$T/mini.yaml" "$T/mini.lua" "$T/gone/"
	report_all 1 gone
	expect_same_reports gone "with the files gone"
	[ "$(sqlite3 "$T/assay.db" 'PRAGMA user_version')" = "$SCHEMA" ] || fail "the store's schema is not $SCHEMA"
}

# Each format from a run: the head says the run, its status, when it was
# saved and its fingerprint; the CSV is the scorecards saved.
test_each_format_of_a_run_says_what_it_is() {
	mini_june_final
	report_all 1 run
	local saved sha
	saved=$(saved_at 1)
	sha=$(fingerprint 1)
	for line in "| Plan | 测试方案 |" "| Period | 2023-06 |" "| Status | final |" "| Run | 1 |" \
		"| Generated | $saved |" "| Fingerprint | $sha |"; do
		grep -qxF -- "$line" "$T/r.run.md" || fail "md lacks: $line" "$(head -16 "$T/r.run.md")"
	done
	grep -qF "<p class=\"meta record\">run 1 · final · generated $saved · fingerprint $sha</p>" "$T/r.run.html" ||
		fail "the page's head lacks the run"
	grep -qF "@top-left{content:\"测试方案\";" "$T/r.run.html" && grep -qF '@top-right{content:"2023-06 · final";' "$T/r.run.html" &&
		grep -qF "@bottom-left{content:\"run 1 · final · generated $saved · fingerprint $sha\";" "$T/r.run.html" &&
		grep -qF '@bottom-right{content:"page " counter(page) " of " counter(pages) "";' "$T/r.run.html" ||
		fail "the printed page's running header and page numbers"
	run show 1 --format csv
	[ "$(sed '1s/^\xEF\xBB\xBF//' "$T/r.run.csv")" = "$(cat "$T/out")" ] || fail "the CSV is not the run's scorecards"
	xlsx_cells "$T/r.run.xlsx" ranking >"$T/ranking"
	for cell in B1=s:测试方案 B2=s:2023-06 B3=s:final B4=s:1 "B5=s:$saved" "B6=s:$sha"; do
		grep -qxF "$cell" "$T/ranking" || fail "ranking: expected $cell" "$(head -12 "$T/ranking")"
	done
	local core iso
	core=$(unzip -p "$T/r.run.xlsx" docProps/core.xml)
	iso=$(sqlite3 "$T/assay.db" "SELECT saved_at FROM runs WHERE id = 1")
	grep -qF "<cp:contentStatus>final</cp:contentStatus>" <<<"$core" &&
		grep -qF "<dcterms:created xsi:type=\"dcterms:W3CDTF\">$iso</dcterms:created>" <<<"$core" ||
		fail "the workbook's properties: final, made when the run was saved" "$core"
}

test_a_draft_run_says_draft() {
	import_mini_june
	run score "$FIX/mini.yaml" --period 2023-06 --save
	expect_rc 0
	run report 1 --format md
	expect_rc 0
	expect_out_has "| Status | draft |"
	expect_out_has "| Run | 1 |"
}

test_the_head_of_a_run_in_chinese() {
	mini_june_final
	run report 1 --format md --lang zh
	expect_rc 0
	expect_out_has "| 状态 | 定稿 |"
	expect_out_has "| 评分记录 | 1 |"
	expect_out_has "| 生成时间 | $(saved_at 1) |"
	run report 1 --lang zh -o "$T/r.html"
	expect_rc 0
	grep -qF "<p class=\"meta record\">评分记录 1 · 定稿 · 生成于 $(saved_at 1) · 指纹 $(fingerprint 1)</p>" "$T/r.html" ||
		fail "the page's head in Chinese"
	grep -qF '@bottom-right{content:"第 " counter(page) " 页，共 " counter(pages) " 页";' "$T/r.html" ||
		fail "the page numbers in Chinese"
	run report 1 --lang zh --format xlsx -o "$T/r.xlsx"
	expect_rc 0
	xlsx_cells "$T/r.xlsx" 排名 >"$T/ranking"
	grep -qxF "A3=s:状态" "$T/ranking" && grep -qxF "B3=s:定稿" "$T/ranking" ||
		fail "the workbook's head in Chinese" "$(head -8 "$T/ranking")"
}

# A plan's report is a live draft: it says so, and when it was made
# ($SOURCE_DATE_EPOCH when set); its fingerprint is the one a run saved
# from the same files and figures has.
test_a_plans_report_is_a_live_draft() {
	import_mini_june
	SOURCE_DATE_EPOCH=1700000000 run report "$FIX/mini.yaml" --period 2023-06 --format md
	expect_rc 0
	expect_out_has "| Status | live draft, not saved |"
	expect_out_has "| Run | — |"
	expect_out_has "| Generated | 2023-11-14 22:13:20 UTC |"
	cp "$T/out" "$T/live.md"
	run score "$FIX/mini.yaml" --period 2023-06 --save
	expect_rc 0
	grep -qxF "| Fingerprint | $(fingerprint 1) |" "$T/live.md" || fail "the live draft's fingerprint is not the run's"
	run report "$FIX/mini.yaml" --period 2023-06 -o "$T/r.html"
	expect_rc 0
	grep -qF '<p class="meta record live">live draft, not saved · generated ' "$T/r.html" ||
		fail "the page does not say it is a live draft"
	run report "$FIX/mini.yaml" --period 2023-06 --format md --lang zh
	expect_out_has "| 状态 | 草稿（未保存） |"
}

# The months before a run's in its page's charts are the totals of those
# months' final runs saved before it: a month with none has no point, and
# a final run saved later changes nothing.
test_a_runs_monthly_totals_are_the_final_runs_saved_before_it() {
	run import "$FIX/mini.yaml" "$FIX/mini-2023-06.csv" "$FIX/mini-2023-07-wide.csv" "$FIX/mini-2023-08.yaml"
	expect_rc 0
	run score "$FIX/mini.yaml" --period 2023-06 --final
	run score "$FIX/mini.yaml" --period 2023-08 --final
	expect_rc 0
	run report 2 -o "$T/before.html"
	expect_rc 0
	local points
	points=$(sed -n '/id="unit-commerce"/,/<\/section>/p' "$T/before.html" |
		grep -o '<title>[A-Z][a-z]*: [0-9.]*</title>' | sed 's/<[^>]*>//g' | tr '\n' ' ')
	[ "$points" = "Jun: 66.67 Aug: 79.76 " ] || fail "区商务局: expected June's and August's totals, got $points"
	run score "$FIX/mini.yaml" --period 2023-07 --final
	expect_rc 0
	run report 2 -o "$T/after.html"
	cmp -s "$T/before.html" "$T/after.html" || fail "a final run saved later changed run 2's report"
	run report "$FIX/mini.yaml" --period 2023-08 -o "$T/live.html"
	grep -qF '<title>Jul: 69.05</title>' "$T/live.html" || fail "the live report should score July"
}

# A packed text longer than a piece continues in run_pieces (a province's
# scorecards are more than a BLOB holds; ASSAY_RUN_PIECE_BYTES makes the
# pieces small): a run saved in many pieces is shown, reported and
# verified as the same run saved in one.
test_a_run_saved_in_pieces_is_the_run_saved_whole() {
	mini_plan >/dev/null
	local db f
	for db in whole pieces; do
		"$ASSAY" --db "$T/$db.db" import --quiet "$T/mini.yaml" "$FIX/mini-2023-06.csv" >/dev/null ||
			fail "could not import into $db.db"
	done
	"$ASSAY" --db "$T/whole.db" score "$T/mini.yaml" --period 2023-06 --save >/dev/null 2>&1 &&
		ASSAY_RUN_PIECE_BYTES=40 "$ASSAY" --db "$T/pieces.db" score "$T/mini.yaml" \
			--period 2023-06 --save >/dev/null 2>&1 || fail "could not save the runs"
	[ "$(sqlite3 "$T/whole.db" "SELECT count(*) FROM run_pieces WHERE seq > 1")" = 0 ] ||
		fail "a small run was saved in more than one piece a text"
	[ "$(sqlite3 "$T/pieces.db" "SELECT group_concat(part || ':' || (n > 1), ' ') FROM
		(SELECT part, count(*) AS n FROM run_pieces GROUP BY part ORDER BY part)")" = \
		"figures:1 files:1 items:1 scorecards_csv:1 scorecards_json:1 scorecards_table:1" ] ||
		fail "the run's texts were not saved in pieces"
	[ "$(sqlite3 "$T/pieces.db" "SELECT length(figures) || ' ' || (SELECT max(length(bytes))
		FROM run_pieces) FROM runs")" = "40 40" ] || fail "the pieces are not of 40 bytes"
	# the same record, saved at the same time, so that the reports may be the same
	for db in whole pieces; do
		sqlite3 "$T/$db.db" "UPDATE runs SET saved_at = '2023-07-03T08:00:00Z', user = 'auditor'"
	done
	for f in $FORMATS; do
		for db in whole pieces; do
			"$ASSAY" --db "$T/$db.db" report 1 --quiet --format "$f" -o "$T/$db.$f" 2>"$T/err" ||
				fail "report 1 of $db.db failed:" "$(cat "$T/err")"
		done
		cmp -s "$T/whole.$f" "$T/pieces.$f" || fail "the $f report of the run in pieces differs"
	done
	for f in table csv json; do
		"$ASSAY" --db "$T/whole.db" show 1 --format "$f" >"$T/whole.show" &&
			"$ASSAY" --db "$T/pieces.db" show 1 --format "$f" >"$T/pieces.show" ||
			fail "show 1 --format $f failed"
		cmp -s "$T/whole.show" "$T/pieces.show" || fail "show --format $f of the run in pieces differs"
	done
	"$ASSAY" --db "$T/pieces.db" verify 1 >"$T/out" 2>"$T/err" || fail "verify 1 failed:" "$(cat "$T/err")"
	expect_out_has "scored again from the store and the files as they are now: identical"
}

# A run saved before runs kept their files' texts (schema 7) is made from
# the files as they are, while they are as they were; once one changed, it
# is refused, naming the file.
test_a_run_saved_before_its_files_were_kept() {
	mini_june_final
	run score "$T/mini.yaml" --period 2023-07 --save
	expect_rc 0
	sqlite3 "$T/assay.db" "UPDATE runs SET files = NULL WHERE id = 2" || fail "could not drop the texts"
	run report 2 --format md
	expect_rc 0
	expect_out_has "| Run | 2 |"
	echo "-- edited" >>"$T/mini.lua"
	run report 2 --format md
	expect_rc 1
	expect_err_has "assay: run 2 cannot be rendered as it was saved: scored again from its figures, its scorecards differ; what it was scored from is not the same now:"
	expect_err_has "rules: $T/mini.lua changed"
	expect_err_has "assay: run 2 was saved before runs kept the texts of their files"
	[ ! -s "$T/out" ] || fail "a report was written"
}

# The runs of a schema-5 store (fixtures/schema5) kept only the
# fingerprints of their files, and the standard library (rules/lib/std.lua)
# has changed since they were saved: their reports are refused, naming it.
test_runs_of_a_schema_5_store_are_refused_naming_the_file_changed() {
	sqlite3 "$T/assay.db" <"$FIX/schema5/store.sql" || fail "could not make the schema-5 store"
	(cd "$ROOT" && ASSAY_RULES_LIB=rules/lib "$ASSAY" --db "$T/assay.db" report 3 --format md) >"$T/out" 2>"$T/err"
	[ $? = 1 ] || fail "report 3 did not fail:" "$(cat "$T/err")"
	expect_err_has "  rules: rules/lib/std.lua changed (6e0b3140 → "
	expect_err_has "  plan: unchanged"
	expect_err_has "assay: run 3 was saved before runs kept the texts of their files"
	[ ! -s "$T/out" ] || fail "a report was written"
}

test_an_unknown_run() {
	import_mini_june
	run report 7
	expect_rc 1
	expect_err "assay: no run 7 in '$T/assay.db': it holds no runs yet (save one with assay score PLAN --period P --save)"
}

test_a_run_takes_no_period() {
	run report 1 --period 2023-06
	expect_rc 2
	expect_err_has "assay: a saved run has its period: report RUN takes no --period"
}
