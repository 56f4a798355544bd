-- 全力打响“上海服务”品牌三年行动计划(2021–2023年) 考核规则
-- 依据:plans/shanghai-brand-2023.yaml。每年年底考核一次。
-- 三年累计的数量按时序进度计分;“每年”的数量每年与目标相比;2023年须达到
-- 的总量、比重和水平,2023年以前不足只亮黄灯。
local std = require "std"

-- 分值:规则设定，文件未规定。写明数量的目标每项10分;里程碑和交付事项
-- (任务,计划中 kind: task 的62项)每项5分,使总分以数量目标为主。
local MILESTONES = {
  "sports_events_pattern", "finance_trade_repository", "zhangjiang_etf",
  "otc_risk_platforms", "yulan_bond", "shipping_index_futures",
  "digital_trade_platform", "tech_trade_platform", "import_expo",
  "trade_promotion_centres", "shopping_festival_events", "civil_aviation_base",
  "hongqiao_aviation_base", "north_bund_zone", "shipping_insurance_platform",
  "port_blockchain_platform", "smart_cruise_port", "hongqiao_one_id",
  "pudong_paperless", "photon_facility_cluster", "ai_pilot_zone",
  "tech_transfer_registry", "yrd_tech_market_network", "arbitration_events",
  "digital_advertising_policy", "digital_advertising_forum", "hr_standards_committee",
  "bole_rewards", "design_institute", "film_art_centres", "design_capital_conference",
  "design_hundred", "modern_education_system", "county_balanced_zone",
  "teacher_education_colleges", "global_health_city", "cdc_new_building",
  "mental_health_alliance", "emergency_command_centre", "tcm_tourism_base",
  "yrd_health_radio", "health_science_pools", "elderly_friendly_city",
  "smart_elderly_scenarios", "elderly_friendly_hospitals",
  "tourism_investment_platforms", "tourism_data_lake", "major_events_hosting",
  "rowing_open", "event_brand_certification", "event_impact_report",
  "youth_volunteer_plan", "refined_management_city", "beautiful_blocks_second_round",
  "refined_management_demo_zone", "city_operations_system", "city_checkup_system",
  "city_day_forum", "modern_governance_city", "one_industry_one_license",
  "city_operations_platforms", "suishenban_international",
}
local weight_of = { default = 10 }
for _, id in ipairs(MILESTONES) do weight_of[id] = 5 end
weights(weight_of)

-- 分值、计分线、亮灯界限和评价线:规则设定，文件未规定(`assay params` 列出)
local P = params {
  about_share = { default = 0.1, min = 0, max = 0.3, about = "“左右”的目标:相差不超过目标的该比例为完成（规则设定，文件未规定）" },
  score_floor = { default = 0.6, min = 0, max = 0.95, about = "完成率与时序进度之比不超过该值不得分（规则设定，文件未规定）" },
  red_margin = { default = 0.1, min = 0, max = 0.5, about = "落后时序进度超过该值亮红灯（规则设定，文件未规定）" },
  commend_at = { default = 90, min = 0, max = 100, about = "通报表扬的总分线（规则设定，文件未规定）" },
  red_lights = { default = 3, min = 1, max = 100, about = "几项红灯为进度缓慢（规则设定，文件未规定）" },
}

-- “X左右”:与目标相差不超过目标的 about_share(默认10%)为完成
local ABOUT = {              -- 写作“左右”的目标值(与计划相同)
  local_brands = 160, online_shopping = 1.6, foreign_lawyers = 5000,
  first_class_disciplines = 25, health_science_brands = 20,
}
for id, target in pairs(ABOUT) do
  completion[id] = std.about { tolerance = target * P.about_share }
end

-- 得分:完成率与时序进度之比60%及以下不得分,达到100%得满分,不超过分值
score.default = std.ratio { floor = P.score_floor, full = 1.0, cap = 1.0, pace = true }

-- 亮灯:不落后时序进度为绿灯,落后不超过10个百分点为黄灯,其余为红灯
local by_progress = std.time_progress { yellow = 0.0, red = P.red_margin }
local by_2023 = std.by_end_year(by_progress)
local EVERY_YEAR = {          -- “每年”的目标:每年都须达到
  discipline_leaders = true, young_backbones = true, national_hygienic_towns = true,
  major_sports_events = true, beautiful_blocks = true,
}
light.default = function(it)
  if it.since or EVERY_YEAR[it.indicator] then return by_progress(it) end
  return by_2023(it)
end

commend = std.commend { total = P.commend_at }
red_light = std.red_light { red = P.red_lights }   -- 三项以上红灯为进度缓慢
