-- model.baseline of a unit the model does not have.
local function base(u) return model.baseline(u) end
print(base("LUMC"))
print(base("NOPE"))
