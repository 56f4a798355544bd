# The standard library's hot rules (std.completion, std.ratio {},
# std.time_progress {}) run in C when an indicator's rules are exactly
# those; the same rules called through Lua must give the same scorecards,
# byte for byte, reasons included.

# lua_wrapped PLAN: the plan's rule file with its default score and light
# rules wrapped in Lua functions, so that every item goes through Lua.
lua_wrapped() {
	local rules=$T/rules/lucheng-2023.lua
	sed -i 's/^score.default = \(std.ratio {.*}\)$/local ratio = \1\nscore.default = function(it) return ratio(it) end/' "$rules"
	sed -i 's/^light.default = \(std.time_progress {.*}\)$/local lights = \1\nlight.default = function(it) return lights(it) end/' "$rules"
	grep -q "return ratio(it)" "$rules" && grep -q "return lights(it)" "$rules" ||
		fail "the rule file was not rewritten"
}

test_c_and_lua_give_the_same_scorecards() {
	local plan
	plan=$(copy_plan)
	import_sample
	for format in csv json table; do
		run score "$plan" --period 2023-09 --format "$format"
		expect_rc 0
		cp "$T/out" "$T/native.$format"
	done
	lua_wrapped
	for format in csv json table; do
		run score "$plan" --period 2023-09 --format "$format"
		expect_rc 0
		cmp -s "$T/out" "$T/native.$format" ||
			fail "$format differs:" "$(diff "$T/native.$format" "$T/out" | head -8)"
	done
	grep -q "落后时序进度" "$T/native.csv" || fail "no time-progress reasons in the scorecards"
}

# std.sum and std.weighted_share, the totals C computes when a card has no
# bonus or deduction items, give what the same functions give through Lua.
test_c_and_lua_give_the_same_totals() {
	local plan total
	plan=$(copy_plan)
	import_sample
	cp "$T/rules/lucheng-2023.lua" "$T/rules.orig"
	for total in sum weighted_share; do
		{ cat "$T/rules.orig"; echo "total = std.$total"; } >"$T/rules/lucheng-2023.lua"
		run score "$plan" --period 2023-09 --format json
		expect_rc 0
		cp "$T/out" "$T/$total.json"
		{ cat "$T/rules.orig"; echo "total = function(card) return std.$total(card) end"; } \
			>"$T/rules/lucheng-2023.lua"
		run score "$plan" --period 2023-09 --format json
		expect_rc 0
		cmp -s "$T/out" "$T/$total.json" ||
			fail "std.$total differs:" "$(diff "$T/$total.json" "$T/out" | head -4 | cut -c1-300)"
	done
	# the two totals differ on Lucheng's units: each was computed
	cmp -s "$T/sum.json" "$T/weighted_share.json" && fail "std.sum gave the weighted share"
	grep -q '"total":[0-9]' "$T/sum.json" || fail "no totals in the scorecards"
}

test_verdict_rules_read_the_items_reasons() {
	local plan
	plan=$(copy_plan)
	import_sample
	cat >>"$T/rules/lucheng-2023.lua" <<'LUA'
red_light = function(card)
  local reasons = std.light_reasons(card)
  return #reasons > 0, reasons
end
LUA
	run score "$plan" --period 2023-09 --ranking --format csv
	expect_rc 0
	grep -q "red_light,红灯：[^,]*完成率[0-9.]*%，落后时序进度[0-9.]*个百分点" "$T/out" ||
		fail "a verdict lacks its items' reasons:" "$(grep red_light "$T/out" | head -3)"
}

# A rule cannot keep a card for the next unit's rule: the local it sets
# is given back its value when the call ends.
test_card_items_are_not_kept_past_the_rule() {
	local plan
	plan=$(copy_plan)
	import_sample
	cat >>"$T/rules/lucheng-2023.lua" <<'LUA'
local kept
commend = function(card)
  if kept then error("a card was kept: " .. #kept.items) end
  kept = card
  return false
end
LUA
	run score "$plan" --period 2023-09 --format csv
	expect_rc 0
}
