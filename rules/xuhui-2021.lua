-- 徐汇区2021年计划主要任务 考核规则
-- 依据:plans/xuhui-2021.yaml(报告表12–表20写明数字的2021年目标)。
-- 每项同等分值;“约X”的目标上下5%以内视为完成;数量按完成率计分,
-- 完成目标得满分,比例类(%)指标按差几个百分点扣分。
local std = require "std"

weights { default = 10 }                   -- 分值:规则设定，文件未规定

-- 分值、计分线、亮灯界限和评价线:规则设定，文件未规定(`assay params` 列出)
local P = params {
  gap_per_point = { default = 2, min = 0, max = 10, about = "比例每差1个百分点扣的分数（规则设定，文件未规定）" },
  red_margin = { default = 0.1, min = 0, max = 0.5, about = "完成率比目标低出该值以上亮红灯（规则设定，文件未规定）" },
}

-- 约17万平方米、约6.5万平方米、约2.5万平方米:上下5%以内为完成
-- (容差:规则设定，文件未规定)
completion.new_housing_supply = std.about { tolerance = 0.85 }
completion.heritage_buildings_repaired = std.about { tolerance = 0.325 }
completion.lane_houses_repaired = std.about { tolerance = 0.125 }

-- 得分:按完成率计分,完成目标得满分,不超过分值;
-- 比例每差1个百分点扣2分,最低0分
score.default = std.ratio { floor = 0, full = 1, cap = 1 }
score.direct_election_share = std.gap { per_point = P.gap_per_point, floor = 0 }
score.air_quality_good_days = std.gap { per_point = P.gap_per_point, floor = 0 }
score.class_iii_water_sections = std.gap { per_point = P.gap_per_point, floor = 0 }
score.polluted_land_safe_use = std.gap { per_point = P.gap_per_point, floor = 0 }

-- 亮灯:完成目标为绿灯,完成率90%以上为黄灯,其余及未报送为红灯
light.default = std.time_progress { yellow = 0, red = P.red_margin }

-- 评价:没有红灯为完成年度任务;红灯逐项列出
commend = std.commend { reason = "年度任务全部完成" }
red_light = std.red_light { red = 1 }
