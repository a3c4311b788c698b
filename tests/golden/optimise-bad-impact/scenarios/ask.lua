-- C3's patient_impact "onbekend" is no key of impact_cost: an error at its line.
scenario{name = "bad"}
optimise{iterations = 50}
