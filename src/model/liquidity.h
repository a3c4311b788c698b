/* liquidity: the liquidity a treasury plan (treasury.h) gives with a projection: cash, debt,
 * equity and the covenant ratios per year and, for the current and the next year, per
 * month. Money is int64 cents; ratios are int64 parts per million (ppm) of 1, computed and
 * compared exactly. See docs/treasury.md. Computes only: the writers are in export/. */
#ifndef FP_LIQUIDITY_H
#define FP_LIQUIDITY_H
#include "projection.h"
#include "treasury.h"

/* A ratio that is not defined (a zero denominator; for net debt / EBITDA, an EBITDA of
 * zero or less). */
#define RATIO_NONE INT64_MIN

/* One period of the liquidity: a year (month 0) or a month. Flows are over the period;
 * stocks at its end. */
typedef struct liquidity_period {
	int32_t year;
	int32_t month; /* 0 for the year, 1 to 12 for a month */
	int64_t ebitda_cents;
	int64_t depreciation_cents;
	int64_t interest_expense_cents;
	int64_t interest_income_cents;
	int64_t result_cents; /* ebitda - depreciation - interest expense + interest income */
	int64_t investment_cents;
	int64_t repayment_cents;
	int64_t draw_cents;
	int64_t cash_flow_cents; /* result + depreciation - investment - repayment + draw */
	int64_t cash_cents, debt_cents, net_debt_cents, equity_cents, total_capital_cents;
	/* The ratios' flows: the year's, or for a month those of the 12 months ending with it. */
	int64_t ebitda_12m_cents;
	int64_t debt_service_12m_cents; /* interest income + interest expense + repayments */
	int64_t ratio_ppm[COVENANT_COUNT]; /* rounded half away from zero, or RATIO_NONE */
	bool breach[COVENANT_COUNT];       /* only for covenants with a threshold */
} liquidity_period;

typedef struct covenant_check {
	bool active; /* the threshold is given in treasury.csv */
	int64_t threshold_ppm;
	bool breached;
	int32_t year, month; /* the first period in breach; month 0: a year without months */
} covenant_check;

typedef struct liquidity {
	const char *label; /* NULL, or what the caller calls this path ("P10"); not owned */
	int32_t base_year, current_year;
	int32_t nyears;           /* base_year .. horizon_year */
	liquidity_period *years;  /* nyears */
	liquidity_period *months; /* nmonths, in time order */
	size_t nmonths;           /* 0, 12 or 24 */
	int64_t addback_cents;    /* the base year's add-back: depreciation + interest expense -
				   * interest income (docs/treasury.md, EBITDA) */
	covenant_check cov[COVENANT_COUNT];
} liquidity;

/* liquidity_compute: the liquidity of treasury t (present) with the root's result from
 * projection p per year; result_override, when not NULL, replaces the result of the plan
 * years (model.nyears values, [0] is base_year + 1, in cents: e.g. a P10 path). The months
 * are those of the current year (the year of m->document_time) and the next that are plan
 * years. FP_EDATA (reported) on overflow. out is always initialised: call
 * liquidity_release in any case. */
fp_status liquidity_compute(const model *m, const treasury *t, const projection *p,
			    const int64_t *result_override, liquidity *out, diag *d);
void liquidity_release(liquidity *l);

/* liquidity_twelfth: the k-th (1 to 12) of twelve cumulative twelfths of cents, each
 * rounded half away from zero; the twelve add up to cents exactly. */
int64_t liquidity_twelfth(int64_t cents, int k);

#endif
