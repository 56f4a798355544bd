-- What the sample-data generators share: a reproducible random sequence,
-- reading a plan's units and indicators (as text, the way these plans are
-- written), number formatting, and failing loudly.
--
--   package.path = arg[0]:match("^(.-)[^/]*$") .. "?.lua;" .. package.path
--   local sample = require "sample"

local sample = {}

-- Fixed-seed LCG (glibc constants, modulus 2^31). Lua 5.4 integers are 64
-- bits, so the product never overflows. rand() is uniform in [0, 1);
-- jitter(spread) is 1 ± spread.
function sample.rng(seed)
  local state = seed
  local function rand()
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  end
  local function jitter(spread)
    return 1 + spread * (2 * rand() - 1)
  end
  return rand, jitter
end

function sample.fail(program, msg)
  io.stderr:write(program .. ": " .. msg .. "\n")
  os.exit(1)
end

-- x with `decimals` decimals and no trailing zeros.
function sample.fmt(x, decimals)
  local s = ("%." .. decimals .. "f"):format(x)
  if decimals > 0 then s = s:gsub("0+$", ""):gsub("%.$", "") end
  return s
end

function sample.round(x, decimals)
  local m = 10 ^ decimals
  return math.floor(x * m + 0.5) / m
end

-- The target of an indicator as written on its `target:` line: a number,
-- or {form: number, since: year, base: number, checkpoints: {year: number}},
-- or {range: [low, high], ...}.
local function read_target(text, ind)
  local n = tonumber(text)
  if n then
    ind.target, ind.value = n, n
    return
  end
  local body = text:match("^{(.*)}$")
  if not body then return end
  local checkpoints = body:match("checkpoints:%s*{(.-)}")
  body = body:gsub("checkpoints:%s*{.-}", "")
  -- a range's figures are made from its low end, as it is met from there
  local low = body:match("range:%s*%[%s*([%d%.]+)")
  if low then ind.form, ind.value = "range", tonumber(low) end
  body = body:gsub("range:%s*%[.-%]", "")
  for key, v in body:gmatch("([%w_]+):%s*([^,]+)") do
    v = v:gsub("%s+$", "")
    if key == "since" or key == "base" then
      ind[key] = tonumber(v)
    elseif key == "relative_to" then
      ind.form, ind.relative_to = key, v
    elseif key ~= "plus" then
      ind.form, ind.value = key, tonumber(v)
    end
  end
  ind.checkpoints = {}
  for y, v in (checkpoints or ""):gmatch("(%d+):%s*([%d%.]+)") do
    ind.checkpoints[tonumber(y)] = tonumber(v)
  end
end

-- Reads the plan at path. Returns a table: id, year (first), end_year,
-- unit_name[id], unit_order {ids}, indicators[id] and order {ids}. An
-- indicator has id, kind, every, direction, measure, scored, units {ids} (every
-- unit for `units: all`), lead_only (scoring: lead), and from
-- its target: target (a plain number), form, value, since, base,
-- checkpoints[year]; derived when it has inputs.
function sample.read_plan(path, program)
  local f, err = io.open(path, "r")
  if not f then sample.fail(program, err) end
  local plan = { unit_name = {}, unit_order = {}, indicators = {}, order = {} }
  local section, cur
  for line in f:lines() do
    local top, rest = line:match("^(%w+):%s*(.-)%s*$")
    if top then
      section, cur = top, nil
      if top == "id" then plan.id = rest end
      if top == "year" then plan.year, plan.end_year = tonumber(rest), tonumber(rest) end
      local from, to = (top == "years" and rest or ""):match("^(%d+)%-(%d+)$")
      if from then plan.year, plan.end_year = tonumber(from), tonumber(to) end
    end
    local id = line:match("^%s+%- id:%s*([%w_%-]+)")
    if id then
      cur = { id = id, kind = "amount", every = "month", scored = true, form = "at_least" }
      if section == "units" then
        plan.unit_name[id] = true
        plan.unit_order[#plan.unit_order + 1] = id
      end
      if section == "indicators" then
        plan.indicators[id] = cur
        plan.order[#plan.order + 1] = id
      end
    elseif cur and section == "units" then
      local name = line:match("^%s+name:%s*([^%s#]+)")
      if name then plan.unit_name[cur.id] = name end
    elseif cur and section == "indicators" then
      local key, v = line:match("^%s+([%w_]+):%s*(.-)%s*$")
      if key == "target" then
        read_target(v:gsub("%s+#.*$", ""), cur)  -- a comment after the target
      elseif key == "units" and v:match("^all%f[^%w_]") then
        cur.units = table.move(plan.unit_order, 1, #plan.unit_order, 1, {})  -- every unit
      elseif key == "units" then
        cur.units = {}
        for u in v:match("%[(.-)%]"):gmatch("[%w_%-]+") do cur.units[#cur.units + 1] = u end
      elseif key == "scoring" then
        cur.lead_only = v:match("^lead") ~= nil
      elseif key == "kind" or key == "every" or key == "direction" or key == "measure" then
        cur[key] = v
      elseif key == "inputs" then
        cur.derived = true
      elseif key == "scored" then
        cur.scored = v ~= "false"
      end
    end
  end
  f:close()
  return plan
end

return sample
