/* xlsx: the workbooks (libxlsxwriter; this folder is the only place that includes it):
 * the treasury committee's monitoring workbook and one workbook per department, service,
 * directorate and division. Amounts are written as euros with their totals as live SUM
 * formulas whose cached values are the exact consolidation; the document time comes from
 * the model version, never the clock, so the same inputs give the same bytes. A unit's
 * workbook holds only that unit's (and, for a division, its own units') data. */
#ifndef FP_XLSX_H
#define FP_XLSX_H
#include "../model/choice.h"
#include "../model/liquidity.h"
#include "../model/projection.h"
#include "../model/realisation.h"
#include "../model/risk_result.h"
#include "../model/scenario.h"

typedef enum xlsx_lang { LANG_NL, LANG_EN } xlsx_lang;

/* What one scenario produced, as the workbooks need it. */
typedef struct xlsx_scenario {
	const scenario_spec *spec;
	const scenario_result *res;
	const consolidation *cons;
	const projection *proj;
	const risk_result *risk; /* NULL or iterations == 0: no Monte Carlo */
	const realisation *real; /* NULL: no actuals in the model version */
	const liquidity *liq, *liq_p10, *liq_p90; /* NULL or nyears == 0: none */
	const choice_result *choice; /* NULL or !present: no optimise{} (no Keuzes sheet) */
} xlsx_scenario;

/* An input of the run, for the Audit sheet. */
typedef struct xlsx_audit_input {
	const char *path, *role, *sha256;
} xlsx_audit_input;

typedef struct xlsx_opts {
	xlsx_lang lang;
	const char *tmpdir;      /* libxlsxwriter's scratch files; NULL for the system's */
	const char *run_hash;    /* the run record's hash, or NULL: no Audit sheet */
	const char *run_id;      /* the run id (the run folder's name without --out), or NULL:
				  * in every page header, so a print leads back to its run */
	const char *model_hash;  /* model_digest of the model version, or NULL */
	const char *period;      /* a hand-out's reporting period ("2023-Q2"), or NULL: the
				  * unit workbooks are read-only views (runopts_is_handout) */
	const xlsx_audit_input *inputs;
	size_t ninputs;
} xlsx_opts;

/* xlsx_monitor: the committee's workbook for scenario s[which] at path (named shown in
 * messages: the final place, not the temporary folder); with n > 1 a sheet compares all n
 * scenarios. FP_ECANTCREAT/FP_EIO (reported) on failure. */
fp_status xlsx_monitor(const char *path, const char *shown, const model *m, const xlsx_scenario *s, size_t n,
		       size_t which, const xlsx_opts *o, diag *d);

/* xlsx_tree_order: the indexes of res's measures in tree order (by their unit's pre-order
 * position, then plan order), so that every subtree's measures are one run; malloc'ed. */
uint32_t *xlsx_tree_order(const model *m, const scenario_result *res);

/* xlsx_unit_book: the workbook of unit u (a department, service, directorate or division)
 * for scenario s at path; order is xlsx_tree_order of s->res. Safe to call from several
 * threads at once for different units (each has its own workbook and diag). */
fp_status xlsx_unit_book(const char *path, const char *shown, const model *m, const xlsx_scenario *s, int32_t u,
			 const uint32_t *order, const xlsx_opts *o, diag *d);

/* A step of a bridge (waterfall) between two gaps. */
typedef struct xlsx_step {
	const char *label;
	int64_t cents;
} xlsx_step;

/* A row of a change list: section, what, item, field, value in A, value in B. */
typedef struct xlsx_change_row {
	const char *cell[6];
} xlsx_change_row;

/* The custom document property that marks a bridge workbook (XLSX_BRIDGE_KIND), by which
 * diff --xlsx --force knows a file it may replace. */
#define XLSX_KIND_PROPERTY "fitplan.workbook"
#define XLSX_BRIDGE_KIND "bridge"

/* xlsx_bridge: the diff workbook, in lang: a sheet with the bridge from gap A to gap B in
 * year for scenario scen (NULL: two scenarios) (a table with SUM formulas and a waterfall
 * chart) and a sheet listing every change, with the custom property XLSX_KIND_PROPERTY =
 * XLSX_BRIDGE_KIND. The steps' labels and the change rows come in lang already; the
 * workbook's own words are bridge.c's. The document time is document_time (seconds since
 * 1970). */
fp_status xlsx_bridge(const char *path, xlsx_lang lang, int32_t year, const char *scen,
		      int64_t document_time, int64_t gap_a, int64_t gap_b,
		      const xlsx_step *steps, size_t nsteps, const xlsx_change_row *rows,
		      size_t nrows, diag *d);

/* xlsx_wants_book: u is a unit that gets a workbook of its own. */
bool xlsx_wants_book(const model *m, int32_t u);

/* xlsx_version: libxlsxwriter's version, for the run record. */
const char *xlsx_version(void);

/* The sheet-row limit of the xlsx format; a longer register continues on further sheets. */
#define XLSX_MAX_ROWS 1048576

#endif
