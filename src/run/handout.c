/* handout: see handout.h. The run records are read by audit/manifest.c, the folders listed
 * by io/walk.c; the states come from the model version's actuals alone, since import
 * writes one row per measure of every workbook it takes. */
#include "handout.h"
#include "write.h"
#include "../audit/manifest.h"
#include "../io/walk.h"
#include "../model/digest.h"
#include "../core/xalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *handout_state_words(handout_state s)
{
	switch (s) {
	case HANDOUT_RETURNED:
		return "returned";
	case HANDOUT_CHANGED:
		return "returned with changes";
	case HANDOUT_NOT_RETURNED:
		return "not returned";
	case HANDOUT_NOTHING:
		return "nothing to return";
	case HANDOUT_UNKNOWN:
		break;
	}
	return "not in the model version";
}

/* The run folders of a model folder: its folders (no link is followed, no file kept). */
typedef struct run_names {
	char **names;
	size_t n, cap;
} run_names;

static walk_next run_entry(const walk_entry *e, void *ctx)
{
	run_names *rn = ctx;
	if (e->kind == WALK_FOLDER && !e->post && e->name[0] != '.') {
		VEC_GROW(rn->names, rn->n, rn->cap);
		rn->names[rn->n++] = xstrdup(e->name);
	}
	return WALK_SKIP;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The record's model files (role model, actuals aside) are exactly m's files of the plan
 * data with the same SHA-256: the model hash the workbooks carry (model_digest) is the same. */
static bool same_model(const model *m, const manifest *mf)
{
	static const char pre[] = "inputs/budgets/";
	size_t want = 0, have = 0;
	for (size_t i = 0; i < mf->ninputs; i++) {
		const manifest_file *f = &mf->inputs[i];
		if (f->role && strcmp(f->role, "model") == 0 &&
		    strncmp(f->path, pre, sizeof pre - 1) == 0 &&
		    strncmp(f->path + sizeof pre - 1, "actuals/", 8) != 0)
			want++;
	}
	for (size_t k = 0; k < m->nfiles; k++) {
		const char *rel = model_file_rel(m, m->files[k]);
		const char *sha = model_file_sha256(m, k);
		if (!sha || strncmp(rel, "actuals/", 8) == 0)
			continue;
		bool found = false;
		for (size_t i = 0; i < mf->ninputs && !found; i++) {
			const manifest_file *f = &mf->inputs[i];
			found = f->role && strcmp(f->role, "model") == 0 &&
				strncmp(f->path, pre, sizeof pre - 1) == 0 &&
				strcmp(f->path + sizeof pre - 1, rel) == 0 &&
				strcmp(f->sha256, sha) == 0;
		}
		if (!found)
			return false;
		have++;
	}
	return have == want;
}

/* The units the record handed a workbook: outputs <scenario>/departments/<UNIT>.xlsx,
 * sorted by code, each once. Into *codes (arena). */
static size_t handed_units(const manifest *mf, arena *a, const char ***codes)
{
	const char **out = arena_zalloc(a, mf->noutputs + 1, sizeof *out);
	size_t n = 0;
	for (size_t i = 0; i < mf->noutputs; i++) {
		const char *p = mf->outputs[i].path, *s = strchr(p, '/');
		static const char dep[] = "/departments/";
		if (!s || strncmp(s, dep, sizeof dep - 1) != 0)
			continue;
		const char *name = s + sizeof dep - 1;
		size_t len = strlen(name);
		if (strchr(name, '/') || len <= 5 || strcmp(name + len - 5, ".xlsx") != 0)
			continue;
		out[n++] = arena_strndup(a, name, len - 5);
	}
	qsort(out, n, sizeof *out, cmp_str);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!k || strcmp(out[k - 1], out[i]) != 0)
			out[k++] = out[i];
	*codes = out;
	return k;
}

/* The period's rows per measure, and what each measure's forecast was before the period:
 * the latest forecast of an earlier period of its year, else its plan for the year. */
typedef struct period_rows {
	const actual_row **row; /* m->nmeasures: the row of the period, or NULL */
	int64_t *before;        /* m->nmeasures */
} period_rows;

static void rows_of(const model *m, const period *p, arena *a, period_rows *pr)
{
	size_t nm = m->nmeasures ? m->nmeasures : 1;
	pr->row = arena_zalloc(a, nm, sizeof *pr->row);
	pr->before = arena_zalloc(a, nm, sizeof *pr->before);
	int yi = model_year_index(m, p->year);
	for (size_t i = 0; i < m->nmeasures; i++)
		pr->before[i] = yi >= 0 ? m->measures[i].amounts[yi] : 0;
	int32_t pi = -1;
	for (size_t k = 0; k < m->nperiods && pi < 0; k++)
		if (strcmp(m->periods[k].name, p->name) == 0)
			pi = (int32_t)k;
	/* The actuals come in period order (model.h), the periods in time order. */
	for (size_t k = 0; k < m->nactuals; k++) {
		const actual_row *r = &m->actuals[k];
		if (r->measure < 0 || (size_t)r->measure >= m->nmeasures)
			continue;
		if (r->period == pi)
			pr->row[r->measure] = r;
		else if ((pi < 0 || r->period < pi) && r->has_forecast &&
			 m->periods[r->period].year == p->year &&
			 m->periods[r->period].last_month < p->first_month)
			pr->before[r->measure] = r->forecast_cents;
	}
}

/* A unit's state: its workbook holds the measures of its subtree. */
static handout_state unit_state(const model *m, const period_rows *pr, int32_t u)
{
	const unit *uu = &m->units[u];
	size_t total = 0, missing = 0, changed = 0;
	for (size_t i = 0; i < m->nmeasures; i++) {
		int32_t pre = m->units[m->measures[i].unit].pre;
		if (pre < uu->pre || pre >= uu->subtree_end)
			continue;
		total++;
		const actual_row *r = pr->row[i];
		if (!r) {
			missing++;
			continue;
		}
		changed += r->has_realised || r->status >= 0 || (r->comment && r->comment[0]) ||
			   (r->has_forecast && r->forecast_cents != pr->before[i]);
	}
	if (!total)
		return HANDOUT_NOTHING;
	if (missing)
		return HANDOUT_NOT_RETURNED;
	return changed ? HANDOUT_CHANGED : HANDOUT_RETURNED;
}

/* Read each run folder's record; choose as handout_returns says. *chosen gets the record
 * (to release), its folder into *dir; false when there is none. */
static bool choose_run(const model *m, const period *p, const char *mdir, run_names *rn,
		       arena *a, diag *d, manifest *chosen, const char **dir, bool *same)
{
	bool have = false;
	for (size_t i = 0; i < rn->n && !(have && *same); i++) {
		const char *run = arena_printf(a, "%s/%s", mdir, rn->names[i]);
		manifest mf;
		diag quiet;
		diag_init(&quiet, d->out);
		diag_hold(&quiet);
		fp_status st = manifest_read(&mf, run, &quiet);
		for (size_t k = 0; k < quiet.nheld; k++)
			free(quiet.held[k].text);
		free(quiet.held);
		if (st != FP_OK || !mf.run_hash_ok) {
			diag_warning(d, run, 0, 0,
				     "skipped: not a run record that can be read (fitplan verify %s "
				     "says why)",
				     run);
			manifest_release(&mf);
			continue;
		}
		bool fits = strcmp(mf.opts.period, p->name) == 0 &&
			    strcmp(mf.model_name, m->name) == 0;
		bool s = fits && same_model(m, &mf);
		if (fits && (!have || s)) {
			if (have)
				manifest_release(chosen);
			*chosen = mf;
			*dir = run;
			*same = s;
			have = true;
		} else {
			manifest_release(&mf);
		}
	}
	return have;
}

fp_status handout_returns(const model *m, const period *p, const char *reports, arena *a,
			  diag *d, handout_list *out)
{
	memset(out, 0, sizeof *out);
	char *mn = run_model_folder(m->name);
	const char *mdir = arena_printf(a, "%s/%s", reports, mn);
	free(mn);
	run_names rn = {0};
	int fd = open(mdir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0) {
		walk_at(fd, run_entry, &rn);
		close(fd);
	}
	if (rn.n) /* qsort of no folder at all: names is NULL */
		qsort(rn.names, rn.n, sizeof *rn.names, cmp_name);
	manifest mf;
	bool have = choose_run(m, p, mdir, &rn, a, d, &mf, &out->run_dir, &out->same_model);
	for (size_t i = 0; i < rn.n; i++)
		free(rn.names[i]);
	free(rn.names);
	if (!have) {
		diag_report(d, DIAG_ERROR, FP_ENOINPUT, reports, 0, 0,
			    "no hand-out run of period %s for model '%s': hand one out with "
			    "fitplan run scenarios/base.lua --period %s",
			    p->name, m->name, p->name);
		return FP_ENOINPUT;
	}
	const char **codes;
	size_t ncodes = handed_units(&mf, a, &codes);
	manifest_release(&mf);
	period_rows pr;
	rows_of(m, p, a, &pr);
	out->units = arena_zalloc(a, ncodes ? ncodes : 1, sizeof *out->units);
	bool *handed = arena_zalloc(a, m->nunits ? m->nunits : 1, sizeof *handed);
	for (size_t i = 0; i < ncodes; i++) {
		int32_t u = model_unit(m, codes[i]);
		if (u >= 0)
			handed[u] = true;
	}
	for (size_t k = 0; k < m->nunits; k++) {
		int32_t u = m->preorder[k];
		if (handed[u])
			out->units[out->n++] = (handout_unit){m->units[u].code, m->units[u].name,
							      unit_state(m, &pr, u)};
	}
	for (size_t i = 0; i < ncodes; i++)
		if (model_unit(m, codes[i]) < 0)
			out->units[out->n++] = (handout_unit){codes[i], "", HANDOUT_UNKNOWN};
	return FP_OK;
}
