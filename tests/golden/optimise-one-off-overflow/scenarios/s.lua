-- C2's one-off cost is the limit of money itself: with DIV2's medical costs of its first
-- year with a saving (2023) the projection overflows, reported at C2's one_off_cost_eur.
scenario{name = "s"}
adopt{"C1", "C2", "C3"}
