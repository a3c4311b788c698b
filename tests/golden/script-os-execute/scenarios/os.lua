-- No os library in the sandbox.
scenario{name = "os"}
os.execute("touch pwned")
