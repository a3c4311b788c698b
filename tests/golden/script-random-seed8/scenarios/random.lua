-- math.random is seeded from --seed: the same seed gives the same numbers and levers.
scenario{name = "random"}
local xs = {}
for i = 1, 6 do xs[i] = math.random(1, 1000000) end
print(table.concat(xs, " "))
local rate = math.random(10, 90) / 1000
print(rate)
procurement_cut{categories = {"MED"}, rate = rate}
