-- Catching the memory error does not make the script fit: the run fails.
local t = {}
local ok = pcall(function()
  for i = 1, 1e9 do t[i] = string.rep("x", 1000) end
end)
t = nil
print("caught:", ok)
