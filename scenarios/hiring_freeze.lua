-- hiring_freeze.lua: a hiring freeze (vacaturestop) in Divisie 2 from July 2023.
--
-- Vacancies that open through natural attrition (8% of the staff a year) are not refilled
-- for twelve months, July 2023 to June 2024. The emergency department (SEH) and intensive
-- care keep hiring. The freeze's saving is netted against the plan's measures of the same
-- personnel category and nature, wherever in the tree they are booked (docs/scenarios.md,
-- "No double counting"), so nothing is counted twice; hired staff (INHUUR) are left out.
-- Its savings are incidental in 2023 and structural from 2024, the year the reduction is
-- reached.
scenario{name = "hiring_freeze",
         description = "vacaturestop Divisie 2, 2023-07 to 2024-06, 8% attrition"}

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

hiring_freeze{
  units = unit_named("Divisie 2"),
  exempt = exempt_units({"SEH", "Intensive care"}),
  from = "2023-07",
  to = "2024-06",
  attrition = 0.08,
}
