-- A plain scenario: the model and the folder are what start as a formula.
scenario{name = "s"}
