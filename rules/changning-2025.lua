-- 长宁区现代服务业发展“十四五”规划主要目标 考核规则
-- 依据:plans/changning-2025.yaml。每年年底考核一次。两项增速每年与比较
-- 基准相比(增加值须严格高于基准,税收高出1个百分点左右),差1个百分点扣
-- 分值的一半;五年累计新增的总部按时序进度计分;
-- 2025年须达到的数量2025年以前不足只亮黄灯。
local std = require "std"

weights {                                  -- 分值:规则设定，文件未规定
  modern_services_va_growth = 16, modern_services_tax_growth = 16,
  thousand_billion_clusters = 12, new_regional_headquarters = 12,
  high_tech_enterprises = 10, trillion_scale_leaders = 9,
  default = 1,                             -- 其余25项里程碑(任务)各1分
}

-- 分值、计分线、亮灯界限和评价线:规则设定，文件未规定(`assay params` 列出)
local P = params {
  gap_per_point = { default = 8, min = 0, max = 16, about = "增速每比基准低1个百分点扣的分数（规则设定，文件未规定）" },
  about_margin = { default = 0.2, min = 0, max = 1, about = "“高于全区税收年均增速1个百分点左右”:差额比1个百分点少不超过该值(百分点)仍为达到（规则设定，文件未规定）" },
  score_floor = { default = 0.6, min = 0, max = 0.95, about = "完成率与时序进度之比不超过该值不得分（规则设定，文件未规定）" },
  red_margin = { default = 0.1, min = 0, max = 0.5, about = "落后时序进度超过该值亮红灯（规则设定，文件未规定）" },
  commend_at = { default = 90, min = 0, max = 100, about = "通报表扬的总分线（规则设定，文件未规定）" },
}

-- 增速:达到基准得满分,每差1个百分点扣8分(分值的一半)
local gap = std.gap { per_point = P.gap_per_point, floor = 0 }

-- “高于全区生产总值年均增速”:严格高于。与基准相等不算达到:完成率和得分
-- 至多99.9%(同“超过X”的 more_than),亮黄灯,不是绿灯。
local function strictly_above(it)
  return it.actual ~= nil and it.target ~= nil and it.actual > it.target
end
completion.modern_services_va_growth = function(it)
  local c = std.completion(it)
  if c ~= nil and not strictly_above(it) then c = math.min(c, 0.999) end
  return c
end
score.modern_services_va_growth = function(it)
  local points, why = gap(it)
  if it.actual ~= nil and it.target ~= nil and not strictly_above(it) then
    points = math.min(points, 0.999 * it.weight)
  end
  return points, why
end

-- “高于全区税收年均增速1个百分点左右”:目标是基准加1个百分点,“左右”:
-- 差额不少于1个百分点减 about_margin 即为达到;再少,按差的百分点扣分。
local function margin_met(it)
  return it.actual ~= nil and it.target ~= nil and it.actual >= it.target - P.about_margin
end
completion.modern_services_tax_growth = function(it)
  if margin_met(it) then return math.max(1, std.completion(it)) end
  return std.completion(it)
end
score.modern_services_tax_growth = function(it)
  if margin_met(it) then return it.weight end
  return gap(it)
end
-- 其余:完成率与时序进度之比60%及以下不得分,达到100%得满分
score.default = std.ratio { floor = P.score_floor, full = 1.0, cap = 1.0, pace = true }

local by_progress = std.time_progress { yellow = 0.0, red = P.red_margin }
light.default = by_progress
light.thousand_billion_clusters = std.by_end_year(by_progress)
light.high_tech_enterprises = std.by_end_year(by_progress)
light.trillion_scale_leaders = std.by_end_year(by_progress)

commend = std.commend { total = P.commend_at }
red_light = std.red_light { red = 1 }
