# Lights in more colours (tests/plans/lights.yaml): four, as seed 004 manages
# its cases (蓝、黄、橙、红). The rule file names them, best first; every
# format shows them in that order, and the last is the red light.

lights_scored() {
	run import "$SEM/lights.yaml" "$SEM/lights-figures.csv"
	expect_rc 0
	score_csv "$SEM/lights.yaml" 2023-06
}

test_each_item_takes_one_of_the_rules_lights() {
	lights_scored
	# cases: 100% blue, 85% orange (from 80%), 70% red
	expect_item a cases light=blue
	expect_item b cases light=orange
	expect_item c cases light=red
	# std.time_progress's green, yellow and red: the first, second and last
	# light. June expects 50%: 6 of 12 on pace, 5.7 2.5 points behind, 3 25
	expect_item a revenue light=blue "reason=完成率50%，与时序进度持平"
	expect_item b revenue light=yellow
	expect_item c revenue light=red
}

test_cards_count_every_light_and_verdicts_count_the_last() {
	lights_scored
	# one orange is no red light (two would be); 丙 has two reds
	expect_card b verdict=none
	expect_card c verdict=red_light \
		"verdict_reason=红灯：案件按期办结率；红灯：税收收入完成率25%，落后时序进度25个百分点"
	run score "$SEM/lights.yaml" --period 2023-06 --unit b
	expect_out_has "total 66.25 · blue 0 · yellow 1 · orange 1 · red 0"
	run score "$SEM/lights.yaml" --period 2023-06 --format json --unit b
	expect_out_has '"blue":0,"yellow":1,"orange":1,"red":0,"missing":0'
}

test_the_ranking_follows_the_rules_lights() {
	lights_scored
	run score "$SEM/lights.yaml" --period 2023-06 --ranking --format csv
	expect_out_lines "group,rank,group_size,unit,unit_name,total,blue,yellow,orange,red,missing,verdict,verdict_reason,sample_data
street,1,3,a,甲街道,75.00,2,0,0,0,0,none,,
street,2,3,b,乙街道,66.25,0,1,1,0,0,none,,"
	run score "$SEM/lights.yaml" --period 2023-06
	expect_out_lines "  rank  unit    total  red  verdict
     1  甲街道  75.00    0  none"
	expect_out_has "     3  丙街道  47.50    2  red light"
}

test_reports_show_the_rules_lights_in_order() {
	lights_scored
	run report "$SEM/lights.yaml" --period 2023-06 --format md
	expect_out_has "Lights: ● blue · ▲ yellow · ◆ orange · ■ red · ○ not due"
	run report "$SEM/lights.yaml" --period 2023-06 -o "$T/r.html"
	expect_rc 0
	grep -qF '<span class="l-blue">● blue</span><span class="l-yellow">▲ yellow</span><span class="l-orange">◆ orange</span><span class="l-red">■ red</span>' "$T/r.html" ||
		fail "the HTML legend lists the four lights in order"
	grep -qF '<td class="cell l-orange" title="乙街道 · 案件按期办结率: orange' "$T/r.html" ||
		fail "the matrix cell of 乙街道 / 案件按期办结率 is orange"
	run report "$SEM/lights.yaml" --period 2023-06 --format xlsx -o "$T/r.xlsx"
	expect_rc 0
	xlsx_cells "$T/r.xlsx" ranking >"$T/ranking"
	for cell in F8=s:blue G8=s:yellow H8=s:orange I8=s:red J8=s:verdict H10=n:1 I11=n:2 J11="s:red light"; do
		grep -qxF "$cell" "$T/ranking" || fail "ranking: expected $cell" "$(head -30 "$T/ranking")"
	done
	xlsx_cells "$T/r.xlsx" lights >"$T/lights"
	grep -qxF "C2=s:◆ orange" "$T/lights" || fail "lights: 乙街道 / 案件按期办结率" "$(cat "$T/lights")"
}

# lights.lua with its lights { ... } line replaced by $1.
lights_declared() {
	cp "$SEM/lights.yaml" "$SEM/lights-figures.csv" "$T/"
	sed "s/^lights {.*/$1/" "$SEM/lights.lua" >"$T/lights.lua"
	run check "$T/lights.yaml"
}

test_the_lights_are_names_listed_once() {
	lights_declared 'lights { "blue", "Blue" }'
	expect_rc 1
	expect_err_has "lights.lua:7: lights[2]: 'Blue' is not a light's name: lower-case letters, digits and '_', at most 23 bytes (blue, orange)"
	lights_declared 'lights { "red", "red" }'
	expect_err_has "lights.lua:7: lights[2]: 'red' is listed twice"
	lights_declared 'lights { "blue", "total" }'
	expect_err_has "lights.lua:7: lights[2]: 'total' is a field of the card already: name the light otherwise"
	lights_declared 'lights { "red" }'
	expect_err_has "lights.lua:7: lights { ... } lists 1 lights: from 2 to 8, best first"
}

test_a_light_not_in_the_set_is_an_error() {
	cp "$SEM/lights.yaml" "$SEM/lights-figures.csv" "$T/"
	sed 's/return "blue" elseif/return "purple" elseif/' "$SEM/lights.lua" >"$T/lights.lua"
	run import "$T/lights.yaml" "$T/lights-figures.csv"
	expect_rc 0
	run score "$T/lights.yaml" --period 2023-06
	expect_rc 1
	expect_err_has "the light rule returned 'purple', not \"blue\", \"yellow\", \"orange\" or \"red\""
}

test_three_lights_by_default() {
	run import "$SEM/verdicts.yaml" "$SEM/verdicts-figures.csv"
	expect_rc 0
	run score "$SEM/verdicts.yaml" --period 2023-06 --ranking --format csv
	expect_out_has "group,rank,group_size,unit,unit_name,total,green,yellow,red,missing,verdict,verdict_reason"
}

test_the_cards_lights_are_read_only() {
	cp "$SEM/lights.yaml" "$SEM/lights-figures.csv" "$T/"
	sed 's/^red_light = function(card)/red_light = function(card)\n  card.lights[1] = "green"/' \
		"$SEM/lights.lua" >"$T/lights.lua"
	run import "$T/lights.yaml" "$T/lights-figures.csv"
	expect_rc 0
	run score "$T/lights.yaml" --period 2023-06 --ranking
	expect_rc 1
	expect_err_has "$T/lights.lua:22: card.1: the card is read-only in rules (unit 甲街道)"
}
