#!/usr/bin/python3
"""consolidate.py: the consolidation a controller would write in pandas instead of fitplan, as
the peer that scripts/bench times `fitplan consolidate --format csv` against (issue 17).

  /usr/bin/python3 scripts/bench-peers/consolidate.py --budgets bench/large > out.csv

The same job, straightforwardly: read every measures/*.csv with read_csv, melt the year
columns into (measure, year, amount) rows, sum them by unit, year and nature with groupby,
roll the sums up the organisation tree through the parents in units.csv (deepest units
first), add the targets of targets.csv (each held until the next) and the fte, and write the
consolidated CSV with fitplan's columns (unit,parent,type,year,target_eur,structural_eur,
incidental_eur,gap_eur,fte_reduction; units in code order, not the tree's). It checks less
than fitplan (no validation of codes, statuses or duplicates, no baseline or control totals)
and counts in floats, so the ratio flatters the peer. A model version in the point notation
(decimal_separator '.') only. Needs python3-pandas (scripts/install-deps --bench).
"""
import argparse
import glob
import os
import sys

import pandas as pd


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--budgets", required=True)
    a = ap.parse_args()
    model = pd.read_csv(os.path.join(a.budgets, "model.csv"), index_col=0)["value"]
    base, horizon = int(model["base_year"]), int(model["horizon_year"])
    years = [str(y) for y in range(base + 1, horizon + 1)]

    files = sorted(glob.glob(os.path.join(a.budgets, "measures", "*.csv")))
    cols = ["measure", "unit", "nature", "fte"] + years
    ms = pd.concat([pd.read_csv(f, usecols=lambda c: c in cols,
                                dtype={y: "float64" for y in years}) for f in files],
                   ignore_index=True)
    for y in years:
        if y not in ms:
            ms[y] = 0.0
    long = ms.melt(id_vars=["unit", "nature"], value_vars=years, var_name="year",
                   value_name="eur")
    long = long[long["eur"].notna() & (long["eur"] != 0)]
    sums = long.groupby(["unit", "year", "nature"])["eur"].sum().unstack("nature")
    sums = sums.reindex(columns=["structural", "incidental"]).fillna(0.0)
    fte = ms.groupby("unit")["fte"].sum()

    units = pd.read_csv(os.path.join(a.budgets, "units.csv"), keep_default_na=False)
    parent = dict(zip(units["unit"], units["parent"]))
    depth = {}
    for u in units["unit"]:
        d, p = 0, parent[u]
        while p:
            d, p = d + 1, parent[p]
        depth[u] = d
    grid = pd.MultiIndex.from_product([units["unit"], years], names=["unit", "year"])
    own = sums.reindex(grid).fillna(0.0)
    own["fte"] = fte.reindex(units["unit"]).fillna(0.0).reindex(grid, level="unit").values
    # Roll up: add each unit's totals into its parent's, deepest units first.
    table = {u: g.droplevel("unit") for u, g in own.groupby(level="unit")}
    for u in sorted(table, key=lambda u: -depth[u]):
        if parent[u]:
            table[parent[u]] = table[parent[u]] + table[u]
    out = pd.concat(table, names=["unit", "year"]).reset_index()

    tg = pd.read_csv(os.path.join(a.budgets, "targets.csv"))
    tg["year"] = tg["year"].astype(str)
    tg = tg.drop_duplicates(["unit", "year"], keep="last")
    out = out.merge(tg, on=["unit", "year"], how="left").sort_values(["unit", "year"])
    out["target_eur"] = out.groupby("unit")["target_eur"].ffill()
    out["gap_eur"] = out["target_eur"] - out["structural"]
    out["parent"] = out["unit"].map(parent)
    out["type"] = out["unit"].map(dict(zip(units["unit"], units["type"])))
    out = out.rename(columns={"structural": "structural_eur", "incidental": "incidental_eur",
                              "fte": "fte_reduction"})
    out[["unit", "parent", "type", "year", "target_eur", "structural_eur", "incidental_eur",
         "gap_eur", "fte_reduction"]].to_csv(sys.stdout, index=False, float_format="%.2f")


if __name__ == "__main__":
    main()
