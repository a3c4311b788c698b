/* compare: see compare.h. */
#include "compare.h"
#include "../core/xalloc.h"
#include "../io/outdir.h"
#include "../io/xlsxread.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

fp_status compare_load(compare_side *s, rerun *rr, const char *sub, diag *d)
{
	fp_status st = manifest_read(&s->mf, s->dir, d);
	if (st == FP_OK)
		st = manifest_check(&s->mf, s->dir, d);
	if (st != FP_OK) {
		diag_finish(d);
		fprintf(stderr, "fitplan: %s: error: the run record was changed or is incomplete\n",
			s->dir);
		return FP_EDATA;
	}
	st = rerun_prepare(rr, &s->mf, s->dir, sub, &s->o, d);
	if (st != FP_OK)
		return st;
	/* The plans are compared, not their risk: no Monte Carlo. */
	s->o.opts.iterations = 0;
	s->o.opts.nsolves = 0;
	st = run_compute(&s->res, &s->o);
	diag_finish(&s->res.ctx.d);
	if (st != FP_OK)
		fprintf(stderr, "fitplan: %s: error: the re-run from the record's inputs failed\n",
			s->dir);
	return st;
}

void compare_side_release(compare_side *s)
{
	run_result_release(&s->res);
	manifest_release(&s->mf);
}

int compare_scenario(const compare_side *s, const char *name)
{
	for (size_t i = 0; i < s->res.n; i++)
		if (strcmp(s->res.s[i].spec.name, name) == 0)
			return (int)i;
	return -1;
}

fp_status compare_xlsx_replaceable(const char *path, bool force, diag *d)
{
	struct stat sb;
	if (lstat(path, &sb) != 0)
		return FP_OK;
	const char *why = NULL;
	if (!force) {
		diag_report(d, DIAG_ERROR, FP_ECANTCREAT, path, 0, 0,
			    "the file exists; --force replaces it if it is a bridge workbook "
			    "written by fitplan diff");
		return FP_ECANTCREAT;
	}
	if (S_ISLNK(sb.st_mode))
		why = "a symbolic link";
	else if (!S_ISREG(sb.st_mode))
		why = S_ISDIR(sb.st_mode) ? "a folder" : "a special file";
	xlsxr_book *b = NULL;
	if (!why) {
		diag quiet; /* why it does not read is not the point here */
		diag_init(&quiet, stderr);
		quiet.cap = 0;
		if (xlsxr_open(path, &b, &quiet) != FP_OK)
			why = "not an xlsx workbook";
	}
	if (!why) {
		const char *kind = xlsxr_property(b, XLSX_KIND_PROPERTY);
		if (!kind || strcmp(kind, XLSX_BRIDGE_KIND) != 0)
			why = "no property " XLSX_KIND_PROPERTY " = " XLSX_BRIDGE_KIND;
	}
	xlsxr_free(b);
	if (!why)
		return FP_OK;
	diag_report(d, DIAG_ERROR, FP_ECANTCREAT, path, 0, 0,
		    "not a bridge workbook written by fitplan diff (%s); --force replaces only "
		    "those", why);
	return FP_ECANTCREAT;
}

fp_status compare_write_xlsx(const char *path, bool force, const run_diff *rd,
			     const compare_side *a, const char *scen, runopt_lang lang, diag *d)
{
	char tmp[4096];
	xlsx_step steps[BR_COUNT];
	for (int k = 0; k < BR_COUNT; k++)
		steps[k] = (xlsx_step){diff_shown_step(lang, (bridge_kind)k), rd->step[k]};
	/* The folder must be there and writable before libxlsxwriter tries (it would print
	 * its own error and name the temporary file). */
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	const char *parent = slash ? (slash == dir ? "/" : (*slash = '\0', dir)) : ".";
	struct stat sb;
	bool ok_dir = stat(parent, &sb) == 0 && S_ISDIR(sb.st_mode) && access(parent, W_OK) == 0;
	free(dir);
	if (!ok_dir) {
		diag_report(d, DIAG_ERROR, FP_ECANTCREAT, path, 0, 0,
			    "cannot create the workbook: its folder does not exist or is not "
			    "writable");
		return FP_ECANTCREAT;
	}
	xlsx_change_row *rows = xcalloc(rd->nchanges ? rd->nchanges : 1, sizeof *rows);
	for (size_t i = 0; i < rd->nchanges; i++) {
		const change *c = &rd->changes[i];
		rows[i] = (xlsx_change_row){{diff_shown(lang, c->section), diff_shown(lang, c->what),
					     c->item, diff_shown(lang, c->field),
					     diff_shown_value(lang, c, 0),
					     diff_shown_value(lang, c, 1)}};
	}
	snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid());
	fp_status st = xlsx_bridge(tmp, lang == RUNOPT_LANG_EN ? LANG_EN : LANG_NL, rd->year, scen,
				   a->res.ctx.m.document_time, rd->gap_a, rd->gap_b, steps,
				   BR_COUNT, rows, rd->nchanges, d);
	free(rows);
	/* Judged again now that the workbook is ready: the file may have appeared or changed
	 * during the re-runs. Without --force, link() fails on a file that appeared since,
	 * where rename() would replace it. */
	if (st == FP_OK)
		st = compare_xlsx_replaceable(path, force, d);
	if (st == FP_OK) {
		int rc = force ? rename(tmp, path) : link(tmp, path);
		if (rc != 0 && !force && errno != EEXIST && !path_exists(path))
			rc = rename(tmp, path); /* a file system without hard links */
		if (rc != 0) {
			diag_report(d, DIAG_ERROR, FP_ECANTCREAT, path, 0, 0,
				    errno == EEXIST ? "the file exists; --force replaces it if it "
						      "is a bridge workbook written by fitplan diff"
						    : "cannot create the workbook");
			st = FP_ECANTCREAT;
		}
	}
	unlink(tmp);
	return st;
}
