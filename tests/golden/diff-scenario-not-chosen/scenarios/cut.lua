scenario{name = "cut"}
procurement_cut{units = "DIV1", rate = 0.05}
