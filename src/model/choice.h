/* choice: what a scenario's optimise{} chose among the model version's candidates (issue
 * #18), as plain data, so that the writers (export/: optimise.csv, the Keuzes sheet, the
 * unit workbooks) read it without including the solver: money in int64 cents, the
 * probabilities and the gap as doubles (statistics). The solver layer fills it; see
 * docs/uncertainty.md, "Choosing candidates". */
#ifndef FP_MODEL_CHOICE_H
#define FP_MODEL_CHOICE_H
#include "model.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One candidate the optimiser considered (adopted or not). */
typedef struct choice_row {
	const measure *cand;    /* the candidate: id, unit, title, fte_centi, extra columns */
	int64_t expected_cents; /* mean of its structural saving in the target year over the
				 * optimisation's draws, rounded half away from zero */
	int64_t one_off_cents;  /* its one_off_cost_eur, 0 when empty */
	int64_t cost_cents;     /* its term of the objective: fte_cost x FTE + impact_cost of
				 * its patient_impact + one_off_weight x one-off cost */
	const char *impact;     /* the impact_cost key its patient_impact matched ("" for an
				 * empty value) */
	bool adopted;
} choice_row;

/* The cheapest choice for one probability (the trade-off curve). */
typedef struct choice_point {
	double probability;  /* asked */
	bool feasible;       /* false: no set reaches it */
	int64_t cost_cents;  /* the chosen set's cost, when feasible */
	double reached;      /* in sample, exact recount; the best any set reaches when not
			      * feasible */
	double gap;          /* relative optimality gap the solver proved */
} choice_point;

#define CHOICE_CURVE_MAX 8

typedef struct choice_result {
	bool present;          /* false: the scenario did not call optimise{} */
	int32_t unit;          /* whose target the choice must reach */
	const char *file;      /* the script and line of the optimise{} call */
	int line;
	double probability;    /* asked */
	double reached_in;     /* in sample: share of the optimisation's draws that succeed
				* with the chosen set, recounted exactly in cents */
	double reached_out;    /* out of sample: share of fresh draws (other seed) */
	double reached_out_se; /* its Monte Carlo standard error sqrt(p (1 - p) / n) */
	size_t draws_in, draws_out;
	uint64_t seed_in, seed_out;
	double gap;            /* relative optimality gap the solver proved, 0 when optimal */
	int64_t cost_cents;    /* total cost of the chosen set */
	choice_row *rows;      /* every candidate considered, in candidate file order */
	size_t nrows;
	choice_point curve[CHOICE_CURVE_MAX]; /* the trade-off: 0.5, 0.7, 0.8, 0.9 */
	size_t ncurve;
	const char *solver;    /* e.g. "GLPK 5.0", for the outputs */
} choice_result;

#endif
