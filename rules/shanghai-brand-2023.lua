-- 全力打响“上海服务”品牌三年行动计划(2021–2023年) 考核规则
-- 依据:plans/shanghai-brand-2023.yaml。每年年底考核一次,每项同等分值。
-- 三年累计的数量按时序进度计分;“每年”的数量每年与目标相比;2023年须达到
-- 的总量、比重和水平,2023年以前不足只亮黄灯。
local std = require "std"

weights { default = 10 }

-- “X左右”:上下10%以内为完成
completion.local_brands = std.about { tolerance = 16 }
completion.online_shopping = std.about { tolerance = 0.16 }
completion.foreign_lawyers = std.about { tolerance = 500 }
completion.first_class_disciplines = std.about { tolerance = 2.5 }
completion.health_science_brands = std.about { tolerance = 2 }

-- 得分:完成率与时序进度之比60%及以下不得分,达到100%得满分,不超过分值
score.default = std.ratio { floor = 0.6, full = 1.0, cap = 1.0, pace = true }

-- 亮灯:不落后时序进度为绿灯,落后不超过10个百分点为黄灯,其余为红灯
local by_progress = std.time_progress { yellow = 0.0, red = 0.10 }
local by_2023 = std.by_end_year(by_progress)
local EVERY_YEAR = {          -- “每年”的目标:每年都须达到
  discipline_leaders = true, young_backbones = true,
  major_sports_events = true, beautiful_blocks = true,
}
light.default = function(it)
  if it.since or EVERY_YEAR[it.indicator] then return by_progress(it) end
  return by_2023(it)
end

commend = std.commend { total = 90 }
red_light = std.red_light { red = 3 }   -- 三项以上红灯为进度缓慢
