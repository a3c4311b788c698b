-- Parameters within their bounds can still make a draw too large for int64 cents when
-- the plan is near the limit: a fraction of 2 on the largest amount. Refused at the rule.
scenario{name="bad"}
measure{id="X1", unit="DIV2", title="Huge", category="PERS", amounts={[2026]="90000000000000000"},
        status="planned"}
uncertainty{status={planned={dist="fixed", value=2}}}
