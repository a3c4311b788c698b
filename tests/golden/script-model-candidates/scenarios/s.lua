-- model.candidates{}: the candidates with their one-off cost, filtered as model.measures;
-- adopting the ideas of AFD1 by a loop over them.
for _, c in ipairs(model.candidates{unit = "DIV1"}) do
  print(c.id, c.unit, c.category, c.status, c.fte, c.amounts[2023], c.one_off_cost,
        c.extra.patient_impact)
  adopt{c.id}
end
print(#model.candidates(), #model.candidates{status = "idea"}, model.measures{unit = "AFD1"}[1].one_off_cost)
