-- must names C1, which adopt{} already put in the plan (optimise-known's model): the ask
-- is met with it (C1 saves 100,000 of the 140,000 needed; C2 adds 60,000 for 5,000), and
-- the line gets a warning that must's C1 is in the plan already.
scenario{name = "must"}
uncertainty{unit = {LUMC = {dist = "fixed", value = 1}}}
adopt{"C1"}
optimise{probability = 0.9, iterations = 50, fte_cost = 10000,
         impact_cost = {geen = 0, LAAG = 5000, midden = 20000, hoog = 90000},
         one_off_weight = 0.5, must = {"C1"}}
