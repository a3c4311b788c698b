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
#include "../io/walk.h"
#include "../core/xalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
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

/* The workbooks of a folder: its *.xlsx files, not those of folders inside it, nor hidden
 * ones (".name") or the lock files a spreadsheet program leaves beside an open workbook
 * ("~$name.xlsx"). A name *.xlsx that is not a file (a symbolic link, a folder, ...) is
 * kept in bad: left out in silence, a head's return would be lost without a word. */
typedef struct folder_books {
	char **names;
	size_t n, cap;
	char **bad; /* "name\0kind words" */
	size_t nbad, badcap;
} folder_books;

static walk_next folder_entry(const walk_entry *e, void *ctx)
{
	folder_books *fb = ctx;
	size_t n = strlen(e->name);
	if (e->name[0] == '.' || strncmp(e->name, "~$", 2) == 0 || n < 5 ||
	    strcmp(e->name + n - 5, ".xlsx") != 0)
		return e->kind == WALK_FOLDER ? WALK_SKIP : WALK_NEXT;
	if (e->kind != WALK_FILE) {
		const char *kind = walk_kind_words(e->kind);
		size_t k = strlen(kind);
		char *b = xmalloc(n + k + 2);
		memcpy(b, e->name, n + 1);
		memcpy(b + n + 1, kind, k + 1);
		VEC_GROW(fb->bad, fb->nbad, fb->badcap);
		fb->bad[fb->nbad++] = b;
		return e->kind == WALK_FOLDER ? WALK_SKIP : WALK_NEXT;
	}
	VEC_GROW(fb->names, fb->n, fb->cap);
	fb->names[fb->n++] = xstrdup(e->name);
	return WALK_NEXT;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The workbooks the arguments name: a file as it is, a folder as its workbooks sorted by
 * name (folder_entry). Into *files (arena); FP_OK, or reported. */
static fp_status workbook_list(char *const *args, int nargs, arena *a, diag *d, char ***files,
			       size_t *nfiles)
{
	size_t n = 0, cap = 0;
	char **out = NULL;
	fp_status st = FP_OK;
	for (int i = 0; i < nargs; i++) {
		struct stat sb;
		if (stat(args[i], &sb) != 0 || !S_ISDIR(sb.st_mode)) {
			VEC_GROW(out, n, cap);
			out[n++] = args[i]; /* opened, and any problem reported, by the reader */
			continue;
		}
		int fd = open(args[i], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		folder_books fb = {0};
		int err = fd < 0 ? errno : walk_at(fd, folder_entry, &fb);
		if (fd >= 0)
			close(fd);
		if (err) {
			diag_report(d, DIAG_ERROR, FP_ENOINPUT, args[i], 0, 0,
				    "cannot read the folder: %s", strerror(err));
			st = FP_ENOINPUT;
		} else if (!fb.n && !fb.nbad) {
			diag_report(d, DIAG_ERROR, FP_ENOINPUT, args[i], 0, 0,
				    "no workbook (*.xlsx) in the folder");
			st = FP_ENOINPUT;
		}
		if (fb.nbad) /* qsort may not be given NULL, even for none */
			qsort(fb.bad, fb.nbad, sizeof *fb.bad, cmp_name);
		for (size_t k = 0; k < fb.nbad; k++) {
			const char *kind = fb.bad[k] + strlen(fb.bad[k]) + 1;
			diag_report(d, DIAG_ERROR, FP_ENOINPUT, join(a, args[i], fb.bad[k]), 0, 0,
				    "not a file but %s: import reads the workbooks that are files in "
				    "the folder; put the workbook itself there, or name it as an "
				    "argument",
				    kind);
			st = FP_ENOINPUT;
			free(fb.bad[k]);
		}
		free(fb.bad);
		if (fb.n)
			qsort(fb.names, fb.n, sizeof *fb.names, cmp_name);
		for (size_t k = 0; k < fb.n; k++) {
			VEC_GROW(out, n, cap);
			out[n++] = (char *)join(a, args[i], fb.names[k]);
			free(fb.names[k]);
		}
		free(fb.names);
	}
	*files = arena_zalloc(a, n ? n : 1, sizeof **files);
	if (n)
		memcpy(*files, out, n * sizeof *out);
	*nfiles = n;
	free(out);
	return st;
}

/* What is judged of period per before any workbook's rows are read: in the plan years, no
 * overlap, and what may be written where. False when something was reported. */
static bool period_writable(const model *m, const period *per, const char *folder,
			    const char *target, bool dry_run, outdir_replace_fn may_replace,
			    diag *d)
{
	returns_check_period(m, per, folder, d);
	if (!dry_run) /* the copy of a model version in a run record (reports/.../inputs) */
		inrecord_refuse(target, d);
	if (d->errors)
		return false;
	/* Judged before any workbook's rows are read, and again when the file is put in
	 * place. */
	if (!dry_run && path_exists(target) && may_replace(target, (void *)per, d) != FP_OK)
		return false;
	return true;
}

fp_status cmd_import(int argc, char **argv)
{
	const command *self = command_find("import");
	const char *dir = "budgets";
	period_opt opt_given = {NULL, {0}};
	bool force = false, dry_run = false;
	const opt table[] = {
		{"budgets", 0, OPT_STRING, &dir, NULL},
		{"period", 0, OPT_PARSE, &opt_given, opts_period},
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
	const char *period_arg = opt_given.arg;
	period given = opt_given.p;

	run_ctx r;
	st = run_ctx_load(&r, dir, true);
	if (st != FP_OK)
		goto out;
	const model *m = &r.m;
	const char *folder = join(&r.a, dir, "actuals");
	outdir_replace_fn may_replace = force ? replaceable_actuals : actuals_exist;
	/* A period given is judged before any workbook is opened. */
	if (period_arg && !period_writable(m, &given, folder,
					   arena_printf(&r.a, "%s/%s.csv", folder, given.name),
					   dry_run, may_replace, &r.d))
		goto done;
	char **files;
	size_t nfiles;
	if (workbook_list(argv + first, argc - first, &r.a, &r.d, &files, &nfiles) != FP_OK)
		goto done;
	/* The period is the workbooks': a hand-out names the period it asks about. */
	returns_books books;
	if (returns_identify(files, nfiles, &r.a, &r.d, &books) != FP_OK)
		goto done;
	if (!books.period && !period_arg) {
		diag_finish(&r.d);
		st = cmd_usage_error(self, "no period: give --period");
		goto out;
	}
	if (period_arg && books.period && strcmp(books.period, given.name) != 0) {
		diag_error(&r.d, NULL, 0, 0,
			   "--period %s is not the period of the workbooks: they were handed out "
			   "for %s (fitplan run ... --period %s)",
			   given.name, books.period, books.period);
		goto done;
	}
	period per = given;
	if (!period_arg) {
		period_parse(arena_strndup(&r.a, books.period, strlen(books.period)), &per);
		if (!period_writable(m, &per, folder,
				     arena_printf(&r.a, "%s/%s.csv", folder, per.name), dry_run,
				     may_replace, &r.d))
			goto done;
	}
	const char *target = arena_printf(&r.a, "%s/%s.csv", folder, per.name);
	char hash[HASH_HEX];
	model_digest(m, false, hash); /* of the files as they were read */
	actual_row *rows;
	size_t nrows;
	if (returns_import(m, hash, &per, &books, &r.a, &r.d, &rows, &nrows) != FP_OK)
		goto done;
	actuals_out o = {.m = m, .rows = rows, .nrows = nrows};
	if (dry_run)
		actuals_csv_write(stdout, m, rows, nrows);
	else if (atomic_write_file(target, fill_actuals, &o, may_replace, &per, &r.d) == FP_OK)
		print_written(target, rows, nrows, (int)nfiles);
done:
	diag_finish(&r.d);
	st = status_worse(st, r.d.status);
out:
	run_ctx_release(&r);
	return cmd_finish_output(st);
}
