scenario{name = "freeze"}
hiring_freeze{units = "DIV2", from = "2022-01", to = "2022-12", attrition = 0.12}
