-- Every saving fixed (the whole tree's rule), so each set reaches the target or not: the
-- plan saves 60,000 from 2023, the target is 200,000, so the chosen set must save 140,000.
-- Costs: C1 10,000 (1 FTE x 10,000), C2 5,000 (laag), C3 20,000 (midden), C4 22,000
-- (0.5 FTE x 10,000 + 0.5 x 34,000). Sets that reach it: C1+C2 160,000 for 15,000 (the
-- cheapest), C1+C3 30,000, C2+C4 27,000, C1+C4 32,000, C3+C4 42,000, and larger ones.
scenario{name = "known"}
uncertainty{unit = {LUMC = {dist = "fixed", value = 1}}}
optimise{probability = 0.9, iterations = 50, fte_cost = 10000,
         impact_cost = {geen = 0, LAAG = 5000, midden = 20000, hoog = 90000},
         one_off_weight = 0.5}
