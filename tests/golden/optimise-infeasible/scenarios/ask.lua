-- Without C1 and C4 (see optimise-known) the rest saves 110,000 of the 140,000 asked: no
-- set reaches the target in any draw, and the refusal names the best share, 0%.
scenario{name = "infeasible"}
uncertainty{unit = {LUMC = {dist = "fixed", value = 1}}}
optimise{probability = 0.5, iterations = 50, never = {"C1", "C4"}}
