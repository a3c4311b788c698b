/* choice_csv: what a scenario's optimise{} chose (model/choice.h), as the run's CSV files
 * optimise.csv (one row per candidate), optimise_summary.csv (the ask and the answer as
 * key,value lines) and optimise_tradeoff.csv (the cheapest cost per certainty), columns in
 * docs/formats.md; and the sums and texts the workbooks share with them, so that a
 * workbook's cached totals are the CSV's to the cent. */
#ifndef FP_CHOICE_CSV_H
#define FP_CHOICE_CSV_H
#include "../model/choice.h"
#include <stdio.h>

/* choice_impact_text: the candidate's own patient_impact text (its extra column of that
 * name, matched case-sensitively as the column is named in docs/data.md), or "" when its
 * file has no such column or the value is empty. Static or model-owned text. */
const char *choice_impact_text(const model *m, const measure *cand);

/* choice_impact_col: the column (1-based) of that patient_impact in its candidate file,
 * for a message at the cell; 0 when its file has no such column. */
int choice_impact_col(const model *m, const measure *cand);

/* The sums of the adopted rows of a choice (in cents, FTE in hundredths). */
typedef struct choice_sums {
	size_t adopted, considered; /* rows adopted, rows looked at */
	int64_t expected_cents, fte_centi, one_off_cents, cost_cents;
	bool ok; /* false: a sum overflowed (then the sums are not to be shown) */
} choice_sums;

/* choice_sums_of: the sums over c's adopted rows whose candidate lies in the subtree of
 * unit `within` (every row when within < 0), in rows order, checked (money_add). */
choice_sums choice_sums_of(const model *m, const choice_result *c, int32_t within);

/* choice_csv_rows: optimise.csv: the header
 * candidate,unit,title,expected_eur,fte,patient_impact,one_off_cost_eur,cost,adopted, then
 * one row per row of c in its order; title and patient_impact are free text (csvw_text),
 * amounts euros with two decimals, fte two decimals, adopted yes or no. */
void choice_csv_rows(FILE *f, const model *m, const choice_result *c);

/* choice_csv_summary: optimise_summary.csv: key,value lines in a fixed order: the unit,
 * the probability asked, reached in and out of sample (4 decimals) with the latter's
 * standard error, the gap (6 decimals), the cost and the adopted rows' sums, the counts,
 * the draws and seeds, the solver and the script line of the call. */
void choice_csv_summary(FILE *f, const model *m, const choice_result *c);

/* choice_csv_tradeoff: optimise_tradeoff.csv: probability,feasible,cost_eur,reached,gap per
 * point of c's curve (cost and gap empty when not feasible; reached is then the best
 * probability any set reaches). */
void choice_csv_tradeoff(FILE *f, const choice_result *c);

#endif
