#!/usr/bin/env python3
"""Independent recomputation, in Python's Decimal, of `fitplan consolidate --format csv` with
the filters of issue 16 (--year, --unit, --pillar, --status) for the golden model
tests/golden/_models/filters: only the selected measures are summed, up the tree to every
ancestor; the targets stay whole (the latest row at or before a year), gap = target minus
structural savings. It shares no code with fitplan and reads the model's CSV files itself.
Check every filter case:  python3 tests/handcalc/consolidate_filter.py (make test runs it)
(compares with the expected.stdout of the consolidate-filter-*-csv golden cases)."""
import csv, os, shlex, sys
from decimal import Decimal as D

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, '..', 'golden')
MODEL = os.path.join(GOLDEN, '_models', 'filters')

def rows(name):
    with open(os.path.join(MODEL, name), newline='', encoding='utf-8') as f:
        return list(csv.DictReader(f))

def money(x):
    return f"{D(x):.2f}"

def consolidate(year=None, unit=None, pillar=None, status=None):
    kv = {r['key']: r['value'] for r in rows('model.csv')}
    base = int(kv['base_year'])
    years = list(range(base + 1, int(kv['horizon_year']) + 1))
    units = rows('units.csv')
    parent = {u['unit']: u['parent'] for u in units}
    kids = {}
    for u in units:
        kids.setdefault(u['parent'], []).append(u['unit'])
    order = []  # pre-order, children by code
    def walk(c):
        order.append(c)
        for k in sorted(kids.get(c, [])):
            walk(k)
    for root in sorted(kids['']):
        walk(root)
    def under(u, a):  # a is u or an ancestor of u
        while u:
            if u == a:
                return True
            u = parent[u]
        return False
    measures = []
    for fn in sorted(os.listdir(os.path.join(MODEL, 'measures'))):
        measures += rows(os.path.join('measures', fn))
    struct = {(u, y): D(0) for u in order for y in years}
    incid = dict(struct)
    fte = {u: D(0) for u in order}
    for m in measures:
        if unit and not under(m['unit'], unit):
            continue
        if pillar and m['pillar'] != pillar or status and m['status'] != status:
            continue
        for u in order:
            if not under(m['unit'], u):
                continue
            fte[u] += D(m['fte'] or 0)
            for y in years:
                a = D(m[str(y)] or 0)
                (struct if m['nature'] == 'structural' else incid)[(u, y)] += a
    targets = rows('targets.csv')
    out = ['unit,parent,type,year,target_eur,structural_eur,incidental_eur,gap_eur,fte_reduction']
    kind = {u['unit']: u['type'] for u in units}
    shown = [u for u in order if not unit or under(u, unit)]
    for u in shown:
        for y in years:
            if year and y != int(year):
                continue
            t = [r for r in targets if r['unit'] == u and int(r['year']) <= y]
            tgt = D(max(t, key=lambda r: int(r['year']))['target_eur']) if t else None
            s = struct[(u, y)]
            out.append(','.join([u, parent[u], kind[u], str(y),
                                 money(tgt) if t else '', money(s), money(incid[(u, y)]),
                                 money(tgt - s) if t else '', money(fte[u])]))
    return '\n'.join(out) + '\n'

def check():
    # TAP, so that tests/run counts it as a suite (the golden cases check that fitplan
    # writes expected.stdout; this checks that expected.stdout is right).
    cases = [c for c in sorted(os.listdir(GOLDEN))
             if c.startswith('consolidate-filter-') and c.endswith('-csv')]
    print(f'1..{len(cases)}')
    bad = 0
    for n, case in enumerate(cases, 1):
        d = os.path.join(GOLDEN, case)
        words = shlex.split(open(os.path.join(d, 'cmd')).read())
        opts = {w[2:]: words[i + 1] for i, w in enumerate(words)
                if w in ('--year', '--unit', '--pillar', '--status')}
        got = consolidate(**opts)
        want = open(os.path.join(d, 'expected.stdout')).read()
        print(('ok ' if got == want else 'not ok ') + f'{n} - {case}')
        bad += got != want
    return 1 if bad else 0

if __name__ == '__main__':
    # --check (by hand) or --build DIR (as a suite of tests/run, which passes it): the same.
    sys.exit(check())
