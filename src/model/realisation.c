/* realisation: plan, realised to date and forecast per unit and year from the actuals,
 * rolled up like the consolidation, and the trend of the forecast period by period. */
#include "realisation.h"
#include "phasing.h"
#include "../core/xalloc.h"
#include <string.h>

static bool add_cell(realisation_cell *to, const realisation_cell *from)
{
	to->reported |= from->reported;
	to->units_due += from->units_due; /* at most the number of units: no overflow */
	to->units_reported += from->units_reported;
	return money_add(&to->plan_cents, from->plan_cents) &&
	       money_add(&to->realised_cents, from->realised_cents) &&
	       money_add(&to->plan_to_date_cents, from->plan_to_date_cents) &&
	       money_add(&to->forecast_cents, from->forecast_cents) &&
	       money_add(&to->structural_forecast_cents, from->structural_forecast_cents);
}

int realisation_month(const model *m, int32_t year, size_t upto)
{
	int month = 0;
	for (size_t i = 0; i < m->nperiods && i <= upto; i++)
		if (m->periods[i].year == year && m->periods[i].last_month > month)
			month = m->periods[i].last_month;
	return month;
}

int32_t realisation_latest(const model *m, int32_t year, size_t upto)
{
	int32_t latest = -1;
	int month = 0;
	for (size_t i = 0; i < m->nperiods && i <= upto; i++)
		if (m->periods[i].year == year && (latest < 0 || m->periods[i].last_month > month)) {
			latest = (int32_t)i;
			month = m->periods[i].last_month;
		}
	return latest;
}

reported_state realisation_reported(const realisation *r, int32_t u, int y)
{
	const realisation_cell *c = real_cell(r, u, y);
	if (r->latest[y] < 0 || c->units_due == 0)
		return REPORTED_NONE;
	return c->units_reported == 0		 ? REPORTED_NO
	       : c->units_reported == c->units_due ? REPORTED_YES
						 : REPORTED_PARTLY;
}

/* Per plan year, the latest period (realisation_latest); malloc'ed. */
static int32_t *latests(const model *m, int ny, size_t upto_period, bool all)
{
	int32_t *latest = xcalloc((size_t)(ny > 0 ? ny : 1), sizeof *latest);
	for (int y = 0; y < ny; y++)
		latest[y] = realisation_latest(m, m->base_year + 1 + y,
					       all ? m->nperiods : upto_period);
	return latest;
}

/* Per plan year, the month its realisation runs to (realisation_month); malloc'ed. */
static int *months(const model *m, int ny, size_t upto_period, bool all)
{
	int *month = xcalloc((size_t)(ny > 0 ? ny : 1), sizeof *month);
	for (int y = 0; y < ny; y++)
		month[y] = realisation_month(m, m->base_year + 1 + y, all ? m->nperiods : upto_period);
	return month;
}

/* Own cells from the measures' plan and the actuals up to and including period `upto`
 * (all when upto is the last). */
static bool fill(const model *m, plan p, realisation_cell *cells, int ny, size_t upto_period,
		 bool all, int64_t *measure_forecast)
{
	bool ok = true;
	size_t nm = p.nmeasures;
	int *month = months(m, ny, upto_period, all);
	int32_t *latest = latests(m, ny, upto_period, all);
	/* per unit and year: 1 has measures of its own, 2 also a row of the latest period */
	unsigned char *own = xcalloc(m->nunits * (size_t)(ny > 0 ? ny : 1), 1);
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
		/* Any row counts, even one with neither amount: import writes one per measure
		 * of a returned workbook, so a row says the unit returned it. */
		if (ar->period == latest[y])
			own[(size_t)m->measures[ar->measure].unit * (size_t)ny + (size_t)y] = 2;
	}
	for (size_t i = 0; i < m->nmeasures; i++)
		for (int y = 0; y < ny; y++) {
			size_t k = (size_t)m->measures[i].unit * (size_t)ny + (size_t)y;
			own[k] |= 1;
		}
	for (size_t k = 0; k < m->nunits * (size_t)ny; k++) {
		/* a row of a measure is of a unit with measures: 2 alone does not occur */
		cells[k].units_due = own[k] ? 1 : 0;
		cells[k].units_reported = own[k] & 2 ? 1 : 0;
	}
	free(own);
	free(latest);
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
			ok = money_add(&row[y].plan_to_date_cents,
				       phasing_to_month(ms->phasing, ms->amounts[y], month[y])) &&
			     ok;
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
	free(month);
	for (size_t k = m->nunits; k-- > 1;) {
		int32_t u = m->preorder[k], par = m->units[u].parent;
		for (int y = 0; y < ny; y++)
			ok = add_cell(&cells[(size_t)par * (size_t)ny + (size_t)y],
				      &cells[(size_t)u * (size_t)ny + (size_t)y]) && ok;
	}
	return ok;
}

/* ---- finding what overflowed ----
 * fill adds in its own order (rows into measures, measures into units, units into their
 * parents), which names no row when a unit's sum overflows. On failure the same sums are
 * added again one contribution at a time, each into its unit and every unit above, in the
 * order of the rows and the plan: the first addition that overflows names its row (an
 * actuals row with its column, or a measure's row). Only then: it costs rows times depth. */

typedef struct blame_ctx {
	const model *m;
	plan p;
	int ny;
	realisation_cell *cells;
	diag *d;
} blame_ctx;

/* Add v to quantity q ("plan", "realised", "forecast", "structural forecast", "plan to
 * date") of unit u
 * and every unit above it in plan year y; the unit that overflows, or -1. */
static int32_t add_up(blame_ctx *b, int32_t u, int y, int q, int64_t v)
{
	for (; u >= 0; u = b->m->units[u].parent) {
		realisation_cell *c = &b->cells[(size_t)u * (size_t)b->ny + (size_t)y];
		int64_t *slot = q == 0 ? &c->plan_cents : q == 1 ? &c->realised_cents
					: q == 2 ? &c->forecast_cents : q == 3 ? &c->structural_forecast_cents
					: &c->plan_to_date_cents;
		if (!money_add(slot, v))
			return u;
	}
	return -1;
}

static const char *const quantity[] = {"plan", "realised", "forecast", "structural forecast",
				       "plan to date"};

/* Report the first contribution (actuals up to period upto, or all) that overflows; false
 * when there is none (fill's order overflowed, this one does not). */
static bool blame(const model *m, plan p, int ny, size_t upto, bool all, diag *d)
{
	size_t nm = p.nmeasures;
	blame_ctx b = {m, p, ny, xcalloc(m->nunits * (size_t)ny, sizeof *b.cells), d};
	int64_t *realised = xcalloc((m->nmeasures ? m->nmeasures : 1) * (size_t)ny, sizeof *realised);
	const actual_row **fc_row = xcalloc((nm ? nm : 1) * (size_t)ny, sizeof *fc_row);
	int *month = months(m, ny, upto, all);
	bool found = false;
	for (size_t a = 0; a < m->nactuals && !found; a++) {
		const actual_row *ar = &m->actuals[a];
		if (!all && (size_t)ar->period > upto)
			break;
		int y = model_year_index(m, m->periods[ar->period].year);
		size_t k = (size_t)ar->measure * (size_t)ny + (size_t)y;
		if (ar->has_forecast && (size_t)ar->measure < nm)
			fc_row[k] = ar; /* the latest period wins */
		if (!ar->has_realised)
			continue;
		const measure *ms = &m->measures[ar->measure];
		const char *file = model_pos_file(m, ar->pos);
		if (!money_add(&realised[k], ar->realised_cents)) {
			diag_error(d, file, ar->pos.line, ar->realised_col,
				   "this row makes the realised of measure '%s' in %d overflow",
				   ms->id, m->periods[ar->period].year);
			found = true;
		} else if (ar->measure < (int32_t)nm) {
			int32_t u = add_up(&b, p.measures[ar->measure].unit, y, 1, ar->realised_cents);
			if (u >= 0) {
				diag_error(d, file, ar->pos.line, ar->realised_col,
					   "this row makes the realised of unit '%s' in %d overflow",
					   m->units[u].code, m->periods[ar->period].year);
				found = true;
			}
		}
	}
	for (size_t i = 0; i < nm && !found; i++) {
		const measure *ms = &p.measures[i];
		for (int y = 0; y < ny && !found; y++) {
			const actual_row *fr = i < m->nmeasures ? fc_row[i * (size_t)ny + (size_t)y] : NULL;
			int64_t fc = fr ? fr->forecast_cents : ms->amounts[y];
			/* its plan, its plan to date, its forecast, and for a structural measure its
			 * forecast again */
			const int qs[4] = {0, 4, 2, 3};
			const int64_t vs[4] = {ms->amounts[y],
					       phasing_to_month(ms->phasing, ms->amounts[y], month[y]),
					       fc, fc};
			int32_t u = -1;
			int q = 0;
			for (int j = 0; j < 4 && u < 0; j++) {
				if (j == 3 && ms->nature != NATURE_STRUCTURAL)
					break;
				q = qs[j];
				u = add_up(&b, ms->unit, y, q, vs[j]);
			}
			if (u < 0)
				continue;
			found = true;
			if ((q == 2 || q == 3) && fr)
				diag_error(d, model_pos_file(m, fr->pos), fr->pos.line, fr->forecast_col,
					   "this row makes the %s of unit '%s' in %d overflow", quantity[q],
					   m->units[u].code, m->base_year + 1 + y);
			else
				diag_error(d, plan_pos_file(m, p, ms->pos), ms->pos.line, 0,
					   "measure '%s' makes the %s of unit '%s' in %d overflow", ms->id,
					   quantity[q], m->units[u].code, m->base_year + 1 + y);
		}
	}
	free(b.cells);
	free(realised);
	free(fc_row);
	free(month);
	return found;
}

fp_status realisation_compute(const model *m, plan p, realisation *r, diag *d)
{
	memset(r, 0, sizeof *r);
	int ny = m->nyears;
	r->nyears = ny;
	r->cells = xcalloc(m->nunits * (size_t)ny, sizeof *r->cells);
	r->measure_forecast = xcalloc((m->nmeasures ? m->nmeasures : 1) * (size_t)ny,
				      sizeof *r->measure_forecast);
	r->month = months(m, ny, 0, true);
	r->latest = latests(m, ny, 0, true);
	bool ok = fill(m, p, r->cells, ny, 0, true, r->measure_forecast);
	bool all = true; /* what failed: all the actuals, or those up to period upto */
	size_t upto = 0;
	r->ntrend = m->nperiods;
	r->trend = xcalloc(m->nperiods ? m->nperiods : 1, sizeof *r->trend);
	realisation_cell *tmp = xmalloc(m->nunits * (size_t)ny * sizeof *tmp);
	for (size_t i = 0; i < m->nperiods && ok; i++) {
		memset(tmp, 0, m->nunits * (size_t)ny * sizeof *tmp);
		if (!fill(m, p, tmp, ny, i, false, NULL)) {
			ok = false;
			all = false;
			upto = i;
			break;
		}
		int y = model_year_index(m, m->periods[i].year);
		const realisation_cell *c = &tmp[(size_t)m->root * (size_t)ny + (size_t)y];
		r->trend[i] = (trend_point){(int32_t)i, c->plan_cents, c->realised_cents,
					    c->forecast_cents, c->plan_to_date_cents};
	}
	free(tmp);
	if (!ok) {
		if (!blame(m, p, ny, upto, all, d))
			diag_error(d, p.script, 0, 0, "the realisation overflows the limit of "
						      "92,233,720,368,547,758.07");
		realisation_release(r);
		return FP_EDATA;
	}
	return FP_OK;
}

void realisation_release(realisation *r)
{
	free(r->cells);
	free(r->month);
	free(r->latest);
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
