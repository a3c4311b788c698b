/* measures_int: what measures.c (the header and rows of one measure file) and
 * measures_read.c (the files read by several threads, then merged in file order) share.
 * A file is read by one thread into a job of its own: its messages held, its strings in an
 * arena of its own, its good rows in a vector; only the headers, read in file order under
 * a lock, see the other files. Internal to model/. */
#ifndef FP_MODEL_MEASURES_INT_H
#define FP_MODEL_MEASURES_INT_H
#include "loader.h"
#include <pthread.h>

/* What the merge needs of a row to check its id: the id's hash (computed once, by the
 * thread that read it), its length and the line of its field. */
typedef struct measure_id {
	uint32_t hash;
	uint32_t len;
	uint32_t line;
	bool dup; /* set by the merge: an earlier row has the id */
} measure_id;

typedef struct measures_job {
	loader ld;      /* ld.d = &d, ld.a = &a */
	diag d;         /* holds the file's messages, keyed by measures_key */
	arena a;        /* the file's strings, amounts and phasings: adopted by the model's */
	size_t file_ix; /* index into m->mfiles */
	measure *ms;    /* the good rows, in row order; the merge keeps those with a new id */
	measure_id *ids;
	size_t n, cap;
	/* Set by the reading thread: the rows of ms by the shard of their id in measure_ix, in
	 * row order within a shard, those of shard s from shard_at[s] to shard_at[s + 1]. */
	uint32_t *by_shard;
	uint32_t shard_at[STRMAP_SHARDS + 1];
	bool read;      /* the file is read (under sh->mu) */
	size_t base;    /* set by the merge: the number of rows of the files before */
	size_t at;      /* set by the merge: the index in m->measures of its first row kept */
	int id_col;       /* the measure column, -1 until the header is read */
	bool header_seen; /* the file's turn of the headers is over */
	fp_status st;
} measures_job;

typedef struct measures_shared measures_shared;
struct measures_shared {
	model *m;
	bool candidates;   /* reading candidates/: into m->candidates, one_off_cost_eur */
	measures_job *jobs;
	size_t njobs;
	strmap extras;     /* the extra column names of the headers read so far */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	size_t next;       /* the next item (file, shard) a thread takes */
	size_t nwork;      /* the items of the step the threads are on */
	size_t turn;       /* the file whose header is read next: they go in file order */
	void (*work)(measures_shared *sh, size_t i); /* what a thread does to item i */
	/* The merge's, per shard of measure_ix: the messages about duplicate ids (held), and
	 * the rows (numbered over the files, measures_job.base) that are duplicates. A shard
	 * takes the ids of the files read so far (ready: the first files, all read) while
	 * other files are still read: merged, the files whose ids it has; busy, a thread is
	 * putting ids into it (merged and busy under mu). */
	size_t ready;
	size_t merged[STRMAP_SHARDS];
	bool busy[STRMAP_SHARDS];
	diag shard_d[STRMAP_SHARDS];
	size_t *dups[STRMAP_SHARDS];
	size_t ndups[STRMAP_SHARDS], dups_cap[STRMAP_SHARDS];
};

/* measures_key: the key of a message about the row at line of file (diag.key): file order,
 * then line order, which is the order in which one thread reading every file reports. */
static inline long measures_key(size_t file, long line)
{
	return (long)file << 32 | (line & 0xffffffffL);
}

/* measures_read_file: read job's file into job (the calling thread owns the job). Its
 * header waits for its turn: measures_turn_wait, measures_turn_pass. */
void measures_read_file(measures_shared *sh, measures_job *job);

/* measures_turn_wait: wait until the headers of the files before job's are read (a
 * thread takes the files in order, so every one of them is with a running thread). */
void measures_turn_wait(measures_shared *sh, const measures_job *job);

/* measures_turn_pass: job's header is read (or will not be): the next file's turn. */
void measures_turn_pass(measures_shared *sh, measures_job *job);

/* measures_read_all: read the files of sh->jobs with up to threads threads (the calling
 * one included; fewer when the system refuses one), then merge them in file order into
 * m->measures and m->measure_ix, reporting each duplicate id, and every message the jobs
 * held, to d in the order one thread would have. Returns the worst of the files' statuses.
 * The merge runs on the threads too: each shard of measure_ix takes its ids in file and
 * row order, so the first row of an id wins and is named by its duplicates, as when one
 * thread puts every id. */
fp_status measures_read_all(measures_shared *sh, unsigned threads, diag *d);

#endif
