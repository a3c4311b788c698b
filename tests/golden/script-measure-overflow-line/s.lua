-- A measure{} whose amount overflows its unit's savings was reported as "?:5": the
-- measure names the script it was added by.
scenario{name="bad"}

measure{id="X1", unit="DIV2", title="Huge", category="PERS",
        amounts={[2026]="92233720368547758.07"}}
