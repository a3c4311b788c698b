scenario{name = "bad"}
optimise{probability = 1}
