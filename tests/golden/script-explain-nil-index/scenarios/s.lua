-- model.unit of a unit that does not exist returns nil; indexing it fails.
local u = model.unit("DIV9")
scenario{name = u.name}
