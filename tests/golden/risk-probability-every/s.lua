-- A target every draw reaches: the binomial standard error of P(target) is 0, so the
-- summary bounds the probability by the rule of three (1 - 3 / N at 95%).
scenario{name="every", description="a target of nothing"}
target{unit="LUMC", amount=0}
uncertainty{status={planned={dist="beta", mean=0.75, sd=0.15}}}
