scenario{name="s04"}
