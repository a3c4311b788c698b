-- A script outside scenarios/: the run's summary names it my/freeze.lua, as given (the
-- record keeps it as inputs/scenarios/freeze.lua), and lists levers.csv with the rest.
scenario{name = "freeze"}
hiring_freeze{units = "DIV2", from = "2022-01", to = "2022-12", attrition = 0.12}
