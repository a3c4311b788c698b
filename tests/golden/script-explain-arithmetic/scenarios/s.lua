-- Arithmetic with a field that is not there.
local rates = {personnel = 0.02}
local r = rates.procurement * 2
