-- table.move over 2^62 positions copied nils in C, outside the instruction budget: it
-- ran for ages. The elements it moves now count against the budget.
local t = table.move({1, 2, 3}, 1, 3, 2)
print(table.concat(t, ","), #table.move({1, 2}, 1, 2, 1, {}))
table.move({}, 1, 2^62, 2)
