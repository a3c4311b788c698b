/* context: see context.h. */
#include "context.h"
#include "../model/load.h"
#include <stdlib.h>
#include <string.h>

/* For tests and benchmarks only (docs/performance.md): FITPLAN_TEST_LOAD_THREADS=N reads
 * the measure files (and rolls up a plan of 65,536 measures or more: model.threads) with
 * N threads (1 to 64) instead of one per processor. Not an option: it changes no output,
 * which is what the tests that set it show. */
static unsigned load_threads(void)
{
	const char *s = getenv("FITPLAN_TEST_LOAD_THREADS");
	if (!s || *s < '1' || *s > '9')
		return 0;
	unsigned long n = strtoul(s, NULL, 10);
	return n > 64 ? 64 : (unsigned)n;
}

fp_status run_ctx_load(run_ctx *r, const char *dir, bool hash_inputs)
{
	memset(r, 0, sizeof *r);
	arena_init(&r->a);
	diag_init(&r->d, stderr);
	fp_status st = model_load_threads(&r->m, dir, &r->a, &r->d, hash_inputs, load_threads());
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
