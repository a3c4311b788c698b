-- No load: a script cannot compile code at run time.
local f = load("return 1")
