scenario{name = "plan"}
