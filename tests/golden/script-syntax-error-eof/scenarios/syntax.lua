-- A function that is never closed: Lua reports it at the end of the file.
local function f()
  return 1

procurement_cut{rate = 0.05}
