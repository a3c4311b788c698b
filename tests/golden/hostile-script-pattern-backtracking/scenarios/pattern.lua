-- A pattern that backtracks over a long subject ran for minutes in C, outside the
-- instruction budget. The pattern functions refuse a call whose worst case passes the cap.
local s = string.rep("a", 1e6)
print(pcall(string.match, s, ".-.-.-.-b"))
print(pcall(string.gmatch, s, "(a*)*b"))
print(pcall(string.gsub, s, "a-a-b", ""))
print(pcall(string.find, string.rep("a", 1e5), string.rep("a", 1e4) .. "b", 1, true))
-- Ordinary patterns on ordinary subjects are not refused.
local line = "  ANES, CHIR ,KNO,  OOG  "
local codes = {}
for c in line:gmatch("[^,]+") do codes[#codes + 1] = c:match("^%s*(.-)%s*$") end
print(table.concat(codes, "|"), (line:gsub("%s+", " ")), line:find("KNO", 1, true))
print(string.rep("x", 1e6):gsub("x", "y"):len(), ("%d+"):rep(3), ("2024-01-31"):match("^(%d+)-(%d+)-(%d+)$"))
local long = string.rep("word ", 2000)
print(select(2, long:gsub("%w+", "")), #long:match("^%s*(.-)%s*$"))
string.find(s, ".-.-.-.-b")
