-- a loading is a correlation with the factor, from -1 to 1
scenario{name="bad"}
index{kind="procurement", rates={[2025]=0.02}, spread={dist="normal", mean=0, sd=0.01, factor="prices", loading=1.5}}
