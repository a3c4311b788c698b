-- A scope of 200,000 units (one department again and again) costs its lever a look at
-- every one of them for every baseline row, in C, after the script: 500 cuts over it on
-- the default model were 500 x 200,000 x 728 steps that the instruction budget never saw.
scenario{name="scope"}
local u = {}
for i = 1, 200000 do u[i] = "ANES" end
for i = 1, 500 do
  procurement_cut{units = u, rate = 0.01}
end
