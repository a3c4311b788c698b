/* bench_milp: the optimiser's solver comparison (docs/performance.md, "Optimiser: solver
 * choice"): the default model version's plan drawn by the optimiser's own draws
 * (optim_draw) with synthetic candidates made here from a fixed seed, solved for P = 0.8
 * by GLPK (the product's) and COIN-OR CBC through the same formulation (stats/optim.c),
 * then the trade-off curve. Prints one row per solve: solver, candidates, draws, seconds,
 * nodes, gap, cost. Not part of make test: `make bench-milp` (a few minutes).
 *   bench_milp [BUDGETS [CANDIDATES... ]]   defaults: budgets, 60 300
 * Environment: BENCH_NODES (node limit per solve; default by size, optim_node_limit),
 * BENCH_DRAWS (2000), BENCH_SOLVER (glpk or cbc: only that one), BENCH_SOLVER_ONLY (the
 * programme alone, without the greedy set, cost bound and enumeration first),
 * BENCH_NOCURVE (no trade-off curve), BENCH_VERBOSE. */
#include "milp_cbc.h"
#include "core/xalloc.h"
#include "run/context.h"
#include "stats/optim.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static uint64_t next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

static double unif(uint64_t *s)
{
	return (double)(next(s) >> 11) / 9007199254740992.0;
}

/* nc candidates over the model's units, their expected savings together about three times
 * the gap between the plan and the target (so that the chance constraint binds and the
 * choice matters), costs per euro saved between 0.2 and 1.5. */
static measure *make_candidates(model *m, size_t nc, int64_t gap_cents, int64_t *cost,
				int64_t *fte)
{
	uint64_t s = 0x5eed0000u + nc;
	measure *c = xcalloc(nc, sizeof *c);
	int ty = model_year_index(m, m->target_year);
	/* three times the gap at the mean fractions of ideas and plans (about 0.5) */
	double each = 6.0 * (double)gap_cents / (double)nc;
	for (size_t i = 0; i < nc; i++) {
		char id[32];
		snprintf(id, sizeof id, "CAND-%03zu", i + 1);
		measure *ms = &c[i];
		ms->id = arena_strdup(m->a, id);
		ms->title = ms->id;
		ms->unit = (int32_t)(next(&s) % m->nunits);
		ms->category = (int32_t)(next(&s) % m->ncats);
		ms->pillar = (uint8_t)(1 + next(&s) % 3);
		ms->nature = NATURE_STRUCTURAL;
		ms->status = next(&s) % 3 ? STATUS_IDEA : STATUS_PLANNED;
		ms->file = -1;
		ms->amounts = arena_alloc(m->a, (size_t)m->nyears * sizeof *ms->amounts);
		double a = each * (0.2 + 1.6 * unif(&s));
		int from = ty - (int)(next(&s) % 3);
		for (int y = 0; y < m->nyears; y++)
			ms->amounts[y] = y < from ? 0 : (int64_t)llround(a * (y == from && y < ty ? 0.5 : 1));
		cost[i] = (int64_t)llround(a * (0.2 + 1.3 * unif(&s)));
		fte[i] = (int64_t)(next(&s) % 800);
	}
	return c;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void row(const char *solver, size_t nc, size_t n, double p, double secs,
		const optim_answer *a)
{
	printf("%-5s %4zu %5zu  %.2f  %8.2f %8ld  %7.4f%%  %14.2f  %.4f  %s\n", solver, nc, n, p,
	       secs, a->nodes, 100 * a->gap, (double)a->cost_cents / 100, a->reached,
	       a->feasible ? (a->proven ? "proven" : "node limit") : "not reached");
	fflush(stdout);
}

int main(int argc, char **argv)
{
	const char *budgets = argc > 1 ? argv[1] : "budgets";
	size_t sizes[8] = {60, 300}, nsizes = 2;
	if (argc > 2) {
		nsizes = 0;
		for (int i = 2; i < argc && nsizes < 8; i++)
			sizes[nsizes++] = (size_t)strtoul(argv[i], NULL, 10);
	}
	/* 0: by size, as a script without node_limit (optim_node_limit) */
	long node_limit = getenv("BENCH_NODES") ? atol(getenv("BENCH_NODES")) : 0;
	bool solver_only = getenv("BENCH_SOLVER_ONLY") != NULL;
	run_ctx r;
	if (run_ctx_load(&r, budgets, false) != FP_OK)
		return 65;
	model *m = &r.m;
	scenario_spec spec;
	memset(&spec, 0, sizeof spec);
	spec.name = "bench";
	spec.script = "scenarios/bench.lua";
	spec.uncertainty.slip_probability = 0.1;
	scenario_result res;
	consolidation cons;
	if (scenario_apply(m, &spec, &res, &r.d) != FP_OK ||
	    consolidate(m, scenario_plan(&res), &cons, &r.d) != FP_OK)
		return 65;
	int ty = model_year_index(m, m->target_year);
	const unit_year *cell = cons_cell(&cons, m->root, ty);
	/* the gap the candidates must close: the target less the plan's mean realisation */
	optim_sample_opts o0 = {m->root, optim_seed(2, OPTIM_SAMPLE), 1000, 0};
	optim_draws d0;
	if (optim_draw(m, &spec, &res, &cons, NULL, 0, &o0, &d0, &r.d) != FP_OK)
		return 65;
	double mean = 0;
	for (size_t i = 0; i < d0.n; i++)
		mean += (double)d0.plan[i * (size_t)d0.ny] / (double)d0.n;
	optim_draws_release(&d0);
	int64_t gap = cell->target_cents - (int64_t)mean;
	printf("# plan %.0f (realised %.0f on average), target %.0f in %d; node limit %ld (0: by "
	       "size), gap target 1%%%s\n", (double)cell->structural_cents / 100, mean / 100,
	       (double)cell->target_cents / 100, m->target_year, node_limit,
	       solver_only ? "; the programme alone" : "");
	printf("# solver cands draws  p      seconds    nodes      gap            cost  reached\n");
	const milp_solver *solvers[] = {milp_glpk(), milp_cbc()};
	size_t n = getenv("BENCH_DRAWS") ? (size_t)atol(getenv("BENCH_DRAWS")) : 2000;
	for (size_t si = 0; si < nsizes; si++) {
		size_t nc = sizes[si];
		int64_t *cost = xcalloc(nc, sizeof *cost), *fte = xcalloc(nc, sizeof *fte);
		measure *c = make_candidates(m, nc, gap, cost, fte);
		optim_sample_opts o = {m->root, optim_seed(1, OPTIM_SAMPLE), n, 0};
		optim_draws dr;
		double t0 = now();
		if (optim_draw(m, &spec, &res, &cons, c, nc, &o, &dr, &r.d) != FP_OK)
			return 65;
		printf("# %zu candidates: draws in %.2f s\n", nc, now() - t0);
		const char *only = getenv("BENCH_SOLVER");
		for (size_t k = 0; k < 2; k++) {
			if (only && strcasecmp(only, solvers[k]->name) != 0)
				continue;
			long nodes = node_limit ? node_limit : optim_node_limit(n, nc);
			optim_problem pr = {&dr,	 cost,	     NULL,
					    NULL,	 0,	     0.01,
					    nodes,	 solvers[k], getenv("BENCH_VERBOSE") != NULL,
					    solver_only};
			optim_answer a;
			t0 = now();
			if (optim_solve(&pr, 0.8, &a, &r.d) != FP_OK)
				return 70;
			row(solvers[k]->name, nc, n, 0.8, now() - t0, &a);
			optim_answer_release(&a);
			if (nc > 100 || getenv("BENCH_NOCURVE"))
				continue;
			static const double ps[] = {0.5, 0.7, 0.8, 0.9};
			optim_answer curve[4];
			t0 = now();
			if (optim_curve(&pr, ps, 4, curve, &r.d) != FP_OK)
				return 70;
			double secs = now() - t0;
			for (size_t i = 0; i < 4; i++) {
				row(solvers[k]->name, nc, n, ps[i], i == 3 ? secs : 0, &curve[i]);
				optim_answer_release(&curve[i]);
			}
			printf("# %s: the curve of four in %.2f s\n", solvers[k]->name, secs);
		}
		optim_draws_release(&dr);
		free(c);
		free(cost);
		free(fte);
	}
	consolidation_release(&cons);
	scenario_result_release(&res);
	run_ctx_release(&r);
	return 0;
}
