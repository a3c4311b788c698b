/* uncertainty: what a scenario says about uncertainty, as plain data the model's scenario
 * carries (no GSL: the Lua layer fills it, stats/ draws from it): the distribution of each
 * measure's realised fraction by status, pillar, unit or measure, the chance that a measure
 * slips a year, spreads on the CAO, indexation and attrition assumptions with shared
 * factors, and goal-seek requests. */
#ifndef FP_MODEL_UNCERTAINTY_H
#define FP_MODEL_UNCERTAINTY_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum dist_kind {
	DIST_NONE,       /* not given: fall back to the next rule */
	DIST_FIXED,      /* always p1 */
	DIST_BETA,       /* mean p1, sd p2, on [0, 1] */
	DIST_TRIANGULAR, /* min p1, mode p2, max p3 */
	DIST_PERT,       /* min p1, mode p2, max p3 (beta with shape 4) */
	DIST_NORMAL,     /* mean p1, sd p2 */
	DIST_LOGNORMAL,  /* mean p1, sd p2 of the variable itself (not of its log) */
	DIST_UNIFORM,    /* min p1, max p2 */
} dist_kind;

typedef struct dist_spec {
	dist_kind kind;
	double p1, p2, p3;
	int line; /* the script line that gave it; 0 for a default */
} dist_spec;

/* The bounds of every parameter, checked at the script line (docs/uncertainty.md, Limits):
 * a measure's realised fraction is a multiplier of its plan, as adjust{scale} is (0 to
 * 100); a spread is a deviation of a yearly rate (rates are at most 10, i.e. 1000%) or of
 * the yearly attrition (a fraction from 0 to 1). */
#define DIST_FRACTION_MAX 100.0
#define DIST_RATE_DEVIATION_MAX 10.0
#define DIST_ATTRITION_DEVIATION_MAX 1.0

#define DIST_CHECK_BUF 96

/* dist_check: NULL when the parameters are valid and each is within [-limit, limit] (one
 * of the bounds above; an sd within [0, limit]), else what is wrong, in buf or a constant
 * string. */
const char *dist_check(const dist_spec *d, double limit, char buf[DIST_CHECK_BUF]);
/* dist_mean: the distribution's mean. */
double dist_mean(const dist_spec *d);

typedef struct unit_dist {
	int32_t unit;
	dist_spec d;
} unit_dist;

typedef struct measure_dist {
	const char *measure;
	dist_spec d;
} measure_dist;

/* A spread on an assumption: each iteration adds a deviation to the point value (every
 * year's rate alike). With a factor, the deviation is sd * (w * Z_factor + sqrt(1 - w^2) *
 * Z_own) so drivers that share a factor move together (correlation w1 * w2). */
typedef enum driver_kind { DRIVER_CAO, DRIVER_INDEX, DRIVER_ATTRITION } driver_kind;

typedef struct driver_spec {
	driver_kind kind;
	size_t lever;          /* index into scenario_spec.levers */
	const char *name;      /* "cao", "index:procurement", ... for reports */
	dist_spec deviation;   /* NORMAL (mean 0 usually) or UNIFORM etc. of the deviation */
	const char *factor;    /* shared factor name, or NULL */
	double loading;        /* w, in [-1, 1] */
} driver_spec;

typedef enum solve_lever { SOLVE_AMOUNT, SOLVE_PROCUREMENT_CUT } solve_lever;
typedef enum solve_goal { GOAL_TARGET, GOAL_RESULT } solve_goal;

typedef struct solve_spec {
	solve_lever lever;
	solve_goal goal;
	double probability; /* GOAL_TARGET: reach the target with this probability */
	int line;           /* the script line, for reports */
} solve_spec;

typedef struct uncertainty_spec {
	bool given; /* uncertainty{} was called */
	dist_spec by_status[4];
	dist_spec by_pillar[3];
	unit_dist *units;
	size_t nunits;
	measure_dist *measures;
	size_t nmeasures;
	double slip_probability; /* a measure starts a year late */
	driver_spec *drivers;
	size_t ndrivers;
	solve_spec *solves;
	size_t nsolves;
} uncertainty_spec;

void uncertainty_spec_release(uncertainty_spec *u);

#endif
