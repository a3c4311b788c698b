-- A hand-out of a scenario with a lever, run as my/lever.lua: refused at my/lever.lua:3.
scenario{name = "lever"}
procurement_cut{units = "DIV1", rate = 0.05}
