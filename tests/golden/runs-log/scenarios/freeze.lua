-- A scenario with a lever, so that the record has a few outputs to verify.
scenario{name = "freeze"}
hiring_freeze{units = "DIV2", from = "2022-01", to = "2022-12", attrition = 0.12}
procurement_cut{units = "DIV1", rate = 0.05}
