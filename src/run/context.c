/* context: see context.h. */
#include "context.h"
#include <errno.h>
#include <string.h>

/* treasury.csv is read by treasury_load, which takes no digest yet: until it passes its
 * slot (model_file_sha256) to csv_read_hashed, the file is hashed here, right after it was
 * read, as the other inputs were before they were hashed as read. */
static fp_status hash_treasury(run_ctx *r)
{
	model *m = &r->m;
	for (size_t i = 0; i < m->nfiles; i++) {
		if (strcmp(m->files[i], r->t.path) != 0 || m->file_sha256[i][0])
			continue;
		if (hash_file(r->t.path, m->file_sha256[i]) != FP_OK) {
			m->file_sha256[i][0] = '\0';
			diag_report(&r->d, DIAG_ERROR, FP_EIO, r->t.path, 0, 0, "read error: %s",
				    strerror(errno));
			return FP_EIO;
		}
	}
	return FP_OK;
}

fp_status run_ctx_load(run_ctx *r, const char *dir, bool hash_inputs)
{
	memset(r, 0, sizeof *r);
	arena_init(&r->a);
	diag_init(&r->d, stderr);
	fp_status st = hash_inputs ? model_load_hashed(&r->m, dir, &r->a, &r->d)
				   : model_load(&r->m, dir, &r->a, &r->d);
	if (st == FP_OK)
		st = treasury_load(&r->m, &r->t, &r->d);
	if (st == FP_OK && hash_inputs && treasury_present(&r->t))
		st = hash_treasury(r);
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
