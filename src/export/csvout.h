/* csvout: the CSV files of a run (and of `consolidate --format csv`), in the column orders
 * that docs/formats.md makes public: amounts as euros with two decimals, exact from the
 * cents; rows in the units' pre-order, then by year. Write errors show in ferror(f). */
#ifndef FP_CSVOUT_H
#define FP_CSVOUT_H
#include "../io/csvwrite.h"
#include "../model/consolidate.h"
#include "../model/projection.h"
#include "../model/realisation.h"
#include "../model/risk_result.h"
#include "../model/scenario.h"
#include <stdio.h>

/* csvout_consolidated: consolidated.csv: one row per unit per plan year:
 * unit,parent,type,year,target_eur,structural_eur,incidental_eur,gap_eur,fte_reduction.
 * target_eur and gap_eur are empty where no target is in force. */
void csvout_consolidated(FILE *f, const model *m, const consolidation *c);

/* csvout_consolidated_rows: the same in dialect d (io/csvwrite.h), only the rows of root's
 * subtree (all when root < 0) and of year (all when 0): `consolidate --format csv`. */
void csvout_consolidated_rows(FILE *f, const csv_dialect *d, const model *m,
			      const consolidation *c, int32_t root, int32_t year);

/* csvout_projection: projection.csv: one row per unit per year from the base year:
 * unit,year,revenue_eur,personnel_eur,procurement_eur,other_cost_eur,result_eur,fte. */
void csvout_projection(FILE *f, const model *m, const projection *p);

/* One scenario's column group of comparison.csv. */
typedef struct csvout_scenario {
	const char *name;
	const consolidation *cons;
	const projection *proj;
} csvout_scenario;

/* csvout_comparison: comparison.csv: per plan year, each scenario's structural savings,
 * gap (empty without a target in force), result and FTE of the organisation. */
void csvout_comparison(FILE *f, const model *m, const csvout_scenario *s, size_t n);

/* csvout_realisation: realisation.csv: plan, realised to date, forecast, variance and
 * structural forecast per unit and year, with the RAG of the forecast. */
void csvout_realisation(FILE *f, const model *m, const consolidation *c,
			const realisation *rl);

/* csvout_trend: trend.csv: how the organisation's forecast for a period's year moved,
 * period by period. */
void csvout_trend(FILE *f, const model *m, const realisation *rl);

/* csvout_risk: risk.csv: the structural savings of every simulated unit in the target
 * year, then the organisation's result per year; quantiles as PERCENTILE.INC over the
 * draws, rounded to the cent as the summary and the workbook round them. */
void csvout_risk(FILE *f, const model *m, const risk_result *rk);

/* csvout_tornado: tornado.csv: the drivers of the variance, largest first. */
void csvout_tornado(FILE *f, const risk_result *rk);

/* csvout_solve: solve.csv: each goal seek, its value and what it achieves, or why not. */
void csvout_solve(FILE *f, const risk_result *rk);

#endif
