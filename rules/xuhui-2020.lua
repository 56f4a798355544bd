-- 徐汇区2020年主要目标 考核规则
-- 依据:plans/xuhui-2020.yaml(表1)。十项指标同等分值;“左右”的目标
-- 上下0.5个百分点以内视为完成。
local std = require "std"

weights { default = 10 }                   -- 分值:规则设定，文件未规定

-- 分值、计分线、亮灯界限和评价线:规则设定，文件未规定(`assay params` 列出)
local P = params {
  about_tolerance = { default = 0.5, min = 0, max = 2, about = "“左右”的增速目标上下该值(百分点)以内为完成（规则设定，文件未规定）" },
  red_margin = { default = 0.2, min = 0, max = 0.5, about = "完成率比目标低出该值以上亮红灯（规则设定，文件未规定）" },
}

-- 增长6%左右、增长2%左右:实际增速在目标上下0.5个百分点以内为完成
completion.gdp_growth = std.about { tolerance = P.about_tolerance }
completion.fiscal_revenue_growth = std.about { tolerance = P.about_tolerance }

-- 得分:按完成率计分,完成目标得满分,不超过分值
score.default = std.ratio { floor = 0, full = 1, cap = 1 }

-- 亮灯:完成目标为绿灯,完成率80%以上为黄灯,其余及未报送为红灯
light.default = std.time_progress { yellow = 0, red = P.red_margin }

-- 评价:没有红灯为完成年度目标
commend = function(card)
  return card.red == 0, "主要目标全部完成"
end
red_light = function(card)
  return card.red > 0, std.light_reasons(card)
end
