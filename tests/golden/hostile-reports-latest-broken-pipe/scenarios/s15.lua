scenario{name="s15"}
