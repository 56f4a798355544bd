weights { default = 1 }
local function deep(n) return n == 0 and 0 or 1 + deep(n - 1) end
score.default = function(it)
  local ok = {pcall(string.rep, "ab", 1 << 30), pcall(table.move, {}, 0, math.maxinteger, 1)}
  pcall(table.concat, {"a"}, ",", 1, 1e9)
  if it.unit == "commerce" then error(nil) end
  if it.unit == "science" then error(setmetatable({}, {__tostring = error})) end
  if it.unit == "finance" then return deep(1e6) end
  if it.indicator == "energy" then return 0, ("z"):rep(5000) end
  local s = "x" while #s < 1e7 do s = s .. s end
  return 1
end
light = function(it) while true do end end
