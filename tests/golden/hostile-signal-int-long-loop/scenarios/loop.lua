-- A script that runs until it is stopped.
scenario{name = "base"}
local n = 0
while true do n = n + 1 end
