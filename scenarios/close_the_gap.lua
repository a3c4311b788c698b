-- close_the_gap: which of the ideas in candidates/ should the board adopt so that the
-- organisation reaches its EUR 54M target in 2024, and holds it in every later year, with
-- at least 80% certainty, at the least cost in jobs, patient impact and one-off money?
-- On top of a procurement cut of 15% from 2023, optimise{} chooses among the (synthetic)
-- candidates of budgets/candidates/ (docs/scenarios.md, "optimise"). The figures below
-- are the board's prices, illustrative: a job lost weighs EUR 100,000, a patient impact
-- from nothing to EUR 1M ("hoog"), and a euro of one-off money a fifth of a structural one.
scenario{name = "close_the_gap", description = "de goedkoopste keuze uit de ideeën die de taakstelling met 80% zekerheid haalt"}

procurement_cut{units = model.root, rate = 0.15, from = 2023}

optimise{
  probability = 0.8,
  fte_cost = 100000,
  impact_cost = {geen = 0, laag = 50000, midden = 250000, hoog = 1000000},
  one_off_weight = 0.2,
  -- 2,000 draws (the default) and the trade-off at 50, 70, 80 and 90%: under a second on
  -- two cores, every answer proven (docs/performance.md, "Optimiser").
}
