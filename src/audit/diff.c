/* diff: see diff.h. Measures are matched by id, targets by unit code and year, baselines
 * by unit and category code; every list is walked in the order of its run (A's, then what
 * only B has), so the report is stable. */
#include "diff.h"
#include "../core/xalloc.h"
#include "../io/text.h"
#include "../model/phasing.h"
#include "../model/register.h"
#include <stdio.h>
#include <string.h>

static void add(run_diff *d, const char *section, const char *what, const char *item,
		const char *field, const char *a, const char *b, bool text)
{
	VEC_GROW(d->changes, d->nchanges, d->cap);
	d->changes[d->nchanges++] = (change){section,
					     xstrdup(what),
					     xstrdup(item),
					     xstrdup(field ? field : ""),
					     xstrdup(a ? a : ""),
					     xstrdup(b ? b : ""),
					     text, NULL, NULL};
}

/* The last change's values as a Dutch reader reads them. */
static void set_nl(run_diff *d, const char *a, const char *b)
{
	change *c = &d->changes[d->nchanges - 1];
	c->a_nl = xstrdup(a ? a : "");
	c->b_nl = xstrdup(b ? b : "");
}

void diff_add(run_diff *d, const char *section, const char *what, const char *item,
	      const char *field, const char *a, const char *b)
{
	add(d, section, what, item, field, a, b, false);
}

void diff_add_text(run_diff *d, const char *section, const char *what, const char *item,
		   const char *field, const char *a, const char *b)
{
	add(d, section, what, item, field, a, b, true);
}

void diff_release(run_diff *d)
{
	for (size_t i = 0; i < d->nchanges; i++) {
		free(d->changes[i].what);
		free(d->changes[i].item);
		free(d->changes[i].field);
		free(d->changes[i].a);
		free(d->changes[i].b);
		free(d->changes[i].a_nl);
		free(d->changes[i].b_nl);
	}
	free(d->changes);
	memset(d, 0, sizeof *d);
}

/* What the bridge workbook shows: the steps (in bridge_kind order), then the codes of a
 * change's section, change and field; {code or English, Dutch, English}. */
#define STEP_WORDS(X)                                                                      \
	X("target changed", "doelstelling gewijzigd", "target changed")                    \
	X("measures added", "maatregelen toegevoegd", "measures added")                    \
	X("measures removed", "maatregelen vervallen", "measures removed")                 \
	X("measure amounts changed", "bedragen van maatregelen gewijzigd",                 \
	  "measure amounts changed")                                                       \
	X("structural/incidental changed", "structureel/incidenteel gewijzigd",            \
	  "structural/incidental changed")                                                 \
	X("scenario measures and levers", "maatregelen en hefbomen van het scenario",      \
	  "scenario measures and levers")
#define CODE_WORDS(X)                                                                      \
	X("input", "invoer", "input")                                                      \
	X("measure", "maatregel", "measure")                                               \
	X("target", "doelstelling", "target")                                              \
	X("baseline", "basisbudget", "baseline")                                           \
	X("added", "toegevoegd", "added")                                                  \
	X("removed", "vervallen", "removed")                                               \
	X("changed", "gewijzigd", "changed")                                               \
	X("unit", "eenheid", "unit")                                                       \
	X("title", "titel", "title")                                                       \
	X("pillar", "pijler", "pillar")                                                    \
	X("category", "categorie", "category")                                             \
	X("nature", "aard", "nature")                                                      \
	X("status", "status", "status")                                                    \
	X("fte", "fte", "fte")                                                             \
	X("sha256", "sha256", "sha256")                                                    \
	X("target_eur", "doelstelling (EUR)", "target (EUR)")                              \
	X("amount_eur", "bedrag (EUR)", "amount (EUR)")

#define WORD_ROW(code, nl, en) {code, nl, en},
static const char *const step_words[BR_COUNT][3] = {STEP_WORDS(WORD_ROW)};
static const char *const code_words[][3] = {CODE_WORDS(WORD_ROW)};
#undef WORD_ROW

/* The Dutch nature words (the workbooks' too, export/book.h). */
static const char *nature_nl(measure_nature n)
{
	return n == NATURE_INCIDENTAL ? "incidenteel" : "structureel";
}

const char *bridge_label(bridge_kind k)
{
	return k < BR_COUNT ? step_words[k][0] : "?";
}

const char *diff_shown_step(runopt_lang lang, bridge_kind k)
{
	return k < BR_COUNT ? step_words[k][lang == RUNOPT_LANG_EN ? 2 : 1] : "?";
}

const char *diff_shown(runopt_lang lang, const char *code)
{
	for (size_t i = 0; i < sizeof code_words / sizeof code_words[0]; i++)
		if (strcmp(code_words[i][0], code) == 0)
			return code_words[i][lang == RUNOPT_LANG_EN ? 2 : 1];
	return code;
}

const char *diff_shown_value(runopt_lang lang, const change *c, int side)
{
	const char *nl = side ? c->b_nl : c->a_nl;
	if (lang == RUNOPT_LANG_NL && nl)
		return nl;
	return side ? c->b : c->a;
}

/* The measure's structural saving in year index y (0 when incidental). */
static int64_t structural(const measure *ms, int y)
{
	return ms->nature == NATURE_STRUCTURAL ? ms->amounts[y] : 0;
}

static const char *money(char buf[MONEY_BUF], int64_t cents)
{
	return money_format(buf, cents, 0);
}

static const char *fte(char buf[MONEY_BUF], int64_t centi)
{
	return money_format(buf, centi, 0);
}

static const char *extra_of(const model *m, const measure *ms, const char *name)
{
	if (ms->file < 0 || !ms->extra)
		return NULL;
	const measure_file *mf = &m->mfiles[ms->file];
	for (size_t k = 0; k < mf->nextra; k++)
		if (strcmp(mf->extra_names[k], name) == 0)
			return ms->extra[k];
	return NULL;
}

static void diff_measure(run_diff *d, const model *ma, const measure *a, const model *mb,
			 const measure *b)
{
	char x[MONEY_BUF], y[MONEY_BUF], pa[4], pb[4];
	const char *id = a->id;
	const char *ua = ma->units[a->unit].code, *ub = mb->units[b->unit].code;
	if (strcmp(ua, ub))
		diff_add(d, "measure", "changed", id, "unit", ua, ub);
	if (strcmp(a->title, b->title))
		diff_add_text(d, "measure", "changed", id, "title", a->title, b->title);
	if (a->pillar != b->pillar) {
		snprintf(pa, sizeof pa, "%d", a->pillar);
		snprintf(pb, sizeof pb, "%d", b->pillar);
		diff_add(d, "measure", "changed", id, "pillar", pa, pb);
	}
	const char *ca = ma->cats[a->category].code, *cb = mb->cats[b->category].code;
	if (strcmp(ca, cb))
		diff_add(d, "measure", "changed", id, "category", ca, cb);
	if (a->nature != b->nature) {
		diff_add(d, "measure", "changed", id, "nature",
			 measure_nature_word((measure_nature)a->nature),
			 measure_nature_word((measure_nature)b->nature));
		set_nl(d, nature_nl((measure_nature)a->nature), nature_nl((measure_nature)b->nature));
	}
	if (a->status != b->status) {
		diff_add(d, "measure", "changed", id, "status",
			 measure_status_word((measure_status)a->status),
			 measure_status_word((measure_status)b->status));
		set_nl(d, register_status_word(REGISTER_NL, (measure_status)a->status),
		       register_status_word(REGISTER_NL, (measure_status)b->status));
	}
	if (a->fte_centi != b->fte_centi)
		diff_add(d, "measure", "changed", id, "fte", fte(x, a->fte_centi), fte(y, b->fte_centi));
	if (!phasing_same(a->phasing, b->phasing)) {
		char fa[PHASING_BUF], fb[PHASING_BUF];
		diff_add(d, "measure", "changed", id, "phasing", phasing_format(fa, a->phasing),
			 phasing_format(fb, b->phasing));
	}
	/* Years: by calendar year, over the years either model plans. */
	int32_t first = ma->base_year < mb->base_year ? ma->base_year : mb->base_year;
	int32_t last = ma->horizon_year > mb->horizon_year ? ma->horizon_year : mb->horizon_year;
	for (int32_t year = first + 1; year <= last; year++) {
		int ia = model_year_index(ma, year), ib = model_year_index(mb, year);
		int64_t va = ia >= 0 ? a->amounts[ia] : 0, vb = ib >= 0 ? b->amounts[ib] : 0;
		if (va != vb) {
			char field[16];
			snprintf(field, sizeof field, "%d", year);
			diff_add(d, "measure", "changed", id, field, money(x, va), money(y, vb));
		}
	}
	/* Extra columns, by name, A's then B's. */
	for (int side = 0; side < 2; side++) {
		const model *m = side ? mb : ma;
		const measure *ms = side ? b : a;
		if (ms->file < 0 || !ms->extra)
			continue;
		const measure_file *mf = &m->mfiles[ms->file];
		for (size_t k = 0; k < mf->nextra; k++) {
			const char *name = mf->extra_names[k];
			const char *va = extra_of(ma, a, name), *vb = extra_of(mb, b, name);
			if (side && va)
				continue; /* compared from A's side already */
			if (!va || !vb || strcmp(va, vb))
				diff_add_text(d, "measure", "changed", id, name, va, vb);
		}
	}
}

/* A measure the scenario made or changed: a lever's or measure{}'s, or one adjust{}ed
 * (its origin names the script line). */
static bool is_lever(const measure *ms)
{
	return ms->file < 0 || ms->origin != NULL;
}

static void add_measure_line(run_diff *d, const model *m, const measure *ms, const char *what,
			     int y)
{
	char x[MONEY_BUF], item[256];
	snprintf(item, sizeof item, "%s", ms->id);
	char desc[512], desc_nl[512];
	/* A long title is cut: on a character, or the diff's CSV and workbook get invalid
	 * UTF-8. */
	text_snprintf(desc, sizeof desc, "%s, %s, %s %s", m->units[ms->unit].code, ms->title,
		      measure_nature_word((measure_nature)ms->nature), money(x, ms->amounts[y]));
	text_snprintf(desc_nl, sizeof desc_nl, "%s, %s, %s %s", m->units[ms->unit].code,
		      ms->title, nature_nl((measure_nature)ms->nature), money(x, ms->amounts[y]));
	bool added = strcmp(what, "added") == 0;
	diff_add_text(d, "measure", what, item, "", added ? "" : desc, added ? desc : "");
	set_nl(d, added ? "" : desc_nl, added ? desc_nl : "");
}

static void diff_measures(run_diff *d, const model *ma, const scenario_result *ra,
			  const model *mb, const scenario_result *rb, int ya, int yb)
{
	strmap ib;
	strmap_init(&ib);
	for (size_t i = 0; i < rb->nmeasures; i++)
		strmap_put(&ib, rb->measures[i].id, strlen(rb->measures[i].id), (int32_t)i);
	bool *seen = xcalloc(rb->nmeasures ? rb->nmeasures : 1, sizeof *seen);
	for (size_t i = 0; i < ra->nmeasures; i++) {
		const measure *a = &ra->measures[i];
		int32_t j = strmap_get(&ib, a->id, strlen(a->id));
		int64_t sa = structural(a, ya);
		if (j < 0) {
			add_measure_line(d, ma, a, "removed", ya);
			d->step[is_lever(a) ? BR_LEVERS : BR_REMOVED] += sa;
			continue;
		}
		seen[j] = true;
		const measure *b = &rb->measures[j];
		diff_measure(d, ma, a, mb, b);
		int64_t sb = structural(b, yb);
		bridge_kind k = is_lever(a) || is_lever(b) ? BR_LEVERS
				: a->nature != b->nature  ? BR_NATURE
							  : BR_AMOUNT;
		d->step[k] -= sb - sa;
	}
	for (size_t j = 0; j < rb->nmeasures; j++) {
		if (seen[j])
			continue;
		const measure *b = &rb->measures[j];
		add_measure_line(d, mb, b, "added", yb);
		d->step[is_lever(b) ? BR_LEVERS : BR_ADDED] -= structural(b, yb);
	}
	free(seen);
	strmap_release(&ib);
}

/* A keyed list: "key" -> the value of the last row with that key, in first-seen order. */
typedef struct keyed {
	char **keys;
	int64_t *values, *values2;
	size_t n;
	strmap ix;
} keyed;

static void keyed_put(keyed *k, const char *key, int64_t v, int64_t v2)
{
	int32_t at = strmap_get(&k->ix, key, strlen(key));
	if (at >= 0) {
		k->values[at] = v;
		k->values2[at] = v2;
		return;
	}
	k->keys = xreallocarray(k->keys, k->n + 1, sizeof *k->keys);
	k->values = xreallocarray(k->values, k->n + 1, sizeof *k->values);
	k->values2 = xreallocarray(k->values2, k->n + 1, sizeof *k->values2);
	k->keys[k->n] = xstrdup(key);
	k->values[k->n] = v;
	k->values2[k->n] = v2;
	strmap_put(&k->ix, k->keys[k->n], strlen(k->keys[k->n]), (int32_t)k->n);
	k->n++;
}

static void keyed_release(keyed *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->keys[i]);
	free(k->keys);
	free(k->values);
	free(k->values2);
	strmap_release(&k->ix);
}

/* Compare two keyed lists; fmt2 (may be NULL) formats the second value under field2. */
static void diff_keyed(run_diff *d, const char *section, const keyed *ka, const keyed *kb,
		       const char *field, const char *field2,
		       const char *(*fmt2)(char[MONEY_BUF], int64_t))
{
	char x[MONEY_BUF], y[MONEY_BUF];
	for (size_t i = 0; i < ka->n; i++) {
		int32_t j = strmap_get(&kb->ix, ka->keys[i], strlen(ka->keys[i]));
		if (j < 0) {
			diff_add(d, section, "removed", ka->keys[i], field, money(x, ka->values[i]), "");
			continue;
		}
		if (ka->values[i] != kb->values[j])
			diff_add(d, section, "changed", ka->keys[i], field, money(x, ka->values[i]),
				 money(y, kb->values[j]));
		if (fmt2 && ka->values2[i] != kb->values2[j])
			diff_add(d, section, "changed", ka->keys[i], field2, fmt2(x, ka->values2[i]),
				 fmt2(y, kb->values2[j]));
	}
	for (size_t j = 0; j < kb->n; j++)
		if (strmap_get(&ka->ix, kb->keys[j], strlen(kb->keys[j])) < 0)
			diff_add(d, section, "added", kb->keys[j], field, "", money(y, kb->values[j]));
}

static void targets_of(keyed *k, const model *m, const scenario_result *r)
{
	char key[160];
	memset(k, 0, sizeof *k);
	strmap_init(&k->ix);
	for (size_t i = 0; i < r->ntargets; i++) {
		snprintf(key, sizeof key, "%s %d", m->units[r->targets[i].unit].code,
			 r->targets[i].year);
		keyed_put(k, key, r->targets[i].amount_cents, 0);
	}
}

static void baseline_of(keyed *k, const model *m)
{
	char key[160];
	memset(k, 0, sizeof *k);
	strmap_init(&k->ix);
	for (size_t i = 0; i < m->nbaseline; i++) {
		const baseline_row *b = &m->baseline[i];
		snprintf(key, sizeof key, "%s %s", m->units[b->unit].code, m->cats[b->category].code);
		keyed_put(k, key, b->amount_cents, b->fte_centi);
	}
}

bool diff_runs(run_diff *d, const model *ma, const scenario_result *ra, const consolidation *ca,
	       const model *mb, const scenario_result *rb, const consolidation *cb)
{
	if (ma->target_year != mb->target_year)
		return false;
	d->year = ma->target_year;
	int ya = model_year_index(ma, d->year), yb = model_year_index(mb, d->year);
	const unit_year *a = cons_cell(ca, ma->root, ya), *b = cons_cell(cb, mb->root, yb);
	d->has_target_a = a->has_target;
	d->has_target_b = b->has_target;
	d->gap_a = (a->has_target ? a->target_cents : 0) - a->structural_cents;
	d->gap_b = (b->has_target ? b->target_cents : 0) - b->structural_cents;
	d->step[BR_TARGET] = (b->has_target ? b->target_cents : 0) -
			     (a->has_target ? a->target_cents : 0);
	diff_measures(d, ma, ra, mb, rb, ya, yb);
	keyed ka, kb;
	targets_of(&ka, ma, ra);
	targets_of(&kb, mb, rb);
	diff_keyed(d, "target", &ka, &kb, "target_eur", NULL, NULL);
	keyed_release(&ka);
	keyed_release(&kb);
	baseline_of(&ka, ma);
	baseline_of(&kb, mb);
	diff_keyed(d, "baseline", &ka, &kb, "amount_eur", "fte", fte);
	keyed_release(&ka);
	keyed_release(&kb);
	/* The bridge closes by construction when both roots are the whole plan; say so if
	 * not, rather than invent a step. */
	int64_t sum = d->gap_a;
	for (int k = 0; k < BR_COUNT; k++)
		sum += d->step[k];
	return sum == d->gap_b;
}

void diff_inputs(run_diff *rd, const manifest *a, const manifest *b)
{
	for (size_t i = 0; i < a->ninputs; i++) {
		size_t j = 0;
		while (j < b->ninputs && strcmp(a->inputs[i].path, b->inputs[j].path) != 0)
			j++;
		const char *item = a->inputs[i].path + 7; /* after "inputs/" */
		if (j == b->ninputs)
			diff_add(rd, "input", "removed", item, "sha256", a->inputs[i].sha256, "");
		else if (strcmp(a->inputs[i].sha256, b->inputs[j].sha256) != 0)
			diff_add(rd, "input", "changed", item, "sha256", a->inputs[i].sha256,
				 b->inputs[j].sha256);
	}
	for (size_t j = 0; j < b->ninputs; j++) {
		size_t i = 0;
		while (i < a->ninputs && strcmp(a->inputs[i].path, b->inputs[j].path) != 0)
			i++;
		if (i == a->ninputs)
			diff_add(rd, "input", "added", b->inputs[j].path + 7, "sha256", "",
				 b->inputs[j].sha256);
	}
}
