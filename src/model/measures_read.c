/* measures_read: the measure files read by several threads, each file by one thread into a
 * job of its own, then merged in file order, on the threads too: the ids by shard of the
 * measure index (each shard's ids in file and row order, checked against those before
 * them), the rows in file and row order, and the messages in the order one thread reading
 * the files one after the other reports them, whatever the thread count and whichever
 * thread read which file or shard. See measures_int.h. */
#include "measures_int.h"
#include "../core/xalloc.h"
#include <stdlib.h>
#include <string.h>

/* The most threads that read measure files: more than the files would wait. */
#define MEASURES_MAX_THREADS 16
/* How many ids ahead of the one being put the merge asks for its slot. */
#define PREFETCH_AHEAD 16
/* The held messages of this many files are listed on the stack in the merge. */
#define MEASURES_MAX_FILES_HELD 64

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

/* A thread: take the next item until none is left and do sh->work to it. The files are
 * taken in order, so a file waiting for its header's turn waits only for files that
 * threads are reading. */
static void *worker(void *arg)
{
	measures_shared *sh = arg;
	for (;;) {
		pthread_mutex_lock(&sh->mu);
		size_t i = sh->next < sh->nwork ? sh->next++ : sh->nwork;
		pthread_mutex_unlock(&sh->mu);
		if (i == sh->nwork)
			return NULL;
		sh->work(sh, i);
	}
}

/* Run work on items 0 .. n-1 with up to threads threads, the calling one included. A
 * thread the system refuses leaves its items to the others, so every item is done
 * whatever starts. */
static void run_threads(measures_shared *sh, unsigned threads, void *(*fn)(void *))
{
	pthread_t tid[MEASURES_MAX_THREADS];
	bool started[MEASURES_MAX_THREADS] = {false};
	for (unsigned t = 1; t < threads; t++)
		started[t] = pthread_create(&tid[t], NULL, fn, sh) == 0;
	fn(sh);
	for (unsigned t = 1; t < threads; t++)
		if (started[t])
			pthread_join(tid[t], NULL);
}

static void run_jobs(measures_shared *sh, unsigned threads, size_t n,
		     void (*work)(measures_shared *sh, size_t i))
{
	sh->next = 0;
	sh->nwork = n;
	sh->work = work;
	run_threads(sh, threads, worker);
}

/* The first step, on the threads: file i read into its job, then its rows sorted by the
 * shard of their ids (a counting sort, row order kept within a shard). */
static void read_file(measures_shared *sh, size_t i)
{
	measures_job *job = &sh->jobs[i];
	measures_read_file(sh, job);
	uint32_t count[STRMAP_SHARDS] = {0};
	for (size_t k = 0; k < job->n; k++)
		count[strmap_shard_of(job->ids[k].hash)]++;
	job->shard_at[0] = 0;
	for (unsigned s = 0; s < STRMAP_SHARDS; s++)
		job->shard_at[s + 1] = job->shard_at[s] + count[s];
	memcpy(count, job->shard_at, sizeof count); /* now where the next row of each goes */
	job->by_shard = xmalloc((job->n ? job->n : 1) * sizeof *job->by_shard);
	for (size_t k = 0; k < job->n; k++)
		job->by_shard[count[strmap_shard_of(job->ids[k].hash)]++] = (uint32_t)k;
}

/* The index of the ids being read: the measures' or the candidates'. */
static strmap_sharded *id_index(const measures_shared *sh)
{
	return sh->candidates ? &sh->m->candidate_ix : &sh->m->measure_ix;
}

/* The row numbered g over the files (measures_job.base), in one of the first nfiles. */
static const measure *row_at(const measures_shared *sh, size_t nfiles, size_t g)
{
	size_t lo = 0, hi = nfiles; /* the job is the last whose base <= g */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (sh->jobs[mid].base <= g)
			lo = mid;
		else
			hi = mid;
	}
	return &sh->jobs[lo].ms[g - sh->jobs[lo].base];
}

/* Shard s of measure_ix takes the ids of files [from, to) (read, and those before them
 * taken), in file and row order, each with its row's number over the files. A row whose
 * id an earlier row has is reported (into the shard's held messages, under the row's key)
 * and marked a duplicate, to be dropped, as one thread reading the files would have. */
static void merge_shard(measures_shared *sh, size_t s, size_t from, size_t to)
{
	model *m = sh->m;
	strmap *ix = &id_index(sh)->shard[s];
	size_t n = 0;
	for (size_t j = from; j < to; j++)
		n += sh->jobs[j].shard_at[s + 1] - sh->jobs[j].shard_at[s];
	strmap_reserve(ix, n);
	diag *d = &sh->shard_d[s];
	for (size_t j = from; j < to; j++) {
		measures_job *job = &sh->jobs[j];
		const uint32_t *rows = job->by_shard + job->shard_at[s];
		size_t nrows = job->shard_at[s + 1] - job->shard_at[s];
		/* The slot of the id PREFETCH_AHEAD rows on, and its row (whose id pointer the
		 * put reads): the rows of a shard are scattered over the file's. */
		for (size_t q = 0; q < nrows && q < PREFETCH_AHEAD; q++) {
			strmap_prefetch(ix, job->ids[rows[q]].hash);
			__builtin_prefetch(&job->ms[rows[q]].id);
		}
		for (size_t q = 0; q < nrows; q++) {
			if (q + PREFETCH_AHEAD < nrows) {
				strmap_prefetch(ix, job->ids[rows[q + PREFETCH_AHEAD]].hash);
				__builtin_prefetch(&job->ms[rows[q + PREFETCH_AHEAD]].id);
			}
			uint32_t k = rows[q];
			measure_id *id = &job->ids[k];
			const measure *ms = &job->ms[k];
			/* A candidate's id is unique over the measures too: adopted, it joins
			 * them. */
			int32_t in_plan = sh->candidates
						  ? strmap_sharded_get(&m->measure_ix, ms->id, id->len)
						  : -1;
			int32_t prev = in_plan >= 0 ? -1
						    : strmap_put_hashed(ix, ms->id, id->len, id->hash,
									(int32_t)(job->base + k));
			if (in_plan < 0 && prev < 0)
				continue;
			id->dup = true;
			VEC_GROW(sh->dups[s], sh->ndups[s], sh->dups_cap[s]);
			sh->dups[s][sh->ndups[s]++] = job->base + k;
			d->key = measures_key(job->file_ix, ms->pos.line);
			if (in_plan >= 0) {
				const measure *pm = &m->measures[in_plan];
				diag_error(d, job->ld.path, id->line, (long)job->id_col + 1,
					   "candidate '%s' is already a measure (defined at %s:%u)",
					   ms->id, model_pos_file(m, pm->pos), pm->pos.line);
				continue;
			}
			const measure *first = row_at(sh, to, (size_t)prev);
			diag_error(d, job->ld.path, id->line, (long)job->id_col + 1,
				   "duplicate %s '%s' (first defined at %s:%u)",
				   sh->candidates ? "candidate" : "measure", ms->id,
				   model_pos_file(m, first->pos), first->pos.line);
		}
	}
}

/* A shard that has not taken the ids of every file read so far and that no thread is
 * putting ids into, or STRMAP_SHARDS: none. Under sh->mu. */
static size_t shard_behind(const measures_shared *sh)
{
	for (size_t s = 0; s < STRMAP_SHARDS; s++)
		if (!sh->busy[s] && sh->merged[s] < sh->ready)
			return s;
	return STRMAP_SHARDS;
}

/* A thread of the first two steps: read the next file while one is left; then put the ids
 * of the files read so far into a shard that lacks them (a thread whose files are read
 * works on the merge while others still read: the last, large file no longer keeps one
 * core idle); wait while the files read so far are all taken and some are still read; end
 * when every file is read and no shard is left to take. */
static void *read_worker(void *arg)
{
	measures_shared *sh = arg;
	pthread_mutex_lock(&sh->mu);
	for (;;) {
		if (sh->next < sh->njobs) {
			size_t i = sh->next++;
			pthread_mutex_unlock(&sh->mu);
			read_file(sh, i);
			pthread_mutex_lock(&sh->mu);
			sh->jobs[i].read = true;
			for (; sh->ready < sh->njobs && sh->jobs[sh->ready].read; sh->ready++)
				sh->jobs[sh->ready].base =
					sh->ready ? sh->jobs[sh->ready - 1].base +
							    sh->jobs[sh->ready - 1].n
						  : 0;
			pthread_cond_broadcast(&sh->cv);
			continue;
		}
		size_t s = shard_behind(sh);
		if (s < STRMAP_SHARDS) {
			size_t from = sh->merged[s], to = sh->ready;
			sh->busy[s] = true;
			pthread_mutex_unlock(&sh->mu);
			merge_shard(sh, s, from, to);
			pthread_mutex_lock(&sh->mu);
			sh->merged[s] = to;
			sh->busy[s] = false;
			continue;
		}
		if (sh->ready == sh->njobs)
			break;
		pthread_cond_wait(&sh->cv, &sh->mu);
	}
	pthread_mutex_unlock(&sh->mu);
	return NULL;
}

/* The number of dups[0..n) (ascending) below g. */
static size_t below(const size_t *dups, size_t n, size_t g)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (dups[mid] < g)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The third step, on the threads, only when some rows are duplicates: shard s's values
 * turned from a row's number over the files into its index in m->measures (the number
 * less the duplicates before it; sh->dups[0] holds them all, ascending). */
static void renumber_shard(measures_shared *sh, size_t s)
{
	strmap *ix = &id_index(sh)->shard[s];
	for (size_t i = 0; i < ix->cap; i++)
		if (ix->slots[i].key)
			ix->slots[i].value -= (int32_t)below(sh->dups[0], sh->ndups[0],
							     (size_t)ix->slots[i].value);
}

/* The last step, on the threads: job i's rows kept into their places in m->measures. */
static void merge_rows(measures_shared *sh, size_t i)
{
	measures_job *job = &sh->jobs[i];
	measure *to = &(sh->candidates ? sh->m->candidates : sh->m->measures)[job->at];
	for (size_t k = 0; k < job->n; k++)
		if (!job->ids[k].dup)
			*to++ = job->ms[k];
	free(job->ms);
	free(job->ids);
	free(job->by_shard);
	job->ms = NULL;
	job->ids = NULL;
	job->by_shard = NULL;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

/* The duplicates of every shard gathered into sh->dups[0], ascending; each job's first
 * index in m->measures (job->at) and m->nmeasures follow. */
static void count_kept(measures_shared *sh)
{
	size_t nd = 0;
	for (unsigned s = 0; s < STRMAP_SHARDS; s++)
		nd += sh->ndups[s];
	size_t *all = xmalloc((nd ? nd : 1) * sizeof *all);
	nd = 0;
	for (unsigned s = 0; s < STRMAP_SHARDS; s++) {
		if (sh->ndups[s])
			memcpy(all + nd, sh->dups[s], sh->ndups[s] * sizeof *all);
		nd += sh->ndups[s];
		free(sh->dups[s]);
		sh->dups[s] = NULL;
		sh->ndups[s] = 0;
	}
	if (nd)
		qsort(all, nd, sizeof *all, cmp_size);
	sh->dups[0] = all;
	sh->ndups[0] = nd;
	size_t at = 0;
	for (size_t j = 0; j < sh->njobs; j++) {
		measures_job *job = &sh->jobs[j];
		job->at = at;
		at += job->n - (below(all, nd, job->base + job->n) - below(all, nd, job->base));
	}
	*(sh->candidates ? &sh->m->ncandidates : &sh->m->nmeasures) = at;
}

/* Everything the jobs read into m and d, in file order. */
static fp_status merge(measures_shared *sh, unsigned threads, diag *d)
{
	model *m = sh->m;
	diag *held[STRMAP_SHARDS + MEASURES_MAX_FILES_HELD];
	diag **h = sh->njobs > MEASURES_MAX_FILES_HELD
			   ? xmalloc((STRMAP_SHARDS + sh->njobs) * sizeof *h)
			   : held;
	/* First: a row's duplicate comes before what follows the row. */
	for (unsigned s = 0; s < STRMAP_SHARDS; s++)
		h[s] = &sh->shard_d[s];
	count_kept(sh);
	if (sh->ndups[0])
		run_jobs(sh, threads, STRMAP_SHARDS, renumber_shard);
	free(sh->dups[0]);
	sh->dups[0] = NULL;
	fp_status st = FP_OK;
	for (size_t i = 0; i < sh->njobs; i++) {
		measures_job *job = &sh->jobs[i];
		arena_adopt(m->a, &job->a);
		st = status_worse(st, job->st);
		h[STRMAP_SHARDS + i] = &job->d;
	}
	if (sh->candidates)
		m->candidates = xreallocarray(m->candidates, m->ncandidates ? m->ncandidates : 1,
					      sizeof *m->candidates);
	else
		m->measures = xreallocarray(m->measures, m->nmeasures ? m->nmeasures : 1,
					    sizeof *m->measures);
	run_jobs(sh, threads, sh->njobs, merge_rows);
	diag_merge(d, h, STRMAP_SHARDS + sh->njobs);
	if (h != held)
		free(h);
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
	for (unsigned s = 0; s < STRMAP_SHARDS; s++) {
		diag_init(&sh->shard_d[s], d->out);
		diag_hold(&sh->shard_d[s]);
	}
	sh->next = 0;
	run_threads(sh, threads, read_worker);
	fp_status st = merge(sh, threads, d);
	pthread_cond_destroy(&sh->cv);
	pthread_mutex_destroy(&sh->mu);
	return st;
}
