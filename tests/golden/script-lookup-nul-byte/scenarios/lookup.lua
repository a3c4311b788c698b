-- A lookup by a code with a NUL byte in it: the C side saw only the bytes before the NUL
-- and found unit DIV1 (and measure M1); a name with a NUL is no name of the model.
print(model.measure("M1\0junk") ~= nil)
print(model.baseline("DIV1\0junk"))
