-- Generates SAMPLE yearly reports for a plan whose figures are reported
-- once a year (every: year), from the plan's own targets.
--
--   lua5.4 plans/data/gen-sample.lua PLAN.yaml OUT.yaml [LAST_YEAR]
--
-- Writes one figure per unit, indicator and year, from the plan's first
-- year to LAST_YEAR (default: its last year), as YAML (period -> unit ->
-- indicator -> {value, note}). Every figure carries the note 样例数据: the
-- targets are real, the figures are not. The output is deterministic (the
-- seed is made from the plan's id), so running it again gives the same
-- file byte for byte.
--
-- How a figure is made from the target of its year (a checkpoint, else the
-- plan's target): amounts and counts land between 80% and 115% of it (a
-- count rounded up or down at random, so small yearly shares add up; for
-- a target counted since a year, of that year's share of it); rates and
-- shares within ±12% of it, and a share never above 100; "about" targets
-- within ±8%. An indicator without a target (an input of a derived one, a
-- reference of a relative target) takes its level from `levels` below.

package.path = arg[0]:match("^(.-)[^/]*$") .. "?.lua;" .. package.path
local sample = require "sample"

local PROGRAM = "gen-sample"
-- Measures of whole things: a level in one of them is a whole number.
local WHOLE = { ["个"] = true, ["家"] = true, ["名"] = true, ["处"] = true, ["条"] = true,
  ["幢"] = true, ["台"] = true, ["户"] = true, ["人"] = true, ["所"] = true }
local NOTE = "样例数据"

-- Figures of indicators without a target, per plan: a first-year level
-- and a yearly growth in %.
local levels = {
  ["lucheng-2027"] = {
    service_investment = { 290, 8.5 },
    fixed_asset_investment = { 420, 6 },
  },
  ["changning-2025"] = {
    gdp_growth_avg = { 5.2, 0 },
    modern_services_va_growth = { 5.6, 0 },
    tax_growth_avg = { 4.5, 0 },
    modern_services_tax_growth = { 5.6, 0 },
  },
}

local plan_path, out_path = arg[1], arg[2]
if not plan_path or not out_path then
  io.stderr:write("usage: lua5.4 gen-sample.lua PLAN.yaml OUT.yaml [LAST_YEAR]\n")
  os.exit(2)
end
local plan = sample.read_plan(plan_path, PROGRAM)
if not plan.id or not plan.year then sample.fail(PROGRAM, plan_path .. ": no id or year") end
local last = tonumber(arg[3] or plan.end_year)
if last < plan.year or last > plan.end_year then
  sample.fail(PROGRAM, ("last year %d is outside the plan's years %d-%d"):format(
    last, plan.year, plan.end_year))
end

local seed = 0
for c in plan.id:gmatch(".") do seed = (seed * 31 + c:byte()) % 2147483648 end
local rand = sample.rng(seed)
-- Tasks draw from a sequence of their own, so that adding a milestone to a
-- plan leaves the figures of its other indicators as they were.
local task_rand = sample.rng((seed + 1) % 2147483648)
local function between(lo, hi) return lo + (hi - lo) * rand() end

-- The cumulative target expected by the end of year y for a target
-- counted since a year: the base before the plan, the checkpoints, the
-- final value at the plan's end, straight lines in between.
local function expected_by(ind, y)
  local from, to = plan.year - 1, plan.end_year
  local at = { [from] = ind.base or 0, [to] = ind.value }
  for cy, v in pairs(ind.checkpoints) do at[cy] = v end
  if at[y] then return at[y] end
  local lo, hi = y, y
  while not at[lo] do lo = lo - 1 end
  while not at[hi] do hi = hi + 1 end
  return at[lo] + (at[hi] - at[lo]) * (y - lo) / (hi - lo)
end

local function year_target(ind, y)
  if ind.since then return expected_by(ind, y) - expected_by(ind, y - 1) end
  return ind.checkpoints and ind.checkpoints[y] or ind.value
end

-- One indicator's figure for year y.
local function figure(ind, y)
  local known = (levels[plan.id] or {})[ind.id]
  if known then
    return sample.fmt(known[1] * (1 + known[2] / 100) ^ (y - plan.year) * between(0.97, 1.03), 2)
  end
  if ind.kind == "task" then
    return task_rand() < 0.8 and ("%d-%02d-15"):format(y, 6 + math.floor(task_rand() * 6)) or "推进中"
  end
  local t = year_target(ind, y)
  if not t then
    sample.fail(PROGRAM, ("indicator '%s' has no number to make a figure from: add it to "
      .. "`levels`"):format(ind.id))
  end
  local whole = ind.kind == "count" or (ind.kind == "level" and WHOLE[ind.measure])
  if ind.form == "about" then
    return sample.fmt(whole and math.floor(t * between(0.92, 1.08) + 0.5) or t * between(0.92, 1.08), 2)
  end
  -- whole things: rounded at random, so that a third of one a year adds up
  if whole then return sample.fmt(math.floor(t * between(0.8, 1.15) + rand()), 0) end
  if ind.kind == "amount" then return sample.fmt(t * between(0.8, 1.15), 2) end
  local x = t * between(0.88, 1.12)
  if ind.kind == "share" and x > 100 then x = 100 - between(0, 1) end
  return sample.fmt(x, 2)
end

local out = { ("# SAMPLE DATA for %s, made by plans/data/gen-sample.lua: not a real report."):
  format(plan_path:match("[^/]*/[^/]*$") or plan_path),
  "# The targets in the plan are real; every figure here is invented (样例数据)." }
for y = plan.year, last do
  out[#out + 1] = ("%d:"):format(y)
  for _, u in ipairs(plan.unit_order) do
    local rows = {}
    for _, id in ipairs(plan.order) do
      local ind = plan.indicators[id]
      for _, iu in ipairs(ind.units or {}) do
        if iu == u and not ind.derived then
          rows[#rows + 1] = ("    %s: {value: %s, note: %s}"):format(id, figure(ind, y), NOTE)
        end
      end
    end
    if #rows > 0 then
      out[#out + 1] = ("  %s:"):format(plan.unit_name[u])
      for _, r in ipairs(rows) do out[#out + 1] = r end
    end
  end
end
local f, err = io.open(out_path, "w")
if not f then sample.fail(PROGRAM, err) end
f:write(table.concat(out, "\n"), "\n")
f:close()
print(("%s: %d years"):format(out_path, last - plan.year + 1))
