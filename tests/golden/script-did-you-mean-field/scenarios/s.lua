-- "unit" where the lever takes "units".
hiring_freeze{unit = "DIV1"}
