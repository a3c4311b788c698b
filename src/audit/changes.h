/* changes: the changes of fitplan that alter figures on purpose, by version, so that
 * verify of a record made by another version can say that its figures differ by design
 * and name the change, instead of a bare DIFFERENT. docs/changes.md says the same in
 * words; a change that alters figures adds a row here and a section there. */
#ifndef FP_AUDIT_CHANGES_H
#define FP_AUDIT_CHANGES_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct fig_change {
	const char *version; /* the first version with the change, "MAJOR.MINOR.PATCH" */
	const char *id;      /* its short name, as docs/changes.md heads its section */
	const char *what;    /* one line: which figures change, and why */
	const char *outputs; /* the outputs it can change: file-name endings, space-separated
			      * (".csv .xlsx", "/tornado.csv monitor.xlsx") */
} fig_change;

/* The changes so far, oldest first; the table ends with a row whose version is NULL. */
extern const fig_change changes_table[];

/* changes_version_parse: "MAJOR.MINOR.PATCH", each part 1-5 digits, nothing else; false
 * (v untouched) otherwise. */
bool changes_version_parse(const char *s, unsigned v[3]);

/* changes_between: the rows of table whose version lies after the older and at or before
 * the newer of a and b (a record of either side then differs by these), oldest first: up
 * to max of them into out. Returns how many rows there are in all; 0 also when a or b does
 * not parse (nothing can be said of an unknown version). */
size_t changes_between(const fig_change *table, const char *a, const char *b,
		       const fig_change **out, size_t max);

/* changes_explain: of the changes in table (changes_table, but for tests) between the
 * record's version `was` and this build's version `now`, those that can change one of the
 * outputs that differ (paths[0..npaths), names as the record lists them): when there are
 * any, print to f which they are, one line
 * each under a head naming both versions, and return true; otherwise print nothing and
 * return false. `was` comes from a record and is shown escaped. */
bool changes_explain(FILE *f, const fig_change *table, const char *was, const char *now,
		     const char *const *paths, size_t npaths);

#endif
