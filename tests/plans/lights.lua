-- Test rules: four lights, best first. Cases by how far they fall short:
-- 蓝 all closed on time, 黄 from 90%, 橙 from 80%, 红 below; revenue by
-- time progress, whose green, yellow and red stand for the first, the
-- second and the last light.
local std = require "std"

lights { "blue", "yellow", "orange", "red" }
weights { default = 10 }

score.default = std.ratio { floor = 0, full = 1, cap = 1 }
light.revenue = std.time_progress { yellow = 0, red = 0.10 }
light.cases = function(it)
  local c = it.completion
  if c == nil then return "red", std.why_unscored(it) end
  if c >= 1 then return "blue" elseif c >= 0.9 then return "yellow"
  elseif c >= 0.8 then return "orange" end
  return "red"
end

commend = std.commend { total = 90 }
red_light = function(card)
  return card.red >= 1 or card.orange >= 2, std.light_reasons(card)
end
