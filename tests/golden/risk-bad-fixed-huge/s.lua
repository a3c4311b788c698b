-- A realised fraction of 1e300 made every draw overflow int64 cents: P50
-- -92,233,720,368,524,308.48 and exit 0. It is refused at the line of the rule.
scenario{name="bad"}
uncertainty{measure={M1={dist="fixed", value=1e300}}}
