-- optimise{} called through pcall, a C function: its line is the script line of the call
-- (as adopt{} and the levers, script-adopt-pcall-line), in optimise_summary.csv and in the
-- message of a second call (r18b-attack).
scenario{name = "pcall"}
uncertainty{unit = {LUMC = {dist = "fixed", value = 1}}}
print(pcall(optimise, {probability = 0.9, iterations = 50, fte_cost = 10000,
                       impact_cost = {laag = 5000, midden = 20000, hoog = 90000},
                       one_off_weight = 0.5}))
print(pcall(optimise, {iterations = 50}))
