scenario{name = "s"}
