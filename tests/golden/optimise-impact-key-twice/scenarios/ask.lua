-- impact_cost's keys are case-insensitive, so 'laag' and 'LAAG' name one price: two prices
-- for it must be refused, not one of them taken by the keys' byte order (r18b-attack).
scenario{name = "twice"}
optimise{impact_cost = {geen = 0, laag = 5000, LAAG = 50000}}
