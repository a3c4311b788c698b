-- The loop runs inside a helper: the message names the loop's line, not the call's.
local function spin()
  local x = 0
  while true do x = x + 1 end
end

procurement_cut{rate = 0.05}
spin()
