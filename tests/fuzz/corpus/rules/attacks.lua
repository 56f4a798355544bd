local std = require "std"
weights { default = 2 }
local Shape = {}
Shape.__index = Shape
function Shape.area(s) return s.w * s.h end
local unit, calls = setmetatable({w = 2, h = 3}, Shape), 0
local tries = {
  function() rawset(math, "floor", nil) end, function() std.pct = nil end,
  function() unit.w = 100 end, function() getmetatable(unit).area = nil end,
  function() rawset(_G, "leak", 1) end, function() calls = calls + 1 end,
  function() it_kept = it end, function() setmetatable(string, nil) end,
}
score.default = function(it)
  for _, f in ipairs(tries) do pcall(f) end
  return unit:area() + calls + (rawget(_G, "leak") or 0), std.pct(it.completion or 0)
end
total = function(card) card.total = 0 return card.score end
