-- 鹿城区2023年服务业重点工作任务清单 考核规则
-- 依据:温鹿政办〔2023〕55号 附件1;指标与目标见 plans/lucheng-2023.yaml。
-- 分值可直接改数字。分值不必合计100:各单位总分 = 所负责指标得分之和
-- ÷ 所负责指标分值之和 × 100,负责指标多少不同的单位因此可以相互比较。
local std = require "std"

weights {                                      -- 分值:规则设定，文件未规定
  provincial_innovation_zone      = 5,  -- 省级现代服务业创新发展区(第2项)
  municipal_innovation_zone       = 3,  -- 市级服务业创新发展区
  digital_economy_parks           = 3,  -- 市级数字经济产业园(累计)
  new_rd_institution              = 4,  -- 省级新型研发机构
  cross_border_ecommerce_park     = 3,  -- 市级以上跨境电商产业园区
  sports_tourism_showcases        = 2,  -- 省级运动休闲旅游示范基地等
  gold_3a_scenic_village          = 2,  -- 金3A景区村
  scenic_village_3a               = 2,  -- 3A景区村
  leading_enterprises             = 3,  -- 服务业领军企业(第3项)
  pinzibiao_service_brand         = 3,  -- “品字标浙江服务”品牌企业
  standardization_pilots_passed   = 2,  -- 市级服务业标准化试点通过
  standardization_pilots_approved = 2,  -- 市级服务业标准化试点立项
  community_education_brands      = 3,  -- 社区教育品牌
  zhejiang_time_honored_brands    = 3,  -- 浙江老字号(累计)
  major_projects_investment       = 10, -- 省服务业重大项目年度投资(第4项)
  qianxiang_wanyi_investment      = 8,  -- “千项万亿”服务业项目年度投资
  service_leading_talents         = 3,  -- 服务业领军人才(第5项)
  talent_catalogue                = 3,  -- 构建领军人才开发目录库(任务)
  vocational_training             = 4,  -- 中职学校社会人员职业培训
  adult_education_upgrade         = 4,  -- 成人初中及高中学历提升
  golden_blue_collar_training     = 5,  -- “金蓝领”培训
  brand_first_stores              = 5,  -- 新引进品牌首店(第6项)
  product_launches                = 4,  -- 新品首发活动
  trendy_stores                   = 2,  -- 遴选潮店网红店
  new_consumption_scenes          = 2,  -- 新型消费新场景
  export_national_share           = 8,  -- 出口占全国份额
  service_trade_usd               = 10, -- 服务贸易额
  logistics_subsidy_policy        = 3,  -- 出台流通体系补助政策(第7项,任务)
  public_overseas_warehouses      = 3,  -- 市级以上公共海外仓
  deposit_loan_increase           = 8,  -- 本外币存贷款新增(第8项)
  new_listed_companies            = 5,  -- 新增上市(过会)企业
  rd_intensity                    = 8,  -- 研发投入强度(第9项)
  technology_transactions         = 10, -- 技术交易额
  info_services_revenue_growth    = 6,  -- 信息服务业营收增速(第10项)
  software_enterprises            = 4,  -- 培育软件信息服务业企业
  digital_economy_projects        = 5,  -- 超亿元数字经济项目
  headquarters_attracted          = 5,  -- 招引企业总部和功能性机构(第11项)
  exhibitions                     = 4,  -- 举办展会活动
  law_firm_branches               = 3,  -- 优秀律师事务所分支机构
  creative_design_enterprises     = 4,  -- 规上文化、创意设计企业(第12项)
  industrial_design_centers       = 3,  -- 省级工业设计中心
  creative_design_parks           = 3,  -- 创意设计园区
  hr_services_revenue             = 6,  -- 人力资源服务业营业收入(第13项)
  hr_park_revenue                 = 4,  -- 人力资源服务产业园营业收入
  employee_based_housekeeping     = 3,  -- 员工制家政服务机构
  hr_service_enterprises          = 3,  -- 规上人力资源服务企业
  culture_fund_measures           = 3,  -- 出台文化产业专项资金管理办法(第14项,任务)
  digital_culture_revenue_share   = 5,  -- 规上数字文化企业营收占比
  tourism_enterprises             = 4,  -- 培育规上旅游企业
  smart_health_stations           = 4,  -- 规范运营村智慧健康站(第15项)
  sports_events                   = 5,  -- 重大体育赛事活动
  sme_loan_growth                 = 5,  -- 普惠型小微企业贷款增速不低于各项贷款(第17项)
  service_budget_execution        = 3,  -- 服务业区级财政预算落实
}

-- 附件1不规定分值、计分线、亮灯界限和评价线:都是规则设定，文件未规定。可调参数
-- 由 `assay params plans/lucheng-2023.yaml` 列出,`assay whatif ... --param red_margin=0.15` 试算。
local P = params {
  score_floor  = { default = 0.6, min = 0, max = 0.95, about = "完成率与时序进度之比不超过该值不得分（规则设定，文件未规定）" },
  score_cap    = { default = 1.2, min = 1, max = 2, about = "超额完成最多得分值的倍数（规则设定，文件未规定）" },
  red_margin   = { default = 0.10, min = 0, max = 0.5, about = "落后时序进度超过该值亮红灯（规则设定，文件未规定）" },
  late_share   = { default = 0.5, min = 0, max = 1, about = "任务逾期完成所得分值的比例（规则设定，文件未规定）" },
  commend_at   = { default = 90, min = 0, max = 120, about = "通报表扬的总分线（规则设定，文件未规定）" },
  red_light_at = { default = 60, min = 0, max = 120, about = "总分低于该值亮灯督促（规则设定，文件未规定）" },
}

-- 得分:按时序进度考核(月度“时间过半、任务过半”)。完成率与时序进度之比
-- 60%及以下不得分,达到100%得满分,超额完成最多得分值的1.2倍。
-- 增速、占比等非累计指标直接与全年目标相比。
score.default = std.ratio { floor = P.score_floor, full = 1.0, cap = P.score_cap, pace = true }

-- 亮灯:完成率不低于时间进度为绿灯,落后不超过10个百分点为黄灯,
-- 落后超过10个百分点或未报送为红灯。
light.default = std.time_progress { yellow = 0.0, red = P.red_margin }

-- 任务:截止日前完成得满分、绿灯;逾期完成得一半、黄灯;逾期未完成不得分、
-- 红灯;未到截止日且未完成的不计分、不亮灯。
score.tasks = std.task { late = P.late_share }
light.tasks = std.task_light { late = "yellow" }

-- 通报表扬:总分90分以上且没有红灯指标。
commend = function(card)
  return card.total >= P.commend_at and card.red == 0,
    "总分" .. P.commend_at .. "分以上且无红灯"
end

-- 亮灯督促:两项以上指标亮红灯,或总分不足60分。
red_light = function(card)
  if card.red >= 2 then
    return true, "两项以上指标亮红灯：" .. std.red_items(card)
  end
  if card.total < P.red_light_at then
    if card.red > 0 then
      return true, "总分不足" .. P.red_light_at .. "分，红灯指标：" .. std.red_items(card)
    end
    return true, "总分不足" .. P.red_light_at .. "分"
  end
  return false
end

-- 报告的排名图在这两个总分处画线(表扬线、亮灯线)。
verdict_lines { commendation = P.commend_at, red_light = P.red_light_at }

-- “左右”的目标(附件1第9项1.8%左右、第14项10%左右):与目标相差不超过容差为
-- 完成,超出部分按偏离目标的比例扣减完成率。容差:规则设定，文件未规定。
completion.rd_intensity = std.about { tolerance = 0.1 }
completion.digital_culture_revenue_share = std.about { tolerance = 0.5 }
