scenario{name="s06"}
