scenario{name="s07"}
