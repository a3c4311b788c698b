-- Month 13 does not exist.
hiring_freeze{from = "2023-13", attrition = 0.08}
