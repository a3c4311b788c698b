-- A misspelt category code.
procurement_cut{categories = {"MEDS"}, rate = 0.05}
