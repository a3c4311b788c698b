scenario{name = "bad"}
optimise{}
optimise{probability = 0.5}
