-- A misspelt function name is a call of nil.
procurment_cut{rate = 0.05}
