/* verify: re-run a run record from its own inputs with its recorded options and compare
 * every output byte for byte (run/rerun.h); list the outputs that differ (all of them with
 * --verbose) and a verdict. Exit 0 when all are identical, 1 when any
 * differs, 65 when the record itself was changed (or cannot be read). */
#include "cmd.h"
#include "opts.h"
#include "../audit/changes.h"
#include "../core/xalloc.h"
#include "../io/text.h"
#include "../run/rerun.h"
#include "../run/write.h"
#include "../version.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the record says it was made with, where it differs from this build. The record's
 * strings are shown escaped (text_escape): a forged manifest may hold anything. */
static void say_versions(const manifest *mf)
{
	if (strcmp(mf->tool_version, FITPLAN_VERSION) != 0 ||
	    strcmp(mf->tool_commit, FITPLAN_COMMIT) != 0) {
		char *version = text_escape(mf->tool_version, strlen(mf->tool_version), 0);
		char *commit = text_escape(mf->tool_commit, strlen(mf->tool_commit), 0);
		printf("note: the run was made by fitplan %s (commit %s); this is fitplan %s "
		       "(commit %s)\n",
		       version, commit, FITPLAN_VERSION, FITPLAN_COMMIT);
		free(version);
		free(commit);
	}
	run_versions rv;
	run_versions_get(&rv);
	for (const record_version *v = rv.v; v->name; v++) {
		const char *was = NULL;
		for (size_t i = 0; i < mf->nlibs; i++)
			if (strcmp(mf->lib_names[i], v->name) == 0)
				was = mf->lib_versions[i];
		if (!was) {
			printf("note: the run recorded no version of %s; this is %s\n", v->name,
			       v->version);
		} else if (strcmp(was, v->version) != 0) {
			char *shown = text_escape(was, strlen(was), 0);
			printf("note: the run was made with %s %s; this is %s %s\n", v->name, shown,
			       v->name, v->version);
			free(shown);
		}
	}
}

/* The outputs that differ, kept for the verdict. */
typedef struct differing {
	char **paths; /* xstrdup'ed */
	size_t n, extra; /* extra: those the re-run wrote and the record lacks */
	bool verbose;    /* --verbose: a line for every output, the same ones too */
} differing;

/* "LABEL PATH" of one output, the path escaped (a forged manifest may list any); ctx (a
 * differing) keeps the outputs that differ. Only those are listed unless verbose: a
 * record of a hundred files that verifies should read as one line, not a hundred. */
static void say_output(void *ctx, const char *path, bool same, bool extra)
{
	differing *df = ctx;
	if (!same) {
		df->paths = xrealloc(df->paths, (df->n + 1) * sizeof *df->paths);
		df->paths[df->n++] = xstrdup(path);
		df->extra += extra;
	} else if (!df->verbose)
		return;
	char *shown = text_escape(path, strlen(path), 0);
	printf("%-10s %s%s\n", same ? "same" : "DIFFERENT", shown,
	       extra ? " (the re-run wrote it; the record does not have it)" : "");
	free(shown);
}

/* Re-run the record and compare; returns FP_OK, FP_DIFFERENT or an error. The re-run
 * reads a copy of the record's inputs made while hashing them again (rerun.h), so that it
 * runs exactly what was checked, whatever happens to the record meanwhile. */
static fp_status rerun_and_compare(const manifest *mf, const char *run_dir, bool verbose,
				   diag *d)
{
	rerun rr;
	run_opts o;
	fp_status st = rerun_begin(&rr, "verify", d);
	if (st == FP_OK)
		st = rerun_prepare(&rr, mf, run_dir, NULL, &o, d);
	if (st != FP_OK) {
		rerun_end(&rr);
		return st;
	}
	char *argv[] = {"verify", (char *)run_dir, NULL};
	o.argc = 2;
	o.argv = argv;
	st = run_folder(&o, NULL);
	size_t differ = 0;
	differing df = {NULL, 0, 0, verbose};
	if (st != FP_OK) {
		diag_report(d, DIAG_ERROR, st, run_dir, 0, 0,
			    "the re-run from the record's inputs failed (see above; it ran a copy "
			    "of %s/inputs in a scratch folder)", run_dir);
	} else {
		differ = rerun_compare(mf, o.out, say_output, &df);
		if (differ) {
			/* The record's outputs that differ, and apart the re-run's new ones. */
			printf("DIFFERENT: %zu of %zu outputs differ from the record",
			       differ - df.extra, mf->noutputs);
			if (df.extra)
				printf("; the re-run wrote %zu more", df.extra);
			printf("\n");
			/* A record of another version may differ by design: name the changes
			 * that can change these outputs. */
			changes_explain(stdout, changes_table, mf->tool_version, FITPLAN_VERSION,
					(const char *const *)df.paths, df.n);
		} else
			printf("verified: %zu file%s identical\n", mf->noutputs,
			       mf->noutputs == 1 ? "" : "s");
	}
	for (size_t i = 0; i < df.n; i++)
		free(df.paths[i]);
	free(df.paths);
	rerun_end(&rr);
	if (st != FP_OK)
		return st;
	return differ ? FP_DIFFERENT : FP_OK;
}

fp_status cmd_verify(int argc, char **argv)
{
	const command *self = command_find("verify");
	int first;
	fp_status st;
	bool verbose = false;
	const opt table[] = {
		{"verbose", 'v', OPT_TRUE, &verbose, NULL},
		{NULL, 0, OPT_STRING, NULL, NULL},
	};
	if (!opts_parse(self, table, NULL, argc, argv, &first, &st))
		return st;
	if (argc - first != 1)
		return cmd_usage_error(self, argc - first ? "give one run folder" : "no run folder given");
	const char *run_dir = argv[first];
	diag d;
	diag_init(&d, stderr);
	manifest mf;
	st = manifest_read(&mf, run_dir, &d);
	if (st == FP_OK)
		st = manifest_check(&mf, run_dir, &d);
	if (st != FP_OK) {
		diag_finish(&d);
		if (st != FP_ENOINPUT)
			fprintf(stderr, "fitplan: %s: error: the run record was changed or is "
					"incomplete; not re-run\n", run_dir);
		manifest_release(&mf);
		return cmd_finish_output(st == FP_ENOINPUT ? st : FP_EDATA);
	}
	/* The model name is the record's (any text; shown quoted and escaped); the run hash
	 * is 64 hexadecimal digits (manifest_read). */
	printf("record %s: model %s, %zu inputs, %zu outputs, run hash %.16s...\n", run_dir,
	       text_quotez(mf.model_name), mf.ninputs, mf.noutputs, mf.run_hash);
	say_versions(&mf);
	fflush(stdout);
	run_install_signals();
	st = rerun_and_compare(&mf, run_dir, verbose, &d);
	diag_finish(&d);
	manifest_release(&mf);
	return cmd_finish_output(st);
}
