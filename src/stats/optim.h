/* optim: choosing candidates (issue #18, docs/uncertainty.md "Choosing candidates"): the
 * draws of the sample-average approximation (the plan's and each candidate's structural
 * savings of one unit, per draw and year, exact cents, from the Monte Carlo's own streams),
 * the chance-constrained MILP over them with an exact recount, the trade-off curve, and the
 * out-of-sample check. Doubles only where the MILP needs them; every reported probability
 * is a count of draws in int64 cents. */
#ifndef FP_STATS_OPTIM_H
#define FP_STATS_OPTIM_H
#include "milp.h"
#include "../core/diag.h"
#include "../core/status.h"
#include "../model/scenario.h"

/* ---- the draws (optim_draw.c) ---- */

/* The seeds of the two samples, derived from the run's seed so that they are distinct from
 * each other and from the risk run's own draws: FNV-1a over the seed's 8 bytes, the word
 * "optimise", a byte 0x1f and the purpose, as risk_stream_seed but kept at 64 bits. */
#define OPTIM_SAMPLE "sample" /* the optimisation's draws (in sample) */
#define OPTIM_CHECK "check"   /* the out-of-sample check */
uint64_t optim_seed(uint64_t run_seed, const char *purpose);

typedef struct optim_sample_opts {
	int32_t unit;     /* whose subtree's structural savings count */
	uint64_t seed;    /* the streams' seed (optim_seed) */
	size_t n;         /* draws */
	unsigned threads; /* 0: the online processors; the draws do not depend on it */
} optim_sample_opts;

/* Draw d's structural savings of the unit's subtree in year year0 + k (k < ny): */
typedef struct optim_draws {
	size_t n, ncand;
	int ny;                /* the years checked: the target year .. the last plan year */
	int32_t year0;         /* the target year */
	bool has_target[MODEL_MAX_YEARS]; /* the unit's target in force in year0 + k */
	int64_t target_cents[MODEL_MAX_YEARS];
	int64_t *plan;         /* n * ny: the plan's measures, [d * ny + k] */
	int64_t *cand;         /* ncand * n * ny: each candidate alone, [(c * n + d) * ny + k]
				* (0 for one that is not structural or not in the subtree) */
} optim_draws;

/* optim_draw: the draws of res's plan (the scenario spec applied; cons its consolidation,
 * for the targets) and of the candidates cands[0..ncand) (not in the plan; their ids
 * distinct from the plan's), with the risk run's streams, distributions (dist_resolve under
 * spec's uncertainty{}), slippage and attrition spreads: candidate c's draw is what
 * risk_run with the same seed would draw for it were it a measure of the plan, and the
 * plan's what risk_run draws for the unit (tests/unit/test_optim.c). The same figures
 * whatever o->threads. A bad distribution or a draw or sum beyond the limit of money is
 * reported to d: FP_EDATA, out released. out is owned by the caller (optim_draws_release). */
fp_status optim_draw(const model *m, const scenario_spec *spec, const scenario_result *res,
		     const consolidation *cons, const measure *cands, size_t ncand,
		     const optim_sample_opts *o, optim_draws *out, diag *d);
void optim_draws_release(optim_draws *dr);

/* optim_success: whether draw dr's plan plus the candidates with chosen[c] set reaches the
 * unit's target in every year checked that has one: exact, in 128 bits. */
bool optim_success(const optim_draws *dr, size_t d, const unsigned char *chosen);

/* ---- the choice (optim.c) ---- */

enum { OPTIM_FREE = 0, OPTIM_MUST = 1, OPTIM_NEVER = -1 };

typedef struct optim_problem {
	const optim_draws *dr;
	const int64_t *cost_cents;  /* ncand: each candidate's cost, >= 0 */
	const signed char *fix;     /* ncand: OPTIM_FREE, _MUST or _NEVER; NULL: all free */
	const int64_t *fte_centi;   /* ncand: FTE x 100, for max_fte; NULL: no FTE limit */
	int64_t max_fte_centi;      /* sum of fte_centi over the chosen at most this */
	double gap;                 /* relative gap to prove, e.g. 0.01; 0: optimal */
	long node_limit;            /* branch-and-bound nodes per solve (0: none) */
	const milp_solver *solver;  /* NULL: milp_glpk() */
	int verbose;
	bool solver_only;           /* the programme alone: no greedy set, cost bound or
				     * enumeration first (the tests of the programme, the
				     * solver comparison) */
} optim_problem;

typedef struct optim_answer {
	double probability;      /* asked */
	size_t need;             /* ceil(probability x n) draws */
	bool feasible;           /* a set reaches it: adopted holds the cheapest found */
	unsigned char *adopted;  /* ncand: 1 adopted (owned; set also when not feasible: the
				  * set reaching the best probability found) */
	int64_t cost_cents;      /* the adopted set's cost, exact */
	size_t successes;        /* exact recount: draws reaching the target every year */
	double reached;          /* successes / n */
	double gap;              /* relative gap proven by the solver (cost, or when not
				  * feasible the best probability's) */
	double cost_bound;       /* feasible: a proven lower bound on the free candidates'
				  * cost of every set that meets the count, euros (0: none
				  * known); gap is measured against it */
	bool proven;             /* the solver proved its answer within problem.gap */
	double best_bound;       /* not feasible: the probability no set can exceed, proven
				  * (the solver's bound, or the trivial one: the draws
				  * decided a success plus every draw either way; never a
				  * found set's share). The ask is proven out of reach when
				  * best_bound x n < need; else none was found within the
				  * node limit (docs/uncertainty.md, "Not reachable") */
	long nodes;              /* branch-and-bound nodes, over every solve */
	int resolves;            /* solves again, with cuts, after a short exact recount */
	size_t strengthened;     /* rows whose big-M the quantile bound tightened, summed over
				  * the cost solves (docs/uncertainty.md; 0 when none) */
} optim_answer;

/* optim_solve: the cheapest set of candidates (fix, FTE limit) whose plan-plus-candidates
 * savings reach the unit's target in every year checked in at least ceil(probability x n)
 * of the draws. Ties: the set reported is minimal (no free member can be left out and the
 * set still reach the count within max_fte: docs/uncertainty.md, "Ties"); which of the sets
 * of equal cost is the greedy's, the enumeration's or the solver's (deterministic) choice.
 * Costs (and FTE) of the candidates that may be chosen that add up past int64: FP_EDATA,
 * reported. When no set reaches
 * it (proven, or none found within the node limit), out->feasible is false and adopted is
 * the set with the most successes found, out->reached their share and best_bound the
 * solver's proven bound. FP_ESOFTWARE (reported to d) when the solver fails. out is owned
 * by the caller (optim_answer_release). */
fp_status optim_solve(const optim_problem *p, double probability, optim_answer *out, diag *d);

/* optim_curve: the cheapest set for each of probs[0..np) (any order) into out[0..np),
 * preparing the draws once (fixed candidates, draws decided either way, the programme's
 * rows and their strengthening for every point, cuts kept). Each point is solved from
 * scratch as optim_solve does; then, so that the curve never falls as the probability
 * rises, a point whose set costs more than a higher probability's (possible only when it
 * is not proven: a node limit) takes that set, which reaches its count too, made minimal
 * for it (the ties' rule), its gap against its own bound. So out[i] is optim_solve's answer
 * whenever that is proven optimal, and never dearer. */
fp_status optim_curve(const optim_problem *p, const double *probs, size_t np,
		      optim_answer *out, diag *d);
void optim_answer_release(optim_answer *a);

/* optim_node_limit: the node limit per solve when the script gives none, by the size of
 * the programme (draws x candidates): 10^12 / (draws x candidates)^2, at least 10 and at
 * most 20,000, so that a solve's time stays within about a minute on two cores however
 * hard the programme (a node of 60 x 2,000 takes about a tenth of a second, of 60 x 100 a
 * few tenths of a millisecond: docs/performance.md, "Optimiser"). Deterministic. */
long optim_node_limit(size_t draws, size_t candidates);

/* ---- the out-of-sample check (optim_draw.c) ---- */

typedef struct optim_check_result {
	size_t n, successes;
	double probability; /* successes / n, exact */
	double se;          /* sqrt(p (1 - p) / n) */
} optim_check_result;

/* optim_check: the plan with the adopted candidates (adopted[c] set) on o->n fresh draws
 * (o->seed: optim_seed(run seed, OPTIM_CHECK)): the share that reaches the unit's target
 * in every year checked. Fails as optim_draw. */
fp_status optim_check(const model *m, const scenario_spec *spec, const scenario_result *res,
		      const consolidation *cons, const measure *cands, size_t ncand,
		      const unsigned char *adopted, const optim_sample_opts *o,
		      optim_check_result *out, diag *d);

#endif
