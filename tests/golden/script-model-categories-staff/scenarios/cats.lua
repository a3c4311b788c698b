-- model.categories(): staff is "employed" or "hired" for a personnel category (PERS has
-- an empty staff cell: employed, the default) and nil for every other kind.
scenario{name = "cats"}
for _, c in ipairs(model.categories()) do
  print(c.code, c.kind, c.label, tostring(c.staff))
end
-- the staff on the payroll, as a script would pick them for its own sums
local employed = {}
for _, c in ipairs(model.categories()) do
  if c.staff == "employed" then employed[#employed + 1] = c.code end
end
print("employed: " .. table.concat(employed, ", "))
