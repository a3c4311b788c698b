scenario{name="s12"}
