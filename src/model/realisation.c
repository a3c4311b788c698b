/* realisation: plan, realised to date and forecast per unit and year from the actuals,
 * rolled up like the consolidation, and the trend of the forecast period by period. */
#include "actuals.h"
#include "../core/xalloc.h"
#include <string.h>

static bool add_cell(realisation_cell *to, const realisation_cell *from)
{
	to->reported |= from->reported;
	return money_add(&to->plan_cents, from->plan_cents) &&
	       money_add(&to->realised_cents, from->realised_cents) &&
	       money_add(&to->forecast_cents, from->forecast_cents) &&
	       money_add(&to->structural_forecast_cents, from->structural_forecast_cents);
}

/* Own cells from the measures' plan and the actuals up to and including period `upto`
 * (all when upto is the last). */
static bool fill(const model *m, plan p, realisation_cell *cells, int ny, size_t upto_period,
		 bool all, int64_t *measure_forecast)
{
	bool ok = true;
	size_t nm = p.nmeasures;
	int64_t *forecast = xmalloc((nm ? nm : 1) * (size_t)ny * sizeof *forecast);
	bool *has = xcalloc((nm ? nm : 1) * (size_t)ny, sizeof *has);
	int64_t *realised = xcalloc((nm ? nm : 1) * (size_t)ny, sizeof *realised);
	for (size_t a = 0; a < m->nactuals; a++) {
		const actual_row *ar = &m->actuals[a];
		if (!all && (size_t)ar->period > upto_period)
			break; /* sorted by period */
		int y = model_year_index(m, m->periods[ar->period].year);
		size_t k = (size_t)ar->measure * (size_t)ny + (size_t)y;
		if (ar->has_realised)
			ok = money_add(&realised[k], ar->realised_cents) && ok;
		if (ar->has_forecast) {
			forecast[k] = ar->forecast_cents; /* the latest period wins */
			has[k] = true;
		}
		if (ar->has_realised || ar->has_forecast)
			cells[(size_t)m->measures[ar->measure].unit * (size_t)ny + (size_t)y].reported =
				true;
	}
	for (size_t i = 0; i < nm; i++) {
		const measure *ms = &p.measures[i];
		realisation_cell *row = &cells[(size_t)ms->unit * (size_t)ny];
		for (int y = 0; y < ny; y++) {
			size_t k = i * (size_t)ny + (size_t)y;
			bool model_measure = i < m->nmeasures;
			int64_t fc = model_measure && has[k] ? forecast[k] : ms->amounts[y];
			if (measure_forecast && model_measure)
				measure_forecast[k] = fc;
			ok = money_add(&row[y].plan_cents, ms->amounts[y]) && ok;
			if (model_measure)
				ok = money_add(&row[y].realised_cents, realised[k]) && ok;
			ok = money_add(&row[y].forecast_cents, fc) && ok;
			if (ms->nature == NATURE_STRUCTURAL)
				ok = money_add(&row[y].structural_forecast_cents, fc) && ok;
		}
	}
	free(forecast);
	free(has);
	free(realised);
	for (size_t k = m->nunits; k-- > 1;) {
		int32_t u = m->preorder[k], par = m->units[u].parent;
		for (int y = 0; y < ny; y++)
			ok = add_cell(&cells[(size_t)par * (size_t)ny + (size_t)y],
				      &cells[(size_t)u * (size_t)ny + (size_t)y]) && ok;
	}
	return ok;
}

fp_status realisation_compute(const model *m, plan p, realisation *r, diag *d)
{
	memset(r, 0, sizeof *r);
	int ny = m->nyears;
	r->nyears = ny;
	r->cells = xcalloc(m->nunits * (size_t)ny, sizeof *r->cells);
	r->measure_forecast = xcalloc((m->nmeasures ? m->nmeasures : 1) * (size_t)ny,
				      sizeof *r->measure_forecast);
	bool ok = fill(m, p, r->cells, ny, 0, true, r->measure_forecast);
	r->ntrend = m->nperiods;
	r->trend = xcalloc(m->nperiods ? m->nperiods : 1, sizeof *r->trend);
	realisation_cell *tmp = xmalloc(m->nunits * (size_t)ny * sizeof *tmp);
	for (size_t i = 0; i < m->nperiods; i++) {
		memset(tmp, 0, m->nunits * (size_t)ny * sizeof *tmp);
		ok = fill(m, p, tmp, ny, i, false, NULL) && ok;
		int y = model_year_index(m, m->periods[i].year);
		const realisation_cell *c = &tmp[(size_t)m->root * (size_t)ny + (size_t)y];
		r->trend[i] = (trend_point){(int32_t)i, c->plan_cents, c->realised_cents,
					    c->forecast_cents};
	}
	free(tmp);
	if (!ok) {
		diag_error(d, NULL, 0, 0, "the realisation overflows the limit of "
					  "92,233,720,368,547,758.07");
		return FP_EDATA;
	}
	return FP_OK;
}

void realisation_release(realisation *r)
{
	free(r->cells);
	free(r->trend);
	free(r->measure_forecast);
	memset(r, 0, sizeof *r);
}

rag realisation_rag(const model *m, const consolidation *c, const realisation *r, int32_t u,
		    int y)
{
	unit_year cell = *cons_cell(c, u, y);
	cell.structural_cents = real_cell(r, u, y)->structural_forecast_cents;
	return rag_of(m, &cell);
}
