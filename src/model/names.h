/* names: the valid names a rejected one is compared with for "did you mean" (core/suggest):
 * unit codes and names (a name suggests its code), category codes and labels, measure ids,
 * and the words of the enumerations, with the Dutch status words of the workbooks, which
 * data files do not take, suggesting their English codes. One place for every message of
 * the CSV loaders and of the scripts alike. */
#ifndef FP_MODEL_NAMES_H
#define FP_MODEL_NAMES_H
#include "model.h"
#include "../core/suggest.h"

typedef enum names_what {
	NAMES_UNIT,
	NAMES_CATEGORY,
	NAMES_MEASURE,
	NAMES_CANDIDATE,
	NAMES_STATUS,
	NAMES_NATURE,
	NAMES_KIND,
	NAMES_UNIT_TYPE,
} names_what;

/* names_word: what a message calls it ("unit", "category kind"). */
const char *names_word(names_what what);

/* names_suggest: s for query[0..len) with every valid name of what offered (m may be NULL
 * for the enumerations). The suggestions point into m or static words. */
void names_suggest(suggest *s, const model *m, names_what what, const char *query, size_t len);

/* names_why: a sentence that explains the rejection of query beyond a suggestion, or NULL:
 * for a Dutch status word, that data files keep the English codes. */
const char *names_why(names_what what, const char *query, size_t len);

/* names_note: report names_suggest's suggestion and names_why's sentence (each when there
 * is one) as notes at file:line:col, after the error that rejected query; for the code of
 * a row of units.csv or categories.csv that was rejected itself, instead, that its row has
 * an error (the code is not misspelt: no neighbour is suggested). */
void names_note(diag *d, const model *m, names_what what, const char *query, size_t len,
		const char *file, long line, long col);

#endif
