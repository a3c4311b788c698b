-- allocate_targets.lua: spread the organisation's target top-down.
--
-- The root's target for the target year (EUR 54M in the default model) is shared out over
-- the divisions and directorates pro rata their controllable costs (personnel and
-- procurement in the base year), and each division's share again over its departments and
-- services. Education (the directorate Onderwijs en Opleidingen) is exempt; no assignment is
-- below EUR 50,000 (the floor is met first, the rest is shared pro rata). Amounts are whole
-- euros; the rounding remainder goes to the largest remainders, so the assignments add up
-- exactly. The script prints each unit's assignment next to its plan (the structural
-- savings of its measures in the target year), and the assignments become the scenario's
-- targets, so consolidated.csv shows the gap per unit against them.
scenario{name = "allocate_targets", description = "root target pro rata controllable costs, floor EUR 50,000"}

local FLOOR = 50000
local EXEMPT = {["Onderwijs en Opleidingen"] = true}
local year = model.target_year

local function controllable(code)
  return model.baseline(code, "personnel") + model.baseline(code, "procurement")
end

-- Share `total` (whole euros) over `codes`: floors first, then pro rata `weight`, then the
-- remainder euro by euro to the largest fractions (ties by code, so the result is fixed).
local function share(total, codes)
  local result, weights, sum = {}, {}, 0
  local eligible = {}
  for _, c in ipairs(codes) do
    result[c] = 0
    if not EXEMPT[model.unit(c).name] then
      eligible[#eligible + 1] = c
      weights[c] = controllable(c)
      sum = sum + weights[c]
    end
  end
  if #eligible == 0 then return result end
  local rest = total - FLOOR * #eligible
  if rest < 0 then error("the floor of " .. FLOOR .. " leaves no room for " .. total) end
  local given, fractions = 0, {}
  for _, c in ipairs(eligible) do
    local exact = sum > 0 and rest * weights[c] / sum or rest / #eligible
    local whole = math.floor(exact)
    result[c] = FLOOR + whole
    given = given + whole
    fractions[#fractions + 1] = {code = c, frac = exact - whole}
  end
  table.sort(fractions, function(a, b)
    if a.frac ~= b.frac then return a.frac > b.frac end
    return a.code < b.code
  end)
  for i = 1, rest - given do
    local c = fractions[(i - 1) % #fractions + 1].code
    result[c] = result[c] + 1
  end
  return result
end

local root = model.unit(model.root)
local total = model.target(root.code, year)
if not total then error("the root has no target in " .. year) end

-- Names are padded by characters, not bytes ("Financiën"), to the longest name.
local width = 4
for _, u in ipairs(model.units()) do width = math.max(width, utf8.len(u.name) or #u.name) end
local function padded(name)
  return name .. string.rep(" ", width - (utf8.len(name) or #name))
end

local function line(code, depth, amount)
  local u = model.unit(code)
  local plan = model.savings(code, year)
  print(string.format("%-16s %s %14d %14d %14d", string.rep("  ", depth) .. code,
                      padded(u.name), math.floor(amount), math.floor(plan),
                      math.floor(amount - plan)))
end

print(string.format("%-16s %s %14s %14s %14s", "unit", padded("name"), "assignment",
                    "plan " .. year, "gap"))
line(root.code, 0, total)
local top = share(math.floor(total), root.children)
for _, code in ipairs(root.children) do
  target{unit = code, year = year, amount = top[code]}
  line(code, 1, top[code])
  local u = model.unit(code)
  if #u.children > 0 and top[code] > 0 then
    local below = share(top[code], u.children)
    for _, child in ipairs(u.children) do
      target{unit = child, year = year, amount = below[child]}
      line(child, 2, below[child])
    end
  end
end
