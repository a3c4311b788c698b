/* liquidity: the sheet "Liquiditeit" (English "Liquidity") of the committee's workbook: the
 * covenants with their first breach, charts of the cash and the ratios, the cash flow and
 * balance per year (derived columns as live formulas with exact cached values), the ratios
 * per year against the thresholds, and the months of the current and the next year. The
 * sheet is written strictly from top to bottom (constant-memory mode); charts are drawings
 * and may be placed anywhere. P10/P90 paths, when given, add columns and chart series. */
#include "book.h"
#include "../model/liquidity.h"
#include <stdio.h>
#include <string.h>

/* The words of this sheet, Dutch and English (book.h's labels are shared by every sheet). */
typedef enum lword {
	W_SHEET, W_TITLE, W_SUBTITLE, W_COVENANT, W_THRESHOLD, W_FIRST, W_WITH, W_DSCR_MIN,
	W_NDE_MAX, W_SOLV_MIN, W_NONE_THROUGH, W_NO_THRESHOLD, W_YEARS, W_RATIOS, W_MONTHS,
	W_MONTH, W_RESULT, W_DEPRECIATION, W_INTEREST_EXP, W_INTEREST_INC, W_EBITDA,
	W_INVESTMENT, W_REPAYMENT, W_NEW_LOANS, W_CASH_FLOW, W_CASH, W_DEBT, W_NET_DEBT,
	W_EQUITY, W_TOTAL_CAPITAL, W_EBITDA_12M, W_DS_12M, W_DSCR, W_NDE, W_SOLVENCY, W_MIN,
	W_MAX, W_BREACH, W_CASH_CHART, W_RATIO_CHART, W_SOLV_CHART, W_MONTH_CHART, W_COUNT
} lword;

static const char *const words[W_COUNT][2] = {
	[W_SHEET] = {"Liquiditeit", "Liquidity"},
	[W_TITLE] = {"Liquiditeit en ratio's", "Liquidity and ratios"},
	[W_SUBTITLE] = {"bedragen in euro; resultaat = projectie met de afschrijvingen en de rente "
			"uit de treasurygegevens van het model; maanden in gelijke twaalfden; ratio's "
			"van een maand over de 12 maanden t/m die maand",
			"amounts in euros; result = projection with the depreciation and interest of "
			"the model's treasury data; months in equal twelfths; a month's ratios over "
			"the 12 months ending with it"},
	[W_COVENANT] = {"Convenant", "Covenant"},
	[W_THRESHOLD] = {"Norm", "Threshold"},
	[W_FIRST] = {"Eerste overschrijding", "First breach"},
	[W_WITH] = {"Eerste overschrijding bij", "First breach with"},
	[W_DSCR_MIN] = {"DSCR (minimaal)", "DSCR (minimum)"},
	[W_NDE_MAX] = {"Netto schuld / EBITDA (maximaal)", "Net debt / EBITDA (maximum)"},
	[W_SOLV_MIN] = {"Solvabiliteit (minimaal)", "Solvency (minimum)"},
	[W_NONE_THROUGH] = {"geen t/m", "none through"},
	[W_NO_THRESHOLD] = {"geen norm", "no threshold"},
	[W_YEARS] = {"Kasstroom en balans per jaar", "Cash flow and balance per year"},
	[W_RATIOS] = {"Ratio's per jaar", "Ratios per year"},
	[W_MONTHS] = {"Per maand", "Per month"},
	[W_MONTH] = {"Maand", "Month"},
	[W_RESULT] = {"Resultaat", "Result"},
	[W_DEPRECIATION] = {"Afschrijvingen", "Depreciation"},
	[W_INTEREST_EXP] = {"Rentelasten", "Interest expense"},
	[W_INTEREST_INC] = {"Rentebaten", "Interest income"},
	[W_EBITDA] = {"EBITDA", "EBITDA"},
	[W_INVESTMENT] = {"Investeringen", "Investments"},
	[W_REPAYMENT] = {"Aflossingen", "Repayments"},
	[W_NEW_LOANS] = {"Nieuwe leningen", "New loans"},
	[W_CASH_FLOW] = {"Kasstroom", "Cash flow"},
	[W_CASH] = {"Liquide middelen", "Cash"},
	[W_DEBT] = {"Langlopende schuld", "Long-term debt"},
	[W_NET_DEBT] = {"Netto schuld", "Net debt"},
	[W_EQUITY] = {"Eigen vermogen", "Equity"},
	[W_TOTAL_CAPITAL] = {"Totaal vermogen", "Total capital"},
	[W_EBITDA_12M] = {"EBITDA 12 mnd", "EBITDA 12 months"},
	[W_DS_12M] = {"Schuldendienst 12 mnd", "Debt service 12 months"},
	[W_DSCR] = {"DSCR", "DSCR"},
	[W_NDE] = {"Netto schuld / EBITDA", "Net debt / EBITDA"},
	[W_SOLVENCY] = {"Solvabiliteit", "Solvency"},
	[W_MIN] = {"norm (min.)", "threshold (min.)"},
	[W_MAX] = {"norm (max.)", "threshold (max.)"},
	[W_BREACH] = {"Overschrijding", "Breach"},
	[W_CASH_CHART] = {"Liquide middelen per jaar (eind)", "Cash per year (year end)"},
	[W_RATIO_CHART] = {"DSCR en netto schuld / EBITDA", "DSCR and net debt / EBITDA"},
	[W_SOLV_CHART] = {"Solvabiliteit", "Solvency"},
	[W_MONTH_CHART] = {"Liquide middelen per maand (eind)", "Cash per month (month end)"},
};

static const char *W(const book *b, lword w)
{
	return words[w][b->o->lang == LANG_EN];
}

/* The breaches of a period as words: "DSCR; solvabiliteit". */
static void breach_text(const book *b, const liquidity_period *p, char *buf, size_t cap)
{
	static const lword names[COVENANT_COUNT] = {W_DSCR, W_NDE, W_SOLVENCY};
	size_t o = 0;
	buf[0] = '\0';
	for (int k = 0; k < COVENANT_COUNT && o < cap; k++)
		if (p->breach[k])
			o += (size_t)snprintf(buf + o, cap - o, "%s%s", o ? "; " : "", W(b, names[k]));
}

static void first_breach_text(const book *b, const liquidity *l, covenant k, char *buf,
			      size_t cap)
{
	const covenant_check *cv = &l->cov[k];
	if (!cv->active)
		snprintf(buf, cap, "%s", W(b, W_NO_THRESHOLD));
	else if (!cv->breached)
		snprintf(buf, cap, "%s %d", W(b, W_NONE_THROUGH), l->base_year + l->nyears - 1);
	else if (cv->month)
		snprintf(buf, cap, "%04d-%02d", cv->year, cv->month);
	else
		snprintf(buf, cap, "%04d", cv->year);
}

static void put_ppm(lxw_worksheet *ws, int r, int c, int64_t ppm, lxw_format *f)
{
	if (ppm == RATIO_NONE)
		worksheet_write_blank(ws, (lxw_row_t)r, (lxw_col_t)c, f);
	else
		worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, (double)ppm / 1e6, f);
}

static void put_formula_ppm(lxw_worksheet *ws, int r, int c, const char *formula, int64_t ppm,
			    lxw_format *f)
{
	if (ppm == RATIO_NONE)
		worksheet_write_blank(ws, (lxw_row_t)r, (lxw_col_t)c, f);
	else
		worksheet_write_formula_num(ws, (lxw_row_t)r, (lxw_col_t)c, formula, f,
					    (double)ppm / 1e6);
}

/* A line of column col over rows r0..r1, named by its header in name_row. */
static void line_series(lxw_chart *ch, const char *sheet, int r0, int r1, int cat_col, int col,
			int name_row, uint32_t color, bool dashed)
{
	lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
	chart_series_set_categories(se, sheet, (lxw_row_t)r0, (lxw_col_t)cat_col, (lxw_row_t)r1,
				    (lxw_col_t)cat_col);
	chart_series_set_values(se, sheet, (lxw_row_t)r0, (lxw_col_t)col, (lxw_row_t)r1,
				(lxw_col_t)col);
	chart_series_set_name_range(se, sheet, (lxw_row_t)name_row, (lxw_col_t)col);
	lxw_chart_line line = {.color = color, .width = dashed ? 1.25 : 2.25,
			       .dash_type = dashed ? LXW_CHART_LINE_DASH_DASH : 0};
	chart_series_set_line(se, &line);
}

static void finish_chart(lxw_worksheet *ws, lxw_chart *ch, const char *title,
			 const char *num_format, int row, int col)
{
	chart_title_set_name(ch, title);
	chart_axis_set_num_format(chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y), num_format);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	/* 528 x 317 pixels: two side by side within columns 0-8, two rows of them above the
	 * tables, all on the sheet's first printed page. */
	lxw_chart_options co = {.x_scale = 1.1, .y_scale = 1.1};
	worksheet_insert_chart_opt(ws, (lxw_row_t)row, (lxw_col_t)col, ch, &co);
}

/* The sheet being written: its workbook, the liquidity and its P10/P90 paths (band, NULL
 * where not given or not of the same years), and where the tables landed, for the charts
 * drawn after them. */
/* Rows per row of charts (317 pixels, rows of 20). */
#define LIQ_CHART_ROWS 17

typedef struct liq_sheet {
	book *b;
	const liquidity *l;
	const liquidity *band[2];
	const char *band_name[2];
	const char *sheet;
	lxw_worksheet *ws;
	lxw_format *ratio;
	int chart_row;           /* the row of the charts, above the tables */
	int y0, y1, yhead_row;   /* the rows of the years and their header */
	int q0, q1, rhead_row;   /* the rows of the ratios per year and their header */
} liq_sheet;

/* The columns of the table per year, of the ratios per year and of the months. */
enum { C_YEAR, C_RESULT, C_DEP, C_IE, C_II, C_EBITDA, C_INV, C_REP, C_DRAW, C_FLOW, C_CASH,
       C_DEBT, C_ND, C_EQ, C_TC, C_BAND };
enum { R_YEAR, R_DSCR, R_DSCR_MIN, R_NDE, R_NDE_MAX, R_SOLV, R_SOLV_MIN, R_BREACH, R_BAND };
enum { M_MONTH, M_RESULT, M_EBITDA, M_IE, M_INV, M_REP, M_DRAW, M_FLOW, M_CASH, M_ND,
       M_E12, M_DS12, M_DSCR, M_NDE, M_SOLV, M_BREACH, M_BAND };

/* Covenants: threshold and first breach, per path, from row r; returns the next row. */
static int covenants(liq_sheet *ls, int r)
{
	book *b = ls->b;
	lxw_worksheet *ws = ls->ws;
	char buf[512];
	worksheet_set_row(ws, (lxw_row_t)r, 30, NULL); /* headers wrap to two lines */
	book_put_text(ws, r, 0, W(b, W_COVENANT), b->header);
	book_put_text(ws, r, 1, W(b, W_THRESHOLD), b->header_num);
	book_put_text(ws, r, 2, W(b, W_FIRST), b->header);
	for (int i = 0; i < 2; i++)
		if (ls->band[i]) {
			snprintf(buf, sizeof buf, "%s %s", W(b, W_WITH), ls->band_name[i]);
			book_put_text(ws, r, 3 + i, buf, b->header);
		}
	r++;
	static const lword cov_names[COVENANT_COUNT] = {W_DSCR_MIN, W_NDE_MAX, W_SOLV_MIN};
	for (int k = 0; k < COVENANT_COUNT; k++, r++) {
		const covenant_check *cv = &ls->l->cov[k];
		book_put_text(ws, r, 0, W(b, cov_names[k]), b->text);
		if (cv->active)
			put_ppm(ws, r, 1, cv->threshold_ppm,
				k == COV_SOLVENCY ? b->pct : ls->ratio);
		else
			worksheet_write_blank(ws, (lxw_row_t)r, 1, NULL);
		first_breach_text(b, ls->l, (covenant)k, buf, sizeof buf);
		book_put_text(ws, r, 2, buf, cv->breached ? b->rag[RAG_RED] : b->text);
		for (int i = 0; i < 2; i++)
			if (ls->band[i]) {
				const liquidity *bl = ls->band[i];
				first_breach_text(b, bl, (covenant)k, buf, sizeof buf);
				book_put_text(ws, r, 3 + i, buf,
					      bl->cov[k].breached ? b->rag[RAG_RED] : b->text);
			}
	}
	return r;
}

/* Row r of the table per year: year y, its derived columns as live formulas. */
static void year_row(liq_sheet *ls, int r, int y)
{
	book *b = ls->b;
	lxw_worksheet *ws = ls->ws;
	const liquidity_period *p = &ls->l->years[y];
	char f[256], c1[16], c2[16], c3[16], c4[16], c5[16];
	worksheet_write_number(ws, (lxw_row_t)r, C_YEAR, p->year, b->year);
	book_put_money(ws, r, C_RESULT, p->result_cents, b->money);
	book_put_money(ws, r, C_DEP, p->depreciation_cents, b->money);
	book_put_money(ws, r, C_IE, p->interest_expense_cents, b->money);
	book_put_money(ws, r, C_II, p->interest_income_cents, b->money);
	snprintf(f, sizeof f, "=%s+%s+%s-%s", book_cell_ref(c1, r, C_RESULT, false),
		 book_cell_ref(c2, r, C_DEP, false), book_cell_ref(c3, r, C_IE, false),
		 book_cell_ref(c4, r, C_II, false));
	book_put_formula_money(ws, r, C_EBITDA, f, p->ebitda_cents, b->money);
	book_put_money(ws, r, C_INV, p->investment_cents, b->money);
	book_put_money(ws, r, C_REP, p->repayment_cents, b->money);
	book_put_money(ws, r, C_DRAW, p->draw_cents, b->money);
	snprintf(f, sizeof f, "=%s+%s-%s-%s+%s", book_cell_ref(c1, r, C_RESULT, false),
		 book_cell_ref(c2, r, C_DEP, false), book_cell_ref(c3, r, C_INV, false),
		 book_cell_ref(c4, r, C_REP, false), book_cell_ref(c5, r, C_DRAW, false));
	book_put_formula_money(ws, r, C_FLOW, f, p->cash_flow_cents, b->money);
	if (y == 0) {
		book_put_money(ws, r, C_CASH, p->cash_cents, b->money);
		book_put_money(ws, r, C_DEBT, p->debt_cents, b->money);
	} else {
		snprintf(f, sizeof f, "=%s+%s", book_cell_ref(c1, r - 1, C_CASH, false),
			 book_cell_ref(c2, r, C_FLOW, false));
		book_put_formula_money(ws, r, C_CASH, f, p->cash_cents, b->money);
		snprintf(f, sizeof f, "=%s+%s-%s", book_cell_ref(c1, r - 1, C_DEBT, false),
			 book_cell_ref(c2, r, C_DRAW, false), book_cell_ref(c3, r, C_REP, false));
		book_put_formula_money(ws, r, C_DEBT, f, p->debt_cents, b->money);
	}
	snprintf(f, sizeof f, "=%s-%s", book_cell_ref(c1, r, C_DEBT, false),
		 book_cell_ref(c2, r, C_CASH, false));
	book_put_formula_money(ws, r, C_ND, f, p->net_debt_cents, b->money);
	if (y == 0) {
		book_put_money(ws, r, C_EQ, p->equity_cents, b->money);
		book_put_money(ws, r, C_TC, p->total_capital_cents, b->money);
	} else {
		snprintf(f, sizeof f, "=%s+%s", book_cell_ref(c1, r - 1, C_EQ, false),
			 book_cell_ref(c2, r, C_RESULT, false));
		book_put_formula_money(ws, r, C_EQ, f, p->equity_cents, b->money);
		snprintf(f, sizeof f, "=%s+%s+%s-%s", book_cell_ref(c1, r - 1, C_TC, false),
			 book_cell_ref(c2, r, C_RESULT, false), book_cell_ref(c3, r, C_DRAW, false),
			 book_cell_ref(c4, r, C_REP, false));
		book_put_formula_money(ws, r, C_TC, f, p->total_capital_cents, b->money);
	}
	for (int i = 0; i < 2; i++)
		if (ls->band[i])
			book_put_money(ws, r, C_BAND + i, ls->band[i]->years[y].cash_cents,
				       b->money);
}

/* Cash flow and balance per year from row r; returns the next row. */
static int years_table(liq_sheet *ls, int r)
{
	book *b = ls->b;
	lxw_worksheet *ws = ls->ws;
	char buf[512];
	book_put_text(ws, r++, 0, W(b, W_YEARS), b->title);
	static const lword yhead[C_BAND] = {0,           W_RESULT,    W_DEPRECIATION, W_INTEREST_EXP,
					    W_INTEREST_INC, W_EBITDA, W_INVESTMENT,  W_REPAYMENT,
					    W_NEW_LOANS, W_CASH_FLOW, W_CASH,        W_DEBT,
					    W_NET_DEBT,  W_EQUITY,    W_TOTAL_CAPITAL};
	worksheet_set_row(ws, (lxw_row_t)r, 30, NULL);
	book_put_text(ws, r, C_YEAR, book_label(b, L_YEAR), b->header);
	for (int c = 1; c < C_BAND; c++)
		book_put_text(ws, r, c, W(b, yhead[c]), b->header_num);
	for (int i = 0; i < 2; i++)
		if (ls->band[i]) {
			snprintf(buf, sizeof buf, "%s %s", W(b, W_CASH), ls->band_name[i]);
			book_put_text(ws, r, C_BAND + i, buf, b->header_num);
		}
	ls->yhead_row = r++;
	ls->y0 = r;
	for (int y = 0; y < ls->l->nyears; y++, r++)
		year_row(ls, r, y);
	ls->y1 = r - 1;
	return r;
}

/* Row r of the ratios per year: year y against the thresholds, its ratios as formulas
 * over the table per year. */
static void ratio_row(liq_sheet *ls, int r, int y)
{
	book *b = ls->b;
	lxw_worksheet *ws = ls->ws;
	const liquidity *l = ls->l;
	const liquidity_period *p = &l->years[y];
	char buf[512], f[256], c1[16], c2[16], c3[16], c4[16];
	int yr = ls->y0 + y; /* the year's row in the table above */
	worksheet_write_number(ws, (lxw_row_t)r, R_YEAR, p->year, b->year);
	snprintf(f, sizeof f, "=%s/(%s+%s+%s)", book_cell_ref(c1, yr, C_EBITDA, false),
		 book_cell_ref(c2, yr, C_II, false), book_cell_ref(c3, yr, C_IE, false),
		 book_cell_ref(c4, yr, C_REP, false));
	put_formula_ppm(ws, r, R_DSCR, f, p->ratio_ppm[COV_DSCR], ls->ratio);
	snprintf(f, sizeof f, "=%s/%s", book_cell_ref(c1, yr, C_ND, false),
		 book_cell_ref(c2, yr, C_EBITDA, false));
	put_formula_ppm(ws, r, R_NDE, f, p->ratio_ppm[COV_NET_DEBT_EBITDA], ls->ratio);
	snprintf(f, sizeof f, "=%s/%s", book_cell_ref(c1, yr, C_EQ, false),
		 book_cell_ref(c2, yr, C_TC, false));
	put_formula_ppm(ws, r, R_SOLV, f, p->ratio_ppm[COV_SOLVENCY], b->pct);
	static const int tcol[COVENANT_COUNT] = {R_DSCR_MIN, R_NDE_MAX, R_SOLV_MIN};
	for (int k = 0; k < COVENANT_COUNT; k++)
		if (l->cov[k].active)
			put_ppm(ws, r, tcol[k], l->cov[k].threshold_ppm,
				k == COV_SOLVENCY ? b->pct : ls->ratio);
		else
			worksheet_write_blank(ws, (lxw_row_t)r, (lxw_col_t)tcol[k], NULL);
	breach_text(b, p, buf, sizeof buf);
	book_put_text(ws, r, R_BREACH, buf, buf[0] ? b->rag[RAG_RED] : b->text);
	for (int i = 0; i < 2; i++)
		if (ls->band[i])
			for (int k = 0; k < COVENANT_COUNT; k++)
				put_ppm(ws, r, R_BAND + 3 * i + k,
					ls->band[i]->years[y].ratio_ppm[k],
					k == COV_SOLVENCY ? b->pct : ls->ratio);
}

/* Ratios per year against the thresholds from row r; returns the next row. */
static int ratios_table(liq_sheet *ls, int r)
{
	book *b = ls->b;
	lxw_worksheet *ws = ls->ws;
	char buf[512];
	book_put_text(ws, r++, 0, W(b, W_RATIOS), b->title);
	worksheet_set_row(ws, (lxw_row_t)r, 30, NULL);
	book_put_text(ws, r, R_YEAR, book_label(b, L_YEAR), b->header);
	static const lword rhead[R_BAND] = {0, W_DSCR, W_MIN, W_NDE, W_MAX, W_SOLVENCY, W_MIN,
					    W_BREACH};
	for (int c = 1; c < R_BAND; c++)
		book_put_text(ws, r, c, W(b, rhead[c]), c == R_BREACH ? b->header : b->header_num);
	static const lword bhead[COVENANT_COUNT] = {W_DSCR, W_NDE, W_SOLVENCY};
	for (int i = 0; i < 2; i++)
		if (ls->band[i])
			for (int k = 0; k < COVENANT_COUNT; k++) {
				snprintf(buf, sizeof buf, "%s %s", W(b, bhead[k]),
					 ls->band_name[i]);
				book_put_text(ws, r, R_BAND + 3 * i + k, buf, b->header_num);
			}
	ls->rhead_row = r++;
	ls->q0 = r;
	for (int y = 0; y < ls->l->nyears; y++, r++)
		ratio_row(ls, r, y);
	ls->q1 = r - 1;
	return r;
}

/* Whether path i has the same months as the sheet's liquidity (its column is shown). */
static bool band_months(const liq_sheet *ls, int i)
{
	return ls->band[i] && ls->band[i]->nmonths == ls->l->nmonths;
}

/* Row r of the months: month i as the liquidity computed it (no formulas). */
static void month_row(liq_sheet *ls, int r, size_t i)
{
	book *b = ls->b;
	lxw_worksheet *ws = ls->ws;
	const liquidity_period *p = &ls->l->months[i];
	char name[16], buf[512];
	snprintf(name, sizeof name, "%04d-%02d", p->year, p->month);
	book_put_text(ws, r, M_MONTH, name, b->text);
	book_put_money(ws, r, M_RESULT, p->result_cents, b->money);
	book_put_money(ws, r, M_EBITDA, p->ebitda_cents, b->money);
	book_put_money(ws, r, M_IE, p->interest_expense_cents, b->money);
	book_put_money(ws, r, M_INV, p->investment_cents, b->money);
	book_put_money(ws, r, M_REP, p->repayment_cents, b->money);
	book_put_money(ws, r, M_DRAW, p->draw_cents, b->money);
	book_put_money(ws, r, M_FLOW, p->cash_flow_cents, b->money);
	book_put_money(ws, r, M_CASH, p->cash_cents, b->money);
	book_put_money(ws, r, M_ND, p->net_debt_cents, b->money);
	book_put_money(ws, r, M_E12, p->ebitda_12m_cents, b->money);
	book_put_money(ws, r, M_DS12, p->debt_service_12m_cents, b->money);
	put_ppm(ws, r, M_DSCR, p->ratio_ppm[COV_DSCR], ls->ratio);
	put_ppm(ws, r, M_NDE, p->ratio_ppm[COV_NET_DEBT_EBITDA], ls->ratio);
	put_ppm(ws, r, M_SOLV, p->ratio_ppm[COV_SOLVENCY], b->pct);
	breach_text(b, p, buf, sizeof buf);
	book_put_text(ws, r, M_BREACH, buf, buf[0] ? b->rag[RAG_RED] : b->text);
	for (int k = 0; k < 2; k++)
		if (band_months(ls, k))
			book_put_money(ws, r, M_BAND + k, ls->band[k]->months[i].cash_cents,
				       b->money);
}

/* The months of the current and the next year from row r, with their chart; returns the
 * next row. */
static int months_table(liq_sheet *ls, int r)
{
	book *b = ls->b;
	const liquidity *l = ls->l;
	lxw_worksheet *ws = ls->ws;
	char buf[512];
	if (l->nmonths > 12)
		snprintf(buf, sizeof buf, "%s: %d-%d", W(b, W_MONTHS), l->months[0].year,
			 l->months[l->nmonths - 1].year);
	else
		snprintf(buf, sizeof buf, "%s: %d", W(b, W_MONTHS), l->months[0].year);
	book_put_text(ws, r++, 0, buf, b->title);
	static const lword mhead[M_BAND] = {W_MONTH,     W_RESULT,   W_EBITDA,    W_INTEREST_EXP,
					    W_INVESTMENT, W_REPAYMENT, W_NEW_LOANS, W_CASH_FLOW,
					    W_CASH,      W_NET_DEBT, W_EBITDA_12M, W_DS_12M,
					    W_DSCR,      W_NDE,      W_SOLVENCY,  W_BREACH};
	worksheet_set_row(ws, (lxw_row_t)r, 30, NULL);
	for (int c = 0; c < M_BAND; c++)
		book_put_text(ws, r, c, W(b, mhead[c]),
			      c == M_MONTH || c == M_BREACH ? b->header : b->header_num);
	for (int i = 0; i < 2; i++)
		if (band_months(ls, i)) {
			snprintf(buf, sizeof buf, "%s %s", W(b, W_CASH), ls->band_name[i]);
			book_put_text(ws, r, M_BAND + i, buf, b->header_num);
		}
	int mhead_row = r++;
	int m0 = r;
	for (size_t i = 0; i < l->nmonths; i++, r++)
		month_row(ls, r, i);
	int m1 = r - 1;
	lxw_chart *mc = workbook_add_chart(b->wb, LXW_CHART_LINE);
	line_series(mc, ls->sheet, m0, m1, M_MONTH, M_CASH, mhead_row, 0x1F4E79, false);
	for (int i = 0; i < 2; i++)
		if (band_months(ls, i))
			line_series(mc, ls->sheet, m0, m1, M_MONTH, M_BAND + i, mhead_row,
				    i ? 0x2E7D32 : 0xC62828, true);
	finish_chart(ws, mc, W(b, W_MONTH_CHART), "#,##0", ls->chart_row + LIQ_CHART_ROWS, 4);
	return r;
}

/* Charts above the tables, two by two: cash per year and the two debt ratios, below them
 * the solvency (and the cash per month, placed by months_table). Column 0 is about two
 * columns wide. */
static void charts(liq_sheet *ls)
{
	book *b = ls->b;
	const liquidity *l = ls->l;
	const char *sheet = ls->sheet;
	int y0 = ls->y0, y1 = ls->y1, q0 = ls->q0, q1 = ls->q1;
	lxw_chart *cc = workbook_add_chart(b->wb, LXW_CHART_LINE);
	line_series(cc, sheet, y0, y1, C_YEAR, C_CASH, ls->yhead_row, 0x1F4E79, false);
	line_series(cc, sheet, y0, y1, C_YEAR, C_ND, ls->yhead_row, 0x7F7F7F, false);
	for (int i = 0; i < 2; i++)
		if (ls->band[i])
			line_series(cc, sheet, y0, y1, C_YEAR, C_BAND + i, ls->yhead_row,
				    i ? 0x2E7D32 : 0xC62828, true);
	finish_chart(ls->ws, cc, W(b, W_CASH_CHART), "#,##0", ls->chart_row, 0);
	lxw_chart *rc = workbook_add_chart(b->wb, LXW_CHART_LINE);
	line_series(rc, sheet, q0, q1, R_YEAR, R_DSCR, ls->rhead_row, 0x1F4E79, false);
	if (l->cov[COV_DSCR].active)
		line_series(rc, sheet, q0, q1, R_YEAR, R_DSCR_MIN, ls->rhead_row, 0x1F4E79, true);
	line_series(rc, sheet, q0, q1, R_YEAR, R_NDE, ls->rhead_row, 0xED7D31, false);
	if (l->cov[COV_NET_DEBT_EBITDA].active)
		line_series(rc, sheet, q0, q1, R_YEAR, R_NDE_MAX, ls->rhead_row, 0xED7D31, true);
	finish_chart(ls->ws, rc, W(b, W_RATIO_CHART), "0.0", ls->chart_row, 4);
	lxw_chart *sc = workbook_add_chart(b->wb, LXW_CHART_LINE);
	line_series(sc, sheet, q0, q1, R_YEAR, R_SOLV, ls->rhead_row, 0x2E7D32, false);
	if (l->cov[COV_SOLVENCY].active)
		line_series(sc, sheet, q0, q1, R_YEAR, R_SOLV_MIN, ls->rhead_row, 0x2E7D32, true);
	finish_chart(ls->ws, sc, W(b, W_SOLV_CHART), "0%", ls->chart_row + LIQ_CHART_ROWS, 0);
}

/* liquidity_sheet: add the liquidity sheet of l to workbook b, named sheet_name (NULL:
 * "Liquiditeit" or "Liquidity"); low and high (each may be NULL) are the same liquidity
 * computed from the P10 and P90 result paths, shown as extra columns and chart series.
 * Written from top to bottom, the charts (drawings) last. */
void liquidity_sheet(book *b, const liquidity *l, const liquidity *low, const liquidity *high,
		     const char *sheet_name)
{
	liq_sheet ls = {.b = b, .l = l};
	ls.sheet = sheet_name ? sheet_name : W(b, W_SHEET);
	ls.band[0] = low && low->nyears == l->nyears ? low : NULL;
	ls.band[1] = high && high->nyears == l->nyears ? high : NULL;
	ls.band_name[0] = ls.band[0] && ls.band[0]->label ? ls.band[0]->label : "P10";
	ls.band_name[1] = ls.band[1] && ls.band[1]->label ? ls.band[1]->label : "P90";
	ls.ws = book_sheet(b, ls.sheet);
	ls.ratio = workbook_add_format(b->wb);
	format_set_num_format(ls.ratio, "0.00");
	worksheet_set_column(ls.ws, 0, 0, 30, NULL);
	worksheet_set_column(ls.ws, 1, 19, 15, NULL);
	char buf[512];
	snprintf(buf, sizeof buf, "%s: %s", W(b, W_TITLE), b->scenario ? b->scenario : "");
	book_put_text(ls.ws, 0, 0, buf, b->title);
	book_put_text(ls.ws, 1, 0, W(b, W_SUBTITLE), b->subtitle);
	int r = covenants(&ls, 3);
	ls.chart_row = r + 1;
	/* The tables from a page of their own, below the charts' two rows. */
	int brk = ls.chart_row + 2 * LIQ_CHART_ROWS;
	r = years_table(&ls, brk);
	r = ratios_table(&ls, r + 1);
	/* The months from a page of their own too: none of them left alone on a page. */
	int brks[2] = {brk, r + 1};
	if (l->nmonths)
		months_table(&ls, r + 1);
	charts(&ls);
	/* Its tables are wider than a page at a readable size (docs/workbooks.md). */
	book_print(ls.ws, PRINT_WIDE, -1, brks, l->nmonths ? 2 : 1);
}
