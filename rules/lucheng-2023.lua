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
  -- 第4.1行 省服务业重大项目的个数、总投资和三类项目(存量)
  major_projects                  = 3,  -- 组织实施4个重大项目
  major_projects_total_investment = 3,  -- 总投资139.5亿元
  strategic_projects              = 2,  -- 战略支撑型项目1个
  enabling_projects               = 2,  -- 产业赋能型项目2个
  livelihood_projects             = 2,  -- 生活美好型项目1个
  new_generation_entrepreneurs    = 3,  -- 第5.2行 五年内培训100名左右新生代企业家
  -- 有交付物的任务(成立、出台、研究制定、开工)
  cross_border_ecommerce_association = 2, -- 第2.4行 成立跨境电商协会
  multimodal_wharf_start          = 3,  -- 第7.2行 码头一期工程开工
  testing_services_policy         = 2,  -- 第9.2行 检验检测服务业政策
  eco_services_measures           = 2,  -- 第9.3行 生态环境服务业举措
  exhibition_policy               = 2,  -- 第11.2行 会展经济政策
  skills_training_policy          = 2,  -- 第13.2行 技能培训政策
  culture_policy_revision         = 2,  -- 第14.1行 修订文化产业政策意见
  fashion_expo_venue              = 2,  -- 第14.1行 时尚文博会鹿城分会场
  culture_tourism_integration_plan = 2, -- 第14.4行 文旅深度融合实施方案
  tourism_common_prosperity       = 2,  -- 第14.6行 指导街镇旅游富民增收
  property_housekeeping_policy    = 2,  -- 第15.5行 物业、家政服务政策
  science_services_measures       = 2,  -- 第9.1行 科技服务高质量发展举措
  asian_games_events              = 2,  -- 第15.3行 亚运会温州赛区和全国性赛事
  -- 全年持续推进的任务(“2023全年”),年底判断是否完成
  programme_launch                = 2,  -- 第1.1行 印发《实施方案》、组建专班
  programme_mechanism             = 2,  -- 第1.1行 周会商、月调度、季分析、年评估
  project_dispatch                = 2,  -- 第4.1行 逐月实施项目调度
  talent_guarantee_filing         = 1,  -- 第5.1行 保障情况按月报市里备案
  zhejiang_trail                  = 1,  -- 第2.5行 “环浙步道”建设
  eagle_action                    = 1,  -- 第3.2行 “雄鹰行动”、梯度培育
  culture_tourism_enterprise_tiers = 1, -- 第3.6行 文旅企业梯度培育
  consumption_campaign            = 1,  -- 第6.1行 “十大百项”兴消费旺市场行动
  nev_purchase_tax_exemption      = 1,  -- 第6.2行 新能源汽车购置税减免
  housing_stability               = 1,  -- 第6.3行 稳地价、稳房价、稳预期
  digital_rmb_scenes              = 1,  -- 第8.3行 数字人民币应用场景
  fashion_design_center           = 1,  -- 第12.3行 时尚智造设计中心
  state_culture_enterprise_reform = 1,  -- 第14.2行 国有文化企业改革
  silver_economy                  = 1,  -- 第15.2行 “银发经济”
  resident_services               = 1,  -- 第15.4行 居民服务水平
  task_force_meetings             = 1,  -- 第16.1行 专班会议和协调例会
  service_statistics              = 1,  -- 第16.2行 服务业统计监测
  you80_policies                  = 1,  -- 第17.1行 政策包、“优80”
  special_funds_bid               = 1,  -- 第17.2行 争取专项资金
  tax_incentives                  = 1,  -- 第17.4行 税费优惠政策
  financing_cost                  = 1,  -- 第17.5行 融资成本稳中有降
  service_land_supply             = 1,  -- 第17.6行 创新发展区用地
  grand_visits                    = 1,  -- 第18.1行 “四大”活动
  financial_risk                  = 1,  -- 第18.2行 防范化解金融风险
  real_estate_mechanism           = 1,  -- 第18.3行 房地产长效机制
  service_safety                  = 1,  -- 第18.4行 安全生产和消防安全
  security_firm_credit            = 1,  -- 第18.5行 保安服务企业信用评价
  registration_facilitation       = 1,  -- 第18.6行 登记注册便利化
  performance_evaluation          = 1,  -- 第19.1行 年度绩效评价
  responsibility_chain            = 1,  -- 第19.2行 压紧压实责任
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

-- 第6.4行“打造1个左右新型消费新场景”:整数个场景的“左右”,多出1个仍算完成
-- (容差1个,规则设定，文件未规定);不足的按实际 ÷ 目标计,一个也没有即为0。
local about_one_scene = std.about { tolerance = 1 }
completion.new_consumption_scenes = function(it)
  if it.actual ~= nil and it.target ~= nil and it.actual > it.target then
    return about_one_scene(it)
  end
  return std.completion(it)
end
