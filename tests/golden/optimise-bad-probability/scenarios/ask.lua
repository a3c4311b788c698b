scenario{name = "bad"}
optimise{probability = 80}
