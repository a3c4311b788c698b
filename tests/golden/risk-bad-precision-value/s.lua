-- Uncertainty on the tiny model: a top-down measure, a CAO with a spread and a freeze
-- whose attrition is uncertain, distributions by status, unit and measure, slippage, and
-- a goal seek for the extra amount that reaches the target with 80% probability.
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
  status={planned={dist="beta", mean=0.75, sd=0.15}, idea={dist="uniform", min=0, max=0.6}},
  unit={AFD1={dist="triangular", min=0.5, mode=0.9, max=1}},
  measure={M3={dist="fixed", value=1}},
  slip=0.1,
}
solve{lever="amount", goal="target", probability=0.8}
