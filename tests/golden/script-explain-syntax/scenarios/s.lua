-- A keyword where a value belongs: Lua meets 'until' after '='.
local x = 1
if x > 0 then
	x = until
end
