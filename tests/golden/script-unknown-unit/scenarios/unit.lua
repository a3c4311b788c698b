-- A unit the model does not have.
procurement_cut{units = {"DIV1", "DIV9"}, rate = 0.05}
