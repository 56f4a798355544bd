# Rules are untrusted: each hostile rule is stopped with a message naming
# the rule file, the line, the unit and the indicator, and assay exits 1
# cleanly (no crash, no hang).

# hostile_score LUA: the mini plan with score.trade replaced by a function
# whose body is LUA (on line 16 of mini.lua); scores June.
hostile_score() {
	local p; p=$(mini_plan)
	printf 'score.trade = function(it)\n%s\nend\n' "$1" >>"$T/mini.lua"
	run import "$p" "$FIX/mini-2023-06.csv"
	expect_rc 0
	shift
	run score "$p" --period 2023-06 "$@"
}

test_endless_loop_stopped() {
	hostile_score 'while true do end' --max-instructions 100000
	expect_rc 1
	expect_err_has "$T/mini.lua:16: instruction limit exceeded (100000 instructions): an endless loop? (unit 区商务局, indicator trade)"
	expect_out_has "error  $T/mini.lua:16: instruction limit exceeded"
}

test_endless_loop_inside_pcall_stopped() {
	hostile_score 'while true do pcall(function() while true do end end) end' --max-instructions 100000
	expect_rc 1
	expect_err_has "instruction limit exceeded (100000 instructions): an endless loop? (unit 区商务局, indicator trade)"
}

test_unbounded_memory_stopped() {
	hostile_score 'local t = {} for i = 1, 1e9 do t[i] = string.rep("x", 64) .. i end' --max-memory 32
	expect_rc 1
	expect_err_has "memory limit exceeded (32 MiB) (unit 区商务局, indicator trade)"
	expect_err_has "$T/mini.lua:16"
}

test_string_doubling_stopped() {
	hostile_score 'local s = "x" while true do s = s .. s end' --max-memory 32
	expect_rc 1
	expect_err_has "memory limit exceeded (32 MiB) (unit 区商务局, indicator trade)"
}

test_os_execute_not_available() {
	hostile_score 'os.execute("touch '"$T"'/pwned")'
	expect_rc 1
	expect_err_has "$T/mini.lua:16: os.execute is not available in rules (unit 区商务局, indicator trade)"
	[ ! -e "$T/pwned" ] || fail "os.execute ran"
}

test_io_open_not_available() {
	hostile_score 'local f = io.open("/etc/passwd")'
	expect_rc 1
	expect_err_has "$T/mini.lua:16: io.open is not available in rules (unit 区商务局, indicator trade)"
}

test_require_ffi_not_found() {
	hostile_score 'local ffi = require "ffi"'
	expect_rc 1
	expect_err_has "$T/mini.lua:16: module 'ffi' not found"
	expect_err_has "(unit 区商务局, indicator trade)"
}

test_load_and_debug_not_available() {
	hostile_score 'return load("return 1")()'
	expect_rc 1
	expect_err_has "load is not available in rules (unit 区商务局, indicator trade)"
	hostile_score 'return debug.getinfo(1)'
	expect_rc 1
	expect_err_has "debug.getinfo is not available in rules"
}

test_binary_chunk_refused() {
	local p; p=$(mini_plan)
	printf '\x1bLua\x54\x00' >"$T/mini.lua"
	run check "$p"
	expect_rc 1
	expect_err "assay: $T/mini.lua: precompiled (binary) chunks are refused: rules must be Lua source"
}

test_runtime_error_names_unit_and_indicator() {
	hostile_score 'return it.actual > nil'
	expect_rc 1
	expect_err_has "$T/mini.lua:16: attempt to compare nil with number (unit 区商务局, indicator trade)"
}

test_undefined_global_is_an_error() {
	hostile_score 'return it.weight * wieght'
	expect_rc 1
	expect_err_has "$T/mini.lua:16: undefined name 'wieght'"
}

test_non_numeric_score_rejected() {
	hostile_score 'return 0/0'
	expect_rc 1
	expect_err_has "$T/mini.lua:15: the score rule returned nan (0/0?), not a finite number (unit 区商务局, indicator trade)"
	hostile_score 'return "ten"'
	expect_rc 1
	expect_err_has "the score rule returned string, not a number"
}

test_error_object_table_reported_without_metamethods() {
	hostile_score 'error(setmetatable({}, {__tostring = function() while true do end end}))' --max-instructions 100000
	expect_rc 1
	expect_err_has "$T/mini.lua:16: a rule raised an error that is not a message (a table value) (unit 区商务局, indicator trade)"
}

test_other_units_still_scored_after_failure() {
	hostile_score 'if it.unit == "commerce" then error("boom") end return it.weight'
	expect_rc 1
	expect_err_has "$T/mini.lua:16: boom (unit 区商务局, indicator trade)"
	expect_out_has "区科技局 (science) · 区级部门 · rank 1 of 2"
	expect_out_has "—  区商务局   error"
}

test_standard_libraries_are_read_only() {
	hostile_score 'string.rep = function() return "" end'
	expect_rc 1
	expect_err_has "$T/mini.lua:16: string.rep: the standard libraries are read-only in rules (unit 区商务局, indicator trade)"
	hostile_score 'math.floor = nil'
	expect_rc 1
	expect_err_has "math.floor: the standard libraries are read-only in rules"
}

test_string_metatable_hidden() {
	hostile_score 'getmetatable("").__index.rep = nil'
	expect_rc 1
	expect_err_has "$T/mini.lua:16: attempt to index a boolean value (unit 区商务局, indicator trade)"
}

test_failing_unit_rule_is_reported() {
	local p; p=$(mini_plan)
	printf 'red_light = function(card)\n  if card.unit == "wuma" then error("no verdict") end\n  return false\nend\n' >>"$T/mini.lua"
	run import "$p" "$FIX/mini-2023-06.csv"
	run score "$p" --period 2023-06
	expect_rc 1
	expect_err_has "$T/mini.lua:16: no verdict (unit 五马街道)"
	expect_out_has "verdict: error — $T/mini.lua:16: no verdict (unit 五马街道)"
	expect_out_has "     —  五马街道  40.00    1  error"
}

test_failing_item_leaves_unit_unscored() {
	hostile_score 'if it.unit == "commerce" then error("boom") end return it.weight'
	expect_out_has "  total: not scored: the rules failed for 1 indicator"
	run score "$T/mini.yaml" --period 2023-06 --format json
	python3 - "$T/out" <<'PY' || fail "a unit with a failing item must have verdict null and no rank"
import json, sys
units = {u["unit"]: u for u in json.load(open(sys.argv[1]))["units"]}
c = units["commerce"]
assert c["verdict"] is None and c["rank"] is None and c["error"] is None, c
assert c["items"][0]["error"].endswith("boom (unit 区商务局, indicator trade)"), c
assert units["science"]["rank"] == 1
PY
}

test_coroutines_not_available() {
	hostile_score 'coroutine.wrap(function() while true do end end)()'
	expect_rc 1
	expect_err_has "$T/mini.lua:16: undefined name 'coroutine' (unit 区商务局, indicator trade)"
}

test_gc_finalizer_refused() {
	hostile_score 'setmetatable({}, {__gc = function() while true do end end}) return 1'
	expect_rc 1
	expect_err_has "$T/mini.lua:16: __gc finalizers are not available in rules (unit 区商务局, indicator trade)"
}

test_collector_cannot_be_stopped() {
	hostile_score 'collectgarbage("stop") local t = {} for i = 1, 1e9 do t[i] = {} end'
	expect_rc 1
	expect_err_has "$T/mini.lua:16: collectgarbage is not available in rules (unit 区商务局, indicator trade)"
}

test_nil_error_object_reported() {
	hostile_score 'error(nil)'
	expect_rc 1
	expect_err_has "  $T/mini.lua:16: a rule raised an error that is not a message (a nil value) (unit 区商务局, indicator trade)"
}

# A pattern that backtracks for ages runs inside one C call, out of the
# count hook's reach: the watchdog ends assay with the rule's place.
test_pathological_pattern_stopped_by_the_watchdog() {
	hostile_score 'return ("a"):rep(30):find(("a*"):rep(30) .. "b") and 1 or 0' --max-seconds 1
	expect_rc 1
	expect_err "assay: $T/mini.lua:16: time limit exceeded (1 s) inside a library call that cannot be interrupted (a pathological string pattern?): assay stopped (unit 区商务局, indicator trade)"
}

# Slow library calls in a loop use few instructions: the time limit stops
# them at the next instruction, and the other units are still scored.
test_slow_library_calls_stopped_by_the_time_limit() {
	hostile_score 'if it.unit == "commerce" then while true do ("a"):rep(12):find(("a*"):rep(12) .. "b") end end return it.weight' --max-seconds 1
	expect_rc 1
	expect_err_has "$T/mini.lua:16: time limit exceeded (1 s): an endless loop, or a slow library call? (unit 区商务局, indicator trade)"
	expect_out_has "区科技局 (science) · 区级部门 · rank 1 of 2"
}

# The default instruction limit stops each, whatever the time limit: a
# loaded machine (the sanitized build, other jobs) must not reach 5 s first.
test_library_loops_over_huge_ranges_stopped() {
	# the instruction limit stops them: a lower one than the default, and
	# time to reach it on a busy machine under the sanitizers
	local limits=(--max-instructions 10000000 --max-seconds 60)
	hostile_score 'return #string.rep("", 1e15, "")' "${limits[@]}"
	expect_rc 1
	expect_err_has "$T/mini.lua:16: instruction limit exceeded (10000000 instructions): an endless loop? (unit 区商务局, indicator trade)"
	hostile_score 'pcall(table.move, {}, 1, 1e12, 2) return 1' "${limits[@]}"
	expect_rc 1
	expect_err_has "$T/mini.lua:16: instruction limit exceeded (10000000 instructions): an endless loop? (unit 区商务局, indicator trade)"
	hostile_score 'return #table.concat(setmetatable({}, {__index = function() return "x" end}), ",", 1, 1e12)' "${limits[@]}"
	expect_rc 1
	expect_err_has "$T/mini.lua:16: instruction limit exceeded (10000000 instructions): an endless loop? (unit 区商务局, indicator trade)"
}

test_library_calls_keep_their_names_in_errors() {
	hostile_score 'return string.rep({}, 2)'
	expect_rc 1
	expect_err_has "$T/mini.lua:16: bad argument #1 to 'rep' (string expected, got table) (unit 区商务局, indicator trade)"
}

test_deep_recursion_stopped() {
	hostile_score 'local function f(n) return f(n + 1) + 1 end return f(1)'
	expect_rc 1
	expect_err_has "$T/mini.lua:16: stack overflow (unit 区商务局, indicator trade)"
}

test_deeply_nested_parentheses_refused() {
	local p; p=$(mini_plan)
	python3 -c 'print("x = " + "(" * 100000 + "1" + ")" * 100000)' >>"$T/mini.lua"
	run check "$p"
	expect_rc 1
	expect_err "assay: $T/mini.lua: C stack overflow: expressions or blocks nested too deeply"
}

test_result_table_with_metamethods_rejected() {
	hostile_score 'local t = {} for i = 1, 1e5 do t = {t} end return setmetatable(t, {__index = function() while true do end end, __tostring = function() while true do end end, __name = "number"})'
	expect_rc 1
	expect_err_has "$T/mini.lua:15: the score rule returned table, not a number (unit 区商务局, indicator trade)"
}

test_integer_overflow_result_rejected() {
	hostile_score 'return math.maxinteger + 1'
	expect_rc 1
	expect_err_has "$T/mini.lua:15: the score rule returned -9223372036854775808, an integer too large to be a figure (an integer overflow?) (unit 区商务局, indicator trade)"
}

test_max_seconds_must_be_positive() {
	run score "$FIX/mini.yaml" --period 2023-06 --max-seconds 0
	expect_rc 2
	expect_err_has "assay: --max-seconds takes a whole number of seconds (1 or more), not '0'"
}
