-- candidates lists only C1, which adopt{} adopted: nothing is left to choose from; the
-- plan with C1 does not reach the target (160,000 of 200,000), so the ask is refused, and
-- the line says first that C1 was adopted already.
scenario{name = "listed"}
uncertainty{unit = {LUMC = {dist = "fixed", value = 1}}}
adopt{"C1"}
optimise{probability = 0.9, iterations = 50, candidates = {"C1"}}
