-- risk-run with no beta: triangular, uniform and fixed fractions draw the same numbers
-- as in 0.3.0, so risk.csv (less the standard errors of 0.4.0) must be 0.3.0's to the
-- byte; slip 0.1 moves a slipped measure's first plan year to nothing (the result of 2025).
scenario{name="risk", description="Monte Carlo on the tiny model"}
measure{id="X1", unit="DIV2", title="Top-down", category="PERS",
        amounts={[2026]=60000, [2027]=60000}, status="planned"}
cao{rates={[2025]=0.03, [2026]=0.025, [2027]=0.02}, compensation=0.5,
    spread={dist="normal", mean=0, sd=0.01, factor="wages", loading=0.8}}
index{kind="procurement", rates={[2025]=0.02, [2026]=0.02, [2027]=0.02},
      spread={dist="normal", mean=0, sd=0.005, factor="wages", loading=0.5}}
hiring_freeze{units="DIV2", from="2025-01", to="2025-12", attrition=0.08,
              spread={dist="normal", mean=0, sd=0.02}}
uncertainty{
  status={planned={dist="triangular", min=0.4, mode=0.8, max=1}, idea={dist="uniform", min=0, max=0.6}},
  unit={AFD1={dist="triangular", min=0.5, mode=0.9, max=1}},
  measure={M3={dist="fixed", value=1}},
  slip=0.1,
}
solve{lever="amount", goal="target", probability=0.8}
