-- Strings a script hands to fitplan are text as the files' are: valid UTF-8, no NUL, no
-- character XML forbids, titles and descriptions at most 32,767 characters. Each refusal
-- is printed through pcall; the last one is not caught and stops the script at its line.
local function try(f, t)
  local ok, msg = pcall(f, t)
  print(ok, msg)
end
local function m(id, t)
  t.id, t.category, t.amounts = id, "PROC", {[2023] = 1}
  t.unit = t.unit or "ANES"
  return t
end
try(measure, m("S1", {title = "bell\7"}))
try(measure, m("S2", {title = "not a character \u{FFFF}"}))
try(measure, m("S3", {title = "lone surrogate \u{D800}"}))
try(measure, m("S4", {title = string.rep("x", 32768)}))
try(measure, m("S5", {title = "NUL in a code", unit = "ANES\0DIV1"}))
try(scenario, {description = "Latin-1 \xe9"})
try(scenario, {description = "NUL\0byte"})
-- Tab, line breaks and emoji are text: these go through.
measure(m("S6", {title = "tab\there\nand a line\r\n"}))
scenario{name = "strings", description = "a \u{1F600} line\nand another"}
scenario{description = "escape \27[31m red"}
