# The compiled form of a plan (plan_cache.h): the second command reads it
# instead of the YAML and its tables, gives the same results, and never
# uses one whose plan, tables or rule files changed, or that is damaged.

# cache_says ARGS...: runs assay ARGS with ASSAY_DEBUG=cache; $T/cache_log
# holds what the cache did (read, wrote, missing, stale, damaged, ...).
cache_says() {
	ASSAY_DEBUG=cache run "$@"
	sed -n 's/^assay: plan cache: \([a-z ]*\) .*/\1/p' "$T/err" | tr '\n' ',' >"$T/cache_log"
}

expect_cache() {
	[ "$(cat "$T/cache_log")" = "$1" ] ||
		fail "expected the cache to do '$1', it did '$(cat "$T/cache_log")'" "stderr: $(cat "$T/err")"
}

test_the_second_run_reads_the_compiled_plan() {
	cache_says check "$PLAN"
	expect_rc 0
	expect_cache "missing,wrote,"
	cache_says check "$PLAN"
	expect_rc 0
	expect_cache "read,"
	[ "$(ls "$T/cache" | wc -l)" = 1 ] || fail "expected one compiled plan: $(ls "$T/cache")"
	# never beside the plan
	[ -z "$(find "$ROOT/plans" -newer "$T/cache_log" -o -name '*.plan' | head -1)" ] ||
		fail "something was written under plans/"
}

# same_with_and_without PLAN ARGS...: assay ARGS on PLAN prints the same,
# byte for byte, from its files (--no-cache) and from its compiled form.
same_with_and_without() {
	local plan=$1
	shift
	"$ASSAY" --db "$T/assay.db" --no-cache "$@" >"$T/from_files" 2>"$T/from_files.err"
	echo $? >>"$T/from_files"
	"$ASSAY" --db "$T/assay.db" "$@" >/dev/null 2>&1 # writes the compiled form
	ASSAY_DEBUG=cache "$ASSAY" --db "$T/assay.db" "$@" >"$T/compiled" 2>"$T/compiled.err"
	echo $? >>"$T/compiled"
	grep -q "^assay: plan cache: read " "$T/compiled.err" ||
		fail "$plan: the compiled form was not read: $(head -3 "$T/compiled.err")"
	grep -v "^assay: plan cache: " "$T/compiled.err" >"$T/compiled.err2"
	cmp -s "$T/from_files" "$T/compiled" || fail "$plan: '$*' prints otherwise from the compiled form" \
		"$(diff "$T/from_files" "$T/compiled" | head -5)"
	cmp -s "$T/from_files.err" "$T/compiled.err2" || fail "$plan: '$*' warns otherwise from the compiled form" \
		"$(diff "$T/from_files.err" "$T/compiled.err2" | head -5)"
}

# The plan's first year.
first_year() {
	sed -n 's/^years\?: *\([0-9]\{4\}\).*/\1/p' "$1"
}

test_every_bundled_plan_prints_the_same_from_its_compiled_form() {
	local plan figures year
	for plan in "$ROOT"/plans/*.yaml "$SEM"/*.yaml "$FIX"/mini.yaml "$FIX"/office.yaml; do
		[[ $plan != *-figures.yaml ]] || continue
		same_with_and_without "$plan" check --strict "$plan"
		same_with_and_without "$plan" indicators "$plan"
		same_with_and_without "$plan" units "$plan"
		year=$(first_year "$plan")
		for figures in "${plan%.yaml}"-figures.*; do
			[ -f "$figures" ] || continue
			"$ASSAY" --db "$T/assay.db" --no-cache import "$plan" "$figures" >/dev/null 2>&1 ||
				fail "could not import $figures"
			same_with_and_without "$plan" score "$plan" --period "$year" --format json
			same_with_and_without "$plan" status "$plan" --period "$year"
		done
	done
	import_sample
	same_with_and_without "$PLAN" score "$PLAN" --period 2023-09 --format csv
	same_with_and_without "$PLAN" explain "$PLAN" --period 2023-09 --unit 区商务局
}

# A byte of FILE replaced by another (sed EXPR), its size and time kept,
# within the second the compiled form was made.
edit_in_place() {
	local file=$1 expr=$2 size
	size=$(stat -c %s "$file")
	touch -r "$file" "$T/time"
	sed -i "$expr" "$file"
	touch -r "$T/time" "$file"
	[ "$(stat -c %s "$file")" = "$size" ] || fail "the edit changed the size of $file"
}

test_a_changed_targets_table_is_noticed() {
	cp "$SEM/table.yaml" "$SEM/plain.lua" "$SEM/table-targets.csv" "$SEM/table-figures.csv" "$T/"
	run import "$T/table.yaml" "$T/table-figures.csv"
	expect_rc 0
	score_csv "$T/table.yaml" 2023
	expect_item a output target=120
	edit_in_place "$T/table-targets.csv" 's/^a,120/a,150/'
	cache_says score "$T/table.yaml" --period 2023 --format csv
	expect_rc 0
	expect_cache "stale,wrote,"
	expect_item a output target=150
	cache_says score "$T/table.yaml" --period 2023 --format csv
	expect_cache "read,"
	expect_item a output target=150
}

test_a_changed_weights_table_is_noticed() {
	cp "$SEM/weights.lua" "$T/"
	sed '/^targets:/,$d; s/^full_marks: 20/full_marks: 20\nweights_table: weights.csv/' \
		"$SEM/weights.yaml" >"$T/weights.yaml"
	printf 'unit,investment,开工项目\ndrc,12,\necon,8,12\n' >"$T/weights.csv"
	run import "$T/weights.yaml" "$SEM/weights-figures.csv"
	expect_rc 0
	score_csv "$T/weights.yaml" 2023-06
	expect_item drc investment weight=12.00
	edit_in_place "$T/weights.csv" 's/^drc,12/drc,13/'
	cache_says score "$T/weights.yaml" --period 2023-06 --format csv
	expect_cache "stale,wrote,"
	expect_item drc investment weight=13.00
}

test_a_changed_plan_file_is_noticed() {
	local plan
	plan=$(mini_plan)
	run check "$plan"
	expect_rc 0
	run indicators "$plan"
	expect_out_has 7000
	edit_in_place "$plan" 's/target: 7000/target: 7100/'
	cache_says indicators "$plan"
	expect_rc 0
	expect_cache "stale,wrote,"
	expect_out_has 7100
}

test_a_moved_rule_file_is_reported_by_the_loader() {
	local plan
	plan=$(mini_plan)
	run check "$plan"
	expect_rc 0
	mv "$T/mini.lua" "$T/gone.lua"
	cache_says check "$plan"
	expect_rc 1
	expect_cache "stale,"
	expect_err_has "rule file 'mini.lua' not found"
}

test_a_damaged_or_truncated_compiled_plan_is_made_again() {
	local file
	run check "$PLAN"
	expect_rc 0
	file=$(ls "$T"/cache/*.plan)
	head -c 300 "$file" >"$T/short" && cp "$T/short" "$file"
	cache_says check "$PLAN"
	expect_rc 0
	expect_cache "truncated,wrote,"
	# one byte in the middle changed
	python3 -c 'import sys; p=sys.argv[1]; b=bytearray(open(p,"rb").read()); b[len(b)//2]^=1; open(p,"wb").write(b)' "$file"
	cache_says check "$PLAN"
	expect_rc 0
	expect_cache "damaged,wrote,"
	printf 'not a plan' >"$file"
	cache_says check "$PLAN"
	expect_rc 0
	expect_cache "missing,wrote,"
	cache_says check "$PLAN"
	expect_cache "read,"
}

test_a_cache_that_cannot_be_written_is_no_error() {
	touch "$T/file"
	ASSAY_CACHE_DIR="$T/file/cache" run check "$PLAN"
	expect_rc 0
	[ ! -s "$T/err" ] || fail "stderr: $(cat "$T/err")"
	ASSAY_CACHE_DIR="$T/file/cache" cache_says check "$PLAN"
	expect_rc 0
	expect_cache "missing,cannot write,"
}

test_no_cache_neither_reads_nor_writes() {
	cache_says --no-cache check "$PLAN"
	expect_rc 0
	expect_cache ""
	[ ! -e "$T/cache" ] || fail "--no-cache wrote $(ls "$T/cache")"
	run check "$PLAN"
	cache_says --no-cache check "$PLAN"
	expect_cache ""
}

test_the_plans_language_holds_from_the_compiled_form() {
	local plan
	plan=$(mini_plan)
	sed -i 's/^year: 2023/year: 2023\nlanguage: zh/' "$plan"
	run check "$plan"
	expect_rc 0
	cp "$T/out" "$T/first"
	cache_says check "$plan"
	expect_cache "read,"
	cmp -s "$T/first" "$T/out" || fail "printed otherwise:" "$(cat "$T/first")" "$(cat "$T/out")"
	grep -qF '检查通过' "$T/out" || fail "not in Chinese: $(cat "$T/out")"
}

test_the_same_plan_from_another_folder_is_compiled_apart() {
	local plan
	plan=$(mini_plan)
	(cd "$T" && "$ASSAY" --db "$T/assay.db" check mini.yaml >/dev/null) || fail "check failed"
	mkdir "$T/other"
	cp "$FIX/mini.yaml" "$T/other/"
	(cd "$T/other" && ASSAY_DEBUG=cache "$ASSAY" --db "$T/assay.db" check mini.yaml >"$T/out" 2>"$T/err")
	expect_err_has "plan cache: missing"
	expect_err_has "rule file 'mini.lua' not found"
}

test_a_changed_units_table_is_noticed() {
	cp "$SEM/table.yaml" "$SEM/plain.lua" "$SEM/table-targets.csv" "$T/"
	sed -i '/^units:/,/^$/d; s/^targets_table: table-targets.csv/targets_table: table-targets.csv\nunits_table: units.csv/' \
		"$T/table.yaml"
	printf 'id,name,group\na,甲镇,town\nb,乙镇,town\nc,丙镇,town\n' >"$T/units.csv"
	run units "$T/table.yaml"
	expect_rc 0
	expect_out_has "丙镇"
	edit_in_place "$T/units.csv" 's/丙镇/丁镇/'
	cache_says units "$T/table.yaml"
	expect_rc 0
	expect_cache "stale,wrote,"
	expect_out_has "丁镇"
}

test_another_build_never_reads_what_this_one_wrote() {
	run check "$PLAN"
	expect_rc 0
	cp "$ASSAY" "$T/other-assay"
	ASSAY_DEBUG=cache "$T/other-assay" check "$PLAN" >"$T/out" 2>"$T/err"
	expect_err_has "plan cache: made by another build"
	expect_err_has "plan cache: wrote"
	cache_says check "$PLAN"
	expect_cache "made by another build,wrote,"
	[ "$(ls "$T/cache" | wc -l)" = 1 ] || fail "the old compiled plan was left behind: $(ls "$T/cache")"
}

# A saved run keeps the texts of its plan's files and its report is made
# from them: neither may take the compiled form of the files on disk.
test_a_saved_run_and_its_report_never_use_the_compiled_plan() {
	import_sample # writes the compiled form
	cache_says check "$PLAN"
	expect_cache "read,"
	cache_says score "$PLAN" --period 2023-09 --save --final --quiet
	expect_rc 0
	expect_cache ""
	cache_says report 1 --format md
	expect_rc 0
	expect_cache ""
	grep -qF '鹿城区2023年服务业重点工作任务清单' "$T/out" || fail "the report of run 1 lacks its plan's title"
	run report "$PLAN" --period 2023-09 --format md
	expect_rc 0
	grep -qF '鹿城区2023年服务业重点工作任务清单' "$T/out" || fail "the live report lacks the plan's title"
}
