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
	X(L_REPORTED_IN, "Gerapporteerd in", "Reported in")                         \
	X(L_REPORTED_YES, "ja", "yes")                                              \
	X(L_REPORTED_NO, "nee", "no")                                               \
	X(L_REPORTED_PARTLY, "deels", "partly")                                     \
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
	X(L_PROB_STATUS, "Status kans", "Status of the probability")                  \
	X(L_APPENDIX, "Bijlage voor controllers", "Appendix for controllers")         \
	X(L_LEVER_MEASURE, "Maatregel", "Measure")                                  \
	X(L_LEVER_ADJUST, "Aanpassing van maatregelen", "Adjustment of measures")   \
	X(L_LEVER_TARGET, "Doelstelling", "Target")                                 \
	X(L_LEVER_HIRING_FREEZE, "Vacaturestop", "Hiring freeze")                   \
	X(L_LEVER_PROCUREMENT_CUT, "Inkoopbesparing", "Procurement cut")            \
	X(L_LEVER_CAO, "CAO-loonstijging", "Collective wage increase")              \
	X(L_LEVER_INDEX, "Prijsindexatie", "Price indexation")                      \
	/* the tornado's kinds of a source of uncertainty (risk_result.h) */        \
	X(L_SRC_MEASURE, "maatregel", "measure")                                    \
	X(L_SRC_UNIT, "eenheid", "unit")                                            \
	X(L_SRC_SHARED, "verloop bij vacaturestop", "attrition of a freeze")        \
	X(L_SRC_FACTOR, "gedeelde factor", "shared factor")                         \
	X(L_SRC_ASSUMPTION, "aanname", "assumption")                               \
	/* the Keuzes sheet (choices_sheet.c): what optimise{} chose */             \
	X(SH_CHOICES, "Keuzes", "Choices")                                          \
	X(L_CH_SUB, "Kandidaten die de doelstelling met de gevraagde zekerheid halen " \
	  "tegen de laagste kosten", "Candidates that reach the target with the "    \
	  "certainty asked at the least cost")                                       \
	X(L_CH_ASK, "Vraag en antwoord", "Question and answer")                     \
	X(L_CH_TARGET_OF, "Doelstelling van", "Target of")                          \
	X(L_CH_PROB, "Gevraagde zekerheid", "Certainty asked")                      \
	X(L_CH_IN, "Bereikt op de trekkingen van de optimalisatie",                 \
	  "Reached on the optimisation's draws")                                    \
	X(L_CH_OUT, "Bereikt op nieuwe trekkingen (controle)",                      \
	  "Reached on fresh draws (check)")                                         \
	X(L_CH_SE, "Standaardfout van de controle", "Standard error of the check")  \
	X(L_CH_GAP, "Bewezen marge tot het optimum", "Proven optimality gap")       \
	X(L_CH_COUNT, "Gekozen kandidaten", "Candidates chosen")                    \
	X(L_CH_OF, "van", "of")                                                     \
	X(L_CH_TOTAL_COST, "Totale kosten van de keuze", "Total cost of the choice") \
	X(L_CH_TOTAL_SAVING, "Verwachte besparing van de keuze",                    \
	  "Expected saving of the choice")                                          \
	X(L_CH_METHOD, "Methode", "Method")                                         \
	X(L_CH_DRAWS_IN, "trekkingen, startwaarde", "draws, seed")                  \
	X(L_CH_DRAWS_OUT, "controle op", "checked on")                              \
	X(L_CH_CHOSEN, "Gekozen kandidaten per eenheid", "Chosen candidates by unit") \
	X(L_CH_ID, "Kandidaat", "Candidate")                                        \
	X(L_CH_TITLE, "Titel", "Title")                                             \
	X(L_CH_SAVING, "Verwachte besparing", "Expected saving")                    \
	X(L_CH_IMPACT, "Patiëntimpact", "Patient impact")                           \
	X(L_CH_ONE_OFF, "Eenmalige kosten", "One-off cost")                         \
	X(L_CH_COST, "Kosten", "Cost")                                              \
	X(L_CH_SUBTOTAL, "Subtotaal", "Subtotal")                                   \
	X(L_CH_OWN, "eigen kandidaten", "own candidates")                           \
	X(L_CH_NONE, "Geen kandidaat gekozen", "No candidate chosen")               \
	X(L_CH_TRADEOFF, "Kosten tegen zekerheid", "Cost against certainty")        \
	X(L_CH_CERTAINTY, "Zekerheid", "Certainty")                                 \
	X(L_CH_CHEAPEST, "Laagste kosten", "Cheapest cost")                         \
	X(L_CH_REACHED, "Bereikt", "Reached")                                       \
	X(L_CH_MARGIN, "Marge tot optimum", "Optimality gap")                       \
	X(L_CH_NOTE, "Opmerking", "Note")                                           \
	X(L_CH_INFEASIBLE, "niet haalbaar: hoogstens", "not feasible: at best")     \
	X(L_CH_X_AXIS, "Zekerheid om de doelstelling te halen",                     \
	  "Certainty of reaching the target")                                       \
	X(L_CH_Y_AXIS, "Kosten (EUR)", "Cost (EUR)")                                \
	X(L_CH_X_NONE, " (geen kolom: niet haalbaar)", " (no column: not feasible)") \
	X(L_CH_SCENARIO_WORD, "scenario", "scenario")                               \
	X(L_CH_PROB_WORD, "gevraagde zekerheid", "certainty asked")                 \
	X(L_CH_ADOPTED, "Gekozen", "Chosen")                                        \
	X(L_CH_UNIT_SUB, "Kandidaten van deze eenheid en of het scenario ze kiest", \
	  "This unit's candidates and whether the scenario chooses them")           \
	X(L_CH_TOTAL_CHOSEN, "Totaal gekozen", "Total chosen")

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

/* book_lever_word: what a lever of kind k is, as the workbook's reader reads it
 * ("Vacaturestop"; the scripts' names, lever_kind_word, are for the appendix). */
const char *book_lever_word(const book *b, lever_kind k);

/* book_source_word: the kind of a source of uncertainty (a tornado_row's kind: "measure",
 * "unit", "shared", "factor", "assumption") as the reader reads it; another as it is. */
const char *book_source_word(const book *b, const char *kind);

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

/* book_sheet: a new sheet with its header (model version, run id, scenario, "stand per"
 * date) and footer (sheet name, page numbers), printed as PRINT_READING until the sheet
 * calls book_print. */
lxw_worksheet *book_sheet(book *b, const char *name);

/* How a sheet prints on A4 (docs/workbooks.md, Printing), the one print policy of every
 * workbook; tests/workbooks/print checks it in LibreOffice. */
typedef enum {
	PRINT_READING,  /* read on paper: landscape, one page wide, centred; its tables narrow
			 * enough to print at 60% or more and its charts below them */
	PRINT_REGISTER, /* a full register or data table: landscape, one page wide, as many
			 * pages down as it needs, its header row repeated */
	PRINT_WIDE,     /* wider than a page at a readable size: PRINT_WIDE_SCALE, the first
			 * column repeated, the rest of the columns on the next pages */
	PRINT_TEXT,     /* running text: portrait, one page wide */
} print_kind;
#define PRINT_WIDE_SCALE 65
#define PRINT_MAX_BREAKS 8

/* book_hf_escape: s as text in a page header or footer ('&' doubled, a literal "_xHHHH_"
 * kept), cut to fit cap. */
void book_hf_escape(char *out, size_t cap, const char *s);

/* book_print: the print set-up of ws: A4, orientation and scale of kind, row head (-1:
 * none) repeated at the top of every page, and a page break above each of the nbreaks
 * rows in breaks (at most PRINT_MAX_BREAKS), so that a chart below them starts a page and
 * is never split; put the chart a row below its break (LibreOffice draws the frame of a
 * chart that touches the break, clipped, on the page above). Call it once per sheet. */
void book_print(lxw_worksheet *ws, print_kind kind, int head, const int *breaks, size_t nbreaks);

/* book_text_lines: the lines a spreadsheet shows s over: one more than its line breaks
 * (CR LF, LF and a lone CR each end a line); 1 for NULL and "". */
int book_text_lines(const char *s);

/* book_fit_lines: row r of ws as tall as lines lines of text (BOOK_LINE_PT each) when
 * lines > 1, else left alone. libxlsxwriter does not fit a row to its text and readers do
 * not grow a row they open (LibreOffice draws the lines upwards, over the row above): a
 * sheet that writes free text sets the height of each row whose text holds line breaks,
 * and writes that text in a format that wraps (book_lines_format). In a streamed sheet
 * call it before the row's first cell. */
#define BOOK_LINE_PT 15.0
void book_fit_lines(lxw_worksheet *ws, int r, int lines);

/* book_lines_format: wrap when s holds a line break (Excel shows the lines only in a cell
 * that wraps), else f. */
lxw_format *book_lines_format(const char *s, lxw_format *f, lxw_format *wrap);

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
 * gap, still to find) of unit u from row r, with a stacked column chart at chart_row,
 * chart_col; with chart_row < 0 the chart is not placed but stored in *later, for the
 * caller to place with book_place_chart (below what follows the table). Returns the first
 * free row after the table. */
int book_trajectory(book *b, lxw_worksheet *ws, const char *sheet, int r,
		    const consolidation *c, int32_t u, int chart_row, int chart_col,
		    lxw_chart **later);
/* book_place_chart: the trajectory's chart ch at row, column 0. */
void book_place_chart(lxw_worksheet *ws, int row, lxw_chart *ch);

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

/* book_identity_sheet (identity.c): the hidden, protected sheet REGISTER_ID_SHEET of the
 * workbook of unit unit_code, for the measures idx[0..count) of res that its head's sheet
 * lists: the run's identity (b->o) and each measure's fingerprints (register_fp_measure).
 * Added after every other sheet: a hidden sheet is never the one a workbook opens on. */
void book_identity_sheet(book *b, const scenario_result *res, const uint32_t *idx, size_t count,
			 const char *unit_code);

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

/* The RAG colours, one place for the status cells' fills and the charts' bars: red is a
 * shortfall only. BOOK_NO_RAG_COLOUR is a bar without a status (no target). */
#define BOOK_RAG_RED 0xF4B6B6
#define BOOK_RAG_AMBER 0xFFD98C
#define BOOK_RAG_GREEN 0xB7E1A1
#define BOOK_NO_RAG_COLOUR 0x9DC3E6
/* BOOK_NEUTRAL_COLOUR: bars that carry no judgement (the assignment). */
#define BOOK_NEUTRAL_COLOUR 0xA6A6A6

/* book_rag_colour: the colour of status r (BOOK_NO_RAG_COLOUR for none). */
uint32_t book_rag_colour(rag r);

/* book_series_colour: the i-th series of a chart in a neutral palette (blues, greys,
 * purple; no red, which means a shortfall, and no green, which means on target): its line
 * when line, else its fill. Every chart series without a meaning of its own gets one, so
 * no reader's default palette paints a series red. */
void book_series_colour(lxw_chart_series *se, size_t i, bool line);

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

/* choices_sheet (choices_sheet.c): the sheet Keuzes (Choices) of the committee's workbook
 * for a scenario whose optimise{} chose (s->choice present): the question and the answer
 * (unit, certainty asked, reached in and out of sample, the proven gap, the cost), the
 * trade-off table (the cheapest cost per certainty) with a column chart, and the chosen
 * candidates by unit with subtotals and a total (SUBTOTAL formulas, exact cached values).
 * Candidates' texts are written as every cell's text is (book_put_text). */
void choices_sheet(book *b, const xlsx_scenario *s);

/* choices_note (choices_sheet.c): what the Keuzes sheet's figures mean, for the committee's
 * Toelichting, in buf (cut to cap); s has a choice. */
void choices_note(const book *b, const xlsx_scenario *s, char *buf, size_t cap);

/* choices_unit_sheet (choices_sheet.c): the sheet Keuzes (Choices) of unit u's workbook:
 * the candidates of u's subtree only (no other unit's), chosen or not, with their expected
 * saving, FTE, one-off cost and patient impact, and the chosen ones' total (SUMIF);
 * nothing when s has no choice or u's subtree no candidate. */
void choices_unit_sheet(book *b, const xlsx_scenario *s, int32_t u);

/* levers_sheet (levers_sheet.c): the sheet Hefbomen (Levers) of s: gross, netted and net per
 * hiring freeze and procurement cut and plan year, as levers.csv; for a scenario with at
 * least one of them (s->res->nsummaries). */
void levers_sheet(book *b, const xlsx_scenario *s);

#endif
