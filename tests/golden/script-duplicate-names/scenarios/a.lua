scenario{name = "same", description = "first"}
