-- No dofile.
dofile("budgets/model.csv")
