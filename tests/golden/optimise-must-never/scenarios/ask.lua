scenario{name = "bad"}
optimise{must = {"C2"}, never = {"C3", "C2"}}
