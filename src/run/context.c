/* context: see context.h. */
#include "context.h"
#include "../model/load.h"
#include <string.h>

fp_status run_ctx_load(run_ctx *r, const char *dir, bool hash_inputs)
{
	memset(r, 0, sizeof *r);
	arena_init(&r->a);
	diag_init(&r->d, stderr);
	fp_status st = hash_inputs ? model_load_hashed(&r->m, dir, &r->a, &r->d)
				   : model_load(&r->m, dir, &r->a, &r->d);
	if (st == FP_OK)
		st = treasury_load(&r->m, &r->t, &r->d);
	if (st == FP_OK)
		st = status_worse(consolidate(&r->m, model_plan(&r->m), &r->c, &r->d),
				  baseline_consolidate(&r->m, &r->bt, &r->d));
	diag_finish(&r->d);
	return status_worse(st, r->d.status);
}

void run_ctx_release(run_ctx *r)
{
	consolidation_release(&r->c);
	treasury_release(&r->t);
	baseline_totals_release(&r->bt);
	model_release(&r->m);
	arena_release(&r->a);
}
