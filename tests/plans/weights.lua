-- Test rules: the weights the plan does not set per unit; a total is the
-- sum of the points.
local std = require "std"

weights { investment = 10, projects = 8 }
score.default = std.ratio { floor = 0, full = 1, cap = 1 }
light = std.time_progress { yellow = 0, red = 0.10 }
total = std.sum
