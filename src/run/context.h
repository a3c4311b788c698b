/* context: a model version loaded once, for a run and for the commands that read one
 * (check, consolidate, import): its model, treasury, baseline totals and own
 * consolidation, with the diagnostics and arena they live in. A run loads it hashing every
 * file as it is read (model/digest.h): those digests name the run, go into its workbooks
 * and are what its record's copies must hold. */
#ifndef FP_RUN_CONTEXT_H
#define FP_RUN_CONTEXT_H
#include "../model/consolidate.h"
#include "../model/treasury.h"

typedef struct run_ctx {
	arena a;
	diag d;
	model m;
	consolidation c;
	baseline_totals bt;
	treasury t; /* t.present: the model version has a treasury.csv */
} run_ctx;

/* run_ctx_load: load the model version in dir (hashing every file as it is read when
 * hash_inputs) and consolidate its own plan and baseline. On failure every problem has
 * been reported on stderr. run_ctx_release in any case. */
fp_status run_ctx_load(run_ctx *r, const char *dir, bool hash_inputs);
void run_ctx_release(run_ctx *r);

#endif
