-- Sums of draws are checked: +X, -X, +X consolidate to X (each status and pillar alone
-- fits too), but when the middle one realises nothing the draws add up to 2X, beyond int64
-- cents.
scenario{name="bad"}
measure{id="X1", unit="DIV2", title="Plus", category="PERS", amounts={[2026]="60000000000000000"},
        pillar=1, status="planned"}
measure{id="X2", unit="DIV2", title="Minus", category="PERS", amounts={[2026]="-60000000000000000"},
        pillar=2, status="idea"}
measure{id="X3", unit="DIV2", title="Plus again", category="PERS",
        amounts={[2026]="60000000000000000"}, pillar=3, status="decided"}
uncertainty{pillar={[1]={dist="fixed", value=1}, [2]={dist="fixed", value=0},
                    [3]={dist="fixed", value=1}}}
