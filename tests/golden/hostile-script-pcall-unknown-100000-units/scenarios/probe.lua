-- Lookups of units the model does not have, under pcall, 20,000 times in a model of
-- 100,000 units: each error's did-you-mean searched every unit at once, in C, outside the
-- instruction budget (4 ms a call: the CPU-time limit ended the script). It is searched
-- only for the error that is reported.
scenario{name = "probe"}
local failed = 0
for i = 1, 20000 do
	if not pcall(model.baseline, "X" .. i) then failed = failed + 1 end
end
print(failed)
print(model.baseline("U00001"))
