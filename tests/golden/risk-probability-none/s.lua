-- A target no draw can reach: the binomial standard error of P(target) is 0, so the
-- summary bounds the probability by the rule of three (3 / N at 95%).
scenario{name="none", description="an unreachable target"}
target{unit="LUMC", amount=10000000}
uncertainty{status={planned={dist="beta", mean=0.75, sd=0.15}}}
