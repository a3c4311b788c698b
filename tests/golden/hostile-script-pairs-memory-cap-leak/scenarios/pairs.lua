-- pairs() over 100,000 keys with a 5 MB memory cap: the cap is hit while
-- pairs sorts the keys. The run must fail with the cap's message and leak
-- nothing (the sorted key array is C memory outside the Lua allocator).
local t = {}
for i = 1, 100000 do t[i] = i end
for k, v in pairs(t) do end
