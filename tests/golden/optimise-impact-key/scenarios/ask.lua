scenario{name = "bad"}
optimise{impact_cost = {geen = 0, lag = 5}}
