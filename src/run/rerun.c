/* rerun: see rerun.h. */
#include "rerun.h"
#include "../audit/recdir.h"
#include "../audit/record.h"
#include "../core/interrupt.h"
#include "../core/xalloc.h"
#include "../io/outdir.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
			run_opts *o, diag *d)
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
	run_opts_defaults(o);
	o->dir = own(rr, manifest_join(dest, "inputs/budgets"));
	o->scripts = scripts;
	o->nscripts = (int)mf->nscenarios;
	o->out = own(rr, manifest_join(dest, "run"));
	o->opts = mf->opts; /* threads 0: every processor of this machine */
	o->quiet = true;
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

/* The files the re-run wrote into out that the record does not list as outputs. */
static size_t extra_outputs(const manifest *mf, const char *out, rerun_output_fn fn,
			    void *ctx)
{
	recdir_list l;
	int fd = recdir_open(out);
	if (fd < 0)
		return 0;
	recdir_list_all(fd, &l);
	close(fd);
	size_t count = 0;
	for (size_t i = 0; i < l.n; i++) {
		const char *rel = l.e[i].rel;
		if (l.e[i].kind == WALK_FOLDER || strncmp(rel, "inputs/", 7) == 0 ||
		    strcmp(rel, RECORD_MANIFEST) == 0)
			continue;
		bool listed = false;
		for (size_t k = 0; k < mf->noutputs && !listed; k++)
			listed = strcmp(mf->outputs[k].path, rel) == 0;
		if (!listed) {
			fn(ctx, rel, false, true);
			count++;
		}
	}
	recdir_list_release(&l);
	return count;
}

size_t rerun_compare(const manifest *mf, const char *out, rerun_output_fn fn, void *ctx)
{
	size_t differ = 0;
	for (size_t i = 0; i < mf->noutputs; i++) {
		char *p = manifest_join(out, mf->outputs[i].path);
		char hex[HASH_HEX];
		bool same = path_exists(p) && hash_file(p, hex) == FP_OK &&
			    strcmp(hex, mf->outputs[i].sha256) == 0;
		fn(ctx, mf->outputs[i].path, same, false);
		differ += !same;
		free(p);
	}
	return differ + extra_outputs(mf, out, fn, ctx);
}
