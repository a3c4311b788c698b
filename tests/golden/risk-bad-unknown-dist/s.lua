-- an unknown distribution kind
scenario{name="bad"}
uncertainty{status={planned={dist="gamma", mean=0.7, sd=0.1}}}
