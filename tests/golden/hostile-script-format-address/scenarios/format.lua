-- string.format("%p") printed a memory address, and "%s" of a table or function the
-- "table: 0x..." that tostring hides: output that differs on every run.
print(string.format("[%s] [%s] [%8.3s]", {}, print, setmetatable({}, {__name = "N"})))
print(string.format("[%s]", setmetatable({}, {__tostring = function() return "mine" end})))
print(pcall(string.format, "%d %p", 1, {}))
print(string.format("%%p is not a conversion: %s", "fine"))
local s = string.format("%p", print)
