/* suggest: "did you mean" for a name that was rejected. The caller offers every valid name
 * (and, where a name stands for a code, the name with the code to show); the few nearest by
 * case-folded edit distance (optimal string alignment) within a bound relative to the
 * name's length are kept, in an order that does not depend on the order of offering. */
#ifndef FP_SUGGEST_H
#define FP_SUGGEST_H
#include "diag.h"
#include <stddef.h>

#define SUGGEST_MAX 3       /* suggestions shown at most */
#define SUGGEST_LEN_MAX 64  /* longer names are not compared (the table is on the stack) */

typedef struct suggest {
	const char *query;
	size_t qlen;
	size_t n;
	struct {
		const char *shown;
		unsigned dist;
	} best[SUGGEST_MAX];
} suggest;

/* suggest_init: look for names near query[0..qlen) (not copied: it must outlive s). */
void suggest_init(suggest *s, const char *query, size_t qlen);

/* suggest_distance: the edit distance (insertions, deletions, substitutions and swaps of
 * two neighbours) of a and b with ASCII case ignored, or limit + 1 when it is above limit
 * or either is longer than SUGGEST_LEN_MAX. */
unsigned suggest_distance(const char *a, size_t alen, const char *b, size_t blen,
			  unsigned limit);

/* suggest_limit: the largest distance accepted for a query of qlen bytes: a third of it,
 * rounded, so short names accept only a case difference or one typo. */
unsigned suggest_limit(size_t qlen);

/* suggest_offer: consider candidate (a valid name, or another spelling of one, e.g. a
 * unit's long name or a Dutch word); if near enough, shown (which must outlive s; the
 * candidate itself when NULL) becomes a suggestion. Only the nearest are kept (a typo one
 * away hides those two away, an exact name hides its neighbours), each shown once, the
 * first SUGGEST_MAX of them in the order of shown's bytes. */
void suggest_offer(suggest *s, const char *candidate, const char *shown);

/* suggest_text: "did you mean 'X'?" or "did you mean one of 'X', 'Y'?" in buf (cut to
 * cap), or "" when there is nothing to suggest; returns buf. */
const char *suggest_text(const suggest *s, char *buf, size_t cap);

/* suggest_note: report suggest_text as a note at file:line:col, when there is one. */
void suggest_note(const suggest *s, diag *d, const char *file, long line, long col);

#endif
