-- Test rules: points in proportion to completion (no more than the weight),
-- "about" within half a point, lights against time progress.
local std = require "std"

weights { default = 10 }
completion.gdp_growth = std.about { tolerance = 0.5 }
score.default = std.ratio { floor = 0, full = 1, cap = 1 }
light = std.time_progress { yellow = 0, red = 0.10 }
