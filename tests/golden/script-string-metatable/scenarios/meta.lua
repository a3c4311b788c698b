-- The string metatable cannot be reached: getmetatable("") is false.
print(getmetatable(""))
print(("ab"):rep(2))
getmetatable("").__index = {rep = function() return "pwned" end}
