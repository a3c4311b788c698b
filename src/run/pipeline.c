/* pipeline: see pipeline.h. Every step reports into the context's diagnostics; a scenario
 * stops at its first failing step, and the run at its first failing scenario. */
#include "pipeline.h"
#include "../core/xalloc.h"
#include "../model/actuals.h"
#include "../io/text.h"
#include "optimise.h"
#include "../scenario/script.h"
#include "../stats/risk.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void run_opts_defaults(run_opts *o)
{
	memset(o, 0, sizeof *o);
	o->dir = "budgets";
	o->opts.seed = RUN_DEFAULT_SEED;
	o->opts.max_instructions = SCRIPT_DEFAULT_MAX_INSTRUCTIONS;
	o->opts.max_memory_mb = SCRIPT_DEFAULT_MAX_MEMORY_MB;
	o->opts.lang = RUNOPT_LANG_NL;
	o->opts.workbooks = true;
	/* For tests only (docs/scenarios.md): the CPU-time limit of a script in whole seconds,
	 * so that its golden cases need not wait for the default. Not an option: it changes no
	 * output, only whether a slow machine gives up. */
	const char *cpu = getenv("FITPLAN_TEST_CPU_SECONDS");
	if (cpu && *cpu >= '1' && *cpu <= '9')
		o->max_cpu_seconds = strtoull(cpu, NULL, 10);
}

xlsx_lang run_lang(const runopts *o)
{
	return o->lang == RUNOPT_LANG_EN ? LANG_EN : LANG_NL;
}

xlsx_scenario run_scenario_view(const run_scenario *s)
{
	return (xlsx_scenario){&s->spec, &s->res,  &s->cons,
			       &s->proj, &s->risk, s->real.cells ? &s->real : NULL,
			       &s->liq,  &s->liq_p10, &s->liq_p90,
			       s->choice.present ? &s->choice : NULL};
}

/* The Monte Carlo draws of a scenario, with the run's goal seeks added to its own; with a
 * treasury, the liquidity of the P10 and P90 result paths (per year, not of cumulative
 * cash). */
static fp_status simulate(run_ctx *r, const run_opts *o, run_scenario *s)
{
	uncertainty_spec *u = &s->spec.uncertainty;
	for (size_t i = 0; i < o->opts.nsolves; i++) {
		u->solves = xreallocarray(u->solves, u->nsolves + 1, sizeof *u->solves);
		u->solves[u->nsolves++] = o->opts.solves[i];
	}
	risk_opts ro = {(size_t)o->opts.iterations, (unsigned)o->opts.threads, o->opts.seed,
			!o->quiet, (double)o->opts.precision_ppm / 1e6, NULL, 0};
	fp_status st = risk_run(&r->m, &r->bt, &s->spec, &s->res, &s->cons, &ro, &s->risk, &r->d);
	if (st != FP_OK || !treasury_present(&r->t))
		return st;
	int64_t *path = xcalloc((size_t)r->m.nyears, sizeof *path);
	for (int q = 1; q <= 3 && st == FP_OK; q += 2) {
		for (int y = 0; y < r->m.nyears; y++)
			path[y] = risk_cents(s->risk.result[y].q[q]);
		liquidity *l = q == 1 ? &s->liq_p10 : &s->liq_p90;
		st = liquidity_compute(&r->m, &r->t, &s->proj, path, l, &r->d);
		l->label = q == 1 ? "P10" : "P90";
	}
	free(path);
	return st;
}

/* A hand-out run (--period) asks department heads what became of the model version's own
 * plan: a scenario that changes it (a lever, an adjustment, an added measure, a target)
 * would show them figures that are not theirs, and import would take the scenario's
 * changes for their edits. The first change is named at its script line. */
static fp_status handout_ok(const model *m, const scenario_spec *s, diag *d)
{
	if (s->nlevers) {
		const lever *l = &s->levers[0];
		diag_error(d, scenario_file(s), l->line, 0,
			   "a hand-out run takes a scenario that changes nothing: %s{} changes the "
			   "plan (hand out a run of a scenario without levers, adjustments, added "
			   "measures or targets, such as scenarios/base.lua)",
			   lever_kind_word(l->kind));
		return FP_EDATA;
	}
	if (s->nadded) {
		diag_error(d, scenario_file(s), 0, 0,
			   "a hand-out run takes a scenario that changes nothing: it adds measure "
			   "'%s'",
			   s->added[0].id);
		return FP_EDATA;
	}
	if (s->optimise.present) {
		diag_error(d, s->optimise.file, s->optimise.line, 0,
			   "a hand-out run takes a scenario that changes nothing: optimise{} adds "
			   "candidates to the plan");
		return FP_EDATA;
	}
	if (s->nadopted) {
		diag_error(d, scenario_file(s), s->adopted[0].line, 0,
			   "a hand-out run takes a scenario that changes nothing: adopt{} adds "
			   "candidate '%s' to the plan",
			   m->candidates[s->adopted[0].candidate].id);
		return FP_EDATA;
	}
	return FP_OK;
}

/* The period of a hand-out lies in a plan year: its year is the head's sheet's reporting
 * year. */
static fp_status handout_period_ok(const model *m, const char *name, diag *d)
{
	period p;
	if (period_parse(name, &p) && model_year_index(m, p.year) >= 0)
		return FP_OK;
	diag_error(d, NULL, 0, 0, "--period %s is outside the plan years %d-%d", name,
		   m->base_year + 1, m->horizon_year);
	return FP_EDATA;
}

/* The scenario's plan and its consolidation. */
static fp_status apply_plan(run_ctx *r, run_scenario *s)
{
	fp_status st = scenario_apply(&r->m, &s->spec, &s->res, &r->d);
	if (st == FP_OK)
		st = consolidate(&r->m, scenario_plan(&s->res), &s->cons, &r->d);
	return st;
}

/* One scenario: its script (hashed as it is read), then its plan through every step. */
static fp_status run_one(run_ctx *r, const run_opts *o, const char *script, run_scenario *s,
			 FILE *print_out)
{
	script_limits limits = {o->opts.max_instructions, o->opts.max_memory_mb << 20,
				o->max_cpu_seconds};
	script_env env = {&r->m, &r->bt, &r->c, o->opts.seed, limits, print_out, s->sha256};
	fp_status st = script_run(&env, script, &s->spec, &r->d);
	if (st == FP_OK && runopts_is_handout(&o->opts))
		st = handout_ok(&r->m, &s->spec, &r->d);
	if (st != FP_OK)
		return st;
	if (!o->quiet) /* a re-run of a record does not repeat what its run said */
		scenario_warn(&r->m, &s->spec, &r->d);
	st = apply_plan(r, s);
	/* optimise{} chooses over the plan without the choice; the chosen candidates are
	 * then adopted and the plan applied again, so that every step below shows it. */
	if (st == FP_OK && s->spec.optimise.present) {
		st = optimise_run(&r->m, &s->spec, &s->res, &s->cons, o->opts.seed,
				  (unsigned)o->opts.threads, &s->choice, &r->d);
		consolidation_release(&s->cons);
		scenario_result_release(&s->res);
		if (st == FP_OK)
			st = apply_plan(r, s);
	}
	if (st != FP_OK)
		return st;
	plan p = scenario_plan(&s->res);
	st = projection_compute(&r->m, p, &s->res, &s->proj, &r->d);
	if (st == FP_OK && r->m.nperiods)
		st = realisation_compute(&r->m, p, &s->real, &r->d);
	if (st == FP_OK && treasury_present(&r->t))
		st = liquidity_compute(&r->m, &r->t, &s->proj, NULL, &s->liq, &r->d);
	if (st != FP_OK || !o->opts.iterations)
		return st;
	return simulate(r, o, s);
}

/* Names are folders (the scenario's, the script's copy in inputs/): scenario i's may not
 * be an earlier one's, compared ignoring case, as a case-insensitive file system would. */
static void names_apart(run_result *res, const run_opts *o, size_t i)
{
	const run_scenario *s = res->s;
	diag *d = &res->ctx.d;
	for (size_t k = 0; k < i; k++) {
		if (strcasecmp(s[k].spec.name, s[i].spec.name) == 0)
			diag_error(d, o->scripts[i], 0, 0, "scenario name '%s' is used by %s too%s",
				   s[i].spec.name, s[k].spec.script,
				   strcmp(s[k].spec.name, s[i].spec.name) == 0
					   ? ""
					   : " (names are compared ignoring case)");
		else if (text_foldcmp(s[k].spec.script, s[i].spec.script) == 0)
			/* File names may be any UTF-8: compared as a case-insensitive file system
			 * does, Unicode case and accent forms too. */
			diag_error(d, o->scripts[i], 0, 0, "two scripts named %s in one run%s",
				   text_quotez(s[i].spec.script),
				   strcmp(s[k].spec.script, s[i].spec.script) == 0
					   ? ""
					   : " (names are compared ignoring case and the form of "
					     "accents)");
	}
}

fp_status run_compute(run_result *res, const run_opts *o)
{
	memset(res, 0, sizeof *res);
	res->s = xcalloc(o->nscripts > 0 ? (size_t)o->nscripts : 1, sizeof *res->s);
	/* Script names go into the run record: refuse one it cannot hold before reading. */
	diag names;
	diag_init(&names, stderr);
	for (int i = 0; i < o->nscripts; i++)
		script_name_ok(o->scripts[i], &names);
	if (names.errors)
		return names.status;
	run_ctx *r = &res->ctx;
	fp_status st = run_ctx_load(r, o->dir, true);
	if (st == FP_OK && runopts_is_handout(&o->opts))
		st = handout_period_ok(&r->m, o->opts.period, &r->d);
	FILE *print_out = stdout;
	if (o->quiet && !(print_out = fopen("/dev/null", "w")))
		print_out = stdout;
	for (int i = 0; i < o->nscripts && st == FP_OK; i++) {
		st = run_one(r, o, o->scripts[i], &res->s[i], print_out);
		res->n = (size_t)i + 1;
		if (st == FP_OK)
			names_apart(res, o, (size_t)i);
		st = status_worse(st, r->d.status);
	}
	if (print_out != stdout)
		fclose(print_out);
	fflush(stdout);
	return st;
}

void run_result_release(run_result *res)
{
	for (size_t i = 0; res->s && i < res->n; i++) {
		run_scenario *s = &res->s[i];
		risk_release(&s->risk);
		liquidity_release(&s->liq);
		liquidity_release(&s->liq_p10);
		liquidity_release(&s->liq_p90);
		realisation_release(&s->real);
		projection_release(&s->proj);
		consolidation_release(&s->cons);
		scenario_result_release(&s->res);
		scenario_spec_release(&s->spec);
		choice_release(&s->choice);
	}
	free(res->s);
	res->s = NULL;
	run_ctx_release(&res->ctx);
}
