-- Test rules: a total is the sum of the points; 90 points and no red light
-- are commended, fewer than 60 points are a red light.
local std = require "std"

weights { output = 100, small = 5, association = 10, demo_zone = 10 }
score.default = std.ratio { floor = 0, full = 1, cap = 1 }
score.small = std.ratio { floor = 0.6, full = 1, cap = 1.2 }
light = std.time_progress { yellow = 0.2, red = 0.5 }
total = std.sum

commend = function(card)
  return card.total >= 90 and card.red == 0, "总分90分以上且无红灯"
end

red_light = function(card)
  return card.total < 60, "总分不足60分"
end
