/* rerun: see rerun.h. */
#include "rerun.h"
#include "../core/interrupt.h"
#include "../core/xalloc.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* s (malloc'ed), kept to be freed by rerun_end. */
static void *own(rerun *rr, void *s)
{
	rr->owned = xreallocarray(rr->owned, rr->nowned + 1, sizeof *rr->owned);
	rr->owned[rr->nowned++] = s;
	return s;
}

fp_status rerun_begin(rerun *rr, const char *who, diag *d)
{
	memset(rr, 0, sizeof *rr);
	rr->who = who;
	const char *tmp_root = getenv("TMPDIR");
	char name[64];
	snprintf(name, sizeof name, "fitplan-%s-XXXXXX", who);
	char *scratch = manifest_join(tmp_root && *tmp_root ? tmp_root : "/tmp", name);
	/* A signal from here on removes the scratch folder before the process dies of it. */
	if (!interrupt_scratch_begin(scratch)) {
		diag_report(d, DIAG_ERROR, FP_ECANTCREAT, scratch, 0, 0,
			    "cannot create a scratch folder: %s", strerror(errno));
		free(scratch);
		return FP_ECANTCREAT;
	}
	rr->scratch = scratch;
	return FP_OK;
}

fp_status rerun_prepare(rerun *rr, const manifest *mf, const char *run_dir, const char *sub,
			job_opts *o, diag *d)
{
	const char *dest = sub ? (char *)own(rr, manifest_join(rr->scratch, sub)) : rr->scratch;
	fp_status st = manifest_copy_inputs(mf, run_dir, dest, d);
	if (st != FP_OK) {
		if (st == FP_EDATA)
			fprintf(stderr, "fitplan: %s: error: the run record changed while %s read it; "
					"not re-run\n", run_dir, rr->who);
		return st;
	}
	char **scripts = own(rr, xcalloc(mf->nscenarios ? mf->nscenarios : 1, sizeof *scripts));
	for (size_t i = 0; i < mf->nscenarios; i++)
		scripts[i] = own(rr, manifest_join(dest, mf->scenarios[i].script));
	job_opts_defaults(o);
	o->dir = own(rr, manifest_join(dest, "inputs/budgets"));
	o->scripts = scripts;
	o->nscripts = (int)mf->nscenarios;
	o->out = own(rr, manifest_join(dest, "run"));
	o->seed = mf->seed;
	o->limits.max_instructions = mf->max_instructions;
	o->limits.max_memory_bytes = mf->max_memory_mb << 20;
	o->workbooks = mf->workbooks;
	o->lang = strcmp(mf->lang, "en") == 0 ? LANG_EN : LANG_NL;
	o->quiet = true;
	o->iterations = mf->iterations;
	o->solves = mf->solves;
	o->nsolves = mf->nsolves;
	return FP_OK;
}

void rerun_end(rerun *rr)
{
	if (rr->scratch)
		interrupt_scratch_end();
	for (size_t i = rr->nowned; i-- > 0;)
		free(rr->owned[i]);
	free(rr->owned);
	free(rr->scratch);
	memset(rr, 0, sizeof *rr);
}
