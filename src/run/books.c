/* books: see books.h. */
#include "books.h"
#include "../core/xalloc.h"
#include "../model/digest.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BOOK_THREADS = 2 };

/* dir/rel, malloc'ed: how a file of the run is named in messages (its final place). */
static char *shown_path(const char *dir, const char *rel)
{
	size_t n = strlen(dir) + strlen(rel) + 2;
	char *p = xmalloc(n);
	snprintf(p, n, "%s/%s", dir, rel);
	return p;
}

/* One thread's share of a scenario's unit workbooks: every nthreads-th unit from id. */
typedef struct book_share {
	const model *m;
	outdir *od;
	const xlsx_scenario *xs;
	const xlsx_opts *xo;
	const uint32_t *order;
	const int32_t *units;
	size_t nunits;
	unsigned id, nthreads;
	diag d; /* holding its messages, keyed by the unit's place (diag_merge) */
	fp_status st;
} book_share;

static void *unit_books(void *arg)
{
	book_share *bs = arg;
	char rel[512];
	for (size_t k = bs->id; k < bs->nunits && bs->st == FP_OK; k += bs->nthreads) {
		int32_t u = bs->units[k];
		bs->d.key = (long)k; /* its messages come in the units' order (diag_merge) */
		snprintf(rel, sizeof rel, "%s/departments/%s.xlsx", bs->xs->spec->name,
			 bs->m->units[u].code);
		char *p = outdir_path(bs->od, rel, &bs->d);
		if (!p) {
			bs->st = FP_ECANTCREAT;
			break;
		}
		char *shown = shown_path(bs->od->target, rel);
		bs->st = xlsx_unit_book(p, shown, bs->m, bs->xs, u, bs->order, bs->xo, &bs->d);
		free(shown);
		free(p);
	}
	return NULL;
}

/* The units' workbooks of one scenario, shared out over BOOK_THREADS threads. Each thread
 * keeps its messages; they are reported into d after the join, in the units' order,
 * counted and capped as the run's own. */
static fp_status write_unit_books(const model *m, diag *d, outdir *od, const xlsx_scenario *xs,
				  const xlsx_opts *xo)
{
	uint32_t *order = xlsx_tree_order(m, xs->res);
	int32_t *units = xmalloc(m->nunits * sizeof *units);
	size_t n = 0;
	for (size_t k = 0; k < m->nunits; k++)
		if (xlsx_wants_book(m, m->preorder[k]))
			units[n++] = m->preorder[k];
	book_share shares[BOOK_THREADS];
	pthread_t tid[BOOK_THREADS];
	for (unsigned t = 0; t < BOOK_THREADS; t++) {
		shares[t] = (book_share){m, od, xs, xo, order, units, n, t, BOOK_THREADS, {0}, FP_OK};
		diag_init(&shares[t].d, stderr);
		shares[t].d.cap = d->cap;
		diag_hold(&shares[t].d);
	}
	/* outdir_path makes folders: make departments/ first so the threads do not race. */
	char rel[512];
	snprintf(rel, sizeof rel, "%s/departments/.keep", xs->spec->name);
	free(outdir_path(od, rel, d));
	/* A thread that cannot be started (no memory for its stack, a process limit) leaves
	 * its share to this one: the files do not depend on which thread wrote them. */
	bool started[BOOK_THREADS] = {false};
	for (unsigned t = 1; t < BOOK_THREADS; t++)
		started[t] = pthread_create(&tid[t], NULL, unit_books, &shares[t]) == 0;
	unit_books(&shares[0]);
	fp_status st = shares[0].st;
	for (unsigned t = 1; t < BOOK_THREADS; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		else
			unit_books(&shares[t]);
		st = status_worse(st, shares[t].st);
	}
	diag *held[BOOK_THREADS];
	for (unsigned t = 0; t < BOOK_THREADS; t++)
		held[t] = &shares[t].d;
	diag_merge(d, held, BOOK_THREADS);
	free(units);
	free(order);
	return st;
}

fp_status run_books_write(run_result *res, const run_opts *o, const char *run_id, outdir *od,
			  const run_record *rec)
{
	const model *m = &res->ctx.m;
	diag *d = &res->ctx.d;
	size_t n = res->n;
	xlsx_scenario *xs = xcalloc(n ? n : 1, sizeof *xs);
	for (size_t i = 0; i < n; i++)
		xs[i] = run_scenario_view(&res->s[i]);
	xlsx_audit_input *ins = xcalloc(rec->ninputs ? rec->ninputs : 1, sizeof *ins);
	for (size_t i = 0; i < rec->ninputs; i++)
		ins[i] = (xlsx_audit_input){rec->inputs[i].rel, rec->inputs[i].role,
					    rec->inputs[i].hash};
	/* The plan's model hash, of the files as they were read (import checks it). */
	char model_hash[HASH_HEX];
	model_digest(m, false, model_hash);
	xlsx_opts xo = {.lang = run_lang(&o->opts),
			.run_hash = rec->run_hash,
			.run_id = run_id,
			.model_hash = model_hash,
			.period = runopts_is_handout(&o->opts) ? o->opts.period : NULL,
			.inputs = ins,
			.ninputs = rec->ninputs};
	fp_status st = FP_OK;
	char rel[512];
	for (size_t i = 0; i < n && st == FP_OK; i++) {
		snprintf(rel, sizeof rel, "%s/monitor.xlsx", xs[i].spec->name);
		char *p = outdir_path(od, rel, d);
		if (!p) {
			st = FP_ECANTCREAT;
			break;
		}
		char *shown = shown_path(od->target, rel);
		st = xlsx_monitor(p, shown, m, xs, n, i, &xo, d);
		free(shown);
		free(p);
		if (st == FP_OK)
			st = write_unit_books(m, d, od, &xs[i], &xo);
	}
	free(xs);
	free(ins);
	return st;
}
