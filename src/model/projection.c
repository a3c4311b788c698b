/* projection: the multi-year cost base, revenue, result and FTE of a plan. For every unit,
 * category and year: amount = (base-year amount - savings) * price factor for costs, and
 * (base-year amount + savings) * price factor for revenue; the compensated share of the
 * CAO rise on personnel comes back as revenue. Own amounts are summed per kind in category
 * order, then folded up the tree in reverse pre-order, like the consolidation. Depreciation
 * is other cost in the projection's columns and is also kept apart, for the liquidity's
 * EBITDA (docs/treasury.md). An adopted candidate's one-off cost is an incidental cost of
 * its unit in its first year with a saving, in the kind of its category (less revenue on
 * a revenue category), as stated: no price factor, and cash (not depreciation). */
#include "projection.h"
#include "../core/xalloc.h"
#include <string.h>

int measure_one_off_year(const model *m, const measure *ms)
{
	if (!ms->one_off_cents)
		return -1;
	for (int y = 0; y < m->nyears; y++)
		if (ms->amounts[y] != 0)
			return y;
	return model_year_index(m, m->target_year);
}

int64_t measure_fte_in_year(const model *m, const measure *ms, int y)
{
	if (!ms->fte_centi)
		return 0;
	int ty = model_year_index(m, m->target_year);
	int64_t ref = ms->amounts[ty];
	if (ref == 0)
		for (int k = 0; k < m->nyears; k++)
			if ((ms->amounts[k] < 0 ? -ms->amounts[k] : ms->amounts[k]) >
			    (ref < 0 ? -ref : ref))
				ref = ms->amounts[k];
	if (ref == 0)
		return y >= ty ? ms->fte_centi : 0;
	int64_t a = ms->amounts[y];
	if ((a < 0) != (ref < 0))
		return 0;
	if ((a < 0 ? -a : a) >= (ref < 0 ? -ref : ref))
		return ms->fte_centi;
	int64_t out = 0;
	money_mul_ratio(ms->fte_centi, a, ref, &out);
	return out;
}

static bool add_row(projection_row *to, const projection_row *from)
{
	return money_add(&to->revenue_cents, from->revenue_cents) &&
	       money_add(&to->personnel_cents, from->personnel_cents) &&
	       money_add(&to->procurement_cents, from->procurement_cents) &&
	       money_add(&to->other_cost_cents, from->other_cost_cents) &&
	       money_add(&to->depreciation_cents, from->depreciation_cents) &&
	       money_add(&to->fte_centi, from->fte_centi);
}

static int64_t *kind_slot(projection_row *row, category_kind k)
{
	switch (k) {
	case KIND_PERSONNEL: return &row->personnel_cents;
	case KIND_PROCUREMENT: return &row->procurement_cents;
	case KIND_OTHER_COST: return &row->other_cost_cents;
	case KIND_DEPRECIATION: return &row->other_cost_cents;
	case KIND_REVENUE: break;
	case KIND_COUNT: break;
	}
	return &row->revenue_cents;
}

/* The adopted candidates' one-off costs, added last to the unit's row and every
 * ancestor's (what folding up would do) and taken off their results, so that a one-off
 * that takes a figure beyond the limit of money is reported at its own cell of the
 * candidate file, every such candidate, rather than as an overflow of the whole plan.
 * Exact sums: the figures are those of adding before folding up. */
static fp_status add_one_offs(const model *m, plan pl, projection *p, diag *d)
{
	fp_status st = FP_OK;
	for (size_t i = 0; i < pl.nmeasures; i++) {
		const measure *ms = &pl.measures[i];
		int y = measure_one_off_year(m, ms);
		if (y < 0)
			continue;
		category_kind k = m->cats[ms->category].kind;
		int64_t v = k == KIND_REVENUE ? -ms->one_off_cents : ms->one_off_cents;
		int32_t u = ms->unit;
		for (; u >= 0; u = m->units[u].parent) {
			projection_row *pr = proj_row(p, u, y + 1);
			int64_t res;
			if (!money_add(kind_slot(pr, k), v) ||
			    __builtin_sub_overflow(pr->result_cents, ms->one_off_cents, &res))
				break;
			pr->result_cents = res;
		}
		if (u < 0)
			continue;
		char b[MONEY_BUF];
		diag_error(d, plan_pos_file(m, pl, ms->pos), (int)ms->pos.line,
			   ms->file >= 0 ? m->mfiles[ms->file].one_off_col : 0,
			   "candidate '%s': its one-off cost %s takes the projection of %s in %d "
			   "beyond the limit of 92,233,720,368,547,758.07",
			   ms->id, money_format(b, ms->one_off_cents, ','), m->units[u].code,
			   m->base_year + 1 + y);
		st = FP_EDATA;
	}
	return st;
}

fp_status projection_compute(const model *m, plan pl, const scenario_result *r,
			     projection *p, diag *d)
{
	size_t nu = m->nunits, nc = m->ncats, ny = (size_t)m->nyears + 1;
	bool ok = true;
	p->nyears = (int32_t)ny;
	p->rows = xcalloc(nu * ny, sizeof *p->rows);
	/* amounts per unit, category and year: the base year in [0], savings after. */
	int64_t *cell = xcalloc(nu * nc * ny, sizeof *cell);
	int64_t *fte = xcalloc(nu * ny, sizeof *fte);
	for (size_t i = 0; i < m->nbaseline; i++) {
		const baseline_row *b = &m->baseline[i];
		int64_t *row = &cell[((size_t)b->unit * nc + (size_t)b->category) * ny];
		for (size_t y = 0; y < ny; y++)
			ok = money_add(&row[y], b->amount_cents) && ok;
		for (size_t y = 0; y < ny; y++)
			ok = money_add(&fte[(size_t)b->unit * ny + y], b->fte_centi) && ok;
	}
	for (size_t i = 0; i < pl.nmeasures; i++) {
		const measure *ms = &pl.measures[i];
		bool revenue = m->cats[ms->category].kind == KIND_REVENUE;
		int64_t *row = &cell[((size_t)ms->unit * nc + (size_t)ms->category) * ny];
		for (size_t y = 1; y < ny; y++) {
			int64_t v = ms->amounts[y - 1];
			ok = money_add(&row[y], revenue ? v : -v) && ok;
			ok = money_add(&fte[(size_t)ms->unit * ny + y],
				       -measure_fte_in_year(m, ms, (int)y - 1)) && ok;
		}
	}
	for (size_t u = 0; u < nu; u++) {
		for (size_t c = 0; c < nc; c++) {
			const int64_t *row = &cell[(u * nc + c) * ny];
			category_kind k = m->cats[c].kind;
			for (size_t y = 0; y < ny; y++) {
				int64_t v = row[y];
				projection_row *pr = proj_row(p, (int32_t)u, (int)y);
				if (r) {
					int64_t f = r->factor_ppm[c * ny + y];
					if (!money_mul_ratio(row[y], f, PPM, &v))
						ok = false;
					if (r->compensation_ppm[c]) { /* CAO categories only */
						int64_t comp = 0;
						if (!money_mul_ratio(v - row[y], r->compensation_ppm[c],
								     PPM, &comp))
							ok = false;
						ok = money_add(&pr->revenue_cents, comp) && ok;
					}
				}
				ok = money_add(kind_slot(pr, k), v) && ok;
				if (k == KIND_DEPRECIATION)
					ok = money_add(&pr->depreciation_cents, v) && ok;
			}
		}
		for (size_t y = 0; y < ny; y++)
			proj_row(p, (int32_t)u, (int)y)->fte_centi = fte[u * ny + y];
	}
	free(cell);
	free(fte);
	for (size_t k = nu; k-- > 1;) {
		int32_t u = m->preorder[k];
		int32_t par = m->units[u].parent;
		for (size_t y = 0; y < ny; y++)
			ok = add_row(proj_row(p, par, (int)y), proj_row(p, u, (int)y)) && ok;
	}
	for (size_t i = 0; i < nu * ny; i++) {
		projection_row *pr = &p->rows[i];
		int64_t res = pr->revenue_cents;
		ok = !__builtin_sub_overflow(res, pr->personnel_cents, &res) &&
		     !__builtin_sub_overflow(res, pr->procurement_cents, &res) &&
		     !__builtin_sub_overflow(res, pr->other_cost_cents, &res) && ok;
		pr->result_cents = res;
	}
	if (!ok) {
		diag_error(d, pl.script, 0, 0, "the projection overflows the limit of "
					  "92,233,720,368,547,758.07");
		return FP_EDATA;
	}
	return add_one_offs(m, pl, p, d);
}

void projection_release(projection *p)
{
	free(p->rows);
	memset(p, 0, sizeof *p);
}
