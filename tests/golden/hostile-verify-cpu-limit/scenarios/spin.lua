-- Computes for a few seconds of CPU time (about 1.2 billion instructions).
scenario{name="spin"}
local x = 0
for i = 1, 300000000 do x = x + i % 7 end
