scenario{name="s02"}
