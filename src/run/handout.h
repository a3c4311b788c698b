/* handout: who has returned the workbooks of a hand-out (fitplan returns): the hand-out run
 * of a reporting period found among the run records under reports/, the units it handed a
 * workbook, and each unit's state from the period's actuals in the model version. */
#ifndef FP_RUN_HANDOUT_H
#define FP_RUN_HANDOUT_H
#include "../model/model.h"

typedef enum handout_state {
	HANDOUT_RETURNED,     /* every measure of its workbook has a row of the period */
	HANDOUT_CHANGED,      /* returned, and a row says something the workbook did not */
	HANDOUT_NOT_RETURNED, /* a measure of its workbook has no row of the period */
	HANDOUT_NOTHING,      /* its workbook held no measure: nothing to return */
	HANDOUT_UNKNOWN       /* a unit the model version no longer has */
} handout_state;

/* handout_state_words: "returned", "returned with changes", "not returned", "nothing to
 * return", "not in the model version". */
const char *handout_state_words(handout_state s);

typedef struct handout_unit {
	const char *code, *name; /* name "" for HANDOUT_UNKNOWN */
	handout_state state;
} handout_unit;

typedef struct handout_list {
	const char *run_dir;  /* the hand-out run: reports/<model>/<run id> */
	bool same_model;      /* made from this model version's plan data (actuals aside) */
	handout_unit *units;  /* the model's pre-order, then units it no longer has by code */
	size_t n;
} handout_list;

/* handout_returns: find the hand-out run of period p for model version m (loaded hashed)
 * under the folder reports, reports/<model>/<run id> (run_model_folder) with options.period
 * p->name and the model's name. Of several, the first by run id in byte order whose model
 * files (actuals aside) have the SHA-256 of m's, else the first by run id; a folder whose
 * manifest.json cannot be read is skipped with a warning. Then every unit with a workbook
 * <scenario>/departments/<UNIT>.xlsx among its outputs, with its state from m's actuals of
 * p (docs/import.md, "Who has returned"). Into *out (arena a); FP_ENOINPUT when there is no
 * such run (reported), FP_OK otherwise. */
fp_status handout_returns(const model *m, const period *p, const char *reports, arena *a,
			  diag *d, handout_list *out);

#endif
