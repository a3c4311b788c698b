-- Catching the budget's error does not buy more instructions: the run fails.
local ok, err = pcall(function()
  while true do end
end)
print("caught:", ok)
procurement_cut{rate = 0.05}
