/* job: see job.h. A run is computed in full before anything is written; the run folder is
 * then written beside its final place with its record (inputs/ and manifest.json) and
 * renamed into place only when every file is complete. */
#include "job.h"
#include "inrecord.h"
#include "../audit/hash.h"
#include "../audit/manifest.h"
#include "../core/interrupt.h"
#include "../io/csvwrite.h"
#include "../io/outdir.h"
#include "../io/text.h"
#include "../export/liquidity_text.h"
#include "../export/levers_csv.h"
#include "../model/csvout.h"
#include "../scenario/script.h"
#include "../core/xalloc.h"
#include "../version.h"
#include <dirent.h>
#include <errno.h>
#include <fts.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#define RUN_ID_HEX 12

void job_opts_defaults(job_opts *o)
{
	memset(o, 0, sizeof *o);
	o->dir = "budgets";
	o->seed = JOB_DEFAULT_SEED;
	o->workbooks = true;
	o->lang = LANG_NL;
	o->limits.max_instructions = SCRIPT_DEFAULT_MAX_INSTRUCTIONS;
	o->limits.max_memory_bytes = (uint64_t)SCRIPT_DEFAULT_MAX_MEMORY_MB << 20;
	/* For tests only (docs/scenarios.md): the CPU-time limit of a script in whole seconds,
	 * so that its golden cases need not wait for the default. Not an option: it changes no
	 * output, only whether a slow machine gives up. */
	const char *cpu = getenv("FITPLAN_TEST_CPU_SECONDS");
	if (cpu && *cpu >= '1' && *cpu <= '9')
		o->limits.max_cpu_seconds = strtoull(cpu, NULL, 10);
}

/* The run id: a hash of the tool version, every input file (by its name in the model
 * version and its content), every script's content and every option that changes output. */
static fp_status run_id(const run_ctx *r, const job_opts *o, char id[HASH_HEX])
{
	char hex[HASH_HEX], buf[64];
	fp_status st = record_model_hash(&r->m, true, hex);
	if (st != FP_OK)
		return st;
	hash_ctx *h = hash_new();
	hash_update_str(h, "fitplan-run-2");
	hash_update_str(h, FITPLAN_VERSION);
	hash_update_str(h, hex);
	for (int i = 0; i < o->nscripts; i++) {
		/* A script's name names its scenario's folder: it counts as much as its text. */
		char *rel = record_script_rel(o->scripts[i]);
		hash_update_str(h, rel);
		free(rel);
		if ((st = hash_file(o->scripts[i], hex)) != FP_OK) {
			hash_final(h, hex);
			return st;
		}
		hash_update_str(h, hex);
	}
	snprintf(buf, sizeof buf, "%llu/%llu/%llu/%d/%d/%zu", (unsigned long long)o->seed,
		 (unsigned long long)o->limits.max_instructions,
		 (unsigned long long)o->limits.max_memory_bytes, (int)o->lang, (int)o->workbooks,
		 o->iterations);
	hash_update_str(h, buf);
	for (size_t i = 0; i < o->nsolves; i++) {
		/* The probability exactly (17 digits read back to the same double): 0.5 and
		 * 0.5000001 are two runs with two results. */
		snprintf(buf, sizeof buf, "solve/%d/%d/%.17g", (int)o->solves[i].lever,
			 (int)o->solves[i].goal, o->solves[i].probability);
		hash_update_str(h, buf);
	}
	hash_final(h, id);
	return FP_OK;
}

/* A model name made safe as a folder name: runs of other characters become one '_'. */
static char *folder_name(const char *name)
{
	char *s = xmalloc(strlen(name) + 8);
	size_t o = 0;
	for (const char *p = name; *p; p++) {
		bool ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			  (*p >= '0' && *p <= '9') || *p == '-' || *p == '.';
		if (ok && !(o == 0 && *p == '.'))
			s[o++] = *p;
		else if (o && s[o - 1] != '_')
			s[o++] = '_';
	}
	while (o && s[o - 1] == '_')
		o--;
	if (!o) {
		strcpy(s, "model");
		o = 5;
	}
	s[o] = '\0';
	/* reports/latest is the link to the newest run, beside the model folders: a model
	 * named "latest" (in any case, for a case-insensitive file system) gets "latest_",
	 * a name no other model can get, since the trailing '_' is dropped above. */
	if (strcasecmp(s, "latest") == 0)
		strcpy(s + o, "_");
	return s;
}

static void write_projection(FILE *f, const model *m, const projection *p)
{
	fputs("unit,year,revenue_eur,personnel_eur,procurement_eur,other_cost_eur,result_eur,"
	      "fte\n", f);
	for (size_t k = 0; k < m->nunits; k++) {
		int32_t u = m->preorder[k];
		for (int y = 0; y < p->nyears; y++) {
			const projection_row *pr = proj_row(p, u, y);
			csvw_field(f, m->units[u].code, false);
			csvw_int(f, m->base_year + y, false);
			csvw_money(f, pr->revenue_cents, false);
			csvw_money(f, pr->personnel_cents, false);
			csvw_money(f, pr->procurement_cents, false);
			csvw_money(f, pr->other_cost_cents, false);
			csvw_money(f, pr->result_cents, false);
			csvw_money(f, pr->fte_centi, true);
		}
	}
}

static void write_comparison(FILE *f, const model *m, const scenario_out *s, size_t n)
{
	fputs("year", f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, ",%s_structural_eur,%s_gap_eur,%s_result_eur,%s_fte", s[i].spec.name,
			s[i].spec.name, s[i].spec.name, s[i].spec.name);
	fputc('\n', f);
	for (int y = 0; y < m->nyears; y++) {
		csvw_int(f, m->base_year + 1 + y, false);
		for (size_t i = 0; i < n; i++) {
			bool last = i + 1 == n;
			const unit_year *c = cons_cell(&s[i].cons, m->root, y);
			const projection_row *pr = proj_row(&s[i].proj, m->root, y + 1);
			csvw_money(f, c->structural_cents, false);
			if (c->has_target)
				csvw_money(f, c->gap_cents, false);
			else
				csvw_empty(f, false);
			csvw_money(f, pr->result_cents, false);
			csvw_money(f, pr->fte_centi, last);
		}
	}
}

static void print_summary(const model *m, const scenario_out *s)
{
	char a[MONEY_BUF], b[MONEY_BUF], c[MONEY_BUF], d[MONEY_BUF], e[MONEY_BUF];
	int yi = model_year_index(m, m->target_year);
	const unit_year *cell = cons_cell(&s->cons, m->root, yi);
	const projection_row *pr = proj_row(&s->proj, m->root, yi + 1);
	printf("scenario %s (%s)%s%s\n", s->spec.name, s->spec.script,
	       s->spec.description ? ": " : "", s->spec.description ? s->spec.description : "");
	printf("  target %d:      %s\n", m->target_year,
	       cell->has_target ? money_format(a, cell->target_cents, ',') : "-");
	printf("  structural %d:  %s (realised %s, decided %s, planned %s, idea %s)\n",
	       m->target_year, money_format(a, cell->structural_cents, ','),
	       money_format(b, cell->by_status_cents[STATUS_REALISED], ','),
	       money_format(c, cell->by_status_cents[STATUS_DECIDED], ','),
	       money_format(d, cell->by_status_cents[STATUS_PLANNED], ','),
	       money_format(e, cell->by_status_cents[STATUS_IDEA], ','));
	printf("  gap %d:         %s, rag %s\n", m->target_year,
	       cell->has_target ? money_format(a, cell->gap_cents, ',') : "-",
	       rag_word(rag_of(m, cell)));
	printf("  result %d:      %s\n", m->target_year, money_format(a, pr->result_cents, ','));
	printf("  levers: %zu, measures added: %zu, lever measures: %zu\n", s->spec.nlevers,
	       s->spec.nadded, s->res.lever_measures);
	liquidity_print_summary(stdout, m, &s->liq);
	liquidity_print_summary(stdout, m, &s->liq_p10);
	const risk_result *rk = &s->risk;
	if (rk->iterations) {
		const risk_summary *rs = &rk->units[m->root];
		printf("  risk (%zu iterations, seed %llu): structural %d P10 %s, P50 %s, P90 %s",
		       rk->iterations, (unsigned long long)rk->seed, m->target_year,
		       money_format(a, risk_cents(rs->q[1]), ','),
		       money_format(b, risk_cents(rs->q[2]), ','),
		       money_format(c, risk_cents(rs->q[3]), ','));
		if (rs->probability >= 0)
			printf("; P(target) %.1f%%", 100 * rs->probability);
		printf("\n");
		for (size_t i = 0; i < rk->nsolves; i++) {
			const solve_result *sv = &rk->solves[i];
			bool amount = sv->spec.lever == SOLVE_AMOUNT;
			char what[80];
			if (amount)
				snprintf(what, sizeof what, "an extra structural amount of %s",
					 money_format(a, risk_cents(sv->value), ','));
			else
				snprintf(what, sizeof what, "an extra procurement cut of %.4f%%",
					 100 * sv->value);
			if (!sv->found)
				printf("  solve %s: %s\n", amount ? "amount" : "procurement_cut", sv->note);
			else if (sv->spec.goal == GOAL_TARGET)
				printf("  solve: %s reaches the target with probability %.1f%% (asked "
				       "%.1f%%)\n", what, 100 * sv->achieved, 100 * sv->spec.probability);
			else
				printf("  solve: %s brings the median result in %d to %s\n", what,
				       m->target_year,
				       money_format(b, risk_cents(sv->achieved), ','));
		}
	}
}

static fp_status run_scenario(run_ctx *r, const job_opts *o, const char *script,
			      scenario_out *s, FILE *print_out)
{
	script_env env = {&r->m, &r->bt, &r->c, o->seed, o->limits, print_out};
	fp_status st = script_run(&env, script, &s->spec, &r->d);
	if (st != FP_OK)
		return st;
	st = scenario_apply(&r->m, &s->spec, &s->res, &r->d);
	if (st != FP_OK)
		return st;
	st = consolidate(&r->m, scenario_plan(&s->res), &s->cons, &r->d);
	if (st != FP_OK)
		return st;
	st = projection_compute(&r->m, scenario_plan(&s->res), &s->res, &s->proj, &r->d);
	if (st == FP_OK && r->m.nperiods)
		st = realisation_compute(&r->m, scenario_plan(&s->res), &s->real, &r->d);
	if (st == FP_OK && treasury_present(&r->t))
		st = liquidity_compute(&r->m, &r->t, &s->proj, NULL, &s->liq, &r->d);
	if (st != FP_OK || !o->iterations)
		return st;
	uncertainty_spec *u = &s->spec.uncertainty;
	for (size_t i = 0; i < o->nsolves; i++) {
		u->solves = xreallocarray(u->solves, u->nsolves + 1, sizeof *u->solves);
		u->solves[u->nsolves++] = o->solves[i];
	}
	risk_opts ro = {o->iterations, o->threads, o->seed, !o->quiet};
	st = risk_run(&r->m, &r->bt, &s->spec, &s->res, &s->cons, &ro, &s->risk, &r->d);
	if (st != FP_OK || !treasury_present(&r->t))
		return st;
	/* The liquidity of the P10 and P90 result paths (per year, not of cumulative cash). */
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

/* Euros from the statistics, rounded to the cent the same way as the summary and the
 * workbook (half away from zero). */
static void euro_field(FILE *f, double v, bool last)
{
	csvw_money(f, risk_cents(v), last);
}

/* risk.csv: the structural savings of every unit in the target year, then the
 * organisation's result per year; quantiles as PERCENTILE.INC over the draws. */
static void write_risk(FILE *f, const model *m, const risk_result *rk)
{
	fputs("unit,quantity,year,target_eur,mean_eur,p5_eur,p10_eur,p50_eur,p90_eur,p95_eur,"
	      "probability\n", f);
	for (size_t k = 0; k < m->nunits; k++) {
		int32_t u = m->preorder[k];
		const risk_summary *s = &rk->units[u];
		if (isnan(s->mean))
			continue;
		fprintf(f, "%s,structural,%d,", m->units[u].code, m->target_year);
		if (s->probability >= 0)
			euro_field(f, s->target, false);
		else
			fputc(',', f);
		euro_field(f, s->mean, false);
		for (int q = 0; q < RISK_QUANTILES; q++)
			euro_field(f, s->q[q], false);
		if (s->probability >= 0)
			fprintf(f, "%.4f\n", s->probability);
		else
			fputc('\n', f);
	}
	for (int y = 0; y < m->nyears; y++) {
		const risk_summary *s = &rk->result[y];
		fprintf(f, "%s,result,%d,,", m->units[m->root].code, m->base_year + 1 + y);
		euro_field(f, s->mean, false);
		for (int q = 0; q < RISK_QUANTILES; q++)
			euro_field(f, s->q[q], false);
		fputc('\n', f); /* no probability for the result */
	}
}

/* realisation.csv: plan, realised to date, forecast and variance per unit and year. */
static void write_realisation(FILE *f, const model *m, const consolidation *c,
			      const realisation *rl)
{
	fputs("unit,year,plan_eur,realised_eur,forecast_eur,variance_eur,structural_forecast_eur,"
	      "rag\n", f);
	for (size_t k = 0; k < m->nunits; k++) {
		int32_t u = m->preorder[k];
		for (int y = 0; y < m->nyears; y++) {
			const realisation_cell *rc = real_cell(rl, u, y);
			csvw_field(f, m->units[u].code, false);
			csvw_int(f, m->base_year + 1 + y, false);
			csvw_money(f, rc->plan_cents, false);
			csvw_money(f, rc->realised_cents, false);
			csvw_money(f, rc->forecast_cents, false);
			csvw_money(f, rc->forecast_cents - rc->plan_cents, false);
			csvw_money(f, rc->structural_forecast_cents, false);
			csvw_field(f, rag_word(realisation_rag(m, c, rl, u, y)), true);
		}
	}
}

/* trend.csv: how the organisation's forecast for a period's year moved, period by period. */
static void write_trend(FILE *f, const model *m, const realisation *rl)
{
	fputs("period,year,plan_eur,realised_to_date_eur,forecast_eur,variance_eur\n", f);
	for (size_t i = 0; i < rl->ntrend; i++) {
		const trend_point *t = &rl->trend[i];
		const period *p = &m->periods[t->period];
		csvw_field(f, p->name, false);
		csvw_int(f, p->year, false);
		csvw_money(f, t->plan_cents, false);
		csvw_money(f, t->realised_to_date_cents, false);
		csvw_money(f, t->forecast_cents, false);
		csvw_money(f, t->forecast_cents - t->plan_cents, true);
	}
}

static void write_tornado(FILE *f, const risk_result *rk)
{
	fputs("rank,driver,kind,variance_share,low_eur,high_eur\n", f);
	for (size_t i = 0; i < rk->ntornado; i++) {
		const tornado_row *t = &rk->tornado[i];
		fprintf(f, "%zu,", i + 1);
		csvw_field(f, t->name, false);
		fprintf(f, "%s,", t->kind);
		if (t->share >= 0)
			fprintf(f, "%.6f,", t->share);
		else
			fputc(',', f);
		euro_field(f, t->low, false);
		euro_field(f, t->high, true);
	}
}

static void write_solve(FILE *f, const risk_result *rk)
{
	fputs("lever,goal,probability,value,achieved,note\n", f);
	for (size_t i = 0; i < rk->nsolves; i++) {
		const solve_result *s = &rk->solves[i];
		bool amount = s->spec.lever == SOLVE_AMOUNT;
		fprintf(f, "%s,%s,%.4f,", amount ? "amount" : "procurement_cut",
			s->spec.goal == GOAL_TARGET ? "target" : "result", s->spec.probability);
		if (s->found)
			fprintf(f, amount ? "%.2f," : "%.6f,", s->value);
		else
			fputc(',', f);
		if (s->found)
			fprintf(f, s->spec.goal == GOAL_TARGET ? "%.4f," : "%.2f,", s->achieved);
		else
			fputc(',', f);
		fprintf(f, "%s\n", s->note ? s->note : "");
	}
}

/* dir/rel, malloc'ed: how a file of the run is named in messages (its final place). */
static char *shown_path(const char *dir, const char *rel)
{
	size_t n = strlen(dir) + strlen(rel) + 2;
	char *p = xmalloc(n);
	snprintf(p, n, "%s/%s", dir, rel);
	return p;
}

/* The units' workbooks of one scenario, shared out over two threads (each its own
 * workbooks and diagnostics; the files do not depend on which thread wrote them, nor the
 * messages: each thread holds them, and they are merged in the units' order). */
typedef struct book_job {
	run_ctx *r;
	outdir *od;
	const xlsx_scenario *xs;
	const xlsx_opts *xo;
	const uint32_t *order;
	const int32_t *units;
	size_t nunits;
	unsigned id, nthreads;
	diag d;
	fp_status st;
} book_job;

static void *unit_books(void *arg)
{
	book_job *bj = arg;
	char rel[512];
	for (size_t k = bj->id; k < bj->nunits && bj->st == FP_OK; k += bj->nthreads) {
		int32_t u = bj->units[k];
		bj->d.key = (long)k; /* its messages come in the units' order (diag_merge) */
		snprintf(rel, sizeof rel, "%s/departments/%s.xlsx", bj->xs->spec->name,
			 bj->r->m.units[u].code);
		char *p = outdir_path(bj->od, rel, &bj->d);
		if (!p) {
			bj->st = FP_ECANTCREAT;
			break;
		}
		char *shown = shown_path(bj->od->target, rel);
		bj->st = xlsx_unit_book(p, shown, &bj->r->m, bj->xs, u, bj->order, bj->xo, &bj->d);
		free(shown);
		free(p);
	}
	return NULL;
}

static fp_status write_unit_books(run_ctx *r, outdir *od, const xlsx_scenario *xs,
				  const xlsx_opts *xo)
{
	const model *m = &r->m;
	uint32_t *order = xlsx_tree_order(m, xs->res);
	int32_t *units = xmalloc(m->nunits * sizeof *units);
	size_t n = 0;
	for (size_t k = 0; k < m->nunits; k++)
		if (xlsx_wants_book(m, m->preorder[k]))
			units[n++] = m->preorder[k];
	enum { THREADS = 2 };
	book_job jobs[THREADS];
	pthread_t tid[THREADS];
	/* Each thread keeps its messages; they are reported after the join, in the units'
	 * order, counted and capped as the run's own. */
	for (unsigned t = 0; t < THREADS; t++) {
		jobs[t] = (book_job){r, od, xs, xo, order, units, n, t, THREADS, {0}, FP_OK};
		diag_init(&jobs[t].d, stderr);
		jobs[t].d.cap = r->d.cap;
		diag_hold(&jobs[t].d);
	}
	/* outdir_path makes folders: make departments/ first so the threads do not race. */
	char rel[512];
	snprintf(rel, sizeof rel, "%s/departments/.keep", xs->spec->name);
	char *p = outdir_path(od, rel, &r->d);
	free(p);
	/* A thread that cannot be started (no memory for its stack, a process limit) leaves
	 * its share to this one: the files do not depend on which thread wrote them. */
	bool started[THREADS] = {false};
	for (unsigned t = 1; t < THREADS; t++)
		started[t] = pthread_create(&tid[t], NULL, unit_books, &jobs[t]) == 0;
	unit_books(&jobs[0]);
	fp_status st = jobs[0].st;
	for (unsigned t = 1; t < THREADS; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		else
			unit_books(&jobs[t]);
		st = status_worse(st, jobs[t].st);
	}
	diag *held[THREADS];
	for (unsigned t = 0; t < THREADS; t++)
		held[t] = &jobs[t].d;
	diag_merge(&r->d, held, THREADS);
	free(units);
	free(order);
	return st;
}

/* The committee's workbook and the units' workbooks of every scenario. */
static fp_status write_workbooks(run_ctx *r, const job_opts *o, outdir *od, scenario_out *s,
				 size_t n, const run_record *rec)
{
	xlsx_scenario *xs = xcalloc(n, sizeof *xs);
	for (size_t i = 0; i < n; i++)
		xs[i] = (xlsx_scenario){&s[i].spec, &s[i].res, &s[i].cons, &s[i].proj, &s[i].risk,
					s[i].real.cells ? &s[i].real : NULL, &s[i].liq, &s[i].liq_p10,
					&s[i].liq_p90};
	xlsx_audit_input *ins = xcalloc(rec->ninputs ? rec->ninputs : 1, sizeof *ins);
	for (size_t i = 0; i < rec->ninputs; i++)
		ins[i] = (xlsx_audit_input){rec->inputs[i].rel, rec->inputs[i].role,
					    rec->inputs[i].hash};
	char model_hash[HASH_HEX];
	if (record_model_hash(&r->m, false, model_hash) != FP_OK) {
		diag_report(&r->d, DIAG_ERROR, FP_EIO, r->m.dir, 0, 0,
			    "cannot read the model version again to hash it");
		free(xs);
		free(ins);
		return FP_EIO;
	}
	xlsx_opts xo = {.lang = o->lang,
			.run_hash = rec->run_hash,
			.model_hash = model_hash,
			.inputs = ins,
			.ninputs = rec->ninputs};
	fp_status st = FP_OK;
	char rel[512];
	for (size_t i = 0; i < n && st == FP_OK; i++) {
		snprintf(rel, sizeof rel, "%s/monitor.xlsx", s[i].spec.name);
		char *p = outdir_path(od, rel, &r->d);
		if (!p) {
			st = FP_ECANTCREAT;
			break;
		}
		char *shown = shown_path(od->target, rel);
		st = xlsx_monitor(p, shown, &r->m, xs, n, i, &xo, &r->d);
		free(shown);
		free(p);
		if (st == FP_OK)
			st = write_unit_books(r, od, &xs[i], &xo);
	}
	free(xs);
	free(ins);
	return st;
}

static fp_status write_outputs(run_ctx *r, outdir *od, scenario_out *s, size_t n)
{
	fp_status st = FP_OK;
	char rel[512];
	for (size_t i = 0; i < n && st == FP_OK; i++) {
		snprintf(rel, sizeof rel, "%s/consolidated.csv", s[i].spec.name);
		FILE *f = outdir_open(od, rel, &r->d);
		if (!f)
			return FP_ECANTCREAT;
		consolidate_write_csv(f, &r->m, &s[i].cons);
		st = outdir_close(f, rel, &r->d);
		if (st != FP_OK)
			break;
		snprintf(rel, sizeof rel, "%s/projection.csv", s[i].spec.name);
		if (!(f = outdir_open(od, rel, &r->d)))
			return FP_ECANTCREAT;
		write_projection(f, &r->m, &s[i].proj);
		st = outdir_close(f, rel, &r->d);
		if (st == FP_OK && s[i].res.nsummaries) { /* issue 13: gross, netted, net per lever */
			snprintf(rel, sizeof rel, "%s/levers.csv", s[i].spec.name);
			if (!(f = outdir_open(od, rel, &r->d)))
				return FP_ECANTCREAT;
			levers_csv_write(f, &r->m, &s[i].spec, &s[i].res);
			st = outdir_close(f, rel, &r->d);
		}
		if (st == FP_OK && s[i].liq.nyears) {
			snprintf(rel, sizeof rel, "%s/liquidity.csv", s[i].spec.name);
			if (!(f = outdir_open(od, rel, &r->d)))
				return FP_ECANTCREAT;
			liquidity_write_csv(f, &s[i].liq);
			st = outdir_close(f, rel, &r->d);
		}
		if (st == FP_OK && s[i].real.cells) {
			snprintf(rel, sizeof rel, "%s/realisation.csv", s[i].spec.name);
			if (!(f = outdir_open(od, rel, &r->d)))
				return FP_ECANTCREAT;
			write_realisation(f, &r->m, &s[i].cons, &s[i].real);
			st = outdir_close(f, rel, &r->d);
			snprintf(rel, sizeof rel, "%s/trend.csv", s[i].spec.name);
			if (st == FP_OK && !(f = outdir_open(od, rel, &r->d)))
				return FP_ECANTCREAT;
			if (st == FP_OK) {
				write_trend(f, &r->m, &s[i].real);
				st = outdir_close(f, rel, &r->d);
			}
		}
		if (st != FP_OK || !s[i].risk.iterations)
			continue;
		static const char *const names[] = {"risk.csv", "tornado.csv", "solve.csv"};
		for (int k = 0; k < 3 && st == FP_OK; k++) {
			if (k == 2 && !s[i].risk.nsolves)
				continue;
			snprintf(rel, sizeof rel, "%s/%s", s[i].spec.name, names[k]);
			if (!(f = outdir_open(od, rel, &r->d)))
				return FP_ECANTCREAT;
			if (k == 0)
				write_risk(f, &r->m, &s[i].risk);
			else if (k == 1)
				write_tornado(f, &s[i].risk);
			else
				write_solve(f, &s[i].risk);
			st = outdir_close(f, rel, &r->d);
		}
	}
	if (st == FP_OK && n > 1) {
		FILE *f = outdir_open(od, "comparison.csv", &r->d);
		if (!f)
			return FP_ECANTCREAT;
		write_comparison(f, &r->m, s, n);
		st = outdir_close(f, "comparison.csv", &r->d);
	}
	return st;
}

/* reports/latest -> MODEL/RUNID, replaced atomically. When it cannot be (reports/latest
 * is a folder of the user's, say), a warning: the run is written, but the link that
 * verify and diff are pointed at still names an older one. */
static void point_latest(const char *reports, const char *rel, diag *d)
{
	char link[4096], tmp[4200];
	snprintf(link, sizeof link, "%s/latest", reports);
	snprintf(tmp, sizeof tmp, "%s/.latest-%ld", reports, (long)getpid());
	unlink(tmp);
	int rc = symlink(rel, tmp);
	if (rc == 0 && (rc = rename(tmp, link)) != 0) {
		int err = errno;
		unlink(tmp);
		errno = err;
	}
	if (rc != 0)
		diag_warning(d, link, 0, 0, "cannot point it at this run: %s", strerror(errno));
}


fp_status job_compute(job *j, const job_opts *o)
{
	memset(j, 0, sizeof *j);
	j->s = xcalloc(o->nscripts > 0 ? (size_t)o->nscripts : 1, sizeof *j->s);
	/* Script names go into the run record: refuse one it cannot hold before reading. */
	diag names;
	diag_init(&names, stderr);
	for (int i = 0; i < o->nscripts; i++)
		script_name_ok(o->scripts[i], &names);
	if (names.errors)
		return names.status;
	fp_status st = run_load(&j->r, o->dir);
	/* The files as read, in the order record_begin copies them (see snapshot.h). */
	for (size_t i = 0; i < j->r.m.nfiles && st == FP_OK; i++)
		if (path_exists(j->r.m.files[i]))
			st = snapshot_add(&j->inputs, j->r.m.files[i], &j->r.d);
	FILE *print_out = stdout;
	if (o->quiet && !(print_out = fopen("/dev/null", "w")))
		print_out = stdout;
	for (int i = 0; i < o->nscripts && st == FP_OK; i++) {
		struct stat sb; /* not a file, or not there: script_run says so */
		if (stat(o->scripts[i], &sb) == 0 && S_ISREG(sb.st_mode))
			st = snapshot_add(&j->inputs, o->scripts[i], &j->r.d);
		if (st == FP_OK)
			st = run_scenario(&j->r, o, o->scripts[i], &j->s[i], print_out);
		j->n = (size_t)i + 1;
		/* Names are folders (the scenario's, the script's copy in inputs/): compared
		 * ignoring case, as a case-insensitive file system would. */
		for (size_t k = 0; k < (size_t)i && st == FP_OK; k++) {
			if (strcasecmp(j->s[k].spec.name, j->s[i].spec.name) == 0)
				diag_error(&j->r.d, o->scripts[i], 0, 0,
					   "scenario name '%s' is used by %s too%s", j->s[i].spec.name,
					   j->s[k].spec.script,
					   strcmp(j->s[k].spec.name, j->s[i].spec.name) == 0
						   ? ""
						   : " (names are compared ignoring case)");
			else if (text_foldcmp(j->s[k].spec.script, j->s[i].spec.script) == 0)
				/* File names may be any UTF-8: compared as a case-insensitive
				 * file system does, Unicode case and accent forms too. */
				diag_error(&j->r.d, o->scripts[i], 0, 0,
					   "two scripts named %s in one run%s",
					   text_quotez(j->s[i].spec.script),
					   strcmp(j->s[k].spec.script, j->s[i].spec.script) == 0
						   ? ""
						   : " (names are compared ignoring case and the form of "
						     "accents)");
		}
		st = status_worse(st, j->r.d.status);
	}
	if (print_out != stdout)
		fclose(print_out);
	fflush(stdout);
	return st;
}

void job_release(job *j)
{
	for (size_t i = 0; j->s && i < j->n; i++) {
		risk_release(&j->s[i].risk);
		liquidity_release(&j->s[i].liq);
		liquidity_release(&j->s[i].liq_p10);
		liquidity_release(&j->s[i].liq_p90);
		realisation_release(&j->s[i].real);
		projection_release(&j->s[i].proj);
		consolidation_release(&j->s[i].cons);
		scenario_result_release(&j->s[i].res);
		scenario_spec_release(&j->s[i].spec);
	}
	free(j->s);
	j->s = NULL;
	snapshot_release(&j->inputs);
	run_release(&j->r);
}

void job_install_signals(void)
{
	interrupt_install();
}

/* ---- what --force may replace ---- */

static fp_status refuse_replace(diag *d, const char *target, const char *why)
{
	diag_report(d, DIAG_ERROR, FP_ECANTCREAT, target, 0, 0,
		    "%s; --force replaces only a fitplan run folder or an empty folder", why);
	return FP_ECANTCREAT;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The first entry under a run folder that its manifest does not list as an input or an
 * output (folders on the way to listed files aside): malloc'ed, or NULL when there is
 * none. Anything but a regular file counts, and so does a folder fts cannot read. */
static char *unrecorded_entry(const char *target, const manifest *mf)
{
	size_t n = mf->ninputs + mf->noutputs + 1, k = 0;
	const char **listed = xmalloc(n * sizeof *listed);
	for (size_t i = 0; i < mf->ninputs; i++)
		listed[k++] = mf->inputs[i].path;
	for (size_t i = 0; i < mf->noutputs; i++)
		listed[k++] = mf->outputs[i].path;
	listed[k++] = RECORD_MANIFEST;
	qsort(listed, k, sizeof *listed, cmp_str);
	char *paths[] = {(char *)target, NULL};
	FTS *fts = fts_open(paths, FTS_PHYSICAL | FTS_NOCHDIR, NULL);
	char *bad = fts ? NULL : xstrdup(target);
	size_t root = strlen(target);
	FTSENT *e = NULL;
	errno = 0;
	while (!bad && fts && (e = fts_read(fts)) != NULL) {
		const char *rel = e->fts_path + root;
		while (*rel == '/')
			rel++;
		if (e->fts_info == FTS_D || e->fts_info == FTS_DP)
			continue;
		if (e->fts_info != FTS_F || !bsearch(&rel, listed, k, sizeof *listed, cmp_str))
			bad = xstrdup(*rel ? rel : target);
	}
	if (!bad && !e && errno) /* the walk failed: what it did not see may be anything */
		bad = xstrdup(target);
	if (fts)
		fts_close(fts);
	free(listed);
	return bad;
}

/* run_folder_replaceable (outdir_replace_fn): --force replaces an empty folder, or a fitplan
 * run folder: its manifest.json reads as a run record and every file in it is one the
 * record lists. Anything else (a file, a symbolic link, a project or model version folder,
 * a run folder with a file of the user's added) is refused, and left as it is. */
static fp_status run_folder_replaceable(const char *target, void *ctx, diag *d)
{
	(void)ctx;
	struct stat sb;
	if (lstat(target, &sb) != 0)
		return errno == ENOENT ? FP_OK : refuse_replace(d, target, strerror(errno));
	if (S_ISLNK(sb.st_mode))
		return refuse_replace(d, target, "not a folder but a symbolic link");
	if (!S_ISDIR(sb.st_mode))
		return refuse_replace(d, target, "not a folder but a file");
	DIR *dp = opendir(target);
	if (!dp)
		return refuse_replace(d, target, "a folder that cannot be read");
	bool empty = true;
	struct dirent *de;
	while (empty && (de = readdir(dp)) != NULL)
		empty = strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0;
	closedir(dp);
	if (empty)
		return FP_OK;
	char *mpath = manifest_join(target, RECORD_MANIFEST);
	bool has_manifest = path_exists(mpath);
	free(mpath);
	if (!has_manifest)
		return refuse_replace(d, target, "not a fitplan run folder (it has no manifest.json)");
	diag quiet; /* manifest_read's own messages are not the point here */
	diag_init(&quiet, stderr);
	quiet.cap = 0;
	manifest mf;
	fp_status st = manifest_read(&mf, target, &quiet);
	char *extra = st == FP_OK ? unrecorded_entry(target, &mf) : NULL;
	manifest_release(&mf);
	if (st != FP_OK)
		return refuse_replace(d, target, "not a fitplan run folder (its manifest.json is not "
						 "a run record)");
	if (extra) {
		char why[512];
		snprintf(why, sizeof why, "not only a fitplan run: %s is not in its record",
			 text_quotez(extra));
		free(extra);
		return refuse_replace(d, target, why);
	}
	return FP_OK;
}

static fp_status write_run(job *j, const job_opts *o, const char *target)
{
	run_ctx *r = &j->r;
	outdir od;
	/* Writing from before the lock and the temporary folder are made: a signal that comes
	 * while outdir_begin makes them is held for the writer, which removes both (at its
	 * first file) and then dies of it; it would otherwise end the process with them made. */
	interrupt_writing(true);
	fp_status st = outdir_begin(&od, target, &r->d);
	if (st != FP_OK) {
		interrupt_writing(false);
		interrupt_reraise(); /* outdir_begin left nothing */
		return st;
	}
	run_record rec;
	unsigned threads = o->threads;
	if (!threads) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		threads = cpus > 0 ? (unsigned)cpus : 1;
	}
	record_opts ro = {o->seed, o->limits.max_instructions, o->limits.max_memory_bytes >> 20,
			  o->lang == LANG_EN ? "en" : "nl", o->workbooks, o->iterations,
			  threads, o->solves, o->nsolves};
	st = record_begin(&rec, &od, &r->m, o->dir, o->scripts, o->nscripts, &ro, o->argc,
			  o->argv, &r->d);
	if (st == FP_OK) {
		record_scenario *rs = xcalloc(j->n ? j->n : 1, sizeof *rs);
		char **rels = xcalloc(j->n ? j->n : 1, sizeof *rels);
		for (size_t i = 0; i < j->n; i++) {
			rels[i] = record_script_rel(o->scripts[i]);
			rs[i] = (record_scenario){&j->s[i].spec, rels[i]};
		}
		record_scenarios(&rec, rs, j->n);
		/* What was copied into the record is what the results were computed from. */
		st = snapshot_matches(&j->inputs, rec.inputs, rec.ninputs, &r->d);
		for (size_t i = 0; i < j->n; i++)
			free(rels[i]);
		free(rels);
		free(rs);
		if (st == FP_OK)
			st = write_outputs(r, &od, j->s, j->n);
	}
	if (st == FP_OK && o->workbooks)
		st = write_workbooks(r, o, &od, j->s, j->n, &rec);
	if (st == FP_OK)
		st = record_finish(&rec, &od, &r->d);
	record_release(&rec);
	if (st == FP_OK)
		st = outdir_commit(&od, o->force ? run_folder_replaceable : NULL, NULL, &r->d);
	else
		outdir_abort(&od);
	interrupt_writing(false);
	interrupt_reraise(); /* a signal that came while writing: cleaned up, now die of it */
	return st;
}

fp_status job_run(const job_opts *o, char **target_out)
{
	job j;
	fp_status st = job_compute(&j, o);
	run_ctx *r = &j.r;
	char *target = NULL, *reports_rel = NULL;
	const char *reports = "reports";
	bool found = false;
	if (st == FP_OK) /* before the run id, which hashes the inputs again */
		st = snapshot_check(&j.inputs, &r->d);
	if (st == FP_OK && !o->out) {
		char id[HASH_HEX];
		st = run_id(r, o, id);
		if (st != FP_OK) {
			diag_report(&r->d, DIAG_ERROR, st, NULL, 0, 0, "cannot hash the inputs: %s",
				    strerror(errno));
		} else {
			char *mn = folder_name(r->m.name);
			size_t n = strlen(reports) + strlen(mn) + RUN_ID_HEX + 3;
			target = xmalloc(n);
			snprintf(target, n, "%s/%s/%.*s", reports, mn, RUN_ID_HEX, id);
			reports_rel = xmalloc(n);
			snprintf(reports_rel, n, "%s/%.*s", mn, RUN_ID_HEX, id);
			free(mn);
			found = path_exists(target) && !o->force;
		}
	} else if (st == FP_OK) {
		target = xstrdup(o->out);
		if (path_exists(target) && !o->force) {
			diag_report(&r->d, DIAG_ERROR, FP_ECANTCREAT, target, 0, 0,
				    "the output folder exists; use --force to replace it");
			st = FP_ECANTCREAT;
		}
	}
	if (st == FP_OK && !found)
		st = inrecord_refuse(target, &r->d);
	/* What --force would replace is judged before anything is written (and again just
	 * before the replacement, in outdir_commit): a refusal touches nothing. */
	if (st == FP_OK && !found && o->force)
		st = run_folder_replaceable(target, NULL, &r->d);
	if (st == FP_OK && !found)
		st = write_run(&j, o, target);
	/* Before the summary: a summary that cannot be written (a closed pipe, SIGPIPE) must
	 * not leave reports/latest naming an earlier run beside a complete new one. */
	if (st == FP_OK && reports_rel)
		point_latest(reports, reports_rel, &r->d);
	if (st == FP_OK && !o->quiet) {
		for (size_t i = 0; i < j.n; i++) {
			print_summary(&r->m, &j.s[i]);
			if (found)
				continue;
			printf("  wrote %s/%s/consolidated.csv\n", target, j.s[i].spec.name);
			printf("  wrote %s/%s/projection.csv\n", target, j.s[i].spec.name);
			if (o->workbooks)
				printf("  wrote %s/%s/monitor.xlsx and departments/*.xlsx\n", target,
				       j.s[i].spec.name);
		}
		if (found)
			printf("found an earlier run of the same inputs and options in %s; not "
			       "written again (--force to redo)\n", target);
		else if (j.n > 1)
			printf("wrote %s/comparison.csv\n", target);
		if (!found)
			printf("wrote %s/manifest.json and inputs/\n", target);
	}
	diag_finish(&r->d);
	job_release(&j);
	free(reports_rel);
	if (target_out && st == FP_OK)
		*target_out = target;
	else
		free(target);
	return st;
}
