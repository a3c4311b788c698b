-- No string.dump: no bytecode from inside either.
local s = string.dump(function() return 1 end)
