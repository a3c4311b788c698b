#!/usr/bin/env python3
"""Independent recomputation, in Python's Decimal, of the expected cents of the cmocka tests
of issue 13's rules (tests/unit/test_scenario.c, test_projection.c, test_treasury.c): the
pro-rata claims with largest remainders, the hiring freeze month by month, the FTE scaling,
CAO and index factors. It shares no code with fitplan; run it and compare with the tests'
constants:  python3 tests/handcalc/levers.py"""
from decimal import Decimal as D, ROUND_HALF_UP, ROUND_FLOOR

def rnd(x):
    """round half away from zero to an integer"""
    x = D(x)
    q = abs(x).quantize(D(1), rounding=ROUND_HALF_UP)
    return int(q if x >= 0 else -q)

def spread(amount, weights):
    """largest remainder: floors, then one cent each to the largest remainders (ties: first)"""
    total = sum(weights)
    exact = [D(amount) * w / total for w in weights]
    floors = [int(e.to_integral_value(rounding=ROUND_FLOOR)) for e in exact]
    left = amount - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return floors

def freeze(C, fte_centi, attr_ppm, frm, to, years):
    """savings per year (cents) and the FTE reduction (centi) of one row;
    months as (year, month); years: list of plan years"""
    f0 = fte_centi * 10000
    keep = 1000000 - (attr_ppm + 6) // 12
    f = f0
    out = {y: 0 for y in years}
    for y in years:
        for mth in range(1, 13):
            if (y, mth) < frm:
                continue
            if (y, mth) <= to:
                f = rnd(D(f) * keep / 1000000)
            out[y] += rnd(D(C) * (f0 - f) / (f0 * 12))
    return out, rnd(D(f0 - f) / 10000)

print("theme_on_root 2023 claims AFD1, AFD2, DIV2 (pre-order):",
      spread(3000002, [100000000, 50000000, 150000000]))
print("theme_on_root 2024 claims:", spread(3000000, [100000000, 50000000, 150000000]))
print("department_on_cost_centres claims KP1, KP2:", spread(2000000, [60000000, 40000000]))

yrs = [2022, 2023, 2024, 2025]
pers, fte = freeze(120000000, 1000, 120000, (2023, 7), (2024, 6), yrs)
print("freeze PERS:", pers, "fte", fte)
print("  fte scaled last year (old rule):", rnd(D(fte) * (pers[2025] - 1000000) / pers[2025]))
once = pers[2023] - 500000
print("  with M2: 2023 incidental", once, "fte", rnd(D(fte) * once / pers[2023]))
fte86 = rnd(D(fte) * once / pers[2023])
print("  fte in 2024 as the projection counts it:", rnd(D(fte86) * (pers[2024] - 1000000) / (pers[2025] - 1000000)))
inh, fte_inh = freeze(50000000, 500, 120000, (2023, 7), (2024, 6), yrs)
print("freeze INH (categories=):", inh, "fte", fte_inh)

# tests/golden/cost-base-hired-depreciation: the freeze on AFD1 PERS (INH is hired), 2022
g, fte_g = freeze(100000000, 1000, 120000, (2022, 1), (2022, 12), [2022, 2023])
print("cost-base freeze PERS:", g, "fte", fte_g,
      "fte 2022 as counted:", rnd(D(fte_g) * g[2022] / g[2023]))
for y in (2022, 2023):
    pers = rnd(D(100000000 - g[y]) * D("1.03"))
    other = 11000000 + 5000000 - (500000 if y == 2023 else 0)
    print(" ", y, "personnel", pers + 20000000, "other", other,
          "result", 140000000 - pers - 20000000 - other,
          "ebitda", 140000000 - pers - 20000000 - 11000000)
# tests/golden/levers-netting: claims of TH1 over KP1, KP2, AFD2, DIV2 and of D1 over KP1, KP2
print("netting TH1 2023:", spread(3000002, [60, 40, 50, 150]), "D1:", spread(2000000, [60, 40]))
