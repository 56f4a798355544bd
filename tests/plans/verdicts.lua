-- Test rules: commendation from 80 points, red light for two red lights or
-- fewer than 50 points, with every reason.
local std = require "std"

weights { default = 10 }

derive.service_share = function(v)
  return 100 * v.service_investment / v.fixed_investment
end

score.default = std.ratio { floor = 0, full = 1, cap = 1 }
light = std.time_progress { yellow = 0, red = 0.10 }

commend = function(card)
  return card.total >= 80, "总分80分以上"
end

red_light = function(card)
  local reasons = std.light_reasons(card)
  if card.total < 50 then reasons[#reasons + 1] = "总分不足50分" end
  return card.red >= 2 or card.total < 50, reasons
end
