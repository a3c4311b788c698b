-- attrition is required.
hiring_freeze{from = 2023}
