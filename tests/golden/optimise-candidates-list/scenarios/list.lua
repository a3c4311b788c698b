-- candidates = {C1, C3, C4} (see optimise-known's known.lua): C2 is not considered (not
-- in optimise.csv), so the cheapest set C1+C2 (15,000) is out; of the pairs of the three,
-- all reaching 140,000, C1+C3 (30,000) is cheaper than C1+C4 (32,000) and C3+C4
-- (42,000), and any set of all three costs more (52,000).
scenario{name = "list"}
uncertainty{unit = {LUMC = {dist = "fixed", value = 1}}}
optimise{probability = 0.9, iterations = 50, fte_cost = 10000,
         impact_cost = {geen = 0, LAAG = 5000, midden = 20000, hoog = 90000},
         one_off_weight = 0.5, candidates = {"C4", "C1", "C3"}}
