# Hostile rules: what a rule file written to harm (or carelessly) may try,
# and what stops it. Each rule under fixtures/hostile/ is added to the mini
# plan's rules; the tests check the exact message, that every error says
# where (rule file, line, unit and indicator), and that the units the rule
# did not fail score exactly as they do under the plain rules.

HOSTILE="$FIX/hostile"

# with_rules FILE: the mini plan in $T with the hostile rules FILE (under
# fixtures/hostile/) added to its rules, June's figures imported.
with_rules() {
	mini_plan >/dev/null
	cat "$HOSTILE/$1" >>"$T/mini.lua"
	run import "$T/mini.yaml" "$FIX/mini-2023-06.csv"
	expect_rc 0
}

# The line of the mini rules where an added file's line N is.
MINI_LINES=$(wc -l <"$FIX/mini.lua")
at_line() {
	echo "$T/mini.lua:$((MINI_LINES + $1))"
}

# plain_scores: the CSV scorecards of June under the mini plan's own rules,
# into $T/plain.csv.
plain_scores() {
	local keep; keep=$(mktemp -d)
	cp "$FIX/mini.yaml" "$FIX/mini.lua" "$keep/"
	"$ASSAY" --db "$keep/assay.db" import "$keep/mini.yaml" "$FIX/mini-2023-06.csv" >/dev/null &&
		"$ASSAY" --db "$keep/assay.db" score "$keep/mini.yaml" --period 2023-06 --format csv \
			>"$T/plain.csv" || fail "the plain mini plan does not score"
	rm -rf "$keep"
}

# expect_same_scores UNIT...: in $T/out (CSV), the rows of every unit but
# those named are exactly the plain rules' rows.
expect_same_scores() {
	plain_scores
	local skip="^($(IFS='|'; echo "$*"))$"
	diff <(awk -F, -v skip="$skip" 'NR > 1 && $2 !~ skip' "$T/plain.csv") \
		<(awk -F, -v skip="$skip" 'NR > 1 && $2 !~ skip' "$T/out") >"$T/scores.diff" ||
		fail "other units' scorecards changed:" "$(head -20 "$T/scores.diff")"
}

# ---- rule files are Lua source from the plan's folder ----------------------

# plan_with_rules PATH [FOLDER]: the mini plan in $T whose rules: is PATH
# (and rules_folder: FOLDER).
plan_with_rules() {
	mini_plan >/dev/null
	sed -i "s|^rules: mini.lua|rules: $1|" "$T/mini.yaml"
	[ $# -lt 2 ] || printf 'rules_folder: %s\n' "$2" >>"$T/mini.yaml"
}

test_a_file_that_is_not_lua_is_never_compiled() {
	printf 'hunter2\n' >"$T/secret.txt"
	plan_with_rules secret.txt
	run check "$T/mini.yaml"
	expect_rc 1
	expect_err "$T/mini.yaml:5:8: rule file 'secret.txt' is not a Lua file: rules are Lua source in files named .lua"
	plan_with_rules /etc/passwd
	run check "$T/mini.yaml"
	expect_rc 1
	expect_err "$T/mini.yaml:5:8: rule file '/etc/passwd' is not a Lua file: rules are Lua source in files named .lua"
}

test_a_rule_file_outside_the_plans_folder_is_refused() {
	mkdir "$T/elsewhere"
	printf 'hunter2\n' >"$T/elsewhere/secret.lua"
	mkdir "$T/plan"
	cp "$FIX/mini.yaml" "$T/plan/"
	sed -i 's|^rules: mini.lua|rules: ../elsewhere/secret.lua|' "$T/plan/mini.yaml"
	run check "$T/plan/mini.yaml"
	expect_rc 1
	expect_err "$T/plan/mini.yaml:5:8: rule file '../elsewhere/secret.lua' is not under the plan's folder ('$T/plan'): name the folder of its rule files with rules_folder"
}

test_a_link_out_of_the_plans_folder_is_refused() {
	printf 'hunter2\n' >"$T/secret"
	mkdir "$T/plan"
	cp "$FIX/mini.yaml" "$T/plan/"
	ln -s ../secret "$T/plan/mini.lua"
	run check "$T/plan/mini.yaml"
	expect_rc 1
	expect_err "$T/plan/mini.yaml:5:8: rule file 'mini.lua' is not under the plan's folder ('$T/plan'): name the folder of its rule files with rules_folder"
}

test_rules_folder_names_where_rule_files_may_be() {
	mkdir "$T/plan" "$T/rules"
	cp "$FIX/mini.yaml" "$T/plan/"
	cp "$FIX/mini.lua" "$T/rules/"
	sed -i 's|^rules: mini.lua|rules: ../rules/mini.lua\nrules_folder: ../rules|' "$T/plan/mini.yaml"
	run check "$T/plan/mini.yaml"
	expect_rc 0
	sed -i 's|^rules_folder: ../rules|rules_folder: ../plan|' "$T/plan/mini.yaml"
	run check "$T/plan/mini.yaml"
	expect_rc 1
	expect_err "$T/plan/mini.yaml:5:8: rule file '../rules/mini.lua' is not under the folder rules_folder names ('$T/plan')"
	sed -i 's|^rules_folder: ../plan|rules_folder: ../nowhere|' "$T/plan/mini.yaml"
	run check "$T/plan/mini.yaml"
	expect_rc 1
	expect_err "$T/plan/mini.yaml:6:15: rules_folder '../nowhere' is not a folder (looked for '$T/nowhere')"
}

test_require_cannot_follow_a_link_out_of_the_rules_folder() {
	printf 'return "hunter2"\n' >"$T/secret.lua"
	mkdir "$T/plan" "$T/plan/lib"
	cp "$FIX/mini.yaml" "$FIX/mini.lua" "$T/plan/"
	ln -s ../../secret.lua "$T/plan/lib/helper.lua"
	printf 'local helper = require "helper"\n' >>"$T/plan/mini.lua"
	run check "$T/plan/mini.yaml"
	expect_rc 1
	expect_err "$T/plan/mini.lua:$((MINI_LINES + 1)): module 'helper': '$T/plan/lib/helper.lua' leads outside the rule file's folder"
}

# ---- Lua as Lua programmers know it ------------------------------------------

test_calls_lua_refuses_at_once_are_catchable_errors() {
	with_rules refused_at_once.lua
	run score "$T/mini.yaml" --period 2023-06 --format csv
	expect_rc 1
	expect_err "assay: 1 rule error; the scorecards mark them:
  $(at_line 14): resulting string too large | bad argument #3 to 'table.move' (too many elements to move) | invalid value (nil) at index 1 in table for 'concat' | invalid value (nil) at index 3 in table for 'concat' (unit 五马街道, indicator events)"
	expect_same_scores wuma
}

# ---- errors say where ----------------------------------------------------------

test_an_error_that_is_not_a_message_says_where() {
	with_rules not_a_message.lua
	run score "$T/mini.yaml" --period 2023-06 --format csv --max-instructions 100000
	expect_rc 1
	expect_err "assay: 3 rule errors; the scorecards mark them:
  $(at_line 7): a rule raised an error that is not a message (a table value) (unit 五马街道, indicator stores)
  $(at_line 12): a rule raised an error that is not a message (a table value) (unit 五马街道, indicator energy)
  $(at_line 3): a rule raised an error that is not a message (a nil value) (unit 五马街道, indicator events)"
	expect_same_scores wuma
	sed -i 's/^  error(nil)$/  error("no place", 0)/' "$T/mini.lua"
	run score "$T/mini.yaml" --period 2023-06 --format csv --max-instructions 100000
	expect_err_has "  $(at_line 3): no place (unit 五马街道, indicator events)"
}

test_memory_limit_in_a_string_operation_says_where() {
	with_rules memory_in_a_string.lua
	run score "$T/mini.yaml" --period 2023-06 --format csv --max-memory 32
	expect_rc 1
	expect_err "assay: 1 rule error; the scorecards mark them:
  $(at_line 5): memory limit exceeded (32 MiB) (unit 五马街道, indicator events)"
	expect_same_scores wuma
}

test_errors_while_loading_say_where() {
	with_rules at_load.lua
	run check "$T/mini.yaml"
	expect_rc 1
	expect_err "$(at_line 2): a rule raised an error that is not a message (a nil value)"
	mini_plan >/dev/null
	printf 'local s = "x"\nwhile true do s = s .. s end\n' >>"$T/mini.lua"
	run check "$T/mini.yaml" --max-memory 32
	expect_rc 1
	expect_err "$(at_line 2): memory limit exceeded (32 MiB)"
}

# ---- bounds -------------------------------------------------------------------

# repeat TEXT N: TEXT N times.
repeat() {
	local s=""
	for _ in $(seq "$2"); do s+=$1; done
	printf '%s' "$s"
}

test_long_reasons_and_messages_are_cut() {
	with_rules long_texts.lua
	run score "$T/mini.yaml" --period 2023-06 --format csv
	expect_rc 1
	local cut="…(cut at 4096 bytes)" place; place="$(at_line 3): "
	expect_err_has "  $place$(repeat x $((4096 - ${#place})))$cut (unit 区商务局, indicator trade)"
	[ "$(grep -c -- "$cut (unit" "$T/err")" = 3 ] || fail "three messages must be cut"
	[ "$(wc -c <"$T/err")" -lt 20000 ] || fail "stderr holds $(wc -c <"$T/err") bytes"
	[ "$(wc -c <"$T/out")" -lt 40000 ] || fail "stdout holds $(wc -c <"$T/out") bytes"
	[ "$(csv_value wuma stores reason)" = "$(repeat 理 1365)$cut" ] ||
		fail "the reason is not cut at 4096 bytes: $(csv_value wuma stores reason | head -c 100)"
}

test_a_run_has_a_time_budget() {
	with_rules slow_on_every_item.lua
	local start=$SECONDS
	run score "$T/mini.yaml" --period 2023-06 --max-run-seconds 1
	expect_rc 1
	[ $((SECONDS - start)) -le 6 ] || fail "the run took $((SECONDS - start)) s"
	expect_err_has "$(at_line 5): the run's time budget is spent (1 s in the rules, --max-run-seconds): scoring stops (unit "
	[ "$(wc -l <"$T/err")" = 1 ] || fail "one message expected"
	[ ! -s "$T/out" ] || fail "no scorecards are printed when the run stops"
}

# many_units_plan N RULES: a plan of N units on one indicator whose rules
# are std's and RULES (under fixtures/hostile/), its figures imported.
many_units_plan() {
	{
		printf 'id: many\ntitle: 多单位\nyear: 2023\nrules: many.lua\n'
		printf 'groups: [{id: g, name: 组}]\nunits:\n'
		for u in $(seq "$1"); do printf '  - {id: u%s, name: 单位%s, group: g}\n' "$u" "$u"; done
		printf 'indicators:\n  - {id: trade, name: 贸易, target: 100, units: all}\n'
	} >"$T/many.yaml"
	{ echo unit,indicator,period,value; for u in $(seq "$1"); do echo "u$u,trade,2023-06,$u"; done; } \
		>"$T/many.csv"
	{
		printf 'local std = require "std"\nweights { trade = 10 }\n'
		printf 'score.default = std.ratio { floor = 0.6, full = 1.0, cap = 1.2 }\n'
		cat "$HOSTILE/$2"
	} >"$T/many.lua"
	run import "$T/many.yaml" "$T/many.csv"
	expect_rc 0
}

test_a_run_has_a_memory_budget_for_reasons_and_messages() {
	many_units_plan 300 long_reason_everywhere.lua
	run score "$T/many.yaml" --period 2023-06 --format csv
	expect_rc 0
	run score "$T/many.yaml" --period 2023-06 --format csv --max-run-memory 1
	expect_rc 1
	expect_err "$T/many.lua:5: the run's memory budget is spent (1 MiB of reasons and messages, --max-run-memory): scoring stops (unit 单位6, indicator trade)"
	[ ! -s "$T/out" ] || fail "no scorecards are printed when the run stops"
	run score "$T/many.yaml" --period 2023-06 --max-run-memory 0
	expect_rc 2
	expect_err_has "assay: --max-run-memory takes a number of MiB (1 or more), not '0'"
}

# ---- isolation between rules ---------------------------------------------------

# Every way of changing what others see, tried by one unit's rules: no
# other unit's scorecard moves, nor its own.
test_no_rule_changes_what_another_sees() {
	with_rules isolation.lua
	run score "$T/mini.yaml" --period 2023-06 --format csv
	expect_rc 0
	expect_same_scores
	run check "$T/mini.yaml"
	expect_rc 0
}

# What a rule that failed changed is undone as well.
test_a_failing_rule_leaves_nothing_behind() {
	mini_plan >/dev/null
	cat >>"$T/mini.lua" <<'LUA'
local count = 0
completion.trade = function(it)
  if rawget(_G, "leak") or count > 0 then error("left behind") end
  if it.unit == "commerce" then
    leak, count = 1, 1
    error("fails")
  end
  return std.completion(it)
end
LUA
	run import "$T/mini.yaml" "$FIX/mini-2023-06.csv"
	run score "$T/mini.yaml" --period 2023-06 --format csv
	expect_rc 1
	expect_err "assay: 1 rule error; the scorecards mark them:
  $(at_line 6): fails (unit 区商务局, indicator trade)"
}

# attack LUA MESSAGE: wuma's events rule runs LUA (line MINI_LINES + 2)
# and fails with MESSAGE, which names the line; the other units score as
# under the plain rules.
attack() {
	mini_plan >/dev/null
	printf 'local std = require "std"\nscore.events = function(it) %s return 0 end\n' "$1" >>"$T/mini.lua"
	run import "$T/mini.yaml" "$FIX/mini-2023-06.csv"
	run score "$T/mini.yaml" --period 2023-06 --format csv
	expect_rc 1
	expect_err "assay: 1 rule error; the scorecards mark them:
  $(at_line 2): $2 (unit 五马街道, indicator events)"
	expect_same_scores wuma
}

test_raw_access_cannot_change_the_libraries() {
	attack 'rawset(math, "max", function() return 1000 end)' \
		"math.max: the standard libraries are read-only in rules"
	attack 'rawset(table, "concat", nil)' "table.concat: the standard libraries are read-only in rules"
	attack 'rawset(string, "rep", nil)' "string.rep: the standard libraries are read-only in rules"
	attack 'rawset(os, "execute", print)' "os.execute: os is not available in rules"
}

test_metatables_of_shared_values_cannot_change() {
	attack 'setmetatable(math, {__index = function() return 0 end})' "cannot change a protected metatable"
	attack 'setmetatable(it, {})' "cannot change a protected metatable"
	attack 'getmetatable("").__index = nil' "attempt to index a boolean value"
}

test_modules_are_read_only() {
	attack 'std.round = function() return 0 end' "std.round: modules are read-only in rules"
	attack 'rawset(require "std", "ratio", nil)' "std.ratio: modules are read-only in rules"
	mini_plan >/dev/null
	printf 'local std = require "std"\nstd.pct = nil\n' >>"$T/mini.lua"
	run check "$T/mini.yaml"
	expect_rc 1
	expect_err "$(at_line 2): std.pct: modules are read-only in rules"
}

test_the_rule_files_tables_are_read_only_once_loaded() {
	attack 'score.trade = nil' "cannot set 'trade': a table the rule file made is read-only once it has loaded (what a rule changed there, the next unit would see)"
	attack 'rawset(score, "trade", nil)' "cannot set 'trade': a table the rule file made is read-only once it has loaded (what a rule changed there, the next unit would see)"
	attack 'weights { events = 0 }' "weights { ... } is declared while the rule file loads, not in a rule"
	attack 'params { floor = {default = 0} }' "params { ... } is declared while the rule file loads, not in a rule"
	printf 'return {}\n' >"$T/helper.lua"
	attack 'require "helper"' "require 'helper': modules are loaded while the rule file loads (require it at the top of the rule file)"
}

test_it_and_the_card_are_read_only() {
	attack 'it.weight = 0' "it.weight: the item is read-only in rules"
	attack 'rawset(it, "target", 0)' "it.target: the item is read-only in rules"
	mini_plan >/dev/null
	printf 'red_light = function(card) card.items[1].light = "green" end\n' >>"$T/mini.lua"
	run import "$T/mini.yaml" "$FIX/mini-2023-06.csv"
	run score "$T/mini.yaml" --period 2023-06 --format csv
	expect_rc 1
	expect_err_has "  $(at_line 1): cannot set 'light': the card is read-only in rules (unit 区商务局)"
	printf 'red_light = function(card) card.total = 100 end\n' >>"$T/mini.lua"
	run score "$T/mini.yaml" --period 2023-06 --format csv
	expect_err_has "  $(at_line 2): card.total: the card is read-only in rules (unit 区商务局)"
	# what every card shares: the lights, and the list of no adjustments
	printf 'red_light = function(card) card.adjustments[1] = {points = 5} end\n' >>"$T/mini.lua"
	run score "$T/mini.yaml" --period 2023-06 --format csv
	expect_err_has "  $(at_line 3): card.1: the card is read-only in rules (unit 区商务局)"
	printf 'red_light = function(card) rawset(card.lights, 4, "blue") end\n' >>"$T/mini.lua"
	run score "$T/mini.yaml" --period 2023-06 --format csv
	expect_err_has "  $(at_line 4): card.4: the card is read-only in rules (unit 区商务局)"
}

# ---- Lua as Lua programmers know it, continued ----------------------------------

test_library_views_behave_like_the_libraries() {
	with_rules library_views.lua
	run score "$T/mini.yaml" --period 2023-06 --format csv
	expect_rc 0
	expect_same_scores wuma
}

test_print_is_not_available() {
	attack 'print("x")' "print is not available in rules"
}
