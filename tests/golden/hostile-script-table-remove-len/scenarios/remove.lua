-- table.remove(t, pos) shifts #t - pos elements in C; with a __len of 2^62 that ran for
-- ages, outside the instruction budget. The elements it shifts now count against it.
local t = {"a", "b", "c", "d"}
print(table.remove(t, 1), table.remove(t), table.concat(t, ","), table.remove({}))
local big = setmetatable({}, {__len = function() return 2^62 end})
table.remove(big, 1)
