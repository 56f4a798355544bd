-- std: the standard rule library. Rule files call these instead of writing
-- arithmetic, so that a rule reads like the policy it states.
--
--   local std = require "std"
--   score.default = std.ratio { floor = 0.6, full = 1.0, cap = 1.2 }
--   light = std.time_progress { yellow = 0.0, red = 0.10 }
--
-- Every function here is documented in the README's rule-file reference.

local std = {}

local NOT_REPORTED = "未报送"

-- Rounds half away from zero at `digits` decimals, on the decimal figure a
-- person sees: std.round(89.125, 2) == 89.13, std.round(1.005, 2) == 1.01.
function std.round(x, digits)
  local scale = 10 ^ (digits or 0)
  local y = tonumber(string.format("%.15g", x * scale))
  if y >= 0 then
    return math.floor(y + 0.5) / scale
  end
  return -math.floor(-y + 0.5) / scale
end

-- A number with at most `digits` decimals and no trailing zeros: 42, 48.3.
local function trimmed(x, digits)
  local s = string.format("%." .. digits .. "f", std.round(x, digits))
  s = s:gsub("%.?0+$", "")
  if s == "-0" then s = "0" end
  return s
end

-- A ratio as a percentage: std.pct(0.4833) == "48.3%".
function std.pct(x)
  return trimmed(x * 100, 1) .. "%"
end

-- a >= b as on a calculator: differences below 1e-9 are rounding noise.
function std.at_least(a, b)
  return std.round(a - b, 9) >= 0
end

local function check_options(name, options, allowed)
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

-- How complete a figure is: actual ÷ target, or target ÷ actual when lower
-- is better. Nil when not reported. A zero target is met by any figure on
-- the right side of it; a lower-is-better figure of zero or less counts as
-- twice the target met.
function std.completion(it)
  local actual, target = it.actual, it.target
  if actual == nil then return nil end
  if it.direction == "lower" then
    if actual <= 0 then return 2 end
    return target / actual
  end
  if target == 0 then
    return actual >= 0 and 1 or 0
  end
  return actual / target
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
  check_options("std.ratio", options,
    { floor = "number", full = "number", cap = "number", pace = "boolean" })
  local floor, full, cap = options.floor or 0.6, options.full or 1.0, options.cap or 1.2
  local pace = options.pace
  if full <= floor then error("std.ratio: 'full' must be above 'floor'", 2) end
  if cap < 0 then error("std.ratio: 'cap' must not be negative", 2) end
  return function(it)
    local c = it.completion
    if c == nil then return 0, NOT_REPORTED end
    if pace then c = c / std.expected(it) end
    local share = (c - floor) / (full - floor)
    if share < 0 then share = 0 elseif share > cap then share = cap end
    return it.weight * share
  end
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
  return function(it)
    local c = it.completion
    if c == nil then return 0, NOT_REPORTED end
    for _, band in ipairs(bands) do
      if std.at_least(c, band[1]) then return it.weight * band[2] end
    end
    return 0
  end
end

-- Traffic light from completion against time progress (std.expected):
-- green when at most `yellow` behind, yellow when at most `red` behind, red
-- beyond or when not reported. Margins are shares: 0.10 is 10 points.
function std.time_progress(options)
  options = options or {}
  check_options("std.time_progress", options, { yellow = "number", red = "number" })
  local yellow, red = options.yellow or 0, options.red or 0.10
  if red < yellow then error("std.time_progress: 'red' must not be below 'yellow'", 2) end
  return function(it)
    local c = it.completion
    if c == nil then return "red", NOT_REPORTED end
    local behind = std.round(std.expected(it) - c, 9)
    local said = "完成率" .. std.pct(c)
    local against = it.cumulative and "时序进度" or "目标"
    if behind <= 0 then
      if behind == 0 then return "green", said .. "，与" .. against .. "持平" end
      if not it.cumulative then return "green", said .. "，达到目标" end
      return "green", said .. "，超过时序进度" .. trimmed(-behind * 100, 1) .. "个百分点"
    end
    said = said .. "，落后" .. against .. trimmed(behind * 100, 1) .. "个百分点"
    if behind <= yellow then return "green", said end
    if behind <= red then return "yellow", said end
    return "red", said
  end
end

-- A unit's total: 100 × its points ÷ the weight of its indicators, so that
-- units leading different sets of tasks compare fairly.
function std.weighted_share(card)
  if card.weight == 0 then return 0 end
  return 100 * card.score / card.weight
end

-- The sum of a unit's points, for plans whose weights add up to the total.
function std.sum(card)
  return card.score
end

-- The names of a unit's indicators with the given light (default red),
-- in plan order, joined with "、".
function std.red_items(card, light)
  light = light or "red"
  local names = {}
  for _, item in ipairs(card.items) do
    if item.light == light then names[#names + 1] = item.name end
  end
  return table.concat(names, "、")
end

return std
