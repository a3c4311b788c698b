-- A cut of 200% of the largest amount overflows: the message had no line.
scenario{name="bad"}

procurement_cut{units="AFD1", rate=2, from=2025}
