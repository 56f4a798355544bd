-- std: the standard rule library. Rule files call these instead of writing
-- arithmetic, so that a rule reads like the policy it states.
--
--   local std = require "std"
--   score.default = std.ratio { floor = 0.6, full = 1.0, cap = 1.2 }
--   light = std.time_progress { yellow = 0.0, red = 0.10 }
--
-- Every function here is documented in the README's rule-file reference.

local std = {}

-- The hot rules are written in C (evaluator/host/std_core.c), so that
-- scoring thousands of units stays fast; the functions below that use them
-- say so.
local native = require "std.native"

-- Every rule made here is registered with its options and the line of the
-- rule file that made it (`assay explain` shows the line, `assay check`
-- reads the options). `note` is there only while assay explains: each
-- rule then notes its step with the values it used; otherwise it is nil
-- and costs nothing.
local made, note = native.made, native.note

-- What a step says, in the reader's language: say("done %s", day) formats
-- the catalog's words (po/zh_CN.po) for the message; tr(code) names a
-- light's code (green: 绿灯).
local say, tr = native.say, native.tr

-- Rounds half away from zero at `digits` decimals, on the decimal figure a
-- person sees: std.round(89.125, 2) == 89.13, std.round(1.005, 2) == 1.01.
std.round = native.round

-- A number with at most `digits` decimals and no trailing zeros: 42, 48.3.
local trimmed = native.trimmed

-- A ratio as a percentage: std.pct(0.4833) == "48.3%".
std.pct = native.pct

-- x without its rounding noise (differences of decimals in binary carry
-- it: 16.009999999999998); the number of digits is the host's, one for C
-- and Lua.
local drop_noise = native.drop_noise

-- a >= b as on a calculator: without rounding noise.
function std.at_least(a, b)
  return drop_noise(a - b) >= 0
end

-- The options a rule takes, with their types, are declared in C
-- (evaluator/host/std_core.c), where assay check reads them too.
local function check_options(name, options)
  local allowed = native.options(name)
  if type(options) ~= "table" then
    error(name .. " takes a table of options, e.g. " .. name .. " { ... }", 3)
  end
  for key in pairs(options) do
    if allowed[key] == nil then
      error(name .. ": unknown option '" .. tostring(key) .. "'", 3)
    end
  end
  for key, kind in pairs(allowed) do
    local v = options[key]
    if v ~= nil and type(v) ~= kind then
      error(name .. ": option '" .. key .. "' must be a " .. kind, 3)
    end
  end
end

-- How complete a figure is, by the target's form:
--   at_least, growth, relative: actual ÷ target (lower is better: target ÷
--     actual, and a figure of zero or less counts as twice the target met);
--     a target at or below zero is 1 when met;
--   about: 1 when exactly met, less by the deviation as a share of the
--     target (std.about sets a tolerance);
--   between: 1 inside the band, else the ratio to the nearer end;
--   task: 1 when done, 0 when overdue.
-- Nil when not reported or when the figure compared with is missing.
std.completion = native.completion

-- Completion for "about X" (X左右) within a tolerance in the figure's own
-- measure: std.about { tolerance = 0.5 } counts 5.5 to 6.5 as meeting 6.
function std.about(options)
  options = options or {}
  check_options("std.about", options)
  local tolerance = options.tolerance or 0
  if tolerance < 0 then error("std.about: 'tolerance' must not be negative", 2) end
  return made(function(it)
    if it.actual == nil or it.target == nil then return nil end
    local c = native.about(it.actual, it.target, tolerance)
    if note then
      note("std.about", say("|actual %s − target %s| = %s, tolerance %s → %s",
          trimmed(it.actual, 4), trimmed(it.target, 4), trimmed(math.abs(it.actual - it.target), 4),
          trimmed(tolerance, 4), std.pct(c)),
        "actual", it.actual, "target", it.target, "tolerance", tolerance, "completion", c)
    end
    return c
  end, "std.about", { tolerance = tolerance })
end

-- A figure with its measure: 2.5%, 630亿元.
function std.amount(it, x)
  return trimmed(x, 2) .. (it.measure or "")
end

-- Why an item has no completion: 未报送, or the figure it is compared
-- with is missing (上年同期数未报送 / 比较基准未报送).
std.why_unscored = native.why_unscored

-- What a reason says before the completion, for targets that are not a
-- plain number: "同比增长2.5%（目标8%），", "实际2.5%（目标6%左右），".
std.said = native.said

-- Score a rate by its shortfall in points: the full weight when the target
-- is met, `per_point` less for each point short, never below `floor`.
-- std.gap { per_point = 1 }: growth 5.5% against 8% scores weight − 2.5.
function std.gap(options)
  options = options or {}
  check_options("std.gap", options)
  local per_point, floor = options.per_point or 1, options.floor or 0
  return made(function(it)
    if it.actual == nil or it.target == nil then return 0, std.why_unscored(it) end
    local short = it.target - it.actual
    if it.direction == "lower" or it.form == "at_most" then short = -short end
    short = drop_noise(short)
    local score = it.weight
    if short > 0 then score = math.max(floor, it.weight - per_point * short) end
    if note then
      note("std.gap", short <= 0 and say("not short of the target: the weight %s", trimmed(score, 2))
        or say("short by %s points × %s per point: max(%s, weight %s − %s) = %s",
          trimmed(short, 4), trimmed(per_point, 4), trimmed(floor, 2), trimmed(it.weight, 4),
          trimmed(per_point * short, 4), trimmed(score, 2)),
        "actual", it.actual, "target", it.target, "short", short, "per_point", per_point,
        "floor", floor, "weight", it.weight, "score", score)
    end
    return score
  end, "std.gap", { per_point = per_point, floor = floor })
end

-- A level a plan of several years sets for its last year (到2027年达到70%):
-- before that year a shortfall the light rule calls red is yellow, with the
-- year said; not reported stays red.
-- light.service_employment_share = std.by_end_year(std.time_progress { red = 0.1 })
function std.by_end_year(light)
  if type(light) ~= "function" then
    error("std.by_end_year takes a light rule, e.g. std.by_end_year(std.time_progress {})", 2)
  end
  return made(function(it)
    local color, why = light(it)
    local soften = color == "red" and not it.missing and it.year < it.end_year
    if note then
      note("std.by_end_year", color ~= "red" and say("%s: kept", tr(color))
        or it.missing and say("red, not reported: kept red")
        or soften and say("red in %s, before %s (the plan's last year) → yellow", it.year, it.end_year)
        or say("red in %s, the plan's last year: kept red", it.year),
        "light", color, "year", it.year, "end_year", it.end_year,
        "result", soften and "yellow" or color)
    end
    if soften then
      return "yellow", (why or "") .. "（" .. it.end_year .. "年目标）"
    end
    return color, why
  end, "std.by_end_year")
end

-- Tasks (kind: task). Not yet due, they are not scored at all; the rules
-- see those done (on time or late) and those overdue.
local function task_result(it, late)
  if it.done and it.late_days == 0 then return it.weight, "按期完成（" .. it.done_on .. "）" end
  if it.done then
    return it.weight * late, "逾期完成（逾期" .. it.late_days .. "天）"
  end
  return 0, "逾期未完成（截止" .. it.deadline .. "）"
end

-- std.task { late = 0.5 }: the full weight when done by the deadline,
-- `late` times it when done late, nothing when overdue.
function std.task(options)
  options = options or {}
  check_options("std.task", options)
  local late = options.late or 0.5
  return made(function(it)
    local score, reason = task_result(it, late)
    if note then
      note("std.task", it.done and it.late_days == 0
          and say("done %s, by the deadline %s: the weight %s", it.done_on, it.deadline, trimmed(score, 2))
        or it.done and say("done %s days late: %s × weight %s = %s", it.late_days, trimmed(late, 4),
          trimmed(it.weight, 4), trimmed(score, 2))
        or say("not done by the deadline %s: 0", it.deadline),
        "done_on", it.done_on, "deadline", it.deadline, "late_days", it.late_days,
        "late", late, "weight", it.weight, "score", score)
    end
    return score, reason
  end, "std.task", { late = late, most = math.max(1, late) })
end

-- std.task_light { late = "yellow" }: green when done on time, `late` when
-- done late, red when overdue.
function std.task_light(options)
  options = options or {}
  check_options("std.task_light", options)
  local late = options.late or "yellow"
  if late ~= "green" and late ~= "yellow" and late ~= "red" then
    error("std.task_light: 'late' must be green, yellow or red", 2)
  end
  return made(function(it)
    local _, reason = task_result(it, 0)
    local light = it.done and it.late_days == 0 and "green" or it.done and late or "red"
    if note then
      note("std.task_light", it.done and it.late_days == 0 and say("done on time → %s", tr(light))
        or it.done and say("done late → %s", tr(light)) or say("overdue → %s", tr(light)),
        "light", light)
    end
    return light, reason
  end, "std.task_light", { late = late })
end

-- The card's light of that name; else the light a role of the standard
-- library's stands for (green: the first of the rules' lights, yellow: the
-- second, red: the last); nil when neither.
local function card_light(card, light)
  local lights = card.lights
  for _, name in ipairs(lights) do
    if name == light then return light end
  end
  local place = ({ green = 1, yellow = math.min(2, #lights), red = #lights })[light]
  return place and lights[place]
end

-- What a light is called in a reason: 红灯：, 橙灯：, ...
local light_labels = { red = "红灯：", orange = "橙灯：", yellow = "黄灯：", green = "绿灯：",
                       blue = "蓝灯：" }

-- Every item with the given light (default red: the rules' last) as a
-- reason of its own, in plan order:
-- { "红灯：服务贸易额完成率42%，落后时序进度33个百分点", ... }.
-- A verdict rule may return the list: the scorecard joins it with "；".
function std.light_reasons(card, light)
  local asked = light or "red"
  light = card_light(card, asked)
  if light == nil then error("std.light_reasons: unknown light '" .. tostring(asked) .. "'", 2) end
  local label = light_labels[light] or (light .. "：")
  local reasons = {}
  for _, item in ipairs(card.items) do
    if item.light == light then reasons[#reasons + 1] = label .. item.name .. item.reason end
  end
  return reasons
end

-- "2 red lights", "yes" and "no", as the verdicts' steps say them.
local function red_lights(n)
  return n == 1 and say("%s red light", n) or say("%s red lights", n)
end

local function yes_or_no(yes)
  return yes and say("yes") or say("no")
end

-- The usual verdicts. std.commend { total = 90 }: commended with a total of
-- 90 or more and no red light ("总分90分以上且无红灯"; without a total, "无
-- 红灯"; `reason` says it otherwise). std.red_light { red = 3 }: a red light
-- for 3 or more red items (default 1), each red item a reason of its own.
function std.commend(options)
  options = options or {}
  check_options("std.commend", options)
  local total = options.total
  local reason = options.reason or (total and "总分" .. trimmed(total, 2) .. "分以上且无红灯" or "无红灯")
  return made(function(card)
    local high = total == nil or std.at_least(card.total, total)
    if note then
      note("std.commend", (total and (high and say("total %s ≥ %s, ", trimmed(card.total, 2), trimmed(total, 2))
          or say("total %s < %s, ", trimmed(card.total, 2), trimmed(total, 2))) or "") .. red_lights(card.red)
          .. " → " .. yes_or_no(high and card.red == 0),
        "total", card.total, "at_least", total, "red", card.red)
    end
    return high and card.red == 0, reason
  end, "std.commend", { total = total })
end

function std.red_light(options)
  options = options or {}
  check_options("std.red_light", options)
  local red = options.red or 1
  return made(function(card)
    if note then
      note("std.red_light", red_lights(card.red)
        .. (card.red >= red and say(", at least %s", red) or say(", fewer than %s", red)) .. " → "
        .. yes_or_no(card.red >= red), "red", card.red, "at_least", red)
    end
    return card.red >= red, std.light_reasons(card)
  end, "std.red_light", { red = red })
end

-- Bonus and deduction items (加分项/扣分项), the default rule 'adjust':
-- std.adjustments { bonus = 5, deduction = 10 } adds the bonus points up to
-- 5 and takes the deductions up to 10 off the total (no caps by default).
-- The reason lists every item: "获国务院通报表扬+2；信息报送迟报-1（加分封顶1分）".
function std.adjustments(options)
  options = options or {}
  check_options("std.adjustments", options)
  local bonus_cap, deduction_cap = options.bonus, options.deduction
  return made(function(card)
    local plus, minus, parts = 0, 0, {}
    for _, a in ipairs(card.adjustments) do
      if a.points > 0 then plus = plus + a.points else minus = minus - a.points end
      parts[#parts + 1] = a.reason .. (a.points > 0 and "+" or "") .. trimmed(a.points, 2)
    end
    local reason = table.concat(parts, "；")
    local bonus, deduction = plus, minus
    if bonus_cap and plus > bonus_cap then
      plus = bonus_cap
      reason = reason .. "（加分封顶" .. trimmed(bonus_cap, 2) .. "分）"
    end
    if deduction_cap and minus > deduction_cap then
      minus = deduction_cap
      reason = reason .. "（扣分封顶" .. trimmed(deduction_cap, 2) .. "分）"
    end
    if note then
      local function part(x, capped, cap)
        return capped ~= x and say("%s capped at %s", trimmed(x, 2), trimmed(cap, 2)) or trimmed(x, 2)
      end
      note("std.adjustments", say("bonus %s − deductions %s = %s", part(bonus, plus, bonus_cap),
          part(deduction, minus, deduction_cap), (plus >= minus and "+" or "") .. trimmed(plus - minus, 2)),
        "bonus", bonus, "bonus_cap", bonus_cap, "deduction", deduction,
        "deduction_cap", deduction_cap, "points", plus - minus)
    end
    return plus - minus, reason
  end, "std.adjustments", { bonus = bonus_cap, deduction = deduction_cap })
end

-- The reason a commendation is vetoed (一票否决) when binding indicators
-- fail: the default rule 'veto'.
function std.veto(card, failed)
  local names = {}
  for _, item in ipairs(failed) do names[#names + 1] = item.name end
  return "一票否决：约束性指标" .. table.concat(names, "、") .. "亮红灯"
end

-- The share of the annual target expected by now: time progress for
-- figures that accumulate over the year, the whole target for rates,
-- shares and levels.
function std.expected(it)
  if it.cumulative then return it.progress end
  return 1
end

-- Score by completion ratio: nothing at or below `floor`, the full weight
-- at `full`, linear between, at most `cap` times the weight. With
-- `pace = true` completion is measured against the target prorated by time
-- progress (September: 9/12 of the annual target) instead of the whole
-- annual target.
function std.ratio(options)
  options = options or {}
  check_options("std.ratio", options)
  local floor, full, cap = options.floor or 0.6, options.full or 1.0, options.cap or 1.2
  local pace = options.pace
  if full <= floor then error("std.ratio: 'full' must be above 'floor'", 2) end
  if cap < 0 then error("std.ratio: 'cap' must not be negative", 2) end
  return native.ratio(floor, full, cap, pace)
end

-- Banded thresholds: { {0.9, 1.0}, {0.8, 0.8}, {0.6, 0.5} } gives the full
-- weight from 90% completion, 80% of it from 80%, half from 60%, none below.
function std.bands(bands)
  if type(bands) ~= "table" or #bands == 0 then
    error("std.bands takes a list of {completion, share} pairs", 2)
  end
  for i, band in ipairs(bands) do
    if type(band) ~= "table" or type(band[1]) ~= "number" or type(band[2]) ~= "number" then
      error("std.bands: band " .. i .. " must be {completion, share}", 2)
    end
    if i > 1 and band[1] >= bands[i - 1][1] then
      error("std.bands: bands must go from the highest completion down", 2)
    end
  end
  local most = 0
  for _, band in ipairs(bands) do most = math.max(most, band[2]) end
  return made(function(it)
    local c = it.completion
    if c == nil then return 0, std.why_unscored(it) end
    for _, band in ipairs(bands) do
      if std.at_least(c, band[1]) then
        if note then
          note("std.bands", say("completion %s reaches the band from %s: %s × weight %s = %s",
              std.pct(c), std.pct(band[1]), trimmed(band[2], 4), trimmed(it.weight, 4),
              trimmed(it.weight * band[2], 2)),
            "completion", c, "band", band[1], "share", band[2], "weight", it.weight,
            "score", it.weight * band[2])
        end
        return it.weight * band[2]
      end
    end
    if note then
      note("std.bands", say("completion %s is below every band (the lowest from %s): 0",
        std.pct(c), std.pct(bands[#bands][1])), "completion", c, "score", 0)
    end
    return 0
  end, "std.bands", { most = most })
end

-- Traffic light from completion against time progress (std.expected):
-- green when at most `yellow` behind, yellow when at most `red` behind, red
-- beyond or when not reported. Margins are shares: 0.10 is 10 points.
function std.time_progress(options)
  options = options or {}
  check_options("std.time_progress", options)
  local yellow, red = options.yellow or 0, options.red or 0.10
  if red < yellow then error("std.time_progress: 'red' must not be below 'yellow'", 2) end
  return native.time_progress(yellow, red)
end

-- A unit's total: 100 × its points ÷ the weight of its indicators (0 when
-- they weigh nothing), so that units leading different sets of tasks
-- compare fairly. In C, where the host also works it out without Lua.
function std.weighted_share(card)
  local total = native.weighted_share(card.score, card.weight)
  if note then
    note("std.weighted_share", say("100 × %s points ÷ %s weight = %s", trimmed(card.score, 2),
      trimmed(card.weight, 2), trimmed(total, 2)),
      "score", card.score, "weight", card.weight, "total", total)
  end
  return total
end
made(std.weighted_share, "std.weighted_share")

-- The sum of a unit's points, for plans whose weights add up to the total.
function std.sum(card)
  if note then
    note("std.sum", say("the sum of the points: %s", trimmed(card.score, 2)), "total", card.score)
  end
  return card.score
end
made(std.sum, "std.sum")

-- The names of a unit's indicators with the given light (default red),
-- in plan order, joined with "、".
function std.red_items(card, light)
  light = card_light(card, light or "red")
  local names = {}
  for _, item in ipairs(card.items) do
    if item.light == light then names[#names + 1] = item.name end
  end
  return table.concat(names, "、")
end

return std
