-- A unit given by its name, not its code: the code is suggested.
hiring_freeze{units = {"Divisie 2"}}
