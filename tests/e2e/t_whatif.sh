# assay whatif on the mini plan: only what changed, side by side; the
# store is byte for byte the same afterwards.

test_whatif_shows_only_what_changed() {
	import_mini_june
	cp "$T/assay.db" "$T/before.db"
	run whatif "$FIX/mini.yaml" --period 2023-06 --set 区商务局:stores=10 --set wuma:品牌首店=6
	expect_rc 0
	expect_out_has "what if, 2023-06: 区商务局:stores=10; wuma:品牌首店=6"
	# 区商务局: 5 of 10 stores was 0 points; 10 of 10 is the full 5: (10 + 5) / 15
	expect_out_has "区商务局  66.67 → 100.00  3 → 1  none → commendation"
	expect_out_has "五马街道           40.00      1  red_light → none"
	expect_out_has "区商务局  品牌首店   5 → 10  0.00 → 5.00  green"
	expect_out_has "五马街道  品牌首店    3 → 6         0.00  red → green"
	expect_out_has "commendation: + 区商务局"
	expect_out_has "red light: − 五马街道"
	expect_out_lacks "区科技局"
	cmp -s "$T/assay.db" "$T/before.db" || fail "the store changed"
	[ ! -s "$T/assay.db-wal" ] || fail "the what-if wrote to the WAL"
}

test_whatif_json() {
	import_mini_june
	run whatif "$FIX/mini.yaml" --period 2023-06 --set commerce:stores=10 --format json
	expect_rc 0
	[ "$(cat "$T/out")" = '{"schema":"assay.whatif/1","plan":"mini","period":"2023-06","units":[{"unit":"commerce","total":[66.67,100],"rank":[3,1],"verdict":["none","commendation"]}],"items":[{"unit":"commerce","indicator":"stores","actual":[5,10],"score":[0,5],"light":["green","green"]}],"commendation":{"added":["commerce"],"removed":[]},"red_light":{"added":[],"removed":[]}}' ] ||
		fail "unexpected JSON:" "$(cat "$T/out")"
}

test_whatif_with_other_rules() {
	import_mini_june
	sed 's/floor = 0.6/floor = 0.4/' "$FIX/mini.lua" >"$T/lower-floor.lua"
	run whatif "$FIX/mini.yaml" --period 2023-06 --rules "$T/lower-floor.lua"
	expect_rc 0
	# half the stores is now (0.5 - 0.4) / 0.6 of 5 points
	expect_out_has "区商务局  品牌首店           5  0.00 → 0.83  green"
	expect_out_has "五马街道  举办展会活动      30  0.00 → 0.83  green"
	expect_out_has "区商务局  66.67 → 72.22     3  none"
}

test_whatif_nothing_changed() {
	import_mini_june
	run whatif "$FIX/mini.yaml" --period 2023-06 --set commerce:trade=7000
	expect_rc 0
	expect_out_has "nothing changed"
}

test_whatif_errors() {
	import_mini_june
	run whatif "$FIX/mini.yaml" --period 2023-06 --set 区商务局:storez=10
	expect_rc 1
	expect_err "assay: --set 区商务局:storez=10: unknown indicator 'storez' (did you mean 'stores'?)"
	run whatif "$FIX/mini.yaml" --period 2023-06 --set finance:stores=1
	expect_rc 1
	expect_err "assay: --set finance:stores: unit '区财政局' is not responsible for indicator 'stores'"
	run whatif "$FIX/mini.yaml" --period 2023-06 --set commerce:stores=lots
	expect_rc 1
	expect_err "assay: --set commerce:stores=lots: the value must be a number"
	run whatif "$FIX/mini.yaml" --period 2023-06 --set commerce-stores
	expect_rc 2
	expect_err_has "--set 'commerce-stores': write UNIT:INDICATOR=VALUE"
	run whatif "$FIX/mini.yaml" --period 2023-06
	expect_rc 2
	expect_err_has "nothing to change: give --set, --param or --rules"
	run whatif "$FIX/mini.yaml" --period 2023-06 --bogus
	expect_rc 2
}

test_whatif_on_the_lucheng_plan() {
	import_sample
	run whatif "$PLAN" --period 2023-09 --set 区发改局:service_leading_talents=2
	expect_rc 0
	# both talents by September: 2 of 2 against 75% expected, capped at 1.2 × 3
	expect_out_has "区发改局  引进培育服务业领军人才   1 → 2  0.50 → 3.60  red → green"
	expect_out_has "commendation: + 区发改局"
}

# A changed figure is scored again only in its unit's peer group; the
# result must be what scoring everything again gives, which a --param at
# its default value forces (other rules or parameters score in full).
test_whatif_rescoring_the_changed_groups_equals_scoring_all() {
	import_sample
	local sets=(--set 区发改局:service_leading_talents=2 --set science:new_rd_institution=0
		--set publicity:creative_design_parks=0)
	run whatif "$PLAN" --period 2023-09 "${sets[@]}" --format json
	expect_rc 0
	cp "$T/out" "$T/groups.json"
	grep -qF '"unit":"publicity"' "$T/groups.json" || fail "the second group's change is missing"
	grep -qF '"commendation":{"added":["drc"],"removed":["science"]}' "$T/groups.json" ||
		fail "unexpected verdict moves:" "$(cat "$T/groups.json")"
	run whatif "$PLAN" --period 2023-09 "${sets[@]}" --param commend_at=90 --format json
	expect_rc 0
	cmp -s "$T/out" "$T/groups.json" ||
		fail "rescoring the groups differs from scoring all:" "$(diff "$T/groups.json" "$T/out")"
}

# The second pass scores again the changed units only, then ranks and
# judges their groups afresh: a peer's verdict that failed at its rank
# before (science may not lead) must be asked again at its rank after.
test_whatif_asks_again_a_peer_verdict_that_failed() {
	plan=$(mini_plan)
	cat >>"$T/mini.lua" <<'LUA'
red_light = function(card)
  if card.unit == "science" and card.rank == 1 then error("science may not lead") end
  return card.red >= 1, "红灯：" .. std.red_items(card)
end
LUA
	run import "$plan" "$FIX/mini-2023-06.csv"
	local sets=(--set commerce:trade=9000 --set commerce:stores=20)
	run whatif "$plan" --period 2023-06 "${sets[@]}" --format json
	expect_rc 1
	expect_err "assay: rules failed (1 as stored, 0 as changed): see assay score for the messages"
	cp "$T/out" "$T/groups.json"
	grep -qF '{"unit":"science","total":[null,100],"rank":[null,2],"verdict":[null,"commendation"]}' \
		"$T/groups.json" || fail "science is not ranked after:" "$(cat "$T/groups.json")"
	# other rules (the same file) score every unit, as stored and changed
	run whatif "$plan" --period 2023-06 "${sets[@]}" --rules "$T/mini.lua" --format json
	cmp -s "$T/out" "$T/groups.json" ||
		fail "rescoring the changed units differs from scoring all:" "$(diff "$T/groups.json" "$T/out")"
}

# A what-if keeps, from before its changes, the items of the changed peer
# groups only; each must still be read as its own indicator: here b's
# growth, which sits at another place among the plan's items than among
# those kept.
test_whatif_reads_kept_items_as_their_own_indicators() {
	grep -v gdp_growth "$SEM/targets.lua" >"$T/two-groups.lua"
	write two-groups.yaml <<'YAML'
id: two-groups
title: 两组
year: 2023
rules: two-groups.lua
groups:
  - {id: g1, name: 一组}
  - {id: g2, name: 二组}
units:
  - {id: a, name: 甲局, group: g1}
  - {id: b, name: 乙局, group: g2}
indicators:
  - {id: sales, name: 销售额, target: 100, units: [a, b]}
  - {id: investment, name: 服务业投资, target: {growth: 8}, units: [b]}
YAML
	write two-groups.csv <<'CSV'
unit,indicator,period,value
a,sales,2023-06,50
b,sales,2023-06,50
b,investment,2022-06,50
b,investment,2023-06,54
CSV
	run import "$T/two-groups.yaml" "$T/two-groups.csv"
	expect_rc 0
	run whatif "$T/two-groups.yaml" --period 2023-06 --set b:investment=55
	expect_rc 0
	expect_out_has "乙局  服务业投资  +8.00% → +10.00%"
	expect_out_lacks "甲局"
}
