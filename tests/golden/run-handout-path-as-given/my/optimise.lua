-- A hand-out of a scenario with optimise{}, run as my/optimise.lua: refused at line 3.
scenario{name = "optimise"}
optimise{iterations = 20}
