-- The budget's error is raised from the count hook, where Lua calls the message handler
-- with hooks off: a handler that loops was never stopped.
print(xpcall(function() while true do end end, function() while true do end end))
