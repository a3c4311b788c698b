-- error(msg, 0) adds no position to the message; fitplan must still name the line.
scenario{name = "err"}
error("no position", 0)
