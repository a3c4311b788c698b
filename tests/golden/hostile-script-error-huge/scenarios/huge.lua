scenario{name="huge"}
error(string.rep("x", 1e8))
