-- No loadfile.
local f = loadfile("scenarios/loadfile.lua")
