-- long enough to be interrupted: about two seconds of Lua
scenario{name="slow"}
for i = 1, 6e8 do end
