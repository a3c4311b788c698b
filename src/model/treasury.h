/* treasury: the liquidity plan of a model version (treasury.csv, optional): the position at
 * the end of the base year, the loans with their repayments and rates, the investment
 * plan, depreciation, interest income and the covenant thresholds; and the liquidity it
 * gives with a projection: cash, debt, equity and the covenant ratios per year and, for the
 * current and the next year, per month. Money is int64 cents; rates, thresholds and ratios
 * are int64 parts per million (ppm) of 1, computed and compared exactly. See
 * docs/treasury.md. Pure C: no third-party headers. */
#ifndef FP_TREASURY_H
#define FP_TREASURY_H
#include "scenario.h"
#include <stdio.h>

#define TREASURY_FILE "treasury.csv"

/* A ratio that is not defined (a zero denominator; for net debt / EBITDA, an EBITDA of
 * zero or less). */
#define RATIO_NONE INT64_MIN

typedef enum covenant {
	COV_DSCR,            /* debt service coverage ratio, at least the minimum */
	COV_NET_DEBT_EBITDA, /* net debt / EBITDA, at most the maximum */
	COV_SOLVENCY,        /* equity / total capital, at least the minimum */
	COVENANT_COUNT
} covenant;

typedef struct treasury_loan {
	const char *code;
	int64_t balance_cents;    /* outstanding at 31 December of base_year */
	int64_t *repayment_cents; /* per year, [0] base_year .. horizon_year: the repayment in
				   * force, at most what is left of the loan */
	int64_t *draw_cents;      /* per year, drawn on 1 January; [0] is always 0 */
	int64_t *rate_ppm;        /* per year: the annual rate in force */
	uint32_t line;            /* the loan's first row in the file */
} treasury_loan;

typedef struct treasury {
	arena a; /* everything below lives here */
	bool present;
	const char *path;
	int32_t nyears; /* model.nyears + 1: [0] is base_year */
	int64_t cash_cents, equity_cents, total_capital_cents; /* at 31 December of base_year */
	int64_t *depreciation_cents;    /* per year */
	int64_t *interest_income_cents; /* per year, 0 where not given */
	int64_t *investment_cents;      /* per year, 0 where not given */
	treasury_loan *loans;           /* in order of first appearance in the file */
	size_t nloans;
	bool has_threshold[COVENANT_COUNT];
	int64_t threshold_ppm[COVENANT_COUNT]; /* minimum DSCR, maximum net debt / EBITDA,
						* minimum solvency (0.2 is 200000) */
	size_t ignored_rows; /* rows for years after horizon_year: checked, then ignored */
} treasury;

/* treasury_load: read <m->dir>/treasury.csv into t when the file exists (t->present), with
 * the model's notation and years. Every problem is reported to d at FILE:LINE:COL; the
 * result is FP_OK (also when there is no file), FP_EDATA or FP_EIO. t is always
 * initialised: call treasury_release in any case. */
fp_status treasury_load(const model *m, treasury *t, diag *d);

/* treasury_present: a treasury.csv was read. */
bool treasury_present(const treasury *t);

/* treasury_release: free what t holds; t can be loaded again. */
void treasury_release(treasury *t);

/* treasury_path: <dir>/treasury.csv, joined as model_load joins paths, in arena a. */
const char *treasury_path(arena *a, const char *dir);

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
	int64_t addback_cents;    /* base-year depreciation + interest expense - interest income */
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

/* liquidity_write_csv: one row per year, then per month: the figures of liquidity_period
 * with two decimals, ratios with six, breaches as covenant words joined by ';'. */
void liquidity_write_csv(FILE *f, const liquidity *l);

/* liquidity_print_summary: two lines for a run's summary: the target year's cash and
 * ratios, and each covenant's first breach (or "met through HORIZON"). */
void liquidity_print_summary(FILE *f, const model *m, const liquidity *l);

/* covenant_word: "dscr", "net_debt_ebitda", "solvency". */
const char *covenant_word(covenant c);

/* liquidity_twelfth: the k-th (1 to 12) of twelve cumulative twelfths of cents, each
 * rounded half away from zero; the twelve add up to cents exactly. */
int64_t liquidity_twelfth(int64_t cents, int k);

#endif
