-- AFD1 has no target in any year (targets.csv sets LUMC's only): there is nothing to reach,
-- so the ask is refused at its line, not answered "0 of 4 candidates, in sample 100.0%,
-- out of sample 100.0%" as if the target were certain (r18b-attack).
scenario{name = "notarget"}
optimise{unit = "AFD1", iterations = 50}
