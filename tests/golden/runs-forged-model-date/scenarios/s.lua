-- A plain scenario; its record's manifest is then edited.
scenario{name = "s"}
