-- A run with optimise{} over a stochastic plan (the default distributions) re-runs byte
-- for byte: the same draws, the same choice, the same check.
scenario{name = "verify"}
optimise{probability = 0.5, iterations = 50, fte_cost = 10000,
         impact_cost = {laag = 5000, midden = 20000}, one_off_weight = 0.5}
