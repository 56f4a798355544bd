-- 鹿城区“十百千”工程2023–2027年主要目标 考核规则
-- 依据:plans/lucheng-2027.yaml(温鹿政办〔2023〕55号 二、主要目标)。
-- 每年年底考核一次。五年累计的目标按时序进度(年度检查点)计分;“每年”
-- “同比”的目标每年与目标相比;“到2027年”才须达到的水平(创新发展区营收、
-- 税收,从业人员占比)2027年以前不足目标只亮黄灯。
local std = require "std"

weights {                                  -- 分值:规则设定，文件未规定
  high_level_zones = 4, provincial_zones = 4, municipal_zones = 3,   -- 平台
  zones_revenue = 4, zones_tax = 3,
  hundred_billion_leaders = 4, front_runners = 3, model_leaders = 3,  -- 企业
  new_above_scale_firms = 4,
  major_projects = 5, major_projects_investment = 5,                 -- 项目
  strategic_projects = 2, strategic_investment = 2,
  enabling_projects = 2, enabling_investment = 2,
  livelihood_projects = 2, livelihood_investment = 2,
  provincial_major_projects = 4, service_investment_growth = 5,
  service_investment_share = 5,
  top_talents = 4, new_generation_entrepreneurs = 4,                 -- 人才
  skilled_talents = 4, staff_training = 4, service_employment_share = 5,
}

-- 计分线、亮灯界限和评价线:规则设定，文件未规定(`assay params` 列出)
local P = params {
  red_margin = { default = 0.10, min = 0, max = 0.5, about = "落后时序进度超过该值亮红灯（规则设定，文件未规定）" },
  commend_at = { default = 90, min = 0, max = 120, about = "通报表扬的总分线（规则设定，文件未规定）" },
  score_floor = { default = 0.6, min = 0, max = 0.95, about = "完成率与时序进度之比不超过该值不得分（规则设定，文件未规定）" },
  score_cap = { default = 1.2, min = 1, max = 2, about = "超额完成最多得分值的倍数（规则设定，文件未规定）" },
}

-- 服务业投资占全区固定资产投资比重(%)
derive.service_investment_share = function(v)
  if v.fixed_asset_investment <= 0 then return nil end
  return std.round(100 * v.service_investment / v.fixed_asset_investment, 2)
end

-- 得分:按时序进度(年度检查点)计分,完成率与时序进度之比60%及以下不得分,
-- 达到100%得满分,超额最多1.2倍。
score.default = std.ratio { floor = P.score_floor, full = 1.0, cap = P.score_cap, pace = true }

-- 亮灯:不落后时序进度为绿灯,落后不超过10个百分点为黄灯,其余为红灯
local by_progress = std.time_progress { yellow = 0.0, red = P.red_margin }
light.default = by_progress

-- 到2027年才须达到的水平:此前不足目标只亮黄灯(未报送仍为红灯)
light.zones_revenue = std.by_end_year(by_progress)
light.zones_tax = std.by_end_year(by_progress)
light.service_employment_share = std.by_end_year(by_progress)

commend = std.commend { total = P.commend_at }
red_light = std.red_light { red = 1 }
