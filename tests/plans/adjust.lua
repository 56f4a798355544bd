-- Test rules: points in proportion to completion, bonus items up to 3
-- points, deductions up to 5.
local std = require "std"

weights { default = 10 }
score.default = std.ratio { floor = 0, full = 1, cap = 1 }
light = std.time_progress { yellow = 0, red = 0.10 }
adjust = std.adjustments { bonus = 3, deduction = 5 }
