-- The same candidate twice, in two calls.
adopt{"K1"}
adopt{"K2", "K1"}
