-- inputs/ holds the run record's copies: "Inputs" is the same folder where case is ignored.
scenario{name = "Inputs"}
