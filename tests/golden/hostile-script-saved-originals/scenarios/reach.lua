-- Every name a script can reach: the globals and the tables of the libraries. The
-- sandbox kept the real setmetatable and math.randomseed under "\1setmetatable" and
-- "\1randomseed", where a script could find them (pairs(_G) listed them) and set a
-- looping __gc (run in lua_close, outside the instruction budget) or seed math.random
-- from the clock.
local function list(name, t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = string.format("%q", k) end
  print(name .. ": " .. table.concat(keys, " "))
end
list("_G", _G)
for _, lib in ipairs{"string", "table", "math", "utf8", "model"} do list(lib, _G[lib]) end
print(rawget(_G, "\1setmetatable"), rawget(math, "\1randomseed"))
