-- string.rep of an empty string (and an empty separator) copies nothing, but counted
-- to 2^62 in C, outside the instruction budget: it ran for ages. The result is "".
print(#string.rep("", 2^62), #("").rep("", 2^62, ""), #string.rep("", 3), #string.rep("", 0))
print(string.rep("ab", 3, ","), string.rep("", 3, ","), string.rep("x", 1e6):len())
