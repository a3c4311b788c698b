-- A failed adopt{} caught by pcall adopts nothing, not the entries before the bad one:
-- each call below fails at its second entry, so K1, K2 and K3 may all be adopted after.
print(pcall(adopt, {"K1", "NOPE"}))
print(pcall(adopt, {"K2", "K2"}))
print(pcall(adopt, {"K3", "M1"}))
print(pcall(adopt, {"K3", 7}))
adopt{"K1", "K2", "K3"}
