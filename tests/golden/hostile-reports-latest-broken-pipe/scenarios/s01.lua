scenario{name="s01"}
