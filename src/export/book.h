/* book: what the committee's and the units' workbooks share: the labels in Dutch and
 * English, the formats, sheets with their print set-up, and cells for money and formulas
 * with exact cached values. Internal to src/export. */
#ifndef FP_BOOK_H
#define FP_BOOK_H
#include "xlsx.h"
#include "../model/register.h"
#include <xlsxwriter.h>

#define LABELS(X)                                                                   \
	X(SH_SUMMARY, "Overzicht", "Summary")                                       \
	X(SH_DIVISIONS, "Divisies", "Divisions")                                    \
	X(SH_PROJECTION, "Projectie", "Projection")                                 \
	X(SH_SCENARIOS, "Scenario's", "Scenarios")                                  \
	X(SH_NOTES, "Toelichting", "Notes")                                         \
	X(SH_ASSIGNMENT, "Opdracht", "Assignment")                                  \
	X(SH_UNITS, "Eenheden", "Units")                                            \
	X(SH_AUDIT, "Audit", "Audit")                                               \
	X(SH_RISK, "Risico", "Risk")                                                \
	X(SH_REALISATION, "Realisatie", "Realisation")                              \
	X(L_PERIOD, "Periode", "Period")                                            \
	X(L_REALISED_TD, "Gerealiseerd tot nu", "Realised to date")                 \
	X(L_PLAN_TD, "Plan tot nu", "Plan to date")                                 \
	X(L_VARIANCE_TD, "Afwijking tot nu", "Variance to date")                    \
	X(L_FORECAST, "Prognose", "Forecast")                                       \
	X(L_VARIANCE, "Afwijking jaar", "Full-year variance")                       \
	X(L_TREND, "Prognose per rapportageperiode", "Forecast per reporting period") \
	X(L_PROBABILITY, "Kans om de doelstelling te halen",                        \
	  "Probability of reaching the target")                                      \
	X(L_MEAN, "Gemiddelde", "Mean")                                             \
	X(L_HIST, "Verdeling structurele besparing", "Distribution of structural savings") \
	X(L_TORNADO, "Grootste bronnen van onzekerheid", "Largest sources of uncertainty") \
	X(L_DRAWS, "Trekkingen", "Draws")                                           \
	X(L_KEY_FIGURES, "Kerncijfers", "Key figures")                              \
	X(L_AMOUNT, "Bedrag (EUR)", "Amount (EUR)")                                 \
	X(L_TARGET, "Doelstelling", "Target")                                       \
	X(L_ORG_TARGET, "Doelstelling organisatie", "Organisation target")          \
	X(L_ASSIGNMENT, "Opdracht", "Assignment")                                   \
	X(L_REALISED, "Gerealiseerd", "Realised")                                   \
	X(L_DECIDED, "Besloten", "Decided")                                         \
	X(L_PLANNED, "Gepland", "Planned")                                          \
	X(L_IDEA, "Idee", "Idea")                                                   \
	X(L_STRUCTURAL, "Structurele besparing", "Structural savings")              \
	X(L_INCIDENTAL, "Incidentele besparing", "Incidental savings")              \
	X(L_GAP, "Gat", "Gap")                                                      \
	X(L_TO_TARGET, "Nog te vinden", "Still to find")                            \
	X(L_PCT, "Percentage van doelstelling", "Percentage of target")             \
	X(L_RAG, "Status", "Status")                                                \
	X(L_GREEN, "groen", "green")                                                \
	X(L_AMBER, "oranje", "amber")                                               \
	X(L_RED, "rood", "red")                                                     \
	X(L_YEAR, "Jaar", "Year")                                                   \
	X(L_TRAJECTORY, "Verloop per jaar", "Trajectory per year")                  \
	X(L_UNIT, "Eenheid", "Unit")                                                \
	X(L_NAME, "Naam", "Name")                                                   \
	X(L_TYPE, "Soort", "Type")                                                  \
	X(L_PLAN, "Plan", "Plan")                                                   \
	X(L_TOTAL, "Totaal", "Total")                                               \
	X(L_FTE, "FTE", "FTE")                                                      \
	X(L_REVENUE, "Opbrengsten", "Revenue")                                      \
	X(L_PERSONNEL, "Personeelskosten", "Personnel")                             \
	X(L_PROCUREMENT, "Inkoop", "Procurement")                                   \
	X(L_OTHER, "Overige kosten", "Other costs")                                 \
	X(L_COSTS, "Totale kosten", "Total costs")                                  \
	X(L_RESULT, "Resultaat", "Result")                                          \
	X(L_SCENARIO, "Scenario", "Scenario")                                       \
	X(L_MODEL, "Modelversie", "Model version")                                  \
	X(L_AMOUNTS_EUR, "bedragen in euro", "amounts in euros")                    \
	X(L_TARGET_YEAR, "doeljaar", "target year")                                 \
	X(L_PAGE, "Pagina &P van &N", "Page &P of &N")                              \
	X(L_RUN_ID, "run", "run")                                                   \
	X(L_AS_OF, "stand per", "as of")                                            \
	X(L_DIV_CHART, "Opdracht en plan per divisie en directie",                  \
	  "Assignment and plan per division and directorate")                       \
	X(L_TRAJ_CHART, "Structurele besparing per status tegen de doelstelling",   \
	  "Structural savings by status against the target")                        \
	X(L_RESULT_CHART, "Resultaat per jaar", "Result per year")                  \
	X(L_SCEN_CHART, "Resultaat per scenario", "Result per scenario")          \
	X(L_NATURE_STRUCTURAL, "structureel", "structural")                         \
	X(L_NATURE_INCIDENTAL, "incidenteel", "incidental")                         \
	X(L_TYPE_ORGANISATION, "organisatie", "organisation")                       \
	X(L_TYPE_DIVISION, "divisie", "division")                                   \
	X(L_TYPE_DIRECTORATE, "directie", "directorate")                            \
	X(L_TYPE_DEPARTMENT, "afdeling", "department")                              \
	X(L_TYPE_SERVICE, "dienst", "service")                                      \
	X(L_TYPE_COST_CENTRE, "kostenplaats", "cost centre")                     \
	/* the units table's row for the owner's own measures, after its code */    \
	X(L_OWN_ORG, "-breed en bestuur", "-wide and board")                        \
	X(L_OWN_UNIT, ": eigen maatregelen", ": own measures")                      \
	X(L_RISK_DRAWS, "Risico", "Risk")                                           \
	X(L_PROB_STATUS, "Status kans", "Status of the probability")

#define LABEL_ENUM(name, nl, en) name,
typedef enum label { LABELS(LABEL_ENUM) LABEL_COUNT } label;
#undef LABEL_ENUM

typedef struct book {
	lxw_workbook *wb;
	const model *m;
	const xlsx_opts *o;
	const char *scenario;
	lxw_format *title, *subtitle, *header, *header_num, *header_num_top, *text, *wrap, *money, *money_bold,
		*pct, *fte, *fte_bold, *year, *rag[4], *in_text, *in_money;
	/* A gap or what is still to find: money whose negative (a surplus) is not red. */
	lxw_format *gap, *gap_bold;
	int tables;     /* tables added, for unique table names */
	bool streaming; /* constant-memory mode: no Excel tables, plain autofilters */
} book;

/* Registers longer than this are written in libxlsxwriter's constant-memory mode, row by
 * row, with an autofilter instead of an Excel table (which that mode cannot write). */
#define XLSX_TABLE_LIMIT 50000

/* book_label: label l in the workbook's language (static text). */
const char *book_label(const book *b, label l);

/* book_rag_label: the RAG word in the workbook's language ("" for none). */
const char *book_rag_label(const book *b, rag r);

/* book_status_word, book_nature_word, book_unit_type_word: a measure's status and nature
 * and a unit's type as the workbook's reader reads them ("gepland", "structureel",
 * "afdeling"; in English the data files' words, a cost centre spelled out). The status
 * words are the register's (model/register.h), which import reads back. */
const char *book_status_word(const book *b, measure_status s);
const char *book_nature_word(const book *b, measure_nature n);
const char *book_unit_type_word(const book *b, unit_type t);

/* book_register_lang: the workbook's language as the register contract names it. */
register_lang book_register_lang(const book *b);

/* book_snprintf: text_snprintf (io/text.h): when the text does not fit, it is cut on a
 * UTF-8 character boundary and ends with "..." (names may be long; a cell must stay valid
 * UTF-8). */
void book_snprintf(char *buf, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* book_open: a workbook at path with the formats, document properties (time from the
 * model) and the custom properties fitplan.model, fitplan.scenario and, for a unit's
 * workbook, fitplan.unit. */
fp_status book_open(book *b, const char *path, const char *shown, const model *m,
		    const xlsx_opts *o,
		    const char *scenario, const char *title, const char *unit_code,
		    bool streaming, diag *d);
/* book_close: write the file; FP_EIO (reported) on failure. */
fp_status book_close(book *b, const char *shown, diag *d);

/* book_sheet: a new sheet with A4 landscape, fit to width, header and footer. */
lxw_worksheet *book_sheet(book *b, const char *name);

/* book_put_text, book_put_money, book_put_fte: one cell of text, of cents (shown as
 * euros) or of hundredths of an FTE, in format f. libxlsxwriter keeps a cell's error to
 * the workbook's close (book_close reports it). */
void book_put_text(lxw_worksheet *ws, int r, int c, const char *s, lxw_format *f);
void book_put_money(lxw_worksheet *ws, int r, int c, int64_t cents, lxw_format *f);
void book_put_fte(lxw_worksheet *ws, int r, int c, int64_t centi, lxw_format *f);
/* book_put_formula_money: a formula with its exact cached value in cents (shown as
 * euros). */
void book_put_formula_money(lxw_worksheet *ws, int r, int c, const char *formula,
			    int64_t cents, lxw_format *f);
/* book_put_sum: =SUM(col r0..r1) with the cached value cents. */
void book_put_sum(lxw_worksheet *ws, int r, int c, int r0, int r1, int64_t cents,
		  lxw_format *f);
/* book_put_rag: the RAG word as a formula over the plan and target cells (the same
 * integer-exact rule as rag_of: plan * 100 >= target * threshold; a target of 0 is green
 * unless the plan is negative), with the cached word; blank without a target. */
void book_put_rag(book *b, lxw_worksheet *ws, int r, int c, int plan_r, int plan_c,
		  int target_r, int target_c, rag value);
/* book_put_pct: =IF(target=0,0,plan/target) with the cached ratio. */
void book_put_pct(book *b, lxw_worksheet *ws, int r, int c, int plan_r, int plan_c,
		  int target_r, int target_c, int64_t plan_cents, int64_t target_cents);

/* book_cell_ref: "B7" (relative) or "$B$7" (absolute). */
char *book_cell_ref(char buf[16], int r, int c, bool absolute);

/* book_status_order: the structural savings of a cell by status, in the order realised,
 * decided, planned, idea (the order of the workbooks); book_status_label: the label of
 * status s. */
extern const measure_status book_status_order[STATUS_COUNT];
label book_status_label(measure_status s);

/* book_trajectory: the per-year table (target, structural by status, total, incidental,
 * gap, still to find) of unit u from row r, with a stacked column chart beside it at
 * chart_row. Returns the first free row after the table. */
int book_trajectory(book *b, lxw_worksheet *ws, const char *sheet, int r,
		    const consolidation *c, int32_t u, int chart_row, int chart_col);

/* book_key_figures: target, structural by status, total, incidental, gap, percentage and
 * RAG of unit u in the target year from row r (label in column 0, value in column 1). Returns
 * the rows of the target, total and gap cells through the out pointers, and the next row. */
int book_key_figures(book *b, lxw_worksheet *ws, int r, const consolidation *c, int32_t u,
		     label target_label, int *trow, int *total_row, int *gap_row);

/* book_measures_sheet: the full register of the measures idx[0..count) of res (all of
 * them, in order, when idx is NULL), on as many sheets as the row limit needs; protected
 * (read-only, no password) when readonly, with a note pointing at the head's sheet. */
void book_measures_sheet(book *b, const scenario_result *res, const uint32_t *idx,
			 size_t count, bool readonly);

/* book_update_sheet (update.c): the department head's sheet of the measures idx[0..count)
 * of res (model/register.h, register_update): locked id, title, status and plan for the
 * current year, then unlocked, validated input cells, the expected amounts starting at the
 * current forecast (real, or the plan where real is NULL); protected without a password,
 * A4 landscape, one page wide. Continues on further sheets like the register. */
void book_update_sheet(book *b, const scenario_result *res, const uint32_t *idx,
		       size_t count, const realisation *real);

/* book_column_series: a chart series over rows first..last of column col of sheet, named
 * by the header cell in row head, with categories from column cat_col. */
lxw_chart_series *book_column_series(lxw_chart *ch, const char *sheet, int head, int first,
				     int last, int cat_col, int col);

/* book_put_realisation: the year's plan, the plan to date, the realised to date, their
 * variance (a formula), the full-year forecast, its variance against the plan (a formula)
 * and the RAG word of rc in columns c0 to c0 + 6 of row r (headers: BOOK_REALISATION_HEADS
 * after the first column's). */
#define BOOK_REALISATION_HEADS L_PLAN, L_PLAN_TD, L_REALISED_TD, L_VARIANCE_TD, L_FORECAST, \
			       L_VARIANCE, L_RAG
void book_put_realisation(book *b, lxw_worksheet *ws, int r, int c0,
			  const realisation_cell *rc, rag rg);

/* book_realisation_rows: book_put_realisation per reported year of unit u from
 * row r; returns the next free row. */
int book_realisation_rows(book *b, lxw_worksheet *ws, int r, const xlsx_scenario *s, int32_t u);

/* liquidity_sheet (liquidity.c): the sheet of l, named sheet_name (NULL: "Liquiditeit" or
 * "Liquidity"), with the P10 and P90 paths low and high (each may be NULL). */
void liquidity_sheet(book *b, const liquidity *l, const liquidity *low, const liquidity *high,
		     const char *sheet_name);

/* levers_sheet (levers_sheet.c): the sheet Hefbomen (Levers) of s: gross, netted and net per
 * hiring freeze and procurement cut and plan year, as levers.csv; for a scenario with at
 * least one of them (s->res->nsummaries). */
void levers_sheet(book *b, const xlsx_scenario *s);

#endif
