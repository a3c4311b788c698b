-- combined.lua: the board's package on top of the departments' plans.
--
-- 1. Ideas are not plans: every measure still at status "idea" counts for half.
-- 2. A top-down measure of the board: merging the divisions' support services
--    (pillar 2), EUR 3M a year from 2024, half of it in 2023.
-- 3. A hiring freeze in Divisie 2 from July 2023 (SEH and intensive care exempt).
-- 4. 5% off medical supplies, phased in over 2023-2024.
-- 5. CAO rises of 3% / 3.5% / 2.5% then 2%, 60% compensated; inflation on procurement.
-- Does the package close the gap to EUR 54M, and what does it do to the result?
scenario{name = "combined", description = "board package: ideas at half, top-down measure, freeze, cut, CAO"}

-- Units are found by name; a name the model version does not have (a synthetic model
-- has no SEH) is left out of the exemptions, but the division itself must exist.
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

adjust{where = {status = "idea"}, scale = 0.5}

local support = {}
for _, year in ipairs(model.years) do
  if year == 2023 then support[year] = 1500000 elseif year >= 2024 then support[year] = 3000000 end
end
measure{
  id = "TD-001", unit = model.root, pillar = 2, category = "PERS-OVERIG",
  title = "Samenvoegen ondersteunende diensten van de divisies",
  nature = "structural", status = "planned", fte = 35, amounts = support,
}

hiring_freeze{
  units = unit_named("Divisie 2"),
  exempt = exempt_units({"SEH", "Intensive care"}),
  from = "2023-07", to = "2024-06", attrition = 0.08,
}

procurement_cut{categories = {"MEDMAT"}, rate = 0.05, from = 2023, phase_in = 2}

local cao_rates = {[2022] = 0.03, [2023] = 0.035, [2024] = 0.025}
local rates, prices = {}, {}
for _, year in ipairs(model.years) do
  if year >= 2022 then
    rates[year] = cao_rates[year] or 0.02
    prices[year] = 0.02
  end
end
cao{rates = rates, compensation = 0.6}
index{kind = "procurement", rates = prices}
