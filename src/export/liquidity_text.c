/* liquidity_text: the liquidity (model/liquidity.h) as text: the rows of liquidity.csv and
 * the two lines of a run's summary (see liquidity_text.h). Ratios are printed from their
 * exact ppm, rounded half away from zero, never through a double. */
#include "liquidity_text.h"
#include "../io/csvwrite.h"
#include <stdio.h>
#include <string.h>

/* A ratio in ppm with the given decimals (at most 6), rounded half away from zero. */
static char *ratio_text(char buf[32], int64_t ppm, int decimals)
{
	if (ppm == RATIO_NONE) {
		buf[0] = '\0';
		return buf;
	}
	int64_t scale = 1;
	for (int i = decimals; i < 6; i++)
		scale *= 10;
	int64_t v = 0, one = 1;
	money_mul_ratio(ppm, 1, scale, &v);
	for (int i = 0; i < decimals; i++)
		one *= 10;
	int64_t a = v < 0 ? -v : v;
	if (decimals)
		snprintf(buf, 32, "%s%lld.%0*lld", v < 0 ? "-" : "", (long long)(a / one), decimals,
			 (long long)(a % one));
	else
		snprintf(buf, 32, "%s%lld", v < 0 ? "-" : "", (long long)a);
	return buf;
}

static void period_name(char buf[16], const liquidity_period *p)
{
	if (p->month)
		snprintf(buf, 16, "%04d-%02d", p->year, p->month);
	else
		snprintf(buf, 16, "%04d", p->year);
}

static void csv_period(FILE *f, const liquidity_period *p)
{
	char name[16], r[32];
	period_name(name, p);
	csvw_field(f, name, false);
	csvw_int(f, p->year, false);
	if (p->month)
		csvw_int(f, p->month, false);
	else
		csvw_empty(f, false);
	const int64_t v[] = {p->ebitda_cents,       p->depreciation_cents, p->interest_expense_cents,
			     p->interest_income_cents, p->result_cents,     p->investment_cents,
			     p->repayment_cents,    p->draw_cents,         p->cash_flow_cents,
			     p->cash_cents,         p->debt_cents,         p->net_debt_cents,
			     p->equity_cents,       p->total_capital_cents, p->ebitda_12m_cents,
			     p->debt_service_12m_cents};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		csvw_money(f, v[i], false);
	for (int k = 0; k < COVENANT_COUNT; k++)
		csvw_field(f, ratio_text(r, p->ratio_ppm[k], 6), false);
	char br[64] = "";
	size_t o = 0;
	for (int k = 0; k < COVENANT_COUNT; k++)
		if (p->breach[k])
			o += (size_t)snprintf(br + o, sizeof br - o, "%s%s", o ? ";" : "",
					      covenant_word((covenant)k));
	csvw_field(f, br, true);
}

void liquidity_write_csv(FILE *f, const liquidity *l)
{
	fputs("period,year,month,ebitda_eur,depreciation_eur,interest_expense_eur,"
	      "interest_income_eur,result_eur,investment_eur,repayment_eur,new_loans_eur,"
	      "cash_flow_eur,cash_eur,debt_eur,net_debt_eur,equity_eur,total_capital_eur,"
	      "ebitda_12m_eur,debt_service_12m_eur,dscr,net_debt_ebitda,solvency,breaches\n",
	      f);
	for (int y = 0; y < l->nyears; y++)
		csv_period(f, &l->years[y]);
	for (size_t i = 0; i < l->nmonths; i++)
		csv_period(f, &l->months[i]);
}

void liquidity_print_summary(FILE *f, const model *m, const liquidity *l)
{
	if (!l->nyears)
		return;
	int y = m->target_year - m->base_year;
	if (y < 0 || y >= l->nyears)
		y = l->nyears - 1;
	const liquidity_period *p = &l->years[y];
	char cash[MONEY_BUF], a[32], b[32], c[32];
	fprintf(f, "  liquidity %d%s%s%s: cash %s, DSCR %s, net debt/EBITDA %s, solvency %s%s\n",
		p->year, l->label ? " (" : "", l->label ? l->label : "", l->label ? ")" : "",
		money_format(cash, p->cash_cents, ','),
		p->ratio_ppm[COV_DSCR] == RATIO_NONE ? "-" : ratio_text(a, p->ratio_ppm[COV_DSCR], 2),
		p->ratio_ppm[COV_NET_DEBT_EBITDA] == RATIO_NONE
			? "-"
			: ratio_text(b, p->ratio_ppm[COV_NET_DEBT_EBITDA], 2),
		p->ratio_ppm[COV_SOLVENCY] == RATIO_NONE
			? "-"
			: ratio_text(c, p->ratio_ppm[COV_SOLVENCY] * 100, 1),
		p->ratio_ppm[COV_SOLVENCY] == RATIO_NONE ? "" : "%");
	static const char *const names[COVENANT_COUNT] = {"DSCR >= ", "net debt/EBITDA <= ",
							  "solvency >= "};
	bool any = false;
	fputs("  covenants:", f);
	for (int k = 0; k < COVENANT_COUNT; k++) {
		const covenant_check *cv = &l->cov[k];
		if (!cv->active)
			continue;
		char th[32];
		if (k == COV_SOLVENCY) {
			ratio_text(th, cv->threshold_ppm * 100, 1);
			strcat(th, "%");
		} else {
			ratio_text(th, cv->threshold_ppm, 2);
		}
		fprintf(f, "%s %s%s ", any ? ";" : "", names[k], th);
		if (!cv->breached)
			fprintf(f, "met through %d", m->base_year + l->nyears - 1);
		else if (cv->month)
			fprintf(f, "first breach %04d-%02d", cv->year, cv->month);
		else
			fprintf(f, "first breach %04d", cv->year);
		any = true;
	}
	fputs(any ? "\n" : " none in treasury.csv\n", f);
}
