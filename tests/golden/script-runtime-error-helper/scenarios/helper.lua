-- A runtime error in a helper: the line of the error, not of the call.
local function budget_of(u)
  return u.budget.total
end

local function total(units)
  local sum = 0
  for _, u in ipairs(units) do sum = sum + budget_of(u) end
  return sum
end

print(total({{budget = {total = 1}}, {}}))
