-- A run that adopted candidates, its recorded candidate file changed: the run hash catches it.
scenario{name = "adopt"}
hiring_freeze{units = "DIV2", from = "2022-01", to = "2022-12", attrition = 0.12}
adopt{"K1", "K2", "K3"}
