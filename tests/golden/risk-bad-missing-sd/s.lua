-- beta needs both mean and sd
scenario{name="bad"}
uncertainty{status={decided={dist="beta", mean=0.9}}}
