-- Says that it runs (the wrapper edits the inputs then), then computes for a while.
scenario{name="slow"}
print("computing")
local x = 0
for i = 1, 30000000 do x = x + i % 7 end
