-- a shared factor only works with a normal deviation
scenario{name="bad"}
cao{rates={[2025]=0.03}, spread={dist="uniform", min=-0.01, max=0.01, factor="wages"}}
