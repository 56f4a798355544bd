-- 全力打响“上海服务”品牌三年行动计划(2021–2023年) 考核规则
-- 依据:plans/shanghai-brand-2023.yaml。每年年底考核一次,每项同等分值。
-- 三年累计的数量按时序进度计分;“每年”的数量每年与目标相比;2023年须达到
-- 的总量、比重和水平,2023年以前不足只亮黄灯。
local std = require "std"

weights { default = 10 }                   -- 分值:规则设定，文件未规定

-- 分值、计分线、亮灯界限和评价线:规则设定，文件未规定(`assay params` 列出)
local P = params {
  score_floor = { default = 0.6, min = 0, max = 0.95, about = "完成率与时序进度之比不超过该值不得分（规则设定，文件未规定）" },
  red_margin = { default = 0.1, min = 0, max = 0.5, about = "落后时序进度超过该值亮红灯（规则设定，文件未规定）" },
  commend_at = { default = 90, min = 0, max = 100, about = "通报表扬的总分线（规则设定，文件未规定）" },
  red_lights = { default = 3, min = 1, max = 42, about = "几项红灯为进度缓慢（规则设定，文件未规定）" },
}

-- “X左右”:上下10%以内为完成(容差:规则设定，文件未规定)
completion.local_brands = std.about { tolerance = 16 }
completion.online_shopping = std.about { tolerance = 0.16 }
completion.foreign_lawyers = std.about { tolerance = 500 }
completion.first_class_disciplines = std.about { tolerance = 2.5 }
completion.health_science_brands = std.about { tolerance = 2 }

-- 得分:完成率与时序进度之比60%及以下不得分,达到100%得满分,不超过分值
score.default = std.ratio { floor = P.score_floor, full = 1.0, cap = 1.0, pace = true }

-- 亮灯:不落后时序进度为绿灯,落后不超过10个百分点为黄灯,其余为红灯
local by_progress = std.time_progress { yellow = 0.0, red = P.red_margin }
local by_2023 = std.by_end_year(by_progress)
local EVERY_YEAR = {          -- “每年”的目标:每年都须达到
  discipline_leaders = true, young_backbones = true,
  major_sports_events = true, beautiful_blocks = true,
}
light.default = function(it)
  if it.since or EVERY_YEAR[it.indicator] then return by_progress(it) end
  return by_2023(it)
end

commend = std.commend { total = P.commend_at }
red_light = std.red_light { red = P.red_lights }   -- 三项以上红灯为进度缓慢
