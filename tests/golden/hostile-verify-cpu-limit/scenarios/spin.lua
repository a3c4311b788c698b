-- Computes for a few seconds of CPU time (about 400 million instructions).
scenario{name="spin"}
local x = 0
for i = 1, 100000000 do x = x + i % 7 end
