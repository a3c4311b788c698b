/* compare: two run records compared for `fitplan diff`: each checked and re-run from a
 * checked copy of its own inputs (rerun.h, as verify does; plans only, no Monte Carlo), so
 * the comparison covers the scenarios' levers too; and the bridge workbook written whole,
 * replacing only a bridge workbook that diff wrote. The changes and the bridge themselves
 * are audit/diff.h's. */
#ifndef FP_RUN_COMPARE_H
#define FP_RUN_COMPARE_H
#include "rerun.h"
#include "../audit/diff.h"

/* One of the two records. */
typedef struct compare_side {
	const char *dir;  /* the record as the user named it */
	manifest mf;
	run_opts o;
	run_result res;
	int scen;         /* the scenario compared */
} compare_side;

/* compare_load: check the record s->dir, copy its inputs into sub/ of rr's scratch folder
 * and compute that copy: what is compared is exactly what was checked. FP_EDATA when the
 * record was changed, or the status of the copy or the re-run; reported. Call
 * compare_side_release in any case. */
fp_status compare_load(compare_side *s, rerun *rr, const char *sub, diag *d);
void compare_side_release(compare_side *s);

/* compare_scenario: the index of the scenario named name in s's re-run, or -1. */
int compare_scenario(const compare_side *s, const char *name);

/* compare_xlsx_replaceable: what --xlsx may write over: nothing without force; with it,
 * only a bridge workbook that fitplan diff wrote (a regular file that reads as an xlsx
 * workbook with the property XLSX_KIND_PROPERTY = XLSX_BRIDGE_KIND, read, not guessed from
 * bytes). FP_OK when path may be written; else reported, FP_ECANTCREAT, path untouched. */
fp_status compare_xlsx_replaceable(const char *path, bool force, diag *d);

/* compare_write_xlsx: the bridge of rd for scenario scen (NULL: two scenarios) as a
 * workbook in lang at path, written beside it and moved into place only when complete,
 * after path was judged again (compare_xlsx_replaceable). The document time is a's
 * model's. FP_ECANTCREAT (reported) when it cannot be. */
fp_status compare_write_xlsx(const char *path, bool force, const run_diff *rd,
			     const compare_side *a, const char *scen, runopt_lang lang, diag *d);

#endif
