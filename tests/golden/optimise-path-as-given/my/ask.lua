-- Run as my/ask.lua, not scenarios/ask.lua: the refusal of optimise{}, made after the
-- script ran, names the script as the user gave it, as the errors while it runs do.
-- Without C1 and C4 no set reaches the target (see optimise-infeasible).
scenario{name = "ask"}
uncertainty{unit = {LUMC = {dist = "fixed", value = 1}}}
optimise{probability = 0.5, iterations = 50, never = {"C1", "C4"}}
