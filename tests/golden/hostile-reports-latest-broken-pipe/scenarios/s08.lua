scenario{name="s08"}
