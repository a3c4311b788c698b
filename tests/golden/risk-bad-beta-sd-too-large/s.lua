-- sd^2 must stay below mean * (1 - mean): 0.36 > 0.25
scenario{name="bad"}
uncertainty{measure={M1={dist="beta", mean=0.5, sd=0.6}}}
