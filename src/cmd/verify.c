/* verify: re-run a run record from its own inputs with its recorded options and compare
 * every output byte for byte. Exit 0 when all are identical, 1 when any differs, 65 when
 * the record itself was changed (or cannot be read). */
#include "cmd.h"
#include "../run/pipeline.h"
#include "opts.h"
#include "../run/rerun.h"
#include "../audit/manifest.h"
#include "../audit/recdir.h"
#include "../io/text.h"
#include "../version.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	for (const record_version *v = record_versions(); v->name; v++) {
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

/* "LABEL PATH" of one output, the path escaped (a forged manifest may list any). */
static void say_output(const char *label, const char *path, const char *after)
{
	char *shown = text_escape(path, strlen(path), 0);
	printf("%-10s %s%s\n", label, shown, after);
	free(shown);
}

/* Files the re-run wrote into out that the record does not have: each is a difference. */
static size_t extra_outputs(const manifest *mf, const char *out)
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
		if (l.e[i].kind == RECDIR_FOLDER || strncmp(rel, "inputs/", 7) == 0 ||
		    strcmp(rel, RECORD_MANIFEST) == 0)
			continue;
		bool listed = false;
		for (size_t k = 0; k < mf->noutputs && !listed; k++)
			listed = strcmp(mf->outputs[k].path, rel) == 0;
		if (!listed) {
			say_output("DIFFERENT", rel,
				   " (the re-run wrote it; the record does not have it)");
			count++;
		}
	}
	recdir_list_release(&l);
	return count;
}

/* Re-run the record and compare; returns FP_OK, FP_DIFFERENT or an error. The re-run
 * reads a copy of the record's inputs made while hashing them again (rerun.h), so that it
 * runs exactly what was checked, whatever happens to the record meanwhile. */
static fp_status rerun_and_compare(const manifest *mf, const char *run_dir, diag *d)
{
	rerun rr;
	job_opts o;
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
	st = job_run(&o, NULL);
	size_t differ = 0;
	if (st != FP_OK) {
		diag_report(d, DIAG_ERROR, st, run_dir, 0, 0,
			    "the re-run from the record's inputs failed (see above; it ran a copy "
			    "of %s/inputs in a scratch folder)", run_dir);
	} else {
		for (size_t i = 0; i < mf->noutputs; i++) {
			char *p = manifest_join(o.out, mf->outputs[i].path);
			char hex[HASH_HEX];
			bool same = path_exists(p) && hash_file(p, hex) == FP_OK &&
				    strcmp(hex, mf->outputs[i].sha256) == 0;
			say_output(same ? "same" : "DIFFERENT", mf->outputs[i].path, "");
			differ += !same;
			free(p);
		}
		differ += extra_outputs(mf, o.out);
		if (differ)
			printf("DIFFERENT: %zu of %zu outputs differ from the record\n", differ,
			       mf->noutputs);
		else
			printf("verified: all %zu outputs are identical to the record\n",
			       mf->noutputs);
	}
	rerun_end(&rr);
	if (st != FP_OK)
		return st;
	return differ ? FP_DIFFERENT : FP_OK;
}

fp_status cmd_verify(int argc, char **argv)
{
	const command *self = command_find("verify");
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int ch;
	optind = 1;
	while ((ch = opts_next(self, argc, argv, ":h", longopts)) != -1) {
		switch (ch) {
		case 'h': return cmd_print_help(self);
		default: return FP_EUSAGE;
		}
	}
	if (argc - optind != 1)
		return cmd_usage_error(self, argc - optind ? "give one run folder" : "no run folder given");
	const char *run_dir = argv[optind];
	diag d;
	diag_init(&d, stderr);
	manifest mf;
	fp_status st = manifest_read(&mf, run_dir, &d);
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
	job_install_signals();
	st = rerun_and_compare(&mf, run_dir, &d);
	diag_finish(&d);
	manifest_release(&mf);
	return cmd_finish_output(st);
}
