scenario{name="s05"}
