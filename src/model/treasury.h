/* treasury: loading the liquidity plan of a model version (treasury.csv, optional): the
 * position at the end of the base year, the loans with their repayments and rates, the
 * investment plan, depreciation, interest income and the covenant thresholds; liquidity.h
 * computes the liquidity it gives with a projection. Money is int64 cents; rates and
 * thresholds are int64 parts per million (ppm) of 1. See docs/treasury.md. Pure C: no
 * third-party headers. */
#ifndef FP_TREASURY_H
#define FP_TREASURY_H
#include "model.h"

#define TREASURY_FILE "treasury.csv"

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
 * result is FP_OK (also when there is no file), FP_EDATA or FP_EIO. When m was loaded with
 * model_load_hashed, the digest of the bytes read goes into the file's slot (digest.h). t
 * is always initialised: call treasury_release in any case. */
fp_status treasury_load(const model *m, treasury *t, diag *d);

/* treasury_present: a treasury.csv was read. */
bool treasury_present(const treasury *t);

/* treasury_release: free what t holds; t can be loaded again. */
void treasury_release(treasury *t);

/* treasury_path: <dir>/treasury.csv, joined as model_load joins paths, in arena a. */
const char *treasury_path(arena *a, const char *dir);

/* covenant_word: "dscr", "net_debt_ebitda", "solvency". */
const char *covenant_word(covenant c);

#endif
