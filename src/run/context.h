/* load: what the model commands share: a run context (arena, diagnostics, model) and the
 * loading of a model version with its consolidation. */
#ifndef FP_CMD_LOAD_H
#define FP_CMD_LOAD_H
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

/* run_load: load the model version in dir and consolidate its own plan and baseline. On
 * failure every problem has been reported on stderr. run_release in any case. */
fp_status run_load(run_ctx *r, const char *dir);
void run_release(run_ctx *r);

#endif
