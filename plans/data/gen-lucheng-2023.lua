-- Generates the SAMPLE monthly reports for plans/lucheng-2023.yaml.
--
--   lua5.4 plans/data/gen-lucheng-2023.lua plans/lucheng-2023.yaml plans/data
--
-- Writes plans/data/lucheng-2023-2023-01.csv ... -2023-09.csv (long CSV,
-- year-to-date figures, January to September 2023). The targets in the plan
-- are the real ones from 温鹿政办〔2023〕55号 附件1; every figure written here
-- is invented and every row carries the note 样例数据.
--
-- The output is deterministic: the only randomness is the fixed-seed linear
-- congruential generator below, so running the script again gives the same
-- files byte for byte.

local plan_path, out_dir = arg[1], arg[2]
if not plan_path or not out_dir then
  io.stderr:write("usage: lua5.4 gen-lucheng-2023.lua PLAN.yaml OUT_DIR\n")
  os.exit(2)
end

package.path = arg[0]:match("^(.-)[^/]*$") .. "?.lua;" .. package.path
local sample = require "sample"

local YEAR, LAST_MONTH = 2023, 9
local NOTE = "样例数据"

local rand, jitter = sample.rng(20230824)

-- Share of the annual target reached by the end of each month when exactly
-- on pace (a slow January and February around the Spring Festival, then
-- catching up with time progress: 9/12 = 0.75 by September).
local PACE = { 0.07, 0.13, 0.22, 0.30, 0.39, 0.48, 0.56, 0.65, 0.75 }

-- The sample series, one per indicator. Every responsible unit of a joint
-- indicator reports the same district-wide figure.
--   kind  count:  cumulative integer     amount: cumulative, 2 decimals
--         rate:   the current rate (not cumulative), `decimals` decimals
--   pace  = p:     on-pace share × p (1.0 on pace, 1.3 well ahead, 0.8 behind)
--   steps = {...}: a count that rises by one in each listed month, from `base`
--   level = x:     a rate that hovers around x
--         stock:  the same `value` every month (a portfolio's total), `decimals` decimals
--         task:   "推进中" (in progress) until `done`, its date, if any
--   units = ALL:   every unit of the plan (units: all), in the plan's order
--   lead = true:   only the first unit reports: the others support (scoring: lead)
local ALL = "all"
local series = {
  -- 第1项 高规格推进“十百千”工程
  { id = "programme_launch", kind = "task", done = "2023-08-28", units = ALL, lead = true },
  { id = "programme_mechanism", kind = "task", units = ALL, lead = true },
  -- 第2项 高标准建设服务业重大平台
  { id = "provincial_innovation_zone", target = 1, kind = "count", steps = { 7 },
    units = { "区发改局" } },
  { id = "municipal_innovation_zone", target = 1, kind = "count", steps = { 6 },
    units = { "区发改局" } },
  { id = "digital_economy_parks", target = 3, kind = "count", base = 2, steps = { 6 },
    units = { "区经信局" } },
  { id = "new_rd_institution", target = 1, kind = "count", steps = { 6 },
    units = { "区科技局" } },
  { id = "cross_border_ecommerce_park", target = 1, kind = "count", steps = { 5 },
    units = { "区商务局" } },
  { id = "cross_border_ecommerce_association", kind = "task", units = { "区商务局" } },
  { id = "sports_tourism_showcases", target = 1, kind = "count", steps = {},
    units = { "区文化和广电旅游体育局" } },
  { id = "gold_3a_scenic_village", target = 1, kind = "count", steps = { 8 },
    units = { "区文化和广电旅游体育局" } },
  { id = "scenic_village_3a", target = 1, kind = "count", steps = { 5 },
    units = { "区文化和广电旅游体育局" } },
  { id = "zhejiang_trail", kind = "task", units = { "区文化和广电旅游体育局" } },
  -- 第3项 高质量培育服务业领军企业
  { id = "leading_enterprises", target = 1, kind = "count", steps = { 8 },
    units = { "区发改局" } },
  { id = "eagle_action", kind = "task", units = { "区发改局", "区经信局" } },
  { id = "pinzibiao_service_brand", target = 1, kind = "count", steps = { 9 },
    units = { "区市场监管局" } },
  { id = "standardization_pilots_passed", target = 1, kind = "count", steps = { 7 },
    units = { "区市场监管局" } },
  { id = "standardization_pilots_approved", target = 3, kind = "count", steps = { 3, 4, 6 },
    units = { "区市场监管局" } },
  { id = "community_education_brands", target = 23, kind = "count", pace = 1.0,
    units = { "区教育局" } },
  { id = "zhejiang_time_honored_brands", target = 12, kind = "count", base = 10, steps = { 6 },
    units = { "区商务局" } },
  { id = "culture_tourism_enterprise_tiers", kind = "task", units = { "区文化和广电旅游体育局" } },
  -- 第4项 高效率实施服务业重大项目
  { id = "major_projects", target = 4, kind = "count", base = 4, steps = {}, units = ALL, lead = true },
  { id = "major_projects_total_investment", target = 139.5, kind = "stock", value = 139.5,
    decimals = 1, units = ALL, lead = true },
  { id = "major_projects_investment", target = 9.9, kind = "amount", pace = 1.03,
    units = ALL, lead = true },
  { id = "strategic_projects", target = 1, kind = "count", base = 1, steps = {}, units = ALL, lead = true },
  { id = "enabling_projects", target = 2, kind = "count", base = 1, steps = { 5 }, units = ALL, lead = true },
  { id = "livelihood_projects", target = 1, kind = "count", base = 1, steps = {}, units = ALL, lead = true },
  { id = "project_dispatch", kind = "task", units = ALL, lead = true },
  { id = "qianxiang_wanyi_investment", target = 5.5, kind = "amount", pace = 1.05,
    units = { "区发改局" } },
  -- 第5项 高水平建设服务业人才队伍
  { id = "service_leading_talents", target = 2, kind = "count", steps = { 5 },
    units = { "区发改局", "区委组织部", "各街镇" } },
  { id = "talent_catalogue", kind = "task",
    units = { "区发改局", "区委组织部", "各街镇" } },
  { id = "talent_guarantee_filing", kind = "task", units = { "区发改局", "区委组织部", "各街镇" },
    lead = true },
  { id = "vocational_training", target = 1800, kind = "count", pace = 1.05,
    units = { "区教育局", "区人力社保局" } },
  { id = "adult_education_upgrade", target = 1800, kind = "count", pace = 1.1,
    units = { "区教育局", "区人力社保局" } },
  { id = "golden_blue_collar_training", target = 12000, kind = "count", pace = 1.02,
    units = { "区人力社保局", "区民政局", "区商务局", "区卫生健康局" } },
  -- 第6项 现代商贸业
  { id = "brand_first_stores", target = 10, kind = "count", steps = { 1, 3, 4, 5, 6, 7, 8, 9 },
    units = { "区商务局" } },
  { id = "product_launches", target = 50, kind = "count", pace = 1.04,
    units = { "区商务局" } },
  { id = "trendy_stores", target = 2, kind = "count", steps = { 4, 9 },
    units = { "区商务局" } },
  { id = "consumption_campaign", kind = "task", units = { "区商务局" } },
  { id = "nev_purchase_tax_exemption", kind = "task", units = { "区税务局" } },
  { id = "housing_stability", kind = "task", units = { "区住建局" } },
  { id = "new_consumption_scenes", target = 1, kind = "count", steps = { 6 },
    units = { "区发改局", "区商务局" } },
  { id = "export_national_share", target = 2.331, kind = "rate", level = 2.29, decimals = 3,
    units = { "区商务局" } },
  { id = "service_trade_usd", target = 7000, kind = "amount", pace = 1.06,
    units = { "区商务局" } },
  -- 第7项 现代物流业
  { id = "logistics_subsidy_policy", kind = "task", done = "2023-07-18",
    units = { "区发改局" } },
  { id = "multimodal_wharf_start", kind = "task", units = { "区交通运输局" } },
  { id = "public_overseas_warehouses", target = 2, kind = "count", base = 1, steps = {},
    units = { "区商务局" } },
  -- 第8项 现代金融业
  { id = "deposit_loan_increase", target = 2000, kind = "amount", pace = 1.2,
    units = { "区金融办" } },
  { id = "new_listed_companies", target = 1, kind = "count", steps = { 4 },
    units = { "区金融办" } },
  { id = "digital_rmb_scenes", kind = "task", units = { "区金融办" } },
  -- 第9项 科技服务业
  { id = "rd_intensity", target = 1.8, kind = "rate", level = 1.84, decimals = 2,
    units = { "区科技局" } },
  { id = "technology_transactions", target = 34, kind = "amount", pace = 1.3,
    units = { "区科技局" } },
  { id = "science_services_measures", kind = "task", units = { "区科技局" } },
  { id = "testing_services_policy", kind = "task", done = "2023-06-20", units = { "区市场监管局" } },
  { id = "eco_services_measures", kind = "task", done = "2023-08-15", units = { "市生态环境局鹿城分局" } },
  -- 第10项 信息服务业
  { id = "info_services_revenue_growth", target = 10, kind = "rate", level = 11.2, decimals = 2,
    units = { "区经信局", "区投资促进服务中心" } },
  { id = "software_enterprises", target = 5, kind = "count", steps = { 3, 6, 8, 9 },
    units = { "区经信局", "区投资促进服务中心" } },
  { id = "digital_economy_projects", target = 2, kind = "count", steps = { 4, 7 },
    units = { "区经信局", "区投资促进服务中心" } },
  -- 第11项 商务会展业
  { id = "headquarters_attracted", target = 2, kind = "count", steps = { 5 },
    units = { "区投资促进服务中心" } },
  { id = "exhibition_policy", kind = "task", units = { "区商务局" } },
  { id = "exhibitions", target = 10, kind = "count", steps = { 3, 4, 5, 6, 8, 9, 9 },
    units = { "区商务局" } },
  { id = "law_firm_branches", target = 1, kind = "count", steps = { 6 },
    units = { "区司法局" } },
  -- 第12项 创意设计业
  { id = "creative_design_enterprises", target = 5, kind = "count", steps = { 4, 6, 8, 9 },
    units = { "区委宣传部", "区经信局", "区市场监管局" } },
  { id = "industrial_design_centers", target = 1, kind = "count", steps = {},
    units = { "区经信局", "区委宣传部" } },
  { id = "creative_design_parks", target = 2, kind = "count", steps = { 6, 9 },
    units = { "区经信局", "区委宣传部" } },
  { id = "fashion_design_center", kind = "task", units = { "区经信局" } },
  -- 第13项 人力资源业
  { id = "hr_services_revenue", target = 8, kind = "amount", pace = 1.0,
    units = { "区人力社保局" } },
  { id = "hr_park_revenue", target = 3, kind = "amount", pace = 0.95,
    units = { "区人力社保局" } },
  { id = "employee_based_housekeeping", target = 2, kind = "count", steps = { 6 },
    units = { "区人力社保局" } },
  { id = "hr_service_enterprises", target = 4, kind = "count", steps = { 3, 7, 9 },
    units = { "区人力社保局" } },
  { id = "skills_training_policy", kind = "task", units = { "区教育局", "区人力社保局" } },
  -- 第14项 文化旅游业
  { id = "culture_policy_revision", kind = "task", done = "2023-04-28", units = { "区委宣传部" } },
  { id = "culture_fund_measures", kind = "task", done = "2023-05-30",
    units = { "区委宣传部" } },
  { id = "fashion_expo_venue", kind = "task", units = { "区委宣传部" } },
  { id = "state_culture_enterprise_reform", kind = "task", units = { "区委宣传部", "区财政局" } },
  { id = "digital_culture_revenue_share", target = 10, kind = "rate", level = 9.6, decimals = 2,
    units = { "区委宣传部", "区文化和广电旅游体育局" } },
  { id = "culture_tourism_integration_plan", kind = "task",
    units = { "区文化和广电旅游体育局", "区委宣传部" } },
  { id = "tourism_enterprises", target = 6, kind = "count", steps = { 5, 8 },
    units = { "区文化和广电旅游体育局" } },
  { id = "tourism_common_prosperity", kind = "task",
    units = { "区文化和广电旅游体育局", "区农业农村局" } },
  -- 第15项 健康服务业
  { id = "smart_health_stations", target = 16, kind = "count", base = 8, steps = { 2, 3, 5, 6, 7, 8 },
    units = { "区卫生健康局" } },
  { id = "silver_economy", kind = "task", units = { "区民政局" } },
  { id = "sports_events", target = 50, kind = "count", pace = 0.8,
    units = { "区文化和广电旅游体育局" } },
  { id = "asian_games_events", kind = "task", units = { "区文化和广电旅游体育局" } },
  { id = "resident_services", kind = "task",
    units = { "区商务局", "区人力社保局", "区民政局", "区卫生健康局" } },
  { id = "property_housekeeping_policy", kind = "task", units = { "区住建局", "区商务局" } },
  -- 第16项 完善工作机制
  { id = "task_force_meetings", kind = "task", units = ALL, lead = true },
  { id = "service_statistics", kind = "task", units = { "区发改局", "区统计局", "区市场监管局" } },
  -- 第17项 加大政策支持
  { id = "you80_policies", kind = "task", units = ALL },
  { id = "special_funds_bid", kind = "task", units = { "区发改局", "区财政局" } },
  { id = "tax_incentives", kind = "task", units = { "区税务局" } },
  { id = "loan_growth", kind = "rate", level = 11.8, decimals = 1,
    units = { "区金融办" } },
  { id = "sme_loan_growth", kind = "rate", level = 13.5, decimals = 1,
    units = { "区金融办" } },
  { id = "service_budget_execution", target = 880, kind = "amount", pace = 1.25,
    units = { "区财政局" } },
  { id = "financing_cost", kind = "task", units = { "区金融办" } },
  { id = "service_land_supply", kind = "task", units = { "市自然资源和规划局鹿城分局" } },
  -- 第18项 提升指导服务
  { id = "grand_visits", kind = "task", units = ALL },
  { id = "financial_risk", kind = "task", units = { "区金融办" } },
  { id = "real_estate_mechanism", kind = "task", units = { "区住建局" } },
  { id = "service_safety", kind = "task", units = { "区应急管理局", "区消防救援大队" } },
  { id = "security_firm_credit", kind = "task", units = { "区公安分局" } },
  { id = "registration_facilitation", kind = "task", units = { "区市场监管局" } },
  -- 第19项 完善评价体系
  { id = "performance_evaluation", kind = "task", units = ALL, lead = true },
  { id = "responsibility_chain", kind = "task", units = { "区发改局" } },
  -- 第5.2行 五年内培训100名左右新生代企业家: a fifth of it by December
  -- (last, so that its random numbers leave every series above as it was)
  { id = "new_generation_entrepreneurs", target = 100, kind = "count", pace = 0.21,
    units = { "区委统战部", "区工商联" } },
}

-- Figures a unit did not send: [unit][indicator] = month.
local not_reported = {
  ["区民政局"] = { golden_blue_collar_training = 9 },
}

---------------------------------------------------------------------------
-- Consistency with the plan: read the plan as text and fail loudly when it
-- does not define an indicator, a unit or a target the generator uses.

local function fail(msg)
  sample.fail("gen-lucheng-2023", msg)
end

local plan = sample.read_plan(plan_path, "gen-lucheng-2023")
local unit_name, plan_units = plan.unit_name, plan.unit_order
local plan_ind, plan_order = plan.indicators, plan.order
local known = {}
for _, s in ipairs(series) do
  local p = plan_ind[s.id]
  if not p then fail(plan_path .. " has no indicator '" .. s.id .. "'") end
  if s.units == ALL then
    s.units = {}
    for i, u in ipairs(plan_units) do s.units[i] = unit_name[u] end
  end
  if s.lead and not p.lead_only then
    fail(("indicator '%s': the generator has only its lead unit report, the plan scores every unit"):format(s.id))
  end
  if (p.target or p.value) ~= s.target then   -- a number, or the number of a form
    fail(("indicator '%s': plan target %s, generator target %s"):format(
      s.id, tostring(p.target or p.value), tostring(s.target)))
  end
  local names = {}
  for i, u in ipairs(p.units or {}) do
    if type(unit_name[u]) ~= "string" then
      fail(("indicator '%s': unit '%s' has no name in the plan"):format(s.id, u))
    end
    names[i] = unit_name[u]
  end
  if table.concat(names, ",") ~= table.concat(s.units, ",") then
    fail(("indicator '%s': plan units [%s], generator units [%s]"):format(
      s.id, table.concat(names, ","), table.concat(s.units, ",")))
  end
  known[s.id] = true
end
for _, id in ipairs(plan_order) do
  if not known[id] then fail(plan_path .. " has indicator '" .. id .. "' the generator does not know") end
end

---------------------------------------------------------------------------
-- The series, month by month.

local fmt, round = sample.fmt, sample.round

local values = {}                            -- values[id][month] = string
for _, s in ipairs(series) do
  local v, prev = {}, nil
  for m = 1, LAST_MONTH do
    local x
    if s.kind == "task" then
      v[m] = (s.done and m >= tonumber(s.done:sub(6, 7))) and s.done or "推进中"
    elseif s.kind == "stock" then
      v[m] = fmt(s.value, s.decimals)
    elseif s.kind == "rate" then
      -- early estimates wander further from the level than later ones
      x = round(s.level * jitter(0.015 + 0.006 * (LAST_MONTH - m)), s.decimals)
      v[m] = fmt(x, s.decimals)
    elseif s.steps then
      x = s.base or 0
      for _, sm in ipairs(s.steps) do if sm <= m then x = x + 1 end end
      v[m] = fmt(x, 0)
    else
      x = s.target * PACE[m] * s.pace * jitter(0.04)
      x = (s.kind == "count") and math.floor(x) or round(x, 2)
      if prev and x < prev then x = prev end -- year-to-date never falls
      prev = x
      v[m] = fmt(x, s.kind == "count" and 0 or 2)
    end
  end
  values[s.id] = v
end

-- Rows are written unit by unit, in the plan's order of units.
local unit_order = {}
for _, id in ipairs(plan_units) do unit_order[#unit_order + 1] = unit_name[id] end

for m = 1, LAST_MONTH do
  local period = ("%d-%02d"):format(YEAR, m)
  local path = ("%s/lucheng-2023-%s.csv"):format(out_dir, period)
  local f, err = io.open(path, "w")
  if not f then fail(err) end
  f:write("unit,indicator,period,value,note\n")
  local rows = 0
  for _, u in ipairs(unit_order) do
    for _, s in ipairs(series) do
      for k, su in ipairs(s.units) do
        if su == u and (k == 1 or not s.lead) and (not_reported[u] or {})[s.id] ~= m then
          f:write(("%s,%s,%s,%s,%s\n"):format(u, s.id, period, values[s.id][m], NOTE))
          rows = rows + 1
        end
      end
    end
  end
  f:close()
  print(("%s: %d rows"):format(path, rows))
end
