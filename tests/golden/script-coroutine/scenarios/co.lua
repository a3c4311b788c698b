-- No coroutine library.
local co = coroutine.create(function() end)
