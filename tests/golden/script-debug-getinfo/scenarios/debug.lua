-- No debug library.
local info = debug.getinfo(1)
