/* import: the command that reads the unit workbooks department heads return (fitplan
 * run's departments/<UNIT>.xlsx with the yellow input cells filled in) into the period's
 * actuals file <budgets>/actuals/<P>.csv: options, the policy of what may be written where,
 * then returns/ checks the workbooks and export/actuals_csv writes the file, whole or not at
 * all when anything is wrong. See docs/import.md. */
#include "cmd.h"
#include "../run/inrecord.h"
#include "../run/context.h"
#include "opts.h"
#include "../export/actuals_csv.h"
#include "../io/atomic.h"
#include "../model/actuals.h"
#include "../model/digest.h"
#include "../returns/returns.h"
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* --force replaces only the period's own actuals file: a regular file at the target's name,
 * never a symbolic link (to a file kept elsewhere), a folder or anything else. FP_OK
 * when nothing is there; else reported, FP_ECANTCREAT. An outdir_replace_fn. */
static fp_status replaceable_actuals(const char *target, void *ctx, diag *d)
{
	(void)ctx;
	struct stat sb;
	if (lstat(target, &sb) != 0)
		return FP_OK;
	if (S_ISREG(sb.st_mode))
		return FP_OK;
	diag_report(d, DIAG_ERROR, FP_ECANTCREAT, target, 0, 0,
		    "not a file but %s; --force replaces only the period's own actuals file",
		    S_ISLNK(sb.st_mode) ? "a symbolic link" : S_ISDIR(sb.st_mode) ? "a folder"
									   : "a special file");
	return FP_ECANTCREAT;
}

/* Without --force the period's actuals are never replaced. An outdir_replace_fn; ctx is
 * the period. */
static fp_status actuals_exist(const char *target, void *ctx, diag *d)
{
	const period *p = ctx;
	diag_report(d, DIAG_ERROR, FP_ECANTCREAT, target, 0, 0,
		    "the actuals of period %s exist already: --force replaces them", p->name);
	return FP_ECANTCREAT;
}

typedef struct actuals_out {
	const model *m;
	const actual_row *rows;
	size_t nrows;
} actuals_out;

/* An atomic_fill_fn. */
static fp_status fill_actuals(FILE *f, void *ctx, diag *d)
{
	(void)d;
	const actuals_out *o = ctx;
	actuals_csv_write(f, o->m, o->rows, o->nrows);
	return FP_OK;
}

static const char *join(arena *a, const char *dir, const char *name)
{
	size_t n = strlen(dir);
	return arena_printf(a, n && dir[n - 1] == '/' ? "%s%s" : "%s/%s", dir, name);
}

/* The line that says what was written. */
static void print_written(const char *target, const actual_row *rows, size_t n, int nfiles)
{
	size_t statuses = 0, realised = 0;
	for (size_t i = 0; i < n; i++) {
		statuses += rows[i].status >= 0;
		realised += rows[i].has_realised;
	}
	printf("wrote %s: %zu measures from %d workbook%s (%zu with a new status, %zu with "
	       "a realised amount)\n",
	       target, n, nfiles, nfiles == 1 ? "" : "s", statuses, realised);
}

fp_status cmd_import(int argc, char **argv)
{
	const command *self = command_find("import");
	const char *dir = "budgets", *period_arg = NULL;
	bool force = false, dry_run = false;
	const opt table[] = {
		{"budgets", 0, OPT_STRING, &dir, NULL},
		{"period", 0, OPT_STRING, &period_arg, NULL},
		{"force", 'f', OPT_TRUE, &force, NULL},
		{"dry-run", 'n', OPT_TRUE, &dry_run, NULL},
		{NULL, 0, OPT_TRUE, NULL, NULL},
	};
	int first;
	fp_status st;
	if (!opts_parse(self, table, NULL, argc, argv, &first, &st))
		return st;
	if (first >= argc)
		return cmd_usage_error(self, "no workbook given");
	if (!period_arg)
		return cmd_usage_error(self, "--period is required");
	period per;
	if (!period_parse(period_arg, &per))
		return cmd_usage_error(self, "bad --period '%s' (2023, 2023-Q1 or 2023-06)",
				       period_arg);
	char *const *files = argv + first;
	int nfiles = argc - first;

	run_ctx r;
	st = run_ctx_load(&r, dir, true);
	if (st != FP_OK)
		goto out;
	const model *m = &r.m;
	const char *folder = join(&r.a, dir, "actuals");
	const char *target = arena_printf(&r.a, "%s/%s.csv", folder, per.name);
	returns_check_period(m, &per, folder, &r.d);
	if (!dry_run) /* the copy of a model version in a run record (reports/.../inputs) */
		inrecord_refuse(target, &r.d);
	if (r.d.errors)
		goto done;
	/* Judged before any workbook is read, and again when the file is put in place. */
	outdir_replace_fn may_replace = force ? replaceable_actuals : actuals_exist;
	if (!dry_run && path_exists(target) &&
	    may_replace(target, &per, &r.d) != FP_OK)
		goto done;
	char hash[HASH_HEX];
	model_digest(m, false, hash); /* of the files as they were read */
	actual_row *rows;
	size_t nrows;
	if (returns_import(m, hash, &per, files, (size_t)nfiles, &r.a, &r.d, &rows, &nrows) !=
	    FP_OK)
		goto done;
	actuals_out o = {.m = m, .rows = rows, .nrows = nrows};
	if (dry_run)
		actuals_csv_write(stdout, m, rows, nrows);
	else if (atomic_write_file(target, fill_actuals, &o, may_replace, &per, &r.d) == FP_OK)
		print_written(target, rows, nrows, nfiles);
done:
	diag_finish(&r.d);
	st = status_worse(st, r.d.status);
out:
	run_ctx_release(&r);
	return cmd_finish_output(st);
}
