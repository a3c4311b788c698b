-- Each measure{} keeps its id, title and amounts in C, outside the Lua state whose
-- memory --max-memory caps: 20,000 measures with a title of 32,000 bytes are 640 MB.
scenario{name="titles"}
local title = string.rep("x", 32000)
for i = 1, 20000 do
  measure{id = "X" .. i, unit = "DIV1", title = title, category = "PERS",
          amounts = {[2023] = 1}}
end
