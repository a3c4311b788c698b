-- A table with weak keys (an ephemeron table) lets a chain of entries make one garbage
-- collection quadratic, in C, outside the instruction budget (200,000 entries: 20 s).
-- setmetatable refuses __mode, as it refuses __gc.
print(pcall(setmetatable, {}, {__mode = "k"}))
print(pcall(setmetatable, {}, {__gc = false}))
print(getmetatable(setmetatable({}, {__index = {}})) ~= nil)
local cache = setmetatable({}, {__mode = "v"})
