-- A cut of 200% (rate=2, meant 2%?) is refused at the line. It used to run, and on the
-- largest amount overflowed (the guard is tested in test_scenario, cut_overflow_guard).
scenario{name="bad"}

procurement_cut{units="AFD1", rate=2, from=2025}
