-- Test rules: tasks scored by the standard library's defaults, except the
-- project start, where a late start keeps 80% of the points.
local std = require "std"

weights { default = 10 }
score.default = std.ratio { floor = 0, full = 1, cap = 1 }
light = std.time_progress { yellow = 0, red = 0.10 }
score.project_start = std.task { late = 0.8 }
