-- A lever or adopt{} called through pcall is recorded at the script line of the call,
-- not at pcall's (a C function's line is -1): the warning names lines 5 and 4.
scenario{name = "s"}
print(pcall(procurement_cut, {units = "DIV2", rate = 0.05}))
print(pcall(adopt, {"K2"}))
