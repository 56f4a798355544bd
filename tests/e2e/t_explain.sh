# assay explain: how a unit's scores, total, rank and verdict came about,
# with every step of the standard library and its intermediate values.

test_explain_traces_an_item_to_its_rule_lines() {
	plan=$(mini_plan)
	run import "$plan" "$FIX/mini-2023-06.csv"
	expect_rc 0
	run explain "$plan" --period 2023-06 --unit 区商务局 --indicator stores
	expect_rc 0
	# the mini rules are scored in C by `score`; explain runs them through
	# the rules, which note each step
	[ "$(cat "$T/out")" = "区商务局 (commerce) · 区级部门 · 2023-06

品牌首店 (stores)
  figure      5 家
  target      10 (at_least)
  weight      5
  progress    50.0% of the target expected by the figure's month
  completion  50.0%  ← the standard library's default completion rule
              std.completion: actual 5 ÷ target 10 → 50%
  score       0.00  ← score.default at $T/mini.lua:5
              std.ratio: weight 5 × clamp((50% − 60%) ÷ (100% − 60%), 0, 1.2) = 5 × 0 = 0.00
  light       green: 完成率50%，与时序进度持平  ← light, one rule for all indicators
              std.time_progress ($T/mini.lua:6): expected 50% − completion 50% = 0 points behind: within the yellow margin 0 → green" ] ||
		fail "unexpected trace:" "$(cat "$T/out")"
}

test_explain_scores_against_time_progress_step_by_step() {
	import_sample
	run explain "$PLAN" --period 2023-09 --unit 区发改局 --indicator major_projects_investment
	expect_rc 0
	# 超9.9亿元 (more than 9.9): 7.35 of 9.9 is 74.2%, 99.0% of the 75% expected by September:
	# (0.990 − 0.6) ÷ 0.4 = 0.9747 of 10 points; 0.8 points behind is yellow
	expect_out_has "              std.completion: actual 7.35 ÷ target 9.9, not more than the target: at most 99.9% → 74.2%"
	expect_out_has "  score       9.75  ← score.default at $ROOT/rules/lucheng-2023.lua:$(line_of "$ROOT/rules/lucheng-2023.lua" '^score\.default =')"
	expect_out_has "              std.ratio: completion 74.2% ÷ expected 75% = 99%; weight 10 × clamp((99% − 60%) ÷ (100% − 60%), 0, 1.2) = 10 × 0.9747 = 9.75"
	expect_out_has "              std.time_progress: expected 75% − completion 74.2% = 0.8 points behind: over the yellow margin 0, within the red margin 10 → yellow"
	# the same score as `score` gives without the trace
	score_csv "$PLAN" 2023-09 --unit 区发改局
	expect_item drc major_projects_investment score=9.75 light=yellow
}

test_explain_shows_library_rules_made_on_other_lines() {
	local plan="$ROOT/plans/changning-2025.yaml" rules="$ROOT/rules/changning-2025.lua"
	run import "$plan" "$DATA/changning-2025.yaml"
	run explain "$plan" --period 2024 --unit 长宁区 --indicator high_tech_enterprises
	expect_rc 0
	# light.high_tech_enterprises = std.by_end_year(by_progress), where
	# by_progress = std.time_progress { ... } two lines above
	expect_out_has "  light       yellow: 完成率86.3%，落后目标13.7个百分点（2025年目标）  ← light.high_tech_enterprises at $rules:64"
	expect_out_has "              std.time_progress ($rules:61): expected 100% − completion 86.3% = 13.7 points behind: over the red margin 10 → red"
	expect_out_has "              std.by_end_year: red in 2024, before 2025 (the plan's last year) → yellow"
}

test_explain_shows_the_real_figures_against_about_and_gap() {
	local plan="$ROOT/plans/xuhui-2020.yaml"
	run import "$plan" "$DATA/xuhui-2020.yaml"
	run explain "$plan" --period 2020 --unit 徐汇区 --indicator gdp_growth
	expect_rc 0
	# 增长2.5% against 6%左右 within 0.5: 1 − (3.5 − 0.5) ÷ 6 = 50%
	expect_out_has "              std.about: |actual 2.5 − target 6| = 3.5, tolerance 0.5 → 50%"
	expect_out_has "              std.ratio: weight 10 × clamp((50% − 0%) ÷ (100% − 0%), 0, 1) = 10 × 0.5 = 5.00"
	plan="$ROOT/plans/xuhui-2021.yaml"
	run import "$plan" "$DATA/xuhui-2021.yaml"
	run explain "$plan" --period 2021 --unit 徐汇区 --indicator direct_election_share
	expect_rc 0
	expect_out_has "std.gap: "
	run explain "$plan" --period 2021 --unit 徐汇区
	expect_out_has "              std.gap: short by 0.15 points × 2 per point: max(0, weight 10 − 0.3) = 9.7"
}

test_explain_tasks_step_by_step() {
	run import "$SEM/tasks.yaml" "$SEM/tasks-figures.yaml"
	run explain "$SEM/tasks.yaml" --period 2023-12 --unit 区发改局
	expect_rc 0
	# done 12 days after 2023-09-30, scored with std.task { late = 0.8 }
	expect_out_has "              std.task: done 12 days late: 0.8 × weight 10 = 8"
	expect_out_has "              std.task_light: done late → yellow"
	expect_out_has "              std.task: done 2023-06-20, by the deadline 2023-06-30: the weight 10"
	run explain "$SEM/tasks.yaml" --period 2023-12 --unit econ --indicator project_start
	expect_out_has "              std.task: not done by the deadline 2023-09-30: 0"
	expect_out_has "              std.task_light: overdue → red"
}

test_explain_follows_the_total_rank_and_verdict() {
	plan=$(mini_plan)
	run import "$plan" "$FIX/mini-2023-06.csv"
	run explain "$plan" --period 2023-06 --unit wuma
	expect_rc 0
	expect_out_lines "  total       40.00 from 6.00 points of 15.00 weight over 3 scored indicators  ← total (the standard library's default)
              std.weighted_share: 100 × 6 points ÷ 15 weight = 40"
	expect_out_has "  rank        1 of 1 in 街镇, by totals rounded to 2 decimals"
	expect_out_lines "  verdict     red_light: 红灯：品牌首店  ← red_light at $T/mini.lua:14
              red_light at $T/mini.lua:14: yes (红灯：品牌首店)
              commend at $T/mini.lua:10: no"
	run explain "$plan" --period 2023-06 --unit 区商务局
	expect_out_has "  rank        3 of 3 in 区级部门, by totals rounded to 2 decimals: 2 units above, the nearest 区科技局, 区财政局 at 100.00"
	run explain "$plan" --period 2023-06 --unit 区财政局
	expect_out_has "  rank        1 of 3 in 区级部门, by totals rounded to 2 decimals: level with 区科技局"
}

# explain scores the unit's peer group only, its peers without their
# reasons until a rule reads them: the rank and verdict it shows must be
# those of scoring every unit, here with a peer's verdict rule failing (so
# the group is ranked without it) and a verdict reading card.items' reasons
test_explain_ranks_and_judges_as_scoring_every_unit_does() {
	plan=$(mini_plan)
	cat >>"$T/mini.lua" <<'LUA'
red_light = function(card)
  if card.unit == "science" then error("no verdict for science") end
  local behind = {}
  for _, it in ipairs(card.items) do
    if it.reason:find("落后") then behind[#behind + 1] = it.name .. "（" .. it.reason .. "）" end
  end
  return #behind >= 1, "落后时序进度：" .. table.concat(behind, "、")
end
LUA
	run import "$plan" "$FIX/mini-2023-06.csv"
	run score "$plan" --period 2023-06 --format csv
	expect_rc 1
	# unit, rank, group size, verdict, its reason
	[ "$(awk -F, '$2 == "commerce" || $2 == "wuma" { print $2, $16, $17, $18, $19 }' "$T/out" | uniq)" = \
	  "commerce 2 2 none 
wuma 1 1 red_light 落后时序进度：品牌首店（完成率30%，落后时序进度20个百分点）" ] ||
		fail "unexpected scores:" "$(cat "$T/out")"
	run explain "$plan" --period 2023-06 --unit commerce
	expect_rc 0
	expect_out_has "  rank        2 of 2 in 区级部门, by totals rounded to 2 decimals: 1 unit above, the nearest 区财政局 at 100.00"
	run explain "$plan" --period 2023-06 --unit wuma
	expect_rc 0
	expect_out_has "  light       red: 完成率30%，落后时序进度20个百分点  ← light, one rule for all indicators"
	expect_out_has "  verdict     red_light: 落后时序进度：品牌首店（完成率30%，落后时序进度20个百分点）"
}

test_explain_says_which_verdict_wins() {
	plan=$(mini_plan)
	sed -i 's/card.total >= 90 and card.red == 0/card.total >= 30/' "$T/mini.lua"
	run import "$plan" "$FIX/mini-2023-06.csv"
	run explain "$plan" --period 2023-06 --unit wuma
	expect_out_lines "              commend at $T/mini.lua:10: yes (总分90分以上且无红灯)
              a red light comes before a commendation"
	# 乙局 is commended on its total, but its binding indicator is red
	run import "$SEM/verdicts.yaml" "$SEM/verdicts-figures.csv"
	run explain "$SEM/verdicts.yaml" --period 2023-06 --unit b
	expect_out_lines "  verdict     none (一票否决：约束性指标单位能耗亮红灯)  ← commend at $SEM/verdicts.lua:16
              red_light at $SEM/verdicts.lua:22: no
              commend at $SEM/verdicts.lua:16: yes (总分80分以上)
              veto (the standard library's default): 一票否决：约束性指标单位能耗亮红灯
              a binding indicator is red: the commendation is vetoed"
}

test_explain_library_verdicts_and_adjustments() {
	local plan="$ROOT/plans/changning-2025.yaml" rules="$ROOT/rules/changning-2025.lua"
	run import "$plan" "$DATA/changning-2025.yaml"
	run explain "$plan" --period 2024 --unit 长宁区
	expect_out_has "              std.red_light: 1 red light, at least 1 → yes"
	expect_out_has "              std.commend ($rules:67): total 91.05 ≥ 90, 1 red light → no"
	run import "$SEM/adjust.yaml" "$SEM/adjust-figures.yaml"
	run explain "$SEM/adjust.yaml" --period 2023-06 --unit c
	# a bonus of 4 with std.adjustments { bonus = 3 }
	expect_out_lines "  adjustment  +3.00 → 53.00  ← adjust at $SEM/adjust.lua:8
              std.adjustments: bonus 4 capped at 3 − deductions 0 = +3"
	expect_out_has "  verdict     none  ← commend: the rules set none"
}

test_explain_json_has_the_same_trace() {
	plan=$(mini_plan)
	run import "$plan" "$FIX/mini-2023-06.csv"
	run explain "$plan" --period 2023-06 --unit wuma --format json
	expect_rc 0
	python3 - "$T/out" "$T/mini.lua" <<'PY' || fail "unexpected JSON:" "$(head -c 1500 "$T/out")"
import json, sys
d = json.load(open(sys.argv[1]))
rules = sys.argv[2]
assert d["schema"] == "assay.explain/1" and d["period"] == "2023-06", d["schema"]
u = d["unit"]
assert (u["unit"], u["total"], u["rank"], u["verdict"]) == ("wuma", 40, 1, "red_light"), u
t = u["trace"]
assert t["total"]["rule"] == "total" and t["total"]["default"] is True
step = t["total"]["steps"][0]
assert step["function"] == "std.weighted_share" and step["values"] == {"score": 6, "weight": 15, "total": 40}, step
assert (t["points"], t["weight"], t["scored"]) == (6, 15, 3)
assert t["rank"]["above"] == 0 and t["rank"]["next"] == []
v = t["verdict"]
assert v["red_light"]["at"] == rules + ":14"
answer = v["red_light"]["steps"][-1]
assert answer["values"] == {"answer": True, "reason": "红灯：品牌首店"}, answer
assert v["commend"]["steps"][-1]["values"] == {"answer": False}
stores = d["items"][0]
assert (stores["indicator"], stores["score"], stores["light"]) == ("stores", 0, "red")
score = stores["trace"]["score"]
assert (score["rule"], score["at"]) == ("score.default", rules + ":5"), score
ratio = score["steps"][0]
assert ratio["function"] == "std.ratio" and ratio["made_at"] == rules + ":5"
assert ratio["values"] == {"completion": 0.3, "against": 0.3, "floor": 0.6, "full": 1,
                           "cap": 1.2, "share": 0, "weight": 5, "score": 0}, ratio["values"]
light = stores["trace"]["light"]["steps"][0]
assert light["values"]["light"] == "red" and abs(light["values"]["behind"] - 0.2) < 1e-9, light
assert light["text"] == "expected 50% − completion 30% = 20 points behind: over the red margin 10 → red"
assert stores["trace"]["completion"]["steps"][0]["text"] == "actual 3 ÷ target 10 → 30%"
PY
	# every unit of the Lucheng plan, tasks and not-due items among them
	import_sample
	for unit in 区发改局 区委宣传部 区金融办; do
		run explain "$PLAN" --period 2023-09 --unit "$unit" --format json
		expect_rc 0
		python3 -c 'import json,sys; json.load(sys.stdin)' <"$T/out" || fail "$unit: not JSON"
	done
}

test_explain_says_why_an_item_is_not_scored() {
	run import "$SEM/tasks.yaml" "$SEM/tasks-figures.yaml"
	run explain "$SEM/tasks.yaml" --period 2023-07 --unit econ
	expect_rc 0
	expect_out_has "  figure      in progress · not due yet · deadline 2023-09-30 · note: 已完成立项"
	expect_out_has "  status      not due yet: not scored, no light"
	expect_out_has "  status      supporting: the lead unit is scored"
}

test_explain_errors() {
	import_mini_june
	run explain "$FIX/mini.yaml" --period 2023-06
	expect_rc 2
	expect_err_has "--unit is required"
	run explain "$FIX/mini.yaml" --period 2023-06 --unit wuma --format xml
	expect_rc 2
	expect_err_has "unknown format 'xml' (table or json)"
	run explain "$FIX/mini.yaml" --period 2023-06 --unit finance --indicator stores
	expect_rc 1
	expect_err "assay: unit '区财政局' is not responsible for indicator 'stores'"
}

test_explain_shows_a_failing_rule() {
	plan=$(mini_plan)
	echo 'total = function(card) return card.score + nil end' >>"$T/mini.lua"
	run import "$plan" "$FIX/mini-2023-06.csv"
	run explain "$plan" --period 2023-06 --unit wuma
	expect_rc 1
	expect_err "assay: a rule failed; the explanation shows where"
	expect_out_lines "  total       not scored: a rule failed
  error       $T/mini.lua:15: attempt to perform arithmetic on a nil value (unit 五马街道)"
	run explain "$plan" --period 2023-06 --unit wuma --format json
	expect_rc 1
	python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["unit"]["trace"] is None and d["unit"]["error"].endswith("(unit 五马街道)")' <"$T/out" ||
		fail "unexpected JSON:" "$(head -c 600 "$T/out")"
}

test_explain_fails_only_for_what_it_explains() {
	plan=$(mini_plan)
	echo 'score.trade = function(it) return it.actual + nil end' >>"$T/mini.lua"
	run import "$plan" "$FIX/mini-2023-06.csv"
	run explain "$plan" --period 2023-06 --unit commerce --indicator trade
	expect_rc 1
	expect_err "assay: a rule failed; the explanation shows where"
	run explain "$plan" --period 2023-06 --unit commerce --indicator stores
	expect_rc 0
	expect_err ""
}
