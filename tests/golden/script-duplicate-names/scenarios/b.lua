-- A second script with the first one's scenario name.
scenario{name = "same", description = "second"}
