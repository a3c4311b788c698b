-- max_fte = 0.5 (see optimise-known's known.lua for the costs and the sets): C1 alone
-- reduces 1 FTE, so the cheapest set C1+C2 (15,000) is barred; of the sets without C1
-- that reach 140,000, C2+C4 (150,000, 0.5 FTE, 27,000) is cheaper than C3+C4 (140,000,
-- 0.5 FTE, 42,000) and C2+C3+C4 (47,000). At most means 0.5 itself is allowed.
scenario{name = "fte"}
uncertainty{unit = {LUMC = {dist = "fixed", value = 1}}}
optimise{probability = 0.9, iterations = 50, fte_cost = 10000,
         impact_cost = {geen = 0, LAAG = 5000, midden = 20000, hoog = 90000},
         one_off_weight = 0.5, max_fte = 0.5}
