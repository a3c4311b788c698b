-- A misspelt function of the model table.
local u = model.unti("DIV1")
