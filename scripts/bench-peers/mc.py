#!/usr/bin/python3
"""mc.py: the Monte Carlo that a controller would write in numpy instead of fitplan, as the
peer that scripts/bench times `fitplan run --iterations N --no-workbooks` against (issue 17).

  /usr/bin/python3 scripts/bench-peers/mc.py --budgets bench/small --iterations 10000

It does the core of the same job, straightforwardly: read the measure files, draw every
measure (as fitplan does: the incidental ones count in its result) and weigh it by its
target-year amount when it is structural (0 otherwise), give each status the documented default beta
(realised fixed 1; decided mean 0.9 sd 0.1; planned 0.7/0.15; idea 0.4/0.2), draw
rng.beta(a, b, size=(iterations, measures)) per status, a matrix product with the amounts,
and print P(reach the root's target) and P10/P50/P90 of the organisation's structural
savings. It does less than fitplan (no slippage, no per-unit figures, no result per year,
no tornado, no run record), so the ratio flatters the peer. Needs python3-numpy and
python3-pandas (scripts/install-deps --bench).
"""
import argparse
import glob
import os

import numpy as np
import pandas as pd

DEFAULTS = {"decided": (0.9, 0.1), "planned": (0.7, 0.15), "idea": (0.4, 0.2)}


def beta_shape(mean, sd):
    c = mean * (1 - mean) / (sd * sd) - 1
    return mean * c, (1 - mean) * c


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--budgets", required=True)
    ap.add_argument("--iterations", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=20240101)
    a = ap.parse_args()
    model = pd.read_csv(os.path.join(a.budgets, "model.csv"), index_col=0)["value"]
    ty = str(int(model["target_year"]))
    files = sorted(glob.glob(os.path.join(a.budgets, "measures", "*.csv")))
    ms = pd.concat([pd.read_csv(f, dtype={ty: "float64"}) for f in files])
    ms[ty] = ms[ty].fillna(0.0).where(ms["nature"] == "structural", 0.0)
    units = pd.read_csv(os.path.join(a.budgets, "units.csv"))
    root = units.loc[units["parent"].isna(), "unit"].iloc[0]
    tg = pd.read_csv(os.path.join(a.budgets, "targets.csv"))
    target = float(tg[(tg["unit"] == root) & (tg["year"] == int(ty))]["target_eur"].iloc[0])
    rng = np.random.default_rng(a.seed)
    total = np.zeros(a.iterations)
    for status, grp in ms.groupby("status"):
        amounts = grp[ty].to_numpy()
        if status in DEFAULTS:
            al, be = beta_shape(*DEFAULTS[status])
            draws = rng.beta(al, be, size=(a.iterations, len(amounts)))
            total += draws @ amounts
        else:
            total += amounts.sum()
    p = (total >= target).mean()
    q10, q50, q90 = np.percentile(total, [10, 50, 90])
    print(f"iterations {a.iterations} measures {len(ms)} P(target) {p:.4f} "
          f"P10 {q10:.2f} P50 {q50:.2f} P90 {q90:.2f}")


if __name__ == "__main__":
    main()
