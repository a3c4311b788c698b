-- pcall catches the budget's error; the loop after it must still be stopped, not run for
-- ever (the hook must not be gone).
pcall(function() while true do end end)
local n = 0
while true do n = n + 1 end
