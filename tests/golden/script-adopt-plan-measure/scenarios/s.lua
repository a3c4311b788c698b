-- M1 is in the plan already: not a candidate.
adopt{"M1"}
