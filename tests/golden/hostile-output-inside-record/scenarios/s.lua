scenario{name="s"}
