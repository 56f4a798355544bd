-- 徐汇区打响“上海服务”品牌三年行动计划(2018–2020年) 考核规则
-- 依据:plans/xuhui-brand-2020.yaml。每年年底考核一次:三年累计的新增数量
-- 按时序进度计分;2020年须达到的水平2020年以前不足只亮黄灯;违法建筑
-- “零增长”每年考核,有新增即红灯;“消除”的到2020年须为0处,此前只亮黄灯。
-- 里程碑和交付事项(任务)按期完成得分,2020年底仍未完成为逾期、红灯。
local std = require "std"

weights {                                  -- 分值:规则设定，文件未规定(合计100)
  tech_services_gdp_share = 9,         -- 核心服务功能(总体目标)
  new_regional_headquarters = 7,       -- 特色服务品牌(总体目标)
  new_cross_discipline_platforms = 4,
  national_tech_centers = 5,
  rd_centers = 5,
  specialty_medical_alliances = 5,
  new_illegal_buildings = 5,
  approvals_online_share = 4,
  unit_waste_sorting_share = 4,
  integration_demo_zones = 4,
  industry_clusters = 4,
  residential_to_commercial = 3,
  illegal_kiosks = 3,
  -- 里程碑和交付事项(任务)各1分,共38分
  primate_brain_center = 1, nutrition_health_platform = 1, ecust_platforms = 1,
  ip_demo_zones = 1, mini_boston = 1, innovation_events = 1,
  investment_matching_platform = 1, asia_health_city = 1, tcm_projects = 1,
  xujiahui_sports_zones = 1, south_elderly_center = 1, elderly_upgrade_projects = 1,
  west_bund_events = 1, festival_events = 1, smart_tourism = 1,
  xujiahui_traffic_guidance = 1, dust_warning_system = 1, city_operation_report = 1,
  refined_management_plan = 1, setting_guidelines = 1, overhead_lines_plan = 1,
  two_shift_cleaning = 1, hengfu_benchmark = 1, waterfront_benchmark = 1,
  xujiahui_renewal = 1, xujiahui_benchmark = 1, property_service_rewards = 1,
  recycling_points = 1, government_service_portal = 1, government_data_center = 1,
  one_window_registration = 1, standards_leader_pilot = 1, major_industry_projects = 1,
  talent_peak_policy = 1, talent_service_platform = 1, talent_housing = 1,
  unit_action_plans = 1, brand_target_list = 1,
}

-- 分值、计分线、亮灯界限和评价线:规则设定，文件未规定(`assay params` 列出)
local P = params {
  about_tolerance = { default = 1, min = 0, max = 5, about = "比重20%左右:上下该值(百分点)以内为完成（规则设定，文件未规定）" },
  score_floor = { default = 0.6, min = 0, max = 0.95, about = "完成率与时序进度之比不超过该值不得分（规则设定，文件未规定）" },
  red_margin = { default = 0.1, min = 0, max = 0.5, about = "落后时序进度超过该值亮红灯（规则设定，文件未规定）" },
  commend_at = { default = 90, min = 0, max = 100, about = "通报表扬的总分线（规则设定，文件未规定）" },
}

-- 比重20%左右:上下1个百分点以内为完成
completion.tech_services_gdp_share = std.about { tolerance = P.about_tolerance }

-- 得分:完成率与时序进度之比60%及以下不得分,达到100%得满分,不超过分值
score.default = std.ratio { floor = P.score_floor, full = 1.0, cap = 1.0, pace = true }

-- 亮灯:不落后时序进度为绿灯,落后不超过10个百分点为黄灯,其余为红灯;
-- 2020年须达到的水平此前不足只亮黄灯
local by_progress = std.time_progress { yellow = 0.0, red = P.red_margin }
light.default = by_progress
light.tech_services_gdp_share = std.by_end_year(by_progress)
light.national_tech_centers = std.by_end_year(by_progress)
light.rd_centers = std.by_end_year(by_progress)
light.approvals_online_share = std.by_end_year(by_progress)
light.unit_waste_sorting_share = std.by_end_year(by_progress)
light.integration_demo_zones = std.by_end_year(by_progress)
light.industry_clusters = std.by_end_year(by_progress)
light.residential_to_commercial = std.by_end_year(by_progress)   -- “全面消除”到2020年
light.illegal_kiosks = std.by_end_year(by_progress)

commend = std.commend { total = P.commend_at }
red_light = std.red_light { red = 1 }
