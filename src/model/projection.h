/* projection: the multi-year cost base, revenue, result and FTE of a plan per unit subtree
 * and year, from the base-year baseline, the plan's savings and a scenario's price paths
 * (see projection.c). Money int64 cents, FTE int64 hundredths, every sum checked. */
#ifndef FP_PROJECTION_H
#define FP_PROJECTION_H
#include "scenario.h"

/* The projection: per unit (subtree) and year from base_year to horizon_year. */
typedef struct projection_row {
	int64_t revenue_cents, personnel_cents, procurement_cents, other_cost_cents;
	int64_t depreciation_cents; /* the depreciation categories: inside other_cost_cents */
	int64_t result_cents;
	int64_t fte_centi;
} projection_row;

typedef struct projection {
	int32_t nyears; /* model.nyears + 1: [0] is the base year */
	projection_row *rows; /* nunits * nyears, unit-major */
} projection;

static inline projection_row *proj_row(const projection *p, int32_t u, int y)
{
	return &p->rows[(size_t)u * (size_t)p->nyears + (size_t)y];
}

/* projection_compute: cost base, revenue, result and FTE per unit and year for plan pl
 * under the price paths of r (r may be NULL: no indexation). */
fp_status projection_compute(const model *m, plan pl, const scenario_result *r,
			     projection *p, diag *d);
void projection_release(projection *p);

/* measure_fte_in_year: the FTE reduction of ms in plan year y (centi-FTE): its fte scaled
 * by the year's amount over the target year's (the largest amount when that is 0), at most
 * the full fte; a measure without amounts reaches its fte in the target year. */
int64_t measure_fte_in_year(const model *m, const measure *ms, int y);

/* measure_one_off_year: the plan year index (0 is base_year + 1) in which ms's one-off cost
 * (one_off_cents) falls: its first year with a non-zero amount, the target year when it
 * has none; -1 when it has no one-off cost. */
int measure_one_off_year(const model *m, const measure *ms);

#endif
