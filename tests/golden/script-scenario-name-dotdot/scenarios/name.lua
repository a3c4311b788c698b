-- The scenario's name becomes a folder of the run: ".." would write beside it.
scenario{name = ".."}
