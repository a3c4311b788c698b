/* load: read a model version folder into a model (see load.h, docs/formats.md). Each file
 * is streamed record by record by its own loader (settings.c, units.c, tables.c,
 * measures.c, actuals.c); every bad field is reported with its line and column and the
 * loading goes on, so one run shows every problem. Files that refer to units or
 * categories are skipped when those could not be read at all, to avoid a cascade of
 * "unknown unit" errors that say nothing new. */
#include "load.h"
#include "actuals.h"
#include "loader.h"
#include "measures.h"
#include "settings.h"
#include "tables.h"
#include "treasury.h"
#include "units.h"
#include "../core/xalloc.h"
#include "../io/text.h"
#include "../io/walk.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Loading takes about three bytes of memory per byte of measures (the benchmark measured
 * 320 bytes per 160-byte row): a version whose files would not fit in a third of the
 * machine's memory is refused up front, with a message, instead of being killed halfway.
 * count_bytes, tree_bytes's walk: the bytes of every file not hidden, in the folder and two
 * levels of folders below it. */
static walk_next count_bytes(const walk_entry *e, void *ctx)
{
	uint64_t *total = ctx;
	if (e->name[0] == '.')
		return WALK_SKIP;
	if (e->kind == WALK_FOLDER)
		return e->depth < 2 ? WALK_NEXT : WALK_SKIP;
	if (e->kind == WALK_FILE)
		*total += (uint64_t)e->sb->st_size;
	struct stat st;
	if (e->kind == WALK_LINK && fstatat(e->dirfd, e->name, &st, 0) == 0 &&
	    S_ISREG(st.st_mode))
		*total += (uint64_t)st.st_size; /* a link is read as the file it leads to */
	return WALK_NEXT;
}

static uint64_t tree_bytes(const char *dir)
{
	uint64_t total = 0;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	walk_at(fd, count_bytes, &total);
	close(fd);
	return total;
}

static bool fits_in_memory(const model *m, diag *d)
{
	long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
	if (pages <= 0 || page <= 0)
		return true;
	uint64_t memory = (uint64_t)pages * (uint64_t)page;
	uint64_t bytes = tree_bytes(m->dir);
	if (bytes * 3 <= memory)
		return true;
	diag_error(d, m->dir, 0, 0,
		   "the model version holds %llu MB of files; loading it needs about three times "
		   "that, more than this machine's %llu MB of memory",
		   (unsigned long long)(bytes >> 20), (unsigned long long)(memory >> 20));
	return false;
}

/* Every file read is named in the run record (JSON: UTF-8) and in messages: the version's
 * folder and the files found in measures/ and actuals/ must have names in UTF-8. Checked
 * before anything is read; the names are shown with their bad bytes escaped. */
/* The tail of a message about a name that text_check_name refused. */
static const char *name_rule(const text_problem *p, const char *utf8)
{
	return p->fault == TEXT_BAD_UTF8 ? utf8
					 : "(messages and the run record show names as they are: "
					   "rename it)";
}

static bool dir_name_in_utf8(const model *m, diag *d)
{
	text_problem tp;
	char why[96];
	if (text_check_name(m->dir, strlen(m->dir), &tp))
		return true;
	diag_error(d, NULL, 0, 0, "%s of the model version folder's name %s %s",
		   text_problem_str(&tp, why, sizeof why), text_quotez(m->dir),
		   name_rule(&tp, "(the run record names it in UTF-8)"));
	return false;
}

static bool names_in_utf8(const model *m, diag *d)
{
	static const char *const folders[] = {"measures", "actuals", "candidates"};
	bool ok = true;
	for (size_t k = 0; k < sizeof folders / sizeof *folders; k++) {
		const char *dir = loader_join(m->a, m->dir, folders[k]);
		DIR *dp = opendir(dir);
		if (!dp)
			continue; /* reported, or not needed, where the folder is read */
		const char **names = NULL;
		size_t n = 0, cap = 0;
		struct dirent *e;
		while ((e = readdir(dp)) != NULL) {
			if (loader_is_csv_name(e->d_name) &&
			    !text_check_name(e->d_name, strlen(e->d_name), NULL)) {
				VEC_GROW(names, n, cap);
				names[n++] = arena_strdup(m->a, e->d_name);
			}
		}
		closedir(dp);
		if (n)
			qsort(names, n, sizeof *names, loader_cmp_str); /* not readdir's order */
		for (size_t i = 0; i < n; i++) {
			text_problem tp;
			char why[96];
			text_check_name(names[i], strlen(names[i]), &tp);
			diag_error(d, dir, 0, 0, "%s of file name %s %s",
				   text_problem_str(&tp, why, sizeof why), text_quotez(names[i]),
				   name_rule(&tp, "(the run record names every file in UTF-8: "
						  "rename it)"));
		}
		ok &= n == 0;
		free(names);
	}
	return ok;
}

fp_status model_load(model *m, const char *dir, arena *a, diag *d)
{
	return model_load_threads(m, dir, a, d, false, 0);
}

fp_status model_load_hashed(model *m, const char *dir, arena *a, diag *d)
{
	return model_load_threads(m, dir, a, d, true, 0);
}

fp_status model_load_threads(model *m, const char *dir, arena *a, diag *d, bool hashed,
			     unsigned threads)
{
	if (!threads) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		threads = cpus > 0 ? (unsigned)cpus : 1;
	}
	memset(m, 0, sizeof *m);
	m->threads = threads;
	if (hashed) /* grown with files by loader_add_file */
		m->file_sha256 = xmalloc(sizeof *m->file_sha256);
	m->a = a;
	m->dir = arena_strdup(a, dir);
	m->root = -1;
	strmap_init(&m->unit_ix);
	strmap_init(&m->cat_ix);
	strmap_init(&m->unit_rejected);
	strmap_init(&m->cat_rejected);
	strmap_sharded_init(&m->measure_ix);
	strmap_sharded_init(&m->candidate_ix);
	if (!dir_name_in_utf8(m, d))
		return FP_EDATA;
	DIR *dp = opendir(dir);
	if (!dp) {
		diag_report(d, DIAG_ERROR, FP_ENOINPUT, dir, 0, 0, "cannot open model version: %s",
			    strerror(errno));
		return FP_ENOINPUT;
	}
	closedir(dp);
	if (!names_in_utf8(m, d) || !fits_in_memory(m, d))
		return FP_EDATA;
	fp_status st = settings_load(m, d);
	if (st != FP_OK)
		return st; /* without years and number notation nothing else can be read */
	fp_status su = units_load(m, d);
	fp_status sc = tables_load_categories(m, d);
	st = status_worse(su, sc);
	bool have_units = m->nunits > 0 && m->root >= 0 && su != FP_ENOINPUT;
	bool have_cats = m->ncats > 0;
	if (have_units && have_cats)
		st = status_worse(st, tables_load_baseline(m, d));
	if (have_units && su == FP_OK)
		st = status_worse(st, tables_load_targets(m, d));
	if (have_units && have_cats) {
		fp_status sm = measures_load(m, d, threads);
		st = status_worse(st, sm);
		st = status_worse(st, tables_load_controls(m, d));
		if (sm == FP_OK)
			st = status_worse(st, actuals_load(m, loader_add_file, d));
		/* After the actuals: a version without candidates registers its files as before. A
		 * candidate's id is checked against every measure: only with the measures read. */
		if (sm == FP_OK)
			st = status_worse(st, candidates_load(m, d, threads));
	}
	/* treasury.csv (optional) is read by treasury_load; registered here for the record. */
	const char *tp = treasury_path(a, m->dir);
	if (access(tp, F_OK) == 0)
		loader_add_file(m, tp);
	return status_worse(st, d->status);
}

void model_release(model *m)
{
	strmap_release(&m->unit_ix);
	strmap_release(&m->cat_ix);
	strmap_release(&m->unit_rejected);
	strmap_release(&m->cat_rejected);
	strmap_sharded_release(&m->measure_ix);
	strmap_sharded_release(&m->candidate_ix);
	free(m->files);
	free(m->file_sha256);
	m->file_sha256 = NULL;
	free(m->units);
	free(m->cats);
	free(m->baseline);
	free(m->targets);
	free(m->controls);
	free(m->measures);
	free(m->candidates);
	m->candidates = NULL;
	free(m->actuals);
	m->actuals = NULL;
	m->files = NULL;
	m->units = NULL;
	m->cats = NULL;
	m->baseline = NULL;
	m->targets = NULL;
	m->controls = NULL;
	m->measures = NULL;
}
