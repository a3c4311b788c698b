scenario{name = "hold"}
procurement_cut{units = "DIV2", rate = 0.02}
