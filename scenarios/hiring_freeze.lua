-- hiring_freeze.lua: a hiring freeze (vacaturestop) on support, research and education
-- staff in Divisie 2 from July 2023.
--
-- Care staff are the scarcest on the labour market (applicants to LUMC nearly halved from
-- 2020 to 2021 while the vacancies stayed level; annual report 2021), so a freeze that
-- stops care posts being refilled is neither realistic nor safe. This one leaves care
-- roles out: it freezes only the division's employed staff of research, education and
-- support (category PERS-OVERIG), where refilling a post is a choice. The patient-facing
-- service of dietetics, social work and patient service (DDMP, in Divisie 2) keeps
-- hiring. Vacancies that open through natural attrition (8% of the staff a year, an
-- assumption to vary) are not refilled for twelve months, July 2023 to June 2024, and the
-- posts are gone from then on. Research posts paid from grants would take their funding
-- with them; the example assumes the frozen posts are paid from LUMC's own budget.
--
-- The freeze's saving is netted against the plan's measures on PERS-OVERIG of the same
-- nature, wherever in the tree they are booked (docs/scenarios.md, "No double
-- counting"), so nothing is counted twice. Its savings are incidental in 2023 and
-- structural from 2024, the year the reduction is reached. In the default model it saves
-- EUR 2.67M gross a year from 2025 (7.7% of the EUR 34.6M it reaches), of which
-- EUR 0.99M the division's own plans save already: it adds EUR 1.68M a year and 21.2 FTE
-- (EUR 1.41M in 2024, when the gap to EUR 54M falls from EUR 6.50M to EUR 5.09M).
scenario{name = "hiring_freeze",
         description = "vacaturestop Divisie 2, non-care staff (PERS-OVERIG), 2023-07 to 2024-06, 8% attrition"}

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

hiring_freeze{
  units = unit_named("Divisie 2"),
  categories = {"PERS-OVERIG"},
  exempt = exempt_units({"Dienst diëtetiek, maatschappelijk werk en patiëntenservice"}),
  from = "2023-07",
  to = "2024-06",
  attrition = 0.08,
}
