-- 长宁区现代服务业发展“十四五”规划主要目标 考核规则
-- 依据:plans/changning-2025.yaml。每年年底考核一次。两项增速每年与比较
-- 基准相比,差1个百分点扣分值的一半;五年累计新增的总部按时序进度计分;
-- 2025年须达到的数量2025年以前不足只亮黄灯。
local std = require "std"

weights {
  modern_services_va_growth = 25,
  modern_services_tax_growth = 25,
  thousand_billion_clusters = 15,
  new_regional_headquarters = 15,
  high_tech_enterprises = 10,
  trillion_scale_leaders = 10,
}

-- 增速:达到基准得满分,每差1个百分点扣12.5分
score.modern_services_va_growth = std.gap { per_point = 12.5, floor = 0 }
score.modern_services_tax_growth = std.gap { per_point = 12.5, floor = 0 }
-- 其余:完成率与时序进度之比60%及以下不得分,达到100%得满分
score.default = std.ratio { floor = 0.6, full = 1.0, cap = 1.0, pace = true }

local by_progress = std.time_progress { yellow = 0.0, red = 0.10 }
light.default = by_progress
light.thousand_billion_clusters = std.by_end_year(by_progress)
light.high_tech_enterprises = std.by_end_year(by_progress)
light.trillion_scale_leaders = std.by_end_year(by_progress)

commend = std.commend { total = 90 }
red_light = std.red_light { red = 1 }
