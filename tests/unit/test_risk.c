/* test_risk: the Monte Carlo of stats/risk.c checked against exact values, at fixed seeds
 * and with enough draws that every bound is a few standard errors wide (so each test can
 * fail, and a correct implementation passes at these seeds):
 *  - every distribution kind and the default of every status: the mean and the quantiles
 *    of a one-measure model against GSL's inverse CDFs and closed forms, the probability of
 *    reaching a target against the CDF;
 *  - a sum of independent normal measures: the probability of reaching a target (root and
 *    divisions) against 1 - Phi((T - mu) / sigma), the variance shares of the tornado;
 *  - slippage, the CAO and indexation spreads with a shared factor (correlation w1 * w2),
 *    the attrition spread of a hiring freeze, all against closed forms;
 *  - risk_quantile against PERCENTILE.INC computed by hand;
 *  - the same figures, bit for bit, with 1, 2, 3 and 7 threads, and whatever the order of
 *    the measures; adding a measure leaves the others' draws as they were;
 *  - the goal seek verified by re-running with the amount it found (and 1% less);
 *  - the result without any uncertainty equal to the projection's;
 *  - bad distributions reported as FP_EDATA, leaving no result behind;
 *  - risk.csv, tornado.csv and solve.csv: their headers and as many fields in every row;
 *  - more shared factors than risk.c's table holds (last: it crashed).
 * The model is written as CSV files into a temporary folder and loaded with run_ctx_load.
 * FITPLAN_TEST_FILTER=NAME (a cmocka glob) runs only the matching tests. */
#include "testutil.h"
#include "run/write.h"
#include "core/xalloc.h"
#include "model/scenario.h"
#include "scenario/script.h"
#include "stats/risk.h"
#include "stats/stats.h"
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>

#define YEARS 3 /* 2025 2026 2027; the target year is 2026 */
#define TY 1    /* its index */

/* fail_at: fail with a formatted message that cmocka shows with the failure (in TAP too,
 * where print_error's output would come apart from its test). */
static void fail_at(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void fail_at(const char *file, int line, const char *fmt, ...)
{
	static char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	_assert_true(0, buf, file, line);
}
#define fail_fmt(...) fail_at(__FILE__, __LINE__, __VA_ARGS__)

/* ---- the model ---- */

typedef struct world {
	char *dir;
	char budgets[4200];
	run_ctx r;
} world;

static const char MEASURES_HEAD[] =
	"measure,unit,title,pillar,category,nature,status,fte,2025,2026,2027\n";

/* world_open: LUMC > DIV1 > AFD1, LUMC > DIV2; PERS (personnel), MAT (procurement), OPB
 * (revenue); the measures and targets given as CSV rows (without their header). */
static void world_open(world *w, const char *measures, const char *targets)
{
	w->dir = tmpdir_make();
	snprintf(w->budgets, sizeof w->budgets, "%s/budgets", w->dir);
	write_text(w->dir, "budgets/model.csv",
		   "key,value\nname,Risk\nbase_year,2024\ntarget_year,2026\nhorizon_year,2027\n");
	write_text(w->dir, "budgets/units.csv",
		   "unit,name,parent,type\n"
		   "LUMC,Organisatie,,organisation\n"
		   "DIV1,Divisie 1,LUMC,division\n"
		   "DIV2,Divisie 2,LUMC,division\n"
		   "AFD1,Afdeling 1,DIV1,department\n");
	write_text(w->dir, "budgets/categories.csv",
		   "category,kind,label\n"
		   "PERS,personnel,Personeel\n"
		   "MAT,procurement,Materiaal\n"
		   "OPB,revenue,Opbrengsten\n");
	write_text(w->dir, "budgets/baseline.csv",
		   "unit,category,amount_eur,fte\n"
		   "AFD1,PERS,1000000,12.5\n"
		   "AFD1,MAT,250000,\n"
		   "DIV2,PERS,500000,6\n"
		   "LUMC,OPB,2000000,\n");
	char *t = xmalloc(strlen(targets) + 64);
	sprintf(t, "unit,year,target_eur\n%s", targets);
	write_text(w->dir, "budgets/targets.csv", t);
	free(t);
	char *ms = xmalloc(strlen(measures) + sizeof MEASURES_HEAD);
	sprintf(ms, "%s%s", MEASURES_HEAD, measures);
	write_text(w->dir, "budgets/measures/m.csv", ms);
	free(ms);
	assert_int_equal(run_ctx_load(&w->r, w->budgets, false), FP_OK);
}

static void world_close(world *w)
{
	run_ctx_release(&w->r);
	tmpdir_remove(w->dir);
}

static int32_t unit_ix(const world *w, const char *code)
{
	int32_t u = model_unit(&w->r.m, code);
	assert_true(u >= 0);
	return u;
}

/* ---- scenarios built in C ---- */

static void spec_init(scenario_spec *s)
{
	memset(s, 0, sizeof *s);
	s->name = "t";
	s->script = "scenarios/t.lua";
}

static void spec_dist(scenario_spec *s, const char *id, dist_spec d)
{
	uncertainty_spec *u = &s->uncertainty;
	u->given = true;
	u->measures = xreallocarray(u->measures, u->nmeasures + 1, sizeof *u->measures);
	u->measures[u->nmeasures++] = (measure_dist){id, d};
}

static void spec_solve(scenario_spec *s, solve_lever lv, solve_goal goal, double p)
{
	uncertainty_spec *u = &s->uncertainty;
	u->solves = xreallocarray(u->solves, u->nsolves + 1, sizeof *u->solves);
	u->solves[u->nsolves++] = (solve_spec){lv, goal, p, 0};
}

/* spec_add: a measure{} of the scenario: structural, on unit, category PERS. */
static void spec_add(scenario_spec *s, world *w, const char *id, const char *code,
		     measure_status status, const int64_t amounts[YEARS])
{
	model *m = &w->r.m;
	VEC_GROW(s->added, s->nadded, s->added_cap);
	measure *ms = &s->added[s->nadded++];
	memset(ms, 0, sizeof *ms);
	ms->id = arena_strdup(m->a, id);
	ms->title = ms->id;
	ms->unit = unit_ix(w, code);
	ms->category = model_category(m, "PERS");
	ms->pillar = 2;
	ms->nature = NATURE_STRUCTURAL;
	ms->status = (uint8_t)status;
	ms->file = -1;
	ms->amounts = arena_alloc(m->a, YEARS * sizeof *ms->amounts);
	memcpy(ms->amounts, amounts, YEARS * sizeof *ms->amounts);
	ms->origin = "scenarios/t.lua:1";
}

/* spec_script: the spec of a Lua script (written into the world's folder). */
static void spec_script(world *w, const char *lua, scenario_spec *s)
{
	write_text(w->dir, "s.lua", lua);
	char path[4300];
	snprintf(path, sizeof path, "%s/s.lua", w->dir);
	memset(s, 0, sizeof *s);
	script_env env = {&w->r.m, &w->r.bt, &w->r.c, 1,
			  {SCRIPT_DEFAULT_MAX_INSTRUCTIONS,
			   (uint64_t)SCRIPT_DEFAULT_MAX_MEMORY_MB << 20, 0},
			  stdout, NULL};
	msgs ms;
	msgs_init(&ms);
	fp_status st = script_run(&env, path, s, &ms.d);
	if (st != FP_OK)
		fail_fmt("status %d: %s", (int)st, msgs_text(&ms));
	msgs_release(&ms);
}

/* ---- one simulation ---- */

typedef struct sim_out {
	scenario_result res;
	consolidation cons;
	risk_result rk;
} sim_out;

static fp_status simulate_d(world *w, const scenario_spec *spec, size_t n, unsigned threads,
			    uint64_t seed, sim_out *o, diag *d)
{
	memset(o, 0, sizeof *o);
	assert_int_equal(scenario_apply(&w->r.m, spec, &o->res, d), FP_OK);
	assert_int_equal(consolidate(&w->r.m, scenario_plan(&o->res), &o->cons, d), FP_OK);
	risk_opts ro = {n, threads, seed, false, 0, NULL, 0};
	return risk_run(&w->r.m, &w->r.bt, spec, &o->res, &o->cons, &ro, &o->rk, d);
}

static void simulate(world *w, const scenario_spec *spec, size_t n, unsigned threads,
		     uint64_t seed, sim_out *o)
{
	msgs ms;
	msgs_init(&ms);
	fp_status st = simulate_d(w, spec, n, threads, seed, o, &ms.d);
	if (st != FP_OK)
		fail_fmt("status %d: %s", (int)st, msgs_text(&ms));
	assert_string_equal(msgs_text(&ms), "");
	msgs_release(&ms);
	assert_int_equal(o->rk.iterations, n);
	size_t h = 0;
	for (int b = 0; b < RISK_BINS; b++)
		h += o->rk.hist[b];
	assert_int_equal(h, n); /* every draw is in the histogram */
}

static void sim_release(sim_out *o)
{
	risk_release(&o->rk);
	consolidation_release(&o->cons);
	scenario_result_release(&o->res);
}

static const tornado_row *tornado_find(const risk_result *rk, const char *name)
{
	for (size_t i = 0; i < rk->ntornado; i++)
		if (strcmp(rk->tornado[i].name, name) == 0)
			return &rk->tornado[i];
	fail_fmt("no tornado row '%s'", name);
	return NULL;
}

/* tornado_find_kind: the row of name and kind (a freeze's driver has an "assumption" row
 * and a "shared" one). */
static const tornado_row *tornado_find_kind(const risk_result *rk, const char *name,
					    const char *kind)
{
	for (size_t i = 0; i < rk->ntornado; i++)
		if (strcmp(rk->tornado[i].name, name) == 0 && strcmp(rk->tornado[i].kind, kind) == 0)
			return &rk->tornado[i];
	fail_fmt("no tornado row '%s' of kind '%s'", name, kind);
	return NULL;
}

/* ---- checks ---- */


/* near: |got - want| <= tol, with a message that says which figure. */
static void near_(double got, double want, double tol, const char *what, int line)
{
	if (!(fabs(got - want) <= tol)) {
		fail_at(__FILE__, line, "%s: got %.6f, want %.6f +- %.6f (off by %.2f tolerances)",
			what, got, want, tol, fabs(got - want) / tol);
	}
}
#define near(got, want, tol, what) near_((got), (want), (tol), (what), __LINE__)

/* The exact distribution of a realised fraction, for the checks. */
typedef struct exact {
	double mean, sd;
	double (*quantile)(const dist_spec *d, double p);
	double (*pdf)(const dist_spec *d, double x);
	double (*cdf)(const dist_spec *d, double x);
} exact;

static double beta_alpha(const dist_spec *d)
{
	return d->p1 * (d->p1 * (1 - d->p1) / (d->p2 * d->p2) - 1);
}

static double beta_beta(const dist_spec *d)
{
	return (1 - d->p1) * (d->p1 * (1 - d->p1) / (d->p2 * d->p2) - 1);
}

static double beta_q(const dist_spec *d, double p)
{
	return gsl_cdf_beta_Pinv(p, beta_alpha(d), beta_beta(d));
}

static double beta_pdf(const dist_spec *d, double x)
{
	return gsl_ran_beta_pdf(x, beta_alpha(d), beta_beta(d));
}

static double beta_cdf(const dist_spec *d, double x)
{
	return gsl_cdf_beta_P(x, beta_alpha(d), beta_beta(d));
}

static double tri_q(const dist_spec *d, double p)
{
	double a = d->p1, b = d->p2, c = d->p3;
	double f = (b - a) / (c - a);
	return p < f ? a + sqrt(p * (c - a) * (b - a)) : c - sqrt((1 - p) * (c - a) * (c - b));
}

static double tri_pdf(const dist_spec *d, double x)
{
	double a = d->p1, b = d->p2, c = d->p3;
	if (x <= a || x >= c)
		return 0;
	return x < b ? 2 * (x - a) / ((c - a) * (b - a)) : 2 * (c - x) / ((c - a) * (c - b));
}

static double tri_cdf(const dist_spec *d, double x)
{
	double a = d->p1, b = d->p2, c = d->p3;
	if (x <= a)
		return 0;
	if (x >= c)
		return 1;
	return x < b ? (x - a) * (x - a) / ((c - a) * (b - a))
		     : 1 - (c - x) * (c - x) / ((c - a) * (c - b));
}

/* PERT: beta on [min, max] with alpha = 1 + 4 (mode - min) / (max - min). */
static double pert_alpha(const dist_spec *d)
{
	return 1 + 4 * (d->p2 - d->p1) / (d->p3 - d->p1);
}

static double pert_beta(const dist_spec *d)
{
	return 1 + 4 * (d->p3 - d->p2) / (d->p3 - d->p1);
}

static double pert_q(const dist_spec *d, double p)
{
	return d->p1 + (d->p3 - d->p1) * gsl_cdf_beta_Pinv(p, pert_alpha(d), pert_beta(d));
}

static double pert_pdf(const dist_spec *d, double x)
{
	double w = d->p3 - d->p1;
	return gsl_ran_beta_pdf((x - d->p1) / w, pert_alpha(d), pert_beta(d)) / w;
}

static double pert_cdf(const dist_spec *d, double x)
{
	return gsl_cdf_beta_P((x - d->p1) / (d->p3 - d->p1), pert_alpha(d), pert_beta(d));
}

static double normal_q(const dist_spec *d, double p)
{
	return d->p1 + gsl_cdf_gaussian_Pinv(p, d->p2);
}

static double normal_pdf(const dist_spec *d, double x)
{
	return gsl_ran_gaussian_pdf(x - d->p1, d->p2);
}

static double normal_cdf(const dist_spec *d, double x)
{
	return gsl_cdf_gaussian_P(x - d->p1, d->p2);
}

/* Lognormal by the mean m and sd s of the variable: sigma^2 = ln(1 + s^2 / m^2),
 * mu = ln m - sigma^2 / 2. */
static double ln_sigma(const dist_spec *d)
{
	return sqrt(log(1 + d->p2 * d->p2 / (d->p1 * d->p1)));
}

static double ln_mu(const dist_spec *d)
{
	double s = ln_sigma(d);
	return log(d->p1) - s * s / 2;
}

static double ln_q(const dist_spec *d, double p)
{
	return gsl_cdf_lognormal_Pinv(p, ln_mu(d), ln_sigma(d));
}

static double ln_pdf(const dist_spec *d, double x)
{
	return gsl_ran_lognormal_pdf(x, ln_mu(d), ln_sigma(d));
}

static double ln_cdf(const dist_spec *d, double x)
{
	return gsl_cdf_lognormal_P(x, ln_mu(d), ln_sigma(d));
}

static double unif_q(const dist_spec *d, double p)
{
	return d->p1 + p * (d->p2 - d->p1);
}

static double unif_pdf(const dist_spec *d, double x)
{
	return x >= d->p1 && x <= d->p2 ? 1 / (d->p2 - d->p1) : 0;
}

static double unif_cdf(const dist_spec *d, double x)
{
	return x <= d->p1 ? 0 : x >= d->p2 ? 1 : (x - d->p1) / (d->p2 - d->p1);
}

static exact exact_of(const dist_spec *d)
{
	switch (d->kind) {
	case DIST_BETA: return (exact){d->p1, d->p2, beta_q, beta_pdf, beta_cdf};
	case DIST_TRIANGULAR: {
		double a = d->p1, b = d->p2, c = d->p3;
		return (exact){(a + b + c) / 3,
			       sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18), tri_q,
			       tri_pdf, tri_cdf};
	}
	case DIST_PERT: {
		double al = pert_alpha(d), be = pert_beta(d), w = d->p3 - d->p1;
		return (exact){(d->p1 + 4 * d->p2 + d->p3) / 6,
			       w * sqrt(al * be / ((al + be) * (al + be) * (al + be + 1))), pert_q,
			       pert_pdf, pert_cdf};
	}
	case DIST_NORMAL: return (exact){d->p1, d->p2, normal_q, normal_pdf, normal_cdf};
	case DIST_LOGNORMAL: return (exact){d->p1, d->p2, ln_q, ln_pdf, ln_cdf};
	case DIST_UNIFORM:
		return (exact){(d->p1 + d->p2) / 2, (d->p2 - d->p1) / sqrt(12.0), unif_q, unif_pdf,
			       unif_cdf};
	case DIST_NONE:
	case DIST_FIXED: break;
	}
	return (exact){d->p1, 0, NULL, NULL, NULL};
}

/* ---- each distribution kind on a one-measure model ---- */

#define AMOUNT 1000000.0   /* euros: the measure's amount in the target year */
#define N_DIST 250000      /* draws per distribution */
#define N_DEFAULT 150000   /* draws per status default (beta, as dist_beta) */
#define TARGET_FRAC 0.7    /* the root's target, as a fraction of AMOUNT */

/* one_measure: M1 (status given) saves 1,000,000.00 in 2026 only, with distribution d
 * given for it by id (or nothing: its status's default); want is the exact distribution
 * of its realised fraction. */
static void one_measure(const char *status, dist_spec d, dist_spec want, size_t n_draws,
			uint64_t seed)
{
	world w;
	char row[256];
	snprintf(row, sizeof row, "M1,AFD1,Een,1,PERS,structural,%s,,0,1000000.00,0\n", status);
	world_open(&w, row, "LUMC,2026,700000\n");
	scenario_spec spec;
	spec_init(&spec);
	if (d.kind != DIST_NONE)
		spec_dist(&spec, "M1", d);
	sim_out o;
	simulate(&w, &spec, n_draws, 2, seed, &o);
	const risk_summary *rs = &o.rk.units[w.r.m.root];
	exact e = exact_of(&want);
	double n = (double)n_draws, cent = 0.01;
	assert_true(rs->target == TARGET_FRAC * AMOUNT);
	if (!e.quantile) { /* fixed: every draw is the same */
		assert_true(rs->mean == round(want.p1 * AMOUNT * 100) / 100);
		for (int q = 0; q < RISK_QUANTILES; q++)
			assert_true(rs->q[q] == round(want.p1 * AMOUNT * 100) / 100);
		assert_true(rs->probability == (want.p1 >= TARGET_FRAC ? 1.0 : 0.0));
	} else {
		near(rs->mean, e.mean * AMOUNT, 4 * e.sd * AMOUNT / sqrt(n) + cent, "mean");
		for (int q = 0; q < RISK_QUANTILES; q++) {
			double p = risk_quantile_p[q], x = e.quantile(&want, p);
			/* the standard error of a sample quantile: sqrt(p (1 - p) / n) / f(x_p) */
			double se = sqrt(p * (1 - p) / n) / e.pdf(&want, x);
			char what[32];
			snprintf(what, sizeof what, "P%g", 100 * p);
			near(rs->q[q], x * AMOUNT, 4 * se * AMOUNT + cent, what);
		}
		double pt = 1 - e.cdf(&want, TARGET_FRAC);
		near(rs->probability, pt, 4 * sqrt(pt * (1 - pt) / n) + 1 / n, "P(target)");
	}
	/* The subtree totals above the measure are the same draws. */
	assert_memory_equal(&o.rk.units[unit_ix(&w, "AFD1")].q, rs->q, sizeof rs->q);
	assert_memory_equal(&o.rk.units[unit_ix(&w, "DIV1")].q, rs->q, sizeof rs->q);
	/* DIV2 has no measure: always 0. */
	assert_true(o.rk.units[unit_ix(&w, "DIV2")].q[0] == 0 &&
		    o.rk.units[unit_ix(&w, "DIV2")].q[4] == 0);
	sim_release(&o);
	scenario_spec_release(&spec);
	world_close(&w);
}

static void dist_beta(void **state)
{
	(void)state;
	dist_spec d = {DIST_BETA, 0.7, 0.15, 0, 0};
	one_measure("planned", d, d, N_DIST, 11);
}

static void dist_triangular(void **state)
{
	(void)state;
	dist_spec d = {DIST_TRIANGULAR, 0.3, 0.8, 1.1, 0};
	one_measure("planned", d, d, N_DIST, 12);
}

static void dist_triangular_mode_at_max(void **state)
{
	(void)state;
	dist_spec d = {DIST_TRIANGULAR, 0.4, 1.0, 1.0, 0};
	one_measure("idea", d, d, N_DIST, 13);
}

static void dist_pert(void **state)
{
	(void)state;
	dist_spec d = {DIST_PERT, 0.2, 0.7, 1.0, 0};
	one_measure("planned", d, d, N_DIST, 14);
}

static void dist_normal(void **state)
{
	(void)state;
	dist_spec d = {DIST_NORMAL, 0.8, 0.2, 0, 0};
	one_measure("decided", d, d, N_DIST, 15);
}

static void dist_lognormal(void **state)
{
	(void)state;
	dist_spec d = {DIST_LOGNORMAL, 0.9, 0.3, 0, 0};
	one_measure("planned", d, d, N_DIST, 16);
}

static void dist_uniform(void **state)
{
	(void)state;
	dist_spec d = {DIST_UNIFORM, 0.5, 1.2, 0, 0};
	one_measure("planned", d, d, N_DIST, 17);
}

static void dist_fixed(void **state)
{
	(void)state;
	dist_spec d = {DIST_FIXED, 0.75, 0, 0, 0};
	one_measure("idea", d, d, N_DIST, 18);
}

/* The documented defaults: realised fixed 1; decided beta 0.9/0.1; planned beta 0.7/0.15;
 * idea beta 0.4/0.2. */
static void default_realised(void **state)
{
	(void)state;
	one_measure("realised", (dist_spec){DIST_NONE, 0, 0, 0, 0},
		    (dist_spec){DIST_FIXED, 1, 0, 0, 0}, N_DEFAULT, 21);
}

static void default_decided(void **state)
{
	(void)state;
	one_measure("decided", (dist_spec){DIST_NONE, 0, 0, 0, 0},
		    (dist_spec){DIST_BETA, 0.9, 0.1, 0, 0}, N_DEFAULT, 22);
}

static void default_planned(void **state)
{
	(void)state;
	one_measure("planned", (dist_spec){DIST_NONE, 0, 0, 0, 0},
		    (dist_spec){DIST_BETA, 0.7, 0.15, 0, 0}, N_DEFAULT, 23);
}

static void default_idea(void **state)
{
	(void)state;
	one_measure("idea", (dist_spec){DIST_NONE, 0, 0, 0, 0},
		    (dist_spec){DIST_BETA, 0.4, 0.2, 0, 0}, N_DEFAULT, 24);
}

/* ---- which rule applies: measure, nearest unit up, pillar, status, default ---- */

static void precedence(void **state)
{
	(void)state;
	world w;
	world_open(&w,
		   "A,AFD1,a,1,PERS,structural,planned,,0,1,0\n"
		   "B,AFD1,b,1,PERS,structural,planned,,0,1,0\n"
		   "C,DIV2,c,1,PERS,structural,planned,,0,1,0\n"
		   "D,DIV2,d,2,PERS,structural,decided,,0,1,0\n"
		   "E,DIV2,e,3,PERS,structural,idea,,0,1,0\n"
		   "F,LUMC,f,3,PERS,structural,realised,,0,1,0\n",
		   "LUMC,2026,1\n");
	const model *m = &w.r.m;
	uncertainty_spec u = {0};
	dist_spec dm = {DIST_FIXED, 0.1, 0, 0, 0}, dl = {DIST_FIXED, 0.2, 0, 0, 0},
		  dd = {DIST_FIXED, 0.3, 0, 0, 0}, dp = {DIST_FIXED, 0.4, 0, 0, 0},
		  ds = {DIST_FIXED, 0.5, 0, 0, 0};
	measure_dist md[] = {{"A", dm}};
	unit_dist ud[] = {{unit_ix(&w, "LUMC"), dl}, {unit_ix(&w, "DIV1"), dd}};
	u.measures = md;
	u.nmeasures = 1;
	u.units = ud;
	u.nunits = 2;
	u.by_pillar[0] = dp;
	u.by_status[STATUS_IDEA] = ds;
#define RESOLVED(id) dist_resolve(m, &u, &m->measures[model_measure(m, id)])
	/* the measure's own rule first */
	assert_true(RESOLVED("A").p1 == 0.1);
	/* then the nearest unit up the tree: AFD1 has none, DIV1 has */
	assert_true(RESOLVED("B").p1 == 0.3);
	/* DIV2 has none, LUMC has: units before pillar and status */
	assert_true(RESOLVED("C").p1 == 0.2);
	assert_true(RESOLVED("E").p1 == 0.2);
	/* without unit rules: pillar, then status, then the default */
	u.nunits = 0;
	assert_true(RESOLVED("C").p1 == 0.4); /* pillar 1 */
	assert_true(RESOLVED("E").p1 == 0.5); /* pillar 3 has no rule, idea has */
	dist_spec d = RESOLVED("D");          /* decided: the default */
	assert_int_equal(d.kind, DIST_BETA);
	assert_true(d.p1 == 0.9 && d.p2 == 0.1);
	d = RESOLVED("F");
	assert_int_equal(d.kind, DIST_FIXED);
	assert_true(d.p1 == 1.0);
	u.by_pillar[0] = (dist_spec){DIST_NONE, 0, 0, 0, 0};
	d = RESOLVED("C"); /* planned: the default */
	assert_int_equal(d.kind, DIST_BETA);
	assert_true(d.p1 == 0.7 && d.p2 == 0.15);
	u.by_status[STATUS_IDEA] = (dist_spec){DIST_NONE, 0, 0, 0, 0};
	d = RESOLVED("E");
	assert_int_equal(d.kind, DIST_BETA);
	assert_true(d.p1 == 0.4 && d.p2 == 0.2);
#undef RESOLVED
	world_close(&w);
}

/* ---- a sum of independent normals: the probability of reaching the target ---- */

#define N_NORMAL 250000

static void normal_sum_probability(void **state)
{
	(void)state;
	world w;
	/* amounts in 2026; the other years carry amounts too (they must not matter) */
	world_open(&w,
		   "M1,AFD1,a,1,PERS,structural,planned,,5,1000000,7\n"
		   "M2,DIV1,b,2,MAT,structural,decided,,0,500000,0\n"
		   "M3,DIV2,c,1,PERS,structural,idea,,100,2000000,100\n"
		   "M4,LUMC,d,3,OPB,structural,planned,,0,300000,0\n"
		   "M5,DIV2,e,1,PERS,structural,realised,,0,250000,0\n"
		   "M6,DIV2,f,1,PERS,incidental,idea,,0,900000,0\n",
		   "LUMC,2026,3000000\nDIV1,2026,1200000\nDIV2,2026,1500000\n");
	static const struct {
		const char *id;
		double amount, mean, sd;
	} ms[] = {{"M1", 1e6, 0.8, 0.1},    {"M2", 5e5, 0.9, 0.2},     {"M3", 2e6, 0.5, 0.25},
		  {"M4", 3e5, 1.0, 0.3},    {"M5", 2.5e5, 1.0, 0.05}};
	scenario_spec spec;
	spec_init(&spec);
	for (size_t i = 0; i < 5; i++)
		spec_dist(&spec, ms[i].id, (dist_spec){DIST_NORMAL, ms[i].mean, ms[i].sd, 0, 0});
	/* the incidental measure is drawn too but is no structural saving */
	spec_dist(&spec, "M6", (dist_spec){DIST_NORMAL, 1.0, 0.5, 0, 0});
	sim_out o;
	simulate(&w, &spec, N_NORMAL, 2, 99, &o);
	double n = N_NORMAL;
	struct {
		const char *unit;
		unsigned members; /* bit i: ms[i] is in the unit's subtree */
		double target;
	} units[] = {{"LUMC", 0x1f, 3e6}, {"DIV1", 0x03, 1.2e6}, {"DIV2", 0x14, 1.5e6}};
	double var_total = 0;
	for (size_t i = 0; i < 5; i++)
		var_total += pow(ms[i].amount * ms[i].sd, 2);
	for (size_t k = 0; k < 3; k++) {
		double mu = 0, var = 0;
		for (size_t i = 0; i < 5; i++) {
			if (units[k].members & (1u << i)) {
				mu += ms[i].amount * ms[i].mean;
				var += pow(ms[i].amount * ms[i].sd, 2);
			}
		}
		double sigma = sqrt(var);
		const risk_summary *rs = &o.rk.units[unit_ix(&w, units[k].unit)];
		double p = 1 - gsl_cdf_ugaussian_P((units[k].target - mu) / sigma);
		assert_true(rs->target == units[k].target);
		near(rs->probability, p, 4 * sqrt(p * (1 - p) / n), units[k].unit);
		near(rs->mean, mu, 4 * sigma / sqrt(n), "mean");
		for (int q = 0; q < RISK_QUANTILES; q++) {
			double pq = risk_quantile_p[q];
			double x = mu + sigma * gsl_cdf_ugaussian_Pinv(pq);
			double se = sqrt(pq * (1 - pq) / n) / gsl_ran_gaussian_pdf(x - mu, sigma);
			near(rs->q[q], x, 4 * se, "quantile");
		}
		/* the variance share of a division: its measures' variances over the total's */
		if (k > 0)
			near(tornado_find(&o.rk, units[k].unit)->share, var / var_total,
			     0.015 * var / var_total, "unit share");
	}
	/* AFD1 has no target: no probability */
	assert_true(o.rk.units[unit_ix(&w, "AFD1")].probability < 0);
	/* Tornado: each measure's share of the variance, its P10 and P90 exactly. */
	double shares = 0;
	for (size_t i = 0; i < 5; i++) {
		const tornado_row *t = tornado_find(&o.rk, ms[i].id);
		assert_string_equal(t->kind, "measure");
		double want = pow(ms[i].amount * ms[i].sd, 2) / var_total;
		near(t->share, want, 0.015 * want, ms[i].id);
		shares += t->share;
		double lo = ms[i].amount * (ms[i].mean + ms[i].sd * gsl_cdf_ugaussian_Pinv(0.1));
		double hi = ms[i].amount * (ms[i].mean + ms[i].sd * gsl_cdf_ugaussian_Pinv(0.9));
		near(t->low, lo, 1e-6 * ms[i].amount, "low");
		near(t->high, hi, 1e-6 * ms[i].amount, "high");
	}
	near(shares, 1.0, 0.015, "sum of the measures' shares");
	for (size_t i = 0; i < o.rk.ntornado; i++)
		assert_string_not_equal(o.rk.tornado[i].name, "M6"); /* incidental: not a driver */
	/* ranked by share */
	for (size_t i = 1; i < o.rk.ntornado; i++)
		assert_true(o.rk.tornado[i - 1].share >= o.rk.tornado[i].share);
	sim_release(&o);
	scenario_spec_release(&spec);
	world_close(&w);
}

/* ---- slippage: the amounts move one year later with probability slip ---- */

static void slip_probability(void **state)
{
	(void)state;
	world w;
	/* 400,000 in 2025, 1,000,000 from 2026: slipped, 2026 saves 400,000 */
	world_open(&w, "M1,AFD1,a,1,PERS,structural,planned,,400000,1000000,1000000\n",
		   "LUMC,2026,1000000\n");
	scenario_spec spec;
	spec_init(&spec);
	spec_dist(&spec, "M1", (dist_spec){DIST_FIXED, 1, 0, 0, 0});
	spec.uncertainty.slip_probability = 0.3;
	sim_out o;
	simulate(&w, &spec, 200000, 2, 5, &o);
	const risk_summary *rs = &o.rk.units[w.r.m.root];
	double n = 200000, p = 0.7;
	near(rs->probability, p, 4 * sqrt(p * (1 - p) / n), "P(not slipped)");
	near(rs->mean, 1e6 - 0.3 * 6e5, 4 * 6e5 * sqrt(p * (1 - p) / n), "mean");
	assert_true(rs->q[0] == 400000 && rs->q[1] == 400000); /* P5, P10: slipped */
	assert_true(rs->q[2] == 1000000 && rs->q[4] == 1000000);
	sim_release(&o);
	scenario_spec_release(&spec);
	world_close(&w);
}

/* ---- spreads on the CAO and an indexation, with a shared factor ---- */

/* With every plan fixed, the result in the first plan year is linear in the deviations:
 *   result = R0 - P (1 - comp) d_cao - M d_index
 * (P personnel, M procurement of the base year), so it is normal with variance
 *   (P (1 - comp) s1)^2 + (M s2)^2 + 2 P (1 - comp) M s1 s2 w1 w2. */
static void spreads_shared_factor(void **state)
{
	(void)state;
	static const struct {
		const char *lua;
		double rho;
	} cases[] = {
		{"cao{rates={[2025]=0.03, [2026]=0.03, [2027]=0.03}, compensation=0.4,\n"
		 "    spread={dist=\"normal\", mean=0, sd=0.01, factor=\"wage\", loading=0.8}}\n"
		 "index{kind=\"procurement\", rates={[2025]=0.02, [2026]=0.02, [2027]=0.02},\n"
		 "    spread={dist=\"normal\", mean=0, sd=0.02, factor=\"wage\", loading=0.5}}\n",
		 0.8 * 0.5},
		{"cao{rates={[2025]=0.03, [2026]=0.03, [2027]=0.03}, compensation=0.4,\n"
		 "    spread={dist=\"normal\", mean=0, sd=0.01, factor=\"wage\", loading=0.9}}\n"
		 "index{kind=\"procurement\", rates={[2025]=0.02, [2026]=0.02, [2027]=0.02},\n"
		 "    spread={dist=\"normal\", mean=0, sd=0.02, factor=\"wage\", loading=-0.7}}\n",
		 -0.9 * 0.7},
		{"cao{rates={[2025]=0.03, [2026]=0.03, [2027]=0.03}, compensation=0.4,\n"
		 "    spread={dist=\"normal\", mean=0, sd=0.01}}\n"
		 "index{kind=\"procurement\", rates={[2025]=0.02, [2026]=0.02, [2027]=0.02},\n"
		 "    spread={dist=\"normal\", mean=0, sd=0.02}}\n",
		 0},
	};
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		world w;
		world_open(&w, "", "LUMC,2026,1\n"); /* no measures at all */
		scenario_spec spec;
		spec_script(&w, cases[c].lua, &spec);
		assert_int_equal(spec.uncertainty.ndrivers, 2);
		sim_out o;
		size_t n = 120000;
		simulate(&w, &spec, n, 2, 3 + c, &o);
		double P = 1.5e6, M = 250000, R = 2e6, comp = 0.4;
		double r0 = R - P * 1.03 + comp * P * 0.03 - M * 1.02;
		double a = P * (1 - comp) * 0.01, b = M * 0.02;
		double sigma = sqrt(a * a + b * b + 2 * a * b * cases[c].rho);
		const risk_summary *rs = &o.rk.result[0];
		near(rs->mean, r0, 4 * sigma / sqrt((double)n), "mean result 2025");
		for (int q = 0; q < RISK_QUANTILES; q++) {
			double p = risk_quantile_p[q], x = r0 + sigma * gsl_cdf_ugaussian_Pinv(p);
			double se = sqrt(p * (1 - p) / (double)n) / gsl_ran_gaussian_pdf(x - r0, sigma);
			near(rs->q[q], x, 4 * se, "result 2025");
		}
		/* The assumptions' one-at-a-time swings on the target-year result (2026): the
		 * driver at its P10 and P90, the other at 0. */
		double z = gsl_cdf_ugaussian_Pinv(0.9);
		for (size_t k = 0; k < 2; k++) {
			const tornado_row *t = tornado_find(&o.rk, spec.uncertainty.drivers[k].name);
			assert_string_equal(t->kind, "assumption");
			assert_true(t->share < 0);
			double dev = (k == 0 ? 0.01 : 0.02) * z;
			double dp = k == 0 ? dev : 0, dm = k == 1 ? dev : 0;
			double fp_lo = pow(1.03 - dp, 2), fp_hi = pow(1.03 + dp, 2);
			double fm_lo = pow(1.02 - dm, 2), fm_hi = pow(1.02 + dm, 2);
			double lo = R - P * fp_lo + comp * P * (fp_lo - 1) - M * fm_lo;
			double hi = R - P * fp_hi + comp * P * (fp_hi - 1) - M * fm_hi;
			near(t->low, lo, 0.01, "assumption at P10");
			near(t->high, hi, 0.01, "assumption at P90");
		}
		sim_release(&o);
		scenario_spec_release(&spec);
		world_close(&w);
	}
}

/* ---- the attrition spread of a hiring freeze ---- */

static const char FREEZE_LUA[] =
	"hiring_freeze{units=\"DIV2\", from=\"2025-01\", to=\"2025-12\", attrition=0.08,\n"
	"    spread={dist=\"normal\", mean=0, sd=0.02}}\n"
	"uncertainty{status={planned={dist=\"fixed\", value=1}}}\n";

/* The freeze's savings scale with (a + deviation) / a: with every realisation 1 the
 * target-year saving is A (1 + Z sd / a), clipped at 0 (4 sigma away here). */
static void attrition_spread_scales_freeze(void **state)
{
	(void)state;
	world w;
	world_open(&w, "", "LUMC,2026,1\n");
	scenario_spec spec;
	spec_script(&w, FREEZE_LUA, &spec);
	sim_out o;
	size_t n = 150000;
	simulate(&w, &spec, n, 2, 8, &o);
	double A = (double)cons_cell(&o.cons, w.r.m.root, TY)->structural_cents / 100;
	assert_true(A > 10000);
	const risk_summary *rs = &o.rk.units[w.r.m.root];
	double sigma = A * 0.02 / 0.08;
	near(rs->mean, A, 4 * sigma / sqrt((double)n) + 0.01, "mean");
	for (int q = 0; q < RISK_QUANTILES; q++) {
		double p = risk_quantile_p[q], x = A + sigma * gsl_cdf_ugaussian_Pinv(p);
		double se = sqrt(p * (1 - p) / (double)n) / gsl_ran_gaussian_pdf(x - A, sigma);
		near(rs->q[q], x, 4 * se + 0.01, "freeze quantile");
	}
	sim_release(&o);
	scenario_spec_release(&spec);
	world_close(&w);
}

/* The attrition spread is an assumption of the tornado like the CAO and the indexation:
 * its one-at-a-time swing on the target-year result must not be zero when it moves the
 * freeze's savings by a quarter either way. */
static void attrition_assumption_swing(void **state)
{
	(void)state;
	world w;
	world_open(&w, "", "LUMC,2026,1\n");
	scenario_spec spec;
	spec_script(&w, FREEZE_LUA, &spec);
	sim_out o;
	simulate(&w, &spec, 10000, 2, 8, &o);
	const tornado_row *t = tornado_find_kind(&o.rk, spec.uncertainty.drivers[0].name,
						 "assumption");
	double A = (double)cons_cell(&o.cons, w.r.m.root, TY)->structural_cents / 100;
	/* the freeze saves A * (1 +- 1.28 * 0.25) at the attrition's P90 and P10 */
	double swing = 2 * A * 0.25 * gsl_cdf_ugaussian_Pinv(0.9);
	if (!(fabs(t->high - t->low) > 0.5 * swing)) {
		fail_fmt("tornado row %s: low %.2f, high %.2f: the swing is %.2f, expected about "
			 "%.2f (attrition at P10 and P90)",
			 t->name, t->low, t->high, t->high - t->low, swing);
	}
	sim_release(&o);
	scenario_spec_release(&spec);
	world_close(&w);
}

/* ---- the shares of a scenario with shared draws add up to 1 (issue 13, section 5) ----
 *
 * A freeze over the whole tree (AFD1 PERS and DIV2 PERS: two structural measures, planned:
 * fraction beta 0.7/0.15) shares one attrition draw g = 1 + Z sd / a (sd 0.02, a 0.08:
 * g has sd 0.25, clipped at 0 four sigma away); M1 (decided, beta 0.9/0.1) and M2 (idea,
 * beta 0.4/0.2) on MAT are drawn on their own. Given g, the measures are independent, so
 *   Var(S) = sum over M1, M2 of A^2 sd^2
 *          + sum over the freeze's measures of A^2 sd^2 E[g^2]      (their own draws)
 *          + Var(g) (sum of the freeze's A * 0.7)^2                 (the shared draw)
 * and each term is a row: the freeze's measures show only their own part, the shared draw
 * (kind "shared") the last term. Before, each freeze measure showed its whole variance and
 * the covariance between them (2 Var(g) A1 A2 0.49) was nowhere: the shares summed to
 * well below 1.
 * Tolerance of the sum: it differs from 1 only by the sample covariances of terms that are
 * uncorrelated, each with a standard error of at most sqrt(s_i s_j / n) in shares; together
 * below sqrt(2 / n) = 0.0045 at n = 100,000: 0.02 is over four of those. */
static void shares_sum_to_one_with_freeze(void **state)
{
	(void)state;
	world w;
	world_open(&w,
		   "M1,AFD1,een,1,MAT,structural,decided,,0,100000,100000\n"
		   "M2,DIV2,twee,2,MAT,structural,idea,,0,50000,50000\n",
		   "LUMC,2026,1\n");
	scenario_spec spec;
	spec_script(&w,
		    "hiring_freeze{from=\"2025-01\", to=\"2025-12\", attrition=0.08,\n"
		    "    spread={dist=\"normal\", mean=0, sd=0.02}}\n",
		    &spec);
	sim_out o;
	size_t n = 100000;
	simulate(&w, &spec, n, 2, 11, &o);
	double sum = 0;
	for (size_t i = 0; i < o.rk.ntornado; i++) {
		const tornado_row *t = &o.rk.tornado[i];
		if (strcmp(t->kind, "unit") != 0 && isfinite(t->share))
			sum += t->share;
	}
	near(sum, 1.0, 0.02, "sum of the shares of measures and shared draws");
	/* by hand: the amounts in the target year */
	double a1 = 0, a2 = 0, m1 = 1000, m2 = 500; /* M1, M2 in the target year (euros) */
	for (size_t k = 0; k < o.res.nmeasures; k++) {
		const measure *ms = &o.res.measures[k];
		if (strcmp(ms->id, "hiring_freeze.1.AFD1.PERS") == 0)
			a1 = (double)ms->amounts[TY] / 100;
		if (strcmp(ms->id, "hiring_freeze.1.DIV2.PERS") == 0)
			a2 = (double)ms->amounts[TY] / 100;
	}
	assert_true(a1 > 0 && a2 > 0);
	m1 = 100000, m2 = 50000;
	double vg = 0.25 * 0.25, eg2 = 1 + vg;
	double own1 = a1 * a1 * 0.15 * 0.15 * eg2, own2 = a2 * a2 * 0.15 * 0.15 * eg2;
	double shared = vg * pow(0.7 * (a1 + a2), 2);
	double total = m1 * m1 * 0.1 * 0.1 + m2 * m2 * 0.2 * 0.2 + own1 + own2 + shared;
	const tornado_row *f1 = tornado_find_kind(&o.rk, "hiring_freeze.1.AFD1.PERS", "measure");
	const tornado_row *sh = tornado_find_kind(&o.rk, spec.uncertainty.drivers[0].name,
						  "shared");
	near(f1->share, own1 / total, 0.05 * own1 / total, "a freeze measure's own share");
	near(sh->share, shared / total, 0.05 * shared / total, "the shared draw's share");
	/* the measure's share is not the shared draw's: its whole variance would be about
	 * own1 + vg (0.7 a1)^2, well above its own part */
	assert_true(f1->share < 0.6 * (own1 + vg * pow(0.7 * a1, 2)) / total);
	/* P10 and P90 of the freeze's expected saving: 0.7 (a1 + a2) (1 -+ 1.2816 * 0.25) */
	near(sh->low, 0.7 * (a1 + a2) * (1 + 0.25 * gsl_cdf_ugaussian_Pinv(0.1)),
	     0.01 * 0.7 * (a1 + a2), "shared P10");
	near(sh->high, 0.7 * (a1 + a2) * (1 + 0.25 * gsl_cdf_ugaussian_Pinv(0.9)),
	     0.01 * 0.7 * (a1 + a2), "shared P90");
	sim_release(&o);
	scenario_spec_release(&spec);

	/* Two freezes on one factor (loading 1 each: their draws move as one): a row per
	 * freeze and a "factor" row with their covariance, 2 Var(g) T1 T2 over the total; the
	 * shares still sum to 1. */
	spec_script(&w,
		    "hiring_freeze{units=\"DIV1\", from=\"2025-01\", to=\"2025-12\", attrition=0.08,\n"
		    "    spread={dist=\"normal\", mean=0, sd=0.02, factor=\"labour\"}}\n"
		    "hiring_freeze{units=\"DIV2\", from=\"2025-01\", to=\"2025-12\", attrition=0.08,\n"
		    "    spread={dist=\"normal\", mean=0, sd=0.02, factor=\"labour\"}}\n",
		    &spec);
	simulate(&w, &spec, n, 2, 11, &o);
	sum = 0;
	for (size_t i = 0; i < o.rk.ntornado; i++) {
		const tornado_row *t = &o.rk.tornado[i];
		if (strcmp(t->kind, "unit") != 0 && isfinite(t->share))
			sum += t->share;
	}
	near(sum, 1.0, 0.02, "sum of the shares with a shared factor");
	const tornado_row *fr = tornado_find_kind(&o.rk, "labour", "factor");
	double cov = 2 * vg * (0.7 * a1) * (0.7 * a2);
	total = m1 * m1 * 0.1 * 0.1 + m2 * m2 * 0.2 * 0.2 + own1 + own2 + shared;
	near(fr->share, cov / total, 0.05 * cov / total, "the factor's share");
	sim_release(&o);
	scenario_spec_release(&spec);
	world_close(&w);
}

/* ---- risk_quantile is PERCENTILE.INC ---- */

static double percentile_inc(const double *x, size_t n, double p)
{
	double h = (double)(n - 1) * p;
	size_t lo = (size_t)floor(h);
	if (lo >= n - 1)
		return x[n - 1];
	return x[lo] + (h - (double)lo) * (x[lo + 1] - x[lo]);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void quantile_percentile_inc(void **state)
{
	(void)state;
	static const size_t ns[] = {1, 2, 3, 4, 5, 10, 11, 100, 101, 1000, 1001, 9999};
	static const double ps[] = {0,    0.01, 0.05, 0.1,  0.25, 1.0 / 3, 0.5,
				    0.6,  0.75, 0.9,  0.95, 0.99, 0.999,   1};
	double *x = xmalloc(10000 * sizeof *x);
	unsigned long long s = 88172645463325252ULL;
	for (size_t a = 0; a < sizeof ns / sizeof *ns; a++) {
		size_t n = ns[a];
		for (size_t i = 0; i < n; i++) {
			s ^= s << 13;
			s ^= s >> 7;
			s ^= s << 17;
			/* some ties, some negatives, euros with cents */
			x[i] = (double)((long long)(s % 2000001) - 1000000) / 100.0;
			if (i % 7 == 3)
				x[i] = x[i - 1];
		}
		qsort(x, n, sizeof *x, cmp_double);
		for (size_t b = 0; b < sizeof ps / sizeof *ps; b++) {
			double want = percentile_inc(x, n, ps[b]), got = risk_quantile(x, n, ps[b]);
			near(got, want, 1e-9 * (1 + fabs(want)), "PERCENTILE.INC");
		}
		assert_true(risk_quantile(x, n, 0) == x[0]);
		assert_true(risk_quantile(x, n, 1) == x[n - 1]);
	}
	/* a worked example: 1..5, p = 0.1 gives 1.4; p = 0.9 gives 4.6; 0.5 the median */
	double five[] = {10, 20, 30, 40, 50};
	near(risk_quantile(five, 5, 0.1), 14, 1e-12, "P10 of 10..50");
	near(risk_quantile(five, 5, 0.9), 46, 1e-12, "P90 of 10..50");
	near(risk_quantile(five, 5, 0.5), 30, 1e-12, "P50 of 10..50");
	double four[] = {1, 2, 3, 4};
	near(risk_quantile(four, 4, 0.5), 2.5, 1e-12, "P50 of 1..4");
	near(risk_quantile(four, 4, 0.05), 1.15, 1e-12, "P5 of 1..4");
	free(x);
	assert_true(risk_quantile_p[0] == 0.05 && risk_quantile_p[1] == 0.10 &&
		    risk_quantile_p[2] == 0.50 && risk_quantile_p[3] == 0.90 &&
		    risk_quantile_p[4] == 0.95);
}

/* ---- the same figures whatever the number of threads ---- */

static const char RICH_MEASURES[] =
	"M1,AFD1,a,1,PERS,structural,planned,,100000,200000,300000\n"
	"M2,DIV1,b,2,MAT,structural,decided,,20000,40000,40000\n"
	"M3,DIV2,c,3,PERS,structural,realised,,12345.67,23456.78,23456.78\n"
	"M4,DIV2,d,2,PERS,incidental,idea,,50000,,\n"
	"M5,AFD1,e,2,MAT,structural,idea,,,30000,60000\n"
	"M6,LUMC,f,1,OPB,structural,planned,,10000,10000,10000\n";

/* targets near the median: probabilities well inside (0, 1) */
#define RICH_TARGETS "LUMC,2026,260000\nDIV1,2026,220000\nDIV2,2026,30000\n"

static const char RICH_LUA[] =
	"cao{rates={[2025]=0.03, [2026]=0.025, [2027]=0.02}, compensation=0.5,\n"
	"    spread={dist=\"normal\", mean=0, sd=0.01, factor=\"wages\", loading=0.8}}\n"
	"index{kind=\"procurement\", rates={[2025]=0.02, [2026]=0.02, [2027]=0.02},\n"
	"    spread={dist=\"normal\", mean=0, sd=0.005, factor=\"wages\", loading=0.5}}\n"
	"index{kind=\"revenue\", rates={[2025]=0.01, [2026]=0.01, [2027]=0.01},\n"
	"    spread={dist=\"uniform\", min=-0.01, max=0.01}}\n"
	"hiring_freeze{units=\"DIV2\", from=\"2025-01\", to=\"2025-12\", attrition=0.08,\n"
	"    spread={dist=\"normal\", mean=0, sd=0.02}}\n"
	"procurement_cut{rate=0.05, from=2026}\n"
	"uncertainty{status={decided={dist=\"beta\", mean=0.85, sd=0.1}},\n"
	"    pillar={[2]={dist=\"lognormal\", mean=0.8, sd=0.3}},\n"
	"    unit={DIV2={dist=\"triangular\", min=0.5, mode=0.9, max=1}},\n"
	"    measure={M1={dist=\"pert\", min=0.6, mode=0.9, max=1.0}}, slip=0.1}\n"
	"solve{lever=\"amount\", goal=\"target\", probability=0.8}\n"
	"solve{lever=\"procurement_cut\", goal=\"target\", probability=0.5}\n"
	"solve{lever=\"amount\", goal=\"result\"}\n";

static void assert_same_risk(const model *m, const risk_result *a, const risk_result *b)
{
	assert_int_equal(a->iterations, b->iterations);
	assert_memory_equal(a->units, b->units, m->nunits * sizeof *a->units);
	assert_memory_equal(a->result, b->result, (size_t)m->nyears * sizeof *a->result);
	assert_memory_equal(a->hist, b->hist, sizeof a->hist);
	assert_true(memcmp(&a->hist_lo, &b->hist_lo, sizeof a->hist_lo) == 0);
	assert_true(memcmp(&a->hist_width, &b->hist_width, sizeof a->hist_width) == 0);
	assert_int_equal(a->ntornado, b->ntornado);
	for (size_t i = 0; i < a->ntornado; i++) {
		assert_string_equal(a->tornado[i].name, b->tornado[i].name);
		assert_string_equal(a->tornado[i].kind, b->tornado[i].kind);
		assert_true(memcmp(&a->tornado[i].share, &b->tornado[i].share, sizeof(double)) == 0);
		assert_true(memcmp(&a->tornado[i].low, &b->tornado[i].low, sizeof(double)) == 0);
		assert_true(memcmp(&a->tornado[i].high, &b->tornado[i].high, sizeof(double)) == 0);
	}
	assert_int_equal(a->nsolves, b->nsolves);
	for (size_t i = 0; i < a->nsolves; i++) {
		assert_int_equal(a->solves[i].found, b->solves[i].found);
		assert_true(memcmp(&a->solves[i].value, &b->solves[i].value, sizeof(double)) == 0);
		assert_true(memcmp(&a->solves[i].achieved, &b->solves[i].achieved,
				   sizeof(double)) == 0);
	}
}

static void threads_bit_identical(void **state)
{
	(void)state;
	world w;
	world_open(&w, RICH_MEASURES, RICH_TARGETS);
	scenario_spec spec;
	spec_script(&w, RICH_LUA, &spec);
	assert_int_equal(spec.uncertainty.ndrivers, 4);
	assert_int_equal(spec.uncertainty.nsolves, 3);
	/* three blocks of 8192, the last one partial */
	size_t n = 2 * 8192 + 1234;
	sim_out one;
	simulate(&w, &spec, n, 1, 42, &one);
	assert_int_equal(one.rk.threads, 1);
	assert_true(one.rk.units[w.r.m.root].probability > 0.05);
	assert_true(one.rk.units[w.r.m.root].probability < 0.95);
	for (size_t i = 0; i < one.rk.nsolves; i++)
		assert_true(one.rk.solves[i].found);
	static const unsigned threads[] = {2, 3, 7};
	for (size_t t = 0; t < sizeof threads / sizeof *threads; t++) {
		sim_out o;
		simulate(&w, &spec, n, threads[t], 42, &o);
		assert_int_equal(o.rk.threads, threads[t]);
		assert_same_risk(&w.r.m, &one.rk, &o.rk);
		sim_release(&o);
	}
	/* another seed gives other draws */
	sim_out other;
	simulate(&w, &spec, n, 2, 43, &other);
	assert_true(memcmp(other.rk.units, one.rk.units, w.r.m.nunits * sizeof *one.rk.units) != 0);
	sim_release(&other);
	sim_release(&one);
	scenario_spec_release(&spec);
	world_close(&w);
}

/* The measures' file order does not matter: each measure's draws come from its own
 * stream, seeded by its id. */
static void measure_order_irrelevant(void **state)
{
	(void)state;
	static const char reversed[] =
		"M6,LUMC,f,1,OPB,structural,planned,,10000,10000,10000\n"
		"M5,AFD1,e,2,MAT,structural,idea,,,30000,60000\n"
		"M4,DIV2,d,2,PERS,incidental,idea,,50000,,\n"
		"M3,DIV2,c,3,PERS,structural,realised,,12345.67,23456.78,23456.78\n"
		"M2,DIV1,b,2,MAT,structural,decided,,20000,40000,40000\n"
		"M1,AFD1,a,1,PERS,structural,planned,,100000,200000,300000\n";
	const char *targets = RICH_TARGETS;
	world a, b;
	world_open(&a, RICH_MEASURES, targets);
	world_open(&b, reversed, targets);
	scenario_spec sa, sb;
	spec_script(&a, RICH_LUA, &sa);
	spec_script(&b, RICH_LUA, &sb);
	sim_out oa, ob;
	simulate(&a, &sa, 20000, 2, 9, &oa);
	simulate(&b, &sb, 20000, 3, 9, &ob);
	/* the units' summaries are the same draws summed in another order: exact in cents */
	assert_memory_equal(oa.rk.units, ob.rk.units, a.r.m.nunits * sizeof *oa.rk.units);
	assert_memory_equal(oa.rk.result, ob.rk.result, YEARS * sizeof *oa.rk.result);
	sim_release(&oa);
	sim_release(&ob);
	scenario_spec_release(&sa);
	scenario_spec_release(&sb);
	world_close(&a);
	world_close(&b);
}

/* ---- adding a measure leaves the others' draws alone ---- */

static void adding_measure_stable(void **state)
{
	(void)state;
	world w;
	world_open(&w, RICH_MEASURES, RICH_TARGETS);
	scenario_spec base, zero, more;
	spec_script(&w, RICH_LUA, &base);
	spec_script(&w, RICH_LUA, &zero);
	spec_script(&w, RICH_LUA, &more);
	/* the same new measure, once with amounts 0, once saving 50,000 a year, on AFD1 (in
	 * DIV1, not in DIV2), with a distribution of its own and the slip drawn as well */
	spec_add(&zero, &w, "NEW", "AFD1", STATUS_IDEA, (int64_t[]){0, 0, 0});
	spec_add(&more, &w, "NEW", "AFD1", STATUS_IDEA, (int64_t[]){5000000, 5000000, 5000000});
	sim_out ob, oz, om;
	size_t n = 30000;
	simulate(&w, &base, n, 2, 77, &ob);
	simulate(&w, &zero, n, 2, 77, &oz);
	simulate(&w, &more, n, 2, 77, &om);
	const model *m = &w.r.m;
	/* amount 0: every figure is as without it */
	assert_memory_equal(ob.rk.units, oz.rk.units, m->nunits * sizeof *ob.rk.units);
	assert_memory_equal(ob.rk.result, oz.rk.result, (size_t)m->nyears * sizeof *ob.rk.result);
	/* with an amount: DIV2's draws are untouched, and the other measures' variances too */
	int32_t div2 = unit_ix(&w, "DIV2");
	assert_memory_equal(&ob.rk.units[div2], &om.rk.units[div2], sizeof ob.rk.units[div2]);
	assert_true(om.rk.units[m->root].mean > ob.rk.units[m->root].mean + 10000);
	/* share * total variance is each measure's own variance: compare it through the ratio
	 * of two existing measures' shares, which the total cancels out of */
	const tornado_row *b1 = tornado_find(&ob.rk, "M1"), *b3 = tornado_find(&ob.rk, "M3");
	const tornado_row *m1 = tornado_find(&om.rk, "M1"), *m3 = tornado_find(&om.rk, "M3");
	near(m1->share / m3->share, b1->share / b3->share, 1e-9 * b1->share / b3->share,
	     "M1's variance over M3's");
	sim_release(&ob);
	sim_release(&oz);
	sim_release(&om);
	scenario_spec_release(&base);
	scenario_spec_release(&zero);
	scenario_spec_release(&more);
	world_close(&w);
}

/* ---- goal seek, verified by running again with what it found ---- */

static double p_target_with(world *w, double extra_eur, size_t n, uint64_t seed)
{
	scenario_spec spec;
	spec_init(&spec);
	spec.uncertainty.slip_probability = 0.1;
	int64_t c = (int64_t)llround(extra_eur * 100);
	spec_add(&spec, w, "EXTRA", "LUMC", STATUS_REALISED, (int64_t[]){c, c, c});
	sim_out o;
	simulate(w, &spec, n, 2, seed, &o);
	double p = o.rk.units[w->r.m.root].probability;
	sim_release(&o);
	scenario_spec_release(&spec);
	return p;
}

static void goal_seek_rerun(void **state)
{
	(void)state;
	world w;
	world_open(&w,
		   "M1,AFD1,a,1,PERS,structural,planned,,0,1000000,1000000\n"
		   "M2,DIV2,b,2,PERS,structural,idea,,0,800000,800000\n"
		   "M3,DIV1,c,3,MAT,structural,decided,,0,300000,300000\n",
		   "LUMC,2026,2500000\n");
	size_t n = 60000;
	scenario_spec spec;
	spec_init(&spec);
	spec.uncertainty.slip_probability = 0.1;
	spec_solve(&spec, SOLVE_AMOUNT, GOAL_TARGET, 0.8);
	sim_out o;
	simulate(&w, &spec, n, 2, 2024, &o);
	assert_int_equal(o.rk.nsolves, 1);
	const solve_result *sr = &o.rk.solves[0];
	assert_true(sr->found);
	double x = sr->value, achieved = sr->achieved;
	assert_true(x > 0);
	assert_true(x * 100 == round(x * 100)); /* whole cents */
	assert_true(achieved >= 0.8);
	double before = o.rk.units[w.r.m.root].probability;
	assert_true(before < 0.8);
	sim_release(&o);
	scenario_spec_release(&spec);
	/* X as a realised measure on the root: the other draws are the same, so the
	 * probability is the one the goal seek achieved */
	double p = p_target_with(&w, x, n, 2024);
	assert_true(p >= 0.8);
	near(p, achieved, 0, "P(target) with X against achieved");
	/* X less 1%: not enough */
	double less = p_target_with(&w, floor(x * 99) / 100, n, 2024);
	if (!(less < 0.8)) {
		fail_fmt("with %.2f (X = %.2f less 1%%) P(target) is %.4f", floor(x * 99) / 100, x,
			 less);
	}
	/* one cent less than X: below 0.8 too, or X was not the least amount (a tie of draws
	 * at the quantile could allow it; with these continuous draws there is none) */
	double cent_less = p_target_with(&w, x - 0.01, n, 2024);
	assert_true(cent_less <= p);
	world_close(&w);
}

/* solve{goal="result"}: the amount that brings the median result in the target year to 0. */
static void goal_seek_result(void **state)
{
	(void)state;
	world w;
	/* personnel cost 1.5M, procurement 250k, revenue 2M: a loss after this CAO */
	world_open(&w, "M1,AFD1,a,1,PERS,structural,planned,,0,100000,100000\n",
		   "LUMC,2026,100000\n");
	scenario_spec spec;
	spec_script(&w,
		    "cao{rates={[2025]=0.2, [2026]=0.2, [2027]=0}, compensation=0,\n"
		    "    spread={dist=\"normal\", mean=0, sd=0.01}}\n"
		    "solve{lever=\"amount\", goal=\"result\"}\n",
		    &spec);
	sim_out o;
	simulate(&w, &spec, 50000, 2, 4, &o);
	assert_true(o.rk.result[TY].q[2] < 0);
	const solve_result *sr = &o.rk.solves[0];
	assert_true(sr->found);
	near(sr->value, -o.rk.result[TY].q[2], 0.01, "the amount is minus the median result");
	assert_true(sr->achieved >= 0 && sr->achieved < 0.01 + 1e-9);
	sim_release(&o);
	scenario_spec_release(&spec);
	world_close(&w);
}

/* ---- without uncertainty the result is the projection's ---- */

static void result_matches_projection(void **state)
{
	(void)state;
	world w;
	world_open(&w, RICH_MEASURES, "LUMC,2026,400000\n");
	scenario_spec spec;
	spec_script(&w,
		    "cao{rates={[2025]=0.03, [2026]=0.025, [2027]=0.02}, compensation=0.5}\n"
		    "index{kind=\"procurement\", rates={[2025]=0.02, [2026]=0.02, [2027]=0.0}}\n"
		    "index{kind=\"revenue\", rates={[2025]=0.01, [2026]=0.015, [2027]=0.01}}\n"
		    "hiring_freeze{units=\"DIV2\", from=\"2025-01\", to=\"2025-12\", attrition=0.08}\n"
		    "uncertainty{status={idea={dist=\"fixed\", value=1}, planned={dist=\"fixed\", "
		    "value=1}, decided={dist=\"fixed\", value=1}}}\n",
		    &spec);
	sim_out o;
	simulate(&w, &spec, 100, 1, 1, &o);
	projection p;
	msgs ms;
	msgs_init(&ms);
	assert_int_equal(projection_compute(&w.r.m, scenario_plan(&o.res), &o.res, &p, &ms.d),
			 FP_OK);
	msgs_release(&ms);
	const model *m = &w.r.m;
	double base = 0; /* the base year's revenue and costs, in euros */
	for (size_t c = 0; c < KIND_COUNT; c++)
		base += fabs((double)w.r.bt.by_kind_cents[(size_t)m->root * KIND_COUNT + c]) / 100;
	for (int y = 0; y < m->nyears; y++) {
		double want = (double)proj_row(&p, m->root, y + 1)->result_cents / 100;
		const risk_summary *rs = &o.rk.result[y];
		/* The projection rounds the cumulative price factor to 1e-6 each year and its
		 * amounts per unit and category to the cent; the simulation works in doubles at
		 * the organisation level: apart by at most half a millionth of the base per year
		 * (the revenue index makes 2027 differ by 1.00 here) and a few cents. */
		double tol = 0.5e-6 * base * (y + 1) + 0.05;
		for (int q = 0; q < RISK_QUANTILES; q++)
			near(rs->q[q], want, tol, "result against the projection");
		near(rs->mean, want, tol, "mean result against the projection");
	}
	/* and the structural savings are the consolidation's */
	const risk_summary *rs = &o.rk.units[m->root];
	double st = (double)cons_cell(&o.cons, m->root, TY)->structural_cents / 100;
	assert_true(rs->q[0] == st && rs->q[4] == st);
	projection_release(&p);
	sim_release(&o);
	scenario_spec_release(&spec);
	world_close(&w);
}

/* ---- bad distributions ---- */

static void bad_distribution(void **state)
{
	(void)state;
	world w;
	world_open(&w, "M1,AFD1,a,1,PERS,structural,planned,,0,1000000,0\n", "LUMC,2026,1\n");
	static const struct {
		dist_spec d;
		const char *why;
	} bad[] = {
		{{DIST_BETA, 0.5, 0.6, 0, 0}, "a beta distribution needs 0 < sd and sd^2 < mean * (1 - mean)"},
		{{DIST_BETA, 1.0, 0.1, 0, 0}, "a beta distribution needs 0 < mean < 1"},
		{{DIST_TRIANGULAR, 0.5, 0.4, 1, 0}, "needs min <= mode <= max and min < max"},
		{{DIST_PERT, 1, 1, 1, 0}, "needs min <= mode <= max and min < max"},
		{{DIST_NORMAL, 1, -0.1, 0, 0}, "sd must not be negative"},
		{{DIST_LOGNORMAL, 0, 0.1, 0, 0}, "a lognormal distribution needs mean > 0 and sd > 0"},
		{{DIST_UNIFORM, 1, 1, 0, 0}, "needs min < max"},
		{{DIST_NORMAL, NAN, 0.1, 0, 0}, "parameters must be finite numbers"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		for (int by_status = 0; by_status < 2; by_status++) {
			scenario_spec spec;
			spec_init(&spec);
			if (by_status)
				spec.uncertainty.by_status[STATUS_PLANNED] = bad[i].d;
			else
				spec_dist(&spec, "M1", bad[i].d);
			msgs ms;
			msgs_init(&ms);
			sim_out o;
			assert_int_equal(simulate_d(&w, &spec, 1000, 2, 1, &o, &ms.d), FP_EDATA);
			char want[300];
			snprintf(want, sizeof want,
				 "fitplan: scenarios/t.lua: error: the distribution for measure 'M1': "
				 "%s\n",
				 bad[i].why);
			assert_string_equal(msgs_text(&ms), want);
			msgs_release(&ms);
			sim_release(&o);
			scenario_spec_release(&spec);
		}
	}
	world_close(&w);
}

/* A failed risk_run leaves no result behind: the callers (the CSV files, the summary, the
 * workbooks) take iterations != 0 to mean that units[], result[] and tornado[] are there. */
static void bad_distribution_leaves_no_result(void **state)
{
	(void)state;
	world w;
	world_open(&w, "M1,AFD1,a,1,PERS,structural,planned,,0,1000000,0\n", "LUMC,2026,1\n");
	scenario_spec spec;
	spec_init(&spec);
	spec_dist(&spec, "M1", (dist_spec){DIST_BETA, 0.5, 0.6, 0, 0});
	msgs ms;
	msgs_init(&ms);
	sim_out o;
	assert_int_equal(simulate_d(&w, &spec, 1000, 2, 1, &o, &ms.d), FP_EDATA);
	msgs_release(&ms);
	assert_null(o.rk.units);
	if (o.rk.iterations != 0)
		fail_fmt("risk_run failed but left iterations = %zu with units == NULL (run/pipeline.h: "
			 "\"iterations == 0 when not simulated\")",
			 o.rk.iterations);
	sim_release(&o);
	scenario_spec_release(&spec);
	world_close(&w);
}

/* ---- the limits of money ---- */

/* risk_round_cents: the one conversion of a double to cents. Rounds half away from zero, and
 * refuses what int64 cents cannot hold: NaN, infinities, 2^63 and beyond, and -2^63
 * (INT64_MIN, refused as money_add refuses it). llround of 1e300 gave LONG_MIN. */
static void cents_conversion(void **state)
{
	(void)state;
	int64_t c = 7;
	assert_true(risk_round_cents(0.5, &c));
	assert_int_equal(c, 1);
	assert_true(risk_round_cents(-0.5, &c));
	assert_int_equal(c, -1);
	assert_true(risk_round_cents(2.5, &c));
	assert_int_equal(c, 3);
	assert_true(risk_round_cents(nextafter(0x1p63, 0), &c));
	assert_true(c == INT64_MAX - 1023);
	assert_true(risk_round_cents(-nextafter(0x1p63, 0), &c));
	assert_true(c == -(INT64_MAX - 1023));
	c = 7;
	const double bad[] = {0x1p63, -0x1p63, 1e300, -1e300, INFINITY, -INFINITY, NAN};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_false(risk_round_cents(bad[i], &c));
	assert_int_equal(c, 7); /* left alone */
	assert_true(stats_euros(1234.565, &c) || true); /* binary: either neighbour */
	assert_true(stats_euros(-12.5, &c));
	assert_int_equal(c, -1250);
	/* the largest amount is not a double: it rounds up to 2^63 cents and does not fit */
	assert_false(stats_euros(92233720368547758.07, &c));
}

/* dist_check's bounds (model/uncertainty.h), which the script applies at the line of the call: every
 * parameter within [-limit, limit], an sd within [0, limit]. */
static void dist_bounds(void **state)
{
	(void)state;
	static const struct {
		dist_spec d;
		double limit;
		const char *why; /* NULL: valid */
	} cases[] = {
		{{DIST_FIXED, 100, 0, 0, 0}, DIST_FRACTION_MAX, NULL},
		{{DIST_FIXED, -100, 0, 0, 0}, DIST_FRACTION_MAX, NULL},
		{{DIST_FIXED, 1e300, 0, 0, 0}, DIST_FRACTION_MAX, "value 1e+300 is out of range (-100 to 100)"},
		{{DIST_FIXED, -100.5, 0, 0, 0}, DIST_FRACTION_MAX, "value -100.5 is out of range (-100 to 100)"},
		{{DIST_NORMAL, 1, 100, 0, 0}, DIST_FRACTION_MAX, NULL},
		{{DIST_NORMAL, 1, 1e200, 0, 0}, DIST_FRACTION_MAX, "sd 1e+200 is out of range (0 to 100)"},
		{{DIST_NORMAL, 101, 1, 0, 0}, DIST_FRACTION_MAX, "mean 101 is out of range (-100 to 100)"},
		{{DIST_LOGNORMAL, 1, 101, 0, 0}, DIST_FRACTION_MAX, "sd 101 is out of range (0 to 100)"},
		{{DIST_UNIFORM, -101, 0, 0, 0}, DIST_FRACTION_MAX, "min -101 is out of range (-100 to 100)"},
		{{DIST_TRIANGULAR, 0, 1, 1e300, 0}, DIST_FRACTION_MAX, "max 1e+300 is out of range (-100 to 100)"},
		{{DIST_PERT, 0, 200, 300, 0}, DIST_FRACTION_MAX, "mode 200 is out of range (-100 to 100)"},
		{{DIST_NORMAL, 0, 10, 0, 0}, DIST_RATE_DEVIATION_MAX, NULL},
		{{DIST_NORMAL, 0, 11, 0, 0}, DIST_RATE_DEVIATION_MAX, "sd 11 is out of range (0 to 10)"},
		{{DIST_NORMAL, 0, 1.5, 0, 0}, DIST_ATTRITION_DEVIATION_MAX, "sd 1.5 is out of range (0 to 1)"},
		{{DIST_NORMAL, 0, -1, 0, 0}, DIST_ATTRITION_DEVIATION_MAX, "sd must not be negative"},
		{{DIST_BETA, 0.5, 1e-300, 0, 0}, DIST_FRACTION_MAX, "sd is too small for a beta distribution"},
		{{DIST_BETA, 0.5, 1e-100, 0, 0}, DIST_FRACTION_MAX, NULL},
		{{DIST_LOGNORMAL, 1e-300, 100, 0, 0}, DIST_FRACTION_MAX, "sd / mean is too large for a lognormal distribution"},
		{{DIST_LOGNORMAL, 1e-100, 100, 0, 0}, DIST_FRACTION_MAX, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char buf[DIST_CHECK_BUF];
		const char *why = dist_check(&cases[i].d, cases[i].limit, buf);
		if (!cases[i].why && why)
			fail_fmt("case %zu: refused: %s", i, why);
		if (cases[i].why && (!why || strcmp(why, cases[i].why) != 0))
			fail_fmt("case %zu: %s, expected %s", i, why ? why : "valid", cases[i].why);
	}
}

/* A draw beyond int64 cents and a sum of draws beyond it are refused with the same message
 * whatever the number of threads, naming the lowest measure: the threads draw measures in
 * turn, and their sums were int64 sums (so a partial sum of one thread could overflow or
 * not depending on which measures it had). Nothing is left behind. */
static void overflow_whatever_threads(void **state)
{
	(void)state;
	static const struct {
		const char *lua, *want;
	} cases[] = {
		/* X1 and X2 both overflow in every draw: X1 is reported */
		{"measure{id='X1', unit='DIV2', title='a', category='PERS', "
		 "amounts={[2026]='40000000000000000'}, status='planned'}\n"
		 "measure{id='X2', unit='AFD1', title='b', category='PERS', "
		 "amounts={[2026]='40000000000000000'}, status='planned'}\n"
		 "uncertainty{status={planned={dist='fixed', value=3}}}\n",
		 ":3: error: a realised fraction of 3 makes the saving of measure 'X1' in 2026 "
		 "overflow the limit of 92,233,720,368,547,758.07 (draw 1)\n"},
		/* +X, -X, +X with the middle one realising nothing */
		{"measure{id='X1', unit='DIV2', title='a', category='PERS', "
		 "amounts={[2026]='60000000000000000'}, pillar=1, status='planned'}\n"
		 "measure{id='X2', unit='DIV2', title='b', category='PERS', "
		 "amounts={[2026]='-60000000000000000'}, pillar=2, status='idea'}\n"
		 "measure{id='X3', unit='DIV2', title='c', category='PERS', "
		 "amounts={[2026]='60000000000000000'}, pillar=3, status='decided'}\n"
		 "uncertainty{pillar={[1]={dist='fixed', value=1}, [2]={dist='fixed', value=0}, "
		 "[3]={dist='fixed', value=1}}}\n",
		 ":4: error: the saving of measure 'X3' makes the simulated structural savings of "
		 "unit 'DIV2' in 2026 overflow the limit of 92,233,720,368,547,758.07 (draw 1)\n"},
	};
	world w;
	world_open(&w, "M1,AFD1,a,1,PERS,structural,decided,,0,1000,0\n", "LUMC,2026,1\n");
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		scenario_spec spec;
		spec_script(&w, cases[c].lua, &spec);
		static const unsigned threads[] = {1, 2, 3, 7};
		for (size_t t = 0; t < sizeof threads / sizeof *threads; t++) {
			msgs ms;
			msgs_init(&ms);
			sim_out o;
			assert_int_equal(simulate_d(&w, &spec, 20000, threads[t], 3, &o, &ms.d),
					 FP_EDATA);
			const char *text = msgs_text(&ms);
			const char *at = strstr(text, "/s.lua:");
			if (!at || strcmp(at + strlen("/s.lua"), cases[c].want) != 0)
				fail_fmt("case %zu, %u threads: %s", c, threads[t], text);
			assert_int_equal(o.rk.iterations, 0);
			assert_null(o.rk.units);
			msgs_release(&ms);
			sim_release(&o);
		}
		scenario_spec_release(&spec);
	}
	world_close(&w);
}

/* Sums of draws are exact: +X, -X, +X (each alone, and the total, within the limit) are
 * accepted with any number of threads, although a thread that draws both +X has a partial
 * sum of 2X (with int64 sums that was a signed overflow, undefined behaviour). */
static void partial_sums_any_grouping(void **state)
{
	(void)state;
	world w;
	world_open(&w, "", "LUMC,2026,1\n");
	scenario_spec spec;
	spec_script(&w,
		    "measure{id='X1', unit='DIV2', title='a', category='PERS', "
		    "amounts={[2026]='60000000000000000'}, pillar=1, status='planned'}\n"
		    "measure{id='X2', unit='DIV2', title='b', category='PERS', "
		    "amounts={[2026]='-60000000000000000'}, pillar=2, status='idea'}\n"
		    "measure{id='X3', unit='DIV2', title='c', category='PERS', "
		    "amounts={[2026]='60000000000000000'}, pillar=3, status='decided'}\n"
		    "uncertainty{unit={LUMC={dist='fixed', value=1}}}\n",
		    &spec);
	static const unsigned threads[] = {1, 2, 3};
	for (size_t t = 0; t < sizeof threads / sizeof *threads; t++) {
		sim_out o;
		simulate(&w, &spec, 1000, threads[t], 5, &o);
		const risk_summary *rs = &o.rk.units[unit_ix(&w, "DIV2")];
		assert_true(rs->q[0] == 6e16 && rs->q[4] == 6e16);
		sim_release(&o);
	}
	scenario_spec_release(&spec);
	world_close(&w);
}

/* ---- more shared factors than the table holds ---- */

/* Seventeen spreads, each on a factor of its own (loading 1, so each deviation is its
 * factor): risk.c keeps at most 16 factors (MAX_FACTORS) and looked the 17th up past the
 * end of its table (a crash, or a wrong factor). Either the run says it cannot, or the
 * 17 independent deviations give the result in 2025 a spread of M * sd * sqrt(17). */
static void many_shared_factors(void **state)
{
	(void)state;
	world w;
	world_open(&w, "", "LUMC,2026,1\n");
	char lua[17 * 160] = "", line[160];
	for (int i = 1; i <= 17; i++) {
		snprintf(line, sizeof line,
			 "index{kind=\"procurement\", rates={[2025]=0.001}, spread={dist=\"normal\", "
			 "mean=0, sd=0.01, factor=\"f%d\"}}\n",
			 i);
		strcat(lua, line);
	}
	scenario_spec spec;
	spec_script(&w, lua, &spec);
	assert_int_equal(spec.uncertainty.ndrivers, 17);
	msgs ms;
	msgs_init(&ms);
	sim_out o;
	size_t n = 100000;
	fp_status st = simulate_d(&w, &spec, n, 2, 6, &o, &ms.d);
	if (st != FP_OK) {
		assert_int_equal(st, FP_EDATA);
		assert_non_null(strstr(msgs_text(&ms), "factor"));
	} else {
		double M = 250000, sigma = M * 0.01 * sqrt(17.0);
		const risk_summary *rs = &o.rk.result[0];
		double z = gsl_cdf_ugaussian_Pinv(0.9);
		double se = sqrt(0.09 / (double)n) / gsl_ran_gaussian_pdf(z * sigma, sigma);
		near((rs->q[3] - rs->q[1]) / 2, z * sigma, 4 * se, "half the P10-P90 range");
	}
	msgs_release(&ms);
	sim_release(&o);
	scenario_spec_release(&spec);
	world_close(&w);
}

/* ---- the files: risk.csv, tornado.csv and solve.csv ---- */

static size_t count_fields(const char *line, size_t len)
{
	size_t n = 1;
	for (size_t i = 0; i < len; i++)
		n += line[i] == ',';
	return n;
}

/* check_csv: dir/name starts with header; every row has as many fields as the header
 * (none of these files quotes a field); returns the number of rows. */
static size_t check_csv(const char *dir, const char *name, const char *header)
{
	char path[4400];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "r");
	if (!f) {
		fail_fmt("cannot open %s", path);
	}
	char *line = NULL;
	size_t cap = 0, rows = 0, want = 0;
	ssize_t len;
	bool first = true;
	while ((len = getline(&line, &cap, f)) > 0) {
		assert_true(line[len - 1] == '\n');
		line[--len] = '\0';
		if (first) {
			assert_string_equal(line, header);
			want = count_fields(line, (size_t)len);
			first = false;
			continue;
		}
		rows++;
		if (count_fields(line, (size_t)len) != want) {
			fail_fmt("%s: row %zu has %zu fields, the header %zu: %s", name, rows,
				 count_fields(line, (size_t)len), want, line);
		}
	}
	free(line);
	fclose(f);
	assert_false(first);
	return rows;
}

static void output_files(void **state)
{
	(void)state;
	world w;
	world_open(&w, RICH_MEASURES, RICH_TARGETS);
	write_text(w.dir, "s.lua", RICH_LUA);
	char script[4300], out[4300];
	snprintf(script, sizeof script, "%s/s.lua", w.dir);
	snprintf(out, sizeof out, "%s/out", w.dir);
	char *scripts[] = {script};
	run_opts o;
	run_opts_defaults(&o);
	o.dir = w.budgets;
	o.scripts = scripts;
	o.nscripts = 1;
	o.out = out;
	o.force = true;
	o.opts.workbooks = false;
	o.quiet = true;
	o.opts.iterations = 2000;
	o.opts.threads = 2;
	o.opts.seed = 7;
	char *target = NULL;
	assert_int_equal(run_folder(&o, &target), FP_OK);
	free(target);
	snprintf(out, sizeof out, "%s/out/s", w.dir);
	assert_true(check_csv(out, "tornado.csv",
			      "rank,driver,kind,variance_share,low_eur,high_eur") >= 4);
	assert_int_equal(check_csv(out, "solve.csv", "lever,goal,probability,value,achieved,note"),
			 3);
	/* a structural row per unit, a result row per plan year: all with 11 fields */
	assert_int_equal(check_csv(out, "risk.csv",
				   "unit,quantity,year,target_eur,mean_eur,p5_eur,p10_eur,p50_eur,"
				   "p90_eur,p95_eur,probability,p5_se_eur,p10_se_eur,p50_se_eur,"
				   "p90_se_eur,p95_se_eur,probability_se"),
			 w.r.m.nunits + YEARS);
	world_close(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dist_beta),
		cmocka_unit_test(dist_triangular),
		cmocka_unit_test(dist_triangular_mode_at_max),
		cmocka_unit_test(dist_pert),
		cmocka_unit_test(dist_normal),
		cmocka_unit_test(dist_lognormal),
		cmocka_unit_test(dist_uniform),
		cmocka_unit_test(dist_fixed),
		cmocka_unit_test(default_realised),
		cmocka_unit_test(default_decided),
		cmocka_unit_test(default_planned),
		cmocka_unit_test(default_idea),
		cmocka_unit_test(precedence),
		cmocka_unit_test(normal_sum_probability),
		cmocka_unit_test(slip_probability),
		cmocka_unit_test(spreads_shared_factor),
		cmocka_unit_test(attrition_spread_scales_freeze),
		cmocka_unit_test(attrition_assumption_swing),
		cmocka_unit_test(shares_sum_to_one_with_freeze),
		cmocka_unit_test(quantile_percentile_inc),
		cmocka_unit_test(threads_bit_identical),
		cmocka_unit_test(measure_order_irrelevant),
		cmocka_unit_test(adding_measure_stable),
		cmocka_unit_test(goal_seek_rerun),
		cmocka_unit_test(goal_seek_result),
		cmocka_unit_test(result_matches_projection),
		cmocka_unit_test(bad_distribution),
		cmocka_unit_test(bad_distribution_leaves_no_result),
		cmocka_unit_test(cents_conversion),
		cmocka_unit_test(dist_bounds),
		cmocka_unit_test(overflow_whatever_threads),
		cmocka_unit_test(partial_sums_any_grouping),
		cmocka_unit_test(output_files),
		cmocka_unit_test(many_shared_factors), /* last: it may crash */
	};
	/* FITPLAN_TEST_FILTER=dist_* runs only the tests whose names match */
	const char *filter = getenv("FITPLAN_TEST_FILTER");
	if (filter && *filter)
		cmocka_set_test_filter(filter);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
