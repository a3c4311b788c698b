/* measures: the measures folder of a model version, one or more measures/<name>.csv read in
 * byte order of their names (see measures.h, docs/formats.md#measurescsv): fixed columns,
 * a column per plan year and extra columns kept as text for the workbooks' register.
 * Measure ids are unique over every file. This file reads the header and rows of one file
 * into its job; measures_read.c runs the jobs on several threads and merges them. */
#include "measures.h"
#include "measures_int.h"
#include "phasing.h"
#include "../core/xalloc.h"
#include "../io/text.h"
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The most rows measures_read_file makes room for from a file's size (28 MB of address
 * space; a file of 16 MB; the benchmark's files of 250,000 rows fit). */
#define PRESIZE_ROWS ((size_t)1 << 18)

enum { MC_MEASURE, MC_UNIT, MC_TITLE, MC_PILLAR, MC_CATEGORY, MC_NATURE, MC_STATUS, MC_FTE,
       MC_PHASING, MC_ONE_OFF, MC_COUNT };

typedef struct measures_ctx {
	loader ld;
	measures_shared *sh;
	measures_job *job;
	int col[MC_COUNT];
	int *year_col; /* per plan year, the column or -1 */
	int *extra_col;
	size_t file_ix; /* index into model.mfiles */
	strmap *extras; /* the extra column names of every file so far */
} measures_ctx;

static bool year_header(const csv_field *f, int32_t *year)
{
	if (f->len == 0 || f->len > 4)
		return false;
	int32_t y = 0;
	for (size_t i = 0; i < f->len; i++) {
		if (f->s[i] < '0' || f->s[i] > '9')
			return false;
		y = y * 10 + (f->s[i] - '0');
	}
	*year = y;
	return true;
}

static bool measures_header(measures_ctx *c, const csv_record *rec)
{
	loader *ld = &c->ld;
	model *m = ld->m;
	static const char *const names[MC_COUNT] = {"measure", "unit",   "title",  "pillar",
						    "category", "nature", "status", "fte",
						    "phasing", "one_off_cost_eur"};
	static const bool req[MC_COUNT] = {true,  true,  true,  true,  true,
					   true,  true,  false, false, false};
	bool *claimed = xcalloc(rec->nfields, sizeof *claimed);
	/* one_off_cost_eur is a column of candidate files only: in a measure file it stays
	 * an extra column, as before candidates were. */
	c->col[MC_ONE_OFF] = -1;
	bool ok = csv_header_map(rec, names, req, c->sh->candidates ? MC_COUNT : MC_ONE_OFF,
				 c->col, claimed, ld->d);
	c->year_col = arena_alloc(ld->a, (size_t)m->nyears * sizeof *c->year_col);
	for (int y = 0; y < m->nyears; y++)
		c->year_col[y] = -1;
	c->extra_col = arena_alloc(ld->a, rec->nfields * sizeof *c->extra_col);
	measure_file *mf = &m->mfiles[c->file_ix];
	mf->extra_names = arena_alloc(ld->a, rec->nfields * sizeof *mf->extra_names);
	int32_t *extra_cols = arena_alloc(ld->a, rec->nfields * sizeof *extra_cols);
	mf->extra_cols = extra_cols;
	mf->one_off_col = c->col[MC_ONE_OFF] + 1;
	strmap extra;
	strmap_init(&extra);
	for (size_t j = 0; j < rec->nfields; j++) {
		const csv_field *f = &rec->fields[j];
		int32_t year;
		if (claimed[j])
			continue;
		if (year_header(f, &year)) {
			int yi = model_year_index(m, year);
			if (yi < 0) {
				LOADER_ERR(ld, rec, j, "year column '%d' outside the plan years %d-%d", year,
					   m->base_year + 1, m->horizon_year);
				ok = false;
			} else if (c->year_col[yi] >= 0) {
				LOADER_ERR(ld, rec, j, "column '%d' given twice (also column %d)", year,
					   c->year_col[yi] + 1);
				ok = false;
			} else {
				c->year_col[yi] = (int)j;
			}
			continue;
		}
		if (f->len == 0) {
			LOADER_ERR(ld, rec, j, "empty column name");
			ok = false;
			continue;
		}
		const char *name = loader_field_str(ld, rec, (int)j);
		int32_t prev = strmap_put(&extra, name, f->len, (int32_t)j);
		if (prev >= 0) {
			LOADER_ERR(ld, rec, j, "column %s given twice (also column %d)",
				   text_quote(f->s, f->len), prev + 1);
			ok = false;
			continue;
		}
		if (strmap_put(c->extras, name, f->len, 0) < 0 &&
		    c->extras->count > MODEL_MAX_EXTRA_COLUMNS) {
			LOADER_ERR(ld, rec, j, "too many extra columns: %s is number %zu over the measure "
					       "files, the limit is %d (what the workbooks' register holds)",
				   text_quote(f->s, f->len), c->extras->count, MODEL_MAX_EXTRA_COLUMNS);
			ok = false;
			break;
		}
		c->extra_col[mf->nextra] = (int)j;
		extra_cols[mf->nextra] = (int32_t)j + 1;
		mf->extra_names[mf->nextra++] = name;
	}
	strmap_release(&extra);
	free(claimed);
	return ok;
}

static bool measures_row(void *vctx, const csv_record *rec)
{
	measures_ctx *c = vctx;
	loader *ld = &c->ld;
	model *m = ld->m;
	measures_job *job = c->job;
	ld->d->key = measures_key(c->file_ix, rec->line);
	if (rec->index == 0) {
		/* The headers are read in file order: the extra columns count over the files. */
		measures_turn_wait(c->sh, job);
		bool ok = measures_header(c, rec);
		measures_turn_pass(c->sh, job);
		job->id_col = c->col[MC_MEASURE];
		return ok;
	}
	measure ms = {.file = (int32_t)c->file_ix, .pos = loader_pos(ld, rec)};
	bool ok = loader_check_code(ld, rec, c->col[MC_MEASURE], "measure");
	ms.unit = loader_lookup(ld, rec, c->col[MC_UNIT], NAMES_UNIT);
	ok &= ms.unit >= 0;
	if (rec->fields[c->col[MC_TITLE]].len == 0) {
		LOADER_ERR(ld, rec, c->col[MC_TITLE], "empty title");
		ok = false;
	}
	const csv_field *f = &rec->fields[c->col[MC_PILLAR]];
	if (f->len == 1 && f->s[0] >= '1' && f->s[0] <= '3') {
		ms.pillar = (uint8_t)(f->s[0] - '0');
	} else {
		LOADER_ERR(ld, rec, c->col[MC_PILLAR], "unknown pillar %s (expected 1, 2 or 3)",
			   text_quote(f->s, f->len));
		ok = false;
	}
	ms.category = loader_lookup(ld, rec, c->col[MC_CATEGORY], NAMES_CATEGORY);
	ok &= ms.category >= 0;
	f = &rec->fields[c->col[MC_NATURE]];
	int v = measure_nature_parse(f->s, f->len);
	if (v < 0) {
		LOADER_ERR(ld, rec, c->col[MC_NATURE], "unknown nature %s (expected structural or "
						       "incidental)",
			   text_quote(f->s, f->len));
		names_note(ld->d, m, NAMES_NATURE, f->s, f->len, ld->path, f->line,
			   (long)c->col[MC_NATURE] + 1);
		ok = false;
	}
	ms.nature = (uint8_t)v;
	f = &rec->fields[c->col[MC_STATUS]];
	v = measure_status_parse(f->s, f->len);
	if (v < 0) {
		LOADER_ERR(ld, rec, c->col[MC_STATUS], "unknown status %s (expected idea, planned, "
						       "decided or realised)",
			   text_quote(f->s, f->len));
		names_note(ld->d, m, NAMES_STATUS, f->s, f->len, ld->path, f->line,
			   (long)c->col[MC_STATUS] + 1);
		ok = false;
	}
	ms.status = (uint8_t)v;
	if (c->col[MC_FTE] >= 0 && !loader_field_empty(rec, c->col[MC_FTE])) {
		f = &rec->fields[c->col[MC_FTE]];
		money_err e = money_parse(f->s, f->len, m->notation, &ms.fte_centi);
		if (e != MONEY_OK) {
			LOADER_ERR(ld, rec, c->col[MC_FTE], "bad fte %s: %s", text_quote(f->s, f->len),
				   money_err_str(e));
			loader_notation_note(m, ld->d, f->s, f->len);
			ok = false;
		}
	}
	if (c->col[MC_PHASING] >= 0) {
		f = &rec->fields[c->col[MC_PHASING]];
		int32_t w[12];
		bool linear;
		const char *why;
		size_t at;
		if (!phasing_parse(f->s, f->len, m->notation.decimal, w, &linear, &why, &at)) {
			LOADER_ERR(ld, rec, c->col[MC_PHASING], "bad phasing %s: %s (expected linear, "
								"end or twelve monthly shares such as "
								"0/0/0.25/0/0/0.25/0/0/0.25/0/0/0.25)",
				   text_quote(f->s, f->len), why);
			ok = false;
		} else if (!linear) {
			int32_t *p = arena_alloc(ld->a, sizeof w);
			memcpy(p, w, sizeof w);
			ms.phasing = p;
		}
	}
	if (!loader_field_empty(rec, c->col[MC_ONE_OFF])) {
		if (!loader_parse_amount(ld, rec, c->col[MC_ONE_OFF], true, &ms.one_off_cents)) {
			ok = false;
		} else if (ms.one_off_cents < 0) {
			f = &rec->fields[c->col[MC_ONE_OFF]];
			LOADER_ERR(ld, rec, c->col[MC_ONE_OFF], "negative one-off cost %s (a cost is "
								"written as a positive amount)",
				   text_quote(f->s, f->len));
			ok = false;
		}
	}
	int64_t *amounts = arena_alloc(ld->a, (size_t)m->nyears * sizeof *amounts);
	for (int y = 0; y < m->nyears; y++) {
		amounts[y] = 0;
		if (c->year_col[y] >= 0)
			ok &= loader_parse_amount(ld, rec, c->year_col[y], true, &amounts[y]);
	}
	if (!ok)
		return true;
	ms.amounts = amounts;
	const csv_field *idf = &rec->fields[c->col[MC_MEASURE]];
	ms.id = loader_field_str(ld, rec, c->col[MC_MEASURE]);
	ms.title = loader_field_str(ld, rec, c->col[MC_TITLE]);
	const measure_file *mf = &m->mfiles[c->file_ix];
	if (mf->nextra) {
		ms.extra = arena_alloc(ld->a, mf->nextra * sizeof *ms.extra);
		for (size_t k = 0; k < mf->nextra; k++)
			ms.extra[k] = rec->fields[c->extra_col[k]].len
					      ? loader_field_str(ld, rec, c->extra_col[k])
					      : ""; /* one shared empty string, not a copy each */
	}
	/* Whether the id is new is known only in file order: the merge checks it. */
	if (job->n >= job->cap) {
		job->cap = job->cap ? job->cap * 2 : 1024;
		job->ms = xreallocarray(job->ms, job->cap, sizeof *job->ms);
		job->ids = xreallocarray(job->ids, job->cap, sizeof *job->ids);
	}
	job->ids[job->n] = (measure_id){strmap_hash(idf->s, idf->len), (uint32_t)idf->len,
					(uint32_t)idf->line, false};
	job->ms[job->n++] = ms;
	return true;
}

static int cmp_folded(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	int r = text_foldcmp(x, y);
	return r ? r : strcmp(x, y);
}

/* The run record copies every measure file into inputs/, and a run folder may be copied
 * to a case-insensitive file system (Windows, macOS, a USB stick): two names it takes for
 * one (A.csv and a.csv, or é as one code point and as e + an accent) are refused, as two
 * scenario names that differ only in case are. names: sorted by bytes. */
static fp_status names_differ_folded(const char *dir, const char **names, size_t n, diag *d)
{
	if (n < 2)
		return FP_OK;
	const char **f = xmalloc(n * sizeof *f);
	memcpy(f, names, n * sizeof *f);
	qsort(f, n, sizeof *f, cmp_folded);
	fp_status st = FP_OK;
	for (size_t i = 1; i < n; i++) {
		if (text_foldcmp(f[i - 1], f[i]) != 0)
			continue;
		diag_error(d, dir, 0, 0,
			   "file names %s and %s are one name to a case-insensitive file system "
			   "(they differ only in case or in the form of an accent): rename one",
			   text_quotez(f[i - 1]), text_quotez(f[i]));
		st = FP_EDATA;
	}
	free(f);
	return st;
}

void measures_read_file(measures_shared *sh, measures_job *job)
{
	measures_ctx c = {.ld = job->ld, .sh = sh, .job = job, .file_ix = job->file_ix,
			  .extras = &sh->extras};
	job->d.key = measures_key(job->file_ix, 0);
	/* Room for the rows a file of this size can hold at 64 bytes a row (a measure row is
	 * mostly 100 to 200): the vectors are not grown, and so not copied, while the file is
	 * read; the pages past the last row are never touched. At most PRESIZE_ROWS: the
	 * room is address space taken before a row is seen (112 bytes for every 64 of the
	 * file), and a large file need not be rows at all (one field of NUL bytes, say);
	 * past that the vectors grow as the rows come, as for a file that is not regular. */
	struct stat stt;
	if (stat(job->ld.path, &stt) == 0 && S_ISREG(stt.st_mode) && stt.st_size > 0) {
		uint64_t rows = (uint64_t)stt.st_size / 64 + 1024;
		job->cap = rows < PRESIZE_ROWS ? (size_t)rows : PRESIZE_ROWS;
		job->ms = xreallocarray(job->ms, job->cap, sizeof *job->ms);
		job->ids = xreallocarray(job->ids, job->cap, sizeof *job->ids);
	}
	job->st = loader_read(&c.ld, measures_row, &c);
	if (!job->header_seen) /* not opened, empty, or a bad header line */
		measures_turn_pass(sh, job);
}

/* Read the folder measures/ or candidates/ (a candidate file has one_off_cost_eur); the
 * files of candidates/ go after those of measures/ in m->mfiles. */
static fp_status load_folder(model *m, diag *d, unsigned threads, bool candidates)
{
	const char *dir = loader_join(m->a, m->dir, candidates ? "candidates" : "measures");
	DIR *dp = opendir(dir);
	if (!dp) {
		if (candidates && errno == ENOENT)
			return FP_OK; /* optional */
		diag_report(d, DIAG_ERROR, FP_ENOINPUT, dir, 0, 0, "cannot open folder: %s",
			    strerror(errno));
		return FP_ENOINPUT;
	}
	const char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(dp)) != NULL) {
		if (!loader_is_csv_name(e->d_name))
			continue;
		VEC_GROW(names, n, cap);
		names[n++] = arena_strdup(m->a, e->d_name);
	}
	closedir(dp);
	/* readdir order is the file system's: sort by bytes so every machine agrees. */
	if (n)
		qsort(names, n, sizeof *names, loader_cmp_str);
	fp_status st = names_differ_folded(dir, names, n, d);
	size_t before = m->nmfiles + m->ncfiles;
	measure_file *mf = arena_zalloc(m->a, before + n ? before + n : 1, sizeof *m->mfiles);
	if (before)
		memcpy(mf, m->mfiles, before * sizeof *mf);
	m->mfiles = mf;
	/* Every file registered before any is read, in the order one thread reading them one
	 * after the other would register them: each job's loader refers to its own slot. */
	measures_shared sh = {.m = m, .candidates = candidates,
			      .jobs = xcalloc(n ? n : 1, sizeof *sh.jobs), .njobs = n,
			      .turn = before}; /* the turns go by index into m->mfiles */
	strmap_init(&sh.extras);
	for (size_t i = 0; i < n; i++) {
		measures_job *job = &sh.jobs[i];
		loader_open(&job->ld, m, d, arena_printf(m->a, "%s/%s", dir, names[i]));
		diag_init(&job->d, d->out);
		diag_hold(&job->d);
		arena_init(&job->a);
		arena_prefault(&job->a);
		job->ld.d = &job->d;
		job->ld.a = &job->a;
		job->file_ix = before + i;
		if (candidates)
			m->ncfiles++;
		else
			m->nmfiles++;
		job->id_col = -1;
		m->mfiles[job->file_ix].path = job->ld.path;
	}
	st = status_worse(st, measures_read_all(&sh, threads, d));
	strmap_release(&sh.extras);
	free(sh.jobs);
	free(names);
	return st;
}

fp_status measures_load(model *m, diag *d, unsigned threads)
{
	return load_folder(m, d, threads, false);
}

fp_status candidates_load(model *m, diag *d, unsigned threads)
{
	return load_folder(m, d, threads, true);
}
