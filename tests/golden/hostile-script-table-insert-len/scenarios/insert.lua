-- table.insert(t, pos, v) shifts #t - pos elements in C; with a __len of 2^62 that ran for
-- ages, outside the instruction budget. The elements it shifts now count against it.
local t = {"b", "c"}
table.insert(t, 1, "a")
table.insert(t, "d")
print(table.concat(t, ","), pcall(table.insert, t, 9, "x"))
local big = setmetatable({}, {__len = function() return 2^62 end})
table.insert(big, 1, "x")
