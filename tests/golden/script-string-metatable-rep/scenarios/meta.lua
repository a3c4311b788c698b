-- Nor its __index table.
local rep = getmetatable("").__index.rep
