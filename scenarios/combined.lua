-- combined.lua: the board's package on top of the departments' plans.
--
-- 1. Ideas are not plans: every measure still at status "idea" counts for half.
-- 2. A top-down measure of the board (pillar 2): merging the divisions' support services,
--    EUR 3M a year from 2024, half of it in 2023, about 42 FTE (EUR 71,379 a year per FTE
--    of PERS-OVERIG in the base year). The model holds the same merger as an idea of the
--    LUMC-wide themes (THEMA-07, EUR 1.2M a year): the board's measure takes its place,
--    so the idea is set to nothing rather than counted twice.
-- 3. The hiring freeze of hiring_freeze.lua: Divisie 2's research, education and support
--    staff (PERS-OVERIG, no care roles), July 2023 to June 2024, the patient service
--    DDMP exempt, 8% attrition.
-- 4. 5% off medical supplies, phased in over 2023-2024 (procurement_cut.lua).
-- 5. The prices of cao.lua: CAO rises of 3% / 3.5% / 2.5% then 2%, 60% compensated;
--    inflation of 4.5% / 4% / 2.5% then 2% on procurement and other cost; the BBAZ
--    1.5% a year lower.
-- The freeze and the cut are netted against what the plan already saves on the same spend
-- (the merger included), so nothing is counted twice (docs/scenarios.md).
--
-- Does the package close the gap to EUR 54M, and what does it do to the result? In the
-- default model it brings the structural savings of 2024 to EUR 49.44M (the plans as they
-- are: EUR 47.50M), a gap of EUR 4.56M, amber. The price rises weigh more: the result of
-- 2024 is EUR -28.92M (cao.lua, the same prices without the package: EUR -30.98M), net
-- debt over EBITDA passes its covenant of 3.5 from 2023 and the DSCR falls below 1.3 from
-- 2026.
scenario{name = "combined", description = "pakket van het bestuur: ideeën voor de helft, top-down maatregel, vacaturestop, inkoopbesparing; CAO en inflatie"}

-- Units are found by name; a name the model version does not have (a synthetic model
-- has no DDMP) is left out of the exemptions, but the division itself must exist.
local function unit_named(name, optional)
  for _, u in ipairs(model.units()) do
    if u.name == name then return u.code end
  end
  if optional then return nil end
  error("no unit named '" .. name .. "' in this model version")
end

local function exempt_units(names)
  local list = {}
  for _, name in ipairs(names) do
    list[#list + 1] = unit_named(name, true)
  end
  return list
end

local MERGER = "Samenvoegen ondersteunende diensten van de divisies"
for _, ms in ipairs(model.measures{category = "PERS-OVERIG", pillar = 2}) do
  if ms.title == MERGER then adjust{measure = ms.id, scale = 0} end
end
adjust{where = {status = "idea"}, scale = 0.5}

local support = {}
for _, year in ipairs(model.years) do
  if year == 2023 then support[year] = 1500000 elseif year >= 2024 then support[year] = 3000000 end
end
measure{
  id = "TD-001", unit = model.root, pillar = 2, category = "PERS-OVERIG",
  title = MERGER .. " (bestuur)",
  nature = "structural", status = "planned", fte = 42, amounts = support,
}

hiring_freeze{
  units = unit_named("Divisie 2"),
  categories = {"PERS-OVERIG"},
  exempt = exempt_units({"Dienst diëtetiek, maatschappelijk werk en patiëntenservice"}),
  from = "2023-07", to = "2024-06", attrition = 0.08,
}

procurement_cut{categories = {"MEDMAT"}, rate = 0.05, from = 2023, phase_in = 2}

local cao_rates = {[2022] = 0.03, [2023] = 0.035, [2024] = 0.025}
local inflation = {[2022] = 0.045, [2023] = 0.04, [2024] = 0.025}
local rates, prices, bbaz = {}, {}, {}
for _, year in ipairs(model.years) do
  if year >= 2022 then
    rates[year] = cao_rates[year] or 0.02
    prices[year] = inflation[year] or 0.02
    bbaz[year] = -0.015
  end
end
cao{rates = rates, compensation = 0.6}
index{kind = "procurement", rates = prices}
index{kind = "other_cost", rates = prices}
index{categories = {"BBAZ"}, rates = bbaz}

-- How sure the package is, for a run with --iterations (make run draws 10,000): the
-- plans as in base.lua, the board's merger less sure than a department's plan, and one
-- measure in ten a year late (docs/uncertainty.md). Without --iterations this call
-- changes nothing.
uncertainty{
  status = {
    decided = {dist = "beta", mean = 0.9, sd = 0.1},
    planned = {dist = "beta", mean = 0.7, sd = 0.15},
    idea    = {dist = "beta", mean = 0.4, sd = 0.2},
  },
  unit = {[model.root] = {dist = "pert", min = 0.3, mode = 0.7, max = 1}},
  slip = 0.1,
}
