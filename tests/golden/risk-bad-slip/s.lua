-- slip is a probability
scenario{name="bad"}
uncertainty{slip=1.5}
