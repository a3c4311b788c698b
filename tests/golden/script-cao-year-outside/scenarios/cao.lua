-- 1999 is not a plan year of the model (2022-2025).
cao{rates = {[1999] = 0.1}}
