-- An id in the wrong case: the candidate is suggested.
adopt{"K1", "k2"}
