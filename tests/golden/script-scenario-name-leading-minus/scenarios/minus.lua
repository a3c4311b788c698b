scenario{name="-plan"}
