-- 2^40 bytes: more than a Lua string can hold.
local s = string.rep("x", 2^40)
