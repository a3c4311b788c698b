-- Every parameter is bounded, the sd of a normal too (a fraction of the plan).
scenario{name="bad"}
uncertainty{status={planned={dist="normal", mean=1, sd=1e200}}}
