/* books: see books.h. */
#include "books.h"
#include "../core/xalloc.h"
#include "../model/digest.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* At most this many threads write workbooks; --threads (0: every processor) chooses. */
enum { BOOK_THREADS = 8 };

static unsigned book_threads(const run_opts *o)
{
	uint64_t t = o->opts.threads;
	if (!t) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		t = cpus > 0 ? (uint64_t)cpus : 1;
	}
	return t > BOOK_THREADS ? BOOK_THREADS : (unsigned)t;
}

/* dir/rel, malloc'ed: how a file of the run is named in messages (its final place). */
static char *shown_path(const char *dir, const char *rel)
{
	size_t n = strlen(dir) + strlen(rel) + 2;
	char *p = xmalloc(n);
	snprintf(p, n, "%s/%s", dir, rel);
	return p;
}

/* The workbooks of one scenario are jobs: job 0 the committee's, job k >= 1 the unit
 * units[k - 1]'s. Each job goes to one thread before any starts (share_out), so which
 * thread writes which file, and where a thread stops after a failure, does not depend on
 * timing: the files and the messages are the same for any thread count. */
typedef struct book_jobs {
	const model *m;
	outdir *od;
	const xlsx_scenario *xs; /* all scenarios: the committee's workbook compares them */
	size_t nxs, which;
	const xlsx_opts *xo;
	const uint32_t *order;
	const int32_t *units;
	size_t njobs; /* 1 + the units */
} book_jobs;

/* One thread's share: its jobs in increasing order (diag_merge wants a holder's keys not
 * to decrease). */
typedef struct book_share {
	const book_jobs *jobs;
	size_t *mine;
	size_t nmine;
	diag d; /* holding its messages, keyed by the job (diag_merge) */
	fp_status st;
} book_share;

/* Write job k into bs->d; the file's status. */
static fp_status book_job(book_share *bs, size_t k)
{
	const book_jobs *j = bs->jobs;
	char rel[512];
	if (k == 0)
		snprintf(rel, sizeof rel, "%s/monitor.xlsx", j->xs[j->which].spec->name);
	else
		snprintf(rel, sizeof rel, "%s/departments/%s.xlsx", j->xs[j->which].spec->name,
			 j->m->units[j->units[k - 1]].code);
	char *p = outdir_path(j->od, rel, &bs->d);
	if (!p)
		return FP_ECANTCREAT;
	char *shown = shown_path(j->od->target, rel);
	fp_status st = k == 0 ? xlsx_monitor(p, shown, j->m, j->xs, j->nxs, j->which, j->xo, &bs->d)
			      : xlsx_unit_book(p, shown, j->m, &j->xs[j->which], j->units[k - 1],
					       j->order, j->xo, &bs->d);
	free(shown);
	free(p);
	return st;
}

/* A thread's jobs in order, up to its first failure (a full disk fails the rest too). */
static void *book_worker(void *arg)
{
	book_share *bs = arg;
	for (size_t i = 0; i < bs->nmine && bs->st == FP_OK; i++) {
		bs->d.key = (long)bs->mine[i];
		bs->st = book_job(bs, bs->mine[i]);
	}
	return NULL;
}

/* The cost of each job, in about 17 us of CPU (a committee's register row): a unit's
 * workbook lists the measures of its subtree on three sheets (update, register, identity;
 * about 2 each) plus a fixed part (key figures, trajectory, chart; about BOOK_FIXED); the
 * committee's workbook lists every measure once and every unit in a few tables. Fitted to
 * the jobs' CPU times on the 1,000-unit, 100,000-measure model of scripts/bench; they only
 * balance the threads, never change a byte. */
enum { BOOK_FIXED = 52, BOOK_UNIT_ROW = 2, BOOK_MONITOR_UNIT = 4 };

typedef struct job_cost {
	uint64_t cost;
	size_t k;
} job_cost;

static job_cost *job_costs(const book_jobs *j)
{
	const model *m = j->m;
	const scenario_result *res = j->xs[j->which].res;
	uint64_t *below = xcalloc(m->nunits + 1, sizeof *below); /* measures by pre-order */
	for (size_t i = 0; i < res->nmeasures; i++)
		below[m->units[res->measures[i].unit].pre + 1]++;
	for (size_t k = 0; k < m->nunits; k++)
		below[k + 1] += below[k];
	job_cost *c = xmalloc(j->njobs * sizeof *c);
	c[0] = (job_cost){res->nmeasures + (uint64_t)m->nunits * BOOK_MONITOR_UNIT + BOOK_FIXED, 0};
	for (size_t k = 1; k < j->njobs; k++) {
		const unit *u = &m->units[j->units[k - 1]];
		uint64_t rows = below[u->subtree_end] - below[u->pre];
		c[k] = (job_cost){rows * BOOK_UNIT_ROW + BOOK_FIXED, k};
	}
	free(below);
	return c;
}

/* Dearest first; equal costs in job order (a total order: the same shares every time). */
static int cmp_dearest(const void *a, const void *b)
{
	const job_cost *x = a, *y = b;
	if (x->cost != y->cost)
		return x->cost > y->cost ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* Share the jobs out, dearest first, each to the thread with the least cost so far (the
 * lower on a tie); then each thread's jobs in job order. Deterministic: it depends on the
 * model alone, never on timing. */
static void share_out(const book_jobs *j, book_share *shares, unsigned nthreads)
{
	job_cost *c = job_costs(j);
	qsort(c, j->njobs, sizeof *c, cmp_dearest);
	uint64_t load[BOOK_THREADS] = {0};
	for (unsigned t = 0; t < nthreads; t++)
		shares[t].mine = xmalloc(j->njobs * sizeof *shares[t].mine);
	for (size_t i = 0; i < j->njobs; i++) {
		unsigned best = 0;
		for (unsigned t = 1; t < nthreads; t++)
			if (load[t] < load[best])
				best = t;
		load[best] += c[i].cost;
		shares[best].mine[shares[best].nmine++] = c[i].k;
	}
	for (unsigned t = 0; t < nthreads; t++)
		qsort(shares[t].mine, shares[t].nmine, sizeof *shares[t].mine, cmp_size);
	free(c);
}

/* The workbooks of scenario which, over nthreads (1..BOOK_THREADS) threads. Each thread
 * keeps its messages; they are reported into d after the join, in the jobs' order,
 * counted and capped as the run's own. */
static fp_status write_scenario_books(const model *m, diag *d, outdir *od,
				      const xlsx_scenario *xs, size_t nxs, size_t which,
				      const xlsx_opts *xo, unsigned nthreads)
{
	uint32_t *order = xlsx_tree_order(m, xs[which].res);
	int32_t *units = xmalloc((m->nunits ? m->nunits : 1) * sizeof *units);
	size_t n = 0;
	for (size_t k = 0; k < m->nunits; k++)
		if (xlsx_wants_book(m, m->preorder[k]))
			units[n++] = m->preorder[k];
	book_jobs jobs = {m, od, xs, nxs, which, xo, order, units, n + 1};
	book_share shares[BOOK_THREADS];
	for (unsigned t = 0; t < nthreads; t++) {
		shares[t] = (book_share){&jobs, NULL, 0, {0}, FP_OK};
		diag_init(&shares[t].d, stderr);
		shares[t].d.cap = d->cap;
		diag_hold(&shares[t].d);
	}
	share_out(&jobs, shares, nthreads);
	/* outdir_path makes folders: make departments/ (and the scenario's folder) first so
	 * that the threads do not race. */
	char rel[512];
	snprintf(rel, sizeof rel, "%s/departments/.keep", xs[which].spec->name);
	free(outdir_path(od, rel, d));
	/* A thread that cannot be started (no memory for its stack, a process limit) leaves
	 * its share to this one: the files do not depend on which thread wrote them. */
	pthread_t tid[BOOK_THREADS];
	bool started[BOOK_THREADS] = {false};
	for (unsigned t = 1; t < nthreads; t++)
		started[t] = pthread_create(&tid[t], NULL, book_worker, &shares[t]) == 0;
	book_worker(&shares[0]);
	fp_status st = shares[0].st;
	diag *held[BOOK_THREADS];
	for (unsigned t = 0; t < nthreads; t++) {
		if (t > 0 && started[t])
			pthread_join(tid[t], NULL);
		else if (t > 0)
			book_worker(&shares[t]);
		st = status_worse(st, shares[t].st);
		held[t] = &shares[t].d;
	}
	diag_merge(d, held, nthreads);
	for (unsigned t = 0; t < nthreads; t++)
		free(shares[t].mine);
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
	for (size_t i = 0; i < n && st == FP_OK; i++)
		st = write_scenario_books(m, d, od, xs, n, i, &xo, book_threads(o));
	free(xs);
	free(ins);
	return st;
}
