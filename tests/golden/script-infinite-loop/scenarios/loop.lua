-- A script that never ends: the instruction budget stops it at the loop's line.
scenario{name = "loop"}
local n = 0
while true do
  n = n + 1
end
