/* register: see register.h. The words of the register and the head's sheet, statuses
 * included, live here and nowhere else: the workbook writer (export/) and the reader of
 * returned workbooks (returns/) both take them, and the column layouts, from this file. */
#include "register.h"
#include "../core/strmap.h"
#include "../core/xalloc.h"
#include "../io/hash.h"
#include "../io/text.h"
#include "actuals.h"
#include "phasing.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* The words of the register, in Dutch and English. */
enum {
	W_SHEET,
	W_UPDATE_SHEET,
	W_NOTE,
	W_READONLY_NOTE,
	W_ORIGIN,
	W_PLAN,
	W_PLAN_TD,
	W_NEW_STATUS,
	W_REALISED,
	W_EXPECTED,
	W_COMMENT,
	W_VIEW_NOTE,
	W_AMOUNT_MESSAGE,
	W_COUNT
};
static const char *const words[W_COUNT][REGISTER_NLANGS] = {
	[W_SHEET] = {"Maatregelen", "Measures"},
	[W_UPDATE_SHEET] = {"Voortgang", "Update"},
	[W_NOTE] = {"Vul alleen de gele cellen in: een nieuwe status, wat in deze periode is "
		    "gerealiseerd, het verwachte bedrag per jaar (in euro's, ten hoogste twee "
		    "decimalen) en een toelichting. "
		    "De rest van het blad is beveiligd (zonder wachtwoord).",
		    "Fill in the yellow cells only: a new status, what was realised in this "
		    "period, the expected amount per year (in euros, at most two decimals) and a "
		    "comment. The rest of the sheet is protected (no password)."},
	[W_READONLY_NOTE] = {"Alle maatregelen met alle jaren, alleen te lezen (bedragen in "
			     "euro); vul de voortgang in op het blad Voortgang.",
			     "Every measure with every year, read-only (amounts in euros); fill "
			     "in the progress on the sheet Update."},
	[W_ORIGIN] = {"Herkomst", "Origin"},
	[W_PLAN] = {"Plan", "Plan"},
	[W_PLAN_TD] = {"Plan t/m", "Plan to date"},
	[W_NEW_STATUS] = {"Nieuwe status", "New status"},
	[W_REALISED] = {"Gerealiseerd in", "Realised in"},
	[W_EXPECTED] = {"Verwacht", "Expected"},
	[W_COMMENT] = {"Toelichting", "Comment"},
	[W_VIEW_NOTE] = {"Alleen te lezen: dit is een weergave, geen uitvraag; fitplan import "
			 "neemt dit blad niet aan. Een uitvraag om in te vullen maakt u met "
			 "fitplan run scenarios/base.lua --period P (bijvoorbeeld 2023-Q2).",
			 "Read-only: this is a view, not a hand-out; fitplan import does not take "
			 "this sheet. A hand-out to fill in is made with fitplan run "
			 "scenarios/base.lua --period P (for example 2023-Q2)."},
	[W_AMOUNT_MESSAGE] = {"Een bedrag in euro's met ten hoogste twee decimalen, tussen "
			      "-1.000.000.000.000 en 1.000.000.000.000.",
			      "An amount in euros with at most two decimals, between "
			      "-1,000,000,000,000 and 1,000,000,000,000."},
};
static const char *const fixed_head[REGISTER_Y0][REGISTER_NLANGS] = {
	[REGISTER_ID] = {"Maatregel", "Measure"},
	[REGISTER_UNIT] = {"Eenheid", "Unit"},
	[REGISTER_NAME] = {"Naam", "Name"},
	[REGISTER_TITLE] = {"Titel", "Title"},
	[REGISTER_PILLAR] = {"Pijler", "Pillar"},
	[REGISTER_CATEGORY] = {"Categorie", "Category"},
	[REGISTER_NATURE] = {"Aard", "Nature"},
	[REGISTER_STATUS] = {"Status", "Status"},
	[REGISTER_FTE] = {"FTE", "FTE"},
};

/* The statuses as the workbooks show them; the English ones are the data files' words. */
static const char *const status_words[STATUS_COUNT][REGISTER_NLANGS] = {
	[STATUS_IDEA] = {"idee", "idea"},
	[STATUS_PLANNED] = {"gepland", "planned"},
	[STATUS_DECIDED] = {"besloten", "decided"},
	[STATUS_REALISED] = {"gerealiseerd", "realised"},
};

const char *register_sheet_word(register_lang lang)
{
	return words[W_SHEET][lang];
}

static char *sheet_name(char *buf, size_t cap, const char *word, size_t k)
{
	if (k == 0)
		snprintf(buf, cap, "%s", word);
	else
		snprintf(buf, cap, "%s (%zu)", word, k + 1);
	return buf;
}

char *register_sheet_name(char *buf, size_t cap, register_lang lang, size_t k)
{
	return sheet_name(buf, cap, words[W_SHEET][lang], k);
}

const char *register_update_sheet_word(register_lang lang)
{
	return words[W_UPDATE_SHEET][lang];
}

char *register_update_sheet_name(char *buf, size_t cap, register_lang lang, size_t k)
{
	return sheet_name(buf, cap, words[W_UPDATE_SHEET][lang], k);
}

const char *register_update_note(register_lang lang)
{
	return words[W_NOTE][lang];
}

const char *register_amount_message(register_lang lang)
{
	return words[W_AMOUNT_MESSAGE][lang];
}

const char *register_readonly_note(register_lang lang)
{
	return words[W_READONLY_NOTE][lang];
}

const char *register_status_word(register_lang lang, measure_status s)
{
	return status_words[s][lang];
}

int register_status_parse(const char *s, size_t len)
{
	for (int st = 0; st < STATUS_COUNT; st++)
		for (int lang = 0; lang < REGISTER_NLANGS; lang++) {
			const char *w = status_words[st][lang];
			if (strlen(w) == len && strncasecmp(w, s, len) == 0)
				return st;
		}
	return -1;
}

void register_status_choices(register_lang lang, const char *out[STATUS_COUNT + 1])
{
	for (int s = 0; s < STATUS_COUNT; s++)
		out[s] = status_words[s][lang];
	out[STATUS_COUNT] = NULL;
}

int register_extra_col(const register_layout *l, int32_t file, size_t e)
{
	return l->extra_col[l->extra_off[file] + e];
}

/* The extra columns of every measures file, each name once, in order of first appearance:
 * sets l->nextra and l->extra_col (relative to c_extra for now). Returns the names. The
 * candidate files count too, after the measure files: an adopted candidate is a measure
 * of the scenario's plan with its own extra columns. */
static const char **extra_columns(register_layout *l, const model *m)
{
	size_t nfiles = m->nmfiles + m->ncfiles;
	size_t total = 0;
	for (size_t f = 0; f < nfiles; f++)
		total += m->mfiles[f].nextra;
	const char **names = xcalloc(total ? total : 1, sizeof *names);
	l->extra_col = xcalloc(total ? total : 1, sizeof *l->extra_col);
	l->extra_off = xcalloc(nfiles ? nfiles : 1, sizeof *l->extra_off);
	size_t k = 0;
	for (size_t f = 0; f < nfiles; f++) {
		l->extra_off[f] = k;
		for (size_t e = 0; e < m->mfiles[f].nextra; e++, k++) {
			const char *name = m->mfiles[f].extra_names[e];
			size_t j = 0;
			while (j < l->nextra && strcmp(names[j], name) != 0)
				j++;
			if (j == l->nextra)
				names[l->nextra++] = name;
			l->extra_col[k] = (int32_t)j;
		}
	}
	return names;
}

/* Excel wants a table's headers unique, ignoring case, and libxlsxwriter refuses one over
 * TEXT_NAME_MAX with a warning on stderr: a header equal to an earlier one gets " (its
 * column number)", its name cut to make room. heads[0..n) are malloc'ed. */
static void unique_headers(char **heads, int n)
{
	for (int c = 1; c < n; c++)
		for (int k = 0; k < c; k++)
			if (strcasecmp(heads[c], heads[k]) == 0) {
				char num[16];
				int nl = snprintf(num, sizeof num, " (%d)", c + 1);
				size_t keep = text_prefix_stored(heads[c], strlen(heads[c]),
								 TEXT_NAME_MAX - (size_t)nl);
				char *h = xmalloc(keep + (size_t)nl + 1);
				memcpy(h, heads[c], keep);
				memcpy(h + keep, num, (size_t)nl + 1);
				free(heads[c]);
				heads[c] = h;
				break;
			}
}

/* "word label": a header naming the reporting period. */
static char *period_head(const char *word, const char *label)
{
	size_t n = strlen(word) + 1 + strlen(label) + 1;
	char *h = xmalloc(n);
	snprintf(h, n, "%s %s", word, label);
	return h;
}

static char *year_head(const char *word, int32_t year)
{
	size_t n = (word ? strlen(word) + 1 : 0) + 16;
	char *h = xmalloc(n);
	if (word)
		snprintf(h, n, "%s %d", word, year);
	else
		snprintf(h, n, "%d", year);
	return h;
}

/* The headers of the extra columns, the same in both languages: each its name in the
 * file, unless that is taken, ignoring case and Unicode normalisation (text_fold), by a
 * header of the register's own in either language (so that fitplan's own columns keep
 * their words and an extra column reads alike in a Dutch and an English workbook) or by an
 * earlier extra column: then the name with " (extra)", or " (extra 2)", " (extra 3)", ...,
 * the first that is free, the name cut to keep the header within TEXT_NAME_MAX. */
static char **extra_headers(const register_layout *l, const model *m, const char **names)
{
	size_t nown = (size_t)REGISTER_Y0 * REGISTER_NLANGS + (size_t)l->nyears + REGISTER_NLANGS;
	char **taken = xcalloc(nown + l->nextra, sizeof *taken); /* folded, the map's keys */
	size_t ntaken = 0;
	strmap map;
	strmap_init(&map);
	for (int lang = 0; lang < REGISTER_NLANGS; lang++) {
		for (int c = 0; c < REGISTER_Y0; c++)
			taken[ntaken++] = text_fold(fixed_head[c][lang]);
		taken[ntaken++] = text_fold(words[W_ORIGIN][lang]);
	}
	for (int y = 0; y < l->nyears; y++)
		taken[ntaken++] = year_head(NULL, m->base_year + 1 + y);
	for (size_t k = 0; k < ntaken; k++)
		strmap_put(&map, taken[k], strlen(taken[k]), (int32_t)k);
	/* Per taken header (the map's value): the next suffix number to try for a name that
	 * folds to it, so that many names alike cost one try each, not one per earlier one. */
	unsigned *next = xcalloc(nown + l->nextra, sizeof *next);
	char **out = xcalloc(l->nextra ? l->nextra : 1, sizeof *out);
	for (size_t e = 0; e < l->nextra; e++) {
		char *h = xstrdup(names[e]);
		int32_t base = -1;
		for (unsigned n = 0;; n++) {
			char *f = text_fold(h);
			int32_t had = strmap_put(&map, f, strlen(f), (int32_t)ntaken);
			if (had < 0) {
				taken[ntaken++] = f;
				break;
			}
			free(f);
			free(h);
			if (base < 0) {
				base = had;
				n = next[base] > n ? next[base] : n + 1;
			}
			next[base] = n + 1;
			char suffix[32];
			int sl = n == 1 ? snprintf(suffix, sizeof suffix, " (extra)")
					: snprintf(suffix, sizeof suffix, " (extra %u)", n);
			size_t keep = text_prefix_stored(names[e], strlen(names[e]),
							 TEXT_NAME_MAX - (size_t)sl);
			h = xmalloc(keep + (size_t)sl + 1);
			memcpy(h, names[e], keep);
			memcpy(h + keep, suffix, (size_t)sl + 1);
		}
		out[e] = h;
	}
	strmap_release(&map);
	for (size_t k = 0; k < ntaken; k++)
		free(taken[k]);
	free(taken);
	free(next);
	return out;
}

static char **headers(const register_layout *l, const model *m, char **extra_heads,
		      register_lang lang)
{
	char **h = xcalloc((size_t)l->ncols, sizeof *h);
	for (int c = 0; c < REGISTER_Y0; c++)
		h[c] = xstrdup(fixed_head[c][lang]);
	for (int y = 0; y < l->nyears; y++)
		h[REGISTER_Y0 + y] = year_head(NULL, m->base_year + 1 + y);
	for (size_t e = 0; e < l->nextra; e++)
		h[l->c_extra + (int)e] = xstrdup(extra_heads[e]);
	h[l->c_origin] = xstrdup(words[W_ORIGIN][lang]);
	unique_headers(h, l->ncols); /* a safety net: extra_headers leaves nothing to do */
	return h;
}

void register_layout_init(register_layout *l, const model *m)
{
	memset(l, 0, sizeof *l);
	l->nyears = m->nyears;
	const char **extra_names = extra_columns(l, m);
	l->c_extra = REGISTER_Y0 + l->nyears;
	l->c_origin = l->c_extra + (int)l->nextra;
	l->ncols = l->c_origin + 1;
	size_t total = 0;
	for (size_t f = 0; f < m->nmfiles + m->ncfiles; f++)
		total += m->mfiles[f].nextra;
	for (size_t e = 0; e < total; e++)
		l->extra_col[e] += l->c_extra;
	char **extra_heads = extra_headers(l, m, extra_names);
	for (int lang = 0; lang < REGISTER_NLANGS; lang++)
		l->head[lang] = headers(l, m, extra_heads, (register_lang)lang);
	for (size_t e = 0; e < l->nextra; e++)
		free(extra_heads[e]);
	free(extra_heads);
	free(extra_names);
}

void register_layout_release(register_layout *l)
{
	for (int lang = 0; lang < REGISTER_NLANGS; lang++) {
		for (int c = 0; l->head[lang] && c < l->ncols; c++)
			free(l->head[lang][c]);
		free(l->head[lang]);
	}
	free(l->extra_col);
	free(l->extra_off);
	memset(l, 0, sizeof *l);
}

/* The year of t (seconds since 1970), in UTC. */
static int32_t year_of(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm))
		return 0;
	return (int32_t)tm.tm_year + 1900;
}

void register_update_period(const period *p, int32_t year, char label[16], int *last_month)
{
	if (p) {
		snprintf(label, 16, "%s", p->name);
		*last_month = p->last_month;
	} else {
		snprintf(label, 16, "%d", (int)year);
		*last_month = 12;
	}
}

void register_update_init(register_update *l, const model *m)
{
	register_update_init_period(l, m, NULL);
}

void register_update_init_period(register_update *l, const model *m, const char *period_name)
{
	memset(l, 0, sizeof *l);
	int32_t first = m->base_year + 1, last = m->base_year + (m->nyears > 0 ? m->nyears : 1);
	/* The reporting period's year; a view's is the document time's, and one outside the
	 * plan years asks for the nearest plan year, so that the sheet always has a year to
	 * report on. */
	period p;
	bool handout = false;
	int32_t y = year_of(m->document_time);
	if (period_name && *period_name && strlen(period_name) < sizeof l->period &&
	    period_parse(period_name, &p)) {
		snprintf(l->period, sizeof l->period, "%s", period_name);
		p.name = l->period;
		y = p.year;
		handout = true;
	}
	y = y < first ? first : y > last ? last : y;
	int32_t to = m->target_year > y ? m->target_year : y;
	to = to > last ? last : to;
	int n = (int)(to - y + 1);
	if (n > REGISTER_UPDATE_MAX_COLS - UPDATE_EXPECTED - 1)
		n = REGISTER_UPDATE_MAX_COLS - UPDATE_EXPECTED - 1;
	l->year = y;
	l->year_ix = (int)(y - first);
	/* A hand-out's period lies in a plan year (run --period checks it); were it clamped
	 * here, it would not be the year it names: then the year's own label. */
	register_update_period(handout && p.year == y ? &p : NULL, y, l->period_label,
			       &l->period_month);
	l->nexpected = n;
	l->c_comment = UPDATE_EXPECTED + n;
	l->ncols = l->c_comment + 1;
	for (int lang = 0; lang < REGISTER_NLANGS; lang++) {
		char **h = xcalloc((size_t)l->ncols, sizeof *h);
		h[UPDATE_ID] = xstrdup(fixed_head[REGISTER_ID][lang]);
		h[UPDATE_TITLE] = xstrdup(fixed_head[REGISTER_TITLE][lang]);
		h[UPDATE_STATUS] = xstrdup(fixed_head[REGISTER_STATUS][lang]);
		h[UPDATE_NEW_STATUS] = xstrdup(words[W_NEW_STATUS][lang]);
		h[UPDATE_PLAN] = year_head(words[W_PLAN][lang], y);
		h[UPDATE_PLAN_TD] = period_head(words[W_PLAN_TD][lang], l->period_label);
		h[UPDATE_REALISED] = period_head(words[W_REALISED][lang], l->period_label);
		for (int k = 0; k < n; k++)
			h[UPDATE_EXPECTED + k] = year_head(words[W_EXPECTED][lang], y + k);
		h[l->c_comment] = xstrdup(words[W_COMMENT][lang]);
		l->head[lang] = h;
	}
}

bool register_update_is_handout(const register_update *l)
{
	return l->period[0] != '\0';
}

char *register_update_label(const register_update *l, register_lang lang, char *buf,
			    size_t cap)
{
	if (register_update_is_handout(l))
		snprintf(buf, cap, "%s %s", words[W_UPDATE_SHEET][lang], l->period);
	else
		snprintf(buf, cap, "%s %d", words[W_UPDATE_SHEET][lang], l->year);
	return buf;
}

const char *register_update_view_note(register_lang lang)
{
	return words[W_VIEW_NOTE][lang];
}

static const char *const id_keys[REGISTER_NKEYS] = {
	[REGISTER_KEY_FORMAT] = "format",     [REGISTER_KEY_MODEL] = "model",
	[REGISTER_KEY_MODEL_HASH] = "model_hash", [REGISTER_KEY_UNIT] = "unit",
	[REGISTER_KEY_RUN_ID] = "run_id",     [REGISTER_KEY_SCENARIO] = "scenario",
	[REGISTER_KEY_PERIOD] = "period",     [REGISTER_KEY_LANG] = "lang",
	[REGISTER_KEY_HANDOUT] = "handout",   [REGISTER_KEY_FITPLAN] = "fitplan",
};

const char *register_id_key_word(register_id_key k)
{
	return id_keys[k];
}

static const char *const fp_heads[REGISTER_FP_NCOLS] = {
	[REGISTER_FP_ID] = REGISTER_ID_TABLE_HEAD, [REGISTER_FP_UNIT] = "unit",
	[REGISTER_FP_TITLE] = "title",   [REGISTER_FP_STATUS] = "status",
	[REGISTER_FP_PLAN] = "plan",     [REGISTER_FP_YEARS] = "years",
	[REGISTER_FP_ALL] = "all",
};

const char *register_fp_head(register_fp_col c)
{
	return fp_heads[c];
}

void register_fp(register_fp_col c, const char *value, char out[REGISTER_FP_HEX])
{
	char hex[HASH_HEX];
	hash_ctx *h = hash_new();
	hash_update_str(h, "fitplan-fingerprint-1");
	hash_update_str(h, fp_heads[c]);
	hash_update_str(h, value);
	hash_final(h, hex);
	memcpy(out, hex, REGISTER_FP_HEX - 1);
	out[REGISTER_FP_HEX - 1] = '\0';
}

void register_fp_amount(register_fp_col c, int64_t cents, char out[REGISTER_FP_HEX])
{
	char v[32];
	snprintf(v, sizeof v, "%lld", (long long)cents);
	register_fp(c, v, out);
}

void register_fp_measure(const register_update *l, const measure *ms, const char *unit_code,
			 char out[REGISTER_FP_NCOLS][REGISTER_FP_HEX])
{
	out[REGISTER_FP_ID][0] = '\0';
	register_fp(REGISTER_FP_UNIT, unit_code, out[REGISTER_FP_UNIT]);
	register_fp(REGISTER_FP_TITLE, ms->title, out[REGISTER_FP_TITLE]);
	register_fp(REGISTER_FP_STATUS, measure_status_word((measure_status)ms->status),
		    out[REGISTER_FP_STATUS]);
	register_fp_amount(REGISTER_FP_PLAN, ms->amounts[l->year_ix], out[REGISTER_FP_PLAN]);
	/* "to:500000;2023:1000000;2024:2000000;": the plan to date (a changed phasing changes
	 * it) and every year asked for, by its year. */
	char years[REGISTER_UPDATE_MAX_COLS * 40];
	size_t n = (size_t)snprintf(years, sizeof years, "to:%lld;",
				    (long long)phasing_to_month(ms->phasing, ms->amounts[l->year_ix],
								l->period_month));
	for (int k = 0; k < l->nexpected; k++)
		n += (size_t)snprintf(years + n, sizeof years - n, "%d:%lld;", l->year + k,
				      (long long)ms->amounts[l->year_ix + k]);
	register_fp(REGISTER_FP_YEARS, years, out[REGISTER_FP_YEARS]);
	char all[REGISTER_FP_NCOLS * REGISTER_FP_HEX + 1];
	n = 0;
	for (int c = REGISTER_FP_UNIT; c < REGISTER_FP_ALL; c++)
		n += (size_t)snprintf(all + n, sizeof all - n, "%s", out[c]);
	register_fp(REGISTER_FP_ALL, all, out[REGISTER_FP_ALL]);
}

void register_update_release(register_update *l)
{
	for (int lang = 0; lang < REGISTER_NLANGS; lang++) {
		for (int c = 0; l->head[lang] && c < l->ncols; c++)
			free(l->head[lang][c]);
		free(l->head[lang]);
	}
	memset(l, 0, sizeof *l);
}
