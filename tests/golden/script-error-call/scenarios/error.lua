-- error() with a message: the line of the call.
local function check(v)
  if v < 0 then
    error("negative amount " .. v)
  end
end
check(1)
check(-5)
