-- Table keys have no order: pairs refuses them.
local t = {}
t[{}] = 1
for k, v in pairs(t) do print(k, v) end
