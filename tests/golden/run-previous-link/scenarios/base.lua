-- The plans as they are, no lever.
scenario{name = "base"}
