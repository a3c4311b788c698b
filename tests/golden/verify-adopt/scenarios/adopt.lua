-- A run that adopted candidates: verify re-reads them from the record and re-runs it.
scenario{name = "adopt"}
hiring_freeze{units = "DIV2", from = "2022-01", to = "2022-12", attrition = 0.12}
adopt{"K1", "K2", "K3"}
