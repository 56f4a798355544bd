-- Test rules: points in proportion to completion against the annual
-- target, lights against time progress.
local std = require "std"

weights { default = 10 }
score.default = std.ratio { floor = 0, full = 1, cap = 1 }
light = std.time_progress { yellow = 0, red = 0.10 }
