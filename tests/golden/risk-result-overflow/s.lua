-- The result is simulated in doubles: a wide spread on the CAO on a plan near the limit
-- makes it pass the int64 cents of money in some draws (the projection, at the point
-- rates, fits). The figures would not convert: refused, naming the year and the draw.
scenario{name="bad"}
measure{id="X1", unit="DIV2", title="More staff", category="PERS",
        amounts={[2025]="-60000000000000000", [2026]="-60000000000000000",
                 [2027]="-60000000000000000"}}
cao{rates={[2025]=0.1, [2026]=0.1, [2027]=0.1}, spread={dist="normal", mean=0, sd=1}}
