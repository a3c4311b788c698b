scenario{name="s11"}
