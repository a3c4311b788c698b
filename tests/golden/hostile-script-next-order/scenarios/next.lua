-- next() walked a table in hash order, which Lua seeds anew on every run: a script that
-- used it printed something else each time, and verify found a difference. It now walks
-- in the same sorted key order as pairs (numbers, then strings by bytes).
local t = {}
for i, k in ipairs{"m", "b", "q", "a", "z", "k", "c", "x", "e", "w", "g", "u", "i", "s", "o",
                   "d", "y", "f", "v", "h"} do t[k] = i end
t[3], t[1.5], t[-2] = "three", "one and a half", "minus two"
print(next(t))
local out = {}
for k, v in next, t do out[#out + 1] = tostring(k) .. "=" .. tostring(v) end
print(table.concat(out, " "))
t.k = nil
print(next(t, "h"), next(t, "z"), next({}))
print(pcall(next, t, "nokey"))
print(pcall(next, {[{}] = 1}))
