-- 长宁区现代服务业发展“十四五”规划主要目标 考核规则
-- 依据:plans/changning-2025.yaml。每年年底考核一次。两项增速每年与比较
-- 基准相比,差1个百分点扣分值的一半;五年累计新增的总部按时序进度计分;
-- 2025年须达到的数量2025年以前不足只亮黄灯。
local std = require "std"

weights {                                  -- 分值:规则设定，文件未规定
  modern_services_va_growth = 20, modern_services_tax_growth = 20,
  thousand_billion_clusters = 12, new_regional_headquarters = 12,
  high_tech_enterprises = 9, trillion_scale_leaders = 9,
  digital_rmb_pilot = 2, rehab_aids_rental_pilot = 2, foreign_children_school = 2,  -- 里程碑各2分
  international_arbitration_center = 2, instant_tax_refund_pilot = 2, building_data_coverage = 2,
  industry_guidance_catalogue = 2, project_industry_map = 2, international_talent_pilot = 2,
}

-- 分值、计分线、亮灯界限和评价线:规则设定，文件未规定(`assay params` 列出)
local P = params {
  gap_per_point = { default = 10, min = 0, max = 20, about = "增速每比基准低1个百分点扣的分数（规则设定，文件未规定）" },
  score_floor = { default = 0.6, min = 0, max = 0.95, about = "完成率与时序进度之比不超过该值不得分（规则设定，文件未规定）" },
  red_margin = { default = 0.1, min = 0, max = 0.5, about = "落后时序进度超过该值亮红灯（规则设定，文件未规定）" },
  commend_at = { default = 90, min = 0, max = 100, about = "通报表扬的总分线（规则设定，文件未规定）" },
}

-- 增速:达到基准得满分,每差1个百分点扣10分(分值的一半)
score.modern_services_va_growth = std.gap { per_point = P.gap_per_point, floor = 0 }
score.modern_services_tax_growth = std.gap { per_point = P.gap_per_point, floor = 0 }
-- 其余:完成率与时序进度之比60%及以下不得分,达到100%得满分
score.default = std.ratio { floor = P.score_floor, full = 1.0, cap = 1.0, pace = true }

local by_progress = std.time_progress { yellow = 0.0, red = P.red_margin }
light.default = by_progress
light.thousand_billion_clusters = std.by_end_year(by_progress)
light.high_tech_enterprises = std.by_end_year(by_progress)
light.trillion_scale_leaders = std.by_end_year(by_progress)

commend = std.commend { total = P.commend_at }
red_light = std.red_light { red = 1 }
