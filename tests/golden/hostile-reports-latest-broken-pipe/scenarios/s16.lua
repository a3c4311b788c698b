scenario{name="s16"}
