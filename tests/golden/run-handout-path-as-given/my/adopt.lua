-- A hand-out of a scenario that adopts, run as my/adopt.lua: refused at my/adopt.lua:3.
scenario{name = "adopt"}
adopt{"K2"}
