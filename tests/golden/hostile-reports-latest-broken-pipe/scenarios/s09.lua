scenario{name="s09"}
