-- A CAO of 1000% a year for twenty years: the price factor (1 + rate) compounds past int64
-- parts per million. The message had no line; it names the cao{} call.
scenario{name="bad"}
local r = {}
for y = 2025, 2044 do r[y] = 10 end
cao{rates=r}
