scenario{name = "bad"}
optimise{must = {"C1", "C5"}}
