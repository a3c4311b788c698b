/* measures_read: the measure files read by several threads, each file by one thread into a
 * job of its own, then merged in file order by the calling thread: the rows in file and
 * row order, each id checked against those before it, and the messages in the order one
 * thread reading the files one after the other reports them, whatever the thread count
 * and whichever thread read which file. See measures_int.h. */
#include "measures_int.h"
#include "../core/xalloc.h"
#include <stdlib.h>
#include <string.h>

/* The most threads that read measure files: more than the files would wait. */
#define MEASURES_MAX_THREADS 16
/* How many ids ahead of the one being put the merge asks for its slot. */
#define PREFETCH_AHEAD 16

void measures_turn_wait(measures_shared *sh, const measures_job *job)
{
	pthread_mutex_lock(&sh->mu);
	while (sh->turn < job->file_ix)
		pthread_cond_wait(&sh->cv, &sh->mu);
	pthread_mutex_unlock(&sh->mu);
}

void measures_turn_pass(measures_shared *sh, measures_job *job)
{
	if (job->header_seen)
		return;
	job->header_seen = true;
	pthread_mutex_lock(&sh->mu);
	/* A file without a header (not opened, empty) waits for its turn too: the turn never
	 * skips a file whose header is still to come. */
	while (sh->turn < job->file_ix)
		pthread_cond_wait(&sh->cv, &sh->mu);
	sh->turn = job->file_ix + 1;
	pthread_cond_broadcast(&sh->cv);
	pthread_mutex_unlock(&sh->mu);
}

/* A thread: take the next job until none is left and do sh->work to it. The files are
 * taken in order, so a file waiting for its header's turn waits only for files that
 * threads are reading. */
static void *worker(void *arg)
{
	measures_shared *sh = arg;
	for (;;) {
		pthread_mutex_lock(&sh->mu);
		size_t i = sh->next < sh->njobs ? sh->next++ : sh->njobs;
		pthread_mutex_unlock(&sh->mu);
		if (i == sh->njobs)
			return NULL;
		sh->work(sh, &sh->jobs[i]);
	}
}

/* The first pass of the merge, in file order: which of job's rows keep their id (a row
 * whose id an earlier row has is reported, into dups under the row's key, and dropped, as
 * one thread reading the files would have) and their indexes in m->measures; first[i] is
 * where the measure of index i is, for a later duplicate's message. */
static void merge_ids(measures_shared *sh, measures_job *job, src_pos *first, diag *dups)
{
	model *m = sh->m;
	strmap *ix = sh->candidates ? &m->candidate_ix : &m->measure_ix;
	size_t *n = sh->candidates ? &m->ncandidates : &m->nmeasures;
	size_t ahead = job->n < PREFETCH_AHEAD ? job->n : PREFETCH_AHEAD;
	for (size_t k = 0; k < ahead; k++)
		strmap_prefetch(ix, job->ids[k].hash);
	job->at = *n;
	for (size_t k = 0; k < job->n; k++) {
		if (k + PREFETCH_AHEAD < job->n)
			strmap_prefetch(ix, job->ids[k + PREFETCH_AHEAD].hash);
		const measure *ms = &job->ms[k];
		/* A candidate's id is unique over the measures too: adopted, it joins them. */
		int32_t in_plan = sh->candidates ? strmap_get(&m->measure_ix, ms->id, job->ids[k].len)
					      : -1;
		if (in_plan >= 0) {
			job->ids[k].dup = true;
			dups->key = measures_key(job->file_ix, ms->pos.line);
			diag_error(dups, job->ld.path, job->ids[k].line, (long)job->id_col + 1,
				   "candidate '%s' is already a measure (defined at %s:%u)", ms->id,
				   model_pos_file(m, m->measures[in_plan].pos), m->measures[in_plan].pos.line);
			continue;
		}
		int32_t prev = strmap_put_hashed(ix, ms->id, job->ids[k].len, job->ids[k].hash,
						 (int32_t)*n);
		if (prev < 0) {
			first[(*n)++] = ms->pos;
			continue;
		}
		job->ids[k].dup = true;
		dups->key = measures_key(job->file_ix, ms->pos.line);
		diag_error(dups, job->ld.path, job->ids[k].line, (long)job->id_col + 1,
			   "duplicate %s '%s' (first defined at %s:%u)",
			   sh->candidates ? "candidate" : "measure", ms->id,
			   model_pos_file(m, first[prev]), first[prev].line);
	}
}

/* The second pass, on the threads: job's rows kept into their places in m->measures. */
static void merge_rows(measures_shared *sh, measures_job *job)
{
	measure *to = &(sh->candidates ? sh->m->candidates : sh->m->measures)[job->at];
	for (size_t k = 0; k < job->n; k++)
		if (!job->ids[k].dup)
			*to++ = job->ms[k];
	free(job->ms);
	free(job->ids);
	job->ms = NULL;
	job->ids = NULL;
}

/* Run sh->work on every job with up to threads threads, the calling one included. A thread
 * the system refuses leaves its jobs to the others, so every job is done whatever starts. */
static void run_jobs(measures_shared *sh, unsigned threads)
{
	pthread_t tid[MEASURES_MAX_THREADS];
	bool started[MEASURES_MAX_THREADS] = {false};
	sh->next = 0;
	for (unsigned t = 1; t < threads; t++)
		started[t] = pthread_create(&tid[t], NULL, worker, sh) == 0;
	worker(sh);
	for (unsigned t = 1; t < threads; t++)
		if (started[t])
			pthread_join(tid[t], NULL);
}

/* Everything the jobs read into m and d, in file order. */
static fp_status merge(measures_shared *sh, unsigned threads, diag *d)
{
	model *m = sh->m;
	size_t total = 0;
	for (size_t i = 0; i < sh->njobs; i++)
		total += sh->jobs[i].n;
	strmap_reserve(sh->candidates ? &m->candidate_ix : &m->measure_ix, total);
	src_pos *first = xmalloc((total ? total : 1) * sizeof *first);
	diag dups;
	diag_init(&dups, d->out);
	diag_hold(&dups);
	fp_status st = FP_OK;
	diag **held = xmalloc((sh->njobs + 1) * sizeof *held);
	held[0] = &dups; /* first: a row's duplicate comes before what follows the row */
	for (size_t i = 0; i < sh->njobs; i++) {
		measures_job *job = &sh->jobs[i];
		merge_ids(sh, job, first, &dups);
		arena_adopt(m->a, &job->a);
		st = status_worse(st, job->st);
		held[i + 1] = &job->d;
	}
	free(first);
	if (sh->candidates)
		m->candidates = xreallocarray(m->candidates, m->ncandidates ? m->ncandidates : 1,
					      sizeof *m->candidates);
	else
		m->measures = xreallocarray(m->measures, m->nmeasures ? m->nmeasures : 1,
					    sizeof *m->measures);
	sh->work = merge_rows;
	run_jobs(sh, threads);
	diag_merge(d, held, sh->njobs + 1);
	free(held);
	return st; /* a row's error is d's, as when one thread reports it: not the file's */
}

fp_status measures_read_all(measures_shared *sh, unsigned threads, diag *d)
{
	if (threads > MEASURES_MAX_THREADS)
		threads = MEASURES_MAX_THREADS;
	if (threads > sh->njobs)
		threads = (unsigned)sh->njobs;
	pthread_mutex_init(&sh->mu, NULL);
	pthread_cond_init(&sh->cv, NULL);
	sh->work = measures_read_file;
	run_jobs(sh, threads);
	fp_status st = merge(sh, threads, d);
	pthread_cond_destroy(&sh->cv);
	pthread_mutex_destroy(&sh->mu);
	return st;
}
