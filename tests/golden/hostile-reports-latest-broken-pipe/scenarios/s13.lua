scenario{name="s13"}
