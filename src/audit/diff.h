/* diff: what changed between two runs of a scenario (two model versions, or two scenarios
 * of one): measures added, removed and changed field by field, targets and baselines
 * changed, and a bridge from A's target-year gap to B's whose steps add up exactly to the
 * difference. Pure C over two loaded models and their scenario results. */
#ifndef FP_DIFF_H
#define FP_DIFF_H
#include "manifest.h"
#include "../model/scenario.h"

typedef struct change {
	const char *section; /* "input", "measure", "target", "baseline" */
	char *what;          /* "added", "removed", "changed" */
	char *item;          /* the measure id, "UNIT YEAR", "UNIT CATEGORY", a path */
	char *field;         /* the field that changed, or "" */
	char *a, *b;         /* the values in A and B ("" when absent) */
	bool text;           /* field, a and b are free text (a title, an extra column and its
			      * values, a measure's description), not codes, words or numbers */
	char *a_nl, *b_nl;   /* a and b as a Dutch reader reads them, where they hold a word
			      * (a status, a nature, a measure's line); NULL: as a and b */
} change;

typedef enum bridge_kind {
	BR_TARGET,            /* the root's target changed */
	BR_ADDED,             /* model measures added */
	BR_REMOVED,           /* model measures removed */
	BR_AMOUNT,            /* model measures whose target-year amount changed */
	BR_NATURE,            /* model measures that became structural or incidental */
	BR_LEVERS,            /* the scenario's own measures and levers */
	BR_COUNT
} bridge_kind;

typedef struct run_diff {
	change *changes;
	size_t nchanges, cap;
	int32_t year;
	bool has_target_a, has_target_b;
	int64_t gap_a, gap_b;     /* target - structural at the root in the target year */
	int64_t step[BR_COUNT];   /* the bridge: gap_a + sum(step) == gap_b */
} run_diff;

/* diff_add: record one change (strings are copied). diff_add_text: one whose field, a
 * and b are free text from the model versions (change.text). */
void diff_add(run_diff *d, const char *section, const char *what, const char *item,
	      const char *field, const char *a, const char *b);
void diff_add_text(run_diff *d, const char *section, const char *what, const char *item,
		   const char *field, const char *a, const char *b);

/* diff_runs: compare A and B. Both models must share the target year (else false, nothing
 * bridged). */
bool diff_runs(run_diff *d, const model *ma, const scenario_result *ra, const consolidation *ca,
	       const model *mb, const scenario_result *rb, const consolidation *cb);

void diff_release(run_diff *d);

/* diff_inputs: the inputs of record a that b lacks (removed), that b has with other bytes
 * (changed) and that b has besides (added), by their path inside the record; section
 * "input", the field "sha256". */
void diff_inputs(run_diff *rd, const manifest *a, const manifest *b);

/* bridge_label: a short English label of a step (the table and the CSV print these). */
const char *bridge_label(bridge_kind k);

/* diff_shown: what the bridge workbook shows a reader in lang for a step, or for a code
 * of a change's section, change or field: bridge_label's text (in English) or a code
 * ("measure", "added", "title", "target_eur"); anything else (a year, a path, an extra
 * column's name) as it is. The one table of these words. */
const char *diff_shown_step(runopt_lang lang, bridge_kind k);
const char *diff_shown(runopt_lang lang, const char *code);

/* diff_shown_value: the value in A (side 0) or B (side 1) of c as a reader in lang reads
 * it. */
const char *diff_shown_value(runopt_lang lang, const change *c, int side);

#endif
