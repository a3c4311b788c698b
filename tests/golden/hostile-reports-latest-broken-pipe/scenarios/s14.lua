scenario{name="s14"}
