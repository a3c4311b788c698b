-- Run as my/adopt.lua: the warning that K3 lies in the cut's scope (given after the
-- script ran, when the levers are applied) and the summary's allow_large line name the
-- script as the user gave it; the outputs keep the label scenarios/adopt.lua.
scenario{name = "adopt"}
adopt{"K1", "K3"}
procurement_cut{units = "DIV1", rate = 0.05, allow_large = true}
