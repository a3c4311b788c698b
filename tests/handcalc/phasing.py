#!/usr/bin/env python3
"""Independent recomputation, in Python's Decimal, of the plan to date of issue 15's phasing
(tests/unit/test_phasing.c and the golden case realisation-plan-to-date): a year's amount
times the cumulative share through a month (exact shares), rounded to the cent, half a
cent away from zero; a month's own amount is the difference of two of these.
It shares no code with fitplan; run it and compare with the tests' constants:
python3 tests/handcalc/phasing.py"""
from decimal import Decimal as D, ROUND_HALF_UP, getcontext

getcontext().prec = 60  # exact for int64 amounts times millionths



def to_month(cents, weights, k):
    """The year's amount times the cumulative share through month k, rounded to the cent,
    half a cent away from zero."""
    exact = D(abs(cents)) * D(sum(weights[:k])) / D(sum(weights))
    v = int(exact.to_integral_value(rounding=ROUND_HALF_UP))
    return v if cents >= 0 else -v


def months(cents, weights):
    return [to_month(cents, weights, k + 1) - to_month(cents, weights, k) for k in range(12)]


def shares(text):
    return [int(D(x) * 1000000) for x in text.split("/")]


LIN = [1] * 12
END = [0] * 11 + [1]
Q = shares("0/0/0.25/0/0/0.25/0/0/0.25/0/0/0.25")
THIRD = shares("0.333333/0.333333/0.333334/0/0/0/0/0/0/0/0/0")

print("unit test (tests/unit/test_phasing.c):")
print(" linear 10000 to 3, 6, 12:", [to_month(10000, LIN, k) for k in (3, 6, 12)])
print(" linear -10000 to 6:", to_month(-10000, LIN, 6))
print(" quarters 123457 to 2, 3, 6, 12:", [to_month(123457, Q, k) for k in (2, 3, 6, 12)])
print(" end 5000 to 11, 12:", [to_month(5000, END, k) for k in (11, 12)])
print(" thirds 100 months 1-3:", months(100, THIRD)[:3])
print(" linear INT64_MAX to 12, 6:", to_month(2**63 - 1, LIN, 12), to_month(2**63 - 1, LIN, 6))
print(" linear INT64_MIN to 12:", to_month(-2**63, LIN, 12))

# The golden case realisation-plan-to-date (the tiny model, 2025 actuals of 2025-Q1 and
# 2025-Q2, so the realisation of 2025 runs to month 6): plan to date per unit and the
# trend after each quarter, in cents, and the variance to date (realised - plan to date).
print("golden realisation-plan-to-date, 2025:")
M = {"M1": ("AFD1", 1000000, LIN), "M2": ("DIV1", 500000, END), "M3": ("DIV2", 1234567, LIN),
     "M4": ("AFD1", 1234567, Q)}
UP = {"AFD1": ["AFD1", "DIV1", "LUMC"], "DIV1": ["DIV1", "LUMC"], "DIV2": ["DIV2", "LUMC"]}
REAL = {"AFD1": 200000 + 300000 + 250000, "DIV1": 0, "DIV2": 400000}
for month, label in ((3, "after 2025-Q1"), (6, "after 2025-Q2")):
    ptd = {}
    for unit, cents, w in M.values():
        for u in UP[unit]:
            ptd[u] = ptd.get(u, 0) + to_month(cents, w, month)
    print(" ", label, "plan to date:", ptd)
real = {}
for unit, v in REAL.items():
    for u in UP[unit]:
        real[u] = real.get(u, 0) + v
print("  realised to date:", real)
print("  variance to date:", {u: real[u] - ptd[u] for u in ptd})
print("  trend after 2025-Q1: realised 500000, variance", 500000 - sum(
    to_month(c, w, 3) for _, c, w in M.values()))
