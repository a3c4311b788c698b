-- The cost base of docs/scenarios.md on a small model: hired staff (INH) are left out of
-- a hiring freeze's default scope and of cao{}; depreciation (AFS) is a cost of the result,
-- not indexed by index{kind="other_cost"} and no cash (docs/treasury.md).
scenario{name = "costbase"}
hiring_freeze{units = "AFD1", from = "2022-01", to = "2022-12", attrition = 0.12}
cao{rates = {[2022] = 0.03}}
index{kind = "other_cost", rates = {[2022] = 0.10}}
