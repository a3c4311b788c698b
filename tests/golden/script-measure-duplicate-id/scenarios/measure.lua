-- M1 is a measure of the model already.
measure{id = "M1", unit = "DIV1", title = "again", category = "MED", amounts = {[2023] = 1}}
