-- print() writes to standard output, tab-separated; pairs() iterates in sorted order.
scenario{name = "prints", description = "what a script prints"}
local t = {zeta = 1, alpha = 2, [10] = "ten", [2] = "two", [-1.5] = "neg", Beta = true}
for k, v in pairs(t) do print(k, v) end
print(1, 2.5, nil, "x", false)
print(model.name, model.root, model.target_year, #model.years)
for _, u in ipairs(model.units()) do
  print(u.code, u.depth, model.baseline(u.code), model.fte(u.code), model.cost_per_fte(u.code))
end
print(model.savings("LUMC"), model.target("LUMC"), model.baseline("LUMC", "revenue"))
