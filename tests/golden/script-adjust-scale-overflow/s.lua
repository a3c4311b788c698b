-- adjust{scale=100} of a large measure overflows: the message had no file or line.
scenario{name="bad"}

adjust{measure="M1", scale=100}
