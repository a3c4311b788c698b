scenario{name="s10"}
