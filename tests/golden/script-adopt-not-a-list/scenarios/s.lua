-- A table with keys, not a list of ids.
adopt{id = "K1"}
