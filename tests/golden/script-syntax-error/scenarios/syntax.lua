-- A syntax error on line 4.
scenario{name = "syntax"}
procurement_cut{rate = 0.05}
local x = = 1
