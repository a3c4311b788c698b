-- The candidates file writes its column names in capitals, as a spreadsheet might
-- (Measure, ..., One_Off_Cost_EUR, Patient_Impact): the known columns are found ignoring
-- case, and so must patient_impact be, or every candidate's impact costs 0 without a word.
-- Either candidate reaches the target (the plan 60,000 + 150,000 of 200,000); K2 (laag,
-- 10) is the cheaper, K1 costs 1,000,000 (hoog) + 500 (one-off) (r18b-attack).
scenario{name = "case"}
uncertainty{unit = {LUMC = {dist = "fixed", value = 1}}}
optimise{iterations = 20, impact_cost = {hoog = 1000000, laag = 10}}
