-- Test rules: points in proportion to completion, a total that is the sum
-- of the points, lights 10 points behind time progress turn red.
local std = require "std"

weights { investment = 10, trade = 10, points = 100 }
score.default = std.ratio { floor = 0, full = 1, cap = 1 }
light = std.time_progress { yellow = 0, red = 0.10 }
total = std.sum
