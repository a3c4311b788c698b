-- error() with a table: no message, but the script and the line.
scenario{name = "err"}
error({code = 42})
