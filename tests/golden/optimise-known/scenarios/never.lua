-- never C2 (see known.lua): C1+C3 for 30,000, cheaper than C2+C4 is barred, C1+C4 32,000.
scenario{name = "never"}
uncertainty{unit = {LUMC = {dist = "fixed", value = 1}}}
optimise{probability = 0.9, iterations = 50, fte_cost = 10000,
         impact_cost = {geen = 0, LAAG = 5000, midden = 20000, hoog = 90000},
         one_off_weight = 0.5, never = {"C2"}}
