/* liquidity: the liquidity of a treasury plan with a projection (see liquidity.h,
 * docs/treasury.md). The computation runs month by month over every year from base_year to
 * horizon_year, so a year is exactly the sum of its twelve months and December's ratios
 * are the year's; every sum is checked, every ratio and breach exact. */
#include "liquidity.h"
#include "../core/xalloc.h"
#include <string.h>
#include <time.h>

#define MILLION 1000000

int64_t liquidity_twelfth(int64_t cents, int k)
{
	int64_t a = 0, b = 0;
	money_mul_ratio(cents, k, 12, &a); /* cannot fail: |a| <= |cents| */
	money_mul_ratio(cents, k - 1, 12, &b);
	return a - b;
}

/* The ratios of period p from its 12-month flows and its stocks, and its breaches. */
static void ratios(liquidity_period *p, const treasury *t)
{
	int64_t e = p->ebitda_12m_cents, ds = p->debt_service_12m_cents, nd = p->net_debt_cents;
	int64_t eq = p->equity_cents, tc = p->total_capital_cents, v;
	p->ratio_ppm[COV_DSCR] = ds > 0 && money_mul_ratio(e, MILLION, ds, &v) ? v : RATIO_NONE;
	p->ratio_ppm[COV_NET_DEBT_EBITDA] =
		e > 0 && money_mul_ratio(nd, MILLION, e, &v) ? v : RATIO_NONE;
	p->ratio_ppm[COV_SOLVENCY] = tc > 0 && money_mul_ratio(eq, MILLION, tc, &v) ? v : RATIO_NONE;
	/* Breaches exactly, in 128 bits, not from the rounded ratios. */
	const int64_t *th = t->threshold_ppm;
	if (t->has_threshold[COV_DSCR])
		p->breach[COV_DSCR] = ds > 0 && (__int128)e * MILLION < (__int128)th[COV_DSCR] * ds;
	if (t->has_threshold[COV_NET_DEBT_EBITDA])
		p->breach[COV_NET_DEBT_EBITDA] =
			e > 0 ? (__int128)nd * MILLION > (__int128)th[COV_NET_DEBT_EBITDA] * e : nd > 0;
	if (t->has_threshold[COV_SOLVENCY])
		p->breach[COV_SOLVENCY] =
			tc > 0 ? (__int128)eq * MILLION < (__int128)th[COV_SOLVENCY] * tc : true;
}

/* Stocks at the end of p from those at the end of prev and p's flows. */
static bool roll(liquidity_period *p, const liquidity_period *prev)
{
	bool ok = true;
	p->cash_cents = prev->cash_cents;
	p->debt_cents = prev->debt_cents;
	p->equity_cents = prev->equity_cents;
	p->total_capital_cents = prev->total_capital_cents;
	ok = money_add(&p->cash_cents, p->cash_flow_cents) && ok;
	ok = money_add(&p->debt_cents, p->draw_cents) && ok;
	ok = money_add(&p->debt_cents, -p->repayment_cents) && ok;
	ok = money_add(&p->equity_cents, p->result_cents) && ok;
	ok = money_add(&p->total_capital_cents, p->result_cents) && ok;
	ok = money_add(&p->total_capital_cents, p->draw_cents) && ok;
	ok = money_add(&p->total_capital_cents, -p->repayment_cents) && ok;
	ok = !__builtin_sub_overflow(p->debt_cents, p->cash_cents, &p->net_debt_cents) && ok;
	return ok;
}

/* Add the flows of period from into to. */
static bool add_flows(liquidity_period *to, const liquidity_period *from)
{
	return money_add(&to->ebitda_cents, from->ebitda_cents) &&
	       money_add(&to->depreciation_cents, from->depreciation_cents) &&
	       money_add(&to->interest_expense_cents, from->interest_expense_cents) &&
	       money_add(&to->interest_income_cents, from->interest_income_cents) &&
	       money_add(&to->result_cents, from->result_cents) &&
	       money_add(&to->investment_cents, from->investment_cents) &&
	       money_add(&to->repayment_cents, from->repayment_cents) &&
	       money_add(&to->draw_cents, from->draw_cents) &&
	       money_add(&to->cash_flow_cents, from->cash_flow_cents);
}

static bool debt_service(const liquidity_period *p, int64_t *out)
{
	int64_t ds = p->interest_income_cents;
	bool ok = money_add(&ds, p->interest_expense_cents) && money_add(&ds, p->repayment_cents);
	*out = ds;
	return ok;
}

static int32_t year_of(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm))
		return 0;
	return (int32_t)tm.tm_year + 1900;
}

/* The loans' flows, month by month over every year (ny * 12 periods from January of
 * base_year): interest on the balance at the month's rate, the repayment in twelfths, the
 * draws on the first of January. */
static bool loan_months(const treasury *t, int ny, liquidity_period *mo)
{
	bool ok = true;
	for (size_t i = 0; i < t->nloans; i++) {
		const treasury_loan *ln = &t->loans[i];
		int64_t bal = ln->balance_cents;
		ok = money_add(&bal, ln->repayment_cents[0]) && ok;
		for (int y = 0; y < ny; y++) {
			ok = money_add(&bal, ln->draw_cents[y]) && ok;
			ok = money_add(&mo[y * 12].draw_cents, ln->draw_cents[y]) && ok;
			for (int k = 1; k <= 12; k++) {
				liquidity_period *q = &mo[y * 12 + k - 1];
				int64_t interest = 0, rep = liquidity_twelfth(ln->repayment_cents[y], k);
				ok = money_mul_ratio(bal, ln->rate_ppm[y], 12 * (int64_t)MILLION,
						     &interest) && ok;
				ok = money_add(&q->interest_expense_cents, interest) && ok;
				ok = money_add(&q->repayment_cents, rep) && ok;
				ok = money_add(&bal, -rep) && ok;
			}
		}
	}
	return ok;
}

/* Year y (0 is base_year) with its months in mo: each month's flows from the year's result
 * r plus the add-back, in twelfths, summed into the year; then the year's stocks (the
 * treasury's position for the base year, else rolled on from the year before) and its
 * ratios. */
static bool year_from_months(const model *m, const treasury *t, int y, int64_t r,
			     int64_t addback, int64_t dep, liquidity_period *mo, liquidity *out)
{
	bool ok = true;
	liquidity_period *yr = &out->years[y];
	yr->year = m->base_year + y;
	for (int k = 1; k <= 12; k++) {
		liquidity_period *q = &mo[y * 12 + k - 1];
		q->year = yr->year;
		q->month = k;
		q->ebitda_cents = liquidity_twelfth(r, k);
		ok = money_add(&q->ebitda_cents, liquidity_twelfth(addback, k)) && ok;
		q->depreciation_cents = liquidity_twelfth(dep, k);
		q->interest_income_cents = liquidity_twelfth(t->interest_income_cents[y], k);
		q->investment_cents = liquidity_twelfth(t->investment_cents[y], k);
		q->result_cents = q->ebitda_cents;
		ok = money_add(&q->result_cents, -q->depreciation_cents) &&
		     money_add(&q->result_cents, -q->interest_expense_cents) &&
		     money_add(&q->result_cents, q->interest_income_cents) && ok;
		q->cash_flow_cents = q->result_cents;
		ok = money_add(&q->cash_flow_cents, q->depreciation_cents) &&
		     money_add(&q->cash_flow_cents, -q->investment_cents) &&
		     money_add(&q->cash_flow_cents, -q->repayment_cents) &&
		     money_add(&q->cash_flow_cents, q->draw_cents) && ok;
		ok = add_flows(yr, q) && ok;
	}
	yr->ebitda_12m_cents = yr->ebitda_cents;
	ok = debt_service(yr, &yr->debt_service_12m_cents) && ok;
	if (y == 0) {
		yr->cash_cents = t->cash_cents;
		yr->equity_cents = t->equity_cents;
		yr->total_capital_cents = t->total_capital_cents;
		for (size_t i = 0; i < t->nloans; i++)
			ok = money_add(&yr->debt_cents, t->loans[i].balance_cents) && ok;
		ok = !__builtin_sub_overflow(yr->debt_cents, yr->cash_cents,
					     &yr->net_debt_cents) && ok;
	} else {
		ok = roll(yr, &out->years[y - 1]) && ok;
	}
	ratios(yr, t);
	return ok;
}

/* The months shown, count years of them from plan year first (0 when none): rolled on
 * from the year before, with the flows of the 12 months ending with each. */
static bool shown_months(const treasury *t, const liquidity_period *mo, int first, int count,
			 liquidity *out)
{
	bool ok = true;
	out->nmonths = (size_t)count * 12;
	out->months = xcalloc(out->nmonths, sizeof *out->months);
	for (size_t i = 0; i < out->nmonths; i++) {
		int y = first + (int)(i / 12);
		liquidity_period *q = &out->months[i];
		*q = mo[y * 12 + (int)(i % 12)];
		ok = roll(q, i % 12 ? &out->months[i - 1] : &out->years[y - 1]) && ok;
		/* The 12 months ending with this one. */
		size_t end = (size_t)y * 12 + i % 12;
		for (size_t j = end - 11; j <= end; j++) {
			int64_t ds = 0;
			ok = money_add(&q->ebitda_12m_cents, mo[j].ebitda_cents) &&
			     debt_service(&mo[j], &ds) &&
			     money_add(&q->debt_service_12m_cents, ds) && ok;
		}
		ratios(q, t);
	}
	return ok;
}

/* The first breach of each covenant: by month where the year has months shown (count
 * years from first), else by year. */
static void first_breaches(const model *m, int first, int count, liquidity *out)
{
	for (int k = 0; k < COVENANT_COUNT; k++) {
		covenant_check *cv = &out->cov[k];
		for (int y = 0; cv->active && !cv->breached && y < out->nyears; y++) {
			int32_t year = m->base_year + y;
			bool monthly = first >= 1 && y >= first && y < first + count;
			if (!monthly) {
				if (out->years[y].breach[k])
					*cv = (covenant_check){true, cv->threshold_ppm, true, year, 0};
				continue;
			}
			for (int mth = 0; mth < 12 && !cv->breached; mth++)
				if (out->months[(y - first) * 12 + mth].breach[k])
					*cv = (covenant_check){true, cv->threshold_ppm, true, year,
							       mth + 1};
		}
	}
}

fp_status liquidity_compute(const model *m, const treasury *t, const projection *p,
			    const int64_t *result_override, liquidity *out, diag *d)
{
	memset(out, 0, sizeof *out);
	out->base_year = m->base_year;
	out->current_year = year_of(m->document_time);
	for (int k = 0; k < COVENANT_COUNT; k++)
		out->cov[k] = (covenant_check){t->has_threshold[k], t->threshold_ppm[k], false, 0, 0};
	if (!t->present || t->nyears != m->nyears + 1 || p->nyears != t->nyears)
		return FP_OK;
	int ny = t->nyears;
	/* Every month of every year: the loans first, for the interest of the base year. */
	liquidity_period *mo = xcalloc((size_t)ny * 12, sizeof *mo);
	bool ok = loan_months(t, ny, mo);
	/* The add-back: what the base year's result carries of interest, and of depreciation:
	 * with depreciation categories the projection's depreciation of each year (a saving
	 * on it, or an index, is no cash), else the base year's depreciation of treasury.csv,
	 * whose depreciation of each year then comes into the result instead. */
	bool dep_cats = model_first_depreciation(m) >= 0;
	int64_t ie0 = 0, interest = 0;
	for (int k = 0; k < 12; k++)
		ok = money_add(&ie0, mo[k].interest_expense_cents) && ok;
	ok = money_add(&interest, ie0) && money_add(&interest, -t->interest_income_cents[0]) && ok;
	out->nyears = ny;
	out->years = xcalloc((size_t)ny, sizeof *out->years);
	for (int y = 0; y < ny; y++) {
		int64_t r = proj_row(p, m->root, y)->result_cents;
		if (y > 0 && result_override)
			r = result_override[y - 1];
		int64_t dep = dep_cats ? proj_row(p, m->root, y)->depreciation_cents
				       : t->depreciation_cents[y];
		int64_t addback = interest;
		ok = money_add(&addback, dep_cats ? dep : t->depreciation_cents[0]) && ok;
		if (y == 0)
			out->addback_cents = addback;
		ok = year_from_months(m, t, y, r, addback, dep, mo, out) && ok;
	}
	/* The months shown: the current year and the next, where they are plan years. */
	int first = -1, count = 0;
	for (int32_t yy = out->current_year; yy <= out->current_year + 1; yy++) {
		int y = yy - m->base_year;
		if (y < 1 || y >= ny)
			continue;
		if (first < 0)
			first = y;
		count++;
	}
	if (count)
		ok = shown_months(t, mo, first, count, out) && ok;
	free(mo);
	if (!ok) {
		liquidity_release(out);
		diag_error(d, NULL, 0, 0, "the liquidity overflows the limit of "
					  "92,233,720,368,547,758.07");
		return FP_EDATA;
	}
	first_breaches(m, first, count, out);
	return FP_OK;
}

void liquidity_release(liquidity *l)
{
	free(l->years);
	free(l->months);
	l->years = NULL;
	l->months = NULL;
	l->nyears = 0;
	l->nmonths = 0;
}

