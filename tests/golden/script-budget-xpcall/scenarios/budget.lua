-- xpcall with a handler that swallows the error: the run fails all the same.
scenario{name = "budget"}
print(xpcall(function()
  while true do end
end, function(m) return "swallowed" end))
