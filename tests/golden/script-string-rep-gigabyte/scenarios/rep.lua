-- 1 GiB: a valid string length, stopped by the 16 MB cap.
scenario{name = "rep"}
local s = string.rep("x", 2^30)
