-- fte_cost = EUR 90,000,000,000,000,000 (see optimise-known's known.lua): C1 (1 FTE) costs
-- 90,000,000,000,000,000.00, within the limit of money alone, and C4 (0.5 FTE) half of it;
-- must both: together they pass the limit of 92,233,720,368,547,758.07, and the sum of the
-- set wrapped (its cost was reported as a negative amount): refused at this line (r18-attack).
scenario{name = "big"}
uncertainty{unit = {LUMC = {dist = "fixed", value = 1}}}
optimise{probability = 0.9, iterations = 50, fte_cost = 90000000000000000,
         impact_cost = {geen = 0, LAAG = 5000, midden = 20000, hoog = 90000},
         one_off_weight = 0.5, must = {"C1", "C4"}}
