scenario{name="s03"}
