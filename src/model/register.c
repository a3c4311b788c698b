/* register: see register.h. The words of the register live here and nowhere else: the
 * workbook writer (export/book.c) and the reader of returned workbooks (returns/) both take
 * them, and the column layout, from this file. */
#include "register.h"
#include "../core/xalloc.h"
#include "../io/text.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The words of the register, in Dutch and English. */
enum {
	W_SHEET,
	W_NOTE,
	W_ORIGIN,
	W_NEW_STATUS,
	W_REALISED,
	W_EXPECTED,
	W_COMMENT,
	W_COUNT
};
static const char *const words[W_COUNT][REGISTER_NLANGS] = {
	[W_SHEET] = {"Maatregelen", "Measures"},
	[W_NOTE] = {"Vul alleen de gele cellen in: nieuwe status, verwacht bedrag per jaar (hele "
		    "euro's) en toelichting. De rest van het blad is beveiligd (zonder "
		    "wachtwoord).",
		    "Fill in the yellow cells only: new status, expected amount per year "
		    "(whole euros) and comment. The rest of the sheet is protected (no "
		    "password)."},
	[W_ORIGIN] = {"Herkomst", "Origin"},
	[W_NEW_STATUS] = {"Nieuwe status", "New status"},
	[W_REALISED] = {"Gerealiseerd", "Realised"},
	[W_EXPECTED] = {"Verwacht", "Expected"},
	[W_COMMENT] = {"Toelichting", "Comment"},
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

const char *register_sheet_word(register_lang lang)
{
	return words[W_SHEET][lang];
}

char *register_sheet_name(char *buf, size_t cap, register_lang lang, size_t k)
{
	if (k == 0)
		snprintf(buf, cap, "%s", words[W_SHEET][lang]);
	else
		snprintf(buf, cap, "%s (%zu)", words[W_SHEET][lang], k + 1);
	return buf;
}

const char *register_input_note(register_lang lang)
{
	return words[W_NOTE][lang];
}

void register_status_choices(const char *out[STATUS_COUNT + 1])
{
	for (int s = 0; s < STATUS_COUNT; s++)
		out[s] = measure_status_word((measure_status)s);
	out[STATUS_COUNT] = NULL;
}

int register_extra_col(const register_layout *l, int32_t file, size_t e)
{
	return l->extra_col[l->extra_off[file] + e];
}

/* The extra columns of every measures file, each name once, in order of first appearance:
 * sets l->nextra and l->extra_col (relative to c_extra for now). Returns the names. */
static const char **extra_columns(register_layout *l, const model *m)
{
	size_t total = 0;
	for (size_t f = 0; f < m->nmfiles; f++)
		total += m->mfiles[f].nextra;
	const char **names = xcalloc(total ? total : 1, sizeof *names);
	l->extra_col = xcalloc(total ? total : 1, sizeof *l->extra_col);
	l->extra_off = xcalloc(m->nmfiles ? m->nmfiles : 1, sizeof *l->extra_off);
	size_t k = 0;
	for (size_t f = 0; f < m->nmfiles; f++) {
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

static char **headers(const register_layout *l, const model *m, const char **extra_names,
		      register_lang lang)
{
	char **h = xcalloc((size_t)l->ncols, sizeof *h);
	for (int c = 0; c < REGISTER_Y0; c++)
		h[c] = xstrdup(fixed_head[c][lang]);
	for (int y = 0; y < l->nyears; y++)
		h[REGISTER_Y0 + y] = year_head(NULL, m->base_year + 1 + y);
	for (size_t e = 0; e < l->nextra; e++)
		h[l->c_extra + (int)e] = xstrdup(extra_names[e]);
	h[l->c_origin] = xstrdup(words[W_ORIGIN][lang]);
	if (l->inputs) {
		h[l->c_new_status] = xstrdup(words[W_NEW_STATUS][lang]);
		h[l->c_realised] = xstrdup(words[W_REALISED][lang]);
		for (int y = 0; y < l->nyears; y++)
			h[l->c_expected + y] = year_head(words[W_EXPECTED][lang], m->base_year + 1 + y);
		h[l->c_comment] = xstrdup(words[W_COMMENT][lang]);
	}
	unique_headers(h, l->ncols);
	return h;
}

void register_layout_init(register_layout *l, const model *m, bool inputs)
{
	memset(l, 0, sizeof *l);
	l->inputs = inputs;
	l->nyears = m->nyears;
	const char **extra_names = extra_columns(l, m);
	l->c_extra = REGISTER_Y0 + l->nyears;
	l->c_origin = l->c_extra + (int)l->nextra;
	l->c_new_status = l->c_origin + 1;
	l->c_realised = l->c_new_status + 1;
	l->c_expected = l->c_realised + 1;
	l->c_comment = l->c_expected + l->nyears;
	l->ncols = inputs ? l->c_comment + 1 : l->c_origin + 1;
	size_t total = 0;
	for (size_t f = 0; f < m->nmfiles; f++)
		total += m->mfiles[f].nextra;
	for (size_t e = 0; e < total; e++)
		l->extra_col[e] += l->c_extra;
	for (int lang = 0; lang < REGISTER_NLANGS; lang++)
		l->head[lang] = headers(l, m, extra_names, (register_lang)lang);
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
