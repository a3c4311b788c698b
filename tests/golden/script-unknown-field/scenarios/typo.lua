-- A misspelt field name is an unknown field, not a silent default.
procurement_cut{rat = 0.05}
