-- A CAO of 99% a year (allowed with allow_large=true), agreed four times over for twenty
-- years: the price factor (1 + rate, the four calls multiplied) compounds past int64 parts
-- per million. The message had no line; it names the cao{} call.
scenario{name="bad"}
local r = {}
for y = 2025, 2044 do r[y] = 0.99 end
for k = 1, 4 do cao{rates=r, allow_large=true} end
