/* test_treasury: treasury.csv and the liquidity, against figures computed by hand: a
 * loan's monthly interest and repayments, the three covenant ratios of a worked example
 * (EBITDA, debt service, net debt, solvency), the cash roll-forward, a result path that
 * replaces the projection's, the first breach of each covenant found in the right month or
 * year, the equal twelfths, and every kind of bad row reported at its line and field. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testmodel.h"
#include "export/liquidity_text.h"
#include "model/liquidity.h"
#include "model/treasury.h"

#define EUR(x) ((int64_t)(x) * 100)

/* A model of one unit, base year 2020, plan years 2021-2023, in folder dir. */
static void tm_one(tmodel *t, const char *dir)
{
	tm_init(t, 1, 2020, 3);
	tm_unit(t, 0, "LUMC", -1);
	t->m.dir = dir;
}

/* A projection of the root with the given results, [0] the base year. */
static void proj_results(projection *p, const int64_t *results, int n)
{
	p->nyears = n;
	p->rows = xcalloc((size_t)n, sizeof *p->rows);
	for (int y = 0; y < n; y++)
		p->rows[y].result_cents = results[y];
}

static int64_t doc_time(const char *date)
{
	int64_t t = 0;
	assert_true(model_parse_time(date, &t));
	return t;
}

/* Load text as dir/treasury.csv; the messages go to ms. */
static fp_status load(tmodel *tm, treasury *t, msgs *ms, const char *dir, const char *text)
{
	write_text(dir, "treasury.csv", text);
	return treasury_load(&tm->m, t, &ms->d);
}

/* ---- twelfths ---- */

static void twelfths(void **state)
{
	(void)state;
	/* 100 cents: 8.33 rounded cumulatively: 8, 17, 25, 33, 42, 50, ... */
	static const int64_t want[12] = {8, 9, 8, 8, 9, 8, 8, 9, 8, 8, 9, 8};
	int64_t sum = 0;
	for (int k = 1; k <= 12; k++) {
		assert_int_equal(liquidity_twelfth(100, k), want[k - 1]);
		assert_int_equal(liquidity_twelfth(-100, k), -want[k - 1]);
		sum += liquidity_twelfth(100, k);
	}
	assert_int_equal(sum, 100);
	/* 6 cents: 0.5, 1, 1.5, ... rounded half away from zero: 1, 0, 1, 0, ... */
	for (int k = 1; k <= 12; k++)
		assert_int_equal(liquidity_twelfth(6, k), k % 2);
	assert_int_equal(liquidity_twelfth(EUR(120000), 7), EUR(10000));
}

/* ---- a loan's schedule and interest ---- */

static void loan_schedule(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	tmodel tm;
	tm_one(&tm, dir);
	msgs ms;
	msgs_init(&ms);
	treasury t;
	/* L: 1,200,000 at the end of 2020, 6% a year (0.5% a month), 120,000 a year (10,000 a
	 * month). N: 600,000 drawn on 1 January 2022 at 5%, no repayment (a bullet loan).
	 * S: 250,000 repaid 100,000 a year: 100,000 in 2021 and 2022, the last 50,000 in 2023. */
	assert_int_equal(load(&tm, &t, &ms, dir,
			      "item,loan,year,value\n"
			      "cash,,2020,0\nequity,,2020,1\ntotal_capital,,2020,2\n"
			      "depreciation,,2020,0\ndepreciation,,2021,0\ndepreciation,,2022,0\n"
			      "depreciation,,2023,0\n"
			      "loan_balance,L,2020,1200000\nloan_rate_pct,L,,6\n"
			      "loan_repayment,L,,120000\n"
			      "loan_draw,N,2022,600000\nloan_rate_pct,N,2022,5\n"
			      "loan_balance,S,2020,250000\nloan_rate_pct,S,,0\n"
			      "loan_repayment,S,2021,100000\n"),
			 FP_OK);
	assert_string_equal(msgs_text(&ms), "");
	assert_true(treasury_present(&t));
	assert_int_equal(t.nloans, 3);
	const treasury_loan *l = &t.loans[0], *n = &t.loans[1], *s = &t.loans[2];
	assert_string_equal(l->code, "L");
	for (int y = 0; y < 4; y++) {
		assert_int_equal(l->repayment_cents[y], EUR(120000));
		assert_int_equal(l->rate_ppm[y], 60000);
		assert_int_equal(n->repayment_cents[y], 0);
	}
	assert_int_equal(n->rate_ppm[2], 50000);
	assert_int_equal(n->draw_cents[2], EUR(600000));
	assert_int_equal(s->repayment_cents[0], 0);
	assert_int_equal(s->repayment_cents[1], EUR(100000));
	assert_int_equal(s->repayment_cents[2], EUR(100000));
	assert_int_equal(s->repayment_cents[3], EUR(50000));

	static const int64_t res[4] = {0, 0, 0, 0};
	projection p;
	proj_results(&p, res, 4);
	tm.m.document_time = doc_time("2022-03-01"); /* months of 2022 and 2023 */
	liquidity lq;
	assert_int_equal(liquidity_compute(&tm.m, &t, &p, NULL, &lq, &ms.d), FP_OK);
	/* L in 2020 starts at 1,320,000: month k pays 0.5% of 1,320,000 - 10,000 (k - 1),
	 * 6,600 - 50 (k - 1); the year 12 * 6,600 - 50 * 66 = 75,900. In 2021 it starts at
	 * 1,200,000: 72,000 - 3,300 = 68,700; 2022: 64,800 - 3,300 = 61,500, plus N's 12 * 2,500
	 * = 30,000; 2023: 57,600 - 3,300 + 30,000 = 84,300. */
	assert_int_equal(lq.years[0].interest_expense_cents, EUR(75900));
	assert_int_equal(lq.years[1].interest_expense_cents, EUR(68700));
	assert_int_equal(lq.years[2].interest_expense_cents, EUR(61500 + 30000));
	assert_int_equal(lq.years[3].interest_expense_cents, EUR(54300 + 30000));
	/* Repayments: L 120,000 and S 0 in 2020; then L + S. */
	assert_int_equal(lq.years[0].repayment_cents, EUR(120000));
	assert_int_equal(lq.years[1].repayment_cents, EUR(220000));
	assert_int_equal(lq.years[3].repayment_cents, EUR(170000));
	/* Debt at the end of each year: 1,450,000; 1,230,000; +600,000 - 220,000; -170,000. */
	assert_int_equal(lq.years[0].debt_cents, EUR(1450000));
	assert_int_equal(lq.years[1].debt_cents, EUR(1230000));
	assert_int_equal(lq.years[2].debt_cents, EUR(1610000));
	assert_int_equal(lq.years[3].debt_cents, EUR(1440000));
	assert_int_equal(lq.years[2].draw_cents, EUR(600000));
	/* With no result, depreciation or interest income of its own, EBITDA is the base
	 * year's interest 75,900 every year; 2022's result 75,900 - 91,500 = -15,600; cash and
	 * total capital both grow by -15,600 + 600,000 - 220,000 = 364,400. */
	assert_int_equal(lq.years[2].ebitda_cents, EUR(75900));
	assert_int_equal(lq.years[2].result_cents, EUR(-15600));
	assert_int_equal(lq.years[2].cash_cents - lq.years[1].cash_cents, EUR(364400));
	assert_int_equal(lq.years[2].total_capital_cents - lq.years[1].total_capital_cents,
			 EUR(364400));
	assert_int_equal(lq.years[2].equity_cents - lq.years[1].equity_cents, EUR(-15600));
	/* January 2022: L pays 0.5% of 1,080,000 = 5,400, N 2,500; the draw is in January. */
	assert_int_equal(lq.nmonths, 24);
	const liquidity_period *jan = &lq.months[0];
	assert_int_equal(jan->year, 2022);
	assert_int_equal(jan->month, 1);
	assert_int_equal(jan->interest_expense_cents, EUR(5400 + 2500));
	assert_int_equal(jan->repayment_cents, EUR(10000 + 100000 / 12) + 33); /* 8,333.33 */
	assert_int_equal(jan->draw_cents, EUR(600000));
	assert_int_equal(lq.months[1].draw_cents, 0);
	/* December 2023 is the end of 2023. */
	assert_int_equal(lq.months[23].debt_cents, lq.years[3].debt_cents);
	liquidity_release(&lq);
	projection_release(&p);
	treasury_release(&t);
	msgs_release(&ms);
	tm_release(&tm);
	tmpdir_remove(dir);
}

/* ---- the worked example: ratios, roll-forward, breaches ---- */

/* Base year 2020: result 28,200, depreciation 700,000, interest 75,900 (loan L above),
 * interest income 4,100: EBITDA 800,000; debt service 4,100 + 75,900 + 120,000 = 200,000.
 * The add-back for every year is 700,000 + 75,900 - 4,100 = 771,800. */
static const char example[] =
	"item,loan,year,value,note\n"
	"cash,,2020,400000,\n"
	"equity,,2020,4000000,\n"
	"total_capital,,2020,10000000,\n"
	"depreciation,,2020,700000,\n"
	"depreciation,,2021,1022600,\n"
	"depreciation,,2022,957000,\n"
	"depreciation,,2023,1000000,\n"
	"interest_income,,2020,4100,\n"
	"interest_income,,2021,11300,\n"
	"interest_income,,2022,18500,\n"
	"interest_income,,2023,25700,\n"
	"investment,,2021,642600,\n"
	"investment,,2022,837000,\n"
	"loan_balance,L,2020,1200000,\n"
	"loan_rate_pct,L,,6,\n"
	"loan_repayment,L,,120000,\n"
	"min_dscr,,,1.6,\n"
	"max_net_debt_ebitda,,,3,\n"
	"min_solvency_pct,,,37,\n";

/* Results chosen for an EBITDA of 800,000, 1,000,000, 1,000,000 and -200,000. */
static const int64_t example_results[4] = {EUR(28200), EUR(228200), EUR(228200), EUR(-971800)};

typedef struct fixture {
	char *dir;
	tmodel tm;
	msgs ms;
	treasury t;
	projection p;
} fixture;

static void fixture_open(fixture *f, const char *text, const int64_t *results)
{
	f->dir = tmpdir_make();
	tm_one(&f->tm, f->dir);
	msgs_init(&f->ms);
	assert_int_equal(load(&f->tm, &f->t, &f->ms, f->dir, text), FP_OK);
	assert_string_equal(msgs_text(&f->ms), "");
	proj_results(&f->p, results, 4);
}

static void fixture_close(fixture *f)
{
	projection_release(&f->p);
	treasury_release(&f->t);
	msgs_release(&f->ms);
	tm_release(&f->tm);
	tmpdir_remove(f->dir);
}

static void worked_example(void **state)
{
	(void)state;
	fixture f;
	fixture_open(&f, example, example_results);
	assert_int_equal(f.t.threshold_ppm[COV_DSCR], 1600000);
	assert_int_equal(f.t.threshold_ppm[COV_NET_DEBT_EBITDA], 3000000);
	assert_int_equal(f.t.threshold_ppm[COV_SOLVENCY], 370000);
	f.tm.m.document_time = doc_time("2020-12-31"); /* months of 2021 only */
	liquidity l;
	assert_int_equal(liquidity_compute(&f.tm.m, &f.t, &f.p, NULL, &l, &f.ms.d), FP_OK);
	assert_int_equal(l.current_year, 2020);
	assert_int_equal(l.nyears, 4);
	assert_int_equal(l.addback_cents, EUR(771800));

	/* 2020: DSCR 800,000 / 200,000 = 4; net debt 1,200,000 - 400,000 = 800,000, / 800,000
	 * = 1; solvency 4,000,000 / 10,000,000 = 40%. */
	const liquidity_period *y = &l.years[0];
	assert_int_equal(y->year, 2020);
	assert_int_equal(y->ebitda_cents, EUR(800000));
	assert_int_equal(y->result_cents, EUR(28200));
	assert_int_equal(y->interest_expense_cents, EUR(75900));
	assert_int_equal(y->debt_service_12m_cents, EUR(200000));
	assert_int_equal(y->cash_cents, EUR(400000));
	assert_int_equal(y->debt_cents, EUR(1200000));
	assert_int_equal(y->net_debt_cents, EUR(800000));
	assert_int_equal(y->ratio_ppm[COV_DSCR], 4000000);
	assert_int_equal(y->ratio_ppm[COV_NET_DEBT_EBITDA], 1000000);
	assert_int_equal(y->ratio_ppm[COV_SOLVENCY], 400000);

	/* 2021: EBITDA 228,200 + 771,800 = 1,000,000; interest 68,700; result 1,000,000 -
	 * 1,022,600 - 68,700 + 11,300 = -80,000; cash flow -80,000 + 1,022,600 - 642,600 -
	 * 120,000 = 180,000, cash 580,000; debt 1,080,000, net debt 500,000 (0.5); debt
	 * service 11,300 + 68,700 + 120,000 = 200,000 (DSCR 5); equity 3,920,000 over total
	 * capital 10,000,000 - 80,000 - 120,000 = 9,800,000: 40%. */
	y = &l.years[1];
	assert_int_equal(y->ebitda_cents, EUR(1000000));
	assert_int_equal(y->interest_expense_cents, EUR(68700));
	assert_int_equal(y->result_cents, EUR(-80000));
	assert_int_equal(y->cash_flow_cents, EUR(180000));
	assert_int_equal(y->cash_cents, EUR(580000));
	assert_int_equal(y->debt_cents, EUR(1080000));
	assert_int_equal(y->net_debt_cents, EUR(500000));
	assert_int_equal(y->equity_cents, EUR(3920000));
	assert_int_equal(y->total_capital_cents, EUR(9800000));
	assert_int_equal(y->debt_service_12m_cents, EUR(200000));
	assert_int_equal(y->ratio_ppm[COV_DSCR], 5000000);
	assert_int_equal(y->ratio_ppm[COV_NET_DEBT_EBITDA], 500000);
	assert_int_equal(y->ratio_ppm[COV_SOLVENCY], 400000);

	/* 2022: EBITDA 1,000,000, interest 61,500, result 0, cash flow 0; net debt 960,000 -
	 * 580,000 = 380,000 (0.38); DSCR 1,000,000 / (18,500 + 61,500 + 120,000) = 5;
	 * solvency 3,920,000 / 9,680,000 = 0.4049586... */
	y = &l.years[2];
	assert_int_equal(y->result_cents, 0);
	assert_int_equal(y->cash_flow_cents, 0);
	assert_int_equal(y->net_debt_cents, EUR(380000));
	assert_int_equal(y->ratio_ppm[COV_DSCR], 5000000);
	assert_int_equal(y->ratio_ppm[COV_NET_DEBT_EBITDA], 380000);
	assert_int_equal(y->ratio_ppm[COV_SOLVENCY], 404959);
	for (int k = 0; k < COVENANT_COUNT; k++)
		assert_false(y->breach[k]);

	/* 2023: EBITDA -200,000: DSCR -200,000 / (25,700 + 54,300 + 120,000) = -1 (below
	 * 1.6); net debt / EBITDA not defined and a breach (net debt 608,600 > 0); result
	 * -200,000 - 1,000,000 - 54,300 + 25,700 = -1,228,600, equity 2,691,400 over total
	 * capital 8,331,400: 32.3% < 37%. */
	y = &l.years[3];
	assert_int_equal(y->result_cents, EUR(-1228600));
	assert_int_equal(y->cash_cents, EUR(231400));
	assert_int_equal(y->net_debt_cents, EUR(608600));
	assert_int_equal(y->equity_cents, EUR(2691400));
	assert_int_equal(y->total_capital_cents, EUR(8331400));
	assert_int_equal(y->ratio_ppm[COV_DSCR], -1000000);
	assert_true(y->ratio_ppm[COV_NET_DEBT_EBITDA] == RATIO_NONE);
	assert_int_equal(y->ratio_ppm[COV_SOLVENCY], 323043);
	for (int k = 0; k < COVENANT_COUNT; k++)
		assert_true(y->breach[k]);

	/* 2023 has no months in this run: each covenant is first broken in the year 2023. */
	assert_int_equal(l.nmonths, 12);
	assert_int_equal(l.months[0].year, 2021);
	for (int k = 0; k < COVENANT_COUNT; k++) {
		assert_true(l.cov[k].active);
		assert_true(l.cov[k].breached);
		assert_int_equal(l.cov[k].year, 2023);
		assert_int_equal(l.cov[k].month, 0);
	}
	/* A month of 2021: its ratios over the 12 months to it: EBITDA and debt service mix
	 * 2020's and 2021's twelfths; December is the year. */
	assert_int_equal(l.months[11].ratio_ppm[COV_DSCR], 5000000);
	assert_int_equal(l.months[11].cash_cents, EUR(580000));
	assert_int_equal(l.months[11].ebitda_12m_cents, EUR(1000000));
	assert_int_equal(l.months[5].ebitda_12m_cents, EUR(900000)); /* 6 x 800,000/12 + 6 x
									* 1,000,000/12 */
	liquidity_release(&l);
	fixture_close(&f);
}

static void breach_in_month(void **state)
{
	(void)state;
	fixture f;
	fixture_open(&f, example, example_results);
	f.tm.m.document_time = doc_time("2022-06-15T08:00:00Z"); /* months of 2022 and 2023 */
	liquidity l;
	assert_int_equal(liquidity_compute(&f.tm.m, &f.t, &f.p, NULL, &l, &f.ms.d), FP_OK);
	assert_int_equal(l.nmonths, 24);
	/* In month m of 2023 the 12 months' EBITDA is 1,000,000 - 100,000 m and their debt
	 * service 200,000: DSCR 5 - 0.5 m, first below 1.6 in July (1.5; June is 2). */
	const liquidity_period *jun = &l.months[12 + 5], *jul = &l.months[12 + 6];
	assert_int_equal(jun->ebitda_12m_cents, EUR(400000));
	assert_int_equal(jul->ebitda_12m_cents, EUR(300000));
	assert_int_equal(jun->ratio_ppm[COV_DSCR], 2000000);
	assert_int_equal(jul->ratio_ppm[COV_DSCR], 1500000);
	assert_false(jun->breach[COV_DSCR]);
	assert_true(jul->breach[COV_DSCR]);
	assert_true(l.cov[COV_DSCR].breached);
	assert_int_equal(l.cov[COV_DSCR].year, 2023);
	assert_int_equal(l.cov[COV_DSCR].month, 7);
	/* Net debt at the end of August: debt 960,000 - 8 x 10,000 = 880,000; cash 580,000 +
	 * 8 months of EBITDA (-647,866.67 + 514,533.33) - interest (8 x 4,800 - 50 x 28 =
	 * 37,000) + interest income 17,133.33 - repayments 80,000 = 346,799.99: net debt
	 * 533,200.01 over 200,000 is 2.666; September: 552,125 over 100,000 is 5.52. */
	assert_int_equal(l.months[12 + 7].net_debt_cents, EUR(533200) + 1);
	assert_int_equal(l.months[12 + 7].ratio_ppm[COV_NET_DEBT_EBITDA], 2666000);
	assert_int_equal(l.months[12 + 8].net_debt_cents, EUR(552125));
	assert_int_equal(l.months[12 + 8].ratio_ppm[COV_NET_DEBT_EBITDA], 5521250);
	assert_int_equal(l.cov[COV_NET_DEBT_EBITDA].year, 2023);
	assert_int_equal(l.cov[COV_NET_DEBT_EBITDA].month, 9);
	/* Equity after June: 3,920,000 + EBITDA -100,000 - depreciation 500,000 - interest
	 * 28,050 + interest income 12,850 = 3,304,800, over total capital 9,680,000 - 615,200
	 * - 60,000 = 9,004,800: 36.70% (May: 37.37%). */
	assert_int_equal(l.months[12 + 5].equity_cents, EUR(3304800));
	assert_int_equal(l.months[12 + 5].total_capital_cents, EUR(9004800));
	assert_int_equal(l.months[12 + 5].ratio_ppm[COV_SOLVENCY], 367004);
	assert_false(l.months[12 + 4].breach[COV_SOLVENCY]);
	assert_true(l.months[12 + 5].breach[COV_SOLVENCY]);
	assert_int_equal(l.cov[COV_SOLVENCY].year, 2023);
	assert_int_equal(l.cov[COV_SOLVENCY].month, 6);
	/* 2022's months are all within the covenants. */
	for (int i = 0; i < 12; i++)
		for (int k = 0; k < COVENANT_COUNT; k++)
			assert_false(l.months[i].breach[k]);
	/* The months add up to their year, and December ends where the year ends. */
	for (int yi = 2; yi <= 3; yi++) {
		int64_t flow = 0, inv = 0, ie = 0;
		for (int k = 0; k < 12; k++) {
			const liquidity_period *q = &l.months[(yi - 2) * 12 + k];
			flow += q->cash_flow_cents;
			inv += q->investment_cents;
			ie += q->interest_expense_cents;
		}
		const liquidity_period *y = &l.years[yi], *dec = &l.months[(yi - 2) * 12 + 11];
		assert_int_equal(flow, y->cash_flow_cents);
		assert_int_equal(inv, y->investment_cents);
		assert_int_equal(ie, y->interest_expense_cents);
		assert_int_equal(dec->cash_cents, y->cash_cents);
		assert_int_equal(dec->equity_cents, y->equity_cents);
		assert_int_equal(dec->total_capital_cents, y->total_capital_cents);
		for (int k = 0; k < COVENANT_COUNT; k++)
			assert_int_equal(dec->ratio_ppm[k], y->ratio_ppm[k]);
	}
	/* The CSV and the summary. */
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	liquidity_write_csv(out, &l);
	liquidity_print_summary(out, &f.tm.m, &l);
	fclose(out);
	assert_non_null(strstr(buf, "\n2020,2020,,800000.00,700000.00,75900.00,4100.00,28200.00,"
				    "0.00,120000.00,0.00,608200.00,400000.00,1200000.00,800000.00,"
				    "4000000.00,10000000.00,800000.00,200000.00,4.000000,1.000000,"
				    "0.400000,\n"));
	assert_non_null(strstr(buf, "\n2023-07,2023,7,"));
	assert_non_null(strstr(buf, ",dscr;solvency\n2023-08,"));
	assert_non_null(strstr(buf, "  liquidity 2021: cash 580,000.00, DSCR 5.00, net debt/EBITDA "
				    "0.50, solvency 40.0%\n  covenants: DSCR >= 1.60 first breach "
				    "2023-07; net debt/EBITDA <= 3.00 first breach 2023-09; solvency "
				    ">= 37.0% first breach 2023-06\n"));
	free(buf);
	liquidity_release(&l);
	fixture_close(&f);
}

static void thresholds_are_met_when_equal(void **state)
{
	(void)state;
	/* 2020 is exactly at each threshold (DSCR 4, net debt / EBITDA 1, solvency 40%): no
	 * breach; July 2023's DSCR is exactly 1.5: with a minimum of 1.5 the first breach is
	 * August. */
	char text[sizeof example + 64];
	strcpy(text, example);
	strcpy(strstr(text, "min_dscr"), "min_dscr,,,4,\nmax_net_debt_ebitda,,,1,\n"
					 "min_solvency_pct,,,40,\n");
	fixture f;
	fixture_open(&f, text, example_results);
	liquidity l;
	assert_int_equal(liquidity_compute(&f.tm.m, &f.t, &f.p, NULL, &l, &f.ms.d), FP_OK);
	for (int k = 0; k < COVENANT_COUNT; k++)
		assert_false(l.years[0].breach[k]);
	assert_false(l.years[1].breach[COV_SOLVENCY]); /* 40% again in 2021 */
	liquidity_release(&l);
	treasury_release(&f.t);
	strcpy(strstr(text, "min_dscr"), "min_dscr,,,1.5,\n");
	assert_int_equal(load(&f.tm, &f.t, &f.ms, f.dir, text), FP_OK);
	f.tm.m.document_time = doc_time("2023-01-01");
	assert_int_equal(liquidity_compute(&f.tm.m, &f.t, &f.p, NULL, &l, &f.ms.d), FP_OK);
	assert_int_equal(l.nmonths, 12);
	assert_int_equal(l.months[6].ratio_ppm[COV_DSCR], 1500000);
	assert_false(l.months[6].breach[COV_DSCR]);
	assert_int_equal(l.cov[COV_DSCR].year, 2023);
	assert_int_equal(l.cov[COV_DSCR].month, 8);
	liquidity_release(&l);
	fixture_close(&f);
}

static void result_override(void **state)
{
	(void)state;
	fixture f;
	fixture_open(&f, example, example_results);
	liquidity base, low;
	assert_int_equal(liquidity_compute(&f.tm.m, &f.t, &f.p, NULL, &base, &f.ms.d), FP_OK);
	/* A path 100,000 worse in 2021 and the same after: EBITDA and result 100,000 lower in
	 * 2021, and cash and equity 100,000 lower from 2021 on; the base year is the
	 * projection's whatever the path. */
	const int64_t path[3] = {EUR(128200), EUR(228200), EUR(-971800)};
	assert_int_equal(liquidity_compute(&f.tm.m, &f.t, &f.p, path, &low, &f.ms.d), FP_OK);
	assert_int_equal(low.years[0].ebitda_cents, base.years[0].ebitda_cents);
	assert_int_equal(low.years[1].ebitda_cents, EUR(900000));
	assert_int_equal(low.years[1].result_cents, EUR(-180000));
	for (int y = 1; y < 4; y++) {
		assert_int_equal(low.years[y].cash_cents, base.years[y].cash_cents - EUR(100000));
		assert_int_equal(low.years[y].equity_cents, base.years[y].equity_cents - EUR(100000));
		assert_int_equal(low.years[y].debt_cents, base.years[y].debt_cents);
	}
	/* 2021: DSCR 900,000 / 200,000 = 4.5; net debt 600,000 / 900,000 = 0.666667. */
	assert_int_equal(low.years[1].ratio_ppm[COV_DSCR], 4500000);
	assert_int_equal(low.years[1].ratio_ppm[COV_NET_DEBT_EBITDA], 666667);
	liquidity_release(&base);
	liquidity_release(&low);
	fixture_close(&f);
}

static void no_thresholds_no_breach(void **state)
{
	(void)state;
	/* The example without its last three rows: nothing is checked. */
	char text[sizeof example];
	strcpy(text, example);
	*strstr(text, "min_dscr") = '\0';
	fixture f;
	fixture_open(&f, text, example_results);
	liquidity l;
	assert_int_equal(liquidity_compute(&f.tm.m, &f.t, &f.p, NULL, &l, &f.ms.d), FP_OK);
	for (int k = 0; k < COVENANT_COUNT; k++) {
		assert_false(l.cov[k].active);
		assert_false(l.cov[k].breached);
		assert_false(l.years[3].breach[k]);
	}
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	liquidity_print_summary(out, &f.tm.m, &l);
	fclose(out);
	assert_non_null(strstr(buf, "  covenants: none in treasury.csv\n"));
	free(buf);
	liquidity_release(&l);
	fixture_close(&f);
}

/* ---- loading ---- */

static void absent_file(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	tmodel tm;
	tm_one(&tm, dir);
	msgs ms;
	msgs_init(&ms);
	treasury t;
	assert_int_equal(treasury_load(&tm.m, &t, &ms.d), FP_OK);
	assert_false(treasury_present(&t));
	assert_string_equal(msgs_text(&ms), "");
	liquidity l;
	projection p;
	proj_results(&p, example_results, 4);
	assert_int_equal(liquidity_compute(&tm.m, &t, &p, NULL, &l, &ms.d), FP_OK);
	assert_int_equal(l.nyears, 0);
	liquidity_release(&l);
	projection_release(&p);
	treasury_release(&t);
	msgs_release(&ms);
	tm_release(&tm);
	tmpdir_remove(dir);
}

static void dutch_notation_and_later_years(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	tmodel tm;
	tm_one(&tm, dir);
	tm.m.notation = (money_notation){',', '.'};
	msgs ms;
	msgs_init(&ms);
	treasury t;
	/* ';' as delimiter, decimal comma, '.' between thousands; rows for 2024 and 2032 are
	 * after the horizon 2023: checked, counted and ignored. */
	assert_int_equal(load(&tm, &t, &ms, dir,
			      "Item;Year;Value;Loan\n"
			      "cash;2020;1.234.567,89;\nequity;2020;-5,5;\n"
			      "total_capital;2020;10.000.000;\n"
			      "depreciation;2020;1,01;\ndepreciation;2021;2;\ndepreciation;2022;3;\n"
			      "depreciation;2023;4;\ndepreciation;2024;5;\ninvestment;2032;99;\n"
			      "loan_balance;2020;1.000;W\nloan_rate_pct;;3,125;W\n"
			      "loan_rate_pct;2022;2,5;W\n"
			      "min_dscr;;1,25;\nmax_net_debt_ebitda;;3,5;\nmin_solvency_pct;;20,25;\n"),
			 FP_OK);
	assert_string_equal(msgs_text(&ms), "");
	assert_int_equal(t.cash_cents, 123456789);
	assert_int_equal(t.equity_cents, -550);
	assert_int_equal(t.depreciation_cents[0], 101);
	assert_int_equal(t.depreciation_cents[3], 400);
	assert_int_equal(t.ignored_rows, 2);
	assert_int_equal(t.loans[0].rate_ppm[0], 31250);
	assert_int_equal(t.loans[0].rate_ppm[1], 31250);
	assert_int_equal(t.loans[0].rate_ppm[2], 25000);
	assert_int_equal(t.loans[0].rate_ppm[3], 25000);
	assert_int_equal(t.threshold_ppm[COV_DSCR], 1250000);
	assert_int_equal(t.threshold_ppm[COV_NET_DEBT_EBITDA], 3500000);
	assert_int_equal(t.threshold_ppm[COV_SOLVENCY], 202500);
	treasury_release(&t);
	msgs_release(&ms);
	tm_release(&tm);
	tmpdir_remove(dir);
}

static void bad_rows(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	tmodel tm;
	tm_one(&tm, dir);
	msgs ms;
	msgs_init(&ms);
	treasury t;
	assert_int_equal(
		load(&tm, &t, &ms, dir,
		     "item,loan,year,value\n"
		     "cash,,2020,100\n"                    /* 2 */
		     "equity,,2020,200\n"                  /* 3 */
		     "total_capital,,2020,1000\n"          /* 4 */
		     "depreciation,,2020,1\n"              /* 5 */
		     "depreciation,,2021,1\n"              /* 6 */
		     "depreciation,,2022,1\n"              /* 7 */
		     "depreciation,,2023,1\n"              /* 8 */
		     "dividend,,2021,5\n"                  /* 9: unknown item */
		     "depreciation,,2022,7\n"              /* 10: duplicate */
		     "investment,,2019,5\n"                /* 11: before the base year */
		     "investment,,20x1,5\n"                /* 12: bad year */
		     "investment,,2021,1.234\n"            /* 13: three decimals */
		     "investment,,2022,-5\n"               /* 14: negative */
		     "cash,,2021,5\n"                      /* 15: not the base year */
		     "min_dscr,,2024,1.3\n"                /* 16: a year for a threshold */
		     "min_solvency_pct,,,120\n"            /* 17: above 100 */
		     "max_net_debt_ebitda,,,3,5\n"         /* 18: wrong field count (csvread) */
		     "max_net_debt_ebitda,,,3.1234567\n"   /* 19: too many decimals */
		     "loan_balance,,2020,100\n"            /* 20: no loan code */
		     "loan_balance,A B,2020,100\n"         /* 21: invalid code */
		     "interest_income,X,2021,5\n"          /* 22: a loan code on another item */
		     "loan_draw,D,2020,100\n"              /* 23: a draw in the base year */
		     "loan_rate_pct,D,,\n"                 /* 24: empty rate */
		     "depreciation,,,5\n"                  /* 25: empty year */
		     "loan_balance,OK,2020,500\n"          /* 26 */
		     "loan_rate_pct,OK,,4\n"               /* 27 */
		     "loan_rate_pct,OK,2020,4\n"           /* 28: the same as an empty year */
		     "loan_balance,NORATE,2020,500\n"      /* 29: no rate */
		     "loan_rate_pct,EMPTY,,1\n"            /* 30: neither balance nor draw */
		     "loan_draw,LATE,2022,100\n"           /* 31: no rate in force in 2022 */
		     "loan_rate_pct,LATE,2023,1\n"         /* 32 */
		     "investment,,2030,5\n"                /* 33: ignored */
		     "investment,,2030,6\n"                /* 34: duplicate, though ignored */
		     "total_capital,,2020,0\n"             /* 35: zero (and a duplicate) */
		     "min_dscr,,,1\n"                      /* 36 */
		     "min_dscr,,,2\n"),                    /* 37: duplicate */
		FP_EDATA);
	char p[4200];
	snprintf(p, sizeof p, "%s/treasury.csv", dir);
	char *want = NULL;
	size_t wl = 0;
	FILE *w = open_memstream(&want, &wl);
	fprintf(w,
		"fitplan: %s:9:1: error: unknown item 'dividend' (expected cash, equity, "
		"total_capital, depreciation, interest_income, investment, loan_balance, "
		"loan_rate_pct, loan_repayment, loan_draw, min_dscr, max_net_debt_ebitda or "
		"min_solvency_pct) (column A, 'item')\n"
		"fitplan: %s:10:3: error: duplicate depreciation for 2022 (first at line 7) (column C, 'year')\n"
		"fitplan: %s:11:3: error: year 2019 before base_year 2020 (column C, 'year')\n"
		"fitplan: %s:12:3: error: bad year '20x1' (expected a year from 2020 to 2200) (column C, 'year')\n"
		"fitplan: %s:13:4: error: bad amount '1.234': more than two decimals (column D, 'value')\n"
		"fitplan: %s:14:4: error: negative amount '-5' for item 'investment' (column D, 'value')\n"
		"fitplan: %s:15:3: error: year 2021 for item 'cash' (it is the position at the end "
		"of base_year 2020) (column C, 'year')\n"
		"fitplan: %s:16:3: error: item 'min_dscr' takes no year, got '2024' (column C, 'year')\n"
		"fitplan: %s:17:4: error: bad min_solvency_pct '120' (expected a number from 0 to "
		"100 with at most 4 decimals after '.') (column D, 'value')\n",
		p, p, p, p, p, p, p, p, p);
	fclose(w);
	const char *got = msgs_text(&ms);
	assert_memory_equal(got, want, wl);
	free(want);
	/* The rest, line by line. */
	static const char *const rest[] = {
		":18:5: error: row has 5 fields, the header has 4",
		":19:4: error: bad max_net_debt_ebitda '3.1234567' (expected a number from 0 to "
		"1000 with at most 6 decimals after '.') (column D, 'value')",
		":20:2: error: empty loan code for item 'loan_balance' (column B, 'loan')",
		":21:2: error: invalid loan code 'A B' (use letters, digits, '-', '_' and '.', at "
		"most 64) (column B, 'loan')",
		":22:2: error: item 'interest_income' takes no loan code, got 'X' (column B, 'loan')",
		":23:3: error: loan_draw in base_year 2020 (a loan drawn in the base year is part "
		"of its loan_balance) (column C, 'year')",
		":24:4: error: empty value for item 'loan_rate_pct' (column D, 'value')",
		":25:3: error: empty year (item 'depreciation' needs a year from 2020) (column C, 'year')",
		":28:3: error: duplicate loan_rate_pct of loan 'OK' for 2020 (first at line 27) (column C, 'year')",
		":34:3: error: duplicate investment for 2030 (first at line 33) (column C, 'year')",
		":35:4: error: item 'total_capital' must be above zero, got '0' (column D, 'value')",
		":37:1: error: duplicate min_dscr (first at line 36) (column A, 'item')",
		":29:2: error: loan 'NORATE' has no loan_rate_pct in force in 2020 (give one for "
		"that year or with an empty year)",
		":30:2: error: loan 'EMPTY' has neither a loan_balance nor a loan_draw",
		":31:2: error: loan 'LATE' has no loan_rate_pct in force in 2022 (give one for "
		"that year or with an empty year)",
	};
	const char *at = got + wl;
	for (size_t i = 0; i < sizeof rest / sizeof rest[0]; i++) {
		char line[5000];
		snprintf(line, sizeof line, "fitplan: %s%s\n", p, rest[i]);
		if (strncmp(at, line, strlen(line)) != 0)
			fail_msg("message %zu: want\n%sgot\n%s", i, line, at);
		at += strlen(line);
	}
	assert_string_equal(at, "");
	treasury_release(&t);
	msgs_release(&ms);
	tm_release(&tm);
	tmpdir_remove(dir);
}

static void missing_items(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	tmodel tm;
	tm_one(&tm, dir);
	msgs ms;
	msgs_init(&ms);
	treasury t;
	assert_int_equal(load(&tm, &t, &ms, dir,
			      "item,year,value\n"
			      "equity,2020,5000\n"
			      "total_capital,2020,4000\n"
			      "depreciation,2021,1\n"),
			 FP_EDATA);
	char want[2000];
	snprintf(want, sizeof want,
		 "fitplan: %s/treasury.csv: error: missing item 'cash' (the cash at the end of "
		 "base_year 2020)\n"
		 "fitplan: %s/treasury.csv:2:3: error: equity 5,000.00 is more than total_capital "
		 "4,000.00\n"
		 "fitplan: %s/treasury.csv: error: missing depreciation for 2020, 2022, 2023 "
		 "(every year from 2020 to 2023 needs one)\n",
		 dir, dir, dir);
	assert_string_equal(msgs_text(&ms), want);
	treasury_release(&t);
	msgs_release(&ms);
	tm_release(&tm);
	tmpdir_remove(dir);
}

static void bad_header(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	tmodel tm;
	tm_one(&tm, dir);
	msgs ms;
	msgs_init(&ms);
	treasury t;
	/* No 'value' column: nothing else is reported (no "missing item" cascade); a loan item
	 * in a file without a 'loan' column is reported at its item. */
	assert_int_equal(load(&tm, &t, &ms, dir, "item,year,amount_eur\ncash,2020,1\n"), FP_EDATA);
	char want[1000];
	snprintf(want, sizeof want,
		 "fitplan: %s/treasury.csv:1: error: missing required column 'value'\n", dir);
	assert_string_equal(msgs_text(&ms), want);
	treasury_release(&t);
	msgs_release(&ms);
	msgs_init(&ms);
	assert_int_equal(load(&tm, &t, &ms, dir,
			      "item,year,value\ncash,2020,1\nequity,2020,1\ntotal_capital,2020,1\n"
			      "depreciation,2020,0\ndepreciation,2021,0\ndepreciation,2022,0\n"
			      "depreciation,2023,0\nloan_balance,2020,5\n"),
			 FP_EDATA);
	snprintf(want, sizeof want,
		 "fitplan: %s/treasury.csv:9:1: error: item 'loan_balance' needs a loan code (the "
		 "file has no 'loan' column) (column A, 'item')\n",
		 dir);
	assert_string_equal(msgs_text(&ms), want);
	treasury_release(&t);
	msgs_release(&ms);
	tm_release(&tm);
	tmpdir_remove(dir);
}

/* ---- depreciation categories (issue 13) ----
 *
 * With a category of kind depreciation the projection's depreciation of each year is added
 * back, not treasury.csv's (which the file may then not give). Results R and projected
 * depreciation D (a saving of 50,000 in 2021, an index of 10% in 2023):
 *   R = 100,000  150,000  200,000  250,000;  D = 500,000  450,000  500,000  550,000
 * No loans, no interest: EBITDA = R + D = 600,000, 600,000, 700,000, 800,000: the saving on
 * depreciation and its index are no cash. Result = EBITDA - D = R; cash flow = result + D
 * = EBITDA: cash 1,000,000 (the file's), 1,600,000, 2,300,000, 3,100,000; equity 4,000,000,
 * 4,150,000, 4,350,000, 4,600,000. */
static void ebitda_with_depreciation_categories(void **state)
{
	(void)state;
	char *dir = tmpdir_make();
	tmodel tm;
	tm_one(&tm, dir);
	tm.m.ncats = 1;
	tm.m.cats = xcalloc(1, sizeof *tm.m.cats);
	tm.m.cats[0] = (category){"AFS", "Afschrijvingen", KIND_DEPRECIATION, {0, 2}, false};
	msgs ms;
	msgs_init(&ms);
	treasury t;
	assert_int_equal(load(&tm, &t, &ms, dir,
			      "item,loan,year,value\ncash,,2020,1000000\nequity,,2020,4000000\n"
			      "total_capital,,2020,10000000\n"),
			 FP_OK);
	assert_string_equal(msgs_text(&ms), "");
	projection p;
	proj_results(&p, (int64_t[]){EUR(100000), EUR(150000), EUR(200000), EUR(250000)}, 4);
	static const int64_t dep[4] = {EUR(500000), EUR(450000), EUR(500000), EUR(550000)};
	for (int y = 0; y < 4; y++)
		p.rows[y].depreciation_cents = dep[y];
	tm.m.document_time = doc_time("2019-01-01"); /* no months */
	liquidity l;
	assert_int_equal(liquidity_compute(&tm.m, &t, &p, NULL, &l, &ms.d), FP_OK);
	static const int64_t ebitda[4] = {EUR(600000), EUR(600000), EUR(700000), EUR(800000)},
			     cash[4] = {EUR(1000000), EUR(1600000), EUR(2300000), EUR(3100000)},
			     equity[4] = {EUR(4000000), EUR(4150000), EUR(4350000), EUR(4600000)};
	for (int y = 0; y < 4; y++) {
		assert_int_equal(l.years[y].ebitda_cents, ebitda[y]);
		assert_int_equal(l.years[y].depreciation_cents, dep[y]);
		assert_int_equal(l.years[y].result_cents, p.rows[y].result_cents);
		assert_int_equal(l.years[y].cash_cents, cash[y]);
		assert_int_equal(l.years[y].equity_cents, equity[y]);
	}
	liquidity_release(&l);
	treasury_release(&t);
	/* A depreciation row beside depreciation categories is refused: it would be ignored. */
	assert_int_equal(load(&tm, &t, &ms, dir,
			      "item,loan,year,value\ncash,,2020,1\nequity,,2020,1\n"
			      "total_capital,,2020,1\ndepreciation,,2021,5\n"),
			 FP_EDATA);
	char want[512];
	snprintf(want, sizeof want,
		 "fitplan: %s/treasury.csv:5:1: error: item 'depreciation' in a model with "
		 "depreciation categories ('AFS'): the projection gives the depreciation of every "
		 "year; leave the row out (column A, 'item')\n",
		 dir);
	assert_string_equal(msgs_text(&ms), want);
	treasury_release(&t);
	projection_release(&p);
	msgs_release(&ms);
	tm_release(&tm);
	tmpdir_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(twelfths),
		cmocka_unit_test(loan_schedule),
		cmocka_unit_test(worked_example),
		cmocka_unit_test(breach_in_month),
		cmocka_unit_test(thresholds_are_met_when_equal),
		cmocka_unit_test(result_override),
		cmocka_unit_test(ebitda_with_depreciation_categories),
		cmocka_unit_test(no_thresholds_no_breach),
		cmocka_unit_test(absent_file),
		cmocka_unit_test(dutch_notation_and_later_years),
		cmocka_unit_test(bad_rows),
		cmocka_unit_test(missing_items),
		cmocka_unit_test(bad_header),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
